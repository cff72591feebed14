<?php
/**
 * Which stored products a list shows, and in which order.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * A search text (ASIN prefix or title words, see ProductTable), a marketplace, a status and a
 * sort order. Unknown values fall back to "any" and to the default order (newest first), so a
 * filter built from a request is always one ProductTable can answer with an index.
 */
final class ProductFilter {

	/** Status filter: loaded, last refresh fine. */
	public const STATUS_OK = 'ok';

	/** Status filter: the last refresh failed (with or without older data). */
	public const STATUS_ERROR = 'error';

	/** Status filter: no product data yet. */
	public const STATUS_NOT_LOADED = 'not_loaded';

	/** Sort: newest first (the default). */
	public const ORDER_CREATED = 'created';

	/** Sort: by last refresh. */
	public const ORDER_REFRESHED = 'refreshed';

	/** @var string Search text, trimmed. */
	public string $search;

	/** @var string Marketplace code or '' (any). */
	public string $marketplace;

	/** @var string One of the STATUS_* values or '' (any). */
	public string $status;

	/** @var string ORDER_CREATED or ORDER_REFRESHED. */
	public string $orderby;

	/** @var bool Ascending (else descending). */
	public bool $ascending;

	/**
	 * @param string $search      Search text.
	 * @param string $marketplace Marketplace code or ''.
	 * @param string $status      STATUS_* or ''.
	 * @param string $orderby     ORDER_* or ''.
	 * @param string $order       'asc' or 'desc' ('' = descending).
	 */
	public function __construct( string $search = '', string $marketplace = '', string $status = '', string $orderby = '', string $order = '' ) {
		$this->search      = trim( $search );
		$this->marketplace = preg_match( '/^[A-Z]{2,4}$/', strtoupper( $marketplace ) ) ? strtoupper( $marketplace ) : '';
		$this->status      = in_array( $status, array( self::STATUS_OK, self::STATUS_ERROR, self::STATUS_NOT_LOADED ), true ) ? $status : '';
		$this->orderby     = self::ORDER_REFRESHED === $orderby ? self::ORDER_REFRESHED : self::ORDER_CREATED;
		$this->ascending   = 'asc' === strtolower( $order );
	}

	/**
	 * The stored status values (ProductTable::STATUS_*) a status filter stands for.
	 *
	 * @return list<int> Empty for any status.
	 */
	public function status_values(): array {
		switch ( $this->status ) {
			case self::STATUS_OK:
				return array( ProductTable::STATUS_LOADED );
			case self::STATUS_ERROR:
				return array( ProductTable::STATUS_STALE, ProductTable::STATUS_FAILED );
			case self::STATUS_NOT_LOADED:
				return array( ProductTable::STATUS_NEW, ProductTable::STATUS_FAILED );
		}
		return array();
	}
}
