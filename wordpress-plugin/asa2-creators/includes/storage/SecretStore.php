<?php
/**
 * Seals secrets before they reach the database and opens them for API calls.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

use Asa2\Creators\CoreMessages;
use Asa2\CryptoException;
use Asa2\Sealer;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Thin wrapper around Asa2\Sealer with the site's key material.
 */
final class SecretStore {

	/** @var KeyMaterial */
	private KeyMaterial $key;

	/**
	 * @param KeyMaterial $key Key material source.
	 */
	public function __construct( KeyMaterial $key ) {
		$this->key = $key;
	}

	/**
	 * Seals a secret for one place (scope, field); the result opens only there.
	 *
	 * @param string $plaintext Secret.
	 * @param string $scope     E.g. the marketplace code "DE" or "paapi".
	 * @param string $field     E.g. "credential_secret".
	 * @return string "asa2:v1:..."
	 * @throws CryptoException When the key material is unusable.
	 */
	public function seal( string $plaintext, string $scope, string $field ): string {
		return ( new Sealer( $this->key->material() ) )->seal( $plaintext, $scope, $field );
	}

	/**
	 * Why a secret could not be sealed, for the form: the extension's reason, and when the key
	 * material is too short, what to change in wp-config.php.
	 *
	 * @param \Asa2\Exception $e What seal() threw.
	 * @return string
	 */
	public static function seal_failure( \Asa2\Exception $e ): string {
		$text = sprintf(
			/* translators: %s: reason from the encryption layer */
			__( 'The secret could not be encrypted: %s', 'asa2-creators' ),
			CoreMessages::exception( $e )
		);
		if ( $e instanceof CryptoException && 'key_too_short' === $e->getKind() ) {
			$text .= ' ' . __( 'Define ASA2_SECRET_KEY (a long random string) in wp-config.php or set unique WordPress security keys, then save again.', 'asa2-creators' );
		}
		return $text;
	}

	/**
	 * Opens a sealed secret.
	 *
	 * @param string $sealed Stored value.
	 * @param string $scope  Scope it was sealed for.
	 * @param string $field  Field it was sealed for.
	 * @return string
	 * @throws CryptoException When it cannot be opened (keys changed, value edited).
	 */
	public function open( string $sealed, string $scope, string $field ): string {
		return ( new Sealer( $this->key->material() ) )->open( $sealed, $scope, $field );
	}

	/**
	 * Whether a stored value opens with the current keys.
	 *
	 * @param string $sealed Stored value.
	 * @param string $scope  Scope.
	 * @param string $field  Field.
	 * @return bool
	 */
	public function can_open( string $sealed, string $scope, string $field ): bool {
		try {
			$this->open( $sealed, $scope, $field );
			return true;
		} catch ( \Asa2\Exception $e ) {
			return false;
		}
	}
}
