//! PA-API 5.0 requests: the JSON body of each operation and its AWS SigV4 signature.
//!
//! Every builder takes the credentials, validated parameters, the current time (Unix seconds)
//! and the [`ApiBase`], and returns signed [`HttpRequest`]s for the caller to send:
//! `POST https://{paapi_host}{paapi_path}` with the headers `content-encoding: amz-1.0`,
//! `content-type: application/json; charset=utf-8`, `host`, `x-amz-date`, `x-amz-target` and
//! `Authorization` (service `ProductAdvertisingAPI`, the marketplace's AWS region). With an
//! override base the URL points at the stand-in, while the signed `host` header stays the
//! real Amazon host so the stand-in can verify the signature.

use serde_json::{Map, Value, json};

use crate::credential::PaapiCredentials;
use crate::date::AmzDate;
use crate::field_error::FieldErrors;
use crate::http::{ApiBase, HttpRequest, Method};
use crate::operation::Operation;
use crate::params::{
    GetBrowseNodesParams, GetItemsParams, GetVariationsParams, OperationParams, SearchItemsParams,
};
use crate::secret::Secret;
use crate::sigv4::{
    SigV4Error, SigV4Params, SigV4Request, SigV4Signature, SigningSettings, sign_v4,
};

/// The service name PA-API 5.0 signs with.
pub(crate) const PAAPI_SERVICE: &str = "ProductAdvertisingAPI";
/// `content-encoding` of every PA-API 5.0 request.
pub(crate) const PAAPI_CONTENT_ENCODING: &str = "amz-1.0";
/// `content-type` of every PA-API 5.0 request.
pub(crate) const PAAPI_CONTENT_TYPE: &str = "application/json; charset=utf-8";
/// `PartnerType` of every PA-API 5.0 request.
pub(crate) const PAAPI_PARTNER_TYPE: &str = "Associates";

/// Why a PA-API 5.0 request could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PaapiRequestError {
    /// Parameters or credentials failed validation; each error names its field.
    #[error("{0}")]
    InvalidParams(FieldErrors),
    /// The request could not be signed (bad access key, region, time...).
    #[error("the PA-API request cannot be signed: {0}")]
    Signing(#[from] SigV4Error),
}

impl From<FieldErrors> for PaapiRequestError {
    fn from(e: FieldErrors) -> Self {
        PaapiRequestError::InvalidParams(e)
    }
}

/// A signed PA-API request together with the signing stages that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaapiSignedRequest {
    /// The request to send.
    pub request: HttpRequest,
    /// Canonical request, string to sign, signature.
    pub signing: SigV4Signature,
}

/// Signs `body` as a PA-API 5.0 `operation` request for the credentials' marketplace at
/// `date`. Every builder goes through here; it is public so that a known example (body,
/// time, keys) can be checked stage by stage.
pub fn paapi_signed_request(
    credentials: &PaapiCredentials,
    operation: Operation,
    body: String,
    date: AmzDate,
    base: &ApiBase,
) -> Result<PaapiSignedRequest, SigV4Error> {
    let info = credentials.marketplace.info();
    let host = info.paapi_host;
    let path = operation.paapi_path();
    let amz_date = date.to_string();
    let mut headers: Vec<(String, String)> = vec![
        ("content-encoding".into(), PAAPI_CONTENT_ENCODING.into()),
        ("content-type".into(), PAAPI_CONTENT_TYPE.into()),
        ("host".into(), host.into()),
        ("x-amz-date".into(), amz_date),
        ("x-amz-target".into(), operation.paapi_target().into()),
    ];
    let header_refs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    // Always signed against the real Amazon URL: the override only changes where it is sent.
    let signed_url = ApiBase::Amazon.url(host, path);
    let signing = sign_v4(
        &SigV4Request {
            method: Method::Post.as_str(),
            url: &signed_url,
            headers: &header_refs,
            body: body.as_bytes(),
        },
        &SigV4Params {
            access_key: credentials.access_key.trim(),
            secret_key: &Secret::new(credentials.secret_key.expose().trim()),
            session_token: None,
            region: info.paapi_region,
            service: PAAPI_SERVICE,
            date,
            settings: SigningSettings::default(),
        },
    )?;
    headers.extend(signing.headers_to_add.iter().cloned());
    Ok(PaapiSignedRequest {
        request: HttpRequest {
            method: Method::Post,
            url: base.url(host, path),
            headers,
            body,
        },
        signing,
    })
}

/// GetItems: one signed request per 10 ASINs, in order.
pub fn paapi_get_items(
    credentials: &PaapiCredentials,
    params: &GetItemsParams,
    now: i64,
    base: &ApiBase,
) -> Result<Vec<HttpRequest>, PaapiRequestError> {
    let params = params.clone().validate()?;
    params
        .batches()
        .iter()
        .map(|batch| {
            let mut body = common_body(credentials)?;
            let ids: Vec<&str> = batch.asins.iter().map(|a| a.as_str()).collect();
            body.insert("ItemIds".into(), json!(ids));
            body.insert("ItemIdType".into(), json!("ASIN"));
            put(&mut body, "Condition", batch.condition.map(|c| c.as_str()));
            preferences(
                &mut body,
                batch.language.as_deref(),
                batch.currency.as_deref(),
            );
            body.insert("Resources".into(), json!(batch.paapi_resources()));
            sign(credentials, Operation::GetItems, body, now, base)
        })
        .collect()
}

/// SearchItems: one signed request for one page of results.
pub fn paapi_search_items(
    credentials: &PaapiCredentials,
    params: &SearchItemsParams,
    now: i64,
    base: &ApiBase,
) -> Result<HttpRequest, PaapiRequestError> {
    let p = params.clone().validate()?;
    let mut body = common_body(credentials)?;
    for (key, value) in [
        ("Keywords", &p.keywords),
        ("Actor", &p.actor),
        ("Artist", &p.artist),
        ("Author", &p.author),
        ("Brand", &p.brand),
        ("Title", &p.title),
        ("BrowseNodeId", &p.browse_node_id),
        ("SearchIndex", &p.search_index),
    ] {
        put(&mut body, key, value.as_deref());
    }
    put(&mut body, "ItemPage", p.item_page);
    put(&mut body, "ItemCount", p.item_count);
    put(&mut body, "SortBy", p.sort_by.map(|s| s.as_str()));
    put(
        &mut body,
        "Availability",
        p.availability.map(|a| a.as_str()),
    );
    put(&mut body, "Condition", p.condition.map(|c| c.as_str()));
    if !p.delivery_flags.is_empty() {
        let flags: Vec<&str> = p.delivery_flags.iter().map(|f| f.as_str()).collect();
        body.insert("DeliveryFlags".into(), json!(flags));
    }
    put(&mut body, "MinPrice", p.min_price);
    put(&mut body, "MaxPrice", p.max_price);
    put(&mut body, "MinReviewsRating", p.min_reviews_rating);
    put(&mut body, "MinSavingPercent", p.min_saving_percent);
    preferences(&mut body, p.language.as_deref(), p.currency.as_deref());
    body.insert("Resources".into(), json!(p.paapi_resources()));
    sign(credentials, Operation::SearchItems, body, now, base)
}

/// GetVariations: one signed request for one page of variations.
pub fn paapi_get_variations(
    credentials: &PaapiCredentials,
    params: &GetVariationsParams,
    now: i64,
    base: &ApiBase,
) -> Result<HttpRequest, PaapiRequestError> {
    let p = params.clone().validate()?;
    let mut body = common_body(credentials)?;
    body.insert("ASIN".into(), json!(p.asin.as_str()));
    put(&mut body, "VariationPage", p.variation_page);
    put(&mut body, "VariationCount", p.variation_count);
    put(&mut body, "Condition", p.condition.map(|c| c.as_str()));
    preferences(&mut body, p.language.as_deref(), p.currency.as_deref());
    body.insert("Resources".into(), json!(p.paapi_resources()));
    sign(credentials, Operation::GetVariations, body, now, base)
}

/// GetBrowseNodes: one signed request for up to 10 browse nodes.
pub fn paapi_get_browse_nodes(
    credentials: &PaapiCredentials,
    params: &GetBrowseNodesParams,
    now: i64,
    base: &ApiBase,
) -> Result<HttpRequest, PaapiRequestError> {
    let p = params.clone().validate()?;
    let mut body = common_body(credentials)?;
    body.insert("BrowseNodeIds".into(), json!(p.browse_node_ids));
    preferences(&mut body, p.language.as_deref(), None);
    body.insert("Resources".into(), json!(p.paapi_resources()));
    sign(credentials, Operation::GetBrowseNodes, body, now, base)
}

/// The signed requests for any operation (GetItems may need several), as the bindings call it.
pub fn paapi_requests(
    credentials: &PaapiCredentials,
    params: &OperationParams,
    now: i64,
    base: &ApiBase,
) -> Result<Vec<HttpRequest>, PaapiRequestError> {
    Ok(match params {
        OperationParams::GetItems(p) => paapi_get_items(credentials, p, now, base)?,
        OperationParams::SearchItems(p) => vec![paapi_search_items(credentials, p, now, base)?],
        OperationParams::GetVariations(p) => {
            vec![paapi_get_variations(credentials, p, now, base)?]
        }
        OperationParams::GetBrowseNodes(p) => {
            vec![paapi_get_browse_nodes(credentials, p, now, base)?]
        }
    })
}

/// `PartnerTag`, `PartnerType` and `Marketplace`, after checking the credentials are filled in.
fn common_body(credentials: &PaapiCredentials) -> Result<Map<String, Value>, PaapiRequestError> {
    let mut errors = FieldErrors::new();
    if credentials.access_key.trim().is_empty() {
        errors.push(
            "access_key",
            "Enter the PA-API access key (it starts with AKIA) in the PA API settings.",
        );
    }
    if credentials.secret_key.expose().trim().is_empty() {
        errors.push(
            "secret_key",
            "Enter the PA-API secret key in the PA API settings.",
        );
    }
    let tag = credentials.partner_tag.trim();
    if tag.is_empty() {
        errors.push(
            "partner_tag",
            "Enter the partner tag (tracking ID, for example mysite-21) in the PA API settings.",
        );
    }
    let body = errors.into_result(Map::new())?;
    let mut body = body;
    body.insert("PartnerTag".into(), json!(tag));
    body.insert("PartnerType".into(), json!(PAAPI_PARTNER_TYPE));
    body.insert(
        "Marketplace".into(),
        json!(credentials.marketplace.info().host),
    );
    Ok(body)
}

fn put<T: Into<Value>>(body: &mut Map<String, Value>, key: &str, value: Option<T>) {
    if let Some(v) = value {
        body.insert(key.to_string(), v.into());
    }
}

fn preferences(body: &mut Map<String, Value>, language: Option<&str>, currency: Option<&str>) {
    if let Some(lang) = language {
        body.insert("LanguagesOfPreference".into(), json!([lang]));
    }
    put(body, "CurrencyOfPreference", currency);
}

fn sign(
    credentials: &PaapiCredentials,
    operation: Operation,
    body: Map<String, Value>,
    now: i64,
    base: &ApiBase,
) -> Result<HttpRequest, PaapiRequestError> {
    let date = AmzDate::from_unix_seconds(now).map_err(SigV4Error::from)?;
    let body = Value::Object(body).to_string();
    Ok(paapi_signed_request(credentials, operation, body, date, base)?.request)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asin::Asin;
    use crate::date::DateError;
    use crate::marketplace::Marketplace;

    fn creds(m: Marketplace) -> PaapiCredentials {
        PaapiCredentials {
            marketplace: m,
            access_key: "AKIAIOSFODNN7EXAMPLE".into(),
            secret_key: Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            partner_tag: "mysite-22".into(),
        }
    }

    #[test]
    fn scope_follows_the_marketplace() {
        let p = GetItemsParams::new(vec![Asin::parse("B08N5WRWNW").unwrap()]);
        let reqs =
            paapi_get_items(&creds(Marketplace::JP), &p, 1_700_000_000, &ApiBase::Amazon).unwrap();
        let r = &reqs[0];
        assert_eq!(r.url, "https://webservices.amazon.co.jp/paapi5/getitems");
        let authz = r.header("authorization").unwrap();
        assert!(
            authz.contains("/20231114/us-west-2/ProductAdvertisingAPI/aws4_request"),
            "{authz}"
        );
        let body: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(body["Marketplace"], "www.amazon.co.jp");
    }

    #[test]
    fn missing_credentials_are_field_errors() {
        let mut c = creds(Marketplace::DE);
        c.partner_tag = " ".into();
        c.secret_key = Secret::new("");
        let p = GetBrowseNodesParams::new(vec!["123".into()]);
        let Err(PaapiRequestError::InvalidParams(e)) =
            paapi_get_browse_nodes(&c, &p, 0, &ApiBase::Amazon)
        else {
            panic!("expected field errors");
        };
        assert_eq!(e.for_field("partner_tag").count(), 1);
        assert_eq!(e.for_field("secret_key").count(), 1);
        let bad_time =
            paapi_get_browse_nodes(&creds(Marketplace::DE), &p, i64::MAX, &ApiBase::Amazon);
        assert!(matches!(
            bad_time,
            Err(PaapiRequestError::Signing(SigV4Error::Date(
                DateError::OutOfRange(_)
            )))
        ));
    }
}
