<?php
/**
 * Every state change of the ASA2 screens needs manage_options and a valid nonce: checked per
 * role in this process and over HTTP through admin-post.php.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

require_once __DIR__ . '/PluginTestCase.php';

use Asa2\Creators\Admin\AccessDenied;
use PHPUnit\Framework\Attributes\DataProvider;

/**
 * Capability and nonce refusals.
 */
final class SetupSecurityTest extends PluginTestCase {

	/**
	 * Every admin-post action with fields that would succeed for an administrator.
	 *
	 * @return array<string, array{0: string, 1: array}>
	 */
	public static function actions(): array {
		return array(
			'save marketplace'  => array( 'asa2_save_marketplace', array( 'asa2' => self::DE_COGNITO, 'original' => '' ) ),
			'delete'            => array( 'asa2_delete_marketplace', array( 'marketplace' => 'UK' ) ),
			'toggle'            => array( 'asa2_toggle_marketplace', array( 'marketplace' => 'UK' ) ),
			'set default'       => array( 'asa2_default_marketplace', array( 'marketplace' => 'UK' ) ),
			'test connection'   => array( 'asa2_test_marketplace', array( 'marketplace' => 'UK' ) ),
			'switch to lwa'     => array( 'asa2_switch_to_lwa', array( 'marketplace' => 'UK' ) ),
			'save pa api'       => array( 'asa2_save_paapi', array( 'asa2' => self::PAAPI ) ),
			'save id set'       => array( 'asa2_save_id_set', array( 'asa2' => array( 'name' => 'Main', 'tags' => array( 'DE' => 'demo-de-21' ) ) ) ),
			'delete id set'     => array( 'asa2_delete_id_set', array( 'set' => 'main' ) ),
			'save logging'      => array( 'asa2_save_logging', array( 'asa2' => array( 'enabled' => '1', 'level' => 'debug', 'retention_days' => '7' ) ) ),
			'clear log'         => array( 'asa2_clear_log', array() ),
		);
	}

	/** A state to change: UK configured (Cognito), an ID set, logging off. */
	private function seed(): array {
		$this->save_marketplace( array( 'kind' => 'cognito' ) + self::UK_LWA );
		$this->submit( 'asa2_save_id_set', array( 'asa2' => array( 'name' => 'Main', 'tags' => array( 'DE' => 'demo-de-21' ) ) ) );
		$this->notices();
		$this->act_as( 'anonymous' );
		return $this->snapshot();
	}

	/** Everything the actions could change. */
	private function snapshot(): array {
		self::forget_cached();
		return array(
			get_option( 'asa2_marketplaces' ),
			get_option( 'asa2_paapi' ),
			get_option( 'asa2_id_sets' ),
			get_option( 'asa2_logging' ),
		);
	}

	/**
	 * @dataProvider actions
	 */
	#[DataProvider( 'actions' )]
	public function test_editors_authors_and_subscribers_are_refused( string $action, array $fields ): void {
		$before = $this->seed();
		foreach ( array( 'editor', 'author', 'subscriber' ) as $role ) {
			try {
				$this->submit( $action, $fields, $role );
				$this->fail( "{$action} accepted a {$role}" );
			} catch ( AccessDenied $e ) {
				$this->assertStringContainsString( 'not allowed', $e->getMessage() );
			}
		}
		$this->assertSame( $before, $this->snapshot() );
	}

	/**
	 * @dataProvider actions
	 */
	#[DataProvider( 'actions' )]
	public function test_a_wrong_or_missing_nonce_is_refused_even_for_an_administrator( string $action, array $fields ): void {
		$before = $this->seed();
		foreach ( array( 'not-a-nonce', '', wp_create_nonce( 'some_other_action' ) ) as $nonce ) {
			try {
				$this->submit( $action, $fields, 'administrator', $nonce );
				$this->fail( "{$action} accepted the nonce '{$nonce}'" );
			} catch ( AccessDenied $e ) {
				$this->assertStringContainsString( 'expired', $e->getMessage() );
			}
		}
		$this->assertSame( $before, $this->snapshot() );
	}

	public function test_over_http_each_role_gets_403_and_the_administrator_a_redirect(): void {
		$before = $this->seed();
		foreach ( array( 'editor', 'author', 'subscriber' ) as $role ) {
			$response = $this->post_over_http( 'asa2_toggle_marketplace', array( 'marketplace' => 'UK' ), $role );
			$this->assertSame( 403, $response['status'], "{$role} must be refused" );
		}
		$this->assertSame( $before, $this->snapshot() );

		$response = $this->post_over_http( 'asa2_toggle_marketplace', array( 'marketplace' => 'UK' ), 'administrator', 'forged' );
		$this->assertSame( 403, $response['status'], 'a forged nonce must be refused' );
		$this->assertSame( $before, $this->snapshot() );

		$response = $this->post_over_http( 'asa2_toggle_marketplace', array( 'marketplace' => 'UK' ), 'administrator' );
		$this->assertSame( 302, $response['status'] );
		$this->assertFalse( $this->record( 'UK' )['enabled'] );
	}

	public function test_anonymous_visitors_cannot_post(): void {
		$before   = $this->seed();
		$response = $this->http( 'POST', '/wp-admin/admin-post.php', array( 'body' => array( 'action' => 'asa2_toggle_marketplace', 'marketplace' => 'UK' ) ) );
		$this->assertStringNotContainsString( 'asa2-setup', $response['headers']['location'] ?? '', 'no handler runs for visitors' );
		$this->assertSame( $before, $this->snapshot() );
	}

	public function test_the_screens_are_for_administrators_only(): void {
		foreach ( array( 'asa2-setup', 'asa2-options' ) as $page ) {
			$this->assertSame( 200, $this->http( 'GET', "/wp-admin/admin.php?page={$page}", array( 'as' => 'administrator' ) )['status'] );
			foreach ( array( 'editor', 'author', 'subscriber' ) as $role ) {
				$this->assertSame( 403, $this->http( 'GET', "/wp-admin/admin.php?page={$page}", array( 'as' => $role ) )['status'], "{$role} on {$page}" );
			}
		}
	}

	public function test_the_menu_has_setup_and_options_for_administrators(): void {
		$page = $this->http( 'GET', '/wp-admin/index.php', array( 'as' => 'administrator' ) )['body'];
		$this->assertStringContainsString( 'admin.php?page=asa2-setup', $page );
		$this->assertStringContainsString( 'admin.php?page=asa2-options', $page );
		$editor = $this->http( 'GET', '/wp-admin/index.php', array( 'as' => 'editor' ) )['body'];
		$this->assertStringNotContainsString( 'page=asa2-setup', $editor );
	}
}
