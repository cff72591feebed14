<?php
/**
 * ASA2 -> Options -> Logging: settings, what the api/ layer writes for each remote call, and
 * that no secret, token or full partner tag ever reaches a log row.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

require_once __DIR__ . '/PluginTestCase.php';

use Asa2\Creators\Hooks;
use Asa2\Creators\Storage\MarketplaceRepository;

/**
 * The API call log.
 */
final class LoggingTest extends PluginTestCase {

	/** Turns logging on at a level. */
	private function enable_logging( string $level = 'debug' ): void {
		$this->submit( 'asa2_save_logging', array( 'asa2' => array( 'enabled' => '1', 'level' => $level, 'retention_days' => '30' ) ) );
		$this->notices();
	}

	/** Every log row. */
	private function rows(): array {
		global $wpdb;
		return $wpdb->get_results( "SELECT * FROM {$wpdb->prefix}asa2_log ORDER BY id", ARRAY_A );
	}

	public function test_settings_are_saved_and_bad_retention_is_refused(): void {
		$this->submit( 'asa2_save_logging', array( 'asa2' => array( 'enabled' => '1', 'level' => 'warning', 'retention_days' => '14' ) ) );
		$this->assertSame( array( 'enabled' => true, 'level' => 'warning', 'retention_days' => 14 ), $this->plugin()->logging()->get() );

		$this->submit( 'asa2_save_logging', array( 'asa2' => array( 'enabled' => '1', 'level' => 'info', 'retention_days' => '0' ) ) );
		$this->assertSame( 14, $this->plugin()->logging()->get()['retention_days'] );
		$this->assertStringContainsString( 'between 1 and 365', $this->notice_text( $this->notices(), 'error' ) );
	}

	public function test_every_token_and_api_call_is_logged_and_nothing_secret_is_in_the_rows(): void {
		$this->enable_logging( 'debug' );
		$this->save_marketplace( self::DE_COGNITO );
		$this->save_marketplace( array( 'kind' => 'cognito' ) + self::UK_LWA );
		$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'DE' ) );
		$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'UK' ) );
		$this->submit( 'asa2_switch_to_lwa', array( 'marketplace' => 'UK' ) );

		$rows = $this->rows();
		$ops  = array_map( static fn( array $r ): string => $r['marketplace'] . ' ' . $r['operation'] . ' ' . $r['api_version'] . ' ' . $r['outcome'], $rows );
		$this->assertContains( 'DE token 2.2 ok', $ops );
		$this->assertContains( 'UK token 2.2 error', $ops );
		$this->assertContains( 'UK token 3.2 ok', $ops );
		$this->assertNotEmpty( array_filter( $ops, static fn( string $op ): bool => str_starts_with( $op, 'DE GetItems 2.2' ) ) );
		foreach ( $rows as $row ) {
			$this->assertSame( 'creators', $row['api'] );
			$this->assertGreaterThan( 0, (int) $row['http_status'] );
		}

		// The tokens the calls used (still cached) and every credential must be absent.
		$forbidden = array( 'demo-de-21', 'demo-uk-21' );
		foreach ( array( self::DE_COGNITO, self::UK_LWA ) as $credential ) {
			$forbidden[] = $credential['credential_secret'];
			$forbidden[] = $credential['credential_id'];
		}
		foreach ( array( 'DE', 'UK' ) as $code ) {
			$config                      = MarketplaceRepository::config_of( $this->record( $code ) );
			$config['credential_secret'] = $this->open_secret( $code );
			$forbidden[]                 = $this->plugin()->tokens()->token( $config );
		}
		$dump = json_encode( $rows );
		foreach ( $forbidden as $value ) {
			$this->assertStringNotContainsString( $value, $dump );
		}
		$this->assertStringNotContainsString( 'asa2:v1:', $dump );
	}

	public function test_the_minimum_level_filters_rows(): void {
		$this->enable_logging( 'error' );
		$this->save_marketplace( self::DE_COGNITO );
		$this->save_marketplace( array( 'kind' => 'cognito' ) + self::UK_LWA );
		$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'DE' ) );
		$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'UK' ) );

		$rows = $this->rows();
		$this->assertNotEmpty( $rows );
		foreach ( $rows as $row ) {
			$this->assertSame( 'error', $row['level'] );
			$this->assertSame( 'UK', $row['marketplace'] );
		}
	}

	public function test_nothing_is_logged_while_logging_is_off(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'DE' ) );
		$this->assertSame( array(), $this->rows() );
	}

	public function test_redaction_removes_secrets_bearer_tokens_and_full_tags(): void {
		$message = \Asa2\Creators\Api\CallLog::redact( 'secret=abcd1234xyz, Authorization: Bearer eyJhbGciOi.J9-x_y, tag mysite-21', array( 'abcd1234xyz' ), array( 'mysite-21' ) );
		$this->assertStringNotContainsString( 'abcd1234xyz', $message );
		$this->assertStringNotContainsString( 'eyJhbGciOi', $message );
		$this->assertStringNotContainsString( 'mysite-21', $message );
		$this->assertStringContainsString( \Asa2\PartnerTag::mask( 'mysite-21' ), $message );
	}

	public function test_the_daily_cleanup_removes_rows_older_than_the_retention(): void {
		$this->submit( 'asa2_save_logging', array( 'asa2' => array( 'enabled' => '1', 'level' => 'debug', 'retention_days' => '7' ) ) );
		$now  = time();
		$past = static fn(): int => $now - 10 * DAY_IN_SECONDS;
		add_filter( 'asa2/now', $past );
		$this->plugin()->call_log()->record( array( 'api' => 'creators', 'operation' => 'token', 'outcome' => 'ok', 'level' => 'info', 'marketplace' => 'DE' ) );
		remove_filter( 'asa2/now', $past );
		$this->plugin()->call_log()->record( array( 'api' => 'creators', 'operation' => 'GetItems', 'outcome' => 'ok', 'level' => 'info', 'marketplace' => 'DE' ) );
		$this->assertCount( 2, $this->rows() );

		( new Hooks( $this->plugin() ) )->activate();
		$this->assertNotFalse( wp_next_scheduled( Hooks::CRON_LOG_CLEANUP ), 'activation schedules the daily cleanup' );
		do_action( Hooks::CRON_LOG_CLEANUP );

		$rows = $this->rows();
		$this->assertCount( 1, $rows );
		$this->assertSame( 'GetItems', $rows[0]['operation'] );
	}

	public function test_the_log_viewer_shows_the_calls(): void {
		$this->enable_logging( 'info' );
		$this->save_marketplace( self::DE_COGNITO );
		$this->submit( 'asa2_test_marketplace', array( 'marketplace' => 'DE' ) );

		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-options', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'API Call Log', $page['body'] );
		$this->assertStringContainsString( 'GetItems', $page['body'] );
		$this->assertStringContainsString( 'Creators', $page['body'] );
		$this->assertStringNotContainsString( 'demo-de-21', $page['body'] );
		$this->assertStringNotContainsString( self::DE_COGNITO['credential_secret'], $page['body'] );
	}
}
