<?php
/**
 * One WP-Cron worker of the overlap test: loads the test stack's WordPress, runs the background
 * refresh (RefreshScheduler::run(), what the cron events call) and prints its result as JSON.
 *
 * Usage: php -d extension=... refresh-cron.php STACK_JSON
 *
 * @package Asa2\Tests\WP
 */

$stack = json_decode( (string) file_get_contents( $argv[1] ), true );

$_SERVER['HTTP_HOST']      = '127.0.0.1:' . (int) $stack['port'];
$_SERVER['SERVER_NAME']    = '127.0.0.1';
$_SERVER['REQUEST_URI']    = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
require $stack['wp_dir'] . '/wp-load.php';

$result = ( new \Asa2\Creators\Cron\RefreshScheduler( \Asa2\Creators\Plugin::instance() ) )->run();
echo wp_json_encode( $result );
