<?php
/**
 * Base class of the multi-node tests: the test stack of scripts/suites/45-nodes.sh - two web
 * nodes on one database, one Redis object cache, one sandbox, a cron runner per node - with the
 * product helpers of the WordPress tests, requests to a chosen node (several at once), the
 * outages (scripts/stack-control.sh) and the record of refresh runs the test mu-plugin keeps.
 *
 * @package Asa2\Tests\Nodes
 */

namespace Asa2\Tests\Nodes;

use Asa2\Creators\Api\SharedLock;
use Asa2\Creators\Cron\RefreshScheduler;
use Asa2\Tests\WP\ProductsTestCase;

/**
 * Helpers for tests against two web nodes.
 */
abstract class NodesTestCase extends ProductsTestCase {

	/** The three marketplaces with a credential each, as the tests configure them. */
	public const MARKETPLACES = array( 'DE', 'US', 'UK' );

	protected function setUp(): void {
		// A refresh run a failed test left going would write into this test's products.
		$deadline = microtime( true ) + 60;
		while ( null !== SharedLock::holder( RefreshScheduler::LOCK ) && microtime( true ) < $deadline ) {
			usleep( 200000 );
		}
		parent::setUp();
		foreach ( array( 1, 2 ) as $node ) {
			$this->assertSame( 200, $this->node_status( $node ), "node {$node} serves WordPress" );
		}
		$this->assertTrue( $this->redis_up(), 'Redis runs' );
		@unlink( $this->runs_file() ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- may not exist.
	}

	protected function tearDown(): void {
		// A test that ends in the middle of an outage leaves the stack whole for the next one.
		if ( ! $this->redis_up() ) {
			$this->control( 'redis', 'start' );
		}
		foreach ( array( 1, 2 ) as $node ) {
			if ( 502 === $this->node_status( $node ) ) {
				$this->control( 'node', 'start', (string) $node );
			}
		}
		parent::tearDown();
	}

	/** The URL of web node 1 or 2. */
	protected function node_url( int $node ): string {
		return (string) self::$stack['nodes'][ $node - 1 ];
	}

	/** The status of node N's login page (502 while its PHP-FPM is down). */
	protected function node_status( int $node ): int {
		$curl = curl_init( $this->node_url( $node ) . '/wp-login.php' );
		curl_setopt_array( $curl, array( CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 10 ) );
		curl_exec( $curl );
		$status = (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE );
		curl_close( $curl );
		return $status;
	}

	/** Whether the stack's Redis answers. */
	protected function redis_up(): bool {
		try {
			$redis = new \Redis();
			return $redis->connect( (string) self::$stack['redis_socket'], 0, 1.0 ) && true === $redis->ping();
		} catch ( \RedisException $e ) {
			return false;
		}
	}

	/**
	 * Runs scripts/stack-control.sh: ('redis', 'flush'|'stop'|'start') or ('node', 'kill'|'start', N).
	 *
	 * @param string ...$args Arguments.
	 */
	protected function control( string ...$args ): void {
		$pipes   = array();
		$process = proc_open( array_merge( array( 'bash', (string) self::$stack['control'] ), $args ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
		$this->assertIsResource( $process );
		$out = stream_get_contents( $pipes[1] ) . stream_get_contents( $pipes[2] );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		$this->assertSame( 0, proc_close( $process ), 'stack-control.sh ' . implode( ' ', $args ) . ": {$out}" );
	}

	/**
	 * Sends requests at once (curl_multi) and waits for all of them.
	 *
	 * @param list<array{node: int, method: string, path: string, as?: string, body?: array}> $requests Requests.
	 * @return list<array{status: int, body: string, location: string}> In the order given.
	 */
	protected function parallel( array $requests ): array {
		$multi   = curl_multi_init();
		$handles = array();
		foreach ( $requests as $i => $request ) {
			$headers = array();
			if ( ! empty( $request['as'] ) ) {
				$cookies   = $this->cookies_for( $this->user( (string) $request['as'] ) );
				$headers[] = 'Cookie: ' . AUTH_COOKIE . '=' . rawurlencode( $cookies['auth'] ) . '; ' . LOGGED_IN_COOKIE . '=' . rawurlencode( $cookies['logged_in'] );
			}
			$curl = curl_init( $this->node_url( $request['node'] ) . $request['path'] );
			curl_setopt_array(
				$curl,
				array(
					CURLOPT_CUSTOMREQUEST  => $request['method'],
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_HEADER         => true,
					CURLOPT_TIMEOUT        => 60,
					CURLOPT_HTTPHEADER     => $headers,
				)
			);
			if ( isset( $request['body'] ) ) {
				curl_setopt( $curl, CURLOPT_POSTFIELDS, http_build_query( $request['body'] ) );
			}
			curl_multi_add_handle( $multi, $curl );
			$handles[ $i ] = $curl;
		}
		do {
			$status = curl_multi_exec( $multi, $running );
			if ( $running ) {
				curl_multi_select( $multi, 1.0 );
			}
		} while ( $running && CURLM_OK === $status );
		$out = array();
		foreach ( $handles as $i => $curl ) {
			$raw     = (string) curl_multi_getcontent( $curl );
			$size    = (int) curl_getinfo( $curl, CURLINFO_HEADER_SIZE );
			$headers = substr( $raw, 0, $size );
			$out[ $i ] = array(
				'status'   => (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE ),
				'body'     => substr( $raw, $size ),
				'location' => preg_match( '/^Location:\s*(\S+)/mi', $headers, $m ) ? $m[1] : '',
			);
			curl_multi_remove_handle( $multi, $curl );
			curl_close( $curl );
		}
		curl_multi_close( $multi );
		self::forget_cached();
		return $out;
	}

	/**
	 * Products already loaded once and due again (refreshed two days ago): rows with data, in one
	 * query, "Stored <ASIN>" as their title.
	 *
	 * @param string $marketplace Marketplace.
	 * @param int    $count       How many.
	 * @return list<string> Their ASINs.
	 */
	protected function seed_stale( string $marketplace, int $count ): array {
		global $wpdb;
		$then   = time() - 2 * DAY_IN_SECONDS;
		$values = array();
		$asins  = array();
		for ( $i = 0; $i < $count; $i++ ) {
			$asin     = sprintf( 'B0N%s%05d', $marketplace, $i );
			$asins[]  = $asin;
			$item     = array(
				'asin'            => $asin,
				'marketplace'     => $marketplace,
				'source'          => array( 'api' => 'creators', 'version' => '2.2' ),
				'title'           => 'Stored ' . $asin,
				'detail_page_url' => 'https://www.amazon.de/dp/' . $asin,
				'fetched_at'      => $then,
			);
			$values[] = $wpdb->prepare( '(%s, %s, %s, %d, %d, %d)', $asin, $marketplace, wp_json_encode( $item ), $then, $then, $then );
		}
		$wpdb->query( "INSERT INTO {$wpdb->prefix}asa2_products (asin, marketplace, data, fetched_at, refreshed_at, created) VALUES " . implode( ',', $values ) );
		return $asins;
	}

	/**
	 * 1,000 stale products over DE, US and UK (334, 333, 333), the three credentials configured,
	 * the rate of both the sandbox and the plugin at $rate requests per second per credential.
	 *
	 * @param float $rate Requests per second.
	 * @return array<string, int> Products per marketplace.
	 */
	protected function thousand_due_products( float $rate ): array {
		$this->configure_creators( self::DE, self::US, self::UK );
		$this->sandbox_configure( array( 'rps' => $rate ) );
		$this->plugin()->product_settings()->save( array( 'ttl_hours' => 24, 'requests_per_second' => $rate ) );
		$counts = array( 'DE' => 334, 'US' => 333, 'UK' => 333 );
		foreach ( $counts as $code => $count ) {
			$this->seed_stale( $code, $count );
		}
		$this->assertSame( 1000, $this->plugin()->products()->count() );
		return $counts;
	}

	/**
	 * Makes the refresh due for both nodes' cron runners at their next run (they fire at the same
	 * moment): the hourly event, a page's queued refresh and a follow-up, all due now.
	 */
	protected function refresh_due_now(): void {
		// The events as the nodes' cron runners left them, not this process's older copy.
		wp_cache_flush_runtime();
		wp_clear_scheduled_hook( RefreshScheduler::HOOK );
		wp_clear_scheduled_hook( RefreshScheduler::HOOK_SOON );
		wp_clear_scheduled_hook( RefreshScheduler::HOOK_CONTINUE );
		$now = time() - 1;
		wp_schedule_event( $now, 'hourly', RefreshScheduler::HOOK );
		wp_schedule_single_event( $now, RefreshScheduler::HOOK_SOON );
		wp_schedule_single_event( $now, RefreshScheduler::HOOK_CONTINUE );
		wp_cache_flush_runtime();
		$this->assertNotFalse( wp_next_scheduled( RefreshScheduler::HOOK_SOON ), 'the refresh is scheduled' );
	}

	/** Products whose last refresh is older than $since. */
	protected function not_refreshed_since( int $since ): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->prefix}asa2_products WHERE refreshed_at < %d", $since ) );
	}

	/**
	 * Waits until $condition holds, checking every 0.1 s; fails after $seconds.
	 *
	 * @param float    $seconds   Longest wait.
	 * @param string   $what      What is waited for (the failure message).
	 * @param callable $condition Returns true when done.
	 */
	protected function wait_for( float $seconds, string $what, callable $condition ): void {
		$deadline = microtime( true ) + $seconds;
		while ( ! $condition() ) {
			$this->assertLessThan( $deadline, microtime( true ), "timed out after {$seconds} s waiting for {$what}" );
			usleep( 100000 );
		}
	}

	/** Waits until every product was refreshed after $since and no run holds the lock. */
	protected function wait_for_refresh( int $since, float $seconds ): void {
		$this->wait_for(
			$seconds,
			'every product to be refreshed and the lock released',
			fn(): bool => 0 === $this->not_refreshed_since( $since ) && null === SharedLock::holder( RefreshScheduler::LOCK )
		);
	}

	/** The file the test mu-plugin writes the refresh runs to. */
	protected function runs_file(): string {
		return dirname( rtrim( (string) self::$stack['wp_dir'], '/' ) ) . '/refresh-runs.jsonl';
	}

	/**
	 * The refresh runs so far, each with its node, start and end (microtime), stopped, due and
	 * updated.
	 *
	 * @return list<array{node: string, pid: int, start: float, end: float, stopped: string, due: int, updated: int}>
	 */
	protected function runs(): array {
		$runs = array();
		foreach ( file( $this->runs_file(), FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES ) ?: array() as $line ) {
			$run = json_decode( $line, true );
			$this->assertIsArray( $run, $line );
			$run['start'] = $run['end'] - $run['seconds'];
			$runs[]       = $run;
		}
		return $runs;
	}

	/**
	 * Fails when two runs that refreshed products overlapped in time.
	 *
	 * @param list<array> $runs runs().
	 */
	protected function assertNoOverlap( array $runs ): void {
		$working = array_values( array_filter( $runs, static fn( array $run ): bool => $run['due'] > 0 ) );
		usort( $working, static fn( array $a, array $b ): int => $a['start'] <=> $b['start'] );
		for ( $i = 1; $i < count( $working ); $i++ ) {
			$this->assertGreaterThanOrEqual( $working[ $i - 1 ]['end'] - 0.05, $working[ $i ]['start'], 'two refresh runs overlapped: ' . wp_json_encode( array( $working[ $i - 1 ], $working[ $i ] ) ) );
		}
	}

	/**
	 * Checks the sandbox's counters of a full refresh: every product fetched exactly $times,
	 * ceil(n/10) GetItems calls per marketplace, nothing throttled.
	 *
	 * @param array<string, int> $counts Products per marketplace.
	 * @return array The sandbox's counters.
	 */
	protected function assertFetchedOnce( array $counts ): array {
		$stats = $this->stats();
		$asins = (array) ( $stats['get_items_by_asin'] ?? array() );
		$this->assertCount( array_sum( $counts ), $asins, 'every product was fetched' );
		$twice = array_filter( $asins, static fn( int $n ): bool => 1 !== $n );
		$this->assertSame( array(), $twice, 'no product was fetched twice' );
		foreach ( $counts as $code => $count ) {
			$this->assertSame( (int) ceil( $count / 10 ), (int) ( $stats['api_calls_by_marketplace'][ $code ] ?? 0 ), "ceil({$count}/10) GetItems calls for {$code}" );
		}
		$this->assertSame( 0, $stats['throttled'], 'no answer 429' );
		return $stats;
	}

	/** Fails unless every product row holds product data. */
	protected function assertNoRowLostItsData(): void {
		global $wpdb;
		$rows = $wpdb->get_results( "SELECT asin, data FROM {$wpdb->prefix}asa2_products", ARRAY_A );
		$this->assertCount( 1000, $rows );
		foreach ( $rows as $row ) {
			$item = json_decode( (string) $row['data'], true );
			$this->assertIsArray( $item, "{$row['asin']} has its product data" );
			$this->assertSame( $row['asin'], $item['asin'] ?? null );
			$this->assertNotSame( '', (string) ( $item['title'] ?? '' ), "{$row['asin']} has a title" );
		}
	}
}
