<?php
/**
 * ASA2 -> Setup: the three setup tabs.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\Plugin;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Page asa2-setup with the tabs Amazon PA API, Amazon Creators API (default) and Associate ID Sets.
 */
final class SetupScreen {

	/** Menu slug. */
	public const SLUG = 'asa2-setup';

	/** Tab ids. */
	public const TAB_PAAPI    = 'paapi';
	public const TAB_CREATORS = 'creators';
	public const TAB_ID_SETS  = 'id-sets';

	/** @var CreatorsTab */
	private CreatorsTab $creators;

	/** @var PaApiTab */
	private PaApiTab $paapi;

	/** @var IdSetsTab */
	private IdSetsTab $id_sets;

	/**
	 * @param CreatorsTab $creators The Amazon Creators API tab.
	 * @param PaApiTab    $paapi    The Amazon PA API tab.
	 * @param IdSetsTab   $id_sets  The Associate ID Sets tab.
	 */
	public function __construct( CreatorsTab $creators, PaApiTab $paapi, IdSetsTab $id_sets ) {
		$this->creators = $creators;
		$this->paapi    = $paapi;
		$this->id_sets  = $id_sets;
	}

	/**
	 * URL of a tab (and view) of this screen.
	 *
	 * @param string $tab  Tab id.
	 * @param array  $args Extra query arguments.
	 * @return string
	 */
	public static function url( string $tab = self::TAB_CREATORS, array $args = array() ): string {
		return add_query_arg( array_merge( array( 'page' => self::SLUG, 'tab' => $tab ), $args ), admin_url( 'admin.php' ) );
	}

	/**
	 * The requested tab.
	 *
	 * @return string
	 */
	public static function current_tab(): string {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- read-only navigation.
		$tab = isset( $_GET['tab'] ) ? sanitize_key( wp_unslash( $_GET['tab'] ) ) : self::TAB_CREATORS;
		return in_array( $tab, array( self::TAB_PAAPI, self::TAB_CREATORS, self::TAB_ID_SETS ), true ) ? $tab : self::TAB_CREATORS;
	}

	/**
	 * Prints the screen.
	 */
	public function render(): void {
		if ( ! current_user_can( Plugin::CAPABILITY ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to access this page.', 'asa2-creators' ), 403 );
		}
		$tab = self::current_tab();

		echo '<div class="wrap asa2-wrap">';
		echo '<h1 class="wp-heading-inline">' . esc_html__( 'ASA2 Setup', 'asa2-creators' ) . '</h1>';
		if ( self::TAB_CREATORS === $tab ) {
			$this->creators->render_title_action();
		} elseif ( self::TAB_ID_SETS === $tab ) {
			$this->id_sets->render_title_action();
		}
		echo '<hr class="wp-header-end" />';

		$tabs = array(
			self::TAB_PAAPI    => __( 'Amazon PA API', 'asa2-creators' ),
			self::TAB_CREATORS => __( 'Amazon Creators API', 'asa2-creators' ),
			self::TAB_ID_SETS  => __( 'Associate ID Sets', 'asa2-creators' ),
		);
		echo '<nav class="nav-tab-wrapper wp-clearfix" aria-label="' . esc_attr__( 'Setup sections', 'asa2-creators' ) . '">';
		foreach ( $tabs as $id => $label ) {
			$active = $id === $tab;
			printf(
				'<a href="%1$s" class="nav-tab%2$s"%3$s>%4$s%5$s</a>',
				esc_url( self::url( $id ) ),
				$active ? ' nav-tab-active' : '',
				$active ? ' aria-current="page"' : '',
				esc_html( $label ),
				self::TAB_CREATORS === $id ? ' <span class="asa2-badge asa2-badge-recommended">' . esc_html__( 'Recommended', 'asa2-creators' ) . '</span>' : ''
			);
		}
		echo '</nav>';

		echo '<div class="asa2-tab asa2-tab-' . esc_attr( $tab ) . '">';
		if ( self::TAB_PAAPI === $tab ) {
			$this->paapi->render();
		} elseif ( self::TAB_ID_SETS === $tab ) {
			$this->id_sets->render();
		} else {
			$this->creators->render();
		}
		echo '</div></div>';
	}
}
