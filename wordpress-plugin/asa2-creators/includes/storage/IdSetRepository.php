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
	 * @return array<string, array{id: string, name: string, tags: array<string, string>, countries: string, updated_at: int}>
	 *   countries: the set's own choices of store per visitor country ("BE=NL, LU=FR").
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
				'countries'  => (string) ( $set['countries'] ?? '' ),
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
	 * The set a shortcode or block names: by id, by the slug of a name, or by name (without
	 * regard to case).
	 *
	 * @param string $id_or_name Set id or name.
	 * @return array|null
	 */
	public function find( string $id_or_name ): ?array {
		$id_or_name = trim( $id_or_name );
		if ( '' === $id_or_name ) {
			return null;
		}
		$sets = $this->all();
		$set  = $sets[ $id_or_name ] ?? $sets[ sanitize_title( $id_or_name ) ] ?? null;
		if ( null !== $set ) {
			return $set;
		}
		foreach ( $sets as $candidate ) {
			if ( 0 === strcasecmp( $candidate['name'], $id_or_name ) ) {
				return $candidate;
			}
		}
		return null;
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
