<?php
/**
 * Reading and writing gettext catalogues for scripts/i18n.sh: a small reader of the .po files
 * msgmerge writes (no wrapping), and the quoting of a .pot entry.
 *
 * @package Asa2\Creators
 */

/**
 * The entries of a .po file: each with context, msgid, plural, translations, references, flags.
 *
 * @param string $file Path of the .po file.
 * @return list<array{ctx: ?string, id: string, plural: ?string, str: array<int, string>, refs: list<string>, fuzzy: bool}>
 */
function asa2_po_entries( string $file ): array {
	$entries = array();
	$entry   = null;
	$field   = null;
	$flush   = static function () use ( &$entry, &$entries ): void {
		if ( null !== $entry && null !== $entry['id'] ) {
			$entries[] = $entry;
		}
		$entry = null;
	};
	foreach ( file( $file, FILE_IGNORE_NEW_LINES ) as $line ) {
		if ( '' === trim( $line ) || str_starts_with( $line, '#~' ) ) {
			$flush();
			continue;
		}
		if ( null === $entry || ( 'msgstr' === $field && ! str_starts_with( $line, 'msgstr' ) && ! str_starts_with( $line, '"' ) ) ) {
			$flush();
			$entry = array( 'ctx' => null, 'id' => null, 'plural' => null, 'str' => array(), 'refs' => array(), 'fuzzy' => false );
			$field = null;
		}
		if ( str_starts_with( $line, '#:' ) ) {
			$entry['refs'] = array_merge( $entry['refs'], preg_split( '/\s+/', trim( substr( $line, 2 ) ) ) );
		} elseif ( str_starts_with( $line, '#,' ) ) {
			$entry['fuzzy'] = $entry['fuzzy'] || str_contains( $line, 'fuzzy' );
		} elseif ( preg_match( '/^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) (".*")$/', $line, $m ) ) {
			$field = 'msgctxt' === $m[1] ? 'ctx' : ( 'msgid' === $m[1] ? 'id' : ( 'msgid_plural' === $m[1] ? 'plural' : 'msgstr' ) );
			$index = isset( $m[2] ) && '' !== $m[2] ? (int) $m[2] : 0;
			$text  = asa2_po_unquote( $m[3] );
			if ( 'msgstr' === $field ) {
				$entry['str'][ $index ] = $text;
				$entry['index']         = $index;
			} else {
				$entry[ $field ] = $text;
			}
		} elseif ( str_starts_with( $line, '"' ) && null !== $field ) {
			if ( 'msgstr' === $field ) {
				$entry['str'][ $entry['index'] ] .= asa2_po_unquote( $line );
			} else {
				$entry[ $field ] .= asa2_po_unquote( $line );
			}
		}
	}
	$flush();
	return $entries;
}

/**
 * The text of one quoted .po string.
 *
 * @param string $quoted The string with its quotes.
 */
function asa2_po_unquote( string $quoted ): string {
	return stripcslashes( substr( $quoted, 1, -1 ) );
}

/**
 * A string quoted for a .po file.
 *
 * @param string $text The text.
 */
function asa2_po_quote( string $text ): string {
	return '"' . addcslashes( $text, "\"\\\n\t" ) . '"';
}
