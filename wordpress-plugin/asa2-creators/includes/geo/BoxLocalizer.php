<?php
/**
 * Product boxes that send visitors to the Amazon store of their own country.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Geo;

use Asa2\Creators\Plugin;
use Asa2\Creators\PluginPaths;
use Asa2\Creators\Rest\CountryRoute;
use Asa2\Creators\Rest\ProductSearchRoute;
use Asa2\Creators\Storage\GeoSettings;
use Asa2\Creators\Storage\IdSetRepository;
use Asa2\Creators\Storage\MarketplaceRepository;
use Asa2\Creators\Storage\OptionMemo;
use Asa2\Geo;
use Asa2\Marketplaces;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Pages may be served from a full-page cache, so links are localized in the browser. The page
 * holds the same HTML for everyone:
 *
 * - each box that has somewhere else to go carries `data-asa2-set` (its Associate ID Set, "" for
 *   none) and `data-asa2-stores` (the other stores its product is stored and available in, that
 *   the set has a tracking ID for), next to `data-asin` and `data-marketplace`;
 * - one JSON block (`#asa2-geo-config`) holds, per set shown, which store each country is sent
 *   to (Asa2\Geo::storeMap(), the core's table with the set's own choices) and the set's
 *   tracking IDs, plus the store hosts;
 * - the script assets/geo-links.js (in the footer, only on pages with such a box) asks
 *   GET /asa2/v1/country once per visitor (or reads its cookie) and rewrites the links of the
 *   boxes whose product the visitor's store has.
 *
 * Nothing is added while no country source is set up (Options → Countries). The data attributes
 * sit on the box's wrapper, outside the rendered boxes BoxCache keeps.
 */
final class BoxLocalizer {

	/** Script handle. */
	public const SCRIPT = 'asa2-geo-links';

	/** Id of the JSON block the script reads. */
	public const CONFIG_ID = 'asa2-geo-config';

	/** @var OptionMemo */
	private OptionMemo $memo;

	/** @var GeoSettings */
	private GeoSettings $settings;

	/** @var IdSetRepository */
	private IdSetRepository $id_sets;

	/** @var MarketplaceRepository */
	private MarketplaceRepository $marketplaces;

	/** @var OtherStores */
	private OtherStores $other_stores;

	/** @var PluginPaths */
	private PluginPaths $paths;

	/** @var array<string, array{countries: array<string, string>, tags: array<string, string>}> Sets shown on this page, by key. */
	private array $shown = array();

	/** @var array<string, bool> Marketplaces the boxes shown come from. */
	private array $box_stores = array();

	/**
	 * @param OptionMemo            $memo         Keeps what was worked out of the options.
	 * @param GeoSettings           $settings     Whether links are localized.
	 * @param IdSetRepository       $id_sets      Associate ID Sets.
	 * @param MarketplaceRepository $marketplaces Marketplaces set up (their own tracking IDs).
	 * @param OtherStores           $other_stores Where products are stored.
	 * @param PluginPaths           $paths        Files of the plugin.
	 */
	public function __construct( OptionMemo $memo, GeoSettings $settings, IdSetRepository $id_sets, MarketplaceRepository $marketplaces, OtherStores $other_stores, PluginPaths $paths ) {
		$this->memo         = $memo;
		$this->settings     = $settings;
		$this->id_sets      = $id_sets;
		$this->marketplaces = $marketplaces;
		$this->other_stores = $other_stores;
		$this->paths        = $paths;
	}

	/**
	 * The data attributes of a batch of boxes (with one query), for those that may be sent to
	 * another store; none while links are not localized.
	 *
	 * @param array<int, array{asin: string, marketplace: string}> $keys   The boxes' products.
	 * @param array<int, string>                                   $idsets The boxes' idset attributes.
	 * @return array<int, string> Attributes (with a leading space) by box index.
	 */
	public function attributes( array $keys, array $idsets ): array {
		if ( ! $keys || ! $this->memo->get( 'geo_localizes', array( $this->settings, 'localizes' ) ) ) {
			return array();
		}
		$stored = $this->other_stores->stored( array_column( $keys, 'asin' ) );
		$out    = array();
		foreach ( $keys as $i => $key ) {
			$set_key = $this->set_key( $idsets[ $i ] ?? '' );
			$set     = $this->set( $set_key );
			$others  = array_values( array_diff( array_intersect( $stored[ $key['asin'] ] ?? array(), array_keys( $set['tags'] ) ), array( $key['marketplace'] ) ) );
			if ( ! $others ) {
				continue;
			}
			$this->shown[ $set_key ]                 = $set;
			$this->box_stores[ $key['marketplace'] ] = true;
			$out[ $i ]                               = ' data-asa2-set="' . esc_attr( $set_key ) . '" data-asa2-stores="' . esc_attr( implode( ' ', $others ) ) . '"';
		}
		if ( $out ) {
			$this->enqueue();
		}
		return $out;
	}

	/**
	 * Prints the JSON block the script reads (wp_footer), when a box of this page needs it.
	 */
	public function print_config(): void {
		if ( ! $this->shown ) {
			return;
		}
		$hosts = array();
		$all   = Marketplaces::all();
		foreach ( $this->shown as $set ) {
			foreach ( array_keys( $set['tags'] ) as $code ) {
				$hosts[ $code ] = $all[ $code ]['host'] ?? '';
			}
		}
		foreach ( array_keys( $this->box_stores ) as $code ) {
			$hosts[ $code ] = $all[ $code ]['host'] ?? '';
		}
		$config = array(
			'endpoint' => rest_url( ProductSearchRoute::NAMESPACE . CountryRoute::ROUTE ),
			'cookie'   => CountryRoute::COOKIE,
			'hosts'    => array_filter( $hosts ),
			'sets'     => $this->shown,
		);
		echo '<script type="application/json" id="' . esc_attr( self::CONFIG_ID ) . '">' . wp_json_encode( $config, JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_SLASHES ) . '</script>' . "\n";
	}

	/**
	 * The key a box's set is known by on the page: the set's id, or "" for boxes without a set
	 * (or naming one that does not exist), which use each marketplace's own tracking ID.
	 *
	 * @param string $idset The box's idset attribute.
	 * @return string
	 */
	private function set_key( string $idset ): string {
		return $this->memo->get(
			'geo_set_key|' . $idset,
			function () use ( $idset ): string {
				$set = $this->id_sets->find( $idset );
				return null === $set ? '' : $set['id'];
			}
		);
	}

	/**
	 * What the script needs of a set: the tracking ID of each store it may send visitors to
	 * (marketplaces set up and enabled, with a tracking ID in the set, or their own without a
	 * set) and the store of each country.
	 *
	 * @param string $set_key set_key().
	 * @return array{countries: array<string, string>, tags: array<string, string>}
	 */
	private function set( string $set_key ): array {
		return $this->memo->get( 'geo_set|' . $set_key, fn(): array => $this->work_out_set( $set_key ) );
	}

	/**
	 * Works set() out.
	 *
	 * @param string $set_key set_key().
	 * @return array{countries: array<string, string>, tags: array<string, string>}
	 */
	private function work_out_set( string $set_key ): array {
		$enabled = array_filter( $this->marketplaces->all(), static fn( array $r ): bool => $r['enabled'] );
		$set     = '' === $set_key ? null : $this->id_sets->get( $set_key );
		$tags    = array();
		foreach ( $enabled as $code => $record ) {
			$tag = null === $set ? $record['partner_tag'] : (string) ( $set['tags'][ $code ] ?? '' );
			if ( '' !== $tag ) {
				$tags[ $code ] = $tag;
			}
		}
		try {
			$countries = Geo::storeMap( array_keys( $tags ), null === $set ? '' : $set['countries'] );
		} catch ( \Asa2\ValidationException $e ) {
			$countries = Geo::storeMap( array_keys( $tags ), '' ); // Saved choices are checked; never fail a page.
		}
		return array(
			'countries' => $countries,
			'tags'      => $tags,
		);
	}

	/**
	 * Loads the script in the footer, once.
	 */
	private function enqueue(): void {
		if ( ! wp_script_is( self::SCRIPT, 'enqueued' ) ) {
			wp_enqueue_script( self::SCRIPT, $this->paths->url( 'assets/geo-links.js' ), array(), Plugin::VERSION, true );
		}
	}
}
