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
 * Builds requests with Asa2\CreatorsApi::request and has them sent, parsed with
 * Asa2\CreatorsApi::parse and logged (LoggedRequests); a rejected cached token is replaced once.
 */
class CreatorsClient {

	/** @var LoggedRequests */
	private LoggedRequests $requests;

	/** @var TokenProvider */
	private TokenProvider $tokens;

	/**
	 * @param LoggedRequests $requests Sends, parses and logs the calls.
	 * @param TokenProvider  $tokens   Access tokens.
	 */
	public function __construct( LoggedRequests $requests, TokenProvider $tokens ) {
		$this->requests = $requests;
		$this->tokens   = $tokens;
	}

	/**
	 * Runs one operation; batches (GetItems with more than 10 ASINs) are merged.
	 *
	 * @param string        $operation "GetItems", "SearchItems", "GetVariations" or "GetBrowseNodes".
	 * @param array         $config    Marketplace configuration with the opened secret.
	 * @param array         $params    Operation parameters (see Asa2\CreatorsApi::request).
	 * @param callable|null $ready     Called with the token in hand, right before the request goes
	 *                                 out (RetryingCaller waits there for the credential's rate
	 *                                 slot, so that waiting for a token never squeezes two calls
	 *                                 together).
	 * @return array{items: list<array>, errors: list<array>}
	 * @throws \Asa2\Exception|NetworkException On failure.
	 */
	public function call( string $operation, array $config, array $params, ?callable $ready = null ): array {
		try {
			return $this->attempt( $operation, $config, $params, false, $ready );
		} catch ( \Asa2\AuthException $e ) {
			if ( 'token' !== $e->getRetryKind() ) {
				throw $e;
			}
			// The cached token was rejected (expired or revoked): fetch a new one once.
			$this->tokens->forget( $config );
			return $this->attempt( $operation, $config, $params, true, $ready );
		}
	}

	/**
	 * One pass over every request of the operation.
	 *
	 * @param string        $operation Operation.
	 * @param array         $config    Configuration.
	 * @param array         $params    Parameters.
	 * @param bool          $fresh     Whether to skip the token cache.
	 * @param callable|null $ready     See call().
	 * @return array
	 */
	private function attempt( string $operation, array $config, array $params, bool $fresh, ?callable $ready ): array {
		$token = $this->tokens->token( $config, $fresh );
		if ( null !== $ready ) {
			$ready();
		}
		return $this->requests->send_batches(
			CreatorsApi::request( $operation, $config, $token, $params, ApiBase::get() ),
			array(
				'marketplace' => (string) $config['marketplace'],
				'api'         => AmazonApi::Creators->value,
				'operation'   => $operation,
				'api_version' => (string) $config['api_version'],
			),
			static fn( array $response ): array => CreatorsApi::parse( $operation, $config, $response['status'], $response['headers'], $response['body'], Clock::now() ),
			array( $token, (string) $config['credential_secret'], (string) $config['credential_id'] ),
			array( (string) $config['partner_tag'] )
		);
	}
}
