<?php
/**
 * Writes one log row per remote call, redacted.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Api;

use Asa2\Creators\Clock;
use Asa2\Creators\Storage\LoggingSettings;
use Asa2\Creators\Storage\LogTable;
use Asa2\Redaction;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The api/ layer calls record() after every token and API call. Messages are scrubbed of every
 * secret, token and partner tag the caller names, and of anything that looks like a bearer
 * token; request bodies and headers are never logged.
 */
final class CallLog {

	/** @var LoggingSettings */
	private LoggingSettings $settings;

	/** @var LogTable */
	private LogTable $table;

	/**
	 * @param LoggingSettings $settings Logging settings.
	 * @param LogTable        $table    Log table.
	 */
	public function __construct( LoggingSettings $settings, LogTable $table ) {
		$this->settings = $settings;
		$this->table    = $table;
	}

	/**
	 * Records one call when logging is on and the level passes.
	 *
	 * @param array{marketplace?: string, api: string, operation: string, api_version?: string,
	 *   http_status?: int, duration_ms?: int, outcome: string, level: string, message?: string} $entry What happened.
	 * @param list<string> $secrets Strings that must not appear (secrets, tokens, credential IDs).
	 * @param list<string> $tags    Partner tags, replaced by their masked form.
	 */
	public function record( array $entry, array $secrets = array(), array $tags = array() ): void {
		$row = array(
			'logged_at'   => Clock::now(),
			'level'       => (string) $entry['level'],
			'marketplace' => (string) ( $entry['marketplace'] ?? '' ),
			'api'         => (string) $entry['api'],
			'operation'   => (string) $entry['operation'],
			'api_version' => (string) ( $entry['api_version'] ?? '' ),
			'http_status' => (int) ( $entry['http_status'] ?? 0 ),
			'duration_ms' => (int) ( $entry['duration_ms'] ?? 0 ),
			'outcome'     => (string) $entry['outcome'],
			'message'     => self::redact( (string) ( $entry['message'] ?? '' ), $secrets, $tags ),
		);

		/**
		 * Fires after every remote call to Amazon, logged or not. The entry is redacted.
		 *
		 * @param array $row Log row: logged_at, level, marketplace, api, operation, api_version,
		 *                   http_status, duration_ms, outcome, message.
		 */
		do_action( 'asa2/remote_call', $row );

		if ( $this->settings->accepts( $row['level'] ) ) {
			$this->table->insert( $row );
		}
	}

	/**
	 * A message without secrets, tokens or full partner tags (the extension's
	 * Asa2\Redaction::redact), at most 2,000 characters.
	 *
	 * @param string       $message Message.
	 * @param list<string> $secrets Strings to remove (tokens, secrets, credential IDs).
	 * @param list<string> $tags    Partner tags to mask.
	 * @return string
	 */
	public static function redact( string $message, array $secrets, array $tags ): string {
		$text = Redaction::redact( $message, array_map( 'strval', array_values( $secrets ) ), array_map( 'strval', array_values( $tags ) ) );
		return mb_substr( $text, 0, 2000 );
	}
}
