<?php
/**
 * Shared start of the command-line helpers in scripts/wp/: reads the stack description
 * (.work/<stack>/stack.json, written by scripts/lib/stack.sh) and fills in the request variables
 * WordPress expects when it runs outside a web server.
 *
 * @param string[] $argv The helper's arguments; the first is the path of stack.json.
 * @return array<string, mixed> The stack description.
 */
function asa2_stack_from_argv( array $argv ): array {
	if ( ! isset( $argv[1] ) || ! is_readable( $argv[1] ) ) {
		fwrite( STDERR, "usage: php " . basename( $argv[0] ?? 'helper.php' ) . " .work/<stack>/stack.json\n" );
		exit( 2 );
	}
	$stack = json_decode( (string) file_get_contents( $argv[1] ), true );
	if ( ! is_array( $stack ) || ! isset( $stack['wp_dir'], $stack['url'], $stack['users'] ) ) {
		fwrite( STDERR, "{$argv[1]} is not a stack description (expected wp_dir, url and users)\n" );
		exit( 2 );
	}
	$host                   = (string) parse_url( $stack['url'], PHP_URL_HOST ) . ':' . (int) $stack['port'];
	$_SERVER['HTTP_HOST']   = $host;
	$_SERVER['SERVER_NAME'] = (string) parse_url( $stack['url'], PHP_URL_HOST );
	$_SERVER['SERVER_PORT'] = (string) $stack['port'];
	$_SERVER['REQUEST_URI'] = '/';
	$_SERVER['REQUEST_METHOD'] = 'GET';
	return $stack;
}
