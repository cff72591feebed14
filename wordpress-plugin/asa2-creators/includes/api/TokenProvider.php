<?php
/**
 * Creators API access tokens, cached in the database for every worker of every web server.
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
 * Fetches a token through the extension (Asa2\Token::request/parse) and caches it, sealed, in an
 * options row named after Asa2\Token::cacheKey so every PHP worker of every web server shares it.
 * Exactly one worker at a time refreshes a credential's token (SharedLock); the others wait for
 * it or keep using the old token while it is still valid.
 *
 * The row is read and written with direct queries, never through the object cache: a token
 * kept in a persistent object cache (as transients are) is lost whenever the cache is flushed
 * or restarted, and while the cache is unreachable no two workers would share it. A token is
 * needed only for a call to Amazon, next to which the query costs nothing.
 */
class TokenProvider {

	/** Prefix of the cache rows in the options table (uninstall removes them). */
	public const OPTION_PREFIX = 'asa2_token_';

	/** How long a worker waits for another worker's token refresh, in seconds. */
	private const WAIT_SECONDS = 10;

	/** After this many seconds a refresh lock counts as abandoned. */
	private const LOCK_SECONDS = 30;

	/** While another worker refreshes, an old token valid this much longer is still used. */
	private const STILL_VALID_SECONDS = 30;

	/** Pause between looks at the cache while another worker refreshes. */
	private const POLL_MICROSECONDS = 100000;

	/** @var LoggedRequests */
	private LoggedRequests $requests;

	/** @var SecretStore */
	private SecretStore $secrets;

	/**
	 * @param LoggedRequests $requests Sends, parses and logs the token calls.
	 * @param SecretStore    $secrets  Seals the cached token.
	 */
	public function __construct( LoggedRequests $requests, SecretStore $secrets ) {
		$this->requests = $requests;
		$this->secrets  = $secrets;
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
		$option = $this->option_name( $cache_key );
		if ( ! $fresh ) {
			$cached = $this->cached( $option, $cache_key );
			if ( null !== $cached ) {
				return $cached;
			}
			$shared = $this->single_flight( $config, $option, $cache_key );
			if ( null !== $shared ) {
				return $shared;
			}
		}
		return $this->fetch_and_store( $config, $option, $cache_key );
	}

	/**
	 * Fetches a token and caches it for every worker.
	 *
	 * @param array  $config    Configuration.
	 * @param string $option Option name.
	 * @param string $cache_key Token cache key.
	 * @return string
	 * @throws \Asa2\Exception|NetworkException When no token could be obtained.
	 */
	private function fetch_and_store( array $config, string $option, string $cache_key ): string {
		global $wpdb;
		$token = $this->fetch( $config );
		try {
			$entry = (string) wp_json_encode(
				array(
					'token'      => $this->secrets->seal( $token['access_token'], 'token', $cache_key ),
					'expires_at' => $token['expires_at'],
				)
			);
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- shared by every worker, past every cache (see the class).
			$wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'no') ON DUPLICATE KEY UPDATE option_value = %s", $option, $entry, $entry ) );
		} catch ( \Asa2\Exception $e ) {
			// Without usable key material the token is simply not cached.
			unset( $e );
		}
		return $token['access_token'];
	}

	/**
	 * One worker refreshes, the others wait for its token (or keep using the old one while it is
	 * still valid). Null when waiting took too long: the caller then fetches itself.
	 *
	 * @param array  $config    Configuration.
	 * @param string $option Option name.
	 * @param string $cache_key Token cache key.
	 * @return string|null
	 * @throws \Asa2\Exception|NetworkException When this worker refreshed and failed.
	 */
	private function single_flight( array $config, string $option, string $cache_key ): ?string {
		$lock     = 'token_' . md5( $cache_key );
		$deadline = microtime( true ) + self::WAIT_SECONDS;
		do {
			if ( SharedLock::acquire( $lock, self::LOCK_SECONDS ) ) {
				try {
					// Another worker may have stored a new token just before this one got the lock.
					$cached = $this->cached( $option, $cache_key );
					return null !== $cached ? $cached : $this->fetch_and_store( $config, $option, $cache_key );
				} finally {
					SharedLock::release( $lock );
				}
			}
			$entry = $this->cached_entry( $option, $cache_key );
			if ( null !== $entry && ( ! Token::needsRefresh( $entry['expires_at'], Clock::now() ) || $entry['expires_at'] > Clock::now() + self::STILL_VALID_SECONDS ) ) {
				return $entry['token'];
			}
			usleep( self::POLL_MICROSECONDS );
		} while ( microtime( true ) < $deadline );
		return null;
	}

	/**
	 * Drops the cached token of a configuration (after Amazon rejected it).
	 *
	 * @param array $config Marketplace configuration.
	 */
	public function forget( array $config ): void {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the cache row (see the class).
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name = %s", $this->option_name( Token::cacheKey( $config ) ) ) );
	}

	/**
	 * The cached token when it is still fresh.
	 *
	 * @param string $option Option name.
	 * @param string $cache_key Token cache key.
	 * @return string|null
	 */
	private function cached( string $option, string $cache_key ): ?string {
		$entry = $this->cached_entry( $option, $cache_key );
		if ( null === $entry || Token::needsRefresh( $entry['expires_at'], Clock::now() ) ) {
			return null;
		}
		return $entry['token'];
	}

	/**
	 * The cached token and its expiry, fresh or not.
	 *
	 * @param string $option Option name.
	 * @param string $cache_key Token cache key.
	 * @return array{token: string, expires_at: int}|null
	 */
	private function cached_entry( string $option, string $cache_key ): ?array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the cache row (see the class).
		$row    = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $option ) );
		$cached = null === $row ? null : json_decode( (string) $row, true );
		if ( ! is_array( $cached ) || ! isset( $cached['token'], $cached['expires_at'] ) ) {
			return null;
		}
		try {
			return array(
				'token'      => $this->secrets->open( (string) $cached['token'], 'token', $cache_key ),
				'expires_at' => (int) $cached['expires_at'],
			);
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
		return $this->requests->send(
			Token::request( $config, ApiBase::get() ),
			array(
				'marketplace' => (string) $config['marketplace'],
				'api'         => AmazonApi::Creators->value,
				'operation'   => 'token',
				'api_version' => (string) $config['api_version'],
			),
			static fn( array $response ): array => Token::parse( $config, $response['status'], $response['headers'], $response['body'], Clock::now() ),
			static fn( array $token ): array => array(
				'outcome' => 'ok',
				'level'   => 'info',
				'message' => sprintf( 'Token received, valid until %s UTC.', gmdate( 'Y-m-d H:i:s', $token['expires_at'] ) ),
				'redact'  => array( $token['access_token'] ),
			),
			array( (string) $config['credential_secret'], (string) $config['credential_id'] ),
			array( (string) $config['partner_tag'] )
		);
	}

	/**
	 * Option name for a token cache key.
	 *
	 * @param string $cache_key Asa2\Token::cacheKey().
	 * @return string
	 */
	private function option_name( string $cache_key ): string {
		$name = self::OPTION_PREFIX . $cache_key;
		return strlen( $name ) <= 191 ? $name : self::OPTION_PREFIX . md5( $cache_key );
	}
}
