<?php
/**
 * Base class of the WordPress tests: a real WordPress (the test stack, loaded in this process by
 * bootstrap.php) with a real database, the same WordPress served over HTTP, and the local Amazon
 * sandbox behind ASA2_API_BASE.
 *
 * Every test starts from a clean plugin state (reset_plugin_state()) and a fresh sandbox (first
 * settings, no counters, no tokens) as nobody (user 0), and fails
 * when the plugin's own files raised a PHP notice, warning or deprecation, in this process or in
 * the web server during one of the test's requests. WordPress core's own deprecations (WordPress
 * 6.1 on PHP 8.2) are ignored.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use WP_Session_Tokens;
use WP_User;

/**
 * Helpers for tests against the running test stack; extend it instead of PHPUnit's TestCase.
 */
abstract class TestCase extends \PHPUnit\Framework\TestCase {

	/**
	 * The test stack's description (.work/test/stack.json): url, sandbox_url, users (login,
	 * password, role, email per login), plugin_dir, plugin_file, debug_log, db, ...
	 *
	 * @var array<string, mixed>
	 */
	public static array $stack = array();

	/**
	 * Option, transient, table, post type, user meta and cron hook name prefixes the plugin owns;
	 * everything named so is removed before each test.
	 *
	 * @var string[]
	 */
	protected static array $plugin_prefixes = array( 'asa2_', 'asa2-', 'asa2/' );

	/**
	 * Logged-in cookies per login, made once per run.
	 *
	 * @var array<string, array{auth: string, logged_in: string}>
	 */
	private static array $cookies = array();

	/**
	 * Problems raised by the plugin's own files during the current test.
	 *
	 * @var string[]
	 */
	private array $plugin_problems = array();

	/**
	 * The sandbox's settings when the run began, put back before each test.
	 *
	 * @var array<string, mixed>|null
	 */
	private static ?array $sandbox_settings = null;

	/** Size of the web server's debug log when the test started. */
	private int $server_log_offset = 0;

	/** Prepares a clean plugin state, user 0, and starts collecting the plugin's PHP problems. */
	protected function setUp(): void {
		parent::setUp();
		$this->plugin_problems   = array();
		$this->server_log_offset = $this->server_log_size();
		set_error_handler( array( $this, 'record_php_problem' ) );
		foreach ( array( 'doing_it_wrong_run', 'deprecated_function_run', 'deprecated_argument_run', 'deprecated_hook_run', 'deprecated_file_included', 'deprecated_constructor_run' ) as $hook ) {
			add_action( $hook, array( $this, 'record_wordpress_warning' ), 10, 3 );
		}
		$this->reset_plugin_state();
		$this->restore_sandbox();
		wp_set_current_user( 0 );
	}

	/** Stops collecting and logs out. */
	protected function tearDown(): void {
		restore_error_handler();
		foreach ( array( 'doing_it_wrong_run', 'deprecated_function_run', 'deprecated_argument_run', 'deprecated_hook_run', 'deprecated_file_included', 'deprecated_constructor_run' ) as $hook ) {
			remove_action( $hook, array( $this, 'record_wordpress_warning' ), 10 );
		}
		wp_set_current_user( 0 );
		unset( $_COOKIE[ LOGGED_IN_COOKIE ] );
		parent::tearDown();
	}

	/** Fails the test when the plugin raised a PHP problem here or in the web server. */
	protected function assertPostConditions(): void {
		$problems = array_merge( $this->plugin_problems, $this->server_plugin_problems() );
		$this->plugin_problems   = array();
		$this->server_log_offset = $this->server_log_size();
		if ( array() !== $problems ) {
			$this->fail( "The plugin raised PHP notices, warnings or deprecations:\n- " . implode( "\n- ", array_unique( $problems ) ) );
		}
		parent::assertPostConditions();
	}

	// ---------------------------------------------------------------------------------------
	// State

	/**
	 * Removes everything the plugin stored: options and transients, rows of its tables (the tables
	 * stay), posts of its post types, user meta and scheduled cron events whose names start with
	 * one of static::$plugin_prefixes. Then empties the object cache.
	 */
	protected function reset_plugin_state(): void {
		global $wpdb;
		foreach ( static::$plugin_prefixes as $prefix ) {
			$like = $wpdb->esc_like( $prefix ) . '%';
			// Options and (site) transients.
			foreach ( array( $like, $wpdb->esc_like( '_transient_' . $prefix ) . '%', $wpdb->esc_like( '_transient_timeout_' . $prefix ) . '%', $wpdb->esc_like( '_site_transient_' . $prefix ) . '%', $wpdb->esc_like( '_site_transient_timeout_' . $prefix ) . '%' ) as $pattern ) {
				$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $pattern ) );
			}
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->usermeta} WHERE meta_key LIKE %s", $like ) );
			$post_ids = $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_type LIKE %s", $like ) );
			foreach ( $post_ids as $post_id ) {
				wp_delete_post( (int) $post_id, true );
			}
			$tables = $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix . $prefix ) . '%' ) );
			foreach ( $tables as $table ) {
				$wpdb->query( "DELETE FROM `{$table}`" ); // phpcs:ignore WordPress.DB.PreparedSQL -- a table name read from SHOW TABLES.
			}
		}
		$crons = _get_cron_array();
		if ( is_array( $crons ) ) {
			foreach ( $crons as $timestamp => $hooks ) {
				foreach ( array_keys( (array) $hooks ) as $hook ) {
					if ( $this->is_plugin_name( (string) $hook ) ) {
						unset( $crons[ $timestamp ][ $hook ] );
					}
				}
				if ( empty( $crons[ $timestamp ] ) ) {
					unset( $crons[ $timestamp ] );
				}
			}
			_set_cron_array( $crons );
		}
		wp_cache_flush();
	}

	/**
	 * Makes this process read again what other processes (the web server, workers) or direct
	 * queries wrote. Without a persistent object cache its per-request cache is emptied; with one
	 * (the host's stack runs Redis) only this process's copies are dropped: emptying the shared
	 * cache would also lose what lives only there, such as the transient notices a form leaves
	 * for the next page.
	 */
	protected static function forget_cached(): void {
		if ( wp_using_ext_object_cache() && wp_cache_supports( 'flush_runtime' ) ) {
			wp_cache_flush_runtime();
			return;
		}
		wp_cache_flush();
	}

	/** Whether a name starts with one of the plugin's prefixes. */
	private function is_plugin_name( string $name ): bool {
		foreach ( static::$plugin_prefixes as $prefix ) {
			if ( str_starts_with( $name, $prefix ) ) {
				return true;
			}
		}
		return false;
	}

	// ---------------------------------------------------------------------------------------
	// Users

	/**
	 * The stack's user for a role or login: 'administrator' (or 'admin'), 'editor', 'author',
	 * 'subscriber'.
	 */
	protected function user( string $role ): WP_User {
		$login = $this->login_for( $role );
		$user  = get_user_by( 'login', $login );
		$this->assertInstanceOf( WP_User::class, $user, "the test stack has no user '{$login}'" );
		return $user;
	}

	/**
	 * Makes a role's user the current user of this process (wp_set_current_user); 'anonymous' or
	 * '' logs out.
	 */
	protected function act_as( string $role ): ?WP_User {
		if ( '' === $role || 'anonymous' === $role ) {
			wp_set_current_user( 0 );
			unset( $_COOKIE[ LOGGED_IN_COOKIE ] );
			return null;
		}
		$user = $this->user( $role );
		wp_set_current_user( $user->ID );
		// The same session as http() uses, so nonces made here are valid in its requests.
		$_COOKIE[ LOGGED_IN_COOKIE ] = $this->cookies_for( $user )['logged_in'];
		return $user;
	}

	/** A nonce for $action that the web server accepts from $role's requests made with http(). */
	protected function nonce( string $action, string $role = 'administrator' ): string {
		$previous        = get_current_user_id();
		$previous_cookie = $_COOKIE[ LOGGED_IN_COOKIE ] ?? null;
		$this->act_as( $role );
		$nonce = wp_create_nonce( $action );
		wp_set_current_user( $previous );
		if ( null === $previous_cookie ) {
			unset( $_COOKIE[ LOGGED_IN_COOKIE ] );
		} else {
			$_COOKIE[ LOGGED_IN_COOKIE ] = $previous_cookie;
		}
		return $nonce;
	}

	/** The stack login of a role name (or the login itself). */
	private function login_for( string $role ): string {
		foreach ( self::$stack['users'] as $login => $user ) {
			if ( $login === $role || $user['role'] === $role ) {
				return $login;
			}
		}
		$this->fail( "no test user for the role '{$role}' (known: administrator, editor, author, subscriber)" );
	}

	/**
	 * Auth and logged-in cookies of a real session of the user.
	 *
	 * @return array{auth: string, logged_in: string}
	 */
	protected function cookies_for( WP_User $user ): array {
		if ( ! isset( self::$cookies[ $user->user_login ] ) ) {
			$expiration = time() + DAY_IN_SECONDS;
			$token      = WP_Session_Tokens::get_instance( $user->ID )->create( $expiration );
			self::$cookies[ $user->user_login ] = array(
				'auth'      => wp_generate_auth_cookie( $user->ID, $expiration, 'auth', $token ),
				'logged_in' => wp_generate_auth_cookie( $user->ID, $expiration, 'logged_in', $token ),
			);
		}
		return self::$cookies[ $user->user_login ];
	}

	// ---------------------------------------------------------------------------------------
	// HTTP against the running test stack

	/**
	 * A real HTTP request to the test stack's web server.
	 *
	 * @param string               $method  GET, POST, ...
	 * @param string               $path    Path on the site ("/wp-admin/admin.php?page=asa2-setup") or a full URL.
	 * @param array<string, mixed> $options as: role or login to be logged in as (default: nobody);
	 *                                      body: array (sent form-encoded) or string; headers:
	 *                                      array<string, string>; follow: follow redirects (false).
	 * @return array{status: int, headers: array<string, string>, body: string, url: string}
	 *         Header names are lower case; url is the last URL when redirects were followed.
	 */
	protected function http( string $method, string $path, array $options = array() ): array {
		$url     = preg_match( '#^https?://#', $path ) ? $path : rtrim( self::$stack['url'], '/' ) . '/' . ltrim( $path, '/' );
		$headers = array();
		foreach ( (array) ( $options['headers'] ?? array() ) as $name => $value ) {
			$headers[] = "{$name}: {$value}";
		}
		if ( ! empty( $options['as'] ) && 'anonymous' !== $options['as'] ) {
			$cookies   = $this->cookies_for( $this->user( (string) $options['as'] ) );
			$headers[] = 'Cookie: ' . AUTH_COOKIE . '=' . rawurlencode( $cookies['auth'] ) . '; ' . LOGGED_IN_COOKIE . '=' . rawurlencode( $cookies['logged_in'] ) . '; wordpress_test_cookie=WP%20Cookie%20check';
		}
		$response_headers = array();
		$curl             = curl_init( $url );
		curl_setopt_array(
			$curl,
			array(
				CURLOPT_CUSTOMREQUEST  => strtoupper( $method ),
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_FOLLOWLOCATION => ! empty( $options['follow'] ),
				CURLOPT_TIMEOUT        => 30,
				CURLOPT_HTTPHEADER     => $headers,
				CURLOPT_HEADERFUNCTION => static function ( $handle, string $line ) use ( &$response_headers ): int {
					if ( preg_match( '#^HTTP/\S+\s+\d+#', $line ) ) {
						$response_headers = array(); // A new response (after a redirect).
					} elseif ( str_contains( $line, ':' ) ) {
						[ $name, $value ] = explode( ':', $line, 2 );
						$response_headers[ strtolower( trim( $name ) ) ] = trim( $value );
					}
					return strlen( $line );
				},
			)
		);
		if ( array_key_exists( 'body', $options ) ) {
			curl_setopt( $curl, CURLOPT_POSTFIELDS, is_array( $options['body'] ) ? http_build_query( $options['body'] ) : (string) $options['body'] );
		}
		$body = curl_exec( $curl );
		if ( false === $body ) {
			$error = curl_error( $curl );
			curl_close( $curl );
			$this->fail( "{$method} {$url} failed: {$error} (is the test stack running? scripts/suites/40-wordpress.sh starts it)" );
		}
		$response = array(
			'status'  => (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE ),
			'headers' => $response_headers,
			'body'    => (string) $body,
			'url'     => (string) curl_getinfo( $curl, CURLINFO_EFFECTIVE_URL ),
		);
		curl_close( $curl );
		// The server may have changed options or rows this process has cached.
		self::forget_cached();
		return $response;
	}

	/**
	 * The fields of an HTML form, as a browser would submit them: inputs (checked checkboxes and
	 * radios only), selects (selected option, else the first) and textareas.
	 *
	 * @param string      $html    A page.
	 * @param string|null $form_id The form's id attribute; null takes the first form.
	 * @return array<string, string>
	 */
	protected function form_fields( string $html, ?string $form_id = null ): array {
		$document = new \DOMDocument();
		libxml_use_internal_errors( true );
		$document->loadHTML( '<?xml encoding="utf-8"?>' . $html );
		libxml_clear_errors();
		$xpath = new \DOMXPath( $document );
		$form  = $xpath->query( null === $form_id ? '//form' : sprintf( '//form[@id="%s"]', $form_id ) )->item( 0 );
		$this->assertNotNull( $form, null === $form_id ? 'the page has no form' : "the page has no form with id '{$form_id}'" );
		$fields = array();
		foreach ( $xpath->query( './/input[@name]|.//select[@name]|.//textarea[@name]', $form ) as $element ) {
			$name = $element->getAttribute( 'name' );
			if ( $element->hasAttribute( 'disabled' ) ) {
				continue;
			}
			switch ( $element->nodeName ) {
				case 'input':
					$type = strtolower( $element->getAttribute( 'type' ) );
					if ( in_array( $type, array( 'checkbox', 'radio' ), true ) && ! $element->hasAttribute( 'checked' ) ) {
						break;
					}
					if ( in_array( $type, array( 'submit', 'button', 'image', 'reset', 'file' ), true ) ) {
						break;
					}
					$fields[ $name ] = $element->hasAttribute( 'value' ) ? $element->getAttribute( 'value' ) : ( 'checkbox' === $type || 'radio' === $type ? 'on' : '' );
					break;
				case 'select':
					$options  = $xpath->query( './/option', $element );
					$selected = $xpath->query( './/option[@selected]', $element )->item( 0 ) ?? $options->item( 0 );
					if ( null !== $selected ) {
						$fields[ $name ] = $selected->hasAttribute( 'value' ) ? $selected->getAttribute( 'value' ) : trim( $selected->textContent );
					}
					break;
				default:
					$fields[ $name ] = $element->textContent;
			}
		}
		return $fields;
	}

	// ---------------------------------------------------------------------------------------
	// The sandbox (the stack's local Amazon, at ASA2_API_BASE)

	/**
	 * The sandbox's counters since the test started: requests, token_requests, tokens_issued,
	 * api_calls_by_api / _by_credential / _by_marketplace / _by_operation, throttled, errors, ...
	 * (GET /__sandbox/stats).
	 *
	 * @return array<string, mixed>
	 */
	protected function sandbox_stats(): array {
		return $this->sandbox_request( 'GET', '/__sandbox/stats' );
	}

	/**
	 * Changes the sandbox's settings until the end of the test (POST /__sandbox/config), e.g.
	 * array( 'token_ttl_secs' => 2 ), array( 'rps' => 0 ), array( 'outage' => true ),
	 * array( 'error_every' => 3 ), array( 'latency_ms' => 200 ).
	 *
	 * @param array<string, mixed> $settings Settings to change.
	 * @return array<string, mixed> The sandbox's configuration view afterwards.
	 */
	protected function sandbox_configure( array $settings ): array {
		return $this->sandbox_request( 'POST', '/__sandbox/config', $settings );
	}

	/**
	 * Clears the sandbox's counters, throttling buckets and fault sequences, and its issued tokens
	 * unless $tokens is false (POST /__sandbox/reset). setUp() does it before every test.
	 */
	protected function sandbox_reset( bool $tokens = true ): void {
		$this->sandbox_request( 'POST', '/__sandbox/reset', array( 'tokens' => $tokens ) );
	}

	/**
	 * A request to the test stack's sandbox, decoded from JSON. Fails the test when the sandbox
	 * does not run or does not answer 2xx.
	 *
	 * @param string                    $method GET or POST.
	 * @param string                    $path   Path on the sandbox, such as "/__sandbox/stats".
	 * @param array<string, mixed>|null $json   Body, sent as JSON.
	 * @return array<mixed>
	 */
	protected function sandbox_request( string $method, string $path, ?array $json = null ): array {
		$url     = rtrim( self::$stack['sandbox_url'], '/' ) . '/' . ltrim( $path, '/' );
		$context = array(
			'method'        => $method,
			'timeout'       => 10,
			'ignore_errors' => true,
		);
		if ( null !== $json ) {
			$context['header']  = 'Content-Type: application/json';
			$context['content'] = (string) wp_json_encode( (object) $json );
		}
		$body = @file_get_contents( $url, false, stream_context_create( array( 'http' => $context ) ) ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- the failure is reported below.
		$this->assertNotFalse( $body, "the sandbox does not answer at {$url}" );
		$status = isset( $http_response_header[0] ) && preg_match( '#^HTTP/\S+\s+(\d+)#', $http_response_header[0], $m ) ? (int) $m[1] : 0;
		$this->assertTrue( $status >= 200 && $status < 300, "{$method} {$url} answered {$status}: " . substr( (string) $body, 0, 300 ) );
		$data = json_decode( (string) $body, true );
		$this->assertIsArray( $data, "{$method} {$url} answered something other than JSON: " . substr( (string) $body, 0, 200 ) );
		return $data;
	}

	/** Puts the sandbox back as it started: its first settings, no counters, no tokens (setUp() does). */
	protected function restore_sandbox(): void {
		if ( null === self::$sandbox_settings ) {
			self::$sandbox_settings = (array) ( $this->sandbox_request( 'GET', '/__sandbox/config' )['settings'] ?? array() );
		}
		$this->sandbox_configure( self::$sandbox_settings );
		$this->sandbox_reset();
	}

	// ---------------------------------------------------------------------------------------
	// PHP problems raised by the plugin

	/**
	 * Error handler: records notices, warnings and deprecations raised in the plugin's files, then
	 * lets PHP log every error as usual.
	 *
	 * @internal Called by PHP.
	 */
	public function record_php_problem( int $level, string $message, string $file = '', int $line = 0 ): bool {
		if ( $this->is_plugin_file( $file ) ) {
			$this->plugin_problems[] = sprintf( '%s: %s in %s:%d', self::level_name( $level ), $message, $file, $line );
		}
		return false;
	}

	/**
	 * Records WordPress's "doing it wrong" and deprecation notices when the plugin's code caused
	 * them (a plugin file is on the call stack).
	 *
	 * @internal Called by WordPress.
	 * @param mixed $subject The function, hook, file or argument concerned.
	 * @param mixed $detail  The message or replacement.
	 */
	public function record_wordpress_warning( $subject = '', $detail = '' ): void {
		foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) {
			if ( isset( $frame['file'] ) && $this->is_plugin_file( $frame['file'] ) ) {
				$this->plugin_problems[] = sprintf( '%s(%s): %s at %s:%d', current_action(), is_scalar( $subject ) ? $subject : '', is_scalar( $detail ) ? $detail : '', $frame['file'], $frame['line'] ?? 0 );
				return;
			}
		}
	}

	/**
	 * The problems the plugin's files raised in this process so far in the current test (those of
	 * the web server are read from its log after the test).
	 *
	 * @return string[]
	 */
	protected function plugin_problems(): array {
		return $this->plugin_problems;
	}

	/** Whether a path lies in the plugin (through the plugins folder's link or its real folder). */
	protected function is_plugin_file( string $file ): bool {
		foreach ( $this->plugin_dirs() as $dir ) {
			if ( str_starts_with( $file, $dir . '/' ) ) {
				return true;
			}
		}
		return false;
	}

	/** @return string[] The plugin folder's paths, as linked and as real. */
	private function plugin_dirs(): array {
		$dirs = array( rtrim( self::$stack['plugin_dir'], '/' ), WP_PLUGIN_DIR . '/' . dirname( self::$stack['plugin_file'] ) );
		$real = realpath( self::$stack['plugin_dir'] );
		if ( false !== $real ) {
			$dirs[] = $real;
		}
		return array_unique( $dirs );
	}

	/** @return string[] Lines of the web server's debug log since the test started that name a plugin file. */
	private function server_plugin_problems(): array {
		$log = (string) self::$stack['debug_log'];
		clearstatcache( true, $log );
		if ( ! is_file( $log ) || filesize( $log ) <= $this->server_log_offset ) {
			return array();
		}
		$new      = (string) file_get_contents( $log, false, null, $this->server_log_offset );
		$problems = array();
		foreach ( explode( "\n", $new ) as $line ) {
			foreach ( $this->plugin_dirs() as $dir ) {
				if ( str_contains( $line, $dir . '/' ) ) {
					$problems[] = 'web server: ' . trim( $line );
					break;
				}
			}
		}
		return $problems;
	}

	/** Current size of the web server's debug log. */
	private function server_log_size(): int {
		$log = (string) self::$stack['debug_log'];
		clearstatcache( true, $log );
		return is_file( $log ) ? (int) filesize( $log ) : 0;
	}

	/** The E_* constant name of an error level. */
	private static function level_name( int $level ): string {
		$names = array(
			E_WARNING         => 'Warning',
			E_NOTICE          => 'Notice',
			E_DEPRECATED      => 'Deprecated',
			E_USER_ERROR      => 'User error',
			E_USER_WARNING    => 'User warning',
			E_USER_NOTICE     => 'User notice',
			E_USER_DEPRECATED => 'User deprecated',
			E_RECOVERABLE_ERROR => 'Recoverable error',
		);
		return $names[ $level ] ?? "Error {$level}";
	}
}
