<?php
/**
 * Whether the background refresh can keep every stored product within the refresh interval.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Cron;

use Asa2\Api;
use Asa2\Creators\Products\ApiRouter;
use Asa2\Creators\Products\RateLimiter;
use Asa2\Creators\Storage\ProductSettings;
use Asa2\Creators\Storage\ProductTable;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * One full refresh takes ceil(n / 10) GetItems calls per marketplace, spaced per credential
 * (RateLimiter::spacing()); the credentials take turns, so the busiest credential sets the time
 * it needs. The time available per interval depends on how often runs start: the hourly event
 * alone gives one run budget per hour; follow-up runs a minute apart give nearly all the time,
 * but only when WP-Cron actually starts them (it does on visits, or from a system cron job).
 */
final class RefreshCapacity {

	/** @var ProductSettings */
	private ProductSettings $product_settings;

	/** @var ApiRouter */
	private ApiRouter $router;

	/** @var ProductTable */
	private ProductTable $products;

	/** @var QuotaPlan */
	private QuotaPlan $quota;

	/**
	 * @param ProductSettings $product_settings Product settings.
	 * @param ApiRouter       $router           Which API serves a marketplace.
	 * @param ProductTable    $products         Stored products.
	 * @param QuotaPlan       $quota            Requests per second and per day per credential.
	 */
	public function __construct( ProductSettings $product_settings, ApiRouter $router, ProductTable $products, QuotaPlan $quota ) {
		$this->product_settings = $product_settings;
		$this->router           = $router;
		$this->products         = $products;
		$this->quota            = $quota;
	}

	/**
	 * The figures and the verdict.
	 *
	 * @return array{
	 *   status: string,
	 *   products: int,
	 *   calls: int,
	 *   busiest: int,
	 *   credentials: int,
	 *   rate: float,
	 *   ttl_hours: int,
	 *   budget: float,
	 *   needed: float,
	 *   hourly: float,
	 *   continuous: float,
	 *   hours_hourly: int|null,
	 *   hours_continuous: int|null,
	 *   system_cron: bool
	 * }
	 *   status: "good" (the hourly runs are enough), "recommended" (only with follow-up runs a
	 *   minute apart, which WP-Cron starts on visits or a system cron job starts as often as it
	 *   runs) or "critical" (not even with follow-up runs); calls: GetItems calls of one full refresh; busiest: those
	 *   of the busiest credential; needed, hourly, continuous: seconds per interval the busiest
	 *   credential needs, and the runs give with the hourly event alone and with follow-up runs;
	 *   hours_*: the shortest interval that would do (null: longer than the longest allowed);
	 *   quota: QuotaPlan::plan() - "critical" too when the requests per day of a credential
	 *   cannot keep its products within the interval.
	 */
	public function assess(): array {
		$settings = $this->product_settings->get();
		$router   = $this->router;
		$calls    = array();
		$by_code  = $this->products->count_by_marketplace();
		foreach ( $by_code as $code => $count ) {
			$credential = $router->credential( (string) $code );
			if ( null !== $credential ) {
				// Products of a marketplace without an API fail at once, without a call.
				$calls[ $credential ] = ( $calls[ $credential ] ?? 0 ) + (int) ceil( $count / Api::MAX_IDS_PER_REQUEST );
			}
		}
		$credentials = $this->quota->credentials();
		$needed      = 0.0;
		$busiest     = 0;
		$rate        = $settings['requests_per_second'];
		foreach ( $calls as $credential => $count ) {
			$credential_rate = $credentials[ $credential ]['rps'] ?? $settings['requests_per_second'];
			$seconds         = $count * RateLimiter::spacing( $credential_rate );
			if ( $seconds >= $needed ) {
				$needed  = $seconds;
				$busiest = $count;
				$rate    = $credential_rate;
			}
		}
		$budget      = RefreshBudget::available( true );
		$per_hour    = $budget;
		$per_hour_up = $budget > 0 ? HOUR_IN_SECONDS * $budget / ( $budget + RefreshScheduler::FOLLOW_UP_DELAY ) : 0.0;
		$hourly      = $settings['ttl_hours'] * $per_hour;
		$continuous  = $settings['ttl_hours'] * $per_hour_up;
		$quota       = $this->quota->plan( $by_code, 24 * $per_hour_up, $settings['ttl_hours'] );
		$system_cron = defined( 'DISABLE_WP_CRON' ) && DISABLE_WP_CRON;
		if ( ! $quota['keeps_up'] ) {
			$status = 'critical';
		} elseif ( $needed <= $hourly ) {
			$status = 'good';
		} elseif ( $needed <= $continuous ) {
			$status = 'recommended';
		} else {
			$status = 'critical';
		}
		return array(
			'status'           => $status,
			'products'         => (int) array_sum( $by_code ),
			'calls'            => array_sum( $calls ),
			'busiest'          => $busiest,
			'credentials'      => count( $calls ),
			'rate'             => $rate,
			'ttl_hours'        => $settings['ttl_hours'],
			'budget'           => $budget,
			'needed'           => $needed,
			'hourly'           => $hourly,
			'continuous'       => $continuous,
			'hours_hourly'     => self::hours( $needed, $per_hour ),
			'hours_continuous' => self::hours( $needed, $per_hour_up ),
			'system_cron'      => $system_cron,
			'quota'            => $quota,
		);
	}

	/**
	 * What the figures mean for the site owner: a headline and the lines below it.
	 *
	 * @param array $capacity assess().
	 * @return array{label: string, lines: list<string>}
	 */
	public static function explain( array $capacity ): array {
		$ttl   = self::hours_text( (int) $capacity['ttl_hours'] );
		$lines = array(
			sprintf(
				/* translators: 1: number of products, 2: number of GetItems calls, 3: refresh interval such as "24 hours" */
				_n( '%1$s stored product needs %2$s GetItems calls (10 products per call) every %3$s.', '%1$s stored products need %2$s GetItems calls (10 products per call) every %3$s.', (int) $capacity['products'], 'asa2-creators' ),
				number_format_i18n( (int) $capacity['products'] ),
				number_format_i18n( (int) $capacity['calls'] ),
				$ttl
			),
			$capacity['credentials'] > 1
				? sprintf(
					/* translators: 1: requests per second, 2: number of credentials, 3: GetItems calls of the busiest credential, 4: duration such as "9 mins" */
					__( 'At %1$s requests per second per credential, with %2$d credentials taking turns, the busiest one makes %3$s calls: about %4$s of background work.', 'asa2-creators' ),
					number_format_i18n( (float) $capacity['rate'], 1 ),
					(int) $capacity['credentials'],
					number_format_i18n( (int) $capacity['busiest'] ),
					self::duration( (float) $capacity['needed'] )
				)
				: sprintf(
					/* translators: 1: requests per second, 2: duration such as "9 mins" */
					__( 'At %1$s requests per second, they take about %2$s of background work.', 'asa2-creators' ),
					number_format_i18n( (float) $capacity['rate'], 1 ),
					self::duration( (float) $capacity['needed'] )
				),
			sprintf(
				/* translators: 1: seconds, 2: refresh interval such as "24 hours", 3: duration, 4: seconds, 5: duration */
				__( 'A run works for up to %1$s seconds (two thirds of PHP\'s max_execution_time, at most 50). In %2$s the hourly runs alone give about %3$s; with follow-up runs %4$d seconds apart while products are due, about %5$s.', 'asa2-creators' ),
				number_format_i18n( (float) $capacity['budget'] ),
				$ttl,
				self::duration( (float) $capacity['hourly'] ),
				RefreshScheduler::FOLLOW_UP_DELAY,
				self::duration( (float) $capacity['continuous'] )
			),
		);
		$quota = $capacity['quota'] ?? null;
		if ( is_array( $quota ) ) {
			array_push( $lines, ...self::quota_lines( $quota ) );
			if ( ! $quota['keeps_up'] ) {
				$lines[] = null !== $quota['hours']
					? sprintf(
						/* translators: %s: interval such as "30 hours" */
						__( 'In ASA2 → Options → Products raise Requests per Day of the credentials above if Amazon allows your account more (Amazon raises it with your sales), raise "Refresh Products Every" to at least %s, or delete products you no longer show. Until then each run refreshes the products shown on pages recently first, then those with the oldest data.', 'asa2-creators' ),
						self::hours_text( (int) $quota['hours'] )
					)
					: __( 'In ASA2 → Options → Products raise Requests per Day of the credentials above if Amazon allows your account more (Amazon raises it with your sales), or delete products you no longer show: even the longest refresh interval is not enough. Until then each run refreshes the products shown on pages recently first, then those with the oldest data.', 'asa2-creators' );
				return array(
					/* translators: %s: refresh interval such as "24 hours" */
					'label' => sprintf( __( 'The request quota cannot keep every ASA2 product within %s', 'asa2-creators' ), $ttl ),
					'lines' => $lines,
				);
			}
		}
		if ( 'critical' === $capacity['status'] ) {
			$lines[] = null !== $capacity['hours_continuous']
				? sprintf(
					/* translators: %s: interval such as "5 hours" */
					__( 'In ASA2 → Options → Products raise "Refresh Products Every" to at least %s (prices older than 24 hours are hidden until their product is refreshed), raise "Requests per Second" if Amazon allows your account more, or delete products you no longer show.', 'asa2-creators' ),
					self::hours_text( (int) $capacity['hours_continuous'] )
				)
				: __( 'Even the longest refresh interval is not enough at this rate. Raise "Requests per Second" in ASA2 → Options → Products if Amazon allows your account more, or delete products you no longer show.', 'asa2-creators' );
			return array(
				'label' => __( 'The ASA2 background refresh cannot keep up with the stored products', 'asa2-creators' ),
				'lines' => $lines,
			);
		}
		if ( 'recommended' === $capacity['status'] ) {
			$lines[] = $capacity['system_cron']
				? __( 'DISABLE_WP_CRON is set: the products stay fresh only if your system cron job runs wp-cron.php (or "wp cron event run --due-now") every minute or two, so that the follow-up runs start on time.', 'asa2-creators' )
				: __( 'The products stay fresh only while follow-up runs start every minute or two, and WP-Cron starts them only when the site gets visits. Run WP-Cron from a system cron job every minute instead: define DISABLE_WP_CRON in wp-config.php and call wp-cron.php (or "wp cron event run --due-now") from it.', 'asa2-creators' );
			if ( null !== $capacity['hours_hourly'] ) {
				$lines[] = sprintf(
					/* translators: %s: interval such as "5 hours" */
					__( 'Or raise "Refresh Products Every" in ASA2 → Options → Products to at least %s: then the hourly runs alone keep up (prices older than 24 hours are hidden until their product is refreshed).', 'asa2-creators' ),
					self::hours_text( (int) $capacity['hours_hourly'] )
				);
			}
			return array(
				'label' => __( 'The ASA2 background refresh keeps up only with frequent cron runs', 'asa2-creators' ),
				'lines' => $lines,
			);
		}
		return array(
			/* translators: %s: refresh interval such as "24 hours" */
			'label' => sprintf( __( 'The ASA2 background refresh keeps every product within %s', 'asa2-creators' ), $ttl ),
			'lines' => $lines,
		);
	}

	/**
	 * What the quota keeps fresh: a line per credential and the total.
	 *
	 * @param array $quota QuotaPlan::plan().
	 * @return list<string>
	 */
	private static function quota_lines( array $quota ): array {
		$lines = array();
		foreach ( $quota['credentials'] as $row ) {
			$line = sprintf(
				/* translators: 1: credential, 2: marketplace codes, 3: number of products, 4: requests per second, 5: requests per day, 6: products per day, 7: duration such as "2 hours" */
				__( '%1$s (%2$s): %3$s products; at %4$s requests per second and %5$s requests per day it keeps %6$s products per day fresh, a full cycle takes %7$s.', 'asa2-creators' ),
				$row['label'],
				implode( ', ', $row['marketplaces'] ),
				number_format_i18n( (int) $row['products'] ),
				number_format_i18n( (float) $row['rps'], 1 ),
				number_format_i18n( (int) $row['limit'] ),
				number_format_i18n( (int) $row['products_per_day'] ),
				null === $row['cycle_seconds'] ? __( 'forever (no requests left today)', 'asa2-creators' ) : self::duration( (float) $row['cycle_seconds'] )
			);
			if ( null !== $row['lowered'] ) {
				$line .= ' ' . sprintf(
					/* translators: 1: requests per day, 2: requests per day */
					__( 'Amazon answered with its quota code today: the plan is lowered from %1$s to %2$s requests until 00:00 UTC.', 'asa2-creators' ),
					number_format_i18n( (int) $row['rpd'] ),
					number_format_i18n( (int) $row['limit'] )
				);
			}
			$lines[] = $line;
		}
		if ( count( $quota['credentials'] ) > 1 ) {
			$lines[] = self::quota_summary( $quota );
		}
		return $lines;
	}

	/**
	 * What the quota of every credential together keeps fresh, in one sentence.
	 *
	 * @param array $quota QuotaPlan::plan().
	 * @return string '' without credentials.
	 */
	public static function quota_summary( array $quota ): string {
		if ( ! $quota['credentials'] ) {
			return '';
		}
		if ( 0 === (int) $quota['products'] ) {
			return sprintf(
				/* translators: %s: products per day */
				__( 'The request quota keeps up to %s products per day fresh.', 'asa2-creators' ),
				number_format_i18n( (int) $quota['products_per_day'] )
			);
		}
		return sprintf(
			/* translators: 1: products per day, 2: number of products, 3: duration */
			__( 'In total the request quota keeps %1$s products per day fresh; a full cycle of all %2$s products takes %3$s.', 'asa2-creators' ),
			number_format_i18n( (int) $quota['products_per_day'] ),
			number_format_i18n( (int) $quota['products'] ),
			null === $quota['cycle_seconds'] ? __( 'forever (no requests left today)', 'asa2-creators' ) : self::duration( (float) $quota['cycle_seconds'] )
		);
	}

	/**
	 * The shortest refresh interval in whole hours that gives $needed seconds.
	 *
	 * @param float $needed   Seconds needed per interval.
	 * @param float $per_hour Seconds of runs per hour.
	 * @return int|null Null when longer than the longest interval allowed.
	 */
	private static function hours( float $needed, float $per_hour ): ?int {
		if ( $per_hour <= 0 ) {
			return null;
		}
		$hours = max( ProductSettings::MIN_TTL_HOURS, (int) ceil( $needed / $per_hour ) );
		return $hours <= ProductSettings::MAX_TTL_HOURS ? $hours : null;
	}

	/**
	 * "1 hour", "24 hours".
	 *
	 * @param int $hours Hours.
	 * @return string
	 */
	private static function hours_text( int $hours ): string {
		/* translators: %s: number of hours */
		return sprintf( _n( '%s hour', '%s hours', $hours, 'asa2-creators' ), number_format_i18n( $hours ) );
	}

	/**
	 * A duration as WordPress writes it ("9 mins", "2 hours").
	 *
	 * @param float $seconds Seconds.
	 * @return string
	 */
	private static function duration( float $seconds ): string {
		$seconds = (int) round( $seconds );
		if ( $seconds >= MINUTE_IN_SECONDS ) {
			return human_time_diff( 0, $seconds );
		}
		/* translators: %s: number of seconds */
		return sprintf( _n( '%s second', '%s seconds', $seconds, 'asa2-creators' ), number_format_i18n( $seconds ) );
	}
}
