<?php
/**
 * How many products per day each credential's request quota keeps fresh.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Cron;

use Asa2\Api;
use Asa2\Creators\Products\ApiRouter;
use Asa2\Creators\Products\QuotaLedger;
use Asa2\Creators\Products\RateLimiter;
use Asa2\Creators\Storage\ProductSettings;
use Asa2\Creators\Storage\QuotaSettings;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * A credential makes at most its requests per day (or today's lowered plan after Amazon's quota
 * answer), and at its requests per second no more than the background runs give it time for.
 * Each GetItems call refreshes 10 products, so the smaller of the two, times 10, is how many
 * products per day the credential keeps fresh; its products over that is how long a full cycle
 * takes. A cycle longer than the refresh interval means some products are refreshed late.
 */
final class QuotaPlan {

	/** @var QuotaSettings */
	private QuotaSettings $settings;

	/** @var QuotaLedger */
	private QuotaLedger $ledger;

	/** @var ApiRouter */
	private ApiRouter $router;

	/**
	 * @param QuotaSettings $settings Requests per second and per day per credential.
	 * @param QuotaLedger   $ledger   Requests of the day and lowered plans.
	 * @param ApiRouter     $router   The credentials and the marketplaces they serve.
	 */
	public function __construct( QuotaSettings $settings, QuotaLedger $ledger, ApiRouter $router ) {
		$this->settings = $settings;
		$this->ledger   = $ledger;
		$this->router   = $router;
	}

	/**
	 * Each credential's settings and today's use.
	 *
	 * @return array<string, array{key: string, label: string, marketplaces: list<string>, rps: float, rpd: int, used: int, lowered: int|null, limit: int}>
	 *   By ApiRouter::credential(); key: QuotaSettings::key() (form field names).
	 */
	public function credentials(): array {
		$out = array();
		foreach ( $this->router->credentials() as $credential => $info ) {
			$quota              = $this->settings->of( $credential );
			$out[ $credential ] = array(
				'key'          => QuotaSettings::key( $credential ),
				'label'        => $info['label'],
				'marketplaces' => $info['marketplaces'],
				'rps'          => $quota['rps'],
				'rpd'          => $quota['rpd'],
				'used'         => $this->ledger->used( $credential ),
				'lowered'      => $this->ledger->lowered( $credential ),
				'limit'        => $this->ledger->limit( $credential, $quota['rpd'] ),
			);
		}
		return $out;
	}

	/**
	 * The plan for the stored products.
	 *
	 * @param array<string, int> $by_marketplace Products per marketplace.
	 * @param float              $run_seconds    Seconds of background runs per day.
	 * @param int                $ttl_hours      The refresh interval.
	 * @return array{credentials: list<array>, products: int, products_per_day: int, cycle_seconds: float|null, keeps_up: bool, hours: int|null}
	 *   credentials: each with label, marketplaces, products, calls (one full refresh), rps, rpd,
	 *   lowered, used, calls_per_day (the requests per day, or fewer when the rate and the runs'
	 *   time allow fewer), products_per_day, cycle_seconds (null: no calls possible),
	 *   quota_seconds (the cycle the requests per day alone allow) and keeps_up (quota_seconds
	 *   within the interval); cycle_seconds: the longest credential's; hours: the shortest refresh
	 *   interval the requests per day keep every product within (null: none up to 168 hours).
	 */
	public function plan( array $by_marketplace, float $run_seconds, int $ttl_hours ): array {
		$rows = array();
		foreach ( $this->credentials() as $credential => $row ) {
			$products = 0;
			$calls    = 0;
			foreach ( $row['marketplaces'] as $code ) {
				$count     = (int) ( $by_marketplace[ $code ] ?? 0 );
				$products += $count;
				$calls    += (int) ceil( $count / Api::MAX_IDS_PER_REQUEST );
			}
			$per_day = min( $row['limit'], (int) floor( $run_seconds / RateLimiter::spacing( $row['rps'] ) ) );
			$rows[]  = $row + array(
				'products'         => $products,
				'calls'            => $calls,
				'calls_per_day'    => $per_day,
				'products_per_day' => $per_day * Api::MAX_IDS_PER_REQUEST,
				'cycle_seconds'    => self::cycle( $calls, $per_day ),
				'quota_seconds'    => self::cycle( $calls, $row['limit'] ),
			);
		}
		foreach ( $rows as $i => $row ) {
			// Whether the requests per day suffice; whether the rate does is RefreshCapacity's verdict.
			$rows[ $i ]['keeps_up'] = null !== $row['quota_seconds'] && $row['quota_seconds'] <= $ttl_hours * HOUR_IN_SECONDS;
		}
		$cycle  = self::longest( array_column( $rows, 'cycle_seconds' ) );
		$quota  = self::longest( array_column( $rows, 'quota_seconds' ) );
		$hours  = null === $quota ? null : max( 1, (int) ceil( $quota / HOUR_IN_SECONDS ) );
		return array(
			'credentials'      => $rows,
			'products'         => (int) array_sum( array_column( $rows, 'products' ) ),
			'products_per_day' => (int) array_sum( array_column( $rows, 'products_per_day' ) ),
			'cycle_seconds'    => $cycle,
			'keeps_up'         => ! in_array( false, array_column( $rows, 'keeps_up' ), true ),
			'hours'            => null !== $hours && $hours <= ProductSettings::MAX_TTL_HOURS ? $hours : null,
		);
	}

	/**
	 * Seconds a full cycle of $calls takes at $per_day calls a day.
	 *
	 * @param int $calls   Calls of one full refresh.
	 * @param int $per_day Calls a day.
	 * @return float|null Null when no call is possible.
	 */
	private static function cycle( int $calls, int $per_day ): ?float {
		if ( 0 === $calls ) {
			return 0.0;
		}
		return $per_day > 0 ? $calls / $per_day * DAY_IN_SECONDS : null;
	}

	/**
	 * The longest of several cycles (null, "never", is the longest).
	 *
	 * @param list<float|null> $cycles Cycles.
	 * @return float|null
	 */
	private static function longest( array $cycles ): ?float {
		return in_array( null, $cycles, true ) ? null : (float) ( $cycles ? max( $cycles ) : 0.0 );
	}
}
