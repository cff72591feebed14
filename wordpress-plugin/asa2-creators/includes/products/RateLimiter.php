<?php
/**
 * Spaces calls to Amazon per credential across every PHP worker.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Products;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Each credential has a "next free slot" time in an options row. A worker reserves the next slot
 * with one atomic UPDATE and sleeps until it comes, so N workers calling at once are spaced by
 * 1/rate seconds instead of being answered 429 by Amazon.
 */
final class RateLimiter {

	/** Option name prefix. */
	public const OPTION_PREFIX = 'asa2_rate_';

	/** Extra spacing so clock jitter never lands two calls in one of Amazon's seconds. */
	private const MARGIN = 1.05;

	/** Longest wait for a slot, in seconds; beyond that the call goes out (and may be throttled). */
	private const MAX_WAIT = 30.0;

	/**
	 * Seconds between two calls with one credential at a rate (the rate plus the margin).
	 *
	 * @param float $rate Requests per second allowed for the credential.
	 * @return float
	 */
	public static function spacing( float $rate ): float {
		return self::MARGIN / max( 0.01, $rate );
	}

	/**
	 * Waits until this worker may make the next call with a credential.
	 *
	 * @param string $credential Credential identifier (ID or access key; only its hash is stored).
	 * @param float  $rate       Requests per second allowed for the credential.
	 * @return float Seconds waited.
	 */
	public function wait_turn( string $credential, float $rate ): float {
		global $wpdb;
		$interval = self::spacing( $rate );
		$option   = self::OPTION_PREFIX . md5( $credential );
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- an atomic reservation shared by every worker.
		$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, '0', 'no')", $option ) );
		$now  = microtime( true );
		$done = $wpdb->query(
			$wpdb->prepare(
				"UPDATE {$wpdb->options} SET option_value = (@asa2_slot := GREATEST(CAST(option_value AS DECIMAL(20,6)), %f) + %f) WHERE option_name = %s",
				$now,
				$interval,
				$option
			)
		);
		$next = false === $done ? null : $wpdb->get_var( 'SELECT @asa2_slot' );
		// phpcs:enable WordPress.DB.DirectDatabaseQuery
		$wpdb->suppress_errors( $suppress );
		if ( null === $next ) {
			return 0.0;
		}
		$wait = min( self::MAX_WAIT, ( (float) $next - $interval ) - $now );
		if ( $wait > 0 ) {
			usleep( (int) round( $wait * 1000000 ) );
			return $wait;
		}
		return 0.0;
	}
}
