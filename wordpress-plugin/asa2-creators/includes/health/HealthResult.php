<?php
/**
 * The shape of ASA2's Site Health results.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Health;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * One Site Health test result with the ASA2 badge, as WordPress expects it from a direct test.
 */
final class HealthResult {

	/**
	 * A result.
	 *
	 * @param string $test        Test id.
	 * @param string $status      good, recommended or critical.
	 * @param string $label       Headline (plain text).
	 * @param string $description Explanation, already escaped HTML.
	 * @param string $url         Where to act, or '' for no link.
	 * @param string $link        Text of the link (plain text).
	 * @return array
	 */
	public static function make( string $test, string $status, string $label, string $description, string $url = '', string $link = '' ): array {
		return array(
			'label'       => $label,
			'status'      => $status,
			'badge'       => array(
				'label' => __( 'ASA2', 'asa2-creators' ),
				'color' => 'good' === $status ? 'blue' : ( 'critical' === $status ? 'red' : 'orange' ),
			),
			'description' => $description,
			'actions'     => '' === $url ? '' : '<p><a href="' . esc_url( $url ) . '">' . esc_html( $link ) . '</a></p>',
			'test'        => $test,
		);
	}
}
