<?php
/**
 * A refused state change (capability or nonce).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Thrown by RequestGuard; Hooks turns it into a 403 page.
 */
final class AccessDenied extends \RuntimeException {
}
