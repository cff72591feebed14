<?php
/**
 * Class autoloader for the plugin's namespace.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Maps `Asa2\Creators\Sub\Name` to `includes/sub/Name.php` (one class per file, folders by
 * role in lower case).
 */
final class Autoloader {

	private const PREFIX = 'Asa2\\Creators\\';

	/**
	 * Registers the autoloader.
	 *
	 * @param string $base_dir The plugin's includes/ folder.
	 */
	public static function register( string $base_dir ): void {
		spl_autoload_register(
			static function ( string $class ) use ( $base_dir ): void {
				if ( 0 !== strncmp( $class, self::PREFIX, strlen( self::PREFIX ) ) ) {
					return;
				}
				$parts = explode( '\\', substr( $class, strlen( self::PREFIX ) ) );
				$name  = array_pop( $parts );
				$dirs  = array_map( 'strtolower', $parts );
				$file  = $base_dir . '/' . ( $dirs ? implode( '/', $dirs ) . '/' : '' ) . $name . '.php';
				if ( is_readable( $file ) ) {
					require_once $file;
				}
			}
		);
	}
}
