<?php
/**
 * The core's coded messages in the site's language: the plugin keeps a sentence for every code
 * of the extension (Asa2\Messages::all()), its English is the core's, the German translation
 * keeps every placeholder, and an unknown code shows the core's English text.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\CoreMessages;

require_once __DIR__ . '/PluginTestCase.php';

/**
 * CoreMessages against the extension's catalogue.
 */
final class CoreMessagesTest extends PluginTestCase {

	private const DOMAIN = 'asa2-creators';

	protected function tearDown(): void {
		unload_textdomain( self::DOMAIN );
		parent::tearDown();
	}

	public function test_every_code_of_the_core_has_a_sentence_with_the_cores_english(): void {
		$core      = \Asa2\Messages::all();
		$sentences = CoreMessages::sentences();
		$this->assertNotEmpty( $core );
		$this->assertSame( array(), array_values( array_diff( array_keys( $core ), array_keys( $sentences ) ) ), 'codes of the core without a sentence in CoreMessages' );
		$this->assertSame( array(), array_values( array_diff( array_keys( $sentences ), array_keys( $core ) ) ), 'sentences for codes the core no longer has' );
		foreach ( $core as $code => $english ) {
			$this->assertSame( $english, $sentences[ $code ], "the English of $code is the core's" );
		}
	}

	public function test_every_template_placeholder_has_its_description_with_the_cores_english(): void {
		$core = array_column( \Asa2\Template::placeholders(), 'description', 'name' );
		$this->assertSame( $core, CoreMessages::placeholder_descriptions(), 'a description for every placeholder of the core, in its English' );
		$this->assertSame( 'Fallback.', CoreMessages::placeholder_description( array( 'name' => 'NoSuchPlaceholder', 'description' => 'Fallback.' ) ) );
	}

	public function test_every_country_and_credential_kind_has_its_name_with_the_cores_english(): void {
		$this->assertSame( array_column( \Asa2\Marketplaces::all(), 'country', 'code' ), CoreMessages::countries() );
		$this->assertSame( 'XX', CoreMessages::country( 'XX' ) );
		$this->assertSame( '', CoreMessages::country( 'XX', '' ) );
		$this->assertSame( array_column( \Asa2\Credentials::kinds(), 'description', 'id' ), CoreMessages::kind_descriptions() );
	}

	public function test_a_validation_error_reads_as_the_cores_english_in_english(): void {
		try {
			\Asa2\MarketplaceConfig::validate(
				array(
					'marketplace'       => 'DE',
					'kind'              => 'lwa',
					'credential_id'     => "a\tb",
					'credential_secret' => '',
					'partner_tag'       => '-21',
				)
			);
			$this->fail( 'the input must be refused' );
		} catch ( \Asa2\ValidationException $e ) {
			$details = $e->getDetails();
			$this->assertNotEmpty( $details );
			foreach ( $details as $detail ) {
				$this->assertNotSame( '', $detail['code'], $detail['message'] );
				$this->assertSame( $detail['message'], CoreMessages::text( $detail ) );
			}
			$this->assertSame( $e->getErrors(), CoreMessages::errors( $e ) );
			$this->assertSame( 'char.tab', $details[0]['params']['what']['code'], 'a character is described by a message of its own' );
		}
	}

	public function test_an_amazon_refusal_reads_as_the_cores_english_with_amazons_words(): void {
		$e = self::token_refusal();
		$this->assertSame( 'token.invalid_client', $e->getMessageCode() );
		$this->assertSame( $e->getMessage(), CoreMessages::exception( $e ) );
		$this->assertSame( $e->getHint(), CoreMessages::hint( $e ) );
		$this->assertStringContainsString( '"Bad client"', CoreMessages::exception( $e ) );
		$this->assertSame( 'Not coded.', CoreMessages::exception( new \Asa2\ApiException( 'Not coded.' ) ) );
		$this->assertSame( 'Any other.', CoreMessages::exception( new \RuntimeException( 'Any other.' ) ) );
		$this->assertNull( ( new \Asa2\AuthException( 'x' ) )->getHintDetails() );
		$this->assertSame( '', CoreMessages::hint( new \Asa2\AuthException( 'x' ) ) );
	}

	public function test_a_code_without_a_sentence_shows_the_cores_text(): void {
		$this->assertSame( 'Plain English.', CoreMessages::text( array( 'code' => 'no.such_code', 'params' => array(), 'message' => 'Plain English.' ) ) );
		$this->assertSame( 'Not coded yet.', CoreMessages::text( array( 'code' => '', 'params' => array(), 'message' => 'Not coded yet.' ) ) );
	}

	public function test_german_sentences_keep_every_placeholder_and_fill_them(): void {
		$this->assertTrue( load_textdomain( self::DOMAIN, $this->plugin()->paths()->path( 'languages/' . self::DOMAIN . '-de_DE.mo' ) ) );
		$placeholders = array_column( \Asa2\Template::placeholders(), 'description', 'name' );
		foreach ( CoreMessages::placeholder_descriptions() as $name => $german ) {
			$this->assertNotSame( $placeholders[ $name ], $german, "the description of $name is translated" );
		}
		$this->assertSame( 'Deutschland', CoreMessages::country( 'DE' ) );
		$this->assertSame( 'Deutschland', CoreMessages::countries_by_english_name()['Germany'] );
		foreach ( \Asa2\Credentials::kinds() as $id => $kind ) {
			$this->assertNotSame( $kind['description'], CoreMessages::kind_descriptions()[ $id ] );
		}
		$core = \Asa2\Messages::all();
		foreach ( CoreMessages::sentences() as $code => $german ) {
			if ( preg_match( '/\p{L}/u', (string) preg_replace( '/\{[a-z_]+\}/', '', $core[ $code ] ) ) ) {
				// Not for a fragment of punctuation and parameters only, such as ": {message}".
				$this->assertNotSame( $core[ $code ], $german, "$code is translated" );
			}
			$this->assertSame( self::placeholders( $core[ $code ] ), self::placeholders( $german ), "the German of $code keeps its placeholders" );
		}
		$refusal = CoreMessages::exception( self::token_refusal() );
		$this->assertMatchesRegularExpression( '/[„"]Bad client[“"]/u', $refusal, "Amazon's own words stay as Amazon wrote them, in the language's quotation marks" );
		$this->assertStringNotContainsString( 'Amazon did not accept', $refusal );
		$this->assertStringNotContainsString( 'These credentials may be', CoreMessages::hint( self::token_refusal() ) );
		try {
			\Asa2\PartnerTag::check( 'my site-21', 'DE' );
			$this->fail( 'a space must be refused' );
		} catch ( \Asa2\ValidationException $e ) {
			$text = CoreMessages::errors( $e )['partner_tag'][0];
			$this->assertStringNotContainsString( '{', $text );
			$this->assertStringContainsString( 'Leerzeichen', $text, 'the nested description of the character is German too' );
		}
		try {
			\Asa2\MarketplaceConfig::validate( array( 'marketplace' => 'DE', 'kind' => 'lwa', 'credential_id' => '', 'credential_secret' => 'x', 'partner_tag' => 'mysite-21' ) );
			$this->fail( 'a missing Credential ID must be refused' );
		} catch ( \Asa2\ValidationException $e ) {
			$this->assertStringContainsString( 'für Deutschland', CoreMessages::errors( $e )['credential_id'][0], 'a country in a message is German' );
		}
	}

	/**
	 * Amazon's answer to a token request for Cognito credentials that it does not know.
	 *
	 * @return \Asa2\AuthException
	 */
	private static function token_refusal(): \Asa2\AuthException {
		$config = \Asa2\MarketplaceConfig::validate(
			array(
				'marketplace'       => 'DE',
				'kind'              => 'cognito',
				'credential_id'     => 'abcdefghijklmnopqrstuvwxyz',
				'credential_secret' => 'abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop',
				'partner_tag'       => 'mysite-21',
			)
		)['config'];
		try {
			\Asa2\Token::parse( $config, 400, array(), '{"error":"invalid_client","error_description":"Bad client"}', 1 );
		} catch ( \Asa2\AuthException $e ) {
			return $e;
		}
		throw new \LogicException( 'Amazon\'s refusal must be an AuthException' );
	}

	/**
	 * The sorted placeholder names of a sentence.
	 *
	 * @param string $sentence Sentence with `{name}` placeholders.
	 * @return list<string>
	 */
	private static function placeholders( string $sentence ): array {
		preg_match_all( '/\{([a-z_]+)\}/', $sentence, $m );
		$names = array_values( array_unique( $m[1] ) );
		sort( $names );
		return $names;
	}
}
