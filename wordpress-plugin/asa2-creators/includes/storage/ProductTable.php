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
	private const SCHEMA_VERSION = '4';

	/** `status`: asked for, never fetched. */
	public const STATUS_NEW = 0;

	/** `status`: loaded, the last refresh worked. */
	public const STATUS_LOADED = 1;

	/** `status`: loaded, the last refresh failed (the older data is still shown). */
	public const STATUS_STALE = 2;

	/** `status`: never loaded, the last try failed. */
	public const STATUS_FAILED = 3;

	/** Longest title kept in the `title` column (the search's copy; `data` holds the whole). */
	private const TITLE_LENGTH = 255;

	/**
	 * Words InnoDB leaves out of FULLTEXT indexes by default (INNODB_FT_DEFAULT_STOPWORD): a
	 * required stopword would match nothing, so the search leaves them out too.
	 */
	private const STOPWORDS = array( 'a', 'about', 'an', 'are', 'as', 'at', 'be', 'by', 'com', 'de', 'en', 'for', 'from', 'how', 'i', 'in', 'is', 'it', 'la', 'of', 'on', 'or', 'that', 'the', 'this', 'to', 'was', 'what', 'when', 'where', 'who', 'will', 'with', 'und', 'www' );

	/**
	 * Shortest wait, in seconds, before a product that was never loaded is tried again after a
	 * failure. The wait grows with how long it has been failing (it doubles from try to try), up
	 * to the refresh interval.
	 */
	public const RETRY_UNLOADED_AFTER = 15 * MINUTE_IN_SECONDS;

	/** A product a page showed within this many seconds is refreshed before the others. */
	public const SHOWN_RECENTLY = 7 * DAY_IN_SECONDS;

	/** `shown_at` is written at most this often per product (one UPDATE per page view at most). */
	public const SHOWN_MARK_EVERY = HOUR_IN_SECONDS;

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
  title varchar(255) NOT NULL DEFAULT '',
  status tinyint(3) unsigned NOT NULL DEFAULT 0,
  shown_at int(10) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY  (id),
  UNIQUE KEY asin_marketplace (asin,marketplace),
  KEY refreshed_at (refreshed_at),
  KEY created (created),
  KEY marketplace_refreshed (marketplace,refreshed_at),
  KEY marketplace_created (marketplace,created),
  KEY status_refreshed (status,refreshed_at),
  KEY marketplace_status (marketplace,status,refreshed_at),
  KEY marketplace_shown (marketplace,shown_at,refreshed_at),
  KEY title_start (title(32)),
  FULLTEXT KEY title (title)
) $charset;"
		);
		$installed = (string) get_option( self::VERSION_OPTION );
		if ( '' !== $installed && version_compare( $installed, '3', '<' ) && ! $this->fill_title_and_status() ) {
			return; // Tried again on the next request; until then the table stays at schema 2.
		}
		update_option( self::VERSION_OPTION, self::SCHEMA_VERSION, true );
	}

	/**
	 * Schema 3 added `status` and `title` (the search's copy of the product title): fills them in
	 * for the rows stored before. The status needs no JSON functions and must succeed; the title
	 * is read with them where the database has them (MySQL 5.7.8+, MariaDB 10.2+), else it stays
	 * empty until the product's next refresh.
	 *
	 * @return bool Whether the statuses were filled in.
	 */
	private function fill_title_and_status(): bool {
		global $wpdb;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, constants.
		$status = $wpdb->query(
			$wpdb->prepare(
				"UPDATE {$this->name()} SET status = CASE WHEN data IS NULL OR data = '' THEN IF(error_code = '' AND last_error IS NULL, %d, %d) ELSE IF(error_code = '' AND last_error IS NULL, %d, %d) END", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name.
				self::STATUS_NEW,
				self::STATUS_FAILED,
				self::STATUS_LOADED,
				self::STATUS_STALE
			)
		);
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, a constant.
		$wpdb->query( $wpdb->prepare( "UPDATE {$this->name()} SET title = LEFT(COALESCE(JSON_UNQUOTE(JSON_EXTRACT(data, '$.title')), ''), %d) WHERE data IS NOT NULL AND data <> '' AND JSON_VALID(data)", self::TITLE_LENGTH ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name.
		$wpdb->suppress_errors( $suppress );
		return false !== $status;
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
	 * @return array<string, array{id: int, asin: string, marketplace: string, refreshed_at: int, last_error: string, has_data: bool, box_cache: string, shown_at: int}> Keyed "ASIN|MP".
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
		$rows = $wpdb->get_results( "SELECT id, asin, marketplace, refreshed_at, last_error, status IN (" . self::STATUS_LOADED . ',' . self::STATUS_STALE . ") AS has_data, box_cache, shown_at FROM {$this->name()} WHERE " . implode( ' OR ', $where ), ARRAY_A );
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
				'shown_at'     => (int) $row['shown_at'],
			);
		}
		return $out;
	}

	/**
	 * The stored product data of many rows as its JSON text, with one query: what product boxes
	 * render from (Asa2\Template::renderJsonWithExpiry() reads it without a PHP array in between)
	 * and what save_box_caches() compares against.
	 *
	 * @param list<int> $ids Row ids.
	 * @return array<int, string> Keyed by row id (rows without data left out).
	 */
	public function stored_json( array $ids ): array {
		global $wpdb;
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $ids ) ) ) );
		if ( ! $ids ) {
			return array();
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, ids are integers.
		$rows = $wpdb->get_results( "SELECT id, data FROM {$this->name()} WHERE id IN (" . implode( ',', $ids ) . ') AND data IS NOT NULL', ARRAY_A );
		$out  = array();
		foreach ( (array) $rows as $row ) {
			if ( '' !== (string) $row['data'] ) {
				$out[ (int) $row['id'] ] = (string) $row['data'];
			}
		}
		return $out;
	}

	/**
	 * Keeps products' rendered boxes, with one statement; a product's boxes are not kept if its
	 * data changed since it was read for them (a refresh in between: they would show older data).
	 *
	 * @param array<int, array{data: string, box_cache: string}> $writes By row id: the product data
	 *                                                                   the boxes were rendered from (stored_json()) and the encoded boxes (Render\BoxCache).
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
			$guards[] = $wpdb->prepare( '(id = %d AND MD5(data) = %s)', $id, md5( $write['data'] ) );
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
				'title'          => mb_substr( is_scalar( $item['title'] ?? null ) ? (string) $item['title'] : '', 0, self::TITLE_LENGTH ),
				'status'         => self::STATUS_LOADED,
			),
			array(
				'asin'        => $asin,
				'marketplace' => $marketplace,
			),
			array( '%s', '%d', '%d', '%s', '%s', '%s', '%s', '%s', '%s', '%d' ),
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
		$wpdb->query(
			$wpdb->prepare(
				"UPDATE {$this->name()} SET refreshed_at = %d, last_error = %s, error_code = %s, status = IF(status IN (%d, %d), %d, %d) WHERE asin = %s AND marketplace = %s", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix.
				$now,
				mb_substr( $message, 0, 2000 ),
				mb_substr( $code, 0, 64 ),
				self::STATUS_LOADED,
				self::STATUS_STALE,
				self::STATUS_STALE,
				self::STATUS_FAILED,
				$asin,
				$marketplace
			)
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
	 * Marks products due for the background refresh, before every other (their last refresh
	 * reads as never: due() takes the oldest first), with one statement.
	 *
	 * @param list<int> $ids Row ids.
	 */
	public function mark_due( array $ids ): void {
		global $wpdb;
		$ids = array_values( array_filter( array_map( 'intval', $ids ) ) );
		if ( $ids ) {
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, ids are integers.
			$wpdb->query( "UPDATE {$this->name()} SET refreshed_at = 0 WHERE id IN (" . implode( ',', $ids ) . ')' );
		}
	}

	/**
	 * How far a refresh of many products got, with one query: of the products still stored, those
	 * refreshed at or after $since, and of those the ones whose refresh failed.
	 *
	 * @param list<int> $ids   Row ids.
	 * @param int       $since When they were queued.
	 * @return array{total: int, done: int, failed: int}
	 */
	public function refresh_progress( array $ids, int $since ): array {
		global $wpdb;
		$ids = array_values( array_filter( array_map( 'intval', $ids ) ) );
		if ( ! $ids ) {
			return array(
				'total'  => 0,
				'done'   => 0,
				'failed' => 0,
			);
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, ids are integers.
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT COUNT(*) AS total, COALESCE(SUM(refreshed_at >= %d), 0) AS done, COALESCE(SUM(refreshed_at >= %d AND error_code <> ''), 0) AS failed FROM {$this->name()} WHERE id IN (" . implode( ',', $ids ) . ')', $since, $since ), ARRAY_A );
		return array(
			'total'  => (int) ( $row['total'] ?? 0 ),
			'done'   => (int) ( $row['done'] ?? 0 ),
			'failed' => (int) ( $row['failed'] ?? 0 ),
		);
	}

	/**
	 * A page of products (see ProductFilter; newest first by default). The page's ids come from
	 * an index (ordering and filtering columns only), then its rows by id: the product data of
	 * rows not shown is never read.
	 *
	 * @param int                $per_page Rows per page.
	 * @param int                $page     Page from 1.
	 * @param ProductFilter|null $filter   Search, filters and order (null: all, newest first).
	 * @return list<array>
	 */
	public function page( int $per_page, int $page, ?ProductFilter $filter = null ): array {
		global $wpdb;
		$filter = $filter ?? new ProductFilter();
		$offset = max( 0, ( $page - 1 ) * $per_page );
		$column = ProductFilter::ORDER_REFRESHED === $filter->orderby ? 'refreshed_at' : 'created';
		$dir    = $filter->ascending ? 'ASC' : 'DESC';
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, parts prepared.
		$ids = array_map( 'intval', (array) $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$this->matches( $filter )} ORDER BY {$column} {$dir}, id {$dir} LIMIT %d OFFSET %d", $per_page, $offset ) ) );
		if ( ! $ids ) {
			return array();
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, ids are integers.
		$rows  = $wpdb->get_results( "SELECT * FROM {$this->name()} WHERE id IN (" . implode( ',', $ids ) . ')', ARRAY_A );
		$by_id = array();
		foreach ( (array) $rows as $row ) {
			$by_id[ (int) $row['id'] ] = self::decode( $row );
		}
		return array_values( array_filter( array_map( static fn( int $id ): ?array => $by_id[ $id ] ?? null, $ids ) ) );
	}

	/**
	 * Number of products a filter matches (its order aside).
	 *
	 * @param ProductFilter|null $filter Search and filters (null: all).
	 * @return int
	 */
	public function count( ?ProductFilter $filter = null ): int {
		global $wpdb;
		return (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$this->matches( $filter ?? new ProductFilter() )}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, parts prepared.
	}

	/**
	 * The FROM ... WHERE part that selects a filter's products, each way of matching served by
	 * an index: marketplace and status by their keys; a search by the ASIN's start (the
	 * asin_marketplace key) and by the title's words (the FULLTEXT key; words of at least
	 * innodb_ft_min_token_size characters, each matched as a word start, all required,
	 * stopwords left out) or, when the search has no such word, by the title's start
	 * (title_start). The two ways are a UNION of two indexed lookups: an OR of them would read
	 * the whole table. Yields "table WHERE ..." or "(SELECT ... UNION ...) AS hits"; either
	 * has the columns id, created and refreshed_at.
	 *
	 * @param ProductFilter $filter Filter.
	 * @return string
	 */
	private function matches( ProductFilter $filter ): string {
		global $wpdb;
		$where = array();
		if ( '' !== $filter->marketplace ) {
			$where[] = $wpdb->prepare( 'marketplace = %s', $filter->marketplace );
		}
		$statuses = $filter->status_values();
		if ( $statuses ) {
			$where[] = 'status IN (' . implode( ',', array_map( 'intval', $statuses ) ) . ')';
		}
		if ( '' === $filter->search ) {
			return $this->name() . ( $where ? ' WHERE ' . implode( ' AND ', $where ) : '' );
		}
		$ways = array();
		if ( preg_match( '/^[A-Za-z0-9]{1,10}$/', $filter->search ) ) {
			$ways[] = $wpdb->prepare( 'asin LIKE %s', $wpdb->esc_like( strtoupper( $filter->search ) ) . '%' );
		}
		$words = $this->title_words( $filter->search );
		if ( $words ) {
			$ways[] = $wpdb->prepare( 'MATCH(title) AGAINST(%s IN BOOLEAN MODE)', implode( ' ', array_map( static fn( string $word ): string => '+' . $word . '*', $words ) ) );
		} else {
			$ways[] = $wpdb->prepare( 'title LIKE %s', $wpdb->esc_like( $filter->search ) . '%' );
		}
		$selects = array_map(
			fn( string $way ): string => "SELECT id, created, refreshed_at FROM {$this->name()} WHERE " . implode( ' AND ', array_merge( array( $way ), $where ) ),
			$ways
		);
		return '(' . implode( ' UNION ', $selects ) . ') AS hits';
	}

	/**
	 * The words of a search the title's FULLTEXT index can find: letters and digits, at least
	 * innodb_ft_min_token_size characters, no stopword.
	 *
	 * @param string $search Search text.
	 * @return list<string>
	 */
	private function title_words( string $search ): array {
		global $wpdb;
		static $min = null;
		if ( null === $min ) {
			$min = max( 1, (int) ( $wpdb->get_var( 'SELECT @@innodb_ft_min_token_size' ) ?? 3 ) );
		}
		$words = preg_split( '/[^\p{L}\p{N}]+/u', mb_strtolower( $search ), -1, PREG_SPLIT_NO_EMPTY );
		$out   = array();
		foreach ( (array) $words as $word ) {
			if ( mb_strlen( $word ) >= $min && ! in_array( $word, self::STOPWORDS, true ) ) {
				$out[ $word ] = $word;
			}
		}
		return array_values( $out );
	}

	/**
	 * Products due for a refresh, $limit of each marketplace, in the order of their value: first
	 * the products a page showed within SHOWN_RECENTLY (most recently shown first), then the
	 * others oldest first, so the products a page queued (rows never fetched) come before every
	 * other of them. When the request quota cannot refresh every product within the interval,
	 * the products visitors see stay fresh. Each marketplace's credential has its own rate and
	 * quota, so one marketplace's backlog never keeps another's products waiting. See
	 * due_parts() for what is due.
	 *
	 * @param int          $before Products last refreshed before this time are due.
	 * @param int          $now    Current time.
	 * @param int          $limit  At most this many per marketplace.
	 * @param list<string> $except Marketplaces left out (their credential's quota is used up).
	 * @return list<array{id: int, asin: string, marketplace: string, refreshed_at: int, shown_at: int}>
	 */
	public function due( int $before, int $now, int $limit, array $except = array() ): array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix.
		$codes  = array_diff( (array) $wpdb->get_col( "SELECT DISTINCT marketplace FROM {$this->name()}" ), $except );
		$recent = $now - self::SHOWN_RECENTLY;
		$out    = array();
		foreach ( $codes as $code ) {
			$rows  = array();
			$parts = $this->due_parts( $before, $now );
			// Served by marketplace_shown (backwards), then by marketplace_refreshed and marketplace_status.
			$queries = array(
				$wpdb->prepare( 'marketplace = %s AND shown_at >= %d AND refreshed_at < %d ORDER BY shown_at DESC', $code, $recent, $before ),
				$wpdb->prepare( 'marketplace = %s AND shown_at < %d AND ', $code, $recent ) . $parts[0] . ' ORDER BY refreshed_at ASC, id ASC',
				$wpdb->prepare( 'marketplace = %s AND ', $code ) . $parts[1] . ' ORDER BY refreshed_at ASC, id ASC',
			);
			foreach ( $queries as $query ) {
				// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, clause prepared.
				$found = $wpdb->get_results( $wpdb->prepare( "SELECT id, asin, marketplace, refreshed_at, shown_at FROM {$this->name()} WHERE {$query} LIMIT %d", $limit ), ARRAY_A );
				foreach ( (array) $found as $row ) {
					$rows[ (int) $row['id'] ] = array(
						'id'           => (int) $row['id'],
						'asin'         => (string) $row['asin'],
						'marketplace'  => (string) $row['marketplace'],
						'refreshed_at' => (int) $row['refreshed_at'],
						'shown_at'     => (int) $row['shown_at'] >= $recent ? (int) $row['shown_at'] : 0,
					);
				}
			}
			$rows = array_values( $rows );
			usort( $rows, array( self::class, 'by_value' ) );
			array_push( $out, ...array_slice( $rows, 0, $limit ) );
		}
		usort( $out, array( self::class, 'by_value' ) );
		return $out;
	}

	/**
	 * Order of due products: shown recently (latest first), then last refreshed first, then by id.
	 *
	 * @param array $a Row of due() (shown_at 0 unless shown recently).
	 * @param array $b Row.
	 * @return int
	 */
	private static function by_value( array $a, array $b ): int {
		return array( -$a['shown_at'], $a['refreshed_at'], $a['id'] ) <=> array( -$b['shown_at'], $b['refreshed_at'], $b['id'] );
	}

	/**
	 * Notes that pages showed products now: one statement for all of them, for the rows whose
	 * mark is older than SHOWN_MARK_EVERY (the caller passes only those).
	 *
	 * @param list<int> $ids Row ids.
	 * @param int       $now Current time.
	 */
	public function mark_shown( array $ids, int $now ): void {
		global $wpdb;
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $ids ) ) ) );
		if ( ! $ids ) {
			return;
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, ids are integers.
		$wpdb->query( $wpdb->prepare( "UPDATE {$this->name()} SET shown_at = %d WHERE id IN (" . implode( ',', $ids ) . ') AND shown_at < %d', $now, $now - self::SHOWN_MARK_EVERY ) );
	}

	/**
	 * Number of products due for a refresh (due_parts()).
	 *
	 * @param int $before Products last refreshed before this time are due.
	 * @param int $now    Current time.
	 * @return int
	 */
	public function count_due( int $before, int $now ): int {
		global $wpdb;
		$count = 0;
		foreach ( $this->due_parts( $before, $now ) as $part ) {
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix, clause prepared.
			$count += (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$this->name()} WHERE {$part}" );
		}
		return $count;
	}

	/**
	 * What is due, as two conditions that match no row in common, each served by an index
	 * (refreshed_at, or status and refreshed_at; with the marketplace first when due() adds
	 * it): products last refreshed before $before (products never fetched included: their
	 * refreshed_at is 0), and products that were never loaded because their fetch failed,
	 * once they have waited RETRY_UNLOADED_AFTER or as long as they have been failing
	 * (whichever is longer, at most the refresh interval): a product a page asked for during an
	 * outage shows up within the hour after it ends, and one Amazon keeps refusing is asked for
	 * less and less often.
	 *
	 * @param int $before Products last refreshed before this time are due.
	 * @param int $now    Current time.
	 * @return array{0: string, 1: string} SQL conditions.
	 */
	private function due_parts( int $before, int $now ): array {
		global $wpdb;
		return array(
			$wpdb->prepare( 'refreshed_at < %d', $before ),
			$wpdb->prepare(
				'status IN (%d, %d) AND refreshed_at >= %d AND CAST(refreshed_at AS SIGNED) + LEAST(%d, GREATEST(%d, CAST(refreshed_at AS SIGNED) - CAST(created AS SIGNED))) <= %d',
				self::STATUS_NEW,
				self::STATUS_FAILED,
				$before,
				max( 0, $now - $before ),
				self::RETRY_UNLOADED_AFTER,
				$now
			),
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
