<?php
/**
 * admin-post.php handlers of Options -> Logging.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\Storage\LoggingSettings;
use Asa2\Creators\Storage\LogTable;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Saves the logging settings and clears the log.
 */
final class LoggingActions {

	/** admin-post actions. */
	public const SAVE  = 'asa2_save_logging';
	public const CLEAR = 'asa2_clear_log';

	/** @var LoggingSettings */
	private LoggingSettings $logging;

	/** @var LogTable */
	private LogTable $log_table;

	/** @var Notices */
	private Notices $notices;

	/**
	 * @param LoggingSettings $logging   Logging settings.
	 * @param LogTable        $log_table The log table.
	 * @param Notices         $notices   Notices for the next screen.
	 */
	public function __construct( LoggingSettings $logging, LogTable $log_table, Notices $notices ) {
		$this->logging   = $logging;
		$this->log_table = $log_table;
		$this->notices   = $notices;
	}

	/**
	 * Stores the settings.
	 *
	 * @param array $request Unslashed POST data: asa2[enabled|level|retention_days].
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function save( array $request ): string {
		RequestGuard::check( self::SAVE, $request );
		$fields    = RequestGuard::group( $request );
		$level     = sanitize_key( RequestGuard::text( $fields['level'] ?? 'info' ) );
		$retention = absint( $fields['retention_days'] ?? 30 );
		if ( ! in_array( $level, LoggingSettings::LEVELS, true ) ) {
			$level = 'info';
		}
		if ( $retention < LoggingSettings::MIN_RETENTION || $retention > LoggingSettings::MAX_RETENTION ) {
			$this->notices->add(
				'error',
				sprintf(
					/* translators: 1: minimum days, 2: maximum days */
					__( 'Keep entries for must be between %1$d and %2$d days. Nothing was changed.', 'asa2-creators' ),
					LoggingSettings::MIN_RETENTION,
					LoggingSettings::MAX_RETENTION
				)
			);
			return OptionsScreen::url();
		}
		$this->logging->save(
			array(
				'enabled'        => ! empty( $fields['enabled'] ),
				'level'          => $level,
				'retention_days' => $retention,
			)
		);
		$this->notices->add( 'success', __( 'Logging settings saved.', 'asa2-creators' ) );
		return OptionsScreen::url();
	}

	/**
	 * Deletes every log row.
	 *
	 * @param array $request Unslashed POST data.
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function clear( array $request ): string {
		RequestGuard::check( self::CLEAR, $request );
		$this->log_table->clear();
		$this->notices->add( 'success', __( 'The log was cleared.', 'asa2-creators' ) );
		return OptionsScreen::url();
	}
}
