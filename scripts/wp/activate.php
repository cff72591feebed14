<?php
/**
 * Brings an installed stack to its expected state: the users of every role exist with the
 * stack's passwords, and the asa2-creators plugin is active (unless the stack gets it by upload).
 * Prints what it did on stderr; exits 1 when the plugin is missing or its activation fails.
 *
 * Usage: php [-d extension=.../libasa2.so] scripts/wp/activate.php .work/<stack>/stack.json
 */

require __DIR__ . '/bootstrap-cli.php';
$stack = asa2_stack_from_argv( $argv );

require $stack['wp_dir'] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/user.php';

foreach ( $stack['users'] as $user ) {
	$existing = get_user_by( 'login', $user['login'] );
	if ( ! $existing ) {
		$id = wp_insert_user(
			array(
				'user_login' => $user['login'],
				'user_pass'  => $user['password'],
				'user_email' => $user['email'],
				'role'       => $user['role'],
			)
		);
		if ( is_wp_error( $id ) ) {
			fwrite( STDERR, "[wp] could not create the user {$user['login']}: " . $id->get_error_message() . "\n" );
			exit( 1 );
		}
		continue;
	}
	if ( ! in_array( $user['role'], (array) $existing->roles, true ) ) {
		$existing->set_role( $user['role'] );
	}
	// The stack's password files are the truth: the demo prints them, the tests log in with them.
	if ( ! wp_check_password( $user['password'], $existing->user_pass, $existing->ID ) ) {
		wp_set_password( $user['password'], $existing->ID );
	}
}

// A stack started from dist/ gets the plugin through an upload in wp-admin, as a site does.
if ( 'upload' === ( $stack['plugin_source'] ?? '' ) ) {
	exit( 0 );
}
$plugin = $stack['plugin_file'];
if ( ! file_exists( WP_PLUGIN_DIR . '/' . $plugin ) ) {
	fwrite( STDERR, "[wp] the plugin is missing: " . WP_PLUGIN_DIR . "/{$plugin}\n" );
	exit( 1 );
}
if ( is_plugin_active( $plugin ) ) {
	exit( 0 );
}
$result = activate_plugin( $plugin );
if ( is_wp_error( $result ) ) {
	$data = $result->get_error_data();
	fwrite( STDERR, "[wp] activating {$plugin} failed: " . $result->get_error_message() . ( is_string( $data ) && '' !== $data ? "\n" . $data : '' ) . "\n" );
	exit( 1 );
}
fwrite( STDERR, "[wp] activated {$plugin}\n" );
