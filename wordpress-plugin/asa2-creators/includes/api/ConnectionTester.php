<?php
/**
 * "Test connection" for one configured marketplace.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Api;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Clock;
use Asa2\Creators\Products\ApiRouter;
use Asa2\Creators\Products\QuotaLedger;
use Asa2\Creators\Storage\MarketplaceRepository;
use Asa2\Creators\Storage\SecretStore;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Gets a fresh token, then makes one harmless GetItems call. The outcome is stored on the
 * marketplace's record (`last_test`); stored settings are never changed by a failed call.
 */
final class ConnectionTester {

	/** ASIN of the test lookup. An item-level answer ("not found") still proves the connection. */
	public const SAMPLE_ASIN = 'B0DHS2V7ZB';

	/** @var MarketplaceRepository */
	private MarketplaceRepository $repository;

	/** @var SecretStore */
	private SecretStore $secrets;

	/** @var TokenProvider */
	private TokenProvider $tokens;

	/** @var CreatorsClient */
	private CreatorsClient $client;

	/** @var QuotaLedger */
	private QuotaLedger $ledger;

	/**
	 * @param MarketplaceRepository $repository Marketplaces.
	 * @param SecretStore           $secrets    Opens the credential secret.
	 * @param TokenProvider         $tokens     Token provider.
	 * @param CreatorsClient        $client     API client.
	 * @param QuotaLedger           $ledger     Counts the test lookup in the credential's day.
	 */
	public function __construct( MarketplaceRepository $repository, SecretStore $secrets, TokenProvider $tokens, CreatorsClient $client, QuotaLedger $ledger ) {
		$this->ledger     = $ledger;
		$this->repository = $repository;
		$this->secrets    = $secrets;
		$this->tokens     = $tokens;
		$this->client     = $client;
	}

	/**
	 * Tests one marketplace and stores the result on its record.
	 *
	 * @param string $code Marketplace code.
	 * @return array{time: int, ok: bool, message: string, api_version: string, error_code: string, hint: string, kind: string}|null
	 *   Null when the marketplace is not configured.
	 */
	public function test( string $code ): ?array {
		$record = $this->repository->get( $code );
		if ( null === $record ) {
			return null;
		}
		$result = $this->run( $record );
		$this->repository->record_test( $code, $result );
		return $result;
	}

	/**
	 * Runs the test without storing anything.
	 *
	 * @param array $record Stored record.
	 * @return array
	 */
	private function run( array $record ): array {
		$result = array(
			'time'        => Clock::now(),
			'ok'          => false,
			'message'     => '',
			'api_version' => $record['api_version'],
			'error_code'  => '',
			'hint'        => '',
			'kind'        => $record['kind'],
		);
		$config = MarketplaceRepository::config_of( $record );
		try {
			$config['credential_secret'] = $this->secrets->open( $record['credential_secret'], $record['marketplace'], MarketplaceRepository::SECRET_FIELD );
		} catch ( \Asa2\Exception $e ) {
			$result['error_code'] = 'secret_unreadable';
			$result['message']    = __( 'The stored Credential Secret can no longer be decrypted, usually because the site\'s security keys (salts) or ASA2_SECRET_KEY changed. Edit the marketplace and enter the Credential Secret again.', 'asa2-creators' );
			return $result;
		}

		try {
			$this->tokens->token( $config, true );
			$this->ledger->count( ApiRouter::creators_credential( (string) $record['credential_id'] ) );
			$answer = $this->client->call( 'GetItems', $config, array( 'asins' => array( self::SAMPLE_ASIN ) ) );
		} catch ( \Asa2\NotEligibleException $e ) {
			$result['error_code'] = $e->getErrorCode();
			$result['message']    = __( 'Your credentials work, but Amazon says this Associates account is not eligible for the Creators API yet. Amazon opens API access once the account has made qualifying sales (10 in the last 30 days); until then, product data can come from PA-API 5.0 where available.', 'asa2-creators' );
			$result['hint']       = CoreMessages::exception( $e );
			return $result;
		} catch ( \Asa2\AuthException $e ) {
			$result['error_code'] = $e->getErrorCode();
			$result['message']    = CoreMessages::exception( $e );
			$result['hint']       = CoreMessages::hint( $e );
			if ( '' === $result['hint'] && 'invalid_client' === $e->getErrorCode() && CredentialKind::Cognito === CredentialKind::of( $record ) ) {
				$result['hint'] = __( 'Your credentials may be LWA (v3) type. Try editing the marketplace and switching the Credential Type to LWA (v3).', 'asa2-creators' );
			}
			return $result;
		} catch ( \Asa2\ThrottledException $e ) {
			$result['error_code'] = $e->getErrorCode();
			$result['message']    = __( 'Amazon is limiting the number of requests for these credentials right now (throttled). Wait a minute and test again.', 'asa2-creators' );
			return $result;
		} catch ( \Asa2\ApiException $e ) {
			if ( 'ResourceNotFoundException' === $e->getErrorCode() ) {
				// The token worked and the API answered; only the sample item is missing in this store.
				$result['ok']      = true;
				$result['message'] = __( 'Connected: Amazon issued an access token and answered the test lookup (the sample item is not sold in this store).', 'asa2-creators' );
				return $result;
			}
			$result['error_code'] = $e->getErrorCode();
			$result['message']    = CoreMessages::exception( $e );
			return $result;
		} catch ( NetworkException $e ) {
			$result['error_code'] = 'network';
			$result['message']    = sprintf(
				/* translators: %s: error reported by the HTTP library, e.g. "Connection refused" */
				__( 'Amazon could not be reached: %s. Check that this server may make outgoing HTTPS connections, then test again. Your settings are unchanged.', 'asa2-creators' ),
				$e->getMessage()
			);
			return $result;
		} catch ( \Asa2\Exception $e ) {
			$result['error_code'] = 'error';
			$result['message']    = CoreMessages::exception( $e );
			return $result;
		}

		$result['ok'] = true;
		if ( ! empty( $answer['items'] ) ) {
			$result['message'] = __( 'Connected: Amazon issued an access token and answered a product lookup.', 'asa2-creators' );
		} else {
			$first             = $answer['errors'][0] ?? array();
			$result['message'] = sprintf(
				/* translators: %s: Amazon's item-level error code, e.g. "ItemNotAccessible" */
				__( 'Connected: Amazon issued an access token and answered the test lookup (item-level answer: %s).', 'asa2-creators' ),
				(string) ( $first['code'] ?? __( 'no items', 'asa2-creators' ) )
			);
		}
		return $result;
	}
}
