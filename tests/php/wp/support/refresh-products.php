<?php
/**
 * One PHP worker of the concurrency tests: loads the test stack's WordPress, waits for the
 * common start time, refreshes the products named on the command line and prints the result
 * as JSON. With --within-quota it refreshes as the background refresh does: within each
 * credential's requests per day.
 *
 * Usage: php -d extension=... refresh-products.php STACK_JSON START_AT [--within-quota] ASIN:MP [ASIN:MP ...]
 *
 * @package Asa2\Tests\WP
 */

require dirname( __DIR__, 4 ) . '/scripts/wp/bootstrap-cli.php';
$stack = asa2_stack_from_argv( $argv );
$start = (float) $argv[2];
$keys   = array();
$within = false;
foreach ( array_slice( $argv, 3 ) as $arg ) {
	if ( '--within-quota' === $arg ) {
		$within = true;
		continue;
	}
	$keys[] = explode( ':', $arg, 2 );
}

require $stack['wp_dir'] . '/wp-load.php';

$wait = $start - microtime( true );
if ( $wait > 0 ) {
	usleep( (int) ( $wait * 1000000 ) );
}
$result = \Asa2\Creators\Plugin::instance()->product_service()->refresh( $keys, $within ? static fn(): bool => true : null );
echo wp_json_encode( $result );
