<?php
/**
 * Without the asa2 extension the plugin explains how to install it - admin notice, the ASA2
 * screens, Site Health - and loads nothing else: never a fatal error. Checked in a separate PHP
 * process that loads the same WordPress without the extension (when the stack's PHP loads it from
 * its own configuration, as after installing the package, that process reads the configuration
 * without the extension's ini file).
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

require_once __DIR__ . '/PluginTestCase.php';

/**
 * The bootstrap's precondition checks.
 */
final class RequirementsTest extends PluginTestCase {

	/**
	 * The command line of a PHP without the asa2 extension: this PHP, and when its configuration
	 * loads the extension (an installed package), a copy of its scanned ini files without asa2's.
	 *
	 * @return string Shell command prefix.
	 */
	private function php_without_extension(): string {
		$php = escapeshellarg( PHP_BINARY );
		if ( '' !== self::$stack['extension'] ) {
			return $php; // The stack loads the extension with -d extension=..., plain PHP does not.
		}
		$dir = sys_get_temp_dir() . '/asa2-no-extension-' . getmypid();
		if ( ! is_dir( $dir ) ) {
			mkdir( $dir );
			foreach ( array_filter( array_map( 'trim', explode( ',', (string) php_ini_scanned_files() ) ) ) as $file ) {
				if ( false === strpos( basename( $file ), 'asa2' ) ) {
					copy( $file, $dir . '/' . basename( $file ) );
				}
			}
		}
		return 'PHP_INI_SCAN_DIR=' . escapeshellarg( $dir ) . ' ' . $php;
	}

	/**
	 * Runs PHP code after loading WordPress in a PHP process without the asa2 extension.
	 *
	 * @param string $code PHP code (no opening tag); its output is returned.
	 * @return array{status: int, output: string}
	 */
	private function run_without_extension( string $code ): array {
		$script = tempnam( sys_get_temp_dir(), 'asa2-req-' );
		file_put_contents(
			$script,
			'<?php
			$_SERVER["HTTP_HOST"] = "127.0.0.1:' . (int) self::$stack['port'] . '";
			$_SERVER["REQUEST_URI"] = "/wp-admin/";
			define( "WP_ADMIN", true );
			require ' . var_export( self::$stack['wp_dir'] . '/wp-load.php', true ) . ';
			require_once ABSPATH . "wp-admin/includes/admin.php";
			' . $code
		);
		$output = array();
		$status = 0;
		exec( $this->php_without_extension() . ' ' . escapeshellarg( $script ) . ' 2>&1', $output, $status );
		unlink( $script );
		return array(
			'status' => $status,
			'output' => implode( "\n", $output ),
		);
	}

	public function test_the_extension_is_loaded_here_and_nothing_is_missing(): void {
		$this->assertSame( array(), asa2_creators_requirement_problems() );
	}

	public function test_without_the_extension_the_plugin_explains_and_does_not_load(): void {
		$this->assertFalse( in_array( 'asa2', explode( "\n", (string) shell_exec( $this->php_without_extension() . ' -m' ) ), true ), 'the PHP of this check must run without the extension' );

		$result = $this->run_without_extension(
			'
			$admin = get_user_by( "login", "admin" );
			wp_set_current_user( $admin->ID );
			echo "loaded=", class_exists( "Asa2\\\\Creators\\\\Plugin", false ) ? "yes" : "no", "\n";
			echo "active=", is_plugin_active( "asa2-creators/asa2-creators.php" ) ? "yes" : "no", "\n";
			do_action( "admin_notices" );
			echo "\nshortcode=[", do_shortcode( "[asa2 asin=\"B0DHS2V7ZB\" marketplace=\"DE\"]" ), "]\n";
			$tests = apply_filters( "site_status_tests", array( "direct" => array(), "async" => array() ) );
			$test  = $tests["direct"]["asa2_requirements"]["test"];
			$res   = call_user_func( $test );
			echo "health=", $res["status"], "\n";
			asa2_creators_requirements_render_screen();
			'
		);

		$this->assertSame( 0, $result['status'], $result['output'] );
		$this->assertStringContainsString( 'loaded=no', $result['output'] );
		$this->assertStringContainsString( 'active=yes', $result['output'] );
		$this->assertStringContainsString( 'needs the asa2 PHP extension', $result['output'] );
		$this->assertStringContainsString( 'extension=/path/to/', $result['output'] );
		$this->assertStringContainsString( 'php -m', $result['output'] );
		$this->assertStringContainsString( 'This site runs PHP ' . PHP_VERSION . ' (cli)', $result['output'], 'the notice names the PHP version and SAPI, so the owner knows which extension package fits' );
		$this->assertStringContainsString( 'health=critical', $result['output'] );
		$this->assertStringContainsString( 'shortcode=[]', $result['output'], 'a product box in a post shows nothing, not its shortcode' );

		// The notice links to the installation steps, which name the package for this PHP.
		$this->assertStringContainsString( 'page=asa2-setup#asa2-install', $result['output'] );
		$this->assertStringContainsString( 'How to install the asa2 extension on this server', $result['output'] );
		$php     = PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION;
		$version = get_plugin_data( WP_PLUGIN_DIR . '/' . self::$stack['plugin_file'], false, false )['Version'];
		$this->assertContains( $php, array( '8.2', '8.4' ), 'the stacks run PHP versions with a package' );
		$package = "php{$php}-asa2_{$version}_amd64.deb";
		$this->assertStringContainsString( "Install the extension package for PHP {$php}, {$package}", $result['output'] );
		$this->assertStringContainsString( 'id="asa2-install"', $result['output'] );
		$this->assertStringContainsString( "apt install ./{$package}", $result['output'] );
		$this->assertStringContainsString( "apt remove php{$php}-asa2", $result['output'] );
		$this->assertStringContainsString( 'Site Health', $result['output'] );
		$this->assertStringNotContainsString( 'Fatal error', $result['output'] );
	}
}
