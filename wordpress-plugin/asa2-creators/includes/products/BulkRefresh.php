<?php
/**
 * Many products refreshed in the background, with their progress.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Products;

use Asa2\Creators\Clock;
use Asa2\Creators\Cron\RefreshScheduler;
use Asa2\Creators\Storage\ProductTable;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * A refresh of more products than one request should wait for (Amazon answers one request per
 * second per credential, 10 products a request): the products are marked due, so the
 * background refresh takes them before every other, and the selection is remembered so
 * ASA2 -> Products can show how far it got. Selections queued while one is under way join it.
 */
final class BulkRefresh {

	/** Option holding the selection under way: its row ids and when it was queued. */
	public const OPTION = 'asa2_bulk_refresh';

	/** Most products refreshed at once in the request that asks (two GetItems calls per marketplace). */
	public const NOW_AT_MOST = 20;

	/** @var ProductTable */
	private ProductTable $products;

	/**
	 * @param ProductTable $products Stored products.
	 */
	public function __construct( ProductTable $products ) {
		$this->products = $products;
	}

	/**
	 * Whether so many products are refreshed in the background rather than in the request.
	 *
	 * @param int $count Products selected.
	 * @return bool
	 */
	public static function in_background( int $count ): bool {
		return $count > self::NOW_AT_MOST;
	}

	/**
	 * Queues products for the background refresh, with one statement, and asks for a run soon.
	 *
	 * @param list<int> $ids Row ids.
	 * @return int Products queued (those of $ids still stored).
	 */
	public function queue( array $ids ): int {
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $ids ) ) ) );
		if ( ! $ids ) {
			return 0;
		}
		$this->products->mark_due( $ids );
		$current = $this->selection();
		$since   = Clock::now();
		$all     = $ids;
		if ( null !== $current && ! $this->finished( $current ) ) {
			// Products marked due again count as not done: they join the selection under way.
			$all   = array_values( array_unique( array_merge( $current['ids'], $ids ) ) );
			$since = $current['since'];
		}
		update_option(
			self::OPTION,
			array(
				'ids'   => $all,
				'since' => $since,
			),
			false
		);
		RefreshScheduler::soon();
		return $this->products->refresh_progress( $ids, $since )['total'];
	}

	/**
	 * How far the selection got: products still stored, those refreshed since it was queued,
	 * and of those the ones whose refresh failed; null when nothing was queued. One query.
	 *
	 * @return array{total: int, done: int, failed: int}|null
	 */
	public function progress(): ?array {
		$selection = $this->selection();
		return null === $selection ? null : $this->products->refresh_progress( $selection['ids'], $selection['since'] );
	}

	/**
	 * Forgets the selection (once its end was shown).
	 */
	public function forget(): void {
		delete_option( self::OPTION );
	}

	/**
	 * The selection under way, if any.
	 *
	 * @return array{ids: list<int>, since: int}|null
	 */
	private function selection(): ?array {
		$stored = get_option( self::OPTION );
		if ( ! is_array( $stored ) || ! isset( $stored['ids'], $stored['since'] ) || ! is_array( $stored['ids'] ) ) {
			return null;
		}
		return array(
			'ids'   => array_map( 'intval', $stored['ids'] ),
			'since' => (int) $stored['since'],
		);
	}

	/**
	 * Whether every product of a selection was refreshed.
	 *
	 * @param array{ids: list<int>, since: int} $selection selection().
	 * @return bool
	 */
	private function finished( array $selection ): bool {
		$progress = $this->products->refresh_progress( $selection['ids'], $selection['since'] );
		return $progress['done'] >= $progress['total'];
	}
}
