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
