<?php
/**
 * Products of the other stores a visitor may be sent to.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Geo;

use Asa2\Creators\Storage\GeoSettings;
use Asa2\Creators\Storage\MarketplaceRepository;
use Asa2\Creators\Storage\ProductTable;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * A box links to another store only when that store has the product: the products table says
 * where an ASIN is stored with data (stored()). For the stores chosen under "Also load products
 * for" (Options → Countries), queue_missing() adds every stored ASIN as a product of those stores
 * too, before each background refresh run; the refresh then loads them like any product not
 * loaded yet (10 per GetItems call, within its time budget). Only rows added since the last run
 * are looked at, unless the chosen stores changed.
 */
final class OtherStores {

	/** Option: the chosen stores and the last row id already looked at. */
	public const PROGRESS_OPTION = 'asa2_other_stores_progress';

	/** How stored product data (JSON) says the store has none to sell (`availability.type`). */
	private const OUT_OF_STOCK = '"availability":{"type":"OUT_OF_STOCK"';

	/** @var GeoSettings */
	private GeoSettings $settings;

	/** @var MarketplaceRepository */
	private MarketplaceRepository $marketplaces;

	/** @var ProductTable */
	private ProductTable $products;

	/**
	 * @param GeoSettings           $settings     The chosen stores.
	 * @param MarketplaceRepository $marketplaces Marketplaces set up (only those are loaded).
	 * @param ProductTable          $products     Stored products.
	 */
	public function __construct( GeoSettings $settings, MarketplaceRepository $marketplaces, ProductTable $products ) {
		$this->settings     = $settings;
		$this->marketplaces = $marketplaces;
		$this->products     = $products;
	}

	/**
	 * The stores "also load products for" may name: marketplaces set up with credentials.
	 *
	 * @return list<string> Marketplace codes.
	 */
	public function choices(): array {
		return array_keys( $this->marketplaces->active() );
	}

	/**
	 * Adds the ASINs stored for one store as products of each chosen store they are missing
	 * from (rows without data, due at once).
	 *
	 * @param int $now Current time.
	 * @return int Rows added.
	 */
	public function queue_missing( int $now ): int {
		global $wpdb;
		$stores = array_values( array_intersect( $this->settings->get()['also_load'], $this->choices() ) );
		if ( ! $stores ) {
			return 0;
		}
		$key      = implode( ',', $stores );
		$progress = get_option( self::PROGRESS_OPTION, array() );
		$after    = is_array( $progress ) && ( $progress['stores'] ?? '' ) === $key ? (int) ( $progress['last_id'] ?? 0 ) : 0;
		$table    = $this->products->name();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix.
		$last  = (int) $wpdb->get_var( "SELECT MAX(id) FROM {$table}" );
		$added = 0;
		if ( $last > $after ) {
			foreach ( $stores as $store ) {
				// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix.
				$added += (int) $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$table} (asin, marketplace, created) SELECT DISTINCT asin, %s, %d FROM {$table} WHERE id > %d AND id <= %d AND marketplace <> %s", $store, $now, $after, $last, $store ) );
			}
		}
		update_option(
			self::PROGRESS_OPTION,
			array(
				'stores'  => $key,
				'last_id' => max( $after, $last ),
			),
			false
		);
		return $added;
	}

	/**
	 * The stores each ASIN is stored and available in: its data loaded, its last refresh worked
	 * and the store does not say it is out of stock (a product a store does not sell is stored
	 * there with an error only, one a store stopped selling keeps older data marked stale: none
	 * of these is listed). Reads only the matching rows, by the (asin, marketplace) key.
	 *
	 * @param list<string> $asins ASINs.
	 * @return array<string, list<string>> ASIN => marketplace codes.
	 */
	public function stored( array $asins ): array {
		global $wpdb;
		$asins = array_values( array_unique( array_map( 'strval', $asins ) ) );
		if ( ! $asins ) {
			return array();
		}
		$table = $this->products->name();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, values prepared.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT asin, marketplace FROM {$table} WHERE asin IN (" . implode( ',', array_fill( 0, count( $asins ), '%s' ) ) . ') AND status = %d AND LOCATE(%s, data) = 0', array_merge( $asins, array( ProductTable::STATUS_LOADED, self::OUT_OF_STOCK ) ) ), ARRAY_A );
		$out  = array();
		foreach ( (array) $rows as $row ) {
			$out[ (string) $row['asin'] ][] = (string) $row['marketplace'];
		}
		return $out;
	}
}
