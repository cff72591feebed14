<?php
/**
 * Variation parents: the plugin asks GetVariations once per parent it adds or refreshes, keeps
 * the summary on the product and renders ASA2's Variations placeholders from it.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Admin\TemplateActions;

require_once __DIR__ . '/ProductsTestCase.php';

/**
 * A parent product of the sandbox's catalog (seed 42): B0E0000020, four colours, each with a
 * price in Germany.
 */
final class ProductsVariationsTest extends ProductsTestCase {

	private const PARENT = 'B0E0000020';

	/** ASA2's Variations placeholders (docs.getasa2.com/placeholders_variations.html). */
	private const NAMES = array( 'VariationsOffer', 'VariationsHighestAmount', 'VariationsHighestInteger', 'VariationsHighestCurrencyCode', 'VariationsHighestFormattedPrice', 'VariationsLowestAmount', 'VariationsLowestInteger', 'VariationsLowestCurrencyCode', 'VariationsLowestFormattedPrice', 'OffersMainPriceFormattedPrice', 'OffersAutoPriceAmount', 'VariationCount' );

	protected function tearDown(): void {
		$this->sandbox_configure( array( 'daily_quotas' => new \stdClass() ) );
		parent::tearDown();
	}

	public function test_a_parent_added_through_the_sandbox_renders_its_price_range(): void {
		$this->configure_creators( self::DE );
		$items      = $this->api_calls( 'GetItems' );
		$variations = $this->api_calls( 'GetVariations' );
		$row        = $this->plugin()->product_service()->add( self::PARENT, 'DE' );
		$this->assertSame( '', $row['last_error'] );
		$this->assertSame( $items + 1, $this->api_calls( 'GetItems' ) );
		$this->assertSame( $variations + 1, $this->api_calls( 'GetVariations' ), 'one GetVariations call for the parent' );
		$summary = $row['item']['variation_summary'];
		$this->assertSame( 4, $summary['variation_count'] );
		$this->assertSame( '76.99', $summary['lowest_price']['amount'] );
		$this->assertSame( '222.9', rtrim( $summary['highest_price']['amount'], '0' ) );
		$this->assertSame( 'EUR', $summary['lowest_price']['currency'] );
		$this->assertNull( $row['item']['price'], 'a parent has no offer of its own' );

		$source = '';
		foreach ( self::NAMES as $name ) {
			$source .= '<i data-name="' . $name . '">{{ ' . $name . ' }}</i>';
		}
		$this->submit( TemplateActions::SAVE, array( 'asa2' => array( 'name' => 'Variations', 'source' => $source ) ) );
		$html = html_entity_decode( do_shortcode( '[asa2 asin="' . self::PARENT . '" marketplace="DE" template="variations"]' ) );
		foreach ( self::NAMES as $name ) {
			$this->assertMatchesRegularExpression( '#<i data-name="' . $name . '">[^<]+</i>#', $html, $name . ' renders empty' );
		}
		// ASA2: the main price of a parent is the range, VariationsOffer.
		$this->assertMatchesRegularExpression( '#<i data-name="VariationsOffer">([^<]+)</i><i data-name="VariationsHighestAmount">#', $html );
		preg_match( '#<i data-name="VariationsOffer">([^<]+)</i>#', $html, $offer );
		$this->assertStringContainsString( '<i data-name="OffersMainPriceFormattedPrice">' . $offer[1] . '</i>', $html );
		$this->assertStringContainsString( ' - ', $offer[1] );
		$this->assertStringContainsString( '<i data-name="VariationCount">4</i>', $html );

		// The default box shows the range as the price.
		$this->assertStringContainsString( $offer[1], html_entity_decode( do_shortcode( '[asa2 asin="' . self::PARENT . '" marketplace="DE"]' ) ) );
	}

	public function test_products_without_variations_make_no_variations_call(): void {
		$this->configure_creators( self::DE );
		$variations = $this->api_calls( 'GetVariations' );
		$row        = $this->plugin()->product_service()->add( 'B0DGHRT2PS', 'DE' );
		$this->assertSame( '', $row['last_error'] );
		$row = $this->plugin()->product_service()->add( 'B0E0000021', 'DE' );
		$this->assertSame( '', $row['last_error'] );
		$this->assertSame( self::PARENT, $row['item']['parent_asin'], 'a variation names its parent' );
		$this->assertSame( $variations, $this->api_calls( 'GetVariations' ) );
		$this->assertNull( $row['item']['variation_summary'] );
	}

	public function test_a_product_amazon_said_has_no_variations_is_not_asked_again(): void {
		$this->configure_creators( self::DE );
		$row  = $this->plugin()->product_service()->add( self::PARENT, 'DE' );
		$item = $row['item'];
		// As stored after Amazon answered GetVariations with NoResults (a product without a
		// listing that is simply not offered).
		$item['variation_summary'] = array( 'variation_count' => 0 );
		$this->plugin()->products()->store( $item, time() );

		$variations = $this->api_calls( 'GetVariations' );
		$result     = $this->plugin()->product_service()->refresh( array( array( self::PARENT, 'DE' ) ) );
		$this->assertSame( 1, $result['updated'] );
		$this->assertSame( $variations, $this->api_calls( 'GetVariations' ), 'no GetVariations call' );
		$this->assertSame( 0, $this->row( self::PARENT, 'DE' )['item']['variation_summary']['variation_count'] );
	}

	public function test_a_failed_variations_call_keeps_the_stored_summary(): void {
		$this->configure_creators( self::DE );
		$before = $this->plugin()->product_service()->add( self::PARENT, 'DE' );
		$this->assertIsArray( $before['item']['variation_summary'] );

		// Amazon allows one more request today: GetItems answers, GetVariations is refused.
		$this->sandbox_reset( false );
		$this->sandbox_configure( array( 'daily_quotas' => array( self::DE['credential_id'] => 1 ) ) );
		$result = $this->plugin()->product_service()->refresh( array( array( self::PARENT, 'DE' ) ) );
		$this->assertSame( 1, $result['updated'] );
		$this->assertSame( array(), $result['failed'] );
		$this->assertSame( 1, (int) ( $this->stats()['quota_refused'] ?? 0 ), 'GetVariations was refused' );

		$after = $this->row( self::PARENT, 'DE' );
		$this->assertSame( '', $after['last_error'] );
		$this->assertSame( $before['item']['variation_summary'], $after['item']['variation_summary'], 'the summary stored before stays' );
		$this->assertSame( $before['item']['title'], $after['item']['title'] );
	}
}
