<?php
/**
 * Hostile and malformed input in every ASA2 admin form, posted over HTTP as the administrator
 * with a valid nonce, and in [asa2] shortcode attributes viewed by a visitor: empty, oversized
 * (1 MB), right-to-left and other unicode, HTML/script, SQL-ish, and arrays where strings belong.
 * Every submission ends on a rendered screen (a field error or the saved value), never a 500, a
 * PHP notice or an unescaped echo of the input.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

require_once __DIR__ . '/PluginTestCase.php';
require_once __DIR__ . '/support/RobustnessHelpers.php';

/**
 * Bad input through the admin forms and the shortcode.
 */
final class BadInputTest extends PluginTestCase {

	use RobustnessHelpers;

	/** Markup that must never come back unescaped. */
	private const SCRIPT = '<script>alert(1)</script>';
	private const IMG    = '"><img src=x onerror=alert(1)>';

	/** Options holding saved settings (templates hold HTML on purpose and are left out). */
	private const SETTINGS_OPTIONS = array( 'asa2_marketplaces', 'asa2_paapi', 'asa2_id_sets', 'asa2_logging', 'asa2_product_settings' );

	/**
	 * Hostile values, by name.
	 *
	 * @return array<string, mixed>
	 */
	private static function payloads(): array {
		return array(
			'empty'     => '',
			'rtl'       => "\u{202E}lanigiro\u{202C} مرحبا بالعالم עברית",
			'emoji'     => '🛒🔥👩‍👩‍👧‍👦 🇩🇪',
			'combining' => "Z\u{0351}\u{0357}a\u{0300}\u{0301}\u{0302}l\u{0489}g\u{0336}o e\u{0301}",
			'control'   => "tab\there\x00nul\x1Bescape",
			'script'    => self::SCRIPT,
			'img'       => self::IMG,
			'sql'       => "' OR 1=1 --",
			'array'     => array( 'x' ),
			'nested'    => array( 'a' => array( 'b' => array( 'c' => self::SCRIPT ) ) ),
		);
	}

	/**
	 * The admin forms: admin-post action, valid fields, the fields attacked (asa2[...] paths with
	 * dots; a leading "@" names a top-level field).
	 *
	 * @return array<string, array{action: string, fields: array, targets: list<string>}>
	 */
	private function forms(): array {
		$quota_key   = \Asa2\Creators\Storage\QuotaSettings::key( \Asa2\Creators\Products\ApiRouter::creators_credential( self::DE_COGNITO['credential_id'] ) );
		$marketplace = array(
			'marketplace'       => 'UK',
			'kind'              => 'lwa',
			'credential_id'     => self::UK_LWA['credential_id'],
			'credential_secret' => self::UK_LWA['credential_secret'],
			'partner_tag'       => 'demo-uk-21',
			'enabled'           => '1',
		);
		return array(
			'Add Marketplace'          => array(
				'action'  => 'asa2_save_marketplace',
				'fields'  => array( 'asa2' => $marketplace, 'original' => '' ),
				'targets' => array( 'marketplace', 'kind', 'credential_id', 'credential_secret', 'partner_tag', 'enabled', 'default' ),
			),
			'Edit Marketplace'         => array(
				'action'  => 'asa2_save_marketplace',
				'fields'  => array( 'asa2' => array( 'credential_secret' => '' ) + self::DE_COGNITO, 'original' => 'DE' ),
				'targets' => array( 'marketplace', 'kind', 'credential_id', 'credential_secret', 'partner_tag', '@original' ),
			),
			'PA API'                   => array(
				'action'  => 'asa2_save_paapi',
				'fields'  => array( 'asa2' => self::PAAPI ),
				'targets' => array( 'access_key', 'secret_key', 'partner_tag', 'marketplace' ),
			),
			'Associate ID Set'         => array(
				'action'  => 'asa2_save_id_set',
				'fields'  => array( 'asa2' => array( 'name' => 'Spring', 'tags' => array( 'DE' => 'spring-de-21' ) ), 'original' => '' ),
				'targets' => array( 'name', 'tags', 'tags.DE', '@original' ),
			),
			'Options Logging'          => array(
				'action'  => 'asa2_save_logging',
				'fields'  => array( 'asa2' => array( 'enabled' => '1', 'level' => 'info', 'retention_days' => '30' ) ),
				'targets' => array( 'enabled', 'level', 'retention_days' ),
			),
			'Options Products'         => array(
				'action'  => 'asa2_save_product_settings',
				'fields'  => array( 'asa2' => array( 'ttl_hours' => '24', 'quota' => array( $quota_key => array( 'rps' => '1', 'rpd' => '8640' ) ) ) ),
				'targets' => array( 'ttl_hours', "quota.{$quota_key}.rps", "quota.{$quota_key}.rpd", 'quota' ),
			),
			'Options Templates'        => array(
				'action'  => 'asa2_save_template',
				'fields'  => array( 'asa2' => array( 'name' => 'Hostile', 'source' => '<div>{{title}}</div>' ), 'original' => '' ),
				'targets' => array( 'name', 'source', 'default', '@original' ),
			),
			'Products add by ASIN/URL' => array(
				'action'  => 'asa2_add_product',
				'fields'  => array( 'asa2' => array( 'input' => 'B0BADINPUT', 'marketplace' => 'DE' ) ),
				'targets' => array( 'input', 'marketplace' ),
			),
			'Marketplace row actions'  => array(
				'action'  => 'asa2_test_marketplace',
				'fields'  => array( 'marketplace' => 'DE' ),
				'targets' => array( '@marketplace' ),
			),
		);
	}

	protected function setUp(): void {
		parent::setUp();
		$this->sandbox_configure( array( 'rps' => 0 ) );
		$this->assertStringContainsString( 'page=asa2-setup', $this->save_marketplace( self::DE_COGNITO ) );
		$this->assertNotNull( $this->record( 'DE' ) );
		$this->notices();
	}

	public function test_hostile_values_in_every_admin_form(): void {
		foreach ( $this->forms() as $form => $spec ) {
			foreach ( self::payloads() as $name => $payload ) {
				$fields = $spec['fields'];
				foreach ( $spec['targets'] as $target ) {
					$fields = self::with( $fields, $target, $payload );
				}
				$this->check_submission( "{$form} / {$name}", $spec['action'], $fields, is_string( $payload ) ? $payload : self::SCRIPT );
			}
			// The whole asa2[] group as a string, and as a list.
			$this->check_submission( "{$form} / asa2 as a string", $spec['action'], array( 'asa2' => self::IMG ) + $spec['fields'], self::IMG );
			$this->check_submission( "{$form} / asa2 as a list", $spec['action'], array( 'asa2' => array( self::SCRIPT, array( self::IMG ) ) ) + $spec['fields'], self::IMG );
			$this->assert_settings_hold_no_markup( $form );
		}
		// The marketplace DE survived every attack on the edit form and the row actions.
		$this->assertSame( self::DE_COGNITO['credential_secret'], $this->open_secret( 'DE' ) );
	}

	public function test_oversized_values(): void {
		$big = str_repeat( 'A', 1024 * 1024 );
		foreach ( $this->forms() as $form => $spec ) {
			// 1 MB in up to three fields per request (PHP's post_max_size is 8 MB).
			foreach ( array_chunk( $spec['targets'], 3 ) as $targets ) {
				$fields = $spec['fields'];
				foreach ( $targets as $target ) {
					$fields = self::with( $fields, $target, $big );
				}
				$this->check_submission( "{$form} / 1 MB in " . implode( ', ', $targets ), $spec['action'], $fields, '' );
			}
		}
		global $wpdb;
		$this->assertSame( 0, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name IN ('asa2_marketplaces','asa2_paapi','asa2_id_sets') AND LENGTH(option_value) > %d", 512 * 1024 ) ), 'no megabyte setting was stored' );
	}

	public function test_hostile_product_searches(): void {
		foreach ( self::payloads() as $name => $payload ) {
			$query = http_build_query(
				array(
					'page'               => 'asa2-products',
					'keywords'           => $payload,
					'search_marketplace' => is_string( $payload ) ? $payload : array( 'DE' ),
				)
			);
			$page = $this->http( 'GET', '/wp-admin/admin.php?' . $query, array( 'as' => 'administrator' ) );
			$this->check_page( "search / {$name}", $page, is_string( $payload ) ? $payload : self::SCRIPT );
		}
		// As long a search as a URL can carry.
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-products&search_marketplace=DE&keywords=' . rawurlencode( str_repeat( 'kaffee ', 1000 ) ), array( 'as' => 'administrator' ) );
		$this->check_page( 'search / 7 KB', $page, '' );
	}

	public function test_hostile_shortcode_attributes_render_safely_for_visitors(): void {
		$this->submit( 'asa2_add_product', array( 'asa2' => array( 'input' => 'B0SHORTC01', 'marketplace' => 'DE' ) ) );
		$this->notices();
		$codes = array(
			'[asa2 asin="' . self::IMG . '"]',
			'[asa2 asin=\'' . self::SCRIPT . '\' marketplace="DE"]',
			'[asa2 asin="B0SHORTC01" marketplace="' . self::IMG . '"]',
			'[asa2 asin="B0SHORTC01" marketplace="DE" template="' . self::IMG . '"]',
			'[asa2 asin="B0SHORTC01" marketplace="DE" idset="\' OR 1=1 --"]',
			'[asa2 asin="B0SHORTC01" marketplace="DE" template="../../../../etc/passwd"]',
			'[asa2 asin="' . "\u{202E}B0SHORTC01" . '" marketplace="🛒"]',
			'[asa2 asin="B0SHORTC01" marketplace="de" template="' . str_repeat( 'x', 70000 ) . '"]',
			'[asa2 asin="B0SHORTC01" marketplace="DE" unknown="' . self::SCRIPT . '"]',
			'[asa2 B0SHORTC01 DE]',
			'[asa2]',
			'[asa2 asin=""]',
			'[asa2 asin="B0SHORTC01" marketplace="DE"][/asa2]',
			'[asa2 asin="B0SHORTC01" marketplace="DE" ' . str_repeat( 'a="b" ', 500 ) . ']',
		);
		$post_id = wp_insert_post(
			array(
				'post_title'   => 'Hostile shortcodes',
				'post_status'  => 'publish',
				'post_type'    => 'post',
				'post_content' => implode( "\n\n", $codes ),
			)
		);
		$this->assertIsInt( $post_id );
		try {
			$page = $this->http( 'GET', get_permalink( $post_id ), array( 'follow' => true ) );
			$this->check_page( 'shortcodes', $page, self::SCRIPT, false );
			$this->assertStringNotContainsString( '<img src=x', $page['body'] );
			$this->assertStringNotContainsString( 'root:x:0', $page['body'] );
			// The valid product still renders among the hostile ones.
			$this->assertGreaterThan( 0, substr_count( $page['body'], 'B0SHORTC01' ) );
		} finally {
			wp_delete_post( $post_id, true );
		}
	}

	// ---------------------------------------------------------------------------------------

	/**
	 * Posts one form and checks the redirect and the screen it leads to.
	 *
	 * @param string $label   What is sent (for messages).
	 * @param string $action  admin-post action.
	 * @param array  $fields  Fields.
	 * @param string $payload Text that must not come back unescaped ('' = none).
	 */
	private function check_submission( string $label, string $action, array $fields, string $payload ): void {
		$response = $this->post_over_http( $action, $fields );
		$this->assertSame( 302, $response['status'], "{$label}: redirected back to a screen, not " . $response['status'] . ': ' . substr( strip_tags( $response['body'] ), 0, 300 ) );
		$location = (string) ( $response['headers']['location'] ?? '' );
		$this->assertStringStartsWith( admin_url(), $location, "{$label}: back to an admin screen" );
		$page = $this->http( 'GET', $location, array( 'as' => 'administrator' ) );
		$this->check_page( $label, $page, $payload );
	}

	/**
	 * A rendered screen: 200, the plugin's screen, no PHP error, the payload only escaped.
	 *
	 * @param string $label   Label.
	 * @param array  $page    Response.
	 * @param string $payload Text that must not appear raw.
	 * @param bool   $admin   Whether it is an ASA2 admin screen.
	 */
	private function check_page( string $label, array $page, string $payload, bool $admin = true ): void {
		$this->assertSame( 200, $page['status'], "{$label}: the screen renders" );
		$body = $page['body'];
		if ( $admin ) {
			$this->assertStringContainsString( 'asa2-wrap', $body, "{$label}: the ASA2 screen" );
			$this->assertStringContainsString( '</html>', $body, "{$label}: the page is complete" );
		}
		foreach ( array( 'Fatal error', 'critical error', 'Warning: ', 'Notice: ', 'Deprecated: ' ) as $broken ) {
			$this->assertStringNotContainsString( $broken, $body, "{$label}: " . self::context_of( $body, $broken ) );
		}
		foreach ( array( self::SCRIPT, '<img src=x', '<script>alert' ) as $raw ) {
			$this->assertStringNotContainsString( $raw, $body, "{$label}: unescaped " . self::context_of( $body, $raw ) );
		}
		if ( '' !== $payload && preg_match( '/[<>"]/', $payload ) ) {
			$this->assertStringNotContainsString( $payload, $body, "{$label}: the input is echoed unescaped: " . self::context_of( $body, $payload ) );
		}
	}

	/**
	 * The saved settings hold no markup from the attacks.
	 *
	 * @param string $form Form just attacked.
	 */
	private function assert_settings_hold_no_markup( string $form ): void {
		foreach ( self::SETTINGS_OPTIONS as $option ) {
			$raw = $this->raw_option( $option );
			foreach ( array( '<script', '<img', 'onerror=' ) as $markup ) {
				$this->assertStringNotContainsString( $markup, $raw, "{$form}: option {$option} stored markup" );
			}
		}
	}

	/**
	 * Fields with one value replaced: "name" or "tags.DE" under asa2[], "@original" at the top.
	 *
	 * @param array  $fields Fields.
	 * @param string $target Path.
	 * @param mixed  $value  Value.
	 * @return array
	 */
	private static function with( array $fields, string $target, $value ): array {
		if ( str_starts_with( $target, '@' ) ) {
			$fields[ substr( $target, 1 ) ] = $value;
			return $fields;
		}
		$path = explode( '.', $target );
		$node = &$fields['asa2'];
		foreach ( $path as $key ) {
			if ( ! is_array( $node ) ) {
				$node = array();
			}
			$node = &$node[ $key ];
		}
		$node = $value;
		unset( $node );
		return $fields;
	}
}
