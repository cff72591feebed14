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
 * The PHP versions the extension comes as a Debian package for, with the Debian releases each
 * package installs on (`make dist` builds them; php-ext/README.md in the sources lists them too).
 * Call it once translations are loaded.
 *
 * @return array PHP major.minor => Debian releases.
 */
function asa2_creators_extension_packages() {
	return array(
		'8.2' => __( 'Debian 12 (bookworm)', 'asa2-creators' ),
		'8.4' => __( 'Debian 13 (trixie) and newer', 'asa2-creators' ),
	);
}

/**
 * The major.minor version of the PHP that runs here, e.g. 8.4.
 *
 * @return string
 */
function asa2_creators_running_php() {
	return PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION;
}

/**
 * The plugin's version, read from its header; the extension packages carry the same version.
 *
 * @return string
 */
function asa2_creators_plugin_version() {
	static $version = null;
	if ( null === $version ) {
		$data    = get_file_data( dirname( __DIR__ ) . '/asa2-creators.php', array( 'version' => 'Version' ), 'plugin' );
		$version = (string) $data['version'];
	}
	return $version;
}

/**
 * The file of the extension's Debian package for a PHP version, in this plugin's version, e.g.
 * php8.4-asa2_0.1.0_amd64.deb, or '' when there is no package for that PHP version.
 *
 * @param string $php PHP major.minor.
 * @return string
 */
function asa2_creators_extension_package_file( $php ) {
	if ( ! array_key_exists( $php, asa2_creators_extension_packages() ) ) {
		return '';
	}
	return asa2_creators_extension_package_name( $php ) . '_' . asa2_creators_plugin_version() . '_amd64.deb';
}

/**
 * The name of the extension's Debian package for a PHP version, e.g. php8.4-asa2.
 *
 * @param string $php PHP major.minor.
 * @return string
 */
function asa2_creators_extension_package_name( $php ) {
	return 'php' . $php . '-asa2';
}

/**
 * Where the ASA2 screens explain how to install the extension on this server.
 *
 * @return string
 */
function asa2_creators_install_steps_url() {
	return admin_url( 'admin.php?page=asa2-setup#asa2-install' );
}

/**
 * The requirements this server does not meet, untranslated (this runs while plugins load, before
 * WordPress may load translations).
 *
 * @return array Problem id => details: 'php_version', 'extension', or 'extension_outdated' with
 *               the list of missing classes and methods.
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
		foreach ( asa2_creators_required_classes() as $name ) {
			$parts = explode( '::', $name );
			if ( ! class_exists( $parts[0] ) || ( isset( $parts[1] ) && ! method_exists( $parts[0], $parts[1] ) ) ) {
				$missing[] = $name;
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
				$package    = asa2_creators_extension_package_file( asa2_creators_running_php() );
				$problems[] = array(
					'id'      => $id,
					'message' => __( 'ASA2 Creators API needs the asa2 PHP extension, which is not loaded in the PHP that runs WordPress.', 'asa2-creators' ) . ' ' . $running,
					'help'    => '' !== $package
						? sprintf(
							/* translators: 1: PHP version, e.g. 8.4, 2: package file name, e.g. php8.4-asa2_0.1.0_amd64.deb */
							__( 'Install the extension package for PHP %1$s, %2$s, on the server, restart PHP and reload this page.', 'asa2-creators' ),
							asa2_creators_running_php(),
							$package
						)
						: sprintf(
							/* translators: %s: PHP version, e.g. 8.3 */
							__( 'There is no ready-made extension package for PHP %s: build the extension from source, load it with extension=/path/to/asa2.so, restart PHP and reload this page.', 'asa2-creators' ),
							asa2_creators_running_php()
						),
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
					'help'    => __( 'Install the asa2 extension that comes with this version of the plugin (its package, or a build of the same version), restart PHP and reload this page.', 'asa2-creators' ),
				);
				break;
		}
	}
	return $problems;
}

/**
 * Classes of the asa2 extension the plugin calls, and methods added after a class first came
 * ("Class::method").
 *
 * @return array Class and method names.
 */
function asa2_creators_required_classes() {
	return array(
		'Asa2\\Version',
		'Asa2\\Api',
		'Asa2\\Redaction',
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
		'Asa2\\Template::renderJsonWithExpiry',
		'Asa2\\Messages',
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
	// Product boxes in posts show nothing rather than their shortcode (Render\Shortcode::TAG).
	add_shortcode( 'asa2', 'asa2_creators_requirements_shortcode' );
	return false;
}

/**
 * The [asa2] shortcode while the plugin cannot load: no box, no shortcode text.
 *
 * @return string
 */
function asa2_creators_requirements_shortcode() {
	return '';
}

/**
 * Prints the explanation of every missing requirement.
 *
 * @param bool $link Whether to link to the installation steps on the ASA2 screen.
 */
function asa2_creators_requirements_render_problems( $link = true ) {
	foreach ( asa2_creators_requirement_problems() as $problem ) {
		echo '<p><strong>' . esc_html( $problem['message'] ) . '</strong></p>';
		echo '<p>' . esc_html( $problem['help'] );
		if ( $link && 'php_version' !== $problem['id'] ) {
			echo ' <a href="' . esc_url( asa2_creators_install_steps_url() ) . '">' . esc_html__( 'How to install the asa2 extension on this server', 'asa2-creators' ) . '</a>';
		}
		echo '</p>';
	}
}

/**
 * Prints how to install the extension on this server: the package for its PHP version, the
 * command, the check, upgrading and removing, and building from source elsewhere.
 */
function asa2_creators_requirements_render_install_steps() {
	$php     = asa2_creators_running_php();
	$package = asa2_creators_extension_package_file( $php );
	$restart = 'fpm-fcgi' === PHP_SAPI ? 'systemctl restart php' . $php . '-fpm' : ( 0 === strpos( PHP_SAPI, 'apache2' ) ? 'systemctl restart apache2' : '' );

	echo '<h2 id="asa2-install">' . esc_html__( 'Installing the asa2 extension', 'asa2-creators' ) . '</h2>';
	/* translators: 1: PHP version, e.g. 8.4.27, 2: how PHP runs, e.g. fpm-fcgi */
	echo '<p>' . esc_html( sprintf( __( 'This site runs PHP %1$s (%2$s).', 'asa2-creators' ), PHP_VERSION, PHP_SAPI ) ) . ' ';
	echo esc_html__( 'The extension comes as a Debian package for each PHP version, with the same version as the plugin; on the server, php -v shows the PHP version.', 'asa2-creators' ) . '</p>';
	echo '<table class="widefat striped" style="max-width:48em"><thead><tr><th>' . esc_html__( 'PHP', 'asa2-creators' ) . '</th><th>' . esc_html__( 'Package', 'asa2-creators' ) . '</th><th>' . esc_html__( 'Installs on', 'asa2-creators' ) . '</th></tr></thead><tbody>';
	foreach ( asa2_creators_extension_packages() as $package_php => $releases ) {
		$file = asa2_creators_extension_package_file( $package_php );
		$mark = $package_php === $php ? ' <strong>' . esc_html__( '(this site)', 'asa2-creators' ) . '</strong>' : '';
		echo '<tr><td>' . esc_html( $package_php ) . $mark . '</td><td><code>' . esc_html( $file ) . '</code></td><td>' . esc_html( $releases ) . '</td></tr>';
	}
	echo '</tbody></table>';

	if ( '' !== $package ) {
		echo '<ol>';
		/* translators: %s: command */
		echo '<li>' . sprintf( esc_html__( 'Copy the package file of the asa2-creators release to the server and install it as root: %s. It enables the extension for the command line, PHP-FPM and Apache.', 'asa2-creators' ), '<code>apt install ./' . esc_html( $package ) . '</code>' ) . '</li>';
		if ( '' !== $restart ) {
			/* translators: %s: command */
			echo '<li>' . sprintf( esc_html__( 'Restart PHP: %s.', 'asa2-creators' ), '<code>' . esc_html( $restart ) . '</code>' ) . '</li>';
		} else {
			echo '<li>' . esc_html__( 'Restart the PHP that serves this site (PHP-FPM or the web server).', 'asa2-creators' ) . '</li>';
		}
		echo '<li>' . esc_html__( 'Reload this page. Tools → Site Health → Info → ASA2 Creators API then shows the extension version.', 'asa2-creators' ) . '</li>';
		echo '</ol>';
		/* translators: 1: command, 2: command */
		echo '<p>' . sprintf( esc_html__( 'To upgrade, install the new version\'s package the same way (%1$s) and restart PHP. To remove the extension: %2$s.', 'asa2-creators' ), '<code>apt install ./' . esc_html( $package ) . '</code>', '<code>apt remove ' . esc_html( asa2_creators_extension_package_name( $php ) ) . '</code>' ) . '</p>';
	}
	echo '<p>' . esc_html__( 'Without a package for this system (another Linux distribution, another PHP version): build the extension from source (php-ext/README.md in the asa2-creators sources), add the line extension=/path/to/asa2.so to the php.ini of the PHP that serves this site (php --ini shows which files are read), restart PHP, and check with php -m that "asa2" is listed.', 'asa2-creators' ) . '</p>';
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
	asa2_creators_requirements_render_problems( false );
	echo '</div>';
	$unmet = asa2_creators_unmet_requirements();
	if ( isset( $unmet['extension'] ) || isset( $unmet['extension_outdated'] ) ) {
		asa2_creators_requirements_render_install_steps();
	}
	echo '</div>';
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
