//! asa2-core for JavaScript: the browser (the plugin's setup forms) and Node.
//!
//! Every export checks its arguments itself, so a wrong type from JavaScript (`null`, a number,
//! an object where a string belongs) is answered with an `Asa2Error`, never a trap. Errors are
//! JavaScript `Error` objects whose `name` is `Asa2Error` and which carry `kind`
//! (`"validation"`, `"argument"` or `"internal"`) and, for validation errors, `errors`: an
//! object mapping each field name to its messages, and `details`: the same messages as a list of
//! `{field, code, params, message}` (the codes of the core's `messages` catalogue, which the PHP
//! extension lists as `Asa2\Messages::all()`) for callers that show them in another language.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod convert;
mod error;

use std::collections::BTreeMap;

use asa2_core::{
    ApiVersion, Asin, COUNTRY_STORES, CredentialKind, Detected, FieldErrors, MARKETPLACES,
    Marketplace, MarketplaceConfigInput, MarketplaceInfo, PartnerTag,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{form_field, object_arg, string_arg, to_js};
use crate::error::{Asa2Error, field_error};

/// Installs the panic hook. Runs once when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    error::install_panic_hook();
}

/// The version of asa2-core in this build.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// A marketplace with the API version of each credential kind.
#[derive(Serialize)]
struct MarketplaceView {
    #[serde(flatten)]
    info: &'static MarketplaceInfo,
    versions: Versions,
}

#[derive(Serialize)]
struct Versions {
    cognito: String,
    lwa: String,
}

fn view(m: &'static MarketplaceInfo) -> MarketplaceView {
    MarketplaceView {
        info: m,
        versions: Versions {
            cognito: ApiVersion::new(CredentialKind::Cognito, m.region).to_string(),
            lwa: ApiVersion::new(CredentialKind::Lwa, m.region).to_string(),
        },
    }
}

fn marketplace_arg(value: &JsValue, field: &str) -> Result<Marketplace, Asa2Error> {
    let input = string_arg(value, field)?;
    Marketplace::lookup(&input).map_err(|e| field_error(field, e.to_string()))
}

fn kind_arg(value: &JsValue, field: &str) -> Result<CredentialKind, Asa2Error> {
    let input = string_arg(value, field)?;
    input
        .parse::<CredentialKind>()
        .map_err(|e| field_error(field, e.to_string()))
}

/// Every marketplace, in the order the setup screens list them, with its facts and the API
/// version of each credential kind (`versions.cognito`, `versions.lwa`).
#[wasm_bindgen]
pub fn marketplaces() -> Result<JsValue, JsValue> {
    let all: Vec<_> = MARKETPLACES.iter().map(view).collect();
    Ok(to_js(&all)?)
}

/// The country table: every country a visitor may be sent to another store for (ISO code), with
/// its stores (marketplace codes) in order of preference, as the plugin's page script gets it.
#[wasm_bindgen(js_name = countryStores)]
pub fn country_stores() -> Result<JsValue, JsValue> {
    let table: std::collections::BTreeMap<&str, Vec<&str>> = COUNTRY_STORES
        .iter()
        .map(|c| (c.country, c.stores.iter().map(|m| m.code()).collect()))
        .collect();
    Ok(to_js(&table)?)
}

/// One marketplace by code (`DE`), store host (`www.amazon.de`) or domain (`amazon.de`).
#[wasm_bindgen]
pub fn marketplace(code_host_or_domain: JsValue) -> Result<JsValue, JsValue> {
    let m = marketplace_arg(&code_host_or_domain, "marketplace")?;
    Ok(to_js(&view(m.info()))?)
}

/// The Associates Central URL of a marketplace, where its credentials are created.
#[wasm_bindgen(js_name = associatesUrl)]
pub fn associates_url(marketplace: JsValue) -> Result<String, JsValue> {
    Ok(marketplace_arg(&marketplace, "marketplace")?
        .info()
        .associates_url
        .to_string())
}

/// The API version for a credential kind (`cognito`, `lwa` or a label) and a marketplace.
#[wasm_bindgen(js_name = apiVersion)]
pub fn api_version(kind: JsValue, marketplace: JsValue) -> Result<String, JsValue> {
    let kind = string_arg(&kind, "kind")?;
    let marketplace = string_arg(&marketplace, "marketplace")?;
    let mut errors = FieldErrors::new();
    let kind = kind
        .parse::<CredentialKind>()
        .map_err(|e| errors.push("kind", e.to_string()));
    let marketplace =
        Marketplace::lookup(&marketplace).map_err(|e| errors.push("marketplace", e.to_string()));
    match (kind, marketplace) {
        (Ok(k), Ok(m)) => Ok(ApiVersion::for_marketplace(k, m).to_string()),
        _ => Err(Asa2Error::validation(errors).into()),
    }
}

/// What pasted credentials look like: `"lwa"`, `"cognito"` or `"unknown"`.
#[wasm_bindgen(js_name = detectKind)]
pub fn detect_kind(credential_id: JsValue, credential_secret: JsValue) -> Result<String, JsValue> {
    let id = string_arg(&credential_id, "credential_id")?;
    let secret = string_arg(&credential_secret, "credential_secret")?;
    Ok(Detected::from_credentials(&id, &secret).id().to_string())
}

/// A warning when the chosen kind contradicts what the credentials look like, else `null`.
#[wasm_bindgen(js_name = mismatchWarning)]
pub fn mismatch_warning(
    kind: JsValue,
    credential_id: JsValue,
    credential_secret: JsValue,
) -> Result<Option<String>, JsValue> {
    let kind = kind_arg(&kind, "kind")?;
    let id = string_arg(&credential_id, "credential_id")?;
    let secret = string_arg(&credential_secret, "credential_secret")?;
    Ok(Detected::from_credentials(&id, &secret).mismatch_warning(kind))
}

/// Both credential kinds with their labels and the guide's explanation.
#[wasm_bindgen(js_name = credentialKinds)]
pub fn credential_kinds() -> Result<JsValue, JsValue> {
    let kinds: Vec<_> = CredentialKind::ALL.iter().map(|k| k.info()).collect();
    Ok(to_js(&kinds)?)
}

/// Field messages grouped by field, as JavaScript objects show them.
fn by_field(messages: &FieldErrors) -> BTreeMap<&str, Vec<&str>> {
    let mut map: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for m in messages.iter() {
        map.entry(m.field.as_str()).or_default().push(&m.message);
    }
    map
}

/// Validates one "Add Marketplace" form (`{marketplace, kind, credential_id, credential_secret,
/// partner_tag, enabled, default}`; strings, numbers, booleans or null). Returns the normalized
/// configuration without the secret and the warnings by field; throws an `Asa2Error` of kind
/// `validation` with every field error at once.
#[wasm_bindgen(js_name = validateConfig)]
pub fn validate_config(input: JsValue) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct ConfigView<'a> {
        marketplace: &'a str,
        kind: &'a str,
        api_version: String,
        credential_id: &'a str,
        partner_tag: &'a str,
        masked_partner_tag: String,
        enabled: bool,
        default: bool,
    }
    #[derive(Serialize)]
    struct Answer<'a> {
        config: ConfigView<'a>,
        warnings: BTreeMap<&'a str, Vec<&'a str>>,
        warning_details: &'a FieldErrors,
    }
    let form = object_arg(&input, "input")?;
    let input = MarketplaceConfigInput {
        marketplace: form_field(&form, "marketplace")?,
        kind: form_field(&form, "kind")?,
        credential_id: form_field(&form, "credential_id")?,
        credential_secret: form_field(&form, "credential_secret")?,
        partner_tag: form_field(&form, "partner_tag")?,
        enabled: form_field(&form, "enabled")?,
        default: form_field(&form, "default")?,
    };
    let validated = input.validate().map_err(Asa2Error::validation)?;
    let config = &validated.value;
    let answer = Answer {
        config: ConfigView {
            marketplace: config.marketplace().code(),
            kind: config.kind().id(),
            api_version: config.api_version().to_string(),
            credential_id: &config.credentials.credential_id,
            partner_tag: &config.credentials.partner_tag,
            masked_partner_tag: config.masked_partner_tag(),
            enabled: config.enabled,
            default: config.default,
        },
        warnings: by_field(&validated.warnings),
        warning_details: &validated.warnings,
    };
    Ok(to_js(&answer)?)
}

/// A partner tag partially hidden for tables: `mysite-21` -> `my****-21`.
#[wasm_bindgen(js_name = maskPartnerTag)]
pub fn mask_partner_tag(tag: JsValue) -> Result<String, JsValue> {
    Ok(PartnerTag::mask(&string_arg(&tag, "partner_tag")?))
}

/// Checks a partner tag for a marketplace: `{tag, warnings}` (the trimmed tag and the warnings
/// by field), or an `Asa2Error` with the errors under `partner_tag`.
#[wasm_bindgen(js_name = checkPartnerTag)]
pub fn check_partner_tag(tag: JsValue, marketplace: JsValue) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Answer<'a> {
        tag: &'a str,
        warnings: BTreeMap<&'a str, Vec<&'a str>>,
        warning_details: &'a FieldErrors,
    }
    let tag = string_arg(&tag, "partner_tag")?;
    let marketplace = marketplace_arg(&marketplace, "marketplace")?;
    let checked =
        PartnerTag::check(&tag, marketplace, "partner_tag").map_err(Asa2Error::validation)?;
    Ok(to_js(&Answer {
        tag: checked.value.as_str(),
        warnings: by_field(&checked.warnings),
        warning_details: &checked.warnings,
    })?)
}

/// Reads an ASIN or an Amazon product URL of any marketplace: `{asin, marketplace}` where
/// `marketplace` is the code the URL names, or `null` for a bare ASIN.
#[wasm_bindgen(js_name = parseProductInput)]
pub fn parse_product_input(input: JsValue) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Answer<'a> {
        asin: &'a str,
        marketplace: Option<&'a str>,
    }
    let input = string_arg(&input, "asin")?;
    let (asin, marketplace) =
        asa2_core::parse_product_input(&input).map_err(Asa2Error::validation)?;
    Ok(to_js(&Answer {
        asin: asin.as_str(),
        marketplace: marketplace.map(|m| m.code()),
    })?)
}

/// Whether `input` is a well-formed ASIN.
#[wasm_bindgen(js_name = isValidAsin)]
pub fn is_valid_asin(input: JsValue) -> Result<bool, JsValue> {
    Ok(Asin::is_valid(&string_arg(&input, "asin")?))
}
