<?php
/**
 * Installs WordPress into a stack's database unless it is installed already (then it changes
 * nothing). Plugins are not loaded while installing; scripts/wp/activate.php runs next.
 *
 * Usage: php scripts/wp/install.php .work/<stack>/stack.json
 */

require __DIR__ . '/bootstrap-cli.php';
$stack = asa2_stack_from_argv( $argv );

define( 'WP_INSTALLING', true );
require $stack['wp_dir'] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

if ( is_blog_installed() ) {
	exit( 0 );
}

// There is no mail server: do not try to send the "new site" mail.
add_filter( 'pre_wp_mail', '__return_false' );

$admin  = $stack['users']['admin'];
$result = wp_install(
	'ASA2 Creators (' . $stack['stack'] . ')',
	$admin['login'],
	$admin['email'],
	false,
	'',
	wp_slash( $admin['password'] )
);
if ( empty( $result['user_id'] ) ) {
	fwrite( STDERR, "wp_install() did not create the administrator\n" );
	exit( 1 );
}
update_option( 'timezone_string', 'UTC' );
update_option( 'blogdescription', 'Amazon Creators API for ASA2' );
// Pretty permalinks (the REST API at /wp-json/), served by nginx's rewrite to index.php. The rules are
// built again on the first request.
update_option( 'permalink_structure', '/%postname%/' );
delete_option( 'rewrite_rules' );
// The machine is offline: no Gravatar images.
update_option( 'show_avatars', 0 );
fwrite( STDERR, "[wp] installed WordPress {$GLOBALS['wp_version']} at {$stack['url']}\n" );
