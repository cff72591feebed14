<?php
/**
 * The Associate ID Sets tab.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Storage\IdSetRepository;
use Asa2\Marketplaces;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Lists the sets and shows the add/edit form.
 */
final class IdSetsTab {

	/** FormState name. */
	public const FORM = 'id_set';

	/** @var IdSetRepository */
	private IdSetRepository $id_sets;

	/** @var FormState */
	private FormState $form_state;

	/**
	 * @param IdSetRepository $id_sets    Associate ID Sets.
	 * @param FormState       $form_state Input and errors kept for the form.
	 */
	public function __construct( IdSetRepository $id_sets, FormState $form_state ) {
		$this->id_sets    = $id_sets;
		$this->form_state = $form_state;
	}

	/**
	 * The requested view: list, add or edit.
	 *
	 * @return string
	 */
	private function view(): string {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- read-only navigation.
		$view = isset( $_GET['view'] ) ? sanitize_key( wp_unslash( $_GET['view'] ) ) : 'list';
		return in_array( $view, array( 'list', 'add', 'edit' ), true ) ? $view : 'list';
	}

	/**
	 * "+ Add ID Set" beside the title.
	 */
	public function render_title_action(): void {
		if ( 'list' === $this->view() ) {
			echo '<a href="' . esc_url( SetupScreen::url( SetupScreen::TAB_ID_SETS, array( 'view' => 'add' ) ) ) . '" class="page-title-action" id="asa2-add-id-set">' . esc_html__( '+ Add ID Set', 'asa2-creators' ) . '</a>';
		}
	}

	/**
	 * Prints the tab.
	 */
	public function render(): void {
		$view = $this->view();
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- read-only navigation.
		$id  = isset( $_GET['set'] ) ? sanitize_title( wp_unslash( $_GET['set'] ) ) : '';
		$set = '' !== $id ? $this->id_sets->get( $id ) : null;
		if ( 'add' === $view ) {
			$this->render_form( null );
			return;
		}
		if ( 'edit' === $view && null !== $set ) {
			$this->render_form( $set );
			return;
		}
		echo '<p class="asa2-intro">' . esc_html__( 'An Associate ID Set maps each marketplace to the tracking ID of your Associates account there. ASA2 uses a set to send visitors to the Amazon store of their own country with the right tracking ID.', 'asa2-creators' ) . '</p>';
		$table = new IdSetsTable( $this->id_sets );
		$table->prepare_items();
		$table->display();
	}

	/**
	 * The add/edit form: a name and one tracking ID per marketplace.
	 *
	 * @param array|null $set Stored set when editing.
	 */
	private function render_form( ?array $set ): void {
		$state     = $this->form_state->take( self::FORM );
		$errors    = array();
		$name      = $set['name'] ?? '';
		$tags      = $set['tags'] ?? array();
		$countries = $set['countries'] ?? '';
		if ( $state && (string) ( $state['input']['original'] ?? '' ) === ( $set['id'] ?? '' ) ) {
			$errors    = $state['errors'];
			$name      = (string) ( $state['input']['name'] ?? '' );
			$tags      = (array) ( $state['input']['tags'] ?? array() );
			$countries = (string) ( $state['input']['countries'] ?? '' );
		}
		echo '<h2 class="asa2-section-title">' . esc_html( null === $set ? __( 'Add Associate ID Set', 'asa2-creators' ) : __( 'Edit Associate ID Set', 'asa2-creators' ) ) . '</h2>';
		if ( $errors ) {
			echo '<div class="notice notice-error inline asa2-form-errors" role="alert"><p>' . esc_html__( 'The set was not saved. Please correct the fields marked below.', 'asa2-creators' ) . '</p></div>';
		}
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="asa2-form" id="asa2-id-set-form" novalidate>';
		RequestGuard::fields( IdSetActions::SAVE );
		echo '<input type="hidden" name="original" value="' . esc_attr( $set['id'] ?? '' ) . '" />';
		echo '<table class="form-table" role="presentation"><tbody>';
		echo '<tr class="' . esc_attr( 'asa2-row-name' . ( isset( $errors['name'] ) ? ' form-invalid' : '' ) ) . '"><th scope="row"><label for="asa2-set-name">' . esc_html__( 'Set Name', 'asa2-creators' ) . '</label></th><td>';
		echo '<input type="text" class="regular-text" name="asa2[name]" id="asa2-set-name" value="' . esc_attr( $name ) . '" />';
		echo '<p class="description">' . esc_html__( 'A name you recognise, e.g. "Main site" or "Newsletter".', 'asa2-creators' ) . '</p>';
		$this->errors( 'name', $errors );
		echo '</td></tr>';
		echo '</tbody></table>';

		echo '<h3>' . esc_html__( 'Tracking IDs by marketplace', 'asa2-creators' ) . '</h3>';
		echo '<p class="description">' . esc_html__( 'Leave a marketplace empty if you have no Associates account there.', 'asa2-creators' ) . '</p>';
		echo '<table class="form-table asa2-id-set-tags" role="presentation"><tbody>';
		foreach ( Marketplaces::all() as $code => $marketplace ) {
			$field = 'tags[' . $code . ']';
			echo '<tr class="' . esc_attr( 'asa2-row-tag-' . $code . ( isset( $errors[ $field ] ) ? ' form-invalid' : '' ) ) . '"><th scope="row"><label for="' . esc_attr( 'asa2-tag-' . $code ) . '">' . esc_html( CoreMessages::country( $marketplace['code'] ) ) . ' <span class="asa2-muted">' . esc_html( $marketplace['domain'] ) . '</span></label></th><td>';
			printf(
				'<input type="text" class="regular-text code" name="asa2[tags][%1$s]" id="asa2-tag-%1$s" value="%2$s" autocomplete="off" spellcheck="false" />',
				esc_attr( $code ),
				esc_attr( (string) ( $tags[ $code ] ?? '' ) )
			);
			$this->errors( $field, $errors );
			echo '</td></tr>';
		}
		echo '</tbody></table>';
		echo '<h3>' . esc_html__( 'Visitors from other countries', 'asa2-creators' ) . '</h3>';
		echo '<table class="form-table" role="presentation"><tbody><tr class="' . esc_attr( 'asa2-row-countries' . ( isset( $errors['countries'] ) ? ' form-invalid' : '' ) ) . '"><th scope="row"><label for="asa2-set-countries">' . esc_html__( 'Other Stores for Some Countries', 'asa2-creators' ) . '</label></th><td>';
		echo '<input type="text" class="large-text code" name="asa2[countries]" id="asa2-set-countries" value="' . esc_attr( $countries ) . '" placeholder="BE=NL, LU=FR" spellcheck="false" />';
		echo '<p class="description">' . esc_html__( 'Country=store pairs that replace the usual choice (ASA2 → Options → Countries) for boxes of this set, e.g. BE=NL sends visitors from Belgium to amazon.nl. A store without a tracking ID above is skipped.', 'asa2-creators' ) . '</p>';
		$this->errors( 'countries', $errors );
		echo '</td></tr></tbody></table>';
		echo '<p class="submit">';
		submit_button( null === $set ? __( 'Add ID Set', 'asa2-creators' ) : __( 'Save Changes', 'asa2-creators' ), 'primary', 'submit', false );
		echo ' <a href="' . esc_url( SetupScreen::url( SetupScreen::TAB_ID_SETS ) ) . '" class="button button-secondary">' . esc_html__( 'Cancel', 'asa2-creators' ) . '</a>';
		echo '</p></form>';
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
