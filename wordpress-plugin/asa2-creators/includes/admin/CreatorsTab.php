<?php
/**
 * The Amazon Creators API tab: configured marketplaces, the add/edit form, delete confirmation.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Api\CredentialKind;
use Asa2\Credentials;
use Asa2\Creators\Products\ApiRouter;
use Asa2\Creators\Storage\MarketplaceRepository;
use Asa2\Creators\Storage\SecretStore;
use Asa2\Marketplaces;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Renders the Creators API tab. State changes go to MarketplaceActions through admin-post.php.
 */
final class CreatorsTab {

	/** FormState name of the marketplace form. */
	public const FORM = 'marketplace';

	/** @var MarketplaceRepository */
	private MarketplaceRepository $marketplaces;

	/** @var SecretStore */
	private SecretStore $secrets;

	/** @var FormState */
	private FormState $form_state;

	/** @var PaApiMove */
	private PaApiMove $move;

	/**
	 * @param MarketplaceRepository $marketplaces Marketplace records.
	 * @param SecretStore           $secrets      Opens and seals the secrets.
	 * @param FormState             $form_state   Input and errors kept for the form.
	 * @param PaApiMove             $move         Prefills Add Marketplace for a PA-API marketplace.
	 */
	public function __construct( MarketplaceRepository $marketplaces, SecretStore $secrets, FormState $form_state, PaApiMove $move ) {
		$this->marketplaces = $marketplaces;
		$this->secrets      = $secrets;
		$this->form_state   = $form_state;
		$this->move         = $move;
	}

	/**
	 * The requested view: list, add, edit or delete.
	 *
	 * @return string
	 */
	private function view(): string {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- read-only navigation.
		$view = isset( $_GET['view'] ) ? sanitize_key( wp_unslash( $_GET['view'] ) ) : 'list';
		return in_array( $view, array( 'list', 'add', 'edit', 'delete' ), true ) ? $view : 'list';
	}

	/**
	 * The marketplace code in the URL.
	 *
	 * @return string
	 */
	private function requested_code(): string {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- read-only navigation.
		return isset( $_GET['marketplace'] ) ? strtoupper( sanitize_key( wp_unslash( $_GET['marketplace'] ) ) ) : '';
	}

	/**
	 * "+ Add Marketplace" beside the page title (list view only).
	 */
	public function render_title_action(): void {
		if ( 'list' !== $this->view() ) {
			return;
		}
		$free = array_diff_key( Marketplaces::all(), $this->marketplaces->all() );
		if ( $free ) {
			echo '<a href="' . esc_url( SetupScreen::url( SetupScreen::TAB_CREATORS, array( 'view' => 'add' ) ) ) . '" class="page-title-action" id="asa2-add-marketplace">' . esc_html__( '+ Add Marketplace', 'asa2-creators' ) . '</a>';
		}
	}

	/**
	 * Prints the tab.
	 */
	public function render(): void {
		$view   = $this->view();
		$code   = $this->requested_code();
		$record = '' !== $code ? $this->marketplaces->get( $code ) : null;
		if ( 'add' === $view ) {
			$this->render_form( null );
		} elseif ( 'edit' === $view && null !== $record ) {
			$this->render_form( $record );
		} elseif ( 'delete' === $view && null !== $record ) {
			$this->render_delete_confirmation( $record );
		} else {
			if ( in_array( $view, array( 'edit', 'delete' ), true ) ) {
				echo '<div class="notice notice-warning inline"><p>' . esc_html__( 'That marketplace is not configured (it may have been deleted in the meantime).', 'asa2-creators' ) . '</p></div>';
			}
			$this->render_list();
		}
	}

	/**
	 * The Configured Marketplaces table, or the first-step explanation when it is empty.
	 */
	private function render_list(): void {
		$records = $this->marketplaces->all();
		echo '<p class="asa2-intro">' . esc_html__( 'The Creators API replaces PA-API 5.0. Add each Amazon marketplace you link to with the credentials you created in that country\'s Associates Central. ASA2 then loads product data through the Creators API and falls back to PA-API 5.0 only for marketplaces not listed here.', 'asa2-creators' ) . '</p>';
		if ( ! $records ) {
			$this->render_empty_state();
			return;
		}
		echo '<h2 class="asa2-section-title">' . esc_html__( 'Configured Marketplaces', 'asa2-creators' ) . '</h2>';
		$table = new MarketplacesTable( $this->marketplaces, $this->secrets );
		$table->prepare_items();
		$table->display();
	}

	/**
	 * First step: create credentials in Associates Central.
	 */
	private function render_empty_state(): void {
		echo '<div class="asa2-card asa2-empty-state">';
		echo '<h2>' . esc_html__( 'No marketplace configured yet', 'asa2-creators' ) . '</h2>';
		echo '<ol class="asa2-steps">';
		echo '<li><strong>' . esc_html__( 'Create credentials at Amazon.', 'asa2-creators' ) . '</strong> ' . esc_html__( 'Log in to Amazon Associates Central for your marketplace, open the Creators API section (called "Product API" in some regions), create new credentials and copy the Credential ID and Credential Secret. Each marketplace needs its own credentials.', 'asa2-creators' ) . '</li>';
		echo '<li><strong>' . esc_html__( 'Add the marketplace here', 'asa2-creators' ) . '</strong> ' . esc_html__( 'with those credentials and your tracking ID (Partner Tag).', 'asa2-creators' ) . '</li>';
		echo '<li><strong>' . esc_html__( 'Test the connection', 'asa2-creators' ) . '</strong> ' . esc_html__( 'from the table that then appears.', 'asa2-creators' ) . '</li>';
		echo '</ol>';
		echo '<p>' . esc_html__( 'Associates Central by country:', 'asa2-creators' ) . '</p><ul class="asa2-associates-links">';
		foreach ( Marketplaces::all() as $marketplace ) {
			printf(
				'<li><a href="%1$s" target="_blank" rel="noopener noreferrer">%2$s<span class="screen-reader-text"> %3$s</span></a></li>',
				esc_url( $marketplace['associates_url'] ),
				esc_html( CoreMessages::country( $marketplace['code'] ) ),
				esc_html__( '(opens in a new tab)', 'asa2-creators' )
			);
		}
		echo '</ul>';
		echo '<p><a href="' . esc_url( SetupScreen::url( SetupScreen::TAB_CREATORS, array( 'view' => 'add' ) ) ) . '" class="button button-primary">' . esc_html__( '+ Add Marketplace', 'asa2-creators' ) . '</a></p>';
		echo '</div>';
	}

	/**
	 * The values "Move to Creators API" fills in, or null; an expired link says so.
	 *
	 * @return array{marketplace: string, partner_tag: string, kind: string}|null
	 */
	private function moving(): ?array {
		try {
			// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- PaApiMove::prefill checks the nonce.
			return $this->move->prefill( wp_unslash( $_GET ) );
		} catch ( AccessDenied $e ) {
			echo '<div class="notice notice-warning inline"><p>' . esc_html( $e->getMessage() ) . '</p></div>';
			return null;
		}
	}

	/**
	 * The Add / Edit Marketplace form.
	 *
	 * @param array|null $record Stored record when editing.
	 */
	private function render_form( ?array $record ): void {
		$editing = null !== $record;
		$state   = $this->form_state->take( self::FORM );
		$errors  = $state['errors'] ?? array();
		$values  = array(
			'marketplace'   => $record['marketplace'] ?? '',
			'kind'          => $record['kind'] ?? CredentialKind::Cognito->value,
			'credential_id' => $record['credential_id'] ?? '',
			'partner_tag'   => $record['partner_tag'] ?? '',
			'enabled'       => $record['enabled'] ?? true,
			'default'       => $record['default'] ?? ! $this->marketplaces->all(),
		);
		$moving = $editing ? null : $this->moving();
		if ( null !== $moving ) {
			$values = array_merge( $values, $moving );
		}
		if ( $state && ( (string) ( $state['input']['original'] ?? '' ) ) === ( $record['marketplace'] ?? '' ) ) {
			$values = array_merge( $values, array_intersect_key( $state['input'], $values ) );
		} else {
			$errors = array();
		}
		$configured = $this->marketplaces->all();
		$kinds      = Credentials::kinds();
		$selected   = (string) $values['marketplace'];

		$secret_unreadable = $editing && ! $this->secrets->can_open( $record['credential_secret'], $record['marketplace'], MarketplaceRepository::SECRET_FIELD );

		echo '<h2 class="asa2-section-title">' . esc_html( $editing ? __( 'Edit Marketplace', 'asa2-creators' ) : __( 'Add Marketplace', 'asa2-creators' ) ) . '</h2>';

		$known_fields = array( 'marketplace', 'kind', 'credential_id', 'credential_secret', 'partner_tag', 'enabled', 'default' );
		$other        = array_diff_key( $errors, array_flip( $known_fields ) );
		if ( $errors ) {
			echo '<div class="notice notice-error inline asa2-form-errors" role="alert"><p>' . esc_html__( 'The marketplace was not saved. Please correct the fields marked below.', 'asa2-creators' ) . '</p>';
			foreach ( $other as $messages ) {
				foreach ( (array) $messages as $message ) {
					echo '<p>' . esc_html( $message ) . '</p>';
				}
			}
			echo '</div>';
		}

		if ( null !== $moving ) {
			echo '<div class="notice notice-info inline asa2-moving" id="asa2-moving"><p>' . esc_html(
				sprintf(
					/* translators: %s: country name and code, e.g. "France (FR)" */
					__( 'Moving %s from PA-API 5.0 to the Creators API: the marketplace and the partner tag come from the Amazon PA API tab, and the credential type is LWA (v3), the type of all credentials Amazon issues since February 2026. Enter the Credential ID and Credential Secret you created in Associates Central.', 'asa2-creators' ),
					ApiRouter::country( $moving['marketplace'] )
				)
			) . '</p></div>';
		}

		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="asa2-form" id="asa2-marketplace-form" data-asa2-live novalidate>';
		RequestGuard::fields( MarketplaceActions::SAVE );
		echo '<input type="hidden" name="original" value="' . esc_attr( $record['marketplace'] ?? '' ) . '" />';
		echo '<table class="form-table" role="presentation"><tbody>';

		// Marketplace.
		$this->row_start( 'marketplace', __( 'Marketplace', 'asa2-creators' ), $errors );
		echo '<select name="asa2[marketplace]" id="asa2-marketplace" aria-describedby="asa2-marketplace-help"' . ( isset( $errors['marketplace'] ) ? ' aria-invalid="true"' : '' ) . '>';
		echo '<option value="">' . esc_html__( 'Select a marketplace', 'asa2-creators' ) . '</option>';
		foreach ( Marketplaces::all() as $code => $marketplace ) {
			if ( isset( $configured[ $code ] ) && $code !== ( $record['marketplace'] ?? '' ) ) {
				continue;
			}
			$versions = array();
			foreach ( array_keys( $kinds ) as $kind ) {
				$versions[ $kind ] = Credentials::apiVersion( $kind, $code );
			}
			printf(
				'<option value="%1$s"%2$s data-version-cognito="%3$s" data-version-lwa="%4$s" data-associates-url="%5$s" data-store="%6$s">%7$s (%8$s)</option>',
				esc_attr( $code ),
				selected( $selected, $code, false ),
				esc_attr( $versions[ CredentialKind::Cognito->value ] ?? '' ),
				esc_attr( $versions[ CredentialKind::Lwa->value ] ?? '' ),
				esc_url( $marketplace['associates_url'] ),
				esc_attr( $marketplace['host'] ),
				esc_html( CoreMessages::country( $marketplace['code'] ) ),
				esc_html( $marketplace['domain'] )
			);
		}
		echo '</select>';
		$associates = '' !== $selected ? ( Marketplaces::find( $selected )['associates_url'] ?? '' ) : '';
		echo '<p class="description" id="asa2-marketplace-help">' . esc_html__( 'The Amazon store (country) these credentials were created for.', 'asa2-creators' ) . ' <span class="asa2-associates-link"' . ( '' === $associates ? ' hidden' : '' ) . '>' . esc_html__( 'Create credentials at:', 'asa2-creators' ) . ' <a id="asa2-associates-url" href="' . esc_url( '' !== $associates ? $associates : 'https://affiliate-program.amazon.com' ) . '" target="_blank" rel="noopener noreferrer">' . esc_html( '' !== $associates ? $associates : '' ) . '</a></span></p>';
		$this->row_end( 'marketplace', $errors );

		// Credential type.
		$this->row_start( 'kind', __( 'Credential Type', 'asa2-creators' ), $errors, false );
		echo '<fieldset id="asa2-kind"><legend class="screen-reader-text">' . esc_html__( 'Credential Type', 'asa2-creators' ) . '</legend>';
		foreach ( $kinds as $id => $kind ) {
			printf(
				'<label class="asa2-kind-option"><input type="radio" name="asa2[kind]" value="%1$s" id="asa2-kind-%1$s"%2$s /> <strong>%3$s</strong><span class="description">%4$s</span></label>',
				esc_attr( $id ),
				checked( (string) $values['kind'], $id, false ),
				esc_html( $kind['label'] ),
				esc_html( CoreMessages::kind_descriptions()[ $id ] ?? $kind['description'] )
			);
		}
		echo '</fieldset>';
		echo '<p class="asa2-kind-detected asa2-live" id="asa2-kind-detected" role="status" aria-live="polite"></p>';
		$this->row_end( 'kind', $errors );

		// API version (read-only).
		$version = '';
		if ( '' !== $selected && isset( $kinds[ (string) $values['kind'] ] ) && null !== Marketplaces::find( $selected ) ) {
			$version = Credentials::apiVersion( (string) $values['kind'], $selected );
		}
		echo '<tr class="asa2-row-version"><th scope="row">' . esc_html__( 'API Version', 'asa2-creators' ) . '</th><td>';
		echo '<output id="asa2-api-version" class="asa2-version" for="asa2-marketplace asa2-kind" data-empty="' . esc_attr__( 'Select a marketplace', 'asa2-creators' ) . '">' . esc_html( '' !== $version ? $version : __( 'Select a marketplace', 'asa2-creators' ) ) . '</output>';
		echo '<p class="description">' . esc_html__( 'Determined automatically from the credential type and the marketplace: Cognito credentials use API versions 2.1–2.3, LWA credentials 3.1–3.3.', 'asa2-creators' ) . '</p>';
		echo '</td></tr>';

		// Credential ID.
		$this->row_start( 'credential_id', __( 'Credential ID', 'asa2-creators' ), $errors );
		printf(
			'<input type="text" class="regular-text code" name="asa2[credential_id]" id="asa2-credential_id" value="%1$s" autocomplete="off" spellcheck="false" aria-describedby="asa2-credential_id-help asa2-kind-detected"%2$s />',
			esc_attr( (string) $values['credential_id'] ),
			isset( $errors['credential_id'] ) ? ' aria-invalid="true"' : ''
		);
		echo '<p class="description" id="asa2-credential_id-help">' . esc_html__( 'Your Creators API Credential ID from Amazon Associates Central.', 'asa2-creators' ) . '</p>';
		$this->row_end( 'credential_id', $errors );

		// Credential secret.
		$this->row_start( 'credential_secret', __( 'Credential Secret', 'asa2-creators' ), $errors );
		printf(
			'<input type="password" class="regular-text code" name="asa2[credential_secret]" id="asa2-credential_secret" value="" autocomplete="new-password" spellcheck="false" aria-describedby="asa2-credential_secret-help"%1$s%2$s />',
			$editing ? ' placeholder="' . esc_attr__( 'Stored – leave blank to keep', 'asa2-creators' ) . '"' : '',
			isset( $errors['credential_secret'] ) ? ' aria-invalid="true"' : ''
		);
		echo '<p class="description" id="asa2-credential_secret-help">';
		if ( $errors && ! isset( $errors['credential_secret'] ) ) {
			echo '<strong>' . esc_html__( 'Please enter the Credential Secret again: for your security it is never sent back to the browser.', 'asa2-creators' ) . '</strong> ';
		}
		if ( $secret_unreadable ) {
			echo '<strong class="asa2-text-error">' . esc_html__( 'The stored secret can no longer be decrypted (the site\'s security keys changed). Please enter the Credential Secret again.', 'asa2-creators' ) . '</strong> ';
		} elseif ( $editing ) {
			echo esc_html__( 'A secret is stored. Leave this field blank to keep it, or enter a new one to replace it.', 'asa2-creators' ) . ' ';
		}
		echo esc_html__( 'Your Creators API Credential Secret. It is stored encrypted in the database and never shown again.', 'asa2-creators' ) . '</p>';
		$this->row_end( 'credential_secret', $errors );

		// Partner tag.
		$this->row_start( 'partner_tag', __( 'Partner Tag (Tracking ID)', 'asa2-creators' ), $errors );
		printf(
			'<input type="text" class="regular-text code" name="asa2[partner_tag]" id="asa2-partner_tag" value="%1$s" autocomplete="off" spellcheck="false" placeholder="mysite-21" aria-describedby="asa2-partner_tag-live asa2-partner_tag-help"%2$s />',
			esc_attr( (string) $values['partner_tag'] ),
			isset( $errors['partner_tag'] ) ? ' aria-invalid="true"' : ''
		);
		echo '<p class="asa2-live" id="asa2-partner_tag-live" aria-live="polite"></p>';
		echo '<p class="description" id="asa2-partner_tag-help">' . esc_html__( 'Your Amazon Associates Tracking ID for this marketplace. It must belong to the Associates account linked to these Creators API credentials.', 'asa2-creators' ) . '</p>';
		$this->row_end( 'partner_tag', $errors );

		// Enabled.
		$this->row_start( 'enabled', __( 'Enable Marketplace', 'asa2-creators' ), $errors, false );
		printf(
			'<label for="asa2-enabled"><input type="checkbox" name="asa2[enabled]" id="asa2-enabled" value="1"%1$s /> %2$s</label>',
			checked( (bool) $values['enabled'], true, false ),
			esc_html__( 'Use this marketplace for product lookups', 'asa2-creators' )
		);
		echo '<p class="description">' . esc_html__( 'You can temporarily disable a marketplace without deleting its credentials.', 'asa2-creators' ) . '</p>';
		$this->row_end( 'enabled', $errors );

		// Default.
		$this->row_start( 'default', __( 'Set as Default Marketplace', 'asa2-creators' ), $errors, false );
		printf(
			'<label for="asa2-default"><input type="checkbox" name="asa2[default]" id="asa2-default" value="1"%1$s /> %2$s</label>',
			checked( (bool) $values['default'], true, false ),
			esc_html__( 'Use this marketplace when no specific country is selected', 'asa2-creators' )
		);
		$current_default = $this->marketplaces->default_code();
		if ( null !== $current_default && $current_default !== ( $record['marketplace'] ?? '' ) ) {
			$country = CoreMessages::country( (string) $current_default, $current_default );
			echo '<p class="description">' . esc_html(
				sprintf(
					/* translators: %s: country name of the current default marketplace */
					__( 'The current default is %s; checking this box moves the default here.', 'asa2-creators' ),
					$country
				)
			) . '</p>';
		}
		$this->row_end( 'default', $errors );

		echo '</tbody></table>';
		echo '<p class="submit">';
		submit_button( $editing ? __( 'Save Changes', 'asa2-creators' ) : __( 'Add Marketplace', 'asa2-creators' ), 'primary', 'submit', false );
		echo ' <a href="' . esc_url( SetupScreen::url( SetupScreen::TAB_CREATORS ) ) . '" class="button button-secondary">' . esc_html__( 'Cancel', 'asa2-creators' ) . '</a>';
		echo '</p></form>';
	}

	/**
	 * Opens a form row.
	 *
	 * @param string $field     Field name.
	 * @param string $label     Label.
	 * @param array  $errors    Field errors.
	 * @param bool   $label_for Whether the label points at an input with id asa2-{field}.
	 */
	private function row_start( string $field, string $label, array $errors, bool $label_for = true ): void {
		$class = 'asa2-row-' . $field . ( isset( $errors[ $field ] ) ? ' form-invalid' : '' );
		echo '<tr class="' . esc_attr( $class ) . '"><th scope="row">';
		if ( $label_for ) {
			echo '<label for="' . esc_attr( 'asa2-' . $field ) . '">' . esc_html( $label ) . '</label>';
		} else {
			echo esc_html( $label );
		}
		echo '</th><td>';
	}

	/**
	 * Closes a form row with its error messages.
	 *
	 * @param string $field  Field name.
	 * @param array  $errors Field errors.
	 */
	private function row_end( string $field, array $errors ): void {
		foreach ( (array) ( $errors[ $field ] ?? array() ) as $message ) {
			echo '<p class="asa2-field-error" id="' . esc_attr( 'asa2-' . $field . '-error' ) . '" data-field="' . esc_attr( $field ) . '">' . esc_html( $message ) . '</p>';
		}
		echo '</td></tr>';
	}

	/**
	 * "Delete marketplace?" confirmation.
	 *
	 * @param array $record Stored record.
	 */
	private function render_delete_confirmation( array $record ): void {
		$country = CoreMessages::country( (string) $record['marketplace'], $record['marketplace'] );
		echo '<div class="asa2-card asa2-confirm">';
		echo '<h2>' . esc_html(
			sprintf(
				/* translators: %s: country name, e.g. Germany */
				__( 'Delete the %s marketplace?', 'asa2-creators' ),
				$country
			)
		) . '</h2>';
		echo '<p>' . esc_html__( 'Its Credential ID, the encrypted Credential Secret and the Partner Tag are removed from this site. Products of this marketplace then load through PA-API 5.0, if configured. To stop using it only for a while, disable it instead.', 'asa2-creators' ) . '</p>';
		if ( $record['default'] ) {
			echo '<p><strong>' . esc_html__( 'This is the default marketplace; after deleting it no marketplace is the default until you set one.', 'asa2-creators' ) . '</strong></p>';
		}
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '">';
		RequestGuard::fields( MarketplaceActions::DELETE );
		echo '<input type="hidden" name="marketplace" value="' . esc_attr( $record['marketplace'] ) . '" />';
		echo '<p>';
		submit_button( __( 'Yes, delete marketplace', 'asa2-creators' ), 'delete button-primary', 'submit', false, array( 'id' => 'asa2-confirm-delete' ) );
		echo ' <a href="' . esc_url( SetupScreen::url( SetupScreen::TAB_CREATORS ) ) . '" class="button button-secondary">' . esc_html__( 'Cancel', 'asa2-creators' ) . '</a>';
		echo '</p></form></div>';
	}
}
