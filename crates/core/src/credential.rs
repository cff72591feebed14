//! Credential kinds, the API version they imply, and recognising the kind from what a user
//! pasted.
//!
//! Amazon issues two kinds of Creators API credentials. The API version is never chosen by the
//! user: it follows from the kind and the marketplace's region, so an [`ApiVersion`] can only be
//! built from that pair.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::marketplace::{Marketplace, Region};
use crate::quote::excerpt;
use crate::secret::Secret;

/// The kind of Creators API credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum CredentialKind {
    /// Amazon Cognito credentials, created before February 2026: API versions 2.1 / 2.2 / 2.3.
    Cognito,
    /// Login with Amazon credentials, issued since February 2026: API versions 3.1 / 3.2 / 3.3.
    Lwa,
}

impl CredentialKind {
    /// Both kinds, in the order the form offers them.
    pub const ALL: [CredentialKind; 2] = [CredentialKind::Cognito, CredentialKind::Lwa];

    /// The stored identifier: `cognito` or `lwa`.
    pub const fn id(self) -> &'static str {
        match self {
            CredentialKind::Cognito => "cognito",
            CredentialKind::Lwa => "lwa",
        }
    }

    /// The label the setup screens show: `Cognito (v2)` or `LWA (v3)`.
    pub const fn label(self) -> &'static str {
        match self {
            CredentialKind::Cognito => "Cognito (v2)",
            CredentialKind::Lwa => "LWA (v3)",
        }
    }

    /// The explanation shown beside the choice, from the user guide.
    pub const fn description(self) -> &'static str {
        match self {
            CredentialKind::Cognito => {
                "Choose this for credentials you created before February 2026. These are the original Creators API credentials that use Amazon Cognito for authentication."
            }
            CredentialKind::Lwa => {
                "Choose this for credentials issued since February 2026. These newer credentials use Login with Amazon (LWA) for authentication."
            }
        }
    }

    /// The major number of the API version: `2` or `3`.
    pub const fn version_major(self) -> u8 {
        match self {
            CredentialKind::Cognito => 2,
            CredentialKind::Lwa => 3,
        }
    }

    /// Everything the setup screens show about this kind, as the bindings list it.
    pub const fn info(self) -> CredentialKindInfo {
        CredentialKindInfo {
            id: self.id(),
            label: self.label(),
            description: self.description(),
            major: self.version_major(),
        }
    }
}

/// A credential kind as the bindings list it: serialized as `{id, label, description, major}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CredentialKindInfo {
    /// [`CredentialKind::id`]: `cognito`, `lwa`.
    pub id: &'static str,
    /// [`CredentialKind::label`]: `Cognito (v2)`, `LWA (v3)`.
    pub label: &'static str,
    /// [`CredentialKind::description`].
    pub description: &'static str,
    /// [`CredentialKind::version_major`]: 2 or 3.
    pub major: u8,
}

impl fmt::Display for CredentialKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A string that names no credential kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a credential type: choose Cognito (v2) or LWA (v3)")]
pub struct UnknownCredentialKind(pub String);

impl FromStr for CredentialKind {
    type Err = UnknownCredentialKind;

    /// Accepts the id (`cognito`, `lwa`), the label (`LWA (v3)`) or the version family (`v2`,
    /// `v3`, `2`, `3`), case-insensitive.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase();
        match norm.as_str() {
            "cognito" | "cognito (v2)" | "v2" | "2" => Ok(CredentialKind::Cognito),
            "lwa" | "lwa (v3)" | "v3" | "3" => Ok(CredentialKind::Lwa),
            _ => Err(UnknownCredentialKind(excerpt(s))),
        }
    }
}

/// A Creators API version (`2.1` ... `3.3`). Built only from a credential kind and a region, so
/// the pair is always consistent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApiVersion {
    kind: CredentialKind,
    region: Region,
}

/// A version string that is not one of 2.1, 2.2, 2.3, 3.1, 3.2, 3.3.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unsupported Creators API version \"{0}\": supported versions are 2.1, 2.2, 2.3, 3.1, 3.2, 3.3"
)]
pub struct UnknownApiVersion(pub String);

impl ApiVersion {
    /// The version used by credentials of `kind` in `region`.
    pub const fn new(kind: CredentialKind, region: Region) -> ApiVersion {
        ApiVersion { kind, region }
    }

    /// The version used by credentials of `kind` for `marketplace`.
    pub fn for_marketplace(kind: CredentialKind, marketplace: Marketplace) -> ApiVersion {
        ApiVersion::new(kind, marketplace.region())
    }

    /// Every version, Cognito first.
    pub fn all() -> impl Iterator<Item = ApiVersion> {
        CredentialKind::ALL.into_iter().flat_map(|k| {
            [Region::NorthAmerica, Region::Europe, Region::FarEast]
                .into_iter()
                .map(move |r| ApiVersion::new(k, r))
        })
    }

    /// The credential kind of this version.
    pub const fn kind(self) -> CredentialKind {
        self.kind
    }

    /// The region of this version.
    pub const fn region(self) -> Region {
        self.region
    }

    /// Major number: 2 (Cognito) or 3 (LWA).
    pub const fn major(self) -> u8 {
        self.kind.version_major()
    }

    /// Minor number: 1 (NA), 2 (EU) or 3 (FE).
    pub const fn minor(self) -> u8 {
        self.region.version_minor()
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major(), self.minor())
    }
}

impl FromStr for ApiVersion {
    type Err = UnknownApiVersion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let kind = match s.trim().split_once('.') {
            Some(("2", _)) => CredentialKind::Cognito,
            Some(("3", _)) => CredentialKind::Lwa,
            _ => return Err(UnknownApiVersion(excerpt(s))),
        };
        let region = match s.trim().split_once('.').map(|(_, minor)| minor) {
            Some("1") => Region::NorthAmerica,
            Some("2") => Region::Europe,
            Some("3") => Region::FarEast,
            _ => return Err(UnknownApiVersion(excerpt(s))),
        };
        Ok(ApiVersion::new(kind, region))
    }
}

impl Serialize for ApiVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ApiVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// What the pasted credential ID and secret say about their kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Detected {
    /// The ID or secret has an LWA prefix (`amzn1.application-oa2-client.`,
    /// `amzn1.application-oa2-v1.`, `amzn1.oa2-cs.v1.`).
    Lwa,
    /// The ID looks like a Cognito app client ID (26 lowercase letters and digits) and nothing
    /// has an LWA prefix.
    Cognito,
    /// Nothing conclusive (empty, or a format neither kind uses).
    Unknown,
}

/// Prefixes of LWA client IDs.
pub(crate) const LWA_ID_PREFIXES: [&str; 2] =
    ["amzn1.application-oa2-client.", "amzn1.application-oa2-v1."];
/// Prefix of LWA client secrets.
pub(crate) const LWA_SECRET_PREFIX: &str = "amzn1.oa2-cs.v1.";

impl Detected {
    /// Recognises the kind from the credential ID and secret as pasted (surrounding whitespace is
    /// ignored; either may be empty).
    pub fn from_credentials(id: &str, secret: &str) -> Detected {
        let (id, secret) = (id.trim(), secret.trim());
        let lwa_id = LWA_ID_PREFIXES
            .iter()
            .any(|p| starts_with_ignore_case(id, p));
        let lwa_secret = starts_with_ignore_case(secret, LWA_SECRET_PREFIX);
        if lwa_id || lwa_secret {
            return Detected::Lwa;
        }
        // Cognito app client IDs are 26 characters of lowercase letters and digits.
        let cognito_id = id.len() == 26
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if cognito_id {
            Detected::Cognito
        } else {
            Detected::Unknown
        }
    }

    /// The identifier the bindings return: `lwa`, `cognito` or `unknown` (the kind's id when
    /// the input was conclusive).
    pub fn id(self) -> &'static str {
        self.kind().map_or("unknown", CredentialKind::id)
    }

    /// The kind, when the input was conclusive.
    pub fn kind(self) -> Option<CredentialKind> {
        match self {
            Detected::Lwa => Some(CredentialKind::Lwa),
            Detected::Cognito => Some(CredentialKind::Cognito),
            Detected::Unknown => None,
        }
    }

    /// A warning when the chosen kind contradicts what the credentials look like.
    pub fn mismatch_warning(self, chosen: CredentialKind) -> Option<String> {
        self.mismatch_message(chosen).map(|m| m.text)
    }

    /// [`Detected::mismatch_warning`] as a coded message.
    pub fn mismatch_message(self, chosen: CredentialKind) -> Option<crate::message::Message> {
        let detected = self.kind()?;
        (detected != chosen).then(|| {
            crate::message::message!(
                crate::messages::KIND_MISMATCH,
                detected = detected.label(),
                chosen = chosen.label()
            )
        })
    }
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Everything needed to call the Creators API for one marketplace. Built by validating the
/// "Add Marketplace" form (see `MarketplaceConfig`) or from stored settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatorsCredentials {
    /// The marketplace these credentials were issued for.
    pub marketplace: Marketplace,
    /// Cognito (v2) or LWA (v3).
    pub kind: CredentialKind,
    /// Credential ID from Associates Central (not secret, but never shown in full in logs).
    pub credential_id: String,
    /// Credential secret.
    pub credential_secret: Secret,
    /// Partner tag (tracking ID) of the Associates account linked to the credentials.
    pub partner_tag: String,
}

impl CreatorsCredentials {
    /// The API version these credentials use.
    pub fn api_version(&self) -> ApiVersion {
        ApiVersion::for_marketplace(self.kind, self.marketplace)
    }
}

/// Everything needed to call PA-API 5.0 for one marketplace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaapiCredentials {
    /// The marketplace to query.
    pub marketplace: Marketplace,
    /// AWS access key ID (`AKIA...`).
    pub access_key: String,
    /// AWS secret access key.
    pub secret_key: Secret,
    /// Partner tag (tracking ID).
    pub partner_tag: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detected_ids_are_the_serialized_names() {
        for (id, secret, expected) in [
            ("amzn1.application-oa2-client.x", "", "lwa"),
            ("4j5k6l7m8n9o0p1q2r3s4t5u6v", "s", "cognito"),
            ("", "", "unknown"),
        ] {
            let d = Detected::from_credentials(id, secret);
            assert_eq!(d.id(), expected);
            assert_eq!(
                serde_json::to_string(&d).unwrap(),
                format!("\"{expected}\"")
            );
        }
    }

    #[test]
    fn every_marketplace_has_a_version_for_both_kinds() {
        use Marketplace::*;
        let expected = [
            (US, "2.1", "3.1"),
            (CA, "2.1", "3.1"),
            (MX, "2.1", "3.1"),
            (BR, "2.1", "3.1"),
            (UK, "2.2", "3.2"),
            (DE, "2.2", "3.2"),
            (FR, "2.2", "3.2"),
            (IT, "2.2", "3.2"),
            (ES, "2.2", "3.2"),
            (NL, "2.2", "3.2"),
            (BE, "2.2", "3.2"),
            (PL, "2.2", "3.2"),
            (SE, "2.2", "3.2"),
            (TR, "2.2", "3.2"),
            (AE, "2.2", "3.2"),
            (SA, "2.2", "3.2"),
            (EG, "2.2", "3.2"),
            (IE, "2.2", "3.2"),
            (IN, "2.2", "3.2"),
            (JP, "2.3", "3.3"),
            (SG, "2.3", "3.3"),
            (AU, "2.3", "3.3"),
        ];
        assert_eq!(expected.len(), Marketplace::all().len());
        for (m, cognito, lwa) in expected {
            let c = ApiVersion::for_marketplace(CredentialKind::Cognito, m);
            let l = ApiVersion::for_marketplace(CredentialKind::Lwa, m);
            assert_eq!(c.to_string(), cognito, "{m} Cognito");
            assert_eq!(l.to_string(), lwa, "{m} LWA");
        }
    }

    #[test]
    fn versions_parse_back() {
        for v in ApiVersion::all() {
            assert_eq!(v.to_string().parse::<ApiVersion>(), Ok(v));
        }
        assert_eq!(ApiVersion::all().count(), 6);
        for bad in ["", "2", "2.4", "4.1", "3.", "1.1", "2.1.1"] {
            let err = bad.parse::<ApiVersion>().unwrap_err();
            assert!(err.to_string().contains("2.1, 2.2, 2.3, 3.1, 3.2, 3.3"));
        }
    }

    #[test]
    fn kinds_parse_from_ids_labels_and_families() {
        for (s, k) in [
            ("cognito", CredentialKind::Cognito),
            ("Cognito (v2)", CredentialKind::Cognito),
            ("v2", CredentialKind::Cognito),
            ("LWA", CredentialKind::Lwa),
            ("lwa (v3)", CredentialKind::Lwa),
            ("3", CredentialKind::Lwa),
        ] {
            assert_eq!(s.parse::<CredentialKind>(), Ok(k), "{s}");
        }
        assert!("oauth".parse::<CredentialKind>().is_err());
        assert_eq!(CredentialKind::Lwa.to_string(), "LWA (v3)");
        assert_eq!(CredentialKind::Cognito.to_string(), "Cognito (v2)");
    }

    #[test]
    fn detects_lwa_from_id_or_secret() {
        let d = Detected::from_credentials("amzn1.application-oa2-client.abc123", "");
        assert_eq!(d, Detected::Lwa);
        let d = Detected::from_credentials(" amzn1.application-oa2-v1.xyz", "whatever");
        assert_eq!(d, Detected::Lwa);
        let d = Detected::from_credentials("", "AMZN1.OA2-CS.V1.deadbeef");
        assert_eq!(d, Detected::Lwa);
    }

    #[test]
    fn detects_cognito_client_ids() {
        let d = Detected::from_credentials("4j5k6l7m8n9o0p1q2r3s4t5u6v", "s3cr3t");
        assert_eq!(d, Detected::Cognito);
        assert_eq!(Detected::from_credentials("", ""), Detected::Unknown);
        assert_eq!(Detected::from_credentials("short", ""), Detected::Unknown);
        assert_eq!(Detected::from_credentials("é", "ü"), Detected::Unknown);
    }

    #[test]
    fn warns_on_mismatch_only() {
        let lwa = Detected::Lwa;
        let w = lwa.mismatch_warning(CredentialKind::Cognito).unwrap();
        assert!(
            w.contains("LWA (v3)") && w.contains("invalid_client"),
            "{w}"
        );
        assert_eq!(lwa.mismatch_warning(CredentialKind::Lwa), None);
        assert_eq!(
            Detected::Unknown.mismatch_warning(CredentialKind::Lwa),
            None
        );
    }
}
