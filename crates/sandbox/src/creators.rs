//! The Creators API (`creatorsapi.amazon/catalog/v1/*`): bearer tokens, `x-marketplace`,
//! partner tags, limits and faults, then the operation. Errors use the flat bodies of spec
//! §4.3 (`{"type","message","reason"}`).

use asa2_core::{Marketplace, Operation, SourceApi};
use serde_json::{Value, json};

use crate::config::Kind;
use crate::http::{Reply, Req};
use crate::locale::language;
use crate::operations::{self, Answer};
use crate::render::Ctx;
use crate::request::{self, Problem};
use crate::state::{State, TokenProblem};

/// The operation behind a Creators API path (`/catalog/v1/getItems`).
pub(crate) fn operation(path: &str) -> Option<Operation> {
    Operation::ALL
        .into_iter()
        .find(|op| op.creators_path() == path)
}

/// A flat Creators API error body.
pub(crate) fn error(status: u16, kind: &str, reason: Option<&str>, message: &str) -> Reply {
    let mut body = json!({"type": kind, "message": message});
    if let Some(r) = reason {
        body["reason"] = json!(r);
    }
    Reply::json(status, &body).with_header("x-amzn-ErrorType", kind)
}

fn unauthorized(reason: &str, message: &str) -> Reply {
    error(401, "UnauthorizedException", Some(reason), message)
}

fn validation(problems: &[Problem]) -> Reply {
    let first = problems
        .first()
        .map(Problem::creators_message)
        .unwrap_or_default();
    let message = if problems.len() == 1 {
        format!("1 validation error detected: {first}")
    } else {
        format!("{} validation errors detected: {first}", problems.len())
    };
    let fields: Vec<Value> = problems
        .iter()
        .map(|p| json!({"name": p.field, "message": p.creators_message()}))
        .collect();
    Reply::json(
        400,
        &json!({"type": "ValidationException", "message": message, "reason": "FieldValidationFailed", "fieldList": fields}),
    )
    .with_header("x-amzn-ErrorType", "ValidationException")
}

/// Checks the `Authorization` header; the credential index or the 401 answer.
fn authorize(state: &State, req: &Req) -> Result<usize, Reply> {
    let Some(header) = req.header("authorization") else {
        return Err(unauthorized(
            "MissingCredential",
            "Authorization header is missing: send \"Bearer <access token>, Version <version>\" for Cognito (2.x) credentials or \"Bearer <access token>\" for LWA (3.x) credentials.",
        ));
    };
    let Some(rest) = header.trim().strip_prefix("Bearer ") else {
        return Err(unauthorized(
            "InvalidToken",
            "Authorization header must start with \"Bearer \".",
        ));
    };
    let (token, version) = match rest.split_once(',') {
        Some((t, v)) => (t.trim(), Some(v.trim())),
        None => (rest.trim(), None),
    };
    let cred = match state.check_token(token) {
        Ok(c) => c,
        Err(TokenProblem::Expired) => {
            return Err(unauthorized(
                "TokenExpired",
                "The access token has expired.",
            ));
        }
        Err(TokenProblem::Unknown) => {
            return Err(unauthorized("InvalidToken", "The access token is invalid."));
        }
    };
    let c = &state.creds[cred];
    let expected = format!("Version {}", c.version);
    match (c.kind, version) {
        (Kind::Cognito, None) => {
            return Err(unauthorized(
                "InvalidToken",
                &format!(
                    "Tokens of Cognito credentials must be sent as \"Bearer <access token>, {expected}\"."
                ),
            )
            .with_credential(&c.id));
        }
        (_, Some(v)) if v != expected => {
            return Err(unauthorized(
                "InvalidToken",
                &format!("The Authorization header says \"{v}\", but the token belongs to a credential of version {}.", c.version),
            )
            .with_credential(&c.id));
        }
        _ => {}
    }
    Ok(cred)
}

/// Answers one Creators API call.
pub(crate) fn handle(state: &State, req: &Req, path: &str) -> Reply {
    let Some(op) = operation(path) else {
        return error(
            400,
            "ValidationException",
            Some("UnknownOperation"),
            &format!(
                "{path} is not an operation: use /catalog/v1/getItems, /catalog/v1/searchItems, /catalog/v1/getVariations or /catalog/v1/getBrowseNodes."
            ),
        );
    };
    if req.method != "POST" {
        return error(
            400,
            "ValidationException",
            Some("UnknownOperation"),
            &format!("{} must be called with POST.", op.name()),
        );
    }
    state.stats(|s| {
        *s.api_calls_by_operation
            .entry(op.name().into())
            .or_default() += 1;
        *s.api_calls_by_api.entry("creators".into()).or_default() += 1;
    });
    let cred_index = match authorize(state, req) {
        Ok(c) => c,
        Err(reply) => return reply,
    };
    let cred = &state.creds[cred_index];
    state.stats(|s| {
        *s.api_calls_by_credential
            .entry(cred.id.clone())
            .or_default() += 1
    });
    let reply = handle_authorized(state, req, op, cred_index);
    reply.with_credential(&cred.id)
}

fn handle_authorized(state: &State, req: &Req, op: Operation, cred_index: usize) -> Reply {
    let cred = &state.creds[cred_index];
    if state.not_eligible(&cred.id) {
        // Amazon's body, byte for byte (ISSUE144 capture).
        return Reply::raw(
            403,
            "application/json",
            br#"{"message":"Your account does not currently meet the eligibility requirements.","reason":"AssociateNotEligible","type":"AccessDeniedException"}"#.to_vec(),
        )
        .with_header("x-amzn-ErrorType", "AccessDeniedException");
    }
    if let Err(retry) = state.take_rate(&cred.id) {
        state.stats(|s| s.throttled += 1);
        return Reply::raw(
            429,
            "application/json",
            br#"{"message":"Request rate limit exceeded.","type":"ThrottleException"}"#.to_vec(),
        )
        .with_header("Retry-After", retry.to_string())
        .with_header("x-amzn-ErrorType", "ThrottleException");
    }
    if !state.take_daily(&cred.id) {
        // Amazon has published no quota answer for the Creators API: the throttle shape with
        // the reason `QuotaExceeded`, which asa2-core reads as a quota answer.
        return Reply::raw(
            429,
            "application/json",
            br#"{"message":"Daily request quota exceeded for these credentials.","reason":"QuotaExceeded","type":"ThrottleException"}"#.to_vec(),
        )
        .with_header("x-amzn-ErrorType", "ThrottleException");
    }
    if state.next_call_fails() {
        state.stats(|s| s.injected_faults += 1);
        let status = state.settings().error_status;
        return error(
            status,
            "InternalServerException",
            None,
            "An internal error occurred. Please retry the request.",
        );
    }
    let Some(host) = req
        .header("x-marketplace")
        .map(str::trim)
        .filter(|h| !h.is_empty())
    else {
        return validation(&[Problem {
            field: "x-marketplace".into(),
            missing: true,
            value: String::new(),
            constraint: String::new(),
        }]);
    };
    let Some(m) = Marketplace::from_host(host).filter(|_| host.starts_with("www.")) else {
        return validation(&[Problem {
            field: "x-marketplace".into(),
            missing: false,
            value: host.to_string(),
            constraint: "Member must be a marketplace host such as www.amazon.de".into(),
        }]);
    };
    state.stats(|s| {
        *s.api_calls_by_marketplace
            .entry(m.code().into())
            .or_default() += 1
    });
    if !cred.allows(m) {
        return error(
            403,
            "AccessDeniedException",
            Some("AuthorizationFailed"),
            &format!(
                "This credential (version {}, region {}) is not authorized for marketplace {}. Use the credential created in that marketplace's Associates Central.",
                cred.version,
                cred.region,
                m.host()
            ),
        );
    }
    let body: Value = if req.body.is_empty() {
        json!({})
    } else {
        match serde_json::from_slice(&req.body) {
            Ok(v) => v,
            Err(e) => {
                return error(
                    400,
                    "ValidationException",
                    Some("CannotParse"),
                    &format!("The request body is not valid JSON: {e}"),
                );
            }
        }
    };
    let Some(map) = body.as_object() else {
        return error(
            400,
            "ValidationException",
            Some("CannotParse"),
            "The request body must be a JSON object.",
        );
    };
    let r = match request::parse(op, SourceApi::Creators, map) {
        Ok(r) => r,
        Err(problems) => return validation(&problems),
    };
    if let Some(tag) = &r.partner_tag
        && !cred.tags.iter().any(|t| t == tag)
    {
        let message = format!(
            "The partner tag {tag} is not mapped to a valid associate store with your credentials for {}. Use a tracking ID of the Associates account that created this credential.",
            m.host()
        );
        return Reply::json(
            400,
            &json!({"type": "ValidationException", "message": message, "reason": "InvalidPartnerTag",
                    "fieldList": [{"name": "partnerTag", "message": message}]}),
        )
        .with_header("x-amzn-ErrorType", "ValidationException");
    }
    let base = req.base_url(&state.fallback_base());
    let ctx = Ctx {
        partner_tag: r.partner_tag.as_deref(),
        base: &base,
        language: language(m, r.language.as_deref()),
        variation_attributes: op == Operation::GetVariations,
    };
    if op == Operation::GetItems {
        state.count_get_items(m, &r.item_ids);
    }
    match operations::run(state.seed, op, m, &r, &ctx) {
        Ok(Answer { mut result, errors }) => {
            if !errors.is_empty() {
                result["errors"] = errors.iter().map(|e| e.creators()).collect();
            }
            Reply::json(200, &result)
        }
        Err(operations::NoResults(what)) => Reply::json(
            404,
            &json!({"type": "ResourceNotFoundException", "message": "No results found for your request.",
                    "resourceId": what, "resourceType": if op == Operation::SearchItems { "SearchResult" } else { "Item" }}),
        )
        .with_header("x-amzn-ErrorType", "ResourceNotFoundException"),
    }
}
