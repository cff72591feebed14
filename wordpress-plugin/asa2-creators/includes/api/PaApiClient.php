<?php
/**
 * PA-API 5.0 operations through the extension.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Api;

use Asa2\Creators\Clock;
use Asa2\PaApi;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Builds signed requests with Asa2\PaApi::request, sends them, parses them with
 * Asa2\PaApi::parse and logs each call. The fallback for marketplaces without Creators API
 * credentials.
 */
class PaApiClient {

	/** @var HttpClient */
	private HttpClient $http;

	/** @var CallLog */
	private CallLog $log;

	/**
	 * @param HttpClient $http HTTP client.
	 * @param CallLog    $log  Call log.
	 */
	public function __construct( HttpClient $http, CallLog $log ) {
		$this->http = $http;
		$this->log  = $log;
	}

	/**
	 * Runs one operation; batches are merged.
	 *
	 * @param string $operation   "GetItems", "SearchItems", "GetVariations" or "GetBrowseNodes".
	 * @param array  $credentials {access_key, secret_key (opened), partner_tag, marketplace}.
	 * @param array  $params      Operation parameters (as for Asa2\CreatorsApi::request).
	 * @return array{items: list<array>, errors: list<array>}
	 * @throws \Asa2\Exception|NetworkException On failure.
	 */
	public function call( string $operation, array $credentials, array $params ): array {
		$requests = PaApi::request( $operation, $credentials, $params, Clock::now(), ApiBase::get() );
		$merged   = array(
			'items'  => array(),
			'errors' => array(),
		);
		$secrets  = array( (string) $credentials['secret_key'], (string) $credentials['access_key'] );
		$tags     = array( (string) $credentials['partner_tag'] );
		foreach ( $requests as $request ) {
			$entry = array(
				'marketplace' => (string) $credentials['marketplace'],
				'api'         => 'paapi',
				'operation'   => $operation,
				'api_version' => '5.0',
			);
			try {
				$response = $this->http->send( $request );
			} catch ( NetworkException $e ) {
				$this->log->record( $entry + array( 'outcome' => 'network_error', 'level' => 'error', 'message' => $e->getMessage() ), $secrets, $tags );
				throw $e;
			}
			$entry += array(
				'http_status' => $response['status'],
				'duration_ms' => $response['duration_ms'],
			);
			try {
				$parsed = PaApi::parse( $operation, (string) $credentials['marketplace'], $response['status'], $response['headers'], $response['body'], Clock::now() );
			} catch ( \Asa2\ApiException $e ) {
				$this->log->record( $entry + array( 'outcome' => 'error', 'level' => 'error', 'message' => $e->getErrorCode() . ': ' . $e->getMessage() ), $secrets, $tags );
				throw $e;
			}
			$item_errors = $parsed['errors'] ?? array();
			$summary     = sprintf( '%d item(s)', count( $parsed['items'] ?? array() ) );
			foreach ( $item_errors as $error ) {
				$summary .= sprintf( '; %s%s: %s', (string) ( $error['code'] ?? '' ), isset( $error['asin'] ) ? ' (' . $error['asin'] . ')' : '', (string) ( $error['message'] ?? '' ) );
			}
			$this->log->record(
				$entry + array(
					'outcome' => $item_errors ? 'partial' : 'ok',
					'level'   => $item_errors ? 'warning' : 'info',
					'message' => $summary,
				),
				$secrets,
				$tags
			);
			$merged['items']  = array_merge( $merged['items'], $parsed['items'] ?? array() );
			$merged['errors'] = array_merge( $merged['errors'], $item_errors );
			foreach ( $parsed as $key => $value ) {
				if ( 'items' !== $key && 'errors' !== $key ) {
					$merged[ $key ] = $value;
				}
			}
		}
		return $merged;
	}
}
