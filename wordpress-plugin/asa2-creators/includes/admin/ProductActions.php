<?php
/**
 * State changes of ASA2 -> Products.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Products\ApiRouter;
use Asa2\Creators\Products\BulkRefresh;
use Asa2\Creators\Products\NotConfiguredException;
use Asa2\Creators\Products\ProductService;
use Asa2\Creators\Storage\ProductTable;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Add a product (by ASIN, URL or from search results), refresh and delete products (one or in
 * bulk). Each handler takes the unslashed POST data, checks capability and nonce, and returns
 * the URL to redirect to.
 */
final class ProductActions {

	/** admin-post action (also the nonce action) of the add form. */
	public const ADD = 'asa2_add_product';

	/** Nonce action of the products table form (posted to the screen itself). */
	public const BULK = 'asa2_products_bulk';

	/** @var ProductService */
	private ProductService $product_service;

	/** @var ProductTable */
	private ProductTable $products;

	/** @var BulkRefresh */
	private BulkRefresh $bulk_refresh;

	/** @var Notices */
	private Notices $notices;

	/**
	 * @param ProductService $product_service Product lookups.
	 * @param ProductTable   $products        Stored products.
	 * @param BulkRefresh    $bulk_refresh    Refreshes of many products, in the background.
	 * @param Notices        $notices         Notices for the next screen.
	 */
	public function __construct( ProductService $product_service, ProductTable $products, BulkRefresh $bulk_refresh, Notices $notices ) {
		$this->product_service = $product_service;
		$this->products        = $products;
		$this->bulk_refresh    = $bulk_refresh;
		$this->notices         = $notices;
	}

	/**
	 * Adds a product and loads its data.
	 *
	 * @param array $request Unslashed POST data: asa2[input], asa2[marketplace].
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function add( array $request ): string {
		RequestGuard::check( self::ADD, $request );
		$fields      = RequestGuard::group( $request );
		$input       = trim( sanitize_text_field( RequestGuard::text( $fields['input'] ?? '' ) ) );
		$marketplace = strtoupper( sanitize_key( RequestGuard::text( $fields['marketplace'] ?? '' ) ) );
		$notices     = $this->notices;
		if ( '' === $input ) {
			$notices->add( 'error', __( 'Enter an ASIN (e.g. B0DHS2V7ZB) or paste an Amazon product URL.', 'asa2-creators' ) );
			return ProductsScreen::url();
		}
		try {
			$row = $this->product_service->add( $input, $marketplace );
		} catch ( \Asa2\ValidationException $e ) {
			$notices->add( 'error', implode( ' ', array_merge( ...array_values( CoreMessages::errors( $e ) ) ) ) );
			return ProductsScreen::url();
		} catch ( NotConfiguredException $e ) {
			$notices->add( 'error', $e->getMessage() );
			return ProductsScreen::url();
		}
		if ( null === $row['item'] ) {
			$notices->add(
				'error',
				sprintf(
					/* translators: 1: ASIN, 2: country and code, 3: error message */
					__( 'Product %1$s (%2$s) was added, but its data could not be loaded: %3$s', 'asa2-creators' ),
					$row['asin'],
					ApiRouter::country( $row['marketplace'] ),
					$row['last_error']
				)
			);
		} elseif ( '' !== $row['last_error'] ) {
			$notices->add(
				'warning',
				sprintf(
					/* translators: 1: product title, 2: error message */
					__( 'Refreshing "%1$s" failed; its stored data is kept: %2$s', 'asa2-creators' ),
					(string) ( $row['item']['title'] ?? $row['asin'] ),
					$row['last_error']
				)
			);
		} else {
			$notices->add(
				'success',
				sprintf(
					/* translators: 1: product title, 2: API and version, e.g. "Creators API 2.2" */
					__( 'Product loaded: "%1$s" (via %2$s).', 'asa2-creators' ),
					(string) ( $row['item']['title'] ?? $row['asin'] ),
					ProductsListTable::source_label( $row )
				)
			);
		}
		return ProductsScreen::url( array( 'view' => 'product', 'id' => $row['id'] ) );
	}

	/**
	 * Bulk and row actions of the products table: refresh or delete.
	 *
	 * @param array $request Unslashed POST data: action/action2 (bulk select), product[] ids,
	 *                       or asa2_row_refresh / asa2_row_delete with one id.
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function bulk( array $request ): string {
		RequestGuard::check( self::BULK, $request );
		$ids    = array();
		$action = '';
		if ( isset( $request['asa2_row_refresh'] ) ) {
			$action = 'refresh';
			$ids    = array( absint( $request['asa2_row_refresh'] ) );
		} elseif ( isset( $request['asa2_row_delete'] ) ) {
			$action = 'delete';
			$ids    = array( absint( $request['asa2_row_delete'] ) );
		} else {
			foreach ( array( 'action', 'action2' ) as $field ) {
				$value = sanitize_key( RequestGuard::text( $request[ $field ] ?? '' ) );
				if ( in_array( $value, array( 'refresh', 'delete' ), true ) ) {
					$action = $value;
					break;
				}
			}
			$ids = array_map( 'absint', (array) ( $request['product'] ?? array() ) );
		}
		$ids = array_values( array_filter( $ids ) );
		if ( '' === $action || ! $ids ) {
			$this->notices->add( 'warning', __( 'Select one or more products and an action.', 'asa2-creators' ) );
			return ProductsScreen::url();
		}
		return 'delete' === $action ? $this->delete( $ids ) : $this->refresh( $ids );
	}

	/**
	 * Refreshes products: a few now, more in the background (BulkRefresh), whose progress
	 * ASA2 -> Products shows.
	 *
	 * @param list<int> $ids Row ids.
	 * @return string
	 */
	private function refresh( array $ids ): string {
		if ( BulkRefresh::in_background( count( $ids ) ) ) {
			$queued = $this->bulk_refresh->queue( $ids );
			$this->notices->add(
				'success',
				sprintf(
					/* translators: %s: number of products */
					_n( '%s product is queued for the background refresh, before every other; this screen shows how far it got.', '%s products are queued for the background refresh, before every other; this screen shows how far it got.', $queued, 'asa2-creators' ),
					number_format_i18n( $queued )
				)
			);
			return ProductsScreen::url();
		}
		$keys = array();
		foreach ( $ids as $id ) {
			$row = $this->products->get( $id );
			if ( null !== $row ) {
				$keys[] = array( $row['asin'], $row['marketplace'] );
			}
		}
		$result = $this->product_service->refresh( $keys );
		if ( $result['updated'] > 0 ) {
			$this->notices->add(
				'success',
				sprintf(
					/* translators: %d: number of products */
					_n( '%d product refreshed.', '%d products refreshed.', $result['updated'], 'asa2-creators' ),
					$result['updated']
				)
			);
		}
		if ( $result['failed'] ) {
			$details = array();
			foreach ( $result['failed'] as $key => $message ) {
				$details[] = str_replace( '|', ' (', $key ) . '): ' . $message;
			}
			$this->notices->add(
				'error',
				sprintf(
					/* translators: %d: number of products */
					_n( '%d product could not be refreshed; its stored data is kept.', '%d products could not be refreshed; their stored data is kept.', count( $result['failed'] ), 'asa2-creators' ),
					count( $result['failed'] )
				),
				array( 'details' => array_slice( $details, 0, 20 ) )
			);
		}
		return ProductsScreen::url();
	}

	/**
	 * Deletes products, with one statement however many.
	 *
	 * @param list<int> $ids Row ids.
	 * @return string
	 */
	private function delete( array $ids ): string {
		$deleted = $this->products->delete( $ids );
		$this->notices->add(
			'success',
			sprintf(
				/* translators: %s: number of products */
				_n( '%s product deleted.', '%s products deleted.', $deleted, 'asa2-creators' ),
				number_format_i18n( $deleted )
			)
		);
		return ProductsScreen::url();
	}
}
