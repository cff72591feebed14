<?php
/**
 * One token per credential for the whole site: requests spread over two web nodes, all needing a
 * token for the same credentials at once with nothing cached, make one token request per
 * credential - and the token outlives an emptied object cache.
 *
 * @package Asa2\Tests\Nodes
 */

namespace Asa2\Tests\Nodes;

use Asa2\Creators\Admin\ProductActions;
use Asa2\Creators\Api\TokenProvider;

/**
 * Token single flight across web nodes.
 */
final class NodesTokensTest extends NodesTestCase {

	public function test_twelve_requests_on_two_nodes_make_one_token_request_per_credential(): void {
		global $wpdb;
		$this->configure_creators( self::DE, self::US, self::UK );
		$this->plugin()->product_settings()->save( array( 'ttl_hours' => 24, 'requests_per_second' => 1.0 ) );
		// Nothing cached anywhere: no token row, an empty object cache.
		$this->assertSame( 0, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( TokenProvider::OPTION_PREFIX ) . '%' ) ) );
		wp_cache_flush();

		// Six product searches (admin page views) and six Add Product actions, each credential
		// four times, alternating between the nodes.
		$nonce    = $this->nonce( ProductActions::ADD );
		$requests = array();
		for ( $i = 0; $i < 12; $i++ ) {
			$code = self::MARKETPLACES[ $i % 3 ];
			$node = 1 + $i % 2;
			if ( $i < 6 ) {
				$requests[] = array(
					'node'   => $node,
					'method' => 'GET',
					'path'   => '/wp-admin/admin.php?page=asa2-products&keywords=coffee+grinder&search_marketplace=' . $code,
					'as'     => 'administrator',
				);
			} else {
				$requests[] = array(
					'node'   => $node,
					'method' => 'POST',
					'path'   => '/wp-admin/admin-post.php',
					'as'     => 'administrator',
					'body'   => array(
						'action'      => ProductActions::ADD,
						'_asa2_nonce' => $nonce,
						'asa2'        => array(
							'input'       => sprintf( 'B0T1K%s%03d', $code, $i ), // 4th character 1: a sandbox category without variation parents.
							'marketplace' => $code,
						),
					),
				);
			}
		}
		$responses = $this->parallel( $requests );

		foreach ( $responses as $i => $response ) {
			if ( $i < 6 ) {
				$this->assertSame( 200, $response['status'], "search {$i}" );
				$this->assertStringContainsString( 'id="asa2-search-results"', $response['body'], "search {$i} shows results" );
				$this->assertStringNotContainsString( 'notice-error', $response['body'], "search {$i} found products" );
			} else {
				$this->assertSame( 302, $response['status'], "add {$i}: " . substr( $response['body'], 0, 300 ) );
				$code = self::MARKETPLACES[ $i % 3 ];
				$this->assertNotNull( $this->row( sprintf( 'B0T1K%s%03d', $code, $i ), $code )['item'] ?? null, "add {$i} loaded the product" );
			}
		}
		$stats = $this->stats();
		foreach ( array( self::DE, self::US, self::UK ) as $credential ) {
			$this->assertSame( 1, $stats['token_requests'][ $credential['credential_id'] ] ?? 0, "one token request for {$credential['marketplace']}" );
		}
		$this->assertSame( 3, array_sum( $stats['token_requests'] ) );
		$this->assertSame( 12, array_sum( $stats['api_calls_by_operation'] ) );
		$this->assertSame( 0, $stats['throttled'], 'the nodes spaced their calls to each credential\'s rate' );

		// The tokens are kept in the database: an emptied object cache costs no new token.
		$this->control( 'redis', 'flush' );
		$again = $this->parallel(
			array(
				array( 'node' => 2, 'method' => 'GET', 'path' => '/wp-admin/admin.php?page=asa2-products&keywords=tea&search_marketplace=DE', 'as' => 'administrator' ),
				array( 'node' => 1, 'method' => 'GET', 'path' => '/wp-admin/admin.php?page=asa2-products&keywords=tea&search_marketplace=UK', 'as' => 'administrator' ),
			)
		);
		$this->assertSame( array( 200, 200 ), array_column( $again, 'status' ) );
		$this->assertSame( 3, array_sum( $this->stats()['token_requests'] ), 'no token request after the flush' );
	}
}
