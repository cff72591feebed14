//! Creators API requests for the four catalog operations.
//!
//! Every builder takes the marketplace's credentials, a valid access token (see
//! [`token_request`](crate::token_request)), the operation's parameters and the [`ApiBase`], and
//! returns the request(s) to send:
//!
//! ```text
//! POST https://creatorsapi.amazon/catalog/v1/getItems
//! Authorization: Bearer <token>, Version 2.2      (LWA, 3.x: "Bearer <token>")
//! x-marketplace: www.amazon.de
//! Content-Type: application/json; charset=utf-8
//! Accept: application/json
//! User-Agent: asa2-creators/<version>
//!
//! {"partnerTag":"mysite-21","itemIds":["B08N5WRWNW"],"resources":[...],"marketplace":"www.amazon.de"}
//! ```
//!
//! Failed answers are read with [`ApiError::from_creators`](crate::ApiError::from_creators);
//! successful ones by the normalizer.

use serde::Serialize;

use crate::credential::{CreatorsCredentials, CredentialKind};
use crate::field_error::FieldErrors;
use crate::http::{ApiBase, HttpRequest, Method};
use crate::operation::Operation;
use crate::params::{
    Condition, GetBrowseNodesParams, GetItemsParams, GetVariationsParams, OperationParams,
    SearchItemsParams,
};
use crate::token::USER_AGENT;

/// Host of the Creators API.
pub(crate) const CREATORS_API_HOST: &str = "creatorsapi.amazon";
/// `Content-Type` of every Creators API request.
pub(crate) const CREATORS_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// The `Authorization` value for `access_token`: `Bearer <token>, Version 2.x` for Cognito
/// credentials, `Bearer <token>` for LWA credentials.
pub(crate) fn creators_authorization(
    credentials: &CreatorsCredentials,
    access_token: &str,
) -> String {
    let token = access_token.trim();
    match credentials.kind {
        CredentialKind::Cognito => {
            format!("Bearer {token}, Version {}", credentials.api_version())
        }
        CredentialKind::Lwa => format!("Bearer {token}"),
    }
}

/// GetItems: one request per 10 ASINs, in order.
pub fn creators_get_items(
    credentials: &CreatorsCredentials,
    access_token: &str,
    params: &GetItemsParams,
    base: &ApiBase,
) -> Result<Vec<HttpRequest>, FieldErrors> {
    let p = checked(credentials, access_token, params.clone().validate(), |p| {
        p.condition
    })?;
    let resources = p.creators_resources();
    let tag = credentials.partner_tag.trim();
    let marketplace = credentials.marketplace.host();
    p.batches()
        .iter()
        .map(|batch| {
            let body = GetItemsBody {
                partner_tag: tag,
                item_ids: batch.asins.iter().map(|a| a.as_str()).collect(),
                resources: &resources,
                condition: batch.condition.map(|c| c.as_str()),
                currency_of_preference: batch.currency.as_deref(),
                languages_of_preference: languages(&batch.language),
                marketplace,
            };
            Ok(request(
                credentials,
                access_token,
                Operation::GetItems,
                json(&body)?,
                base,
            ))
        })
        .collect()
}

/// SearchItems: one request for one page of results.
pub fn creators_search_items(
    credentials: &CreatorsCredentials,
    access_token: &str,
    params: &SearchItemsParams,
    base: &ApiBase,
) -> Result<HttpRequest, FieldErrors> {
    let p = checked(credentials, access_token, params.clone().validate(), |p| {
        p.condition
    })?;
    let resources = p.creators_resources();
    let body = SearchItemsBody {
        partner_tag: credentials.partner_tag.trim(),
        keywords: p.keywords.as_deref(),
        actor: p.actor.as_deref(),
        artist: p.artist.as_deref(),
        author: p.author.as_deref(),
        brand: p.brand.as_deref(),
        title: p.title.as_deref(),
        browse_node_id: p.browse_node_id.as_deref(),
        search_index: p.search_index.as_deref(),
        item_page: p.item_page,
        item_count: p.item_count,
        sort_by: p.sort_by.map(|s| s.as_str()),
        availability: p.availability.map(|a| a.as_str()),
        condition: p.condition.map(|c| c.as_str()),
        delivery_flags: p.delivery_flags.iter().map(|f| f.as_str()).collect(),
        min_price: p.min_price,
        max_price: p.max_price,
        min_reviews_rating: p.min_reviews_rating,
        min_saving_percent: p.min_saving_percent,
        currency_of_preference: p.currency.as_deref(),
        languages_of_preference: languages(&p.language),
        resources: &resources,
        marketplace: credentials.marketplace.host(),
    };
    Ok(request(
        credentials,
        access_token,
        Operation::SearchItems,
        json(&body)?,
        base,
    ))
}

/// GetVariations: one request for one page of variations.
pub fn creators_get_variations(
    credentials: &CreatorsCredentials,
    access_token: &str,
    params: &GetVariationsParams,
    base: &ApiBase,
) -> Result<HttpRequest, FieldErrors> {
    let p = checked(credentials, access_token, params.clone().validate(), |p| {
        p.condition
    })?;
    let resources = p.creators_resources();
    let body = GetVariationsBody {
        partner_tag: credentials.partner_tag.trim(),
        asin: p.asin.as_str(),
        variation_page: p.variation_page,
        variation_count: p.variation_count,
        condition: p.condition.map(|c| c.as_str()),
        currency_of_preference: p.currency.as_deref(),
        languages_of_preference: languages(&p.language),
        resources: &resources,
        marketplace: credentials.marketplace.host(),
    };
    Ok(request(
        credentials,
        access_token,
        Operation::GetVariations,
        json(&body)?,
        base,
    ))
}

/// GetBrowseNodes: one request for up to 10 browse nodes.
pub fn creators_get_browse_nodes(
    credentials: &CreatorsCredentials,
    access_token: &str,
    params: &GetBrowseNodesParams,
    base: &ApiBase,
) -> Result<HttpRequest, FieldErrors> {
    let p = checked(credentials, access_token, params.clone().validate(), |_| {
        None
    })?;
    let resources = p.creators_resources();
    let body = GetBrowseNodesBody {
        partner_tag: credentials.partner_tag.trim(),
        browse_node_ids: p.browse_node_ids.iter().map(String::as_str).collect(),
        languages_of_preference: languages(&p.language),
        resources: &resources,
        marketplace: credentials.marketplace.host(),
    };
    Ok(request(
        credentials,
        access_token,
        Operation::GetBrowseNodes,
        json(&body)?,
        base,
    ))
}

/// The requests for any operation (GetItems may need several), as the bindings call it.
pub fn creators_requests(
    credentials: &CreatorsCredentials,
    access_token: &str,
    params: &OperationParams,
    base: &ApiBase,
) -> Result<Vec<HttpRequest>, FieldErrors> {
    Ok(match params {
        OperationParams::GetItems(p) => creators_get_items(credentials, access_token, p, base)?,
        OperationParams::SearchItems(p) => {
            vec![creators_search_items(credentials, access_token, p, base)?]
        }
        OperationParams::GetVariations(p) => {
            vec![creators_get_variations(credentials, access_token, p, base)?]
        }
        OperationParams::GetBrowseNodes(p) => {
            vec![creators_get_browse_nodes(
                credentials,
                access_token,
                p,
                base,
            )?]
        }
    })
}

/// The validated parameters, after checking what the Creators API needs beyond them: a token,
/// a partner tag, and a condition it supports.
fn checked<P>(
    credentials: &CreatorsCredentials,
    access_token: &str,
    validated: Result<P, FieldErrors>,
    condition: impl Fn(&P) -> Option<Condition>,
) -> Result<P, FieldErrors> {
    let mut errors = FieldErrors::new();
    if access_token.trim().is_empty() {
        errors.push(
            "access_token",
            "No access token: request one with the marketplace's credentials first.",
        );
    } else if access_token.trim().contains(|c: char| c.is_control()) {
        errors.push(
            "access_token",
            "The access token contains control characters: request a new one.",
        );
    }
    if credentials.partner_tag.trim().is_empty() {
        errors.push(
            "partner_tag",
            "Enter the partner tag (tracking ID, for example mysite-21) in the marketplace settings.",
        );
    }
    let params = match validated {
        Ok(p) => Some(p),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    if let Some(c) = params.as_ref().and_then(&condition)
        && !c.in_creators_api()
    {
        errors.push(
            "condition",
            format!(
                "The Creators API offers only the conditions Any and New, not {c}: choose one of those."
            ),
        );
    }
    match params {
        Some(p) if errors.is_empty() => Ok(p),
        _ => Err(errors),
    }
}

fn languages(language: &Option<String>) -> Option<[&str; 1]> {
    language.as_deref().map(|l| [l])
}

fn json<T: Serialize>(body: &T) -> Result<String, FieldErrors> {
    serde_json::to_string(body).map_err(|e| {
        FieldErrors::single(
            "params",
            format!("The request body cannot be written: {e}."),
        )
    })
}

fn request(
    credentials: &CreatorsCredentials,
    access_token: &str,
    operation: Operation,
    body: String,
    base: &ApiBase,
) -> HttpRequest {
    HttpRequest {
        method: Method::Post,
        url: base.url(CREATORS_API_HOST, operation.creators_path()),
        headers: vec![
            (
                "Authorization".into(),
                creators_authorization(credentials, access_token),
            ),
            (
                "x-marketplace".into(),
                credentials.marketplace.host().into(),
            ),
            ("Content-Type".into(), CREATORS_CONTENT_TYPE.into()),
            ("Accept".into(), "application/json".into()),
            ("User-Agent".into(), USER_AGENT.into()),
        ],
        body,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GetItemsBody<'a> {
    partner_tag: &'a str,
    item_ids: Vec<&'a str>,
    resources: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    condition: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency_of_preference: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    languages_of_preference: Option<[&'a str; 1]>,
    marketplace: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SearchItemsBody<'a> {
    partner_tag: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    keywords: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actor: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    artist: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    brand: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    browse_node_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    search_index: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    item_page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    item_count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort_by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    availability: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    condition: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    delivery_flags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_price: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_price: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_reviews_rating: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_saving_percent: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency_of_preference: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    languages_of_preference: Option<[&'a str; 1]>,
    resources: &'a [String],
    marketplace: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GetVariationsBody<'a> {
    partner_tag: &'a str,
    asin: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    variation_page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    variation_count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    condition: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency_of_preference: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    languages_of_preference: Option<[&'a str; 1]>,
    resources: &'a [String],
    marketplace: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GetBrowseNodesBody<'a> {
    partner_tag: &'a str,
    browse_node_ids: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    languages_of_preference: Option<[&'a str; 1]>,
    resources: &'a [String],
    marketplace: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asin::Asin;
    use crate::marketplace::Marketplace;
    use crate::params::{DeliveryFlag, SearchAvailability, SortBy, default_resources};
    use crate::secret::Secret;
    use serde_json::{Value, json};

    fn credentials(kind: CredentialKind, marketplace: Marketplace) -> CreatorsCredentials {
        CreatorsCredentials {
            marketplace,
            kind,
            credential_id: "id".into(),
            credential_secret: Secret::new("secret"),
            partner_tag: " mysite-21 ".into(),
        }
    }

    fn body(r: &HttpRequest) -> Value {
        serde_json::from_str(&r.body).unwrap()
    }

    fn asins(n: usize) -> Vec<Asin> {
        (0..n)
            .map(|i| Asin::parse(&format!("B0000000{i:02}")).unwrap())
            .collect()
    }

    #[test]
    fn get_items_matches_the_spec_example() {
        let c = credentials(CredentialKind::Cognito, Marketplace::DE);
        let p = GetItemsParams::new(vec![Asin::parse("B0DLFMFBJW").unwrap()]);
        let rs = creators_get_items(&c, "eyJ.token", &p, &ApiBase::Amazon).unwrap();
        assert_eq!(rs.len(), 1);
        let r = &rs[0];
        assert_eq!(r.method, Method::Post);
        assert_eq!(r.url, "https://creatorsapi.amazon/catalog/v1/getItems");
        assert_eq!(
            r.header("Authorization"),
            Some("Bearer eyJ.token, Version 2.2")
        );
        assert_eq!(r.header("x-marketplace"), Some("www.amazon.de"));
        assert_eq!(
            r.header("Content-Type"),
            Some("application/json; charset=utf-8")
        );
        assert_eq!(r.header("Accept"), Some("application/json"));
        assert_eq!(r.header("User-Agent"), Some(USER_AGENT));
        let b = body(r);
        assert_eq!(b["partnerTag"], "mysite-21");
        assert_eq!(b["itemIds"], json!(["B0DLFMFBJW"]));
        assert_eq!(b["marketplace"], "www.amazon.de");
        assert_eq!(
            b["resources"],
            json!(default_resources(Operation::GetItems))
        );
        assert!(b.get("condition").is_none() && b.get("languagesOfPreference").is_none());
    }

    #[test]
    fn lwa_tokens_carry_no_version() {
        let c = credentials(CredentialKind::Lwa, Marketplace::US);
        assert_eq!(creators_authorization(&c, " tok "), "Bearer tok");
        let c = credentials(CredentialKind::Cognito, Marketplace::JP);
        assert_eq!(creators_authorization(&c, "tok"), "Bearer tok, Version 2.3");
        let c = credentials(CredentialKind::Cognito, Marketplace::CA);
        assert_eq!(creators_authorization(&c, "tok"), "Bearer tok, Version 2.1");
    }

    #[test]
    fn get_items_batches_by_ten_and_keeps_options() {
        let c = credentials(CredentialKind::Lwa, Marketplace::UK);
        let p = GetItemsParams {
            condition: Some(Condition::New),
            language: Some("en_GB".into()),
            currency: Some("GBP".into()),
            resources: Some(vec!["ItemInfo.Title".into()]),
            ..GetItemsParams::new(asins(25))
        };
        let base = ApiBase::parse(Some("http://127.0.0.1:8765")).unwrap();
        let rs = creators_get_items(&c, "t", &p, &base).unwrap();
        assert_eq!(rs.len(), 3);
        let ids: Vec<usize> = rs
            .iter()
            .map(|r| body(r)["itemIds"].as_array().unwrap().len())
            .collect();
        assert_eq!(ids, [10, 10, 5]);
        assert_eq!(body(&rs[2])["itemIds"][4], "B000000024");
        for r in &rs {
            assert_eq!(
                r.url,
                "http://127.0.0.1:8765/creatorsapi.amazon/catalog/v1/getItems"
            );
            let b = body(r);
            assert_eq!(b["condition"], "New");
            assert_eq!(b["languagesOfPreference"], json!(["en_GB"]));
            assert_eq!(b["currencyOfPreference"], "GBP");
            assert_eq!(b["resources"], json!(["itemInfo.title"]));
            assert_eq!(r.header("x-marketplace"), Some("www.amazon.co.uk"));
        }
    }

    #[test]
    fn search_items_body_is_lower_camel_case() {
        let c = credentials(CredentialKind::Cognito, Marketplace::FR);
        let p = SearchItemsParams {
            search_index: Some("Electronics".into()),
            item_page: Some(2),
            item_count: Some(10),
            sort_by: Some(SortBy::PriceLowToHigh),
            availability: Some(SearchAvailability::Available),
            delivery_flags: vec![DeliveryFlag::Prime],
            min_price: Some(1000),
            browse_node_id: Some("340843031".into()),
            min_saving_percent: Some(20),
            ..SearchItemsParams::keywords("echo dot")
        };
        let r = creators_search_items(&c, "t", &p, &ApiBase::Amazon).unwrap();
        assert_eq!(r.url, "https://creatorsapi.amazon/catalog/v1/searchItems");
        let b = body(&r);
        assert_eq!(b["keywords"], "echo dot");
        assert_eq!(b["searchIndex"], "Electronics");
        assert_eq!(b["itemPage"], 2);
        assert_eq!(b["itemCount"], 10);
        assert_eq!(b["sortBy"], "Price:LowToHigh");
        assert_eq!(b["availability"], "Available");
        assert_eq!(b["deliveryFlags"], json!(["Prime"]));
        assert_eq!(b["minPrice"], 1000);
        assert_eq!(b["browseNodeId"], "340843031");
        assert_eq!(b["minSavingPercent"], 20);
        assert_eq!(b["partnerTag"], "mysite-21");
        assert_eq!(b["marketplace"], "www.amazon.fr");
        assert!(b.get("maxPrice").is_none() && b.get("brand").is_none());
    }

    #[test]
    fn variations_and_browse_nodes() {
        let c = credentials(CredentialKind::Lwa, Marketplace::JP);
        let p = GetVariationsParams {
            variation_page: Some(2),
            variation_count: Some(5),
            ..GetVariationsParams::new(Asin::parse("B08N5WRWNW").unwrap())
        };
        let r = creators_get_variations(&c, "t", &p, &ApiBase::Amazon).unwrap();
        assert_eq!(r.url, "https://creatorsapi.amazon/catalog/v1/getVariations");
        let b = body(&r);
        assert_eq!(b["asin"], "B08N5WRWNW");
        assert_eq!(b["variationPage"], 2);
        assert_eq!(b["variationCount"], 5);
        assert!(
            b["resources"]
                .as_array()
                .unwrap()
                .contains(&json!("variationSummary.variationDimension"))
        );
        let p = GetBrowseNodesParams::new(vec!["340843031".into()]);
        let r = creators_get_browse_nodes(&c, "t", &p, &ApiBase::Amazon).unwrap();
        assert_eq!(
            r.url,
            "https://creatorsapi.amazon/catalog/v1/getBrowseNodes"
        );
        let b = body(&r);
        assert_eq!(b["browseNodeIds"], json!(["340843031"]));
        assert_eq!(
            b["resources"],
            json!(["browseNodes.ancestor", "browseNodes.children"])
        );
        assert_eq!(r.header("Authorization"), Some("Bearer t"));
    }

    #[test]
    fn refuses_what_the_creators_api_cannot_take() {
        let mut c = credentials(CredentialKind::Lwa, Marketplace::US);
        c.partner_tag = " ".into();
        let p = GetItemsParams {
            condition: Some(Condition::Used),
            ..GetItemsParams::new(asins(1))
        };
        let err = creators_get_items(&c, "", &p, &ApiBase::Amazon).unwrap_err();
        assert_eq!(err.for_field("access_token").count(), 1, "{err}");
        assert_eq!(err.for_field("partner_tag").count(), 1, "{err}");
        assert!(
            err.for_field("condition")
                .next()
                .unwrap()
                .contains("Any and New")
        );
        let err = creators_get_items(
            &credentials(CredentialKind::Lwa, Marketplace::US),
            "t\r\nX: y",
            &GetItemsParams::new(asins(1)),
            &ApiBase::Amazon,
        )
        .unwrap_err();
        assert_eq!(err.for_field("access_token").count(), 1);
        let err = creators_search_items(&c, "t", &SearchItemsParams::default(), &ApiBase::Amazon)
            .unwrap_err();
        assert_eq!(err.for_field("keywords").count(), 1);
        assert_eq!(err.for_field("partner_tag").count(), 1);
    }

    #[test]
    fn any_operation_from_json() {
        let c = credentials(CredentialKind::Cognito, Marketplace::IT);
        for (op, params, count) in [
            (
                Operation::GetItems,
                json!({"asins": (0..11).map(|i| format!("B0000000{i:02}")).collect::<Vec<_>>()}),
                2,
            ),
            (Operation::SearchItems, json!({"keywords": "libro"}), 1),
            (Operation::GetVariations, json!({"asin": "B08N5WRWNW"}), 1),
            (
                Operation::GetBrowseNodes,
                json!({"browse_node_ids": "123,456"}),
                1,
            ),
        ] {
            let p = OperationParams::from_json(op, &params).unwrap();
            let rs = creators_requests(&c, "t", &p, &ApiBase::Amazon).unwrap();
            assert_eq!(rs.len(), count, "{op}");
            assert!(rs.iter().all(|r| r.url.ends_with(op.creators_path())));
        }
    }
}
