<?php
/**
 * Which stored products pages show (the refresh takes them first).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Products;

use Asa2\Creators\AfterResponse;
use Asa2\Creators\Clock;
use Asa2\Creators\Storage\ProductTable;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Listens to asa2/products_shown (the rows a page's boxes read) and, after the response
 * (AfterResponse), writes the products' `shown_at` with one statement - only for products whose mark is older
 * than ProductTable::SHOWN_MARK_EVERY, so most page views write nothing.
 */
final class ShownMarks {

	/** @var ProductTable */
	private ProductTable $products;

	/** @var AfterResponse */
	private AfterResponse $after_response;

	/** @var array<int, true> Row ids to mark. */
	private array $ids = array();

	/**
	 * @param ProductTable  $products       Stored products.
	 * @param AfterResponse $after_response Writes the marks once the page was sent.
	 */
	public function __construct( ProductTable $products, AfterResponse $after_response ) {
		$this->products       = $products;
		$this->after_response = $after_response;
	}

	/**
	 * Notes the rows a page showed.
	 *
	 * @param array $rows ProductTable::box_rows().
	 * @param int   $now  Current time.
	 */
	public function note( array $rows, int $now ): void {
		$stale = $now - ProductTable::SHOWN_MARK_EVERY;
		foreach ( $rows as $row ) {
			if ( (int) ( $row['shown_at'] ?? PHP_INT_MAX ) < $stale ) {
				$this->ids[ (int) $row['id'] ] = true;
			}
		}
		if ( $this->ids ) {
			$this->after_response->add( 'shown_marks', array( $this, 'flush' ) );
		}
	}

	/**
	 * Writes the marks noted.
	 */
	public function flush(): void {
		$ids       = array_keys( $this->ids );
		$this->ids = array();
		$this->products->mark_shown( $ids, Clock::now() );
	}
}
