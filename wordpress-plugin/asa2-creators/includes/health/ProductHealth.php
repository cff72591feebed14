<?php
/**
 * Site Health tests and notices about products.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Health;

use Asa2\Creators\Admin\OptionsScreen;
use Asa2\Creators\Admin\ProductsScreen;
use Asa2\Creators\Admin\ProductsSettingsTab;
use Asa2\Creators\Api\AmazonApi;
use Asa2\Creators\Clock;
use Asa2\Creators\Cron\RefreshCapacity;
use Asa2\Creators\Cron\RefreshScheduler;
use Asa2\Creators\Products\ApiRouter;
use Asa2\Creators\Products\CallTracker;
use Asa2\Creators\Products\ProductService;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Tools -> Site Health: the last token and API call per marketplace, whether the background
 * refresh runs, and whether it can keep every product within the refresh interval. Also the
 * admin notice shown while Amazon calls an account not eligible.
 */
final class ProductHealth {

	/** @var CallTracker */
	private CallTracker $call_tracker;

	/** @var ProductService */
	private ProductService $product_service;

	/** @var RefreshCapacity */
	private RefreshCapacity $capacity;

	/**
	 * @param CallTracker     $call_tracker    Last calls per marketplace.
	 * @param ProductService  $product_service Product lookups.
	 * @param RefreshCapacity $capacity        Whether the background refresh keeps up.
	 */
	public function __construct( CallTracker $call_tracker, ProductService $product_service, RefreshCapacity $capacity ) {
		$this->call_tracker    = $call_tracker;
		$this->product_service = $product_service;
		$this->capacity        = $capacity;
	}

	/**
	 * Adds the tests.
	 *
	 * @param array $tests Tests by type.
	 * @return array
	 */
	public function register( array $tests ): array {
		$tests['direct']['asa2_api_calls']       = array(
			'label' => __( 'ASA2 calls to Amazon', 'asa2-creators' ),
			'test'  => array( $this, 'test_api_calls' ),
		);
		$tests['direct']['asa2_product_refresh'] = array(
			'label' => __( 'ASA2 background product refresh', 'asa2-creators' ),
			'test'  => array( $this, 'test_refresh' ),
		);
		$tests['direct']['asa2_refresh_capacity'] = array(
			'label' => __( 'ASA2 refresh capacity', 'asa2-creators' ),
			'test'  => array( $this, 'test_capacity' ),
		);
		return $tests;
	}

	/**
	 * The last token and API call of each marketplace.
	 *
	 * @return array
	 */
	public function test_api_calls(): array {
		$calls = $this->call_tracker->all();
		if ( ! $calls ) {
			return $this->result( 'asa2_api_calls', 'recommended', __( 'ASA2 has not called Amazon yet', 'asa2-creators' ), array( __( 'Add a product in ASA2 → Products to check that product data loads.', 'asa2-creators' ) ) );
		}
		$lines  = array();
		$failed = false;
		foreach ( $calls as $code => $kinds ) {
			foreach ( array( 'token' => __( 'last token', 'asa2-creators' ), 'api' => __( 'last API call', 'asa2-creators' ) ) as $kind => $label ) {
				if ( ! isset( $kinds[ $kind ] ) ) {
					continue;
				}
				$call    = $kinds[ $kind ];
				$ok      = in_array( $call['outcome'], array( 'ok', 'partial' ), true );
				$failed  = $failed || ! $ok;
				$lines[] = sprintf(
					/* translators: 1: marketplace, 2: "last token" or "last API call", 3: API, 4: operation, 5: time, 6: outcome, 7: HTTP status */
					__( '%1$s, %2$s: %3$s %4$s at %5$s – %6$s (HTTP %7$d)', 'asa2-creators' ),
					ApiRouter::country( (string) $code ),
					$label,
					( AmazonApi::of( (string) $call['api'] ) ?? AmazonApi::Creators )->label( (string) $call['api_version'] ),
					$call['operation'],
					wp_date( 'Y-m-d H:i:s', (int) $call['time'] ),
					$call['outcome'] . ( $ok ? '' : ': ' . $call['message'] ),
					(int) $call['http_status']
				);
			}
		}
		return $failed
			? $this->result( 'asa2_api_calls', 'recommended', __( 'A recent ASA2 call to Amazon failed', 'asa2-creators' ), $lines )
			: $this->result( 'asa2_api_calls', 'good', __( 'ASA2 calls to Amazon succeed', 'asa2-creators' ), $lines );
	}

	/**
	 * The refresh event is scheduled and WP-Cron runs.
	 *
	 * @return array
	 */
	public function test_refresh(): array {
		$next  = wp_next_scheduled( RefreshScheduler::HOOK );
		$last  = get_option( RefreshScheduler::LAST_RUN_OPTION );
		$lines = array();
		if ( is_array( $last ) ) {
			$lines[] = sprintf(
				/* translators: 1: time, 2: number refreshed, 3: number failed */
				__( 'Last run: %1$s, %2$d refreshed, %3$d failed.', 'asa2-creators' ),
				wp_date( 'Y-m-d H:i:s', (int) $last['time'] ),
				(int) $last['updated'],
				(int) $last['failed']
			);
			if ( isset( $last['remaining'] ) ) {
				$lines[] = sprintf(
					/* translators: 1: number of products still due, 2: seconds the run worked, 3: seconds it could work */
					__( 'Products still due after it: %1$d; it worked %2$s of its %3$s seconds.', 'asa2-creators' ),
					(int) $last['remaining'],
					number_format_i18n( (float) $last['seconds'], 1 ),
					number_format_i18n( (float) $last['budget'] )
				);
			}
		}
		$follow_up = wp_next_scheduled( RefreshScheduler::HOOK_CONTINUE );
		if ( $follow_up ) {
			$lines[] = sprintf(
				/* translators: %s: time */
				__( 'Products are still due: a follow-up run is scheduled for %s.', 'asa2-creators' ),
				wp_date( 'Y-m-d H:i:s', (int) $follow_up )
			);
		}
		if ( ! $next ) {
			return $this->result( 'asa2_product_refresh', 'critical', __( 'The ASA2 background product refresh is not scheduled', 'asa2-creators' ), array_merge( $lines, array( __( 'Deactivate and activate ASA2 Creators API to schedule it again; until then stored products are not refreshed and their prices are hidden after 24 hours.', 'asa2-creators' ) ) ) );
		}
		$lines[] = sprintf(
			/* translators: %s: time */
			__( 'Next scheduled refresh: %s.', 'asa2-creators' ),
			wp_date( 'Y-m-d H:i:s', (int) $next )
		);
		if ( $next < Clock::now() - HOUR_IN_SECONDS ) {
			$lines[] = defined( 'DISABLE_WP_CRON' ) && DISABLE_WP_CRON
				? __( 'DISABLE_WP_CRON is set: make sure a system cron job runs wp-cron.php (e.g. every 5 minutes).', 'asa2-creators' )
				: __( 'WP-Cron events are overdue. Make sure the site gets visits or run wp-cron.php from a system cron job.', 'asa2-creators' );
			return $this->result( 'asa2_product_refresh', 'recommended', __( 'The ASA2 background product refresh is overdue', 'asa2-creators' ), $lines );
		}
		return $this->result( 'asa2_product_refresh', 'good', __( 'The ASA2 background product refresh is scheduled', 'asa2-creators' ), $lines );
	}

	/**
	 * Whether the background refresh can keep every stored product within the refresh interval.
	 *
	 * @return array
	 */
	public function test_capacity(): array {
		$capacity = $this->capacity->assess();
		$text     = RefreshCapacity::explain( $capacity );
		return $this->result( 'asa2_refresh_capacity', $capacity['status'], $text['label'], $text['lines'], OptionsScreen::url( array( 'tab' => ProductsSettingsTab::TAB ) ), __( 'Open ASA2 Options → Products', 'asa2-creators' ) );
	}

	/**
	 * The notice while Amazon calls an account not eligible.
	 */
	public function render_not_eligible_notice(): void {
		$flags = $this->product_service->not_eligible();
		if ( ! $flags ) {
			return;
		}
		$countries = array_map( array( ApiRouter::class, 'country' ), array_keys( $flags ) );
		echo '<div class="notice notice-warning asa2-notice asa2-not-eligible"><p><strong>' . esc_html__( 'ASA2: Amazon does not give this Associates account API access yet.', 'asa2-creators' ) . '</strong> ';
		echo esc_html(
			sprintf(
				/* translators: %s: comma-separated marketplaces */
				__( 'Amazon answered "not eligible" for %s. API access opens once the account has made 10 qualifying sales in the last 30 days. Until then ASA2 keeps showing the stored product data, hides prices older than 24 hours, and tries again at each refresh.', 'asa2-creators' ),
				implode( ', ', $countries )
			)
		) . ' <a href="' . esc_url( ProductsScreen::url() ) . '">' . esc_html__( 'ASA2 Products', 'asa2-creators' ) . '</a></p></div>';
	}

	/**
	 * A Site Health result.
	 *
	 * @param string       $test   Test id.
	 * @param string       $status good, recommended or critical.
	 * @param string       $label  Headline.
	 * @param list<string> $lines  Details.
	 * @param string       $url    Where to act (default: ASA2 Products).
	 * @param string       $link   Text of the link.
	 * @return array
	 */
	private function result( string $test, string $status, string $label, array $lines, string $url = '', string $link = '' ): array {
		return HealthResult::make(
			$test,
			$status,
			$label,
			'<ul>' . implode( '', array_map( static fn( string $l ): string => '<li>' . esc_html( $l ) . '</li>', $lines ) ) . '</ul>',
			'' !== $url ? $url : ProductsScreen::url(),
			'' !== $link ? $link : __( 'Open ASA2 Products', 'asa2-creators' )
		);
	}
}
