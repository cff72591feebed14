<?php
/**
 * "Test connection" against the local Amazon sandbox: a working Cognito credential, an LWA
 * credential entered as Cognito (invalid_client) and the one-click switch that fixes it,
 * unreachable hosts and secrets that no longer open.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

require_once __DIR__ . '/PluginTestCase.php';

use Asa2\Creators\Api\TokenProvider;
use Asa2\Sealer;

/**
 * Connection tests through the real extension, WordPress HTTP API and sandbox.
 */
final class SetupConnectionTest extends PluginTestCase {

	public function test_a_german_cognito_credential_connects(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$this->notices();

		$url = $this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'DE' ) );

		$this->assertStringContainsString( 'page=asa2-setup', $url );
		$test = $this->record( 'DE' )['last_test'];
		$this->assertIsArray( $test );
		$this->assertTrue( $test['ok'], 'connection test failed: ' . $test['message'] );
		$this->assertSame( '2.2', $test['api_version'] );
		$this->assertEqualsWithDelta( time(), $test['time'], 60 );
		$this->assertStringContainsString( 'Connected', $test['message'] );
		$this->assertStringContainsString( 'Connection test for Germany (API version 2.2) succeeded', $this->notice_text( $this->notices(), 'success' ) );

		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup', array( 'as' => 'administrator' ) )['body'];
		$this->assertMatchesRegularExpression( '#<tr data-marketplace="DE".*asa2-test-ok#s', $page );
	}

	public function test_an_lwa_credential_entered_as_cognito_gets_invalid_client_and_the_switch_fixes_it(): void {
		$this->save_marketplace( array( 'kind' => 'cognito' ) + self::UK_LWA );
		$this->notices();
		$sealed = $this->record( 'UK' )['credential_secret'];

		$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'UK' ) );

		$record = $this->record( 'UK' );
		$this->assertFalse( $record['last_test']['ok'] );
		$this->assertSame( 'invalid_client', $record['last_test']['error_code'] );
		$this->assertSame( '2.2', $record['last_test']['api_version'] );
		$this->assertStringContainsString( 'LWA (v3)', $record['last_test']['hint'] );
		$this->assertSame( $sealed, $record['credential_secret'], 'a failed test changes no setting' );
		$this->assertSame( 'cognito', $record['kind'] );
		$notices = $this->notices();
		$this->assertStringContainsString( 'failed', $this->notice_text( $notices, 'error' ) );
		$this->assertSame( 'UK', $notices[ array_key_last( $notices ) ]['switch'], 'the notice offers the switch' );

		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup', array( 'as' => 'administrator' ) )['body'];
		$this->assertStringContainsString( 'Switch to LWA (v3) and test again', $page );
		$this->assertStringContainsString( 'name="action" value="asa2_switch_to_lwa"', $page );

		$this->submit( 'asa2_switch_to_lwa', array( 'marketplace' => 'UK' ) );

		$record = $this->record( 'UK' );
		$this->assertSame( 'lwa', $record['kind'] );
		$this->assertSame( '3.2', $record['api_version'], 'the version follows the kind' );
		$this->assertTrue( $record['last_test']['ok'], 'retest after the switch failed: ' . $record['last_test']['message'] );
		$this->assertSame( '3.2', $record['last_test']['api_version'] );
		$this->assertSame( self::UK_LWA['credential_secret'], $this->open_secret( 'UK' ) );
		$text = $this->notice_text( $this->notices() );
		$this->assertStringContainsString( 'now uses LWA (v3) credentials (API version 3.2)', $text );
		$this->assertStringContainsString( 'succeeded', $text );

		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup', array( 'as' => 'administrator' ) )['body'];
		$this->assertStringNotContainsString( 'Switch to LWA (v3) and test again', $page );
	}

	public function test_the_switch_over_http_redirects_to_the_table(): void {
		$this->save_marketplace( array( 'kind' => 'cognito' ) + self::UK_LWA );
		$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'UK' ) );

		$response = $this->post_over_http( 'asa2_switch_to_lwa', array( 'marketplace' => 'UK' ) );

		$this->assertSame( 302, $response['status'] );
		$this->assertStringContainsString( 'page=asa2-setup', $response['headers']['location'] );
		$this->assertSame( 'lwa', $this->record( 'UK' )['kind'] );
		$this->assertTrue( $this->record( 'UK' )['last_test']['ok'] );
	}

	public function test_an_unreachable_host_is_reported_and_nothing_is_lost(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$before = $this->record( 'DE' );
		$closed = static fn(): string => 'http://127.0.0.1:9';
		add_filter( 'asa2/api_base', $closed );
		try {
			$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'DE' ) );
		} finally {
			remove_filter( 'asa2/api_base', $closed );
		}
		$after = $this->record( 'DE' );
		$this->assertFalse( $after['last_test']['ok'] );
		$this->assertSame( 'network', $after['last_test']['error_code'] );
		$this->assertStringContainsString( 'could not be reached', $after['last_test']['message'] );
		unset( $before['last_test'], $after['last_test'] );
		$this->assertSame( $before, $after );
	}

	public function test_a_secret_that_no_longer_opens_asks_to_re_enter_it(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$records                            = $this->plugin()->marketplaces()->all();
		$records['DE']['credential_secret'] = ( new Sealer( str_repeat( 'x', 64 ) ) )->seal( 'old', 'DE', 'credential_secret' );
		$this->plugin()->marketplaces()->replace_all( $records );

		$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'DE' ) );

		$test = $this->record( 'DE' )['last_test'];
		$this->assertFalse( $test['ok'] );
		$this->assertSame( 'secret_unreadable', $test['error_code'] );
		$this->assertStringContainsString( 'enter the Credential Secret again', $test['message'] );
	}

	public function test_a_successful_test_caches_the_token_sealed_under_its_cache_key(): void {
		global $wpdb;
		$this->save_marketplace( self::DE_COGNITO );
		$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'DE' ) );

		// In the database (every web server shares it), whether or not there is an object cache.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT option_name, option_value, autoload FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( TokenProvider::OPTION_PREFIX ) . '%' ), ARRAY_A );
		$this->assertCount( 1, $rows );
		$this->assertSame( 'no', $rows[0]['autoload'] );
		$this->assertStringContainsString( 'asa2:v1:', $rows[0]['option_value'], 'the cached token is sealed' );
	}

	public function test_an_account_without_qualifying_sales_gets_the_eligibility_explanation(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$this->sandbox_post( '/__sandbox/config', array( 'not_eligible' => array( self::DE_COGNITO['credential_id'] ) ) );
		try {
			$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'DE' ) );
		} finally {
			$this->sandbox_post( '/__sandbox/config', array( 'not_eligible' => array() ) );
		}
		$test = $this->record( 'DE' )['last_test'];
		$this->assertFalse( $test['ok'] );
		$this->assertSame( 'AssociateNotEligible', $test['error_code'] );
		$this->assertStringContainsString( 'not eligible for the Creators API yet', $test['message'] );
		$this->assertStringContainsString( 'qualifying sales', $test['message'] );
	}

	public function test_a_throttled_call_is_explained_and_changes_nothing(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'DE' ) );
		$this->assertTrue( $this->record( 'DE' )['last_test']['ok'] );
		$before = $this->record( 'DE' );

		// The sandbox allows one API call per second per credential, as Amazon does for new accounts.
		$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'DE' ) );

		$after = $this->record( 'DE' );
		$this->assertFalse( $after['last_test']['ok'] );
		$this->assertNotSame( '', $after['last_test']['error_code'] );
		$this->assertStringContainsString( 'throttled', $after['last_test']['message'] );
		unset( $before['last_test'], $after['last_test'] );
		$this->assertSame( $before, $after );
	}
}
