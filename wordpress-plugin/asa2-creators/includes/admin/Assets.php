<?php
/**
 * Styles and scripts of the ASA2 screens.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\Plugin;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Loads assets/admin.css and assets/admin.js on the ASA2 screens only.
 */
final class Assets {

	/** @var Plugin */
	private Plugin $plugin;

	/**
	 * @param Plugin $plugin The plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
	}

	/**
	 * Enqueues on ASA2 screens.
	 *
	 * @param string $hook_suffix Current admin page hook.
	 */
	public function enqueue( string $hook_suffix ): void {
		if ( false === strpos( $hook_suffix, SetupScreen::SLUG ) && false === strpos( $hook_suffix, OptionsScreen::SLUG ) && false === strpos( $hook_suffix, ProductsScreen::SLUG ) ) {
			return;
		}
		wp_enqueue_style( 'asa2-admin', $this->plugin->url( 'assets/admin.css' ), array(), Plugin::VERSION );
		wp_enqueue_script( 'asa2-admin', $this->plugin->url( 'assets/admin.js' ), array(), Plugin::VERSION, true );
		wp_localize_script(
			'asa2-admin',
			'asa2Admin',
			array(
				'detectedLwa'     => __( 'These look like LWA (v3) credentials, so the Credential Type was set to LWA (v3).', 'asa2-creators' ),
				'mismatchCognito' => __( 'These look like LWA (v3) credentials, but Cognito (v2) is selected. Amazon will answer "invalid_client" unless the type matches.', 'asa2-creators' ),
				'selectFirst'     => __( 'Select a marketplace', 'asa2-creators' ),
			)
		);
	}
}
