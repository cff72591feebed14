<?php
/**
 * The [asa2] shortcode.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Render;


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

	/** @var ProductRenderer */
	private ProductRenderer $renderer;

	/**
	 * @param ProductRenderer $renderer Renders the box.
	 */
	public function __construct( ProductRenderer $renderer ) {
		$this->renderer = $renderer;
	}

	/**
	 * The shortcode callback.
	 *
	 * @param array|string $atts Attributes.
	 * @return string
	 */
	public function render( $atts ): string {
		$atts = shortcode_atts( ProductRenderer::box_args( array() ), is_array( $atts ) ? $atts : array(), self::TAG );
		return $this->renderer->box( ProductRenderer::box_args( $atts ) );
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
