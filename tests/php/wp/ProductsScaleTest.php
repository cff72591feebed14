<?php
/**
 * Many stored products: every query of ASA2 -> Products (first page, search by title and by
 * ASIN, filters by marketplace and status, sort by last refresh, counts for the pagination)
 * and of the refresh's "which products are due" is served by an index. Checked with EXPLAIN
 * on a table of a few thousand generated rows with fresh statistics (ANALYZE TABLE), so
 * MariaDB's optimizer picks the plan it would pick on a big site; and the schema upgrade from
 * version 2 fills the new columns. ASA2_SHOW_PLANS=1 prints every plan.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Admin\ProductsListTable;
use Asa2\Creators\Clock;
use Asa2\Creators\Storage\ProductFilter;
use Asa2\Creators\Storage\ProductTable;
use Asa2\Tools\ProductDataset;

require_once dirname( __DIR__, 3 ) . '/scripts/wp/ProductDataset.php';

/**
 * @group products
 */
final class ProductsScaleTest extends ProductsTestCase {

	/** Generated rows: enough that a full scan costs MariaDB's optimizer more than an index. */
	private const ROWS = 6000;

	/** The products table. */
	private function table(): string {
		return $this->plugin()->products()->name();
	}

	/** Generated products in three marketplaces, from three stored templates. */
	private function load_products(): void {
		foreach ( array( 'DE' => 'B0TEMPLDE1', 'US' => 'B0TEMPLUS1', 'UK' => 'B0TEMPLUK1' ) as $code => $asin ) {
			$this->store_item(
				array(
					'asin'            => $asin,
					'marketplace'     => $code,
					'detail_page_url' => "https://www.amazon.example/dp/$asin?tag=demo-21",
					'images'          => array( 'primary' => array( 'medium' => array( 'url' => "https://m.media-amazon.com/images/I/$asin._SL160_.jpg", 'width' => 160, 'height' => 160 ) ) ),
				)
			);
		}
		$templates = ProductDataset::templates( $this->plugin()->products()->page( 10, 1 ) );
		global $wpdb;
		$wpdb->query( "DELETE FROM {$this->table()}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
		$dataset = new ProductDataset( $wpdb, $this->table() );
		$this->assertSame( self::ROWS, $dataset->load( $templates, self::ROWS, Clock::now() ) );
		$dataset->analyze();
	}

	/**
	 * Runs $work and returns the SELECTs on the products table it sent.
	 *
	 * @param callable $work Work.
	 * @return list<string>
	 */
	private function selects_of( callable $work ): array {
		$seen   = array();
		$table  = $this->table();
		$filter = static function ( $query ) use ( &$seen, $table ) {
			if ( is_string( $query ) && str_contains( $query, $table ) && preg_match( '/^\s*SELECT/i', $query ) ) {
				$seen[] = $query;
			}
			return $query;
		};
		add_filter( 'query', $filter, PHP_INT_MAX );
		try {
			$work();
		} finally {
			remove_filter( 'query', $filter, PHP_INT_MAX );
		}
		return $seen;
	}

	/**
	 * The EXPLAIN rows of a query that read the products table with a full scan.
	 *
	 * @param string $query Query.
	 * @return list<array>
	 */
	private function full_scans( string $query ): array {
		global $wpdb;
		$plan = (array) $wpdb->get_results( 'EXPLAIN ' . $query, ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- a query the plugin sent.
		$this->assertNotEmpty( $plan, "EXPLAIN failed: {$wpdb->last_error}\n{$query}" );
		return array_values( array_filter( $plan, fn( array $row ): bool => $row['table'] === $this->table() && 'ALL' === $row['type'] ) );
	}

	/**
	 * Renders the products list as ASA2 -> Products does for a request's query arguments.
	 *
	 * @param array $get Query arguments.
	 * @return string HTML.
	 */
	private function list_html( array $get ): string {
		$this->act_as( 'administrator' );
		// The default page size: a page past the last one redirects (WP_List_Table) and ends the run.
		delete_user_option( get_current_user_id(), ProductsListTable::PER_PAGE_OPTION );
		$_GET     = $get + array( 'page' => 'asa2-products' );
		$_REQUEST = $_GET;
		set_current_screen( 'asa2_page_asa2-products' );
		try {
			$table = new ProductsListTable( $this->plugin()->products() );
			$table->prepare_items();
			ob_start();
			$table->display();
			return (string) ob_get_clean();
		} finally {
			$_GET     = array();
			$_REQUEST = array();
		}
	}

	public function test_every_query_of_the_products_screen_and_the_due_refresh_uses_an_index(): void {
		$this->load_products();
		$requests = array(
			'first page'                      => array(),
			'page 100'                        => array( 'paged' => '100' ),
			'search by title words'           => array( 's' => 'stainless kettle' ),
			'search by a word start'          => array( 's' => 'grind' ),
			'search by short words'           => array( 's' => 'XL' ),
			'search by ASIN'                  => array( 's' => ProductDataset::asin( 4321 ) ),
			'search by ASIN start'            => array( 's' => substr( ProductDataset::asin( 4321 ), 0, 6 ) ),
			'marketplace'                     => array( 'marketplace' => 'US' ),
			'status: failed'                  => array( 'status' => ProductFilter::STATUS_ERROR ),
			'status: not loaded'              => array( 'status' => ProductFilter::STATUS_NOT_LOADED ),
			'sort by last refresh'            => array( 'orderby' => 'refreshed', 'order' => 'asc' ),
			'sort by last refresh, newest'    => array( 'orderby' => 'refreshed', 'order' => 'desc' ),
			'marketplace, status and sort'    => array( 'marketplace' => 'DE', 'status' => ProductFilter::STATUS_OK, 'orderby' => 'refreshed', 'order' => 'desc' ),
			'search, marketplace and status'  => array( 's' => 'coffee grinder', 'marketplace' => 'UK', 'status' => ProductFilter::STATUS_OK ),
		);
		$queries = array();
		foreach ( $requests as $name => $get ) {
			$html = '';
			foreach ( $this->selects_of( function () use ( $get, &$html ) { $html = $this->list_html( $get ); } ) as $query ) {
				$queries[ "$name: $query" ] = $query;
			}
			$this->assertStringContainsString( 'asa2-products-table', $html, $name );
		}
		$products = $this->plugin()->products();
		$now      = Clock::now();
		$before   = $now - DAY_IN_SECONDS / 2;
		// Pages showed one product in 20 recently, some of them due (the refresh takes those first).
		global $wpdb;
		$wpdb->query( $wpdb->prepare( "UPDATE {$this->table()} SET shown_at = %d - (id % 97) * 3600 WHERE id % 20 = 0", $now ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
		$wpdb->query( "ANALYZE TABLE {$this->table()}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
		$refresh = $this->selects_of(
			function () use ( $products, $now, $before ) {
				$due = $products->due( $before, $now, 100 );
				$this->assertNotEmpty( $due );
				$this->assertGreaterThan( 0, $due[0]['shown_at'], 'products shown recently first' );
				$this->assertNotEmpty( $products->due( $before, $now, 100, array( 'US' ) ) );
				$this->assertGreaterThan( 0, $products->count_due( $before, $now ) );
				$products->count_by_marketplace();
			}
		);
		foreach ( $refresh as $query ) {
			$queries[ "due: $query" ] = $query;
		}
		$this->assertGreaterThan( count( $requests ) * 2, count( $queries ) );

		$scans = array();
		foreach ( $queries as $name => $query ) {
			if ( getenv( 'ASA2_SHOW_PLANS' ) ) {
				fwrite( STDERR, "\n$name\n" . implode( "\n", array_map( 'wp_json_encode', (array) $GLOBALS['wpdb']->get_results( 'EXPLAIN ' . $query, ARRAY_A ) ) ) . "\n" );
			}
			foreach ( $this->full_scans( $query ) as $row ) {
				$scans[] = $name . "\n  " . wp_json_encode( $row );
			}
		}
		$this->assertSame( array(), $scans, 'full table scans of ' . $this->table() );
	}

	public function test_search_filters_and_order_find_the_right_products(): void {
		$this->load_products();
		$products = $this->plugin()->products();
		$loaded   = static fn( int $n ): bool => $n % 50 < 47;
		$expected = array( 'grinder' => 0, 'stainless kettle' => 0 );
		for ( $n = 0; $n < self::ROWS; $n++ ) {
			$title = strtolower( ProductDataset::title( $n ) );
			if ( $loaded( $n ) ) {
				$expected['grinder']          += (int) str_contains( $title, 'grinder' );
				$expected['stainless kettle'] += (int) ( str_contains( $title, 'stainless' ) && str_contains( $title, 'kettle' ) );
			}
		}
		foreach ( $expected as $search => $count ) {
			$this->assertGreaterThan( 0, $count, $search );
			$this->assertSame( $count, $products->count( new ProductFilter( $search ) ), "search '$search'" );
		}
		// A search by ASIN finds the product whatever its status; a search by a word start too.
		$asin = ProductDataset::asin( 49 ); // never loaded: no title
		$this->assertSame( array( $asin ), array_column( $products->page( 20, 1, new ProductFilter( $asin ) ), 'asin' ) );
		$this->assertSame( $expected['grinder'], $products->count( new ProductFilter( 'GRIND' ) ) );
		$this->assertSame( self::ROWS / 3, $products->count( new ProductFilter( '', 'us' ) ) );
		$this->assertSame( self::ROWS / 50 * 3, $products->count( new ProductFilter( '', '', ProductFilter::STATUS_ERROR ) ) );
		$this->assertSame( self::ROWS / 50 * 3, $products->count( new ProductFilter( '', '', ProductFilter::STATUS_NOT_LOADED ) ) );
		$this->assertSame( self::ROWS / 50 * 45, $products->count( new ProductFilter( '', '', ProductFilter::STATUS_OK ) ) );

		$page = $products->page( 20, 2, new ProductFilter( '', 'DE', '', ProductFilter::ORDER_REFRESHED, 'asc' ) );
		$this->assertCount( 20, $page );
		$times = array_column( $page, 'refreshed_at' );
		$this->assertSame( $times, array_values( ( static function ( array $t ): array { sort( $t ); return $t; } )( $times ) ) );
		$this->assertSame( array( 'DE' ), array_values( array_unique( array_column( $page, 'marketplace' ) ) ) );
		$first = $products->page( 20, 1 );
		$this->assertSame( array_column( $first, 'created' ), array_values( ( static function ( array $t ): array { rsort( $t ); return $t; } )( array_column( $first, 'created' ) ) ) );
	}

	public function test_schema_3_upgrades_to_4_with_the_shown_mark_and_its_index(): void {
		global $wpdb;
		$table = $this->table();
		$this->store_item( array( 'asin' => 'B0SCHEMA31' ) );
		$wpdb->query( "ALTER TABLE {$table} DROP INDEX marketplace_shown, DROP COLUMN shown_at" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
		update_option( ProductTable::VERSION_OPTION, '3' );
		$this->assertFalse( $this->plugin()->products()->is_current() );

		// What Hooks::action_init() does on the first request after an update.
		$this->plugin()->products()->install();

		$this->assertTrue( $this->plugin()->products()->is_current() );
		$this->assertSame( '4', get_option( ProductTable::VERSION_OPTION ) );
		$this->assertSame( 'shown_at', $wpdb->get_var( "SHOW COLUMNS FROM {$table} LIKE 'shown_at'" ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
		$index = $wpdb->get_results( "SHOW INDEX FROM {$table} WHERE Key_name = 'marketplace_shown'", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
		$this->assertSame( array( 'marketplace', 'shown_at', 'refreshed_at' ), array_column( $index, 'Column_name' ) );
		$row = $this->plugin()->products()->find( 'B0SCHEMA31', 'DE' );
		$this->assertSame( 'Espresso Grinder', $row['item']['title'] ?? null, 'the stored product is kept' );
		$this->assertSame( '0', $wpdb->get_var( "SELECT shown_at FROM {$table} WHERE asin = 'B0SCHEMA31'" ), 'never shown yet' ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
		$this->assertSame( array(), $this->dbdelta_changes(), 'a second install changes nothing' );
	}

	public function test_schema_2_upgrades_in_place(): void {
		global $wpdb;
		$table = $this->table();
		$wpdb->query( "DROP TABLE IF EXISTS {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
		// The table as schema 2 made it.
		$wpdb->query(
			"CREATE TABLE {$table} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  asin varchar(10) NOT NULL,
  marketplace varchar(4) NOT NULL,
  data longtext NULL,
  fetched_at int(10) unsigned NOT NULL DEFAULT 0,
  refreshed_at int(10) unsigned NOT NULL DEFAULT 0,
  last_error text NULL,
  error_code varchar(64) NOT NULL DEFAULT '',
  source_api varchar(16) NOT NULL DEFAULT '',
  source_version varchar(8) NOT NULL DEFAULT '',
  box_cache longtext NULL,
  created int(10) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY  (id),
  UNIQUE KEY asin_marketplace (asin,marketplace),
  KEY refreshed_at (refreshed_at)
) {$wpdb->get_charset_collate()}"
		);
		$rows = array(
			array( 'B0UPGRADE1', wp_json_encode( array( 'asin' => 'B0UPGRADE1', 'title' => 'Kaffeemühle "Edelstahl"' ) ), null, '' ),
			array( 'B0UPGRADE2', wp_json_encode( array( 'asin' => 'B0UPGRADE2', 'title' => 'Kettle' ) ), 'Throttled.', 'TooManyRequests' ),
			array( 'B0UPGRADE3', null, 'Not accessible.', 'ItemNotAccessible' ),
			array( 'B0UPGRADE4', null, null, '' ),
		);
		foreach ( $rows as $row ) {
			$wpdb->insert( $table, array( 'asin' => $row[0], 'marketplace' => 'DE', 'data' => $row[1], 'last_error' => $row[2], 'error_code' => $row[3], 'created' => 1 ) );
		}
		update_option( ProductTable::VERSION_OPTION, '2' );
		$this->assertFalse( $this->plugin()->products()->is_current() );

		// What Hooks::action_init() does on the first request after an update.
		$this->plugin()->products()->install();

		$this->assertTrue( $this->plugin()->products()->is_current() );
		$got = $wpdb->get_results( "SELECT asin, title, status FROM {$table} ORDER BY asin", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
		$this->assertSame(
			array(
				array( 'asin' => 'B0UPGRADE1', 'title' => 'Kaffeemühle "Edelstahl"', 'status' => (string) ProductTable::STATUS_LOADED ),
				array( 'asin' => 'B0UPGRADE2', 'title' => 'Kettle', 'status' => (string) ProductTable::STATUS_STALE ),
				array( 'asin' => 'B0UPGRADE3', 'title' => '', 'status' => (string) ProductTable::STATUS_FAILED ),
				array( 'asin' => 'B0UPGRADE4', 'title' => '', 'status' => (string) ProductTable::STATUS_NEW ),
			),
			$got
		);
		$keys = array_unique( $wpdb->get_col( "SHOW INDEX FROM {$table}", 2 ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
		foreach ( array( 'created', 'marketplace_refreshed', 'marketplace_created', 'status_refreshed', 'marketplace_status', 'marketplace_shown', 'title_start', 'title' ) as $key ) {
			$this->assertContains( $key, $keys );
		}
		$this->assertSame( 1, $this->plugin()->products()->count( new ProductFilter( 'Edelstahl' ) ) );
		$this->assertSame( array(), $this->dbdelta_changes(), 'a second install changes nothing' );
	}

	/** The ALTER TABLE statements installing the current schema again sends (none when current). */
	private function dbdelta_changes(): array {
		$alters = array();
		$filter = static function ( $query ) use ( &$alters ) {
			if ( is_string( $query ) && preg_match( '/^\s*ALTER TABLE/i', $query ) ) {
				$alters[] = $query;
			}
			return $query;
		};
		add_filter( 'query', $filter, PHP_INT_MAX );
		try {
			$this->plugin()->products()->install();
		} finally {
			remove_filter( 'query', $filter, PHP_INT_MAX );
		}
		return $alters;
	}
}
