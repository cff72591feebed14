<?php
/**
 * A remote call that got no HTTP answer.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Api;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Connection refused, DNS failure, timeout: the request never got an HTTP status.
 */
final class NetworkException extends \RuntimeException {
}
