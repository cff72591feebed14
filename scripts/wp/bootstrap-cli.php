<?php
/**
 * Shared start of the command-line code that loads a stack's WordPress (the helpers in scripts/wp/
 * and the PHPUnit bootstrap in tests/php/wp/): reads the stack description
 * (.work/<stack>/stack.json, written by scripts/lib/stack.sh) and fills in the request variables
 * WordPress expects when it runs outside a web server.
 */

/**
 * Reads a stack description, or exits with a message naming what is wrong.
 *
 * @param string $file Path of stack.json.
 * @return array<string, mixed> The stack description.
 */
function asa2_read_stack( string $file ): array {
	if ( ! is_readable( $file ) ) {
		fwrite( STDERR, "The stack is not prepared ({$file} is missing): scripts/demo.sh or the WordPress suites prepare it.\n" );
		exit( 2 );
	}
	$stack = json_decode( (string) file_get_contents( $file ), true );
	if ( ! is_array( $stack ) || ! isset( $stack['wp_dir'], $stack['url'], $stack['port'], $stack['users'] ) ) {
		fwrite( STDERR, "{$file} is not a stack description (expected wp_dir, url, port and users)\n" );
		exit( 2 );
	}
	return $stack;
}

/**
 * Sets the $_SERVER entries of a GET / to the stack's site, as the web server would.
 *
 * @param array<string, mixed> $stack The stack description.
 */
function asa2_fake_request( array $stack ): void {
	$host                      = (string) parse_url( $stack['url'], PHP_URL_HOST );
	$_SERVER['HTTP_HOST']      = $host . ':' . (int) $stack['port'];
	$_SERVER['SERVER_NAME']    = $host;
	$_SERVER['SERVER_PORT']    = (string) $stack['port'];
	$_SERVER['REQUEST_URI']    = '/';
	$_SERVER['REQUEST_METHOD'] = 'GET';
	$_SERVER['REMOTE_ADDR']    = '127.0.0.1';
}

/**
 * The stack named by a helper's first argument, with the request variables set.
 *
 * @param string[] $argv The helper's arguments; the first is the path of stack.json.
 * @return array<string, mixed> The stack description.
 */
function asa2_stack_from_argv( array $argv ): array {
	if ( ! isset( $argv[1] ) ) {
		fwrite( STDERR, 'usage: php ' . basename( $argv[0] ?? 'helper.php' ) . " .work/<stack>/stack.json\n" );
		exit( 2 );
	}
	$stack = asa2_read_stack( $argv[1] );
	asa2_fake_request( $stack );
	return $stack;
}
