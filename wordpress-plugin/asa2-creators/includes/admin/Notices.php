<?php
/**
 * Messages carried across the redirect after a form submission.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Per-user flash notices, kept in a short-lived transient.
 */
final class Notices {

	/** Transient prefix; the user id follows. */
	public const TRANSIENT_PREFIX = 'asa2_notices_';

	/**
	 * Queues a notice for the current user.
	 *
	 * @param string $type    "success", "error", "warning" or "info".
	 * @param string $message Plain text.
	 * @param array  $extra   Optional: details (list of plain-text lines), switch (marketplace code
	 *                        offered "Switch to LWA (v3) and test again").
	 */
	public function add( string $type, string $message, array $extra = array() ): void {
		$notices   = $this->peek();
		$notices[] = array(
			'type'    => $type,
			'message' => $message,
			'details' => array_values( array_map( 'strval', (array) ( $extra['details'] ?? array() ) ) ),
			'switch'  => (string) ( $extra['switch'] ?? '' ),
		);
		set_transient( $this->key(), $notices, 5 * MINUTE_IN_SECONDS );
	}

	/**
	 * Queued notices without removing them.
	 *
	 * @return list<array{type: string, message: string, details: list<string>, switch: string}>
	 */
	public function peek(): array {
		$notices = get_transient( $this->key() );
		return is_array( $notices ) ? $notices : array();
	}

	/**
	 * Removes and returns the queued notices.
	 *
	 * @return list<array>
	 */
	public function take(): array {
		$notices = $this->peek();
		delete_transient( $this->key() );
		return $notices;
	}

	/**
	 * Prints and clears the queued notices.
	 */
	public function render(): void {
		foreach ( $this->take() as $notice ) {
			$type = in_array( $notice['type'], array( 'success', 'error', 'warning', 'info' ), true ) ? $notice['type'] : 'info';
			echo '<div class="notice notice-' . esc_attr( $type ) . ' is-dismissible asa2-notice"><p>' . esc_html( $notice['message'] ) . '</p>';
			if ( $notice['details'] ) {
				echo '<ul class="asa2-notice-details">';
				foreach ( $notice['details'] as $line ) {
					echo '<li>' . esc_html( $line ) . '</li>';
				}
				echo '</ul>';
			}
			if ( '' !== $notice['switch'] ) {
				echo '<p>';
				MarketplaceActions::render_switch_button( $notice['switch'] );
				echo '</p>';
			}
			echo '</div>';
		}
	}

	/**
	 * Transient name for the current user.
	 *
	 * @return string
	 */
	private function key(): string {
		return self::TRANSIENT_PREFIX . get_current_user_id();
	}
}
