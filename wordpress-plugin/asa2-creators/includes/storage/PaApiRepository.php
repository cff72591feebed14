<?php
/**
 * PA-API 5.0 settings (option asa2_paapi).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Access key, sealed secret key, partner tag and default country of PA-API 5.0.
 */
final class PaApiRepository {

	/** Option name. */
	public const OPTION = 'asa2_paapi';

	/** Sealing scope and field of the secret key. */
	public const SECRET_SCOPE = 'paapi';
	public const SECRET_FIELD = 'secret_key';

	/**
	 * The stored settings (secret key sealed).
	 *
	 * @return array{access_key: string, secret_key: string, partner_tag: string, marketplace: string, updated_at: int}
	 */
	public function get(): array {
		$stored = get_option( self::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		return array(
			'access_key'  => (string) ( $stored['access_key'] ?? '' ),
			'secret_key'  => (string) ( $stored['secret_key'] ?? '' ),
			'partner_tag' => (string) ( $stored['partner_tag'] ?? '' ),
			'marketplace' => (string) ( $stored['marketplace'] ?? '' ),
			'updated_at'  => (int) ( $stored['updated_at'] ?? 0 ),
		);
	}

	/**
	 * Whether PA-API credentials are stored.
	 *
	 * @return bool
	 */
	public function is_configured(): bool {
		$settings = $this->get();
		return '' !== $settings['access_key'] && '' !== $settings['secret_key'];
	}

	/**
	 * Stores the settings.
	 *
	 * @param array $settings Settings with the secret key already sealed.
	 */
	public function save( array $settings ): void {
		update_option( self::OPTION, $settings, false );
	}
}
