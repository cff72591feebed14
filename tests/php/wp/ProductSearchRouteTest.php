<?php
/**
 * GET /asa2/v1/products, the block editor's product search: who may use it, what it finds (by
 * ASIN, by title, from a pasted URL), and that it answers stored data only, without secrets and
 * without calling Amazon.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use WP_REST_Request;

require_once __DIR__ . '/ProductsTestCase.php';

/**
 * The product search route.
 */
final class ProductSearchRouteTest extends ProductsTestCase {

	private const ROUTE = '/asa2/v1/products';

	/**
	 * A request to the route in this process as $role.
	 *
	 * @param string $role   Role, or 'anonymous'.
	 * @param array  $params Query parameters.
	 * @return array{status: int, data: mixed}
	 */
	private function search( string $role, array $params = array() ): array {
		$this->act_as( $role );
		$request = new WP_REST_Request( 'GET', self::ROUTE );
		$request->set_query_params( $params );
		$response = rest_do_request( $request );
		return array(
			'status' => $response->get_status(),
			'data'   => rest_get_server()->response_to_data( $response, false ),
		);
	}

	/**
	 * The ASIN|marketplace keys of an answer, in order.
	 *
	 * @param array $products Answered products.
	 * @return list<string>
	 */
	private static function keys( array $products ): array {
		return array_map( static fn( array $p ): string => $p['asin'] . '|' . $p['marketplace'], $products );
	}

	/** Stores the products the searches below look through. */
	private function store_catalog(): void {
		$this->store_item(
			array(
				'images' => array(
					'primary' => array(
						'small' => array( 'url' => 'https://m.media-amazon.com/images/I/grinder._SL75_.jpg', 'width' => 75, 'height' => 75 ),
						'large' => array( 'url' => 'https://m.media-amazon.com/images/I/grinder._SL500_.jpg', 'width' => 500, 'height' => 500 ),
					),
				),
			)
		);
		$this->store_item( array( 'asin' => 'B0KETTLE01', 'title' => 'Wasserkocher Edelstahl 1,7 l', 'detail_page_url' => 'https://www.amazon.de/dp/B0KETTLE01?tag=demo-de-21' ) );
		$this->store_item( array( 'asin' => 'B0MUEHLE01', 'title' => 'Kaffeemühle aus Holz', 'detail_page_url' => 'https://www.amazon.de/dp/B0MUEHLE01?tag=demo-de-21' ) );
		$this->store_item( array( 'asin' => 'B0RENDER01', 'marketplace' => 'US', 'title' => 'Espresso Grinder (US)', 'detail_page_url' => 'https://www.amazon.com/dp/B0RENDER01?tag=demo-us-20' ) );
	}

	public function test_people_who_edit_posts_may_search_subscribers_and_visitors_may_not(): void {
		$this->store_item();
		foreach ( array( 'administrator', 'editor', 'author' ) as $role ) {
			$answer = $this->search( $role, array( 'search' => 'grinder' ) );
			$this->assertSame( 200, $answer['status'], $role );
			$this->assertSame( array( 'B0RENDER01|DE' ), self::keys( $answer['data'] ), $role );
		}
		$subscriber = $this->search( 'subscriber', array( 'search' => 'grinder' ) );
		$this->assertSame( 403, $subscriber['status'] );
		$this->assertSame( 'rest_forbidden', $subscriber['data']['code'] );
		$this->assertStringNotContainsString( 'Grinder', (string) wp_json_encode( $subscriber['data'] ) );
		$anonymous = $this->search( 'anonymous', array( 'search' => 'grinder' ) );
		$this->assertSame( 401, $anonymous['status'] );

		// The same over HTTP: cookie and REST nonce of an editor, of a subscriber, and none.
		$url    = '/?rest_route=' . rawurlencode( self::ROUTE ) . '&search=grinder';
		$editor = $this->http( 'GET', $url, array( 'as' => 'editor', 'headers' => array( 'X-WP-Nonce' => $this->nonce( 'wp_rest', 'editor' ) ) ) );
		$this->assertSame( 200, $editor['status'], $editor['body'] );
		$this->assertSame( array( 'B0RENDER01|DE' ), self::keys( json_decode( $editor['body'], true ) ) );
		$subscriber = $this->http( 'GET', $url, array( 'as' => 'subscriber', 'headers' => array( 'X-WP-Nonce' => $this->nonce( 'wp_rest', 'subscriber' ) ) ) );
		$this->assertSame( 403, $subscriber['status'] );
		$this->assertSame( 401, $this->http( 'GET', $url )['status'] );
		// A logged-in cookie without the REST nonce counts as nobody (no cross-site requests).
		$this->assertSame( 401, $this->http( 'GET', $url, array( 'as' => 'editor' ) )['status'] );
	}

	public function test_it_finds_products_by_title_and_by_asin(): void {
		$this->store_catalog();

		$grinders = $this->search( 'editor', array( 'search' => 'espresso grinder' ) )['data'];
		$this->assertEqualsCanonicalizing( array( 'B0RENDER01|DE', 'B0RENDER01|US' ), self::keys( $grinders ) );
		$de = array_values( array_filter( $grinders, static fn( array $p ): bool => 'DE' === $p['marketplace'] ) )[0];
		$this->assertSame(
			array(
				'asin'        => 'B0RENDER01',
				'marketplace' => 'DE',
				'title'       => 'Espresso Grinder',
				'image'       => 'https://m.media-amazon.com/images/I/grinder._SL75_.jpg',
				'loaded'      => true,
			),
			$de
		);

		// Titles with umlauts (stored as escaped JSON), part of an ASIN, a whole ASIN in lower case.
		$this->assertSame( array( 'B0MUEHLE01|DE' ), self::keys( $this->search( 'editor', array( 'search' => 'Kaffeemühle' ) )['data'] ) );
		$this->assertSame( array( 'B0KETTLE01|DE' ), self::keys( $this->search( 'editor', array( 'search' => 'B0KETT' ) )['data'] ) );
		$this->assertSame( array( 'B0KETTLE01|DE' ), self::keys( $this->search( 'editor', array( 'search' => ' b0kettle01 ' ) )['data'] ) );
		$this->assertSame( array( 'B0KETTLE01|DE' ), self::keys( $this->search( 'editor', array( 'search' => 'edelstahl 1,7' ) )['data'] ) );
		$this->assertSame( array(), $this->search( 'editor', array( 'search' => 'toaster' ) )['data'] );
		$this->assertSame( array(), $this->search( 'editor', array( 'search' => 'Mühle 1/2"' ) )['data'], 'words with a slash are words' );

		// No search: the newest products; per_page limits the answer.
		$this->assertCount( 4, $this->search( 'editor' )['data'] );
		$this->assertCount( 2, $this->search( 'editor', array( 'per_page' => 2 ) )['data'] );
		foreach ( array( 0, 51, 'many' ) as $bad ) {
			$this->assertSame( 400, $this->search( 'editor', array( 'per_page' => $bad ) )['status'], (string) $bad );
		}
	}

	public function test_a_pasted_url_or_asin_finds_that_product_even_when_it_is_not_stored(): void {
		$this->configure_creators( self::DE, self::US );
		$this->store_catalog();
		$before = $this->stats();

		// A URL names the marketplace too.
		$us = $this->search( 'editor', array( 'search' => 'https://www.amazon.com/Espresso-Grinder/dp/B0RENDER01/ref=sr_1_1?th=1' ) )['data'];
		$this->assertSame( array( 'B0RENDER01|US' ), self::keys( $us ) );
		$this->assertSame( 'Espresso Grinder (US)', $us[0]['title'] );

		// Not stored in that marketplace: still offered, to be loaded in the background.
		$uk = $this->search( 'editor', array( 'search' => 'https://www.amazon.co.uk/dp/B0RENDER01' ) )['data'];
		$this->assertSame(
			array(
				array(
					'asin'        => 'B0RENDER01',
					'marketplace' => 'UK',
					'title'       => '',
					'image'       => '',
					'loaded'      => false,
				),
			),
			$uk
		);
		$new = $this->search( 'editor', array( 'search' => 'B0NEWPROD1' ) )['data'];
		$this->assertSame( array( 'B0NEWPROD1|' ), self::keys( $new ) );
		$this->assertFalse( $new[0]['loaded'] );

		// An address that names no product says why, in the extension's words.
		$short = $this->search( 'editor', array( 'search' => 'https://amzn.to/3xYzAbC' ) );
		$this->assertSame( 400, $short['status'] );
		$this->assertSame( 'asa2_invalid_product_url', $short['data']['code'] );
		$this->assertNotSame( '', $short['data']['message'] );

		// Searching never calls Amazon nor stores anything.
		$after = $this->stats();
		$this->assertSame( $before['api_calls_by_operation'] ?? array(), $after['api_calls_by_operation'] ?? array() );
		$this->assertSame( $before['token_requests'] ?? 0, $after['token_requests'] ?? 0 );
		$this->assertNull( $this->row( 'B0NEWPROD1', 'DE' ) );
		$this->assertNull( $this->row( 'B0RENDER01', 'UK' ) );
	}

	public function test_the_answer_holds_no_secret_link_or_tracking_id(): void {
		$this->configure_creators( self::DE, self::US );
		$this->configure_paapi();
		$this->store_catalog();
		$this->plugin()->products()->ensure( 'B0PENDING1', 'DE', time() );

		$answer = $this->search( 'administrator', array( 'per_page' => 50 ) );
		$this->assertSame( 200, $answer['status'] );
		$this->assertCount( 5, $answer['data'] );
		foreach ( $answer['data'] as $product ) {
			$this->assertSame( array( 'asin', 'marketplace', 'title', 'image', 'loaded' ), array_keys( $product ) );
		}
		$pending = array_values( array_filter( $answer['data'], static fn( array $p ): bool => 'B0PENDING1' === $p['asin'] ) )[0];
		$this->assertFalse( $pending['loaded'] );

		$json = (string) wp_json_encode( $answer['data'] );
		foreach ( array( self::DE, self::US ) as $marketplace ) {
			$this->assertStringNotContainsString( $marketplace['credential_id'], $json );
			$this->assertStringNotContainsString( $marketplace['credential_secret'], $json );
			$this->assertStringNotContainsString( $marketplace['partner_tag'], $json );
		}
		$this->assertStringNotContainsString( self::PAAPI['access_key'], $json );
		$this->assertStringNotContainsString( self::PAAPI['secret_key'], $json );
		$this->assertStringNotContainsString( 'tag=', $json );
		$this->assertStringNotContainsString( 'amazon.de/dp', $json );
	}
}
