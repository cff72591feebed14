<?php
/**
 * Product settings (option asa2_product_settings).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * How often stored products are refreshed, and the request rate of every credential that has no
 * rate of its own (QuotaSettings: the former global "Requests per Second" setting).
 */
final class ProductSettings {

	/** Option name. */
	public const OPTION = 'asa2_product_settings';

	/** Bounds of the refresh interval in hours. */
	public const MIN_TTL_HOURS = 1;
	public const MAX_TTL_HOURS = 168;

	/** Bounds of the request rate per credential (QuotaSettings too). */
	public const MIN_RPS = 0.1;
	public const MAX_RPS = 10.0;

	/**
	 * Current settings.
	 *
	 * @return array{ttl_hours: int, requests_per_second: float, localized_logos: bool}
	 */
	public function get(): array {
		$stored = get_option( self::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		return array(
			'ttl_hours'           => max( self::MIN_TTL_HOURS, min( self::MAX_TTL_HOURS, (int) ( $stored['ttl_hours'] ?? 24 ) ) ),
			'requests_per_second' => max( self::MIN_RPS, min( self::MAX_RPS, (float) ( $stored['requests_per_second'] ?? 1.0 ) ) ),
			'localized_logos'     => ! empty( $stored['localized_logos'] ),
		);
	}

	/**
	 * Stores settings.
	 *
	 * @param array{ttl_hours: int, requests_per_second: float, localized_logos: bool} $settings Valid settings.
	 */
	public function save( array $settings ): void {
		update_option( self::OPTION, $settings, true );
	}

	/**
	 * Seconds after which a product is refreshed.
	 *
	 * @return int
	 */
	public function ttl(): int {
		return $this->get()['ttl_hours'] * HOUR_IN_SECONDS;
	}

	/**
	 * Whether the shop logos of templates (AmazonLogoSmallUrl, AmazonLogoLargeUrl) name the
	 * product's store (ASA2's "Localized shop logos").
	 *
	 * @return bool
	 */
	public function localized_logos(): bool {
		return $this->get()['localized_logos'];
	}
}
