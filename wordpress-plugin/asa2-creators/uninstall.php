<?php
/**
 * Removes everything the plugin stored: options, the log table, transients and the cron event.
 *
 * Runs without the plugin being loaded and possibly without the asa2 extension, so it uses
 * only WordPress functions.
 *
 * @package Asa2\Creators
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

/**
 * Deletes the plugin's data on the current site.
 */
function asa2_creators_uninstall_site() {
	global $wpdb;

	// storage/: marketplaces, PA API settings, ID sets, logging settings, log schema version.
	foreach ( array( 'asa2_marketplaces', 'asa2_paapi', 'asa2_id_sets', 'asa2_logging', 'asa2_log_db_version' ) as $option ) {
		delete_option( $option );
	}

	// storage/ProductTable, ProductSettings, QuotaSettings, GeoSettings, TemplateRepository;
	// products/ProductService, PaApiRetirement, CallTracker; geo/OtherStores; cron/RefreshScheduler;
	// the rows of api/SharedLock, products/RateLimiter, products/QuotaLedger, api/TokenProvider and
	// health/WebNodes (asa2_lock_*, asa2_rate_*, asa2_qday_*, asa2_token_*, asa2_node_*).
	foreach ( array( 'asa2_products_db_version', 'asa2_product_settings', 'asa2_quota_settings', 'asa2_templates', 'asa2_not_eligible', 'asa2_paapi_retired', 'asa2_last_calls', 'asa2_last_refresh', 'asa2_geo', 'asa2_other_stores_progress' ) as $option ) {
		delete_option( $option );
	}
	$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- our lock, rate, token and node rows.
		$wpdb->prepare(
			"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s OR option_name LIKE %s OR option_name LIKE %s OR option_name LIKE %s",
			$wpdb->esc_like( 'asa2_lock_' ) . '%',
			$wpdb->esc_like( 'asa2_rate_' ) . '%',
			$wpdb->esc_like( 'asa2_qday_' ) . '%',
			$wpdb->esc_like( 'asa2_token_' ) . '%',
			$wpdb->esc_like( 'asa2_node_' ) . '%'
		)
	);
	$wpdb->query( "DROP TABLE IF EXISTS {$wpdb->prefix}asa2_products" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix.

	// storage/LogTable: the API call log.
	$wpdb->query( "DROP TABLE IF EXISTS {$wpdb->prefix}asa2_log" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery -- table name from $wpdb->prefix.

	// admin/Notices (asa2_notices_*), admin/FormState (asa2_form_*), and tokens cached by older versions.
	$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- bulk removal of our own transients.
		$wpdb->prepare(
			"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s",
			$wpdb->esc_like( '_transient_asa2_' ) . '%',
			$wpdb->esc_like( '_transient_timeout_asa2_' ) . '%'
		)
	);

	// Hooks: the daily log cleanup event.
	wp_clear_scheduled_hook( 'asa2_log_cleanup' );
	wp_clear_scheduled_hook( 'asa2_refresh_products' );
	wp_clear_scheduled_hook( 'asa2_refresh_products_soon' );
	wp_clear_scheduled_hook( 'asa2_refresh_products_continue' );
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids' ) ) as $asa2_site_id ) {
		switch_to_blog( $asa2_site_id );
		asa2_creators_uninstall_site();
		restore_current_blog();
	}
} else {
	asa2_creators_uninstall_site();
}
