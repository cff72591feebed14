<?php
/**
 * The plugin's section in Tools -> Site Health -> Info.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Health;

use Asa2\Creators\Plugin;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Facts a support request needs, in the Info tab (and its "Copy site info to clipboard" text):
 * the plugin and extension versions, which PHP runs the site and how, and the object cache.
 * Nothing secret.
 */
final class SiteHealthInfo {

	/** Key of the section. */
	public const SECTION = 'asa2-creators';

	/**
	 * Adds the section to the Site Health Info fields.
	 *
	 * @param array $info Sections by key.
	 * @return array
	 */
	public function add_section( array $info ): array {
		$info[ self::SECTION ] = array(
			'label'  => __( 'ASA2 Creators API', 'asa2-creators' ),
			'fields' => $this->fields(),
		);
		return $info;
	}

	/**
	 * The section's fields.
	 *
	 * @return array<string, array{label: string, value: string, debug?: string}>
	 */
	public function fields(): array {
		$object_cache = wp_using_ext_object_cache();
		return array(
			'plugin_version'    => array(
				'label' => __( 'Plugin version', 'asa2-creators' ),
				'value' => Plugin::VERSION,
			),
			'extension_version' => array(
				'label' => __( 'asa2 extension version', 'asa2-creators' ),
				'value' => \Asa2\Version::extension(),
				'debug' => \Asa2\Version::extension() . ' (asa2-core ' . \Asa2\Version::core() . ')',
			),
			'php_version'       => array(
				'label' => __( 'PHP version', 'asa2-creators' ),
				'value' => PHP_VERSION,
			),
			'php_sapi'          => array(
				'label' => __( 'PHP server API', 'asa2-creators' ),
				'value' => PHP_SAPI,
			),
			'web_server'        => array(
				'label' => __( 'Web server', 'asa2-creators' ),
				'value' => isset( $_SERVER['SERVER_SOFTWARE'] ) ? sanitize_text_field( wp_unslash( $_SERVER['SERVER_SOFTWARE'] ) ) : __( 'unknown', 'asa2-creators' ),
			),
			'object_cache'      => array(
				'label' => __( 'Persistent object cache', 'asa2-creators' ),
				'value' => $object_cache
					? __( 'Yes (settings are read from it; tokens and locks always use the database)', 'asa2-creators' )
					: __( 'No (settings, tokens and locks use the database)', 'asa2-creators' ),
				'debug' => $object_cache ? 'yes' : 'no',
			),
		);
	}
}
