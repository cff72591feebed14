<?php
/**
 * Plugin Name: ASA2 local site
 * Description: Keeps the local demo and test sites of asa2-creators offline: no update checks
 *              against wordpress.org (the machine has no network; each check would only log a
 *              warning). Installed by scripts/lib/stack.sh; not part of the plugin.
 */

defined( 'ABSPATH' ) || exit;

/**
 * A "checked just now, nothing new" answer for the core, plugin and theme update transients.
 *
 * @return object
 */
function asa2_local_site_no_updates() {
	return (object) array(
		'last_checked'    => time(),
		'version_checked' => get_bloginfo( 'version' ),
		'updates'         => array(),
		'translations'    => array(),
		'response'        => array(),
		'checked'         => array(),
	);
}
add_filter( 'pre_site_transient_update_core', 'asa2_local_site_no_updates' );
add_filter( 'pre_site_transient_update_plugins', 'asa2_local_site_no_updates' );
add_filter( 'pre_site_transient_update_themes', 'asa2_local_site_no_updates' );
remove_action( 'init', 'wp_schedule_update_checks' );
