<?php
/**
 * PHP side of the German browser test, run with the test stack's PHP and extension:
 *
 *   php -d extension=... wp-locale.php STACK_JSON user-locale LOGIN LOCALE
 *       sets the user's language (an empty LOCALE: the site's language); prints {"locale"}
 *
 * The test uses it where WordPress offers no German in the profile (a stack without the core's
 * translations), and to put the profile back whatever happened in the browser.
 *
 * @package Asa2\Tests\E2E
 */

require dirname( __DIR__, 3 ) . '/scripts/wp/bootstrap-cli.php';
$stack = asa2_stack_from_argv( $argv );
require $stack['wp_dir'] . '/wp-load.php';

if ( 'user-locale' !== ( $argv[2] ?? '' ) || ! isset( $argv[3], $argv[4] ) ) {
	fwrite( STDERR, "usage: wp-locale.php STACK_JSON user-locale LOGIN LOCALE\n" );
	exit( 2 );
}
$user = get_user_by( 'login', $argv[3] );
if ( ! $user ) {
	fwrite( STDERR, "no user {$argv[3]}\n" );
	exit( 1 );
}
if ( '' === $argv[4] ) {
	delete_user_meta( $user->ID, 'locale' );
} else {
	update_user_meta( $user->ID, 'locale', $argv[4] );
}
echo wp_json_encode( array( 'locale' => get_user_locale( $user->ID ) ) ), "\n";
