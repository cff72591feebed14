<?php
/**
 * ASA2 -> Products bulk actions on many products: 1,000 selected products are deleted with one
 * statement and queued for the background refresh with one (no Amazon call in the request),
 * the screen shows how far the refresh got, and rows per page are a screen option.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Admin\ProductActions;
use Asa2\Creators\Admin\ProductsListTable;
use Asa2\Creators\Admin\ProductsScreen;
use Asa2\Creators\Clock;
use Asa2\Creators\Cron\RefreshScheduler;
use Asa2\Creators\Products\BulkRefresh;
use Asa2\Tools\ProductDataset;

require_once dirname( __DIR__, 3 ) . '/scripts/wp/ProductDataset.php';

final class ProductsBulkActionsTest extends ProductsTestCase {

	private const SELECTED = 1000;

	/** The products table. */
	private function table(): string {
		return $this->plugin()->products()->name();
	}

	/**
	 * 1,200 generated products (ProductDataset) made from one stored product; the ids of the
	 * first SELECTED loaded ones.
	 *
	 * @return list<int>
	 */
	private function seed_selection(): array {
		global $wpdb;
		$this->store_item();
		$templates = ProductDataset::templates( $this->plugin()->products()->page( 1, 1 ) );
		$wpdb->query( "DELETE FROM {$this->table()}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
		( new ProductDataset( $wpdb, $this->table() ) )->load( $templates, 1200, Clock::now() );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
		$ids = array_map( 'intval', $wpdb->get_col( "SELECT id FROM {$this->table()} WHERE data IS NOT NULL ORDER BY id LIMIT " . self::SELECTED ) );
		$this->assertCount( self::SELECTED, $ids );
		return $ids;
	}

	/**
	 * Runs $work and returns the statements on the products table it sent.
	 *
	 * @param callable $work Work.
	 * @return list<string>
	 */
	private function statements( callable $work ): array {
		$table   = $this->table();
		$queries = array();
		$watch   = static function ( $query ) use ( &$queries, $table ) {
			if ( false !== strpos( $query, $table ) ) {
				$queries[] = $query;
			}
			return $query;
		};
		add_filter( 'query', $watch );
		try {
			$work();
		} finally {
			remove_filter( 'query', $watch );
		}
		return $queries;
	}

	/**
	 * The products table form's POST data of a bulk action.
	 *
	 * @param string    $action refresh or delete.
	 * @param list<int> $ids    Selected row ids.
	 * @return array
	 */
	private function bulk_request( string $action, array $ids ): array {
		return array(
			'asa2_products_form' => '1',
			'_asa2_nonce'        => $this->nonce( ProductActions::BULK ),
			'action'             => $action,
			'product'            => array_map( 'strval', $ids ),
		);
	}

	/**
	 * Runs a bulk action in this process as the administrator.
	 *
	 * @param array $request bulk_request().
	 * @return array{0: list<string>, 1: float} The statements on the products table and the milliseconds taken.
	 */
	private function bulk_in_process( array $request ): array {
		$this->act_as( 'administrator' );
		$start = hrtime( true );
		$sent  = $this->statements( fn() => $this->plugin()->product_actions()->bulk( $request ) );
		return array( $sent, ( hrtime( true ) - $start ) / 1e6 );
	}

	/** The Products screen as the administrator sees it (HTTP). */
	private function screen(): string {
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=' . ProductsScreen::SLUG, array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		return html_entity_decode( wp_strip_all_tags( $page['body'] ) );
	}

	public function test_a_thousand_selected_products_are_queued_for_the_background_refresh_with_progress(): void {
		global $wpdb;
		$this->configure_creators( self::DE );
		$ids     = $this->seed_selection();
		$calls   = $this->api_calls( 'GetItems' );
		$request = $this->bulk_request( 'refresh', $ids );

		// In this process: one statement marks them due, whatever their number.
		[ $sent, $ms ] = $this->bulk_in_process( $request );
		$writes        = preg_grep( '/^\s*(UPDATE|DELETE|INSERT)/i', $sent );
		$this->assertCount( 1, $writes, implode( "\n", $sent ) );
		$this->assertLessThanOrEqual( 3, count( $sent ), implode( "\n", $sent ) );
		$this->assertLessThan( 1000.0, $ms, 'queueing 1,000 products takes well under a second' );
		$this->assertSame( $calls, $this->api_calls( 'GetItems' ), 'no Amazon call in the request' );
		$this->assertStringContainsString( '1,000 products are queued for the background refresh', $this->notice_text() );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
		$this->assertSame( self::SELECTED, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$this->table()} WHERE refreshed_at = 0 AND id IN (" . implode( ',', $ids ) . ')' ) );
		$this->assertNotFalse( wp_next_scheduled( RefreshScheduler::HOOK_SOON ), 'a background run is asked for' );
		wp_clear_scheduled_hook( RefreshScheduler::HOOK_SOON ); // This test plays the background refresh itself.

		// The background refresh takes them before every product that is merely old (with those a
		// page asked for and that were never fetched).
		$due = $this->plugin()->products()->due( Clock::now(), Clock::now(), 50 );
		$this->assertCount( 50, $due );
		$this->assertSame( array( 0 ), array_values( array_unique( array_column( $due, 'refreshed_at' ) ) ), 'queued products come first' );
		$this->assertGreaterThan( 40, count( array_intersect( array_column( $due, 'id' ), $ids ) ) );

		// Over HTTP too (a real request with 1,000 checked rows): redirected, nothing called.
		$response = $this->http( 'POST', '/wp-admin/admin.php?page=' . ProductsScreen::SLUG, array( 'as' => 'administrator', 'body' => $request ) );
		$this->assertSame( 302, $response['status'], substr( $response['body'], 0, 500 ) );
		$this->assertSame( $calls, $this->api_calls( 'GetItems' ) );
		self::forget_cached();
		wp_clear_scheduled_hook( RefreshScheduler::HOOK_SOON );
		$screen = $this->screen();
		$this->assertStringContainsString( '0 of 1,000 queued products refreshed.', $screen );
		$this->assertStringContainsString( 'queued for refresh', $screen );

		// The refresh stores 409 of them and records a failure for 3.
		$products = $this->plugin()->products();
		foreach ( array_slice( $ids, 0, 412 ) as $n => $id ) {
			$row = $products->get( $id );
			if ( $n < 3 ) {
				$products->record_error( $row['asin'], $row['marketplace'], 'ItemNotAccessible', 'The item is not accessible.', Clock::now() );
			} else {
				$products->store( $row['item'], Clock::now() );
			}
		}
		$this->assertSame(
			array(
				'total'  => 1000,
				'done'   => 412,
				'failed' => 3,
			),
			$this->plugin()->bulk_refresh()->progress()
		);
		$screen = $this->screen();
		$this->assertStringContainsString( '412 of 1,000 queued products refreshed.', $screen );
		$this->assertStringContainsString( '3 of them could not be refreshed', $screen );

		// Deleted products leave the count; the end is said once.
		$products->delete( array_slice( $ids, 412, 88 ) );
		foreach ( array_slice( $ids, 500 ) as $id ) {
			$row = $products->get( $id );
			$products->store( $row['item'], Clock::now() );
		}
		$screen = $this->screen();
		$this->assertStringContainsString( 'The 912 products queued for refresh were refreshed in the background. 3 of them could not be refreshed', $screen );
		$this->assertStringNotContainsString( 'queued products refreshed', $this->screen() );
		self::forget_cached();
		$this->assertFalse( get_option( BulkRefresh::OPTION ) );
	}

	public function test_a_selection_queued_while_another_runs_joins_it(): void {
		$ids  = array_slice( $this->seed_selection(), 0, 60 );
		$bulk = $this->plugin()->bulk_refresh();
		$this->assertSame( 30, $bulk->queue( array_slice( $ids, 0, 30 ) ) );
		$products = $this->plugin()->products();
		foreach ( array_slice( $ids, 0, 10 ) as $id ) {
			$products->store( $products->get( $id )['item'], Clock::now() );
		}
		$this->assertSame( 30, $bulk->queue( array_slice( $ids, 30 ) ) );
		$this->assertSame( array( 'total' => 60, 'done' => 10, 'failed' => 0 ), $bulk->progress() );
	}

	public function test_a_few_products_are_refreshed_at_once(): void {
		$this->assertFalse( BulkRefresh::in_background( BulkRefresh::NOW_AT_MOST ) );
		$this->assertTrue( BulkRefresh::in_background( BulkRefresh::NOW_AT_MOST + 1 ) );
	}

	public function test_deleting_a_thousand_selected_products_is_one_statement(): void {
		global $wpdb;
		$ids     = $this->seed_selection();
		[ $sent, $ms ] = $this->bulk_in_process( $this->bulk_request( 'delete', $ids ) );
		$this->assertCount( 1, $sent, implode( "\n", $sent ) );
		$this->assertStringStartsWith( 'DELETE', $sent[0] );
		$this->assertLessThan( 1000.0, $ms );
		$this->assertStringContainsString( '1,000 products deleted.', $this->notice_text() );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test table.
		$this->assertSame( 200, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$this->table()}" ) );
	}

	public function test_rows_per_page_are_a_screen_option_up_to_the_limit(): void {
		$this->seed_selection();
		$admin = $this->user( 'administrator' );
		update_user_option( $admin->ID, ProductsListTable::PER_PAGE_OPTION, 100 );
		try {
			$page = $this->http( 'GET', '/wp-admin/admin.php?page=' . ProductsScreen::SLUG, array( 'as' => 'administrator' ) );
		} finally {
			// Other tests page through the list at the default size.
			delete_user_option( $admin->ID, ProductsListTable::PER_PAGE_OPTION );
		}
		$this->assertSame( 100, substr_count( $page['body'], 'name="product[]"' ) );
		$this->assertStringContainsString( 'id="' . ProductsListTable::PER_PAGE_OPTION . '"', $page['body'], 'Screen Options offers it' );
		$this->assertSame( ProductsListTable::MAX_PER_PAGE, apply_filters( 'set_screen_option_' . ProductsListTable::PER_PAGE_OPTION, false, ProductsListTable::PER_PAGE_OPTION, '5000' ) );
		$this->assertSame( 50, apply_filters( 'set_screen_option_' . ProductsListTable::PER_PAGE_OPTION, false, ProductsListTable::PER_PAGE_OPTION, '50' ) );
	}
}
