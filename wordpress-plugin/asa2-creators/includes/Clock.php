<?php
/**
 * The current time, injectable for deterministic tests.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Supplies "now" to the extension and to stored timestamps.
 */
final class Clock {

	/**
	 * Current unix time.
	 *
	 * @return int
	 */
	public static function now(): int {
		/**
		 * Filters the time the plugin works with (token expiry, log rows, connection tests).
		 *
		 * @param int $now Unix timestamp, time() by default.
		 */
		return (int) apply_filters( 'asa2/now', time() );
	}
}
