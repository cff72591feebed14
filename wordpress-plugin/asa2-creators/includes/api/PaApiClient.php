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
 * Builds signed requests with Asa2\PaApi::request and has them sent, parsed with
 * Asa2\PaApi::parse and logged (LoggedRequests). The fallback for marketplaces without
 * Creators API credentials.
 */
class PaApiClient {

	/** @var LoggedRequests */
	private LoggedRequests $requests;

	/**
	 * @param LoggedRequests $requests Sends, parses and logs the calls.
	 */
	public function __construct( LoggedRequests $requests ) {
		$this->requests = $requests;
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
		$marketplace = (string) $credentials['marketplace'];
		return $this->requests->send_batches(
			PaApi::request( $operation, $credentials, $params, Clock::now(), ApiBase::get() ),
			array(
				'marketplace' => $marketplace,
				'api'         => AmazonApi::PaApi->value,
				'operation'   => $operation,
				'api_version' => '5.0',
			),
			static fn( array $response ): array => PaApi::parse( $operation, $marketplace, $response['status'], $response['headers'], $response['body'], Clock::now() ),
			array( (string) $credentials['secret_key'], (string) $credentials['access_key'] ),
			array( (string) $credentials['partner_tag'] )
		);
	}
}
