<?php
/**
 * Styles and scripts of the ASA2 screens.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Credentials;
use Asa2\Creators\CoreMessages;
use Asa2\Creators\Plugin;
use Asa2\Creators\PluginPaths;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Loads assets/admin.css and assets/admin.js on the ASA2 screens only, and the live checks of
 * the setup forms: assets/admin-live.js, an ES module that runs asa2-core compiled to
 * WebAssembly (assets/wasm/, built by `make wasm`). Without the wasm build the forms work with
 * the data the server printed, and the server checks everything on save either way.
 */
final class Assets {

	/** Script handle of the ES module with the live checks. */
	public const LIVE_HANDLE = 'asa2-admin-live';

	/** The wasm build inside the plugin: the wasm-bindgen loader and the module it loads. */
	private const WASM_LOADER = 'assets/wasm/asa2_wasm.js';
	private const WASM_BINARY = 'assets/wasm/asa2_wasm_bg.wasm';

	/** @var PluginPaths */
	private PluginPaths $paths;

	/**
	 * @param PluginPaths $paths Files of the plugin.
	 */
	public function __construct( PluginPaths $paths ) {
		$this->paths = $paths;
	}

	/**
	 * Enqueues on ASA2 screens.
	 *
	 * @param string $hook_suffix Current admin page hook.
	 */
	public function enqueue( string $hook_suffix ): void {
		if ( false === strpos( $hook_suffix, SetupScreen::SLUG ) && false === strpos( $hook_suffix, OptionsScreen::SLUG ) && false === strpos( $hook_suffix, ProductsScreen::SLUG ) ) {
			return;
		}
		wp_enqueue_style( 'asa2-admin', $this->paths->url( 'assets/admin.css' ), array(), Plugin::VERSION );
		wp_enqueue_script( 'asa2-admin', $this->paths->url( 'assets/admin.js' ), array(), Plugin::VERSION, true );
		$wasm = $this->wasm_urls();
		if ( null !== $wasm ) {
			wp_enqueue_script( self::LIVE_HANDLE, $this->paths->url( 'assets/admin-live.js' ), array( 'asa2-admin' ), Plugin::VERSION, true );
		}
		$kinds = array();
		foreach ( Credentials::kinds() as $id => $kind ) {
			$kinds[ $id ] = $kind['label'];
		}
		wp_localize_script(
			'asa2-admin',
			'asa2Admin',
			array(
				'live'              => $wasm,
				'kinds'             => $kinds,
				// The core's messages in the site's language, for the live checks.
				'messages'          => CoreMessages::sentences(),
				'countries'         => CoreMessages::countries_by_english_name(),
				/* translators: 1: credential type the credentials look like, e.g. LWA (v3) */
				'detected'          => __( 'These look like %1$s credentials, so the Credential Type was set to %1$s.', 'asa2-creators' ),
				/* translators: 1: credential type the credentials look like, 2: the selected credential type */
				'mismatch'          => __( 'These look like %1$s credentials, but %2$s is selected. Amazon will answer "invalid_client" unless the type matches.', 'asa2-creators' ),
				'selectFirst'       => __( 'Select a marketplace', 'asa2-creators' ),
				'errorPrefix'       => __( 'Error:', 'asa2-creators' ),
				'warningPrefix'     => __( 'Warning:', 'asa2-creators' ),
				'liveUnavailable'   => __( 'ASA2: the live form checks are off because the WebAssembly build of asa2-core could not be loaded; the form still works and the server checks every field on save.', 'asa2-creators' ),
				'liveNotBuilt'      => __( 'ASA2: the live form checks are off because the WebAssembly build is missing from assets/wasm/ (build it with "make wasm"); the form still works and the server checks every field on save.', 'asa2-creators' ),
			)
		);
	}

	/**
	 * Prints the live-check script as an ES module (WordPress 6.1 has no script modules API).
	 *
	 * @param string $tag    The script tag WordPress built.
	 * @param string $handle Script handle.
	 * @return string
	 */
	public static function module_tag( string $tag, string $handle ): string {
		if ( self::LIVE_HANDLE !== $handle ) {
			return $tag;
		}
		return (string) preg_replace_callback(
			'/<script\b[^>]*\bsrc=[^>]*>/',
			static function ( array $open ): string {
				$open = (string) preg_replace( '/\stype=(["\'])[^"\']*\1/', '', $open[0] );
				return '<script type="module"' . substr( $open, strlen( '<script' ) );
			},
			$tag
		);
	}

	/**
	 * URLs of the wasm build, versioned by file time so a rebuild is never served from a cache,
	 * or null when it was not built.
	 *
	 * @return array{module: string, binary: string}|null
	 */
	private function wasm_urls(): ?array {
		$urls = array();
		foreach ( array(
			'module' => self::WASM_LOADER,
			'binary' => self::WASM_BINARY,
		) as $key => $file ) {
			$path = $this->paths->path( $file );
			if ( ! is_readable( $path ) ) {
				return null;
			}
			$urls[ $key ] = add_query_arg( 'ver', (string) filemtime( $path ), $this->paths->url( $file ) );
		}
		return $urls;
	}
}
