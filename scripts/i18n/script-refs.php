<?php
/**
 * Checks that the translation template keeps every reference of the scripts' strings: a string a
 * script shares with PHP must still name the script, or its translation misses the script's JSON.
 *
 *   php scripts/i18n/script-refs.php SCRIPTS_POT TEMPLATE_POT
 *
 * Prints one line per string that lost a script reference and exits 1 if there is any.
 *
 * @package Asa2\Creators
 */

require __DIR__ . '/po.php';

[ , $scripts_pot, $template_pot ] = $argv;
$refs = array();
foreach ( asa2_po_entries( $template_pot ) as $entry ) {
	$refs[ $entry['ctx'] . "\u{4}" . $entry['id'] ] = $entry['refs'];
}
$lost = 0;
foreach ( asa2_po_entries( $scripts_pot ) as $entry ) {
	if ( '' === $entry['id'] ) {
		continue;
	}
	$missing = array_diff( $entry['refs'], $refs[ $entry['ctx'] . "\u{4}" . $entry['id'] ] ?? array() );
	if ( $missing ) {
		printf( "%s: %s\n", implode( ' ', $missing ), $entry['id'] );
		++$lost;
	}
}
exit( $lost ? 1 : 0 );
