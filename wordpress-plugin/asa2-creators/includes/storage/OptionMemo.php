<?php
/**
 * Values worked out from ASA2's options, kept while the options stay as they are.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Keeps what is worked out from ASA2 options (the configured marketplaces, a product box's
 * template and tracking ID), so a page with many boxes works each out once. Everything kept is
 * forgotten when an ASA2 option is added, updated or deleted (here or, through the object
 * cache, in another process), when a multisite request switches sites, and when the object
 * cache is flushed: it is never staler than get_option() itself.
 */
final class OptionMemo {

	/** Object cache entry whose value changes whenever ASA2's options do. */
	private const CACHE_KEY   = 'option_epoch';
	private const CACHE_GROUP = 'asa2';

	/** Options whose changes count: every option named asa2_... */
	private const PREFIX = 'asa2_';

	/** @var array<string, mixed> */
	private array $values = array();

	/** @var string The epoch the values belong to. */
	private string $epoch = '';

	/**
	 * Watches option changes.
	 */
	public function __construct() {
		$changed = function ( $option ): void {
			if ( 0 === strpos( (string) $option, self::PREFIX ) ) {
				$this->forget( true );
			}
		};
		foreach ( array( 'added_option', 'updated_option', 'deleted_option' ) as $action ) {
			add_action( $action, $changed );
		}
		add_action(
			'switch_blog',
			function (): void {
				$this->forget( false );
			}
		);
	}

	/**
	 * The value kept under $key, worked out by $compute when there is none.
	 *
	 * @param string   $key     What the value is.
	 * @param callable $compute Works it out.
	 * @return mixed
	 */
	public function get( string $key, callable $compute ) {
		$epoch = wp_cache_get( self::CACHE_KEY, self::CACHE_GROUP );
		if ( ! is_string( $epoch ) || $epoch !== $this->epoch ) {
			$this->values = array();
			$this->epoch  = is_string( $epoch ) ? $epoch : $this->new_epoch();
		}
		if ( ! array_key_exists( $key, $this->values ) ) {
			$this->values[ $key ] = $compute();
		}
		return $this->values[ $key ];
	}

	/**
	 * Forgets every value.
	 *
	 * @param bool $tell_others Whether other processes must forget theirs too (an option changed).
	 */
	private function forget( bool $tell_others ): void {
		$this->values = array();
		$this->epoch  = $tell_others ? $this->new_epoch() : '';
	}

	/**
	 * Starts a new epoch in the object cache.
	 *
	 * @return string
	 */
	private function new_epoch(): string {
		$epoch = bin2hex( random_bytes( 8 ) );
		wp_cache_set( self::CACHE_KEY, $epoch, self::CACHE_GROUP );
		return $epoch;
	}
}
