//! Dispatch: the sandbox serves every Amazon host under `/{host}{path}` (the core's API base
//! override), plus its own `/__sandbox/*` endpoints. Outages, latency, truncation and the
//! error counters are applied here.

use std::time::Duration;

use serde_json::{Value, json};

use crate::http::{Reply, Req};
use crate::state::State;
use crate::{admin, creators, paapi, tokens};

/// Where a request goes.
enum Target<'a> {
    Admin(&'a str),
    Token(crate::config::Kind, asa2_core::Region),
    Creators(&'a str),
    Paapi(&'a str, &'a str),
    Index,
    Unknown,
}

fn target(path: &str) -> Target<'_> {
    if path == "/" || path.is_empty() {
        return Target::Index;
    }
    if !path.starts_with('/') {
        return Target::Unknown;
    }
    if let Some(rest) = path.strip_prefix("/__sandbox/") {
        return Target::Admin(rest);
    }
    let trimmed = &path[1..];
    let (host, rest) = match trimmed.find('/') {
        Some(i) => (&trimmed[..i], &trimmed[i..]),
        None => (trimmed, "/"),
    };
    if let Some((kind, region)) = tokens::endpoint(host, rest) {
        return Target::Token(kind, region);
    }
    if host == "creatorsapi.amazon" {
        return Target::Creators(rest);
    }
    if host.starts_with("webservices.amazon.") {
        return Target::Paapi(host, rest);
    }
    Target::Unknown
}

/// The error name of an answer, for the counters.
fn error_name(reply: &Reply) -> String {
    let body: Value = serde_json::from_slice(&reply.body).unwrap_or(Value::Null);
    if let Some(e) = body["error"].as_str() {
        return e.to_string();
    }
    if let Some(t) = body["type"].as_str() {
        return match body["reason"].as_str() {
            Some(r) => format!("{t}/{r}"),
            None => t.to_string(),
        };
    }
    if let Some(code) = body["Errors"][0]["Code"].as_str() {
        return format!("paapi5/{code}");
    }
    format!("HTTP {}", reply.status)
}

/// Answers one request.
pub(crate) fn route(state: &State, req: &Req) -> Reply {
    state.stats(|s| s.requests += 1);
    let settings = state.settings();
    let t = target(&req.path);
    let is_api = matches!(t, Target::Creators(_) | Target::Paapi(..));
    let mut reply = match t {
        Target::Admin(rest) => return admin::handle(state, req, rest),
        Target::Index => return index(state, req),
        Target::Token(kind, region) => {
            if settings.outage || settings.token_outage {
                unavailable_token(kind)
            } else {
                tokens::handle(state, req, kind, region)
            }
        }
        Target::Creators(rest) => {
            if settings.outage {
                creators::error(
                    503,
                    "ServiceUnavailableException",
                    None,
                    "Service Unavailable",
                )
            } else {
                creators::handle(state, req, rest)
            }
        }
        Target::Paapi(host, rest) => {
            if settings.outage {
                paapi::error(
                    503,
                    "ServiceUnavailableException",
                    "ServiceUnavailable",
                    "The service is currently unavailable. Please retry again.",
                )
            } else {
                paapi::handle(state, req, host, rest)
            }
        }
        Target::Unknown => Reply::json(
            404,
            &json!({"message": format!("The sandbox does not serve {}; see GET / for its endpoints.", req.path)}),
        ),
    };
    if is_api && reply.status == 200 && state.next_answer_truncated() {
        state.stats(|s| s.injected_faults += 1);
        let half = reply.body.len() / 2;
        reply.body.truncate(half);
    }
    if reply.status >= 400 {
        let name = error_name(&reply);
        let status = reply.status;
        state.stats(|s| {
            *s.errors.entry(name).or_default() += 1;
            *s.errors_by_status.entry(status).or_default() += 1;
        });
    }
    reply.delay = Duration::from_millis(settings.latency_ms);
    reply.with_header("x-amzn-RequestId", state.request_id())
}

fn unavailable_token(kind: crate::config::Kind) -> Reply {
    let body = match kind {
        crate::config::Kind::Cognito => json!({"error": "temporarily_unavailable"}),
        crate::config::Kind::Lwa => json!({
            "error_description": "The authorization server is temporarily unavailable",
            "error": "temporarily_unavailable",
        }),
    };
    Reply::json(503, &body)
}

fn index(state: &State, req: &Req) -> Reply {
    let base = req.base_url(&state.fallback_base());
    Reply::json(
        200,
        &json!({
            "service": "asa2-sandbox: a local stand-in for Amazon's Creators API, its token endpoints and PA-API 5.0",
            "wp_config": format!("define( 'ASA2_API_BASE', '{base}' );"),
            "token_endpoints": [
                format!("{base}/creatorsapi.auth.us-east-1.amazoncognito.com/oauth2/token"),
                format!("{base}/creatorsapi.auth.eu-south-2.amazoncognito.com/oauth2/token"),
                format!("{base}/creatorsapi.auth.us-west-2.amazoncognito.com/oauth2/token"),
                format!("{base}/api.amazon.com/auth/o2/token"),
                format!("{base}/api.amazon.co.uk/auth/o2/token"),
                format!("{base}/api.amazon.co.jp/auth/o2/token"),
            ],
            "creators_api": format!("{base}/creatorsapi.amazon/catalog/v1/{{getItems,searchItems,getVariations,getBrowseNodes}}"),
            "paapi5": format!("{base}/webservices.amazon.{{tld}}/paapi5/{{getitems,searchitems,getvariations,getbrowsenodes}}"),
            "sandbox": ["GET /__sandbox/health", "GET /__sandbox/stats", "POST /__sandbox/reset", "GET|POST /__sandbox/config", "GET /__sandbox/img/{ASIN}-{small|medium|large|highres}.svg"],
            "special_asins": {"B0NA…": "ItemNotAccessible", "B0NF…": "ItemNotFound (PA-API: InvalidParameterValue)"},
            "special_keywords": {"noresults": "SearchItems finds nothing (404)"},
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_route_by_host() {
        assert!(matches!(
            target("/api.amazon.co.uk/auth/o2/token"),
            Target::Token(..)
        ));
        assert!(matches!(
            target("/api.amazon.co.uk/auth/o2/tokens"),
            Target::Unknown
        ));
        assert!(matches!(
            target("/creatorsapi.amazon/catalog/v1/getItems"),
            Target::Creators("/catalog/v1/getItems")
        ));
        assert!(matches!(
            target("/webservices.amazon.de/paapi5/getitems"),
            Target::Paapi("webservices.amazon.de", "/paapi5/getitems")
        ));
        assert!(matches!(target("/__sandbox/stats"), Target::Admin("stats")));
        assert!(matches!(target("/"), Target::Index));
        assert!(matches!(target("/x"), Target::Unknown));
        assert!(matches!(target("*"), Target::Unknown));
        assert!(matches!(target("é/x"), Target::Unknown));
    }
}
