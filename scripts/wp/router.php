<?php
/**
 * Router of PHP's built-in web server for the stacks' WordPress: existing files and folders with
 * an index.php are served as usual, every other path goes to WordPress's index.php, as the usual
 * web server rewrite rules do (so /favicon.ico, /robots.txt and pretty permalinks work).
 *
 * Usage: php -S 127.0.0.1:8080 -t .work/demo/wordpress scripts/wp/router.php
 */

$asa2_root = rtrim( $_SERVER['DOCUMENT_ROOT'], '/' );
$asa2_path = rawurldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
$asa2_file = $asa2_root . $asa2_path;

if ( ! str_contains( $asa2_path, '..' ) && ( is_file( $asa2_file ) || is_file( rtrim( $asa2_file, '/' ) . '/index.php' ) ) ) {
	return false;
}

$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $asa2_root . '/index.php';
unset( $asa2_path, $asa2_file );
chdir( $asa2_root );
require $asa2_root . '/index.php';
