<?php
/**
 * One PHP worker of the concurrency test: loads the test stack's WordPress, waits for the
 * common start time, refreshes the products named on the command line and prints the result
 * as JSON.
 *
 * Usage: php -d extension=... refresh-products.php STACK_JSON START_AT ASIN:MP [ASIN:MP ...]
 *
 * @package Asa2\Tests\WP
 */

$stack = json_decode( (string) file_get_contents( $argv[1] ), true );
$start = (float) $argv[2];
$keys  = array();
foreach ( array_slice( $argv, 3 ) as $arg ) {
	$keys[] = explode( ':', $arg, 2 );
}

$_SERVER['HTTP_HOST']      = '127.0.0.1:' . (int) $stack['port'];
$_SERVER['SERVER_NAME']    = '127.0.0.1';
$_SERVER['REQUEST_URI']    = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
require $stack['wp_dir'] . '/wp-load.php';

$wait = $start - microtime( true );
if ( $wait > 0 ) {
	usleep( (int) ( $wait * 1000000 ) );
}
$result = \Asa2\Creators\Plugin::instance()->product_service()->refresh( $keys );
echo wp_json_encode( $result );
