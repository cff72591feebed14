//! Amazon's error answers, from the Creators API and PA-API 5.0, as one typed error.
//!
//! [`ApiError::from_creators`] and [`ApiError::from_paapi`] read the HTTP status, headers and
//! body of a failed call. Both understand the Creators API's flat bodies
//! (`{"type":"ValidationException","reason":"InvalidPartnerTag","message":...}`), the legacy
//! `__type` form (`com.amazon.creators#UnauthorizedException`) and PA-API 5.0 bodies
//! (`{"__type":"com.amazon.paapi5#...","Errors":[{"Code":...,"Message":...}]}`). Messages say
//! what happened and what to do; they never contain a secret or a token, and text Amazon sent
//! is shortened and scrubbed of anything that looks like one.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::message::{Message, Param, Template, message};
use crate::messages;

use crate::http::RetryAfter;
use crate::redact::scrub;
use crate::retry::RetryKind;
use crate::source_api::SourceApi;

/// Longest excerpt of an unexpected body kept in an error.
const EXCERPT_CHARS: usize = 200;

/// The reason of a 429 that says a daily request quota is used up (the sandbox's answer; Amazon
/// has published no quota code for the Creators API, so API Gateway's `Limit Exceeded` counts too).
pub(crate) const QUOTA_EXCEEDED: &str = "QuotaExceeded";

/// A failed Creators API or PA-API 5.0 call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ApiError {
    /// HTTP 401 from the Creators API: the access token expired or was refused. Fetch a new
    /// token and retry once.
    Unauthorized {
        /// HTTP status of the answer.
        status: u16,
        /// Amazon's reason (`TokenExpired`, `InvalidToken`, ...).
        reason: String,
        /// Amazon's message, scrubbed.
        message: String,
    },
    /// The credentials themselves were refused (PA-API `InvalidSignature`,
    /// `UnrecognizedClient`; Creators API `InvalidIssuer`, `InvalidClient`, ...). Retrying
    /// does not help; the site owner must fix the settings.
    InvalidCredentials {
        /// HTTP status of the answer.
        status: u16,
        /// Amazon's code or reason.
        code: String,
        /// Amazon's message, scrubbed.
        message: String,
    },
    /// HTTP 429: too many requests for these credentials.
    Throttled {
        /// HTTP status of the answer.
        status: u16,
        /// How long Amazon asked to wait (`Retry-After` or `retryAfterSeconds`); see
        /// [`ApiError::retry_after_seconds`].
        retry_after: Option<RetryAfter>,
        /// Amazon's message, scrubbed.
        message: String,
        /// Whether Amazon said a quota (a daily budget) is used up rather than the rate
        /// exceeded: its code is [`QUOTA_EXCEEDED`], or API Gateway's usage-plan answer
        /// `Limit Exceeded`. Retrying the same day does not help.
        quota: bool,
    },
    /// HTTP 403 `AssociateNotEligible`: the Associates account lacks the qualifying sales.
    NotEligible {
        /// HTTP status of the answer.
        status: u16,
        /// Amazon's message, scrubbed.
        message: String,
    },
    /// Any other HTTP 403: access denied.
    AccessDenied {
        /// HTTP status of the answer.
        status: u16,
        /// Amazon's code or reason (`AuthorizationFailed`, `AccessDeniedException`, ...).
        code: String,
        /// Amazon's message, scrubbed.
        message: String,
    },
    /// HTTP 400: a parameter was refused.
    InvalidParameter {
        /// HTTP status of the answer.
        status: u16,
        /// Amazon's reason or code (`InvalidPartnerTag`, `FieldValidationFailed`,
        /// `InvalidParameterValue`, ...).
        reason: String,
        /// Amazon's message, scrubbed.
        message: String,
        /// The form or parameter field it is about (`partner_tag`, `asins`, ...), when known.
        field: Option<String>,
    },
    /// HTTP 404: nothing found (`ResourceNotFoundException`, PA-API `NoResults`).
    NotFound {
        /// HTTP status of the answer.
        status: u16,
        /// Amazon's code (`ResourceNotFoundException`, `NoResults`, `ItemNotAccessible`).
        code: String,
        /// Amazon's message, scrubbed.
        message: String,
        /// The ID Amazon did not find, when it said.
        resource_id: Option<String>,
    },
    /// HTTP 5xx: Amazon failed; retrying later usually helps.
    Server {
        /// HTTP status.
        status: u16,
        /// Amazon's code (`InternalServerException`), or `ServerError`.
        code: String,
        /// Amazon's message, scrubbed.
        message: String,
        /// How long Amazon asked to wait, when it said.
        retry_after: Option<RetryAfter>,
    },
    /// An answer that could not be read (not JSON, cut off, wrong shape).
    MalformedResponse {
        /// HTTP status.
        status: u16,
        /// What is wrong with it.
        detail: String,
        /// Whether the body ended in the middle (a network problem, worth retrying).
        truncated: bool,
    },
    /// An answer no rule covers.
    Unexpected {
        /// HTTP status.
        status: u16,
        /// Start of the body (at most 200 characters, scrubbed).
        excerpt: String,
    },
}

impl ApiError {
    /// Reads a failed Creators API answer.
    ///
    /// `headers` are name/value pairs in any case. A 2xx status with a readable, non-error body
    /// is reported as [`ApiError::MalformedResponse`]: call this only for answers that failed.
    pub fn from_creators(status: u16, headers: &[(String, String)], body: &[u8]) -> ApiError {
        ApiError::from_answer(SourceApi::Creators, status, headers, body)
    }

    /// Reads a failed PA-API 5.0 answer.
    pub fn from_paapi(status: u16, headers: &[(String, String)], body: &[u8]) -> ApiError {
        ApiError::from_answer(SourceApi::PaApi5, status, headers, body)
    }

    /// Reads a failed answer of `api`: the same code means different things in each API.
    pub fn from_answer(
        api: SourceApi,
        status: u16,
        headers: &[(String, String)],
        body: &[u8],
    ) -> ApiError {
        classify(api, status, headers, body)
    }

    /// An answer whose body could not be read as expected (for the response normalizers).
    /// `detail` should say what was wrong; it must not contain secrets.
    pub fn malformed(status: u16, detail: impl Into<String>) -> ApiError {
        ApiError::MalformedResponse {
            status,
            detail: detail.into(),
            truncated: false,
        }
    }

    /// Amazon's reason or code (`InvalidPartnerTag`, `TokenExpired`, `ThrottleException`,
    /// `AssociateNotEligible`, ...), or one of `MalformedResponse`, `UnexpectedResponse` when
    /// Amazon gave none.
    pub fn code(&self) -> &str {
        match self {
            ApiError::Unauthorized { reason, .. } => reason,
            ApiError::InvalidCredentials { code, .. } => code,
            ApiError::Throttled { quota: true, .. } => QUOTA_EXCEEDED,
            ApiError::Throttled { .. } => "ThrottleException",
            ApiError::NotEligible { .. } => "AssociateNotEligible",
            ApiError::AccessDenied { code, .. } => code,
            ApiError::InvalidParameter { reason, .. } => reason,
            ApiError::NotFound { code, .. } => code,
            ApiError::Server { code, .. } => code,
            ApiError::MalformedResponse { .. } => "MalformedResponse",
            ApiError::Unexpected { .. } => "UnexpectedResponse",
        }
    }

    /// The HTTP status of the answer.
    pub fn http_status(&self) -> u16 {
        match self {
            ApiError::Unauthorized { status, .. }
            | ApiError::InvalidCredentials { status, .. }
            | ApiError::Throttled { status, .. }
            | ApiError::NotEligible { status, .. }
            | ApiError::AccessDenied { status, .. }
            | ApiError::InvalidParameter { status, .. }
            | ApiError::NotFound { status, .. }
            | ApiError::Server { status, .. }
            | ApiError::MalformedResponse { status, .. }
            | ApiError::Unexpected { status, .. } => *status,
        }
    }

    /// The form or parameter field the error is about (`partner_tag`, `asins`, ...).
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiError::InvalidParameter { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// Amazon's own message (scrubbed, shortened), when it sent one.
    pub fn amazon_message(&self) -> Option<&str> {
        let m = match self {
            ApiError::Unauthorized { message, .. }
            | ApiError::InvalidCredentials { message, .. }
            | ApiError::Throttled { message, .. }
            | ApiError::NotEligible { message, .. }
            | ApiError::AccessDenied { message, .. }
            | ApiError::InvalidParameter { message, .. }
            | ApiError::NotFound { message, .. }
            | ApiError::Server { message, .. } => message,
            ApiError::MalformedResponse { .. } | ApiError::Unexpected { .. } => return None,
        };
        (!m.is_empty()).then_some(m.as_str())
    }

    /// Whether and how the call may be retried (see `RetryPolicy`).
    pub fn retry_kind(&self) -> Option<RetryKind> {
        match self {
            ApiError::Unauthorized { .. } => Some(RetryKind::Token),
            ApiError::Throttled { .. } => Some(RetryKind::Throttled),
            ApiError::Server { status, .. } if *status != 501 && *status != 505 => {
                Some(RetryKind::Server)
            }
            ApiError::MalformedResponse {
                truncated: true, ..
            } => Some(RetryKind::Network),
            _ => None,
        }
    }

    /// Seconds to wait before retrying, as Amazon asked, given the current unix time (needed
    /// when `Retry-After` was an HTTP date).
    pub fn retry_after_seconds(&self, now: u64) -> Option<u64> {
        match self {
            ApiError::Throttled { retry_after, .. } | ApiError::Server { retry_after, .. } => {
                retry_after.map(|r| r.seconds_from(now))
            }
            _ => None,
        }
    }

    /// What the site owner should do, for the errors only they can fix.
    pub fn hint(&self) -> Option<String> {
        self.hint_message().map(|m| m.text)
    }

    /// [`ApiError::hint`] as a coded message.
    pub fn hint_message(&self) -> Option<Message> {
        match self {
            ApiError::InvalidCredentials { code, .. } => Some(credentials_hint(code).plain()),
            ApiError::NotEligible { .. } => Some(messages::API_HINT_NOT_ELIGIBLE.plain()),
            ApiError::InvalidParameter { field: Some(f), .. } if f == "partner_tag" => {
                Some(messages::API_HINT_PARTNER_TAG.plain())
            }
            _ => None,
        }
    }

    /// What happened and what to do, as a coded message (its English is the error's text).
    /// Amazon's own words are the parameter `amazon_said` (a message with `message`).
    pub fn message(&self) -> Message {
        match self {
            ApiError::Unauthorized {
                reason, message, ..
            } => {
                let template = if reason == "TokenExpired" {
                    messages::API_TOKEN_EXPIRED
                } else {
                    messages::API_TOKEN_REFUSED
                };
                message!(template, reason = reason, amazon_said = said(message))
            }
            ApiError::InvalidCredentials { code, message, .. } => message!(
                messages::API_CREDENTIALS_REFUSED,
                code = code,
                amazon_said = said(message),
                hint = credentials_hint(code).plain()
            ),
            ApiError::Throttled { retry_after, .. } => {
                let wait = match retry_after {
                    Some(RetryAfter::Seconds(s)) => {
                        message!(messages::API_WAIT_SECONDS, seconds = s)
                    }
                    _ => messages::API_WAIT_MOMENT.plain(),
                };
                message!(messages::API_THROTTLED, wait = wait)
            }
            ApiError::NotEligible { .. } => messages::API_NOT_ELIGIBLE.plain(),
            ApiError::AccessDenied { code, message, .. } => message!(
                messages::API_ACCESS_DENIED,
                code = code,
                amazon_said = said(message)
            ),
            ApiError::InvalidParameter {
                reason,
                message,
                field,
                ..
            } => match field.as_deref() {
                Some("partner_tag") => message!(
                    messages::API_PARTNER_TAG_REFUSED,
                    reason = reason,
                    amazon_said = said(message),
                    hint = messages::API_HINT_PARTNER_TAG.plain()
                ),
                Some(f) => message!(
                    messages::API_PARAMETER_REFUSED_FIELD,
                    field = f,
                    reason = reason,
                    amazon_said = said(message)
                ),
                None => message!(
                    messages::API_PARAMETER_REFUSED,
                    reason = reason,
                    amazon_said = said(message)
                ),
            },
            ApiError::NotFound { code, message, .. } => message!(
                messages::API_NOT_FOUND,
                code = code,
                amazon_said = said(message)
            ),
            ApiError::Server {
                status, message, ..
            } => message!(
                messages::API_SERVER_FAILED,
                status = status,
                amazon_said = amazon_words(messages::AMAZON_SAID_PLAIN, message)
            ),
            ApiError::MalformedResponse { status, detail, .. } => {
                message!(messages::API_MALFORMED, status = status, detail = detail)
            }
            ApiError::Unexpected { status, excerpt } => message!(
                messages::API_UNEXPECTED,
                status = status,
                excerpt = amazon_words(messages::AMAZON_SAID_QUOTED, excerpt)
            ),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().text)
    }
}

impl std::error::Error for ApiError {}

fn credentials_hint(code: &str) -> Template {
    match code {
        "InvalidSignature" | "IncompleteSignature" => messages::API_HINT_SIGNATURE,
        "UnrecognizedClient" | "InvalidClientTokenId" | "MissingAuthenticationToken" => {
            messages::API_HINT_ACCESS_KEY
        }
        "RequestExpired" => messages::API_HINT_CLOCK,
        "InvalidIssuer" | "UnsupportedClient" => messages::API_HINT_TOKEN_MISMATCH,
        _ => messages::API_HINT_CREDENTIALS,
    }
}

/// Amazon's words in `template` (which has `{message}`), or nothing when Amazon sent none.
pub(crate) fn amazon_words(template: Template, words: &str) -> Param {
    if words.is_empty() {
        Param::Text(String::new())
    } else {
        Param::from(message!(template, message = words))
    }
}

/// Amazon's words after the sentence that explains them.
fn said(words: &str) -> Param {
    amazon_words(messages::AMAZON_SAID, words)
}

/// What an error body says, in either API's shape.
#[derive(Debug, Default)]
struct Body {
    /// `type` / `__type` without namespace (`ValidationException`).
    kind: Option<String>,
    /// Creators `reason`, or PA-API `Errors[0].Code`.
    code: Option<String>,
    message: Option<String>,
    /// First field named in Creators `fieldList`.
    field: Option<String>,
    resource_id: Option<String>,
    retry_after: Option<u64>,
}

impl Body {
    fn read(value: &Value) -> Option<Body> {
        let obj = value.as_object()?;
        let text = |keys: &[&str]| -> Option<String> {
            keys.iter()
                .find_map(|k| obj.get(*k).and_then(Value::as_str))
                .map(str::to_string)
                .filter(|s| !s.trim().is_empty())
        };
        let kind = text(&["type", "__type", "Type"]).map(|t| strip_namespace(&t));
        let first_error = obj
            .get("Errors")
            .or_else(|| obj.get("errors"))
            .and_then(Value::as_array)
            .and_then(|list| list.first())
            .and_then(Value::as_object);
        let error_text = |keys: &[&str]| -> Option<String> {
            first_error.and_then(|e| {
                keys.iter()
                    .find_map(|k| e.get(*k).and_then(Value::as_str))
                    .map(str::to_string)
                    .filter(|s| !s.trim().is_empty())
            })
        };
        let code =
            text(&["reason", "Reason", "code", "Code"]).or_else(|| error_text(&["Code", "code"]));
        let message = text(&["message", "Message", "error_description"])
            .or_else(|| error_text(&["Message", "message"]));
        let field = obj
            .get("fieldList")
            .and_then(Value::as_array)
            .and_then(|l| l.first())
            .and_then(|f| f.get("name"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let resource_id = text(&["resourceId"]);
        let retry_after = obj.get("retryAfterSeconds").and_then(|v| match v {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        });
        Some(Body {
            kind,
            code,
            message,
            field,
            resource_id,
            retry_after,
        })
    }

    fn is_error_shaped(&self) -> bool {
        self.kind.is_some() || self.code.is_some()
    }
}

/// `com.amazon.paapi5#TooManyRequestsException` -> `TooManyRequestsException`;
/// `...:http://internal...` suffixes are dropped too.
fn strip_namespace(t: &str) -> String {
    let t = t.rsplit('#').next().unwrap_or(t);
    let t = t.split(':').next().unwrap_or(t);
    t.trim().to_string()
}

/// Amazon's text as an error keeps it: scrubbed of anything that looks like a token or a
/// secret, and at most 200 characters (an ellipsis included).
pub(crate) fn amazon_text(text: &str) -> String {
    let out = scrub(text);
    if out.chars().count() > EXCERPT_CHARS {
        out.chars().take(EXCERPT_CHARS - 1).collect::<String>() + "…"
    } else {
        out
    }
}

/// The parameter field a refusal is about, from Amazon's field name or message.
fn field_for(reason: &str, body_field: Option<&str>, message: &str) -> Option<String> {
    if matches!(reason, "InvalidPartnerTag" | "InvalidAssociate") {
        return Some("partner_tag".into());
    }
    const NAMES: [(&str, &str); 14] = [
        ("partnertag", "partner_tag"),
        ("itemids", "asins"),
        ("itemid", "asins"),
        ("asin", "asin"),
        ("keywords", "keywords"),
        ("searchindex", "search_index"),
        ("itempage", "item_page"),
        ("itemcount", "item_count"),
        ("variationpage", "variation_page"),
        ("variationcount", "variation_count"),
        ("browsenodeids", "browse_node_ids"),
        ("browsenodeid", "browse_node_id"),
        ("resources", "resources"),
        ("sortby", "sort_by"),
    ];
    if let Some(name) = body_field {
        let key: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some((_, f)) = NAMES.iter().find(|(n, _)| *n == key) {
            return Some((*f).to_string());
        }
    }
    // PA-API: "The value [x] provided in the request for ItemIds is invalid."
    let lower = message.to_ascii_lowercase();
    let after_for = lower.split(" for ").nth(1)?;
    let word: String = after_for
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let word = word.rsplit('.').next().unwrap_or(&word);
    NAMES
        .iter()
        .find(|(n, _)| *n == word)
        .map(|(_, f)| (*f).to_string())
}

fn classify(api: SourceApi, status: u16, headers: &[(String, String)], body: &[u8]) -> ApiError {
    let text = String::from_utf8_lossy(body);
    let parsed: Result<Value, serde_json::Error> = serde_json::from_slice(body);
    let info = match &parsed {
        Ok(v) => Body::read(v),
        Err(_) => None,
    };
    let info = info.unwrap_or_default();
    let message = info.message.as_deref().map(amazon_text).unwrap_or_default();
    let kind = info.kind.clone().unwrap_or_default();
    let code = info.code.clone().unwrap_or_default();
    // A reason of "Other" says less than the type (`ValidationException`).
    let name = if code.is_empty() || (code == "Other" && !kind.is_empty()) {
        kind.clone()
    } else {
        code.clone()
    };

    // A 2xx answer only fails when it cannot be read.
    if (200..300).contains(&status) && !info.is_error_shaped() {
        return match parsed {
            Err(e) => malformed_from(status, &e, body.len()),
            Ok(_) => ApiError::malformed(
                status,
                "it is not the error it was read as; read it as a result instead",
            ),
        };
    }

    // Seconds in the header, else seconds in the body, else a date in the header.
    let retry_after = match RetryAfter::from_headers(headers) {
        Some(RetryAfter::Seconds(s)) => Some(RetryAfter::Seconds(s)),
        at => info.retry_after.map(RetryAfter::Seconds).or(at),
    };
    let throttled = || ApiError::Throttled {
        status,
        retry_after,
        message: message.clone(),
        quota: name == QUOTA_EXCEEDED || message.trim().eq_ignore_ascii_case("Limit Exceeded"),
    };

    // Codes that mean the same whatever the status.
    match name.as_str() {
        "TooManyRequests"
        | "TooManyRequestsException"
        | "ThrottleException"
        | "ThrottlingException"
        | "RequestThrottled" => return throttled(),
        "AssociateNotEligible" => {
            return ApiError::NotEligible {
                status,
                message: message.clone(),
            };
        }
        "InvalidPartnerTag" | "InvalidAssociate" => {
            return ApiError::InvalidParameter {
                status,
                field: field_for(&name, None, &message),
                reason: name,
                message,
            };
        }
        "InvalidSignature"
        | "IncompleteSignature"
        | "UnrecognizedClient"
        | "InvalidClientTokenId"
        | "MissingAuthenticationToken"
        | "RequestExpired"
        | "InvalidIssuer"
        | "UnsupportedClient"
        | "InvalidClient"
        | "MissingCredential" => {
            return ApiError::InvalidCredentials {
                status,
                code: name,
                message,
            };
        }
        "NoResults" | "ItemNotAccessible" | "ResourceNotFoundException" => {
            return ApiError::NotFound {
                status,
                code: name,
                message,
                resource_id: info.resource_id.clone(),
            };
        }
        _ => {}
    }

    match status {
        400 => {
            let reason = if name.is_empty() {
                "ValidationException".to_string()
            } else {
                name
            };
            ApiError::InvalidParameter {
                status,
                field: field_for(&reason, info.field.as_deref(), &message),
                reason,
                message,
            }
        }
        401 => match api {
            SourceApi::Creators => ApiError::Unauthorized {
                status,
                reason: if name.is_empty() || name == "UnauthorizedException" {
                    "InvalidToken".to_string()
                } else {
                    name
                },
                message,
            },
            SourceApi::PaApi5 => ApiError::InvalidCredentials {
                status,
                code: if name.is_empty() {
                    "UnrecognizedClient".to_string()
                } else {
                    name
                },
                message,
            },
        },
        403 => ApiError::AccessDenied {
            status,
            code: if name.is_empty() {
                "AccessDeniedException".to_string()
            } else {
                name
            },
            message,
        },
        404 => ApiError::NotFound {
            status,
            code: if name.is_empty() {
                "ResourceNotFoundException".to_string()
            } else {
                name
            },
            message,
            resource_id: info.resource_id,
        },
        429 => throttled(),
        500..=599 => ApiError::Server {
            status,
            code: if name.is_empty() {
                "ServerError".to_string()
            } else {
                name
            },
            message,
            retry_after,
        },
        _ => match parsed {
            Err(e) if (200..300).contains(&status) => malformed_from(status, &e, body.len()),
            _ => ApiError::Unexpected {
                status,
                excerpt: amazon_text(&text),
            },
        },
    }
}

fn malformed_from(status: u16, error: &serde_json::Error, len: usize) -> ApiError {
    if len == 0 {
        return ApiError::MalformedResponse {
            status,
            detail: "the body is empty".into(),
            truncated: true,
        };
    }
    let truncated = error.is_eof();
    let detail = if truncated {
        format!(
            "the body ends in the middle ({len} bytes arrived); the connection was probably cut"
        )
    } else {
        format!("the body is not JSON ({error})")
    };
    ApiError::MalformedResponse {
        status,
        detail,
        truncated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_headers() -> Vec<(String, String)> {
        Vec::new()
    }

    fn creators(status: u16, body: &str) -> ApiError {
        ApiError::from_creators(status, &no_headers(), body.as_bytes())
    }

    fn paapi(status: u16, body: &str) -> ApiError {
        ApiError::from_paapi(status, &no_headers(), body.as_bytes())
    }

    #[test]
    fn creators_401_asks_for_a_new_token() {
        let e = creators(
            401,
            r#"{"type":"UnauthorizedException","reason":"TokenExpired","message":"The token has expired."}"#,
        );
        assert!(matches!(e, ApiError::Unauthorized { .. }), "{e:?}");
        assert_eq!(e.code(), "TokenExpired");
        assert_eq!(e.http_status(), 401);
        assert_eq!(e.retry_kind(), Some(RetryKind::Token));
        assert!(e.to_string().contains("expired"), "{e}");
        let legacy = creators(
            401,
            r#"{"__type":"com.amazon.creators#UnauthorizedException","message":"x"}"#,
        );
        assert_eq!(legacy.code(), "InvalidToken");
        assert_eq!(legacy.retry_kind(), Some(RetryKind::Token));
        assert_eq!(creators(401, "").retry_kind(), Some(RetryKind::Token));
    }

    #[test]
    fn every_error_is_a_coded_message_whose_english_is_its_text() {
        for (status, body) in [
            (401, r#"{"reason":"TokenExpired","message":"gone"}"#),
            (400, r#"{"reason":"InvalidPartnerTag","message":"bad tag"}"#),
            (
                400,
                r#"{"reason":"FieldValidationFailed","message":"x","fieldList":[{"name":"itemIds"}]}"#,
            ),
            (403, r#"{"reason":"AssociateNotEligible"}"#),
            (403, "{}"),
            (404, "{}"),
            (429, "{}"),
            (500, r#"{"message":"down"}"#),
            (418, "teapot"),
        ] {
            let e = creators(status, body);
            let m = e.message();
            assert!(m.code.starts_with("api."), "{status}: {m:?}");
            assert_eq!(m.text, e.to_string());
        }
        let e = creators(400, r#"{"reason":"InvalidPartnerTag","message":"bad tag"}"#);
        assert_eq!(
            e.message().params["hint"],
            Param::from(e.hint_message().unwrap())
        );
        let Param::Message(said) = &e.message().params["amazon_said"] else {
            panic!("Amazon's words are a message of their own")
        };
        assert_eq!(said.params["message"], Param::Text("bad tag".into()));
    }

    #[test]
    fn wrong_issuer_is_a_settings_problem() {
        let e = creators(
            401,
            r#"{"type":"UnauthorizedException","reason":"InvalidIssuer","message":"bad issuer"}"#,
        );
        assert!(matches!(e, ApiError::InvalidCredentials { .. }));
        assert_eq!(e.retry_kind(), None);
        assert!(e.hint().unwrap().contains("Credential Type"));
    }

    #[test]
    fn throttling_reads_retry_after_from_header_or_body() {
        let headers = vec![("Retry-After".to_string(), "7".to_string())];
        let e = ApiError::from_creators(
            429,
            &headers,
            br#"{"message":"Request rate limit exceeded.","type":"ThrottleException"}"#,
        );
        assert_eq!(e.retry_kind(), Some(RetryKind::Throttled));
        assert!(matches!(
            e,
            ApiError::Throttled {
                retry_after: Some(RetryAfter::Seconds(7)),
                ..
            }
        ));
        assert_eq!(e.retry_after_seconds(0), Some(7));
        assert!(e.to_string().contains("wait 7 seconds"), "{e}");
        let e = creators(
            429,
            r#"{"message":"Daily request quota exceeded.","reason":"QuotaExceeded","type":"ThrottleException"}"#,
        );
        assert_eq!(e.retry_kind(), Some(RetryKind::Throttled));
        assert_eq!(e.code(), QUOTA_EXCEEDED);
        let e = creators(429, r#"{"message":"Limit Exceeded"}"#);
        assert_eq!(e.code(), QUOTA_EXCEEDED);
        let e = creators(429, r#"{"type":"ThrottleException","retryAfterSeconds":3}"#);
        assert_eq!(e.retry_after_seconds(0), Some(3));
        let e = creators(429, "");
        assert_eq!(e.retry_after_seconds(0), None);
        assert_eq!(e.code(), "ThrottleException");
    }

    #[test]
    fn retry_after_dates_are_read_and_bad_ones_ignored() {
        let date = vec![(
            "retry-after".to_string(),
            "Wed, 21 Oct 2015 07:28:00 GMT".to_string(),
        )];
        let e = ApiError::from_creators(429, &date, b"{}");
        assert_eq!(e.retry_after_seconds(1_445_412_470), Some(10));
        assert_eq!(e.retry_after_seconds(1_445_412_490), Some(0));
        let bad = vec![("Retry-After".to_string(), "soon".to_string())];
        let e = ApiError::from_creators(429, &bad, b"{}");
        assert_eq!(e.retry_after_seconds(0), None);
    }

    #[test]
    fn not_eligible_explains_the_sales_rule() {
        let e = creators(
            403,
            r#"{"message":"Your account does not currently meet the eligibility requirements.","reason":"AssociateNotEligible","type":"AccessDeniedException"}"#,
        );
        assert!(matches!(e, ApiError::NotEligible { .. }));
        let text = e.to_string();
        assert!(
            text.contains("10 qualifying sales in the last 30 days"),
            "{text}"
        );
        assert!(
            text.contains("cached data") && text.contains("2 days"),
            "{text}"
        );
        assert_eq!(e.code(), "AssociateNotEligible");
        assert_eq!(e.retry_kind(), None);
        let other = creators(
            403,
            r#"{"type":"AccessDeniedException","reason":"AuthorizationFailed","message":"no"}"#,
        );
        assert!(matches!(other, ApiError::AccessDenied { .. }));
        assert_eq!(other.code(), "AuthorizationFailed");
    }

    #[test]
    fn partner_tag_refusals_point_at_the_field() {
        for reason in ["InvalidPartnerTag", "InvalidAssociate"] {
            let body = format!(
                r#"{{"type":"ValidationException","reason":"{reason}","message":"The partner tag is invalid."}}"#
            );
            let e = creators(400, &body);
            assert_eq!(e.field(), Some("partner_tag"));
            assert_eq!(e.code(), reason);
            assert!(
                e.to_string()
                    .contains("Associates account these credentials belong to")
            );
        }
        let e = creators(
            400,
            r#"{"type":"ValidationException","reason":"FieldValidationFailed","message":"bad","fieldList":[{"name":"itemIds","message":"too many"}]}"#,
        );
        assert_eq!(e.field(), Some("asins"));
        assert_eq!(e.code(), "FieldValidationFailed");
    }

    #[test]
    fn paapi_bodies_map_to_the_same_variants() {
        let e = paapi(
            429,
            r#"{"__type":"com.amazon.paapi5#TooManyRequestsException","Errors":[{"Code":"TooManyRequests","Message":"The request was denied due to request throttling."}]}"#,
        );
        assert_eq!(e.retry_kind(), Some(RetryKind::Throttled));
        let e = paapi(
            401,
            r#"{"__type":"com.amazon.paapi5#UnrecognizedClientException","Errors":[{"Code":"UnrecognizedClient","Message":"The Access Key ID or security token included in the request is invalid."}]}"#,
        );
        assert!(matches!(e, ApiError::InvalidCredentials { .. }));
        assert_eq!(e.code(), "UnrecognizedClient");
        assert!(e.hint().unwrap().contains("access key"));
        let e = paapi(
            401,
            r#"{"__type":"com.amazon.paapi5#InvalidSignatureException","Errors":[{"Code":"InvalidSignature","Message":"The request has not been correctly signed."}]}"#,
        );
        assert_eq!(e.code(), "InvalidSignature");
        assert_eq!(e.retry_kind(), None);
        let e = paapi(
            400,
            r#"{"__type":"com.amazon.paapi5#InvalidParameterValueException","Errors":[{"Code":"InvalidParameterValue","Message":"The value [B0X] provided in the request for ItemIds is invalid."}]}"#,
        );
        assert_eq!(e.code(), "InvalidParameterValue");
        assert_eq!(e.field(), Some("asins"));
        let e = paapi(
            400,
            r#"{"__type":"com.amazon.paapi5#InvalidPartnerTagException","Errors":[{"Code":"InvalidPartnerTag","Message":"The partner tag is invalid or not present."}]}"#,
        );
        assert_eq!(e.field(), Some("partner_tag"));
        let e = paapi(
            403,
            r#"{"__type":"com.amazon.paapi5#AccessDeniedException","Errors":[{"Code":"AccessDeniedException","Message":"The Access Key Id is not enabled to access this version of the API."}]}"#,
        );
        assert!(matches!(e, ApiError::AccessDenied { .. }));
        let e = paapi(
            404,
            r#"{"__type":"com.amazon.paapi5#ResourceNotFoundException","Errors":[{"Code":"NoResults","Message":"No results found for your request."}]}"#,
        );
        assert_eq!(e.code(), "NoResults");
    }

    #[test]
    fn server_errors_are_retried() {
        let e = creators(
            500,
            r#"{"type":"InternalServerException","message":"oops"}"#,
        );
        assert_eq!(e.code(), "InternalServerException");
        assert_eq!(e.retry_kind(), Some(RetryKind::Server));
        let e = creators(503, "<html>Service Unavailable</html>");
        assert!(matches!(e, ApiError::Server { status: 503, .. }));
        assert_eq!(e.code(), "ServerError");
        assert_eq!(creators(501, "").retry_kind(), None);
    }

    #[test]
    fn unreadable_answers_say_why() {
        let e = creators(200, r#"{"itemsResult":{"items":[{"asin":"B0"#);
        assert!(
            matches!(
                e,
                ApiError::MalformedResponse {
                    truncated: true,
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(e.retry_kind(), Some(RetryKind::Network));
        assert!(e.to_string().contains("ends in the middle"));
        let e = creators(200, "<html>");
        assert!(matches!(
            e,
            ApiError::MalformedResponse {
                truncated: false,
                ..
            }
        ));
        assert_eq!(e.code(), "MalformedResponse");
        let e = creators(418, &format!("<html>{}</html>", "x".repeat(1000)));
        let ApiError::Unexpected { excerpt, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(excerpt.chars().count(), EXCERPT_CHARS);
        assert_eq!(e.http_status(), 418);
    }

    #[test]
    fn never_repeats_tokens_or_secrets() {
        let token = "eyJraWQiOiJ4eHgiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl";
        let body = format!(
            r#"{{"type":"UnauthorizedException","reason":"InvalidToken","message":"Token {token} is invalid for amzn1.oa2-cs.v1.abcdef"}}"#
        );
        let e = creators(401, &body);
        let shown = format!("{e} {e:?} {}", serde_json::to_string(&e).unwrap());
        assert!(!shown.contains(token), "{shown}");
        assert!(!shown.contains("abcdef"), "{shown}");
        assert!(shown.contains("***"));
        let e = creators(418, &format!("Bearer {token}"));
        assert!(!e.to_string().contains(token));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(status in 0u16..1000, body in proptest::collection::vec(proptest::num::u8::ANY, 0..300), h in "\\PC{0,40}") {
            let headers = vec![("Retry-After".to_string(), h)];
            let e = ApiError::from_creators(status, &headers, &body);
            let _ = (e.to_string(), e.code().len(), e.retry_kind(), e.retry_after_seconds(0), e.hint());
            let e = ApiError::from_paapi(status, &headers, &body);
            let _ = e.to_string();
        }

        #[test]
        fn json_bodies_never_panic(status in 0u16..1000, t in "\\PC{0,30}", r in "\\PC{0,30}", m in "\\PC{0,300}") {
            let body = serde_json::json!({"type": t, "reason": r, "message": m, "Errors": [{"Code": r}]});
            let e = ApiError::from_creators(status, &[], body.to_string().as_bytes());
            let text = e.to_string();
            proptest::prop_assert!(text.len() < 2000);
        }
    }
}
