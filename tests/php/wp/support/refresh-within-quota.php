<?php
/**
 * One PHP worker of the quota concurrency test: loads the test stack's WordPress, waits for the
 * common start time, refreshes the products named on the command line as the background refresh
 * does (within each credential's requests per day) and prints the result as JSON.
 *
 * Usage: php -d extension=... refresh-within-quota.php STACK_JSON START_AT ASIN:MP [ASIN:MP ...]
 *
 * @package Asa2\Tests\WP
 */

require dirname( __DIR__, 4 ) . '/scripts/wp/bootstrap-cli.php';
$stack = asa2_stack_from_argv( $argv );
$start = (float) $argv[2];
$keys  = array();
foreach ( array_slice( $argv, 3 ) as $arg ) {
	$keys[] = explode( ':', $arg, 2 );
}

require $stack['wp_dir'] . '/wp-load.php';

$wait = $start - microtime( true );
if ( $wait > 0 ) {
	usleep( (int) ( $wait * 1000000 ) );
}
$result = \Asa2\Creators\Plugin::instance()->product_service()->refresh( $keys, static fn(): bool => true );
echo wp_json_encode( $result );
