<?php
/**
 * Product templates (option asa2_templates).
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Storage;

use Asa2\Template;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Named templates; one is the default. The built-in "default" template
 * (Asa2\Template::defaultTemplate()) is always there and can be edited.
 */
final class TemplateRepository {

	/** Option name. */
	public const OPTION = 'asa2_templates';

	/** Id of the built-in template. */
	public const BUILT_IN = 'default';

	/**
	 * Every template keyed by id, the built-in one first.
	 *
	 * @return array<string, array{id: string, name: string, source: string}>
	 */
	public function all(): array {
		$stored    = $this->stored();
		$templates = array(
			self::BUILT_IN => array(
				'id'     => self::BUILT_IN,
				'name'   => __( 'Default', 'asa2-creators' ),
				'source' => Template::defaultTemplate(),
			),
		);
		foreach ( $stored['templates'] as $id => $template ) {
			if ( ! is_array( $template ) || ! isset( $template['source'] ) ) {
				continue;
			}
			$templates[ (string) $id ] = array(
				'id'     => (string) $id,
				'name'   => (string) ( $template['name'] ?? $id ),
				'source' => (string) $template['source'],
			);
		}
		return $templates;
	}

	/**
	 * One template.
	 *
	 * @param string $id Template id.
	 * @return array|null
	 */
	public function get( string $id ): ?array {
		return $this->all()[ $id ] ?? null;
	}

	/**
	 * Id of the default template.
	 *
	 * @return string
	 */
	public function default_id(): string {
		$id = $this->stored()['default'];
		return isset( $this->all()[ $id ] ) ? $id : self::BUILT_IN;
	}

	/**
	 * The template a box is rendered with: the named one, else the default.
	 *
	 * @param string $id Requested id ('' for the default).
	 * @return array{id: string, name: string, source: string}
	 */
	public function resolve( string $id ): array {
		$all = $this->all();
		return $all[ $id ] ?? $all[ $this->default_id() ];
	}

	/**
	 * Adds or replaces a template (source already checked with Asa2\Template::check).
	 *
	 * @param string $id     Id (slug).
	 * @param string $name   Name.
	 * @param string $source Template source.
	 */
	public function put( string $id, string $name, string $source ): void {
		$stored                      = $this->stored();
		$stored['templates'][ $id ] = array(
			'name'   => $name,
			'source' => $source,
		);
		update_option( self::OPTION, $stored, true );
	}

	/**
	 * Deletes a template (the built-in one is restored to its original instead).
	 *
	 * @param string $id Id.
	 */
	public function delete( string $id ): void {
		$stored = $this->stored();
		unset( $stored['templates'][ $id ] );
		if ( $stored['default'] === $id && self::BUILT_IN !== $id ) {
			$stored['default'] = self::BUILT_IN;
		}
		update_option( self::OPTION, $stored, true );
	}

	/**
	 * Makes a template the default.
	 *
	 * @param string $id Id.
	 */
	public function make_default( string $id ): void {
		$stored            = $this->stored();
		$stored['default'] = $id;
		update_option( self::OPTION, $stored, true );
	}

	/**
	 * The option value with its keys.
	 *
	 * @return array{default: string, templates: array}
	 */
	private function stored(): array {
		$stored = get_option( self::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		return array(
			'default'   => (string) ( $stored['default'] ?? self::BUILT_IN ),
			'templates' => is_array( $stored['templates'] ?? null ) ? $stored['templates'] : array(),
		);
	}
}
