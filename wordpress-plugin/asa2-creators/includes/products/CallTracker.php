<?php
/**
 * The last token and API call per marketplace (for Site Health).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Products;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Listens to asa2/remote_call (every call to Amazon, logged or not; already redacted) and keeps
 * the last token request and the last API call of each marketplace.
 */
final class CallTracker {

	/** Option name. */
	public const OPTION = 'asa2_last_calls';

	/**
	 * Records one call.
	 *
	 * @param array $row The redacted log row.
	 */
	public function record( array $row ): void {
		$code = (string) ( $row['marketplace'] ?? '' );
		if ( '' === $code ) {
			return;
		}
		$kind  = 'token' === ( $row['operation'] ?? '' ) ? 'token' : 'api';
		$calls = $this->all();
		$calls[ $code ][ $kind ] = array(
			'time'        => (int) ( $row['logged_at'] ?? 0 ),
			'api'         => (string) ( $row['api'] ?? '' ),
			'operation'   => (string) ( $row['operation'] ?? '' ),
			'api_version' => (string) ( $row['api_version'] ?? '' ),
			'http_status' => (int) ( $row['http_status'] ?? 0 ),
			'outcome'     => (string) ( $row['outcome'] ?? '' ),
			'message'     => mb_substr( (string) ( $row['message'] ?? '' ), 0, 300 ),
		);
		update_option( self::OPTION, $calls, false );
	}

	/**
	 * Last calls by marketplace.
	 *
	 * @return array<string, array{token?: array, api?: array}>
	 */
	public function all(): array {
		$stored = get_option( self::OPTION, array() );
		return is_array( $stored ) ? $stored : array();
	}
}
