//! asa2-core for JavaScript: the browser (the plugin's setup forms) and Node.
//!
//! Every export checks its arguments itself, so a wrong type from JavaScript (`null`, a number,
//! an object where a string belongs) is answered with an `Asa2Error`, never a trap. Errors are
//! JavaScript `Error` objects whose `name` is `Asa2Error` and which carry `kind`
//! (`"validation"`, `"argument"` or `"internal"`) and, for validation errors, `errors`: an
//! object mapping each field name to its messages.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod convert;
mod error;

use asa2_core::{
    ApiVersion, CredentialKind, Detected, FieldErrors, MARKETPLACES, Marketplace, MarketplaceInfo,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{string_arg, to_js};
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

#[derive(Serialize)]
struct MarketplaceView<'a> {
    code: &'a str,
    country: &'a str,
    host: &'a str,
    domain: &'a str,
    region: &'a str,
    currency: &'a str,
    language: &'a str,
    associates_url: &'a str,
    paapi_host: &'a str,
    paapi_region: &'a str,
    tag_suffix: &'a str,
    versions: Versions,
}

#[derive(Serialize)]
struct Versions {
    cognito: String,
    lwa: String,
}

fn view(m: &MarketplaceInfo) -> MarketplaceView<'_> {
    MarketplaceView {
        code: m.code,
        country: m.country,
        host: m.host,
        domain: m.domain(),
        region: m.region.code(),
        currency: m.currency,
        language: m.language,
        associates_url: m.associates_url,
        paapi_host: m.paapi_host,
        paapi_region: m.paapi_region,
        tag_suffix: m.tag_suffix,
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
    let detected = match Detected::from_credentials(&id, &secret) {
        Detected::Lwa => "lwa",
        Detected::Cognito => "cognito",
        Detected::Unknown => "unknown",
    };
    Ok(detected.to_string())
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
    #[derive(Serialize)]
    struct KindView {
        id: &'static str,
        label: &'static str,
        description: &'static str,
        major: u8,
    }
    let kinds: Vec<_> = CredentialKind::ALL
        .iter()
        .map(|k| KindView {
            id: k.id(),
            label: k.label(),
            description: k.description(),
            major: k.version_major(),
        })
        .collect();
    Ok(to_js(&kinds)?)
}
