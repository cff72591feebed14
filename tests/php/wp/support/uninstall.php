<?php
/**
 * Runs the plugin's uninstall.php in a fresh PHP process against the test stack, as WordPress
 * does when the plugin is deleted.
 *
 * Usage: php -d extension=... uninstall.php STACK_JSON
 *
 * @package Asa2\Tests\WP
 */

$stack = json_decode( (string) file_get_contents( $argv[1] ), true );
$_SERVER['HTTP_HOST']      = '127.0.0.1:' . (int) $stack['port'];
$_SERVER['SERVER_NAME']    = '127.0.0.1';
$_SERVER['REQUEST_URI']    = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
require $stack['wp_dir'] . '/wp-load.php';

define( 'WP_UNINSTALL_PLUGIN', $stack['plugin_file'] );
include $stack['plugin_dir'] . '/uninstall.php';
echo 'ok';
