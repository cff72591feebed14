<?php
/**
 * The Amazon PA API tab.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Products\ApiRouter;
use Asa2\Creators\Storage\MarketplaceRepository;
use Asa2\Creators\Storage\PaApiRepository;
use Asa2\Marketplaces;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * PA-API 5.0 credentials: the fallback for marketplaces without Creators API credentials.
 */
final class PaApiTab {

	/** FormState name. */
	public const FORM = 'paapi';

	/** @var PaApiRepository */
	private PaApiRepository $paapi;

	/** @var MarketplaceRepository */
	private MarketplaceRepository $marketplaces;

	/** @var FormState */
	private FormState $form_state;

	/** @var PaApiMove */
	private PaApiMove $move;

	/**
	 * @param PaApiRepository       $paapi        PA API settings.
	 * @param MarketplaceRepository $marketplaces Marketplace records.
	 * @param FormState             $form_state   Input and errors kept for the form.
	 * @param PaApiMove             $move         The marketplaces that can move to the Creators API.
	 */
	public function __construct( PaApiRepository $paapi, MarketplaceRepository $marketplaces, FormState $form_state, PaApiMove $move ) {
		$this->paapi        = $paapi;
		$this->marketplaces = $marketplaces;
		$this->form_state   = $form_state;
		$this->move         = $move;
	}

	/**
	 * Prints the tab.
	 */
	public function render(): void {
		$settings = $this->paapi->get();
		$state    = $this->form_state->take( self::FORM );
		$errors   = $state['errors'] ?? array();
		$values   = array_merge( $settings, array_intersect_key( $state['input'] ?? array(), array_flip( array( 'access_key', 'partner_tag', 'marketplace' ) ) ) );
		$stored   = '' !== $settings['secret_key'];

		$this->render_status_notice();
		$this->render_move();

		echo '<p class="asa2-intro">' . esc_html__( 'Product Advertising API 5.0 credentials (Access Key and Secret Key from Associates Central). ASA2 uses them only for marketplaces that have no Creators API credentials.', 'asa2-creators' ) . '</p>';

		if ( $errors ) {
			echo '<div class="notice notice-error inline asa2-form-errors" role="alert"><p>' . esc_html__( 'The PA API settings were not saved. Please correct the fields marked below.', 'asa2-creators' ) . '</p></div>';
		}

		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="asa2-form" id="asa2-paapi-form" novalidate>';
		RequestGuard::fields( PaApiActions::SAVE );
		echo '<table class="form-table" role="presentation"><tbody>';

		$this->text_row( 'access_key', __( 'Access Key', 'asa2-creators' ), (string) $values['access_key'], $errors, __( 'The PA-API Access Key (starts with AKI...).', 'asa2-creators' ) );

		echo '<tr class="asa2-row-secret_key' . ( isset( $errors['secret_key'] ) ? ' form-invalid' : '' ) . '"><th scope="row"><label for="asa2-secret_key">' . esc_html__( 'Secret Key', 'asa2-creators' ) . '</label></th><td>';
		printf(
			'<input type="password" class="regular-text code" name="asa2[secret_key]" id="asa2-secret_key" value="" autocomplete="new-password" spellcheck="false"%s />',
			$stored ? ' placeholder="' . esc_attr__( 'Stored – leave blank to keep', 'asa2-creators' ) . '"' : ''
		);
		echo '<p class="description">' . esc_html( $stored ? __( 'A secret key is stored (encrypted). Leave blank to keep it, or enter a new one to replace it.', 'asa2-creators' ) : __( 'Stored encrypted in the database and never shown again.', 'asa2-creators' ) ) . '</p>';
		$this->errors( 'secret_key', $errors );
		echo '</td></tr>';

		$this->text_row( 'partner_tag', __( 'Partner Tag (Tracking ID)', 'asa2-creators' ), (string) $values['partner_tag'], $errors, __( 'The tracking ID sent with PA-API requests.', 'asa2-creators' ) );

		echo '<tr class="asa2-row-marketplace' . ( isset( $errors['marketplace'] ) ? ' form-invalid' : '' ) . '"><th scope="row"><label for="asa2-paapi-marketplace">' . esc_html__( 'Default Country', 'asa2-creators' ) . '</label></th><td>';
		echo '<select name="asa2[marketplace]" id="asa2-paapi-marketplace"><option value="">' . esc_html__( 'Select a country', 'asa2-creators' ) . '</option>';
		foreach ( Marketplaces::all() as $code => $marketplace ) {
			printf( '<option value="%1$s"%2$s>%3$s (%4$s)</option>', esc_attr( $code ), selected( (string) $values['marketplace'], $code, false ), esc_html( CoreMessages::country( $marketplace['code'] ) ), esc_html( $marketplace['domain'] ) );
		}
		echo '</select><p class="description">' . esc_html__( 'The store used when no specific country is selected.', 'asa2-creators' ) . '</p>';
		$this->errors( 'marketplace', $errors );
		echo '</td></tr>';

		echo '</tbody></table>';
		submit_button( __( 'Save PA API Settings', 'asa2-creators' ) );
		echo '</form>';
	}

	/**
	 * The "PA API is not used for ..." notice while the Creators API is active.
	 */
	private function render_status_notice(): void {
		$active = $this->marketplaces->active();
		if ( ! $active ) {
			return;
		}
		$all       = Marketplaces::all();
		$creators  = array_map( static fn( string $code ): string => CoreMessages::country( $code ), array_keys( $active ) );
		$fallback  = array_map( static fn( array $m ): string => CoreMessages::country( $m['code'] ), array_diff_key( $all, $active ) );
		$configured = $this->paapi->is_configured();

		echo '<div class="notice notice-info inline asa2-paapi-status"><p><strong>' . esc_html__( 'The Creators API is active.', 'asa2-creators' ) . '</strong> ';
		echo esc_html(
			sprintf(
				/* translators: %s: comma-separated country names */
				__( 'PA API is not used for these marketplaces because they use the Creators API: %s.', 'asa2-creators' ),
				implode( ', ', $creators )
			)
		) . '</p>';
		if ( $fallback ) {
			echo '<p>' . esc_html(
				$configured
					/* translators: %s: comma-separated country names */
					? sprintf( __( 'Marketplaces without Creators API credentials still fall back to PA API: %s.', 'asa2-creators' ), implode( ', ', $fallback ) )
					/* translators: %s: comma-separated country names */
					: sprintf( __( 'No PA API credentials are stored, so these marketplaces have no fallback: %s.', 'asa2-creators' ), implode( ', ', $fallback ) )
			) . '</p>';
		}
		echo '<p>' . esc_html__( 'Your PA API credentials stay stored and are used automatically if the Creators API is disabled.', 'asa2-creators' ) . '</p></div>';
	}

	/**
	 * "Move to Creators API" for each marketplace PA-API serves without Creators API credentials.
	 */
	private function render_move(): void {
		$candidates = $this->move->candidates();
		if ( ! $candidates ) {
			return;
		}
		$retired = array_keys( array_filter( $candidates, static fn( array $c ): bool => $c['retired'] ) );
		echo PaApiMove::retired_notice( $retired ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- retired_notice escapes.
		echo '<div class="asa2-card asa2-paapi-move" id="asa2-paapi-move"><h2>' . esc_html__( 'Move to Creators API', 'asa2-creators' ) . '</h2>';
		echo '<p>' . esc_html__( 'Amazon retired PA-API 5.0 on 15 May 2026. These marketplaces still use it because they have no Creators API credentials. "Move to Creators API" opens Add Marketplace with the marketplace and partner tag filled in and the credential type LWA (v3), the type of all credentials Amazon issues since February 2026; you only enter the Credential ID and Credential Secret from Associates Central.', 'asa2-creators' ) . '</p>';
		echo '<table class="widefat striped asa2-table"><thead><tr><th>' . esc_html__( 'Marketplace', 'asa2-creators' ) . '</th><th>' . esc_html__( 'Partner Tag (Tracking ID)', 'asa2-creators' ) . '</th><th>' . esc_html__( 'Stored products', 'asa2-creators' ) . '</th><th></th></tr></thead><tbody>';
		foreach ( $candidates as $code => $candidate ) {
			echo '<tr data-marketplace="' . esc_attr( $code ) . '"><td>' . esc_html( ApiRouter::country( $code ) ) . '</td><td><code>' . esc_html( $candidate['partner_tag'] ) . '</code></td><td>' . esc_html( number_format_i18n( $candidate['products'] ) ) . '</td>';
			echo '<td><a class="button asa2-move-to-creators" data-marketplace="' . esc_attr( $code ) . '" href="' . esc_url( PaApiMove::url( $code ) ) . '">' . esc_html__( 'Move to Creators API', 'asa2-creators' ) . '</a></td></tr>';
		}
		echo '</tbody></table></div>';
	}

	/**
	 * A text input row.
	 *
	 * @param string $field       Field.
	 * @param string $label       Label.
	 * @param string $value       Value.
	 * @param array  $errors      Errors.
	 * @param string $description Help text.
	 */
	private function text_row( string $field, string $label, string $value, array $errors, string $description ): void {
		echo '<tr class="' . esc_attr( 'asa2-row-' . $field . ( isset( $errors[ $field ] ) ? ' form-invalid' : '' ) ) . '"><th scope="row"><label for="' . esc_attr( 'asa2-' . $field ) . '">' . esc_html( $label ) . '</label></th><td>';
		printf(
			'<input type="text" class="regular-text code" name="asa2[%1$s]" id="asa2-%1$s" value="%2$s" autocomplete="off" spellcheck="false" />',
			esc_attr( $field ),
			esc_attr( $value )
		);
		echo '<p class="description">' . esc_html( $description ) . '</p>';
		$this->errors( $field, $errors );
		echo '</td></tr>';
	}

	/**
	 * Field error messages.
	 *
	 * @param string $field  Field.
	 * @param array  $errors Errors.
	 */
	private function errors( string $field, array $errors ): void {
		foreach ( (array) ( $errors[ $field ] ?? array() ) as $message ) {
			echo '<p class="asa2-field-error" data-field="' . esc_attr( $field ) . '">' . esc_html( $message ) . '</p>';
		}
	}
}
