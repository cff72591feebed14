<?php
/**
 * The "ASA2 Product" block.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Render;

use Asa2\Creators\PluginPaths;
use WP_Block_Type;
use WP_Block_Type_Registry;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * A dynamic block defined once in blocks/product/block.json (read by the server and the
 * editor), rendered on the server like the shortcode. Its editor script (blocks/product/index.js)
 * picks the product, edits the settings and shows the box through ServerSideRender; the choices
 * of its settings come with the script (BlockChoices).
 */
final class Block {

	/** Block name. */
	public const NAME = 'asa2/product';

	/** Folder of block.json, inside the plugin. */
	public const DIR = 'blocks/product';

	/** Global variable of the editor script holding BlockChoices::all(). */
	public const CHOICES_VARIABLE = 'asa2ProductBlock';

	/** @var ProductRenderer */
	private ProductRenderer $renderer;

	/** @var PluginPaths */
	private PluginPaths $paths;

	/** @var BlockChoices */
	private BlockChoices $choices;

	/**
	 * @param ProductRenderer $renderer Renders the box.
	 * @param PluginPaths     $paths    Files of the plugin.
	 * @param BlockChoices    $choices  The choices of the block's settings.
	 */
	public function __construct( ProductRenderer $renderer, PluginPaths $paths, BlockChoices $choices ) {
		$this->renderer = $renderer;
		$this->paths    = $paths;
		$this->choices  = $choices;
	}

	/**
	 * Registers the block from its block.json (init); the box style it names is registered first,
	 * the editor script's translations after.
	 */
	public function register(): void {
		if ( ! function_exists( 'register_block_type' ) ) {
			return;
		}
		$this->renderer->register_style();
		register_block_type(
			$this->paths->path( self::DIR ),
			array( 'render_callback' => array( $this, 'render' ) )
		);
		// The editor script's strings from the plugin's own languages/ folder (block.json's
		// textdomain alone makes WordPress look only in wp-content/languages/plugins/).
		$handle = self::editor_script_handle();
		if ( null !== $handle ) {
			wp_set_script_translations( $handle, 'asa2-creators', $this->paths->path( 'languages' ) );
		}
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

	/**
	 * Hands the settings' choices to the editor script, before it runs
	 * (enqueue_block_editor_assets).
	 */
	public function add_editor_choices(): void {
		$handle = self::editor_script_handle();
		if ( null === $handle || ! current_user_can( 'edit_posts' ) ) {
			return;
		}
		$json = wp_json_encode( $this->choices->all(), JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT );
		if ( false !== $json ) {
			wp_add_inline_script( $handle, 'window.' . self::CHOICES_VARIABLE . ' = ' . $json . ';', 'before' );
		}
	}

	/**
	 * The handle WordPress gave the editor script named in block.json.
	 *
	 * @return string|null Null when the block is not registered.
	 */
	public static function editor_script_handle(): ?string {
		$type = WP_Block_Type_Registry::get_instance()->get_registered( self::NAME );
		if ( ! $type instanceof WP_Block_Type ) {
			return null;
		}
		$handles = (array) $type->editor_script_handles;
		return isset( $handles[0] ) && is_string( $handles[0] ) ? $handles[0] : null;
	}
}
