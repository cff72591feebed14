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
 * The Creators API or PA-API 5.0, with the ids the log rows and the call tracker keep in their
 * "api" field.
 */
enum AmazonApi: string {

	case Creators = 'creators';
	case PaApi    = 'paapi';

	/**
	 * The API a stored product came from: its "source_api" column holds the extension's id of
	 * the answer's source ("creators" or "paapi5"; older rows "paapi").
	 *
	 * @param string $source_api Stored source_api.
	 * @return self|null Null for '' or an unknown value.
	 */
	public static function of_source( string $source_api ): ?self {
		return 'paapi5' === $source_api ? self::PaApi : self::tryFrom( $source_api );
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
