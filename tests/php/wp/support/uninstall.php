<?php
/**
 * Runs the plugin's uninstall.php in a fresh PHP process against the test stack, as WordPress
 * does when the plugin is deleted.
 *
 * Usage: php -d extension=... uninstall.php STACK_JSON
 *
 * @package Asa2\Tests\WP
 */

require dirname( __DIR__, 4 ) . '/scripts/wp/bootstrap-cli.php';
$stack = asa2_stack_from_argv( $argv );
require $stack['wp_dir'] . '/wp-load.php';

define( 'WP_UNINSTALL_PLUGIN', $stack['plugin_file'] );
include $stack['plugin_dir'] . '/uninstall.php';
echo 'ok';
