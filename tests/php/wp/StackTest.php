<?php
/**
 * The test stack itself: the WordPress the plugin's tests run against is the fresh test site, with
 * its users, the extension and the plugin as expected, and the TestCase helpers do what they say.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

/**
 * Checks of the test stack and of TestCase.
 */
final class StackTest extends TestCase {

	public function test_wordpress_is_the_test_site_in_its_own_database(): void {
		$this->assertSame( self::$stack['url'], home_url() );
		$this->assertSame( 'asa2_test', DB_NAME );
		$this->assertSame( self::$stack['sandbox_url'], ASA2_API_BASE );
		$this->assertTrue( is_blog_installed() );
	}

	public function test_the_extension_is_loaded_here_and_in_the_web_server(): void {
		$this->assertTrue( extension_loaded( 'asa2' ) );
		// Without the extension the plugin's screens explain what is missing instead.
		$screen = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $screen['status'] );
		$this->assertStringNotContainsString( 'needs the asa2 PHP extension', $screen['body'] );
		$this->assertStringContainsString( 'Add Marketplace', $screen['body'] );
	}

	public function test_nginx_and_php_fpm_serve_the_site_with_pretty_permalinks(): void {
		$this->assertSame( '/%postname%/', get_option( 'permalink_structure' ) );
		$rest = $this->http( 'GET', '/wp-json/' );
		$this->assertSame( 200, $rest['status'] );
		$this->assertStringStartsWith( 'nginx', $rest['headers']['server'] ?? '' );
		$this->assertStringContainsString( '"namespaces"', $rest['body'] );

		$post = wp_insert_post(
			array(
				'post_title'   => 'Served by nginx',
				'post_name'    => 'served-by-nginx',
				'post_status'  => 'publish',
				'post_content' => 'A post under a pretty permalink.',
			)
		);
		try {
			$page = $this->http( 'GET', '/served-by-nginx/' );
			$this->assertSame( 200, $page['status'], 'GET /served-by-nginx/ answered ' . $page['status'] . ' ' . ( $page['headers']['location'] ?? '' ) );
			$this->assertStringContainsString( 'A post under a pretty permalink.', $page['body'] );
			$this->assertSame( 404, $this->http( 'GET', '/no-such-page-here/' )['status'] );
			$this->assertSame( 403, $this->http( 'GET', '/.asa2-copied' )['status'], 'dot files are not served' );
		} finally {
			wp_delete_post( $post, true );
		}
	}

	public function test_site_health_info_names_the_php_the_extension_and_the_object_cache(): void {
		$response = $this->http( 'GET', '/wp-admin/site-health.php?tab=debug', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $response['status'] );
		$body = $response['body'];
		$this->assertStringContainsString( 'ASA2 Creators API', $body );
		foreach ( array( 'asa2 extension version', \Asa2\Version::extension(), 'PHP server API', 'fpm-fcgi', 'Persistent object cache' ) as $expected ) {
			$this->assertStringContainsString( $expected, $body );
		}
		$this->assertStringContainsString( PHP_VERSION, $body, 'the web server runs the same PHP as these tests' );

		$fields = apply_filters( 'debug_information', array() )['asa2-creators']['fields'];
		$this->assertSame( PHP_SAPI, $fields['php_sapi']['value'] );
		$this->assertSame( wp_using_ext_object_cache() ? 'yes' : 'no', $fields['object_cache']['debug'] );
	}

	public function test_the_plugin_is_linked_and_active(): void {
		$this->assertSame( realpath( self::$stack['plugin_dir'] ), realpath( WP_PLUGIN_DIR . '/' . dirname( self::$stack['plugin_file'] ) ) );
		$this->assertTrue( is_plugin_active( self::$stack['plugin_file'] ) );
	}

	public function test_each_role_has_its_user(): void {
		foreach ( array( 'administrator', 'editor', 'author', 'subscriber' ) as $role ) {
			$this->assertContains( $role, $this->user( $role )->roles );
		}
		$this->assertSame( 'admin', $this->user( 'administrator' )->user_login );
	}

	public function test_act_as_sets_the_current_user(): void {
		$this->act_as( 'editor' );
		$this->assertTrue( current_user_can( 'edit_others_posts' ) );
		$this->assertFalse( current_user_can( 'manage_options' ) );
		$this->act_as( 'administrator' );
		$this->assertTrue( current_user_can( 'manage_options' ) );
		$this->act_as( 'anonymous' );
		$this->assertSame( 0, get_current_user_id() );
	}

	public function test_an_administrator_reaches_the_dashboard_over_http(): void {
		$response = $this->http( 'GET', '/wp-admin/', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $response['status'] );
		$this->assertStringContainsString( '<title>Dashboard', $response['body'] );
	}

	public function test_a_subscriber_is_refused_an_administrator_screen(): void {
		$response = $this->http( 'GET', '/wp-admin/options-general.php', array( 'as' => 'subscriber' ) );
		$this->assertSame( 403, $response['status'] );
	}

	public function test_nobody_is_sent_to_the_login_page(): void {
		$response = $this->http( 'GET', '/wp-admin/' );
		$this->assertSame( 302, $response['status'] );
		$this->assertStringContainsString( '/wp-login.php', $response['headers']['location'] );
	}

	public function test_a_nonce_made_here_is_accepted_by_the_server(): void {
		// Saving the general settings needs the options-options nonce of the same session.
		$fields = $this->form_fields( $this->http( 'GET', '/wp-admin/options-general.php', array( 'as' => 'administrator' ) )['body'] );
		$this->assertSame( $this->nonce( 'general-options' ), $fields['_wpnonce'] );
		$fields['blogdescription'] = 'Saved over HTTP';
		$response = $this->http( 'POST', '/wp-admin/options.php', array( 'as' => 'administrator', 'body' => $fields ) );
		$this->assertSame( 302, $response['status'] );
		$this->assertSame( 'Saved over HTTP', get_option( 'blogdescription' ) );
	}

	public function test_reset_removes_what_the_plugin_stored(): void {
		global $wpdb;
		add_option( 'asa2_probe', 'x' );
		set_transient( 'asa2_probe', 'y', 60 );
		$wpdb->query( "CREATE TABLE IF NOT EXISTS {$wpdb->prefix}asa2_probe (id INT)" );
		$wpdb->query( "INSERT INTO {$wpdb->prefix}asa2_probe VALUES (1)" );
		wp_schedule_single_event( time() + 3600, 'asa2/probe' );
		add_option( 'blog_probe', 'kept' );

		$this->reset_plugin_state();

		$this->assertFalse( get_option( 'asa2_probe' ) );
		$this->assertFalse( get_transient( 'asa2_probe' ) );
		$this->assertSame( '0', $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->prefix}asa2_probe" ) );
		$this->assertFalse( wp_next_scheduled( 'asa2/probe' ) );
		$this->assertSame( 'kept', get_option( 'blog_probe' ) );
		$wpdb->query( "DROP TABLE {$wpdb->prefix}asa2_probe" );
		delete_option( 'blog_probe' );
	}

	public function test_problems_are_collected_from_plugin_files_only(): void {
		$plugin_file = self::$stack['plugin_dir'] . '/includes/example.php';
		$this->assertTrue( $this->is_plugin_file( $plugin_file ) );
		$this->assertTrue( $this->is_plugin_file( WP_PLUGIN_DIR . '/asa2-creators/asa2-creators.php' ) );
		$this->assertFalse( $this->is_plugin_file( ABSPATH . 'wp-includes/functions.php' ) );
		$this->assertFalse( $this->is_plugin_file( self::$stack['plugin_dir'] . '-other/x.php' ) );

		// A core deprecation is let through to PHP's log, not recorded.
		$this->assertFalse( $this->record_php_problem( E_DEPRECATED, 'core', ABSPATH . 'wp-includes/x.php', 1 ) );
		$this->assertSame( array(), $this->plugin_problems() );
	}

	public function test_the_sandbox_counts_from_zero_and_takes_settings(): void {
		$stats = $this->sandbox_stats();
		$this->assertSame( array(), $stats['tokens_issued'] );
		$this->assertSame( 0, $stats['throttled'] );
		$view = $this->sandbox_configure( array( 'token_ttl_secs' => 2 ) );
		$this->assertSame( 2, $view['settings']['token_ttl_secs'] );
	}

	public function test_each_test_starts_with_the_sandbox_settings_of_the_run(): void {
		$this->sandbox_configure( array( 'token_ttl_secs' => 5 ) );
		$this->restore_sandbox();
		$this->assertNotSame( 5, $this->sandbox_request( 'GET', '/__sandbox/config' )['settings']['token_ttl_secs'] );
	}

	public function test_a_problem_in_a_plugin_file_fails_the_test(): void {
		$this->record_php_problem( E_WARNING, 'Undefined variable $probe', self::$stack['plugin_dir'] . '/includes/example.php', 7 );
		$message = '';
		try {
			$this->assertPostConditions();
		} catch ( \PHPUnit\Framework\AssertionFailedError $e ) {
			$message = $e->getMessage();
		}
		$this->assertStringContainsString( 'Warning: Undefined variable $probe in ' . self::$stack['plugin_dir'] . '/includes/example.php:7', $message );
	}

	/** The pid of the test stack's web server. */
	public function test_form_fields_reads_what_a_browser_submits(): void {
		$html   = '<form id="f"><input type="hidden" name="a" value="1"><input type="checkbox" name="b" value="y">'
			. '<input type="checkbox" name="c" checked><select name="d"><option value="x">X</option><option value="z" selected>Z</option></select>'
			. '<textarea name="e">text</textarea><input type="submit" name="s" value="Go"><input name="f" value="2" disabled></form>';
		$this->assertSame( array( 'a' => '1', 'c' => 'on', 'd' => 'z', 'e' => 'text' ), $this->form_fields( $html, 'f' ) );
	}
}
