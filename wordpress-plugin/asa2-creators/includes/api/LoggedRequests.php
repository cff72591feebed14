<?php
/**
 * Sends the extension's requests, parses the answers and logs every call.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Api;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The one path of a remote call: send (HttpClient), log a network error, parse (the
 * extension's parser), log an API error, log the outcome. Token calls, Creators API calls and
 * PA-API calls all go through here; item operations, sent as one request per batch, have their
 * answers merged.
 */
final class LoggedRequests {

	/** @var HttpClient */
	private HttpClient $http;

	/** @var CallLog */
	private CallLog $log;

	/**
	 * @param HttpClient $http Sends the requests.
	 * @param CallLog    $log  Records each call.
	 */
	public function __construct( HttpClient $http, CallLog $log ) {
		$this->http = $http;
		$this->log  = $log;
	}

	/**
	 * Sends one request, parses its answer and logs the call.
	 *
	 * @param array{method: string, url: string, headers: array<string, string>, body: string} $request From the extension.
	 * @param array{marketplace: string, api: string, operation: string, api_version: string} $entry The call's log fields.
	 * @param callable(array): array $parse    Takes the response {status, headers, body, duration_ms}
	 *                                         and returns the parsed answer; throws \Asa2\ApiException.
	 * @param callable(array): array $describe Takes the parsed answer and returns its log outcome
	 *                                         {outcome, level, message}, with `redact`: more strings
	 *                                         the message must not show (e.g. a token just received).
	 * @param list<string>           $secrets  Strings the log must not show (secrets, tokens, IDs).
	 * @param list<string>           $tags     Partner tags, logged masked.
	 * @return array The parsed answer.
	 * @throws \Asa2\Exception|NetworkException On failure (logged).
	 */
	public function send( array $request, array $entry, callable $parse, callable $describe, array $secrets, array $tags ): array {
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
			$parsed = $parse( $response );
		} catch ( \Asa2\ApiException $e ) {
			$this->log->record( $entry + array( 'outcome' => 'error', 'level' => 'error', 'message' => $e->getErrorCode() . ': ' . $e->getMessage() ), $secrets, $tags );
			throw $e;
		}
		$outcome = $describe( $parsed );
		$this->log->record(
			$entry + array(
				'outcome' => $outcome['outcome'],
				'level'   => $outcome['level'],
				'message' => $outcome['message'],
			),
			array_merge( $secrets, $outcome['redact'] ?? array() ),
			$tags
		);
		return $parsed;
	}

	/**
	 * Sends the requests of one item operation (one per batch), each parsed and logged with a
	 * summary of its items and item errors, and merges the answers.
	 *
	 * @param list<array>            $requests From the extension.
	 * @param array                  $entry    The calls' log fields, as for send().
	 * @param callable(array): array $parse    As for send(); returns {items, errors, ...}.
	 * @param list<string>           $secrets  As for send().
	 * @param list<string>           $tags     As for send().
	 * @return array{items: list<array>, errors: list<array>} Items and errors of every answer; any
	 *   other key as the last answer has it.
	 * @throws \Asa2\Exception|NetworkException On the first failure (logged).
	 */
	public function send_batches( array $requests, array $entry, callable $parse, array $secrets, array $tags ): array {
		$merged = array(
			'items'  => array(),
			'errors' => array(),
		);
		foreach ( $requests as $request ) {
			$parsed           = $this->send( $request, $entry, $parse, static fn( array $answer ): array => self::item_outcome( $answer ), $secrets, $tags );
			$merged['items']  = array_merge( $merged['items'], $parsed['items'] ?? array() );
			$merged['errors'] = array_merge( $merged['errors'], $parsed['errors'] ?? array() );
			foreach ( $parsed as $key => $value ) {
				if ( 'items' !== $key && 'errors' !== $key ) {
					$merged[ $key ] = $value;
				}
			}
		}
		return $merged;
	}

	/**
	 * The log outcome of an item operation's answer: ok, or partial with its item errors.
	 *
	 * @param array $parsed Parsed answer.
	 * @return array{outcome: string, level: string, message: string}
	 */
	private static function item_outcome( array $parsed ): array {
		$item_errors = $parsed['errors'] ?? array();
		$summary     = sprintf( '%d item(s)', count( $parsed['items'] ?? array() ) );
		foreach ( $item_errors as $error ) {
			$summary .= sprintf( '; %s%s: %s', (string) ( $error['code'] ?? '' ), isset( $error['asin'] ) ? ' (' . $error['asin'] . ')' : '', (string) ( $error['message'] ?? '' ) );
		}
		return array(
			'outcome' => $item_errors ? 'partial' : 'ok',
			'level'   => $item_errors ? 'warning' : 'info',
			'message' => $summary,
		);
	}
}
