<?php
/**
 * Product boxes from stored data.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Render;

use Asa2\Creators\Clock;
use Asa2\Creators\Cron\RefreshScheduler;
use Asa2\Creators\Plugin;
use Asa2\Template;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Renders a product with a template (Asa2\Template, auto-escaped) from the products table only:
 * a page view never calls Amazon. A product not stored yet renders nothing for visitors and a
 * hint for editors, and is queued for the background refresh.
 */
final class ProductRenderer {

	/** Style handle of the product box. */
	public const STYLE = 'asa2-product-box';

	/** @var Plugin */
	private Plugin $plugin;

	/**
	 * Rows loaded ahead for the boxes of the content being rendered, keyed "ASIN|MP" (null: not
	 * stored). Each is used by one box, then forgotten, so later renders read fresh rows.
	 *
	 * @var array<string, array|null>
	 */
	private array $prefetched = array();

	/**
	 * Products identified by prefetch(), keyed by the shortcode's "asin|MARKETPLACE" as written,
	 * so a box does not identify its product a second time. Used once, like $prefetched.
	 *
	 * @var array<string, array{asin: string, marketplace: string}>
	 */
	private array $identified = array();

	/**
	 * @param Plugin $plugin The plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
	}

	/**
	 * Loads the products of every [asa2] shortcode in $content with one query, so a page with
	 * many boxes does not query once per box.
	 *
	 * @param string $content Post content before shortcodes run.
	 */
	public function prefetch( string $content ): void {
		if ( false === strpos( $content, '[' . Shortcode::TAG ) ) {
			return;
		}
		preg_match_all( '/' . get_shortcode_regex( array( Shortcode::TAG ) ) . '/', $content, $matches, PREG_SET_ORDER );
		$keys = array();
		foreach ( $matches as $match ) {
			$atts = shortcode_parse_atts( $match[3] );
			if ( ! is_array( $atts ) || '' === trim( (string) ( $atts['asin'] ?? '' ) ) ) {
				continue;
			}
			$input       = trim( (string) $atts['asin'] );
			$marketplace = strtoupper( trim( (string) ( $atts['marketplace'] ?? '' ) ) );
			try {
				$key = $this->plugin->product_service()->identify( $input, $marketplace );
			} catch ( \Asa2\Exception | \RuntimeException $e ) {
				continue; // The box itself reports the problem when it renders.
			}
			$this->identified[ $input . '|' . $marketplace ] = $key;
			$keys[ $key['asin'] . '|' . $key['marketplace'] ] = array( $key['asin'], $key['marketplace'] );
		}
		if ( ! $keys ) {
			return;
		}
		$rows = $this->plugin->products()->find_many( array_values( $keys ) );
		foreach ( array_keys( $keys ) as $id ) {
			$this->prefetched[ $id ] = $rows[ $id ] ?? null;
		}
	}

	/**
	 * The HTML of one product box.
	 *
	 * @param array{asin?: string, marketplace?: string, template?: string, idset?: string} $args What to show.
	 * @return string
	 */
	public function render( array $args ): string {
		$input       = trim( (string) ( $args['asin'] ?? '' ) );
		$marketplace = strtoupper( trim( (string) ( $args['marketplace'] ?? '' ) ) );
		if ( '' === $input ) {
			return $this->hint( __( 'ASA2: add an ASIN to show a product, e.g. [asa2 asin="B0DHS2V7ZB"].', 'asa2-creators' ) );
		}
		try {
			$key = $this->identified[ $input . '|' . $marketplace ] ?? $this->plugin->product_service()->identify( $input, $marketplace );
			unset( $this->identified[ $input . '|' . $marketplace ] );
		} catch ( \Asa2\ValidationException $e ) {
			return $this->hint( $e->getMessage() );
		} catch ( \RuntimeException $e ) {
			return $this->hint( $e->getMessage() );
		}

		$id = $key['asin'] . '|' . $key['marketplace'];
		if ( array_key_exists( $id, $this->prefetched ) ) {
			$row = $this->prefetched[ $id ];
			unset( $this->prefetched[ $id ] );
		} else {
			$row = $this->plugin->products()->find( $key['asin'], $key['marketplace'] );
		}
		if ( null === $row || null === $row['item'] ) {
			if ( null === $row ) {
				$this->plugin->products()->ensure( $key['asin'], $key['marketplace'], Clock::now() );
			}
			RefreshScheduler::soon();
			return $this->hint(
				null !== $row && '' !== $row['last_error']
					? sprintf(
						/* translators: 1: ASIN, 2: error message */
						__( 'ASA2: product %1$s could not be loaded yet: %2$s', 'asa2-creators' ),
						$key['asin'],
						$row['last_error']
					)
					: sprintf(
						/* translators: 1: ASIN, 2: marketplace code */
						__( 'ASA2: product %1$s (%2$s) is not loaded yet. It is fetched in the background; add it in ASA2 → Products to load it now. Visitors see nothing until then.', 'asa2-creators' ),
						$key['asin'],
						$key['marketplace']
					)
			);
		}

		$template = $this->plugin->templates()->resolve( sanitize_key( (string) ( $args['template'] ?? '' ) ) );
		$tag      = $this->partner_tag( (string) ( $args['idset'] ?? '' ), $key['marketplace'] );
		try {
			$html = Template::render( $template['source'], $row['item'], Clock::now(), $tag );
		} catch ( \Asa2\Exception $e ) {
			return $this->hint(
				sprintf(
					/* translators: 1: template name, 2: error */
					__( 'ASA2: the template "%1$s" cannot be rendered: %2$s', 'asa2-creators' ),
					$template['name'],
					$e->getMessage()
				)
			);
		}
		wp_enqueue_style( self::STYLE, $this->plugin->url( 'assets/product-box.css' ), array(), Plugin::VERSION );
		return '<div class="asa2-product" data-asin="' . esc_attr( $key['asin'] ) . '" data-marketplace="' . esc_attr( $key['marketplace'] ) . '">' . $html . '</div>';
	}

	/**
	 * The tracking ID of an Associate ID Set for a marketplace.
	 *
	 * @param string $set_id      Set id (or name).
	 * @param string $marketplace Marketplace code.
	 * @return string|null
	 */
	private function partner_tag( string $set_id, string $marketplace ): ?string {
		$set_id = trim( $set_id );
		if ( '' === $set_id ) {
			return null;
		}
		$sets = $this->plugin->id_sets()->all();
		$set  = $sets[ $set_id ] ?? $sets[ sanitize_title( $set_id ) ] ?? null;
		if ( null === $set ) {
			foreach ( $sets as $candidate ) {
				if ( 0 === strcasecmp( $candidate['name'], $set_id ) ) {
					$set = $candidate;
					break;
				}
			}
		}
		$tag = null === $set ? '' : (string) ( $set['tags'][ $marketplace ] ?? '' );
		return '' === $tag ? null : $tag;
	}

	/**
	 * A note for people who can edit posts; nothing for visitors.
	 *
	 * @param string $message Plain text.
	 * @return string
	 */
	private function hint( string $message ): string {
		if ( ! current_user_can( 'edit_posts' ) ) {
			return '';
		}
		wp_enqueue_style( self::STYLE, $this->plugin->url( 'assets/product-box.css' ), array(), Plugin::VERSION );
		return '<div class="asa2-product-hint" role="note">' . esc_html( $message ) . '</div>';
	}
}
