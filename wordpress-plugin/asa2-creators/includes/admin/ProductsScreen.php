<?php
/**
 * ASA2 -> Products.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Cron\RefreshCapacity;
use Asa2\Creators\Plugin;
use Asa2\Creators\Products\ApiRouter;
use Asa2\Creators\Products\BulkRefresh;
use Asa2\Creators\Products\PaApiRetirement;
use Asa2\Creators\Products\ProductService;
use Asa2\Creators\Render\Shortcode;
use Asa2\Creators\Storage\ProductTable;
use Asa2\Marketplaces;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Page asa2-products: add a product by ASIN or Amazon URL, search Amazon by keywords and add
 * from the results, the stored products (refresh, delete) and a product's normalized data with
 * its shortcode ("Step 5: Test the Connection" of the setup guide).
 */
final class ProductsScreen {

	/** Menu slug. */
	public const SLUG = 'asa2-products';

	/** Fields of the product model in documentation order (docs: the product model). */
	public const MODEL_FIELDS = array( 'asin', 'marketplace', 'source', 'parent_asin', 'title', 'detail_page_url', 'brand', 'manufacturer', 'features', 'images', 'price', 'list_price', 'savings', 'availability', 'condition', 'merchant', 'is_buy_box_winner', 'violates_map', 'deal', 'browse_nodes', 'sales_rank', 'variation_attributes', 'customer_reviews', 'fetched_at' );

	/** @var ProductTable */
	private ProductTable $products;

	/** @var ProductService */
	private ProductService $product_service;

	/** @var ApiRouter */
	private ApiRouter $router;

	/** @var RefreshCapacity */
	private RefreshCapacity $capacity;

	/** @var BulkRefresh */
	private BulkRefresh $bulk_refresh;

	/** @var PaApiRetirement */
	private PaApiRetirement $retirement;

	/**
	 * @param ProductTable    $products        Stored products.
	 * @param ProductService  $product_service Product lookups (the search).
	 * @param ApiRouter       $router          Which API serves a marketplace.
	 * @param RefreshCapacity $capacity        Whether the background refresh keeps up.
	 * @param BulkRefresh     $bulk_refresh    Products queued for the background refresh.
	 * @param PaApiRetirement $retirement      Where PA-API's retirement struck.
	 */
	public function __construct( ProductTable $products, ProductService $product_service, ApiRouter $router, RefreshCapacity $capacity, BulkRefresh $bulk_refresh, PaApiRetirement $retirement ) {
		$this->products        = $products;
		$this->product_service = $product_service;
		$this->router          = $router;
		$this->capacity        = $capacity;
		$this->bulk_refresh    = $bulk_refresh;
		$this->retirement      = $retirement;
	}

	/**
	 * URL of this screen.
	 *
	 * @param array $args Extra query arguments.
	 * @return string
	 */
	public static function url( array $args = array() ): string {
		return add_query_arg( array_merge( array( 'page' => self::SLUG ), $args ), admin_url( 'admin.php' ) );
	}

	/**
	 * Whether the products table form was posted: it posts to this screen (its bulk action
	 * select is named "action", which admin-post.php would take for its own), and
	 * ProductActions::bulk() handles it before output.
	 *
	 * @return bool
	 */
	public static function table_posted(): bool {
		return 'POST' === ( $_SERVER['REQUEST_METHOD'] ?? '' ) && isset( $_POST['asa2_products_form'] ); // phpcs:ignore WordPress.Security.NonceVerification.Missing,WordPress.Security.ValidatedSanitizedInput -- only decides whether to run the handler, which checks the nonce.
	}

	/**
	 * Prints the screen.
	 */
	public function render(): void {
		if ( ! current_user_can( Plugin::CAPABILITY ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to access this page.', 'asa2-creators' ), 403 );
		}
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- read-only navigation.
		$view = isset( $_GET['view'] ) ? sanitize_key( wp_unslash( $_GET['view'] ) ) : '';
		$id   = isset( $_GET['id'] ) ? absint( $_GET['id'] ) : 0;
		// phpcs:enable WordPress.Security.NonceVerification.Recommended
		echo '<div class="wrap asa2-wrap asa2-products">';
		if ( 'product' === $view ) {
			$this->render_product( $id );
		} else {
			$this->render_list();
		}
		echo '</div>';
	}

	/**
	 * Add form, search, and the table.
	 */
	private function render_list(): void {
		echo '<h1 class="wp-heading-inline">' . esc_html__( 'ASA2 Products', 'asa2-creators' ) . '</h1><hr class="wp-header-end" />';
		echo '<p class="asa2-intro">' . esc_html__( 'Products are loaded from Amazon here and stored; your pages show the stored data and never wait for Amazon. Each marketplace uses the Creators API when it has Creators API credentials, otherwise PA-API 5.0.', 'asa2-creators' ) . '</p>';

		$this->render_routes();
		echo PaApiMove::retired_notice( array_keys( $this->retirement->refused() ) ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- retired_notice escapes.
		$this->render_capacity();
		$this->render_bulk_refresh();

		echo '<div class="asa2-product-forms">';
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="asa2-card asa2-add-product" id="asa2-add-product">';
		RequestGuard::fields( ProductActions::ADD );
		echo '<h2>' . esc_html__( 'Add Product', 'asa2-creators' ) . '</h2>';
		echo '<p><label for="asa2-product-input">' . esc_html__( 'ASIN or Amazon product URL', 'asa2-creators' ) . '</label><br />';
		echo '<input type="text" class="regular-text code" name="asa2[input]" id="asa2-product-input" placeholder="B0DHS2V7ZB or https://www.amazon.de/dp/B0DHS2V7ZB" autocomplete="off" spellcheck="false" required /></p>';
		echo '<p><label for="asa2-product-marketplace">' . esc_html__( 'Marketplace', 'asa2-creators' ) . '</label><br />';
		$this->marketplace_select( 'asa2[marketplace]', 'asa2-product-marketplace', '', __( 'From the URL, else the default', 'asa2-creators' ) );
		echo '</p>';
		submit_button( __( 'Add Product', 'asa2-creators' ), 'primary', 'submit', false );
		echo '</form>';

		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- a search only reads.
		$keywords = isset( $_GET['keywords'] ) ? sanitize_text_field( wp_unslash( $_GET['keywords'] ) ) : '';
		$search_mp = isset( $_GET['search_marketplace'] ) ? strtoupper( sanitize_key( wp_unslash( $_GET['search_marketplace'] ) ) ) : '';
		// phpcs:enable WordPress.Security.NonceVerification.Recommended
		echo '<form method="get" action="' . esc_url( admin_url( 'admin.php' ) ) . '" class="asa2-card asa2-search-products" id="asa2-search-products">';
		echo '<input type="hidden" name="page" value="' . esc_attr( self::SLUG ) . '" />';
		echo '<h2>' . esc_html__( 'Search Amazon', 'asa2-creators' ) . '</h2>';
		echo '<p><label for="asa2-keywords">' . esc_html__( 'Keywords', 'asa2-creators' ) . '</label><br />';
		echo '<input type="search" class="regular-text" name="keywords" id="asa2-keywords" value="' . esc_attr( $keywords ) . '" placeholder="' . esc_attr__( 'e.g. coffee grinder', 'asa2-creators' ) . '" required /></p>';
		echo '<p><label for="asa2-search-marketplace">' . esc_html__( 'Marketplace', 'asa2-creators' ) . '</label><br />';
		$this->marketplace_select( 'search_marketplace', 'asa2-search-marketplace', $search_mp, __( 'Default marketplace', 'asa2-creators' ) );
		echo '</p>';
		submit_button( __( 'Search', 'asa2-creators' ), 'secondary', '', false );
		echo '</form></div>';

		if ( '' !== $keywords ) {
			$this->render_search_results( $keywords, $search_mp );
		}

		echo '<h2 class="asa2-section-title">' . esc_html__( 'Stored Products', 'asa2-creators' ) . '</h2>';
		$table = new ProductsListTable( $this->products );
		$table->prepare_items();
		// The search and the filters above the table (the table's selects name this form).
		echo '<form method="get" action="' . esc_url( admin_url( 'admin.php' ) ) . '" class="asa2-products-search-box" id="asa2-products-filter"><input type="hidden" name="page" value="' . esc_attr( self::SLUG ) . '" />';
		// search_box() keeps the sort order across a search (hidden orderby and order fields).
		$table->search_box( __( 'Search stored products (ASIN or title words)', 'asa2-creators' ), 'asa2-products' );
		echo '</form>';
		echo '<form method="post" action="' . esc_url( self::url() ) . '" id="asa2-products-form">';
		echo '<input type="hidden" name="asa2_products_form" value="1" />';
		wp_nonce_field( ProductActions::BULK, RequestGuard::NONCE_FIELD );
		$table->display();
		echo '</form>';
	}

	/**
	 * Which API serves each marketplace.
	 */
	private function render_routes(): void {
		$creators = $this->router->creators_marketplaces();
		$paapi    = $this->router->paapi_configured();
		$default  = $this->router->default_marketplace();
		if ( ! $creators && ! $paapi ) {
			echo '<div class="notice notice-warning inline"><p>' . esc_html__( 'No Amazon API is set up yet, so products cannot be loaded. Add your Creators API credentials in ASA2 → Setup → Amazon Creators API → + Add Marketplace.', 'asa2-creators' ) . ' <a href="' . esc_url( SetupScreen::url() ) . '">' . esc_html__( 'Open ASA2 Setup', 'asa2-creators' ) . '</a></p></div>';
			return;
		}
		$parts = array();
		foreach ( $creators as $code => $record ) {
			/* translators: 1: marketplace code, 2: API version */
			$parts[] = sprintf( __( '%1$s: Creators API %2$s', 'asa2-creators' ), $code, $record['api_version'] ) . ( $code === $default ? ' ★' : '' );
		}
		if ( $paapi ) {
			$parts[] = __( 'other marketplaces: PA-API 5.0', 'asa2-creators' );
		}
		echo '<p class="asa2-routes"><span class="dashicons dashicons-randomize" aria-hidden="true"></span> ' . esc_html( implode( ' · ', $parts ) ) . '</p>';
	}

	/**
	 * What the request quota keeps fresh; a warning when the background refresh cannot keep
	 * every product within the interval.
	 */
	private function render_capacity(): void {
		$capacity = $this->capacity->assess();
		if ( 'good' === $capacity['status'] ) {
			if ( '' === RefreshCapacity::quota_summary( $capacity['quota'] ) ) {
				return;
			}
			echo '<p class="asa2-refresh-capacity asa2-capacity-good" id="asa2-refresh-capacity"><span class="dashicons dashicons-update" aria-hidden="true"></span> ' . esc_html( RefreshCapacity::quota_summary( $capacity['quota'] ) ) . ' <a href="' . esc_url( OptionsScreen::url( array( 'tab' => ProductsSettingsTab::TAB ) ) ) . '">' . esc_html__( 'Request quota per credential', 'asa2-creators' ) . '</a></p>';
			return;
		}
		$text  = RefreshCapacity::explain( $capacity );
		$class = 'critical' === $capacity['status'] ? 'notice-error' : 'notice-warning';
		echo '<div class="notice ' . esc_attr( $class ) . ' inline asa2-refresh-capacity" id="asa2-refresh-capacity"><p><strong>' . esc_html( $text['label'] ) . '</strong></p><ul>';
		foreach ( $text['lines'] as $line ) {
			echo '<li>' . esc_html( $line ) . '</li>';
		}
		echo '</ul><p><a href="' . esc_url( OptionsScreen::url( array( 'tab' => ProductsSettingsTab::TAB ) ) ) . '">' . esc_html__( 'Open ASA2 Options → Products', 'asa2-creators' ) . '</a></p></div>';
	}

	/**
	 * How far the background refresh of the products queued from this screen got; once it is
	 * done, that is said once.
	 */
	private function render_bulk_refresh(): void {
		$progress = $this->bulk_refresh->progress();
		if ( null === $progress ) {
			return;
		}
		$failed = $progress['failed'] > 0
			? ' ' . sprintf(
				/* translators: %s: number of products */
				_n( '%s of them could not be refreshed; its stored data is kept (filter by "Last refresh failed" to see it).', '%s of them could not be refreshed; their stored data is kept (filter by "Last refresh failed" to see them).', $progress['failed'], 'asa2-creators' ),
				number_format_i18n( $progress['failed'] )
			)
			: '';
		if ( $progress['done'] >= $progress['total'] ) {
			$this->bulk_refresh->forget();
			echo '<div class="notice notice-success inline asa2-bulk-refresh" id="asa2-bulk-refresh"><p>' . esc_html(
				sprintf(
					/* translators: %s: number of products */
					_n( 'The %s product queued for refresh was refreshed in the background.', 'The %s products queued for refresh were refreshed in the background.', $progress['total'], 'asa2-creators' ),
					number_format_i18n( $progress['total'] )
				) . $failed
			) . '</p></div>';
			return;
		}
		echo '<div class="notice notice-info inline asa2-bulk-refresh" id="asa2-bulk-refresh"><p><strong>' . esc_html(
			sprintf(
				/* translators: 1: products refreshed so far, 2: products queued */
				__( '%1$s of %2$s queued products refreshed.', 'asa2-creators' ),
				number_format_i18n( $progress['done'] ),
				number_format_i18n( $progress['total'] )
			)
		) . '</strong> <progress max="' . esc_attr( (string) $progress['total'] ) . '" value="' . esc_attr( (string) $progress['done'] ) . '"></progress></p><p>' . esc_html(
			__( 'The background refresh takes them before every other product; reload this page to see how far it got.', 'asa2-creators' ) . $failed
		) . ' <a href="' . esc_url( self::url() ) . '">' . esc_html__( 'Reload', 'asa2-creators' ) . '</a></p></div>';
	}

	/**
	 * Search results with an Add button each.
	 *
	 * @param string $keywords    Keywords.
	 * @param string $marketplace Marketplace code or ''.
	 */
	private function render_search_results( string $keywords, string $marketplace ): void {
		$result = $this->product_service->search( $keywords, $marketplace );
		echo '<div class="asa2-search-results" id="asa2-search-results"><h2 class="asa2-section-title">' . esc_html(
			sprintf(
				/* translators: 1: keywords, 2: marketplace code, 3: API label */
				__( 'Results for "%1$s" on %2$s %3$s', 'asa2-creators' ),
				$keywords,
				$result['marketplace'],
				'' !== $result['api'] ? '(' . $result['api'] . ')' : ''
			)
		) . '</h2>';
		if ( '' !== $result['error'] ) {
			echo '<div class="notice notice-error inline"><p>' . esc_html( $result['error'] ) . '</p></div></div>';
			return;
		}
		echo '<table class="widefat striped asa2-table asa2-results-table"><thead><tr><th class="column-image"></th><th>' . esc_html__( 'Product', 'asa2-creators' ) . '</th><th>' . esc_html__( 'Price', 'asa2-creators' ) . '</th><th>' . esc_html__( 'Add', 'asa2-creators' ) . '</th></tr></thead><tbody>';
		foreach ( $result['items'] as $item ) {
			$asin  = (string) ( $item['asin'] ?? '' );
			$image = (string) ( $item['images']['primary']['small']['url'] ?? '' );
			$code  = (string) ( $item['marketplace'] ?? $result['marketplace'] );
			echo '<tr><td class="column-image">' . ( '' !== $image ? '<img class="asa2-thumb" src="' . esc_url( $image ) . '" alt="" loading="lazy" />' : '' ) . '</td>';
			echo '<td><strong>' . esc_html( (string) ( $item['title'] ?? $asin ) ) . '</strong><div class="asa2-asin"><code>' . esc_html( $asin ) . '</code></div></td>';
			echo '<td>' . esc_html( (string) ( $item['price']['display'] ?? '—' ) ) . '</td><td>';
			$stored = $this->products->find( $asin, $code );
			if ( null !== $stored && null !== $stored['item'] ) {
				echo '<a href="' . esc_url( self::url( array( 'view' => 'product', 'id' => $stored['id'] ) ) ) . '">' . esc_html__( 'Added', 'asa2-creators' ) . '</a>';
			} else {
				echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="asa2-inline-form">';
				RequestGuard::fields( ProductActions::ADD );
				echo '<input type="hidden" name="asa2[input]" value="' . esc_attr( $asin ) . '" /><input type="hidden" name="asa2[marketplace]" value="' . esc_attr( $code ) . '" />';
				echo '<button type="submit" class="button button-small">' . esc_html__( 'Add', 'asa2-creators' ) . '</button></form>';
			}
			echo '</td></tr>';
		}
		if ( ! $result['items'] ) {
			echo '<tr><td colspan="4">' . esc_html__( 'Amazon found no products for these keywords.', 'asa2-creators' ) . '</td></tr>';
		}
		echo '</tbody></table></div>';
	}

	/**
	 * One product's normalized data and shortcode.
	 *
	 * @param int $id Row id.
	 */
	private function render_product( int $id ): void {
		$row = $this->products->get( $id );
		echo '<h1 class="wp-heading-inline">' . esc_html__( 'Product Data', 'asa2-creators' ) . '</h1> <a class="page-title-action" href="' . esc_url( self::url() ) . '">' . esc_html__( 'All Products', 'asa2-creators' ) . '</a><hr class="wp-header-end" />';
		if ( null === $row ) {
			echo '<div class="notice notice-error inline"><p>' . esc_html__( 'This product is no longer stored.', 'asa2-creators' ) . '</p></div>';
			return;
		}
		$item  = $row['item'];
		$title = (string) ( $item['title'] ?? $row['asin'] );
		echo '<div class="asa2-product-head asa2-card">';
		$image = (string) ( $item['images']['primary']['medium']['url'] ?? '' );
		if ( '' !== $image ) {
			echo '<img class="asa2-product-image" src="' . esc_url( $image ) . '" alt="" />';
		}
		echo '<div class="asa2-product-summary"><h2>' . esc_html( $title ) . '</h2>';
		echo '<p><span class="asa2-code">' . esc_html( $row['asin'] ) . '</span> · ' . esc_html( ApiRouter::country( $row['marketplace'] ) );
		$label = ProductsListTable::source_label( $row );
		if ( '' !== $label ) {
			echo ' · <span class="asa2-source asa2-source-' . esc_attr( $row['source_api'] ) . '">' . esc_html(
				sprintf(
					/* translators: %s: API and version, e.g. "Creators API 2.2" */
					__( 'served by %s', 'asa2-creators' ),
					$label
				)
			) . '</span>';
		}
		echo '</p><p class="asa2-muted">' . esc_html__( 'Fetched:', 'asa2-creators' ) . ' ' . ProductsListTable::time_html( $row['fetched_at'] ) . ' · ' . esc_html__( 'Last refresh:', 'asa2-creators' ) . ' ' . ProductsListTable::time_html( $row['refreshed_at'] ) . '</p>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- time_html escapes.
		if ( PaApiRetirement::ERROR_CODE === $row['error_code'] && isset( $this->retirement->refused()[ $row['marketplace'] ] ) ) {
			echo PaApiMove::retired_notice( array( $row['marketplace'] ) ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- retired_notice escapes.
		} elseif ( '' !== $row['last_error'] ) {
			echo '<div class="notice notice-error inline asa2-product-last-error"><p><strong>' . esc_html( $row['error_code'] ) . '</strong> ' . esc_html( $row['last_error'] ) . '</p>' . ( null !== $item ? '<p>' . esc_html__( 'The data below is from the last successful refresh and is still shown on your site.', 'asa2-creators' ) . '</p>' : '' ) . '</div>';
		}
		$shortcode = Shortcode::for_product( $row['asin'], $row['marketplace'] );
		echo '<p><label for="asa2-shortcode"><strong>' . esc_html__( 'Shortcode', 'asa2-creators' ) . '</strong></label><br /><input type="text" readonly class="large-text code asa2-shortcode" id="asa2-shortcode" value="' . esc_attr( $shortcode ) . '" onfocus="this.select()" /></p>';
		echo '<form method="post" action="' . esc_url( self::url() ) . '" class="asa2-inline-form"><input type="hidden" name="asa2_products_form" value="1" />';
		wp_nonce_field( ProductActions::BULK, RequestGuard::NONCE_FIELD );
		echo '<button type="submit" class="button" name="asa2_row_refresh" value="' . esc_attr( (string) $row['id'] ) . '">' . esc_html__( 'Refresh Now', 'asa2-creators' ) . '</button></form>';
		echo '</div></div>';

		if ( null === $item ) {
			echo '<p>' . esc_html__( 'No product data is stored yet.', 'asa2-creators' ) . '</p>';
			return;
		}
		echo '<h2 class="asa2-section-title">' . esc_html__( 'Normalized Product Data', 'asa2-creators' ) . '</h2>';
		echo '<p class="asa2-intro">' . esc_html__( 'The same fields for both APIs; empty fields were not returned by Amazon for this product.', 'asa2-creators' ) . '</p>';
		echo '<table class="widefat striped asa2-product-data" id="asa2-product-data"><tbody>';
		$fields = array_values( array_unique( array_merge( self::MODEL_FIELDS, array_keys( $item ) ) ) );
		foreach ( $fields as $field ) {
			echo '<tr data-field="' . esc_attr( $field ) . '"><th scope="row"><code>' . esc_html( $field ) . '</code></th><td>' . $this->value_html( $item[ $field ] ?? null, $field ) . '</td></tr>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- value_html escapes.
		}
		echo '</tbody></table>';
		echo '<details class="asa2-raw"><summary>' . esc_html__( 'Raw JSON', 'asa2-creators' ) . '</summary><pre>' . esc_html( (string) wp_json_encode( $item, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) ) . '</pre></details>';
	}

	/**
	 * One field's value, escaped.
	 *
	 * @param mixed  $value Value.
	 * @param string $field Field name.
	 * @return string
	 */
	private function value_html( $value, string $field ): string {
		if ( null === $value || array() === $value || '' === $value ) {
			return '<span class="asa2-muted">' . esc_html__( 'not returned', 'asa2-creators' ) . '</span>';
		}
		if ( is_bool( $value ) ) {
			return esc_html( $value ? 'true' : 'false' );
		}
		if ( 'fetched_at' === $field && is_int( $value ) ) {
			return esc_html( $value . ' (' . wp_date( 'Y-m-d H:i:s', $value ) . ')' );
		}
		if ( is_scalar( $value ) ) {
			$text = (string) $value;
			return preg_match( '#^https?://#', $text ) ? '<a href="' . esc_url( $text ) . '" rel="noopener noreferrer" target="_blank">' . esc_html( $text ) . '</a>' : esc_html( $text );
		}
		if ( 'features' === $field && array_is_list( $value ) ) {
			return '<ul class="asa2-features">' . implode( '', array_map( static fn( $f ): string => '<li>' . esc_html( is_scalar( $f ) ? (string) $f : (string) wp_json_encode( $f ) ) . '</li>', $value ) ) . '</ul>';
		}
		return '<pre class="asa2-json">' . esc_html( (string) wp_json_encode( $value, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) ) . '</pre>';
	}

	/**
	 * A marketplace select showing which API serves each.
	 *
	 * @param string $name     Field name.
	 * @param string $id       Element id.
	 * @param string $selected Selected code.
	 * @param string $empty    Label of the empty choice.
	 */
	private function marketplace_select( string $name, string $id, string $selected, string $empty ): void {
		echo '<select name="' . esc_attr( $name ) . '" id="' . esc_attr( $id ) . '"><option value="">' . esc_html( $empty ) . '</option>';
		foreach ( Marketplaces::all() as $code => $marketplace ) {
			$api = $this->router->api_label( (string) $code ) ?? __( 'not set up', 'asa2-creators' );
			printf( '<option value="%1$s"%2$s>%3$s (%1$s) – %4$s</option>', esc_attr( $code ), selected( $selected, $code, false ), esc_html( CoreMessages::country( $marketplace['code'] ) ), esc_html( $api ) );
		}
		echo '</select>';
	}
}
