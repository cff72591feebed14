<?php
/**
 * PA-API 5.0's retirement: "Move to Creators API" on the PA API tab, and the retired message on
 * the product screen and in Site Health when Amazon refuses the PA-API key.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

require_once __DIR__ . '/PluginTestCase.php';

use Asa2\Creators\Admin\PaApiMove;
use Asa2\Creators\Hooks;
use Asa2\Creators\Products\PaApiRetirement;

/**
 * The PA API tab's move action and the retired message.
 */
final class PaApiMoveTest extends PluginTestCase {

	/** An LWA credential for France in Amazon's format (saving does not call Amazon). */
	private const FR_LWA = array(
		'marketplace'       => 'FR',
		'kind'              => 'lwa',
		'credential_id'     => 'amzn1.application-oa2-client.0demo0fr0lwa0sandbox00000000003',
		'credential_secret' => 'amzn1.oa2-cs.v1.0demo0fr0lwa0sandbox0secret000000000000000000000003',
		'partner_tag'       => 'demo-fr-21',
		'enabled'           => '1',
	);

	protected function setUp(): void {
		parent::setUp();
		( new Hooks( $this->plugin() ) )->activate();
	}

	protected function tearDown(): void {
		remove_all_filters( 'asa2/now' );
		parent::tearDown();
	}

	public function test_the_pa_api_tab_offers_the_move_for_each_marketplace_without_creators_credentials(): void {
		$this->submit( 'asa2_save_paapi', array( 'asa2' => self::PAAPI ) );
		$this->save_marketplace( self::DE_COGNITO );
		$this->sandbox_configure( array( 'rps' => 0 ) );
		$this->assertSame( '', $this->plugin()->product_service()->add( 'B0PAAPI002', 'IT' )['last_error'] );

		$this->assertSame( array( 'FR', 'IT' ), array_keys( $this->plugin()->paapi_move()->candidates() ) );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=paapi', array( 'as' => 'administrator' ) )['body'];
		$this->assertStringContainsString( 'id="asa2-paapi-move"', $page );
		$links = $this->move_links( $page );
		$this->assertSame( array( 'FR', 'IT' ), array_keys( $links ), 'Germany has Creators API credentials' );

		// The link opens Add Marketplace with France, the PA API tab's tag and LWA (v3).
		$form = $this->http( 'GET', $links['FR'], array( 'as' => 'administrator' ) )['body'];
		$this->assertStringContainsString( 'id="asa2-moving"', $form );
		$this->assertMatchesRegularExpression( '/<option value="FR" selected=\'selected\'/', $form );
		$this->assertMatchesRegularExpression( '/name="asa2\[partner_tag\]" id="asa2-partner_tag" value="demo-fr-21"/', $form );
		$this->assertMatchesRegularExpression( '/value="lwa" id="asa2-kind-lwa" checked=\'checked\'/', $form );
		$this->assertDoesNotMatchRegularExpression( '/value="cognito" id="asa2-kind-cognito" checked/', $form );

		// Without a valid nonce nothing is filled in and the page says why.
		$forged = $this->http( 'GET', str_replace( '_asa2_nonce=', '_asa2_nonce=x', $links['FR'] ), array( 'as' => 'administrator' ) )['body'];
		$this->assertStringNotContainsString( 'id="asa2-moving"', $forged );
		$this->assertStringContainsString( 'The link you followed has expired', $forged );
		$this->assertDoesNotMatchRegularExpression( '/<option value="FR" selected/', $forged );

		// Saved with the LWA credential: France uses the Creators API and is no longer offered.
		$this->save_marketplace( self::FR_LWA );
		$this->assertSame( 'lwa', $this->record( 'FR' )['kind'] );
		$this->assertSame( array( 'IT' ), array_keys( $this->plugin()->paapi_move()->candidates() ) );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=paapi', array( 'as' => 'administrator' ) )['body'];
		$this->assertSame( array( 'IT' ), array_keys( $this->move_links( $page ) ) );
	}

	public function test_nothing_is_offered_without_pa_api_credentials(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$this->assertSame( array(), $this->plugin()->paapi_move()->candidates() );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=paapi', array( 'as' => 'administrator' ) )['body'];
		$this->assertStringNotContainsString( 'asa2-move-to-creators', $page );
	}

	public function test_a_refused_pa_api_key_says_pa_api_was_retired_and_links_to_the_move(): void {
		$this->submit( 'asa2_save_paapi', array( 'asa2' => self::PAAPI ) );
		$this->sandbox_configure( array( 'rps' => 0 ) );
		$service = $this->plugin()->product_service();
		$before  = $service->add( 'https://www.amazon.fr/dp/B0PAAPI001' );
		$this->assertNotNull( $before['item'] );

		// Before 15 May 2026 a refused key is just a wrong key.
		$this->sandbox_configure( array( 'paapi_retired' => true ) );
		add_filter( 'asa2/now', static fn() => PaApiRetirement::RETIRED_AT - DAY_IN_SECONDS );
		$service->refresh( array( array( 'B0PAAPI001', 'FR' ) ) );
		$this->assertSame( 'UnrecognizedClient', $this->plugin()->products()->find( 'B0PAAPI001', 'FR' )['error_code'] );
		$this->assertSame( array(), $this->plugin()->paapi_retirement()->refused() );
		remove_all_filters( 'asa2/now' );

		$service->refresh( array( array( 'B0PAAPI001', 'FR' ) ) );
		$row = $this->plugin()->products()->find( 'B0PAAPI001', 'FR' );
		$this->assertSame( PaApiRetirement::ERROR_CODE, $row['error_code'] );
		$this->assertStringContainsString( 'PA-API 5.0 was retired on 15 May 2026', $row['last_error'] );
		$this->assertSame( $before['item'], $row['item'], 'the stored data stays' );
		$this->assertArrayHasKey( 'FR', $this->plugin()->paapi_retirement()->refused() );
		$this->assertStringContainsString( 'retired on 15 May 2026', $service->search( 'coffee', 'FR' )['error'] );

		// The product screen, the products list and the PA API tab say so and link to the move.
		foreach ( array( '/wp-admin/admin.php?page=asa2-products&view=product&id=' . $row['id'], '/wp-admin/admin.php?page=asa2-products', '/wp-admin/admin.php?page=asa2-setup&tab=paapi' ) as $path ) {
			$page = $this->http( 'GET', $path, array( 'as' => 'administrator' ) )['body'];
			$this->assertStringContainsString( 'PA-API 5.0 was retired on 15 May 2026', $page, $path );
			$this->assertArrayHasKey( 'FR', $this->move_links( $page ), $path );
		}

		// Site Health: critical, with the move as its action.
		$this->act_as( 'administrator' );
		$health = $this->plugin()->site_health()->test_paapi_retired();
		$this->assertSame( 'critical', $health['status'] );
		$this->assertSame( 'PA-API 5.0 was retired on 15 May 2026', $health['label'] );
		$this->assertStringContainsString( 'France (FR)', $health['description'] );
		$this->assertStringContainsString( 'move=FR', html_entity_decode( $health['actions'] ) );
		$tests = apply_filters( 'site_status_tests', array( 'direct' => array(), 'async' => array() ) );
		$this->assertArrayHasKey( 'asa2_paapi_retired', $tests['direct'] );

		// Moved: nothing is left to say.
		$this->save_marketplace( self::FR_LWA );
		$this->assertSame( array(), $this->plugin()->paapi_retirement()->refused() );
		$this->assertSame( 'good', $this->plugin()->site_health()->test_paapi_retired()['status'] );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-products&view=product&id=' . $row['id'], array( 'as' => 'administrator' ) )['body'];
		$this->assertStringNotContainsString( 'asa2-move-to-creators', $page );
	}

	public function test_a_working_pa_api_key_clears_the_retired_flag(): void {
		$this->submit( 'asa2_save_paapi', array( 'asa2' => self::PAAPI ) );
		$this->sandbox_configure( array( 'rps' => 0, 'paapi_retired' => true ) );
		$row = $this->plugin()->product_service()->add( 'B0PAAPI001', 'FR' );
		$this->assertSame( PaApiRetirement::ERROR_CODE, $row['error_code'] );
		$this->assertArrayHasKey( 'FR', $this->plugin()->paapi_retirement()->refused() );
		$this->act_as( 'administrator' );
		$this->assertSame( 'critical', $this->plugin()->site_health()->test_paapi_retired()['status'] );

		$this->sandbox_configure( array( 'paapi_retired' => false ) );
		$this->plugin()->product_service()->refresh( array( array( 'B0PAAPI001', 'FR' ) ) );
		$this->assertSame( array(), $this->plugin()->paapi_retirement()->refused() );
		$this->assertSame( 'recommended', $this->plugin()->site_health()->test_paapi_retired()['status'], 'France still depends on PA-API' );
	}

	/**
	 * The "Move to Creators API" links of a page.
	 *
	 * @param string $page HTML.
	 * @return array<string, string> Marketplace code => URL.
	 */
	private function move_links( string $page ): array {
		preg_match_all( '/<a class="button[^"]*asa2-move-to-creators" data-marketplace="([A-Z]{2})" href="([^"]+)"/', $page, $m, PREG_SET_ORDER );
		$links = array();
		foreach ( $m as $match ) {
			$links[ $match[1] ] = html_entity_decode( $match[2] );
		}
		return $links;
	}
}
