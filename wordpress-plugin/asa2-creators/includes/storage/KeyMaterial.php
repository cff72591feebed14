<?php
/**
 * Where the key that seals stored secrets comes from.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * ASA2_SECRET_KEY when wp-config.php defines it, otherwise the WordPress keys and salts.
 */
final class KeyMaterial {

	/** The key and salt constants of wp-config.php, in the order they are concatenated. */
	public const SALT_CONSTANTS = array(
		'AUTH_KEY',
		'SECURE_AUTH_KEY',
		'LOGGED_IN_KEY',
		'NONCE_KEY',
		'AUTH_SALT',
		'SECURE_AUTH_SALT',
		'LOGGED_IN_SALT',
		'NONCE_SALT',
	);

	/** The placeholder of wp-config-sample.php. */
	private const DEFAULT_PHRASE = 'put your unique phrase here';

	/**
	 * Whether wp-config.php defines ASA2_SECRET_KEY.
	 *
	 * @return bool
	 */
	public function uses_constant(): bool {
		return defined( 'ASA2_SECRET_KEY' ) && '' !== (string) constant( 'ASA2_SECRET_KEY' );
	}

	/**
	 * The key material handed to Asa2\Sealer.
	 *
	 * @return string
	 */
	public function material(): string {
		if ( $this->uses_constant() ) {
			return (string) constant( 'ASA2_SECRET_KEY' );
		}
		$material = '';
		foreach ( self::SALT_CONSTANTS as $name ) {
			$material .= defined( $name ) ? (string) constant( $name ) : '';
		}
		return $material;
	}

	/**
	 * Salt constants that are missing or still the wp-config-sample.php placeholder.
	 *
	 * @return list<string> Constant names.
	 */
	public function weak_salts(): array {
		$weak = array();
		foreach ( self::SALT_CONSTANTS as $name ) {
			$value = defined( $name ) ? (string) constant( $name ) : '';
			if ( '' === $value || self::DEFAULT_PHRASE === $value ) {
				$weak[] = $name;
			}
		}
		return $weak;
	}

	/**
	 * Whether the sealing key is strong: ASA2_SECRET_KEY, or every salt set to a unique value.
	 *
	 * @return bool
	 */
	public function is_strong(): bool {
		return $this->uses_constant() || array() === $this->weak_salts();
	}
}
