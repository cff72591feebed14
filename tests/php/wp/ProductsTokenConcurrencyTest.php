<?php
/**
 * One token per credential shared by every PHP worker: parallel workers refreshing products at
 * once make exactly one token request per credential; the refresh lock is exclusive and a lock
 * left behind by a dead worker is taken over.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Api\SharedLock;

require_once __DIR__ . '/ProductsTestCase.php';

/**
 * Token single flight across processes.
 */
final class ProductsTokenConcurrencyTest extends ProductsTestCase {

	/** Parallel workers. */
	private const WORKERS = 6;

	public function test_parallel_workers_share_one_token_per_credential(): void {
		$this->configure_creators( self::DE, self::US );
		$this->plugin()->product_settings()->save( array( 'ttl_hours' => 24, 'requests_per_second' => 1.0 ) );
		$stack_json = getenv( 'ASA2_STACK_JSON' ) ?: dirname( __DIR__, 3 ) . '/.work/test/stack.json';
		$start      = microtime( true ) + 3.0;
		$processes  = array();
		for ( $i = 0; $i < self::WORKERS; $i++ ) {
			$command = array( PHP_BINARY );
			if ( '' !== self::$stack['extension'] ) {
				array_push( $command, '-d', 'extension=' . self::$stack['extension'] );
			}
			array_push( $command, __DIR__ . '/support/refresh-products.php', $stack_json, sprintf( '%.6F', $start ), sprintf( 'B0P1RDE%03d:DE', $i ), sprintf( 'B0P1RUS%03d:US', $i ) ); // 4th character 1: a sandbox category without variation parents.
			$pipes         = array();
			$process       = proc_open( $command, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
			$this->assertIsResource( $process );
			$processes[] = array( $process, $pipes );
		}
		$outputs = array();
		foreach ( $processes as [ $process, $pipes ] ) {
			$out = stream_get_contents( $pipes[1] );
			$err = stream_get_contents( $pipes[2] );
			fclose( $pipes[1] );
			fclose( $pipes[2] );
			$status = proc_close( $process );
			$this->assertSame( 0, $status, "worker failed: {$out}\n{$err}" );
			$outputs[] = json_decode( (string) $out, true );
		}
		foreach ( $outputs as $result ) {
			$this->assertIsArray( $result );
			$this->assertSame( 2, $result['updated'], (string) wp_json_encode( $result ) );
		}

		$stats = $this->stats();
		$this->assertSame( 1, $stats['token_requests'][ self::DE['credential_id'] ] ?? 0, 'one token request for DE' );
		$this->assertSame( 1, $stats['token_requests'][ self::US['credential_id'] ] ?? 0, 'one token request for US' );
		// The workers take their rate slots one credential interval apart. A worker the machine
		// does not schedule between its slot and its send may still reach Amazon too early; that
		// answer is retried and counted here. Section 5 of the benchmarks counts 429 answers of a
		// whole refresh (target: none).
		$throttled = (int) $stats['throttled'];
		$this->assertLessThanOrEqual( 1, $throttled, 'the workers spaced their calls to the credential rate' );
		$this->assertSame( 2 * self::WORKERS + $throttled, array_sum( $stats['api_calls_by_operation'] ?? array() ), 'one call per product, plus the retry of a throttled one' );
		$this->assertSame( 2 * self::WORKERS, $this->plugin()->products()->count() );
	}

	public function test_the_refresh_lock_is_exclusive_and_an_abandoned_one_is_taken_over(): void {
		global $wpdb;
		$this->assertTrue( SharedLock::acquire( 'probe', 30 ) );
		$this->assertFalse( SharedLock::acquire( 'probe', 30 ), 'held by this worker' );
		SharedLock::release( 'probe' );
		$this->assertTrue( SharedLock::acquire( 'probe', 30 ) );

		// A worker died holding it: once expired, it is taken over.
		$wpdb->update( $wpdb->options, array( 'option_value' => (string) ( time() - 5 ) ), array( 'option_name' => SharedLock::OPTION_PREFIX . 'probe' ) );
		$this->assertTrue( SharedLock::acquire( 'probe', 30 ) );
		$this->assertFalse( SharedLock::acquire( 'probe', 30 ) );
		SharedLock::release( 'probe' );
	}
}
