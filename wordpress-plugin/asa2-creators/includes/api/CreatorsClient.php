<?php
/**
 * Creators API operations through the extension.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Api;

use Asa2\Creators\Clock;
use Asa2\CreatorsApi;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Builds requests with Asa2\CreatorsApi::request, sends them, parses them with
 * Asa2\CreatorsApi::parse and logs each call.
 */
class CreatorsClient {

	/** @var HttpClient */
	private HttpClient $http;

	/** @var TokenProvider */
	private TokenProvider $tokens;

	/** @var CallLog */
	private CallLog $log;

	/**
	 * @param HttpClient    $http   HTTP client.
	 * @param TokenProvider $tokens Token provider.
	 * @param CallLog       $log    Call log.
	 */
	public function __construct( HttpClient $http, TokenProvider $tokens, CallLog $log ) {
		$this->http   = $http;
		$this->tokens = $tokens;
		$this->log    = $log;
	}

	/**
	 * Runs one operation; batches (GetItems with more than 10 ASINs) are merged.
	 *
	 * @param string $operation "GetItems", "SearchItems", "GetVariations" or "GetBrowseNodes".
	 * @param array  $config    Marketplace configuration with the opened secret.
	 * @param array  $params    Operation parameters (see Asa2\CreatorsApi::request).
	 * @return array{items: list<array>, errors: list<array>}
	 * @throws \Asa2\Exception|NetworkException On failure.
	 */
	public function call( string $operation, array $config, array $params ): array {
		try {
			return $this->attempt( $operation, $config, $params, false );
		} catch ( \Asa2\AuthException $e ) {
			if ( 'token' !== $e->getRetryKind() ) {
				throw $e;
			}
			// The cached token was rejected (expired or revoked): fetch a new one once.
			$this->tokens->forget( $config );
			return $this->attempt( $operation, $config, $params, true );
		}
	}

	/**
	 * One pass over every request of the operation.
	 *
	 * @param string $operation Operation.
	 * @param array  $config    Configuration.
	 * @param array  $params    Parameters.
	 * @param bool   $fresh     Whether to skip the token cache.
	 * @return array
	 */
	private function attempt( string $operation, array $config, array $params, bool $fresh ): array {
		$token    = $this->tokens->token( $config, $fresh );
		$requests = CreatorsApi::request( $operation, $config, $token, $params, ApiBase::get() );
		$merged   = array(
			'items'  => array(),
			'errors' => array(),
		);
		$secrets  = array( $token, (string) $config['credential_secret'], (string) $config['credential_id'] );
		$tags     = array( (string) $config['partner_tag'] );
		foreach ( $requests as $request ) {
			$entry = array(
				'marketplace' => (string) $config['marketplace'],
				'api'         => 'creators',
				'operation'   => $operation,
				'api_version' => (string) $config['api_version'],
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
				$parsed = CreatorsApi::parse( $operation, $config, $response['status'], $response['headers'], $response['body'], Clock::now() );
			} catch ( \Asa2\ApiException $e ) {
				$this->log->record( $entry + array( 'outcome' => 'error', 'level' => 'error', 'message' => $e->getErrorCode() . ': ' . $e->getMessage() ), $secrets, $tags );
				throw $e;
			}
			$item_errors = $parsed['errors'] ?? array();
			$this->log->record(
				$entry + array(
					'outcome' => $item_errors ? 'partial' : 'ok',
					'level'   => $item_errors ? 'warning' : 'info',
					'message' => $this->summary( $parsed ),
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

	/**
	 * One-line summary of a parsed answer for the log.
	 *
	 * @param array $parsed Parsed answer.
	 * @return string
	 */
	private function summary( array $parsed ): string {
		$summary = sprintf( '%d item(s)', count( $parsed['items'] ?? array() ) );
		foreach ( $parsed['errors'] ?? array() as $error ) {
			$summary .= sprintf( '; %s%s: %s', (string) ( $error['code'] ?? '' ), isset( $error['asin'] ) ? ' (' . $error['asin'] . ')' : '', (string) ( $error['message'] ?? '' ) );
		}
		return $summary;
	}
}
