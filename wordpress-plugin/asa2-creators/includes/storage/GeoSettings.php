<?php
/**
 * Visitor-country link settings (option asa2_geo).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Where a visitor's country comes from (a CDN's country header the owner trusts, a country
 * database on the server) and for which other stores products are also loaded.
 */
final class GeoSettings {

	/** Option name. */
	public const OPTION = 'asa2_geo';

	/** The country header of Cloudflare, the usual CDN. */
	public const DEFAULT_HEADER = 'CF-IPCountry';

	/**
	 * Current settings.
	 *
	 * @return array{use_header: bool, header: string, database: string, also_load: list<string>}
	 */
	public function get(): array {
		$stored = get_option( self::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		$header = self::header_name( (string) ( $stored['header'] ?? '' ) );
		return array(
			'use_header' => (bool) ( $stored['use_header'] ?? false ),
			'header'     => '' === $header ? self::DEFAULT_HEADER : $header,
			'database'   => (string) ( $stored['database'] ?? '' ),
			'also_load'  => array_values( array_filter( array_map( 'strval', is_array( $stored['also_load'] ?? null ) ? $stored['also_load'] : array() ) ) ),
		);
	}

	/**
	 * Stores settings.
	 *
	 * @param array{use_header: bool, header: string, database: string, also_load: list<string>} $settings Valid settings.
	 */
	public function save( array $settings ): void {
		update_option( self::OPTION, $settings, true );
	}

	/**
	 * Whether visitors' links are localized: a country source is set up.
	 *
	 * @return bool
	 */
	public function localizes(): bool {
		$settings = $this->get();
		return $settings['use_header'] || '' !== $settings['database'];
	}

	/**
	 * A header name as typed, if it is one (letters, digits and hyphens); '' otherwise.
	 *
	 * @param string $name Header name.
	 * @return string
	 */
	public static function header_name( string $name ): string {
		$name = trim( $name );
		return 1 === preg_match( '/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/', $name ) ? $name : '';
	}
}
