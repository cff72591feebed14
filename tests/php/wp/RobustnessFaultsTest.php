<?php
/**
 * Amazon failing in every way the sandbox can fail, while products are stored and the
 * credentials are good: the token endpoint down, 5xx answers, 429 storms, answers slower than
 * the plugin's HTTP timeout, cut-off JSON. Each refresh path (one product from the products
 * table, a bulk refresh, the background refresh) and the connection test must keep the stored
 * data byte for byte, record and show the error, log every attempt, stop after the retry
 * policy's attempts, and recover once Amazon is back.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Api\TokenProvider;

require_once __DIR__ . '/ProductsTestCase.php';
require_once __DIR__ . '/support/RobustnessHelpers.php';

/**
 * Fault injection against the stored-products refresh paths.
 */
final class RobustnessFaultsTest extends ProductsTestCase {

	use RobustnessHelpers;

	/** Asa2\RetryPolicy's attempts per call, the first one included. */
	private const MAX_ATTEMPTS = 4;

	/** Products stored before each fault (one GetItems batch). */
	private const ASINS = array( 'B0ROBUST01', 'B0ROBUST02', 'B0ROBUST03' );

	/** Row ids of the stored products, by ASIN. */
	private array $ids = array();

	protected function setUp(): void {
		parent::setUp();
		// No throttling while the products are first stored; the plugin may send 10 calls a second.
		$this->sandbox_configure( array( 'rps' => 0 ) );
		$this->configure_creators( self::DE );
		$this->plugin()->product_settings()->save( array( 'ttl_hours' => 24, 'requests_per_second' => 10.0 ) );
		$this->plugin()->logging()->save( array( 'enabled' => true, 'level' => 'info', 'retention_days' => 30 ) );
		$result = $this->plugin()->product_service()->refresh( $this->keys() );
		$this->assertSame( count( self::ASINS ), $result['updated'], implode( "\n", $result['failed'] ) );
		foreach ( self::ASINS as $asin ) {
			$row = $this->row( $asin, 'DE' );
			$this->assertNotNull( $row['item'] ?? null, "{$asin} is stored" );
			$this->ids[ $asin ] = (int) $row['id'];
		}
	}

	protected function tearDown(): void {
		remove_all_filters( 'asa2/http_timeout' );
		parent::tearDown();
	}

	public function test_the_token_endpoint_down(): void {
		$this->sandbox_configure( array( 'token_outage' => true ) );
		// The sandbox answers 503 before it counts a token request: count its 503 answers.
		$attempts = fn(): int => (int) ( $this->stats()['errors_by_status']['503'] ?? 0 );
		$calls    = $this->api_calls( 'GetItems' );
		foreach ( array( 'single', 'bulk', 'cron' ) as $path ) {
			$this->forget_tokens();
			$this->check_failed_refresh( $path, $attempts, 'token', 503 );
		}
		$this->assertSame( $calls, $this->api_calls( 'GetItems' ), 'no API call goes out without a token' );
		$this->forget_tokens();
		$this->check_failed_connection_test( 'server_error' );
		$this->check_recovery( array( 'token_outage' => false ) );
	}

	public function test_api_5xx_on_every_call(): void {
		$this->sandbox_configure( array( 'error_every' => 1, 'error_status' => 503 ) );
		$attempts = fn(): int => $this->api_calls( 'GetItems' );
		foreach ( array( 'single', 'bulk', 'cron' ) as $path ) {
			$this->check_failed_refresh( $path, $attempts, 'GetItems', 503 );
		}
		$this->check_failed_connection_test( '' );
		$this->check_recovery( array( 'error_every' => 0 ) );
	}

	public function test_a_5xx_burst_is_retried_and_the_refresh_succeeds(): void {
		// Every second call fails: each first attempt fails, its retry succeeds.
		$this->sandbox_configure( array( 'error_every' => 2, 'error_status' => 500 ) );
		$this->sandbox_reset( false );
		$before = $this->raw_products();
		$log_id = $this->last_log_id();
		$this->plugin()->product_service()->refresh( array( array( 'B0ROBUST01', 'DE' ) ) ); // Call 1 succeeds.
		$result = $this->plugin()->product_service()->refresh( $this->keys() ); // Call 2 fails, call 3 succeeds.
		$this->assertSame( count( self::ASINS ), $result['updated'], implode( "\n", $result['failed'] ) );
		$this->assertSame( 3, $this->api_calls( 'GetItems' ) );
		$after = $this->raw_products();
		foreach ( $this->keys() as [ $asin ] ) {
			$this->assertSame( '', (string) $after[ $asin . '|DE' ]['error_code'] );
			$this->assertNotEmpty( $after[ $asin . '|DE' ]['data'] );
			$this->assertGreaterThanOrEqual( (int) $before[ $asin . '|DE' ]['refreshed_at'], (int) $after[ $asin . '|DE' ]['refreshed_at'] );
		}
		$outcomes = array_map( static fn( array $r ): string => $r['outcome'] . ':' . $r['http_status'], $this->rows_of( $this->log_rows_after( $log_id ), 'GetItems' ) );
		$this->assertSame( array( 'ok:200', 'error:500', 'ok:200' ), $outcomes, 'one log row per attempt' );
	}

	public function test_a_429_storm_from_parallel_refreshes(): void {
		// Amazon allows 1 call a second; the site was told 10, and 5 workers refresh at once.
		$this->sandbox_configure( array( 'rps' => 1 ) );
		$this->sandbox_reset( false );
		$workers = 5;
		$keys    = array();
		for ( $i = 0; $i < $workers; $i++ ) {
			$keys[ $i ] = array( sprintf( 'B0STORM%03d', $i ), 'DE' );
			$this->store_item( array( 'asin' => $keys[ $i ][0], 'title' => "Stored {$i}", 'fetched_at' => time() - DAY_IN_SECONDS ) );
		}
		$before  = $this->raw_products();
		$log_id  = $this->last_log_id();
		$results = $this->run_workers( $keys );
		$stats   = $this->stats();
		$calls   = (int) ( $stats['api_calls_by_operation']['GetItems'] ?? 0 );

		$this->assertGreaterThan( 0, $stats['throttled'], 'the sandbox answered 429' );
		$this->assertLessThanOrEqual( self::MAX_ATTEMPTS * $workers, $calls, 'at most the retry policy\'s attempts per worker' );
		$after = $this->raw_products();
		foreach ( $results as $i => $result ) {
			$key = $keys[ $i ][0] . '|DE';
			$this->assertSame( 1, $result['updated'] + count( $result['failed'] ), (string) wp_json_encode( $result ) );
			$this->assertNotEmpty( $after[ $key ]['data'] );
			if ( $result['failed'] ) {
				$this->assertSame( $before[ $key ]['data'], $after[ $key ]['data'], 'a throttled product keeps its data' );
				$this->assertSame( $before[ $key ]['fetched_at'], $after[ $key ]['fetched_at'] );
				$this->assertNotSame( '', (string) $after[ $key ]['error_code'] );
				$this->assertStringContainsString( 'throttled', (string) $after[ $key ]['last_error'] );
			} else {
				$this->assertSame( '', (string) $after[ $key ]['error_code'] );
			}
		}
		$rows = $this->rows_of( $this->log_rows_after( $log_id ), 'GetItems' );
		$this->assertCount( $calls, $rows, 'one log row per attempt' );
		$this->assertCount( (int) $stats['throttled'], array_filter( $rows, static fn( array $r ): bool => 429 === (int) $r['http_status'] && 'error' === $r['outcome'] ) );

		// Connection tests one right after the other: the second is throttled and says so, once.
		$record = $this->plugin()->marketplaces()->get( 'DE' );
		$calls  = $this->api_calls( 'GetItems' );
		$this->plugin()->tester()->test( 'DE' );
		$second = $this->plugin()->tester()->test( 'DE' );
		$this->assertSame( $calls + 2, $this->api_calls( 'GetItems' ), 'a connection test is not retried' );
		$this->assertFalse( $second['ok'], (string) wp_json_encode( $second ) );
		$this->assertStringContainsString( 'throttled', $second['message'] );
		$stored = $this->plugin()->marketplaces()->get( 'DE' );
		unset( $stored['last_test'], $record['last_test'] );
		$this->assertSame( $record, $stored, 'a throttled test changes no setting' );
	}

	public function test_answers_slower_than_the_http_timeout(): void {
		// The sandbox answers after 1.5 s; the plugin waits 1 s (the asa2/http_timeout filter).
		add_filter( 'asa2/http_timeout', static fn(): int => 1 );
		$this->sandbox_configure( array( 'latency_ms' => 1500 ) );
		$attempts = fn(): int => $this->api_calls( 'GetItems' );
		$started  = microtime( true );
		foreach ( array( 'single_here', 'cron' ) as $path ) {
			$this->check_failed_refresh( $path, $attempts, 'GetItems', 0, 'network_error' );
		}
		$this->check_failed_connection_test( 'network', true );
		$this->assertLessThan( 30.0, microtime( true ) - $started, 'timeouts and retries stay bounded' );
		// The sandbox keeps the cut connections' replies pending for a moment.
		usleep( 600000 );
		$this->check_recovery( array( 'latency_ms' => 0 ) );
	}

	public function test_truncated_json_answers(): void {
		$this->sandbox_configure( array( 'truncate_every' => 1 ) );
		$attempts = fn(): int => $this->api_calls( 'GetItems' );
		foreach ( array( 'single', 'bulk', 'cron' ) as $path ) {
			$this->check_failed_refresh( $path, $attempts, 'GetItems', 200 );
		}
		$this->check_failed_connection_test( '' );
		$this->check_recovery( array( 'truncate_every' => 0 ) );
	}

	// ---------------------------------------------------------------------------------------

	/**
	 * Runs one refresh path under the current fault and checks everything a failure must leave.
	 *
	 * @param string   $path        single (products table row, HTTP), bulk (products table bulk
	 *                              action, HTTP), single_here (this process) or cron (this process).
	 * @param callable $attempts    Counter of attempts in the sandbox.
	 * @param string   $operation   Operation of the failing calls in the log.
	 * @param int      $http_status Status of the failing calls in the log (0: no answer).
	 * @param string   $outcome     Outcome of the failing calls in the log.
	 */
	private function check_failed_refresh( string $path, callable $attempts, string $operation, int $http_status, string $outcome = 'error' ): void {
		$keys   = in_array( $path, array( 'single', 'single_here' ), true ) ? array( array( 'B0ROBUST02', 'DE' ) ) : $this->keys();
		$before = $this->raw_products();
		$log_id = $this->last_log_id();
		$count  = $attempts();
		$html   = '';
		switch ( $path ) {
			case 'single':
				$response = $this->post_products_table( array( 'asa2_row_refresh' => (string) $this->ids['B0ROBUST02'] ) );
				$html     = $this->followed( $response );
				break;
			case 'bulk':
				$response = $this->post_products_table( array( 'action' => 'refresh', 'product' => array_values( array_map( 'strval', $this->ids ) ) ) );
				$html     = $this->followed( $response );
				break;
			case 'single_here':
				$result = $this->plugin()->product_service()->refresh( $keys );
				$this->assertSame( 0, $result['updated'] );
				break;
			case 'cron':
				// The products were last refreshed two days ago (the cached token stays valid).
				global $wpdb;
				$wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->prefix}asa2_products SET refreshed_at = refreshed_at - %d", 2 * DAY_IN_SECONDS ) );
				$result = $this->plugin()->refresh_scheduler()->run();
				$this->assertSame( count( self::ASINS ), $result['due'] );
				$this->assertSame( 0, $result['updated'] );
				break;
		}
		$made  = $attempts() - $count;
		$after = $this->raw_products();
		$this->assertGreaterThanOrEqual( 1, $made, "{$path}: Amazon was called" );
		$this->assertLessThanOrEqual( self::MAX_ATTEMPTS, $made, "{$path}: retries are bounded (one batch)" );

		foreach ( $keys as [ $asin ] ) {
			$key = $asin . '|DE';
			$this->assertNotEmpty( $after[ $key ]['data'], "{$path}: {$asin} keeps data" );
			$this->assertSame( $before[ $key ]['data'], $after[ $key ]['data'], "{$path}: the stored JSON of {$asin} is unchanged" );
			$this->assertSame( $before[ $key ]['fetched_at'], $after[ $key ]['fetched_at'], "{$path}: {$asin}'s data keeps its age" );
			$this->assertSame( $before[ $key ]['source_api'], $after[ $key ]['source_api'] );
			$this->assertNotSame( '', (string) $after[ $key ]['error_code'], "{$path}: the error code is recorded on {$asin}" );
			$this->assertNotSame( '', (string) $after[ $key ]['last_error'], "{$path}: the error is recorded on {$asin}" );
		}

		$rows = $this->rows_of( $this->log_rows_after( $log_id ), $operation );
		$this->assertCount( $made, $rows, "{$path}: one log row per attempt: " . wp_json_encode( $rows ) );
		foreach ( $rows as $row ) {
			$this->assertSame( $outcome, $row['outcome'], "{$path}: " . wp_json_encode( $row ) );
			$this->assertSame( $http_status, (int) $row['http_status'], "{$path}: " . wp_json_encode( $row ) );
			$this->assertSame( 'DE', $row['marketplace'] );
			$this->assertNotSame( '', $row['message'] );
		}

		$error = (string) $after['B0ROBUST02|DE']['last_error'];
		if ( '' !== $html ) {
			$this->assertStringContainsString( 'stored data is kept', $html, "{$path}: the notice says the data is kept" );
		}
		// The products screen and the product's page show the recorded error.
		$list = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-products', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $list['status'] );
		$this->assertStringContainsString( esc_html( $error ), $list['body'], "{$path}: the products table shows the error" );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-products&view=product&id=' . $this->ids['B0ROBUST02'], array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( esc_html( $error ), $page['body'], "{$path}: the product's page shows the error" );
		$this->assertStringContainsString( 'asa2-product-last-error', $page['body'] );
	}

	/**
	 * The connection test under the current fault: fails with a message, changes no setting, is
	 * logged.
	 *
	 * @param string $error_code Expected error code ('' = any).
	 * @param bool   $here       Run in this process (for this process's filters) instead of over HTTP.
	 */
	private function check_failed_connection_test( string $error_code, bool $here = false ): void {
		$record = $this->plugin()->marketplaces()->get( 'DE' );
		$log_id = $this->last_log_id();
		if ( $here ) {
			$result = $this->plugin()->tester()->test( 'DE' );
		} else {
			$response = $this->http(
				'POST',
				'/wp-admin/admin-post.php',
				array(
					'as'   => 'administrator',
					'body' => array(
						'action'      => 'asa2_test_marketplace',
						'marketplace' => 'DE',
						'_asa2_nonce' => $this->nonce( 'asa2_test_marketplace' ),
					),
				)
			);
			$html = $this->followed( $response );
			$this->assertStringContainsString( 'failed', $html, 'the Setup screen shows the failed test' );
			$result = $this->plugin()->marketplaces()->get( 'DE' )['last_test'];
		}
		$this->assertFalse( $result['ok'], (string) wp_json_encode( $result ) );
		$this->assertNotSame( '', $result['message'] );
		if ( '' !== $error_code ) {
			$this->assertSame( $error_code, $result['error_code'], (string) wp_json_encode( $result ) );
		} else {
			$this->assertNotSame( '', $result['error_code'] );
		}
		$stored = $this->plugin()->marketplaces()->get( 'DE' );
		unset( $stored['last_test'], $record['last_test'] );
		$this->assertSame( $record, $stored, 'a failed test changes no setting' );
		$rows = $this->log_rows_after( $log_id );
		$this->assertNotEmpty( $rows, 'the test is logged' );
		$this->assertNotSame( 'ok', end( $rows )['outcome'] );
	}

	/**
	 * Clears the fault: the next refresh succeeds and clears the recorded errors.
	 *
	 * @param array $settings Sandbox settings that end the fault.
	 */
	private function check_recovery( array $settings ): void {
		$this->sandbox_configure( $settings );
		$before = $this->raw_products();
		$result = $this->plugin()->product_service()->refresh( $this->keys() );
		$this->assertSame( count( self::ASINS ), $result['updated'], implode( "\n", $result['failed'] ) );
		$after = $this->raw_products();
		foreach ( $this->keys() as [ $asin ] ) {
			$key = $asin . '|DE';
			$this->assertSame( '', (string) $after[ $key ]['error_code'], "{$asin}: the error is cleared" );
			$this->assertSame( '', (string) $after[ $key ]['last_error'] );
			$this->assertNotEmpty( $after[ $key ]['data'] );
			$this->assertGreaterThanOrEqual( (int) $before[ $key ]['fetched_at'], (int) $after[ $key ]['fetched_at'] );
		}
		$list = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-products', array( 'as' => 'administrator' ) );
		$this->assertStringNotContainsString( 'asa2-product-error', $list['body'], 'no error shown any more' );
	}

	/**
	 * The page a form's redirect leads to (where the notices are shown).
	 *
	 * @param array $response Response of the POST.
	 */
	private function followed( array $response ): string {
		$this->assertSame( 302, $response['status'], substr( $response['body'], 0, 500 ) );
		$this->assertArrayHasKey( 'location', $response['headers'] );
		$page = $this->http( 'GET', $response['headers']['location'], array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		return $page['body'];
	}

	/**
	 * Refreshes in parallel PHP workers (tests/php/wp/support/refresh-products.php), one key each.
	 *
	 * @param list<array{0: string, 1: string}> $keys Keys.
	 * @return list<array{updated: int, failed: array}>
	 */
	private function run_workers( array $keys ): array {
		$stack_json = getenv( 'ASA2_STACK_JSON' ) ?: dirname( __DIR__, 3 ) . '/.work/test/stack.json';
		$start      = microtime( true ) + 3.0;
		$processes  = array();
		foreach ( $keys as $key ) {
			$command = array( PHP_BINARY );
			if ( '' !== self::$stack['extension'] ) {
				array_push( $command, '-d', 'extension=' . self::$stack['extension'] );
			}
			array_push( $command, __DIR__ . '/support/refresh-products.php', $stack_json, sprintf( '%.6F', $start ), $key[0] . ':' . $key[1] );
			$pipes   = array();
			$process = proc_open( $command, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
			$this->assertIsResource( $process );
			$processes[] = array( $process, $pipes );
		}
		$results = array();
		foreach ( $processes as [ $process, $pipes ] ) {
			$out = (string) stream_get_contents( $pipes[1] );
			$err = (string) stream_get_contents( $pipes[2] );
			fclose( $pipes[1] );
			fclose( $pipes[2] );
			$this->assertSame( 0, proc_close( $process ), "worker failed: {$out}\n{$err}" );
			$this->assertStringNotContainsString( 'Warning', $out . $err );
			$result = json_decode( $out, true );
			$this->assertIsArray( $result, $out . $err );
			$results[] = $result;
		}
		self::forget_cached();
		return $results;
	}

	/** Drops the cached access tokens (every worker's). */
	private function forget_tokens(): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( TokenProvider::OPTION_PREFIX ) . '%' ) );
		self::forget_cached();
	}

	/**
	 * Log rows of one operation.
	 *
	 * @param list<array> $rows      Rows.
	 * @param string      $operation Operation.
	 * @return list<array>
	 */
	private function rows_of( array $rows, string $operation ): array {
		return array_values( array_filter( $rows, static fn( array $r ): bool => $r['operation'] === $operation ) );
	}

	/** @return list<array{0: string, 1: string}> The stored products' keys. */
	private function keys(): array {
		return array_map( static fn( string $asin ): array => array( $asin, 'DE' ), self::ASINS );
	}
}
