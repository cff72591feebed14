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
use Asa2\Creators\Storage\QuotaSettings;
use Asa2\RetryPolicy;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Sends one operation through the API of an ApiRouter route (CreatorsClient or PaApiClient),
 * each call spaced to the credential's rate (RateLimiter, at the credential's requests per second
 * of ASA2 -> Options -> Products), counted in the credential's requests of the day (QuotaLedger)
 * and retried with Asa2\RetryPolicy while the total back-off allows.
 *
 * A call within the quota (the background refresh) goes out only while the day's count is below
 * the credential's requests per day; other calls (a person adding or searching products) are
 * counted and go out. Amazon's quota answer (QuotaExceeded) lowers the credential's plan for the
 * rest of the UTC day and is not retried.
 */
final class RetryingCaller {

	/** Longest total back-off for one call, in milliseconds. */
	private const MAX_BACKOFF_MS = 20000;

	/** @var QuotaSettings */
	private QuotaSettings $settings;

	/** @var QuotaLedger */
	private QuotaLedger $ledger;

	/** @var RateLimiter */
	private RateLimiter $limiter;

	/** @var CreatorsClient */
	private CreatorsClient $creators;

	/** @var PaApiClient */
	private PaApiClient $paapi;

	/**
	 * @param QuotaSettings  $settings The requests per second and per day per credential.
	 * @param QuotaLedger    $ledger   The requests of the day per credential.
	 * @param RateLimiter    $limiter  Spaces the calls per credential.
	 * @param CreatorsClient $creators Creators API calls.
	 * @param PaApiClient    $paapi    PA-API 5.0 calls.
	 */
	public function __construct( QuotaSettings $settings, QuotaLedger $ledger, RateLimiter $limiter, CreatorsClient $creators, PaApiClient $paapi ) {
		$this->settings = $settings;
		$this->ledger   = $ledger;
		$this->limiter  = $limiter;
		$this->creators = $creators;
		$this->paapi    = $paapi;
	}

	/**
	 * One operation through the route's API, spaced to the credential's rate and retried with
	 * Asa2\RetryPolicy when throttled (Retry-After wins) or when Amazon had a passing failure.
	 *
	 * @param array  $route        ApiRouter::route().
	 * @param string $operation    Operation.
	 * @param array  $params       Parameters.
	 * @param bool   $within_quota Only while the credential has requests left today.
	 * @return array{items: list<array>, errors: list<array>}
	 * @throws QuotaExhaustedException When $within_quota and the day's requests are used up, or
	 *                                 when Amazon answered with its quota code.
	 * @throws \Throwable The last failure when retries are exhausted or not allowed.
	 */
	public function call( array $route, string $operation, array $params, bool $within_quota = false ): array {
		$credential = (string) $route['credential'];
		$quota      = $this->settings->of( $credential );
		$attempt    = 0;
		$waited     = 0;
		$wait       = fn() => $this->limiter->wait_turn( $credential, $quota['rps'] );
		while ( true ) {
			if ( ! $within_quota ) {
				$this->ledger->count( $credential );
			} elseif ( ! $this->ledger->take( $credential, $this->ledger->limit( $credential, $quota['rpd'] ) ) ) {
				throw new QuotaExhaustedException( $credential, self::used_up_message() );
			}
			try {
				if ( AmazonApi::Creators === $route['api'] ) {
					// The slot is taken once the token is in hand (see CreatorsClient::call).
					return $this->creators->call( $operation, $route['config'], $params, $wait );
				}
				$wait();
				return $this->paapi->call( $operation, $route['credentials'], $params );
			} catch ( \Asa2\ThrottledException $e ) {
				if ( QuotaLedger::QUOTA_CODE === $e->getErrorCode() ) {
					$this->ledger->lower( $credential );
					throw new QuotaExhaustedException( $credential, self::amazon_quota_message() );
				}
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

	/**
	 * The refresh reached the credential's requests per day.
	 *
	 * @return string
	 */
	public static function used_up_message(): string {
		return __( 'The requests per day of these credentials are used up (ASA2 → Options → Products). The products are refreshed after 00:00 UTC; raise Requests per Day there if Amazon allows your account more.', 'asa2-creators' );
	}

	/**
	 * Amazon answered with its quota code.
	 *
	 * @return string
	 */
	public static function amazon_quota_message(): string {
		return __( 'Amazon says the daily request quota of these credentials is used up (QuotaExceeded). ASA2 makes no more requests with them until 00:00 UTC; set Requests per Day in ASA2 → Options → Products to what Amazon allows your account.', 'asa2-creators' );
	}
}
