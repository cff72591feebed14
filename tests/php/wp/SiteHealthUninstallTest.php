<?php
/**
 * Site Health tests of the plugin, and uninstall removing everything the plugin stored.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

require_once __DIR__ . '/PluginTestCase.php';

use Asa2\Creators\Hooks;

/**
 * Site Health and uninstall.
 */
final class SiteHealthUninstallTest extends PluginTestCase {

	public function test_site_health_lists_the_plugin_tests(): void {
		$tests = apply_filters( 'site_status_tests', array( 'direct' => array(), 'async' => array() ) );
		foreach ( array( 'asa2_extension', 'asa2_secret_key', 'asa2_secrets', 'asa2_marketplaces' ) as $id ) {
			$this->assertArrayHasKey( $id, $tests['direct'] );
		}
	}

	public function test_site_health_results(): void {
		$health = $this->plugin()->site_health();
		$this->assertSame( 'good', $health->test_extension()['status'] );
		$this->assertSame( 'good', $health->test_secret_key()['status'], 'the test stack has unique salts' );
		$this->assertSame( 'recommended', $health->test_marketplaces()['status'], 'nothing configured yet' );

		$this->save_marketplace( self::DE_COGNITO );
		$this->assertSame( 'good', $health->test_marketplaces()['status'] );
		$this->assertSame( 'good', $health->test_secrets()['status'] );

		$records                            = $this->plugin()->marketplaces()->all();
		$records['DE']['credential_secret'] = ( new \Asa2\Sealer( str_repeat( 'z', 64 ) ) )->seal( 'x', 'DE', 'credential_secret' );
		$this->plugin()->marketplaces()->replace_all( $records );
		$result = $health->test_secrets();
		$this->assertSame( 'critical', $result['status'] );
		$this->assertStringContainsString( 'Germany', $result['description'] );
	}

	public function test_default_salts_are_reported_as_weak(): void {
		$key = $this->plugin()->key_material();
		$this->assertSame( array(), $key->weak_salts(), 'the test stack writes unique salts' );
		$this->assertGreaterThanOrEqual( 32, strlen( $key->material() ) );
	}

	public function test_uninstall_removes_options_table_transients_and_cron(): void {
		global $wpdb;
		$this->submit( 'asa2_save_logging', array( 'asa2' => array( 'enabled' => '1', 'level' => 'debug', 'retention_days' => '7' ) ) );
		$this->save_marketplace( self::DE_COGNITO );
		$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'DE' ) );
		$this->submit( 'asa2_save_paapi', array( 'asa2' => self::PAAPI ) );
		$this->submit( 'asa2_save_id_set', array( 'asa2' => array( 'name' => 'Main', 'tags' => array( 'DE' => 'demo-de-21' ) ) ) );
		( new Hooks( $this->plugin() ) )->activate();
		$this->assertNotFalse( wp_next_scheduled( Hooks::CRON_LOG_CLEANUP ) );

		try {
			if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
				define( 'WP_UNINSTALL_PLUGIN', self::$stack['plugin_file'] );
			}
			include self::$stack['plugin_dir'] . '/uninstall.php';
			wp_cache_flush();

			$left = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $wpdb->esc_like( 'asa2_' ) . '%', $wpdb->esc_like( '_transient_asa2_' ) . '%' ) );
			$this->assertSame( array(), $left );
			$this->assertNull( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->prefix . 'asa2_log' ) ) );
			$this->assertFalse( wp_next_scheduled( Hooks::CRON_LOG_CLEANUP ) );
		} finally {
			// Put the table back for the other tests.
			( new Hooks( $this->plugin() ) )->activate();
		}
	}
}
