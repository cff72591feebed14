<?php
/**
 * A lock shared by every PHP worker of the site.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Api;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * With a persistent object cache: wp_cache_add() (atomic in Redis and Memcached). Without one:
 * a row in the options table inserted with INSERT IGNORE, so exactly one worker creates it. The
 * row holds its expiry; a lock left behind by a worker that died is taken over once expired.
 */
final class SharedLock {

	/** Option name prefix (uninstall removes everything under "asa2_"). */
	public const OPTION_PREFIX = 'asa2_lock_';

	/** Object cache group. */
	private const GROUP = 'asa2_locks';

	/**
	 * Takes the lock unless another worker holds it.
	 *
	 * @param string $name Lock name (short, [a-z0-9_]).
	 * @param int    $ttl  Seconds after which the lock counts as abandoned.
	 * @return bool Whether this worker holds it now.
	 */
	public static function acquire( string $name, int $ttl ): bool {
		if ( wp_using_ext_object_cache() ) {
			return (bool) wp_cache_add( $name, time() + $ttl, self::GROUP, $ttl );
		}
		global $wpdb;
		$option = self::OPTION_PREFIX . $name;
		if ( self::insert( $option, time() + $ttl ) ) {
			return true;
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the lock must bypass every cache.
		$expires = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $option ) );
		if ( null !== $expires && (int) $expires < time() ) {
			// Abandoned: remove exactly that row (another worker may be doing the same), then race again.
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- compare-and-delete of our lock row.
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name = %s AND option_value = %s", $option, (string) $expires ) );
			return self::insert( $option, time() + $ttl );
		}
		return false;
	}

	/**
	 * Releases the lock.
	 *
	 * @param string $name Lock name.
	 */
	public static function release( string $name ): void {
		if ( wp_using_ext_object_cache() ) {
			wp_cache_delete( $name, self::GROUP );
			return;
		}
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the lock must bypass every cache.
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name = %s", self::OPTION_PREFIX . $name ) );
	}

	/**
	 * Inserts the lock row unless it exists.
	 *
	 * @param string $option  Option name.
	 * @param int    $expires Expiry.
	 * @return bool Whether this call created it.
	 */
	private static function insert( string $option, int $expires ): bool {
		global $wpdb;
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- add_option() is not atomic (INSERT ... ON DUPLICATE KEY UPDATE).
		$rows = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'no')", $option, (string) $expires ) );
		$wpdb->suppress_errors( $suppress );
		return 1 === (int) $rows;
	}
}
