<?php
/**
 * PHP side of the visitor-country browser test, run with the test stack's PHP and extension:
 *
 *   php -d extension=... wp-geo.php STACK_JSON setup ASIN_A ASIN_B  Germany, the UK and the US set up (sandbox
 *        credentials), an Associate ID Set "Geo Test", the CF-IPCountry header trusted, products also loaded
 *        for the UK and the US; both ASINs loaded for Germany, then by the background refresh for the UK and
 *        the US, except ASIN_B for the US (Amazon does not sell it there: stored with an error only);
 *        a post with a box of each; prints {"saved", "url", "id", "stored"}
 *   php -d extension=... wp-geo.php STACK_JSON teardown SAVED ID   everything as before setup
 *
 * @package Asa2\Tests\E2E
 */

require dirname( __DIR__, 3 ) . '/scripts/wp/bootstrap-cli.php';
$stack = asa2_stack_from_argv( $argv );
require $stack['wp_dir'] . '/wp-load.php';

use Asa2\Creators\Plugin;
use Asa2\Creators\Storage\GeoSettings;
use Asa2\Creators\Storage\IdSetRepository;
use Asa2\Creators\Storage\MarketplaceRepository;

$plugin  = Plugin::instance();
$options = array( MarketplaceRepository::OPTION, IdSetRepository::OPTION, GeoSettings::OPTION );
global $wpdb;
switch ( $argv[2] ?? '' ) {
	case 'setup':
		$saved = array();
		foreach ( $options as $option ) {
			$saved[ $option ] = get_option( $option, null );
		}
		$demo    = json_decode( (string) file_get_contents( $stack['root'] . '/crates/sandbox/demo.json' ), true );
		$records = array();
		foreach ( $demo['credentials'] as $credential ) {
			$code = $credential['marketplaces'][0];
			if ( ! in_array( $code, array( 'DE', 'UK', 'US' ), true ) ) {
				continue;
			}
			$config                      = \Asa2\MarketplaceConfig::validate(
				array(
					'marketplace'       => $code,
					'kind'              => 0 === strpos( $credential['version'], '2.' ) ? 'cognito' : 'lwa',
					'credential_id'     => $credential['id'],
					'credential_secret' => $credential['secret'],
					'partner_tag'       => $credential['partner_tags'][0],
					'enabled'           => true,
					'default'           => 'DE' === $code,
				)
			)['config'];
			$config['credential_secret'] = $plugin->secrets()->seal( $config['credential_secret'], $code, MarketplaceRepository::SECRET_FIELD );
			$records[ $code ]            = $config + array( 'updated_at' => time() );
		}
		$plugin->marketplaces()->replace_all( $records );
		$plugin->id_sets()->put(
			array(
				'id'         => 'geo-test',
				'name'       => 'Geo Test',
				'tags'       => array( 'DE' => 'geotest-21', 'UK' => 'geotestuk-21', 'US' => 'geotestus-20' ),
				'countries'  => '',
				'updated_at' => time(),
			)
		);
		$plugin->geo_settings()->save(
			array(
				'use_header' => true,
				'header'     => GeoSettings::DEFAULT_HEADER,
				'database'   => '',
				'also_load'  => array( 'UK', 'US' ),
			)
		);
		$plugin->products()->install();
		$wpdb->query( "DELETE FROM {$plugin->products()->name()}" ); // phpcs:ignore WordPress.DB -- test fixture.
		delete_option( \Asa2\Creators\Geo\OtherStores::PROGRESS_OPTION );
		[ $asin_a, $asin_b ] = array( (string) $argv[3], (string) $argv[4] );
		$plugin->product_service()->add( $asin_a, 'DE' );
		$plugin->product_service()->add( $asin_b, 'DE' );
		$plugin->other_stores()->queue_missing( time() );
		// Amazon's answer for a product a store does not sell, as the refresh records it.
		$plugin->products()->record_error( $asin_b, 'US', 'ItemNotAccessible', 'The item is not accessible through the Creators API in this marketplace.', time() );
		$plugin->refresh_scheduler()->run();
		$stored       = $plugin->other_stores()->stored( array( $asin_a, $asin_b ) );
		$availability = array();
		foreach ( array( $asin_a, $asin_b ) as $asin ) {
			foreach ( $plugin->products()->by_asin( $asin ) as $row ) {
				$availability[ $asin ][ $row['marketplace'] ] = $row['item']['availability']['type'] ?? $row['error_code'];
			}
		}
		$id     = wp_insert_post(
			array(
				'post_title'   => 'Geo test ' . wp_generate_password( 8, false ),
				'post_content' => sprintf( "[asa2 asin=\"%s\" marketplace=\"DE\" idset=\"geo-test\"]\n\n[asa2 asin=\"%s\" marketplace=\"DE\" idset=\"geo-test\"]", $asin_a, $asin_b ),
				'post_status'  => 'publish',
				'post_author'  => 1,
			),
			true
		);
		if ( is_wp_error( $id ) ) {
			fwrite( STDERR, $id->get_error_message() );
			exit( 1 );
		}
		echo wp_json_encode(
			array(
				'saved'  => base64_encode( serialize( $saved ) ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions -- test fixture state.
				'id'     => $id,
				'url'    => wp_make_link_relative( get_permalink( $id ) ),
				'stored'       => $stored,
				'availability' => $availability,
			)
		);
		break;
	case 'teardown':
		$saved = unserialize( base64_decode( (string) $argv[3] ), array( 'allowed_classes' => false ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions -- our own value from setup.
		foreach ( $options as $option ) {
			if ( is_array( $saved ) && null !== ( $saved[ $option ] ?? null ) ) {
				update_option( $option, $saved[ $option ], false );
			} else {
				delete_option( $option );
			}
		}
		wp_delete_post( (int) ( $argv[4] ?? 0 ), true );
		$wpdb->query( "DELETE FROM {$plugin->products()->name()}" ); // phpcs:ignore WordPress.DB -- test fixture.
		foreach ( array( 'asa2_last_calls', 'asa2_not_eligible', 'asa2_last_refresh', \Asa2\Creators\Geo\OtherStores::PROGRESS_OPTION ) as $option ) {
			delete_option( $option );
		}
		echo wp_json_encode( array( 'ok' => true ) );
		break;
	default:
		fwrite( STDERR, "unknown command\n" );
		exit( 1 );
}
