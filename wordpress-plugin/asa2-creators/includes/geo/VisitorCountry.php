<?php
/**
 * The country of the visitor of this request.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Geo;

use Asa2\Creators\Storage\GeoSettings;
use Asa2\Geo;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Finds the visitor's country, in order: the CDN country header the owner enabled, the country
 * database the owner installed (read by the extension), else none. Never asks a service on the
 * internet. What comes back is a two-letter code checked by the extension, or null.
 */
final class VisitorCountry {

	/** @var GeoSettings */
	private GeoSettings $settings;

	/**
	 * @param GeoSettings $settings Where the country comes from.
	 */
	public function __construct( GeoSettings $settings ) {
		$this->settings = $settings;
	}

	/**
	 * The visitor's country and where it came from.
	 *
	 * @param array $server The request's server variables ($_SERVER).
	 * @return array{country: string|null, source: string} source: "header", "database" or "none".
	 */
	public function detect( array $server ): array {
		$settings = $this->settings->get();
		if ( $settings['use_header'] ) {
			$key   = 'HTTP_' . strtoupper( str_replace( '-', '_', $settings['header'] ) );
			$value = isset( $server[ $key ] ) && is_string( $server[ $key ] ) ? $server[ $key ] : '';
			$code  = '' === $value ? null : Geo::normalizeCountry( $value );
			if ( null !== $code ) {
				return array(
					'country' => $code,
					'source'  => 'header',
				);
			}
		}
		$ip = isset( $server['REMOTE_ADDR'] ) && is_string( $server['REMOTE_ADDR'] ) ? $server['REMOTE_ADDR'] : '';
		if ( '' !== $settings['database'] && '' !== $ip ) {
			try {
				$code = Geo::countryOfIp( $settings['database'], $ip );
			} catch ( \Asa2\Exception $e ) {
				$code = null; // The settings screen reports an unreadable database.
			}
			if ( null !== $code ) {
				return array(
					'country' => $code,
					'source'  => 'database',
				);
			}
		}
		return array(
			'country' => null,
			'source'  => 'none',
		);
	}
}
