//! End-to-end tests: a sandbox on an ephemeral port, called over HTTP with ureq exactly as the
//! plugin calls Amazon. PA-API requests are signed here with the aws-sigv4 crate.

use std::time::{Duration, Instant, SystemTime};

use asa2_sandbox::{Sandbox, SandboxConfig};
use serde_json::{Value, json};

const DE_ID: &str = "5demo2de4cognito7sandbox1q";
const DE_SECRET: &str = "sandboxdemodecognitosecret0123456789abcdefghijklmnop";
const US_ID: &str = "amzn1.application-oa2-client.0demo0us0lwa0sandbox00000000001";
const US_SECRET: &str = "amzn1.oa2-cs.v1.0demo0us0lwa0sandbox0secret000000000000000000000001";
const UK_ID: &str = "amzn1.application-oa2-client.0demo0uk0lwa0sandbox00000000002";
const UK_SECRET: &str = "amzn1.oa2-cs.v1.0demo0uk0lwa0sandbox0secret000000000000000000000002";
const PA_KEY: &str = "AKIASANDBOXDEMO00001";
const PA_SECRET: &str = "sandboxDemoSecretKey0000000000000000FRITES";

const COGNITO_EU: &str = "/creatorsapi.auth.eu-south-2.amazoncognito.com/oauth2/token";
const LWA_NA: &str = "/api.amazon.com/auth/o2/token";
const LWA_EU: &str = "/api.amazon.co.uk/auth/o2/token";
const GET_ITEMS: &str = "/creatorsapi.amazon/catalog/v1/getItems";

/// A sandbox with the demo accounts, no request log, and the given settings.
fn start(settings: Value) -> Sandbox {
    let mut config = SandboxConfig::demo();
    config.port = 0;
    config.log = false;
    config.workers = 4;
    config.settings = config.settings.patched(&json!({"rps": 0})).unwrap();
    config.settings = config.settings.patched(&settings).unwrap();
    Sandbox::start(config).unwrap()
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn send(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>) -> Answer {
    let mut r = ureq::request(method, url);
    for (k, v) in headers {
        r = r.set(k, v);
    }
    let result = match body {
        Some(b) => r.send_string(b),
        None => r.call(),
    };
    let resp = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{method} {url}: {e}"),
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
    let body = resp.into_string().unwrap();
    Answer {
        status,
        headers,
        body,
    }
}

fn cognito_token(sb: &Sandbox, endpoint: &str, id: &str, secret: &str) -> Answer {
    let body = format!(
        "grant_type=client_credentials&client_id={id}&client_secret={secret}&scope=creatorsapi/default"
    );
    send(
        "POST",
        &format!("{}{endpoint}", sb.url()),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(&body),
    )
}

fn lwa_token(sb: &Sandbox, endpoint: &str, id: &str, secret: &str) -> Answer {
    let body = json!({"grant_type": "client_credentials", "client_id": id, "client_secret": secret, "scope": "creatorsapi::default"});
    send(
        "POST",
        &format!("{}{endpoint}", sb.url()),
        &[("Content-Type", "application/json")],
        Some(&body.to_string()),
    )
}

fn de_token(sb: &Sandbox) -> String {
    let a = cognito_token(sb, COGNITO_EU, DE_ID, DE_SECRET);
    assert_eq!(a.status, 200, "{}", a.body);
    a.json()["access_token"].as_str().unwrap().to_string()
}

fn us_token(sb: &Sandbox) -> String {
    let a = lwa_token(sb, LWA_NA, US_ID, US_SECRET);
    assert_eq!(a.status, 200, "{}", a.body);
    a.json()["access_token"].as_str().unwrap().to_string()
}

fn creators(sb: &Sandbox, path: &str, auth: &str, market: &str, body: &Value) -> Answer {
    send(
        "POST",
        &format!("{}{path}", sb.url()),
        &[
            ("Authorization", auth),
            ("x-marketplace", market),
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
        ],
        Some(&body.to_string()),
    )
}

fn de_get_items(sb: &Sandbox, token: &str, ids: &[&str]) -> Answer {
    creators(
        sb,
        GET_ITEMS,
        &format!("Bearer {token}, Version 2.2"),
        "www.amazon.de",
        &json!({"partnerTag": "demo-de-21", "itemIds": ids,
                "resources": ["itemInfo.title", "images.primary.medium", "offersV2.listings.price", "offersV2.listings.availability"]}),
    )
}

#[test]
fn cognito_token_then_get_items_with_a_per_item_error() {
    let sb = start(json!({}));
    let a = cognito_token(&sb, COGNITO_EU, DE_ID, DE_SECRET);
    assert_eq!(a.status, 200);
    let t = a.json();
    assert_eq!(t["token_type"], "Bearer");
    assert_eq!(t["expires_in"], 3600);
    let token = t["access_token"].as_str().unwrap();

    let a = de_get_items(&sb, token, &["B09B2SBHQK", "B0NA000001"]);
    assert_eq!(a.status, 200, "{}", a.body);
    let v = a.json();
    let item = &v["itemsResult"]["items"][0];
    assert_eq!(item["asin"], "B09B2SBHQK");
    assert!(
        item["detailPageURL"]
            .as_str()
            .unwrap()
            .starts_with("https://www.amazon.de/dp/B09B2SBHQK?tag=demo-de-21")
    );
    assert!(
        item["itemInfo"]["title"]["displayValue"]
            .as_str()
            .unwrap()
            .len()
            > 10
    );
    assert_eq!(v["itemsResult"]["items"].as_array().unwrap().len(), 1);
    assert_eq!(v["errors"][0]["code"], "ItemNotAccessible");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("B0NA000001")
    );
    let listing = &item["offersV2"]["listings"][0];
    if let Some(money) = listing["price"].get("money") {
        assert_eq!(money["currency"], "EUR");
        assert!(money["displayAmount"].as_str().unwrap().ends_with('€'));
    }

    assert_eq!(a.header("x-amzn-requestid").map(str::len), Some(36));
    // Same request, same answer: the catalog is deterministic.
    let again = de_get_items(&sb, token, &["B09B2SBHQK", "B0NA000001"]);
    assert_eq!(again.body, a.body);

    // The picture is served by the sandbox itself.
    let img = item["images"]["primary"]["medium"]["url"].as_str().unwrap();
    assert!(img.starts_with(sb.url()), "{img}");
    let pic = send("GET", img, &[], None);
    assert_eq!(pic.status, 200);
    assert_eq!(pic.header("content-type"), Some("image/svg+xml"));
    assert!(pic.body.starts_with("<svg"));
}

#[test]
fn cognito_basic_auth_is_accepted() {
    let sb = start(json!({}));
    // base64("id:secret") built by hand to keep the test free of extra crates.
    let basic = base64(&format!("{DE_ID}:{DE_SECRET}"));
    let a = send(
        "POST",
        &format!("{}{COGNITO_EU}", sb.url()),
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Authorization", &format!("Basic {basic}")),
        ],
        Some("grant_type=client_credentials&scope=creatorsapi%2Fdefault"),
    );
    assert_eq!(a.status, 200, "{}", a.body);
}

fn base64(s: &str) -> String {
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let b = s.as_bytes();
    let mut out = String::new();
    for chunk in b.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn invalid_client_for_both_kinds_as_amazon_answers() {
    let sb = start(json!({}));
    // An LWA credential entered as Cognito: the Cognito endpoint does not know it.
    let a = cognito_token(&sb, COGNITO_EU, UK_ID, UK_SECRET);
    assert_eq!(a.status, 400);
    assert_eq!(a.body, r#"{"error":"invalid_client"}"#);
    // The same credential as LWA works.
    assert_eq!(lwa_token(&sb, LWA_EU, UK_ID, UK_SECRET).status, 200);
    // A wrong secret at LWA.
    let a = lwa_token(&sb, LWA_EU, UK_ID, "amzn1.oa2-cs.v1.wrong");
    assert_eq!(a.status, 401);
    assert_eq!(
        a.body,
        r#"{"error_description":"Client authentication failed","error":"invalid_client"}"#
    );
    // The right credential at another region's endpoint.
    assert_eq!(lwa_token(&sb, LWA_NA, UK_ID, UK_SECRET).status, 401);
    let a = cognito_token(
        &sb,
        "/creatorsapi.auth.us-east-1.amazoncognito.com/oauth2/token",
        DE_ID,
        DE_SECRET,
    );
    assert_eq!(a.body, r#"{"error":"invalid_client"}"#);
    // Wrong scopes.
    let a = send(
        "POST",
        &format!("{}{COGNITO_EU}", sb.url()),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(&format!(
            "grant_type=client_credentials&client_id={DE_ID}&client_secret={DE_SECRET}&scope=creatorsapi::default"
        )),
    );
    assert_eq!(
        (a.status, a.body.as_str()),
        (400, r#"{"error":"invalid_scope"}"#)
    );
    let a = send(
        "POST",
        &format!("{}{LWA_NA}", sb.url()),
        &[("Content-Type", "application/json")],
        Some(&json!({"grant_type": "client_credentials", "client_id": US_ID, "client_secret": US_SECRET, "scope": "creatorsapi/default"}).to_string()),
    );
    assert_eq!(a.status, 400);
    assert_eq!(a.json()["error"], "invalid_scope");
    // LWA wants JSON, Cognito a form.
    let a = send(
        "POST",
        &format!("{}{LWA_NA}", sb.url()),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(&format!(
            "grant_type=client_credentials&client_id={US_ID}&client_secret={US_SECRET}&scope=creatorsapi::default"
        )),
    );
    assert_eq!(a.json()["error"], "invalid_request");

    let stats = send("GET", &format!("{}/__sandbox/stats", sb.url()), &[], None).json();
    assert_eq!(stats["token_requests"][UK_ID], 4);
    assert_eq!(stats["tokens_issued"][UK_ID], 1);
    assert_eq!(stats["errors"]["invalid_client"], 4);
}

#[test]
fn tokens_expire_and_bad_tokens_are_refused() {
    let sb = start(json!({"token_ttl_secs": 1}));
    let token = de_token(&sb);
    assert_eq!(de_get_items(&sb, &token, &["B09B2SBHQK"]).status, 200);
    // Cognito tokens need the version suffix, and the right one.
    let bare = creators(
        &sb,
        GET_ITEMS,
        &format!("Bearer {token}"),
        "www.amazon.de",
        &json!({"partnerTag": "demo-de-21", "itemIds": ["B09B2SBHQK"]}),
    );
    assert_eq!(bare.status, 401);
    assert_eq!(bare.json()["type"], "UnauthorizedException");
    let wrong = creators(
        &sb,
        GET_ITEMS,
        &format!("Bearer {token}, Version 2.1"),
        "www.amazon.de",
        &json!({"partnerTag": "demo-de-21", "itemIds": ["B09B2SBHQK"]}),
    );
    assert_eq!(wrong.status, 401);
    let unknown = de_get_items(&sb, "not-a-token", &["B09B2SBHQK"]);
    assert_eq!(unknown.status, 401);
    assert_eq!(unknown.json()["reason"], "InvalidToken");
    let missing = send(
        "POST",
        &format!("{}{GET_ITEMS}", sb.url()),
        &[("x-marketplace", "www.amazon.de")],
        Some("{}"),
    );
    assert_eq!(missing.json()["reason"], "MissingCredential");

    std::thread::sleep(Duration::from_millis(1100));
    let expired = de_get_items(&sb, &token, &["B09B2SBHQK"]);
    assert_eq!(expired.status, 401);
    let v = expired.json();
    assert_eq!(v["type"], "UnauthorizedException");
    assert_eq!(v["reason"], "TokenExpired");
    assert!(v["message"].is_string());
    // A fresh token works again.
    assert_eq!(
        de_get_items(&sb, &de_token(&sb), &["B09B2SBHQK"]).status,
        200
    );
}

#[test]
fn one_request_per_second_then_429_with_retry_after() {
    let sb = start(json!({"rps": 1}));
    let token = de_token(&sb);
    let second_token = de_token(&sb); // token requests are not counted
    assert_eq!(de_get_items(&sb, &token, &["B09B2SBHQK"]).status, 200);
    // Immediately after: over the budget (a few tries in case this machine is very slow).
    let a = (0..3)
        .map(|_| de_get_items(&sb, &second_token, &["B09B2SBHQK"]))
        .find(|a| a.status == 429)
        .expect("a 429 within three immediate calls");
    assert_eq!(a.header("retry-after"), Some("1"));
    assert_eq!(
        a.body,
        r#"{"message":"Request rate limit exceeded.","type":"ThrottleException"}"#
    );
    // Another credential has its own budget.
    let us = creators(
        &sb,
        GET_ITEMS,
        &format!("Bearer {}", us_token(&sb)),
        "www.amazon.com",
        &json!({"partnerTag": "demo-us-20", "itemIds": ["B09B2SBHQK"]}),
    );
    assert_eq!(us.status, 200, "{}", us.body);
    std::thread::sleep(Duration::from_millis(1050));
    assert_eq!(de_get_items(&sb, &token, &["B09B2SBHQK"]).status, 200);
    let stats = send("GET", &format!("{}/__sandbox/stats", sb.url()), &[], None).json();
    assert!(stats["throttled"].as_u64().unwrap() >= 1);
    assert_eq!(stats["errors_by_status"]["429"], stats["throttled"]);
}

#[test]
fn daily_budget_per_credential_refused_with_quota_exceeded_and_counted() {
    let sb = start(json!({}));
    // Set at runtime as the tests of the plugin do; another credential keeps its own budget.
    sb.configure(&json!({"daily_quota": 3, "daily_quotas": {US_ID: 1}}))
        .unwrap();
    let token = de_token(&sb);
    for _ in 0..3 {
        assert_eq!(de_get_items(&sb, &token, &["B09B2SBHQK"]).status, 200);
    }
    let a = de_get_items(&sb, &token, &["B09B2SBHQK"]);
    assert_eq!(a.status, 429);
    assert_eq!(a.json()["type"], "ThrottleException");
    assert_eq!(a.json()["reason"], "QuotaExceeded");
    let us = |sb: &Sandbox| {
        creators(
            sb,
            GET_ITEMS,
            &format!("Bearer {}", us_token(sb)),
            "www.amazon.com",
            &json!({"partnerTag": "demo-us-20", "itemIds": ["B09B2SBHQK"]}),
        )
        .status
    };
    assert_eq!(us(&sb), 200);
    assert_eq!(us(&sb), 429);
    let stats = send("GET", &format!("{}/__sandbox/stats", sb.url()), &[], None).json();
    assert_eq!(stats["quota_refused"], 2);
    assert_eq!(stats["quota_refused_by_credential"][DE_ID], 1);
    assert_eq!(stats["quota_refused_by_credential"][US_ID], 1);
    assert_eq!(stats["quota_used_today"][DE_ID], 3);
    assert_eq!(stats["api_calls_by_credential"][DE_ID], 4);
    // Raising the budget lets calls through again the same day; a reset starts afresh.
    sb.configure(&json!({"daily_quota": 4})).unwrap();
    assert_eq!(de_get_items(&sb, &token, &["B09B2SBHQK"]).status, 200);
    assert_eq!(de_get_items(&sb, &token, &["B09B2SBHQK"]).status, 429);
    send("POST", &format!("{}/__sandbox/reset", sb.url()), &[], None);
    assert_eq!(de_get_items(&sb, &token, &["B09B2SBHQK"]).status, 200);
    // PA-API 5.0 answers its own throttle shape.
    sb.configure(&json!({"daily_quotas": {PA_KEY: 1}})).unwrap();
    let pa = fr_items;
    assert_eq!(pa(&sb).status, 200);
    let a = pa(&sb);
    assert_eq!(a.status, 429);
    assert_eq!(a.json()["Errors"][0]["Code"], "TooManyRequests");
}

#[test]
fn partner_tags_marketplaces_and_validation() {
    let sb = start(json!({}));
    let token = de_token(&sb);
    let auth = format!("Bearer {token}, Version 2.2");
    let a = creators(
        &sb,
        GET_ITEMS,
        &auth,
        "www.amazon.de",
        &json!({"partnerTag": "someone-else-21", "itemIds": ["B09B2SBHQK"]}),
    );
    assert_eq!(a.status, 400);
    let v = a.json();
    assert_eq!(v["type"], "ValidationException");
    assert_eq!(v["reason"], "InvalidPartnerTag");

    let a = creators(
        &sb,
        GET_ITEMS,
        &auth,
        "www.amazon.fr",
        &json!({"partnerTag": "demo-de-21", "itemIds": ["B09B2SBHQK"]}),
    );
    assert_eq!(a.status, 403, "{}", a.body);
    let a = creators(
        &sb,
        GET_ITEMS,
        &auth,
        "www.amazon.com",
        &json!({"partnerTag": "demo-de-21", "itemIds": ["B09B2SBHQK"]}),
    );
    assert_eq!(a.status, 403);

    let eleven: Vec<String> = (0..11).map(|i| format!("B0000000{i:02}")).collect();
    let a = creators(
        &sb,
        GET_ITEMS,
        &auth,
        "www.amazon.de",
        &json!({"partnerTag": "demo-de-21", "itemIds": eleven}),
    );
    assert_eq!(a.status, 400);
    let v = a.json();
    assert_eq!(v["reason"], "FieldValidationFailed");
    assert_eq!(v["fieldList"][0]["name"], "itemIds");
    let a = creators(
        &sb,
        GET_ITEMS,
        &auth,
        "www.amazon.de",
        &json!({"partnerTag": "demo-de-21", "itemIds": ["b09b2sbhqk"]}),
    );
    assert_eq!(a.json()["fieldList"][0]["name"], "itemIds");
    let a = creators(
        &sb,
        GET_ITEMS,
        &auth,
        "",
        &json!({"partnerTag": "demo-de-21", "itemIds": ["B09B2SBHQK"]}),
    );
    assert_eq!(a.json()["fieldList"][0]["name"], "x-marketplace");
    let a = send(
        "POST",
        &format!("{}{GET_ITEMS}", sb.url()),
        &[("Authorization", &auth), ("x-marketplace", "www.amazon.de")],
        Some("{not json"),
    );
    assert_eq!(a.json()["reason"], "CannotParse");
}

#[test]
fn search_variations_and_browse_nodes() {
    let sb = start(json!({}));
    let auth = format!("Bearer {}", us_token(&sb));
    let search = |body: Value| {
        creators(
            &sb,
            "/creatorsapi.amazon/catalog/v1/searchItems",
            &auth,
            "www.amazon.com",
            &body,
        )
    };
    let a = search(
        json!({"partnerTag": "demo-us-20", "keywords": "bluetooth headphones", "itemCount": 5,
                          "resources": ["itemInfo.title", "offersV2.listings.price"]}),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let v = a.json();
    let items = v["searchResult"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    assert!(v["searchResult"]["totalResultCount"].as_u64().unwrap() >= 5);
    assert!(
        v["searchResult"]["searchURL"]
            .as_str()
            .unwrap()
            .starts_with("https://www.amazon.com/s?k=bluetooth+headphones")
    );
    let page2 = search(
        json!({"partnerTag": "demo-us-20", "keywords": "bluetooth headphones", "itemCount": 5, "itemPage": 2}),
    );
    assert_ne!(
        page2.json()["searchResult"]["items"][0]["asin"],
        items[0]["asin"]
    );
    assert_eq!(
        search(json!({"partnerTag": "demo-us-20", "keywords": "noresults"})).status,
        404
    );
    let bad = search(json!({"partnerTag": "demo-us-20", "keywords": "x", "itemPage": 11}));
    assert_eq!(bad.json()["fieldList"][0]["name"], "itemPage");

    // Find a product with variations; about half of the families in some categories have them.
    let mut found = None;
    for i in 0..60 {
        let asin = format!("B0A0{i:05}0");
        let a = creators(
            &sb,
            "/creatorsapi.amazon/catalog/v1/getVariations",
            &auth,
            "www.amazon.com",
            &json!({"partnerTag": "demo-us-20", "asin": asin, "resources": ["itemInfo.title", "parentASIN", "offersV2.listings.price", "variationSummary.variationDimension", "variationSummary.price.highestPrice", "variationSummary.price.lowestPrice"]}),
        );
        if a.status == 200 {
            found = Some(a.json());
            break;
        }
        assert_eq!(a.status, 404, "{}", a.body);
    }
    let v = found.expect("a variation family among 60 parents");
    let vr = &v["variationsResult"];
    let first = &vr["items"][0];
    assert!(first["parentASIN"].as_str().unwrap().ends_with('0'));
    assert!(first["variationAttributes"][0]["value"].is_string());
    assert_eq!(
        vr["variationSummary"]["variationCount"].as_u64().unwrap() as usize,
        vr["items"].as_array().unwrap().len()
    );
    // Variation prices are Money objects directly, as in the official SDK's models.
    for key in ["highestPrice", "lowestPrice"] {
        let money = &vr["variationSummary"]["price"][key];
        assert!(money["amount"].is_number(), "{key}: {money}");
        assert!(
            money["currency"].is_string() && money["displayAmount"].is_string(),
            "{key}: {money}"
        );
        assert!(money.get("money").is_none(), "{key}: {money}");
    }

    let a = creators(
        &sb,
        "/creatorsapi.amazon/catalog/v1/getBrowseNodes",
        &auth,
        "www.amazon.com",
        &json!({"partnerTag": "demo-us-20", "browseNodeIds": ["172541"], "resources": ["browseNodes.ancestor", "browseNodes.children"]}),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let node = &a.json()["browseNodesResult"]["browseNodes"][0];
    assert_eq!(node["displayName"], "Headphones & Earbuds");
    assert_eq!(node["ancestor"]["id"], "172282");
    assert_eq!(node["children"][0]["id"], "12097479011");
}

#[test]
fn not_eligible_outage_and_faults() {
    let sb = start(json!({}));
    let admin = |patch: Value| {
        let a = send(
            "POST",
            &format!("{}/__sandbox/config", sb.url()),
            &[("Content-Type", "application/json")],
            Some(&patch.to_string()),
        );
        assert_eq!(a.status, 200, "{}", a.body);
    };
    let token = de_token(&sb);
    admin(json!({"not_eligible": [DE_ID]}));
    let a = de_get_items(&sb, &token, &["B09B2SBHQK"]);
    assert_eq!(a.status, 403);
    assert_eq!(
        a.body,
        r#"{"message":"Your account does not currently meet the eligibility requirements.","reason":"AssociateNotEligible","type":"AccessDeniedException"}"#
    );
    admin(json!({"not_eligible": []}));
    assert_eq!(de_get_items(&sb, &token, &["B09B2SBHQK"]).status, 200);

    admin(json!({"token_outage": true}));
    assert_eq!(cognito_token(&sb, COGNITO_EU, DE_ID, DE_SECRET).status, 503);
    assert_eq!(de_get_items(&sb, &token, &["B09B2SBHQK"]).status, 200);
    admin(json!({"token_outage": false, "outage": true}));
    assert_eq!(lwa_token(&sb, LWA_NA, US_ID, US_SECRET).status, 503);
    assert_eq!(de_get_items(&sb, &token, &["B09B2SBHQK"]).status, 503);
    assert_eq!(
        send("GET", &format!("{}/__sandbox/health", sb.url()), &[], None).status,
        200
    );
    admin(json!({"outage": false, "error_every": 2}));
    let statuses: Vec<u16> = (0..4)
        .map(|_| de_get_items(&sb, &token, &["B09B2SBHQK"]).status)
        .collect();
    assert_eq!(statuses, [200, 500, 200, 500]);
    admin(json!({"error_every": 0, "truncate_every": 1}));
    let a = de_get_items(&sb, &token, &["B09B2SBHQK"]);
    assert_eq!(a.status, 200);
    assert!(serde_json::from_str::<Value>(&a.body).is_err());
    admin(json!({"truncate_every": 0, "latency_ms": 250}));
    let t = Instant::now();
    assert_eq!(de_get_items(&sb, &token, &["B09B2SBHQK"]).status, 200);
    assert!(t.elapsed() >= Duration::from_millis(250));

    let bad = send(
        "POST",
        &format!("{}/__sandbox/config", sb.url()),
        &[],
        Some(r#"{"rps": -2}"#),
    );
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].as_str().unwrap().contains("rps"));
}

#[test]
fn stats_and_reset() {
    let sb = start(json!({}));
    let url = |p: &str| format!("{}{p}", sb.url());
    assert_eq!(
        send("GET", &url("/__sandbox/health"), &[], None).json()["status"],
        "ok"
    );
    let token = de_token(&sb);
    de_get_items(&sb, &token, &["B09B2SBHQK"]);
    de_get_items(&sb, &token, &["B09B2SBHQK", "B0NA000001", "B09B2SBHQK"]);
    let s = send("GET", &url("/__sandbox/stats"), &[], None).json();
    assert_eq!(s["token_requests"][DE_ID], 1);
    // Per product: a repeated ASIN in one call counts once; per-item errors count too.
    assert_eq!(s["get_items_by_asin"]["DE:B09B2SBHQK"], 2);
    assert_eq!(s["get_items_by_asin"]["DE:B0NA000001"], 1);
    assert_eq!(s["api_calls_by_operation"]["GetItems"], 2);
    assert_eq!(s["api_calls_by_marketplace"]["DE"], 2);
    assert_eq!(s["api_calls_by_api"]["creators"], 2);

    let r = send("POST", &url("/__sandbox/reset"), &[], Some("{}"));
    assert_eq!(r.status, 200);
    let s = send("GET", &url("/__sandbox/stats"), &[], None).json();
    assert_eq!(s["api_calls_by_operation"], json!({}));
    assert_eq!(de_get_items(&sb, &token, &["B09B2SBHQK"]).status, 200);

    send(
        "POST",
        &url("/__sandbox/reset"),
        &[],
        Some(r#"{"tokens": true}"#),
    );
    let a = de_get_items(&sb, &token, &["B09B2SBHQK"]);
    assert_eq!(a.json()["reason"], "InvalidToken");

    let cfg = send("GET", &url("/__sandbox/config"), &[], None);
    assert!(
        !cfg.body.contains(DE_SECRET),
        "secrets stay out of the config view"
    );
    assert_eq!(send("GET", &url("/nowhere"), &[], None).status, 404);
    assert!(
        send("GET", &url("/"), &[], None)
            .body
            .contains("ASA2_API_BASE")
    );
}

// ---- PA-API 5.0 ----

fn paapi(
    sb: &Sandbox,
    host: &str,
    op: &str,
    body: &Value,
    key: &str,
    secret: &str,
    tamper: bool,
) -> Answer {
    use aws_credential_types::Credentials;
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    use aws_sigv4::sign::v4;
    use aws_smithy_runtime_api::client::identity::Identity;

    let path = format!("/paapi5/{}", op.to_lowercase());
    let target = format!("com.amazon.paapi5.v1.ProductAdvertisingAPIv1.{op}");
    let region = match host {
        "webservices.amazon.com" => "us-east-1",
        "webservices.amazon.co.jp" => "us-west-2",
        _ => "eu-west-1",
    };
    let payload = body.to_string();
    let identity: Identity = Credentials::new(key, secret, None, None, "test").into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("ProductAdvertisingAPI")
        .time(SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let headers = [
        ("content-encoding", "amz-1.0"),
        ("content-type", "application/json; charset=utf-8"),
        ("host", host),
        ("x-amz-target", target.as_str()),
    ];
    let signable = SignableRequest::new(
        "POST",
        format!("https://{host}{path}"),
        headers.iter().copied(),
        SignableBody::Bytes(payload.as_bytes()),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let mut sent: Vec<(String, String)> = headers
        .iter()
        .filter(|(k, _)| *k != "host")
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    for (k, v) in instructions.headers() {
        sent.push((k.to_string(), v.to_string()));
    }
    let sent_body = if tamper {
        payload.replace("B0", "B1")
    } else {
        payload
    };
    let refs: Vec<(&str, &str)> = sent.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    send(
        "POST",
        &format!("{}/{host}{path}", sb.url()),
        &refs,
        Some(&sent_body),
    )
}

/// A signed PA-API GetItems call for France with the demo key and tag.
fn fr_items(sb: &Sandbox) -> Answer {
    paapi(
        sb,
        "webservices.amazon.fr",
        "GetItems",
        &fr_get_items("demo-fr-21"),
        PA_KEY,
        PA_SECRET,
        false,
    )
}

fn fr_get_items(tag: &str) -> Value {
    json!({"PartnerTag": tag, "PartnerType": "Associates", "Marketplace": "www.amazon.fr",
           "ItemIds": ["B09B2SBHQK", "B0NF000001"],
           "Resources": ["ItemInfo.Title", "Offers.Listings.Price", "Offers.Listings.Availability.Message", "Images.Primary.Large"]})
}

#[test]
fn paapi_signed_requests_work_and_tampered_ones_fail() {
    let sb = start(json!({}));
    let a = fr_items(&sb);
    assert_eq!(a.status, 200, "{}", a.body);
    let v = a.json();
    let item = &v["ItemsResult"]["Items"][0];
    assert_eq!(item["ASIN"], "B09B2SBHQK");
    assert!(
        item["DetailPageURL"]
            .as_str()
            .unwrap()
            .contains("tag=demo-fr-21")
    );
    assert!(item["ItemInfo"]["Title"]["DisplayValue"].is_string());
    assert!(item["Images"]["Primary"]["Large"]["URL"].is_string());
    assert_eq!(v["Errors"][0]["Code"], "InvalidParameterValue");

    let a = paapi(
        &sb,
        "webservices.amazon.fr",
        "GetItems",
        &fr_get_items("demo-fr-21"),
        PA_KEY,
        PA_SECRET,
        true,
    );
    assert_eq!(a.status, 401);
    assert_eq!(
        a.json(),
        json!({"__type": "com.amazon.paapi5#InvalidSignatureException", "Errors": [{"Code": "InvalidSignature",
               "Message": "The request has not been correctly signed. If you are using an AWS SDK, requests are signed for you automatically; otherwise, go to https://webservices.amazon.com/paapi5/documentation/sending-request.html#signing."}]})
    );
    let a = paapi(
        &sb,
        "webservices.amazon.fr",
        "GetItems",
        &fr_get_items("demo-fr-21"),
        PA_KEY,
        "wrong-secret",
        false,
    );
    assert_eq!(a.json()["Errors"][0]["Code"], "InvalidSignature");
    let a = paapi(
        &sb,
        "webservices.amazon.fr",
        "GetItems",
        &fr_get_items("demo-fr-21"),
        "AKIAUNKNOWN000000000",
        PA_SECRET,
        false,
    );
    assert_eq!(a.json()["Errors"][0]["Code"], "UnrecognizedClient");

    let a = paapi(
        &sb,
        "webservices.amazon.fr",
        "GetItems",
        &fr_get_items("demo-de-21"),
        PA_KEY,
        PA_SECRET,
        false,
    );
    assert_eq!(a.status, 400);
    let v = a.json();
    assert_eq!(v["__type"], "com.amazon.paapi5#InvalidPartnerTagException");
    assert_eq!(v["Errors"][0]["Code"], "InvalidPartnerTag");

    let de_body =
        json!({"PartnerTag": "demo-fr-21", "PartnerType": "Associates", "ItemIds": ["B09B2SBHQK"]});
    let a = paapi(
        &sb,
        "webservices.amazon.de",
        "GetItems",
        &de_body,
        PA_KEY,
        PA_SECRET,
        false,
    );
    assert_eq!(a.json()["Errors"][0]["Code"], "InvalidAssociate");

    let search = json!({"PartnerTag": "demo-it-21", "PartnerType": "Associates", "Keywords": "zaino", "ItemCount": 3,
                        "Resources": ["ItemInfo.Title"]});
    let a = paapi(
        &sb,
        "webservices.amazon.it",
        "SearchItems",
        &search,
        PA_KEY,
        PA_SECRET,
        false,
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let v = a.json();
    assert_eq!(v["SearchResult"]["Items"].as_array().unwrap().len(), 3);
    assert!(v["SearchResult"]["TotalResultCount"].is_u64());

    let nodes = json!({"PartnerTag": "demo-es-21", "PartnerType": "Associates", "BrowseNodeIds": ["283155"], "Resources": ["BrowseNodes.Children"]});
    let a = paapi(
        &sb,
        "webservices.amazon.es",
        "GetBrowseNodes",
        &nodes,
        PA_KEY,
        PA_SECRET,
        false,
    );
    assert_eq!(
        a.json()["BrowseNodesResult"]["BrowseNodes"][0]["DisplayName"],
        "Books"
    );

    let s = send("GET", &format!("{}/__sandbox/stats", sb.url()), &[], None).json();
    assert_eq!(s["api_calls_by_api"]["paapi5"], 8);
    assert_eq!(s["errors"]["paapi5/InvalidSignature"], 2);
}

#[test]
fn paapi_throttles_and_honours_not_eligible() {
    let sb = start(json!({"rps": 1}));
    let ok = fr_items(&sb);
    assert_eq!(ok.status, 200, "{}", ok.body);
    let a = fr_items(&sb);
    assert_eq!(a.status, 429);
    assert_eq!(a.json()["Errors"][0]["Code"], "TooManyRequests");
    sb.configure(&json!({"not_eligible": [PA_KEY], "rps": 0}))
        .unwrap();
    let a = fr_items(&sb);
    assert_eq!(a.status, 403);
    assert_eq!(a.json()["Errors"][0]["Code"], "AssociateNotEligible");
}

#[test]
fn a_retired_paapi_refuses_every_key_and_comes_back_when_switched_off() {
    let sb = start(json!({"rps": 0, "paapi_retired": true}));
    let call = || fr_items(&sb);
    let a = call();
    assert_eq!(a.status, 401, "{}", a.body);
    assert_eq!(
        a.json()["__type"],
        "com.amazon.paapi5#UnrecognizedClientException"
    );
    assert_eq!(a.json()["Errors"][0]["Code"], "UnrecognizedClient");
    sb.configure(&json!({"paapi_retired": false})).unwrap();
    assert_eq!(call().status, 200);
}

#[test]
fn every_token_endpoint_and_the_far_east() {
    let mut config = SandboxConfig::demo();
    config.port = 0;
    config.log = false;
    config.settings.rps = 0.0;
    let extra = json!([
        {"id": "cognito-na-21", "secret": "s-na", "version": "2.1", "marketplaces": ["US", "CA"], "partner_tags": ["na-20"]},
        {"id": "cognito-fe-23", "secret": "s-fe", "version": "2.3", "marketplaces": ["JP"], "partner_tags": ["fe-22"]},
        {"id": "amzn1.application-oa2-client.fe33", "secret": "amzn1.oa2-cs.v1.fe33", "version": "3.3", "partner_tags": ["lwa-fe-22"]}
    ]);
    config
        .credentials
        .extend(serde_json::from_value::<Vec<asa2_sandbox::CreatorsCredential>>(extra).unwrap());
    let sb = Sandbox::start(config).unwrap();

    let na = cognito_token(
        &sb,
        "/creatorsapi.auth.us-east-1.amazoncognito.com/oauth2/token",
        "cognito-na-21",
        "s-na",
    );
    assert_eq!(na.status, 200, "{}", na.body);
    let fe = cognito_token(
        &sb,
        "/creatorsapi.auth.us-west-2.amazoncognito.com/oauth2/token",
        "cognito-fe-23",
        "s-fe",
    );
    assert_eq!(fe.status, 200, "{}", fe.body);
    let lwa_fe = lwa_token(
        &sb,
        "/api.amazon.co.jp/auth/o2/token",
        "amzn1.application-oa2-client.fe33",
        "amzn1.oa2-cs.v1.fe33",
    );
    assert_eq!(lwa_fe.status, 200, "{}", lwa_fe.body);
    assert_eq!(lwa_fe.json()["token_type"], "bearer");

    // A JP offer: yen without decimals.
    let token = fe.json()["access_token"].as_str().unwrap().to_string();
    let ids: Vec<String> = (0..10).map(|i| format!("B0JP{i:06}")).collect();
    let a = creators(
        &sb,
        GET_ITEMS,
        &format!("Bearer {token}, Version 2.3"),
        "www.amazon.co.jp",
        &json!({"partnerTag": "fe-22", "itemIds": ids, "resources": ["offersV2.listings.price", "offersV2.listings.availability"]}),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let v = a.json();
    let mut yen = 0;
    for item in v["itemsResult"]["items"].as_array().unwrap() {
        if let Some(money) = item["offersV2"]["listings"][0]["price"].get("money") {
            yen += 1;
            assert_eq!(money["currency"], "JPY");
            assert!(money["amount"].is_u64(), "{money}");
            assert!(money["displayAmount"].as_str().unwrap().starts_with('￥'));
        }
    }
    assert!(yen > 0);
    // An LWA token for a region-wide credential works in every store of its region, not beyond.
    let lwa = format!("Bearer {}", lwa_fe.json()["access_token"].as_str().unwrap());
    let body = json!({"partnerTag": "lwa-fe-22", "itemIds": ["B09B2SBHQK"]});
    assert_eq!(
        creators(&sb, GET_ITEMS, &lwa, "www.amazon.com.au", &body).status,
        200
    );
    assert_eq!(
        creators(&sb, GET_ITEMS, &lwa, "www.amazon.de", &body).status,
        403
    );
}

#[test]
fn paapi_variations_and_search_pages() {
    let sb = start(json!({}));
    let mut found = false;
    for i in 0..60 {
        let body = json!({"PartnerTag": "demo-es-21", "PartnerType": "Associates", "ASIN": format!("B0A0{i:05}0"),
                          "Resources": ["ItemInfo.Title", "VariationSummary.VariationDimension", "Offers.Listings.Price"]});
        let a = paapi(
            &sb,
            "webservices.amazon.es",
            "GetVariations",
            &body,
            PA_KEY,
            PA_SECRET,
            false,
        );
        if a.status == 404 {
            assert_eq!(a.json()["Errors"][0]["Code"], "NoResults");
            continue;
        }
        assert_eq!(a.status, 200, "{}", a.body);
        let v = a.json();
        let r = &v["VariationsResult"];
        assert!(r["Items"][0]["VariationAttributes"][0]["Value"].is_string());
        assert!(r["VariationSummary"]["VariationDimensions"][0]["Values"].is_array());
        found = true;
        break;
    }
    assert!(found);
    let bad = json!({"PartnerTag": "demo-es-21", "PartnerType": "Associates", "Keywords": "mochila", "ItemPage": 11});
    let a = paapi(
        &sb,
        "webservices.amazon.es",
        "SearchItems",
        &bad,
        PA_KEY,
        PA_SECRET,
        false,
    );
    assert_eq!(a.status, 400);
    assert_eq!(a.json()["Errors"][0]["Code"], "InvalidParameterValue");
    let none =
        json!({"PartnerTag": "demo-es-21", "PartnerType": "Associates", "Keywords": "noresults"});
    let a = paapi(
        &sb,
        "webservices.amazon.es",
        "SearchItems",
        &none,
        PA_KEY,
        PA_SECRET,
        false,
    );
    assert_eq!(
        (a.status, a.json()["Errors"][0]["Code"].as_str()),
        (404, Some("NoResults"))
    );
}
