<?php
/**
 * What the user typed and what was wrong with it, carried across the redirect.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Per-user, per-form state: input (never secrets), field errors, warnings.
 */
final class FormState {

	/** Transient prefix; user id and form name follow. */
	public const TRANSIENT_PREFIX = 'asa2_form_';

	/**
	 * Keeps a rejected submission for the next page load.
	 *
	 * @param string                      $form   Form name.
	 * @param array                       $input  Submitted values without secrets.
	 * @param array<string, list<string>> $errors Field => messages.
	 */
	public function keep( string $form, array $input, array $errors ): void {
		set_transient(
			$this->key( $form ),
			array(
				'input'  => $input,
				'errors' => $errors,
			),
			10 * MINUTE_IN_SECONDS
		);
	}

	/**
	 * Takes the kept submission (once).
	 *
	 * @param string $form Form name.
	 * @return array{input: array, errors: array<string, list<string>>}|null
	 */
	public function take( string $form ): ?array {
		$state = get_transient( $this->key( $form ) );
		delete_transient( $this->key( $form ) );
		return is_array( $state ) ? $state : null;
	}

	/**
	 * Looks at the kept submission without taking it.
	 *
	 * @param string $form Form name.
	 * @return array|null
	 */
	public function peek( string $form ): ?array {
		$state = get_transient( $this->key( $form ) );
		return is_array( $state ) ? $state : null;
	}

	/**
	 * Transient name.
	 *
	 * @param string $form Form name.
	 * @return string
	 */
	private function key( string $form ): string {
		return self::TRANSIENT_PREFIX . get_current_user_id() . '_' . $form;
	}
}
