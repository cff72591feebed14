<?php
/**
 * The translations of one script in WordPress's format for wp_set_script_translations: a Jed 1.x
 * JSON file named DOMAIN-LOCALE-<md5 of the script's path inside the plugin>.json, holding the
 * entries of the .po that the script uses. Writes nothing when the script has no strings.
 *
 * Usage: php script-json.php PO-FILE SCRIPT-PATH LOCALE OUT-DIR
 *
 * @package Asa2\Creators
 */

require __DIR__ . '/po.php';

[ , $po_file, $script, $locale, $out_dir ] = $argv;
$plural_forms = 'nplurals=2; plural=(n != 1);';
$messages     = array();
foreach ( asa2_po_entries( $po_file ) as $entry ) {
	if ( '' === $entry['id'] ) {
		if ( preg_match( '/^Plural-Forms:\s*(.+)$/m', $entry['str'][0] ?? '', $m ) ) {
			$plural_forms = trim( $m[1] );
		}
		continue;
	}
	if ( ! in_array( $script, $entry['refs'], true ) || $entry['fuzzy'] || '' === implode( '', $entry['str'] ) ) {
		continue;
	}
	$key              = ( null !== $entry['ctx'] ? $entry['ctx'] . "\u{4}" : '' ) . $entry['id'];
	$messages[ $key ] = array_values( $entry['str'] );
}
if ( ! $messages ) {
	exit( 0 );
}
ksort( $messages, SORT_STRING );
$json = array(
	'translation-revision-date' => '',
	'generator'                 => 'asa2-creators scripts/i18n.sh',
	'source'                    => $script,
	'domain'                    => 'messages',
	'locale_data'               => array(
		'messages' => array(
			'' => array(
				'domain'       => 'messages',
				'lang'         => $locale,
				'plural-forms' => $plural_forms,
			),
		) + $messages,
	),
);
$file = sprintf( '%s/asa2-creators-%s-%s.json', $out_dir, $locale, md5( $script ) );
file_put_contents( $file, json_encode( $json, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRETTY_PRINT ) . "\n" );
