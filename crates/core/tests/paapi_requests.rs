//! PA-API 5.0 request builders: a published signed example reproduced through the builders'
//! signing path, the body of each operation, GetItems batching, and the sandbox override.

use std::fs;
use std::path::{Path, PathBuf};

use asa2_core::{
    AmzDate, ApiBase, Asin, Condition, DeliveryFlag, GetBrowseNodesParams, GetItemsParams,
    GetVariationsParams, HttpRequest, Marketplace, Operation, OperationParams, PaapiCredentials,
    PaapiRequestError, SearchAvailability, SearchItemsParams, Secret, SigV4Params, SigV4Request,
    SigningSettings, SortBy, paapi_get_browse_nodes, paapi_get_items, paapi_get_variations,
    paapi_requests, paapi_search_items, paapi_signed_request, sign_v4,
};
use serde_json::{Value, json};

/// 2023-11-14T22:13:20Z
const NOW: i64 = 1_700_000_000;

fn creds(m: Marketplace) -> PaapiCredentials {
    PaapiCredentials {
        marketplace: m,
        access_key: "AKIAIOSFODNN7EXAMPLE".into(),
        secret_key: Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        partner_tag: "mysite-21".into(),
    }
}

fn body(r: &HttpRequest) -> Value {
    serde_json::from_str(&r.body).expect("the body is JSON")
}

/// Re-signs a built request from its own headers (without Authorization) and checks that the
/// Authorization it carries is the one a signer computes for the real Amazon URL.
fn assert_signature_verifies(r: &HttpRequest, secret: &str, region: &str) {
    let host = r.header("host").expect("host header");
    let path = r
        .url
        .split_once(host)
        .map(|(_, p)| p)
        .expect("the URL names the host");
    let headers: Vec<(&str, &str)> = r
        .headers
        .iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("authorization"))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let date = AmzDate::parse(r.header("x-amz-date").unwrap()).unwrap();
    let secret = Secret::new(secret);
    let again = sign_v4(
        &SigV4Request {
            method: "POST",
            url: &format!("https://{host}{path}"),
            headers: &headers,
            body: r.body.as_bytes(),
        },
        &SigV4Params {
            access_key: "AKIAIOSFODNN7EXAMPLE",
            secret_key: &secret,
            session_token: None,
            region,
            service: "ProductAdvertisingAPI",
            date,
            settings: SigningSettings::default(),
        },
    )
    .unwrap();
    assert_eq!(
        r.header("authorization"),
        Some(again.authorization.as_str())
    );
}

fn vector_path() -> Option<PathBuf> {
    let root = match std::env::var_os("ASA2_SIGV4_VECTORS") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors/sigv4"),
    };
    let path = root.join("../paapi5/getbrowsenodes-it.json");
    if path.is_file() {
        return Some(path);
    }
    let required = std::env::var("ASA2_REQUIRE_VECTORS").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "the PA-API vector is missing: looked for {}",
        path.display()
    );
    eprintln!(
        "SKIPPED the PA-API signing example: {} does not exist",
        path.display()
    );
    None
}

#[test]
fn published_it_example_through_the_builder_signing_path() {
    let Some(path) = vector_path() else {
        return;
    };
    let v: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    let s = |p: &str| v.pointer(p).and_then(Value::as_str).unwrap().to_string();
    let credentials = PaapiCredentials {
        marketplace: Marketplace::from_host(
            &s("/inputs/headers/host").replace("webservices.", "www."),
        )
        .expect("the example's marketplace"),
        access_key: s("/inputs/access_key"),
        secret_key: Secret::new(s("/inputs/secret_key")),
        partner_tag: "unused-21".into(),
    };
    assert_eq!(credentials.marketplace, Marketplace::IT);
    let ms = v
        .pointer("/inputs/timestamp_ms")
        .and_then(Value::as_i64)
        .unwrap();
    let date = AmzDate::from_unix_seconds(ms / 1000).unwrap();
    let signed = paapi_signed_request(
        &credentials,
        Operation::GetBrowseNodes,
        s("/inputs/payload"),
        date,
        &ApiBase::Amazon,
    )
    .unwrap();

    // Headers: exactly the example's, then Authorization.
    let inputs = v
        .pointer("/inputs/headers")
        .and_then(Value::as_object)
        .unwrap();
    let mut expected: Vec<(String, String)> = inputs
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    expected.push(("Authorization".into(), s("/expected/authorization")));
    assert_eq!(signed.request.headers, expected);
    assert_eq!(
        signed.request.url,
        "https://webservices.amazon.it/paapi5/getbrowsenodes"
    );
    assert_eq!(signed.request.body, "{}");
    assert_eq!(
        signed.signing.canonical_request,
        s("/expected/canonical_request")
    );
    assert_eq!(signed.signing.string_to_sign, s("/expected/string_to_sign"));
    assert_eq!(signed.signing.signature, s("/expected/signature"));
    assert_eq!(signed.signing.authorization, s("/expected/authorization"));
}

#[test]
fn get_items_body_and_batches_of_ten() {
    let asins: Vec<Asin> = (0..23)
        .map(|i| Asin::parse(&format!("B0000000{i:02}")).unwrap())
        .collect();
    let params = GetItemsParams {
        condition: Some(Condition::New),
        language: Some("de_DE".into()),
        currency: Some("EUR".into()),
        ..GetItemsParams::new(asins)
    };
    let reqs = paapi_get_items(&creds(Marketplace::DE), &params, NOW, &ApiBase::Amazon).unwrap();
    assert_eq!(reqs.len(), 3);
    let sizes: Vec<usize> = reqs
        .iter()
        .map(|r| body(r)["ItemIds"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, [10, 10, 3]);
    let first = body(&reqs[0]);
    let resources = first["Resources"].as_array().unwrap();
    assert!(resources.contains(&json!("ItemInfo.Title")));
    assert!(resources.contains(&json!("Offers.Listings.Price")));
    assert_eq!(first["ItemIds"][0], "B000000000");
    assert_eq!(body(&reqs[2])["ItemIds"][2], "B000000022");
    let mut without_lists = first.clone();
    let obj = without_lists.as_object_mut().unwrap();
    obj.remove("ItemIds");
    obj.remove("Resources");
    assert_eq!(
        without_lists,
        json!({
            "PartnerTag": "mysite-21",
            "PartnerType": "Associates",
            "Marketplace": "www.amazon.de",
            "ItemIdType": "ASIN",
            "Condition": "New",
            "LanguagesOfPreference": ["de_DE"],
            "CurrencyOfPreference": "EUR",
        })
    );
    for r in &reqs {
        assert_eq!(r.url, "https://webservices.amazon.de/paapi5/getitems");
        assert_eq!(r.header("content-encoding"), Some("amz-1.0"));
        assert_eq!(
            r.header("content-type"),
            Some("application/json; charset=utf-8")
        );
        assert_eq!(r.header("host"), Some("webservices.amazon.de"));
        assert_eq!(r.header("x-amz-date"), Some("20231114T221320Z"));
        assert_eq!(
            r.header("x-amz-target"),
            Some("com.amazon.paapi5.v1.ProductAdvertisingAPIv1.GetItems")
        );
        assert!(r.header("authorization").unwrap().starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20231114/eu-west-1/ProductAdvertisingAPI/aws4_request, SignedHeaders=content-encoding;content-type;host;x-amz-date;x-amz-target, Signature="
        ));
        assert_signature_verifies(r, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "eu-west-1");
    }
}

#[test]
fn search_items_body() {
    let params = SearchItemsParams {
        search_index: Some("Electronics".into()),
        item_page: Some(2),
        item_count: Some(5),
        sort_by: Some(SortBy::PriceLowToHigh),
        availability: Some(SearchAvailability::IncludeOutOfStock),
        delivery_flags: vec![DeliveryFlag::Prime],
        min_price: Some(1999),
        max_price: Some(9999),
        min_reviews_rating: Some(4),
        min_saving_percent: Some(10),
        brand: Some("Amazon".into()),
        resources: Some(vec!["itemInfo.title".into()]),
        ..SearchItemsParams::keywords("echo dot")
    };
    let r = paapi_search_items(&creds(Marketplace::US), &params, NOW, &ApiBase::Amazon).unwrap();
    assert_eq!(r.url, "https://webservices.amazon.com/paapi5/searchitems");
    assert_eq!(
        body(&r),
        json!({
            "PartnerTag": "mysite-21",
            "PartnerType": "Associates",
            "Marketplace": "www.amazon.com",
            "Keywords": "echo dot",
            "Brand": "Amazon",
            "SearchIndex": "Electronics",
            "ItemPage": 2,
            "ItemCount": 5,
            "SortBy": "Price:LowToHigh",
            "Availability": "IncludeOutOfStock",
            "DeliveryFlags": ["Prime"],
            "MinPrice": 1999,
            "MaxPrice": 9999,
            "MinReviewsRating": 4,
            "MinSavingPercent": 10,
            "Resources": ["ItemInfo.Title"],
        })
    );
    assert_eq!(
        r.header("x-amz-target"),
        Some("com.amazon.paapi5.v1.ProductAdvertisingAPIv1.SearchItems")
    );
    assert_signature_verifies(&r, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
}

#[test]
fn get_variations_and_browse_nodes_bodies() {
    let v = GetVariationsParams {
        variation_page: Some(2),
        variation_count: Some(10),
        ..GetVariationsParams::new(Asin::parse("B08N5WRWNW").unwrap())
    };
    let r = paapi_get_variations(&creds(Marketplace::UK), &v, NOW, &ApiBase::Amazon).unwrap();
    let b = body(&r);
    assert_eq!(b["ASIN"], "B08N5WRWNW");
    assert_eq!(b["VariationPage"], 2);
    assert_eq!(b["VariationCount"], 10);
    assert_eq!(b["Marketplace"], "www.amazon.co.uk");
    assert!(
        b["Resources"]
            .as_array()
            .unwrap()
            .contains(&json!("VariationSummary.VariationDimension"))
    );
    assert_eq!(
        r.url,
        "https://webservices.amazon.co.uk/paapi5/getvariations"
    );

    let n = GetBrowseNodesParams {
        language: Some("fr_FR".into()),
        ..GetBrowseNodesParams::new(vec!["340843031".into(), "123".into()])
    };
    let r = paapi_get_browse_nodes(&creds(Marketplace::FR), &n, NOW, &ApiBase::Amazon).unwrap();
    assert_eq!(
        body(&r),
        json!({
            "PartnerTag": "mysite-21",
            "PartnerType": "Associates",
            "Marketplace": "www.amazon.fr",
            "BrowseNodeIds": ["340843031", "123"],
            "LanguagesOfPreference": ["fr_FR"],
            "Resources": ["BrowseNodes.Ancestor", "BrowseNodes.Children"],
        })
    );
    assert_signature_verifies(&r, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "eu-west-1");
}

#[test]
fn override_base_changes_the_url_but_not_the_signed_host() {
    let c = creds(Marketplace::DE);
    let p = GetBrowseNodesParams::new(vec!["340843031".into()]);
    let amazon = paapi_get_browse_nodes(&c, &p, NOW, &ApiBase::Amazon).unwrap();
    let base = ApiBase::parse(Some("http://127.0.0.1:8765/")).unwrap();
    let sandbox = paapi_get_browse_nodes(&c, &p, NOW, &base).unwrap();
    assert_eq!(
        sandbox.url,
        "http://127.0.0.1:8765/webservices.amazon.de/paapi5/getbrowsenodes"
    );
    assert_eq!(sandbox.header("host"), Some("webservices.amazon.de"));
    assert_eq!(sandbox.headers, amazon.headers);
    assert_eq!(sandbox.body, amazon.body);
    assert_signature_verifies(
        &sandbox,
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "eu-west-1",
    );
}

#[test]
fn dispatch_by_operation_and_errors() {
    let c = creds(Marketplace::IT);
    let params = OperationParams::from_json(
        Operation::GetItems,
        &json!({"asins": "B08N5WRWNW B07XJ8C8F5"}),
    )
    .unwrap();
    let reqs = paapi_requests(&c, &params, NOW, &ApiBase::Amazon).unwrap();
    assert_eq!(reqs.len(), 1);
    assert_eq!(
        body(&reqs[0])["ItemIds"],
        json!(["B08N5WRWNW", "B07XJ8C8F5"])
    );

    let empty = GetItemsParams::new(vec![]);
    match paapi_get_items(&c, &empty, NOW, &ApiBase::Amazon) {
        Err(PaapiRequestError::InvalidParams(e)) => assert_eq!(e.for_field("asins").count(), 1),
        other => panic!("expected a field error, got {other:?}"),
    }
    let mut bad_key = c.clone();
    bad_key.access_key = "AKIA WITH SPACE".into();
    let err = paapi_get_browse_nodes(
        &bad_key,
        &GetBrowseNodesParams::new(vec!["1".into()]),
        NOW,
        &ApiBase::Amazon,
    )
    .unwrap_err();
    assert!(err.to_string().contains("access key"), "{err}");
    // The secret key never appears in a request or an error.
    let all = format!("{reqs:?} {err} {c:?}");
    assert!(!all.contains("EXAMPLEKEY"), "{all}");
}
