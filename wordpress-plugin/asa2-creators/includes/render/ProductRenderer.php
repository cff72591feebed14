<?php
/**
 * Product boxes from stored data.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Render;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\AfterResponse;
use Asa2\Creators\Clock;
use Asa2\Creators\Cron\RefreshScheduler;
use Asa2\Creators\Geo\BoxLocalizer;
use Asa2\Creators\Plugin;
use Asa2\Creators\PluginPaths;
use Asa2\Creators\Products\ProductService;
use Asa2\Creators\Storage\ProductTable;
use Asa2\Template;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Renders products with a template (Asa2\Template, auto-escaped) from the products table only:
 * a page view never calls Amazon. A product not stored yet renders nothing for visitors and a
 * hint for editors, and is queued for the background refresh.
 *
 * Boxes are rendered in batches: inside the_content each [asa2] shortcode and ASA2 Product
 * block leaves a placeholder, and when the content filters are done all its boxes are read
 * with one query and put in (so filters meant for the author's text, such as smilies, never
 * change product titles, prices or links). A box once rendered is kept with its product
 * (BoxCache): showing it again needs neither the product data nor the template. What a box
 * looks like (template and tracking ID) comes from BoxLooks.
 *
 * Boxes rendered anew are written to their products after the response (keep_boxes(), on
 * `shutdown`, once PHP-FPM has sent the page): a visitor's page never waits for a database write.
 */
final class ProductRenderer {

	/** Style handle of the product box. */
	public const STYLE = 'asa2-product-box';

	/** @var ProductService */
	private ProductService $product_service;

	/** @var ProductTable */
	private ProductTable $products;

	/** @var BoxLooks */
	private BoxLooks $looks;

	/** @var PluginPaths */
	private PluginPaths $paths;

	/** @var BoxLocalizer */
	private BoxLocalizer $localizer;

	/** @var AfterResponse */
	private AfterResponse $after_response;

	/**
	 * One entry per the_content run under way (a post may show another post's content): the
	 * boxes asked for in it, by placeholder.
	 *
	 * @var list<array<string, array{asin: string, marketplace: string, template: string, idset: string}>>
	 */
	private array $runs = array();

	/** @var int Placeholders handed out in this request. */
	private int $placeholders = 0;

	/** @var string Random part of this request's placeholders. */
	private string $token = '';

	/**
	 * Boxes rendered anew in this request and not written yet (keep_boxes()), by row id: the
	 * product data they were rendered from, the row's kept boxes as read, and the new boxes by
	 * BoxCache::key().
	 *
	 * @var array<int, array{data: string, box_cache: string, boxes: array<string, array{html: string, valid_until: int|null}>}>
	 */
	private array $unsaved = array();

	/**
	 * @param ProductService $product_service Reads the ASIN or URL of a box.
	 * @param ProductTable   $products        Stored products and their kept boxes.
	 * @param BoxLooks       $looks           Template and tracking ID of a box.
	 * @param PluginPaths    $paths           Files of the plugin (the box style).
	 * @param BoxLocalizer   $localizer       What boxes carry for visitors of other countries.
	 * @param AfterResponse  $after_response  Writes the kept boxes once the page was sent.
	 */
	public function __construct( ProductService $product_service, ProductTable $products, BoxLooks $looks, PluginPaths $paths, BoxLocalizer $localizer, AfterResponse $after_response ) {
		$this->product_service = $product_service;
		$this->products        = $products;
		$this->looks           = $looks;
		$this->paths           = $paths;
		$this->localizer       = $localizer;
		$this->after_response  = $after_response;
	}

	/**
	 * Registers the box style (STYLE), once; pages enqueue it when they show a box, and the block
	 * editor shows it around its previews.
	 */
	public function register_style(): void {
		if ( ! wp_style_is( self::STYLE, 'registered' ) ) {
			wp_register_style( self::STYLE, $this->paths->url( 'assets/product-box.css' ), array(), Plugin::VERSION );
		}
	}

	/**
	 * A the_content run starts: its boxes will wait for end_content().
	 */
	public function begin_content(): void {
		$this->runs[] = array();
	}

	/**
	 * A the_content run ends: its boxes are rendered together and put where their placeholders
	 * are.
	 *
	 * @param mixed $content Filtered content.
	 * @return mixed The content with its boxes.
	 */
	public function end_content( $content ) {
		$boxes = array_pop( $this->runs );
		if ( ! $boxes ) {
			return $content;
		}
		$html = array_combine( array_keys( $boxes ), $this->render_all( array_values( $boxes ) ) );
		return is_string( $content ) ? strtr( $content, $html ) : $content;
	}

	/**
	 * A box for a shortcode or block: its HTML, or inside a the_content run a placeholder that
	 * end_content() replaces with it.
	 *
	 * @param array{asin: string, marketplace: string, template: string, idset: string} $args box_args().
	 * @return string
	 */
	public function box( array $args ): string {
		if ( ! $this->runs ) {
			return $this->render( $args );
		}
		if ( '' === $this->token ) {
			$this->token = bin2hex( random_bytes( 6 ) );
		}
		$placeholder = '<!--asa2-box:' . $this->token . ':' . ( ++$this->placeholders ) . '-->';

		$this->runs[ count( $this->runs ) - 1 ][ $placeholder ] = $args;
		return $placeholder;
	}

	/**
	 * A box's arguments from shortcode or block attributes.
	 *
	 * @param array $attributes Attributes.
	 * @return array{asin: string, marketplace: string, template: string, idset: string}
	 */
	public static function box_args( array $attributes ): array {
		$args = array();
		foreach ( array( 'asin', 'marketplace', 'template', 'idset' ) as $name ) {
			$value         = $attributes[ $name ] ?? '';
			$args[ $name ] = is_scalar( $value ) ? (string) $value : '';
		}
		return $args;
	}

	/**
	 * The HTML of one product box.
	 *
	 * @param array{asin?: string, marketplace?: string, template?: string, idset?: string} $args What to show.
	 * @return string
	 */
	public function render( array $args ): string {
		return $this->render_all( array( self::box_args( $args ) ) )[0];
	}

	/**
	 * The HTML of many boxes, with one query for their products (two when some box is rendered
	 * anew; those are kept after the response by keep_boxes()).
	 *
	 * @param list<array{asin: string, marketplace: string, template: string, idset: string}> $boxes What to show.
	 * @return list<string> The boxes' HTML, in order.
	 */
	private function render_all( array $boxes ): array {
		$html = array();
		$keys = array();
		foreach ( $boxes as $i => $args ) {
			$input = trim( $args['asin'] );
			if ( '' === $input ) {
				$html[ $i ] = $this->hint( __( 'ASA2: add an ASIN to show a product, e.g. [asa2 asin="B0DHS2V7ZB"].', 'asa2-creators' ) );
				continue;
			}
			try {
				$keys[ $i ] = $this->product_service->identify( $input, strtoupper( trim( $args['marketplace'] ) ) );
			} catch ( \Asa2\ValidationException | \RuntimeException $e ) {
				$html[ $i ] = $this->hint( CoreMessages::exception( $e ) );
			}
		}
		$rows = $keys ? $this->products->box_rows( array_map( static fn( array $key ): array => array( $key['asin'], $key['marketplace'] ), $keys ) ) : array();
		$now  = Clock::now();
		$attrs = $this->localizer->attributes( $keys, array_column( $boxes, 'idset' ) );
		/**
		 * Fires with the stored rows a page's product boxes read (Products\ShownMarks marks them
		 * shown, at most once an hour each, so the refresh takes them first).
		 *
		 * @param array $rows ProductTable::box_rows().
		 * @param int   $now  Current time.
		 */
		do_action( 'asa2/products_shown', $rows, $now );

		// Kept boxes first; the others need their product data, read with one query.
		$looks = array();
		$anew  = array();
		foreach ( $keys as $i => $key ) {
			$row = $rows[ $key['asin'] . '|' . $key['marketplace'] ] ?? null;
			if ( null === $row || ! $row['has_data'] ) {
				$html[ $i ] = $this->not_loaded( $key, $row );
				continue;
			}
			$looks[ $i ] = $this->looks->of( $boxes[ $i ]['template'], $boxes[ $i ]['idset'], $key['marketplace'] );
			$kept        = BoxCache::find( $row['box_cache'], $looks[ $i ]['key'], $now );
			if ( null === $kept ) {
				$anew[ $i ] = $row;
			} else {
				$html[ $i ] = $this->wrap( $key, $kept, $attrs[ $i ] ?? '' );
			}
		}
		if ( $anew ) {
			$json = $this->products->stored_json( array_column( $anew, 'id' ) );
			foreach ( $anew as $i => $row ) {
				$html[ $i ] = $this->render_anew( $keys[ $i ], $row, $json[ $row['id'] ] ?? null, $looks[ $i ], $now, $attrs[ $i ] ?? '' );
			}
		}
		if ( array_filter( $html ) ) {
			$this->register_style();
			wp_enqueue_style( self::STYLE );
		}
		ksort( $html );
		return array_values( $html );
	}

	/**
	 * Renders a box from its product data; it is kept with the product after the response
	 * (keep_boxes()).
	 *
	 * @param array{asin: string, marketplace: string}              $key   The product.
	 * @param array                                                 $row   From box_rows().
	 * @param string|null                                           $data  From stored_json(), null if there is none.
	 * @param array{template: array, tag: string|null, logos: array, key: string} $look BoxLooks::of().
	 * @param int                                                   $now   Current time.
	 * @param string                                                $attrs BoxLocalizer::attributes() of the box.
	 * @return string
	 */
	private function render_anew( array $key, array $row, ?string $data, array $look, int $now, string $attrs ): string {
		$unreadable = __( 'ASA2: the stored data of this product is unreadable; refresh it in ASA2 → Products.', 'asa2-creators' );
		if ( null === $data ) {
			return $this->hint( $unreadable );
		}
		$id = $row['id'];
		if ( ( $this->unsaved[ $id ]['data'] ?? null ) !== $data ) {
			// Nothing rendered from this data yet in this request (or the product was refreshed since).
			$this->unsaved[ $id ] = array(
				'data'      => $data,
				'box_cache' => $row['box_cache'],
				'boxes'     => array(),
			);
			$this->after_response->add( 'keep_boxes', array( $this, 'keep_boxes' ) );
		}
		$box = $this->unsaved[ $id ]['boxes'][ $look['key'] ] ?? null;
		if ( null === $box || ! BoxCache::fresh( $box, $now ) ) {
			try {
				$box = Template::renderJsonWithExpiry( $look['template']['source'], $data, $now, $look['tag'], $look['logos']['url'], $look['logos']['localized'] );
			} catch ( \Asa2\Exception $e ) {
				if ( $e instanceof \Asa2\ValidationException && isset( $e->getErrors()['item'] ) ) {
					return $this->hint( $unreadable );
				}
				return $this->hint(
					sprintf(
						/* translators: 1: template name, 2: error */
						__( 'ASA2: the template "%1$s" cannot be rendered: %2$s', 'asa2-creators' ),
						$look['template']['name'],
						CoreMessages::exception( $e )
					)
				);
			}
			$this->unsaved[ $id ]['boxes'][ $look['key'] ] = $box;
		}
		return $this->wrap( $key, $box['html'], $attrs );
	}

	/**
	 * Writes the boxes rendered anew in this request to their products, with one statement (a
	 * product refreshed meanwhile keeps none: ProductTable::save_box_caches()).
	 */
	public function keep_boxes(): void {
		$unsaved       = $this->unsaved;
		$this->unsaved = array();
		if ( ! $unsaved ) {
			return;
		}
		$now    = Clock::now();
		$writes = array();
		foreach ( $unsaved as $id => $product ) {
			$encoded = $product['box_cache'];
			foreach ( $product['boxes'] as $look_key => $box ) {
				$encoded = BoxCache::with( $encoded, $look_key, $box['html'], $box['valid_until'], $now );
			}
			$writes[ $id ] = array(
				'data'      => $product['data'],
				'box_cache' => $encoded,
			);
		}
		$this->products->save_box_caches( $writes );
	}

	/**
	 * A product box around a template's HTML.
	 *
	 * @param array{asin: string, marketplace: string} $key  The product.
	 * @param string                                   $html  The template's HTML.
	 * @param string                                   $attrs BoxLocalizer::attributes() of the box.
	 * @return string
	 */
	private function wrap( array $key, string $html, string $attrs ): string {
		return '<div class="asa2-product" data-asin="' . esc_attr( $key['asin'] ) . '" data-marketplace="' . esc_attr( $key['marketplace'] ) . '"' . $attrs . '>' . $html . '</div>';
	}

	/**
	 * What a product not loaded yet shows (a hint for editors); it is queued for the background
	 * refresh.
	 *
	 * @param array{asin: string, marketplace: string} $key The product.
	 * @param array|null                               $row Its row from box_rows(), if any.
	 * @return string
	 */
	private function not_loaded( array $key, ?array $row ): string {
		if ( null === $row ) {
			$this->products->ensure( $key['asin'], $key['marketplace'], Clock::now() );
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
		return '<div class="asa2-product-hint" role="note">' . esc_html( $message ) . '</div>';
	}
}
