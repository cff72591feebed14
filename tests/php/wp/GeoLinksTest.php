<?php
/**
 * Visitors from other countries: Options -> Countries (who may save it, what is accepted), the
 * country endpoint over HTTP (CDN header, a real .mmdb country database, never cached, nothing
 * echoed), the data boxes carry for the link script, per-set country choices, and the products
 * of other stores queued for the background refresh and loaded from the sandbox.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Admin\AccessDenied;
use Asa2\Creators\Admin\GeoActions;
use Asa2\Creators\Admin\IdSetActions;
use Asa2\Creators\Geo\OtherStores;
use Asa2\Creators\Storage\GeoSettings;
use Asa2\Tests\MmdbWriter;

require_once __DIR__ . '/ProductsTestCase.php';
require_once dirname( __DIR__ ) . '/ext/support/MmdbWriter.php';

/**
 * Visitor-country links.
 */
final class GeoLinksTest extends ProductsTestCase {

	private const ROUTE = '/wp-json/asa2/v1/country';

	/** A country database the web server can read: the test stack's own folder. */
	private function database_path(): string {
		return dirname( (string) self::$stack['wp_dir'] ) . '/geo-test.mmdb';
	}

	protected function tearDown(): void {
		if ( file_exists( $this->database_path() ) ) {
			unlink( $this->database_path() );
		}
		parent::tearDown();
	}

	/** Stores the settings directly. */
	private function geo( array $settings ): void {
		$this->plugin()->geo_settings()->save(
			$settings + array(
				'use_header' => false,
				'header'     => GeoSettings::DEFAULT_HEADER,
				'database'   => '',
				'also_load'  => array(),
			)
		);
	}

	/** GET the country endpoint as an anonymous visitor. */
	private function ask( array $headers = array() ): array {
		$response = $this->http( 'GET', self::ROUTE, array( 'headers' => $headers ) );
		$this->assertSame( 200, $response['status'], $response['body'] );
		$this->assertStringContainsString( 'no-store', $response['headers']['cache-control'] ?? '' );
		return $response + array( 'json' => json_decode( $response['body'], true ) );
	}

	public function test_only_administrators_with_a_valid_nonce_save_the_settings(): void {
		$fields = array( 'asa2' => array( 'use_header' => '1', 'header' => 'CF-IPCountry' ) );
		foreach ( array( 'editor', 'author', 'subscriber' ) as $role ) {
			try {
				$this->submit( GeoActions::SAVE, $fields, $role );
				$this->fail( "{$role} saved the country settings" );
			} catch ( AccessDenied $e ) {
				$this->assertStringContainsString( 'not allowed', $e->getMessage() );
			}
		}
		$this->act_as( 'administrator' );
		$handlers = ( new \Asa2\Creators\Hooks( $this->plugin() ) )->admin_post_actions();
		try {
			$handlers[ GeoActions::SAVE ]( $fields + array( '_asa2_nonce' => 'forged' ) );
			$this->fail( 'a forged nonce was accepted' );
		} catch ( AccessDenied $e ) {
			$this->assertStringContainsString( 'expired', $e->getMessage() );
		}
		$this->assertFalse( $this->plugin()->geo_settings()->localizes() );

		// Over HTTP: the form is on Options -> Countries for administrators only.
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-options&tab=countries', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'id="asa2-countries-form"', $page['body'] );
		$this->assertStringContainsString( '<code>AT</code>', $page['body'] );
		$this->assertSame( 403, $this->http( 'GET', '/wp-admin/admin.php?page=asa2-options&tab=countries', array( 'as' => 'editor' ) )['status'] );
	}

	public function test_saving_checks_the_header_the_database_and_the_stores(): void {
		$this->configure_creators( self::DE, self::UK );
		$this->submit( GeoActions::SAVE, array( 'asa2' => array( 'use_header' => '1', 'header' => 'X-Country"><script>' ) ) );
		$this->assertStringContainsString( 'letters, digits and hyphens', $this->notice_text() );
		$this->assertFalse( $this->plugin()->geo_settings()->localizes(), 'nothing saved' );

		$this->submit( GeoActions::SAVE, array( 'asa2' => array( 'database' => '/nonexistent/GeoLite2-Country.mmdb' ) ) );
		$this->assertStringContainsString( 'cannot be read', $this->notice_text() );
		file_put_contents( $this->database_path(), str_repeat( "\x00legacy", 200 ) );
		$this->submit( GeoActions::SAVE, array( 'asa2' => array( 'database' => $this->database_path() ) ) );
		$this->assertStringContainsString( 'legacy GeoIP.dat', $this->notice_text() );
		$this->submit( GeoActions::SAVE, array( 'asa2' => array( 'database' => 'relative/path.mmdb' ) ) );
		$this->assertStringContainsString( 'full path', $this->notice_text() );
		$this->assertSame( '', $this->plugin()->geo_settings()->get()['database'] );

		( new MmdbWriter() )->add( '127.0.0.0/8', 'AT' )->write( $this->database_path() );
		$this->submit(
			GeoActions::SAVE,
			array(
				'asa2' => array(
					'use_header' => '1',
					'header'     => ' X-Country ',
					'database'   => $this->database_path(),
					'also_load'  => array( 'uk', 'FR', '<b>', array( 'US' ) ),
				),
			)
		);
		$this->assertStringContainsString( 'Country settings saved', $this->notice_text() );
		$this->assertSame(
			array(
				'use_header' => true,
				'header'     => 'X-Country',
				'database'   => $this->database_path(),
				'also_load'  => array( 'UK' ),
			),
			$this->plugin()->geo_settings()->get(),
			'only marketplaces set up may be loaded for'
		);
	}

	public function test_the_endpoint_reads_the_header_then_the_database_and_is_never_cached(): void {
		$this->assertNull( $this->ask( array( 'CF-IPCountry' => 'GB' ) )['json']['country'], 'the header is off by default' );

		$this->geo( array( 'use_header' => true ) );
		$answer = $this->ask( array( 'CF-IPCountry' => 'gb' ) );
		$this->assertSame( array( 'country' => 'GB' ), $answer['json'] );
		$this->assertMatchesRegularExpression( '/^asa2_country=GB;.*path=\//i', $answer['headers']['set-cookie'] ?? '' );
		foreach ( array( '<script>alert(1)</script>', 'XX', 'T1', 'DEU', '' ) as $hostile ) {
			$answer = $this->ask( array( 'CF-IPCountry' => $hostile ) );
			$this->assertSame( array( 'country' => null ), $answer['json'], $hostile );
			$this->assertStringNotContainsString( 'script', $answer['body'] . ( $answer['headers']['set-cookie'] ?? '' ) );
		}

		// The database: this test talks to the web server from 127.0.0.1.
		( new MmdbWriter() )->add( '127.0.0.0/8', 'AT' )->add( '10.0.0.0/8', 'US' )->write( $this->database_path() );
		$this->geo( array( 'use_header' => true, 'header' => 'X-Visitor-Country', 'database' => $this->database_path() ) );
		$this->assertSame( 'AT', $this->ask()['json']['country'], 'no header: the database' );
		$this->assertSame( 'AT', $this->ask( array( 'CF-IPCountry' => 'GB' ) )['json']['country'], 'another header is not trusted' );
		$this->assertSame( 'CH', $this->ask( array( 'X-Visitor-Country' => 'CH' ) )['json']['country'], 'the header comes first' );
		$this->geo( array( 'database' => $this->database_path() ) );
		$this->assertSame( 'AT', $this->ask( array( 'X-Visitor-Country' => 'CH' ) )['json']['country'], 'header off' );

		// A database that went missing is no country, not an error page.
		unlink( $this->database_path() );
		$this->assertNull( $this->ask()['json']['country'] );
	}

	public function test_boxes_carry_the_stores_their_product_is_stored_and_in_stock_in(): void {
		$this->configure_creators( self::DE, self::UK, self::US );
		$this->store_id_set( 'main', 'Main', array( 'DE' => 'main-21', 'UK' => 'mainuk-21', 'US' => 'mainus-20' ) );
		$this->store_item();
		$this->store_item( array( 'marketplace' => 'UK', 'detail_page_url' => 'https://www.amazon.co.uk/dp/B0RENDER01' ) );
		$this->store_item( array( 'marketplace' => 'US', 'availability' => array( 'type' => 'OUT_OF_STOCK', 'message' => 'Currently unavailable.' ) ) );
		$this->store_item( array( 'asin' => 'B0RENDER02' ) );
		$this->plugin()->products()->record_error( 'B0RENDER02', 'UK', 'ItemNotAccessible', 'Not sold here.', time() );
		$content = '[asa2 asin="B0RENDER01" marketplace="DE" idset="main"] [asa2 asin="B0RENDER02" marketplace="DE" idset="Main"]';
		$post    = wp_insert_post( array( 'post_title' => 'Geo boxes', 'post_content' => $content, 'post_status' => 'publish' ) );

		// Without a country source: nothing added.
		$page = $this->http( 'GET', (string) get_permalink( $post ) )['body'];
		$this->assertStringContainsString( 'data-asin="B0RENDER01"', $page );
		$this->assertStringNotContainsString( 'data-asa2-stores', $page );
		$this->assertStringNotContainsString( 'geo-links.js', $page );
		$this->assertStringNotContainsString( 'asa2-geo-config', $page );

		$this->geo( array( 'use_header' => true ) );
		$page = $this->http( 'GET', (string) get_permalink( $post ) )['body'];
		$this->assertStringContainsString( 'data-asin="B0RENDER01" data-marketplace="DE" data-asa2-set="main" data-asa2-stores="UK">', $page, 'US is out of stock' );
		$this->assertMatchesRegularExpression( '/data-asin="B0RENDER02" data-marketplace="DE">/', $page, 'not sold in the UK: nowhere else to go' );
		$this->assertSame( 1, substr_count( $page, 'geo-links.js' ) );
		$this->assertSame( 1, preg_match( '#<script type="application/json" id="asa2-geo-config">(.*?)</script>#', $page, $m ) );
		$config = json_decode( $m[1], true );
		$this->assertEquals( array( 'DE' => 'main-21', 'UK' => 'mainuk-21', 'US' => 'mainus-20' ), $config['sets']['main']['tags'] );
		$this->assertSame( 'UK', $config['sets']['main']['countries']['GB'] );
		$this->assertSame( 'DE', $config['sets']['main']['countries']['AT'] );
		$this->assertSame( 'UK', $config['sets']['main']['countries']['IE'] );
		$this->assertSame( 'www.amazon.co.uk', $config['hosts']['UK'] );
		$this->assertStringEndsWith( '/asa2/v1/country', $config['endpoint'] );

		// The kept boxes hold no per-page data: the wrapper carries it.
		global $wpdb;
		$kept = (string) $wpdb->get_var( $wpdb->prepare( "SELECT box_cache FROM {$this->plugin()->products()->name()} WHERE asin = %s AND marketplace = %s", 'B0RENDER01', 'DE' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name.
		$this->assertNotSame( '', $kept );
		$this->assertStringNotContainsString( 'data-asa2', $kept );

		// A box without a set goes to each store's own tracking ID.
		$this->assertStringContainsString( 'data-asa2-set="" data-asa2-stores="UK"', do_shortcode( '[asa2 asin="B0RENDER01" marketplace="DE"]' ) );
	}

	public function test_a_set_chooses_other_stores_for_some_countries(): void {
		$this->configure_creators( self::DE, self::UK );
		$this->submit( IdSetActions::SAVE, array( 'asa2' => array( 'name' => 'Benelux', 'tags' => array( 'DE' => 'bx-21', 'UK' => 'bxuk-21' ), 'countries' => 'be = amazon.co.uk; AT=UK' ) ) );
		$set = $this->plugin()->id_sets()->get( 'benelux' );
		$this->assertSame( 'AT=UK, BE=UK', $set['countries'] );

		$this->submit( IdSetActions::SAVE, array( 'original' => 'benelux', 'asa2' => array( 'name' => 'Benelux', 'tags' => array( 'DE' => 'bx-21' ), 'countries' => 'XX=DE, AT=nowhere' ) ) );
		$state = $this->plugin()->form_state()->take( \Asa2\Creators\Admin\IdSetsTab::FORM );
		$this->assertCount( 2, $state['errors']['countries'] ?? array(), 'both choices are explained' );
		$this->assertSame( 'AT=UK, BE=UK', $this->plugin()->id_sets()->get( 'benelux' )['countries'], 'nothing saved' );

		$this->geo( array( 'use_header' => true ) );
		$this->store_item();
		$this->store_item( array( 'marketplace' => 'UK' ) );
		$this->assertStringContainsString( 'data-asa2-set="benelux" data-asa2-stores="UK"', do_shortcode( '[asa2 asin="B0RENDER01" marketplace="DE" idset="benelux"]' ) );
		ob_start();
		$this->plugin()->box_localizer()->print_config();
		$config = json_decode( (string) preg_replace( '#^<script[^>]*>|</script>\s*$#', '', (string) ob_get_clean() ), true );
		$this->assertSame( 'UK', $config['sets']['benelux']['countries']['AT'] );
		$this->assertSame( 'UK', $config['sets']['benelux']['countries']['BE'] );
		$this->assertSame( 'DE', $config['sets']['benelux']['countries']['CH'] );
	}

	public function test_products_are_also_loaded_for_the_chosen_stores_by_the_background_refresh(): void {
		$this->configure_creators( self::DE, self::UK );
		$this->plugin()->product_service()->add( 'B0GEOLOAD1', 'DE' );
		$this->plugin()->product_service()->add( 'B0GEOLOAD2', 'DE' );
		$other = $this->plugin()->other_stores();
		$this->assertSame( 0, $other->queue_missing( time() ), 'nothing chosen' );

		$this->geo( array( 'also_load' => array( 'UK', 'US' ) ) );
		$this->assertSame( 2, $other->queue_missing( time() ), 'the US is not set up: only the UK' );
		$this->assertNotNull( $this->row( 'B0GEOLOAD1', 'UK' ) );
		$this->assertNull( $this->row( 'B0GEOLOAD1', 'US' ) );
		$this->assertSame( 0, $other->queue_missing( time() ), 'only rows added since are looked at' );
		$this->plugin()->products()->ensure( 'B0GEOLOAD3', 'DE', time() );
		$this->assertSame( 1, $other->queue_missing( time() ) );

		$this->sandbox_reset();
		do_action( \Asa2\Creators\Cron\RefreshScheduler::HOOK );
		$stats = $this->stats();
		$this->assertSame( 1, (int) ( $stats['api_calls_by_marketplace']['UK'] ?? 0 ), 'the three UK products in one GetItems call' );
		$this->assertSame( array( 'DE', 'UK' ), $this->plugin()->other_stores()->stored( array( 'B0GEOLOAD1' ) )['B0GEOLOAD1'] );
		$this->assertSame( 0, (int) ( $stats['api_calls_by_marketplace']['US'] ?? 0 ) );
	}
}
