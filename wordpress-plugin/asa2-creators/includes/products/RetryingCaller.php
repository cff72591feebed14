<?php
/**
 * Calls Amazon for a route, spaced to the credential's rate and retried.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Products;

use Asa2\Creators\Api\AmazonApi;
use Asa2\Creators\Api\CreatorsClient;
use Asa2\Creators\Api\NetworkException;
use Asa2\Creators\Api\PaApiClient;
use Asa2\Creators\Storage\ProductSettings;
use Asa2\RetryPolicy;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Sends one operation through the API of an ApiRouter route (CreatorsClient or PaApiClient),
 * each call spaced to the credential's rate (RateLimiter, at the rate of ASA2 -> Options ->
 * Products) and retried with Asa2\RetryPolicy while the total back-off allows.
 */
final class RetryingCaller {

	/** Longest total back-off for one call, in milliseconds. */
	private const MAX_BACKOFF_MS = 20000;

	/** @var ProductSettings */
	private ProductSettings $settings;

	/** @var RateLimiter */
	private RateLimiter $limiter;

	/** @var CreatorsClient */
	private CreatorsClient $creators;

	/** @var PaApiClient */
	private PaApiClient $paapi;

	/**
	 * @param ProductSettings $settings The requests per second per credential.
	 * @param RateLimiter     $limiter  Spaces the calls per credential.
	 * @param CreatorsClient  $creators Creators API calls.
	 * @param PaApiClient     $paapi    PA-API 5.0 calls.
	 */
	public function __construct( ProductSettings $settings, RateLimiter $limiter, CreatorsClient $creators, PaApiClient $paapi ) {
		$this->settings = $settings;
		$this->limiter  = $limiter;
		$this->creators = $creators;
		$this->paapi    = $paapi;
	}

	/**
	 * One operation through the route's API, spaced to the credential's rate and retried with
	 * Asa2\RetryPolicy when throttled (Retry-After wins) or when Amazon had a passing failure.
	 *
	 * @param array  $route     ApiRouter::route().
	 * @param string $operation Operation.
	 * @param array  $params    Parameters.
	 * @return array{items: list<array>, errors: list<array>}
	 * @throws \Throwable The last failure when retries are exhausted or not allowed.
	 */
	public function call( array $route, string $operation, array $params ): array {
		$rate    = $this->settings->get()['requests_per_second'];
		$attempt = 0;
		$waited  = 0;
		$wait = fn() => $this->limiter->wait_turn( $route['credential'], $rate );
		while ( true ) {
			try {
				if ( AmazonApi::Creators === $route['api'] ) {
					// The slot is taken once the token is in hand (see CreatorsClient::call).
					return $this->creators->call( $operation, $route['config'], $params, $wait );
				}
				$wait();
				return $this->paapi->call( $operation, $route['credentials'], $params );
			} catch ( \Asa2\ThrottledException $e ) {
				$kind        = 'throttled';
				$retry_after = $e->getRetryAfter();
				$last        = $e;
			} catch ( \Asa2\ApiException $e ) {
				$kind = (string) $e->getRetryKind();
				if ( ! in_array( $kind, array( 'server', 'timeout' ), true ) ) {
					throw $e;
				}
				$retry_after = null;
				$last        = $e;
			} catch ( NetworkException $e ) {
				$kind        = 'network';
				$retry_after = null;
				$last        = $e;
			}
			++$attempt;
			$delay = RetryPolicy::delay( $kind, $attempt, wp_rand( 0, 999 ) / 1000, $retry_after );
			if ( null === $delay || $waited + $delay > self::MAX_BACKOFF_MS ) {
				throw $last;
			}
			$waited += $delay;
			usleep( $delay * 1000 );
		}
	}
}
