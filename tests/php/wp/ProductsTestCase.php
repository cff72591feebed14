<?php
/**
 * Shared helpers of the product tests: the sandbox's demo credentials stored the way the Setup
 * screens store them, sandbox faults and counters, and the running plugin.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Hooks;
use Asa2\Creators\Plugin;
use Asa2\Creators\Storage\MarketplaceRepository;
use Asa2\Creators\Storage\PaApiRepository;
use Asa2\MarketplaceConfig;

/**
 * Base class of the Products*Test classes.
 */
abstract class ProductsTestCase extends TestCase {

	/** crates/sandbox/demo.json: Germany, Cognito (v2.2). */
	public const DE = array(
		'marketplace'       => 'DE',
		'kind'              => 'cognito',
		'credential_id'     => '5demo2de4cognito7sandbox1q',
		'credential_secret' => 'sandboxdemodecognitosecret0123456789abcdefghijklmnop',
		'partner_tag'       => 'demo-de-21',
		'enabled'           => true,
		'default'           => true,
	);

	/** United States, LWA (v3.1). */
	public const US = array(
		'marketplace'       => 'US',
		'kind'              => 'lwa',
		'credential_id'     => 'amzn1.application-oa2-client.0demo0us0lwa0sandbox00000000001',
		'credential_secret' => 'amzn1.oa2-cs.v1.0demo0us0lwa0sandbox0secret000000000000000000000001',
		'partner_tag'       => 'demo-us-20',
		'enabled'           => true,
		'default'           => false,
	);

	/** United Kingdom with its LWA credentials, entered as LWA (crates/sandbox/demo.json). */
	public const UK = array(
		'marketplace'       => 'UK',
		'kind'              => 'lwa',
		'credential_id'     => 'amzn1.application-oa2-client.0demo0uk0lwa0sandbox00000000002',
		'credential_secret' => 'amzn1.oa2-cs.v1.0demo0uk0lwa0sandbox0secret000000000000000000000002',
		'partner_tag'       => 'demo-uk-21',
		'enabled'           => true,
		'default'           => false,
	);

	/** United Kingdom: LWA credentials entered as Cognito (Amazon answers invalid_client). */
	public const UK_AS_COGNITO = array(
		'marketplace'       => 'UK',
		'kind'              => 'cognito',
		'credential_id'     => 'amzn1.application-oa2-client.0demo0uk0lwa0sandbox00000000002',
		'credential_secret' => 'amzn1.oa2-cs.v1.0demo0uk0lwa0sandbox0secret000000000000000000000002',
		'partner_tag'       => 'demo-uk-21',
		'enabled'           => true,
		'default'           => false,
	);

	/** PA-API 5.0 key for FR, IT and ES. */
	public const PAAPI = array(
		'access_key'  => 'AKIASANDBOXDEMO00001',
		'secret_key'  => 'sandboxDemoSecretKey0000000000000000FRITES',
		'partner_tag' => 'demo-fr-21',
		'marketplace' => 'FR',
	);

	protected function setUp(): void {
		parent::setUp();
		$this->assertTrue( extension_loaded( 'asa2' ), 'these tests need the asa2 extension' );
		$this->assertTrue( class_exists( Plugin::class ), 'the plugin is not loaded in the test stack' );
		( new Hooks( Plugin::instance() ) )->activate();
	}

	protected function tearDown(): void {
		remove_all_filters( 'asa2/now' );
		// Boxes rendered by the test are kept as at the end of its request, not in the next test.
		Plugin::instance()->renderer()->keep_boxes();
		parent::tearDown();
	}

	/** The running plugin. */
	protected function plugin(): Plugin {
		return Plugin::instance();
	}

	/**
	 * Stores Creators API marketplaces as ASA2 -> Setup does (validated, secret sealed).
	 *
	 * @param array ...$inputs Marketplace inputs (self::DE, ...).
	 */
	protected function configure_creators( array ...$inputs ): void {
		$records = array();
		foreach ( $inputs as $input ) {
			$config                      = MarketplaceConfig::validate( $input )['config'];
			$code                        = $config['marketplace'];
			$config['credential_secret'] = $this->plugin()->secrets()->seal( $config['credential_secret'], $code, MarketplaceRepository::SECRET_FIELD );
			$records[ $code ]            = $config + array( 'updated_at' => time() );
		}
		$this->plugin()->marketplaces()->replace_all( $records );
	}

	/** Stores the PA API tab's credentials. */
	protected function configure_paapi(): void {
		$settings               = self::PAAPI;
		$settings['secret_key'] = $this->plugin()->secrets()->seal( $settings['secret_key'], PaApiRepository::SECRET_SCOPE, PaApiRepository::SECRET_FIELD );
		$this->plugin()->paapi()->save( $settings + array( 'updated_at' => time() ) );
	}

	/** The sandbox's counters. */
	protected function stats(): array {
		return $this->sandbox_stats();
	}

	/** Number of API calls of an operation the sandbox answered so far. */
	protected function api_calls( string $operation ): int {
		return (int) ( $this->stats()['api_calls_by_operation'][ $operation ] ?? 0 );
	}

	/** The stored row of a product, read fresh. */
	protected function row( string $asin, string $marketplace ): ?array {
		self::forget_cached();
		return $this->plugin()->products()->find( $asin, $marketplace );
	}

	/**
	 * Runs an admin-post handler in this process as $role with a valid nonce.
	 *
	 * @param string $action Action.
	 * @param array  $fields Fields.
	 * @param string $role   Role.
	 * @return string Redirect URL.
	 */
	protected function submit( string $action, array $fields, string $role = 'administrator' ): string {
		$this->act_as( $role );
		$handlers = ( new Hooks( $this->plugin() ) )->admin_post_actions();
		$this->assertArrayHasKey( $action, $handlers );
		return $handlers[ $action ]( $fields + array( 'action' => $action, '_asa2_nonce' => wp_create_nonce( $action ) ) );
	}

	/** Notice texts queued for the current user (taken). */
	protected function notice_text(): string {
		$text = '';
		foreach ( $this->plugin()->notices()->take() as $notice ) {
			$text .= $notice['type'] . ': ' . $notice['message'] . ' ' . implode( ' ', $notice['details'] ) . "\n";
		}
		return $text;
	}

	/**
	 * Stores an Associate ID Set as ASA2 -> Setup does.
	 *
	 * @param string                $id   Set id.
	 * @param string                $name Set name.
	 * @param array<string, string> $tags Tracking ID per marketplace code.
	 */
	protected function store_id_set( string $id, string $name, array $tags ): void {
		$this->plugin()->id_sets()->put(
			array(
				'id'         => $id,
				'name'       => $name,
				'tags'       => $tags,
				'updated_at' => time(),
			)
		);
	}

	/**
	 * A product row stored directly (no Amazon call), for rendering tests.
	 *
	 * @param array $override Product model fields to change.
	 * @return array The item.
	 */
	protected function store_item( array $override = array() ): array {
		$item = array_replace(
			array(
				'asin'            => 'B0RENDER01',
				'marketplace'     => 'DE',
				'source'          => array( 'api' => 'creators', 'version' => '2.2' ),
				'title'           => 'Espresso Grinder',
				'detail_page_url' => 'https://www.amazon.de/dp/B0RENDER01?tag=demo-de-21&linkCode=ogi',
				'brand'           => 'Acme',
				'features'        => array( 'Conical burrs', '40 grind settings' ),
				'price'           => array( 'amount' => '129.99', 'currency' => 'EUR', 'display' => '129,99 €' ),
				'availability'    => array( 'type' => 'IN_STOCK', 'message' => 'Auf Lager' ),
				'fetched_at'      => time(),
			),
			$override
		);
		$this->plugin()->products()->store( $item, time() );
		return $item;
	}

	/**
	 * Rows never fetched, as pages and the Add form leave them, in one query.
	 *
	 * @param string $marketplace Marketplace.
	 * @param int    $count       How many.
	 * @param string $prefix      First 6 characters of the ASINs.
	 */
	protected function seed( string $marketplace, int $count, string $prefix ): void {
		global $wpdb;
		$values = array();
		for ( $i = 0; $i < $count; $i++ ) {
			$values[] = $wpdb->prepare( '(%s, %s, %d)', sprintf( '%s%04d', $prefix, $i ), $marketplace, time() );
		}
		$wpdb->query( "INSERT INTO {$wpdb->prefix}asa2_products (asin, marketplace, created) VALUES " . implode( ',', $values ) );
		$this->assertSame( $count, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->prefix}asa2_products WHERE marketplace = %s", $marketplace ) ) );
	}
}
