<?php
/**
 * Sends the requests the extension builds, with the WordPress HTTP API.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Api;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Turns `{method, url, headers, body}` into a wp_remote_request() call and returns
 * `{status, headers, body, duration_ms}` for the extension's parsers.
 */
final class HttpClient {

	/** Default timeout in seconds. */
	public const TIMEOUT = 15;

	/**
	 * Sends one request.
	 *
	 * @param array{method: string, url: string, headers: array<string, string>, body: string} $request From the extension.
	 * @return array{status: int, headers: array<string, string>, body: string, duration_ms: int}
	 * @throws NetworkException When no HTTP answer arrived.
	 */
	public function send( array $request ): array {
		/**
		 * Filters the timeout of calls to Amazon, in seconds.
		 *
		 * @param int   $timeout Seconds.
		 * @param array $request The request (never log it: it holds credentials or tokens).
		 */
		$timeout = (int) apply_filters( 'asa2/http_timeout', self::TIMEOUT, $request );
		$start   = microtime( true );
		$result  = wp_remote_request(
			(string) $request['url'],
			array(
				'method'      => (string) $request['method'],
				'headers'     => (array) $request['headers'],
				'body'        => (string) $request['body'],
				'timeout'     => max( 1, $timeout ),
				'redirection' => 0,
				'user-agent'  => 'asa2-creators/' . \Asa2\Creators\Plugin::VERSION . '; ' . home_url( '/' ),
			)
		);
		$duration = (int) round( ( microtime( true ) - $start ) * 1000 );
		if ( is_wp_error( $result ) ) {
			throw new NetworkException( $result->get_error_message(), 0 );
		}
		$headers = array();
		foreach ( wp_remote_retrieve_headers( $result ) as $name => $value ) {
			$headers[ strtolower( (string) $name ) ] = is_array( $value ) ? implode( ', ', $value ) : (string) $value;
		}
		return array(
			'status'      => (int) wp_remote_retrieve_response_code( $result ),
			'headers'     => $headers,
			'body'        => (string) wp_remote_retrieve_body( $result ),
			'duration_ms' => $duration,
		);
	}
}
