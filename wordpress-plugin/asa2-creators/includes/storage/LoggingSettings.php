<?php
/**
 * Logging settings (option asa2_logging).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Whether API calls are logged, from which level, and for how many days.
 */
final class LoggingSettings {

	/** Option name. */
	public const OPTION = 'asa2_logging';

	/** Levels from least to most severe. */
	public const LEVELS = array( 'debug', 'info', 'warning', 'error' );

	/** Retention bounds in days. */
	public const MIN_RETENTION = 1;
	public const MAX_RETENTION = 365;

	/**
	 * Current settings.
	 *
	 * @return array{enabled: bool, level: string, retention_days: int}
	 */
	public function get(): array {
		$stored = get_option( self::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		$level  = (string) ( $stored['level'] ?? 'info' );
		return array(
			'enabled'        => (bool) ( $stored['enabled'] ?? false ),
			'level'          => in_array( $level, self::LEVELS, true ) ? $level : 'info',
			'retention_days' => max( self::MIN_RETENTION, min( self::MAX_RETENTION, (int) ( $stored['retention_days'] ?? 30 ) ) ),
		);
	}

	/**
	 * Stores settings.
	 *
	 * @param array{enabled: bool, level: string, retention_days: int} $settings Valid settings.
	 */
	public function save( array $settings ): void {
		update_option( self::OPTION, $settings, true );
	}

	/**
	 * Whether an entry of $level is written with the current settings.
	 *
	 * @param string $level Entry level.
	 * @return bool
	 */
	public function accepts( string $level ): bool {
		$settings = $this->get();
		if ( ! $settings['enabled'] ) {
			return false;
		}
		$rank = array_flip( self::LEVELS );
		return ( $rank[ $level ] ?? 0 ) >= $rank[ $settings['level'] ];
	}
}
