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
 *
 * Rendered boxes are kept with their product (BoxCache), so a page shows a box it showed before
 * without decoding or rendering the product again; a page's boxes are read with one query.
 */
final class ProductRenderer {

	/** Style handle of the product box. */
	public const STYLE = 'asa2-product-box';

	/** @var Plugin */
	private Plugin $plugin;

	/**
	 * Rows loaded ahead for the boxes of the content being rendered, keyed "ASIN|MP" (null: not
	 * stored), with `item` and `fingerprint` when a box needed the product data. Each is used by
	 * one box, then forgotten, so later renders read fresh rows.
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

	/** @var bool Whether the box style is enqueued. */
	private bool $styled = false;

	/** @var int How many the_content runs are under way (a post may show another's content). */
	private int $content_depth = 0;

	/**
	 * Boxes of the content being filtered, keyed by the placeholder that stands for each until
	 * the content filters are done.
	 *
	 * @var array<string, string>
	 */
	private array $placed = array();

	/** @var string Random part of this request's placeholders. */
	private string $token = '';

	/**
	 * Boxes rendered anew and not yet written to their product rows, by row id: written
	 * together when the content is done (one statement for a page), at once outside content.
	 *
	 * @var array<int, array{fingerprint: string, box_cache: string}>
	 */
	private array $unsaved = array();

	/**
	 * @param Plugin $plugin The plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
	}

	/**
	 * A the_content run starts (before shortcodes run): the boxes of $content are loaded ahead.
	 *
	 * @param mixed $content Post content.
	 */
	public function begin_content( $content ): void {
		++$this->content_depth;
		if ( is_string( $content ) ) {
			$this->prefetch( $content );
		}
	}

	/**
	 * A the_content run ends: the boxes go where their placeholders are. They are put in after
	 * the content filters, so filters meant for the author's text (smilies, typography) never
	 * change product titles, prices or links.
	 *
	 * @param mixed $content Filtered content.
	 * @return mixed The content with its boxes.
	 */
	public function end_content( $content ) {
		$this->content_depth = max( 0, $this->content_depth - 1 );
		if ( $this->placed && is_string( $content ) && false !== strpos( $content, '<!--asa2-box:' ) ) {
			$content = strtr( $content, $this->placed );
		}
		if ( 0 === $this->content_depth ) {
			$this->placed = array();
			$this->save_boxes();
		}
		return $content;
	}

	/**
	 * A box for the [asa2] shortcode: its HTML, or inside a the_content run a placeholder that
	 * end_content() replaces with it.
	 *
	 * @param array{asin?: string, marketplace?: string, template?: string, idset?: string} $args What to show.
	 * @return string
	 */
	public function box( array $args ): string {
		$html = $this->render( $args );
		if ( 0 === $this->content_depth || '' === $html ) {
			return $html;
		}
		if ( '' === $this->token ) {
			$this->token = bin2hex( random_bytes( 6 ) );
		}
		$placeholder                  = '<!--asa2-box:' . $this->token . ':' . count( $this->placed ) . '-->';
		$this->placed[ $placeholder ] = $html;
		return $placeholder;
	}

	/**
	 * Loads what every [asa2] box in $content needs with one query (two when some box has to be
	 * rendered anew), so a page with many boxes does not query once per box.
	 *
	 * @param string $content Post content before shortcodes run.
	 */
	private function prefetch( string $content ): void {
		if ( false === strpos( $content, '[' . Shortcode::TAG ) ) {
			return;
		}
		preg_match_all( '/' . get_shortcode_regex( array( Shortcode::TAG ) ) . '/', $content, $matches, PREG_SET_ORDER );
		$boxes = array();
		foreach ( $matches as $match ) {
			if ( '[' === $match[1] && ']' === $match[6] ) {
				continue; // [[asa2 ...]] shows the shortcode itself.
			}
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
			$boxes[] = array( $key, (string) ( $atts['template'] ?? '' ), (string) ( $atts['idset'] ?? '' ) );
		}
		if ( ! $boxes ) {
			return;
		}
		$rows  = $this->plugin->products()->box_rows( array_map( static fn( array $box ): array => array( $box[0]['asin'], $box[0]['marketplace'] ), $boxes ) );
		$now   = Clock::now();
		$stale = array();
		foreach ( $boxes as list( $key, $template, $idset ) ) {
			$id  = $key['asin'] . '|' . $key['marketplace'];
			$row = $rows[ $id ] ?? null;
			if ( null !== $row && $row['has_data'] && null === BoxCache::find( $row['box_cache'], $this->look( $template, $idset, $key['marketplace'] )['key'], $now ) ) {
				$stale[ $id ] = $row['id'];
			}
			$this->prefetched[ $id ] = $row;
		}
		foreach ( $this->plugin->products()->items( array_values( $stale ) ) as $row_id => $data ) {
			$id = (string) array_search( $row_id, $stale, true );
			if ( is_array( $this->prefetched[ $id ] ?? null ) ) {
				$this->prefetched[ $id ] += $data;
			}
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
			$row = $this->plugin->products()->box_rows( array( array( $key['asin'], $key['marketplace'] ) ) )[ $id ] ?? null;
		}
		if ( null === $row || ! $row['has_data'] ) {
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

		$look = $this->look( (string) ( $args['template'] ?? '' ), (string) ( $args['idset'] ?? '' ), $key['marketplace'] );
		$now  = Clock::now();
		$html = BoxCache::find( $row['box_cache'], $look['key'], $now );
		if ( null === $html ) {
			try {
				$html = $this->render_anew( $row, $look, $now );
			} catch ( \Asa2\Exception $e ) {
				return $this->hint(
					sprintf(
						/* translators: 1: template name, 2: error */
						__( 'ASA2: the template "%1$s" cannot be rendered: %2$s', 'asa2-creators' ),
						$look['template']['name'],
						$e->getMessage()
					)
				);
			}
		}
		$this->enqueue_style();
		return '<div class="asa2-product" data-asin="' . esc_attr( $key['asin'] ) . '" data-marketplace="' . esc_attr( $key['marketplace'] ) . '">' . $html . '</div>';
	}

	/**
	 * Renders a box from the product data and keeps it with the product.
	 *
	 * @param array                                                $row  From box_rows(), maybe with `item` and `fingerprint`.
	 * @param array{template: array{source: string}, tag: string|null, key: string} $look look().
	 * @param int                                                  $now  Current time.
	 * @return string
	 * @throws \Asa2\Exception The template cannot be rendered.
	 */
	private function render_anew( array $row, array $look, int $now ): string {
		$data = isset( $row['item'] ) ? $row : ( $this->plugin->products()->items( array( $row['id'] ) )[ $row['id'] ] ?? null );
		if ( null === $data ) {
			throw new \Asa2\Exception( __( 'the product data is unreadable; refresh the product in ASA2 → Products.', 'asa2-creators' ) );
		}
		$box  = Template::renderWithExpiry( $look['template']['source'], $data['item'], $now, $look['tag'] );
		$kept = $this->unsaved[ $row['id'] ]['box_cache'] ?? $row['box_cache'];

		$this->unsaved[ $row['id'] ] = array(
			'fingerprint' => $data['fingerprint'],
			'box_cache'   => BoxCache::with( $kept, $look['key'], $box['html'], $box['valid_until'], $now ),
		);
		if ( 0 === $this->content_depth ) {
			$this->save_boxes();
		}
		return $box['html'];
	}

	/**
	 * Writes the boxes rendered anew to their product rows.
	 */
	private function save_boxes(): void {
		if ( $this->unsaved ) {
			$this->plugin->products()->save_box_caches( $this->unsaved );
			$this->unsaved = array();
		}
	}

	/**
	 * The template, tracking ID and cache key of a box, worked out once while the options stay
	 * as they are (OptionMemo).
	 *
	 * @param string $template    The shortcode's template attribute.
	 * @param string $idset       The shortcode's idset attribute.
	 * @param string $marketplace Marketplace code.
	 * @return array{template: array{id: string, name: string, source: string}, tag: string|null, key: string}
	 */
	private function look( string $template, string $idset, string $marketplace ): array {
		return $this->plugin->memo()->get(
			'box_look|' . $template . '|' . $idset . '|' . $marketplace,
			function () use ( $template, $idset, $marketplace ): array {
				$resolved = $this->plugin->templates()->resolve( sanitize_key( $template ) );
				$tag      = $this->partner_tag( $idset, $marketplace );
				return array(
					'template' => $resolved,
					'tag'      => $tag,
					'key'      => BoxCache::key( $resolved['source'], $tag ),
				);
			}
		);
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
		$this->enqueue_style();
		return '<div class="asa2-product-hint" role="note">' . esc_html( $message ) . '</div>';
	}

	/**
	 * Enqueues the box style (once per request).
	 */
	private function enqueue_style(): void {
		if ( ! $this->styled ) {
			wp_enqueue_style( self::STYLE, $this->plugin->url( 'assets/product-box.css' ), array(), Plugin::VERSION );
			$this->styled = true;
		}
	}
}
