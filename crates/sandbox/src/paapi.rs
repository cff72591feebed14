//! PA-API 5.0 (`webservices.amazon.xx/paapi5/*`): AWS SigV4, access keys mapped to associate
//! stores, limits and faults, then the same operations as the Creators API answered in
//! PascalCase with PA-API's `{"__type", "Errors": [{"Code", "Message"}]}` error bodies.

use asa2_core::{Marketplace, Operation, SourceApi};
use serde_json::{Value, json};

use crate::http::{Reply, Req};
use crate::locale::language;
use crate::operations::{self, Answer};
use crate::render::{Ctx, to_paapi};
use crate::request::{self, Problem};
use crate::sigv4_check::{SignatureProblem, verify};
use crate::state::State;

const SIGNING_HELP: &str = "If you are using an AWS SDK, requests are signed for you automatically; otherwise, go to https://webservices.amazon.com/paapi5/documentation/sending-request.html#signing.";

/// A PA-API error body: `{"__type": "com.amazon.paapi5#<Type>", "Errors": [{Code, Message}]}`.
pub(crate) fn error(status: u16, exception: &str, code: &str, message: &str) -> Reply {
    Reply::json(
        status,
        &json!({
            "__type": format!("com.amazon.paapi5#{exception}"),
            "Errors": [{"Code": code, "Message": message}],
        }),
    )
}

/// The answer for an access key Amazon does not accept (unknown, or PA-API retired).
fn refused_key() -> Reply {
    error(
        401,
        "UnrecognizedClientException",
        "UnrecognizedClient",
        "The Access Key ID or security token included in the request is invalid.",
    )
}

fn validation(problems: &[Problem]) -> Reply {
    let errors: Vec<Value> = problems
        .iter()
        .map(|p| {
            if p.missing {
                json!({"Code": "MissingParameter", "Message": format!("The request must contain the parameter {}.", p.field)})
            } else {
                json!({"Code": "InvalidParameterValue", "Message": format!("The value [{}] provided in the request for {} is invalid. {}", p.value, p.field, p.constraint)})
            }
        })
        .collect();
    let exception = if problems.first().is_some_and(|p| p.missing) {
        "MissingParameterException"
    } else {
        "InvalidParameterValueException"
    };
    Reply::json(
        400,
        &json!({"__type": format!("com.amazon.paapi5#{exception}"), "Errors": errors}),
    )
}

/// Answers one PA-API call to `host` (`webservices.amazon.de`) and `path` (`/paapi5/getitems`).
pub(crate) fn handle(state: &State, req: &Req, host: &str, path: &str) -> Reply {
    let Some(m) = Marketplace::all().find(|m| m.info().paapi_host == host) else {
        return error(
            404,
            "UnknownOperationException",
            "UnknownOperation",
            "The requested host is not a PA-API 5.0 endpoint.",
        );
    };
    let Some(op) = Operation::ALL
        .into_iter()
        .find(|op| op.paapi_path() == path)
    else {
        return error(
            404,
            "UnknownOperationException",
            "UnknownOperation",
            "The operation requested is invalid. Please verify that the operation name is typed correctly.",
        );
    };
    state.stats(|s| {
        *s.api_calls_by_operation
            .entry(op.name().into())
            .or_default() += 1;
        *s.api_calls_by_api.entry("paapi5".into()).or_default() += 1;
        *s.api_calls_by_marketplace
            .entry(m.code().into())
            .or_default() += 1;
    });
    if state.settings().paapi_retired {
        return refused_key();
    }
    let skew = state.settings().clock_skew_secs;
    let key_index = match verify(state, req, host, path, m.info().paapi_region, skew) {
        Ok(k) => k,
        Err(SignatureProblem::Incomplete(why)) => {
            return error(
                400,
                "IncompleteSignatureException",
                "IncompleteSignature",
                &format!(
                    "The request signature did not include all of the required components ({why}). {SIGNING_HELP}"
                ),
            );
        }
        Err(SignatureProblem::UnknownKey) => return refused_key(),
        Err(SignatureProblem::Mismatch) => {
            return error(
                401,
                "InvalidSignatureException",
                "InvalidSignature",
                &format!("The request has not been correctly signed. {SIGNING_HELP}"),
            );
        }
        Err(SignatureProblem::Expired(why)) => {
            return error(401, "InvalidSignatureException", "InvalidSignature", &why);
        }
    };
    let key = &state.paapi_keys[key_index];
    state.stats(|s| {
        *s.api_calls_by_credential
            .entry(key.access_key.clone())
            .or_default() += 1
    });
    handle_signed(state, req, op, m, key_index).with_credential(&key.access_key)
}

fn handle_signed(
    state: &State,
    req: &Req,
    op: Operation,
    m: Marketplace,
    key_index: usize,
) -> Reply {
    let key = &state.paapi_keys[key_index];
    if state.not_eligible(&key.access_key) {
        return error(
            403,
            "AccessDeniedException",
            "AssociateNotEligible",
            "Your account does not currently meet the eligibility requirements to access the Product Advertising API. You can find more details on eligibility requirements at https://webservices.amazon.com/paapi5/documentation/troubleshooting/api-rates.html.",
        );
    }
    if state.take_rate(&key.access_key).is_err() {
        state.stats(|s| s.throttled += 1);
        return error(
            429,
            "TooManyRequestsException",
            "TooManyRequests",
            "The request was denied due to request throttling. Please verify the number of requests made per second to the Amazon Product Advertising API.",
        );
    }
    if !state.take_daily(&key.access_key) {
        // PA-API 5.0 answers a used-up daily budget like a rate refusal.
        return error(
            429,
            "TooManyRequestsException",
            "TooManyRequests",
            "The request was denied due to request throttling. Please verify the number of requests made per second to the Amazon Product Advertising API.",
        );
    }
    if state.next_call_fails() {
        state.stats(|s| s.injected_faults += 1);
        return error(
            state.settings().error_status,
            "InternalFailureException",
            "InternalFailure",
            "The request processing has failed because of an unknown error, exception or failure. Please retry again.",
        );
    }
    if req.header("x-amz-target") != Some(op.paapi_target()) {
        return error(
            400,
            "UnknownOperationException",
            "UnknownOperation",
            &format!(
                "The operation requested is invalid. The x-amz-target header must be {} for {}.",
                op.paapi_target(),
                op.paapi_path()
            ),
        );
    }
    let body: Value = match serde_json::from_slice(&req.body) {
        Ok(v) => v,
        Err(_) => {
            return error(
                400,
                "InvalidParameterValueException",
                "InvalidParameterValue",
                "The request body is not valid JSON.",
            );
        }
    };
    let Some(map) = body.as_object() else {
        return error(
            400,
            "InvalidParameterValueException",
            "InvalidParameterValue",
            "The request body must be a JSON object.",
        );
    };
    let r = match request::parse(op, SourceApi::PaApi5, map) {
        Ok(r) => r,
        Err(problems) => return validation(&problems),
    };
    if let Some(market) = map.get("Marketplace").and_then(Value::as_str)
        && Marketplace::from_host(market) != Some(m)
    {
        return error(
            400,
            "InvalidParameterValueException",
            "InvalidParameterValue",
            &format!(
                "The value [{market}] provided in the request for Marketplace is invalid for host {}.",
                m.info().paapi_host
            ),
        );
    }
    if !key.marketplaces.contains(&m) {
        return error(
            401,
            "InvalidAssociateException",
            "InvalidAssociate",
            &format!(
                "Your access key is not mapped to Primary of approved associate store. Please sign up at {}.",
                m.info().associates_url
            ),
        );
    }
    let tag = r.partner_tag.clone().unwrap_or_default();
    if !key.tags.contains(&tag) {
        return error(
            400,
            "InvalidPartnerTagException",
            "InvalidPartnerTag",
            &format!(
                "The partner tag is not mapped to a valid associate store with your access key {}. Please visit associates central at {}/assoc_credentials/home",
                key.access_key,
                m.info().associates_url
            ),
        );
    }
    let base = req.base_url(&state.fallback_base());
    let ctx = Ctx {
        partner_tag: Some(&tag),
        base: &base,
        language: language(m, r.language.as_deref()),
        variation_attributes: op == Operation::GetVariations,
    };
    if op == Operation::GetItems {
        state.count_get_items(m, &r.item_ids);
    }
    match operations::run(state.seed, op, m, &r, &ctx) {
        Ok(Answer { result, errors }) => {
            let mut out = to_paapi(&result);
            if !errors.is_empty() {
                out["Errors"] = errors.iter().map(|e| e.paapi()).collect();
            }
            Reply::json(200, &out)
        }
        Err(_) => error(
            404,
            "ResourceNotFoundException",
            "NoResults",
            "No results found for your request.",
        ),
    }
}
