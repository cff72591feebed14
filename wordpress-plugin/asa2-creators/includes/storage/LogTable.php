<?php
/**
 * The API call log table ({prefix}asa2_log).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * One row per remote call. Rows never hold secrets, tokens, request bodies or full partner
 * tags; Asa2\Creators\Api\CallLog redacts before inserting.
 */
final class LogTable {

	/** Option holding the installed schema version. */
	public const VERSION_OPTION = 'asa2_log_db_version';

	/** Current schema version. */
	private const SCHEMA_VERSION = '1';

	/**
	 * Full table name.
	 *
	 * @return string
	 */
	public function name(): string {
		global $wpdb;
		return $wpdb->prefix . 'asa2_log';
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
	 * Creates or updates the table.
	 */
	public function install(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$charset = $wpdb->get_charset_collate();
		dbDelta(
			"CREATE TABLE {$this->name()} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  logged_at int(10) unsigned NOT NULL,
  level varchar(10) NOT NULL,
  marketplace varchar(4) NOT NULL DEFAULT '',
  api varchar(16) NOT NULL,
  operation varchar(40) NOT NULL,
  api_version varchar(8) NOT NULL DEFAULT '',
  http_status smallint(5) unsigned NOT NULL DEFAULT 0,
  duration_ms int(10) unsigned NOT NULL DEFAULT 0,
  outcome varchar(16) NOT NULL,
  message text NOT NULL,
  PRIMARY KEY  (id),
  KEY logged_at (logged_at)
) $charset;"
		);
		update_option( self::VERSION_OPTION, self::SCHEMA_VERSION, true );
	}

	/**
	 * Drops the table (uninstall).
	 */
	public function drop(): void {
		global $wpdb;
		$wpdb->query( "DROP TABLE IF EXISTS {$this->name()}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from $wpdb->prefix.
		delete_option( self::VERSION_OPTION );
	}

	/**
	 * Inserts one (already redacted) row.
	 *
	 * @param array $row Column => value.
	 */
	public function insert( array $row ): void {
		global $wpdb;
		$wpdb->insert(
			$this->name(),
			array(
				'logged_at'   => (int) $row['logged_at'],
				'level'       => (string) $row['level'],
				'marketplace' => (string) $row['marketplace'],
				'api'         => (string) $row['api'],
				'operation'   => (string) $row['operation'],
				'api_version' => (string) $row['api_version'],
				'http_status' => (int) $row['http_status'],
				'duration_ms' => (int) $row['duration_ms'],
				'outcome'     => (string) $row['outcome'],
				'message'     => (string) $row['message'],
			),
			array( '%d', '%s', '%s', '%s', '%s', '%s', '%d', '%d', '%s', '%s' )
		);
	}

	/**
	 * A page of rows, newest first.
	 *
	 * @param int $per_page Rows per page.
	 * @param int $page     Page number from 1.
	 * @return list<array>
	 */
	public function page( int $per_page, int $page ): array {
		global $wpdb;
		$offset = max( 0, ( $page - 1 ) * $per_page );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from $wpdb->prefix.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$this->name()} ORDER BY logged_at DESC, id DESC LIMIT %d OFFSET %d", $per_page, $offset ), ARRAY_A );
		return is_array( $rows ) ? $rows : array();
	}

	/**
	 * Number of rows.
	 *
	 * @return int
	 */
	public function count(): int {
		global $wpdb;
		return (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$this->name()}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from $wpdb->prefix.
	}

	/**
	 * Deletes rows logged before a time.
	 *
	 * @param int $before Unix timestamp.
	 * @return int Rows deleted.
	 */
	public function delete_older_than( int $before ): int {
		global $wpdb;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from $wpdb->prefix.
		return (int) $wpdb->query( $wpdb->prepare( "DELETE FROM {$this->name()} WHERE logged_at < %d", $before ) );
	}

	/**
	 * Deletes every row.
	 */
	public function clear(): void {
		global $wpdb;
		$wpdb->query( "TRUNCATE TABLE {$this->name()}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from $wpdb->prefix.
	}
}
