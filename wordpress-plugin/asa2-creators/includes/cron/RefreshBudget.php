<?php
/**
 * How long one background refresh run may keep calling Amazon.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Cron;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * WP-Cron runs inside a request (a loopback request to wp-cron.php, or a system cron job), and
 * PHP ends a request after max_execution_time. A run therefore works for two thirds of what is
 * left of it, and never longer than CAP seconds: the last call, its retries and the writes after
 * it end well before PHP would stop the request.
 *
 * The run asks next_batch() before each GetItems call. A call starts only when the longest call
 * of the run so far (at least the credential's spacing) still fits in the budget, so a run stops
 * between batches, never in the middle of storing one. The first call of a run always starts.
 */
final class RefreshBudget {

	/** Longest run in seconds (hosts often end requests after 60 s whatever PHP allows). */
	public const CAP = 50.0;

	/** Share of what is left of max_execution_time a run may use. */
	private const SHARE = 2 / 3;

	/** @var float Seconds this run may work. */
	private float $seconds;

	/** @var float Expected length of the next call. */
	private float $estimate;

	/** @var float When the run started (microtime). */
	private float $started;

	/** @var float When the last call started (microtime). */
	private float $mark = 0.0;

	/** @var int Calls started. */
	private int $batches = 0;

	/**
	 * @param float $seconds Seconds the run may work.
	 * @param float $spacing Seconds between two calls with one credential (RateLimiter::spacing()).
	 */
	public function __construct( float $seconds, float $spacing ) {
		$this->seconds  = max( 0.0, $seconds );
		$this->estimate = max( 0.0, $spacing );
		$this->started  = microtime( true );
	}

	/**
	 * The seconds a run may work in the current request.
	 *
	 * @param bool $fresh As a request that has just started (the capacity estimate) rather than
	 *                    this one, which may have used some of its time already.
	 * @return float
	 */
	public static function available( bool $fresh = false ): float {
		$limit   = (int) ini_get( 'max_execution_time' );
		$seconds = self::CAP;
		if ( $limit > 0 ) {
			// phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- a number PHP sets; cast below.
			$start   = isset( $_SERVER['REQUEST_TIME_FLOAT'] ) ? (float) $_SERVER['REQUEST_TIME_FLOAT'] : microtime( true );
			$elapsed = $fresh ? 0.0 : max( 0.0, microtime( true ) - $start );
			$seconds = min( self::CAP, ( $limit - $elapsed ) * self::SHARE );
		}
		/**
		 * Filters how long one background refresh run may call Amazon. Raise it when a system
		 * cron job runs WP-Cron without a time limit (e.g. `wp cron event run --due-now`).
		 *
		 * @param float $seconds Two thirds of what is left of max_execution_time, at most 50.
		 * @param int   $limit   max_execution_time in seconds (0: none).
		 */
		return max( 0.0, (float) apply_filters( 'asa2/refresh_time_budget', $seconds, $limit ) );
	}

	/**
	 * Whether the next GetItems call fits; when it does, it counts as started now.
	 *
	 * @return bool
	 */
	public function next_batch(): bool {
		$now = microtime( true );
		if ( $this->batches > 0 ) {
			$this->estimate = max( $this->estimate, $now - $this->mark );
			if ( $now - $this->started + $this->estimate > $this->seconds ) {
				return false;
			}
		} elseif ( $this->seconds <= 0.0 ) {
			return false;
		}
		++$this->batches;
		$this->mark = $now;
		return true;
	}

	/**
	 * Seconds this run may work.
	 *
	 * @return float
	 */
	public function seconds(): float {
		return $this->seconds;
	}

	/**
	 * Seconds since the run started.
	 *
	 * @return float
	 */
	public function elapsed(): float {
		return microtime( true ) - $this->started;
	}
}
