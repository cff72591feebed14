<?php
/**
 * The request quota plan: requests per second and per day per credential, never exceeded by
 * the background refresh (also by two workers at once), counted per UTC day and reset the next
 * day; Amazon's quota answer lowers the plan until the next day; due products are taken shown
 * first, then oldest; the capacity report's numbers; the settings form validates each field.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Admin\TemplateActions;
use Asa2\Creators\Clock;
use Asa2\Creators\Cron\RefreshCapacity;
use Asa2\Creators\Products\ApiRouter;
use Asa2\Creators\Products\QuotaLedger;
use Asa2\Creators\Storage\QuotaSettings;

require_once __DIR__ . '/ProductsTestCase.php';

/**
 * QuotaSettings, QuotaLedger, QuotaPlan, RetryingCaller and RefreshScheduler against the sandbox.
 */
final class ProductsQuotaTest extends ProductsTestCase {

	protected function tearDown(): void {
		remove_all_filters( 'asa2/refresh_time_budget' );
		$this->sandbox_configure( array( 'daily_quota' => 0, 'daily_quotas' => new \stdClass() ) );
		parent::tearDown();
	}

	/** The DE credential as the plugin names it. */
	private function de(): string {
		return ApiRouter::creators_credential( self::DE['credential_id'] );
	}

	/**
	 * Sets one credential's requests per second and per day.
	 *
	 * @param string $credential ApiRouter::credential().
	 * @param float  $rps        Requests per second.
	 * @param int    $rpd        Requests per day.
	 */
	private function quota( string $credential, float $rps, int $rpd ): void {
		$this->plugin()->quota_settings()->save( array( $credential => array( 'rps' => $rps, 'rpd' => $rpd ) ) );
	}

	public function test_defaults_come_from_the_former_global_rate_and_8640_per_day(): void {
		$this->plugin()->product_settings()->save( array( 'ttl_hours' => 24, 'requests_per_second' => 2.5 ) );
		$this->assertSame( array( 'rps' => 2.5, 'rpd' => 8640 ), $this->plugin()->quota_settings()->of( $this->de() ) );
		$this->quota( $this->de(), 4.0, 20000 );
		$this->assertSame( array( 'rps' => 4.0, 'rpd' => 20000 ), $this->plugin()->quota_settings()->of( $this->de() ) );
		$this->assertSame( array( 'rps' => 2.5, 'rpd' => 8640 ), $this->plugin()->quota_settings()->of( 'paapi:AKIAOTHER' ), 'another credential keeps the defaults' );
		$this->assertStringNotContainsString( self::DE['credential_id'], (string) wp_json_encode( get_option( QuotaSettings::OPTION ) ), 'only a hash of the identifier is stored' );
	}

	public function test_the_refresh_stops_at_the_requests_per_day_and_goes_on_the_next_utc_day(): void {
		$this->configure_creators( self::DE );
		$this->sandbox_configure( array( 'rps' => 0 ) );
		$this->quota( $this->de(), 10.0, 5 );
		$this->seed( 'DE', 100, 'B0QDAY' );
		$day = Clock::now();

		$result = $this->plugin()->refresh_scheduler()->run();

		$this->assertSame( 5, $this->api_calls( 'GetItems' ), 'five requests per day' );
		$this->assertSame( 50, $result['updated'] );
		$this->assertSame( 'quota', $result['stopped'] );
		$this->assertSame( 50, $result['remaining'] );
		$this->assertSame( array(), $result['failed'], 'the products left wait without an error' );
		$this->assertSame( 5, $this->plugin()->quota_ledger()->used( $this->de() ) );

		// A second run the same day makes no request.
		$result = $this->plugin()->refresh_scheduler()->run();
		$this->assertSame( 5, $this->api_calls( 'GetItems' ) );
		$this->assertSame( 0, $result['due'] );

		// A person adding a product is counted, not refused.
		$this->plugin()->product_service()->add( 'B0QDAYADD1', 'DE' );
		$this->assertSame( 6, $this->api_calls( 'GetItems' ) );
		$this->assertSame( 6, $this->plugin()->quota_ledger()->used( $this->de() ) );

		// The next UTC day starts afresh.
		$tomorrow = (int) ( floor( $day / DAY_IN_SECONDS ) + 1 ) * DAY_IN_SECONDS + 60;
		add_filter( 'asa2/now', static fn() => $tomorrow );
		$this->assertSame( 0, $this->plugin()->quota_ledger()->used( $this->de() ) );
		$result = $this->plugin()->refresh_scheduler()->run();
		$this->assertSame( 11, $this->api_calls( 'GetItems' ) );
		$this->assertSame( 5, $this->plugin()->quota_ledger()->used( $this->de() ) );
		$this->assertSame( 0, $this->stats()['throttled'] );
	}

	public function test_two_workers_at_once_never_exceed_the_requests_per_day(): void {
		$this->configure_creators( self::DE );
		$this->sandbox_configure( array( 'rps' => 0 ) );
		$this->quota( $this->de(), 10.0, 7 );
		$stack_json = getenv( 'ASA2_STACK_JSON' ) ?: dirname( __DIR__, 3 ) . '/.work/test/stack.json';
		$start      = microtime( true ) + 3.0;
		$processes  = array();
		for ( $worker = 0; $worker < 2; $worker++ ) {
			$command = array( PHP_BINARY );
			if ( '' !== self::$stack['extension'] ) {
				array_push( $command, '-d', 'extension=' . self::$stack['extension'] );
			}
			array_push( $command, __DIR__ . '/support/refresh-products.php', $stack_json, sprintf( '%.6F', $start ), '--within-quota' );
			for ( $i = 0; $i < 60; $i++ ) {
				$command[] = sprintf( 'B0Q1%d%05d:DE', $worker, $i ); // 4th character 1: a sandbox category without variation parents.
			}
			$pipes       = array();
			$process     = proc_open( $command, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
			$this->assertIsResource( $process );
			$processes[] = array( $process, $pipes );
		}
		$updated = 0;
		$held    = 0;
		foreach ( $processes as [ $process, $pipes ] ) {
			$out = stream_get_contents( $pipes[1] );
			$err = stream_get_contents( $pipes[2] );
			fclose( $pipes[1] );
			fclose( $pipes[2] );
			$this->assertSame( 0, proc_close( $process ), "worker failed: {$out}\n{$err}" );
			$result = json_decode( (string) $out, true );
			$this->assertIsArray( $result, (string) $out );
			$updated += $result['updated'];
			$held    += array_sum( $result['held'] );
		}
		$this->assertSame( 7, $this->api_calls( 'GetItems' ), 'exactly the requests of the day, not one more' );
		$this->assertSame( 70, $updated );
		$this->assertSame( 50, $held );
		$this->assertSame( 7, $this->plugin()->quota_ledger()->used( $this->de() ) );
	}

	public function test_amazons_quota_answer_lowers_the_plan_until_the_next_day(): void {
		$this->configure_creators( self::DE );
		$this->sandbox_configure( array( 'rps' => 0, 'daily_quotas' => array( self::DE['credential_id'] => 3 ) ) );
		$this->quota( $this->de(), 10.0, 8640 );
		$this->seed( 'DE', 100, 'B0Q1MZ' ); // 4th character 1: a sandbox category without variation parents.

		$result = $this->plugin()->refresh_scheduler()->run();

		$stats = $this->stats();
		$this->assertSame( 1, $stats['quota_refused'], 'the quota answer is not retried' );
		$this->assertSame( 1, $stats['throttled'] );
		$this->assertSame( 30, $result['updated'] );
		$this->assertSame( 'quota', $result['stopped'] );
		$this->assertSame( array(), $result['failed'], 'the refused batch waits without an error' );
		$ledger = $this->plugin()->quota_ledger();
		$this->assertSame( 4, $ledger->lowered( $this->de() ), 'lowered to what was used today' );
		$this->assertSame( 4, $ledger->limit( $this->de(), 8640 ) );

		// The report shows the lowered plan.
		$capacity = $this->plugin()->refresh_capacity()->assess();
		$row      = $capacity['quota']['credentials'][0];
		$this->assertSame( 4, $row['lowered'] );
		$this->assertSame( 40, $row['products_per_day'] );
		$this->assertSame( 'critical', $capacity['status'] );
		$this->assertStringContainsString( 'lowered from 8,640 to 4 requests until 00:00 UTC', implode( ' ', RefreshCapacity::explain( $capacity )['lines'] ) );

		// Another run the same day asks Amazon nothing.
		$this->plugin()->refresh_scheduler()->run();
		$this->assertSame( 4, $this->api_calls( 'GetItems' ) );

		// The next UTC day the plan is the setting again.
		$tomorrow = (int) ( floor( Clock::now() / DAY_IN_SECONDS ) + 1 ) * DAY_IN_SECONDS + 60;
		add_filter( 'asa2/now', static fn() => $tomorrow );
		$this->assertNull( $ledger->lowered( $this->de() ) );
		$this->assertSame( 8640, $ledger->limit( $this->de(), 8640 ) );
	}

	public function test_due_products_shown_on_pages_come_first_then_the_oldest(): void {
		global $wpdb;
		$table = $this->plugin()->products()->name();
		$now   = Clock::now();
		$rows  = array(
			// ASIN, refreshed_at, shown_at.
			array( 'B0ORDER001', $now - 5 * DAY_IN_SECONDS, 0 ),
			array( 'B0ORDER002', $now - 2 * DAY_IN_SECONDS, $now - 3 * HOUR_IN_SECONDS ),
			array( 'B0ORDER003', $now - 3 * DAY_IN_SECONDS, $now - 30 * DAY_IN_SECONDS ),
			array( 'B0ORDER004', $now - 2 * DAY_IN_SECONDS, $now - 60 ),
			array( 'B0ORDER005', 0, 0 ),
			array( 'B0ORDER006', $now - HOUR_IN_SECONDS, $now - 60 ),
		);
		foreach ( $rows as $row ) {
			$wpdb->insert( $table, array( 'asin' => $row[0], 'marketplace' => 'DE', 'refreshed_at' => $row[1], 'shown_at' => $row[2], 'status' => 0 === $row[1] ? 0 : 1, 'created' => $now - 10 * DAY_IN_SECONDS ) );
		}
		$due = $this->plugin()->products()->due( $now - DAY_IN_SECONDS, $now, 100 );
		// Shown within 7 days (latest first), then never fetched, then the oldest data.
		$this->assertSame( array( 'B0ORDER004', 'B0ORDER002', 'B0ORDER005', 'B0ORDER001', 'B0ORDER003' ), array_column( $due, 'asin' ) );
		$this->assertSame( array( 'B0ORDER004', 'B0ORDER002' ), array_column( $this->plugin()->products()->due( $now - DAY_IN_SECONDS, $now, 2 ), 'asin' ) );
		$this->assertSame( array(), $this->plugin()->products()->due( $now - DAY_IN_SECONDS, $now, 100, array( 'DE' ) ), 'a marketplace left out' );
	}

	public function test_a_page_marks_its_products_shown_at_most_once_an_hour_with_one_statement(): void {
		global $wpdb;
		$now = Clock::now();
		add_filter( 'asa2/now', static fn() => $now );
		$this->store_item( array( 'asin' => 'B0SHOWN001' ) );
		$this->store_item( array( 'asin' => 'B0SHOWN002' ) );
		$table  = $this->plugin()->products()->name();
		$writes = array();
		$spy    = static function ( $query ) use ( &$writes, $table ) {
			if ( is_string( $query ) && str_contains( $query, $table ) && str_contains( $query, 'shown_at =' ) ) {
				$writes[] = $query;
			}
			return $query;
		};
		add_filter( 'query', $spy );
		try {
			$html = do_shortcode( '[asa2 asin="B0SHOWN001" marketplace="DE"][asa2 asin="B0SHOWN002" marketplace="DE"]' );
			$this->assertStringContainsString( 'B0SHOWN001', $html );
			$this->assertSame( array(), $writes, 'nothing written while the page renders' );
			$this->plugin()->shown_marks()->flush();
			$this->assertCount( 1, $writes, 'one statement for both' );
			$shown = $wpdb->get_col( "SELECT shown_at FROM {$table} WHERE asin LIKE 'B0SHOWN%'" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
			$this->assertSame( array( $now, $now ), array_map( 'intval', $shown ) );

			// Within the hour: no write at all.
			$writes = array();
			do_shortcode( '[asa2 asin="B0SHOWN001" marketplace="DE"]' );
			$this->plugin()->shown_marks()->flush();
			$this->assertSame( array(), $writes );
		} finally {
			remove_filter( 'query', $spy );
		}
	}

	public function test_the_capacity_report_gives_products_per_day_and_the_cycle_per_credential_and_in_total(): void {
		$this->configure_creators( self::DE, self::US );
		$this->plugin()->product_settings()->save( array( 'ttl_hours' => 24, 'requests_per_second' => 1.0 ) );
		$this->quota( $this->de(), 1.0, 100 );
		$this->quota( ApiRouter::creators_credential( self::US['credential_id'] ), 1.0, 8640 );
		add_filter( 'asa2/refresh_time_budget', static fn() => 50.0 );
		$this->seed( 'DE', 2000, 'B0CAPD' );
		$this->seed( 'US', 500, 'B0CAPU' );

		$capacity = $this->plugin()->refresh_capacity()->assess();
		$quota    = $capacity['quota'];
		$by_code  = array_column( $quota['credentials'], null, 'label' );
		$de       = array_values( array_filter( $quota['credentials'], static fn( array $r ): bool => array( 'DE' ) === $r['marketplaces'] ) )[0];
		$us       = array_values( array_filter( $quota['credentials'], static fn( array $r ): bool => array( 'US' ) === $r['marketplaces'] ) )[0];
		$this->assertCount( 2, $by_code );
		// DE: 200 calls a cycle, 100 a day: 1,000 products a day, a cycle of 2 days.
		$this->assertSame( 200, $de['calls'] );
		$this->assertSame( 100, $de['calls_per_day'] );
		$this->assertSame( 1000, $de['products_per_day'] );
		$this->assertEqualsWithDelta( 2 * DAY_IN_SECONDS, $de['cycle_seconds'], 1 );
		$this->assertFalse( $de['keeps_up'] );
		// US: 50 calls a cycle; 8,640 a day (at 1 per second the runs would give time for more).
		$this->assertSame( 8640, $us['calls_per_day'] );
		$this->assertSame( 86400, $us['products_per_day'] );
		$this->assertEqualsWithDelta( 500, $us['cycle_seconds'], 1 );
		$this->assertTrue( $us['keeps_up'] );
		// At a tenth of a request per second the rate, not the quota, is the limit.
		$this->quota( ApiRouter::creators_credential( self::US['credential_id'] ), 0.1, 8640 );
		$runs_per_day = 24 * HOUR_IN_SECONDS * 50 / ( 50 + 60 );
		$slow         = array_values( array_filter( $this->plugin()->refresh_capacity()->assess()['quota']['credentials'], static fn( array $r ): bool => array( 'US' ) === $r['marketplaces'] ) )[0];
		$this->assertSame( (int) floor( $runs_per_day / 10.5 ), $slow['calls_per_day'] );
		$this->quota( ApiRouter::creators_credential( self::US['credential_id'] ), 1.0, 8640 );
		$this->assertSame( 2500, $quota['products'] );
		$this->assertSame( 87400, $quota['products_per_day'] );
		$this->assertEqualsWithDelta( 2 * DAY_IN_SECONDS, $quota['cycle_seconds'], 1 );
		$this->assertSame( 48, $quota['hours'] );
		$this->assertSame( 'critical', $capacity['status'] );
		$text = RefreshCapacity::explain( $capacity );
		$this->assertStringContainsString( 'request quota cannot keep every ASA2 product within 24 hours', $text['label'] );
		$all = implode( "\n", $text['lines'] );
		$this->assertStringContainsString( 'keeps 1,000 products per day fresh, a full cycle takes 2 days', $all );
		$this->assertStringContainsString( 'raise "Refresh Products Every" to at least 48 hours', $all );
		$this->assertStringContainsString( 'shown on pages recently first', $all );

		// Site Health says the same, with the way to the settings.
		$health = $this->plugin()->product_health()->test_capacity();
		$this->assertSame( 'critical', $health['status'] );
		$this->assertStringContainsString( 'request quota cannot keep', $health['label'] );

		// Enough requests per day: the quota keeps up.
		$this->quota( $this->de(), 1.0, 8640 );
		$this->assertTrue( $this->plugin()->refresh_capacity()->assess()['quota']['keeps_up'] );
	}

	public function test_the_settings_form_validates_each_field_and_saves_per_credential(): void {
		$this->configure_creators( self::DE );
		$key = QuotaSettings::key( $this->de() );
		$this->submit( TemplateActions::SAVE_PRODUCT_OPT, array( 'asa2' => array( 'ttl_hours' => '24', 'quota' => array( $key => array( 'rps' => '50', 'rpd' => '0' ) ) ) ) );
		$notice = $this->notice_text();
		$this->assertStringContainsString( 'Requests per Second: enter a number between 0.1 and 10', $notice );
		$this->assertStringContainsString( 'Requests per Day: enter a whole number between 1 and 10,000,000', $notice );
		$this->assertStringContainsString( 'Creators API 5demo2…ox1q', $notice, 'the message names the credential' );
		$this->assertStringContainsString( 'Nothing was changed', $notice );
		$this->assertSame( 8640, $this->plugin()->quota_settings()->of( $this->de() )['rpd'] );

		$this->submit( TemplateActions::SAVE_PRODUCT_OPT, array( 'asa2' => array( 'ttl_hours' => '12', 'quota' => array( $key => array( 'rps' => '2,5', 'rpd' => '20,000' ) ) ) ) );
		$this->assertSame( array( 'rps' => 2.5, 'rpd' => 20000 ), $this->plugin()->quota_settings()->of( $this->de() ) );
		$this->assertSame( 12, $this->plugin()->product_settings()->get()['ttl_hours'] );

		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-options&tab=products', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'id="asa2-quota-table"', $page['body'] );
		$this->assertStringContainsString( 'name="asa2[quota][' . $key . '][rpd]"', $page['body'] );
		$this->assertStringContainsString( 'value="20000"', $page['body'] );
		$this->assertStringNotContainsString( self::DE['credential_id'], $page['body'], 'the credential is shown shortened' );
	}
}
