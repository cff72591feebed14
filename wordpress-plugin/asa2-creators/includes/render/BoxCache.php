<?php
/**
 * Rendered product boxes kept with their product.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Render;

use Asa2\Creators\Plugin;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * A product's rendered boxes, one per way of showing it (template source and tracking ID),
 * stored in the product's `box_cache` column. An entry is good until its product is
 * refreshed (storing data empties the column), its template or tracking ID changes (they are
 * part of the key), the plugin or extension is updated (also in the key), or its price must be
 * hidden (`Asa2\Template::renderWithExpiry()` says when).
 *
 * The column holds the entries one after another, each a header line
 * `<key> <valid until, 0 for always> <bytes>` and then the HTML, so a box is found without
 * decoding the others.
 */
final class BoxCache {

	/** Ways of showing one product kept at most; the oldest goes first. */
	public const MAX_ENTRIES = 4;

	/**
	 * The key of a way of showing products.
	 *
	 * @param string      $source Template source.
	 * @param string|null $tag    Tracking ID replacing the stored one, or null.
	 * @param string      $logos  The shop logos' base URL and kind.
	 * @return string
	 */
	public static function key( string $source, ?string $tag, string $logos = '' ): string {
		return md5( Plugin::VERSION . "\0" . \Asa2\Version::core() . "\0" . $source . "\0" . (string) $tag . "\0" . $logos );
	}

	/**
	 * The kept HTML of a box, if it is still good at $now.
	 *
	 * @param string $encoded The `box_cache` column.
	 * @param string $key     key().
	 * @param int    $now     Current time.
	 * @return string|null
	 */
	public static function find( string $encoded, string $key, int $now ): ?string {
		if ( false === strpos( $encoded, $key ) ) {
			return null;
		}
		$entry = self::decode( $encoded )[ $key ] ?? null;
		return null !== $entry && self::fresh( $entry, $now ) ? $entry['html'] : null;
	}

	/**
	 * The column with a box added (replacing one of the same key); entries no longer good and
	 * the oldest beyond MAX_ENTRIES are dropped.
	 *
	 * @param string   $encoded     The `box_cache` column.
	 * @param string   $key         key().
	 * @param string   $html        The box.
	 * @param int|null $valid_until First second at which the box is no longer good, or null.
	 * @param int      $now         Current time.
	 * @return string
	 */
	public static function with( string $encoded, string $key, string $html, ?int $valid_until, int $now ): string {
		$entries = array_filter( self::decode( $encoded ), static fn( array $entry ): bool => self::fresh( $entry, $now ) );
		unset( $entries[ $key ] );
		$entries[ $key ] = array(
			'html'        => $html,
			'valid_until' => $valid_until,
		);
		$encoded = '';
		foreach ( array_slice( $entries, -self::MAX_ENTRIES, null, true ) as $entry_key => $entry ) {
			$encoded .= $entry_key . ' ' . (int) $entry['valid_until'] . ' ' . strlen( $entry['html'] ) . "\n" . $entry['html'];
		}
		return $encoded;
	}

	/**
	 * The entries of a column; a column that does not read as entries counts as none.
	 *
	 * @param string $encoded The `box_cache` column.
	 * @return array<string, array{html: string, valid_until: int|null}> Oldest first.
	 */
	private static function decode( string $encoded ): array {
		$entries = array();
		$length  = strlen( $encoded );
		$at      = 0;
		while ( $at < $length ) {
			$eol    = strpos( $encoded, "\n", $at );
			$header = false === $eol ? array() : explode( ' ', substr( $encoded, $at, $eol - $at ) );
			if ( 3 !== count( $header ) || 32 !== strlen( $header[0] ) || ! ctype_digit( $header[1] ) || ! ctype_digit( $header[2] ) ) {
				return array();
			}
			$start = $eol + 1;
			$size  = (int) $header[2];
			if ( $start + $size > $length ) {
				return array();
			}
			$entries[ $header[0] ] = array(
				'html'        => substr( $encoded, $start, $size ),
				'valid_until' => '0' === $header[1] ? null : (int) $header[1],
			);
			$at = $start + $size;
		}
		return $entries;
	}

	/**
	 * Whether an entry is still good at $now.
	 *
	 * @param array{valid_until: int|null} $entry An entry.
	 * @param int                          $now   Current time.
	 * @return bool
	 */
	public static function fresh( array $entry, int $now ): bool {
		return null === $entry['valid_until'] || $now < $entry['valid_until'];
	}
}
