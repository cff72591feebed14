<?php
/**
 * The Configured Marketplaces table.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Credentials;
use Asa2\Creators\Clock;
use Asa2\Creators\Storage\MarketplaceRepository;
use Asa2\Creators\Storage\SecretStore;
use Asa2\PartnerTag;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

if ( ! class_exists( '\WP_List_Table' ) ) {
	require_once ABSPATH . 'wp-admin/includes/class-wp-list-table.php';
}

/**
 * One row per configured marketplace with its actions. Every state-changing action is a small
 * POST form with its own nonce; Edit and Delete lead to their pages.
 */
final class MarketplacesTable extends \WP_List_Table {

	/** @var MarketplaceRepository */
	private MarketplaceRepository $marketplaces;

	/** @var SecretStore */
	private SecretStore $secrets;

	/**
	 * @param MarketplaceRepository $marketplaces Marketplace records.
	 * @param SecretStore           $secrets      Opens and seals the secrets.
	 */
	public function __construct( MarketplaceRepository $marketplaces, SecretStore $secrets ) {
		$this->marketplaces = $marketplaces;
		$this->secrets      = $secrets;
		parent::__construct(
			array(
				'singular' => 'asa2-marketplace',
				'plural'   => 'asa2-marketplaces',
				'ajax'     => false,
				'screen'   => 'toplevel_page_' . SetupScreen::SLUG,
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
			'marketplace' => __( 'Marketplace', 'asa2-creators' ),
			'status'      => __( 'Status', 'asa2-creators' ),
			'kind'        => __( 'Credential Type', 'asa2-creators' ),
			'api_version' => __( 'API Version', 'asa2-creators' ),
			'partner_tag' => __( 'Partner Tag', 'asa2-creators' ),
			'is_default'  => __( 'Default', 'asa2-creators' ),
			'last_test'   => __( 'Last Connection Test', 'asa2-creators' ),
			'actions'     => __( 'Actions', 'asa2-creators' ),
		);
	}

	/**
	 * Loads the rows.
	 */
	public function prepare_items() {
		$this->_column_headers = array( $this->get_columns(), array(), array(), 'marketplace' );
		$this->items           = array_values( $this->marketplaces->all() );
	}

	/**
	 * Table classes.
	 *
	 * @return array
	 */
	protected function get_table_classes() {
		return array( 'widefat', 'fixed', 'striped', 'asa2-table', 'asa2-marketplaces-table' );
	}

	/**
	 * No bulk actions, no top navigation.
	 *
	 * @param string $which top or bottom.
	 */
	protected function display_tablenav( $which ) {
	}

	/**
	 * Row with the marketplace code for scripts and tests.
	 *
	 * @param array $item Record.
	 */
	public function single_row( $item ) {
		echo '<tr data-marketplace="' . esc_attr( $item['marketplace'] ) . '" class="' . esc_attr( $item['enabled'] ? 'asa2-enabled' : 'asa2-disabled' ) . '">';
		$this->single_row_columns( $item );
		echo '</tr>';
	}

	/**
	 * Message when there are no rows.
	 */
	public function no_items() {
		esc_html_e( 'No marketplace configured yet.', 'asa2-creators' );
	}

	/**
	 * Country name and store.
	 *
	 * @param array $item Record.
	 * @return string
	 */
	protected function column_marketplace( $item ) {
		$country = CoreMessages::country( (string) $item['marketplace'] );
		return '<strong><a class="row-title" href="' . esc_url( SetupScreen::url( SetupScreen::TAB_CREATORS, array( 'view' => 'edit', 'marketplace' => $item['marketplace'] ) ) ) . '">' . esc_html( $country ) . '</a></strong>'
			. '<br /><span class="asa2-muted">' . esc_html( $marketplace['host'] ?? '' ) . '</span>';
	}

	/**
	 * Enabled / disabled, and an unreadable secret.
	 *
	 * @param array $item Record.
	 * @return string
	 */
	protected function column_status( $item ) {
		$html = $item['enabled']
			? '<span class="asa2-status asa2-status-enabled">' . esc_html__( 'Enabled', 'asa2-creators' ) . '</span>'
			: '<span class="asa2-status asa2-status-disabled">' . esc_html__( 'Disabled', 'asa2-creators' ) . '</span>';
		if ( ! $this->secrets->can_open( $item['credential_secret'], $item['marketplace'], MarketplaceRepository::SECRET_FIELD ) ) {
			$html .= '<p class="asa2-secret-unreadable"><span class="dashicons dashicons-warning" aria-hidden="true"></span> '
				. esc_html__( 'The stored secret cannot be decrypted (security keys changed).', 'asa2-creators' )
				. ' <a href="' . esc_url( SetupScreen::url( SetupScreen::TAB_CREATORS, array( 'view' => 'edit', 'marketplace' => $item['marketplace'] ) ) ) . '">' . esc_html__( 'Re-enter the secret', 'asa2-creators' ) . '</a></p>';
		}
		return $html;
	}

	/**
	 * Cognito (v2) / LWA (v3).
	 *
	 * @param array $item Record.
	 * @return string
	 */
	protected function column_kind( $item ) {
		$kinds = Credentials::kinds();
		return esc_html( $kinds[ $item['kind'] ]['label'] ?? $item['kind'] );
	}

	/**
	 * API version.
	 *
	 * @param array $item Record.
	 * @return string
	 */
	protected function column_api_version( $item ) {
		return '<code class="asa2-version">' . esc_html( $item['api_version'] ) . '</code>';
	}

	/**
	 * Masked partner tag.
	 *
	 * @param array $item Record.
	 * @return string
	 */
	protected function column_partner_tag( $item ) {
		return '<code>' . esc_html( PartnerTag::mask( $item['partner_tag'] ) ) . '</code>';
	}

	/**
	 * Star for the default marketplace.
	 *
	 * @param array $item Record.
	 * @return string
	 */
	protected function column_is_default( $item ) {
		if ( $item['default'] ) {
			return '<span class="dashicons dashicons-star-filled asa2-star" aria-hidden="true"></span><span class="screen-reader-text">' . esc_html__( 'Default marketplace', 'asa2-creators' ) . '</span>';
		}
		return '<span class="dashicons dashicons-star-empty asa2-star-empty" aria-hidden="true"></span><span class="screen-reader-text">' . esc_html__( 'Not the default', 'asa2-creators' ) . '</span>';
	}

	/**
	 * Time and outcome of the last connection test.
	 *
	 * @param array $item Record.
	 * @return string
	 */
	protected function column_last_test( $item ) {
		$test = $item['last_test'];
		if ( ! is_array( $test ) ) {
			return '<span class="asa2-muted">' . esc_html__( 'Not tested yet', 'asa2-creators' ) . '</span>';
		}
		$time = (int) ( $test['time'] ?? 0 );
		$when = sprintf(
			/* translators: %s: time difference, e.g. "5 mins" */
			__( '%s ago', 'asa2-creators' ),
			human_time_diff( $time, max( $time, Clock::now() ) )
		);
		$html  = ! empty( $test['ok'] )
			? '<span class="asa2-test asa2-test-ok"><span class="dashicons dashicons-yes-alt" aria-hidden="true"></span>' . esc_html__( 'OK', 'asa2-creators' ) . '</span>'
			: '<span class="asa2-test asa2-test-error"><span class="dashicons dashicons-dismiss" aria-hidden="true"></span>' . esc_html__( 'Error', 'asa2-creators' ) . ( ! empty( $test['error_code'] ) ? ' <code>' . esc_html( (string) $test['error_code'] ) . '</code>' : '' ) . '</span>';
		$html .= ' <time class="asa2-muted" datetime="' . esc_attr( gmdate( 'c', $time ) ) . '" title="' . esc_attr( wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $time ) ) . '">' . esc_html( $when ) . '</time>';
		if ( ! empty( $test['api_version'] ) && (string) $test['api_version'] !== $item['api_version'] ) {
			$html .= ' <span class="asa2-muted">' . esc_html(
				sprintf(
					/* translators: %s: API version, e.g. 2.2 */
					__( '(tested with API version %s)', 'asa2-creators' ),
					(string) $test['api_version']
				)
			) . '</span>';
		}
		$html .= '<p class="asa2-test-message">' . esc_html( (string) ( $test['message'] ?? '' ) ) . '</p>';
		if ( empty( $test['ok'] ) && ! empty( $test['hint'] ) && false === strpos( (string) ( $test['message'] ?? '' ), (string) $test['hint'] ) ) {
			$html .= '<p class="asa2-test-hint">' . esc_html( (string) $test['hint'] ) . '</p>';
		}
		if ( MarketplaceActions::offers_switch( $item ) ) {
			ob_start();
			MarketplaceActions::render_switch_button( $item['marketplace'] );
			$html .= '<div class="asa2-switch">' . ob_get_clean() . '</div>';
		}
		return $html;
	}

	/**
	 * Edit, Test connection, Enable/Disable, Set default, Delete.
	 *
	 * @param array $item Record.
	 * @return string
	 */
	protected function column_actions( $item ) {
		$code    = $item['marketplace'];
		$country = CoreMessages::country( (string) $code, $code );
		$html    = '<div class="asa2-actions">';
		$html   .= '<a class="button button-small asa2-action-edit" href="' . esc_url( SetupScreen::url( SetupScreen::TAB_CREATORS, array( 'view' => 'edit', 'marketplace' => $code ) ) ) . '" aria-label="' . esc_attr(
			sprintf(
				/* translators: %s: country name */
				__( 'Edit %s', 'asa2-creators' ),
				$country
			)
		) . '">' . esc_html__( 'Edit', 'asa2-creators' ) . '</a>';
		$html   .= $this->action_form( MarketplaceActions::TEST, $code, __( 'Test connection', 'asa2-creators' ), 'asa2-action-test' );
		$html   .= $item['enabled']
			? $this->action_form( MarketplaceActions::TOGGLE, $code, __( 'Disable', 'asa2-creators' ), 'asa2-action-disable' )
			: $this->action_form( MarketplaceActions::TOGGLE, $code, __( 'Enable', 'asa2-creators' ), 'asa2-action-enable' );
		if ( ! $item['default'] ) {
			$html .= $this->action_form( MarketplaceActions::MAKE_DEFAULT, $code, __( 'Set default', 'asa2-creators' ), 'asa2-action-default' );
		}
		$html .= '<a class="button button-small button-link-delete asa2-action-delete" href="' . esc_url( SetupScreen::url( SetupScreen::TAB_CREATORS, array( 'view' => 'delete', 'marketplace' => $code ) ) ) . '" aria-label="' . esc_attr(
			sprintf(
				/* translators: %s: country name */
				__( 'Delete %s', 'asa2-creators' ),
				$country
			)
		) . '">' . esc_html__( 'Delete', 'asa2-creators' ) . '</a>';
		return $html . '</div>';
	}

	/**
	 * A one-button POST form.
	 *
	 * @param string $action admin-post action.
	 * @param string $code   Marketplace code.
	 * @param string $label  Button label.
	 * @param string $class  Extra class.
	 * @return string
	 */
	private function action_form( string $action, string $code, string $label, string $class ): string {
		ob_start();
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="asa2-inline-form">';
		RequestGuard::fields( $action );
		echo '<input type="hidden" name="marketplace" value="' . esc_attr( $code ) . '" />';
		echo '<button type="submit" class="button button-small ' . esc_attr( $class ) . '">' . esc_html( $label ) . '</button>';
		echo '</form>';
		return (string) ob_get_clean();
	}

	/**
	 * Fallback column output.
	 *
	 * @param array  $item        Record.
	 * @param string $column_name Column.
	 * @return string
	 */
	protected function column_default( $item, $column_name ) {
		return esc_html( (string) ( $item[ $column_name ] ?? '' ) );
	}
}
