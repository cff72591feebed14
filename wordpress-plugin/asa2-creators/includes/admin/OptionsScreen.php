<?php
/**
 * ASA2 -> Options, tab Logging.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\Plugin;
use Asa2\Creators\Storage\LoggingSettings;
use Asa2\Creators\Storage\LogTable;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Page asa2-options. The Logging tab switches API call logging on and off, sets the minimum
 * level and retention, and shows the log.
 */
final class OptionsScreen {

	/** Menu slug. */
	public const SLUG = 'asa2-options';

	/** Tab id. */
	public const TAB_LOGGING = 'logging';

	/** @var LoggingSettings */
	private LoggingSettings $logging;

	/** @var LogTable */
	private LogTable $log_table;

	/**
	 * @param LoggingSettings $logging   Logging settings.
	 * @param LogTable        $log_table The log table.
	 */
	public function __construct( LoggingSettings $logging, LogTable $log_table ) {
		$this->logging   = $logging;
		$this->log_table = $log_table;
	}

	/**
	 * URL of this screen.
	 *
	 * @param array $args Extra query arguments.
	 * @return string
	 */
	public static function url( array $args = array() ): string {
		return add_query_arg( array_merge( array( 'page' => self::SLUG, 'tab' => self::TAB_LOGGING ), $args ), admin_url( 'admin.php' ) );
	}

	/**
	 * The tabs: Logging, then those other parts of ASA2 add.
	 *
	 * @return array<string, string> id => label.
	 */
	public static function tabs(): array {
		/**
		 * Filters the tabs of ASA2 -> Options; each added tab id is printed by the action
		 * "asa2/options_tab_{id}".
		 *
		 * @param array<string, string> $tabs id => label.
		 */
		$tabs = (array) apply_filters( 'asa2/options_tabs', array( self::TAB_LOGGING => __( 'Logging', 'asa2-creators' ) ) );
		return array( self::TAB_LOGGING => __( 'Logging', 'asa2-creators' ) ) + array_map( 'strval', $tabs );
	}

	/**
	 * The requested tab.
	 *
	 * @return string
	 */
	public static function current_tab(): string {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- read-only navigation.
		$tab = isset( $_GET['tab'] ) ? sanitize_key( wp_unslash( $_GET['tab'] ) ) : self::TAB_LOGGING;
		return isset( self::tabs()[ $tab ] ) ? $tab : self::TAB_LOGGING;
	}

	/**
	 * Prints the screen.
	 */
	public function render(): void {
		if ( ! current_user_can( Plugin::CAPABILITY ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to access this page.', 'asa2-creators' ), 403 );
		}
		$settings = $this->logging->get();
		$labels   = self::level_labels();

		echo '<div class="wrap asa2-wrap"><h1 class="wp-heading-inline">' . esc_html__( 'ASA2 Options', 'asa2-creators' ) . '</h1><hr class="wp-header-end" />';
		echo '<nav class="nav-tab-wrapper wp-clearfix" aria-label="' . esc_attr__( 'Options sections', 'asa2-creators' ) . '">';
		$tab = self::current_tab();
		foreach ( self::tabs() as $id => $label ) {
			echo '<a href="' . esc_url( self::url( array( 'tab' => $id ) ) ) . '" class="nav-tab' . ( $id === $tab ? ' nav-tab-active" aria-current="page' : '' ) . '">' . esc_html( $label ) . '</a>';
		}
		echo '</nav>';
		if ( self::TAB_LOGGING !== $tab ) {
			/**
			 * Prints an Options tab added with the asa2/options_tabs filter.
			 */
			do_action( 'asa2/options_tab_' . $tab );
			echo '</div>';
			return;
		}

		echo '<p class="asa2-intro">' . esc_html__( 'Log every call ASA2 makes to Amazon (access tokens, Creators API and PA API) to check that product data loads through the API you expect. Secrets, access tokens and full tracking IDs are never logged.', 'asa2-creators' ) . '</p>';

		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="asa2-form" id="asa2-logging-form">';
		RequestGuard::fields( LoggingActions::SAVE );
		echo '<table class="form-table" role="presentation"><tbody>';
		echo '<tr><th scope="row">' . esc_html__( 'API Call Logging', 'asa2-creators' ) . '</th><td><label for="asa2-logging-enabled"><input type="checkbox" name="asa2[enabled]" id="asa2-logging-enabled" value="1"' . checked( $settings['enabled'], true, false ) . ' /> ' . esc_html__( 'Log calls to Amazon', 'asa2-creators' ) . '</label></td></tr>';
		echo '<tr><th scope="row"><label for="asa2-logging-level">' . esc_html__( 'Minimum Level', 'asa2-creators' ) . '</label></th><td><select name="asa2[level]" id="asa2-logging-level">';
		foreach ( LoggingSettings::LEVELS as $level ) {
			echo '<option value="' . esc_attr( $level ) . '"' . selected( $settings['level'], $level, false ) . '>' . esc_html( $labels[ $level ] ) . '</option>';
		}
		echo '</select><p class="description">' . esc_html__( 'Info logs every successful call; Warning only item-level problems and errors; Error only failed calls.', 'asa2-creators' ) . '</p></td></tr>';
		echo '<tr><th scope="row"><label for="asa2-logging-retention">' . esc_html__( 'Keep Entries For', 'asa2-creators' ) . '</label></th><td><input type="number" class="small-text" name="asa2[retention_days]" id="asa2-logging-retention" min="' . esc_attr( (string) LoggingSettings::MIN_RETENTION ) . '" max="' . esc_attr( (string) LoggingSettings::MAX_RETENTION ) . '" value="' . esc_attr( (string) $settings['retention_days'] ) . '" /> ' . esc_html__( 'days', 'asa2-creators' ) . '<p class="description">' . esc_html__( 'Older entries are deleted once a day.', 'asa2-creators' ) . '</p></td></tr>';
		echo '</tbody></table>';
		submit_button( __( 'Save Logging Settings', 'asa2-creators' ) );
		echo '</form>';

		echo '<h2 class="asa2-section-title">' . esc_html__( 'API Call Log', 'asa2-creators' ) . '</h2>';
		$table = new LogListTable( $this->log_table, $this->logging );
		$table->prepare_items();
		$table->display();
		if ( $table->has_items() ) {
			echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" data-asa2-confirm="' . esc_attr__( 'Delete every log entry?', 'asa2-creators' ) . '">';
			RequestGuard::fields( LoggingActions::CLEAR );
			submit_button( __( 'Clear Log', 'asa2-creators' ), 'delete', 'asa2-clear-log', false );
			echo '</form>';
		}
		echo '</div>';
	}

	/**
	 * Translated level names.
	 *
	 * @return array<string, string>
	 */
	public static function level_labels(): array {
		return array(
			'debug'   => __( 'Debug', 'asa2-creators' ),
			'info'    => __( 'Info', 'asa2-creators' ),
			'warning' => __( 'Warning', 'asa2-creators' ),
			'error'   => __( 'Error', 'asa2-creators' ),
		);
	}
}
