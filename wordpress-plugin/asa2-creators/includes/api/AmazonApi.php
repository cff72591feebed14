<?php
/**
 * The two Amazon APIs the plugin calls.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Api;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The Creators API or PA-API 5.0, with the extension's ids (Asa2\Api::CREATORS and
 * Asa2\Api::PAAPI5), which products, log rows and the call tracker store.
 */
enum AmazonApi: string {

	case Creators = 'creators';
	case PaApi    = 'paapi5';

	/**
	 * The API a stored id names: a product's source_api, a log row's or a tracked call's api
	 * ("paapi" in rows written before the ids were the extension's).
	 *
	 * @param string $id Stored id.
	 * @return self|null Null for '' or an unknown value.
	 */
	public static function of( string $id ): ?self {
		return 'paapi' === $id ? self::PaApi : self::tryFrom( $id );
	}

	/**
	 * "Creators API 2.2" / "PA-API 5.0".
	 *
	 * @param string $version API version; PA-API without one is 5.0.
	 * @return string
	 */
	public function label( string $version ): string {
		if ( self::PaApi === $this ) {
			/* translators: %s: version, "5.0" */
			return sprintf( __( 'PA-API %s', 'asa2-creators' ), '' !== $version ? $version : '5.0' );
		}
		/* translators: %s: API version, e.g. "2.2" */
		return sprintf( __( 'Creators API %s', 'asa2-creators' ), $version );
	}
}
