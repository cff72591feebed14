<?php
/**
 * The [asa2] shortcode.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Render;

use Asa2\Creators\Plugin;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * `[asa2 asin="B0..." marketplace="DE" template="default" idset="main"]`: one product box from
 * stored data. `asin` also takes an Amazon product URL.
 */
final class Shortcode {

	/** Shortcode tag. */
	public const TAG = 'asa2';

	/** @var Plugin */
	private Plugin $plugin;

	/**
	 * @param Plugin $plugin The plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
	}

	/**
	 * The shortcode callback.
	 *
	 * @param array|string $atts Attributes.
	 * @return string
	 */
	public function render( $atts ): string {
		$atts = shortcode_atts( ProductRenderer::box_args( array() ), is_array( $atts ) ? $atts : array(), self::TAG );
		return $this->plugin->renderer()->box( ProductRenderer::box_args( $atts ) );
	}

	/**
	 * The shortcode text for a product.
	 *
	 * @param string $asin        ASIN.
	 * @param string $marketplace Marketplace code.
	 * @return string
	 */
	public static function for_product( string $asin, string $marketplace ): string {
		return sprintf( '[%s asin="%s" marketplace="%s"]', self::TAG, $asin, $marketplace );
	}
}
