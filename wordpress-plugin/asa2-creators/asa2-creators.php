<?php
/**
 * Plugin Name:       ASA2 Creators API
 * Description:       Amazon Creators API setup for ASA2: marketplaces with encrypted credentials, PA-API 5.0 fallback, Associate ID sets, API call logging and Site Health checks.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * License:           GPL-2.0-or-later
 * Text Domain:       asa2-creators
 * Domain Path:       /languages
 *
 * @package Asa2\Creators
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

// This file and includes/requirements.php must parse on any PHP version, so that an old PHP or a
// missing extension shows an explanation instead of a fatal error.
require_once __DIR__ . '/includes/requirements.php';

if ( ! asa2_creators_requirements_met( __FILE__ ) ) {
	return;
}

require_once __DIR__ . '/includes/Autoloader.php';
\Asa2\Creators\Autoloader::register( __DIR__ . '/includes' );
\Asa2\Creators\Plugin::init( __FILE__ );
