//! The sandbox against its consumer: requests built by asa2-core are accepted, and its answers
//! read back by asa2-core's parsers into complete items. A change on either side that breaks
//! the plugin's path through the sandbox fails here.

use std::time::{SystemTime, UNIX_EPOCH};

use asa2_core::{
    ApiBase, ApiVersion, Asin, CreatorsCredentials, CredentialKind, GetBrowseNodesParams,
    GetItemsParams, GetVariationsParams, HttpRequest, Marketplace, NormalizeContext, Operation,
    PaapiCredentials, SearchItemsParams, Secret, creators_get_browse_nodes, creators_get_items,
    creators_get_variations, creators_search_items, paapi_get_items, parse_creators_response,
    parse_paapi_response, parse_token_response, token_request,
};
use asa2_sandbox::{Sandbox, SandboxConfig};
use serde_json::json;

fn start() -> Sandbox {
    let mut config = SandboxConfig::demo();
    config.port = 0;
    config.log = false;
    config.settings = config.settings.patched(&json!({"rps": 0})).unwrap();
    Sandbox::start(config).unwrap()
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Sends a request exactly as built (every header, including a `host` the builder added).
fn send(r: &HttpRequest) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut req = ureq::request(r.method.as_str(), &r.url);
    for (k, v) in &r.headers {
        req = req.set(k, v);
    }
    let resp = match req.send_string(&r.body) {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{}: {e}", r.url),
    };
    let status = resp.status();
    let headers = resp
        .headers_names()
        .into_iter()
        .map(|n| {
            let v = resp.header(&n).unwrap_or("").to_string();
            (n, v)
        })
        .collect();
    let mut body = Vec::new();
    std::io::Read::read_to_end(&mut resp.into_reader(), &mut body).unwrap();
    (status, headers, body)
}

fn creds(
    m: Marketplace,
    kind: CredentialKind,
    id: &str,
    secret: &str,
    tag: &str,
) -> CreatorsCredentials {
    CreatorsCredentials {
        marketplace: m,
        kind,
        credential_id: id.into(),
        credential_secret: Secret::new(secret),
        partner_tag: tag.into(),
    }
}

#[test]
fn core_token_requests_are_accepted_and_answers_parse() {
    let sb = start();
    let base = ApiBase::parse(Some(sb.url())).unwrap();
    let demo = SandboxConfig::demo();
    let de = &demo.credentials[0];
    let us = &demo.credentials[1];
    let uk = &demo.credentials[2];
    for (c, kind) in [
        (
            creds(
                Marketplace::DE,
                CredentialKind::Cognito,
                &de.id,
                &de.secret,
                "demo-de-21",
            ),
            CredentialKind::Cognito,
        ),
        (
            creds(
                Marketplace::US,
                CredentialKind::Lwa,
                &us.id,
                &us.secret,
                "demo-us-20",
            ),
            CredentialKind::Lwa,
        ),
        (
            creds(
                Marketplace::UK,
                CredentialKind::Lwa,
                &uk.id,
                &uk.secret,
                "demo-uk-21",
            ),
            CredentialKind::Lwa,
        ),
    ] {
        let (status, headers, body) = send(&token_request(&c, &base));
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        let token = parse_token_response(kind, status, &headers, &body, now()).unwrap();
        assert!(!token.needs_refresh(now()));
    }
    // The UK LWA credential entered as Cognito.
    let wrong = creds(
        Marketplace::UK,
        CredentialKind::Cognito,
        &uk.id,
        &uk.secret,
        "demo-uk-21",
    );
    let (status, headers, body) = send(&token_request(&wrong, &base));
    assert_eq!(status, 400);
    let err =
        parse_token_response(CredentialKind::Cognito, status, &headers, &body, now()).unwrap_err();
    assert_eq!(err.code(), "invalid_client");
}

#[test]
fn creators_answers_normalize_into_complete_items() {
    let sb = start();
    let base = ApiBase::parse(Some(sb.url())).unwrap();
    let demo = SandboxConfig::demo();
    let de = &demo.credentials[0];
    let c = creds(
        Marketplace::DE,
        CredentialKind::Cognito,
        &de.id,
        &de.secret,
        "demo-de-21",
    );
    let (status, headers, body) = send(&token_request(&c, &base));
    let token =
        parse_token_response(CredentialKind::Cognito, status, &headers, &body, now()).unwrap();

    let ids: Vec<String> = (0..9)
        .map(|i| format!("B0C{i}{i}K{i}Q{i}Z"))
        .chain(["B0NA000001".to_string()])
        .collect();
    let request = HttpRequest {
        method: asa2_core::Method::Post,
        url: base.url("creatorsapi.amazon", Operation::GetItems.creators_path()),
        headers: vec![
            ("Authorization".into(), format!("Bearer {}, Version 2.2", token.access_token.expose())),
            ("x-marketplace".into(), "www.amazon.de".into()),
            ("Content-Type".into(), "application/json".into()),
        ],
        body: json!({"partnerTag": "demo-de-21", "itemIds": ids, "resources": [
            "itemInfo.title", "itemInfo.byLineInfo", "itemInfo.features", "images.primary.small",
            "images.primary.medium", "images.primary.large", "offersV2.listings.price",
            "offersV2.listings.availability", "offersV2.listings.condition", "offersV2.listings.merchantInfo",
            "offersV2.listings.isBuyBoxWinner", "browseNodeInfo.browseNodes", "browseNodeInfo.websiteSalesRank",
            "parentASIN", "customerReviews.count", "customerReviews.starRating"]})
        .to_string(),
    };
    let (status, headers, body) = send(&request);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let ctx = NormalizeContext::creators(
        Marketplace::DE,
        ApiVersion::for_marketplace(CredentialKind::Cognito, Marketplace::DE),
        now() as i64,
    );
    let page = parse_creators_response(Operation::GetItems, &ctx, status, &headers, &body).unwrap();
    assert_eq!(page.items.len(), 9);
    assert_eq!(page.errors.len(), 1);
    assert_eq!(page.errors[0].asin.as_deref(), Some("B0NA000001"));
    assert_eq!(page.errors[0].code, "ItemNotAccessible");
    let mut priced = 0;
    for item in &page.items {
        assert!(
            item.title.as_deref().is_some_and(|t| !t.is_empty()),
            "{item:?}"
        );
        assert!(item.brand.is_some(), "{item:?}");
        assert!(
            item.detail_page_url
                .as_deref()
                .unwrap()
                .contains("tag=demo-de-21")
        );
        let primary = item.images.primary.as_ref().unwrap();
        assert!(primary.medium.as_ref().unwrap().url.starts_with(sb.url()));
        assert!(item.availability.is_some(), "{item:?}");
        assert!(!item.browse_nodes.is_empty());
        if let Some(price) = &item.price {
            priced += 1;
            assert_eq!(price.currency.as_deref(), Some("EUR"));
            assert!(price.display.as_deref().unwrap().ends_with('€'));
            let amount = price.amount.as_ref().unwrap().as_str().to_string();
            assert!(amount.parse::<f64>().unwrap() > 0.0, "{amount}");
        }
    }
    assert!(priced > 0);
}

#[test]
fn paapi_requests_built_by_the_core_verify_and_answers_normalize() {
    let sb = start();
    let base = ApiBase::parse(Some(sb.url())).unwrap();
    let demo = SandboxConfig::demo();
    let key = &demo.paapi_keys[0];
    let credentials = PaapiCredentials {
        marketplace: Marketplace::IT,
        access_key: key.access_key.clone(),
        secret_key: Secret::new(key.secret_key.as_str()),
        partner_tag: "demo-it-21".into(),
    };
    let asins = vec![
        Asin::parse("B09B2SBHQK").unwrap(),
        Asin::parse("B0NF000001").unwrap(),
    ];
    let requests = paapi_get_items(
        &credentials,
        &GetItemsParams::new(asins),
        now() as i64,
        &base,
    )
    .unwrap();
    assert_eq!(requests.len(), 1);
    let (status, headers, body) = send(&requests[0]);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let ctx = NormalizeContext::paapi(Marketplace::IT, now() as i64);
    let page = parse_paapi_response(Operation::GetItems, &ctx, status, &headers, &body).unwrap();
    assert_eq!(page.items.len(), 1);
    let item = &page.items[0];
    assert_eq!(item.asin, "B09B2SBHQK");
    assert!(item.title.is_some());
    assert!(
        item.detail_page_url
            .as_deref()
            .unwrap()
            .contains("tag=demo-it-21")
    );
    if let Some(img) = item.images.primary.as_ref().and_then(|p| p.medium.as_ref()) {
        // The client sent `host: webservices.amazon.it`; pictures still point at the sandbox.
        assert!(img.url.starts_with(sb.url()), "{}", img.url);
    }
    assert_eq!(page.errors[0].asin.as_deref(), Some("B0NF000001"));

    // The same request with a wrong secret is refused, and the core reads it as bad credentials.
    let wrong = PaapiCredentials {
        secret_key: Secret::new("wrong"),
        ..credentials
    };
    let requests = paapi_get_items(
        &wrong,
        &GetItemsParams::new(vec![Asin::parse("B09B2SBHQK").unwrap()]),
        now() as i64,
        &base,
    )
    .unwrap();
    let (status, headers, body) = send(&requests[0]);
    assert_eq!(status, 401);
    let err = parse_paapi_response(Operation::GetItems, &ctx, status, &headers, &body).unwrap_err();
    assert_eq!(err.code(), "InvalidSignature");
}

#[test]
fn every_creators_operation_built_by_the_core_round_trips() {
    let sb = start();
    let base = ApiBase::parse(Some(sb.url())).unwrap();
    let demo = SandboxConfig::demo();
    let us = &demo.credentials[1];
    let c = creds(
        Marketplace::US,
        CredentialKind::Lwa,
        &us.id,
        &us.secret,
        "demo-us-20",
    );
    let (status, headers, body) = send(&token_request(&c, &base));
    let token = parse_token_response(CredentialKind::Lwa, status, &headers, &body, now()).unwrap();
    let token = token.access_token.expose().to_string();
    let ctx = NormalizeContext::creators(
        Marketplace::US,
        ApiVersion::for_marketplace(CredentialKind::Lwa, Marketplace::US),
        now() as i64,
    );
    let call = |op: Operation, r: &HttpRequest| {
        let (status, headers, body) = send(r);
        assert_eq!(status, 200, "{op}: {}", String::from_utf8_lossy(&body));
        parse_creators_response(op, &ctx, status, &headers, &body).unwrap()
    };

    // GetItems with the core's default resources, in two batches of at most ten.
    let asins: Vec<Asin> = (0..12)
        .map(|i| Asin::parse(&format!("B0D{i:02}Q7XYZ")).unwrap())
        .collect();
    let requests = creators_get_items(&c, &token, &GetItemsParams::new(asins), &base).unwrap();
    assert_eq!(requests.len(), 2);
    let items: usize = requests
        .iter()
        .map(|r| call(Operation::GetItems, r).items.len())
        .sum();
    assert_eq!(items, 12);

    let search = SearchItemsParams {
        keywords: Some("coffee".into()),
        item_count: Some(4),
        ..SearchItemsParams::default()
    };
    let page = call(
        Operation::SearchItems,
        &creators_search_items(&c, &token, &search, &base).unwrap(),
    );
    assert_eq!(page.items.len(), 4);
    assert!(page.total_results.unwrap() >= 4);
    assert!(
        page.search_url
            .as_deref()
            .unwrap()
            .contains("tag=demo-us-20")
    );

    let nodes = GetBrowseNodesParams::new(vec!["172282".into(), "283155".into()]);
    let page = call(
        Operation::GetBrowseNodes,
        &creators_get_browse_nodes(&c, &token, &nodes, &base).unwrap(),
    );
    assert_eq!(page.browse_nodes.as_ref().unwrap().len(), 2);

    // A variation family: try parents until one has children.
    let mut found = false;
    for i in 0..60 {
        let params = GetVariationsParams::new(Asin::parse(&format!("B0A0{i:05}0")).unwrap());
        let r = creators_get_variations(&c, &token, &params, &base).unwrap();
        let (status, headers, body) = send(&r);
        if status == 404 {
            continue;
        }
        let page = parse_creators_response(Operation::GetVariations, &ctx, status, &headers, &body)
            .unwrap();
        assert!(!page.items.is_empty());
        assert!(
            page.items
                .iter()
                .all(|i| i.parent_asin.is_some() && !i.variation_attributes.is_empty())
        );
        assert!(page.items.iter().all(|i| !i.is_variation_parent()));
        let summary = page.variation_summary.as_ref().unwrap();
        assert_eq!(summary.variation_count, Some(page.items.len() as u32));
        for price in [&summary.lowest_price, &summary.highest_price] {
            let price = price.as_ref().expect("the summary has the price range");
            assert!(price.amount.is_some() && price.currency.is_some() && price.display.is_some());
        }
        // The parent itself, from GetItems, is what the plugin recognises as a parent and
        // keeps the summary on.
        let parent = &call(
            Operation::GetItems,
            &creators_get_items(
                &c,
                &token,
                &GetItemsParams::new(vec![params.asin.clone()]),
                &base,
            )
            .unwrap()[0],
        )
        .items[0];
        assert!(parent.is_variation_parent(), "{parent:?}");
        let mut kept = parent.clone();
        kept.attach_variations(&page);
        assert_eq!(kept.variation_summary.as_ref(), Some(summary));
        found = true;
        break;
    }
    assert!(found, "no variation family among 60 parents");
}
