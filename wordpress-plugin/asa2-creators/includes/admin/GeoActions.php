<?php
/**
 * admin-post.php handler of Options -> Countries.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Geo\OtherStores;
use Asa2\Creators\Storage\GeoSettings;
use Asa2\Geo;
use Asa2\ValidationException;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Saves the country settings: a header name, a readable country database, and stores among
 * those set up.
 */
final class GeoActions {

	/** admin-post action. */
	public const SAVE = 'asa2_save_geo';

	/** @var GeoSettings */
	private GeoSettings $settings;

	/** @var OtherStores */
	private OtherStores $other_stores;

	/** @var Notices */
	private Notices $notices;

	/**
	 * @param GeoSettings $settings     The settings.
	 * @param OtherStores $other_stores The stores products may also be loaded for.
	 * @param Notices     $notices      Notices for the next screen.
	 */
	public function __construct( GeoSettings $settings, OtherStores $other_stores, Notices $notices ) {
		$this->settings     = $settings;
		$this->other_stores = $other_stores;
		$this->notices      = $notices;
	}

	/**
	 * Stores the settings, or explains what is wrong and changes nothing.
	 *
	 * @param array $request Unslashed POST data: asa2[use_header|header|database|also_load][].
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function save( array $request ): string {
		RequestGuard::check( self::SAVE, $request );
		$fields   = RequestGuard::group( $request );
		$back     = OptionsScreen::url( array( 'tab' => CountriesTab::TAB ) );
		$typed    = sanitize_text_field( RequestGuard::text( $fields['header'] ?? '' ) );
		$header   = GeoSettings::header_name( $typed );
		$database = trim( sanitize_text_field( RequestGuard::text( $fields['database'] ?? '' ) ) );
		$chosen   = is_array( $fields['also_load'] ?? null ) ? array_map( static fn( $code ): string => strtoupper( sanitize_key( RequestGuard::text( $code ) ) ), $fields['also_load'] ) : array();
		$errors   = array();
		if ( '' === $header && '' !== trim( $typed ) ) {
			$errors[] = __( 'The header name may contain only letters, digits and hyphens, such as CF-IPCountry.', 'asa2-creators' );
		}
		if ( '' !== $database ) {
			if ( ! path_is_absolute( $database ) ) {
				$errors[] = __( 'Enter the full path of the country database, starting with /.', 'asa2-creators' );
			} else {
				try {
					Geo::countryOfIp( $database, '127.0.0.1' );
				} catch ( ValidationException $e ) {
					foreach ( CoreMessages::errors( $e ) as $messages ) {
						$errors = array_merge( $errors, array_map( 'strval', (array) $messages ) );
					}
				}
			}
		}
		if ( $errors ) {
			$this->notices->add( 'error', __( 'The country settings were not saved:', 'asa2-creators' ), array( 'details' => $errors ) );
			return $back;
		}
		$this->settings->save(
			array(
				'use_header' => ! empty( $fields['use_header'] ),
				'header'     => '' === $header ? GeoSettings::DEFAULT_HEADER : $header,
				'database'   => $database,
				'also_load'  => array_values( array_intersect( $this->other_stores->choices(), $chosen ) ),
			)
		);
		$this->notices->add( 'success', __( 'Country settings saved.', 'asa2-creators' ) );
		return $back;
	}
}
