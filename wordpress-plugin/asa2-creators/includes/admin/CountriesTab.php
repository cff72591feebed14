<?php
/**
 * ASA2 -> Options, tab Countries.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Geo\OtherStores;
use Asa2\Creators\Storage\GeoSettings;
use Asa2\Geo;
use Asa2\Marketplaces;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Visitors from other countries: where their country comes from (a CDN header, a country
 * database) and for which stores products are also loaded, so boxes can link there.
 */
final class CountriesTab {

	/** Tab id. */
	public const TAB = 'countries';

	/** @var GeoSettings */
	private GeoSettings $settings;

	/** @var OtherStores */
	private OtherStores $other_stores;

	/**
	 * @param GeoSettings $settings     The settings.
	 * @param OtherStores $other_stores The stores products may also be loaded for.
	 */
	public function __construct( GeoSettings $settings, OtherStores $other_stores ) {
		$this->settings     = $settings;
		$this->other_stores = $other_stores;
	}

	/**
	 * Prints the tab.
	 */
	public function render(): void {
		$settings = $this->settings->get();
		$all      = Marketplaces::all();
		echo '<p class="asa2-intro">' . esc_html__( 'Send visitors from other countries to their own Amazon store, with your tracking ID there. Boxes carry the stores their product is loaded for; a small script asks this site for the visitor\'s country and changes the links in the browser, so pages may come from a full-page cache. Without a country source below, links stay as they are.', 'asa2-creators' ) . '</p>';
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="asa2-form" id="asa2-countries-form">';
		RequestGuard::fields( GeoActions::SAVE );
		echo '<table class="form-table" role="presentation"><tbody>';

		echo '<tr><th scope="row">' . esc_html__( 'Country Header', 'asa2-creators' ) . '</th><td><label for="asa2-geo-use-header"><input type="checkbox" name="asa2[use_header]" id="asa2-geo-use-header" value="1"' . checked( $settings['use_header'], true, false ) . ' /> ' . esc_html__( 'Read the visitor\'s country from this request header:', 'asa2-creators' ) . '</label> <input type="text" class="regular-text code" name="asa2[header]" id="asa2-geo-header" value="' . esc_attr( $settings['header'] ) . '" aria-label="' . esc_attr__( 'Header name', 'asa2-creators' ) . '" spellcheck="false" />';
		echo '<p class="description">' . esc_html__( 'Only when every request reaches this site through a CDN that sets the header (Cloudflare sets CF-IPCountry when IP Geolocation is on); anyone can send the header to a site that is reachable directly.', 'asa2-creators' ) . '</p></td></tr>';

		echo '<tr><th scope="row"><label for="asa2-geo-database">' . esc_html__( 'Country Database', 'asa2-creators' ) . '</label></th><td><input type="text" class="large-text code" name="asa2[database]" id="asa2-geo-database" value="' . esc_attr( $settings['database'] ) . '" placeholder="/usr/share/GeoIP/GeoLite2-Country.mmdb" spellcheck="false" />';
		echo '<p class="description">' . esc_html__( 'Path of a MaxMind-format country database (.mmdb) on this server, such as GeoLite2-Country (kept up to date by geoipupdate) or DB-IP\'s free country database. Used when the header is off or missing. Debian\'s geoip-database package holds the legacy GeoIP.dat format from 2019 and cannot be used. Leave empty for none.', 'asa2-creators' ) . '</p></td></tr>';

		echo '<tr><th scope="row">' . esc_html__( 'Also Load Products For', 'asa2-creators' ) . '</th><td><fieldset><legend class="screen-reader-text">' . esc_html__( 'Also Load Products For', 'asa2-creators' ) . '</legend>';
		$choices = $this->other_stores->choices();
		if ( ! $choices ) {
			echo '<p>' . esc_html__( 'Add a marketplace in ASA2 → Setup first.', 'asa2-creators' ) . '</p>';
		}
		foreach ( $choices as $code ) {
			echo '<label class="asa2-inline-choice" for="' . esc_attr( 'asa2-geo-load-' . $code ) . '"><input type="checkbox" name="asa2[also_load][]" id="' . esc_attr( 'asa2-geo-load-' . $code ) . '" value="' . esc_attr( $code ) . '"' . checked( in_array( $code, $settings['also_load'], true ), true, false ) . ' /> ' . esc_html( CoreMessages::country( $code ) . ' (' . ( $all[ $code ]['domain'] ?? '' ) . ')' ) . '</label><br />';
		}
		echo '<p class="description">' . esc_html__( 'The background refresh also loads every stored product for these stores (10 per request, within its time budget). A box links to another store only when that store has the product; otherwise it keeps its own link.', 'asa2-creators' ) . '</p></fieldset></td></tr>';
		echo '</tbody></table>';
		submit_button( __( 'Save Country Settings', 'asa2-creators' ) );
		echo '</form>';

		echo '<h2 class="asa2-section-title">' . esc_html__( 'Which Store for Which Country', 'asa2-creators' ) . '</h2>';
		echo '<p>' . esc_html__( 'Each country is sent to the first of its stores that the box\'s Associate ID Set has a tracking ID for; other countries keep the box\'s link. An Associate ID Set can choose other stores for some countries.', 'asa2-creators' ) . '</p>';
		echo '<table class="widefat striped asa2-country-table"><thead><tr><th scope="col">' . esc_html__( 'Country', 'asa2-creators' ) . '</th><th scope="col">' . esc_html__( 'Stores, in order', 'asa2-creators' ) . '</th></tr></thead><tbody>';
		foreach ( Geo::countries() as $country => $stores ) {
			echo '<tr><td><code>' . esc_html( $country ) . '</code></td><td>' . esc_html( implode( ', ', array_map( static fn( string $code ): string => $all[ $code ]['domain'] ?? $code, $stores ) ) ) . '</td></tr>';
		}
		echo '</tbody></table>';
	}
}
