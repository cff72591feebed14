<?php
/**
 * Helpers of the robustness tests: raw rows of the plugin's tables, the call log, the products
 * screen's forms and a full database dump.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

/**
 * Used by RobustnessFaultsTest, BadInputTest and SecretsAuditTest (classes extending TestCase).
 */
trait RobustnessHelpers {

	/**
	 * The products table's rows exactly as the database holds them, by "ASIN|MP".
	 *
	 * @return array<string, array<string, string|null>>
	 */
	protected function raw_products(): array {
		global $wpdb;
		$table = $wpdb->prefix . 'asa2_products';
		$rows  = array();
		foreach ( (array) $wpdb->get_results( "SELECT * FROM `{$table}` ORDER BY id", ARRAY_A ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL -- table name from $wpdb->prefix.
			$rows[ $row['asin'] . '|' . $row['marketplace'] ] = $row;
		}
		return $rows;
	}

	/**
	 * Log rows written after the row id $after, oldest first.
	 *
	 * @param int $after Last id seen before.
	 * @return list<array<string, string>>
	 */
	protected function log_rows_after( int $after ): array {
		global $wpdb;
		$table = $wpdb->prefix . 'asa2_log';
		return (array) $wpdb->get_results( $wpdb->prepare( "SELECT * FROM `{$table}` WHERE id > %d ORDER BY id", $after ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL -- table name from $wpdb->prefix.
	}

	/** The highest id of the log table (0 when empty). */
	protected function last_log_id(): int {
		global $wpdb;
		$table = $wpdb->prefix . 'asa2_log';
		return (int) $wpdb->get_var( "SELECT COALESCE(MAX(id), 0) FROM `{$table}`" ); // phpcs:ignore WordPress.DB.PreparedSQL -- table name from $wpdb->prefix.
	}

	/**
	 * Every row of every table of the database, as text (one line per row, JSON).
	 */
	protected function database_dump(): string {
		global $wpdb;
		$dump = '';
		foreach ( (array) $wpdb->get_col( 'SHOW TABLES' ) as $table ) {
			$dump .= "== {$table}\n";
			foreach ( (array) $wpdb->get_results( "SELECT * FROM `{$table}`", ARRAY_A ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL -- a table name read from SHOW TABLES.
				$dump .= (string) wp_json_encode( $row, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) . "\n";
			}
		}
		return $dump;
	}

	/**
	 * Posts the products table form of ASA2 -> Products (bulk or row action) as the administrator.
	 *
	 * @param array<string, mixed> $fields Fields besides the nonce.
	 * @return array{status: int, headers: array<string, string>, body: string, url: string}
	 */
	protected function post_products_table( array $fields ): array {
		return $this->http(
			'POST',
			'/wp-admin/admin.php?page=asa2-products',
			array(
				'as'   => 'administrator',
				'body' => $fields + array(
					'asa2_products_form' => '1',
					'_asa2_nonce'        => $this->nonce( 'asa2_products_bulk' ),
				),
			)
		);
	}

	/**
	 * Where a piece of text occurs in a haystack, with some context, for failure messages.
	 *
	 * @param string $haystack Text searched.
	 * @param string $needle   Text found.
	 */
	protected static function context_of( string $haystack, string $needle ): string {
		$at = strpos( $haystack, $needle );
		if ( false === $at ) {
			return '';
		}
		$start = max( 0, $at - 120 );
		return '...' . substr( $haystack, $start, strlen( $needle ) + 240 ) . '...';
	}
}
