<?php
/**
 * A lock shared by every PHP worker of every web server of the site.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Api;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * A row in the options table, inserted with INSERT IGNORE so that exactly one worker creates it,
 * holding when it expires and who holds it. Always the database, never the object cache: a
 * cache may drop any entry at any moment (flushed, evicted, restarted, unreachable), and a lock
 * that vanishes lets a second worker in. Every web server of a site shares its database.
 *
 * A holder that works longer than its lock lasts renews it (renew()); a lock left behind by a
 * worker that died is taken over once expired. Renewing and releasing touch the row only while
 * it is still the holder's own, so a worker whose lock expired and was taken over never extends
 * or removes the new holder's.
 */
final class SharedLock {

	/** Option name prefix (uninstall removes everything under "asa2_"). */
	public const OPTION_PREFIX = 'asa2_lock_';

	/** @var array<string, string> The rows this process holds: lock name => stored value. */
	private static array $held = array();

	/**
	 * Takes the lock unless another worker holds it.
	 *
	 * @param string $name Lock name (short, [a-z0-9_]).
	 * @param int    $ttl  Seconds after which the lock counts as abandoned.
	 * @return bool Whether this worker holds it now.
	 */
	public static function acquire( string $name, int $ttl ): bool {
		global $wpdb;
		$option = self::OPTION_PREFIX . $name;
		if ( self::insert( $name, $ttl ) ) {
			return true;
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the lock must bypass every cache.
		$value = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $option ) );
		if ( null !== $value && self::parse( (string) $value )['expires'] < time() ) {
			// Abandoned: remove exactly that row (another worker may be doing the same), then race again.
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- compare-and-delete of the abandoned row.
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name = %s AND option_value = %s", $option, (string) $value ) );
			return self::insert( $name, $ttl );
		}
		return false;
	}

	/**
	 * Extends a lock this worker holds by $ttl seconds from now.
	 *
	 * @param string $name Lock name.
	 * @param int    $ttl  Seconds from now.
	 * @return bool False when the lock is no longer this worker's (it expired and another worker
	 *              took it over): stop the work it guards.
	 */
	public static function renew( string $name, int $ttl ): bool {
		global $wpdb;
		if ( ! isset( self::$held[ $name ] ) ) {
			return false;
		}
		$option = self::OPTION_PREFIX . $name;
		$value  = self::value( $ttl, self::parse( self::$held[ $name ] )['owner'] );
		if ( $value === self::$held[ $name ] ) {
			// Renewed within the same second: nothing to write (MySQL would count no changed row), only check.
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the lock must bypass every cache.
			$mine = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $option ) ) === $value;
		} else {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- compare-and-set of this worker's own row.
			$mine = 1 === (int) $wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->options} SET option_value = %s WHERE option_name = %s AND option_value = %s", $value, $option, self::$held[ $name ] ) );
		}
		if ( ! $mine ) {
			unset( self::$held[ $name ] );
			return false;
		}
		self::$held[ $name ] = $value;
		return true;
	}

	/**
	 * Releases a lock this worker holds (another worker's is left alone).
	 *
	 * @param string $name Lock name.
	 */
	public static function release( string $name ): void {
		global $wpdb;
		if ( ! isset( self::$held[ $name ] ) ) {
			return;
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- compare-and-delete of this worker's own row.
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name = %s AND option_value = %s", self::OPTION_PREFIX . $name, self::$held[ $name ] ) );
		unset( self::$held[ $name ] );
	}

	/**
	 * Who holds a lock and until when, read from the database.
	 *
	 * @param string $name Lock name.
	 * @return array{expires: int, owner: string}|null Null when nobody holds it. owner: the
	 *   holder's host name and process ID ("web-2#1234").
	 */
	public static function holder( string $name ): ?array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the lock must bypass every cache.
		$value = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", self::OPTION_PREFIX . $name ) );
		if ( null === $value ) {
			return null;
		}
		$parsed = self::parse( (string) $value );
		return array(
			'expires' => $parsed['expires'],
			'owner'   => (string) preg_replace( '/#[0-9a-f]{16}$/', '', $parsed['owner'] ),
		);
	}

	/**
	 * Inserts the lock row unless it exists.
	 *
	 * @param string $name Lock name.
	 * @param int    $ttl  Seconds from now.
	 * @return bool Whether this call created it.
	 */
	private static function insert( string $name, int $ttl ): bool {
		global $wpdb;
		$value    = self::value( $ttl, self::owner() );
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- add_option() is not atomic (INSERT ... ON DUPLICATE KEY UPDATE).
		$rows = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'no')", self::OPTION_PREFIX . $name, $value ) );
		$wpdb->suppress_errors( $suppress );
		if ( 1 !== (int) $rows ) {
			return false;
		}
		self::$held[ $name ] = $value;
		return true;
	}

	/**
	 * The stored value: "<expiry>|<owner>".
	 *
	 * @param int    $ttl   Seconds from now.
	 * @param string $owner Owner.
	 * @return string
	 */
	private static function value( int $ttl, string $owner ): string {
		return ( time() + max( 1, $ttl ) ) . '|' . $owner;
	}

	/**
	 * A new owner: this server (named as Site Health names it), this process, and a random part
	 * that makes it unique.
	 *
	 * @return string
	 */
	private static function owner(): string {
		return \Asa2\Creators\Health\WebNodes::name() . '#' . getmypid() . '#' . bin2hex( random_bytes( 8 ) );
	}

	/**
	 * Reads a stored value (a bare expiry, as older versions stored it, has no owner).
	 *
	 * @param string $value Stored value.
	 * @return array{expires: int, owner: string}
	 */
	private static function parse( string $value ): array {
		$parts = explode( '|', $value, 2 );
		return array(
			'expires' => (int) $parts[0],
			'owner'   => $parts[1] ?? '',
		);
	}
}
