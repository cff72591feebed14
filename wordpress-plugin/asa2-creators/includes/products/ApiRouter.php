<?php
/**
 * Which API serves a marketplace.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Products;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Api\AmazonApi;
use Asa2\Creators\Storage\MarketplaceRepository;
use Asa2\Creators\Storage\PaApiRepository;
use Asa2\Creators\Storage\SecretStore;
use Asa2\Marketplaces;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The Creators API when the marketplace has enabled Creators API credentials; otherwise PA-API
 * 5.0 with the PA API tab's credentials; otherwise a "not configured" error naming the setup
 * step.
 */
final class ApiRouter {

	/** @var MarketplaceRepository */
	private MarketplaceRepository $marketplaces;

	/** @var PaApiRepository */
	private PaApiRepository $paapi;

	/** @var SecretStore */
	private SecretStore $secrets;

	/**
	 * @param MarketplaceRepository $marketplaces Marketplace records.
	 * @param PaApiRepository       $paapi        PA API settings.
	 * @param SecretStore           $secrets      Opens and seals the secrets.
	 */
	public function __construct( MarketplaceRepository $marketplaces, PaApiRepository $paapi, SecretStore $secrets ) {
		$this->marketplaces = $marketplaces;
		$this->paapi        = $paapi;
		$this->secrets      = $secrets;
	}

	/**
	 * The marketplace used when none is given: the starred Creators API marketplace, else the
	 * first enabled one, else the PA API tab's default country.
	 *
	 * @return string|null Marketplace code.
	 */
	public function default_marketplace(): ?string {
		$default = $this->marketplaces->default_code();
		if ( null !== $default ) {
			return $default;
		}
		$active = array_keys( $this->marketplaces->active() );
		if ( $active ) {
			return $active[0];
		}
		$paapi = $this->paapi->get();
		return '' !== $paapi['marketplace'] && $this->paapi->is_configured() ? $paapi['marketplace'] : null;
	}

	/**
	 * The marketplaces the Creators API serves: those with enabled credentials.
	 *
	 * @return array<string, array> Stored records by code.
	 */
	public function creators_marketplaces(): array {
		return $this->marketplaces->active();
	}

	/**
	 * Whether PA-API 5.0 serves the other marketplaces (the PA API tab is filled in).
	 *
	 * @return bool
	 */
	public function paapi_configured(): bool {
		return $this->paapi->is_configured();
	}

	/**
	 * The name of the API that serves a marketplace ("Creators API 2.2", "PA-API 5.0"), without
	 * opening any secret.
	 *
	 * @param string $code Marketplace code.
	 * @return string|null Null when no API is set up for it.
	 */
	public function api_label( string $code ): ?string {
		$record = $this->marketplaces->active()[ $code ] ?? null;
		if ( null !== $record ) {
			return AmazonApi::Creators->label( $record['api_version'] );
		}
		return $this->paapi->is_configured() ? AmazonApi::PaApi->label( '' ) : null;
	}

	/**
	 * The marketplaces products can be loaded for, in the registry's order.
	 *
	 * @return array<string, string> Marketplace code => api_label().
	 */
	public function served(): array {
		$served = array();
		foreach ( array_keys( Marketplaces::all() ) as $code ) {
			$label = $this->api_label( (string) $code );
			if ( null !== $label ) {
				$served[ (string) $code ] = $label;
			}
		}
		return $served;
	}

	/**
	 * The route for one marketplace.
	 *
	 * @param string $code Marketplace code.
	 * @return array{api: AmazonApi, label: string, credential: string, config?: array, credentials?: array}
	 *   api Creators with `config` (secret opened) or PaApi with `credentials` (secret opened);
	 *   credential: the credential's identifier (for rate limits).
	 * @throws NotConfiguredException When no API is set up, or a stored secret cannot be opened.
	 */
	public function route( string $code ): array {
		$record = $this->marketplaces->active()[ $code ] ?? null;
		if ( null !== $record ) {
			$config = MarketplaceRepository::config_of( $record );
			try {
				$config['credential_secret'] = $this->secrets->open( $record['credential_secret'], $code, MarketplaceRepository::SECRET_FIELD );
			} catch ( \Asa2\Exception $e ) {
				throw new NotConfiguredException( self::secret_message( $code ), 0, $e );
			}
			return array(
				'api'        => AmazonApi::Creators,
				'label'      => AmazonApi::Creators->label( $record['api_version'] ),
				'credential' => (string) $this->credential( $code ),
				'config'     => $config,
			);
		}
		if ( $this->paapi->is_configured() ) {
			$settings = $this->paapi->get();
			try {
				$secret = $this->secrets->open( $settings['secret_key'], PaApiRepository::SECRET_SCOPE, PaApiRepository::SECRET_FIELD );
			} catch ( \Asa2\Exception $e ) {
				throw new NotConfiguredException( self::secret_message( $code ), 0, $e );
			}
			return array(
				'api'         => AmazonApi::PaApi,
				'label'       => AmazonApi::PaApi->label( '' ),
				'credential'  => (string) $this->credential( $code ),
				'credentials' => array(
					'access_key'  => $settings['access_key'],
					'secret_key'  => $secret,
					'partner_tag' => $settings['partner_tag'],
					'marketplace' => $code,
				),
			);
		}
		throw new NotConfiguredException( self::not_configured_message( $code ) );
	}

	/**
	 * The identifier of the credential a marketplace is called with (what its calls are spaced
	 * by), without opening any secret.
	 *
	 * @param string $code Marketplace code.
	 * @return string|null Null when no API is set up for it.
	 */
	public function credential( string $code ): ?string {
		$record = $this->marketplaces->active()[ $code ] ?? null;
		if ( null !== $record ) {
			return self::creators_credential( (string) $record['credential_id'] );
		}
		return $this->paapi->is_configured() ? 'paapi:' . $this->paapi->get()['access_key'] : null;
	}

	/**
	 * The identifier of a Creators API credential (see credential()).
	 *
	 * @param string $credential_id The Credential ID.
	 * @return string
	 */
	public static function creators_credential( string $credential_id ): string {
		return 'creators:' . $credential_id;
	}

	/**
	 * Every credential products are loaded with: the enabled Creators API credentials and the PA
	 * API tab's access key (while it serves a marketplace no Creators API credential serves),
	 * each with the marketplaces it serves and a label that shows only the start and end of
	 * the identifier.
	 *
	 * @return array<string, array{label: string, api: string, marketplaces: list<string>}> By credential().
	 */
	public function credentials(): array {
		$out = array();
		foreach ( array_keys( Marketplaces::all() ) as $code ) {
			$credential = $this->credential( (string) $code );
			if ( null === $credential ) {
				continue;
			}
			if ( ! isset( $out[ $credential ] ) ) {
				list( $kind, $id ) = explode( ':', $credential, 2 );
				$out[ $credential ] = array(
					'label'        => trim( ( 'creators' === $kind ? AmazonApi::Creators : AmazonApi::PaApi )->label( '' ) ) . ' ' . self::shorten( $id ),
					'api'          => $kind,
					'marketplaces' => array(),
				);
			}
			$out[ $credential ]['marketplaces'][] = (string) $code;
		}
		return $out;
	}

	/**
	 * "amzn1.app…0001": enough of an identifier to tell credentials apart.
	 *
	 * @param string $id Credential ID or access key.
	 * @return string
	 */
	private static function shorten( string $id ): string {
		return strlen( $id ) > 12 ? substr( $id, 0, 6 ) . '…' . substr( $id, -4 ) : $id;
	}

	/**
	 * "No API is set up for ..." with the step that fixes it.
	 *
	 * @param string $code Marketplace code.
	 * @return string
	 */
	public static function not_configured_message( string $code ): string {
		return sprintf(
			/* translators: %s: country name and code, e.g. "Germany (DE)" */
			__( 'No Amazon API is set up for %s. Add Creators API credentials for it in ASA2 → Setup → Amazon Creators API → + Add Marketplace (or enable the marketplace there), or enter PA API credentials in ASA2 → Setup → Amazon PA API.', 'asa2-creators' ),
			self::country( $code )
		);
	}

	/**
	 * "Country (CODE)".
	 *
	 * @param string $code Marketplace code.
	 * @return string
	 */
	public static function country( string $code ): string {
		$country = CoreMessages::country( (string) $code, '' );
		return '' === $country ? $code : $country . ' (' . $code . ')';
	}

	/**
	 * The stored secret no longer opens.
	 *
	 * @param string $code Marketplace code.
	 * @return string
	 */
	private static function secret_message( string $code ): string {
		return sprintf(
			/* translators: %s: country name and code */
			__( 'The stored secret for %s can no longer be decrypted, usually because the site\'s security keys changed. Enter it again in ASA2 → Setup.', 'asa2-creators' ),
			self::country( $code )
		);
	}
}
