<?php
/**
 * Precondition checks: PHP version and the asa2 extension.
 *
 * This file is loaded before anything else and must parse on any PHP version (no namespaces,
 * no short array syntax, no closures, no type declarations). When a requirement is missing, the
 * plugin shows an admin notice, a Site Health test and an explanation on its own screens, and
 * loads nothing else - it never causes a fatal error.
 *
 * @package Asa2\Creators
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Lowest PHP version the plugin runs on. */
define( 'ASA2_CREATORS_MIN_PHP', '8.1.0' );

/**
 * The requirements this server does not meet, untranslated (this runs while plugins load, before
 * WordPress may load translations).
 *
 * @return array Problem id => details: 'php_version', 'extension', or 'extension_outdated' with
 *               the list of missing classes.
 */
function asa2_creators_unmet_requirements() {
	$unmet = array();
	if ( version_compare( PHP_VERSION, ASA2_CREATORS_MIN_PHP, '<' ) ) {
		$unmet['php_version'] = array();
	}
	if ( ! extension_loaded( 'asa2' ) ) {
		$unmet['extension'] = array();
	} else {
		$missing = array();
		foreach ( asa2_creators_required_classes() as $class ) {
			if ( ! class_exists( $class ) ) {
				$missing[] = $class;
			}
		}
		if ( ! empty( $missing ) ) {
			$unmet['extension_outdated'] = $missing;
		}
	}
	return $unmet;
}

/**
 * Explains the requirements this server does not meet. Call it once WordPress has loaded
 * translations (from a hook), not while plugins load.
 *
 * @return array List of problems, each array( 'id' => string, 'message' => string, 'help' => string ).
 */
function asa2_creators_requirement_problems() {
	$problems = array();
	/* translators: 1: PHP version, e.g. 8.4.27, 2: how PHP runs, e.g. fpm-fcgi */
	$running = sprintf( __( 'This site runs PHP %1$s (%2$s).', 'asa2-creators' ), PHP_VERSION, PHP_SAPI );
	foreach ( asa2_creators_unmet_requirements() as $id => $details ) {
		switch ( $id ) {
			case 'php_version':
				$problems[] = array(
					'id'      => $id,
					'message' => sprintf(
						/* translators: 1: required PHP version, 2: PHP version of this server */
						__( 'ASA2 Creators API needs PHP %1$s or higher; this server runs PHP %2$s.', 'asa2-creators' ),
						'8.1',
						PHP_VERSION
					),
					'help'    => __( 'Ask your hosting provider to switch this site to PHP 8.1 or newer (most control panels offer a PHP version setting), then reload this page.', 'asa2-creators' ),
				);
				break;
			case 'extension':
				$problems[] = array(
					'id'      => $id,
					'message' => __( 'ASA2 Creators API needs the asa2 PHP extension, which is not loaded in the PHP that runs WordPress.', 'asa2-creators' ) . ' ' . $running,
					'help'    => __( 'Build or download the extension (libasa2.so), add the line extension=/path/to/libasa2.so to the php.ini of the PHP that serves this site (php --ini shows which files are read), restart PHP-FPM or the web server, and check with php -m that "asa2" is listed. php-ext/README.md in the asa2-creators sources describes every step.', 'asa2-creators' ),
				);
				break;
			case 'extension_outdated':
				$problems[] = array(
					'id'      => $id,
					'message' => sprintf(
						/* translators: 1: extension version, 2: comma-separated class names */
						__( 'The asa2 PHP extension %1$s is loaded but lacks parts ASA2 Creators API needs: %2$s.', 'asa2-creators' ),
						(string) phpversion( 'asa2' ),
						implode( ', ', $details )
					) . ' ' . $running,
					'help'    => __( 'Install the asa2 extension that comes with this version of the plugin (replace libasa2.so), restart PHP-FPM or the web server, and reload this page.', 'asa2-creators' ),
				);
				break;
		}
	}
	return $problems;
}

/**
 * Classes of the asa2 extension the plugin calls.
 *
 * @return array Class names.
 */
function asa2_creators_required_classes() {
	return array(
		'Asa2\\Version',
		'Asa2\\Marketplaces',
		'Asa2\\Credentials',
		'Asa2\\MarketplaceConfig',
		'Asa2\\PartnerTag',
		'Asa2\\PaApiSettings',
		'Asa2\\AssociateIdSets',
		'Asa2\\Sealer',
		'Asa2\\Token',
		'Asa2\\CreatorsApi',
		'Asa2\\PaApi',
		'Asa2\\Asin',
		'Asa2\\RetryPolicy',
		'Asa2\\Template',
		'Asa2\\ValidationException',
		'Asa2\\AuthException',
		'Asa2\\NotEligibleException',
		'Asa2\\ThrottledException',
	);
}

/**
 * Checks the requirements; when one is missing, registers the explanation and returns false.
 *
 * @param string $plugin_file Main plugin file.
 * @return bool Whether the plugin may load.
 */
function asa2_creators_requirements_met( $plugin_file ) {
	if ( empty( asa2_creators_unmet_requirements() ) ) {
		return true;
	}
	add_action( 'admin_notices', 'asa2_creators_requirements_action_admin_notices' );
	add_action( 'admin_menu', 'asa2_creators_requirements_action_admin_menu' );
	add_filter( 'site_status_tests', 'asa2_creators_requirements_filter_site_status_tests' );
	return false;
}

/**
 * Prints the explanation of every missing requirement.
 */
function asa2_creators_requirements_render_problems() {
	foreach ( asa2_creators_requirement_problems() as $problem ) {
		echo '<p><strong>' . esc_html( $problem['message'] ) . '</strong></p>';
		echo '<p>' . esc_html( $problem['help'] ) . '</p>';
	}
}

/**
 * Admin notice for administrators.
 */
function asa2_creators_requirements_action_admin_notices() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
	if ( $screen && false !== strpos( (string) $screen->id, 'asa2-' ) ) {
		return; // The plugin's own screens show the full explanation.
	}
	echo '<div class="notice notice-error">';
	asa2_creators_requirements_render_problems();
	echo '</div>';
}

/**
 * Keeps the ASA2 menu so its screens can explain what is missing.
 */
function asa2_creators_requirements_action_admin_menu() {
	add_menu_page(
		__( 'ASA2 Setup', 'asa2-creators' ),
		__( 'ASA2', 'asa2-creators' ),
		'manage_options',
		'asa2-setup',
		'asa2_creators_requirements_render_screen',
		'dashicons-amazon',
		58
	);
	add_submenu_page( 'asa2-setup', __( 'ASA2 Setup', 'asa2-creators' ), __( 'Setup', 'asa2-creators' ), 'manage_options', 'asa2-setup', 'asa2_creators_requirements_render_screen' );
	add_submenu_page( 'asa2-setup', __( 'ASA2 Options', 'asa2-creators' ), __( 'Options', 'asa2-creators' ), 'manage_options', 'asa2-options', 'asa2_creators_requirements_render_screen' );
}

/**
 * The ASA2 screens while a requirement is missing.
 */
function asa2_creators_requirements_render_screen() {
	echo '<div class="wrap"><h1>' . esc_html__( 'ASA2 Creators API', 'asa2-creators' ) . '</h1>';
	echo '<div class="notice notice-error inline">';
	asa2_creators_requirements_render_problems();
	echo '</div></div>';
}

/**
 * Adds a Site Health test that reports the missing requirements.
 *
 * @param array $tests Site Health tests.
 * @return array
 */
function asa2_creators_requirements_filter_site_status_tests( $tests ) {
	$tests['direct']['asa2_requirements'] = array(
		'label' => __( 'ASA2 Creators API requirements', 'asa2-creators' ),
		'test'  => 'asa2_creators_requirements_site_health_test',
	);
	return $tests;
}

/**
 * Site Health result: critical, with the same explanation as the notice.
 *
 * @return array
 */
function asa2_creators_requirements_site_health_test() {
	ob_start();
	asa2_creators_requirements_render_problems();
	$description = ob_get_clean();
	return array(
		'label'       => __( 'ASA2 Creators API cannot run on this server yet', 'asa2-creators' ),
		'status'      => 'critical',
		'badge'       => array(
			'label' => __( 'ASA2', 'asa2-creators' ),
			'color' => 'red',
		),
		'description' => $description,
		'actions'     => '',
		'test'        => 'asa2_requirements',
	);
}
