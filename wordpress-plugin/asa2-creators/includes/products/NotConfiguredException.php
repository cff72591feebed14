<?php
/**
 * No API is set up for a marketplace.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Products;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Thrown by ApiRouter; the message names the setup step that fixes it.
 */
final class NotConfiguredException extends \RuntimeException {
}
