<?php
/**
 * The API call log viewer.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Api\AmazonApi;
use Asa2\Creators\Storage\LoggingSettings;
use Asa2\Creators\Storage\LogTable;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

if ( ! class_exists( '\WP_List_Table' ) ) {
	require_once ABSPATH . 'wp-admin/includes/class-wp-list-table.php';
}

/**
 * Newest first, paginated.
 */
final class LogListTable extends \WP_List_Table {

	/** Rows per page. */
	private const PER_PAGE = 50;

	/** @var LogTable */
	private LogTable $log_table;

	/** @var LoggingSettings */
	private LoggingSettings $logging;

	/**
	 * @param LogTable        $log_table The log table.
	 * @param LoggingSettings $logging   Logging settings.
	 */
	public function __construct( LogTable $log_table, LoggingSettings $logging ) {
		$this->log_table = $log_table;
		$this->logging   = $logging;
		parent::__construct(
			array(
				'singular' => 'asa2-log-entry',
				'plural'   => 'asa2-log-entries',
				'ajax'     => false,
				'screen'   => 'asa2_page_' . OptionsScreen::SLUG,
			)
		);
	}

	/**
	 * Columns.
	 *
	 * @return array<string, string>
	 */
	public function get_columns() {
		return array(
			'logged_at'   => __( 'Time', 'asa2-creators' ),
			'marketplace' => __( 'Marketplace', 'asa2-creators' ),
			'api'         => __( 'API', 'asa2-creators' ),
			'operation'   => __( 'Operation', 'asa2-creators' ),
			'api_version' => __( 'Version', 'asa2-creators' ),
			'http_status' => __( 'HTTP Status', 'asa2-creators' ),
			'duration_ms' => __( 'Duration', 'asa2-creators' ),
			'outcome'     => __( 'Outcome', 'asa2-creators' ),
		);
	}

	/**
	 * Loads one page.
	 */
	public function prepare_items() {
		$this->_column_headers = array( $this->get_columns(), array(), array(), 'logged_at' );
		$total                 = $this->log_table->count();
		$this->items           = $this->log_table->page( self::PER_PAGE, $this->get_pagenum() );
		$this->set_pagination_args(
			array(
				'total_items' => $total,
				'per_page'    => self::PER_PAGE,
			)
		);
	}

	/**
	 * Table classes.
	 *
	 * @return array
	 */
	protected function get_table_classes() {
		return array( 'widefat', 'fixed', 'striped', 'asa2-table', 'asa2-log-table' );
	}

	/**
	 * Empty state.
	 */
	public function no_items() {
		if ( $this->logging->get()['enabled'] ) {
			esc_html_e( 'No calls logged yet. Test a connection or load a product to see entries here.', 'asa2-creators' );
		} else {
			esc_html_e( 'Logging is off. Turn on "Log calls to Amazon" above to record API calls.', 'asa2-creators' );
		}
	}

	/**
	 * Time.
	 *
	 * @param array $item Row.
	 * @return string
	 */
	protected function column_logged_at( $item ) {
		$time = (int) $item['logged_at'];
		return '<time datetime="' . esc_attr( gmdate( 'c', $time ) ) . '">' . esc_html( wp_date( 'Y-m-d H:i:s', $time ) ) . '</time>';
	}

	/**
	 * Marketplace.
	 *
	 * @param array $item Row.
	 * @return string
	 */
	protected function column_marketplace( $item ) {
		$country = CoreMessages::country( (string) $item['marketplace'], '' );
		return '<span title="' . esc_attr( $country ) . '">' . esc_html( (string) $item['marketplace'] ) . '</span>';
	}

	/**
	 * API.
	 *
	 * @param array $item Row.
	 * @return string
	 */
	protected function column_api( $item ) {
		return esc_html( AmazonApi::PaApi === AmazonApi::of( (string) $item['api'] ) ? __( 'PA API', 'asa2-creators' ) : __( 'Creators', 'asa2-creators' ) );
	}

	/**
	 * HTTP status.
	 *
	 * @param array $item Row.
	 * @return string
	 */
	protected function column_http_status( $item ) {
		return (int) $item['http_status'] > 0 ? esc_html( (string) $item['http_status'] ) : '&mdash;';
	}

	/**
	 * Duration.
	 *
	 * @param array $item Row.
	 * @return string
	 */
	protected function column_duration_ms( $item ) {
		return esc_html(
			sprintf(
				/* translators: %d: milliseconds */
				__( '%d ms', 'asa2-creators' ),
				(int) $item['duration_ms']
			)
		);
	}

	/**
	 * Outcome and message.
	 *
	 * @param array $item Row.
	 * @return string
	 */
	protected function column_outcome( $item ) {
		$labels = OptionsScreen::level_labels();
		return '<span class="asa2-level asa2-level-' . esc_attr( (string) $item['level'] ) . '">' . esc_html( $labels[ $item['level'] ] ?? (string) $item['level'] ) . '</span> <strong>' . esc_html( (string) $item['outcome'] ) . '</strong><p class="asa2-log-message">' . esc_html( (string) $item['message'] ) . '</p>';
	}

	/**
	 * Other columns.
	 *
	 * @param array  $item        Row.
	 * @param string $column_name Column.
	 * @return string
	 */
	protected function column_default( $item, $column_name ) {
		return esc_html( (string) ( $item[ $column_name ] ?? '' ) );
	}
}
