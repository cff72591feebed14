<?php
/**
 * The form of address a catalogue must keep: WordPress's de_DE speaks to the reader with the
 * informal "du", its de_DE_formal with "Sie". Prints the msgid of every translation that uses
 * the other form, one a line (nothing for a language without a rule).
 *
 * A capitalised "Sie" or "Ihr..." at the start of a sentence may be "they" or "their", so only
 * those inside a sentence count for de_DE.
 *
 * Usage: php address.php PO-FILE LOCALE
 *
 * @package Asa2\Creators
 */

require __DIR__ . '/po.php';

[ , $po_file, $locale ] = $argv;
// Per locale: the words of the other form, and whether one at the start of a sentence counts.
$rules = array(
	'de_DE'        => array( '/\b(?:Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres|Ihnen)\b/u', false ),
	'de_DE_formal' => array( '/\b(?:du|dich|dir|dein|deine|deinen|deinem|deiner|deines|Du|Dein|Deine|Deinen|Deinem|Deiner|Deines)\b/u', true ),
);
if ( ! isset( $rules[ $locale ] ) ) {
	exit( 0 );
}
[ $pattern, $at_start ] = $rules[ $locale ];
foreach ( asa2_po_entries( $po_file ) as $entry ) {
	if ( '' === $entry['id'] ) {
		continue;
	}
	foreach ( $entry['str'] as $text ) {
		preg_match_all( $pattern, $text, $matches, PREG_OFFSET_CAPTURE );
		foreach ( $matches[0] as [ , $offset ] ) {
			$before = rtrim( substr( $text, 0, $offset ) );
			$start  = '' === $before || preg_match( '/(?:[.:;!?(]|„|–)$/u', $before );
			if ( $at_start || ! $start ) {
				echo 'msgid ', json_encode( $entry['id'], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ), "\n";
				continue 3;
			}
		}
	}
}
