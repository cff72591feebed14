<?php
/**
 * Requests per second and per day allowed per credential (option asa2_quota_settings).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Amazon starts an account at 1 request per second (and PA-API 5.0 at 8,640 requests per day)
 * and raises both with the account's sales, per credential; whether the Creators API enforces a
 * daily budget is not published, so both are settings of each credential (a Creators API
 * credential, or the PA API tab's access key), identified as ApiRouter::credential() names them.
 * Only a hash of the identifier is stored. A credential without its own settings has the rate of
 * the former global "Requests per Second" setting (ProductSettings) and 8,640 per day.
 */
final class QuotaSettings {

	/** Option name. */
	public const OPTION = 'asa2_quota_settings';

	/** Requests per day Amazon grants a new PA-API 5.0 account. */
	public const DEFAULT_RPD = 8640;

	/** Bounds of the requests per day. */
	public const MIN_RPD = 1;
	public const MAX_RPD = 10000000;

	/** @var ProductSettings */
	private ProductSettings $product_settings;

	/**
	 * @param ProductSettings $product_settings Holds the former global rate (the default).
	 */
	public function __construct( ProductSettings $product_settings ) {
		$this->product_settings = $product_settings;
	}

	/**
	 * The settings of one credential.
	 *
	 * @param string $credential ApiRouter::credential().
	 * @return array{rps: float, rpd: int}
	 */
	public function of( string $credential ): array {
		$stored = $this->stored()[ self::key( $credential ) ] ?? array();
		return array(
			'rps' => max( ProductSettings::MIN_RPS, min( ProductSettings::MAX_RPS, (float) ( $stored['rps'] ?? $this->product_settings->get()['requests_per_second'] ) ) ),
			'rpd' => max( self::MIN_RPD, min( self::MAX_RPD, (int) ( $stored['rpd'] ?? self::DEFAULT_RPD ) ) ),
		);
	}

	/**
	 * Stores the settings of several credentials (the others keep theirs).
	 *
	 * @param array<string, array{rps: float, rpd: int}> $settings Valid settings by credential.
	 */
	public function save( array $settings ): void {
		$stored = $this->stored();
		foreach ( $settings as $credential => $one ) {
			$stored[ self::key( (string) $credential ) ] = array(
				'rps' => (float) $one['rps'],
				'rpd' => (int) $one['rpd'],
			);
		}
		update_option( self::OPTION, $stored, true );
	}

	/**
	 * Reads one credential's fields from a form: numbers in range, or messages naming the field.
	 *
	 * @param string $label  The credential as the form shows it.
	 * @param array  $fields rps and rpd as sent.
	 * @return array{settings: array{rps: float, rpd: int}, errors: list<string>}
	 */
	public static function validate( string $label, array $fields ): array {
		$rps_text = trim( str_replace( ',', '.', (string) ( $fields['rps'] ?? '' ) ) );
		$rpd_text = trim( str_replace( array( ',', '.', ' ' ), '', (string) ( $fields['rpd'] ?? '' ) ) );
		$errors   = array();
		$rps      = (float) $rps_text;
		$rpd      = (int) $rpd_text;
		if ( ! is_numeric( $rps_text ) || $rps < ProductSettings::MIN_RPS || $rps > ProductSettings::MAX_RPS ) {
			$errors[] = sprintf(
				/* translators: 1: credential, 2: minimum, 3: maximum */
				__( '%1$s, Requests per Second: enter a number between %2$s and %3$s (Amazon allows 1 per second for new accounts).', 'asa2-creators' ),
				$label,
				number_format_i18n( ProductSettings::MIN_RPS, 1 ),
				number_format_i18n( ProductSettings::MAX_RPS, 0 )
			);
		}
		if ( ! ctype_digit( $rpd_text ) || $rpd < self::MIN_RPD || $rpd > self::MAX_RPD ) {
			$errors[] = sprintf(
				/* translators: 1: credential, 2: minimum, 3: maximum, 4: default */
				__( '%1$s, Requests per Day: enter a whole number between %2$s and %3$s (Amazon started PA-API 5.0 accounts at %4$s).', 'asa2-creators' ),
				$label,
				number_format_i18n( self::MIN_RPD ),
				number_format_i18n( self::MAX_RPD ),
				number_format_i18n( self::DEFAULT_RPD )
			);
		}
		return array(
			'settings' => array(
				'rps' => $rps,
				'rpd' => $rpd,
			),
			'errors'   => $errors,
		);
	}

	/**
	 * The stored key of a credential (its identifier is not stored).
	 *
	 * @param string $credential ApiRouter::credential().
	 * @return string
	 */
	public static function key( string $credential ): string {
		return md5( $credential );
	}

	/**
	 * The stored settings by key.
	 *
	 * @return array<string, array>
	 */
	private function stored(): array {
		$stored = get_option( self::OPTION, array() );
		return is_array( $stored ) ? $stored : array();
	}
}
