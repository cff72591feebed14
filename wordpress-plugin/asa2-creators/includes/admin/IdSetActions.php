<?php
/**
 * admin-post.php handlers of the Associate ID Sets tab.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Clock;
use Asa2\AssociateIdSets;
use Asa2\Geo;
use Asa2\Creators\Storage\IdSetRepository;
use Asa2\ValidationException;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Saves and deletes Associate ID Sets, validated by the extension (Asa2\AssociateIdSets).
 */
final class IdSetActions {

	/** admin-post actions. */
	public const SAVE   = 'asa2_save_id_set';
	public const DELETE = 'asa2_delete_id_set';

	/** @var IdSetRepository */
	private IdSetRepository $id_sets;

	/** @var FormState */
	private FormState $form_state;

	/** @var Notices */
	private Notices $notices;

	/**
	 * @param IdSetRepository $id_sets    Associate ID Sets.
	 * @param FormState       $form_state Input and errors kept for the form.
	 * @param Notices         $notices    Notices for the next screen.
	 */
	public function __construct( IdSetRepository $id_sets, FormState $form_state, Notices $notices ) {
		$this->id_sets    = $id_sets;
		$this->form_state = $form_state;
		$this->notices    = $notices;
	}

	/**
	 * Adds or updates a set.
	 *
	 * @param array $request Unslashed POST data: asa2[name], asa2[tags][CODE], asa2[countries], original.
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function save( array $request ): string {
		RequestGuard::check( self::SAVE, $request );
		$fields    = RequestGuard::group( $request );
		$original  = sanitize_title( RequestGuard::text( $request['original'] ?? '' ) );
		$name      = sanitize_text_field( RequestGuard::text( $fields['name'] ?? '' ) );
		$raw_tags  = is_array( $fields['tags'] ?? null ) ? $fields['tags'] : array();
		$countries = sanitize_textarea_field( RequestGuard::text( $fields['countries'] ?? '' ) );
		$tags      = array();
		foreach ( $raw_tags as $code => $tag ) {
			$tags[ strtoupper( sanitize_key( (string) $code ) ) ] = sanitize_text_field( is_scalar( $tag ) ? (string) $tag : '' );
		}
		$back = SetupScreen::url( SetupScreen::TAB_ID_SETS, '' === $original ? array( 'view' => 'add' ) : array( 'view' => 'edit', 'set' => $original ) );

		$errors   = array();
		$warnings = array();
		$set      = null;
		try {
			$validated = AssociateIdSets::validate( array( 'name' => $name, 'tags' => $tags ) );
			$set       = $validated['set'];
			foreach ( CoreMessages::by_field( (array) ( $validated['warning_details'] ?? array() ) ) as $field => $messages ) {
				foreach ( (array) $messages as $message ) {
					$warnings[] = (string) $message;
				}
			}
			$others = $this->id_sets->all();
			unset( $others[ $original ] );
			$list   = array_map( static fn( array $s ): array => array( 'name' => $s['name'], 'tags' => $s['tags'] ), array_values( $others ) );
			$list[] = $set;
			AssociateIdSets::validateAll( $list );
			$countries = Geo::overrides( $countries );
			$id        = sanitize_title( $set['name'] );
			if ( '' === $id ) {
				$errors['name'][] = __( 'Use at least one letter or digit in the set name.', 'asa2-creators' );
			} elseif ( isset( $others[ $id ] ) ) {
				$errors['name'][] = __( 'Another set has a name that differs only in punctuation or case. Choose a more distinct name.', 'asa2-creators' );
			}
		} catch ( ValidationException $e ) {
			foreach ( CoreMessages::errors( $e ) as $key => $messages ) {
				$errors[ (string) $key ] = array_merge( $errors[ (string) $key ] ?? array(), (array) $messages );
			}
		}
		if ( $errors || null === $set ) {
			if ( isset( $errors['tags'] ) ) {
				$errors['name'] = array_merge( $errors['name'] ?? array(), $errors['tags'] );
			}
			$this->form_state->keep(
				IdSetsTab::FORM,
				array(
					'original'  => $original,
					'name'      => $name,
					'tags'      => $tags,
					'countries' => $countries,
				),
				$errors
			);
			return $back;
		}
		$name = $set['name'];
		$tags = $set['tags'];

		$this->id_sets->put(
			array(
				'id'         => $id,
				'name'       => $name,
				'tags'       => $tags,
				'countries'  => $countries,
				'updated_at' => Clock::now(),
			),
			'' !== $original ? $original : null
		);
		$this->notices->add(
			'success',
			sprintf(
				/* translators: %s: set name */
				__( 'The Associate ID Set "%s" was saved.', 'asa2-creators' ),
				$name
			)
		);
		if ( $warnings ) {
			$this->notices->add( 'warning', __( 'Saved, but please check:', 'asa2-creators' ), array( 'details' => $warnings ) );
		}
		return SetupScreen::url( SetupScreen::TAB_ID_SETS );
	}

	/**
	 * Deletes a set.
	 *
	 * @param array $request Unslashed POST data: set.
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function delete( array $request ): string {
		RequestGuard::check( self::DELETE, $request );
		$id  = sanitize_title( RequestGuard::text( $request['set'] ?? '' ) );
		$set = $this->id_sets->get( $id );
		if ( null === $set || ! $this->id_sets->delete( $id ) ) {
			$this->notices->add( 'error', __( 'That Associate ID Set does not exist.', 'asa2-creators' ) );
		} else {
			$this->notices->add(
				'success',
				sprintf(
					/* translators: %s: set name */
					__( 'The Associate ID Set "%s" was deleted.', 'asa2-creators' ),
					$set['name']
				)
			);
		}
		return SetupScreen::url( SetupScreen::TAB_ID_SETS );
	}
}
