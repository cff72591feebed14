<?php
/**
 * admin-post.php handlers of the Creators API tab.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Api\ConnectionTester;
use Asa2\Creators\Api\CredentialKind;
use Asa2\Creators\Api\TokenProvider;
use Asa2\Creators\Clock;
use Asa2\Creators\Storage\MarketplaceRepository;
use Asa2\Creators\Storage\SecretStore;
use Asa2\MarketplaceConfig;
use Asa2\ValidationException;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Add/edit, delete, enable/disable, set default, test connection and "switch to LWA (v3) and
 * test again". Each handler takes the unslashed POST data, checks capability and nonce, and
 * returns the URL to redirect to.
 */
final class MarketplaceActions {

	/** admin-post actions (also the nonce actions). */
	public const SAVE         = 'asa2_save_marketplace';
	public const DELETE       = 'asa2_delete_marketplace';
	public const TOGGLE       = 'asa2_toggle_marketplace';
	public const MAKE_DEFAULT = 'asa2_default_marketplace';
	public const TEST         = 'asa2_test_marketplace';
	public const SWITCH       = 'asa2_switch_to_lwa';

	/** @var MarketplaceRepository */
	private MarketplaceRepository $marketplaces;

	/** @var SecretStore */
	private SecretStore $secrets;

	/** @var TokenProvider */
	private TokenProvider $tokens;

	/** @var ConnectionTester */
	private ConnectionTester $tester;

	/** @var Notices */
	private Notices $notices;

	/** @var FormState */
	private FormState $form_state;

	/**
	 * @param MarketplaceRepository $marketplaces Marketplace records.
	 * @param SecretStore           $secrets      Opens and seals the secrets.
	 * @param TokenProvider         $tokens       Drops the cached tokens of changed credentials.
	 * @param ConnectionTester      $tester       Connection tests.
	 * @param Notices               $notices      Notices for the next screen.
	 * @param FormState             $form_state   Input and errors kept for the form.
	 */
	public function __construct( MarketplaceRepository $marketplaces, SecretStore $secrets, TokenProvider $tokens, ConnectionTester $tester, Notices $notices, FormState $form_state ) {
		$this->marketplaces = $marketplaces;
		$this->secrets      = $secrets;
		$this->tokens       = $tokens;
		$this->tester       = $tester;
		$this->notices      = $notices;
		$this->form_state   = $form_state;
	}

	/**
	 * Adds or updates a marketplace.
	 *
	 * @param array $request Unslashed POST data: asa2[...] fields and "original" (code when editing).
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function save( array $request ): string {
		RequestGuard::check( self::SAVE, $request );
		$repository = $this->marketplaces;
		$records    = $repository->all();
		$fields     = RequestGuard::group( $request );
		$original   = strtoupper( sanitize_text_field( RequestGuard::text( $request['original'] ?? '' ) ) );
		$previous   = '' !== $original ? ( $records[ $original ] ?? null ) : null;
		if ( '' !== $original && null === $previous ) {
			$this->notices->add( 'error', __( 'That marketplace is no longer configured; nothing was saved.', 'asa2-creators' ) );
			return SetupScreen::url();
		}

		$input = array(
			'marketplace'       => strtoupper( sanitize_text_field( RequestGuard::text( $fields['marketplace'] ?? '' ) ) ),
			'kind'              => sanitize_key( RequestGuard::text( $fields['kind'] ?? '' ) ),
			'credential_id'     => sanitize_text_field( RequestGuard::text( $fields['credential_id'] ?? '' ) ),
			'credential_secret' => RequestGuard::secret( $fields['credential_secret'] ?? '' ),
			'partner_tag'       => sanitize_text_field( RequestGuard::text( $fields['partner_tag'] ?? '' ) ),
			'enabled'           => ! empty( $fields['enabled'] ),
			'default'           => ! empty( $fields['default'] ),
		);
		$kept_input = array( 'original' => $original ) + array_diff_key( $input, array( 'credential_secret' => true ) );
		$back       = SetupScreen::url( SetupScreen::TAB_CREATORS, null === $previous ? array( 'view' => 'add' ) : array( 'view' => 'edit', 'marketplace' => $original ) );
		$errors     = array();

		// A blank secret on edit keeps the stored one.
		$secret_unchanged = null !== $previous && '' === $input['credential_secret'];
		if ( $secret_unchanged ) {
			try {
				$input['credential_secret'] = $this->secrets->open( $previous['credential_secret'], $previous['marketplace'], MarketplaceRepository::SECRET_FIELD );
			} catch ( \Asa2\Exception $e ) {
				$errors['credential_secret'][] = __( 'The stored secret can no longer be decrypted (the site\'s security keys changed). Enter the Credential Secret again.', 'asa2-creators' );
			}
		}

		$validated = null;
		try {
			$validated = MarketplaceConfig::validate( $input );
		} catch ( ValidationException $e ) {
			$errors = self::merge_errors( $errors, CoreMessages::errors( $e ) );
		}
		if ( $errors || null === $validated ) {
			$this->form_state->keep( CreatorsTab::FORM, $kept_input, $errors );
			return $back;
		}

		$config = $validated['config'];
		$code   = $config['marketplace'];

		// The new list: other marketplaces (the star moves here when this one is the default).
		$others = $records;
		unset( $others[ $original ] );
		if ( $config['default'] ) {
			foreach ( $others as $other_code => $other ) {
				$others[ $other_code ]['default'] = false;
			}
		}
		$configs   = array_map( array( MarketplaceRepository::class, 'config_of' ), array_values( $others ) );
		$configs[] = $config;
		try {
			MarketplaceConfig::validateSet( $configs );
		} catch ( ValidationException $e ) {
			$this->form_state->keep( CreatorsTab::FORM, $kept_input, CoreMessages::errors( $e ) );
			return $back;
		}

		try {
			$sealed = $secret_unchanged && $previous['marketplace'] === $code
				? $previous['credential_secret']
				: $this->secrets->seal( $config['credential_secret'], $code, MarketplaceRepository::SECRET_FIELD );
		} catch ( \Asa2\Exception $e ) {
			$this->form_state->keep(
				CreatorsTab::FORM,
				$kept_input,
				array(
					'credential_secret' => array( SecretStore::seal_failure( $e ) ),
				)
			);
			return $back;
		}

		$same_credentials = null !== $previous
			&& $previous['marketplace'] === $code
			&& $previous['kind'] === $config['kind']
			&& $previous['credential_id'] === $config['credential_id']
			&& $secret_unchanged;

		$record                      = $config;
		$record['credential_secret'] = $sealed;
		$record['last_test']         = $same_credentials ? $previous['last_test'] : null;
		$record['updated_at']        = Clock::now();
		$others[ $code ]             = $record;
		$repository->replace_all( $others );
		if ( null !== $previous && ! $same_credentials ) {
			$this->tokens->forget( MarketplaceRepository::config_of( $previous ) );
		}

		$country  = self::country( $code );
		$warnings = self::warnings( $validated );
		$message  = null === $previous
			/* translators: %s: country name */
			? sprintf( __( '%s was added. Use "Test connection" to check the credentials.', 'asa2-creators' ), $country )
			/* translators: %s: country name */
			: sprintf( __( 'Changes to %s were saved.', 'asa2-creators' ), $country );
		$this->notices->add( 'success', $message );
		if ( $warnings ) {
			$this->notices->add( 'warning', __( 'Saved, but please check:', 'asa2-creators' ), array( 'details' => $warnings ) );
		}

		/**
		 * Fires after a Creators API marketplace was added or changed.
		 *
		 * @param string      $code     Marketplace code.
		 * @param string|null $original Code before the edit (null when added).
		 */
		do_action( 'asa2/marketplace_saved', $code, null === $previous ? null : $original );

		return SetupScreen::url();
	}

	/**
	 * Deletes a marketplace (after the confirmation page).
	 *
	 * @param array $request Unslashed POST data: marketplace.
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function delete( array $request ): string {
		RequestGuard::check( self::DELETE, $request );
		$code    = self::code( $request );
		$records = $this->marketplaces->all();
		if ( ! isset( $records[ $code ] ) ) {
			$this->notices->add( 'error', __( 'That marketplace is not configured.', 'asa2-creators' ) );
			return SetupScreen::url();
		}
		$this->tokens->forget( MarketplaceRepository::config_of( $records[ $code ] ) );
		unset( $records[ $code ] );
		$this->marketplaces->replace_all( $records );
		$this->notices->add(
			'success',
			sprintf(
				/* translators: %s: country name */
				__( '%s was deleted.', 'asa2-creators' ),
				self::country( $code )
			)
		);

		/**
		 * Fires after a Creators API marketplace was deleted.
		 *
		 * @param string $code Marketplace code.
		 */
		do_action( 'asa2/marketplace_deleted', $code );

		return SetupScreen::url();
	}

	/**
	 * Enables or disables a marketplace.
	 *
	 * @param array $request Unslashed POST data: marketplace.
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function toggle( array $request ): string {
		RequestGuard::check( self::TOGGLE, $request );
		$code    = self::code( $request );
		$records = $this->marketplaces->all();
		if ( ! isset( $records[ $code ] ) ) {
			$this->notices->add( 'error', __( 'That marketplace is not configured.', 'asa2-creators' ) );
			return SetupScreen::url();
		}
		$records[ $code ]['enabled'] = ! $records[ $code ]['enabled'];
		if ( ! $this->store_checked( $records ) ) {
			return SetupScreen::url();
		}
		$this->notices->add(
			'success',
			sprintf(
				/* translators: %s: country name */
				$records[ $code ]['enabled'] ? __( '%s is enabled for product lookups.', 'asa2-creators' ) : __( '%s is disabled; its credentials stay stored.', 'asa2-creators' ),
				self::country( $code )
			)
		);
		return SetupScreen::url();
	}

	/**
	 * Makes a marketplace the default (the star moves).
	 *
	 * @param array $request Unslashed POST data: marketplace.
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function make_default( array $request ): string {
		RequestGuard::check( self::MAKE_DEFAULT, $request );
		$code    = self::code( $request );
		$records = $this->marketplaces->all();
		if ( ! isset( $records[ $code ] ) ) {
			$this->notices->add( 'error', __( 'That marketplace is not configured.', 'asa2-creators' ) );
			return SetupScreen::url();
		}
		foreach ( $records as $other => $record ) {
			$records[ $other ]['default'] = $other === $code;
		}
		if ( ! $this->store_checked( $records ) ) {
			return SetupScreen::url();
		}
		$this->notices->add(
			'success',
			sprintf(
				/* translators: %s: country name */
				__( '%s is now the default marketplace.', 'asa2-creators' ),
				self::country( $code )
			)
		);
		return SetupScreen::url();
	}

	/**
	 * Tests the connection of one marketplace.
	 *
	 * @param array $request Unslashed POST data: marketplace.
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function test( array $request ): string {
		RequestGuard::check( self::TEST, $request );
		$this->run_test( self::code( $request ) );
		return SetupScreen::url();
	}

	/**
	 * Switches a Cognito marketplace to LWA (v3) - the API version follows - and tests again.
	 *
	 * @param array $request Unslashed POST data: marketplace.
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function switch_to_lwa( array $request ): string {
		RequestGuard::check( self::SWITCH, $request );
		$code    = self::code( $request );
		$records = $this->marketplaces->all();
		$record  = $records[ $code ] ?? null;
		if ( null === $record ) {
			$this->notices->add( 'error', __( 'That marketplace is not configured.', 'asa2-creators' ) );
			return SetupScreen::url();
		}
		if ( CredentialKind::Lwa !== CredentialKind::of( $record ) ) {
			$config = MarketplaceRepository::config_of( $record );
			try {
				$config['credential_secret'] = $this->secrets->open( $record['credential_secret'], $code, MarketplaceRepository::SECRET_FIELD );
				$config['kind']              = CredentialKind::Lwa->value;
				$validated                   = MarketplaceConfig::validate( $config )['config'];
			} catch ( ValidationException $e ) {
				$this->notices->add( 'error', __( 'The Credential Type could not be switched:', 'asa2-creators' ), array( 'details' => self::flatten( CoreMessages::errors( $e ) ) ) );
				return SetupScreen::url();
			} catch ( \Asa2\Exception $e ) {
				$this->notices->add( 'error', __( 'The stored Credential Secret can no longer be decrypted. Edit the marketplace and enter the secret again.', 'asa2-creators' ) );
				return SetupScreen::url();
			}
			$this->tokens->forget( MarketplaceRepository::config_of( $record ) );
			$record['kind']        = $validated['kind'];
			$record['api_version'] = $validated['api_version'];
			$record['last_test']   = null;
			$record['updated_at']  = Clock::now();
			$records[ $code ]      = $record;
			$this->marketplaces->replace_all( $records );
			$this->notices->add(
				'info',
				sprintf(
					/* translators: 1: country name, 2: credential type label, 3: API version */
					__( '%1$s now uses %2$s credentials (API version %3$s).', 'asa2-creators' ),
					self::country( $code ),
					CredentialKind::Lwa->label(),
					$record['api_version']
				)
			);
		}
		$this->run_test( $code );
		return SetupScreen::url();
	}

	/**
	 * Whether a record's last test failed in a way switching to LWA (v3) may fix.
	 *
	 * @param array $record Stored record.
	 * @return bool
	 */
	public static function offers_switch( array $record ): bool {
		$test = $record['last_test'] ?? null;
		return CredentialKind::Cognito === CredentialKind::of( $record ) && is_array( $test ) && empty( $test['ok'] ) && 'invalid_client' === ( $test['error_code'] ?? '' );
	}

	/**
	 * The "Switch to LWA (v3) and test again" button.
	 *
	 * @param string $code Marketplace code.
	 */
	public static function render_switch_button( string $code ): void {
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="asa2-inline-form">';
		RequestGuard::fields( self::SWITCH );
		echo '<input type="hidden" name="marketplace" value="' . esc_attr( $code ) . '" />';
		echo '<button type="submit" class="button button-primary button-small asa2-action-switch">' . esc_html__( 'Switch to LWA (v3) and test again', 'asa2-creators' ) . '</button>';
		echo '</form>';
	}

	/**
	 * Runs a connection test and queues its notice.
	 *
	 * @param string $code Marketplace code.
	 */
	private function run_test( string $code ): void {
		$result = $this->tester->test( $code );
		if ( null === $result ) {
			$this->notices->add( 'error', __( 'That marketplace is not configured.', 'asa2-creators' ) );
			return;
		}
		$country = self::country( $code );
		if ( $result['ok'] ) {
			$this->notices->add(
				'success',
				sprintf(
					/* translators: 1: country name, 2: API version, 3: outcome message */
					__( 'Connection test for %1$s (API version %2$s) succeeded. %3$s', 'asa2-creators' ),
					$country,
					$result['api_version'],
					$result['message']
				)
			);
			return;
		}
		$record = $this->marketplaces->get( $code );
		$this->notices->add(
			'error',
			sprintf(
				/* translators: 1: country name, 2: API version, 3: error message */
				__( 'Connection test for %1$s (API version %2$s) failed: %3$s', 'asa2-creators' ),
				$country,
				$result['api_version'],
				$result['message']
			),
			array(
				'details' => '' !== $result['hint'] && false === strpos( $result['message'], $result['hint'] ) ? array( $result['hint'] ) : array(),
				'switch'  => null !== $record && self::offers_switch( $record ) ? $code : '',
			)
		);
	}

	/**
	 * Validates the whole list, then stores it; queues the errors otherwise.
	 *
	 * @param array<string, array> $records Records.
	 * @return bool Whether it was stored.
	 */
	private function store_checked( array $records ): bool {
		try {
			MarketplaceConfig::validateSet( array_map( array( MarketplaceRepository::class, 'config_of' ), array_values( $records ) ) );
		} catch ( ValidationException $e ) {
			$this->notices->add( 'error', __( 'Nothing was changed:', 'asa2-creators' ), array( 'details' => self::flatten( CoreMessages::errors( $e ) ) ) );
			return false;
		}
		$this->marketplaces->replace_all( $records );
		return true;
	}

	/**
	 * Warnings to show after saving, in the site's language (the validator's include a
	 * credential kind mismatch).
	 *
	 * @param array $validated Result of MarketplaceConfig::validate.
	 * @return list<string>
	 */
	private static function warnings( array $validated ): array {
		return self::flatten( CoreMessages::by_field( (array) ( $validated['warning_details'] ?? array() ) ) );
	}

	/**
	 * Field => messages to a flat list.
	 *
	 * @param array $errors Field => messages.
	 * @return list<string>
	 */
	private static function flatten( array $errors ): array {
		$lines = array();
		foreach ( $errors as $messages ) {
			foreach ( (array) $messages as $message ) {
				$lines[] = (string) $message;
			}
		}
		return array_values( array_unique( $lines ) );
	}

	/**
	 * Merges two field => messages maps.
	 *
	 * @param array $a First.
	 * @param array $b Second.
	 * @return array<string, list<string>>
	 */
	private static function merge_errors( array $a, array $b ): array {
		foreach ( $b as $field => $messages ) {
			foreach ( (array) $messages as $message ) {
				$a[ (string) $field ][] = (string) $message;
			}
		}
		return $a;
	}

	/**
	 * The marketplace code of a row action.
	 *
	 * @param array $request POST data.
	 * @return string
	 */
	private static function code( array $request ): string {
		return strtoupper( sanitize_key( RequestGuard::text( $request['marketplace'] ?? '' ) ) );
	}

	/**
	 * Country name of a code.
	 *
	 * @param string $code Marketplace code.
	 * @return string
	 */
	private static function country( string $code ): string {
		return CoreMessages::country( (string) $code, $code );
	}
}
