<?php
/**
 * PHP side of the package tests: a published post with product boxes (a shortcode and a block),
 * made with whatever PHP configuration the stack has - the plugin need not be loaded.
 *
 *   php post.php STACK_JSON publish   prints {"id", "url"}
 *   php post.php STACK_JSON delete ID
 *
 * @package Asa2\Tests\Dist
 */

require dirname( __DIR__, 3 ) . '/scripts/wp/bootstrap-cli.php';
$stack = asa2_stack_from_argv( $argv );
require $stack['wp_dir'] . '/wp-load.php';

switch ( $argv[2] ?? '' ) {
	case 'publish':
		$id = wp_insert_post(
			array(
				'post_title'   => 'A post with product boxes',
				'post_content' => "<p>Before the boxes.</p>\n\n[asa2 asin=\"B0DHS2V7ZB\" marketplace=\"DE\"]\n\n<!-- wp:asa2/product {\"asin\":\"B0DHS2V7ZB\",\"marketplace\":\"DE\"} /-->\n\n<p>After the boxes.</p>",
				'post_status'  => 'publish',
				'post_author'  => 1,
			),
			true
		);
		if ( is_wp_error( $id ) ) {
			fwrite( STDERR, $id->get_error_message() . "\n" );
			exit( 1 );
		}
		echo wp_json_encode( array( 'id' => $id, 'url' => get_permalink( $id ) ) );
		break;
	case 'delete':
		wp_delete_post( (int) ( $argv[3] ?? 0 ), true );
		echo wp_json_encode( array( 'ok' => true ) );
		break;
	default:
		fwrite( STDERR, "usage: php post.php STACK_JSON publish|delete ID\n" );
		exit( 2 );
}
