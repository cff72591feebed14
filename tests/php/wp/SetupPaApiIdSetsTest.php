<?php
/**
 * ASA2 -> Setup -> Amazon PA API and Associate ID Sets.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

require_once __DIR__ . '/PluginTestCase.php';

use Asa2\Creators\Admin\IdSetsTab;
use Asa2\Creators\Admin\PaApiTab;
use Asa2\Creators\Storage\PaApiRepository;

/**
 * The other two Setup tabs.
 */
final class SetupPaApiIdSetsTest extends PluginTestCase {

	public function test_pa_api_settings_are_saved_with_the_secret_key_sealed(): void {
		$this->submit( 'asa2_save_paapi', array( 'asa2' => self::PAAPI ) );

		$stored = $this->plugin()->paapi()->get();
		$this->assertSame( self::PAAPI['access_key'], $stored['access_key'] );
		$this->assertSame( 'FR', $stored['marketplace'] );
		$this->assertStringStartsWith( 'asa2:v1:', $stored['secret_key'] );
		$this->assertStringNotContainsString( self::PAAPI['secret_key'], $this->raw_option( 'asa2_paapi' ) );
		$this->assertSame( self::PAAPI['secret_key'], $this->plugin()->secrets()->open( $stored['secret_key'], PaApiRepository::SECRET_SCOPE, PaApiRepository::SECRET_FIELD ) );

		// A blank secret key keeps the stored one.
		$this->submit( 'asa2_save_paapi', array( 'asa2' => array( 'secret_key' => '', 'partner_tag' => 'demo-it-21', 'marketplace' => 'IT' ) + self::PAAPI ) );
		$again = $this->plugin()->paapi()->get();
		$this->assertSame( 'IT', $again['marketplace'] );
		$this->assertSame( $stored['secret_key'], $again['secret_key'] );

		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=paapi', array( 'as' => 'administrator' ) )['body'];
		$this->assertStringNotContainsString( self::PAAPI['secret_key'], $page );
		$this->assertStringNotContainsString( 'asa2:v1:', $page );
		$this->assertStringContainsString( 'Leave blank to keep it', $page );
	}

	public function test_pa_api_errors_are_reported_per_field(): void {
		$this->submit( 'asa2_save_paapi', array( 'asa2' => array( 'access_key' => '', 'secret_key' => '', 'partner_tag' => 'no spaces allowed', 'marketplace' => 'XX' ) ) );
		$errors = $this->plugin()->form_state()->peek( PaApiTab::FORM )['errors'];
		$this->assertArrayHasKey( 'access_key', $errors );
		$this->assertArrayHasKey( 'secret_key', $errors );
		$this->assertArrayHasKey( 'marketplace', $errors );
		$this->assertFalse( get_option( PaApiRepository::OPTION ) );

		$this->plugin()->form_state()->take( PaApiTab::FORM );
		$this->submit( 'asa2_save_paapi', array( 'asa2' => array( 'partner_tag' => 'no spaces allowed' ) + self::PAAPI ) );
		$this->assertArrayHasKey( 'partner_tag', $this->plugin()->form_state()->peek( PaApiTab::FORM )['errors'] );
	}

	public function test_a_line_break_inside_the_secret_key_is_explained_on_the_form_by_the_extension(): void {
		$secret = self::PAAPI['secret_key'];
		$this->submit( 'asa2_save_paapi', array( 'asa2' => array( 'secret_key' => substr( $secret, 0, 10 ) . "\n" . substr( $secret, 10 ) ) + self::PAAPI ) );

		$this->assertFalse( get_option( PaApiRepository::OPTION ), 'the key is refused, not quietly cleaned' );
		$errors = $this->plugin()->form_state()->peek( PaApiTab::FORM )['errors'];
		$this->assertSame( array( 'The Secret Key contains a line break, which Amazon credentials never contain. Copy it again from Associates Central, without spaces or line breaks.' ), $errors['secret_key'] );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=paapi', array( 'as' => 'administrator' ) )['body'];
		$this->assertStringContainsString( 'The Secret Key contains a line break, which Amazon credentials never contain.', $page );
		$this->assertStringNotContainsString( substr( $secret, 10 ), $page );
	}

	public function test_the_pa_api_tab_says_which_marketplaces_use_the_creators_api(): void {
		$this->submit( 'asa2_save_paapi', array( 'asa2' => self::PAAPI ) );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=paapi', array( 'as' => 'administrator' ) )['body'];
		$this->assertStringNotContainsString( 'The Creators API is active', $page );

		$this->save_marketplace( self::DE_COGNITO );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=paapi', array( 'as' => 'administrator' ) )['body'];
		$this->assertStringContainsString( 'The Creators API is active', $page );
		$this->assertMatchesRegularExpression( '/PA API is not used for these marketplaces because they use the Creators API: Germany\./', $page );
		$this->assertMatchesRegularExpression( '/still fall back to PA API: [^<]*France/', $page );
		$this->assertStringContainsString( 'stay stored', $page );
		$this->assertTrue( $this->plugin()->paapi()->is_configured(), 'PA API credentials stay stored' );

		// A disabled marketplace does not count as active.
		$this->save_marketplace( array( 'enabled' => '', 'default' => '' ) + self::DE_COGNITO, 'DE' );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=paapi', array( 'as' => 'administrator' ) )['body'];
		$this->assertStringNotContainsString( 'The Creators API is active', $page );
	}

	public function test_id_sets_are_added_listed_edited_and_deleted(): void {
		$this->submit( 'asa2_save_id_set', array( 'asa2' => array( 'name' => 'Main site', 'tags' => array( 'DE' => 'demo-de-21', 'UK' => 'demo-uk-21', 'FR' => '' ) ) ) );

		$set = $this->plugin()->id_sets()->get( 'main-site' );
		$this->assertNotNull( $set );
		$this->assertSame( array( 'UK' => 'demo-uk-21', 'DE' => 'demo-de-21' ), $set['tags'] );

		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=id-sets', array( 'as' => 'administrator' ) )['body'];
		$this->assertStringContainsString( 'Main site', $page );
		$this->assertStringContainsString( \Asa2\PartnerTag::mask( 'demo-de-21' ), $page );

		$this->submit( 'asa2_save_id_set', array( 'asa2' => array( 'name' => 'Newsletter', 'tags' => array( 'DE' => 'news-de-21' ) ), 'original' => 'main-site' ) );
		$this->assertNull( $this->plugin()->id_sets()->get( 'main-site' ) );
		$this->assertSame( array( 'DE' => 'news-de-21' ), $this->plugin()->id_sets()->get( 'newsletter' )['tags'] );

		$this->submit( 'asa2_delete_id_set', array( 'set' => 'newsletter' ) );
		$this->assertSame( array(), $this->plugin()->id_sets()->all() );
	}

	public function test_id_set_tracking_ids_are_validated_per_marketplace(): void {
		$this->submit( 'asa2_save_id_set', array( 'asa2' => array( 'name' => 'Broken', 'tags' => array( 'DE' => 'has spaces', 'UK' => 'demo-uk-21' ) ) ) );

		$state = $this->plugin()->form_state()->peek( IdSetsTab::FORM );
		$this->assertArrayHasKey( 'tags[DE]', $state['errors'] );
		$this->assertArrayNotHasKey( 'tags[UK]', $state['errors'] );
		$this->assertSame( 'has spaces', $state['input']['tags']['DE'] );
		$this->assertSame( array(), $this->plugin()->id_sets()->all() );

		$this->plugin()->form_state()->take( IdSetsTab::FORM );
		$this->submit( 'asa2_save_id_set', array( 'asa2' => array( 'name' => '', 'tags' => array() ) ) );
		$this->assertArrayHasKey( 'name', $this->plugin()->form_state()->peek( IdSetsTab::FORM )['errors'] );
	}
}
