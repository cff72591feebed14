<?php
/**
 * admin-post.php handler of the PA API tab.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Clock;
use Asa2\Creators\Storage\PaApiRepository;
use Asa2\Creators\Storage\SecretStore;
use Asa2\PaApiSettings;
use Asa2\ValidationException;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Saves the PA-API 5.0 settings, validated by Asa2\PaApiSettings; the secret key is sealed, a
 * blank one keeps the stored key.
 */
final class PaApiActions {

	/** admin-post action. */
	public const SAVE = 'asa2_save_paapi';

	/** @var PaApiRepository */
	private PaApiRepository $paapi;

	/** @var SecretStore */
	private SecretStore $secrets;

	/** @var FormState */
	private FormState $form_state;

	/** @var Notices */
	private Notices $notices;

	/**
	 * @param PaApiRepository $paapi      PA API settings.
	 * @param SecretStore     $secrets    Opens and seals the secrets.
	 * @param FormState       $form_state Input and errors kept for the form.
	 * @param Notices         $notices    Notices for the next screen.
	 */
	public function __construct( PaApiRepository $paapi, SecretStore $secrets, FormState $form_state, Notices $notices ) {
		$this->paapi      = $paapi;
		$this->secrets    = $secrets;
		$this->form_state = $form_state;
		$this->notices    = $notices;
	}

	/**
	 * Validates and stores the settings.
	 *
	 * @param array $request Unslashed POST data with asa2[access_key|secret_key|partner_tag|marketplace].
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function save( array $request ): string {
		RequestGuard::check( self::SAVE, $request );
		$fields = RequestGuard::group( $request );
		$input  = array(
			'access_key'  => sanitize_text_field( RequestGuard::text( $fields['access_key'] ?? '' ) ),
			'secret_key'  => RequestGuard::secret( $fields['secret_key'] ?? '' ),
			'partner_tag' => sanitize_text_field( RequestGuard::text( $fields['partner_tag'] ?? '' ) ),
			'marketplace' => strtoupper( sanitize_text_field( RequestGuard::text( $fields['marketplace'] ?? '' ) ) ),
		);
		$kept   = array_diff_key( $input, array( 'secret_key' => true ) );
		$back   = SetupScreen::url( SetupScreen::TAB_PAAPI );
		$stored = $this->paapi->get();

		// Everything blank: remove the PA-API settings.
		if ( '' === implode( '', $input ) ) {
			delete_option( PaApiRepository::OPTION );
			$this->notices->add( 'success', __( 'The PA API settings were removed.', 'asa2-creators' ) );
			return $back;
		}

		// A blank secret key keeps the stored one.
		$errors = array();
		$check  = $input;
		if ( '' === $check['secret_key'] && '' !== $stored['secret_key'] ) {
			try {
				$check['secret_key'] = $this->secrets->open( $stored['secret_key'], PaApiRepository::SECRET_SCOPE, PaApiRepository::SECRET_FIELD );
			} catch ( \Asa2\Exception $e ) {
				$errors['secret_key'][] = __( 'The stored secret key can no longer be decrypted (the site\'s security keys changed). Enter the Secret Key again.', 'asa2-creators' );
			}
		}
		$validated = null;
		try {
			$validated = PaApiSettings::validate( $check );
		} catch ( ValidationException $e ) {
			foreach ( CoreMessages::errors( $e ) as $field => $messages ) {
				$errors[ $field ] = array_merge( $errors[ $field ] ?? array(), (array) $messages );
			}
		}
		if ( $errors || null === $validated ) {
			$this->form_state->keep( PaApiTab::FORM, $kept, $errors );
			return $back;
		}
		$settings = $validated['settings'];
		$warnings = array();
		foreach ( CoreMessages::by_field( (array) ( $validated['warning_details'] ?? array() ) ) as $messages ) {
			foreach ( (array) $messages as $message ) {
				$warnings[] = (string) $message;
			}
		}

		$sealed = $stored['secret_key'];
		if ( '' !== $input['secret_key'] ) {
			try {
				$sealed = $this->secrets->seal( $settings['secret_key'], PaApiRepository::SECRET_SCOPE, PaApiRepository::SECRET_FIELD );
			} catch ( \Asa2\Exception $e ) {
				$this->form_state->keep(
					PaApiTab::FORM,
					$kept,
					array(
						'secret_key' => array( SecretStore::seal_failure( $e ) ),
					)
				);
				return $back;
			}
		}

		$this->paapi->save(
			array(
				'access_key'  => $settings['access_key'],
				'secret_key'  => $sealed,
				'partner_tag' => $settings['partner_tag'],
				'marketplace' => $settings['marketplace'],
				'updated_at'  => Clock::now(),
			)
		);
		$this->notices->add( 'success', __( 'The PA API settings were saved.', 'asa2-creators' ) );
		if ( $warnings ) {
			$this->notices->add( 'warning', __( 'Saved, but please check:', 'asa2-creators' ), array( 'details' => $warnings ) );
		}
		return $back;
	}
}
