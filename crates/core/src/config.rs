//! The "Add Marketplace" form of the Creators API tab: one marketplace's credentials, partner
//! tag and switches, checked field by field, and the rules across the whole list of configured
//! marketplaces.
//!
//! Every check reports all problems at once, each under the form field it is about
//! ([`FieldErrors`]); things that look wrong but may be right come back as warnings beside the
//! accepted value ([`Validated`]).

use std::fmt;

use serde::Deserialize;

use crate::credential::{ApiVersion, CreatorsCredentials, CredentialKind, Detected};
use crate::field_error::FieldErrors;
use crate::form::{
    CredentialMessages, Validated, check_credential_text, checkbox, loose_string, parse_marketplace,
};
use crate::marketplace::Marketplace;
use crate::message::{Template, message};
use crate::messages;
use crate::partner_tag::PartnerTag;
use crate::quote::excerpt;
use crate::redact::REDACTED;
use crate::secret::Secret;

/// The longest credential ID or secret accepted (no Amazon credential comes near it).
pub(crate) const CREDENTIAL_MAX_LEN: usize = 512;

/// One submission of the "Add Marketplace" (or edit) form, exactly as received: every field is
/// an untrusted string and may be missing. Checkboxes count as ticked unless missing, empty,
/// `0`, `false`, `off` or `no`.
///
/// Deserializing accepts strings, numbers, booleans and null for every field, so a JSON form
/// object can be read as is.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct MarketplaceConfigInput {
    /// Marketplace code (`DE`), store host or domain.
    #[serde(deserialize_with = "loose_string")]
    pub marketplace: Option<String>,
    /// Credential type: `cognito`, `lwa` or a label such as `LWA (v3)`.
    #[serde(deserialize_with = "loose_string")]
    pub kind: Option<String>,
    /// Credential ID from Associates Central.
    #[serde(deserialize_with = "loose_string")]
    pub credential_id: Option<String>,
    /// Credential secret from Associates Central.
    #[serde(deserialize_with = "loose_string")]
    pub credential_secret: Option<String>,
    /// Partner tag (tracking ID).
    #[serde(deserialize_with = "loose_string")]
    pub partner_tag: Option<String>,
    /// "Enable Marketplace" checkbox.
    #[serde(deserialize_with = "loose_string")]
    pub enabled: Option<String>,
    /// "Set as Default Marketplace" checkbox.
    #[serde(deserialize_with = "loose_string")]
    pub default: Option<String>,
}

impl fmt::Debug for MarketplaceConfigInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MarketplaceConfigInput")
            .field("marketplace", &self.marketplace)
            .field("kind", &self.kind)
            .field("credential_id", &self.credential_id)
            .field(
                "credential_secret",
                &self.credential_secret.as_ref().map(|_| REDACTED),
            )
            .field("partner_tag", &self.partner_tag)
            .field("enabled", &self.enabled)
            .field("default", &self.default)
            .finish()
    }
}

/// One configured marketplace: the Creators API credentials and the two switches of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketplaceConfig {
    /// Marketplace, credential kind, ID, secret and partner tag.
    pub credentials: CreatorsCredentials,
    /// Used for product lookups ("Enable Marketplace").
    pub enabled: bool,
    /// Used when no specific country is selected ("Set as Default Marketplace").
    pub default: bool,
}

impl MarketplaceConfigInput {
    /// Checks every field and returns either every error at once or the normalized
    /// configuration (trimmed strings) with its warnings.
    ///
    /// Errors are keyed `marketplace`, `kind`, `credential_id`, `credential_secret`,
    /// `partner_tag` and `default` (a default that is not enabled). Warnings are keyed
    /// `partner_tag` (a suffix unusual for the marketplace) and `kind` (credentials that look
    /// like the other kind).
    pub fn validate(&self) -> Result<Validated<MarketplaceConfig>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut warnings = FieldErrors::new();

        let marketplace = parse_marketplace(
            self.marketplace.as_deref(),
            "marketplace",
            messages::MARKETPLACE_MISSING,
            &mut errors,
        );

        let id = self.credential_id.as_deref().unwrap_or("").trim();
        let secret = self.credential_secret.as_deref().unwrap_or("").trim();
        let detected = Detected::from_credentials(id, secret);

        let kind = match self.kind.as_deref().map(str::trim).unwrap_or("") {
            "" => {
                let message = match detected.kind() {
                    Some(k) => message!(messages::KIND_MISSING_DETECTED, detected = k.label()),
                    None => messages::KIND_MISSING.plain(),
                };
                errors.push("kind", message);
                None
            }
            raw => match raw.parse::<CredentialKind>() {
                Ok(k) => Some(k),
                Err(_) => {
                    errors.push(
                        "kind",
                        message!(messages::KIND_UNKNOWN, input = excerpt(raw)),
                    );
                    None
                }
            },
        };

        let missing = |for_marketplace: Template, without: Template| match marketplace {
            Some(m) => message!(
                for_marketplace,
                country = m.info().country,
                url = m.info().associates_url
            ),
            None => without.plain(),
        };
        if id.is_empty() {
            errors.push(
                "credential_id",
                missing(
                    messages::CREDENTIAL_ID_MISSING_FOR,
                    messages::CREDENTIAL_ID_MISSING,
                ),
            );
        } else {
            check_credential_text(
                id,
                "credential_id",
                CredentialMessages {
                    too_long: messages::CREDENTIAL_ID_TOO_LONG,
                    bad_char: messages::CREDENTIAL_ID_BAD_CHAR,
                },
                false,
                CREDENTIAL_MAX_LEN,
                &mut errors,
            );
        }
        if secret.is_empty() {
            errors.push(
                "credential_secret",
                missing(
                    messages::CREDENTIAL_SECRET_MISSING_FOR,
                    messages::CREDENTIAL_SECRET_MISSING,
                ),
            );
        } else {
            check_credential_text(
                secret,
                "credential_secret",
                CredentialMessages {
                    too_long: messages::CREDENTIAL_SECRET_TOO_LONG,
                    bad_char: messages::CREDENTIAL_SECRET_BAD_CHAR,
                },
                true,
                CREDENTIAL_MAX_LEN,
                &mut errors,
            );
        }

        let raw_tag = self.partner_tag.as_deref().unwrap_or("");
        let partner_tag = match marketplace {
            Some(m) => PartnerTag::check(raw_tag, m, "partner_tag").map(|checked| {
                warnings.extend(checked.warnings);
                checked.value
            }),
            None => PartnerTag::parse(raw_tag, "partner_tag"),
        };
        let partner_tag = partner_tag.map_err(|e| errors.extend(e)).ok();

        let enabled = checkbox(self.enabled.as_deref());
        let default = checkbox(self.default.as_deref());
        if default && !enabled {
            errors.push("default", messages::DEFAULT_NOT_ENABLED.plain());
        }

        if let Some(warning) = kind.and_then(|k| detected.mismatch_message(k)) {
            warnings.push("kind", warning);
        }

        match (marketplace, kind, partner_tag) {
            (Some(marketplace), Some(kind), Some(partner_tag)) if errors.is_empty() => {
                Ok(Validated {
                    value: MarketplaceConfig {
                        credentials: CreatorsCredentials {
                            marketplace,
                            kind,
                            credential_id: id.to_string(),
                            credential_secret: Secret::new(secret),
                            partner_tag: partner_tag.into_string(),
                        },
                        enabled,
                        default,
                    },
                    warnings,
                })
            }
            _ => Err(errors),
        }
    }
}

impl MarketplaceConfig {
    /// The marketplace.
    pub fn marketplace(&self) -> Marketplace {
        self.credentials.marketplace
    }

    /// The credential kind.
    pub fn kind(&self) -> CredentialKind {
        self.credentials.kind
    }

    /// The Creators API version, derived from the credential kind and the marketplace.
    pub fn api_version(&self) -> ApiVersion {
        self.credentials.api_version()
    }

    /// The partner tag partially hidden, for the Configured Marketplaces table.
    pub fn masked_partner_tag(&self) -> String {
        PartnerTag::mask(&self.credentials.partner_tag)
    }

    /// Checks a whole list of configurations: one per marketplace (errors under
    /// `marketplace`), at most one default, and the default enabled (errors under `default`).
    pub fn validate_set(configs: &[MarketplaceConfig]) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();

        let mut reported: Vec<Marketplace> = Vec::new();
        for (i, config) in configs.iter().enumerate() {
            let m = config.marketplace();
            let repeated = configs[i + 1..].iter().any(|c| c.marketplace() == m);
            if repeated && !reported.contains(&m) {
                reported.push(m);
                errors.push(
                    "marketplace",
                    message!(messages::MARKETPLACE_REPEATED, country = m.info().country),
                );
            }
        }

        let defaults: Vec<&MarketplaceConfig> = configs.iter().filter(|c| c.default).collect();
        if defaults.len() > 1 {
            let names: Vec<&str> = defaults
                .iter()
                .map(|c| c.marketplace().info().country)
                .collect();
            errors.push(
                "default",
                message!(messages::DEFAULT_SEVERAL, countries = join_names(&names)),
            );
        }
        for config in defaults.iter().filter(|c| !c.enabled) {
            errors.push(
                "default",
                message!(
                    messages::DEFAULT_DISABLED,
                    country = config.marketplace().info().country
                ),
            );
        }

        errors.into_result(())
    }
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COGNITO_ID: &str = "4j5k6l7m8n9o0p1q2r3s4t5u6v";
    const LWA_ID: &str = "amzn1.application-oa2-client.0123456789abcdef";
    const LWA_SECRET: &str = "amzn1.oa2-cs.v1.0123456789abcdef0123456789abcdef";

    fn input() -> MarketplaceConfigInput {
        MarketplaceConfigInput {
            marketplace: Some("DE".into()),
            kind: Some("lwa".into()),
            credential_id: Some(LWA_ID.into()),
            credential_secret: Some(LWA_SECRET.into()),
            partner_tag: Some("mysite-21".into()),
            enabled: Some("1".into()),
            default: Some("1".into()),
        }
    }

    fn errors_of(input: &MarketplaceConfigInput) -> FieldErrors {
        input.validate().unwrap_err()
    }

    fn one(errors: &FieldErrors, field: &str) -> String {
        let messages: Vec<_> = errors.for_field(field).collect();
        assert_eq!(messages.len(), 1, "{field}: {errors}");
        messages[0].to_string()
    }

    #[test]
    fn a_complete_form_becomes_a_configuration() {
        let ok = input().validate().unwrap();
        assert!(ok.warnings.is_empty(), "{}", ok.warnings);
        let c = ok.value;
        assert_eq!(c.marketplace(), Marketplace::DE);
        assert_eq!(c.kind(), CredentialKind::Lwa);
        assert_eq!(c.api_version().to_string(), "3.2");
        assert_eq!(c.credentials.credential_id, LWA_ID);
        assert_eq!(c.credentials.credential_secret.expose(), LWA_SECRET);
        assert_eq!(c.credentials.partner_tag, "mysite-21");
        assert_eq!(c.masked_partner_tag(), "my****-21");
        assert!(c.enabled && c.default);
    }

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        let mut i = input();
        i.marketplace = Some(" www.amazon.co.jp ".into());
        i.kind = Some(" Cognito (v2) ".into());
        i.credential_id = Some(format!("\t{COGNITO_ID}\n"));
        i.credential_secret = Some("  s3cr3tvalue \r\n".into());
        i.partner_tag = Some(" mysite-22 ".into());
        let c = i.validate().unwrap().value;
        assert_eq!(c.marketplace(), Marketplace::JP);
        assert_eq!(c.api_version().to_string(), "2.3");
        assert_eq!(c.credentials.credential_id, COGNITO_ID);
        assert_eq!(c.credentials.credential_secret.expose(), "s3cr3tvalue");
        assert_eq!(c.credentials.partner_tag, "mysite-22");
    }

    #[test]
    fn an_empty_form_reports_every_field_at_once() {
        let errors = errors_of(&MarketplaceConfigInput::default());
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "marketplace",
                "kind",
                "credential_id",
                "credential_secret",
                "partner_tag"
            ]
        );
        assert_eq!(
            one(&errors, "marketplace"),
            "Select the marketplace (country) these credentials were created for."
        );
        assert!(one(&errors, "kind").starts_with("Select the Credential Type"));
        assert_eq!(
            one(&errors, "credential_id"),
            "Enter the Credential ID from the Creators API section of Associates Central."
        );
        assert!(one(&errors, "credential_secret").starts_with("Enter the Credential Secret"));
        assert!(one(&errors, "partner_tag").starts_with("Enter the tracking ID"));
    }

    #[test]
    fn empty_fields_point_to_the_marketplace_associates_central() {
        let mut i = input();
        i.credential_id = Some("  ".into());
        i.credential_secret = None;
        let errors = errors_of(&i);
        assert_eq!(
            one(&errors, "credential_id"),
            "Enter the Credential ID from the Creators API section of Associates Central for Germany (https://partnernet.amazon.de)."
        );
        let m = one(&errors, "credential_secret");
        assert!(
            m.contains("https://partnernet.amazon.de") && m.contains("create a new credential"),
            "{m}"
        );
        assert_eq!(errors.len(), 2, "{errors}");
    }

    #[test]
    fn unknown_marketplace_and_kind_are_named() {
        let mut i = input();
        i.marketplace = Some("XX".into());
        i.kind = Some("oauth".into());
        let errors = errors_of(&i);
        let m = one(&errors, "marketplace");
        assert!(
            m.starts_with("\"XX\" is not an Amazon marketplace") && m.contains("DE for Germany"),
            "{m}"
        );
        assert_eq!(
            one(&errors, "kind"),
            "\"oauth\" is not a credential type: choose Cognito (v2) or LWA (v3)"
        );
        let mut i = input();
        i.marketplace = Some("x".repeat(100));
        let m = one(&errors_of(&i), "marketplace");
        assert!(m.starts_with(&format!("\"{}…\"", "x".repeat(40))), "{m}");
    }

    #[test]
    fn missing_kind_mentions_what_the_credentials_look_like() {
        let mut i = input();
        i.kind = Some(String::new());
        let m = one(&errors_of(&i), "kind");
        assert!(m.ends_with("These credentials look like LWA (v3)."), "{m}");
    }

    #[test]
    fn inner_whitespace_and_control_characters_are_refused() {
        let mut i = input();
        i.credential_id = Some("amzn1.application-oa2-client.01 23".into());
        i.credential_secret = Some("abc\u{0}def".into());
        let errors = errors_of(&i);
        let m = one(&errors, "credential_id");
        assert_eq!(
            m,
            "The Credential ID contains a space, which Amazon credentials never contain. Copy it again from Associates Central, without spaces or line breaks."
        );
        let m = one(&errors, "credential_secret");
        assert!(m.contains("the invisible character U+0000"), "{m}");

        let mut i = input();
        i.credential_secret = Some("abc\ndef".into());
        i.credential_id = Some("abc\u{200b}def".into());
        let errors = errors_of(&i);
        assert!(one(&errors, "credential_secret").contains("a line break"));
        assert!(one(&errors, "credential_id").contains("U+200B"));
    }

    #[test]
    fn non_ascii_characters_are_named_in_ids_but_not_in_secrets() {
        let mut i = input();
        i.credential_id = Some("“abcdef”".into());
        i.credential_secret = Some("“abcdef”".into());
        let errors = errors_of(&i);
        assert!(one(&errors, "credential_id").contains("\"“\""));
        let m = one(&errors, "credential_secret");
        assert!(!m.contains('“') && m.contains("not plain ASCII"), "{m}");
    }

    #[test]
    fn overlong_credentials_are_refused() {
        let mut i = input();
        i.credential_id = Some("a".repeat(CREDENTIAL_MAX_LEN + 1));
        i.credential_secret = Some("b".repeat(CREDENTIAL_MAX_LEN));
        let errors = errors_of(&i);
        assert_eq!(
            one(&errors, "credential_id"),
            "The Credential ID is 513 characters long, more than any Amazon credential (at most 512): check that you pasted only the Credential ID."
        );
        assert_eq!(errors.len(), 1, "{errors}");
    }

    #[test]
    fn partner_tag_errors_and_warnings_use_the_marketplace() {
        let mut i = input();
        i.partner_tag = Some("mysite".into());
        let m = one(&errors_of(&i), "partner_tag");
        assert!(m.contains("mysite-21"), "{m}");

        i.partner_tag = Some("mysite-20".into());
        let ok = i.validate().unwrap();
        let w = one(&ok.warnings, "partner_tag");
        assert!(
            w.starts_with("Tracking IDs for Germany usually end in -21"),
            "{w}"
        );

        // Without a known marketplace the tag is still checked for its form.
        i.marketplace = Some("XX".into());
        i.partner_tag = Some("my tag".into());
        let errors = errors_of(&i);
        assert_eq!(errors.for_field("partner_tag").count(), 2, "{errors}");
    }

    #[test]
    fn a_kind_that_contradicts_the_credentials_is_a_warning() {
        let mut i = input();
        i.kind = Some("cognito".into());
        let ok = i.validate().unwrap();
        assert_eq!(ok.value.api_version().to_string(), "2.2");
        let w = one(&ok.warnings, "kind");
        assert!(
            w.contains("invalid_client") && w.contains("LWA (v3)"),
            "{w}"
        );
    }

    #[test]
    fn a_default_must_be_enabled() {
        let mut i = input();
        i.enabled = Some("0".into());
        assert_eq!(
            one(&errors_of(&i), "default"),
            "A default marketplace must be enabled: tick Enable Marketplace or untick Set as Default."
        );
        i.default = None;
        let c = i.validate().unwrap().value;
        assert!(!c.enabled && !c.default);
    }

    #[test]
    fn reads_json_forms_with_loose_types() {
        let json = format!(
            r#"{{"marketplace":"us","kind":"LWA (v3)","credential_id":"{LWA_ID}","credential_secret":"{LWA_SECRET}","partner_tag":"mysite-20","enabled":true,"default":0,"extra":[1]}}"#
        );
        let i: MarketplaceConfigInput = serde_json::from_str(&json).unwrap();
        assert_eq!(i.enabled.as_deref(), Some("1"));
        assert_eq!(i.default.as_deref(), Some("0"));
        let c = i.validate().unwrap().value;
        assert_eq!(c.api_version().to_string(), "3.1");
        assert!(c.enabled && !c.default);

        let i: MarketplaceConfigInput =
            serde_json::from_str(r#"{"marketplace":null,"enabled":1.5}"#).unwrap();
        assert_eq!(i.marketplace, None);
        assert_eq!(i.enabled.as_deref(), Some("1.5"));
        assert!(serde_json::from_str::<MarketplaceConfigInput>(r#"{"kind":[1]}"#).is_err());
    }

    #[test]
    fn debug_output_hides_the_secret() {
        let shown = format!("{:?} {:?}", input(), input().validate().unwrap());
        assert!(!shown.contains(LWA_SECRET), "{shown}");
        assert!(shown.contains("***"));
    }

    fn config(code: &str, enabled: bool, default: bool) -> MarketplaceConfig {
        let mut i = input();
        i.marketplace = Some(code.into());
        i.partner_tag = Some(format!(
            "mysite-{}",
            Marketplace::lookup(code).unwrap().info().tag_suffix
        ));
        i.enabled = Some(if enabled { "1" } else { "" }.into());
        i.default = None;
        let mut c = i.validate().unwrap().value;
        c.default = default;
        c
    }

    #[test]
    fn a_consistent_set_passes() {
        let set = [
            config("DE", true, true),
            config("US", false, false),
            config("UK", true, false),
        ];
        assert_eq!(MarketplaceConfig::validate_set(&set), Ok(()));
        assert_eq!(MarketplaceConfig::validate_set(&[]), Ok(()));
        // No default at all is allowed.
        assert_eq!(
            MarketplaceConfig::validate_set(&[config("DE", true, false)]),
            Ok(())
        );
    }

    #[test]
    fn a_marketplace_may_be_configured_once() {
        let set = [
            config("DE", true, false),
            config("US", true, false),
            config("DE", false, false),
            config("DE", true, false),
        ];
        let errors = MarketplaceConfig::validate_set(&set).unwrap_err();
        assert_eq!(
            one(&errors, "marketplace"),
            "Germany is configured more than once: keep one configuration per marketplace and edit the existing one instead of adding another."
        );
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn one_enabled_default_at_most() {
        let set = [
            config("DE", true, true),
            config("US", true, true),
            config("JP", true, true),
        ];
        let errors = MarketplaceConfig::validate_set(&set).unwrap_err();
        assert_eq!(
            one(&errors, "default"),
            "Only one marketplace can be the default, but Germany, United States and Japan are all set as default: untick Set as Default on all but one."
        );

        let set = [config("DE", false, true), config("US", true, false)];
        let errors = MarketplaceConfig::validate_set(&set).unwrap_err();
        assert_eq!(
            one(&errors, "default"),
            "The default marketplace Germany is disabled. A default marketplace must be enabled: tick Enable Marketplace or untick Set as Default."
        );
    }

    #[test]
    fn names_are_joined_as_a_sentence() {
        assert_eq!(join_names(&["A"]), "A");
        assert_eq!(join_names(&["A", "B"]), "A and B");
        assert_eq!(join_names(&["A", "B", "C"]), "A, B and C");
    }
}
