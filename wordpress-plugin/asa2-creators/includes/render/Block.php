<?php
/**
 * The "ASA2 Product" block.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Render;

use Asa2\Creators\Plugin;
use Asa2\Creators\PluginPaths;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * A dynamic block rendered on the server like the shortcode; the editor script
 * (assets/block.js) only edits the attributes.
 */
final class Block {

	/** Block name. */
	public const NAME = 'asa2/product';

	/** Script handle of the editor script. */
	public const SCRIPT = 'asa2-block-editor';

	/** @var ProductRenderer */
	private ProductRenderer $renderer;

	/** @var PluginPaths */
	private PluginPaths $paths;

	/**
	 * @param ProductRenderer $renderer Renders the box.
	 * @param PluginPaths     $paths    Files of the plugin.
	 */
	public function __construct( ProductRenderer $renderer, PluginPaths $paths ) {
		$this->renderer = $renderer;
		$this->paths    = $paths;
	}

	/**
	 * Registers the editor script and the block.
	 */
	public function register(): void {
		if ( ! function_exists( 'register_block_type' ) ) {
			return;
		}
		wp_register_script(
			self::SCRIPT,
			$this->paths->url( 'assets/block.js' ),
			array( 'wp-blocks', 'wp-element', 'wp-components', 'wp-block-editor', 'wp-i18n' ),
			Plugin::VERSION,
			true
		);
		register_block_type(
			self::NAME,
			array(
				'api_version'     => 2,
				'title'           => __( 'ASA2 Product', 'asa2-creators' ),
				'category'        => 'widgets',
				'editor_script'   => self::SCRIPT,
				'attributes'      => array(
					'asin'        => array(
						'type'    => 'string',
						'default' => '',
					),
					'marketplace' => array(
						'type'    => 'string',
						'default' => '',
					),
					'template'    => array(
						'type'    => 'string',
						'default' => '',
					),
					'idset'       => array(
						'type'    => 'string',
						'default' => '',
					),
				),
				'render_callback' => array( $this, 'render' ),
			)
		);
	}

	/**
	 * Server-side rendering.
	 *
	 * @param array $attributes Block attributes.
	 * @return string
	 */
	public function render( $attributes ): string {
		return $this->renderer->box( ProductRenderer::box_args( is_array( $attributes ) ? $attributes : array() ) );
	}
}
