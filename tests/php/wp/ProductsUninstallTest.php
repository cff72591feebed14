<?php
/**
 * Uninstall removes what the products part stored: the products table, its schema version,
 * settings, templates, lock and rate rows, tracking options and the refresh events.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Cron\RefreshScheduler;
use Asa2\Creators\Hooks;

require_once __DIR__ . '/ProductsTestCase.php';

/**
 * uninstall.php and the products part.
 */
final class ProductsUninstallTest extends ProductsTestCase {

	public function test_uninstall_removes_the_products_table_options_and_events(): void {
		global $wpdb;
		$this->configure_creators( self::DE );
		$this->plugin()->product_service()->add( 'B0UNINST01', 'DE' );
		$this->plugin()->product_settings()->save( array( 'ttl_hours' => 12, 'requests_per_second' => 1.0 ) );
		$this->plugin()->templates()->put( 'mine', 'Mine', '{{ Title }}' );
		RefreshScheduler::soon();
		// A run that left products due scheduled its follow-up.
		wp_schedule_single_event( time() + RefreshScheduler::FOLLOW_UP_DELAY, RefreshScheduler::HOOK_CONTINUE );
		$this->assertNotFalse( wp_next_scheduled( RefreshScheduler::HOOK ) );
		$this->assertNotEmpty( $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( 'asa2_rate_' ) . '%' ) ) );

		try {
			$command = array( PHP_BINARY );
			if ( '' !== self::$stack['extension'] ) {
				array_push( $command, '-d', 'extension=' . self::$stack['extension'] );
			}
			array_push( $command, __DIR__ . '/support/uninstall.php', getenv( 'ASA2_STACK_JSON' ) ?: dirname( __DIR__, 3 ) . '/.work/test/stack.json' );
			$pipes   = array();
			$process = proc_open( $command, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
			$this->assertIsResource( $process );
			$out = stream_get_contents( $pipes[1] );
			$err = stream_get_contents( $pipes[2] );
			fclose( $pipes[1] );
			fclose( $pipes[2] );
			$this->assertSame( 0, proc_close( $process ), "uninstall failed: {$out}\n{$err}" );
			$this->assertSame( 'ok', $out );
			wp_cache_flush();
			$this->assertNull( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->prefix . 'asa2_products' ) ) );
			$left = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $wpdb->esc_like( 'asa2_' ) . '%', $wpdb->esc_like( '_transient_asa2_' ) . '%' ) );
			$this->assertSame( array(), $left );
			$this->assertFalse( wp_next_scheduled( RefreshScheduler::HOOK ) );
			$this->assertFalse( wp_next_scheduled( RefreshScheduler::HOOK_SOON ) );
			$this->assertFalse( wp_next_scheduled( RefreshScheduler::HOOK_CONTINUE ) );
		} finally {
			( new Hooks( $this->plugin() ) )->activate();
		}
		$this->assertTrue( $this->plugin()->products()->is_current() );
	}
}
