<?php
/**
 * Where remote calls go: Amazon, or a local sandbox.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Api;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The `$apiBase` argument of the extension's request builders.
 */
final class ApiBase {

	/**
	 * Null for the real Amazon hosts; ASA2_API_BASE (wp-config.php) for a sandbox such as
	 * http://127.0.0.1:8765.
	 *
	 * @return string|null
	 */
	public static function get(): ?string {
		$base = defined( 'ASA2_API_BASE' ) ? (string) constant( 'ASA2_API_BASE' ) : '';
		/**
		 * Filters the base URL every Amazon call is sent to ('' = the real Amazon hosts).
		 *
		 * @param string $base Base URL, e.g. "http://127.0.0.1:8765", or ''.
		 */
		$base = (string) apply_filters( 'asa2/api_base', $base );
		return '' === $base ? null : $base;
	}
}
