<?php
/**
 * The core's messages in the site's language.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Turns the extension's coded messages (a code, its parameters and the English text; see
 * Asa2\ValidationException::getDetails() and Asa2\Messages::all()) into translatable sentences.
 * The one place that holds a sentence per code: PHP uses it directly, and assets/admin-live.js
 * gets the same sentences through wp_localize_script. A code without a sentence here shows the
 * core's English text, so nothing is ever blank; tests/php/wp/CoreMessagesTest.php fails when a
 * code of the core has no sentence or a sentence's English differs from the core's.
 */
final class CoreMessages {

	/**
	 * Every code with its sentence in the site's language, `{name}` where a parameter goes.
	 *
	 * @return array<string, string>
	 */
	public static function sentences(): array {
		return array(
			'char.space' => __( 'a space', 'asa2-creators' ),
			'char.tab' => __( 'a tab', 'asa2-creators' ),
			'char.line_break' => __( 'a line break', 'asa2-creators' ),
			'char.nbsp' => __( 'a non-breaking space', 'asa2-creators' ),
			/* translators: {code_point}: Unicode code point such as U+200B */
			'char.invisible' => __( 'the invisible character {code_point}', 'asa2-creators' ),
			/* translators: {char}: the character */
			'char.quoted' => __( '"{char}"', 'asa2-creators' ),
			'char.not_ascii' => __( 'a character that is not plain ASCII (such as a typographic quote or an accented letter)', 'asa2-creators' ),
			/* translators: {input}: what was entered */
			'marketplace.unknown' => __( '"{input}" is not an Amazon marketplace this plugin supports: choose a country from the list (for example DE for Germany or US for the United States).', 'asa2-creators' ),
			'marketplace.missing' => __( 'Select the marketplace (country) these credentials were created for.', 'asa2-creators' ),
			'paapi.marketplace_missing' => __( 'Select the default country: the Amazon store PA API requests go to when no other is chosen.', 'asa2-creators' ),
			/* translators: {len}: number of characters, {max}: largest allowed number */
			'credential_id.too_long' => __( 'The Credential ID is {len} characters long, more than any Amazon credential (at most {max}): check that you pasted only the Credential ID.', 'asa2-creators' ),
			/* translators: {what}: description of a character, such as "a space" */
			'credential_id.bad_char' => __( 'The Credential ID contains {what}, which Amazon credentials never contain. Copy it again from Associates Central, without spaces or line breaks.', 'asa2-creators' ),
			/* translators: {len}: number of characters, {max}: largest allowed number */
			'credential_secret.too_long' => __( 'The Credential Secret is {len} characters long, more than any Amazon credential (at most {max}): check that you pasted only the Credential Secret.', 'asa2-creators' ),
			/* translators: {what}: description of a character, such as "a space" */
			'credential_secret.bad_char' => __( 'The Credential Secret contains {what}, which Amazon credentials never contain. Copy it again from Associates Central, without spaces or line breaks.', 'asa2-creators' ),
			/* translators: {len}: number of characters, {max}: largest allowed number */
			'secret_key.too_long' => __( 'The Secret Key is {len} characters long, more than any Amazon credential (at most {max}): check that you pasted only the Secret Key.', 'asa2-creators' ),
			/* translators: {what}: description of a character, such as "a space" */
			'secret_key.bad_char' => __( 'The Secret Key contains {what}, which Amazon credentials never contain. Copy it again from Associates Central, without spaces or line breaks.', 'asa2-creators' ),
			'kind.missing' => __( 'Select the Credential Type: Cognito (v2) for credentials created before February 2026, LWA (v3) for credentials issued since.', 'asa2-creators' ),
			/* translators: {detected}: credential type the credentials look like, such as LWA (v3) */
			'kind.missing_detected' => __( 'Select the Credential Type: Cognito (v2) for credentials created before February 2026, LWA (v3) for credentials issued since. These credentials look like {detected}.', 'asa2-creators' ),
			/* translators: {input}: what was entered */
			'kind.unknown' => __( '"{input}" is not a credential type: choose Cognito (v2) or LWA (v3)', 'asa2-creators' ),
			/* translators: {chosen}: the selected credential type, {detected}: credential type the credentials look like, such as LWA (v3) */
			'kind.mismatch' => __( 'These credentials look like {detected} credentials, but {chosen} is selected. A wrong credential type makes Amazon answer "invalid_client": choose {detected}.', 'asa2-creators' ),
			/* translators: {country}: country of the Amazon store, such as Germany, {url}: address of Associates Central */
			'credential_id.missing_for' => __( 'Enter the Credential ID from the Creators API section of Associates Central for {country} ({url}).', 'asa2-creators' ),
			'credential_id.missing' => __( 'Enter the Credential ID from the Creators API section of Associates Central.', 'asa2-creators' ),
			/* translators: {country}: country of the Amazon store, such as Germany, {url}: address of Associates Central */
			'credential_secret.missing_for' => __( 'Enter the Credential Secret from the Creators API section of Associates Central for {country} ({url}); it is shown together with the Credential ID. If you no longer have it, create a new credential there.', 'asa2-creators' ),
			'credential_secret.missing' => __( 'Enter the Credential Secret from the Creators API section of Associates Central; it is shown together with the Credential ID. If you no longer have it, create a new credential there.', 'asa2-creators' ),
			'default.not_enabled' => __( 'A default marketplace must be enabled: tick Enable Marketplace or untick Set as Default.', 'asa2-creators' ),
			/* translators: {country}: country of the Amazon store, such as Germany */
			'default.disabled' => __( 'The default marketplace {country} is disabled. A default marketplace must be enabled: tick Enable Marketplace or untick Set as Default.', 'asa2-creators' ),
			/* translators: {countries}: list of countries */
			'default.several' => __( 'Only one marketplace can be the default, but {countries} are all set as default: untick Set as Default on all but one.', 'asa2-creators' ),
			/* translators: {country}: country of the Amazon store, such as Germany */
			'marketplace.repeated' => __( '{country} is configured more than once: keep one configuration per marketplace and edit the existing one instead of adding another.', 'asa2-creators' ),
			/* translators: {country}: country of the Amazon store, such as Germany, {example}: example tracking ID such as mysite-21, {url}: address of Associates Central */
			'partner_tag.missing_for' => __( 'Enter the tracking ID (for example {example}) from Associates Central for {country}: {url}', 'asa2-creators' ),
			/* translators: {example}: example tracking ID such as mysite-21 */
			'partner_tag.missing' => __( 'Enter the tracking ID (for example {example}) from Associates Central of your marketplace.', 'asa2-creators' ),
			/* translators: {example}: example tracking ID such as mysite-21, {len}: number of characters, {max}: largest allowed number */
			'partner_tag.too_long' => __( 'The tracking ID is {len} characters long, but Amazon allows at most {max}: enter only the tracking ID, such as {example}.', 'asa2-creators' ),
			/* translators: {what}: description of a character, such as "a space" */
			'partner_tag.bad_char' => __( 'The tracking ID contains {what}, which tracking IDs never contain: use only letters A-Z, digits, hyphens (-), dots (.) and underscores (_), exactly as Associates Central shows it.', 'asa2-creators' ),
			/* translators: {suffix}: two digits */
			'partner_tag.no_name' => __( 'The tracking ID needs a name before -{suffix}, such as mysite-{suffix}.', 'asa2-creators' ),
			/* translators: {example}: example tracking ID such as mysite-21 */
			'partner_tag.no_suffix' => __( 'The tracking ID must end in a hyphen and two digits, such as {example}: copy the whole tracking ID, including its ending, from Associates Central.', 'asa2-creators' ),
			/* translators: {actual}: two digits the tracking ID ends in, {country}: country of the Amazon store, such as Germany, {usual}: usual number of characters, or the usual two-digit ending */
			'partner_tag.unusual_suffix' => __( 'Tracking IDs for {country} usually end in -{usual}, but this one ends in -{actual}. Check that it belongs to your {country} Associates account: Amazon refuses a tracking ID of another store (InvalidPartnerTag).', 'asa2-creators' ),
			'access_key.missing' => __( 'Enter the Access Key of your Product Advertising API credentials (Associates Central, Tools, Product Advertising API).', 'asa2-creators' ),
			'access_key.is_secret_key' => __( 'This looks like the Secret Key: the Access Key is the shorter value (usually 20 characters, starting with AKIA).', 'asa2-creators' ),
			/* translators: {len}: number of characters, {max}: largest allowed number, {min}: smallest allowed number */
			'access_key.length' => __( 'The Access Key is {len} characters long, but access keys have {min} to {max} (usually 20, starting with AKIA): copy the whole Access Key from Associates Central.', 'asa2-creators' ),
			/* translators: {what}: description of a character, such as "a space" */
			'access_key.bad_char' => __( 'The Access Key contains {what}, but access keys use only capital letters A-Z and digits: copy it again from Associates Central.', 'asa2-creators' ),
			'access_key.unusual' => __( 'Access keys of the Product Advertising API usually start with AKIA: check that this is the Access Key of your PA API credentials.', 'asa2-creators' ),
			'secret_key.missing' => __( 'Enter the Secret Key shown together with the Access Key. If you no longer have it, create new credentials in Associates Central.', 'asa2-creators' ),
			'secret_key.is_access_key' => __( 'This looks like the Access Key (it starts with AKIA): enter the Secret Key here, the 40-character value shown with it.', 'asa2-creators' ),
			/* translators: {len}: number of characters, {usual}: usual number of characters, or the usual two-digit ending */
			'secret_key.too_short' => __( 'The Secret Key is only {len} characters long, but secret keys have {usual}: copy all of it.', 'asa2-creators' ),
			/* translators: {len}: number of characters, {usual}: usual number of characters, or the usual two-digit ending */
			'secret_key.unusual_length' => __( 'Secret keys are usually {usual} characters long, but this one has {len}: check that you copied all of it and nothing more.', 'asa2-creators' ),
			/* translators: {country}: country of the Amazon store, such as Germany */
			'id_set.tag_repeated' => __( '{country} has more than one tracking ID in this set: keep one.', 'asa2-creators' ),
			'id_set.no_tags' => __( 'Enter at least one tracking ID: the set maps each country\'s store to your tracking ID there.', 'asa2-creators' ),
			'id_set.name_missing' => __( 'Enter a name for this set, such as "Main site", to tell it apart from other sets.', 'asa2-creators' ),
			/* translators: {len}: number of characters, {max}: largest allowed number */
			'id_set.name_too_long' => __( 'The name is {len} characters long: use at most {max}.', 'asa2-creators' ),
			'id_set.name_control' => __( 'The name contains a line break or another control character: use a single line of text.', 'asa2-creators' ),
			/* translators: {name}: name of the set */
			'id_set.name_repeated' => __( 'There is more than one set named "{name}" (names are compared without regard to case): give each set its own name.', 'asa2-creators' ),
		);
	}

	/**
	 * One message in the site's language: its code's sentence with the parameters filled in
	 * (a parameter that is a message itself is translated the same way), or the core's English
	 * text when the code has no sentence.
	 *
	 * @param array $detail {code, params, message} as getDetails() lists it.
	 * @param array<string, string>|null $sentences The sentences (looked up when null).
	 */
	public static function text( array $detail, ?array $sentences = null ): string {
		$sentences = $sentences ?? self::sentences();
		$code      = (string) ( $detail['code'] ?? '' );
		if ( '' === $code || ! isset( $sentences[ $code ] ) ) {
			return (string) ( $detail['message'] ?? '' );
		}
		$values = array();
		foreach ( (array) ( $detail['params'] ?? array() ) as $name => $value ) {
			$values[ '{' . $name . '}' ] = is_array( $value ) ? self::text( $value, $sentences ) : (string) $value;
		}
		return strtr( $sentences[ $code ], $values );
	}

	/**
	 * Messages by field, in the site's language, in the order the core found them.
	 *
	 * @param array $details List of {field, code, params, message}.
	 * @return array<string, list<string>>
	 */
	public static function by_field( array $details ): array {
		$sentences = self::sentences();
		$fields    = array();
		foreach ( $details as $detail ) {
			if ( is_array( $detail ) ) {
				$fields[ (string) ( $detail['field'] ?? '' ) ][] = self::text( $detail, $sentences );
			}
		}
		return $fields;
	}

	/**
	 * The messages of a validation error by field, in the site's language.
	 *
	 * @param \Asa2\ValidationException $e The error.
	 * @return array<string, list<string>>
	 */
	public static function errors( \Asa2\ValidationException $e ): array {
		return self::by_field( $e->getDetails() );
	}
}
