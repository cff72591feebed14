<?php
/**
 * The request quota of each credential on ASA2 -> Options -> Products.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\Cron\QuotaPlan;
use Asa2\Creators\Products\QuotaLedger;
use Asa2\Creators\Storage\ProductSettings;
use Asa2\Creators\Storage\QuotaSettings;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * A row per credential (QuotaPlan::credentials()) with its requests per second and per day and
 * what it used today; fields asa2[quota][<QuotaSettings::key()>][rps|rpd].
 */
final class QuotaForm {

	/** @var QuotaPlan */
	private QuotaPlan $plan;

	/** @var QuotaSettings */
	private QuotaSettings $settings;

	/**
	 * @param QuotaPlan     $plan     The credentials and their use today.
	 * @param QuotaSettings $settings Stores the settings.
	 */
	public function __construct( QuotaPlan $plan, QuotaSettings $settings ) {
		$this->plan     = $plan;
		$this->settings = $settings;
	}

	/**
	 * Prints the table row of the form.
	 */
	public function render(): void {
		$credentials = $this->plan->credentials();
		echo '<tr><th scope="row">' . esc_html__( 'Request Quota per Credential', 'asa2-creators' ) . '</th><td>';
		if ( ! $credentials ) {
			echo '<p class="description">' . esc_html__( 'No credentials are set up yet: add a marketplace in ASA2 → Setup first.', 'asa2-creators' ) . '</p></td></tr>';
			return;
		}
		echo '<table class="widefat striped asa2-quota-table" id="asa2-quota-table"><thead><tr><th scope="col">' . esc_html__( 'Credential', 'asa2-creators' ) . '</th><th scope="col">' . esc_html__( 'Marketplaces', 'asa2-creators' ) . '</th><th scope="col">' . esc_html__( 'Requests per Second', 'asa2-creators' ) . '</th><th scope="col">' . esc_html__( 'Requests per Day', 'asa2-creators' ) . '</th><th scope="col">' . esc_html__( 'Used Today (UTC)', 'asa2-creators' ) . '</th></tr></thead><tbody>';
		foreach ( $credentials as $row ) {
			$name = 'asa2[quota][' . $row['key'] . ']';
			$id   = 'asa2-quota-' . $row['key'];
			/* translators: %s: credential label, e.g. "Creators API 5demo2…ys1q" */
			$rps_label = sprintf( __( 'Requests per second of %s', 'asa2-creators' ), $row['label'] );
			/* translators: %s: credential label, e.g. "Creators API 5demo2…ys1q" */
			$rpd_label = sprintf( __( 'Requests per day of %s', 'asa2-creators' ), $row['label'] );
			echo '<tr><td>' . esc_html( $row['label'] ) . '</td><td>' . esc_html( implode( ', ', $row['marketplaces'] ) ) . '</td>';
			echo '<td><input type="number" class="small-text" step="0.1" min="' . esc_attr( (string) ProductSettings::MIN_RPS ) . '" max="' . esc_attr( (string) ProductSettings::MAX_RPS ) . '" name="' . esc_attr( $name . '[rps]' ) . '" id="' . esc_attr( $id . '-rps' ) . '" value="' . esc_attr( (string) $row['rps'] ) . '" aria-label="' . esc_attr( $rps_label ) . '" /></td>';
			echo '<td><input type="number" class="asa2-rpd" step="1" min="' . esc_attr( (string) QuotaSettings::MIN_RPD ) . '" max="' . esc_attr( (string) QuotaSettings::MAX_RPD ) . '" name="' . esc_attr( $name . '[rpd]' ) . '" id="' . esc_attr( $id . '-rpd' ) . '" value="' . esc_attr( (string) $row['rpd'] ) . '" aria-label="' . esc_attr( $rpd_label ) . '" /></td>';
			echo '<td>' . esc_html( number_format_i18n( $row['used'] ) . ' / ' . number_format_i18n( $row['limit'] ) );
			if ( null !== $row['lowered'] ) {
				echo '<br /><span class="asa2-quota-lowered">' . esc_html(
					sprintf(
						/* translators: %s: duration such as "5 hours" */
						__( 'Lowered after Amazon\'s quota answer, for %s (until 00:00 UTC)', 'asa2-creators' ),
						human_time_diff( 0, QuotaLedger::seconds_to_reset() )
					)
				) . '</span>';
			}
			echo '</td></tr>';
		}
		echo '</tbody></table><p class="description">' . esc_html(
			sprintf(
				/* translators: %s: requests per day */
				__( 'Amazon allows 1 request per second to new accounts and more as your sales grow; PA-API 5.0 also had a daily budget (%s requests at the start). Set what Amazon allows each credential: the background refresh never makes more requests, and it takes the products shown on pages first.', 'asa2-creators' ),
				number_format_i18n( QuotaSettings::DEFAULT_RPD )
			)
		) . '</p></td></tr>';
	}

	/**
	 * Reads the table from a request; nothing is stored.
	 *
	 * @param mixed $fields asa2[quota] as sent.
	 * @return array{settings: array<string, array{rps: float, rpd: int}>, errors: list<string>}
	 *   settings by credential (ApiRouter::credential()); errors name the credential and field.
	 */
	public function read( $fields ): array {
		$fields   = is_array( $fields ) ? $fields : array();
		$settings = array();
		$errors   = array();
		foreach ( $this->plan->credentials() as $credential => $row ) {
			$sent = $fields[ $row['key'] ] ?? null;
			if ( ! is_array( $sent ) ) {
				continue;
			}
			$checked = QuotaSettings::validate(
				$row['label'],
				array(
					'rps' => RequestGuard::text( $sent['rps'] ?? '' ),
					'rpd' => RequestGuard::text( $sent['rpd'] ?? '' ),
				)
			);
			$errors = array_merge( $errors, $checked['errors'] );
			$settings[ $credential ] = $checked['settings'];
		}
		return array(
			'settings' => $settings,
			'errors'   => $errors,
		);
	}

	/**
	 * Stores what read() found valid.
	 *
	 * @param array<string, array{rps: float, rpd: int}> $settings read()['settings'].
	 */
	public function save( array $settings ): void {
		$this->settings->save( $settings );
	}
}
