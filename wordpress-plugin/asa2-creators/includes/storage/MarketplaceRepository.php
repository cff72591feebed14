<?php
/**
 * The configured Creators API marketplaces (option asa2_marketplaces).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

use Asa2\Marketplaces;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Stores one record per marketplace code. A record is the configuration
 * Asa2\MarketplaceConfig::validate() returned, with the credential secret sealed, plus
 * `last_test` (the last connection test) and `updated_at`.
 */
final class MarketplaceRepository {

	/** Option name. */
	public const OPTION = 'asa2_marketplaces';

	/** Keys of a marketplace configuration as the extension expects it. */
	public const CONFIG_KEYS = array( 'marketplace', 'kind', 'api_version', 'credential_id', 'credential_secret', 'partner_tag', 'enabled', 'default' );

	/** Sealing field of the credential secret (the scope is the marketplace code). */
	public const SECRET_FIELD = 'credential_secret';

	/** @var OptionMemo */
	private OptionMemo $memo;

	/**
	 * @param OptionMemo $memo Keeps the records between reads while the option is unchanged.
	 */
	public function __construct( OptionMemo $memo ) {
		$this->memo = $memo;
	}

	/**
	 * Every record, keyed by marketplace code, in the registry's order.
	 *
	 * @return array<string, array>
	 */
	public function all(): array {
		return $this->memo->get(
			self::OPTION,
			function (): array {
				$stored  = get_option( self::OPTION, array() );
				$ordered = array();
				foreach ( is_array( $stored ) ? self::registry_codes() : array() as $code ) {
					if ( isset( $stored[ $code ] ) && is_array( $stored[ $code ] ) ) {
						$ordered[ $code ] = $this->normalize( $stored[ $code ] );
					}
				}
				return $ordered;
			}
		);
	}

	/**
	 * One record.
	 *
	 * @param string $code Marketplace code.
	 * @return array|null
	 */
	public function get( string $code ): ?array {
		return $this->all()[ $code ] ?? null;
	}

	/**
	 * Replaces every record.
	 *
	 * @param array<string, array> $records Records keyed by marketplace code.
	 */
	public function replace_all( array $records ): void {
		update_option( self::OPTION, $records, false );
	}

	/**
	 * Stores the last connection test of one marketplace.
	 *
	 * @param string $code   Marketplace code.
	 * @param array  $result {time, ok, message, api_version, error_code, hint}.
	 */
	public function record_test( string $code, array $result ): void {
		$records = $this->all();
		if ( isset( $records[ $code ] ) ) {
			$records[ $code ]['last_test'] = $result;
			$this->replace_all( $records );
		}
	}

	/**
	 * The default marketplace's code, if any.
	 *
	 * @return string|null
	 */
	public function default_code(): ?string {
		foreach ( $this->all() as $code => $record ) {
			if ( $record['default'] ) {
				return $code;
			}
		}
		return null;
	}

	/**
	 * Records that serve lookups through the Creators API: enabled and with credentials.
	 *
	 * @return array<string, array>
	 */
	public function active(): array {
		return array_filter(
			$this->all(),
			static fn( array $r ): bool => $r['enabled'] && '' !== $r['credential_id'] && '' !== $r['credential_secret']
		);
	}

	/**
	 * Every marketplace code in the registry's order (the registry never changes while PHP runs).
	 *
	 * @return list<string>
	 */
	private static function registry_codes(): array {
		static $codes = null;
		if ( null === $codes ) {
			$codes = array_keys( Marketplaces::all() );
		}
		return $codes;
	}

	/**
	 * The configuration part of a record (sealed secret left as stored).
	 *
	 * @param array $record Stored record.
	 * @return array
	 */
	public static function config_of( array $record ): array {
		return array_intersect_key( $record, array_flip( self::CONFIG_KEYS ) );
	}

	/**
	 * Fills missing keys of a stored record.
	 *
	 * @param array $record Stored record.
	 * @return array
	 */
	private function normalize( array $record ): array {
		return array(
			'marketplace'       => (string) ( $record['marketplace'] ?? '' ),
			'kind'              => (string) ( $record['kind'] ?? '' ),
			'api_version'       => (string) ( $record['api_version'] ?? '' ),
			'credential_id'     => (string) ( $record['credential_id'] ?? '' ),
			'credential_secret' => (string) ( $record['credential_secret'] ?? '' ),
			'partner_tag'       => (string) ( $record['partner_tag'] ?? '' ),
			'enabled'           => (bool) ( $record['enabled'] ?? false ),
			'default'           => (bool) ( $record['default'] ?? false ),
			'last_test'         => isset( $record['last_test'] ) && is_array( $record['last_test'] ) ? $record['last_test'] : null,
			'updated_at'        => (int) ( $record['updated_at'] ?? 0 ),
		);
	}
}
