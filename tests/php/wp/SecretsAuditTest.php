<?php
/**
 * A whole demo session over real HTTP requests - Creators API marketplaces (Cognito and LWA,
 * one entered with the wrong type), PA API keys, connection tests, products added, refreshed and
 * searched, logging on, every ASA2 screen and the log viewer opened - and then a search for every
 * secret in everything the site keeps or shows: each row of each database table, the log table,
 * the HTML of every page, the PHP debug logs and the web server log. Sealed values are fine;
 * plaintext credential secrets, the PA API secret key, access tokens and (where the screens mask
 * them) full partner tags are not.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Storage\MarketplaceRepository;

require_once __DIR__ . '/PluginTestCase.php';
require_once __DIR__ . '/support/RobustnessHelpers.php';

/**
 * Where secrets must never appear.
 */
final class SecretsAuditTest extends PluginTestCase {

	use RobustnessHelpers;

	/** UK LWA credentials entered as Cognito (Amazon answers invalid_client). */
	private const UK_AS_COGNITO = array( 'kind' => 'cognito' ) + self::UK_LWA;

	public function test_no_secret_or_token_appears_anywhere_after_a_demo_session(): void {
		$this->sandbox_configure( array( 'rps' => 0 ) );
		$pages = array();

		// Options -> Logging first, so every call of the session is logged (debug level: everything).
		$this->post_ok( 'asa2_save_logging', array( 'asa2' => array( 'enabled' => '1', 'level' => 'debug', 'retention_days' => '30' ) ), $pages );

		// Setup: two good marketplaces, one with LWA credentials entered as Cognito, the PA API keys.
		foreach ( array( self::DE_COGNITO, self::US_LWA, self::UK_AS_COGNITO ) as $input ) {
			$this->post_ok( 'asa2_save_marketplace', array( 'asa2' => $input, 'original' => '' ), $pages );
			$this->assertNotNull( $this->record( $input['marketplace'] ), "{$input['marketplace']} was saved: " . end( $pages ) );
		}
		$this->post_ok( 'asa2_save_paapi', array( 'asa2' => self::PAAPI ), $pages );
		$this->post_ok( 'asa2_save_id_set', array( 'asa2' => array( 'name' => 'Spring', 'tags' => array( 'DE' => 'spring-de-21', 'US' => 'spring-us-20' ) ), 'original' => '' ), $pages );

		// Connection tests, the wrong credential type included.
		foreach ( array( 'DE', 'US', 'UK' ) as $code ) {
			$this->post_ok( 'asa2_test_marketplace', array( 'marketplace' => $code ), $pages );
		}
		$this->assertTrue( $this->record( 'DE' )['last_test']['ok'], wp_json_encode( $this->record( 'DE' )['last_test'] ) );
		$this->assertTrue( $this->record( 'US' )['last_test']['ok'], wp_json_encode( $this->record( 'US' )['last_test'] ) );
		$this->assertSame( 'invalid_client', $this->record( 'UK' )['last_test']['error_code'] );

		// Products: by ASIN, by URL, through PA-API (FR), one in the misconfigured UK; then refresh all.
		$this->post_ok( 'asa2_add_product', array( 'asa2' => array( 'input' => 'B0AUDIT001', 'marketplace' => 'DE' ) ), $pages );
		$this->post_ok( 'asa2_add_product', array( 'asa2' => array( 'input' => 'https://www.amazon.com/dp/B0AUDIT002' ) ), $pages );
		$this->post_ok( 'asa2_add_product', array( 'asa2' => array( 'input' => 'B0AUDIT003', 'marketplace' => 'FR' ) ), $pages );
		$this->post_ok( 'asa2_add_product', array( 'asa2' => array( 'input' => 'B0AUDIT004', 'marketplace' => 'UK' ) ), $pages );
		$ids = array_map( static fn( array $row ): string => (string) $row['id'], $this->plugin()->products()->page( 50, 1 ) );
		$this->assertCount( 4, $ids );
		$refresh = $this->post_products_table( array( 'action' => 'refresh', 'product' => $ids ) );
		$this->assertSame( 302, $refresh['status'] );
		$pages['bulk refresh'] = $this->http( 'GET', $refresh['headers']['location'], array( 'as' => 'administrator' ) )['body'];

		// Every ASA2 screen, the edit forms, the product pages, a search, the log viewer, Site Health.
		$urls = array(
			'setup creators'   => '/wp-admin/admin.php?page=asa2-setup&tab=creators',
			'add marketplace'  => '/wp-admin/admin.php?page=asa2-setup&tab=creators&view=add',
			'setup pa api'     => '/wp-admin/admin.php?page=asa2-setup&tab=paapi',
			'setup id sets'    => '/wp-admin/admin.php?page=asa2-setup&tab=id-sets',
			'edit id set'      => '/wp-admin/admin.php?page=asa2-setup&tab=id-sets&view=edit&set=spring',
			'options logging'  => '/wp-admin/admin.php?page=asa2-options&tab=logging',
			'options products' => '/wp-admin/admin.php?page=asa2-options&tab=products',
			'options templates' => '/wp-admin/admin.php?page=asa2-options&tab=templates',
			'products'         => '/wp-admin/admin.php?page=asa2-products',
			'search'           => '/wp-admin/admin.php?page=asa2-products&keywords=coffee&search_marketplace=DE',
			'search pa api'    => '/wp-admin/admin.php?page=asa2-products&keywords=coffee&search_marketplace=FR',
			'site health'      => '/wp-admin/site-health.php',
			'site health info' => '/wp-admin/site-health.php?tab=debug',
			'dashboard'        => '/wp-admin/index.php',
		);
		foreach ( array( 'DE', 'US', 'UK' ) as $code ) {
			$urls[ "edit {$code}" ] = '/wp-admin/admin.php?page=asa2-setup&tab=creators&view=edit&marketplace=' . $code;
		}
		foreach ( $ids as $id ) {
			$urls[ "product {$id}" ] = '/wp-admin/admin.php?page=asa2-products&view=product&id=' . $id;
		}
		foreach ( $urls as $name => $url ) {
			$page = $this->http( 'GET', $url, array( 'as' => 'administrator' ) );
			$this->assertSame( 200, $page['status'], "{$name}: {$url}" );
			$pages[ $name ] = $page['body'];
		}
		$this->assertStringContainsString( 'GetItems', $pages['options logging'], 'the log viewer lists the calls' );

		// The session's plaintext secrets, the access tokens Amazon issued among them.
		$secrets = array(
			'DE credential secret' => self::DE_COGNITO['credential_secret'],
			'US credential secret' => self::US_LWA['credential_secret'],
			'UK credential secret' => self::UK_LWA['credential_secret'],
			'PA API secret key'    => self::PAAPI['secret_key'],
		);
		foreach ( array( 'DE', 'US' ) as $code ) {
			$secrets[ "{$code} access token" ] = $this->cached_token( $code );
		}
		$tokens_issued = array_sum( $this->sandbox_stats()['tokens_issued'] ?? array() );
		$this->assertGreaterThanOrEqual( 2, $tokens_issued );

		// Partner tags: the marketplaces and ID sets tables and the log show them masked.
		$tags = array( self::DE_COGNITO['partner_tag'], self::US_LWA['partner_tag'], self::UK_LWA['partner_tag'], self::PAAPI['partner_tag'], 'spring-de-21', 'spring-us-20' );

		$places = array(
			'database' => $this->database_dump(),
		);
		foreach ( $pages as $name => $html ) {
			$places[ "page: {$name}" ] = $html;
		}
		foreach ( $this->log_files() as $name => $path ) {
			$places[ "log: {$name}" ] = (string) file_get_contents( $path );
		}

		// The places searched hold what the session stored and did (the search can find things).
		$this->assertStringContainsString( self::US_LWA['credential_id'], $places['database'], 'the dump holds the marketplaces' );
		$this->assertStringContainsString( 'B0AUDIT003', $places['database'], 'the dump holds the products' );
		$this->assertStringContainsString( '/wp-admin/admin-post.php', $places['log: web server'], 'the web server log holds the session\'s requests' );

		$leaks = array();
		foreach ( $places as $place => $text ) {
			foreach ( $secrets as $name => $secret ) {
				foreach ( self::forms_of( $secret ) as $form ) {
					if ( str_contains( $text, $form ) ) {
						$leaks[] = "{$name} in {$place}: " . self::context_of( $text, $form );
					}
				}
			}
		}
		$log = wp_json_encode( $this->log_rows_after( 0 ) );
		$this->assertGreaterThan( 10, count( $this->log_rows_after( 0 ) ), 'the session was logged' );
		foreach ( $tags as $tag ) {
			if ( str_contains( (string) $log, $tag ) ) {
				$leaks[] = "partner tag {$tag} unmasked in the log table: " . self::context_of( (string) $log, $tag );
			}
			foreach ( array( 'setup creators', 'setup id sets', 'options logging' ) as $page ) {
				if ( str_contains( $pages[ $page ], $tag ) ) {
					$leaks[] = "partner tag {$tag} unmasked on {$page}: " . self::context_of( $pages[ $page ], $tag );
				}
			}
		}
		$this->assertSame( array(), $leaks, "secrets found:\n" . implode( "\n", $leaks ) );
	}

	/**
	 * Posts a form over HTTP; it must redirect to a screen, whose HTML is kept for the audit.
	 *
	 * @param string $action Action.
	 * @param array  $fields Fields.
	 * @param array  $pages  Pages seen (name => HTML).
	 */
	private function post_ok( string $action, array $fields, array &$pages ): void {
		$response = $this->post_over_http( $action, $fields );
		$this->assertSame( 302, $response['status'], "{$action}: " . substr( strip_tags( $response['body'] ), 0, 300 ) );
		$pages[ "{$action} #" . count( $pages ) . ' (post)' ] = $response['body'];
		$page = $this->http( 'GET', $response['headers']['location'], array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$pages[ "{$action} #" . count( $pages ) ] = $page['body'];
	}

	/**
	 * The access token cached for a marketplace, opened (the same one the site sends to Amazon).
	 *
	 * @param string $code Marketplace code.
	 */
	private function cached_token( string $code ): string {
		$record                      = $this->record( $code );
		$config                      = MarketplaceRepository::config_of( $record );
		$config['credential_secret'] = $this->open_secret( $code );
		$before                      = $this->sandbox_stats()['token_requests'][ $config['credential_id'] ] ?? 0;
		$token                       = $this->plugin()->tokens()->token( $config );
		$after                       = $this->sandbox_stats()['token_requests'][ $config['credential_id'] ] ?? 0;
		$this->assertSame( $before, $after, "{$code}: the token came from the site's cache" );
		$this->assertGreaterThan( 16, strlen( $token ) );
		return $token;
	}

	/**
	 * The stack's PHP debug logs and web server log.
	 *
	 * @return array<string, string> name => path
	 */
	private function log_files(): array {
		$files = array(
			'debug log'     => (string) self::$stack['debug_log'],
			'cli debug log' => (string) ( self::$stack['debug_log_cli'] ?? '' ),
			'web server'    => str_replace( '-wp-debug.log', '-wordpress.log', (string) self::$stack['debug_log'] ),
		);
		$ini = (string) ini_get( 'error_log' );
		if ( '' !== $ini ) {
			$files['php error_log'] = $ini;
		}
		$found = array();
		foreach ( $files as $name => $path ) {
			if ( '' !== $path && is_file( $path ) ) {
				$found[ $name ] = $path;
			}
		}
		$this->assertArrayHasKey( 'web server', $found, 'the web server log exists: ' . $files['web server'] );
		return $found;
	}

	/**
	 * A secret as it could be written: as is, URL-encoded, JSON-escaped, HTML-escaped.
	 *
	 * @param string $secret Secret.
	 * @return list<string>
	 */
	private static function forms_of( string $secret ): array {
		return array_values( array_unique( array( $secret, rawurlencode( $secret ), urlencode( $secret ), trim( (string) wp_json_encode( $secret ), '"' ), esc_html( $secret ), base64_encode( $secret ) ) ) );
	}
}
