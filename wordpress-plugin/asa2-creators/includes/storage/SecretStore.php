<?php
/**
 * Seals secrets before they reach the database and opens them for API calls.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

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
