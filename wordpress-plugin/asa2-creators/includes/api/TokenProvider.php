<?php
/**
 * Creators API access tokens with a transient cache.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Api;

use Asa2\Creators\Clock;
use Asa2\Creators\Storage\SecretStore;
use Asa2\Token;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Fetches a token through the extension (Asa2\Token::request/parse) and caches it, sealed, in
 * a transient named after Asa2\Token::cacheKey so every PHP worker shares it.
 */
class TokenProvider {

	/** Prefix of the cache transients (uninstall removes everything under "asa2_"). */
	public const TRANSIENT_PREFIX = 'asa2_token_';

	/** @var HttpClient */
	private HttpClient $http;

	/** @var CallLog */
	private CallLog $log;

	/** @var SecretStore */
	private SecretStore $secrets;

	/**
	 * @param HttpClient  $http    HTTP client.
	 * @param CallLog     $log     Call log.
	 * @param SecretStore $secrets Seals the cached token.
	 */
	public function __construct( HttpClient $http, CallLog $log, SecretStore $secrets ) {
		$this->http    = $http;
		$this->log     = $log;
		$this->secrets = $secrets;
	}

	/**
	 * An access token for a marketplace configuration (secret in plain text).
	 *
	 * @param array $config Marketplace configuration with the opened secret.
	 * @param bool  $fresh  Skip the cache (connection tests).
	 * @return string
	 * @throws \Asa2\Exception|NetworkException When no token could be obtained.
	 */
	public function token( array $config, bool $fresh = false ): string {
		$cache_key = Token::cacheKey( $config );
		$transient = $this->transient_name( $cache_key );
		if ( ! $fresh ) {
			$cached = $this->cached( $transient, $cache_key );
			if ( null !== $cached ) {
				return $cached;
			}
		}
		$token = $this->fetch( $config );
		try {
			$sealed = $this->secrets->seal( $token['access_token'], 'token', $cache_key );
			set_transient(
				$transient,
				array(
					'token'      => $sealed,
					'expires_at' => $token['expires_at'],
				),
				max( 60, $token['expires_at'] - Clock::now() )
			);
		} catch ( \Asa2\Exception $e ) {
			// Without usable key material the token is simply not cached.
			unset( $e );
		}
		return $token['access_token'];
	}

	/**
	 * Drops the cached token of a configuration (after Amazon rejected it).
	 *
	 * @param array $config Marketplace configuration.
	 */
	public function forget( array $config ): void {
		delete_transient( $this->transient_name( Token::cacheKey( $config ) ) );
	}

	/**
	 * The cached token when it is still fresh.
	 *
	 * @param string $transient Transient name.
	 * @param string $cache_key Token cache key.
	 * @return string|null
	 */
	private function cached( string $transient, string $cache_key ): ?string {
		$cached = get_transient( $transient );
		if ( ! is_array( $cached ) || ! isset( $cached['token'], $cached['expires_at'] ) ) {
			return null;
		}
		if ( Token::needsRefresh( (int) $cached['expires_at'], Clock::now() ) ) {
			return null;
		}
		try {
			return $this->secrets->open( (string) $cached['token'], 'token', $cache_key );
		} catch ( \Asa2\Exception $e ) {
			return null;
		}
	}

	/**
	 * Asks the token endpoint and logs the call.
	 *
	 * @param array $config Configuration.
	 * @return array{access_token: string, token_type: string, expires_at: int}
	 * @throws \Asa2\Exception|NetworkException On failure.
	 */
	private function fetch( array $config ): array {
		$request = Token::request( $config, ApiBase::get() );
		$entry   = array(
			'marketplace' => (string) $config['marketplace'],
			'api'         => 'creators',
			'operation'   => 'token',
			'api_version' => (string) $config['api_version'],
		);
		$secrets = array( (string) $config['credential_secret'], (string) $config['credential_id'] );
		$tags    = array( (string) $config['partner_tag'] );
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
			$token = Token::parse( $config, $response['status'], $response['headers'], $response['body'], Clock::now() );
		} catch ( \Asa2\ApiException $e ) {
			$this->log->record( $entry + array( 'outcome' => 'error', 'level' => 'error', 'message' => $e->getErrorCode() . ': ' . $e->getMessage() ), $secrets, $tags );
			throw $e;
		}
		$secrets[] = $token['access_token'];
		$this->log->record(
			$entry + array(
				'outcome' => 'ok',
				'level'   => 'info',
				'message' => sprintf( 'Token received, valid until %s UTC.', gmdate( 'Y-m-d H:i:s', $token['expires_at'] ) ),
			),
			$secrets,
			$tags
		);
		return $token;
	}

	/**
	 * Transient name for a token cache key.
	 *
	 * @param string $cache_key Asa2\Token::cacheKey().
	 * @return string
	 */
	private function transient_name( string $cache_key ): string {
		$name = self::TRANSIENT_PREFIX . $cache_key;
		return strlen( $name ) <= 160 ? $name : self::TRANSIENT_PREFIX . md5( $cache_key );
	}
}
