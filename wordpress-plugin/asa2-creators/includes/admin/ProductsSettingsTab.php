<?php
/**
 * ASA2 -> Options, tab Products.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\Cron\RefreshCapacity;
use Asa2\Creators\Cron\RefreshScheduler;
use Asa2\Creators\Storage\ProductSettings;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * How often stored products are refreshed in the background and how many requests per second
 * and per day ASA2 sends per credential (QuotaForm), and whether the background refresh keeps up with the stored products
 * at these settings.
 */
final class ProductsSettingsTab {

	/** Tab id. */
	public const TAB = 'products';

	/** @var ProductSettings */
	private ProductSettings $product_settings;

	/** @var RefreshCapacity */
	private RefreshCapacity $capacity;

	/** @var QuotaForm */
	private QuotaForm $quota_form;

	/**
	 * @param ProductSettings $product_settings Product settings.
	 * @param RefreshCapacity $capacity         Whether the background refresh keeps up.
	 * @param QuotaForm       $quota_form       Requests per second and per day per credential.
	 */
	public function __construct( ProductSettings $product_settings, RefreshCapacity $capacity, QuotaForm $quota_form ) {
		$this->product_settings = $product_settings;
		$this->capacity         = $capacity;
		$this->quota_form       = $quota_form;
	}

	/**
	 * Prints the tab.
	 */
	public function render(): void {
		$settings = $this->product_settings->get();
		$next     = wp_next_scheduled( RefreshScheduler::HOOK );
		echo '<p class="asa2-intro">' . esc_html__( 'Stored products are refreshed in the background (WP-Cron) once they are older than the interval below. Pages always show the stored data; a failed refresh keeps it.', 'asa2-creators' ) . '</p>';
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="asa2-form" id="asa2-product-settings-form">';
		RequestGuard::fields( TemplateActions::SAVE_PRODUCT_OPT );
		echo '<table class="form-table" role="presentation"><tbody>';
		echo '<tr><th scope="row"><label for="asa2-ttl">' . esc_html__( 'Refresh Products Every', 'asa2-creators' ) . '</label></th><td><input type="number" class="small-text" name="asa2[ttl_hours]" id="asa2-ttl" min="' . esc_attr( (string) ProductSettings::MIN_TTL_HOURS ) . '" max="' . esc_attr( (string) ProductSettings::MAX_TTL_HOURS ) . '" value="' . esc_attr( (string) $settings['ttl_hours'] ) . '" /> ' . esc_html__( 'hours', 'asa2-creators' ) . '<p class="description">' . esc_html__( 'Amazon allows showing a price for 24 hours after it was fetched; older prices are hidden until the next refresh.', 'asa2-creators' ) . '</p></td></tr>';
		echo '<tr><th scope="row">' . esc_html__( 'Localized Shop Logos', 'asa2-creators' ) . '</th><td><label><input type="checkbox" name="asa2[localized_logos]" id="asa2-localized-logos" value="1"' . checked( $settings['localized_logos'], true, false ) . ' /> ' . esc_html__( 'The placeholders AmazonLogoSmallUrl and AmazonLogoLargeUrl show a logo naming the product\'s store (amazon.de, amazon.co.uk, ...) instead of the plain one', 'asa2-creators' ) . '</label></td></tr>';
		$this->quota_form->render();
		echo '<tr><th scope="row">' . esc_html__( 'Next Background Refresh', 'asa2-creators' ) . '</th><td>' . ( $next ? '<time datetime="' . esc_attr( gmdate( 'c', (int) $next ) ) . '">' . esc_html( wp_date( 'Y-m-d H:i:s', (int) $next ) ) . '</time>' : esc_html__( 'not scheduled (deactivate and activate the plugin)', 'asa2-creators' ) ) . '</td></tr>';
		$capacity = $this->capacity->assess();
		$text     = RefreshCapacity::explain( $capacity );
		echo '<tr><th scope="row">' . esc_html__( 'Refresh Capacity', 'asa2-creators' ) . '</th><td><div class="asa2-refresh-capacity asa2-capacity-' . esc_attr( $capacity['status'] ) . '" id="asa2-refresh-capacity"><p><strong>' . esc_html( $text['label'] ) . '</strong></p><ul>';
		foreach ( $text['lines'] as $line ) {
			echo '<li>' . esc_html( $line ) . '</li>';
		}
		echo '</ul></div></td></tr>';
		echo '</tbody></table>';
		submit_button( __( 'Save Product Settings', 'asa2-creators' ) );
		echo '</form>';
	}
}
