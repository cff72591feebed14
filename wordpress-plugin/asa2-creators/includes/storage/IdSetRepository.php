<?php
/**
 * Associate ID sets (option asa2_id_sets).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Named sets that map a marketplace code to a tracking ID, used to send visitors to their own
 * country store with the right tag.
 */
final class IdSetRepository {

	/** Option name. */
	public const OPTION = 'asa2_id_sets';

	/**
	 * Every set keyed by its id (a slug of the name).
	 *
	 * @return array<string, array{id: string, name: string, tags: array<string, string>, updated_at: int}>
	 */
	public function all(): array {
		$stored = get_option( self::OPTION, array() );
		if ( ! is_array( $stored ) ) {
			return array();
		}
		$sets = array();
		foreach ( $stored as $id => $set ) {
			if ( ! is_array( $set ) ) {
				continue;
			}
			$sets[ (string) $id ] = array(
				'id'         => (string) $id,
				'name'       => (string) ( $set['name'] ?? $id ),
				'tags'       => array_map( 'strval', is_array( $set['tags'] ?? null ) ? $set['tags'] : array() ),
				'updated_at' => (int) ( $set['updated_at'] ?? 0 ),
			);
		}
		uasort( $sets, static fn( array $a, array $b ): int => strcasecmp( $a['name'], $b['name'] ) );
		return $sets;
	}

	/**
	 * One set.
	 *
	 * @param string $id Set id.
	 * @return array|null
	 */
	public function get( string $id ): ?array {
		return $this->all()[ $id ] ?? null;
	}

	/**
	 * Adds or replaces a set.
	 *
	 * @param array       $set         {id, name, tags, updated_at}.
	 * @param string|null $previous_id Id before a rename.
	 */
	public function put( array $set, ?string $previous_id = null ): void {
		$sets = $this->all();
		if ( null !== $previous_id ) {
			unset( $sets[ $previous_id ] );
		}
		$sets[ $set['id'] ] = $set;
		update_option( self::OPTION, $sets, false );
	}

	/**
	 * Deletes a set.
	 *
	 * @param string $id Set id.
	 * @return bool Whether it existed.
	 */
	public function delete( string $id ): bool {
		$sets = $this->all();
		if ( ! isset( $sets[ $id ] ) ) {
			return false;
		}
		unset( $sets[ $id ] );
		update_option( self::OPTION, $sets, false );
		return true;
	}
}
