<?php
/**
 * The background refresh of 1,000 products on two web nodes whose cron runners fire at the same
 * moments: one run at a time, every product fetched once, nothing lost - also when the object
 * cache is emptied, stopped and started again in the middle, and when a node dies in the middle;
 * both nodes together never exceed a credential's requests per day.
 *
 * @package Asa2\Tests\Nodes
 */

namespace Asa2\Tests\Nodes;

use Asa2\Creators\Api\SharedLock;
use Asa2\Creators\Cron\RefreshScheduler;
use Asa2\Creators\Products\ApiRouter;

/**
 * RefreshScheduler across web nodes, with outages.
 */
final class NodesRefreshTest extends NodesTestCase {

	/** Requests per second per credential (sandbox and plugin): a full refresh takes about 7 s. */
	private const RATE = 5.0;

	public function test_both_nodes_start_the_refresh_at_once_and_every_product_is_fetched_once(): void {
		$counts = $this->thousand_due_products( self::RATE );
		$since  = time();
		$this->refresh_due_now();

		$this->wait_for_refresh( $since, 60 );

		$this->assertFetchedOnce( $counts );
		$runs = $this->runs();
		$this->assertNoOverlap( $runs );
		$this->assertSame( 1000, array_sum( array_column( $runs, 'updated' ) ) );
		$this->assertEqualsCanonicalizing( array( 'node-1', 'node-2' ), array_values( array_unique( array_column( $runs, 'node' ) ) ), 'both nodes ran the refresh events' );
		$this->assertContains( 'busy', array_column( $runs, 'stopped' ), 'a node found the other one\'s run going on' );
		$this->assertNoRowLostItsData();
		$this->assertSame( 3, array_sum( $this->stats()['token_requests'] ), 'one token per credential' );
	}

	public function test_both_nodes_together_never_exceed_a_credentials_requests_per_day(): void {
		$this->thousand_due_products( self::RATE );
		$quota = array();
		foreach ( array( self::DE, self::US, self::UK ) as $credential ) {
			$quota[ ApiRouter::creators_credential( $credential['credential_id'] ) ] = array(
				'rps' => self::RATE,
				'rpd' => 7,
			);
		}
		$this->plugin()->quota_settings()->save( $quota );
		$since = time();
		$this->refresh_due_now();
		$stopped = fn(): bool => in_array( 'quota', array_column( $this->runs(), 'stopped' ), true ) && null === SharedLock::holder( RefreshScheduler::LOCK );
		$this->wait_for( 30, 'a run to stop at the requests per day', $stopped );

		// The same day both nodes' runners start the refresh again: no request goes out.
		$before = count( $this->runs() );
		$this->refresh_due_now();
		$this->wait_for( 30, 'both nodes to run the refresh again', fn(): bool => count( $this->runs() ) >= $before + 2 && null === SharedLock::holder( RefreshScheduler::LOCK ) );

		$stats = $this->stats();
		foreach ( array( self::DE, self::US, self::UK ) as $credential ) {
			$this->assertSame( 7, $stats['api_calls_by_credential'][ $credential['credential_id'] ] ?? 0, "requests of {$credential['marketplace']}: its requests per day, not one more" );
			$this->assertSame( 7, $this->plugin()->quota_ledger()->used( ApiRouter::creators_credential( $credential['credential_id'] ) ) );
		}
		$this->assertSame( 0, $stats['throttled'] );
		$this->assertSame( 1000 - 3 * 70, $this->not_refreshed_since( $since ), 'the others wait for the next UTC day' );
		$this->assertSame( 3 * 70, array_sum( array_column( $this->runs(), 'updated' ) ) );
		$this->assertNoOverlap( $this->runs() );
		$this->assertNoRowLostItsData();
	}

	public function test_the_object_cache_flushed_stopped_and_restarted_in_the_middle_loses_nothing(): void {
		$counts = $this->thousand_due_products( self::RATE );
		$page   = $this->page_with_boxes();
		$since  = time();
		$this->refresh_due_now();
		$this->wait_for( 20, 'the refresh to be under way', fn(): bool => $this->not_refreshed_since( $since ) <= 900 );

		$this->control( 'redis', 'flush' );
		// A refresh comes due meanwhile (a page queued a product): both nodes' runners start it
		// while the first run goes on, and must find that run's lock although the cache is empty.
		$this->refresh_soon();
		$this->assertPagesServed( $page, 'after the flush' );
		$this->control( 'redis', 'stop' );
		$this->assertFalse( $this->redis_up() );
		$this->assertPagesServed( $page, 'while Redis is away' );
		usleep( 1500000 );
		$this->assertPagesServed( $page, 'while Redis is away' );
		$this->assertGreaterThan( 0, $this->not_refreshed_since( $since ), 'the outage happened in the middle of the refresh' );
		$this->control( 'redis', 'start' );
		$this->refresh_soon();
		$this->assertPagesServed( $page, 'after Redis came back' );

		$this->wait_for_refresh( $since, 60 );

		$this->assertFetchedOnce( $counts );
		$runs = $this->runs();
		$this->assertNoOverlap( $runs );
		$this->assertGreaterThanOrEqual( 2, count( array_filter( $runs, static fn( array $run ): bool => 'busy' === $run['stopped'] ) ), 'the runs started at the beginning and after the flush found the lock' );
		$this->assertNoRowLostItsData();
		$stats = $this->stats();
		foreach ( array( self::DE, self::US, self::UK ) as $credential ) {
			// At most one per credential per cache loss would do; kept in the database, the token
			// survives both (the flush and the restart).
			$this->assertSame( 1, $stats['token_requests'][ $credential['credential_id'] ] ?? 0, "token requests for {$credential['marketplace']}" );
		}
		$this->assertPagesServed( $page, 'after the refresh' );
	}

	public function test_a_node_dying_in_the_middle_is_taken_over_after_the_lock_expires(): void {
		$counts = $this->thousand_due_products( self::RATE );
		$since  = time();
		$this->refresh_due_now();
		$this->wait_for( 20, 'the refresh to be under way', fn(): bool => $this->not_refreshed_since( $since ) <= 900 );

		// Kill the PHP-FPM of the node whose worker holds the lock.
		$holder = SharedLock::holder( RefreshScheduler::LOCK );
		$this->assertNotNull( $holder );
		$pid  = (int) explode( '#', $holder['owner'] )[1];
		$node = $this->node_of_worker( $pid );
		$this->control( 'node', 'kill', (string) $node );
		$killed_at = microtime( true );
		$this->assertSame( 502, $this->node_status( $node ), "node {$node} is down" );
		$left = $this->not_refreshed_since( $since );
		$this->assertGreaterThan( 0, $left, 'the node died in the middle of the refresh' );

		$this->wait_for_refresh( $since, 60 );
		$took_over = microtime( true );

		$this->assertNoRowLostItsData();
		$this->assertNull( SharedLock::holder( RefreshScheduler::LOCK ), 'nothing is left locked' );
		$runs  = $this->runs();
		$other = 1 === $node ? 'node-2' : 'node-1';
		$after = array_values( array_filter( $runs, static fn( array $run ): bool => $run['node'] === $other && $run['updated'] > 0 ) );
		$this->assertNotEmpty( $after, "{$other} took the refresh over" );
		$this->assertGreaterThanOrEqual( $killed_at + 2.0, $after[0]['start'], 'not before the dead node\'s lock expired (5 s after its last renewal)' );
		$this->assertLessThan( 30.0, $took_over - $killed_at, 'taken over soon after the lock expired' );
		$stats = $this->stats();
		// Only the batch in flight when the node died can have been fetched twice (its answer was
		// never stored); every other product once.
		$twice = array_filter( (array) $stats['get_items_by_asin'], static fn( int $n ): bool => $n > 1 );
		$this->assertLessThanOrEqual( 10, count( $twice ), 'at most the one batch in flight fetched again' );
		$this->assertCount( 1000, $stats['get_items_by_asin'] );
		$this->assertSame( 0, $stats['throttled'] );
		unset( $counts );

		$this->control( 'node', 'start', (string) $node );
		$this->assertSame( 200, $this->node_status( $node ), "node {$node} serves again" );
	}

	/** Schedules a refresh due now, as a page that queued a product does (RefreshScheduler::soon). */
	private function refresh_soon(): void {
		wp_cache_flush_runtime();
		wp_clear_scheduled_hook( RefreshScheduler::HOOK_SOON );
		wp_schedule_single_event( time() - 1, RefreshScheduler::HOOK_SOON );
	}

	/**
	 * The web node whose PHP-FPM pool a worker belongs to.
	 *
	 * @param int $pid Worker process ID.
	 * @return int 1 or 2.
	 */
	private function node_of_worker( int $pid ): int {
		$status = (string) @file_get_contents( "/proc/{$pid}/status" ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- checked below.
		$this->assertMatchesRegularExpression( '/^PPid:\s+\d+/m', $status, "the lock holder {$pid} is a running process" );
		preg_match( '/^PPid:\s+(\d+)/m', $status, $m );
		$cmdline = (string) file_get_contents( "/proc/{$m[1]}/cmdline" );
		$this->assertStringContainsString( 'php-fpm', $cmdline, 'the lock holder is a PHP-FPM worker' );
		return str_contains( $cmdline, 'php-fpm-node2.conf' ) ? 2 : 1;
	}

	/**
	 * A published post with ten of the stored products' boxes.
	 *
	 * @return string Its path.
	 */
	private function page_with_boxes(): string {
		$content = '';
		for ( $i = 0; $i < 10; $i++ ) {
			$content .= sprintf( "[asa2 asin=\"B0NDE%05d\" marketplace=\"DE\"]\n", $i );
		}
		$id = wp_insert_post( array( 'post_title' => 'Boxes', 'post_content' => $content, 'post_status' => 'publish' ) );
		$this->assertIsInt( $id );
		return (string) wp_parse_url( (string) get_permalink( $id ), PHP_URL_PATH );
	}

	/**
	 * Both nodes serve the page with its product boxes.
	 *
	 * @param string $path Page.
	 * @param string $when When (for the failure message).
	 */
	private function assertPagesServed( string $path, string $when ): void {
		$responses = $this->parallel(
			array(
				array( 'node' => 1, 'method' => 'GET', 'path' => $path ),
				array( 'node' => 2, 'method' => 'GET', 'path' => $path ),
			)
		);
		foreach ( $responses as $i => $response ) {
			$this->assertSame( 200, $response['status'], 'node ' . ( $i + 1 ) . " serves the page {$when}" );
			$this->assertStringContainsString( 'class="asa2-product" data-asin="B0NDE00009"', $response['body'], 'node ' . ( $i + 1 ) . " shows the boxes {$when}" );
		}
	}
}
