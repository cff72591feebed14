<?php
/**
 * ASA2 -> Products: adding by ASIN, URL and search, routing per marketplace, batching,
 * refreshing and deleting, the screens and who may use them.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Admin\ProductActions;
use Asa2\Creators\Admin\ProductsScreen;
use Asa2\Creators\Products\NotConfiguredException;

require_once __DIR__ . '/ProductsTestCase.php';

/**
 * Products added and refreshed through the real extension against the sandbox.
 */
final class ProductsAddTest extends ProductsTestCase {

	public function test_adding_by_asin_loads_the_product_through_the_creators_api(): void {
		$this->configure_creators( self::DE );
		$url = $this->submit( ProductActions::ADD, array( 'asa2' => array( 'input' => 'B0DHS2V7ZB', 'marketplace' => '' ) ) );

		$row = $this->row( 'B0DHS2V7ZB', 'DE' );
		$this->assertNotNull( $row );
		$this->assertNotNull( $row['item'], $row['last_error'] );
		$this->assertSame( '', $row['last_error'] );
		$this->assertSame( 'creators', $row['source_api'] );
		$this->assertSame( '2.2', $row['source_version'] );
		$this->assertSame( 'B0DHS2V7ZB', $row['item']['asin'] );
		$this->assertNotEmpty( $row['item']['title'] );
		$this->assertStringContainsString( 'tag=demo-de-21', $row['item']['detail_page_url'] );
		$this->assertGreaterThan( 0, $row['fetched_at'] );
		$this->assertStringContainsString( 'view=product', $url );
		$this->assertStringContainsString( 'Creators API 2.2', $this->notice_text() );

		$stats = $this->stats();
		$this->assertSame( 1, $stats['token_requests'][ self::DE['credential_id'] ] ?? 0 );
		$this->assertSame( 1, $stats['api_calls_by_operation']['GetItems'] ?? 0 );
	}

	public function test_a_product_url_of_another_marketplace_picks_that_marketplace(): void {
		$this->configure_creators( self::DE, self::US );
		$row = $this->plugin()->product_service()->add( 'https://www.amazon.com/Some-Thing/dp/B0URLTEST1/ref=sr_1_1?th=1' );
		$this->assertSame( 'US', $row['marketplace'] );
		$this->assertSame( '3.1', $row['source_version'], $row['last_error'] );
		$this->assertStringContainsString( 'tag=demo-us-20', $row['item']['detail_page_url'] );
	}

	public function test_marketplaces_without_creators_credentials_use_pa_api(): void {
		$this->configure_creators( self::DE );
		$this->configure_paapi();
		$row = $this->plugin()->product_service()->add( 'https://www.amazon.fr/dp/B0PAAPI001' );
		$this->assertSame( 'FR', $row['marketplace'] );
		$this->assertSame( '', $row['last_error'] );
		$this->assertSame( 'paapi5', $row['source_api'] );
		$this->assertSame( '5.0', $row['source_version'] );
		$this->assertNotEmpty( $row['item']['title'] );
		$this->assertSame( 1, $this->stats()['api_calls_by_api']['paapi5'] ?? 0 );

		// DE still goes to the Creators API even with PA API credentials stored.
		$de = $this->plugin()->product_service()->add( 'B0PAAPI002', 'DE' );
		$this->assertSame( 'creators', $de['source_api'] );
	}

	public function test_a_marketplace_without_any_api_gets_the_setup_step(): void {
		$this->configure_creators( self::DE );
		$this->submit( ProductActions::ADD, array( 'asa2' => array( 'input' => 'https://www.amazon.co.jp/dp/B0JAPAN001' ) ) );
		$row = $this->row( 'B0JAPAN001', 'JP' );
		$this->assertNotNull( $row );
		$this->assertNull( $row['item'] );
		$this->assertSame( 'not_configured', $row['error_code'] );
		$this->assertStringContainsString( 'ASA2 → Setup → Amazon Creators API → + Add Marketplace', $row['last_error'] );
		$this->assertStringContainsString( 'Japan', $this->notice_text() );
		$this->assertSame( 0, $this->api_calls( 'GetItems' ), 'nothing was sent to Amazon' );
	}

	public function test_nothing_configured_at_all_explains_the_setup(): void {
		$this->expectException( NotConfiguredException::class );
		$this->expectExceptionMessage( '+ Add Marketplace' );
		$this->plugin()->product_service()->add( 'B0NOTHING1' );
	}

	public function test_a_malformed_asin_is_refused_with_a_clear_message(): void {
		$this->configure_creators( self::DE );
		$this->submit( ProductActions::ADD, array( 'asa2' => array( 'input' => 'not an asin' ) ) );
		$this->assertStringStartsWith( 'error:', $this->notice_text() );
		$this->assertSame( 0, $this->plugin()->products()->count() );
	}

	public function test_search_finds_products_that_can_be_added(): void {
		$this->configure_creators( self::DE );
		$result = $this->plugin()->product_service()->search( 'coffee grinder' );
		$this->assertSame( '', $result['error'] );
		$this->assertSame( 'DE', $result['marketplace'] );
		$this->assertNotEmpty( $result['items'] );
		$asin = $result['items'][0]['asin'];

		$this->submit( ProductActions::ADD, array( 'asa2' => array( 'input' => $asin, 'marketplace' => 'DE' ) ) );
		$this->assertNotNull( $this->row( $asin, 'DE' )['item'] );

		$none = $this->plugin()->product_service()->search( 'noresults here' );
		$this->assertSame( array(), $none['items'] );
		$this->assertStringContainsString( 'no products', $none['error'] );
	}

	public function test_lookups_are_batched_ten_asins_per_call_and_grouped_by_marketplace(): void {
		$this->configure_creators( self::DE, self::US );
		$keys = array();
		// 4th character 1: a sandbox category without variation parents (a parent would take a
		// GetVariations call more).
		for ( $i = 0; $i < 23; $i++ ) {
			$keys[] = array( sprintf( 'B0B1TCH%03d', $i ), 'DE' );
		}
		$keys[] = array( 'B0B1TCHUS1', 'US' );
		$result = $this->plugin()->product_service()->refresh( $keys );
		$this->assertSame( 24, $result['updated'], implode( "\n", $result['failed'] ) );
		$stats = $this->stats();
		$this->assertSame( 4, $stats['api_calls_by_operation']['GetItems'] );
		$this->assertSame( 3, $stats['api_calls_by_marketplace']['DE'] );
		$this->assertSame( 1, $stats['api_calls_by_marketplace']['US'] );
		$this->assertSame( 0, $stats['throttled'], 'calls are spaced to the credential rate instead of throttled' );
		$this->assertSame( 24, $this->plugin()->products()->count() );
	}

	public function test_item_level_errors_are_recorded_per_product_and_not_fatal(): void {
		$this->configure_creators( self::DE );
		$result = $this->plugin()->product_service()->refresh( array( array( 'B0NAHIDDEN', 'DE' ), array( 'B0VISIBLE1', 'DE' ), array( 'B0NFGONE01', 'DE' ) ) );
		$this->assertSame( 1, $result['updated'] );
		$hidden = $this->row( 'B0NAHIDDEN', 'DE' );
		$this->assertSame( 'ItemNotAccessible', $hidden['error_code'] );
		$this->assertStringContainsString( 'does not give API access', $hidden['last_error'] );
		$this->assertNull( $hidden['item'] );
		$this->assertNotNull( $this->row( 'B0VISIBLE1', 'DE' )['item'] );
		$this->assertNotSame( '', $this->row( 'B0NFGONE01', 'DE' )['error_code'] );
	}

	public function test_the_products_page_lists_products_with_their_source_and_errors(): void {
		$this->configure_creators( self::DE );
		$this->plugin()->product_service()->refresh( array( array( 'B0LISTED01', 'DE' ), array( 'B0NALISTED', 'DE' ) ) );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=' . ProductsScreen::SLUG, array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'id="asa2-add-product"', $page['body'] );
		$this->assertStringContainsString( 'B0LISTED01', $page['body'] );
		$this->assertStringContainsString( 'Creators API 2.2', $page['body'] );
		$this->assertStringContainsString( 'ItemNotAccessible', $page['body'] );
		$this->assertMatchesRegularExpression( '#page=asa2-setup.*page=asa2-products.*page=asa2-options#s', $page['body'], 'Products sits between Setup and Options' );

		$id     = $this->row( 'B0LISTED01', 'DE' )['id'];
		$detail = $this->http( 'GET', '/wp-admin/admin.php?page=' . ProductsScreen::SLUG . '&view=product&id=' . $id, array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $detail['status'] );
		foreach ( ProductsScreen::MODEL_FIELDS as $field ) {
			$this->assertStringContainsString( 'data-field="' . $field . '"', $detail['body'] );
		}
		$this->assertStringContainsString( '[asa2 asin=&quot;B0LISTED01&quot; marketplace=&quot;DE&quot;]', $detail['body'] );
	}

	public function test_search_results_show_on_the_products_page(): void {
		$this->configure_creators( self::DE );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=' . ProductsScreen::SLUG . '&keywords=kettle', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'id="asa2-search-results"', $page['body'] );
		$this->assertStringContainsString( 'name="asa2[input]"', $page['body'] );
	}

	public function test_bulk_refresh_and_delete_over_http(): void {
		$this->configure_creators( self::DE );
		$this->plugin()->product_service()->refresh( array( array( 'B0BULK0001', 'DE' ), array( 'B0BULK0002', 'DE' ) ) );
		$one   = $this->row( 'B0BULK0001', 'DE' );
		$two   = $this->row( 'B0BULK0002', 'DE' );
		$calls = $this->api_calls( 'GetItems' );
		$body  = array(
			'asa2_products_form' => '1',
			'_asa2_nonce'        => $this->nonce( ProductActions::BULK ),
			'action'             => 'refresh',
			'product'            => array( $one['id'], $two['id'] ),
		);
		$response = $this->http( 'POST', '/wp-admin/admin.php?page=' . ProductsScreen::SLUG, array( 'as' => 'administrator', 'body' => $body ) );
		$this->assertSame( 302, $response['status'], substr( $response['body'], 0, 500 ) );
		$this->assertSame( $calls + 1, $this->api_calls( 'GetItems' ), 'two products, one call' );

		$body['action']  = 'delete';
		$body['product'] = array( $one['id'] );
		$this->assertSame( 302, $this->http( 'POST', '/wp-admin/admin.php?page=' . ProductsScreen::SLUG, array( 'as' => 'administrator', 'body' => $body ) )['status'] );
		$this->assertNull( $this->row( 'B0BULK0001', 'DE' ) );
		$this->assertNotNull( $this->row( 'B0BULK0002', 'DE' ) );
	}

	public function test_only_administrators_reach_products(): void {
		foreach ( array( 'editor', 'author', 'subscriber' ) as $role ) {
			$page = $this->http( 'GET', '/wp-admin/admin.php?page=' . ProductsScreen::SLUG, array( 'as' => $role ) );
			$this->assertSame( 403, $page['status'], $role );
		}
		$refused = $this->http(
			'POST',
			'/wp-admin/admin-post.php',
			array(
				'as'   => 'editor',
				'body' => array( 'action' => ProductActions::ADD, '_asa2_nonce' => $this->nonce( ProductActions::ADD, 'editor' ), 'asa2' => array( 'input' => 'B0DHS2V7ZB' ) ),
			)
		);
		$this->assertSame( 403, $refused['status'] );
		$this->assertSame( 0, $this->plugin()->products()->count() );

		$bad_nonce = $this->http( 'POST', '/wp-admin/admin.php?page=' . ProductsScreen::SLUG, array( 'as' => 'administrator', 'body' => array( 'asa2_products_form' => '1', '_asa2_nonce' => 'x', 'action' => 'delete', 'product' => array( 1 ) ) ) );
		$this->assertSame( 403, $bad_nonce['status'] );
	}

	public function test_the_refresh_interval_is_validated_and_saved(): void {
		$this->submit( \Asa2\Creators\Admin\TemplateActions::SAVE_PRODUCT_OPT, array( 'asa2' => array( 'ttl_hours' => '0' ) ) );
		$this->assertStringContainsString( 'between 1 and 168 hours', $this->notice_text() );
		$this->assertSame( 24, $this->plugin()->product_settings()->get()['ttl_hours'], 'nothing changed' );

		$this->submit( \Asa2\Creators\Admin\TemplateActions::SAVE_PRODUCT_OPT, array( 'asa2' => array( 'ttl_hours' => '12' ) ) );
		$this->assertSame( array( 'ttl_hours' => 12, 'requests_per_second' => 1.0, 'localized_logos' => false ), $this->plugin()->product_settings()->get(), 'the former global rate stays as the credentials\' default' );
		$this->assertSame( 12 * HOUR_IN_SECONDS, $this->plugin()->product_settings()->ttl() );

		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-options&tab=products', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'id="asa2-product-settings-form"', $page['body'] );
		$this->assertStringContainsString( 'value="12"', $page['body'] );
		$this->assertMatchesRegularExpression( '#<input type="checkbox" name="asa2\[localized_logos\]" id="asa2-localized-logos" value="1"\s*/>#', $page['body'] );

		$this->submit( \Asa2\Creators\Admin\TemplateActions::SAVE_PRODUCT_OPT, array( 'asa2' => array( 'ttl_hours' => '12', 'requests_per_second' => '1', 'localized_logos' => '1' ) ) );
		$this->assertTrue( $this->plugin()->product_settings()->localized_logos() );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-options&tab=products', array( 'as' => 'administrator' ) );
		$this->assertMatchesRegularExpression( "#name=\"asa2\[localized_logos\]\"[^>]*checked='checked'#", $page['body'] );
	}
}
