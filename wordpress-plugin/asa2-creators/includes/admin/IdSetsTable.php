<?php
/**
 * The Associate ID Sets table.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Storage\IdSetRepository;
use Asa2\Marketplaces;
use Asa2\PartnerTag;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

if ( ! class_exists( '\WP_List_Table' ) ) {
	require_once ABSPATH . 'wp-admin/includes/class-wp-list-table.php';
}

/**
 * One row per set: name, tracking IDs (masked), actions.
 */
final class IdSetsTable extends \WP_List_Table {

	/** @var IdSetRepository */
	private IdSetRepository $id_sets;

	/**
	 * @param IdSetRepository $id_sets Associate ID Sets.
	 */
	public function __construct( IdSetRepository $id_sets ) {
		$this->id_sets = $id_sets;
		parent::__construct(
			array(
				'singular' => 'asa2-id-set',
				'plural'   => 'asa2-id-sets',
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
			'name'    => __( 'Set Name', 'asa2-creators' ),
			'tags'    => __( 'Tracking IDs', 'asa2-creators' ),
			'actions' => __( 'Actions', 'asa2-creators' ),
		);
	}

	/**
	 * Loads the rows.
	 */
	public function prepare_items() {
		$this->_column_headers = array( $this->get_columns(), array(), array(), 'name' );
		$this->items           = array_values( $this->id_sets->all() );
	}

	/**
	 * Table classes.
	 *
	 * @return array
	 */
	protected function get_table_classes() {
		return array( 'widefat', 'fixed', 'striped', 'asa2-table', 'asa2-id-sets-table' );
	}

	/**
	 * No bulk actions.
	 *
	 * @param string $which top or bottom.
	 */
	protected function display_tablenav( $which ) {
	}

	/**
	 * Empty state.
	 */
	public function no_items() {
		esc_html_e( 'No Associate ID Set yet. Add one to link visitors to their own country store with your tracking ID there.', 'asa2-creators' );
	}

	/**
	 * Name.
	 *
	 * @param array $item Set.
	 * @return string
	 */
	protected function column_name( $item ) {
		return '<strong><a class="row-title" href="' . esc_url( SetupScreen::url( SetupScreen::TAB_ID_SETS, array( 'view' => 'edit', 'set' => $item['id'] ) ) ) . '">' . esc_html( $item['name'] ) . '</a></strong>';
	}

	/**
	 * Tracking IDs by marketplace, masked.
	 *
	 * @param array $item Set.
	 * @return string
	 */
	protected function column_tags( $item ) {
		if ( ! $item['tags'] ) {
			return '<span class="asa2-muted">' . esc_html__( 'None', 'asa2-creators' ) . '</span>';
		}
		$all  = Marketplaces::all();
		$html = '<ul class="asa2-tag-list">';
		foreach ( $item['tags'] as $code => $tag ) {
			$html .= '<li><span class="asa2-code" title="' . esc_attr( CoreMessages::country( $code ) ) . '">' . esc_html( $code ) . '</span> <code>' . esc_html( PartnerTag::mask( $tag ) ) . '</code></li>';
		}
		return $html . '</ul>';
	}

	/**
	 * Edit and Delete.
	 *
	 * @param array $item Set.
	 * @return string
	 */
	protected function column_actions( $item ) {
		ob_start();
		echo '<div class="asa2-actions"><a class="button button-small" href="' . esc_url( SetupScreen::url( SetupScreen::TAB_ID_SETS, array( 'view' => 'edit', 'set' => $item['id'] ) ) ) . '">' . esc_html__( 'Edit', 'asa2-creators' ) . '</a>';
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="asa2-inline-form" data-asa2-confirm="' . esc_attr(
			sprintf(
				/* translators: %s: set name */
				__( 'Delete the Associate ID Set "%s"?', 'asa2-creators' ),
				$item['name']
			)
		) . '">';
		RequestGuard::fields( IdSetActions::DELETE );
		echo '<input type="hidden" name="set" value="' . esc_attr( $item['id'] ) . '" />';
		echo '<button type="submit" class="button button-small button-link-delete">' . esc_html__( 'Delete', 'asa2-creators' ) . '</button></form></div>';
		return (string) ob_get_clean();
	}

	/**
	 * Fallback column output.
	 *
	 * @param array  $item        Set.
	 * @param string $column_name Column.
	 * @return string
	 */
	protected function column_default( $item, $column_name ) {
		return esc_html( (string) ( $item[ $column_name ] ?? '' ) );
	}
}
