<?php
/**
 * The stored products table of ASA2 -> Products.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\Api\AmazonApi;
use Asa2\Creators\Clock;
use Asa2\Creators\Storage\ProductTable;
use Asa2\Marketplaces;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

if ( ! class_exists( '\WP_List_Table' ) ) {
	require_once ABSPATH . 'wp-admin/includes/class-wp-list-table.php';
}

/**
 * Image, title, price, availability, marketplace, the API (and version) that served the data,
 * last refresh and the last error. Bulk actions: refresh, delete.
 */
final class ProductsListTable extends \WP_List_Table {

	/** Rows per page. */
	private const PER_PAGE = 20;

	/** @var ProductTable */
	private ProductTable $products;

	/**
	 * @param ProductTable $products Stored products.
	 */
	public function __construct( ProductTable $products ) {
		$this->products = $products;
		parent::__construct(
			array(
				'singular' => 'product',
				'plural'   => 'products',
				'ajax'     => false,
				'screen'   => 'asa2_page_' . ProductsScreen::SLUG,
			)
		);
	}

	/**
	 * "Creators API 2.2" / "PA-API 5.0" for a stored row.
	 *
	 * @param array $row Stored row.
	 * @return string
	 */
	public static function source_label( array $row ): string {
		if ( '' === $row['source_api'] ) {
			return '';
		}
		return ( AmazonApi::of( (string) $row['source_api'] ) ?? AmazonApi::Creators )->label( $row['source_version'] );
	}

	/**
	 * Columns.
	 *
	 * @return array<string, string>
	 */
	public function get_columns() {
		return array(
			'cb'           => '<input type="checkbox" />',
			'image'        => '<span class="screen-reader-text">' . esc_html__( 'Image', 'asa2-creators' ) . '</span>',
			'title'        => __( 'Product', 'asa2-creators' ),
			'price'        => __( 'Price', 'asa2-creators' ),
			'availability' => __( 'Availability', 'asa2-creators' ),
			'marketplace'  => __( 'Marketplace', 'asa2-creators' ),
			'source'       => __( 'Served By', 'asa2-creators' ),
			'refreshed'    => __( 'Last Refreshed', 'asa2-creators' ),
		);
	}

	/**
	 * Loads one page.
	 */
	public function prepare_items() {
		$search                = $this->search();
		$this->_column_headers = array( $this->get_columns(), array(), array(), 'title' );
		$this->items           = $this->products->page( self::PER_PAGE, $this->get_pagenum(), $search );
		$this->set_pagination_args(
			array(
				'total_items' => $this->products->count( $search ),
				'per_page'    => self::PER_PAGE,
			)
		);
	}

	/**
	 * The search box text.
	 *
	 * @return string
	 */
	private function search(): string {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- read-only filter.
		return isset( $_GET['s'] ) ? sanitize_text_field( wp_unslash( $_GET['s'] ) ) : '';
	}

	/**
	 * Bulk actions.
	 *
	 * @return array<string, string>
	 */
	protected function get_bulk_actions() {
		return array(
			'refresh' => __( 'Refresh', 'asa2-creators' ),
			'delete'  => __( 'Delete', 'asa2-creators' ),
		);
	}

	/**
	 * Table classes.
	 *
	 * @return array
	 */
	protected function get_table_classes() {
		return array( 'widefat', 'fixed', 'striped', 'asa2-table', 'asa2-products-table' );
	}

	/**
	 * Empty state.
	 */
	public function no_items() {
		esc_html_e( 'No products yet. Add one above by ASIN or Amazon product URL, or search Amazon by keywords.', 'asa2-creators' );
	}

	/**
	 * Checkbox.
	 *
	 * @param array $item Row.
	 * @return string
	 */
	protected function column_cb( $item ) {
		return '<input type="checkbox" name="product[]" value="' . esc_attr( (string) $item['id'] ) . '" id="asa2-product-' . esc_attr( (string) $item['id'] ) . '" /><label class="screen-reader-text" for="asa2-product-' . esc_attr( (string) $item['id'] ) . '">' . esc_html__( 'Select product', 'asa2-creators' ) . '</label>';
	}

	/**
	 * Image.
	 *
	 * @param array $item Row.
	 * @return string
	 */
	protected function column_image( $item ) {
		$url = (string) ( $item['item']['images']['primary']['small']['url'] ?? $item['item']['images']['primary']['medium']['url'] ?? '' );
		if ( '' === $url ) {
			return '<span class="asa2-thumb asa2-thumb-empty dashicons dashicons-format-image" aria-hidden="true"></span>';
		}
		return '<img class="asa2-thumb" src="' . esc_url( $url ) . '" alt="" loading="lazy" />';
	}

	/**
	 * Title with the row actions.
	 *
	 * @param array $item Row.
	 * @return string
	 */
	protected function column_title( $item ) {
		$title = (string) ( $item['item']['title'] ?? '' );
		$view  = ProductsScreen::url( array( 'view' => 'product', 'id' => $item['id'] ) );
		$out   = '<strong><a class="row-title" href="' . esc_url( $view ) . '">' . esc_html( '' !== $title ? $title : __( '(not loaded yet)', 'asa2-creators' ) ) . '</a></strong>';
		$out  .= '<div class="asa2-asin"><code>' . esc_html( $item['asin'] ) . '</code></div>';
		if ( '' !== $item['last_error'] ) {
			$out .= '<p class="asa2-product-error"><span class="dashicons dashicons-warning" aria-hidden="true"></span> <strong>' . esc_html( $item['error_code'] ) . '</strong> ' . esc_html( $item['last_error'] ) . '</p>';
		}
		$actions = array(
			'view'    => '<a href="' . esc_url( $view ) . '">' . esc_html__( 'View data', 'asa2-creators' ) . '</a>',
			'refresh' => '<button type="submit" class="button-link" name="asa2_row_refresh" value="' . esc_attr( (string) $item['id'] ) . '">' . esc_html__( 'Refresh', 'asa2-creators' ) . '</button>',
			'delete'  => '<button type="submit" class="button-link asa2-link-delete" name="asa2_row_delete" value="' . esc_attr( (string) $item['id'] ) . '">' . esc_html__( 'Delete', 'asa2-creators' ) . '</button>',
		);
		return $out . $this->row_actions( $actions );
	}

	/**
	 * Price (as stored; hidden on the site once older than 24 hours).
	 *
	 * @param array $item Row.
	 * @return string
	 */
	protected function column_price( $item ) {
		$price = (string) ( $item['item']['price']['display'] ?? '' );
		if ( '' === $price ) {
			return '&mdash;';
		}
		$old = Clock::now() - $item['fetched_at'] > DAY_IN_SECONDS;
		return esc_html( $price ) . ( $old ? '<div class="asa2-muted">' . esc_html__( 'older than 24 h: hidden on the site', 'asa2-creators' ) . '</div>' : '' );
	}

	/**
	 * Availability.
	 *
	 * @param array $item Row.
	 * @return string
	 */
	protected function column_availability( $item ) {
		$availability = $item['item']['availability'] ?? null;
		if ( ! is_array( $availability ) ) {
			return '&mdash;';
		}
		$type = (string) ( $availability['type'] ?? '' );
		return '<span class="asa2-availability asa2-availability-' . esc_attr( strtolower( $type ) ) . '">' . esc_html( (string) ( $availability['message'] ?? $type ) ) . '</span>';
	}

	/**
	 * Marketplace.
	 *
	 * @param array $item Row.
	 * @return string
	 */
	protected function column_marketplace( $item ) {
		$country = Marketplaces::find( $item['marketplace'] )['country'] ?? '';
		return '<span class="asa2-code">' . esc_html( $item['marketplace'] ) . '</span> <span class="asa2-muted">' . esc_html( $country ) . '</span>';
	}

	/**
	 * API and version.
	 *
	 * @param array $item Row.
	 * @return string
	 */
	protected function column_source( $item ) {
		$label = self::source_label( $item );
		return '' === $label ? '&mdash;' : '<span class="asa2-source asa2-source-' . esc_attr( $item['source_api'] ) . '">' . esc_html( $label ) . '</span>';
	}

	/**
	 * Last refresh.
	 *
	 * @param array $item Row.
	 * @return string
	 */
	protected function column_refreshed( $item ) {
		return self::time_html( $item['refreshed_at'] );
	}

	/**
	 * A time with "x ago".
	 *
	 * @param int $time Unix time.
	 * @return string
	 */
	public static function time_html( int $time ): string {
		if ( $time <= 0 ) {
			return '<span class="asa2-muted">' . esc_html__( 'never', 'asa2-creators' ) . '</span>';
		}
		return '<time datetime="' . esc_attr( gmdate( 'c', $time ) ) . '" title="' . esc_attr( wp_date( 'Y-m-d H:i:s', $time ) ) . '">' . esc_html(
			sprintf(
				/* translators: %s: human time difference, e.g. "5 mins" */
				__( '%s ago', 'asa2-creators' ),
				human_time_diff( $time, max( $time, Clock::now() ) )
			)
		) . '</time>';
	}
}
