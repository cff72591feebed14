<?php
/**
 * GET /asa2/v1/products: the stored products, for the block editor's product picker.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Rest;

use Asa2\Creators\CoreMessages;
use Asa2\Asin;
use Asa2\Creators\Storage\ProductFilter;
use Asa2\Creators\Storage\ProductTable;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Searches the products table by ASIN or title and answers what a picker shows of each product:
 * ASIN, marketplace, title, image and whether its data is loaded. Stored data only: it never
 * calls Amazon, and it never sends tracking IDs, links or credentials.
 *
 * An ASIN or an Amazon product URL (read by Asin::parse(), the rule the shortcode and
 * ASA2 → Products use) finds that product; a URL also tells the marketplace. Such a product
 * that is not stored yet is still listed, with `loaded` false, so it can be picked and is then
 * loaded in the background.
 */
final class ProductSearchRoute {

	/** REST namespace. */
	public const NAMESPACE = 'asa2/v1';

	/** Route inside the namespace. */
	public const ROUTE = '/products';

	/** Results per request unless per_page says otherwise. */
	public const DEFAULT_PER_PAGE = 10;

	/** Most results per request. */
	public const MAX_PER_PAGE = 50;

	/** @var ProductTable */
	private ProductTable $products;

	/**
	 * @param ProductTable $products Stored products.
	 */
	public function __construct( ProductTable $products ) {
		$this->products = $products;
	}

	/**
	 * Registers the route (rest_api_init).
	 */
	public function register(): void {
		register_rest_route(
			self::NAMESPACE,
			self::ROUTE,
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'search' ),
					'permission_callback' => array( $this, 'can_search' ),
					'args'                => array(
						'search'   => array(
							'description'       => __( 'Part of an ASIN or a product title, an ASIN, or an Amazon product URL. Empty lists the newest products.', 'asa2-creators' ),
							'type'              => 'string',
							'default'           => '',
							'maxLength'         => 2000,
							'validate_callback' => 'rest_validate_request_arg',
							'sanitize_callback' => static fn( $value ): string => trim( wp_check_invalid_utf8( (string) $value ) ),
						),
						'per_page' => array(
							'description'       => __( 'Most products to answer.', 'asa2-creators' ),
							'type'              => 'integer',
							'default'           => self::DEFAULT_PER_PAGE,
							'minimum'           => 1,
							'maximum'           => self::MAX_PER_PAGE,
							'validate_callback' => 'rest_validate_request_arg',
							'sanitize_callback' => 'absint',
						),
					),
				),
				'schema' => array( $this, 'schema' ),
			)
		);
	}

	/**
	 * Whoever can write posts can pick products for them.
	 *
	 * @return bool|WP_Error
	 */
	public function can_search() {
		if ( current_user_can( 'edit_posts' ) ) {
			return true;
		}
		return new WP_Error(
			'rest_forbidden',
			__( 'Sorry, only people who can edit posts can search the ASA2 products.', 'asa2-creators' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * The products matching the request.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function search( WP_REST_Request $request ) {
		$search   = (string) $request->get_param( 'search' );
		$per_page = max( 1, min( self::MAX_PER_PAGE, (int) $request->get_param( 'per_page' ) ) );

		$parsed = null;
		if ( '' !== $search ) {
			try {
				$parsed = Asin::parse( $search );
			} catch ( \Asa2\ValidationException $e ) {
				if ( self::looks_like_url( $search ) ) {
					return new WP_Error( 'asa2_invalid_product_url', CoreMessages::exception( $e ), array( 'status' => 400 ) );
				}
			}
		}

		// The product an ASIN or URL names, then (for anything but a URL, as a bare ASIN may also
		// be a word of a title) the products whose ASIN starts with the text or whose title has its words; last, the named
		// product when it is not stored.
		$products = array();
		if ( null !== $parsed ) {
			$marketplace = (string) ( $parsed['marketplace'] ?? '' );
			foreach ( $this->products->by_asin( $parsed['asin'] ) as $row ) {
				if ( '' === $marketplace || $row['marketplace'] === $marketplace ) {
					$products[] = self::product( $row );
				}
			}
		}
		if ( null === $parsed || null === $parsed['marketplace'] ) {
			foreach ( $this->products->page( $per_page, 1, new ProductFilter( $search ) ) as $row ) {
				$products[] = self::product( $row );
			}
		}
		if ( null !== $parsed && ! in_array( $parsed['asin'], array_column( $products, 'asin' ), true ) ) {
			$products[] = array(
				'asin'        => $parsed['asin'],
				'marketplace' => (string) ( $parsed['marketplace'] ?? '' ),
				'title'       => '',
				'image'       => '',
				'loaded'      => false,
			);
		}

		$unique = array();
		foreach ( $products as $product ) {
			$unique[ $product['asin'] . '|' . $product['marketplace'] ] ??= $product;
		}
		return rest_ensure_response( array_slice( array_values( $unique ), 0, $per_page ) );
	}

	/**
	 * What the picker shows of a stored product.
	 *
	 * @param array $row A products table row (ProductTable::find()).
	 * @return array{asin: string, marketplace: string, title: string, image: string, loaded: bool}
	 */
	private static function product( array $row ): array {
		$item  = is_array( $row['item'] ) ? $row['item'] : array();
		$title = $item['title'] ?? '';
		return array(
			'asin'        => (string) $row['asin'],
			'marketplace' => (string) $row['marketplace'],
			'title'       => is_scalar( $title ) ? (string) $title : '',
			'image'       => self::image( $item ),
			'loaded'      => array() !== $item,
		);
	}

	/**
	 * The smallest primary image of a product, as an http(s) URL, or ''.
	 *
	 * @param array $item Product model.
	 * @return string
	 */
	private static function image( array $item ): string {
		$primary = $item['images']['primary'] ?? null;
		if ( ! is_array( $primary ) ) {
			return '';
		}
		foreach ( array( 'small', 'medium', 'large' ) as $size ) {
			$url = $primary[ $size ]['url'] ?? '';
			if ( is_string( $url ) && '' !== $url ) {
				return esc_url_raw( $url, array( 'http', 'https' ) );
			}
		}
		return '';
	}

	/**
	 * Whether unreadable input was meant as a product address rather than as search words.
	 *
	 * @param string $search Search text.
	 * @return bool
	 */
	private static function looks_like_url( string $search ): bool {
		return 1 === preg_match( '#://|^www\.|amazon\.|amzn\.|^a\.co/#i', $search );
	}

	/**
	 * JSON schema of one answered product.
	 *
	 * @return array
	 */
	public function schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'asa2-product',
			'type'       => 'object',
			'properties' => array(
				'asin'        => array(
					'description' => __( 'ASIN.', 'asa2-creators' ),
					'type'        => 'string',
				),
				'marketplace' => array(
					'description' => __( 'Marketplace code; empty for the default marketplace.', 'asa2-creators' ),
					'type'        => 'string',
				),
				'title'       => array(
					'description' => __( 'Product title; empty until the product is loaded.', 'asa2-creators' ),
					'type'        => 'string',
				),
				'image'       => array(
					'description' => __( 'URL of the small primary image, or empty.', 'asa2-creators' ),
					'type'        => 'string',
				),
				'loaded'      => array(
					'description' => __( 'Whether the product data is stored, so its box shows.', 'asa2-creators' ),
					'type'        => 'boolean',
				),
			),
		);
	}
}
