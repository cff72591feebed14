<?php
/**
 * The background refresh of stored products (WP-Cron).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Cron;

use Asa2\Api;
use Asa2\Creators\Api\SharedLock;
use Asa2\Creators\Clock;
use Asa2\Creators\Products\ProductService;
use Asa2\Creators\Products\RateLimiter;
use Asa2\Creators\Storage\ProductSettings;
use Asa2\Creators\Storage\ProductTable;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Every hour, products older than the refresh interval (Options → Products, 24 hours by
 * default) and products queued by a page are refreshed for as long as the run's time budget
 * allows (RefreshBudget): oldest first, so queued products (never fetched) come first, 10 per
 * GetItems call, the marketplaces taking turns. When products are still due after a run, a
 * follow-up run starts a minute later, so a backlog drains without waiting for the next hour.
 * A variation parent takes one GetVariations call more (ProductService), at most one per
 * parent product per refresh. Failures keep the stored data and are recorded on the product.
 *
 * One run at a time across every worker of every web server (SharedLock, in the database). The
 * run renews its lock before each GetItems call; a run whose web server died leaves a lock that
 * expires LOCK_SECONDS after its last renewal. So that another server then takes over, a run
 * keeps a follow-up event scheduled for when its lock would expire, and a run that finds the lock
 * taken schedules one for when it expires: while the holder lives, each finds it busy again.
 */
final class RefreshScheduler {

	/** Recurring event. */
	public const HOOK = 'asa2_refresh_products';

	/** One-off event after a page queued a product. */
	public const HOOK_SOON = 'asa2_refresh_products_soon';

	/** One-off event continuing a run that left products due. */
	public const HOOK_CONTINUE = 'asa2_refresh_products_continue';

	/** Seconds between a run that left products due and the follow-up run. */
	public const FOLLOW_UP_DELAY = 60;

	/** Option: the last run's counts. */
	public const LAST_RUN_OPTION = 'asa2_last_refresh';

	/** SharedLock name: one run at a time. */
	public const LOCK = 'refresh_products';

	/**
	 * Seconds the run's lock lasts after its last renewal (before each GetItems call): longer than
	 * one call can take with its retries (the rate slot, a token, up to four attempts of 15 s and
	 * 20 s of back-off). After a web server died in the middle of a run, another one takes over
	 * this long after the last renewal.
	 */
	public const LOCK_SECONDS = 150;

	/** @var ProductSettings */
	private ProductSettings $product_settings;

	/** @var ProductTable */
	private ProductTable $products;

	/** @var ProductService */
	private ProductService $product_service;

	/** @var QuotaPlan */
	private QuotaPlan $quota;

	/**
	 * @param ProductSettings $product_settings Product settings.
	 * @param ProductTable    $products         Stored products.
	 * @param ProductService  $product_service  Product lookups.
	 * @param QuotaPlan       $quota            Requests per second and per day per credential.
	 */
	public function __construct( ProductSettings $product_settings, ProductTable $products, ProductService $product_service, QuotaPlan $quota ) {
		$this->product_settings = $product_settings;
		$this->products         = $products;
		$this->product_service  = $product_service;
		$this->quota            = $quota;
	}

	/**
	 * Schedules the hourly event (activation and upgrades).
	 */
	public static function schedule(): void {
		if ( ! wp_next_scheduled( self::HOOK ) ) {
			wp_schedule_event( Clock::now() + 5 * MINUTE_IN_SECONDS, 'hourly', self::HOOK );
		}
	}

	/**
	 * Removes the events (deactivation).
	 */
	public static function unschedule(): void {
		wp_clear_scheduled_hook( self::HOOK );
		wp_clear_scheduled_hook( self::HOOK_SOON );
		wp_clear_scheduled_hook( self::HOOK_CONTINUE );
	}

	/**
	 * Asks for a refresh within a minute (a page showed a product not stored yet).
	 */
	public static function soon(): void {
		if ( ! wp_next_scheduled( self::HOOK_SOON ) ) {
			wp_schedule_single_event( Clock::now() + 30, self::HOOK_SOON );
		}
	}

	/**
	 * Refreshes due products, oldest first, until none is left, the time budget is spent or
	 * $limit products were taken up. Does nothing while another run holds the lock.
	 *
	 * @param int|null $limit At most this many products (default: as many as the budget allows).
	 * @return array{updated: int, failed: array<string, string>, due: int, remaining: int, stopped: string, seconds: float}
	 *   due: products taken up; remaining: products still due afterwards; stopped: "done" (none
	 *   left when it began its last batch), "budget", "limit", "quota" (the products left belong to
	 *   credentials whose requests of the day are used up), "busy" (another run was going on) or
	 *   "lost" (this run's lock expired and another run took it over: it stopped at once).
	 */
	public function run( ?int $limit = null ): array {
		$credentials = $this->quota->credentials();
		$rates       = $credentials ? array_column( $credentials, 'rps' ) : array( $this->product_settings->get()['requests_per_second'] );
		$budget      = new RefreshBudget( RefreshBudget::available(), RateLimiter::spacing( min( $rates ) ) );
		$result      = array(
			'updated'   => 0,
			'failed'    => array(),
			'due'       => 0,
			'remaining' => 0,
			'stopped'   => 'done',
			'seconds'   => 0.0,
		);
		$lease = self::lock_seconds();
		if ( ! SharedLock::acquire( self::LOCK, $lease ) ) {
			$result['stopped'] = 'busy';
			self::retry_when_free();
			return self::ran( $result );
		}
		try {
			self::watch( $lease );
			$lost    = false;
			$proceed = static function () use ( $budget, $lease, &$lost ): bool {
				if ( ! $budget->next_batch() ) {
					return false;
				}
				$lost = ! SharedLock::renew( self::LOCK, $lease );
				return ! $lost;
			};
			$this->work( $budget, $proceed, $limit ?? PHP_INT_MAX, $credentials, max( $rates ), $lost, $result );
		} finally {
			SharedLock::release( self::LOCK );
		}
		return self::ran( $result );
	}

	/**
	 * Tells who is interested that a run ended.
	 *
	 * @param array $result run().
	 * @return array $result.
	 */
	private static function ran( array $result ): array {
		/**
		 * Fires after every background refresh run, also one that did nothing because another
		 * run was going on (stopped: "busy").
		 *
		 * @param array $result What RefreshScheduler::run() returns: updated, failed, due,
		 *                      remaining, stopped, seconds.
		 */
		do_action( 'asa2/refresh_run', $result );
		return $result;
	}

	/**
	 * How long the run's lock lasts after its last renewal.
	 *
	 * @return int Seconds.
	 */
	public static function lock_seconds(): int {
		/**
		 * Filters how long a background refresh run's lock lasts after its last renewal (it is
		 * renewed before every GetItems call): when a web server dies in the middle of a run,
		 * another one takes the refresh over this long after. Raise it with a longer HTTP timeout
		 * (asa2/http_timeout).
		 *
		 * @param int $seconds 150 by default.
		 */
		return max( 2, (int) apply_filters( 'asa2/refresh_lock_seconds', self::LOCK_SECONDS ) );
	}

	/**
	 * The run itself, under the lock.
	 *
	 * @param RefreshBudget $budget      Time budget.
	 * @param callable      $proceed     Asked before each GetItems call (budget and lock renewal).
	 * @param int           $limit       At most this many products.
	 * @param array         $credentials QuotaPlan::credentials().
	 * @param float         $rate        The fastest credential's requests per second.
	 * @param bool          $lost        Set when the lock expired and another run took it over.
	 * @param array         $result      Running result.
	 */
	private function work( RefreshBudget $budget, callable $proceed, int $limit, array $credentials, float $rate, bool &$lost, array &$result ): void {
		$products = $this->products;
		$ttl      = $this->product_settings->ttl();
		$before   = Clock::now() - $ttl;
		// Products that become due or are queued during the run are left to the follow-up run.
		$left   = min( $limit, $products->count_due( $before, Clock::now() ) );
		$window = $this->window( $budget, $rate );
		$held   = self::used_up( $credentials );
		while ( $left > 0 ) {
			$rows = array_slice( $products->due( $before, Clock::now(), min( $left, $window ), array_keys( $held ) ), 0, $left );
			if ( ! $rows ) {
				break;
			}
			$keys      = array_map( static fn( array $row ): array => array( $row['asin'], $row['marketplace'] ), $rows );
			$done      = $this->product_service->refresh( $keys, $proceed );
			$held     += array_fill_keys( array_keys( $done['held'] ), true );
			$attempted = count( $keys ) - $done['skipped'] - (int) array_sum( $done['held'] );
			$result['updated'] += $done['updated'];
			$result['failed']  += $done['failed'];
			$result['due']     += $attempted;
			$left              -= $attempted;
			if ( $done['skipped'] > 0 ) {
				$result['stopped'] = $lost ? 'lost' : 'budget';
				break;
			}
		}
		if ( 'done' === $result['stopped'] && $result['due'] >= $limit ) {
			$result['stopped'] = 'limit';
		}
		$result['remaining'] = $products->count_due( Clock::now() - $ttl, Clock::now() );
		if ( 'done' === $result['stopped'] && $held && $result['remaining'] > 0 ) {
			$result['stopped'] = 'quota';
		}
		$result['seconds']   = round( $budget->elapsed(), 2 );
		if ( $lost ) {
			// The run that took the lock over keeps the follow-ups.
			return;
		}
		self::forget_cached_cron();
		wp_clear_scheduled_hook( self::HOOK_CONTINUE );
		if ( $result['remaining'] > 0 && $result['due'] > 0 ) {
			wp_schedule_single_event( Clock::now() + self::FOLLOW_UP_DELAY, self::HOOK_CONTINUE );
		}
		update_option(
			self::LAST_RUN_OPTION,
			array(
				'time'      => Clock::now(),
				'updated'   => $result['updated'],
				'failed'    => count( $result['failed'] ),
				'remaining' => $result['remaining'],
				'stopped'   => $result['stopped'],
				'seconds'   => $result['seconds'],
				'budget'    => round( $budget->seconds(), 1 ),
			),
			false
		);
	}

	/**
	 * The marketplaces whose credential has no requests left today.
	 *
	 * @param array $credentials QuotaPlan::credentials().
	 * @return array<string, true> Marketplace code => true.
	 */
	private static function used_up( array $credentials ): array {
		$held = array();
		foreach ( $credentials as $row ) {
			if ( $row['used'] >= $row['limit'] ) {
				$held += array_fill_keys( $row['marketplaces'], true );
			}
		}
		return $held;
	}

	/**
	 * How many due products of each marketplace one query hands to the run: more than the
	 * budget lets one credential refresh at the rate.
	 *
	 * @param RefreshBudget $budget Time budget.
	 * @param float         $rate   The fastest credential's requests per second.
	 * @return int
	 */
	private function window( RefreshBudget $budget, float $rate ): int {
		return ( (int) ceil( $budget->seconds() / RateLimiter::spacing( $rate ) ) + 1 ) * Api::MAX_IDS_PER_REQUEST;
	}

	/**
	 * A run that holds the lock: a follow-up event when the lock would expire (unless one comes
	 * sooner), in case this run's web server dies; the run moves or removes it when it ends.
	 *
	 * @param int $lease Seconds the lock lasts.
	 */
	private static function watch( int $lease ): void {
		self::follow_up_by( Clock::now() + $lease + 1 );
	}

	/**
	 * A run that found the lock taken: a follow-up event when the holder's lock expires (unless
	 * one comes sooner). Finding it busy again then, it schedules the next.
	 */
	private static function retry_when_free(): void {
		$holder = SharedLock::holder( self::LOCK );
		if ( null !== $holder ) {
			self::follow_up_by( Clock::now() + max( 1, $holder['expires'] - time() ) + 1 );
		}
	}

	/**
	 * Schedules the follow-up event at $when unless one is due by then.
	 *
	 * @param int $when Timestamp.
	 */
	private static function follow_up_by( int $when ): void {
		$next = wp_next_scheduled( self::HOOK_CONTINUE );
		if ( false !== $next && $next <= $when ) {
			return;
		}
		if ( false !== $next ) {
			wp_unschedule_event( $next, self::HOOK_CONTINUE );
		}
		wp_schedule_single_event( $when, self::HOOK_CONTINUE );
	}

	/**
	 * Drops this request's copy of the scheduled events before changing them at the end of a run
	 * (it was read when the request began; other workers and web servers may have changed them
	 * since, and writing the old copy back would undo their changes).
	 */
	private static function forget_cached_cron(): void {
		if ( wp_using_ext_object_cache() && function_exists( 'wp_cache_supports' ) && wp_cache_supports( 'flush_runtime' ) ) {
			// The shared cache holds what the others wrote: drop only this request's copies.
			wp_cache_flush_runtime();
			return;
		}
		wp_cache_delete( 'alloptions', 'options' );
	}
}
