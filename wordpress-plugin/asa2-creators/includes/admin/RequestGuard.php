<?php
/**
 * Capability and nonce checks for every state change.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\Plugin;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The door every admin-post handler passes first.
 */
final class RequestGuard {

	/** Name of the nonce field in every form. */
	public const NONCE_FIELD = '_asa2_nonce';

	/**
	 * Refuses the request unless the user may manage options and the nonce matches the action.
	 *
	 * @param string $action  Nonce action.
	 * @param array  $request Unslashed POST data.
	 * @throws AccessDenied When either check fails.
	 */
	public static function check( string $action, array $request ): void {
		if ( ! current_user_can( Plugin::CAPABILITY ) ) {
			throw new AccessDenied( __( 'Sorry, you are not allowed to change the ASA2 settings.', 'asa2-creators' ) );
		}
		$nonce = isset( $request[ self::NONCE_FIELD ] ) ? sanitize_text_field( self::text( $request[ self::NONCE_FIELD ] ) ) : '';
		$valid = wp_verify_nonce( $nonce, $action );
		/** This action is documented in wp-includes/pluggable.php (check_admin_referer). */
		do_action( 'check_admin_referer', $action, $valid );
		if ( ! $valid ) {
			throw new AccessDenied( __( 'The link you followed has expired or the form was not sent from this site. Go back, reload the page and try again.', 'asa2-creators' ) );
		}
	}

	/**
	 * A posted value as a string; '' for anything else (a tampered form can send arrays such as
	 * asa2[field][]=x), so it ends in a field error instead of a PHP warning.
	 *
	 * @param mixed $value Unslashed POST value.
	 * @return string
	 */
	public static function text( $value ): string {
		return is_scalar( $value ) ? (string) $value : '';
	}

	/**
	 * A pasted secret as sent, for the extension to check: it trims surrounding whitespace and
	 * explains any other character no Amazon credential contains. Only whitespace counts as
	 * blank ('' - on an edit form, keep the stored secret).
	 *
	 * @param mixed $value Unslashed POST value.
	 * @return string
	 */
	public static function secret( $value ): string {
		$secret = self::text( $value );
		return '' === trim( $secret, " \t\n\r\x0B\x0C" ) ? '' : $secret;
	}

	/**
	 * The form's own fields (the posted asa2[...] group); an empty array when the group is
	 * missing or was tampered into a string.
	 *
	 * @param array $request Unslashed POST data.
	 * @return array
	 */
	public static function group( array $request ): array {
		return is_array( $request['asa2'] ?? null ) ? $request['asa2'] : array();
	}

	/**
	 * Hidden fields of a form that posts to admin-post.php.
	 *
	 * @param string $action admin-post action (also the nonce action).
	 */
	public static function fields( string $action ): void {
		// Like wp_nonce_field(), without an id: a table holds many of these forms.
		echo '<input type="hidden" name="action" value="' . esc_attr( $action ) . '" />';
		echo '<input type="hidden" name="' . esc_attr( self::NONCE_FIELD ) . '" value="' . esc_attr( wp_create_nonce( $action ) ) . '" />';
		wp_referer_field();
	}
}
