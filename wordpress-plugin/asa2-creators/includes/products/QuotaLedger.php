<?php
/**
 * Requests made per credential per UTC day, shared by every web server.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Products;

use Asa2\Creators\Clock;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * One options row per credential counts the API requests of the current UTC day ("Y-m-d|count";
 * a row of another day counts as 0). take() adds one only while the count is below the limit, in
 * a single UPDATE, so two workers or web servers never both take the last request of the day.
 *
 * When Amazon answers a request with a quota code (QuotaExceeded), lower() caps the credential's
 * plan at what it used that day, until the next UTC day.
 *
 * Token requests are not counted: Amazon's token endpoints (Cognito, Login with Amazon) are not
 * the Creators API and nothing says their calls use its budget; a token lasts an hour anyway.
 */
final class QuotaLedger {

	/** Option name prefix of the day's count. */
	public const COUNT_PREFIX = 'asa2_qday_c_';

	/** Option name prefix of the day's lowered plan. */
	public const LOWERED_PREFIX = 'asa2_qday_l_';

	/** Error code of Amazon's quota answer (asa2_core's QUOTA_EXCEEDED). */
	public const QUOTA_CODE = 'QuotaExceeded';

	/**
	 * Counts one request if the day's count is below $limit.
	 *
	 * @param string $credential ApiRouter::credential().
	 * @param int    $limit      Requests allowed today.
	 * @return bool Whether the request may go out.
	 */
	public function take( string $credential, int $limit ): bool {
		return $this->add( $credential, $limit );
	}

	/**
	 * Counts one request whatever the day's count (a request a person asked for).
	 *
	 * @param string $credential ApiRouter::credential().
	 */
	public function count( string $credential ): void {
		$this->add( $credential, PHP_INT_MAX );
	}

	/**
	 * Requests counted today.
	 *
	 * @param string $credential ApiRouter::credential().
	 * @return int
	 */
	public function used( string $credential ): int {
		return self::today_value( $this->read( self::COUNT_PREFIX . md5( $credential ) ) ) ?? 0;
	}

	/**
	 * The plan Amazon's quota answer set for today, if it answered one.
	 *
	 * @param string $credential ApiRouter::credential().
	 * @return int|null
	 */
	public function lowered( string $credential ): ?int {
		return self::today_value( $this->read( self::LOWERED_PREFIX . md5( $credential ) ) );
	}

	/**
	 * Amazon said the credential's quota is used up: no more requests until the next UTC day.
	 *
	 * @param string $credential ApiRouter::credential().
	 */
	public function lower( string $credential ): void {
		global $wpdb;
		$value = self::day() . '|' . $this->used( $credential );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a row every web server reads directly.
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'no') ON DUPLICATE KEY UPDATE option_value = VALUES(option_value)", self::LOWERED_PREFIX . md5( $credential ), $value ) );
	}

	/**
	 * Requests allowed today: the setting, or less after Amazon's quota answer.
	 *
	 * @param string $credential ApiRouter::credential().
	 * @param int    $per_day    The credential's requests per day.
	 * @return int
	 */
	public function limit( string $credential, int $per_day ): int {
		$lowered = $this->lowered( $credential );
		return null === $lowered ? $per_day : min( $per_day, $lowered );
	}

	/**
	 * Requests left today.
	 *
	 * @param string $credential ApiRouter::credential().
	 * @param int    $per_day    The credential's requests per day.
	 * @return int
	 */
	public function left( string $credential, int $per_day ): int {
		return max( 0, $this->limit( $credential, $per_day ) - $this->used( $credential ) );
	}

	/**
	 * The current UTC day.
	 *
	 * @return string Y-m-d.
	 */
	public static function day(): string {
		return gmdate( 'Y-m-d', Clock::now() );
	}

	/**
	 * Seconds until the next UTC day, when the counts start again.
	 *
	 * @return int
	 */
	public static function seconds_to_reset(): int {
		return DAY_IN_SECONDS - ( Clock::now() % DAY_IN_SECONDS );
	}

	/**
	 * One conditional increment.
	 *
	 * @param string $credential ApiRouter::credential().
	 * @param int    $limit      Count below which the increment happens.
	 * @return bool Whether it happened.
	 */
	private function add( string $credential, int $limit ): bool {
		global $wpdb;
		$option = self::COUNT_PREFIX . md5( $credential );
		$day    = self::day();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- an atomic count shared by every web server.
		$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, '', 'no')", $option ) );
		$rows = $wpdb->query(
			$wpdb->prepare(
				"UPDATE {$wpdb->options} SET option_value = CONCAT(%s, '|', IF(LEFT(option_value, 10) = %s, CAST(SUBSTRING(option_value, 12) AS UNSIGNED) + 1, 1)) WHERE option_name = %s AND (LEFT(option_value, 10) <> %s OR CAST(SUBSTRING(option_value, 12) AS UNSIGNED) < %d)",
				$day,
				$day,
				$option,
				$day,
				min( $limit, PHP_INT_MAX - 1 )
			)
		);
		// phpcs:enable WordPress.DB.DirectDatabaseQuery
		return 1 === $rows;
	}

	/**
	 * An options row read directly (other web servers write it).
	 *
	 * @param string $option Option name.
	 * @return string
	 */
	private function read( string $option ): string {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a row every web server writes directly.
		return (string) $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $option ) );
	}

	/**
	 * The number of a "Y-m-d|n" value if it is today's.
	 *
	 * @param string $value Stored value.
	 * @return int|null
	 */
	private static function today_value( string $value ): ?int {
		$parts = explode( '|', $value, 2 );
		return 2 === count( $parts ) && self::day() === $parts[0] ? (int) $parts[1] : null;
	}
}
