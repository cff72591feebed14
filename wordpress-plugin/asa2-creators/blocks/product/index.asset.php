<?php
/**
 * Dependencies and version of the "ASA2 Product" block's editor script (index.js), read by
 * WordPress when it registers the block from block.json.
 *
 * @package Asa2\Creators
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

return array(
	'dependencies' => array( 'wp-api-fetch', 'wp-block-editor', 'wp-blocks', 'wp-components', 'wp-element', 'wp-i18n', 'wp-server-side-render', 'wp-url' ),
	'version'      => \Asa2\Creators\Plugin::VERSION,
);
