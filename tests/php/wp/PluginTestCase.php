<?php
/**
 * Shared helpers of the plugin's WordPress tests: the demo credentials of the local sandbox,
 * handlers run in this process, and the same forms posted to admin-post.php over HTTP.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Hooks;
use Asa2\Creators\Plugin;
use Asa2\Creators\Storage\MarketplaceRepository;

/**
 * Base class of the Setup / Options tests.
 */
abstract class PluginTestCase extends TestCase {

	/** Germany, Cognito (v2) - crates/sandbox/demo.json. */
	public const DE_COGNITO = array(
		'marketplace'       => 'DE',
		'kind'              => 'cognito',
		'credential_id'     => '5demo2de4cognito7sandbox1q',
		'credential_secret' => 'sandboxdemodecognitosecret0123456789abcdefghijklmnop',
		'partner_tag'       => 'demo-de-21',
		'enabled'           => '1',
		'default'           => '1',
	);

	/** United Kingdom, an LWA (v3) credential - entered as Cognito it gets invalid_client. */
	public const UK_LWA = array(
		'marketplace'       => 'UK',
		'kind'              => 'lwa',
		'credential_id'     => 'amzn1.application-oa2-client.0demo0uk0lwa0sandbox00000000002',
		'credential_secret' => 'amzn1.oa2-cs.v1.0demo0uk0lwa0sandbox0secret000000000000000000000002',
		'partner_tag'       => 'demo-uk-21',
		'enabled'           => '1',
	);

	/** United States, LWA (v3). */
	public const US_LWA = array(
		'marketplace'       => 'US',
		'kind'              => 'lwa',
		'credential_id'     => 'amzn1.application-oa2-client.0demo0us0lwa0sandbox00000000001',
		'credential_secret' => 'amzn1.oa2-cs.v1.0demo0us0lwa0sandbox0secret000000000000000000000001',
		'partner_tag'       => 'demo-us-20',
		'enabled'           => '1',
	);

	/** PA-API 5.0 key of the sandbox (FR, IT, ES). */
	public const PAAPI = array(
		'access_key'  => 'AKIASANDBOXDEMO00001',
		'secret_key'  => 'sandboxDemoSecretKey0000000000000000FRITES',
		'partner_tag' => 'demo-fr-21',
		'marketplace' => 'FR',
	);

	protected function setUp(): void {
		parent::setUp();
		$this->assertTrue( extension_loaded( 'asa2' ), 'these tests need the asa2 extension in the test stack' );
		$this->assertTrue( class_exists( Plugin::class ), 'the plugin is not loaded in the test stack' );
		// Fresh rate-limit buckets and tokens: each test starts as if Amazon had never been called.
		$this->sandbox_post( '/__sandbox/reset?tokens=1', array() );
	}

	/**
	 * A POST with a JSON body to the test stack's sandbox, decoded from JSON.
	 *
	 * @param string $path Path such as "/__sandbox/config".
	 * @param array  $body Body, sent as JSON.
	 * @return array<mixed>
	 */
	protected function sandbox_post( string $path, array $body ): array {
		$url     = rtrim( self::$stack['sandbox_url'], '/' ) . '/' . ltrim( $path, '/' );
		$context = stream_context_create(
			array(
				'http' => array(
					'method'        => 'POST',
					'header'        => "Content-Type: application/json\r\n",
					'content'       => (string) wp_json_encode( (object) $body ),
					'timeout'       => 10,
					'ignore_errors' => true,
				),
			)
		);
		$answer = @file_get_contents( $url, false, $context ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- checked below.
		$this->assertNotFalse( $answer, "the sandbox does not answer at {$url}" );
		$data = json_decode( (string) $answer, true );
		$this->assertIsArray( $data, "the sandbox answered {$url} with something other than JSON" );
		return $data;
	}

	/** The running plugin. */
	protected function plugin(): Plugin {
		return Plugin::instance();
	}

	/**
	 * Runs an admin-post handler in this process as $role with a valid nonce (unless $nonce is
	 * given) and returns the redirect URL.
	 *
	 * @param string               $action admin-post action.
	 * @param array<string, mixed> $fields POST fields (without action and nonce).
	 * @param string               $role   Role of the user.
	 * @param string|null          $nonce  Nonce to send; null makes a valid one.
	 */
	protected function submit( string $action, array $fields, string $role = 'administrator', ?string $nonce = null ): string {
		$this->act_as( $role );
		$request = $fields + array(
			'action'      => $action,
			'_asa2_nonce' => $nonce ?? wp_create_nonce( $action ),
		);
		$handlers = ( new Hooks( $this->plugin() ) )->admin_post_actions();
		$this->assertArrayHasKey( $action, $handlers );
		return $handlers[ $action ]( $request );
	}

	/**
	 * Posts a form to admin-post.php over HTTP as $role (nonce made for that role's session).
	 *
	 * @param string               $action admin-post action.
	 * @param array<string, mixed> $fields POST fields.
	 * @param string               $role   Role.
	 * @param string|null          $nonce  Nonce; null makes a valid one.
	 * @return array{status: int, headers: array<string, string>, body: string, url: string}
	 */
	protected function post_over_http( string $action, array $fields, string $role = 'administrator', ?string $nonce = null ): array {
		$body = $fields + array(
			'action'      => $action,
			'_asa2_nonce' => $nonce ?? $this->nonce( $action, $role ),
		);
		return $this->http( 'POST', '/wp-admin/admin-post.php', array( 'as' => $role, 'body' => $body ) );
	}

	/**
	 * Adds a marketplace through the Add Marketplace handler.
	 *
	 * @param array<string, string> $fields Form fields (asa2[...]).
	 * @param string                $original Code when editing.
	 */
	protected function save_marketplace( array $fields, string $original = '' ): string {
		return $this->submit( 'asa2_save_marketplace', array( 'asa2' => $fields, 'original' => $original ) );
	}

	/** The stored record of a marketplace. */
	protected function record( string $code ): ?array {
		self::forget_cached();
		return $this->plugin()->marketplaces()->get( $code );
	}

	/** The raw option value as the database holds it. */
	protected function raw_option( string $name ): string {
		global $wpdb;
		return (string) $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $name ) );
	}

	/** The notices queued for the current user (taken). */
	protected function notices(): array {
		return $this->plugin()->notices()->take();
	}

	/** Notice messages of a type, each with its details. */
	protected function notice_text( array $notices, ?string $type = null ): string {
		$text = '';
		foreach ( $notices as $notice ) {
			if ( null === $type || $notice['type'] === $type ) {
				$text .= $notice['message'] . ' ' . implode( ' ', $notice['details'] ) . "\n";
			}
		}
		return $text;
	}

	/** The marketplace stored configuration's sealed secret opened again. */
	protected function open_secret( string $code ): string {
		$record = $this->record( $code );
		return $this->plugin()->secrets()->open( $record['credential_secret'], $code, MarketplaceRepository::SECRET_FIELD );
	}
}
