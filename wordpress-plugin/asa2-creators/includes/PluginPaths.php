<?php
/**
 * Where the plugin's own files are, on disk and on the web.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Paths and URLs of files inside the plugin folder, from the main plugin file.
 */
final class PluginPaths {

	/** @var string Main plugin file. */
	private string $file;

	/**
	 * @param string $file Main plugin file (__FILE__ of asa2-creators.php).
	 */
	public function __construct( string $file ) {
		$this->file = $file;
	}

	/**
	 * The main plugin file.
	 *
	 * @return string
	 */
	public function file(): string {
		return $this->file;
	}

	/**
	 * URL of a file inside the plugin.
	 *
	 * @param string $path Relative path, e.g. "assets/admin.css".
	 * @return string
	 */
	public function url( string $path ): string {
		return plugins_url( $path, $this->file );
	}

	/**
	 * Absolute path of a file inside the plugin.
	 *
	 * @param string $path Relative path.
	 * @return string
	 */
	public function path( string $path ): string {
		return dirname( $this->file ) . '/' . ltrim( $path, '/' );
	}
}
