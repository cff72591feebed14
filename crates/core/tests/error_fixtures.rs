//! The error and token fixtures in tests/fixtures/errors/: failed answers of both APIs, token
//! answers and token requests.

use std::path::PathBuf;

use asa2_core::{
    ApiBase, ApiError, CreatorsCredentials, CredentialKind, Marketplace, Secret,
    parse_token_response, token_request,
};
use serde_json::Value;

fn cases(name: &str) -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/errors")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).unwrap();
    doc["cases"].as_array().expect("a `cases` array").clone()
}

fn headers(case: &Value) -> Vec<(String, String)> {
    case["headers"]
        .as_object()
        .map(|h| {
            h.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

fn opt_str(v: &Value) -> Option<&str> {
    v.as_str()
}

fn kind(case: &Value) -> CredentialKind {
    case["kind"].as_str().unwrap().parse().unwrap()
}

#[test]
fn api_errors() {
    let all = cases("api-errors.json");
    assert!(all.len() >= 25);
    for case in all {
        let name = case["description"].as_str().unwrap();
        let status = case["status"].as_u64().unwrap() as u16;
        let body = case["body"].as_str().unwrap().as_bytes();
        let now = case["now"].as_u64().unwrap();
        let e = match case["api"].as_str().unwrap() {
            "creators" => ApiError::from_creators(status, &headers(&case), body),
            "paapi" => ApiError::from_paapi(status, &headers(&case), body),
            other => panic!("{name}: unknown api {other}"),
        };
        let expect = &case["expect"];
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["kind"], expect["kind"], "{name}: {e:?}");
        assert_eq!(e.code(), expect["code"].as_str().unwrap(), "{name}");
        assert_eq!(
            u64::from(e.http_status()),
            expect["http_status"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(e.field(), opt_str(&expect["field"]), "{name}");
        assert_eq!(
            e.retry_kind().map(|k| k.as_str()),
            opt_str(&expect["retry_kind"]),
            "{name}"
        );
        assert_eq!(
            e.retry_after_seconds(now),
            expect["retry_after"].as_u64(),
            "{name}"
        );
        let shown = format!("{e} {e:?} {json}");
        if let Some(text) = expect["message_contains"].as_str() {
            assert!(e.to_string().contains(text), "{name}: {e}");
        }
        if let Some(text) = expect["message_lacks"].as_str() {
            assert!(!shown.contains(text), "{name}: {shown}");
        }
        if let Some(text) = expect["hint_contains"].as_str() {
            let hint = e.hint().unwrap_or_else(|| panic!("{name}: no hint"));
            assert!(hint.contains(text), "{name}: {hint}");
        }
    }
}

#[test]
fn token_answers() {
    for case in cases("token-answers.json") {
        let name = case["description"].as_str().unwrap();
        let status = case["status"].as_u64().unwrap() as u16;
        let body = case["body"].as_str().unwrap().as_bytes();
        let now = case["now"].as_u64().unwrap();
        let expect = &case["expect"];
        let result = parse_token_response(kind(&case), status, &headers(&case), body, now);
        if expect["ok"].as_bool().unwrap() {
            let t = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(t.access_token.expose(), expect["access_token"], "{name}");
            assert_eq!(t.token_type, expect["token_type"], "{name}");
            assert_eq!(
                t.expires_at,
                expect["expires_at"].as_u64().unwrap(),
                "{name}"
            );
            continue;
        }
        let e = result
            .err()
            .unwrap_or_else(|| panic!("{name}: parsed as a token"));
        assert_eq!(e.code(), expect["code"].as_str().unwrap(), "{name}");
        assert_eq!(
            u64::from(e.http_status()),
            expect["http_status"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(
            e.retry_kind().map(|k| k.as_str()),
            opt_str(&expect["retry_kind"]),
            "{name}"
        );
        if let Some(secs) = expect["retry_after"].as_u64() {
            assert_eq!(e.retry_after(), Some(secs), "{name}");
        }
        if let Some(text) = expect["hint_contains"].as_str() {
            let hint = e.hint().unwrap_or_else(|| panic!("{name}: no hint"));
            assert!(hint.contains(text), "{name}: {hint}");
            assert!(
                e.to_string().contains(hint),
                "{name}: the message carries the hint"
            );
        }
        if let Some(text) = expect["message_contains"].as_str() {
            assert!(e.to_string().contains(text), "{name}: {e}");
        }
    }
}

#[test]
fn token_requests() {
    let all = cases("token-requests.json");
    assert_eq!(all.len(), 6, "one case per API version");
    for case in all {
        let credentials = CreatorsCredentials {
            marketplace: Marketplace::lookup(case["marketplace"].as_str().unwrap()).unwrap(),
            kind: kind(&case),
            credential_id: "credential-id".into(),
            credential_secret: Secret::new("credential-secret"),
            partner_tag: "mysite-21".into(),
        };
        let r = token_request(&credentials, &ApiBase::Amazon);
        assert_eq!(r.method.as_str(), "POST");
        assert_eq!(r.url, case["url"].as_str().unwrap());
        assert_eq!(r.header("Content-Type"), case["content_type"].as_str());
        assert_eq!(r.body, case["body"].as_str().unwrap(), "{}", r.url);
    }
}
