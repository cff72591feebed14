<?php
/**
 * The products table ({prefix}asa2_products).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * One row per product (ASIN and marketplace): the product model as JSON, when it was fetched,
 * the last refresh attempt and its error. A failed refresh never touches `data`: visitors keep
 * seeing the last good product while the error is shown to administrators.
 *
 * A row without data is a product that was asked for (by a shortcode on a page) but not
 * fetched yet; the background refresh fills it.
 *
 * `box_cache` keeps the product's rendered boxes (see Render\BoxCache) so a page shows them
 * without rendering again; storing new data empties it.
 */
final class ProductTable {

	/** Option holding the installed schema version. */
	public const VERSION_OPTION = 'asa2_products_db_version';

	/** Current schema version. */
	private const SCHEMA_VERSION = '2';

	/**
	 * Shortest wait, in seconds, before a product that was never loaded is tried again after a
	 * failure. The wait grows with how long it has been failing (it doubles from try to try), up
	 * to the refresh interval.
	 */
	public const RETRY_UNLOADED_AFTER = 15 * MINUTE_IN_SECONDS;

	/**
	 * Full table name.
	 *
	 * @return string
	 */
	public function name(): string {
		global $wpdb;
		return $wpdb->prefix . 'asa2_products';
	}

	/**
	 * Whether the installed schema is current.
	 *
	 * @return bool
	 */
	public function is_current(): bool {
		return self::SCHEMA_VERSION === get_option( self::VERSION_OPTION );
	}

	/**
	 * Creates or updates the table (activation and upgrades).
	 */
	public function install(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$charset = $wpdb->get_charset_collate();
		dbDelta(
			"CREATE TABLE {$this->name()} (
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
) $charset;"
		);
		update_option( self::VERSION_OPTION, self::SCHEMA_VERSION, true );
	}

	/**
	 * Drops the table (uninstall).
	 */
	public function drop(): void {
		global $wpdb;
		$wpdb->query( "DROP TABLE IF EXISTS {$this->name()}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix.
		delete_option( self::VERSION_OPTION );
	}

	/**
	 * One product by ASIN and marketplace.
	 *
	 * @param string $asin        ASIN.
	 * @param string $marketplace Marketplace code.
	 * @return array|null Row with `item` (the decoded product model or null).
	 */
	public function find( string $asin, string $marketplace ): ?array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix.
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$this->name()} WHERE asin = %s AND marketplace = %s", $asin, $marketplace ), ARRAY_A );
		return is_array( $row ) ? self::decode( $row ) : null;
	}

	/**
	 * The stored products of an ASIN, one per marketplace it is stored for.
	 *
	 * @param string $asin ASIN.
	 * @return list<array> Rows as find() returns them.
	 */
	public function by_asin( string $asin ): array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$this->name()} WHERE asin = %s ORDER BY marketplace", $asin ), ARRAY_A );
		return array_map( array( self::class, 'decode' ), is_array( $rows ) ? $rows : array() );
	}

	/**
	 * What product boxes need of many products, with one query: the row without its product
	 * data (`has_data` says whether there is some) and the rendered boxes kept for it.
	 *
	 * @param list<array{0: string, 1: string}> $keys [asin, marketplace] pairs.
	 * @return array<string, array{id: int, asin: string, marketplace: string, refreshed_at: int, last_error: string, has_data: bool, box_cache: string}> Keyed "ASIN|MP".
	 */
	public function box_rows( array $keys ): array {
		global $wpdb;
		$by_marketplace = array();
		foreach ( $keys as $key ) {
			$by_marketplace[ (string) $key[1] ][ (string) $key[0] ] = true;
		}
		if ( ! $by_marketplace ) {
			return array();
		}
		$where = array();
		foreach ( $by_marketplace as $marketplace => $asins ) {
			$asins   = array_keys( $asins );
			$where[] = $wpdb->prepare(
				'(marketplace = %s AND asin IN (' . implode( ',', array_fill( 0, count( $asins ), '%s' ) ) . '))',
				array_merge( array( $marketplace ), $asins )
			);
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, conditions prepared above.
		$rows = $wpdb->get_results( "SELECT id, asin, marketplace, refreshed_at, last_error, data IS NOT NULL AND data <> '' AS has_data, box_cache FROM {$this->name()} WHERE " . implode( ' OR ', $where ), ARRAY_A );
		$out  = array();
		foreach ( (array) $rows as $row ) {
			$out[ $row['asin'] . '|' . $row['marketplace'] ] = array(
				'id'           => (int) $row['id'],
				'asin'         => (string) $row['asin'],
				'marketplace'  => (string) $row['marketplace'],
				'refreshed_at' => (int) $row['refreshed_at'],
				'last_error'   => (string) $row['last_error'],
				'has_data'     => (bool) $row['has_data'],
				'box_cache'    => (string) $row['box_cache'],
			);
		}
		return $out;
	}

	/**
	 * The product data of many rows, with one query, each with the fingerprint of its stored
	 * form (for save_box_caches()).
	 *
	 * @param list<int> $ids Row ids.
	 * @return array<int, array{item: array, fingerprint: string}> Keyed by row id (rows without data left out).
	 */
	public function items( array $ids ): array {
		global $wpdb;
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $ids ) ) ) );
		if ( ! $ids ) {
			return array();
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, ids are integers.
		$rows = $wpdb->get_results( "SELECT id, data FROM {$this->name()} WHERE id IN (" . implode( ',', $ids ) . ')', ARRAY_A );
		$out  = array();
		foreach ( (array) $rows as $row ) {
			$item = self::decode_item( $row['data'] );
			if ( null !== $item ) {
				$out[ (int) $row['id'] ] = array(
					'item'        => $item,
					'fingerprint' => md5( (string) $row['data'] ),
				);
			}
		}
		return $out;
	}

	/**
	 * Keeps products' rendered boxes, with one statement; a product's boxes are not kept if its
	 * data changed since it was read for them (a refresh in between: they would show older data).
	 *
	 * @param array<int, array{fingerprint: string, box_cache: string}> $writes By row id: the data's
	 *                                                                          fingerprint from items() and the encoded boxes (Render\BoxCache).
	 */
	public function save_box_caches( array $writes ): void {
		global $wpdb;
		if ( ! $writes ) {
			return;
		}
		$values = array();
		$guards = array();
		foreach ( $writes as $id => $write ) {
			$values[] = $wpdb->prepare( 'WHEN %d THEN %s', $id, $write['box_cache'] );
			$guards[] = $wpdb->prepare( '(id = %d AND MD5(data) = %s)', $id, $write['fingerprint'] );
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, parts prepared above.
		$wpdb->query( "UPDATE {$this->name()} SET box_cache = CASE id " . implode( ' ', $values ) . ' END WHERE ' . implode( ' OR ', $guards ) );
	}

	/**
	 * One product by id.
	 *
	 * @param int $id Row id.
	 * @return array|null
	 */
	public function get( int $id ): ?array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix.
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$this->name()} WHERE id = %d", $id ), ARRAY_A );
		return is_array( $row ) ? self::decode( $row ) : null;
	}

	/**
	 * Adds an empty row for a product unless it exists (a product asked for but not fetched).
	 *
	 * @param string $asin        ASIN.
	 * @param string $marketplace Marketplace code.
	 * @param int    $now         Current time.
	 * @return bool Whether a row was added.
	 */
	public function ensure( string $asin, string $marketplace, int $now ): bool {
		global $wpdb;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix.
		return 1 === (int) $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$this->name()} (asin, marketplace, created) VALUES (%s, %s, %d)", $asin, $marketplace, $now ) );
	}

	/**
	 * Stores freshly fetched product data and clears the error.
	 *
	 * @param array $item Product model (asin, marketplace, source, ...).
	 * @param int   $now  Current time.
	 */
	public function store( array $item, int $now ): void {
		global $wpdb;
		$asin        = (string) $item['asin'];
		$marketplace = (string) $item['marketplace'];
		$this->ensure( $asin, $marketplace, $now );
		$wpdb->update(
			$this->name(),
			array(
				'data'           => (string) wp_json_encode( $item ),
				'fetched_at'     => (int) ( $item['fetched_at'] ?? $now ),
				'refreshed_at'   => $now,
				'last_error'     => null,
				'error_code'     => '',
				'source_api'     => (string) ( $item['source']['api'] ?? '' ),
				'source_version' => (string) ( $item['source']['version'] ?? '' ),
				'box_cache'      => null,
			),
			array(
				'asin'        => $asin,
				'marketplace' => $marketplace,
			),
			array( '%s', '%d', '%d', '%s', '%s', '%s', '%s', '%s' ),
			array( '%s', '%s' )
		);
	}

	/**
	 * Records a failed refresh; the stored data stays as it was.
	 *
	 * @param string $asin        ASIN.
	 * @param string $marketplace Marketplace code.
	 * @param string $code        Error code (Amazon's, or ours such as "not_configured").
	 * @param string $message     What went wrong and what to do.
	 * @param int    $now         Current time.
	 */
	public function record_error( string $asin, string $marketplace, string $code, string $message, int $now ): void {
		global $wpdb;
		$this->ensure( $asin, $marketplace, $now );
		$wpdb->update(
			$this->name(),
			array(
				'refreshed_at' => $now,
				'last_error'   => mb_substr( $message, 0, 2000 ),
				'error_code'   => mb_substr( $code, 0, 64 ),
			),
			array(
				'asin'        => $asin,
				'marketplace' => $marketplace,
			),
			array( '%d', '%s', '%s' ),
			array( '%s', '%s' )
		);
	}

	/**
	 * Deletes products.
	 *
	 * @param list<int> $ids Row ids.
	 * @return int Rows deleted.
	 */
	public function delete( array $ids ): int {
		global $wpdb;
		$ids = array_values( array_filter( array_map( 'intval', $ids ) ) );
		if ( ! $ids ) {
			return 0;
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, ids are integers.
		return (int) $wpdb->query( "DELETE FROM {$this->name()} WHERE id IN (" . implode( ',', $ids ) . ')' );
	}

	/**
	 * A page of products, newest first.
	 *
	 * @param int    $per_page Rows per page.
	 * @param int    $page     Page from 1.
	 * @param string $search   Part of the ASIN or title.
	 * @return list<array>
	 */
	public function page( int $per_page, int $page, string $search = '' ): array {
		global $wpdb;
		$offset = max( 0, ( $page - 1 ) * $per_page );
		$where  = $this->search_clause( $search );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, clause prepared.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$this->name()} {$where} ORDER BY created DESC, id DESC LIMIT %d OFFSET %d", $per_page, $offset ), ARRAY_A );
		return array_map( array( self::class, 'decode' ), is_array( $rows ) ? $rows : array() );
	}

	/**
	 * Number of products.
	 *
	 * @param string $search Part of the ASIN or title.
	 * @return int
	 */
	public function count( string $search = '' ): int {
		global $wpdb;
		$where = $this->search_clause( $search );
		return (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$this->name()} {$where}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, clause prepared.
	}

	/**
	 * Products due for a refresh: the oldest $limit of each marketplace, all of them oldest
	 * first, so the products a page queued (rows never fetched) come before every other. Each
	 * marketplace's credential has its own rate, so one marketplace's backlog never keeps
	 * another's products waiting. See due_clause() for what is due.
	 *
	 * @param int $before Products last refreshed before this time are due.
	 * @param int $now    Current time.
	 * @param int $limit  At most this many per marketplace.
	 * @return list<array{id: int, asin: string, marketplace: string, refreshed_at: int}>
	 */
	public function due( int $before, int $now, int $limit ): array {
		global $wpdb;
		$due = $this->due_clause( $before, $now );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, clause prepared.
		$codes = $wpdb->get_col( "SELECT DISTINCT marketplace FROM {$this->name()} WHERE {$due}" );
		$out   = array();
		foreach ( (array) $codes as $code ) {
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, clause prepared.
			$rows = $wpdb->get_results( $wpdb->prepare( "SELECT id, asin, marketplace, refreshed_at FROM {$this->name()} WHERE marketplace = %s AND {$due} ORDER BY refreshed_at ASC, id ASC LIMIT %d", $code, $limit ), ARRAY_A );
			foreach ( (array) $rows as $row ) {
				$out[] = array(
					'id'           => (int) $row['id'],
					'asin'         => (string) $row['asin'],
					'marketplace'  => (string) $row['marketplace'],
					'refreshed_at' => (int) $row['refreshed_at'],
				);
			}
		}
		usort( $out, static fn( array $a, array $b ): int => array( $a['refreshed_at'], $a['id'] ) <=> array( $b['refreshed_at'], $b['id'] ) );
		return $out;
	}

	/**
	 * Number of products due for a refresh (due_clause()).
	 *
	 * @param int $before Products last refreshed before this time are due.
	 * @param int $now    Current time.
	 * @return int
	 */
	public function count_due( int $before, int $now ): int {
		global $wpdb;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, clause prepared.
		return (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$this->name()} WHERE {$this->due_clause( $before, $now )}" );
	}

	/**
	 * What is due: products never fetched, products last refreshed before $before, and
	 * products that were never loaded because their fetch failed, once they have waited
	 * RETRY_UNLOADED_AFTER or as long as they have been failing (whichever is longer, at most
	 * the refresh interval): a product a page asked for during an outage shows up within the
	 * hour after it ends, and one Amazon keeps refusing is asked for less and less often.
	 *
	 * @param int $before Products last refreshed before this time are due.
	 * @param int $now    Current time.
	 * @return string SQL condition.
	 */
	private function due_clause( int $before, int $now ): string {
		global $wpdb;
		return $wpdb->prepare(
			'(refreshed_at < %d OR ((data IS NULL OR data = \'\') AND CAST(refreshed_at AS SIGNED) + LEAST(%d, GREATEST(%d, CAST(refreshed_at AS SIGNED) - CAST(created AS SIGNED))) <= %d))',
			$before,
			max( 0, $now - $before ),
			self::RETRY_UNLOADED_AFTER,
			$now
		);
	}

	/**
	 * Number of products per marketplace.
	 *
	 * @return array<string, int> Marketplace code => products.
	 */
	public function count_by_marketplace(): array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix.
		$rows = $wpdb->get_results( "SELECT marketplace, COUNT(*) AS products FROM {$this->name()} GROUP BY marketplace", ARRAY_A );
		$out  = array();
		foreach ( (array) $rows as $row ) {
			$out[ (string) $row['marketplace'] ] = (int) $row['products'];
		}
		return $out;
	}

	/**
	 * WHERE clause of a search: the text in the ASIN or anywhere in the product data. The data
	 * is stored as JSON with non-ASCII characters and slashes escaped ("M\u00fchle"), so the
	 * text is looked for in that form too.
	 *
	 * @param string $search Search text.
	 * @return string
	 */
	private function search_clause( string $search ): string {
		global $wpdb;
		$search = trim( $search );
		if ( '' === $search ) {
			return '';
		}
		$like    = '%' . $wpdb->esc_like( $search ) . '%';
		$encoded = substr( (string) wp_json_encode( $search ), 1, -1 );
		if ( '' === $encoded || $encoded === $search ) {
			return $wpdb->prepare( 'WHERE asin LIKE %s OR data LIKE %s', $like, $like );
		}
		return $wpdb->prepare( 'WHERE asin LIKE %s OR data LIKE %s OR data LIKE %s', $like, $like, '%' . $wpdb->esc_like( $encoded ) . '%' );
	}

	/**
	 * A row with typed columns and the decoded product model under `item`.
	 *
	 * @param array $row Database row.
	 * @return array
	 */
	private static function decode( array $row ): array {
		return array(
			'id'             => (int) $row['id'],
			'asin'           => (string) $row['asin'],
			'marketplace'    => (string) $row['marketplace'],
			'item'           => self::decode_item( $row['data'] ),
			'fetched_at'     => (int) $row['fetched_at'],
			'refreshed_at'   => (int) $row['refreshed_at'],
			'last_error'     => null === $row['last_error'] ? '' : (string) $row['last_error'],
			'error_code'     => (string) $row['error_code'],
			'source_api'     => (string) $row['source_api'],
			'source_version' => (string) $row['source_version'],
			'created'        => (int) $row['created'],
		);
	}

	/**
	 * The product model stored in a `data` column.
	 *
	 * @param string|null $data JSON or null.
	 * @return array|null
	 */
	private static function decode_item( ?string $data ): ?array {
		if ( null === $data || '' === $data ) {
			return null;
		}
		$decoded = json_decode( $data, true );
		return is_array( $decoded ) ? $decoded : null;
	}
}
