<?php
/**
 * The two kinds of Creators API credentials.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Api;

use Asa2\Credentials;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Cognito (v2) or LWA (v3), with the ids the extension uses (Asa2\Credentials::kinds()) and
 * stored records keep in their "kind" field.
 */
enum CredentialKind: string {

	case Cognito = 'cognito';
	case Lwa     = 'lwa';

	/**
	 * The kind of a stored record or configuration.
	 *
	 * @param array $record Record or configuration with a "kind" field.
	 * @return self|null Null when the field is missing or names no kind.
	 */
	public static function of( array $record ): ?self {
		$kind = $record['kind'] ?? '';
		return is_string( $kind ) ? self::tryFrom( $kind ) : null;
	}

	/**
	 * The label the extension gives the kind, e.g. "LWA (v3)".
	 *
	 * @return string
	 */
	public function label(): string {
		return (string) ( Credentials::kinds()[ $this->value ]['label'] ?? ( self::Lwa === $this ? 'LWA (v3)' : 'Cognito (v2)' ) );
	}
}
