<?php
/**
 * The plugin takes the extension's rules instead of restating them: the ids of the APIs and
 * credential kinds, the GetItems batch size, the redaction spelling and the sealing errors.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Api\AmazonApi;
use Asa2\Creators\Api\CallLog;
use Asa2\Creators\Api\CredentialKind;
use Asa2\Creators\Storage\SecretStore;

require_once __DIR__ . '/PluginTestCase.php';

/**
 * The plugin's enums and helpers against the extension's values.
 */
final class ExtensionContractTest extends PluginTestCase {

	public function test_the_api_enum_has_the_extensions_ids(): void {
		$this->assertSame( array( \Asa2\Api::CREATORS, \Asa2\Api::PAAPI5 ), array_map( static fn( AmazonApi $api ): string => $api->value, AmazonApi::cases() ) );
		$this->assertSame( array_column( \Asa2\Api::all(), 'id' ), array_map( static fn( AmazonApi $api ): string => $api->value, AmazonApi::cases() ) );
		$this->assertSame( AmazonApi::PaApi, AmazonApi::of( 'paapi' ), 'log rows written before the ids were the extension\'s' );
		$this->assertNull( AmazonApi::of( '' ) );
	}

	public function test_the_credential_kind_enum_has_the_extensions_kinds(): void {
		$this->assertSame( array( \Asa2\Credentials::COGNITO, \Asa2\Credentials::LWA ), array_map( static fn( CredentialKind $kind ): string => $kind->value, CredentialKind::cases() ) );
		$this->assertSame( array_keys( \Asa2\Credentials::kinds() ), array_map( static fn( CredentialKind $kind ): string => $kind->value, CredentialKind::cases() ) );
		foreach ( CredentialKind::cases() as $kind ) {
			$this->assertSame( \Asa2\Credentials::kinds()[ $kind->value ]['label'], $kind->label() );
		}
	}

	public function test_the_log_redacts_with_the_extensions_spelling(): void {
		$message = CallLog::redact( 'secret=abcd1234xyz, Authorization: Bearer eyJhbGciOi.J9-x_y', array( 'abcd1234xyz' ), array() );
		$this->assertSame( 'secret=' . \Asa2\Redaction::REDACTED . ', Authorization: Bearer ' . \Asa2\Redaction::REDACTED, $message );
		$this->assertSame( 2000, mb_strlen( CallLog::redact( str_repeat( 'ä ', 1500 ), array(), array() ) ) );
	}

	public function test_a_key_too_short_is_explained_with_the_wordpress_advice_and_other_failures_without(): void {
		try {
			new \Asa2\Sealer( 'short' );
			$this->fail( 'a 5-byte key must be refused' );
		} catch ( \Asa2\CryptoException $e ) {
			$this->assertSame( 'key_too_short', $e->getKind() );
			$text = SecretStore::seal_failure( $e );
			$this->assertStringStartsWith( 'The secret could not be encrypted: ' . $e->getMessage(), $text );
			$this->assertStringContainsString( 'ASA2_SECRET_KEY', $text );
		}
		try {
			( new \Asa2\Sealer( str_repeat( 'k', 64 ) ) )->seal( str_repeat( 's', 70000 ), 'DE', 'credential_secret' );
			$this->fail( 'an over-long secret must be refused' );
		} catch ( \Asa2\CryptoException $e ) {
			$this->assertNotSame( 'key_too_short', $e->getKind() );
			$this->assertStringNotContainsString( 'ASA2_SECRET_KEY', SecretStore::seal_failure( $e ) );
		}
	}
}
