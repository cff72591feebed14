<?php
/**
 * The stored products table of ASA2 -> Products.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Api\AmazonApi;
use Asa2\Creators\Clock;
use Asa2\Creators\Storage\ProductFilter;
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
 * last refresh and the last error. Search by ASIN or title words, filters by marketplace and
 * status, sort by last refresh (ProductFilter; every one served by an index of ProductTable).
 * Bulk actions: refresh, delete.
 */
final class ProductsListTable extends \WP_List_Table {

	/** Rows per page unless the user chose otherwise (Screen Options). */
	private const PER_PAGE = 20;

	/** User option of the rows per page (Screen Options). */
	public const PER_PAGE_OPTION = 'asa2_products_per_page';

	/**
	 * Most rows per page: a form of that many checked rows stays within PHP's default
	 * max_input_vars (1,000); more products are selected page by page.
	 */
	public const MAX_PER_PAGE = 500;

	/** @var ProductTable */
	private ProductTable $products;

	/** @var ProductFilter|null The request's search, filters and order, read once. */
	private ?ProductFilter $filter = null;

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
		$filter                = $this->filter();
		$this->_column_headers = array( $this->get_columns(), array(), $this->get_sortable_columns(), 'title' );
		$per_page              = self::per_page( $this->get_items_per_page( self::PER_PAGE_OPTION, self::PER_PAGE ) );
		$this->items           = $this->products->page( $per_page, $this->get_pagenum(), $filter );
		$this->set_pagination_args(
			array(
				'total_items' => $this->products->count( $filter ),
				'per_page'    => $per_page,
			)
		);
	}

	/**
	 * Rows per page as a user may choose them: 1 to MAX_PER_PAGE.
	 *
	 * @param mixed $value Chosen value.
	 * @return int
	 */
	public static function per_page( $value ): int {
		return max( 1, min( self::MAX_PER_PAGE, absint( $value ) ) );
	}

	/**
	 * Sortable columns: the last refresh.
	 *
	 * @return array<string, array{0: string, 1: bool}>
	 */
	protected function get_sortable_columns() {
		return array( 'refreshed' => array( ProductFilter::ORDER_REFRESHED, false ) );
	}

	/**
	 * The search, filters and order of the request.
	 *
	 * @return ProductFilter
	 */
	private function filter(): ProductFilter {
		if ( null !== $this->filter ) {
			return $this->filter;
		}
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- read-only filters.
		$read = static fn( string $key ): string => isset( $_GET[ $key ] ) && is_string( $_GET[ $key ] ) ? sanitize_text_field( wp_unslash( $_GET[ $key ] ) ) : '';
		// phpcs:enable WordPress.Security.NonceVerification.Recommended
		$this->filter = new ProductFilter( $read( 's' ), $read( 'marketplace' ), sanitize_key( $read( 'status' ) ), sanitize_key( $read( 'orderby' ) ), sanitize_key( $read( 'order' ) ) );
		return $this->filter;
	}

	/**
	 * The marketplace and status filters above the table.
	 *
	 * @param string $which 'top' or 'bottom'.
	 */
	protected function extra_tablenav( $which ) {
		if ( 'top' !== $which ) {
			return;
		}
		$filter = $this->filter();
		echo '<div class="alignleft actions asa2-products-filters">';
		echo '<label class="screen-reader-text" for="asa2-filter-marketplace">' . esc_html__( 'Filter by marketplace', 'asa2-creators' ) . '</label>';
		echo '<select name="marketplace" id="asa2-filter-marketplace" form="asa2-products-filter"><option value="">' . esc_html__( 'All marketplaces', 'asa2-creators' ) . '</option>';
		foreach ( Marketplaces::all() as $code => $marketplace ) {
			printf( '<option value="%1$s"%2$s>%1$s %3$s</option>', esc_attr( (string) $code ), selected( $filter->marketplace, (string) $code, false ), esc_html( CoreMessages::country( (string) $code ) ) );
		}
		echo '</select>';
		$statuses = array(
			ProductFilter::STATUS_OK         => __( 'Loaded', 'asa2-creators' ),
			ProductFilter::STATUS_ERROR      => __( 'Last refresh failed', 'asa2-creators' ),
			ProductFilter::STATUS_NOT_LOADED => __( 'Not loaded yet', 'asa2-creators' ),
		);
		echo '<label class="screen-reader-text" for="asa2-filter-status">' . esc_html__( 'Filter by status', 'asa2-creators' ) . '</label>';
		echo '<select name="status" id="asa2-filter-status" form="asa2-products-filter"><option value="">' . esc_html__( 'All statuses', 'asa2-creators' ) . '</option>';
		foreach ( $statuses as $value => $label ) {
			printf( '<option value="%1$s"%2$s>%3$s</option>', esc_attr( $value ), selected( $filter->status, $value, false ), esc_html( $label ) );
		}
		echo '</select>';
		echo '<button type="submit" class="button" form="asa2-products-filter" id="asa2-filter-submit">' . esc_html__( 'Filter', 'asa2-creators' ) . '</button>';
		echo '</div>';
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
		$country = CoreMessages::country( (string) $item['marketplace'], '' );
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
		if ( $item['refreshed_at'] <= 0 && null !== $item['item'] ) {
			// Loaded, and marked due by a bulk refresh (a refresh always records its time).
			return '<span class="asa2-muted asa2-queued">' . esc_html__( 'queued for refresh', 'asa2-creators' ) . '</span>';
		}
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
