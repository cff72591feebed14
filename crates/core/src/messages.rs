//! The catalogue of coded messages: each [`Template`] with its stable code and English text,
//! and [`ALL`], the list hosts use to hold their translations to the core (the WordPress
//! plugin's tests fail when a code has no sentence there). Codes never change meaning; a new
//! wording of the same message keeps its code, a different message gets a new one.

use crate::message::Template;

macro_rules! catalogue {
    ($($(#[$doc:meta])* $name:ident = $code:literal, $english:literal;)*) => {
        $($(#[$doc])* pub const $name: Template = Template::new($code, $english);)*
        /// Every template, in catalogue order.
        pub const ALL: &[Template] = &[$($name),*];
    };
}

catalogue! {
    // Characters named in messages (`{what}` of the messages below).
    /// A space character.
    CHAR_SPACE = "char.space", "a space";
    /// A tab character.
    CHAR_TAB = "char.tab", "a tab";
    /// A line break.
    CHAR_LINE_BREAK = "char.line_break", "a line break";
    /// A non-breaking space.
    CHAR_NBSP = "char.nbsp", "a non-breaking space";
    /// A control or invisible character, by code point.
    CHAR_INVISIBLE = "char.invisible", "the invisible character {code_point}";
    /// A visible character, quoted.
    CHAR_QUOTED = "char.quoted", "\"{char}\"";
    /// A character of a secret that is not plain ASCII (not named, as it is part of a secret).
    CHAR_NOT_ASCII = "char.not_ascii", "a character that is not plain ASCII (such as a typographic quote or an accented letter)";

    // Marketplace fields.
    /// A marketplace the registry does not know.
    MARKETPLACE_UNKNOWN = "marketplace.unknown", "\"{input}\" is not an Amazon marketplace this plugin supports: choose a country from the list (for example DE for Germany or US for the United States).";
    /// The Add Marketplace form without a marketplace.
    MARKETPLACE_MISSING = "marketplace.missing", "Select the marketplace (country) these credentials were created for.";
    /// The PA API tab without a default country.
    PAAPI_MARKETPLACE_MISSING = "paapi.marketplace_missing", "Select the default country: the Amazon store PA API requests go to when no other is chosen.";

    // Pasted credentials.
    /// A Credential ID longer than any.
    CREDENTIAL_ID_TOO_LONG = "credential_id.too_long", "The Credential ID is {len} characters long, more than any Amazon credential (at most {max}): check that you pasted only the Credential ID.";
    /// A Credential ID with a character credentials never contain.
    CREDENTIAL_ID_BAD_CHAR = "credential_id.bad_char", "The Credential ID contains {what}, which Amazon credentials never contain. Copy it again from Associates Central, without spaces or line breaks.";
    /// A Credential Secret longer than any.
    CREDENTIAL_SECRET_TOO_LONG = "credential_secret.too_long", "The Credential Secret is {len} characters long, more than any Amazon credential (at most {max}): check that you pasted only the Credential Secret.";
    /// A Credential Secret with a character credentials never contain.
    CREDENTIAL_SECRET_BAD_CHAR = "credential_secret.bad_char", "The Credential Secret contains {what}, which Amazon credentials never contain. Copy it again from Associates Central, without spaces or line breaks.";
    /// A PA API Secret Key longer than any.
    SECRET_KEY_TOO_LONG = "secret_key.too_long", "The Secret Key is {len} characters long, more than any Amazon credential (at most {max}): check that you pasted only the Secret Key.";
    /// A PA API Secret Key with a character credentials never contain.
    SECRET_KEY_BAD_CHAR = "secret_key.bad_char", "The Secret Key contains {what}, which Amazon credentials never contain. Copy it again from Associates Central, without spaces or line breaks.";

    // The Add Marketplace form.
    /// No credential type chosen.
    KIND_MISSING = "kind.missing", "Select the Credential Type: Cognito (v2) for credentials created before February 2026, LWA (v3) for credentials issued since.";
    /// No credential type chosen, and the credentials look like one.
    KIND_MISSING_DETECTED = "kind.missing_detected", "Select the Credential Type: Cognito (v2) for credentials created before February 2026, LWA (v3) for credentials issued since. These credentials look like {detected}.";
    /// An unknown credential type.
    KIND_UNKNOWN = "kind.unknown", "\"{input}\" is not a credential type: choose Cognito (v2) or LWA (v3)";
    /// Credentials that look like the other type.
    KIND_MISMATCH = "kind.mismatch", "These credentials look like {detected} credentials, but {chosen} is selected. A wrong credential type makes Amazon answer \"invalid_client\": choose {detected}.";
    /// No Credential ID, with the marketplace's Associates Central.
    CREDENTIAL_ID_MISSING_FOR = "credential_id.missing_for", "Enter the Credential ID from the Creators API section of Associates Central for {country} ({url}).";
    /// No Credential ID, no marketplace yet.
    CREDENTIAL_ID_MISSING = "credential_id.missing", "Enter the Credential ID from the Creators API section of Associates Central.";
    /// No Credential Secret, with the marketplace's Associates Central.
    CREDENTIAL_SECRET_MISSING_FOR = "credential_secret.missing_for", "Enter the Credential Secret from the Creators API section of Associates Central for {country} ({url}); it is shown together with the Credential ID. If you no longer have it, create a new credential there.";
    /// No Credential Secret, no marketplace yet.
    CREDENTIAL_SECRET_MISSING = "credential_secret.missing", "Enter the Credential Secret from the Creators API section of Associates Central; it is shown together with the Credential ID. If you no longer have it, create a new credential there.";
    /// A default marketplace that is not enabled.
    DEFAULT_NOT_ENABLED = "default.not_enabled", "A default marketplace must be enabled: tick Enable Marketplace or untick Set as Default.";
    /// A stored default marketplace that is disabled.
    DEFAULT_DISABLED = "default.disabled", "The default marketplace {country} is disabled. A default marketplace must be enabled: tick Enable Marketplace or untick Set as Default.";
    /// More than one default marketplace.
    DEFAULT_SEVERAL = "default.several", "Only one marketplace can be the default, but {countries} are all set as default: untick Set as Default on all but one.";
    /// A marketplace configured twice.
    MARKETPLACE_REPEATED = "marketplace.repeated", "{country} is configured more than once: keep one configuration per marketplace and edit the existing one instead of adding another.";

    // Tracking IDs (partner tags).
    /// No tracking ID, with the marketplace's Associates Central.
    PARTNER_TAG_MISSING_FOR = "partner_tag.missing_for", "Enter the tracking ID (for example {example}) from Associates Central for {country}: {url}";
    /// No tracking ID, no marketplace yet.
    PARTNER_TAG_MISSING = "partner_tag.missing", "Enter the tracking ID (for example {example}) from Associates Central of your marketplace.";
    /// A tracking ID longer than Amazon allows.
    PARTNER_TAG_TOO_LONG = "partner_tag.too_long", "The tracking ID is {len} characters long, but Amazon allows at most {max}: enter only the tracking ID, such as {example}.";
    /// A tracking ID with a character tracking IDs never contain.
    PARTNER_TAG_BAD_CHAR = "partner_tag.bad_char", "The tracking ID contains {what}, which tracking IDs never contain: use only letters A-Z, digits, hyphens (-), dots (.) and underscores (_), exactly as Associates Central shows it.";
    /// A tracking ID that is only a suffix.
    PARTNER_TAG_NO_NAME = "partner_tag.no_name", "The tracking ID needs a name before -{suffix}, such as mysite-{suffix}.";
    /// A tracking ID without its suffix.
    PARTNER_TAG_NO_SUFFIX = "partner_tag.no_suffix", "The tracking ID must end in a hyphen and two digits, such as {example}: copy the whole tracking ID, including its ending, from Associates Central.";

    /// A tracking ID with the suffix of another store.
    PARTNER_TAG_UNUSUAL_SUFFIX = "partner_tag.unusual_suffix", "Tracking IDs for {country} usually end in -{usual}, but this one ends in -{actual}. Check that it belongs to your {country} Associates account: Amazon refuses a tracking ID of another store (InvalidPartnerTag).";

    // The PA API tab.
    /// No Access Key.
    ACCESS_KEY_MISSING = "access_key.missing", "Enter the Access Key of your Product Advertising API credentials (Associates Central, Tools, Product Advertising API).";
    /// A Secret Key entered as the Access Key.
    ACCESS_KEY_IS_SECRET = "access_key.is_secret_key", "This looks like the Secret Key: the Access Key is the shorter value (usually 20 characters, starting with AKIA).";
    /// An Access Key of a length no access key has.
    ACCESS_KEY_LENGTH = "access_key.length", "The Access Key is {len} characters long, but access keys have {min} to {max} (usually 20, starting with AKIA): copy the whole Access Key from Associates Central.";
    /// An Access Key with a character access keys never contain.
    ACCESS_KEY_BAD_CHAR = "access_key.bad_char", "The Access Key contains {what}, but access keys use only capital letters A-Z and digits: copy it again from Associates Central.";
    /// An Access Key that does not start with AKIA.
    ACCESS_KEY_UNUSUAL = "access_key.unusual", "Access keys of the Product Advertising API usually start with AKIA: check that this is the Access Key of your PA API credentials.";
    /// No Secret Key.
    SECRET_KEY_MISSING = "secret_key.missing", "Enter the Secret Key shown together with the Access Key. If you no longer have it, create new credentials in Associates Central.";
    /// An Access Key entered as the Secret Key.
    SECRET_KEY_IS_ACCESS = "secret_key.is_access_key", "This looks like the Access Key (it starts with AKIA): enter the Secret Key here, the 40-character value shown with it.";
    /// A Secret Key shorter than any.
    SECRET_KEY_TOO_SHORT = "secret_key.too_short", "The Secret Key is only {len} characters long, but secret keys have {usual}: copy all of it.";
    /// A Secret Key of an unusual length.
    SECRET_KEY_UNUSUAL = "secret_key.unusual_length", "Secret keys are usually {usual} characters long, but this one has {len}: check that you copied all of it and nothing more.";

    // Associate ID sets.
    /// A marketplace with two tracking IDs in one set.
    ID_SET_TAG_REPEATED = "id_set.tag_repeated", "{country} has more than one tracking ID in this set: keep one.";
    /// A set without tracking IDs.
    ID_SET_NO_TAGS = "id_set.no_tags", "Enter at least one tracking ID: the set maps each country's store to your tracking ID there.";
    /// A set without a name.
    ID_SET_NAME_MISSING = "id_set.name_missing", "Enter a name for this set, such as \"Main site\", to tell it apart from other sets.";
    /// A set name that is too long.
    ID_SET_NAME_TOO_LONG = "id_set.name_too_long", "The name is {len} characters long: use at most {max}.";
    /// A set name with a line break.
    ID_SET_NAME_CONTROL = "id_set.name_control", "The name contains a line break or another control character: use a single line of text.";
    /// Two sets with one name.
    ID_SET_NAME_REPEATED = "id_set.name_repeated", "There is more than one set named \"{name}\" (names are compared without regard to case): give each set its own name.";

    // Amazon's refusals of API calls (`{amazon_said}` and the like hold Amazon's own words).
    /// Amazon's own message, after the sentence that explains it.
    AMAZON_SAID = "amazon.said", " Amazon said: \"{message}\"";
    /// Amazon's own message, quoted after a colon.
    AMAZON_SAID_QUOTED = "amazon.said_quoted", ": \"{message}\"";
    /// Amazon's own message after a colon, inside parentheses.
    AMAZON_SAID_PLAIN = "amazon.said_plain", ": {message}";
    /// The Creators API access token expired.
    API_TOKEN_EXPIRED = "api.token_expired", "The Creators API access token has expired; a new one is needed. ({reason}){amazon_said}";
    /// The Creators API access token was refused.
    API_TOKEN_REFUSED = "api.token_refused", "Amazon refused the Creators API access token; a new one is needed. ({reason}){amazon_said}";
    /// The credentials were refused, with advice (`{hint}`).
    API_CREDENTIALS_REFUSED = "api.credentials_refused", "Amazon refused the credentials ({code}).{amazon_said} {hint}";
    /// Too many requests, with when to try again (`{wait}`).
    API_THROTTLED = "api.throttled", "Amazon is throttling requests for these credentials (too many requests per second or per day). {wait}";
    /// How long Amazon asked to wait.
    API_WAIT_SECONDS = "api.wait_seconds", "Amazon asked to wait {seconds} seconds before trying again.";
    /// Amazon did not say how long to wait.
    API_WAIT_MOMENT = "api.wait_moment", "Wait a moment and try again; the allowance grows with the sales your links bring.";
    /// The Associates account may not use the API.
    API_NOT_ELIGIBLE = "api.not_eligible", "Amazon does not let this Associates account use the API at the moment (AssociateNotEligible): the account needs 10 qualifying sales in the last 30 days. Products already saved keep showing their cached data; access returns about 2 days after new qualifying sales ship.";
    /// Access denied.
    API_ACCESS_DENIED = "api.access_denied", "Amazon denied access ({code}).{amazon_said} Check that these credentials are enabled for the API in Associates Central of this marketplace.";
    /// The partner tag was refused, with advice (`{hint}`).
    API_PARTNER_TAG_REFUSED = "api.partner_tag_refused", "Amazon refused the partner tag ({reason}).{amazon_said} {hint}";
    /// A parameter was refused, naming it.
    API_PARAMETER_REFUSED_FIELD = "api.parameter_refused_field", "Amazon refused a parameter about {field} ({reason}).{amazon_said}";
    /// A parameter was refused.
    API_PARAMETER_REFUSED = "api.parameter_refused", "Amazon refused a parameter ({reason}).{amazon_said}";
    /// Nothing found.
    API_NOT_FOUND = "api.not_found", "Amazon found nothing ({code}).{amazon_said} Check the ASIN or ID and the marketplace: a product may exist in one store only.";
    /// Amazon's server failed.
    API_SERVER_FAILED = "api.server_failed", "Amazon's server failed (HTTP {status}{amazon_said}). This is usually temporary: try again in a few minutes.";
    /// An answer that could not be read (`{detail}` is technical English).
    API_MALFORMED = "api.malformed", "Amazon's answer (HTTP {status}) could not be read: {detail}.";
    /// An answer no rule covers.
    API_UNEXPECTED = "api.unexpected", "Amazon answered with HTTP {status}, which was not expected{excerpt}.";
    /// Advice: the PA API secret key does not match.
    API_HINT_SIGNATURE = "api.hint.signature", "Check the PA-API secret key: it does not match the access key. Paste it again from Associates Central.";
    /// Advice: the PA API access key is unknown.
    API_HINT_ACCESS_KEY = "api.hint.access_key", "Check the PA-API access key: Amazon does not know it. New keys can take a few days to work; otherwise create new keys in Associates Central.";
    /// Advice: the server clock is wrong.
    API_HINT_CLOCK = "api.hint.clock", "The server's clock is wrong: signed requests are refused when the clock is off by more than 5 minutes. Synchronise the server time (NTP).";
    /// Advice: the token does not fit the credentials.
    API_HINT_TOKEN_MISMATCH = "api.hint.token_mismatch", "The access token does not fit these credentials: check that the Credential Type (Cognito (v2) or LWA (v3)) and the marketplace match what Amazon issued.";
    /// Advice: check the Creators API credentials.
    API_HINT_CREDENTIALS = "api.hint.credentials", "Check the Credential ID, Credential Secret and Credential Type of this marketplace. New credentials can take up to 48 hours to work.";
    /// Advice: the account needs qualifying sales.
    API_HINT_NOT_ELIGIBLE = "api.hint.not_eligible", "Make qualifying sales through your Associates links: API access returns about 2 days after 10 qualifying sales in the last 30 days have shipped. Until then, products already saved keep showing their cached data.";
    /// Advice: the partner tag belongs to another account or store.
    API_HINT_PARTNER_TAG = "api.hint.partner_tag", "The partner tag must be a tracking ID of the Associates account these credentials belong to, for this marketplace. Copy it from Associates Central of this marketplace and edit the marketplace settings.";

    // Amazon's refusals of token requests.
    /// `invalid_client`, with advice (`{hint}`).
    TOKEN_INVALID_CLIENT = "token.invalid_client", "Amazon did not accept the Credential ID and Credential Secret (invalid_client){amazon_said}. {hint}";
    /// `invalid_scope`, with advice.
    TOKEN_INVALID_SCOPE = "token.invalid_scope", "Amazon refused the Creators API scope for these credentials (invalid_scope){amazon_said}. {hint}";
    /// `unauthorized_client`, with advice.
    TOKEN_UNAUTHORIZED_CLIENT = "token.unauthorized_client", "Amazon does not allow these credentials to request tokens (unauthorized_client){amazon_said}. {hint}";
    /// `invalid_grant`, with advice.
    TOKEN_INVALID_GRANT = "token.invalid_grant", "Amazon refused the token grant (invalid_grant){amazon_said}. {hint}";
    /// `invalid_request`, with advice.
    TOKEN_INVALID_REQUEST = "token.invalid_request", "Amazon refused the token request as malformed ({error}){amazon_said}. {hint}";
    /// Too many token requests.
    TOKEN_THROTTLED = "token.throttled", "Amazon is throttling token requests for these credentials. Wait a moment and try again.";
    /// The token service failed.
    TOKEN_SERVER_FAILED = "token.server_failed", "Amazon's token service failed (HTTP {status}). This is usually temporary: try again in a few minutes.";
    /// A token answer that could not be read (`{detail}` is technical English).
    TOKEN_MALFORMED = "token.malformed", "Amazon's token answer (HTTP {status}) could not be read: {detail}.";
    /// Another OAuth error, with its code.
    TOKEN_UNEXPECTED_CODE = "token.unexpected_code", "Amazon refused to issue a token (HTTP {status}, {error}){amazon_said}.";
    /// Another refusal, without an OAuth code.
    TOKEN_UNEXPECTED = "token.unexpected", "Amazon refused to issue a token (HTTP {status}){amazon_said}.";
    /// Advice: Cognito credentials refused, maybe LWA ones.
    TOKEN_HINT_MAYBE_LWA = "token.hint.maybe_lwa", "These credentials may be LWA (v3): edit the marketplace and switch Credential Type to LWA (v3). Otherwise check that the ID and secret were copied completely and belong to this marketplace's region; new credentials can take up to 48 hours to work.";
    /// Advice: LWA credentials refused, maybe Cognito ones.
    TOKEN_HINT_MAYBE_COGNITO = "token.hint.maybe_cognito", "The Credential ID or Credential Secret is wrong or not active yet: copy both again from Associates Central (new credentials can take up to 48 hours to work). Credentials created before February 2026 are Cognito (v2): then switch Credential Type to Cognito (v2).";
    /// Advice for `invalid_scope`.
    TOKEN_HINT_SCOPE = "token.hint.scope", "Check the Credential Type: Cognito (v2) and LWA (v3) credentials use different scopes. If it is right, check in Associates Central that these credentials belong to the Creators API.";
    /// Advice for `unauthorized_client`.
    TOKEN_HINT_UNAUTHORIZED_CLIENT = "token.hint.unauthorized_client", "Check in Associates Central that these Creators API credentials are active, and that the Credential Type matches them.";
    /// Advice for `invalid_grant`.
    TOKEN_HINT_GRANT = "token.hint.grant", "Check the Credential Type and create new credentials in Associates Central if the problem stays.";
    /// Advice for `invalid_request`.
    TOKEN_HINT_REQUEST = "token.hint.request", "Check that the Credential ID and Credential Secret were pasted completely, without extra characters.";

    // ASINs and product addresses (the Products screen).
    /// No ASIN entered.
    ASIN_MISSING = "asin.missing", "Enter an ASIN (for example B08N5WRWNW) or the address of an Amazon product page.";
    /// An ASIN of the wrong length.
    ASIN_LENGTH = "asin.length", "\"{input}\" is not an ASIN: an ASIN has exactly 10 letters and digits (for example B08N5WRWNW), this has {count} characters.";
    /// An ASIN with a character ASINs never contain.
    ASIN_BAD_CHAR = "asin.bad_char", "\"{input}\" is not an ASIN: it contains \"{char}\", but an ASIN has only letters A-Z and digits (for example B08N5WRWNW).";
    /// An ASIN that starts with a digit and is no ISBN.
    ASIN_BAD_START = "asin.bad_start", "\"{input}\" is not an ASIN: an ASIN starts with a letter (for example B08N5WRWNW) or is a 10-digit ISBN (for example 3161484100).";
    /// A short link (amzn.to).
    ASIN_SHORT_LINK = "asin.short_link", "{host} short links cannot be read: open the link in your browser and paste the full product address it leads to (it contains /dp/ followed by the ASIN), or paste the ASIN itself.";
    /// An address that is not Amazon's.
    ASIN_NOT_AMAZON = "asin.not_amazon", "\"{input}\" is not an Amazon product address: paste the address of a product page on an Amazon store (for example https://www.amazon.de/dp/B08N5WRWNW) or the ASIN itself.";
    /// An Amazon address with something else where the ASIN belongs.
    ASIN_NOT_IN_ADDRESS = "asin.not_in_address", "The address has \"{input}\" where the ASIN belongs, which is not an ASIN (10 letters and digits, for example B08N5WRWNW). Check the address or paste the ASIN itself.";
    /// An Amazon address without an ASIN.
    ASIN_NONE_IN_ADDRESS = "asin.none_in_address", "No ASIN found in this address: paste the address of a product page (it contains /dp/ followed by 10 letters and digits) or the ASIN itself.";

    // Sealing secrets (shown after "The secret could not be encrypted:" or the like).
    /// The key material is too short.
    SEAL_KEY_TOO_SHORT = "seal.key_too_short", "the key material for sealing secrets is {len} bytes long, but at least 32 are needed: configure a random key of at least 32 bytes";
    /// The secret is too long to seal.
    SEAL_TOO_LONG = "seal.too_long", "the secret is {len} bytes long, but at most 65536 can be sealed: enter only the secret itself";
    /// The stored value was never sealed.
    SEAL_NOT_SEALED = "seal.not_sealed", "the stored value is not a sealed secret (sealed secrets start with \"{prefix}\"): enter the secret again";
    /// A sealing format this version cannot open.
    SEAL_UNKNOWN_VERSION = "seal.unknown_version", "the secret was sealed in format \"{version}\", which this version of asa2 cannot open: update the plugin, or enter the secret again";
    /// A damaged sealed value (`{reason}` is technical English).
    SEAL_MALFORMED = "seal.malformed", "the sealed secret is damaged ({reason}): enter the secret again";
    /// Sealed with another key.
    SEAL_KEY_MISMATCH = "seal.key_mismatch", "the secret was sealed with a different key (the key material changed since): enter the secret again";
    /// Edited, damaged or sealed for another place.
    SEAL_AUTHENTICATION_FAILED = "seal.authentication_failed", "the sealed secret was edited, damaged or belongs to another marketplace or field: enter the secret again";

    // Product templates (the template editor and its preview).
    /// A template error on a line (`{detail}` is a message of its own or the template engine's English).
    TEMPLATE_SYNTAX_LINE = "template.syntax_line", "template error on line {line}: {detail}";
    /// A template error.
    TEMPLATE_SYNTAX = "template.syntax", "template error: {detail}";
    /// Rendering failed on a line.
    TEMPLATE_RENDER_LINE = "template.render_line", "the template could not be rendered (line {line}): {detail}";
    /// Rendering failed.
    TEMPLATE_RENDER = "template.render", "the template could not be rendered: {detail}";
    /// A template that is too long.
    TEMPLATE_TOO_LONG = "template.too_long", "the template is {len} bytes long; at most 65536 bytes are allowed";
    /// A template that calls a WordPress function.
    TEMPLATE_WP_FUNCTION = "template.wp_function", "`{construct}` calls a WordPress function; product templates cannot call functions (use the product's placeholders instead)";
    /// A template that calls a function (`{detail}` is the template engine's English).
    TEMPLATE_FUNCTION = "template.function", "{detail}; product templates cannot call functions";
    /// A template that does too much work.
    TEMPLATE_OUT_OF_FUEL = "template.out_of_fuel", "it does too much work (a loop over too many values?)";

    // Product search and lookup inputs.
    /// A search without a search term.
    SEARCH_TERM_MISSING = "search.term_missing", "Enter keywords to search for (or an actor, artist, author, brand, title or browse node ID).";
    /// A search term that is too long.
    SEARCH_TERM_TOO_LONG = "search.term_too_long", "Shorten this search term to at most {max} characters.";
    /// A lookup without ASINs.
    LOOKUP_ASINS_MISSING = "lookup.asins_missing", "Enter at least one ASIN (for example B08N5WRWNW) or product address.";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::placeholders;

    #[test]
    fn codes_are_unique_and_templates_well_formed() {
        let mut codes: Vec<&str> = ALL.iter().map(|t| t.code).collect();
        codes.sort_unstable();
        let count = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), count, "a code is used twice");
        for t in ALL {
            assert!(
                t.code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'),
                "{}",
                t.code
            );
            assert_eq!(
                t.english.matches('{').count(),
                t.english.matches('}').count(),
                "{}",
                t.code
            );
            for name in placeholders(t.english) {
                assert!(
                    name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                    "{}",
                    t.code
                );
            }
        }
    }
}
