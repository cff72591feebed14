<?php
/**
 * The background refresh of stored products (WP-Cron).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Cron;

use Asa2\Creators\Clock;
use Asa2\Creators\Plugin;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Every hour, products older than the refresh interval (Options → Products, 24 hours by
 * default) and products queued by a page are refreshed in batches. Failures keep the stored
 * data and are recorded on the product.
 */
final class RefreshScheduler {

	/** Recurring event. */
	public const HOOK = 'asa2_refresh_products';

	/** One-off event after a page queued a product. */
	public const HOOK_SOON = 'asa2_refresh_products_soon';

	/** Products refreshed per run (5 GetItems calls). */
	public const PER_RUN = 50;

	/** @var Plugin */
	private Plugin $plugin;

	/**
	 * @param Plugin $plugin The plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
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
	 * Refreshes one batch of due products.
	 *
	 * @param int|null $limit At most this many (default PER_RUN).
	 * @return array{updated: int, failed: array<string, string>, due: int}
	 */
	public function run( ?int $limit = null ): array {
		$ttl  = $this->plugin->product_settings()->ttl();
		$due  = $this->plugin->products()->due( Clock::now() - $ttl, $limit ?? self::PER_RUN );
		$keys = array_map( static fn( array $row ): array => array( (string) $row['asin'], (string) $row['marketplace'] ), $due );
		$result        = $keys ? $this->plugin->product_service()->refresh( $keys ) : array( 'updated' => 0, 'failed' => array() );
		$result['due'] = count( $keys );
		update_option(
			'asa2_last_refresh',
			array(
				'time'    => Clock::now(),
				'updated' => $result['updated'],
				'failed'  => count( $result['failed'] ),
			),
			false
		);
		return $result;
	}
}
