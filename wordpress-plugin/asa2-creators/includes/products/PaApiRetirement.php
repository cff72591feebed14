<?php
/**
 * PA-API 5.0's retirement: recognising it in Amazon's answers and remembering where it struck.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Products;

use Asa2\Creators\Clock;
use Asa2\Creators\Storage\MarketplaceFlags;
use Asa2\Creators\Storage\MarketplaceRepository;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Amazon retired PA-API 5.0 on 15 May 2026; since then it refuses every PA-API access key
 * (401 UnrecognizedClient). Such a refusal is recorded per marketplace until a PA-API call for
 * it succeeds again or the marketplace gets Creators API credentials.
 */
final class PaApiRetirement {

	/** 15 May 2026, 00:00 UTC. */
	public const RETIRED_AT = 1778803200;

	/** Option: marketplaces whose PA-API key Amazon refused after the retirement, with the time. */
	public const OPTION = 'asa2_paapi_retired';

	/** The error code recorded on products instead of Amazon's "UnrecognizedClient". */
	public const ERROR_CODE = 'PaApiRetired';

	/** Amazon's codes for an access key it does not accept. */
	private const REFUSED_KEY_CODES = array( 'UnrecognizedClient', 'InvalidClientTokenId' );

	/** @var MarketplaceRepository */
	private MarketplaceRepository $marketplaces;

	/**
	 * @param MarketplaceRepository $marketplaces Marketplace records.
	 */
	public function __construct( MarketplaceRepository $marketplaces ) {
		$this->marketplaces = $marketplaces;
	}

	/**
	 * Whether a failure is PA-API refusing its key after the retirement date.
	 *
	 * @param \Throwable $e Failure of a call.
	 * @return bool
	 */
	public static function is_retirement( \Throwable $e ): bool {
		return $e instanceof \Asa2\AuthException
			&& in_array( $e->getErrorCode(), self::REFUSED_KEY_CODES, true )
			&& Clock::now() >= self::RETIRED_AT;
	}

	/**
	 * The explanation shown on products, in Site Health and on the PA API tab.
	 *
	 * @return string
	 */
	public static function message(): string {
		return __( 'PA-API 5.0 was retired on 15 May 2026: Amazon no longer accepts PA-API keys. Move this marketplace to the Creators API to load its products again; the stored data stays shown meanwhile.', 'asa2-creators' );
	}

	/**
	 * Remembers that Amazon refused the PA-API key for a marketplace.
	 *
	 * @param string $code Marketplace code.
	 */
	public function record( string $code ): void {
		$this->flags()->set( $code );
	}

	/**
	 * Forgets the refusal after a PA-API call for the marketplace succeeded.
	 *
	 * @param string $code Marketplace code.
	 */
	public function clear( string $code ): void {
		$this->flags()->clear( $code );
	}

	/**
	 * Marketplaces whose PA-API key was refused and that still have no Creators API credentials.
	 *
	 * @return array<string, int> code => when.
	 */
	public function refused(): array {
		return array_diff_key( $this->flags()->all(), $this->marketplaces->all() );
	}

	/**
	 * The recorded refusals.
	 *
	 * @return MarketplaceFlags
	 */
	private function flags(): MarketplaceFlags {
		return new MarketplaceFlags( self::OPTION );
	}
}
