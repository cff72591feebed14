<?php
/**
 * Site Health tests of the plugin.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Health;

use Asa2\Creators\Admin\PaApiMove;
use Asa2\Creators\CoreMessages;
use Asa2\Creators\Admin\SetupScreen;
use Asa2\Creators\Clock;
use Asa2\Creators\Products\ApiRouter;
use Asa2\Creators\Products\PaApiRetirement;
use Asa2\Creators\Storage\KeyMaterial;
use Asa2\Creators\Storage\MarketplaceRepository;
use Asa2\Creators\Storage\PaApiRepository;
use Asa2\Creators\Storage\SecretStore;
use Asa2\Version;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Tools -> Site Health: extension, encryption key, stored secrets, Creators API setup.
 */
final class SiteHealth {

	/** @var KeyMaterial */
	private KeyMaterial $key_material;

	/** @var MarketplaceRepository */
	private MarketplaceRepository $marketplaces;

	/** @var PaApiRepository */
	private PaApiRepository $paapi;

	/** @var SecretStore */
	private SecretStore $secrets;

	/** @var PaApiMove */
	private PaApiMove $move;

	/**
	 * @param KeyMaterial           $key_material Where the encryption key comes from.
	 * @param MarketplaceRepository $marketplaces Marketplace records.
	 * @param PaApiRepository       $paapi        PA API settings.
	 * @param SecretStore           $secrets      Opens and seals the secrets.
	 * @param PaApiMove             $move         The marketplaces still on PA-API 5.0.
	 */
	public function __construct( KeyMaterial $key_material, MarketplaceRepository $marketplaces, PaApiRepository $paapi, SecretStore $secrets, PaApiMove $move ) {
		$this->key_material = $key_material;
		$this->marketplaces = $marketplaces;
		$this->paapi        = $paapi;
		$this->secrets      = $secrets;
		$this->move         = $move;
	}

	/**
	 * Adds the tests.
	 *
	 * @param array $tests Tests by type.
	 * @return array
	 */
	public function register( array $tests ): array {
		$tests['direct']['asa2_extension']    = array(
			'label' => __( 'ASA2 extension', 'asa2-creators' ),
			'test'  => array( $this, 'test_extension' ),
		);
		$tests['direct']['asa2_secret_key']   = array(
			'label' => __( 'ASA2 encryption key', 'asa2-creators' ),
			'test'  => array( $this, 'test_secret_key' ),
		);
		$tests['direct']['asa2_secrets']      = array(
			'label' => __( 'ASA2 stored secrets', 'asa2-creators' ),
			'test'  => array( $this, 'test_secrets' ),
		);
		$tests['direct']['asa2_marketplaces'] = array(
			'label' => __( 'ASA2 Creators API marketplaces', 'asa2-creators' ),
			'test'  => array( $this, 'test_marketplaces' ),
		);
		$tests['direct']['asa2_paapi_retired'] = array(
			'label' => __( 'ASA2 marketplaces on PA-API 5.0', 'asa2-creators' ),
			'test'  => array( $this, 'test_paapi_retired' ),
		);
		return $tests;
	}

	/**
	 * The extension is loaded (it is, or this class would not run) and its version.
	 *
	 * @return array
	 */
	public function test_extension(): array {
		return $this->result(
			'asa2_extension',
			'good',
			sprintf(
				/* translators: 1: extension version, 2: core version */
				__( 'The asa2 PHP extension %1$s (core %2$s) is loaded', 'asa2-creators' ),
				Version::extension(),
				Version::core()
			),
			__( 'ASA2 Creators API validates settings, encrypts secrets and talks to Amazon through the asa2 PHP extension.', 'asa2-creators' )
		);
	}

	/**
	 * ASA2_SECRET_KEY or unique salts.
	 *
	 * @return array
	 */
	public function test_secret_key(): array {
		$key = $this->key_material;
		if ( $key->uses_constant() ) {
			return $this->result( 'asa2_secret_key', 'good', __( 'Stored Amazon secrets are encrypted with ASA2_SECRET_KEY', 'asa2-creators' ), __( 'wp-config.php defines ASA2_SECRET_KEY, which is used to encrypt the Creators API and PA API secrets.', 'asa2-creators' ) );
		}
		$weak = $key->weak_salts();
		if ( ! $weak ) {
			return $this->result( 'asa2_secret_key', 'good', __( 'Stored Amazon secrets are encrypted with the site\'s security keys', 'asa2-creators' ), __( 'The WordPress security keys and salts in wp-config.php are set and unique. If you ever change them, re-enter the secrets in ASA2 → Setup (or define ASA2_SECRET_KEY beforehand).', 'asa2-creators' ) );
		}
		return $this->result(
			'asa2_secret_key',
			'critical',
			__( 'Amazon secrets are encrypted with missing or default security keys', 'asa2-creators' ),
			sprintf(
				/* translators: %s: comma-separated constant names */
				__( 'These security keys in wp-config.php are missing or still "put your unique phrase here": %s. Secrets encrypted with them are easy to decrypt. Add unique keys (https://api.wordpress.org/secret-key/1.1/salt/) or define ASA2_SECRET_KEY with a long random string, then re-enter the secrets in ASA2 → Setup.', 'asa2-creators' ),
				implode( ', ', $weak )
			)
		);
	}

	/**
	 * Every stored secret still opens.
	 *
	 * @return array
	 */
	public function test_secrets(): array {
		$unreadable = array();
		foreach ( $this->marketplaces->all() as $code => $record ) {
			if ( ! $this->secrets->can_open( $record['credential_secret'], $code, MarketplaceRepository::SECRET_FIELD ) ) {
				$unreadable[] = CoreMessages::country( (string) $code, $code );
			}
		}
		$paapi = $this->paapi->get();
		if ( '' !== $paapi['secret_key'] && ! $this->secrets->can_open( $paapi['secret_key'], PaApiRepository::SECRET_SCOPE, PaApiRepository::SECRET_FIELD ) ) {
			$unreadable[] = __( 'PA API', 'asa2-creators' );
		}
		if ( ! $unreadable ) {
			return $this->result( 'asa2_secrets', 'good', __( 'All stored Amazon secrets can be decrypted', 'asa2-creators' ), __( 'ASA2 can use every stored credential secret.', 'asa2-creators' ) );
		}
		return $this->result(
			'asa2_secrets',
			'critical',
			__( 'Some stored Amazon secrets can no longer be decrypted', 'asa2-creators' ),
			sprintf(
				/* translators: %s: comma-separated marketplace names */
				__( 'The security keys changed since these secrets were saved: %s. Open ASA2 → Setup, edit each one and enter its secret again.', 'asa2-creators' ),
				implode( ', ', $unreadable )
			),
			SetupScreen::url()
		);
	}

	/**
	 * At least one enabled marketplace, a default, and no failed connection test.
	 *
	 * @return array
	 */
	public function test_marketplaces(): array {
		$records = $this->marketplaces->all();
		if ( ! $this->marketplaces->active() ) {
			return $this->result( 'asa2_marketplaces', 'recommended', __( 'No Creators API marketplace is enabled', 'asa2-creators' ), __( 'Amazon is replacing PA-API 5.0 with the Creators API. Add your marketplaces with their Creators API credentials in ASA2 → Setup.', 'asa2-creators' ), SetupScreen::url() );
		}
		$failed = array();
		foreach ( $records as $code => $record ) {
			if ( is_array( $record['last_test'] ) && empty( $record['last_test']['ok'] ) ) {
				$failed[] = CoreMessages::country( (string) $code, $code );
			}
		}
		if ( $failed ) {
			return $this->result(
				'asa2_marketplaces',
				'recommended',
				__( 'A Creators API connection test failed', 'asa2-creators' ),
				sprintf(
					/* translators: %s: comma-separated marketplace names */
					__( 'The last connection test failed for: %s. Open ASA2 → Setup to see the reason and test again.', 'asa2-creators' ),
					implode( ', ', $failed )
				),
				SetupScreen::url()
			);
		}
		if ( null === $this->marketplaces->default_code() ) {
			return $this->result( 'asa2_marketplaces', 'recommended', __( 'No default Creators API marketplace', 'asa2-creators' ), __( 'Set a default marketplace in ASA2 → Setup; it is used when no specific country is selected.', 'asa2-creators' ), SetupScreen::url() );
		}
		return $this->result( 'asa2_marketplaces', 'good', __( 'The Creators API is set up', 'asa2-creators' ), __( 'At least one marketplace is enabled, a default is set, and no connection test failed.', 'asa2-creators' ) );
	}

	/**
	 * No marketplace still depends on PA-API 5.0, which Amazon retired on 15 May 2026: critical
	 * once Amazon refused the key, recommended while marketplaces are only set up for it.
	 *
	 * @return array
	 */
	public function test_paapi_retired(): array {
		$candidates = $this->move->candidates();
		if ( ! $candidates || Clock::now() < PaApiRetirement::RETIRED_AT ) {
			return $this->result( 'asa2_paapi_retired', 'good', __( 'No marketplace depends on PA-API 5.0', 'asa2-creators' ), __( 'No marketplace is set up for PA-API 5.0 only: ASA2 loads products through the Creators API.', 'asa2-creators' ) );
		}
		$refused = array_keys( array_filter( $candidates, static fn( array $c ): bool => $c['retired'] ) );
		$codes   = $refused ? $refused : array_keys( $candidates );
		$names   = implode( ', ', array_map( array( ApiRouter::class, 'country' ), $codes ) );
		$url     = 1 === count( $codes ) ? PaApiMove::url( $codes[0] ) : SetupScreen::url( SetupScreen::TAB_PAAPI );
		$link    = 1 === count( $codes ) ? __( 'Move to Creators API', 'asa2-creators' ) : __( 'Open ASA2 Setup → Amazon PA API', 'asa2-creators' );
		if ( $refused ) {
			return HealthResult::make(
				'asa2_paapi_retired',
				'critical',
				__( 'PA-API 5.0 was retired on 15 May 2026', 'asa2-creators' ),
				'<p>' . esc_html( PaApiRetirement::message() ) . '</p><p>' . esc_html(
					sprintf(
						/* translators: %s: comma-separated marketplace names */
						__( 'Amazon refused the PA-API key for: %s.', 'asa2-creators' ),
						$names
					)
				) . '</p>',
				$url,
				$link
			);
		}
		return HealthResult::make(
			'asa2_paapi_retired',
			'recommended',
			__( 'Marketplaces still use PA-API 5.0, which was retired on 15 May 2026', 'asa2-creators' ),
			'<p>' . esc_html(
				sprintf(
					/* translators: %s: comma-separated marketplace names */
					__( 'These marketplaces have no Creators API credentials, so ASA2 calls PA-API 5.0 for them, which Amazon no longer answers: %s. Move them to the Creators API.', 'asa2-creators' ),
					$names
				)
			) . '</p>',
			$url,
			$link
		);
	}

	/**
	 * A Site Health result.
	 *
	 * @param string      $test        Test id.
	 * @param string      $status      good, recommended or critical.
	 * @param string      $label       Headline.
	 * @param string      $description Explanation (plain text).
	 * @param string|null $action_url  Link to the screen that fixes it.
	 * @return array
	 */
	private function result( string $test, string $status, string $label, string $description, ?string $action_url = null ): array {
		return HealthResult::make( $test, $status, $label, '<p>' . esc_html( $description ) . '</p>', (string) $action_url, __( 'Open ASA2 Setup', 'asa2-creators' ) );
	}
}
