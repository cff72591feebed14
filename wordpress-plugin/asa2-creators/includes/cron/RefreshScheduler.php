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
 * One run at a time across every worker (SharedLock). Failures keep the stored data and are
 * recorded on the product.
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

	/** Seconds the lock outlives the run's budget (a slow last call with its retries); a lock left by a worker that died is taken over after that. */
	private const LOCK_SLACK = 300;

	/** @var ProductSettings */
	private ProductSettings $product_settings;

	/** @var ProductTable */
	private ProductTable $products;

	/** @var ProductService */
	private ProductService $product_service;

	/**
	 * @param ProductSettings $product_settings Product settings.
	 * @param ProductTable    $products         Stored products.
	 * @param ProductService  $product_service  Product lookups.
	 */
	public function __construct( ProductSettings $product_settings, ProductTable $products, ProductService $product_service ) {
		$this->product_settings = $product_settings;
		$this->products         = $products;
		$this->product_service  = $product_service;
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
	 *   left when it began its last batch), "budget", "limit" or "busy" (another run was going on).
	 */
	public function run( ?int $limit = null ): array {
		$settings = $this->product_settings->get();
		$budget   = new RefreshBudget( RefreshBudget::available(), RateLimiter::spacing( $settings['requests_per_second'] ) );
		$result   = array(
			'updated'   => 0,
			'failed'    => array(),
			'due'       => 0,
			'remaining' => 0,
			'stopped'   => 'done',
			'seconds'   => 0.0,
		);
		if ( ! SharedLock::acquire( self::LOCK, (int) ceil( $budget->seconds() ) + self::LOCK_SLACK ) ) {
			$result['stopped'] = 'busy';
			return $result;
		}
		try {
			$this->work( $budget, $limit ?? PHP_INT_MAX, $settings['requests_per_second'], $result );
		} finally {
			SharedLock::release( self::LOCK );
		}
		return $result;
	}

	/**
	 * The run itself, under the lock.
	 *
	 * @param RefreshBudget $budget Time budget.
	 * @param int           $limit  At most this many products.
	 * @param float         $rate   Requests per second per credential.
	 * @param array         $result Running result.
	 */
	private function work( RefreshBudget $budget, int $limit, float $rate, array &$result ): void {
		$products = $this->products;
		$ttl      = $this->product_settings->ttl();
		$before   = Clock::now() - $ttl;
		// Products that become due or are queued during the run are left to the follow-up run.
		$left   = min( $limit, $products->count_due( $before, Clock::now() ) );
		$window = $this->window( $budget, $rate );
		while ( $left > 0 ) {
			$rows = array_slice( $products->due( $before, Clock::now(), min( $left, $window ) ), 0, $left );
			if ( ! $rows ) {
				break;
			}
			$keys      = array_map( static fn( array $row ): array => array( $row['asin'], $row['marketplace'] ), $rows );
			$done      = $this->product_service->refresh( $keys, array( $budget, 'next_batch' ) );
			$attempted = count( $keys ) - $done['skipped'];
			$result['updated'] += $done['updated'];
			$result['failed']  += $done['failed'];
			$result['due']     += $attempted;
			$left              -= $attempted;
			if ( $done['skipped'] > 0 ) {
				$result['stopped'] = 'budget';
				break;
			}
		}
		if ( 'done' === $result['stopped'] && $result['due'] >= $limit ) {
			$result['stopped'] = 'limit';
		}
		$result['remaining'] = $products->count_due( Clock::now() - $ttl, Clock::now() );
		$result['seconds']   = round( $budget->elapsed(), 2 );
		if ( $result['remaining'] > 0 && $result['due'] > 0 ) {
			self::follow_up();
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
	 * How many due products of each marketplace one query hands to the run: more than the
	 * budget lets one credential refresh at the rate.
	 *
	 * @param RefreshBudget $budget Time budget.
	 * @param float         $rate   Requests per second per credential.
	 * @return int
	 */
	private function window( RefreshBudget $budget, float $rate ): int {
		return ( (int) ceil( $budget->seconds() / RateLimiter::spacing( $rate ) ) + 1 ) * Api::MAX_IDS_PER_REQUEST;
	}

	/**
	 * Schedules the follow-up run unless one is pending.
	 */
	private static function follow_up(): void {
		if ( ! wp_next_scheduled( self::HOOK_CONTINUE ) ) {
			wp_schedule_single_event( Clock::now() + self::FOLLOW_UP_DELAY, self::HOOK_CONTINUE );
		}
	}
}
