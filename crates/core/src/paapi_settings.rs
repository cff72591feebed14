//! The "Amazon PA API" tab: the PA-API 5.0 access key, secret key, partner tag and default
//! country, the fallback used when the Creators API is off or has no credentials for a
//! marketplace.

use std::fmt;

use serde::Deserialize;

use crate::credential::PaapiCredentials;
use crate::field_error::FieldErrors;
use crate::form::{
    CredentialMessages, Validated, check_credential_text, describe_char, loose_string,
    parse_marketplace,
};
use crate::message::message;
use crate::messages;
use crate::partner_tag::PartnerTag;
use crate::redact::REDACTED;
use crate::secret::Secret;

/// Shortest and longest AWS access key ID (AWS documents 16 to 128 characters).
const ACCESS_KEY_LEN: std::ops::RangeInclusive<usize> = 16..=128;
/// Shortest and longest secret key accepted; AWS secret access keys have 40 characters.
const SECRET_KEY_LEN: std::ops::RangeInclusive<usize> = 16..=128;
const USUAL_SECRET_KEY_LEN: usize = 40;

/// One submission of the PA API tab, exactly as received: untrusted strings, each may be
/// missing. Deserializing accepts strings, numbers, booleans and null for every field.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct PaapiSettingsInput {
    /// AWS access key ID (`AKIA...`).
    #[serde(deserialize_with = "loose_string")]
    pub access_key: Option<String>,
    /// AWS secret access key.
    #[serde(deserialize_with = "loose_string")]
    pub secret_key: Option<String>,
    /// Partner tag (tracking ID).
    #[serde(deserialize_with = "loose_string")]
    pub partner_tag: Option<String>,
    /// Default country: marketplace code (`DE`), store host or domain.
    #[serde(deserialize_with = "loose_string")]
    pub marketplace: Option<String>,
}

impl fmt::Debug for PaapiSettingsInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PaapiSettingsInput")
            .field("access_key", &self.access_key)
            .field("secret_key", &self.secret_key.as_ref().map(|_| REDACTED))
            .field("partner_tag", &self.partner_tag)
            .field("marketplace", &self.marketplace)
            .finish()
    }
}

impl PaapiSettingsInput {
    /// Checks every field and returns either every error at once or the credentials (trimmed)
    /// with their warnings.
    ///
    /// Errors and warnings are keyed `access_key`, `secret_key`, `partner_tag` and
    /// `marketplace`. Warnings: an access key not starting with `AKIA`, a secret key not 40
    /// characters long, a partner tag suffix unusual for the country.
    pub fn validate(&self) -> Result<Validated<PaapiCredentials>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut warnings = FieldErrors::new();

        let access_key = self.access_key.as_deref().unwrap_or("").trim();
        let secret_key = self.secret_key.as_deref().unwrap_or("").trim();
        check_access_key(access_key, &mut errors, &mut warnings);
        check_secret_key(secret_key, &mut errors, &mut warnings);

        let mut marketplace_errors = FieldErrors::new();
        let marketplace = parse_marketplace(
            self.marketplace.as_deref(),
            "marketplace",
            messages::PAAPI_MARKETPLACE_MISSING,
            &mut marketplace_errors,
        );

        let raw_tag = self.partner_tag.as_deref().unwrap_or("");
        let partner_tag = match marketplace {
            Some(m) => PartnerTag::check(raw_tag, m, "partner_tag").map(|checked| {
                warnings.extend(checked.warnings);
                checked.value
            }),
            None => PartnerTag::parse(raw_tag, "partner_tag"),
        };
        let partner_tag = partner_tag.map_err(|e| errors.extend(e)).ok();
        errors.extend(marketplace_errors);

        match (marketplace, partner_tag) {
            (Some(marketplace), Some(partner_tag)) if errors.is_empty() => Ok(Validated {
                value: PaapiCredentials {
                    marketplace,
                    access_key: access_key.to_string(),
                    secret_key: Secret::new(secret_key),
                    partner_tag: partner_tag.into_string(),
                },
                warnings,
            }),
            _ => Err(errors),
        }
    }
}

fn looks_like_secret_key(value: &str) -> bool {
    value.chars().count() == USUAL_SECRET_KEY_LEN
        && value
            .chars()
            .any(|c| c.is_ascii_lowercase() || c == '/' || c == '+')
}

fn check_access_key(key: &str, errors: &mut FieldErrors, warnings: &mut FieldErrors) {
    const FIELD: &str = "access_key";
    if key.is_empty() {
        errors.push(FIELD, messages::ACCESS_KEY_MISSING.plain());
        return;
    }
    if looks_like_secret_key(key) {
        errors.push(FIELD, messages::ACCESS_KEY_IS_SECRET.plain());
        return;
    }
    let len = key.chars().count();
    if !ACCESS_KEY_LEN.contains(&len) {
        errors.push(
            FIELD,
            message!(
                messages::ACCESS_KEY_LENGTH,
                len = len,
                min = ACCESS_KEY_LEN.start(),
                max = ACCESS_KEY_LEN.end()
            ),
        );
    }
    if let Some(bad) = key
        .chars()
        .find(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit()))
    {
        errors.push(
            FIELD,
            message!(messages::ACCESS_KEY_BAD_CHAR, what = describe_char(bad)),
        );
    }
    if errors.for_field(FIELD).next().is_none() && !key.starts_with("AKIA") {
        warnings.push(FIELD, messages::ACCESS_KEY_UNUSUAL.plain());
    }
}

fn check_secret_key(key: &str, errors: &mut FieldErrors, warnings: &mut FieldErrors) {
    const FIELD: &str = "secret_key";
    if key.is_empty() {
        errors.push(FIELD, messages::SECRET_KEY_MISSING.plain());
        return;
    }
    if key.starts_with("AKIA") && key.chars().count() == 20 {
        errors.push(FIELD, messages::SECRET_KEY_IS_ACCESS.plain());
        return;
    }
    let before = errors.len();
    check_credential_text(
        key,
        FIELD,
        CredentialMessages {
            too_long: messages::SECRET_KEY_TOO_LONG,
            bad_char: messages::SECRET_KEY_BAD_CHAR,
        },
        true,
        *SECRET_KEY_LEN.end(),
        errors,
    );
    let len = key.chars().count();
    if len < *SECRET_KEY_LEN.start() {
        errors.push(
            FIELD,
            message!(
                messages::SECRET_KEY_TOO_SHORT,
                len = len,
                usual = USUAL_SECRET_KEY_LEN
            ),
        );
    } else if errors.len() == before && len != USUAL_SECRET_KEY_LEN {
        warnings.push(
            FIELD,
            message!(
                messages::SECRET_KEY_UNUSUAL,
                usual = USUAL_SECRET_KEY_LEN,
                len = len
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marketplace::Marketplace;

    const ACCESS: &str = "AKIAIOSFODNN7EXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    fn input() -> PaapiSettingsInput {
        PaapiSettingsInput {
            access_key: Some(ACCESS.into()),
            secret_key: Some(SECRET.into()),
            partner_tag: Some("mysite-21".into()),
            marketplace: Some("DE".into()),
        }
    }

    fn one(errors: &FieldErrors, field: &str) -> String {
        let messages: Vec<_> = errors.for_field(field).collect();
        assert_eq!(messages.len(), 1, "{field}: {errors}");
        messages[0].to_string()
    }

    #[test]
    fn valid_settings_become_credentials() {
        let mut i = input();
        i.access_key = Some(format!(" {ACCESS}\n"));
        i.secret_key = Some(format!("\t{SECRET} "));
        i.marketplace = Some("amazon.de".into());
        let ok = i.validate().unwrap();
        assert!(ok.warnings.is_empty(), "{}", ok.warnings);
        let c = ok.value;
        assert_eq!(c.marketplace, Marketplace::DE);
        assert_eq!(c.access_key, ACCESS);
        assert_eq!(c.secret_key.expose(), SECRET);
        assert_eq!(c.partner_tag, "mysite-21");
    }

    #[test]
    fn an_empty_form_reports_every_field() {
        let errors = PaapiSettingsInput::default().validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["access_key", "secret_key", "partner_tag", "marketplace"]
        );
        assert!(one(&errors, "access_key").starts_with("Enter the Access Key"));
        assert!(one(&errors, "secret_key").starts_with("Enter the Secret Key"));
        assert!(one(&errors, "partner_tag").starts_with("Enter the tracking ID"));
        assert!(one(&errors, "marketplace").starts_with("Select the default country"));
    }

    #[test]
    fn access_key_format() {
        let mut i = input();
        i.access_key = Some("AKIA123".into());
        let m = one(&i.validate().unwrap_err(), "access_key");
        assert!(
            m.contains("7 characters long") && m.contains("16 to 128"),
            "{m}"
        );

        i.access_key = Some("AKIAiosfodnn7example".into());
        let m = one(&i.validate().unwrap_err(), "access_key");
        assert!(m.contains("\"i\"") && m.contains("capital letters"), "{m}");

        i.access_key = Some("AKIAIOSF ODNN7EXAMPLE".into());
        let m = one(&i.validate().unwrap_err(), "access_key");
        assert!(m.contains("a space"), "{m}");

        i.access_key = Some("A".repeat(129));
        let m = one(&i.validate().unwrap_err(), "access_key");
        assert!(m.contains("129 characters"), "{m}");
    }

    #[test]
    fn swapped_keys_are_recognised() {
        let mut i = input();
        i.access_key = Some(SECRET.into());
        i.secret_key = Some(ACCESS.into());
        let errors = i.validate().unwrap_err();
        assert!(one(&errors, "access_key").starts_with("This looks like the Secret Key"));
        assert!(one(&errors, "secret_key").starts_with("This looks like the Access Key"));
    }

    #[test]
    fn unusual_access_key_prefix_is_a_warning() {
        let mut i = input();
        i.access_key = Some("ASIAIOSFODNN7EXAMPLE".into());
        let ok = i.validate().unwrap();
        assert!(one(&ok.warnings, "access_key").contains("usually start with AKIA"));
    }

    #[test]
    fn secret_key_length_sanity() {
        let mut i = input();
        i.secret_key = Some("short".into());
        let m = one(&i.validate().unwrap_err(), "secret_key");
        assert!(m.contains("only 5 characters") && m.contains("40"), "{m}");

        i.secret_key = Some("x".repeat(129));
        let m = one(&i.validate().unwrap_err(), "secret_key");
        assert!(m.contains("129 characters long"), "{m}");

        i.secret_key = Some("x".repeat(41));
        let ok = i.validate().unwrap();
        let w = one(&ok.warnings, "secret_key");
        assert!(w.contains("usually 40") && w.contains("41"), "{w}");
    }

    #[test]
    fn secret_key_characters_are_checked_but_not_shown() {
        let mut i = input();
        i.secret_key = Some("wJalrXUtnFEMI/K7MDENG/bPxRfiCY\nEXAMPLEKE".into());
        let m = one(&i.validate().unwrap_err(), "secret_key");
        assert!(m.contains("a line break"), "{m}");
        i.secret_key = Some("wJalrXUtnFEMI/K7MDENG/bPxRfiCYÉXAMPLEKEY".into());
        let m = one(&i.validate().unwrap_err(), "secret_key");
        assert!(m.contains("not plain ASCII") && !m.contains('É'), "{m}");
    }

    #[test]
    fn partner_tag_and_country() {
        let mut i = input();
        i.marketplace = Some("JP".into());
        let ok = i.validate().unwrap();
        let w = one(&ok.warnings, "partner_tag");
        assert!(
            w.starts_with("Tracking IDs for Japan usually end in -22"),
            "{w}"
        );

        i.marketplace = Some("Atlantis".into());
        let errors = i.validate().unwrap_err();
        assert!(one(&errors, "marketplace").contains("\"Atlantis\" is not an Amazon marketplace"));
        assert_eq!(errors.len(), 1);

        i.marketplace = Some("US".into());
        i.partner_tag = Some("mysite".into());
        let m = one(&i.validate().unwrap_err(), "partner_tag");
        assert!(m.contains("mysite-20"), "{m}");
    }

    #[test]
    fn json_input_and_debug() {
        let i: PaapiSettingsInput = serde_json::from_str(&format!(
            r#"{{"access_key":"{ACCESS}","secret_key":"{SECRET}","partner_tag":"mysite-21","marketplace":"DE"}}"#
        ))
        .unwrap();
        assert_eq!(i, input());
        let shown = format!("{i:?} {:?}", i.validate().unwrap());
        assert!(!shown.contains(SECRET), "{shown}");
    }
}
