<?php
/**
 * One process of the object cache contract test's race: loads the test stack's WordPress (with
 * its object cache drop-in), waits for the common start time, tries wp_cache_add() on one key and
 * prints 1 when it added it, 0 when another process had.
 *
 * Usage: php -d extension=... cache-add.php STACK_JSON START_AT KEY
 *
 * @package Asa2\Tests\WP
 */

require dirname( __DIR__, 4 ) . '/scripts/wp/bootstrap-cli.php';
$stack = asa2_stack_from_argv( $argv );
require $stack['wp_dir'] . '/wp-load.php';

$wait = (float) $argv[2] - microtime( true );
if ( $wait > 0 ) {
	usleep( (int) ( $wait * 1000000 ) );
}
echo wp_cache_add( (string) $argv[3], getmypid(), 'asa2_contract', 30 ) ? '1' : '0';
