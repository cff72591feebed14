<?php
/**
 * The contract of the Redis object cache drop-in of the test stacks
 * (tests/object-cache/object-cache.php): WordPress's object cache API shared by every process,
 * atomic adds, groups, expiry, flushes, and a site that keeps working while Redis is away.
 * Another process is played by a second WP_Object_Cache (its own connection and memory), or by
 * real processes for the race.
 *
 * Runs where the test stack has the object cache: the host's WordPress suite and the multi-node
 * suite (scripts/suites/40-wordpress.sh, 45-nodes.sh); skipped elsewhere.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use WP_Object_Cache;

/**
 * The drop-in against a real Redis.
 */
final class ObjectCacheContractTest extends TestCase {

	private const GROUP = 'asa2_contract';

	protected function setUp(): void {
		parent::setUp();
		if ( 'redis' !== ( self::$stack['object_cache'] ?? '' ) ) {
			$this->markTestSkipped( 'this test stack runs without the object cache (ASA2_OBJECT_CACHE=redis starts it with one)' );
		}
		$this->assertTrue( wp_using_ext_object_cache(), 'WordPress uses the drop-in' );
		$this->assertTrue( $GLOBALS['wp_object_cache']->redis_connected(), 'the drop-in reaches Redis' );
	}

	/** Another process: its own connection, its own memory. */
	private function other(): WP_Object_Cache {
		$other = new WP_Object_Cache();
		$other->add_non_persistent_groups( array( 'np_contract' ) );
		return $other;
	}

	public function test_values_come_back_as_stored_in_another_process(): void {
		$object        = new \stdClass();
		$object->title = 'Espresso';
		$values        = array(
			'int'    => 42,
			'digits' => '42',
			'float'  => 1.5,
			'false'  => false,
			'null'   => null,
			'empty'  => '',
			'array'  => array( 'a' => array( 1, 2 ) ),
			'object' => $object,
		);
		foreach ( $values as $key => $value ) {
			$this->assertTrue( wp_cache_set( $key, $value, self::GROUP ) );
		}
		$other = $this->other();
		foreach ( $values as $key => $value ) {
			$found = null;
			$this->assertEquals( $value, $other->get( $key, self::GROUP, false, $found ), $key );
			$this->assertTrue( $found, "{$key} is found" );
			$this->assertSame( gettype( $value ), gettype( $other->get( $key, self::GROUP ) ), "{$key} keeps its type" );
		}
		$found = null;
		$this->assertFalse( $other->get( 'missing', self::GROUP, false, $found ) );
		$this->assertFalse( $found );

		// Objects are copies: changing one read changes nothing stored.
		$read        = wp_cache_get( 'object', self::GROUP );
		$read->title = 'changed';
		$this->assertSame( 'Espresso', wp_cache_get( 'object', self::GROUP )->title );
		$object->title = 'changed too';
		$this->assertSame( 'Espresso', wp_cache_get( 'object', self::GROUP )->title );

		$this->assertSame( array( 'int' => 42, 'missing' => false, 'digits' => '42' ), $other->get_multiple( array( 'int', 'missing', 'digits' ), self::GROUP ) );
	}

	public function test_add_succeeds_for_exactly_one_process(): void {
		$other = $this->other();
		$this->assertTrue( wp_cache_add( 'lock', 'first', self::GROUP ) );
		$this->assertFalse( $other->add( 'lock', 'second', self::GROUP ), 'another process cannot add it' );
		$this->assertFalse( wp_cache_add( 'lock', 'again', self::GROUP ) );
		$this->assertSame( 'first', $other->get( 'lock', self::GROUP ) );

		// Eight processes at the same moment: one adds it.
		$stack_json = getenv( 'ASA2_STACK_JSON' ) ?: dirname( __DIR__, 3 ) . '/.work/test/stack.json';
		$start      = microtime( true ) + 2.0;
		$processes  = array();
		for ( $i = 0; $i < 8; $i++ ) {
			$pipes       = array();
			$command     = array( PHP_BINARY, '-d', 'extension=' . self::$stack['extension'], __DIR__ . '/support/cache-add.php', $stack_json, sprintf( '%.6F', $start ), 'race' );
			$process     = proc_open( $command, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
			$processes[] = array( $process, $pipes );
		}
		$added = 0;
		foreach ( $processes as [ $process, $pipes ] ) {
			$out = stream_get_contents( $pipes[1] );
			$err = stream_get_contents( $pipes[2] );
			fclose( $pipes[1] );
			fclose( $pipes[2] );
			$this->assertSame( 0, proc_close( $process ), $err );
			$this->assertContains( $out, array( '0', '1' ), $out . $err );
			$added += (int) $out;
		}
		$this->assertSame( 1, $added, 'exactly one of eight processes added the key' );
	}

	public function test_entries_expire(): void {
		$other = $this->other();
		$this->assertTrue( wp_cache_add( 'short', 'x', self::GROUP, 1 ) );
		$this->assertTrue( wp_cache_set( 'short_set', 'y', self::GROUP, 1 ) );
		$this->assertTrue( wp_cache_set( 'long', 'z', self::GROUP ) );
		usleep( 2100000 );
		$this->assertFalse( $other->get( 'short', self::GROUP ) );
		$this->assertFalse( $other->get( 'short_set', self::GROUP ) );
		$this->assertSame( 'z', $other->get( 'long', self::GROUP ) );
		$this->assertTrue( $other->add( 'short', 'again', self::GROUP, 30 ), 'an expired key can be added again' );
	}

	public function test_replace_incr_decr_and_delete(): void {
		$other = $this->other();
		$this->assertFalse( wp_cache_replace( 'counter', 1, self::GROUP ), 'replace needs the key' );
		$this->assertFalse( wp_cache_incr( 'counter', 1, self::GROUP ), 'incr needs the key' );
		$this->assertTrue( wp_cache_set( 'counter', 5, self::GROUP ) );
		$this->assertSame( 7, wp_cache_incr( 'counter', 2, self::GROUP ) );
		$this->assertSame( 8, $other->incr( 'counter', 1, self::GROUP ), 'increments add up across processes' );
		$this->assertSame( 0, wp_cache_decr( 'counter', 100, self::GROUP ), 'never below 0' );
		$this->assertTrue( $other->replace( 'counter', 'text', self::GROUP ) );
		$this->assertSame( 'text', wp_cache_get( 'counter', self::GROUP, true ) );
		$this->assertSame( 1, wp_cache_incr( 'counter', 1, self::GROUP ), 'a value that is no number counts as 0' );

		$this->assertTrue( $other->delete( 'counter', self::GROUP ) );
		$this->assertFalse( $other->delete( 'counter', self::GROUP ), 'already gone' );
		$this->assertFalse( wp_cache_get( 'counter', self::GROUP, true ), 'gone for every process' );
	}

	public function test_groups_non_persistent_groups_and_flushes(): void {
		$other = $this->other();
		wp_cache_set( 'key', 'in contract', self::GROUP );
		wp_cache_set( 'key', 'in other', 'asa2_contract_other' );
		$this->assertSame( 'in contract', $other->get( 'key', self::GROUP ) );
		$this->assertSame( 'in other', $other->get( 'key', 'asa2_contract_other' ) );

		// A non-persistent group stays in its process.
		wp_cache_add_non_persistent_groups( array( 'np_contract' ) );
		$this->assertTrue( wp_cache_set( 'key', 'local', 'np_contract' ) );
		$this->assertSame( 'local', wp_cache_get( 'key', 'np_contract' ) );
		$this->assertFalse( $other->get( 'key', 'np_contract' ) );
		$this->assertTrue( $other->add( 'key', 'theirs', 'np_contract' ), 'each process has its own' );

		// Flushing a group leaves the others.
		$this->assertTrue( wp_cache_supports( 'flush_group' ) );
		$this->assertTrue( wp_cache_flush_group( self::GROUP ) );
		$this->assertFalse( $other->get( 'key', self::GROUP, true ) );
		$this->assertSame( 'in other', $other->get( 'key', 'asa2_contract_other', true ) );

		// Flushing everything reaches every process; the runtime flush only this one's memory.
		wp_cache_set( 'kept', 'yes', self::GROUP );
		$this->assertTrue( wp_cache_flush_runtime() );
		$this->assertSame( 'yes', wp_cache_get( 'kept', self::GROUP ), 'read again from Redis' );
		$this->assertTrue( $other->flush() );
		$this->assertFalse( wp_cache_get( 'kept', self::GROUP, true ) );
		$this->assertFalse( wp_cache_get( 'key', 'asa2_contract_other', true ) );
	}

	public function test_wordpress_options_are_shared_through_it(): void {
		update_option( 'asa2_contract_option', 'from this process' );
		$this->assertSame( 'from this process', $this->other()->get( 'alloptions', 'options' )['asa2_contract_option'] ?? null, 'an autoloaded option is in the shared alloptions' );
		delete_option( 'asa2_contract_option' );
	}

	public function test_without_redis_it_works_from_memory_and_empties_redis_when_it_is_back(): void {
		global $wpdb;
		wp_cache_set( 'stale', 'before the outage', self::GROUP );
		$error_log = ini_get( 'error_log' );
		ini_set( 'error_log', '/dev/null' );
		try {
			$away = new WP_Object_Cache( array( 'path' => '/nonexistent/redis.sock' ) );
		} finally {
			ini_set( 'error_log', (string) $error_log );
		}
		$this->assertFalse( $away->redis_connected() );
		$this->assertFalse( $away->get( 'stale', self::GROUP ), 'nothing from Redis' );
		$this->assertTrue( $away->add( 'local', 1, self::GROUP ) );
		$this->assertFalse( $away->add( 'local', 2, self::GROUP ), 'its memory still decides' );
		$this->assertSame( 1, $away->get( 'local', self::GROUP ) );
		$this->assertSame( 2, $away->incr( 'local', 1, self::GROUP ) );
		$this->assertTrue( $away->delete( 'local', self::GROUP ) );
		$this->assertTrue( $away->flush() );
		$this->assertSame( '1', $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", WP_Object_Cache::FAILBACK_FLAG ) ), 'the outage is flagged in the database' );

		// The next process that reaches Redis empties it (writes went to the database meanwhile).
		$back = new WP_Object_Cache();
		$this->assertTrue( $back->redis_connected() );
		$this->assertFalse( $back->get( 'stale', self::GROUP ), 'Redis was emptied' );
		$this->assertNull( $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", WP_Object_Cache::FAILBACK_FLAG ) ), 'and the flag removed' );
	}

	public function test_a_long_request_reconnects_when_redis_is_back(): void {
		$long = $this->other();
		$long->set( 'before', 'old', self::GROUP );
		$this->stack_control( 'redis', 'stop' );
		try {
			$this->assertTrue( $long->set( 'during', 'kept in memory', self::GROUP ) );
			$this->assertFalse( $long->redis_connected() );
			$this->assertSame( 'kept in memory', $long->get( 'during', self::GROUP ) );
		} finally {
			$this->stack_control( 'redis', 'start' );
		}
		$this->other()->set( 'stale', 'written by another process after the restart', self::GROUP );
		usleep( 1100000 );
		$found = null;
		$this->assertFalse( $long->get( 'stale', self::GROUP, true, $found ), 'it wrote while Redis was away: Redis is emptied when it reconnects' );
		$this->assertTrue( $long->redis_connected(), 'reconnected' );
		$this->assertTrue( $long->set( 'after', 'shared again', self::GROUP ) );
		$this->assertSame( 'shared again', $this->other()->get( 'after', self::GROUP ) );
		$this->assertTrue( wp_cache_set( 'global', 'this process reconnected too', self::GROUP ) );
		$this->assertSame( 'this process reconnected too', $this->other()->get( 'global', self::GROUP ) );
	}

	/**
	 * Runs scripts/stack-control.sh (e.g. 'redis', 'stop').
	 *
	 * @param string ...$args Arguments.
	 */
	private function stack_control( string ...$args ): void {
		$output = array();
		$status = 0;
		exec( 'bash ' . escapeshellarg( (string) self::$stack['control'] ) . ' ' . implode( ' ', array_map( 'escapeshellarg', $args ) ) . ' 2>&1', $output, $status );
		$this->assertSame( 0, $status, implode( "\n", $output ) );
	}
}
