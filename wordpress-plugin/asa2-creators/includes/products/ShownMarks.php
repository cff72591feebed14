<?php
/**
 * Which stored products pages show (the refresh takes them first).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Products;

use Asa2\Creators\Clock;
use Asa2\Creators\Storage\ProductTable;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Listens to asa2/products_shown (the rows a page's boxes read) and, at the end of the request,
 * writes the products' `shown_at` with one statement - only for products whose mark is older
 * than ProductTable::SHOWN_MARK_EVERY, so most page views write nothing.
 */
final class ShownMarks {

	/** @var ProductTable */
	private ProductTable $products;

	/** @var array<int, true> Row ids to mark. */
	private array $ids = array();

	/**
	 * @param ProductTable $products Stored products.
	 */
	public function __construct( ProductTable $products ) {
		$this->products = $products;
	}

	/**
	 * Notes the rows a page showed.
	 *
	 * @param array $rows ProductTable::box_rows().
	 * @param int   $now  Current time.
	 */
	public function note( array $rows, int $now ): void {
		$stale = $now - ProductTable::SHOWN_MARK_EVERY;
		$had   = (bool) $this->ids;
		foreach ( $rows as $row ) {
			if ( (int) ( $row['shown_at'] ?? PHP_INT_MAX ) < $stale ) {
				$this->ids[ (int) $row['id'] ] = true;
			}
		}
		if ( $this->ids && ! $had ) {
			add_action( 'shutdown', array( $this, 'flush' ) );
		}
	}

	/**
	 * Writes the marks noted (shutdown).
	 */
	public function flush(): void {
		$ids       = array_keys( $this->ids );
		$this->ids = array();
		remove_action( 'shutdown', array( $this, 'flush' ) );
		$this->products->mark_shown( $ids, Clock::now() );
	}
}
