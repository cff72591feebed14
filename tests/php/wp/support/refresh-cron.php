<?php
/**
 * One WP-Cron worker of the overlap test: loads the test stack's WordPress, runs the background
 * refresh (RefreshScheduler::run(), what the cron events call) and prints its result as JSON.
 *
 * Usage: php -d extension=... refresh-cron.php STACK_JSON
 *
 * @package Asa2\Tests\WP
 */

require dirname( __DIR__, 4 ) . '/scripts/wp/bootstrap-cli.php';
$stack = asa2_stack_from_argv( $argv );
require $stack['wp_dir'] . '/wp-load.php';

$result = \Asa2\Creators\Plugin::instance()->refresh_scheduler()->run();
echo wp_json_encode( $result );
