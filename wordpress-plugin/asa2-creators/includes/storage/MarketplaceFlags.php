<?php
/**
 * Marketplaces flagged with the time something was noticed, kept in one option.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

use Asa2\Creators\Clock;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * An option holding marketplace code => unix time, e.g. the marketplaces Amazon called not
 * eligible, or where it refused the retired PA-API's key.
 */
final class MarketplaceFlags {

	/** @var string */
	private string $option;

	/**
	 * @param string $option Option name.
	 */
	public function __construct( string $option ) {
		$this->option = $option;
	}

	/**
	 * The flagged marketplaces.
	 *
	 * @return array<string, int> code => when.
	 */
	public function all(): array {
		$stored = get_option( $this->option, array() );
		return is_array( $stored ) ? array_map( 'intval', $stored ) : array();
	}

	/**
	 * Flags a marketplace now.
	 *
	 * @param string $code Marketplace code.
	 */
	public function set( string $code ): void {
		$flags          = $this->all();
		$flags[ $code ] = Clock::now();
		update_option( $this->option, $flags, false );
	}

	/**
	 * Removes a marketplace's flag (writes only when it was set).
	 *
	 * @param string $code Marketplace code.
	 */
	public function clear( string $code ): void {
		$flags = $this->all();
		if ( isset( $flags[ $code ] ) ) {
			unset( $flags[ $code ] );
			update_option( $this->option, $flags, false );
		}
	}
}
