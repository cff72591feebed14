<?php
/**
 * The strings WordPress translates outside PHP and JavaScript calls, as .pot entries: the plugin
 * header's name and description, and each block.json's title, description and keywords (with
 * the contexts WordPress uses for them).
 *
 * Usage: php meta-pot.php PLUGIN-FILE BLOCK-JSON...
 *
 * @package Asa2\Creators
 */

require __DIR__ . '/po.php';

$entries = array();
$add     = static function ( string $text, string $file, ?string $context, string $comment ) use ( &$entries ): void {
	if ( '' !== $text ) {
		$entries[] = ( '' !== $comment ? "#. $comment\n" : '' ) . "#: $file\n" . ( null !== $context ? 'msgctxt ' . asa2_po_quote( $context ) . "\n" : '' ) . 'msgid ' . asa2_po_quote( $text ) . "\nmsgstr \"\"\n";
	}
};

$plugin_file = $argv[1];
$header      = (string) file_get_contents( $plugin_file, false, null, 0, 8192 );
foreach ( array( 'Plugin Name', 'Description' ) as $name ) {
	if ( preg_match( '/^[ \t\/*#@]*' . preg_quote( $name, '/' ) . ':(.*)$/mi', $header, $m ) ) {
		$add( trim( $m[1] ), $plugin_file, null, "$name of the plugin" );
	}
}
foreach ( array_slice( $argv, 2 ) as $block_file ) {
	$block = json_decode( (string) file_get_contents( $block_file ), true );
	$add( (string) ( $block['title'] ?? '' ), $block_file, 'block title', '' );
	$add( (string) ( $block['description'] ?? '' ), $block_file, 'block description', '' );
	foreach ( (array) ( $block['keywords'] ?? array() ) as $keyword ) {
		$add( (string) $keyword, $block_file, 'block keyword', '' );
	}
}

echo "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";
echo implode( "\n", $entries );
