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
 * code of the core has no sentence or a sentence's English differs from the core's. The
 * descriptions of the template placeholders and credential kinds and the marketplaces'
 * countries, which the core also writes in English, are kept here the same way.
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
			/* translators: {message}: Amazon's own words, as Amazon wrote them (not translated) (keep the leading space) */
			'amazon.said' => __( ' Amazon said: "{message}"', 'asa2-creators' ),
			/* translators: {message}: Amazon's own words, as Amazon wrote them (not translated) */
			'amazon.said_quoted' => __( ': "{message}"', 'asa2-creators' ),
			/* translators: {message}: Amazon's own words, as Amazon wrote them (not translated) */
			'amazon.said_plain' => __( ': {message}', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {reason}: Amazon's error code, such as InvalidPartnerTag */
			'api.token_expired' => __( 'The Creators API access token has expired; a new one is needed. ({reason}){amazon_said}', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {reason}: Amazon's error code, such as InvalidPartnerTag */
			'api.token_refused' => __( 'Amazon refused the Creators API access token; a new one is needed. ({reason}){amazon_said}', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {code}: Amazon's error code, such as AccessDeniedException, {hint}: advice on what to do (a sentence of its own) */
			'api.credentials_refused' => __( 'Amazon refused the credentials ({code}).{amazon_said} {hint}', 'asa2-creators' ),
			/* translators: {wait}: when to try again (a sentence of its own) */
			'api.throttled' => __( 'Amazon is throttling requests for these credentials (too many requests per second or per day). {wait}', 'asa2-creators' ),
			/* translators: {seconds}: number of seconds */
			'api.wait_seconds' => __( 'Amazon asked to wait {seconds} seconds before trying again.', 'asa2-creators' ),
			'api.wait_moment' => __( 'Wait a moment and try again; the allowance grows with the sales your links bring.', 'asa2-creators' ),
			'api.not_eligible' => __( 'Amazon does not let this Associates account use the API at the moment (AssociateNotEligible): the account needs 10 qualifying sales in the last 30 days. Products already saved keep showing their cached data; access returns about 2 days after new qualifying sales ship.', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {code}: Amazon's error code, such as AccessDeniedException */
			'api.access_denied' => __( 'Amazon denied access ({code}).{amazon_said} Check that these credentials are enabled for the API in Associates Central of this marketplace.', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {hint}: advice on what to do (a sentence of its own), {reason}: Amazon's error code, such as InvalidPartnerTag */
			'api.partner_tag_refused' => __( 'Amazon refused the partner tag ({reason}).{amazon_said} {hint}', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {field}: name of the request parameter, such as asins, {reason}: Amazon's error code, such as InvalidPartnerTag */
			'api.parameter_refused_field' => __( 'Amazon refused a parameter about {field} ({reason}).{amazon_said}', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {reason}: Amazon's error code, such as InvalidPartnerTag */
			'api.parameter_refused' => __( 'Amazon refused a parameter ({reason}).{amazon_said}', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {code}: Amazon's error code, such as AccessDeniedException */
			'api.not_found' => __( 'Amazon found nothing ({code}).{amazon_said} Check the ASIN or ID and the marketplace: a product may exist in one store only.', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {status}: HTTP status code, such as 500 */
			'api.server_failed' => __( 'Amazon\'s server failed (HTTP {status}{amazon_said}). This is usually temporary: try again in a few minutes.', 'asa2-creators' ),
			/* translators: {detail}: technical description of the problem (English), {status}: HTTP status code, such as 500 */
			'api.malformed' => __( 'Amazon\'s answer (HTTP {status}) could not be read: {detail}.', 'asa2-creators' ),
			/* translators: {excerpt}: the start of Amazon's answer, or nothing, {status}: HTTP status code, such as 500 */
			'api.unexpected' => __( 'Amazon answered with HTTP {status}, which was not expected{excerpt}.', 'asa2-creators' ),
			'api.hint.signature' => __( 'Check the PA-API secret key: it does not match the access key. Paste it again from Associates Central.', 'asa2-creators' ),
			'api.hint.access_key' => __( 'Check the PA-API access key: Amazon does not know it. New keys can take a few days to work; otherwise create new keys in Associates Central.', 'asa2-creators' ),
			'api.hint.clock' => __( 'The server\'s clock is wrong: signed requests are refused when the clock is off by more than 5 minutes. Synchronise the server time (NTP).', 'asa2-creators' ),
			'api.hint.token_mismatch' => __( 'The access token does not fit these credentials: check that the Credential Type (Cognito (v2) or LWA (v3)) and the marketplace match what Amazon issued.', 'asa2-creators' ),
			'api.hint.credentials' => __( 'Check the Credential ID, Credential Secret and Credential Type of this marketplace. New credentials can take up to 48 hours to work.', 'asa2-creators' ),
			'api.hint.not_eligible' => __( 'Make qualifying sales through your Associates links: API access returns about 2 days after 10 qualifying sales in the last 30 days have shipped. Until then, products already saved keep showing their cached data.', 'asa2-creators' ),
			'api.hint.partner_tag' => __( 'The partner tag must be a tracking ID of the Associates account these credentials belong to, for this marketplace. Copy it from Associates Central of this marketplace and edit the marketplace settings.', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {hint}: advice on what to do (a sentence of its own) */
			'token.invalid_client' => __( 'Amazon did not accept the Credential ID and Credential Secret (invalid_client){amazon_said}. {hint}', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {hint}: advice on what to do (a sentence of its own) */
			'token.invalid_scope' => __( 'Amazon refused the Creators API scope for these credentials (invalid_scope){amazon_said}. {hint}', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {hint}: advice on what to do (a sentence of its own) */
			'token.unauthorized_client' => __( 'Amazon does not allow these credentials to request tokens (unauthorized_client){amazon_said}. {hint}', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {hint}: advice on what to do (a sentence of its own) */
			'token.invalid_grant' => __( 'Amazon refused the token grant (invalid_grant){amazon_said}. {hint}', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {error}: OAuth error code, such as invalid_request, {hint}: advice on what to do (a sentence of its own) */
			'token.invalid_request' => __( 'Amazon refused the token request as malformed ({error}){amazon_said}. {hint}', 'asa2-creators' ),
			'token.throttled' => __( 'Amazon is throttling token requests for these credentials. Wait a moment and try again.', 'asa2-creators' ),
			/* translators: {status}: HTTP status code, such as 500 */
			'token.server_failed' => __( 'Amazon\'s token service failed (HTTP {status}). This is usually temporary: try again in a few minutes.', 'asa2-creators' ),
			/* translators: {detail}: technical description of the problem (English), {status}: HTTP status code, such as 500 */
			'token.malformed' => __( 'Amazon\'s token answer (HTTP {status}) could not be read: {detail}.', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {error}: OAuth error code, such as invalid_request, {status}: HTTP status code, such as 500 */
			'token.unexpected_code' => __( 'Amazon refused to issue a token (HTTP {status}, {error}){amazon_said}.', 'asa2-creators' ),
			/* translators: {amazon_said}: Amazon's own words (a sentence of its own), or nothing, {status}: HTTP status code, such as 500 */
			'token.unexpected' => __( 'Amazon refused to issue a token (HTTP {status}){amazon_said}.', 'asa2-creators' ),
			'token.hint.maybe_lwa' => __( 'These credentials may be LWA (v3): edit the marketplace and switch Credential Type to LWA (v3). Otherwise check that the ID and secret were copied completely and belong to this marketplace\'s region; new credentials can take up to 48 hours to work.', 'asa2-creators' ),
			'token.hint.maybe_cognito' => __( 'The Credential ID or Credential Secret is wrong or not active yet: copy both again from Associates Central (new credentials can take up to 48 hours to work). Credentials created before February 2026 are Cognito (v2): then switch Credential Type to Cognito (v2).', 'asa2-creators' ),
			'token.hint.scope' => __( 'Check the Credential Type: Cognito (v2) and LWA (v3) credentials use different scopes. If it is right, check in Associates Central that these credentials belong to the Creators API.', 'asa2-creators' ),
			'token.hint.unauthorized_client' => __( 'Check in Associates Central that these Creators API credentials are active, and that the Credential Type matches them.', 'asa2-creators' ),
			'token.hint.grant' => __( 'Check the Credential Type and create new credentials in Associates Central if the problem stays.', 'asa2-creators' ),
			'token.hint.request' => __( 'Check that the Credential ID and Credential Secret were pasted completely, without extra characters.', 'asa2-creators' ),
			'asin.missing' => __( 'Enter an ASIN (for example B08N5WRWNW) or the address of an Amazon product page.', 'asa2-creators' ),
			/* translators: {count}: number of characters, {input}: what was entered */
			'asin.length' => __( '"{input}" is not an ASIN: an ASIN has exactly 10 letters and digits (for example B08N5WRWNW), this has {count} characters.', 'asa2-creators' ),
			/* translators: {char}: the character, {input}: what was entered */
			'asin.bad_char' => __( '"{input}" is not an ASIN: it contains "{char}", but an ASIN has only letters A-Z and digits (for example B08N5WRWNW).', 'asa2-creators' ),
			/* translators: {input}: what was entered */
			'asin.bad_start' => __( '"{input}" is not an ASIN: an ASIN starts with a letter (for example B08N5WRWNW) or is a 10-digit ISBN (for example 3161484100).', 'asa2-creators' ),
			/* translators: {host}: web address, such as amzn.to */
			'asin.short_link' => __( '{host} short links cannot be read: open the link in your browser and paste the full product address it leads to (it contains /dp/ followed by the ASIN), or paste the ASIN itself.', 'asa2-creators' ),
			/* translators: {input}: what was entered */
			'asin.not_amazon' => __( '"{input}" is not an Amazon product address: paste the address of a product page on an Amazon store (for example https://www.amazon.de/dp/B08N5WRWNW) or the ASIN itself.', 'asa2-creators' ),
			/* translators: {input}: what was entered */
			'asin.not_in_address' => __( 'The address has "{input}" where the ASIN belongs, which is not an ASIN (10 letters and digits, for example B08N5WRWNW). Check the address or paste the ASIN itself.', 'asa2-creators' ),
			'asin.none_in_address' => __( 'No ASIN found in this address: paste the address of a product page (it contains /dp/ followed by 10 letters and digits) or the ASIN itself.', 'asa2-creators' ),
			/* translators: {len}: length in bytes */
			'seal.key_too_short' => __( 'the key material for sealing secrets is {len} bytes long, but at least 32 are needed: configure a random key of at least 32 bytes', 'asa2-creators' ),
			/* translators: {len}: length in bytes */
			'seal.too_long' => __( 'the secret is {len} bytes long, but at most 65536 can be sealed: enter only the secret itself', 'asa2-creators' ),
			/* translators: {prefix}: the start of every sealed secret, asa2:v1: */
			'seal.not_sealed' => __( 'the stored value is not a sealed secret (sealed secrets start with "{prefix}"): enter the secret again', 'asa2-creators' ),
			/* translators: {version}: format name found in the stored value */
			'seal.unknown_version' => __( 'the secret was sealed in format "{version}", which this version of asa2 cannot open: update the plugin, or enter the secret again', 'asa2-creators' ),
			/* translators: {reason}: technical description of the damage (English) */
			'seal.malformed' => __( 'the sealed secret is damaged ({reason}): enter the secret again', 'asa2-creators' ),
			'seal.key_mismatch' => __( 'the secret was sealed with a different key (the key material changed since): enter the secret again', 'asa2-creators' ),
			'seal.authentication_failed' => __( 'the sealed secret was edited, damaged or belongs to another marketplace or field: enter the secret again', 'asa2-creators' ),
			/* translators: {detail}: what is wrong (a sentence of its own, or the template engine's English), {line}: line number */
			'template.syntax_line' => __( 'template error on line {line}: {detail}', 'asa2-creators' ),
			/* translators: {detail}: what is wrong (a sentence of its own, or the template engine's English) */
			'template.syntax' => __( 'template error: {detail}', 'asa2-creators' ),
			/* translators: {detail}: what is wrong (a sentence of its own, or the template engine's English), {line}: line number */
			'template.render_line' => __( 'the template could not be rendered (line {line}): {detail}', 'asa2-creators' ),
			/* translators: {detail}: what is wrong (a sentence of its own, or the template engine's English) */
			'template.render' => __( 'the template could not be rendered: {detail}', 'asa2-creators' ),
			/* translators: {len}: length in bytes */
			'template.too_long' => __( 'the template is {len} bytes long; at most 65536 bytes are allowed', 'asa2-creators' ),
			/* translators: {construct}: the construct used, such as wp.get_post */
			'template.wp_function' => __( '`{construct}` calls a WordPress function; product templates cannot call functions (use the product\'s placeholders instead)', 'asa2-creators' ),
			/* translators: {detail}: what is wrong (a sentence of its own, or the template engine's English) */
			'template.function' => __( '{detail}; product templates cannot call functions', 'asa2-creators' ),
			'template.out_of_fuel' => __( 'it does too much work (a loop over too many values?)', 'asa2-creators' ),
			'search.term_missing' => __( 'Enter keywords to search for (or an actor, artist, author, brand, title or browse node ID).', 'asa2-creators' ),
			/* translators: {max}: largest allowed number */
			'search.term_too_long' => __( 'Shorten this search term to at most {max} characters.', 'asa2-creators' ),
			'lookup.asins_missing' => __( 'Enter at least one ASIN (for example B08N5WRWNW) or product address.', 'asa2-creators' ),
		);
	}

	/**
	 * One message in the site's language: its code's sentence with the parameters filled in
	 * (a parameter that is a message itself is translated the same way, a country by its name),
	 * or the core's English text when the code has no sentence.
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
			if ( is_array( $value ) ) {
				$value = self::text( $value, $sentences );
			} elseif ( 'country' === $name ) {
				$value = self::country_named( (string) $value );
			}
			$values[ '{' . $name . '}' ] = (string) $value;
		}
		return strtr( $sentences[ $code ], $values );
	}

	/**
	 * The message of an exception in the site's language: the extension's coded message
	 * (Asa2\Exception::getMessageCode() and getMessageParams()), a validation error's messages,
	 * or for any other exception its message as it is.
	 *
	 * @param \Throwable $e The exception.
	 * @return string
	 */
	public static function exception( \Throwable $e ): string {
		if ( $e instanceof \Asa2\ValidationException && array() !== $e->getDetails() ) {
			return implode( ' ', array_map( array( self::class, 'text' ), $e->getDetails() ) );
		}
		if ( $e instanceof \Asa2\Exception && '' !== $e->getMessageCode() ) {
			return self::text(
				array(
					'code'    => $e->getMessageCode(),
					'params'  => $e->getMessageParams(),
					'message' => $e->getMessage(),
				)
			);
		}
		return $e->getMessage();
	}

	/**
	 * What the site owner should do about a refused token or credentials, in the site's
	 * language ('' when the extension has no advice).
	 *
	 * @param \Asa2\AuthException $e The exception.
	 * @return string
	 */
	public static function hint( \Asa2\AuthException $e ): string {
		$details = $e->getHintDetails();
		return null === $details ? (string) $e->getHint() : self::text( $details );
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

	/**
	 * The description of every template placeholder (Asa2\Template::placeholders()) in the
	 * site's language, by placeholder name.
	 *
	 * @return array<string, string>
	 */
	public static function placeholder_descriptions(): array {
		return array(
			'ASIN' => __( 'The product\'s ASIN.', 'asa2-creators' ),
			'ParentASIN' => __( 'The ASIN of the parent product when this is a variation.', 'asa2-creators' ),
			'Title' => __( 'Product title.', 'asa2-creators' ),
			'DetailPageURL' => __( 'Link to the product page carrying your tracking ID (or the Associate ID Set\'s).', 'asa2-creators' ),
			'Brand' => __( 'Brand.', 'asa2-creators' ),
			'Manufacturer' => __( 'Manufacturer.', 'asa2-creators' ),
			'Features' => __( 'Feature bullet points (a list: loop over it).', 'asa2-creators' ),
			'FeaturesHTML' => __( 'ASA2: the feature bullet points as an HTML list (`<ul><li>...</li></ul>`), each point escaped.', 'asa2-creators' ),
			'SmallImageURL' => __( 'Small primary image URL.', 'asa2-creators' ),
			'MediumImageURL' => __( 'Medium primary image URL.', 'asa2-creators' ),
			'MediumImageWidth' => __( 'Width of the medium image in pixels.', 'asa2-creators' ),
			'MediumImageHeight' => __( 'Height of the medium image in pixels.', 'asa2-creators' ),
			'LargeImageURL' => __( 'Large primary image URL.', 'asa2-creators' ),
			'ImageVariants' => __( 'URLs of the other images (medium size; a list).', 'asa2-creators' ),
			'Price' => __( 'Price as Amazon formats it (e.g. 49,99 €); empty when it may not be shown.', 'asa2-creators' ),
			'PriceAmount' => __( 'Price as a plain decimal number (49.99).', 'asa2-creators' ),
			'PriceCurrency' => __( 'Currency code of the price (EUR).', 'asa2-creators' ),
			'ListPrice' => __( 'The list (or was) price the saving is measured against.', 'asa2-creators' ),
			'Savings' => __( 'The saving as Amazon formats it.', 'asa2-creators' ),
			'SavingsPercentage' => __( 'The saving in percent.', 'asa2-creators' ),
			'PriceHidden' => __( 'True when the price is withheld (ViolatesMAP, or older than 24 hours).', 'asa2-creators' ),
			'OffersAutoPriceAmount' => __( 'ASA2: the price to show, as a decimal (47.67): the sale price, else the main price; then the lowest new, used or collectible price when ASA2\'s AutoPrice options consider it and it is lower (Amazon no longer reports those, so today it is the sale or main price).', 'asa2-creators' ),
			'OffersAutoPriceInteger' => __( 'ASA2: that price in minor units, without decimal mark (4767).', 'asa2-creators' ),
			'OffersAutoPriceCurrencyCode' => __( 'ASA2: currency code of that price (USD).', 'asa2-creators' ),
			'OffersAutoPriceFormattedPrice' => __( 'ASA2: that price as Amazon formats it ($47.67).', 'asa2-creators' ),
			'OffersMainPriceAmount' => __( 'ASA2: the price of the featured offer, as a decimal; for a parent product without one, the lowest price of its variations.', 'asa2-creators' ),
			'OffersMainPriceInteger' => __( 'ASA2: the main price in minor units, without decimal mark.', 'asa2-creators' ),
			'OffersMainPriceCurrencyCode' => __( 'ASA2: currency code of the main price.', 'asa2-creators' ),
			'OffersMainPriceFormattedPrice' => __( 'ASA2: the main price as Amazon formats it; for a parent product without one, the price range of its variations (the same as VariationsOffer).', 'asa2-creators' ),
			'OfferSalePriceAmount' => __( 'ASA2: the reduced price when the featured offer is on sale (it has a saving against the list or was price), as a decimal.', 'asa2-creators' ),
			'OfferSalePriceInteger' => __( 'ASA2: the sale price in minor units, without decimal mark.', 'asa2-creators' ),
			'OfferSalePriceCurrencyCode' => __( 'ASA2: currency code of the sale price.', 'asa2-creators' ),
			'OfferSalePriceFormattedPrice' => __( 'ASA2: the sale price as Amazon formats it.', 'asa2-creators' ),
			'ListPriceAmount' => __( 'ASA2: the list (or was) price, as a decimal.', 'asa2-creators' ),
			'ListPriceInteger' => __( 'ASA2: the list price in minor units, without decimal mark.', 'asa2-creators' ),
			'ListPriceCurrencyCode' => __( 'ASA2: currency code of the list price.', 'asa2-creators' ),
			'ListPriceFormattedPrice' => __( 'ASA2: the list price as Amazon formats it.', 'asa2-creators' ),
			'VariationsOffer' => __( 'ASA2: the price range of a parent product\'s variations, lowest to highest ($19.99 - $55.00); one price when they all cost the same.', 'asa2-creators' ),
			'VariationsHighestAmount' => __( 'ASA2: the price of the most expensive variation, as a decimal (55.00).', 'asa2-creators' ),
			'VariationsHighestInteger' => __( 'ASA2: that price in minor units, without decimal mark (5500).', 'asa2-creators' ),
			'VariationsHighestCurrencyCode' => __( 'ASA2: currency code of that price (USD).', 'asa2-creators' ),
			'VariationsHighestFormattedPrice' => __( 'ASA2: that price as Amazon formats it ($55.00).', 'asa2-creators' ),
			'VariationsLowestAmount' => __( 'ASA2: the price of the cheapest variation, as a decimal (19.99).', 'asa2-creators' ),
			'VariationsLowestInteger' => __( 'ASA2: that price in minor units, without decimal mark (1999).', 'asa2-creators' ),
			'VariationsLowestCurrencyCode' => __( 'ASA2: currency code of that price (USD).', 'asa2-creators' ),
			'VariationsLowestFormattedPrice' => __( 'ASA2: that price as Amazon formats it ($19.99).', 'asa2-creators' ),
			'VariationCount' => __( 'Number of variations of a parent product.', 'asa2-creators' ),
			'IsAvailable' => __( 'ASA2: true when the product can be bought: it has a price (a parent product: its variations have one) and is not out of stock.', 'asa2-creators' ),
			'AmazonLogoSmallUrl' => __( 'ASA2: URL of a small Amazon shop logo served by the plugin; with the option Localized shop logos it names the product\'s store (amazon.de).', 'asa2-creators' ),
			'AmazonLogoLargeUrl' => __( 'ASA2: URL of a large Amazon shop logo served by the plugin; localized like AmazonLogoSmallUrl.', 'asa2-creators' ),
			'IsPrime' => __( 'ASA2: Prime eligibility. Amazon no longer provides it (neither the Creators API nor PA-API 5.0 offers V2); always empty.', 'asa2-creators' ),
			'OffersLowestNewPriceAmount' => __( 'ASA2: lowest price of new offers. Amazon no longer provides offer summaries; always empty (AutoPrice therefore never picks it).', 'asa2-creators' ),
			'OffersLowestUsedPriceAmount' => __( 'ASA2: lowest price of used offers. Amazon no longer provides offer summaries; always empty.', 'asa2-creators' ),
			'OffersLowestCollectiblePriceAmount' => __( 'ASA2: lowest price of collectible offers. Amazon no longer provides offer summaries; always empty.', 'asa2-creators' ),
			'Condition' => __( 'Offer condition (New, Used, ...).', 'asa2-creators' ),
			'MerchantName' => __( 'Seller of the featured offer.', 'asa2-creators' ),
			'IsBuyBoxWinner' => __( 'Whether the featured offer wins the buy box.', 'asa2-creators' ),
			'AvailabilityType' => __( 'Availability code: IN_STOCK, IN_STOCK_SCARCE, OUT_OF_STOCK, PREORDER, BACKORDER.', 'asa2-creators' ),
			'AvailabilityMessage' => __( 'Availability text in the store\'s language.', 'asa2-creators' ),
			'AvailabilityMinOrderQuantity' => __( 'Smallest quantity that can be ordered.', 'asa2-creators' ),
			'AvailabilityMaxOrderQuantity' => __( 'Largest quantity that can be ordered.', 'asa2-creators' ),
			'ViolatesMAP' => __( 'True when the price is below the minimum advertised price: the price is hidden.', 'asa2-creators' ),
			'DealBadge' => __( 'Deal badge text (e.g. Limited time deal).', 'asa2-creators' ),
			'SalesRank' => __( 'Best sellers rank on the store.', 'asa2-creators' ),
			'StarRating' => __( 'Average customer rating (e.g. 4.5), when Amazon returns it.', 'asa2-creators' ),
			'ReviewCount' => __( 'Number of customer reviews, when Amazon returns it.', 'asa2-creators' ),
			'Marketplace' => __( 'Marketplace code (DE, US, ...).', 'asa2-creators' ),
			'Api' => __( 'Which API served the data: Creators API or PA-API 5.0.', 'asa2-creators' ),
			'ApiVersion' => __( 'Version of that API (2.2, 3.1, 5.0, ...).', 'asa2-creators' ),
			'LastUpdate' => __( 'When the data was fetched (unix seconds).', 'asa2-creators' ),
		);
	}

	/**
	 * One placeholder's description in the site's language, or the core's English one when the
	 * placeholder has no translation here.
	 *
	 * @param array $placeholder {name, description, ...} as Template::placeholders() lists it.
	 */
	public static function placeholder_description( array $placeholder ): string {
		return self::placeholder_descriptions()[ (string) ( $placeholder['name'] ?? '' ) ] ?? (string) ( $placeholder['description'] ?? '' );
	}

	/**
	 * The country of every marketplace (Asa2\Marketplaces::all()) in the site's language, by code.
	 *
	 * @return array<string, string>
	 */
	public static function countries(): array {
		return array(
			'US' => __( 'United States', 'asa2-creators' ),
			'CA' => __( 'Canada', 'asa2-creators' ),
			'MX' => __( 'Mexico', 'asa2-creators' ),
			'BR' => __( 'Brazil', 'asa2-creators' ),
			'UK' => __( 'United Kingdom', 'asa2-creators' ),
			'DE' => __( 'Germany', 'asa2-creators' ),
			'FR' => __( 'France', 'asa2-creators' ),
			'IT' => __( 'Italy', 'asa2-creators' ),
			'ES' => __( 'Spain', 'asa2-creators' ),
			'NL' => __( 'Netherlands', 'asa2-creators' ),
			'BE' => __( 'Belgium', 'asa2-creators' ),
			'PL' => __( 'Poland', 'asa2-creators' ),
			'SE' => __( 'Sweden', 'asa2-creators' ),
			'TR' => __( 'Turkey', 'asa2-creators' ),
			'AE' => __( 'United Arab Emirates', 'asa2-creators' ),
			'SA' => __( 'Saudi Arabia', 'asa2-creators' ),
			'EG' => __( 'Egypt', 'asa2-creators' ),
			'IE' => __( 'Ireland', 'asa2-creators' ),
			'IN' => __( 'India', 'asa2-creators' ),
			'JP' => __( 'Japan', 'asa2-creators' ),
			'SG' => __( 'Singapore', 'asa2-creators' ),
			'AU' => __( 'Australia', 'asa2-creators' ),
		);
	}

	/**
	 * A marketplace's country in the site's language: the core's English name for a marketplace
	 * without a translation here, `$unknown` (the code itself when null) for an unknown code.
	 *
	 * @param string      $code    Marketplace code, such as DE.
	 * @param string|null $unknown What to show for a code the core does not know.
	 */
	public static function country( string $code, ?string $unknown = null ): string {
		return self::countries()[ $code ] ?? ( \Asa2\Marketplaces::find( $code )['country'] ?? ( $unknown ?? $code ) );
	}

	/**
	 * The countries by the English name the core gives them (as the `country` parameter of its
	 * messages has it), in the site's language.
	 *
	 * @return array<string, string>
	 */
	public static function countries_by_english_name(): array {
		$names = array();
		foreach ( \Asa2\Marketplaces::all() as $code => $marketplace ) {
			$names[ $marketplace['country'] ] = self::country( (string) $code );
		}
		return $names;
	}

	/**
	 * A country name the core wrote in English, in the site's language.
	 *
	 * @param string $english Country name as Asa2\Marketplaces::all() has it.
	 */
	private static function country_named( string $english ): string {
		return self::countries_by_english_name()[ $english ] ?? $english;
	}

	/**
	 * The explanation of each credential kind (Asa2\Credentials::kinds()) in the site's
	 * language, by kind id.
	 *
	 * @return array<string, string>
	 */
	public static function kind_descriptions(): array {
		return array(
			'cognito' => __( 'Choose this for credentials you created before February 2026. These are the original Creators API credentials that use Amazon Cognito for authentication.', 'asa2-creators' ),
			'lwa'     => __( 'Choose this for credentials issued since February 2026. These newer credentials use Login with Amazon (LWA) for authentication.', 'asa2-creators' ),
		);
	}
}
