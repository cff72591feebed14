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

require dirname( __DIR__, 3 ) . '/scripts/wp/bootstrap-cli.php';

$asa2_stack = asa2_read_stack( getenv( 'ASA2_STACK_JSON' ) ?: dirname( __DIR__, 3 ) . '/.work/test/stack.json' );
if ( 'test' !== ( $asa2_stack['stack'] ?? '' ) ) {
	fwrite( STDERR, "These tests run against the test stack only; run scripts/suites/40-wordpress.sh.\n" );
	exit( 1 );
}
if ( ! extension_loaded( 'asa2' ) ) {
	fwrite( STDERR, "The test stack runs with the asa2 extension but PHPUnit does not: run it as php -d extension={$asa2_stack['extension']} phpunit ... (scripts/suites/40-wordpress.sh does).\n" );
	exit( 1 );
}
asa2_fake_request( $asa2_stack );

require $asa2_stack['wp_dir'] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';

require __DIR__ . '/TestCase.php';
\Asa2\Tests\WP\TestCase::$stack = $asa2_stack;
unset( $asa2_stack );
