<?php
/**
 * ASA2 -> Setup -> Amazon Creators API: adding, editing, enabling, the default star, deleting,
 * validation and the sealed secret, against the real WordPress and database.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

require_once __DIR__ . '/PluginTestCase.php';

use Asa2\Creators\Admin\CreatorsTab;
use Asa2\Sealer;

/**
 * The Configured Marketplaces table and the Add/Edit Marketplace form.
 */
final class SetupMarketplacesTest extends PluginTestCase {

	public function test_adding_a_marketplace_stores_the_validated_configuration_and_returns_to_the_table(): void {
		$url = $this->save_marketplace( self::DE_COGNITO );

		$this->assertStringContainsString( 'page=asa2-setup', $url );
		$this->assertStringNotContainsString( 'view=add', $url );
		$record = $this->record( 'DE' );
		$this->assertNotNull( $record );
		$this->assertSame( 'cognito', $record['kind'] );
		$this->assertSame( '2.2', $record['api_version'], 'Cognito in the EU uses version 2.2' );
		$this->assertSame( self::DE_COGNITO['credential_id'], $record['credential_id'] );
		$this->assertSame( 'demo-de-21', $record['partner_tag'] );
		$this->assertTrue( $record['enabled'] );
		$this->assertTrue( $record['default'] );
		$this->assertStringContainsString( 'Germany was added', $this->notice_text( $this->notices(), 'success' ) );
	}

	public function test_the_secret_is_sealed_before_it_reaches_the_database(): void {
		$this->save_marketplace( self::DE_COGNITO );

		$raw = $this->raw_option( 'asa2_marketplaces' );
		$this->assertNotSame( '', $raw );
		$this->assertStringNotContainsString( self::DE_COGNITO['credential_secret'], $raw );
		$stored = $this->record( 'DE' )['credential_secret'];
		$this->assertStringStartsWith( 'asa2:v1:', $stored );
		$this->assertTrue( Sealer::isSealed( $stored ) );
		$this->assertStringContainsString( $stored, $raw );
		$this->assertSame( self::DE_COGNITO['credential_secret'], $this->open_secret( 'DE' ) );
	}

	public function test_the_api_version_follows_kind_and_marketplace(): void {
		$this->save_marketplace( self::US_LWA );
		$this->save_marketplace( self::UK_LWA );
		$this->save_marketplace( array( 'kind' => 'cognito', 'marketplace' => 'JP', 'partner_tag' => 'demo-jp-22' ) + self::DE_COGNITO );

		$this->assertSame( '3.1', $this->record( 'US' )['api_version'] );
		$this->assertSame( '3.2', $this->record( 'UK' )['api_version'] );
		$this->assertSame( '2.3', $this->record( 'JP' )['api_version'] );
	}

	public function test_validation_errors_are_reported_per_field_and_the_input_is_kept_without_the_secret(): void {
		$fields = array(
			'marketplace'       => 'DE',
			'kind'              => 'cognito',
			'credential_id'     => '',
			'credential_secret' => 'typed-secret-value-123',
			'partner_tag'       => 'bad tag with spaces',
			'enabled'           => '1',
		);
		$url = $this->save_marketplace( $fields );

		$this->assertStringContainsString( 'view=add', $url, 'a rejected form goes back to the form' );
		$this->assertNull( $this->record( 'DE' ), 'nothing is stored' );
		$state = $this->plugin()->form_state()->peek( CreatorsTab::FORM );
		$this->assertNotNull( $state );
		$this->assertArrayHasKey( 'credential_id', $state['errors'] );
		$this->assertArrayHasKey( 'partner_tag', $state['errors'] );
		$this->assertArrayNotHasKey( 'marketplace', $state['errors'] );
		$this->assertSame( 'bad tag with spaces', $state['input']['partner_tag'] );
		$this->assertArrayNotHasKey( 'credential_secret', $state['input'], 'the secret is never kept for the form' );

		// The form shown next shows each message beside its field and the typed values.
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=creators&view=add', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertMatchesRegularExpression( '/<tr class="asa2-row-credential_id form-invalid">/', $page['body'] );
		$this->assertMatchesRegularExpression( '/<tr class="asa2-row-partner_tag form-invalid">/', $page['body'] );
		$this->assertStringContainsString( 'id="asa2-credential_id-error"', $page['body'] );
		$this->assertStringContainsString( 'value="bad tag with spaces"', $page['body'] );
		$this->assertStringNotContainsString( 'typed-secret-value-123', $page['body'] );
		$fields_on_page = $this->form_fields( $page['body'], 'asa2-marketplace-form' );
		$this->assertSame( 'DE', $fields_on_page['asa2[marketplace]'] );
		$this->assertSame( '', $fields_on_page['asa2[credential_secret]'] );
	}

	public function test_a_control_character_in_the_secret_is_explained_on_the_form_by_the_extension(): void {
		$secret  = self::DE_COGNITO['credential_secret'];
		$pasted  = substr( $secret, 0, 8 ) . "\x07" . substr( $secret, 8 );
		$message = 'The Credential Secret contains the invisible character U+0007, which Amazon credentials never contain. Copy it again from Associates Central, without spaces or line breaks.';

		$url = $this->save_marketplace( array( 'credential_secret' => $pasted ) + self::DE_COGNITO );

		$this->assertStringContainsString( 'view=add', $url, 'the secret is refused, not quietly cleaned' );
		$this->assertNull( $this->record( 'DE' ) );
		$this->assertSame( array( $message ), $this->plugin()->form_state()->peek( CreatorsTab::FORM )['errors']['credential_secret'] );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=creators&view=add', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertMatchesRegularExpression( '/<tr class="asa2-row-credential_secret form-invalid">/', $page['body'] );
		$this->assertStringContainsString( '<p class="asa2-field-error" id="asa2-credential_secret-error" data-field="credential_secret">' . esc_html( $message ) . '</p>', $page['body'] );
		$this->assertStringNotContainsString( substr( $secret, 8 ), $page['body'] );

		// Surrounding whitespace and line breaks of a paste are no mistake: the secret is saved trimmed.
		$this->save_marketplace( array( 'credential_secret' => "\t" . $secret . "\r\n" ) + self::DE_COGNITO );
		$this->assertSame( $secret, $this->open_secret( 'DE' ) );
	}

	public function test_a_missing_marketplace_and_kind_are_errors_of_their_fields(): void {
		$this->save_marketplace( array( 'marketplace' => '', 'kind' => '' ) + self::DE_COGNITO );
		$errors = $this->plugin()->form_state()->peek( CreatorsTab::FORM )['errors'];
		$this->assertArrayHasKey( 'marketplace', $errors );
		$this->assertArrayHasKey( 'kind', $errors );
	}

	public function test_a_blank_secret_on_edit_keeps_the_stored_secret(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$sealed_before = $this->record( 'DE' )['credential_secret'];

		$this->save_marketplace( array( 'credential_secret' => '', 'partner_tag' => 'other-21' ) + self::DE_COGNITO, 'DE' );

		$record = $this->record( 'DE' );
		$this->assertSame( 'other-21', $record['partner_tag'] );
		$this->assertSame( $sealed_before, $record['credential_secret'] );
		$this->assertSame( self::DE_COGNITO['credential_secret'], $this->open_secret( 'DE' ) );
	}

	public function test_a_new_secret_on_edit_replaces_the_stored_one(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$this->save_marketplace( array( 'credential_secret' => 'anothersecretvalue0123456789abcdefghij' ) + self::DE_COGNITO, 'DE' );
		$this->assertSame( 'anothersecretvalue0123456789abcdefghij', $this->open_secret( 'DE' ) );
	}

	public function test_the_edit_form_never_contains_the_secret_or_its_sealed_form(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$sealed = $this->record( 'DE' )['credential_secret'];

		foreach ( array( 'view=edit&marketplace=DE', 'view=list', 'view=delete&marketplace=DE' ) as $view ) {
			$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=creators&' . $view, array( 'as' => 'administrator' ) );
			$this->assertSame( 200, $page['status'] );
			$this->assertStringNotContainsString( self::DE_COGNITO['credential_secret'], $page['body'] );
			$this->assertStringNotContainsString( $sealed, $page['body'] );
			$this->assertStringNotContainsString( 'asa2:v1:', $page['body'] );
		}
		$edit = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=creators&view=edit&marketplace=DE', array( 'as' => 'administrator' ) );
		$this->assertStringContainsString( 'Leave this field blank to keep it', $edit['body'] );
		$this->assertMatchesRegularExpression( '/<input type="password"[^>]*autocomplete="new-password"/', $edit['body'] );
		$this->assertStringContainsString( 'Save Changes', $edit['body'] );
	}

	public function test_the_table_shows_country_status_kind_version_masked_tag_and_star(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup', array( 'as' => 'administrator' ) );

		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'Configured Marketplaces', $page['body'] );
		$this->assertStringContainsString( 'nav-tab nav-tab-active" aria-current="page">Amazon Creators API', $page['body'], 'the Creators API tab is the default' );
		$this->assertMatchesRegularExpression( '#<tr data-marketplace="DE"[^>]*>.*Germany.*Enabled.*Cognito \(v2\).*2\.2.*dashicons-star-filled#s', $page['body'] );
		$this->assertStringContainsString( \Asa2\PartnerTag::mask( 'demo-de-21' ), $page['body'] );
		$this->assertStringNotContainsString( 'demo-de-21', $page['body'], 'the partner tag is partially hidden' );
	}

	public function test_the_empty_table_explains_the_first_step_and_links_to_associates_central(): void {
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=creators', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'No marketplace configured yet', $page['body'] );
		$this->assertStringContainsString( 'https://partnernet.amazon.de', $page['body'] );
		$this->assertStringContainsString( 'https://affiliate-program.amazon.co.uk', $page['body'] );
		$this->assertStringContainsString( '+ Add Marketplace', $page['body'] );
	}

	public function test_the_form_offers_only_unconfigured_marketplaces_and_embeds_the_versions(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$add = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=creators&view=add', array( 'as' => 'administrator' ) )['body'];
		$this->assertStringNotContainsString( '<option value="DE"', $add );
		$this->assertMatchesRegularExpression( '/<option value="UK" data-version-cognito="2.2" data-version-lwa="3.2"/', $add );
		$this->assertMatchesRegularExpression( '/<option value="JP" data-version-cognito="2.3" data-version-lwa="3.3"/', $add );
		$this->assertStringContainsString( 'Add Marketplace', $add );

		$edit = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=creators&view=edit&marketplace=DE', array( 'as' => 'administrator' ) )['body'];
		$this->assertMatchesRegularExpression( '/<option value="DE" selected=\'selected\'/', $edit, 'edit keeps its own marketplace' );
		$this->assertStringContainsString( '<output id="asa2-api-version"', $edit );
		$this->assertMatchesRegularExpression( '#<output id="asa2-api-version"[^>]*>2\.2</output>#', $edit );
	}

	public function test_a_second_default_moves_the_star(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$this->save_marketplace( array( 'default' => '1' ) + self::UK_LWA );

		$this->assertFalse( $this->record( 'DE' )['default'] );
		$this->assertTrue( $this->record( 'UK' )['default'] );
		$this->assertSame( 'UK', $this->plugin()->marketplaces()->default_code() );
	}

	public function test_set_default_moves_the_star(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$this->save_marketplace( self::UK_LWA );

		$this->submit( 'asa2_default_marketplace', array( 'marketplace' => 'UK' ) );

		$this->assertTrue( $this->record( 'UK' )['default'] );
		$this->assertFalse( $this->record( 'DE' )['default'] );
		$this->assertStringContainsString( 'United Kingdom is now the default marketplace', $this->notice_text( $this->notices() ) );
	}

	public function test_disable_and_enable_keep_the_credentials(): void {
		$this->save_marketplace( array( 'default' => '' ) + self::DE_COGNITO );
		$sealed = $this->record( 'DE' )['credential_secret'];

		$this->submit( 'asa2_toggle_marketplace', array( 'marketplace' => 'DE' ) );
		$this->assertFalse( $this->record( 'DE' )['enabled'] );
		$this->assertSame( $sealed, $this->record( 'DE' )['credential_secret'] );

		$this->submit( 'asa2_toggle_marketplace', array( 'marketplace' => 'DE' ) );
		$this->assertTrue( $this->record( 'DE' )['enabled'] );
	}

	public function test_the_default_marketplace_cannot_be_disabled_and_says_why(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$this->notices();

		$this->submit( 'asa2_toggle_marketplace', array( 'marketplace' => 'DE' ) );

		$this->assertTrue( $this->record( 'DE' )['enabled'], 'the set rule (the default is enabled) comes from the extension' );
		$this->assertStringContainsString( 'Nothing was changed', $this->notice_text( $this->notices(), 'error' ) );
	}

	public function test_delete_removes_the_marketplace_after_the_confirmation_page(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$confirm = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup&tab=creators&view=delete&marketplace=DE', array( 'as' => 'administrator' ) );
		$this->assertStringContainsString( 'Delete the Germany marketplace?', $confirm['body'] );
		$this->assertStringContainsString( 'name="action" value="asa2_delete_marketplace"', $confirm['body'] );
		$this->assertNotNull( $this->record( 'DE' ), 'the confirmation page deletes nothing' );

		$response = $this->post_over_http( 'asa2_delete_marketplace', array( 'marketplace' => 'DE' ) );

		$this->assertSame( 302, $response['status'] );
		$this->assertStringContainsString( 'page=asa2-setup', $response['headers']['location'] );
		$this->assertNull( $this->record( 'DE' ) );
	}

	public function test_saving_over_http_redirects_and_shows_the_notice_once(): void {
		$response = $this->post_over_http( 'asa2_save_marketplace', array( 'asa2' => self::DE_COGNITO, 'original' => '' ) );
		$this->assertSame( 302, $response['status'] );
		$this->assertNotNull( $this->record( 'DE' ) );

		$page = $this->http( 'GET', $response['headers']['location'], array( 'as' => 'administrator' ) );
		$this->assertStringContainsString( 'Germany was added', $page['body'] );
		$again = $this->http( 'GET', $response['headers']['location'], array( 'as' => 'administrator' ) );
		$this->assertStringNotContainsString( 'Germany was added', $again['body'] );
	}

	public function test_lwa_credentials_entered_as_cognito_are_saved_with_a_warning(): void {
		$this->save_marketplace( array( 'kind' => 'cognito' ) + self::UK_LWA );

		$this->assertSame( 'cognito', $this->record( 'UK' )['kind'] );
		$this->assertSame( '2.2', $this->record( 'UK' )['api_version'] );
		$warning = $this->notice_text( $this->notices(), 'warning' );
		$this->assertStringContainsString( 'LWA', $warning );
	}

	public function test_a_secret_sealed_with_other_keys_shows_re_enter_instead_of_failing(): void {
		$this->save_marketplace( self::DE_COGNITO );
		$records                                  = $this->plugin()->marketplaces()->all();
		$records['DE']['credential_secret']       = ( new Sealer( str_repeat( 'k', 64 ) ) )->seal( 'whatever', 'DE', 'credential_secret' );
		$this->plugin()->marketplaces()->replace_all( $records );

		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-setup', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'Re-enter the secret', $page['body'] );

		// Saving with a blank secret is refused at the secret field; a new secret fixes it.
		$this->save_marketplace( array( 'credential_secret' => '' ) + self::DE_COGNITO, 'DE' );
		$this->assertArrayHasKey( 'credential_secret', $this->plugin()->form_state()->take( CreatorsTab::FORM )['errors'] );
		$this->save_marketplace( self::DE_COGNITO, 'DE' );
		$this->assertSame( self::DE_COGNITO['credential_secret'], $this->open_secret( 'DE' ) );
	}

	public function test_moving_a_configuration_to_another_marketplace_reseals_the_kept_secret(): void {
		$this->save_marketplace( self::DE_COGNITO );

		$this->save_marketplace( array( 'marketplace' => 'FR', 'partner_tag' => 'demo-fr-21', 'credential_secret' => '' ) + self::DE_COGNITO, 'DE' );

		$this->assertNull( $this->record( 'DE' ) );
		$this->assertSame( '2.2', $this->record( 'FR' )['api_version'] );
		$this->assertSame( self::DE_COGNITO['credential_secret'], $this->open_secret( 'FR' ), 'the secret is sealed again for its new marketplace' );
	}
}
