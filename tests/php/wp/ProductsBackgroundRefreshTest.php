<?php
/**
 * The background refresh keeps up with large catalogs: a run refreshes as many due products as
 * its time budget allows, stops between batches, schedules a follow-up while products are due,
 * never overlaps another run, takes queued products first, and the owner is told when the
 * catalog cannot be refreshed within the interval.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Api\SharedLock;
use Asa2\Creators\Clock;
use Asa2\Creators\Cron\RefreshBudget;
use Asa2\Creators\Cron\RefreshScheduler;

require_once __DIR__ . '/ProductsTestCase.php';

/**
 * RefreshScheduler, RefreshBudget and RefreshCapacity against the sandbox.
 */
final class ProductsBackgroundRefreshTest extends ProductsTestCase {

	protected function tearDown(): void {
		remove_all_filters( 'asa2/refresh_time_budget' );
		parent::tearDown();
	}

	public function test_a_backlog_larger_than_fifty_is_refreshed_in_one_run(): void {
		$this->configure_creators( self::DE, self::US );
		$this->fast();
		$this->seed( 'DE', 80, 'B0BLDE' );
		$this->seed( 'US', 70, 'B0BLUS' );
		$order  = array();
		$record = static function ( $row ) use ( &$order ): void {
			if ( 'GetItems' === $row['operation'] ) {
				$order[] = $row['marketplace'];
			}
		};
		add_action( 'asa2/remote_call', $record );

		$result = $this->plugin()->refresh_scheduler()->run();
		remove_action( 'asa2/remote_call', $record );

		$this->assertSame( 150, $result['updated'], implode( "\n", $result['failed'] ) );
		$this->assertSame( 150, $result['due'] );
		$this->assertSame( 0, $result['remaining'] );
		$this->assertSame( 'done', $result['stopped'] );
		$stats = $this->stats();
		$this->assertSame( 8, $stats['api_calls_by_marketplace']['DE'] ?? 0, 'ceil(80/10) GetItems calls for DE' );
		$this->assertSame( 7, $stats['api_calls_by_marketplace']['US'] ?? 0, 'ceil(70/10) GetItems calls for US' );
		$this->assertSame( 0, $stats['throttled'] );
		// The US products are newer, yet the marketplaces take turns: while one credential waits
		// for its next slot, the other one calls.
		$this->assertSame( array( 'DE', 'US', 'DE', 'US', 'DE', 'US' ), array_slice( $order, 0, 6 ) );
		$this->assertSame( 0, $this->plugin()->products()->count_due( Clock::now() - DAY_IN_SECONDS, Clock::now() ) );
		$this->assertFalse( wp_next_scheduled( RefreshScheduler::HOOK_CONTINUE ), 'nothing left: no follow-up' );
		$last = get_option( RefreshScheduler::LAST_RUN_OPTION );
		$this->assertSame( 150, $last['updated'] );
		$this->assertSame( 0, $last['remaining'] );
	}

	public function test_a_run_stops_at_its_budget_between_batches_and_a_follow_up_drains_the_rest(): void {
		$this->configure_creators( self::DE );
		$this->fast();
		$this->seed( 'DE', 200, 'B0BUDG' );
		add_filter( 'asa2/refresh_time_budget', static fn() => 0.5 );

		$result = $this->plugin()->refresh_scheduler()->run();

		$this->assertSame( 'budget', $result['stopped'] );
		$this->assertGreaterThan( 0, $result['updated'] );
		$this->assertLessThan( 200, $result['updated'] );
		$this->assertSame( 0, $result['updated'] % 10, 'whole batches only' );
		$this->assertSame( $result['updated'], $result['due'] );
		$this->assertSame( 200 - $result['updated'], $result['remaining'] );
		$this->assertLessThan( 1.5, $result['seconds'], 'the run ended near its 0.5 s budget' );
		$this->assertSame( intdiv( $result['updated'], 10 ), $this->api_calls( 'GetItems' ) );
		// Every product was either refreshed completely or left as it was.
		global $wpdb;
		$rows = $wpdb->get_results( "SELECT data, refreshed_at, error_code FROM {$wpdb->prefix}asa2_products", ARRAY_A );
		$done = 0;
		foreach ( $rows as $row ) {
			if ( null !== $row['data'] ) {
				$this->assertGreaterThan( 0, (int) $row['refreshed_at'] );
				++$done;
			} else {
				$this->assertSame( 0, (int) $row['refreshed_at'], 'not attempted, so untouched' );
				$this->assertSame( '', $row['error_code'] );
			}
		}
		$this->assertSame( $result['updated'], $done );

		$next = wp_next_scheduled( RefreshScheduler::HOOK_CONTINUE );
		$this->assertNotFalse( $next, 'a follow-up run is scheduled' );
		$this->assertGreaterThanOrEqual( Clock::now() + 50, $next );
		$this->assertLessThanOrEqual( Clock::now() + 120, $next );
		$last = get_option( RefreshScheduler::LAST_RUN_OPTION );
		$this->assertSame( 200 - $result['updated'], $last['remaining'] );
		$this->assertSame( 'budget', $last['stopped'] );
		$health = $this->plugin()->product_health()->test_refresh()['description'];
		$this->assertStringContainsString( 'Products still due after it: ' . ( 200 - $result['updated'] ) . ';', $health );
		$this->assertStringContainsString( 'a follow-up run is scheduled', $health );

		// The follow-up event (WP-Cron unschedules a single event before running it), with the
		// default budget: the rest is refreshed and no further follow-up is needed.
		remove_all_filters( 'asa2/refresh_time_budget' );
		wp_unschedule_event( $next, RefreshScheduler::HOOK_CONTINUE );
		do_action( RefreshScheduler::HOOK_CONTINUE );
		$last = get_option( RefreshScheduler::LAST_RUN_OPTION );
		$this->assertSame( 200 - $result['updated'], $last['updated'] );
		$this->assertSame( 0, $last['remaining'] );
		$this->assertSame( 20, $this->api_calls( 'GetItems' ), 'each product fetched once' );
		$this->assertFalse( wp_next_scheduled( RefreshScheduler::HOOK_CONTINUE ) );
	}

	public function test_runs_never_overlap(): void {
		global $wpdb;
		$this->configure_creators( self::DE );
		$this->sandbox_configure( array( 'rps' => 0 ) );
		// Slow enough that the worker's run lasts about two seconds.
		$this->plugin()->product_settings()->save( array( 'ttl_hours' => 24, 'requests_per_second' => 4.0 ) );
		$this->seed( 'DE', 80, 'B0OVER' );

		$command = array( PHP_BINARY );
		if ( '' !== self::$stack['extension'] ) {
			array_push( $command, '-d', 'extension=' . self::$stack['extension'] );
		}
		array_push( $command, __DIR__ . '/support/refresh-cron.php', getenv( 'ASA2_STACK_JSON' ) ?: dirname( __DIR__, 3 ) . '/.work/test/stack.json' );
		$pipes   = array();
		$process = proc_open( $command, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
		$this->assertIsResource( $process );

		// Wait until the worker's run holds the lock, then start a second run here.
		$option   = SharedLock::OPTION_PREFIX . RefreshScheduler::LOCK;
		$deadline = microtime( true ) + 20;
		while ( null === $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $option ) ) ) {
			$this->assertLessThan( $deadline, microtime( true ), 'the worker never took the lock' );
			usleep( 10000 );
		}
		$here = $this->plugin()->refresh_scheduler()->run();

		$out = stream_get_contents( $pipes[1] );
		$err = stream_get_contents( $pipes[2] );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		$this->assertSame( 0, proc_close( $process ), "worker failed: {$out}\n{$err}" );
		$worker = json_decode( (string) $out, true );

		$this->assertSame( 'busy', $here['stopped'], 'the second run did nothing while the first ran' );
		$this->assertSame( 0, $here['due'] );
		$this->assertSame( 0, $here['updated'] );
		$this->assertIsArray( $worker, $out . $err );
		$this->assertSame( 80, $worker['updated'], (string) wp_json_encode( $worker ) );
		$this->assertSame( 8, $this->api_calls( 'GetItems' ), 'each product fetched once' );
		self::forget_cached();
		$this->assertSame( 80, get_option( RefreshScheduler::LAST_RUN_OPTION )['updated'], 'the busy run left the last run\'s record alone' );

		// The lock is released at the end of a run.
		$this->assertNull( $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $option ) ) );
		$this->assertSame( 'done', $this->plugin()->refresh_scheduler()->run()['stopped'] );
	}

	public function test_a_run_whose_lock_was_taken_over_stops_and_leaves_the_new_holder_alone(): void {
		global $wpdb;
		$this->configure_creators( self::DE );
		$this->fast();
		$this->seed( 'DE', 50, 'B0LOST' );
		$option = SharedLock::OPTION_PREFIX . RefreshScheduler::LOCK;
		// After the second call the run's lock is another worker's, as when it expired in the
		// middle of a slow call and that worker took it over.
		$calls    = 0;
		$expires  = time() + 150;
		$takeover = static function ( $row ) use ( &$calls, $wpdb, $option, $expires ): void {
			if ( 'GetItems' === $row['operation'] && 2 === ++$calls ) {
				$wpdb->update( $wpdb->options, array( 'option_value' => $expires . '|web-2#4242#0123456789abcdef' ), array( 'option_name' => $option ) );
			}
		};
		add_action( 'asa2/remote_call', $takeover );
		$result = $this->plugin()->refresh_scheduler()->run();
		remove_action( 'asa2/remote_call', $takeover );

		$this->assertSame( 'lost', $result['stopped'] );
		$this->assertSame( 20, $result['updated'], 'it stopped before its next call' );
		$this->assertSame( 2, $this->api_calls( 'GetItems' ) );
		$this->assertSame( array( 'expires' => $expires, 'owner' => 'web-2#4242' ), SharedLock::holder( RefreshScheduler::LOCK ), 'the new holder\'s lock is left as it is' );
		$this->assertFalse( get_option( RefreshScheduler::LAST_RUN_OPTION ), 'the run that goes on records the run' );
		$wpdb->delete( $wpdb->options, array( 'option_name' => $option ) );
	}

	public function test_products_a_page_queued_go_first(): void {
		$this->configure_creators( self::DE, self::US );
		$this->fast();
		for ( $i = 0; $i < 30; $i++ ) {
			$this->store_item( array( 'asin' => sprintf( 'B0OLDDE%03d', $i ), 'marketplace' => 'DE' ) );
			$this->store_item( array( 'asin' => sprintf( 'B0OLDUS%03d', $i ), 'marketplace' => 'US' ) );
		}
		// Two days later every stored product is due; then a page shows a product never fetched.
		add_filter( 'asa2/now', static fn() => time() + 2 * DAY_IN_SECONDS );
		$this->assertSame( '', do_shortcode( '[asa2 asin="B0QUEUEUS1" marketplace="US"]' ) );
		$this->assertNotFalse( wp_next_scheduled( RefreshScheduler::HOOK_SOON ) );
		$this->assertSame( 61, $this->plugin()->products()->count_due( Clock::now() - DAY_IN_SECONDS, Clock::now() ) );

		// A budget for one call only: that call is the queued product's.
		add_filter( 'asa2/refresh_time_budget', static fn() => 0.001 );
		$result = $this->plugin()->refresh_scheduler()->run();
		$this->assertSame( 'budget', $result['stopped'] );
		$this->assertSame( 1, $this->api_calls( 'GetItems' ) );
		$this->assertSame( 10, $result['updated'] );
		$this->assertNotNull( $this->row( 'B0QUEUEUS1', 'US' )['item'], 'the queued product was refreshed first' );
		$this->assertSame( 51, $result['remaining'] );

		// With run(limit): the queued product of another marketplace still comes first.
		do_shortcode( '[asa2 asin="B0QUEUEDE1" marketplace="DE"]' );
		remove_all_filters( 'asa2/refresh_time_budget' );
		$result = $this->plugin()->refresh_scheduler()->run( 5 );
		$this->assertSame( 'limit', $result['stopped'] );
		$this->assertSame( 5, $result['due'] );
		$this->assertNotNull( $this->row( 'B0QUEUEDE1', 'DE' )['item'] );
	}

	public function test_the_capacity_warning_appears_and_disappears(): void {
		$this->configure_creators( self::DE, self::US );
		add_filter( 'asa2/refresh_time_budget', static fn() => 50.0 );
		$this->seed( 'DE', 2000, 'B0CAPA' );
		$health = $this->plugin()->product_health();

		// 200 calls at 1 request/s: about 3.5 minutes a day, the hourly runs give 20 minutes.
		$this->settings( 24, 1.0 );
		$test = $health->test_capacity();
		$this->assertSame( 'good', $test['status'], $test['description'] );
		$this->assertStringContainsString( 'within 24 hours', $test['label'] );
		$this->assertStringContainsString( '2,000 stored products need 200 GetItems calls', $test['description'] );

		// Every hour: the hourly run's 50 s are not enough, follow-up runs are.
		$this->settings( 1, 1.0 );
		$test = $health->test_capacity();
		$this->assertSame( 'recommended', $test['status'], $test['description'] );
		$this->assertStringContainsString( 'system cron job', $test['description'] );
		$this->assertStringContainsString( 'every minute', $test['description'] );
		$this->assertStringContainsString( 'at least 5 hours', $test['description'] );

		// At 0.1 requests/s not even follow-up runs keep up.
		$this->settings( 1, 0.1 );
		$test = $health->test_capacity();
		$this->assertSame( 'critical', $test['status'], $test['description'] );
		$this->assertStringContainsString( 'at least 2 hours', $test['description'] );
		$this->assertStringContainsString( 'tab=products', $test['actions'] );

		// Half of them in the US, with its own credential: the credentials take turns.
		global $wpdb;
		$wpdb->query( "UPDATE {$wpdb->prefix}asa2_products SET marketplace = 'US' WHERE id % 2 = 0" );
		$test = $health->test_capacity();
		$this->assertSame( 'recommended', $test['status'], $test['description'] );
		$this->assertStringContainsString( '2 credentials', $test['description'] );

		$tests = apply_filters( 'site_status_tests', array( 'direct' => array(), 'async' => array() ) );
		$this->assertArrayHasKey( 'asa2_refresh_capacity', $tests['direct'] );

		// The Products screen and Options -> Products say so (another process: its own budget,
		// from its own max_execution_time; these settings give the same verdict for any budget
		// from 20 to 50 s).
		$wpdb->query( "UPDATE {$wpdb->prefix}asa2_products SET marketplace = 'DE'" );
		$this->settings( 1, 0.1 );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-products', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'id="asa2-refresh-capacity"', $page['body'] );
		$this->assertStringContainsString( 'cannot keep up with the stored products', $page['body'] );
		$options = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-options&tab=products', array( 'as' => 'administrator' ) );
		$this->assertStringContainsString( 'asa2-capacity-critical', $options['body'] );

		$this->settings( 24, 1.0 );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-products', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringNotContainsString( 'cannot keep up with the stored products', $page['body'], 'the warning is gone' );
		$this->assertStringContainsString( 'In total the request quota keeps 172,800 products per day fresh', $page['body'], 'what the quota keeps fresh: 8,640 requests a day for each of 2 credentials' );
		$options = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-options&tab=products', array( 'as' => 'administrator' ) );
		$this->assertStringContainsString( 'asa2-capacity-good', $options['body'] );
	}

	public function test_the_budget_leaves_headroom_below_max_execution_time(): void {
		$limit   = ini_get( 'max_execution_time' );
		$started = $_SERVER['REQUEST_TIME_FLOAT'] ?? null;
		try {
			$this->assertSame( 50.0, RefreshBudget::available(), 'no time limit (command line): the cap' );
			ini_set( 'max_execution_time', '30' );
			$_SERVER['REQUEST_TIME_FLOAT'] = microtime( true ) - 6.0;
			$this->assertEqualsWithDelta( 16.0, RefreshBudget::available(), 0.1, 'two thirds of the 24 s left' );
			$this->assertEqualsWithDelta( 20.0, RefreshBudget::available( true ), 0.001, 'a fresh request: two thirds of 30 s' );
			ini_set( 'max_execution_time', '300' );
			$this->assertSame( 50.0, RefreshBudget::available(), 'never more than 50 s' );
			$_SERVER['REQUEST_TIME_FLOAT'] = microtime( true ) - 400.0;
			$this->assertSame( 0.0, RefreshBudget::available(), 'the request used its time already' );
		} finally {
			ini_set( 'max_execution_time', (string) $limit );
			$_SERVER['REQUEST_TIME_FLOAT'] = $started;
		}

		// A run with no time left makes no call and schedules nothing.
		$this->configure_creators( self::DE );
		$this->seed( 'DE', 20, 'B0NOTM' );
		add_filter( 'asa2/refresh_time_budget', static fn() => 0.0 );
		$result = $this->plugin()->refresh_scheduler()->run();
		$this->assertSame( 'budget', $result['stopped'] );
		$this->assertSame( 0, $result['due'] );
		$this->assertSame( 20, $result['remaining'] );
		$this->assertSame( 0, $this->api_calls( 'GetItems' ) );
		$this->assertFalse( wp_next_scheduled( RefreshScheduler::HOOK_CONTINUE ), 'the hourly run tries again' );
	}

	/** No rate limit in the sandbox, 10 requests per second in the plugin: batches take 0.1 s. */
	private function fast(): void {
		$this->sandbox_configure( array( 'rps' => 0 ) );
		$this->settings( 24, 10.0 );
	}

	/** Options -> Products. */
	private function settings( int $ttl_hours, float $rps ): void {
		$this->plugin()->product_settings()->save( array( 'ttl_hours' => $ttl_hours, 'requests_per_second' => $rps ) );
	}
}
