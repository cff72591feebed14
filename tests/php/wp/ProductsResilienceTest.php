<?php
/**
 * What users really hit: outages, throttling, not-eligible accounts, wrong credential types,
 * expired tokens. Stored data always survives; the error is recorded on the product.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Cron\RefreshScheduler;
use Asa2\Creators\Storage\ProductTable;

require_once __DIR__ . '/ProductsTestCase.php';

/**
 * Failure behaviour against the sandbox's faults.
 */
final class ProductsResilienceTest extends ProductsTestCase {

	public function test_an_outage_keeps_the_stored_data_and_records_the_error(): void {
		$this->configure_creators( self::DE );
		$this->plugin()->product_service()->add( 'B0OUTAGE01', 'DE' );
		$before = $this->row( 'B0OUTAGE01', 'DE' );
		$this->assertNotNull( $before['item'] );

		$this->sandbox_configure( array( 'outage' => true ) );
		$result = $this->plugin()->product_service()->refresh( array( array( 'B0OUTAGE01', 'DE' ) ) );
		$this->assertSame( 0, $result['updated'] );

		$after = $this->row( 'B0OUTAGE01', 'DE' );
		$this->assertSame( $before['item'], $after['item'], 'stale-while-error: the data is untouched' );
		$this->assertSame( $before['fetched_at'], $after['fetched_at'] );
		$this->assertNotSame( '', $after['error_code'] );
		$this->assertNotSame( '', $after['last_error'] );
		$this->assertStringContainsString( (string) $before['item']['title'], wp_specialchars_decode( do_shortcode( '[asa2 asin="B0OUTAGE01" marketplace="DE"]' ), ENT_QUOTES ) );

		// Back online: the next refresh clears the error.
		$this->sandbox_configure( array( 'outage' => false ) );
		$this->plugin()->product_service()->refresh( array( array( 'B0OUTAGE01', 'DE' ) ) );
		$this->assertSame( '', $this->row( 'B0OUTAGE01', 'DE' )['last_error'] );
	}

	public function test_a_product_never_loaded_is_tried_again_after_a_wait_that_grows(): void {
		global $wpdb;
		$this->configure_creators( self::DE );
		$this->sandbox_configure( array( 'outage' => true ) );
		$start = time();
		add_filter( 'asa2/now', static fn() => $start );
		$this->assertSame( '', do_shortcode( '[asa2 asin="B0RETRY001" marketplace="DE"]' ), 'queued; visitors see nothing' );
		$scheduler = $this->plugin()->refresh_scheduler();
		$this->assertSame( 0, $scheduler->run()['updated'] );
		$failed = $this->row( 'B0RETRY001', 'DE' );
		$this->assertNull( $failed['item'] );
		$this->assertNotSame( '', $failed['last_error'] );

		// Amazon is back. Right after the failure the product is not due (pages asking for it
		// again do not cause a call each); after the shortest wait it is, and it loads.
		$this->sandbox_configure( array( 'outage' => false ) );
		$calls = $this->api_calls( 'GetItems' );
		$this->assertSame( 0, $scheduler->run()['due'] );
		$this->assertSame( $calls, $this->api_calls( 'GetItems' ) );
		remove_all_filters( 'asa2/now' );
		add_filter( 'asa2/now', static fn() => $start + ProductTable::RETRY_UNLOADED_AFTER );
		$this->assertSame( 1, $scheduler->run()['updated'] );
		$this->assertNotNull( $this->row( 'B0RETRY001', 'DE' )['item'] );

		// A product failing for 10 hours waits 10 hours; never more than the refresh interval.
		$products = $this->plugin()->products();
		$products->ensure( 'B0RETRY002', 'DE', $start );
		$products->record_error( 'B0RETRY002', 'DE', 'ItemNotAccessible', 'refused', $start );
		$wpdb->update( $products->name(), array( 'created' => $start - 10 * HOUR_IN_SECONDS ), array( 'asin' => 'B0RETRY002' ) );
		$before = $start - DAY_IN_SECONDS;
		$this->assertSame( 0, $products->count_due( $before, $start + 9 * HOUR_IN_SECONDS ) );
		$this->assertSame( 1, $products->count_due( $before, $start + 10 * HOUR_IN_SECONDS ) );
		$wpdb->update( $products->name(), array( 'created' => $start - 30 * DAY_IN_SECONDS ), array( 'asin' => 'B0RETRY002' ) );
		$this->assertSame( 0, $products->count_due( $start - HOUR_IN_SECONDS, $start + DAY_IN_SECONDS - HOUR_IN_SECONDS ) );
		$this->assertSame( 1, $products->count_due( $start, $start + DAY_IN_SECONDS ) );

		// A product with data whose refresh failed keeps its data and waits the full interval.
		$products->record_error( 'B0RETRY001', 'DE', 'network', 'down', $start + 1000 );
		$later = $start + 1000 + 2 * ProductTable::RETRY_UNLOADED_AFTER;
		$this->assertSame( 0, $products->count_due( $later - DAY_IN_SECONDS, $later ) );
		$this->assertNotNull( $this->row( 'B0RETRY001', 'DE' )['item'] );
	}

	public function test_throttling_backs_off_honours_retry_after_and_succeeds(): void {
		$this->configure_creators( self::DE );
		// The site is told it may send 10 requests per second; Amazon allows 1.
		$this->plugin()->product_settings()->save( array( 'ttl_hours' => 24, 'requests_per_second' => 10.0 ) );
		$keys = array();
		for ( $i = 0; $i < 30; $i++ ) {
			$keys[] = array( sprintf( 'B0THROT%03d', $i ), 'DE' );
		}
		$result = $this->plugin()->product_service()->refresh( $keys );
		$stats  = $this->stats();
		$this->assertGreaterThan( 0, $stats['throttled'], 'the sandbox answered 429' );
		$this->assertSame( 30, $result['updated'], implode( "\n", $result['failed'] ) );
	}

	public function test_a_not_eligible_account_keeps_data_hides_old_prices_and_explains(): void {
		$this->configure_creators( self::DE );
		$this->plugin()->product_service()->add( 'B0ELIGIBL1', 'DE' );
		$before = $this->row( 'B0ELIGIBL1', 'DE' );

		$this->sandbox_configure( array( 'not_eligible' => array( self::DE['credential_id'] ) ) );
		$this->plugin()->product_service()->refresh( array( array( 'B0ELIGIBL1', 'DE' ) ) );
		$after = $this->row( 'B0ELIGIBL1', 'DE' );
		$this->assertSame( $before['item'], $after['item'] );
		$this->assertStringContainsString( '10 qualifying sales', $after['last_error'] );
		$this->assertArrayHasKey( 'DE', $this->plugin()->product_service()->not_eligible() );

		$this->act_as( 'administrator' );
		ob_start();
		$this->plugin()->product_health()->render_not_eligible_notice();
		$notice = (string) ob_get_clean();
		$this->assertStringContainsString( '10 qualifying sales in the last 30 days', $notice );

		// A day later the price is no longer shown, the rest of the box is.
		$price = (string) ( $before['item']['price']['display'] ?? '' );
		add_filter( 'asa2/now', static fn() => time() + DAY_IN_SECONDS + HOUR_IN_SECONDS );
		$html = wp_specialchars_decode( do_shortcode( '[asa2 asin="B0ELIGIBL1" marketplace="DE"]' ), ENT_QUOTES );
		$this->assertStringContainsString( (string) $before['item']['title'], $html );
		if ( '' !== $price ) {
			$this->assertStringNotContainsString( $price, $html );
		}
		remove_all_filters( 'asa2/now' );

		// Eligible again: the notice goes away.
		$this->sandbox_configure( array( 'not_eligible' => array() ) );
		$this->plugin()->product_service()->refresh( array( array( 'B0ELIGIBL1', 'DE' ) ) );
		$this->assertSame( array(), $this->plugin()->product_service()->not_eligible() );
	}

	public function test_invalid_client_gets_the_setup_hint(): void {
		$this->configure_creators( self::DE, self::UK_AS_COGNITO );
		$row = $this->plugin()->product_service()->add( 'https://www.amazon.co.uk/dp/B0UKCLIENT' );
		$this->assertSame( 'UK', $row['marketplace'] );
		$this->assertSame( 'invalid_client', $row['error_code'] );
		$this->assertStringContainsString( 'LWA (v3)', $row['last_error'] );
	}

	public function test_an_expired_token_is_dropped_and_the_call_retried_once(): void {
		$this->configure_creators( self::DE );
		$this->plugin()->product_service()->add( 'B0TOKEN001', 'DE' );
		// The sandbox forgets every token it issued: the cached one is now rejected with 401.
		$this->sandbox_reset();
		$result = $this->plugin()->product_service()->refresh( array( array( 'B0TOKEN001', 'DE' ) ) );
		$this->assertSame( 1, $result['updated'], implode( "\n", $result['failed'] ) );
		$stats = $this->stats();
		$this->assertSame( 1, $stats['token_requests'][ self::DE['credential_id'] ] ?? 0, 'one new token' );
		$this->assertSame( 2, $stats['api_calls_by_operation']['GetItems'] ?? 0, 'the rejected call and its retry' );
	}

	public function test_every_call_is_logged_when_logging_is_on(): void {
		$this->configure_creators( self::DE );
		$this->configure_paapi();
		$this->plugin()->logging()->save( array( 'enabled' => true, 'level' => 'info', 'retention_days' => 30 ) );
		$this->plugin()->product_service()->add( 'B0LOGGED01', 'DE' );
		$this->plugin()->product_service()->add( 'B0LOGGED02', 'FR' );
		$rows = $this->plugin()->log_table()->page( 50, 1 );
		$ops  = array_map( static fn( array $r ): string => $r['api'] . ':' . $r['operation'] . ':' . $r['marketplace'], $rows );
		$this->assertContains( 'creators:token:DE', $ops );
		$this->assertContains( 'creators:GetItems:DE', $ops );
		$this->assertContains( \Asa2\Api::PAAPI5 . ':GetItems:FR', $ops );
		foreach ( $rows as $row ) {
			$this->assertStringNotContainsString( self::DE['credential_secret'], $row['message'] );
			$this->assertStringNotContainsString( self::PAAPI['secret_key'], $row['message'] );
		}
	}

	public function test_the_background_refresh_refreshes_due_products_and_records_errors(): void {
		$this->configure_creators( self::DE );
		$this->assertNotFalse( wp_next_scheduled( RefreshScheduler::HOOK ), 'scheduled on activation' );
		$this->plugin()->product_service()->refresh( array( array( 'B0CRON0001', 'DE' ), array( 'B0CRON0002', 'DE' ) ) );
		$this->plugin()->products()->ensure( 'B0CRONJP01', 'JP', time() );

		// Nothing is due yet except the product never fetched.
		$result = $this->plugin()->refresh_scheduler()->run();
		$this->assertSame( 1, $result['due'] );
		$this->assertSame( 'not_configured', $this->row( 'B0CRONJP01', 'JP' )['error_code'] );

		// A day later everything is due.
		add_filter( 'asa2/now', static fn() => time() + DAY_IN_SECONDS + 60 );
		$calls  = $this->api_calls( 'GetItems' );
		$result = $this->plugin()->refresh_scheduler()->run();
		$this->assertSame( 3, $result['due'] );
		$this->assertSame( 2, $result['updated'] );
		$this->assertSame( $calls + 1, $this->api_calls( 'GetItems' ) );
		$this->assertGreaterThan( time() + DAY_IN_SECONDS, $this->row( 'B0CRON0001', 'DE' )['refreshed_at'] );
	}

	public function test_site_health_shows_the_last_calls_and_the_refresh_schedule(): void {
		$this->configure_creators( self::DE );
		$health = $this->plugin()->product_health();
		$this->assertSame( 'recommended', $health->test_api_calls()['status'] );
		$this->plugin()->product_service()->add( 'B0HEALTH01', 'DE' );
		$calls = $health->test_api_calls();
		$this->assertSame( 'good', $calls['status'] );
		$this->assertStringContainsString( 'last token', $calls['description'] );
		$this->assertStringContainsString( 'GetItems', $calls['description'] );
		$refresh = $health->test_refresh();
		$this->assertSame( 'good', $refresh['status'] );
		$this->assertStringContainsString( 'Next scheduled refresh', $refresh['description'] );
		$tests = apply_filters( 'site_status_tests', array( 'direct' => array(), 'async' => array() ) );
		$this->assertArrayHasKey( 'asa2_api_calls', $tests['direct'] );
		$this->assertArrayHasKey( 'asa2_product_refresh', $tests['direct'] );

		wp_clear_scheduled_hook( RefreshScheduler::HOOK );
		$this->assertSame( 'critical', $health->test_refresh()['status'] );
	}
}
