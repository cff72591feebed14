//! The sandbox configuration: the accounts it knows (Creators API credentials and PA-API 5.0
//! access keys) and the limits and faults it applies. Read from a JSON file; the runtime part
//! ([`Settings`]) can also be changed while running with `POST /__sandbox/config`.

use std::collections::BTreeMap;
use std::path::Path;

use asa2_core::{Marketplace, Region};
use serde::{Deserialize, Serialize};

/// The demo configuration shipped in `crates/sandbox/demo.json`.
const DEMO_JSON: &str = include_str!("../demo.json");

/// Everything the sandbox needs to start.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SandboxConfig {
    /// Address to listen on; `127.0.0.1` unless the sandbox must be reachable from elsewhere.
    pub bind: String,
    /// TCP port; `0` picks a free one (the bound URL is printed first on stdout).
    pub port: u16,
    /// Base URL written into image links when a request carries no `Host` header; by default
    /// `http://{bind}:{port}`.
    pub public_url: Option<String>,
    /// Seed of the generated catalog: the same seed always gives the same products.
    pub seed: u64,
    /// Worker threads answering requests.
    pub workers: usize,
    /// Write one line per request to stderr.
    pub log: bool,
    /// Limits and faults, changeable at runtime.
    pub settings: Settings,
    /// Creators API credentials the token endpoints accept.
    pub credentials: Vec<CreatorsCredential>,
    /// PA-API 5.0 access key pairs the `/paapi5/*` endpoints accept.
    pub paapi_keys: Vec<PaapiKey>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            bind: "127.0.0.1".into(),
            port: 8765,
            public_url: None,
            seed: 42,
            workers: 8,
            log: true,
            settings: Settings::default(),
            credentials: Vec::new(),
            paapi_keys: Vec::new(),
        }
    }
}

/// Limits and faults. Every field can be set in the config file (`"settings": {...}`), by a
/// command-line flag for the common ones, and at runtime with `POST /__sandbox/config`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// API requests per second allowed per credential (Amazon starts every account at 1);
    /// `0` turns throttling off. Token requests are not counted.
    pub rps: f64,
    /// Lifetime of issued access tokens, in seconds (Amazon: 3600).
    pub token_ttl_secs: u64,
    /// Delay added before every answer, in milliseconds.
    pub latency_ms: u64,
    /// Every Nth API call (counted from start or the last reset) fails with `error_status`;
    /// `0` turns this off.
    pub error_every: u64,
    /// The status of injected failures: 500, 502, 503 or 504.
    pub error_status: u16,
    /// Every Nth successful API answer is cut in half (invalid JSON); `0` turns this off.
    pub truncate_every: u64,
    /// Every endpoint (tokens and API) answers 503.
    pub outage: bool,
    /// Only the token endpoints answer 503.
    pub token_outage: bool,
    /// Credential IDs and PA-API access keys whose account is not eligible (403
    /// `AssociateNotEligible`).
    pub not_eligible: Vec<String>,
    /// PA-API 5.0 is retired (as Amazon did on 15 May 2026): every PA-API call answers 401
    /// `UnrecognizedClient`, the answer for an access key Amazon no longer accepts.
    pub paapi_retired: bool,
    /// Largest accepted difference between a PA-API request's `x-amz-date` and the clock, in
    /// seconds; `0` accepts any date.
    pub clock_skew_secs: u64,
    /// API requests per UTC day allowed per credential (PA-API 5.0 started accounts at 8,640);
    /// `0` turns the daily budget off. Further calls that day are answered 429 with the reason
    /// `QuotaExceeded`. Token requests and calls refused for the rate are not counted.
    pub daily_quota: u64,
    /// Daily budgets of single credentials (credential ID or PA-API access key), overriding
    /// `daily_quota`; `0` means no daily limit for that credential. An empty list counts as an
    /// empty map (PHP encodes an empty array as `[]`).
    #[serde(deserialize_with = "map_or_empty_list")]
    pub daily_quotas: BTreeMap<String, u64>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rps: 1.0,
            token_ttl_secs: 3600,
            latency_ms: 0,
            error_every: 0,
            error_status: 500,
            truncate_every: 0,
            outage: false,
            token_outage: false,
            not_eligible: Vec::new(),
            paapi_retired: false,
            clock_skew_secs: 900,
            daily_quota: 0,
            daily_quotas: BTreeMap::new(),
        }
    }
}

/// A map, or `[]` for an empty one.
fn map_or_empty_list<'de, D>(deserializer: D) -> Result<BTreeMap<String, u64>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum MapOrList {
        Map(BTreeMap<String, u64>),
        List(Vec<serde_json::Value>),
    }
    match MapOrList::deserialize(deserializer)? {
        MapOrList::Map(map) => Ok(map),
        MapOrList::List(list) if list.is_empty() => Ok(BTreeMap::new()),
        MapOrList::List(_) => Err(serde::de::Error::custom(
            "daily_quotas must be an object of credential ID or access key => requests per day, e.g. {\"AKIA...\": 8640}",
        )),
    }
}

impl Settings {
    /// Applies the fields present in `patch` (a JSON object with some of the fields) and returns
    /// the new settings, or a message naming the offending field.
    pub fn patched(&self, patch: &serde_json::Value) -> Result<Settings, String> {
        let serde_json::Value::Object(fields) = patch else {
            return Err("the body must be a JSON object of settings, e.g. {\"rps\": 5}".into());
        };
        let mut merged = serde_json::to_value(self).map_err(|e| e.to_string())?;
        if let serde_json::Value::Object(current) = &mut merged {
            for (k, v) in fields {
                current.insert(k.clone(), v.clone());
            }
        }
        let next: Settings = serde_json::from_value(merged).map_err(|e| e.to_string())?;
        next.check()?;
        Ok(next)
    }

    /// The daily budget of a credential (ID or access key); `0`: none.
    pub fn daily_quota_of(&self, key: &str) -> u64 {
        self.daily_quotas
            .get(key)
            .copied()
            .unwrap_or(self.daily_quota)
    }

    /// Checks value ranges.
    pub fn check(&self) -> Result<(), String> {
        if !self.rps.is_finite() || self.rps < 0.0 {
            return Err(format!(
                "rps must be 0 (no limit) or a positive number, not {}",
                self.rps
            ));
        }
        if self.token_ttl_secs == 0 {
            return Err("token_ttl_secs must be at least 1".into());
        }
        if !matches!(self.error_status, 500 | 502 | 503 | 504) {
            return Err(format!(
                "error_status must be 500, 502, 503 or 504, not {}",
                self.error_status
            ));
        }
        Ok(())
    }
}

/// One Creators API credential, as Amazon issues it in Associates Central.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreatorsCredential {
    /// Credential ID (`amzn1.application-oa2-client.…` for LWA).
    pub id: String,
    /// Credential secret (`amzn1.oa2-cs.v1.…` for LWA).
    pub secret: String,
    /// The version Amazon issued with it: `2.1`-`2.3` (Cognito) or `3.1`-`3.3` (LWA).
    pub version: String,
    /// Marketplace codes the account may use; empty means every marketplace of the version's
    /// region.
    #[serde(default)]
    pub marketplaces: Vec<String>,
    /// Tracking IDs of the account; requests must carry one of them as `partnerTag`.
    pub partner_tags: Vec<String>,
    /// A note shown on start.
    #[serde(default)]
    pub label: String,
}

/// One PA-API 5.0 access key pair.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaapiKey {
    /// Access key (`AKIA…`).
    pub access_key: String,
    /// Secret key.
    pub secret_key: String,
    /// Marketplace codes the key's associate stores cover.
    pub marketplaces: Vec<String>,
    /// Tracking IDs of those stores.
    pub partner_tags: Vec<String>,
    /// A note shown on start.
    #[serde(default)]
    pub label: String,
}

/// A configuration that cannot be used; the message names the field and the fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("sandbox configuration: {0}")]
pub struct ConfigError(pub String);

impl SandboxConfig {
    /// The demo configuration (`crates/sandbox/demo.json`): a Cognito credential for DE, LWA
    /// credentials for US, UK and FR and a PA-API key for FR, IT and ES.
    pub fn demo() -> SandboxConfig {
        SandboxConfig::from_json(DEMO_JSON).expect("the shipped demo.json is valid")
    }

    /// Parses and checks a JSON configuration.
    pub fn from_json(text: &str) -> Result<SandboxConfig, ConfigError> {
        let config: SandboxConfig =
            serde_json::from_str(text).map_err(|e| ConfigError(e.to_string()))?;
        config.check()?;
        Ok(config)
    }

    /// Reads and checks a JSON configuration file.
    pub fn from_file(path: &Path) -> Result<SandboxConfig, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))?;
        SandboxConfig::from_json(&text)
            .map_err(|e| ConfigError(format!("{}: {}", path.display(), e.0)))
    }

    /// Checks every credential and setting; the error names the first bad one.
    pub fn check(&self) -> Result<(), ConfigError> {
        self.settings.check().map_err(ConfigError)?;
        if self.workers == 0 {
            return Err(ConfigError("workers must be at least 1".into()));
        }
        let mut ids = std::collections::HashSet::new();
        for (i, c) in self.credentials.iter().enumerate() {
            let at = format!("credentials[{i}]");
            if c.id.trim().is_empty() || c.secret.trim().is_empty() {
                return Err(ConfigError(format!(
                    "{at}: id and secret must not be empty"
                )));
            }
            if !ids.insert(c.id.clone()) {
                return Err(ConfigError(format!("{at}: the id {} appears twice", c.id)));
            }
            let (_, region) = parse_version(&c.version).ok_or_else(|| {
                ConfigError(format!(
                    "{at}: version \"{}\" is not one of 2.1, 2.2, 2.3, 3.1, 3.2, 3.3",
                    c.version
                ))
            })?;
            check_marketplaces(&at, &c.marketplaces, Some(region))?;
            check_tags(&at, &c.partner_tags)?;
        }
        for (i, k) in self.paapi_keys.iter().enumerate() {
            let at = format!("paapi_keys[{i}]");
            if k.access_key.trim().is_empty() || k.secret_key.trim().is_empty() {
                return Err(ConfigError(format!(
                    "{at}: access_key and secret_key must not be empty"
                )));
            }
            if !ids.insert(k.access_key.clone()) {
                return Err(ConfigError(format!(
                    "{at}: the access key {} appears twice",
                    k.access_key
                )));
            }
            if k.marketplaces.is_empty() {
                return Err(ConfigError(format!(
                    "{at}: list at least one marketplace code"
                )));
            }
            check_marketplaces(&at, &k.marketplaces, None)?;
            check_tags(&at, &k.partner_tags)?;
        }
        Ok(())
    }
}

fn check_marketplaces(
    at: &str,
    codes: &[String],
    region: Option<Region>,
) -> Result<(), ConfigError> {
    for code in codes {
        let m = Marketplace::lookup(code).map_err(|e| ConfigError(format!("{at}: {e}")))?;
        if let Some(region) = region
            && m.region() != region
        {
            return Err(ConfigError(format!(
                "{at}: marketplace {} is in region {}, but the credential's version is for region {region}",
                m.code(),
                m.region()
            )));
        }
    }
    Ok(())
}

fn check_tags(at: &str, tags: &[String]) -> Result<(), ConfigError> {
    if tags.is_empty() || tags.iter().any(|t| t.trim().is_empty()) {
        return Err(ConfigError(format!(
            "{at}: partner_tags must list at least one non-empty tracking ID"
        )));
    }
    Ok(())
}

/// The kind of a Creators API credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Cognito,
    Lwa,
}

/// Splits a version string (`2.2`) into kind and region.
pub(crate) fn parse_version(version: &str) -> Option<(Kind, Region)> {
    let (major, minor) = version.trim().split_once('.')?;
    let kind = match major {
        "2" => Kind::Cognito,
        "3" => Kind::Lwa,
        _ => return None,
    };
    let region = match minor {
        "1" => Region::NorthAmerica,
        "2" => Region::Europe,
        "3" => Region::FarEast,
        _ => return None,
    };
    Some((kind, region))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_config_is_valid() {
        let demo = SandboxConfig::demo();
        assert!(demo.credentials.len() >= 3);
        assert!(!demo.paapi_keys.is_empty());
    }

    #[test]
    fn bad_configs_name_the_field() {
        let err = SandboxConfig::from_json(
            r#"{"credentials":[{"id":"a","secret":"b","version":"2.9","partner_tags":["x-21"]}]}"#,
        )
        .unwrap_err();
        assert!(err.0.contains("credentials[0]: version"), "{err}");
        let err = SandboxConfig::from_json(
            r#"{"credentials":[{"id":"a","secret":"b","version":"2.2","marketplaces":["US"],"partner_tags":["x-21"]}]}"#,
        )
        .unwrap_err();
        assert!(err.0.contains("region NA"), "{err}");
        let err = SandboxConfig::from_json(r#"{"settings":{"rps":-1}}"#).unwrap_err();
        assert!(err.0.contains("rps"), "{err}");
        assert!(SandboxConfig::from_json(r#"{"nope":1}"#).is_err());
    }

    #[test]
    fn settings_patch_keeps_other_fields() {
        let s = Settings::default();
        let p = s
            .patched(&serde_json::json!({"rps": 5, "outage": true}))
            .unwrap();
        assert_eq!(p.rps, 5.0);
        assert!(p.outage);
        assert_eq!(p.token_ttl_secs, 3600);
        assert!(s.patched(&serde_json::json!({"rsp": 5})).is_err());
        assert!(
            s.patched(&serde_json::json!({"error_status": 404}))
                .is_err()
        );
        assert!(s.patched(&serde_json::json!([1])).is_err());
        // A PHP client sends an empty map as [].
        let q = s
            .patched(&serde_json::json!({"daily_quota": 8640, "daily_quotas": {"A": 3}}))
            .unwrap();
        assert_eq!((q.daily_quota_of("A"), q.daily_quota_of("B")), (3, 8640));
        let q = q.patched(&serde_json::json!({"daily_quotas": []})).unwrap();
        assert_eq!(q.daily_quota_of("A"), 8640);
        assert!(
            s.patched(&serde_json::json!({"daily_quotas": [1]}))
                .is_err()
        );
    }

    #[test]
    fn versions_parse() {
        assert_eq!(parse_version("2.2"), Some((Kind::Cognito, Region::Europe)));
        assert_eq!(parse_version("3.3"), Some((Kind::Lwa, Region::FarEast)));
        assert_eq!(parse_version("4.1"), None);
        assert_eq!(parse_version("3"), None);
    }
}
