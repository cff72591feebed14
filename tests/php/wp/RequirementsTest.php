<?php
/**
 * Without the asa2 extension the plugin explains how to install it - admin notice, the ASA2
 * screens, Site Health - and loads nothing else: never a fatal error. Checked in a separate PHP
 * process that loads the same WordPress without the extension.
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
		exec( escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( $script ) . ' 2>&1', $output, $status );
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
		$this->assertFalse( in_array( 'asa2', explode( "\n", (string) shell_exec( escapeshellarg( PHP_BINARY ) . ' -m' ) ), true ), 'the plain PHP command line must run without the extension' );

		$result = $this->run_without_extension(
			'
			$admin = get_user_by( "login", "admin" );
			wp_set_current_user( $admin->ID );
			echo "loaded=", class_exists( "Asa2\\\\Creators\\\\Plugin", false ) ? "yes" : "no", "\n";
			echo "active=", is_plugin_active( "asa2-creators/asa2-creators.php" ) ? "yes" : "no", "\n";
			do_action( "admin_notices" );
			echo "\n";
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
		$this->assertStringNotContainsString( 'Fatal error', $result['output'] );
	}
}
