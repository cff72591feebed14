//! The six token endpoints: Amazon Cognito (versions 2.x) and Login with Amazon (3.x), one per
//! region, with the request formats and error bodies those services use.

use std::time::Duration;

use asa2_core::Region;
use serde_json::json;

use crate::config::Kind;
use crate::http::{Reply, Req, base64_decode, parse_form};
use crate::state::State;

/// The scope a Cognito token request must ask for.
pub(crate) const COGNITO_SCOPE: &str = "creatorsapi/default";
/// The scope an LWA token request must ask for.
pub(crate) const LWA_SCOPE: &str = "creatorsapi::default";

/// The token endpoint served at `host` + `path`, as `(kind, region)`.
pub(crate) fn endpoint(host: &str, path: &str) -> Option<(Kind, Region)> {
    let e = match (host, path) {
        ("creatorsapi.auth.us-east-1.amazoncognito.com", "/oauth2/token") => {
            (Kind::Cognito, Region::NorthAmerica)
        }
        ("creatorsapi.auth.eu-south-2.amazoncognito.com", "/oauth2/token") => {
            (Kind::Cognito, Region::Europe)
        }
        ("creatorsapi.auth.us-west-2.amazoncognito.com", "/oauth2/token") => {
            (Kind::Cognito, Region::FarEast)
        }
        ("api.amazon.com", "/auth/o2/token") => (Kind::Lwa, Region::NorthAmerica),
        ("api.amazon.co.uk", "/auth/o2/token") => (Kind::Lwa, Region::Europe),
        ("api.amazon.co.jp", "/auth/o2/token") => (Kind::Lwa, Region::FarEast),
        _ => return None,
    };
    Some(e)
}

fn cognito_error(code: &str) -> Reply {
    Reply::json(400, &json!({ "error": code })).with_content_type("application/json;charset=UTF-8")
}

fn lwa_error(status: u16, code: &str, description: &str) -> Reply {
    // Written by hand to keep LWA's field order: error_description first.
    let body = format!(
        "{{\"error_description\":{},\"error\":{}}}",
        json!(description),
        json!(code)
    );
    Reply::raw(status, "application/json;charset=UTF-8", body.into_bytes())
}

/// The fields of a token request.
struct TokenRequest {
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    scope: Option<String>,
}

/// Answers a token request at the endpoint for `kind` in `region`.
pub(crate) fn handle(state: &State, req: &Req, kind: Kind, region: Region) -> Reply {
    match kind {
        Kind::Cognito => cognito(state, req, region),
        Kind::Lwa => lwa(state, req, region),
    }
}

fn find_cred(
    state: &State,
    id: Option<&str>,
    secret: Option<&str>,
    kind: Kind,
    region: Region,
) -> Option<usize> {
    let (id, secret) = (id?, secret?);
    state
        .creds
        .iter()
        .position(|c| c.id == id && c.secret == secret && c.kind == kind && c.region == region)
}

/// The credential ID as counted and logged: unknown IDs (perhaps a secret pasted into the ID
/// field) are never repeated.
fn known_id(state: &State, id: Option<&str>) -> String {
    match id {
        Some(id) if state.creds.iter().any(|c| c.id == id) => id.to_string(),
        _ => "(unknown)".to_string(),
    }
}

fn count_request(state: &State, id: Option<&str>) {
    let key = known_id(state, id);
    state.stats(|s| *s.token_requests.entry(key).or_default() += 1);
}

fn issue(state: &State, cred: usize, token_type: &str) -> Reply {
    let ttl = state.settings().token_ttl_secs;
    let token = state.issue_token(cred, Duration::from_secs(ttl));
    let id = state.creds[cred].id.clone();
    state.stats(|s| *s.tokens_issued.entry(id.clone()).or_default() += 1);
    let body = match token_type {
        "Bearer" => json!({"access_token": token, "expires_in": ttl, "token_type": "Bearer"}),
        _ => {
            json!({"access_token": token, "scope": LWA_SCOPE, "token_type": "bearer", "expires_in": ttl})
        }
    };
    Reply::json(200, &body)
        .with_content_type("application/json;charset=UTF-8")
        .with_credential(&id)
}

fn cognito(state: &State, req: &Req, region: Region) -> Reply {
    if req.method != "POST" {
        return cognito_error("invalid_request");
    }
    if req.media_type() != "application/x-www-form-urlencoded" {
        return cognito_error("invalid_request");
    }
    let form = parse_form(&String::from_utf8_lossy(&req.body));
    let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let mut r = TokenRequest {
        grant_type: get("grant_type"),
        client_id: get("client_id"),
        client_secret: get("client_secret"),
        scope: get("scope"),
    };
    // Cognito also accepts the client in an HTTP Basic header (client_secret_basic).
    if let Some(basic) = req
        .header("authorization")
        .and_then(|h| h.strip_prefix("Basic "))
        .and_then(base64_decode)
        .and_then(|b| String::from_utf8(b).ok())
        && let Some((id, secret)) = basic.split_once(':')
    {
        r.client_id.get_or_insert_with(|| id.to_string());
        r.client_secret.get_or_insert_with(|| secret.to_string());
    }
    count_request(state, r.client_id.as_deref());
    let Some(cred) = find_cred(
        state,
        r.client_id.as_deref(),
        r.client_secret.as_deref(),
        Kind::Cognito,
        region,
    ) else {
        return cognito_error("invalid_client")
            .with_credential(&known_id(state, r.client_id.as_deref()));
    };
    let id = state.creds[cred].id.clone();
    match r.grant_type.as_deref() {
        None => return cognito_error("invalid_request").with_credential(&id),
        Some("client_credentials") => {}
        Some(_) => return cognito_error("unsupported_grant_type").with_credential(&id),
    }
    if r.scope.as_deref() != Some(COGNITO_SCOPE) {
        return cognito_error("invalid_scope").with_credential(&id);
    }
    issue(state, cred, "Bearer")
}

fn lwa(state: &State, req: &Req, region: Region) -> Reply {
    if req.method != "POST" {
        return lwa_error(400, "invalid_request", "The request must be a POST");
    }
    if req.media_type() != "application/json" {
        return lwa_error(
            400,
            "invalid_request",
            "The request has an invalid Content-Type: send application/json",
        );
    }
    let Ok(serde_json::Value::Object(body)) =
        serde_json::from_slice::<serde_json::Value>(&req.body)
    else {
        return lwa_error(
            400,
            "invalid_request",
            "The request body is not a JSON object",
        );
    };
    let get = |k: &str| body.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let r = TokenRequest {
        grant_type: get("grant_type"),
        client_id: get("client_id"),
        client_secret: get("client_secret"),
        scope: get("scope"),
    };
    count_request(state, r.client_id.as_deref());
    match r.grant_type.as_deref() {
        None => {
            return lwa_error(
                400,
                "invalid_request",
                "The request is missing a required parameter : grant_type",
            );
        }
        Some("client_credentials") => {}
        Some(_) => {
            return lwa_error(
                400,
                "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server",
            );
        }
    }
    let Some(cred) = find_cred(
        state,
        r.client_id.as_deref(),
        r.client_secret.as_deref(),
        Kind::Lwa,
        region,
    ) else {
        return lwa_error(401, "invalid_client", "Client authentication failed")
            .with_credential(&known_id(state, r.client_id.as_deref()));
    };
    let id = state.creds[cred].id.clone();
    if r.scope.as_deref() != Some(LWA_SCOPE) {
        return lwa_error(400, "invalid_scope", "An unknown scope was requested")
            .with_credential(&id);
    }
    issue(state, cred, "bearer")
}
