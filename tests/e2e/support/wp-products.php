<?php
/**
 * PHP side of the products browser test, run with the test stack's PHP and extension:
 *
 *   php -d extension=... wp-products.php STACK_JSON setup          Germany (Cognito) configured and default, products emptied;
 *                                                                   prints {"saved"} to hand to teardown
 *   php -d extension=... wp-products.php STACK_JSON teardown SAVED  marketplaces as before setup, products emptied
 *   php -d extension=... wp-products.php STACK_JSON post CONTENT   publishes a post, prints {"id", "url"}
 *   php -d extension=... wp-products.php STACK_JSON delete-post ID
 *   php -d extension=... wp-products.php STACK_JSON template ID NAME SOURCE  stores a product template (teardown removes it)
 *   php -d extension=... wp-products.php STACK_JSON seed-products N  adds N products generated from the stored ones
 *                                                                   (scripts/wp/ProductDataset.php), prints {"count"}
 *   php -d extension=... wp-products.php STACK_JSON refresh-run N  one background refresh run of at most N products
 *                                                                   (RefreshScheduler::run), prints its result
 *
 * @package Asa2\Tests\E2E
 */

require dirname( __DIR__, 3 ) . '/scripts/wp/bootstrap-cli.php';
$stack = asa2_stack_from_argv( $argv );
require $stack['wp_dir'] . '/wp-load.php';

use Asa2\Creators\Plugin;
use Asa2\Creators\Storage\MarketplaceRepository;

$plugin = Plugin::instance();
switch ( $argv[2] ?? '' ) {
	case 'setup':
		$saved = base64_encode( serialize( get_option( MarketplaceRepository::OPTION, array() ) ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions -- test fixture state.
		$demo = json_decode( (string) file_get_contents( $stack['root'] . '/crates/sandbox/demo.json' ), true );
		foreach ( $demo['credentials'] as $credential ) {
			if ( in_array( 'DE', $credential['marketplaces'], true ) ) {
				$config = \Asa2\MarketplaceConfig::validate(
					array(
						'marketplace'       => 'DE',
						'kind'              => 'cognito',
						'credential_id'     => $credential['id'],
						'credential_secret' => $credential['secret'],
						'partner_tag'       => $credential['partner_tags'][0],
						'enabled'           => true,
						'default'           => true,
					)
				)['config'];
				$config['credential_secret'] = $plugin->secrets()->seal( $config['credential_secret'], 'DE', MarketplaceRepository::SECRET_FIELD );
				$records                     = array();
				foreach ( $plugin->marketplaces()->all() as $code => $record ) {
					$record['default'] = false;
					$records[ $code ]  = $record;
				}
				$records['DE'] = $config + array( 'updated_at' => time() );
				$plugin->marketplaces()->replace_all( $records );
			}
		}
		$plugin->products()->install();
		global $wpdb;
		$wpdb->query( "DELETE FROM {$plugin->products()->name()}" ); // phpcs:ignore WordPress.DB -- test fixture.
		echo wp_json_encode( array( 'saved' => $saved ) );
		break;
	case 'teardown':
		$previous = unserialize( base64_decode( (string) $argv[3] ), array( 'allowed_classes' => false ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions -- our own value from setup.
		if ( is_array( $previous ) && $previous ) {
			update_option( MarketplaceRepository::OPTION, $previous, false );
		} else {
			delete_option( MarketplaceRepository::OPTION );
		}
		global $wpdb;
		$wpdb->query( "DELETE FROM {$plugin->products()->name()}" ); // phpcs:ignore WordPress.DB -- test fixture.
		foreach ( array( 'asa2_last_calls', 'asa2_not_eligible', 'asa2_last_refresh', \Asa2\Creators\Storage\TemplateRepository::OPTION, \Asa2\Creators\Storage\QuotaSettings::OPTION ) as $option ) {
			delete_option( $option );
		}
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( 'asa2_qday_' ) . '%' ) ); // phpcs:ignore WordPress.DB -- test fixture: the requests counted today.
		echo wp_json_encode( array( 'ok' => true ) );
		break;
	case 'post':
		$id = wp_insert_post(
			array(
				'post_title'   => 'Our espresso grinder pick',
				'post_content' => (string) $argv[3],
				'post_status'  => 'publish',
				'post_author'  => 1,
			),
			true
		);
		if ( is_wp_error( $id ) ) {
			fwrite( STDERR, $id->get_error_message() );
			exit( 1 );
		}
		echo wp_json_encode( array( 'id' => $id, 'url' => get_permalink( $id ) ) );
		break;
	case 'delete-post':
		wp_delete_post( (int) $argv[3], true );
		echo wp_json_encode( array( 'ok' => true ) );
		break;
	case 'template':
		\Asa2\Template::check( (string) $argv[5] );
		$plugin->templates()->put( sanitize_key( (string) $argv[3] ), (string) $argv[4], (string) $argv[5] );
		echo wp_json_encode( array( 'ok' => true ) );
		break;
	case 'seed-products':
		require_once $stack['root'] . '/scripts/wp/ProductDataset.php';
		global $wpdb;
		$templates = \Asa2\Tools\ProductDataset::templates( $plugin->products()->page( 10, 1 ) );
		( new \Asa2\Tools\ProductDataset( $wpdb, $plugin->products()->name() ) )->load( $templates, (int) $argv[3], time(), 500000 );
		echo wp_json_encode( array( 'count' => $plugin->products()->count() ) );
		break;
	case 'refresh-run':
		$result = $plugin->refresh_scheduler()->run( (int) $argv[3] );
		echo wp_json_encode( array( 'updated' => $result['updated'], 'failed' => count( $result['failed'] ), 'stopped' => $result['stopped'] ) );
		break;
	default:
		fwrite( STDERR, "unknown command\n" );
		exit( 1 );
}
