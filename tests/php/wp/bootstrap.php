<?php
/**
 * PHPUnit bootstrap of the WordPress tests: loads the running test stack's WordPress (started by
 * scripts/suites/40-wordpress.sh, described in .work/test/stack.json) in this process, with the
 * asa2 extension, then the TestCase base class.
 *
 * Run through the suite: `scripts/suites/40-wordpress.sh [phpunit arguments, e.g. --filter Setup]`.
 *
 * @package Asa2\Tests\WP
 */

// PHPUnit includes this file inside a function: make the variables WordPress (and plugins)
// expect to be global, global.
// phpcs:ignore WordPress.WP.GlobalVariablesOverride -- these are WordPress's own globals.
global $wpdb, $wp, $wp_query, $wp_the_query, $wp_rewrite, $wp_roles, $wp_filter, $wp_actions, $wp_current_filter,
	$wp_version, $wp_db_version, $table_prefix, $current_user, $shortcode_tags, $wp_locale, $wp_embed,
	$wp_theme_directories, $wp_scripts, $wp_styles, $wp_post_types, $wp_taxonomies, $wp_meta_boxes, $wp_settings_sections,
	$wp_settings_fields, $wp_settings_errors, $wp_registered_settings, $menu, $submenu, $admin_page_hooks, $_registered_pages,
	$_parent_pages, $pagenow, $typenow, $hook_suffix, $plugin_page, $phpmailer, $wp_object_cache, $wp_plugin_paths, $allowedposttags;

$asa2_stack_file = getenv( 'ASA2_STACK_JSON' ) ?: dirname( __DIR__, 3 ) . '/.work/test/stack.json';
if ( ! is_readable( $asa2_stack_file ) ) {
	fwrite( STDERR, "The test stack is not prepared ({$asa2_stack_file} is missing): run scripts/suites/40-wordpress.sh, which starts it and runs these tests.\n" );
	exit( 1 );
}
$asa2_stack = json_decode( (string) file_get_contents( $asa2_stack_file ), true );
if ( ! is_array( $asa2_stack ) || 'test' !== ( $asa2_stack['stack'] ?? '' ) ) {
	fwrite( STDERR, "{$asa2_stack_file} does not describe the test stack.\n" );
	exit( 1 );
}
if ( ! extension_loaded( 'asa2' ) ) {
	fwrite( STDERR, "The test stack runs with the asa2 extension but PHPUnit does not: run it as php -d extension={$asa2_stack['extension']} phpunit ... (scripts/suites/40-wordpress.sh does).\n" );
	exit( 1 );
}

$_SERVER['HTTP_HOST']      = '127.0.0.1:' . (int) $asa2_stack['port'];
$_SERVER['SERVER_NAME']    = '127.0.0.1';
$_SERVER['SERVER_PORT']    = (string) $asa2_stack['port'];
$_SERVER['REQUEST_URI']    = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REMOTE_ADDR']    = '127.0.0.1';

require $asa2_stack['wp_dir'] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';

require __DIR__ . '/TestCase.php';
\Asa2\Tests\WP\TestCase::$stack = $asa2_stack;
unset( $asa2_stack_file, $asa2_stack );
