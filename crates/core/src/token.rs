//! Creators API access tokens: the OAuth2 client-credentials request, its answer, when to renew
//! and where to cache.
//!
//! The credential kind picks the identity provider and the version's region picks its host:
//!
//! | Version | Provider | Token URL |
//! |---|---|---|
//! | 2.1 | Amazon Cognito | `https://creatorsapi.auth.us-east-1.amazoncognito.com/oauth2/token` |
//! | 2.2 | Amazon Cognito | `https://creatorsapi.auth.eu-south-2.amazoncognito.com/oauth2/token` |
//! | 2.3 | Amazon Cognito | `https://creatorsapi.auth.us-west-2.amazoncognito.com/oauth2/token` |
//! | 3.1 | Login with Amazon | `https://api.amazon.com/auth/o2/token` |
//! | 3.2 | Login with Amazon | `https://api.amazon.co.uk/auth/o2/token` |
//! | 3.3 | Login with Amazon | `https://api.amazon.co.jp/auth/o2/token` |
//!
//! Cognito takes a form body with scope `creatorsapi/default`; LWA takes a JSON body with scope
//! `creatorsapi::default`. Both answer `{"access_token", "token_type", "expires_in"}`. There is no
//! refresh token: a new token is requested when the old one is about to expire.

use std::fmt;

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::api_error::{amazon_text, amazon_words};
use crate::credential::{ApiVersion, CreatorsCredentials, CredentialKind};
use crate::http::{ApiBase, HttpRequest, Method, RetryAfter};
use crate::marketplace::Region;
use crate::message::{Message, Param, Template, message};
use crate::messages;
use crate::retry::RetryKind;
use crate::secret::Secret;

/// OAuth2 scope of Cognito (2.x) credentials.
pub const COGNITO_SCOPE: &str = "creatorsapi/default";
/// OAuth2 scope of LWA (3.x) credentials.
pub const LWA_SCOPE: &str = "creatorsapi::default";
/// Lifetime assumed when the answer has no `expires_in`, in seconds.
pub(crate) const DEFAULT_TOKEN_LIFETIME_SECS: u64 = 3600;
/// A token is renewed this many seconds before it expires, so no call carries a token that
/// expires on the way.
pub const TOKEN_REFRESH_MARGIN_SECS: u64 = 60;
/// `User-Agent` of every request the plugin sends to Amazon.
pub(crate) const USER_AGENT: &str = concat!("asa2-creators/", env!("CARGO_PKG_VERSION"));

/// Host and path of the token endpoint for `version`.
pub(crate) fn token_endpoint(version: ApiVersion) -> (&'static str, &'static str) {
    match (version.kind(), version.region()) {
        (CredentialKind::Cognito, Region::NorthAmerica) => (
            "creatorsapi.auth.us-east-1.amazoncognito.com",
            "/oauth2/token",
        ),
        (CredentialKind::Cognito, Region::Europe) => (
            "creatorsapi.auth.eu-south-2.amazoncognito.com",
            "/oauth2/token",
        ),
        (CredentialKind::Cognito, Region::FarEast) => (
            "creatorsapi.auth.us-west-2.amazoncognito.com",
            "/oauth2/token",
        ),
        (CredentialKind::Lwa, Region::NorthAmerica) => ("api.amazon.com", "/auth/o2/token"),
        (CredentialKind::Lwa, Region::Europe) => ("api.amazon.co.uk", "/auth/o2/token"),
        (CredentialKind::Lwa, Region::FarEast) => ("api.amazon.co.jp", "/auth/o2/token"),
    }
}

/// The token request for `credentials`: `POST` with the credentials in the body (Cognito: form,
/// LWA: JSON), no `Authorization` header.
pub fn token_request(credentials: &CreatorsCredentials, base: &ApiBase) -> HttpRequest {
    let version = credentials.api_version();
    let (host, path) = token_endpoint(version);
    let (content_type, body) = match credentials.kind {
        CredentialKind::Cognito => (
            "application/x-www-form-urlencoded",
            form_encode(&[
                ("grant_type", "client_credentials"),
                ("client_id", &credentials.credential_id),
                ("client_secret", credentials.credential_secret.expose()),
                ("scope", COGNITO_SCOPE),
            ]),
        ),
        CredentialKind::Lwa => (
            "application/json",
            serde_json::to_string(&LwaTokenBody {
                grant_type: "client_credentials",
                client_id: &credentials.credential_id,
                client_secret: credentials.credential_secret.expose(),
                scope: LWA_SCOPE,
            })
            .unwrap_or_default(),
        ),
    };
    HttpRequest {
        method: Method::Post,
        url: base.url(host, path),
        headers: vec![
            ("Content-Type".into(), content_type.into()),
            ("Accept".into(), "application/json".into()),
            ("User-Agent".into(), USER_AGENT.into()),
        ],
        body,
    }
}

/// The LWA body, fields in the order Amazon's SDKs send them.
#[derive(Serialize)]
struct LwaTokenBody<'a> {
    grant_type: &'a str,
    client_id: &'a str,
    client_secret: &'a str,
    scope: &'a str,
}

/// `application/x-www-form-urlencoded` as browsers and Python's `urlencode` write it: letters,
/// digits and `-._~` as they are, space as `+`, every other byte as `%XX`.
fn form_encode(pairs: &[(&str, &str)]) -> String {
    fn encode(s: &str, out: &mut String) {
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    out.push(b as char)
                }
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
    }
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode(k, &mut out);
        out.push('=');
        encode(v, &mut out);
    }
    out
}

/// A Creators API access token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessToken {
    /// The bearer token itself.
    pub access_token: Secret,
    /// Token type, normally `Bearer`.
    pub token_type: String,
    /// When it expires, in unix seconds.
    pub expires_at: u64,
}

impl AccessToken {
    /// Whether this token must be renewed at `now` (see [`needs_refresh`]).
    pub fn needs_refresh(&self, now: u64) -> bool {
        needs_refresh(self.expires_at, now)
    }
}

/// Whether a token expiring at `expires_at` must be renewed at `now`: true from
/// [`TOKEN_REFRESH_MARGIN_SECS`] seconds before it expires.
pub fn needs_refresh(expires_at: u64, now: u64) -> bool {
    now.saturating_add(TOKEN_REFRESH_MARGIN_SECS) >= expires_at
}

/// Reads the token endpoint's answer for credentials of `kind`, received at `now` (unix
/// seconds).
pub fn parse_token_response(
    kind: CredentialKind,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    now: u64,
) -> Result<AccessToken, TokenError> {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let obj = parsed.as_ref().and_then(Value::as_object);
    let text = |key: &str| {
        obj.and_then(|o| o.get(key))
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    if (200..300).contains(&status) {
        let Some(obj) = obj else {
            return Err(TokenError::Malformed {
                status,
                detail: if body.is_empty() {
                    "the answer is empty".into()
                } else {
                    "the answer is not a JSON object".into()
                },
            });
        };
        let Some(token) = text("access_token") else {
            return Err(TokenError::Malformed {
                status,
                detail: "the answer has no access_token".into(),
            });
        };
        let lifetime = match obj.get("expires_in") {
            None | Some(Value::Null) => DEFAULT_TOKEN_LIFETIME_SECS,
            Some(Value::Number(n)) => n.as_u64().unwrap_or(DEFAULT_TOKEN_LIFETIME_SECS),
            Some(Value::String(s)) => s.trim().parse().unwrap_or(DEFAULT_TOKEN_LIFETIME_SECS),
            Some(_) => DEFAULT_TOKEN_LIFETIME_SECS,
        };
        return Ok(AccessToken {
            access_token: Secret::new(token),
            token_type: text("token_type").unwrap_or("Bearer").to_string(),
            expires_at: now.saturating_add(lifetime),
        });
    }
    let description = text("error_description")
        .or_else(|| text("message"))
        .map(amazon_text)
        .unwrap_or_default();
    let error = text("error").unwrap_or_default();
    match error {
        "invalid_client" => Err(TokenError::InvalidClient {
            kind,
            status,
            description,
        }),
        "invalid_scope" => Err(TokenError::InvalidScope {
            kind,
            status,
            description,
        }),
        "unauthorized_client" => Err(TokenError::UnauthorizedClient {
            kind,
            status,
            description,
        }),
        "invalid_grant" => Err(TokenError::InvalidGrant {
            kind,
            status,
            description,
        }),
        "invalid_request" | "unsupported_grant_type" => Err(TokenError::InvalidRequest {
            status,
            error: error.to_string(),
            description,
        }),
        _ => match status {
            429 => Err(TokenError::Throttled {
                retry_after: RetryAfter::from_headers(headers).map(|r| r.seconds_from(now)),
            }),
            500..=599 => Err(TokenError::Server { status }),
            401 | 403 => Err(TokenError::InvalidClient {
                kind,
                status,
                description,
            }),
            _ if obj.is_none() => Err(TokenError::Malformed {
                status,
                detail: format!("HTTP {status} with a body that is not JSON"),
            }),
            _ => Err(TokenError::Unexpected {
                status,
                error: amazon_text(error),
                description,
            }),
        },
    }
}

/// The token endpoint refused to issue a token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenError {
    /// `invalid_client`: the ID or secret is wrong, not active yet, or of the other kind.
    InvalidClient {
        /// The kind the request was made for.
        kind: CredentialKind,
        /// HTTP status (Cognito answers 400, LWA 401).
        status: u16,
        /// Amazon's `error_description`, scrubbed.
        description: String,
    },
    /// `invalid_scope`: the credentials may not use the Creators API scope.
    InvalidScope {
        /// The kind the request was made for.
        kind: CredentialKind,
        /// HTTP status.
        status: u16,
        /// Amazon's `error_description`, scrubbed.
        description: String,
    },
    /// `unauthorized_client`: the credentials may not request tokens this way.
    UnauthorizedClient {
        /// The kind the request was made for.
        kind: CredentialKind,
        /// HTTP status.
        status: u16,
        /// Amazon's `error_description`, scrubbed.
        description: String,
    },
    /// `invalid_grant`: the grant was refused.
    InvalidGrant {
        /// The kind the request was made for.
        kind: CredentialKind,
        /// HTTP status.
        status: u16,
        /// Amazon's `error_description`, scrubbed.
        description: String,
    },
    /// `invalid_request` (or `unsupported_grant_type`): the request was malformed.
    InvalidRequest {
        /// HTTP status.
        status: u16,
        /// The OAuth error code.
        error: String,
        /// Amazon's `error_description`, scrubbed.
        description: String,
    },
    /// HTTP 429: too many token requests.
    Throttled {
        /// Seconds Amazon asked to wait (`Retry-After` as seconds or as an HTTP date, counted
        /// from the time the answer was read), when it said.
        retry_after: Option<u64>,
    },
    /// HTTP 5xx: the token endpoint failed.
    Server {
        /// HTTP status.
        status: u16,
    },
    /// An answer that could not be read.
    Malformed {
        /// HTTP status.
        status: u16,
        /// What is wrong with it.
        detail: String,
    },
    /// An OAuth error no rule covers.
    Unexpected {
        /// HTTP status.
        status: u16,
        /// The OAuth error code, when there was one.
        error: String,
        /// Amazon's `error_description`, scrubbed.
        description: String,
    },
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().text)
    }
}

impl std::error::Error for TokenError {}

impl TokenError {
    /// The OAuth error code (`invalid_client`, ...), or `throttled`, `server_error`,
    /// `malformed_response` for failures without one.
    pub fn code(&self) -> &str {
        match self {
            TokenError::InvalidClient { .. } => "invalid_client",
            TokenError::InvalidScope { .. } => "invalid_scope",
            TokenError::UnauthorizedClient { .. } => "unauthorized_client",
            TokenError::InvalidGrant { .. } => "invalid_grant",
            TokenError::InvalidRequest { error, .. } => error,
            TokenError::Throttled { .. } => "throttled",
            TokenError::Server { .. } => "server_error",
            TokenError::Malformed { .. } => "malformed_response",
            TokenError::Unexpected { error, .. } if !error.is_empty() => error,
            TokenError::Unexpected { .. } => "unexpected_response",
        }
    }

    /// The HTTP status of the answer.
    pub fn http_status(&self) -> u16 {
        match self {
            TokenError::InvalidClient { status, .. }
            | TokenError::InvalidScope { status, .. }
            | TokenError::UnauthorizedClient { status, .. }
            | TokenError::InvalidGrant { status, .. }
            | TokenError::InvalidRequest { status, .. }
            | TokenError::Server { status }
            | TokenError::Malformed { status, .. }
            | TokenError::Unexpected { status, .. } => *status,
            TokenError::Throttled { .. } => 429,
        }
    }

    /// What the site owner should do, for the errors only they can fix.
    pub fn hint(&self) -> Option<&'static str> {
        self.hint_template().map(|t| t.english)
    }

    /// [`TokenError::hint`] as a coded message.
    pub fn hint_message(&self) -> Option<Message> {
        self.hint_template().map(Template::plain)
    }

    fn hint_template(&self) -> Option<Template> {
        match self {
            TokenError::InvalidClient {
                kind: CredentialKind::Cognito,
                ..
            } => Some(messages::TOKEN_HINT_MAYBE_LWA),
            TokenError::InvalidClient {
                kind: CredentialKind::Lwa,
                ..
            } => Some(messages::TOKEN_HINT_MAYBE_COGNITO),
            TokenError::InvalidScope { .. } => Some(messages::TOKEN_HINT_SCOPE),
            TokenError::UnauthorizedClient { .. } => Some(messages::TOKEN_HINT_UNAUTHORIZED_CLIENT),
            TokenError::InvalidGrant { .. } => Some(messages::TOKEN_HINT_GRANT),
            TokenError::InvalidRequest { .. } => Some(messages::TOKEN_HINT_REQUEST),
            _ => None,
        }
    }

    /// What happened and what to do, as a coded message (its English is the error's text).
    /// Amazon's own words are the parameter `amazon_said` (a message with `message`).
    pub fn message(&self) -> Message {
        let said = |d: &str| amazon_words(messages::AMAZON_SAID_QUOTED, d);
        let hint = || {
            self.hint_message()
                .map_or(Param::Text(String::new()), Param::from)
        };
        match self {
            TokenError::InvalidClient { description, .. } => message!(
                messages::TOKEN_INVALID_CLIENT,
                amazon_said = said(description),
                hint = hint()
            ),
            TokenError::InvalidScope { description, .. } => message!(
                messages::TOKEN_INVALID_SCOPE,
                amazon_said = said(description),
                hint = hint()
            ),
            TokenError::UnauthorizedClient { description, .. } => message!(
                messages::TOKEN_UNAUTHORIZED_CLIENT,
                amazon_said = said(description),
                hint = hint()
            ),
            TokenError::InvalidGrant { description, .. } => message!(
                messages::TOKEN_INVALID_GRANT,
                amazon_said = said(description),
                hint = hint()
            ),
            TokenError::InvalidRequest {
                error, description, ..
            } => message!(
                messages::TOKEN_INVALID_REQUEST,
                error = error,
                amazon_said = said(description),
                hint = hint()
            ),
            TokenError::Throttled { .. } => messages::TOKEN_THROTTLED.plain(),
            TokenError::Server { status } => {
                message!(messages::TOKEN_SERVER_FAILED, status = status)
            }
            TokenError::Malformed { status, detail } => {
                message!(messages::TOKEN_MALFORMED, status = status, detail = detail)
            }
            TokenError::Unexpected {
                status,
                error,
                description,
            } if !error.is_empty() => message!(
                messages::TOKEN_UNEXPECTED_CODE,
                status = status,
                error = error,
                amazon_said = said(description)
            ),
            TokenError::Unexpected {
                status,
                description,
                ..
            } => message!(
                messages::TOKEN_UNEXPECTED,
                status = status,
                amazon_said = said(description)
            ),
        }
    }

    /// The settings field the error is about, when it is one field.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            TokenError::InvalidClient { .. } => Some("credential_id"),
            _ => None,
        }
    }

    /// Whether and how the token request may be retried (see `RetryPolicy`).
    pub fn retry_kind(&self) -> Option<RetryKind> {
        match self {
            TokenError::Throttled { .. } => Some(RetryKind::Throttled),
            TokenError::Server { status } if *status != 501 && *status != 505 => {
                Some(RetryKind::Server)
            }
            _ => None,
        }
    }

    /// Seconds Amazon asked to wait, when it said.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            TokenError::Throttled { retry_after } => *retry_after,
            _ => None,
        }
    }
}

/// The key under which the token of `credentials` is cached (shared by every PHP worker):
/// `asa2_tok_` followed by 32 lower-case hex characters, the first 16 bytes of
/// SHA-256(`"asa2-token-v1\n" + kind id + "\n" + API version + "\n" + credential ID`).
///
/// It changes when the kind, the version or the credential ID changes, never depends on the
/// secret, and does not reveal the ID. The ID is trimmed first, so pasted whitespace does not
/// split the cache.
pub fn token_cache_key(credentials: &CreatorsCredentials) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"asa2-token-v1\n");
    hasher.update(credentials.kind.id().as_bytes());
    hasher.update(b"\n");
    hasher.update(credentials.api_version().to_string().as_bytes());
    hasher.update(b"\n");
    hasher.update(credentials.credential_id.trim().as_bytes());
    let digest = hasher.finalize();
    format!("asa2_tok_{}", hex::encode(&digest[..16]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marketplace::Marketplace;

    fn credentials(kind: CredentialKind, marketplace: Marketplace) -> CreatorsCredentials {
        CreatorsCredentials {
            marketplace,
            kind,
            credential_id: "my id+1".into(),
            credential_secret: Secret::new("s3cr&t=/x"),
            partner_tag: "mysite-21".into(),
        }
    }

    #[test]
    fn endpoints_follow_the_version_table() {
        let expected = [
            (
                "2.1",
                "https://creatorsapi.auth.us-east-1.amazoncognito.com/oauth2/token",
            ),
            (
                "2.2",
                "https://creatorsapi.auth.eu-south-2.amazoncognito.com/oauth2/token",
            ),
            (
                "2.3",
                "https://creatorsapi.auth.us-west-2.amazoncognito.com/oauth2/token",
            ),
            ("3.1", "https://api.amazon.com/auth/o2/token"),
            ("3.2", "https://api.amazon.co.uk/auth/o2/token"),
            ("3.3", "https://api.amazon.co.jp/auth/o2/token"),
        ];
        for (version, url) in expected {
            let v: ApiVersion = version.parse().unwrap();
            let (host, path) = token_endpoint(v);
            assert_eq!(ApiBase::Amazon.url(host, path), url);
        }
    }

    #[test]
    fn cognito_sends_a_form_body() {
        let r = token_request(
            &credentials(CredentialKind::Cognito, Marketplace::DE),
            &ApiBase::Amazon,
        );
        assert_eq!(r.method, Method::Post);
        assert_eq!(
            r.url,
            "https://creatorsapi.auth.eu-south-2.amazoncognito.com/oauth2/token"
        );
        assert_eq!(
            r.header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(r.header("accept"), Some("application/json"));
        assert!(
            r.header("user-agent")
                .unwrap()
                .starts_with("asa2-creators/")
        );
        assert_eq!(r.header("authorization"), None);
        assert_eq!(
            r.body,
            "grant_type=client_credentials&client_id=my+id%2B1&client_secret=s3cr%26t%3D%2Fx&scope=creatorsapi%2Fdefault"
        );
    }

    #[test]
    fn form_body_matches_the_reference_for_plain_values() {
        let mut c = credentials(CredentialKind::Cognito, Marketplace::US);
        c.credential_id = "credential-id".into();
        c.credential_secret = Secret::new("credential-secret");
        let r = token_request(&c, &ApiBase::Amazon);
        assert_eq!(
            r.body.replace("%2F", "/"),
            "grant_type=client_credentials&client_id=credential-id&client_secret=credential-secret&scope=creatorsapi/default"
        );
    }

    #[test]
    fn lwa_sends_json_in_the_sdk_order() {
        let mut c = credentials(CredentialKind::Lwa, Marketplace::US);
        c.credential_id = "credential-id".into();
        c.credential_secret = Secret::new("credential-secret");
        let r = token_request(&c, &ApiBase::Amazon);
        assert_eq!(r.url, "https://api.amazon.com/auth/o2/token");
        assert_eq!(r.header("Content-Type"), Some("application/json"));
        assert_eq!(
            r.body,
            r#"{"grant_type":"client_credentials","client_id":"credential-id","client_secret":"credential-secret","scope":"creatorsapi::default"}"#
        );
        let quoted = token_request(
            &CreatorsCredentials {
                credential_secret: Secret::new("a\"b\\c"),
                ..c
            },
            &ApiBase::Amazon,
        );
        let back: Value = serde_json::from_str(&quoted.body).unwrap();
        assert_eq!(back["client_secret"], "a\"b\\c");
    }

    #[test]
    fn the_sandbox_base_is_honoured() {
        let base = ApiBase::parse(Some("http://127.0.0.1:8765")).unwrap();
        let r = token_request(&credentials(CredentialKind::Lwa, Marketplace::JP), &base);
        assert_eq!(
            r.url,
            "http://127.0.0.1:8765/api.amazon.co.jp/auth/o2/token"
        );
    }

    #[test]
    fn parses_a_token_and_its_expiry() {
        let t = parse_token_response(
            CredentialKind::Cognito,
            200,
            &[],
            br#"{"access_token":"ACCESS_TOKEN","expires_in":3600,"token_type":"Bearer"}"#,
            1_000,
        )
        .unwrap();
        assert_eq!(t.access_token.expose(), "ACCESS_TOKEN");
        assert_eq!(t.token_type, "Bearer");
        assert_eq!(t.expires_at, 4_600);
        assert!(!format!("{t:?}").contains("ACCESS_TOKEN"));
        let t = parse_token_response(
            CredentialKind::Lwa,
            200,
            &[],
            br#"{"access_token":"x"}"#,
            10,
        )
        .unwrap();
        assert_eq!(t.expires_at, 10 + DEFAULT_TOKEN_LIFETIME_SECS);
        assert_eq!(t.token_type, "Bearer");
    }

    #[test]
    fn refresh_starts_a_minute_early() {
        assert!(!needs_refresh(4_600, 1_000));
        assert!(!needs_refresh(4_600, 4_539));
        assert!(needs_refresh(4_600, 4_540));
        assert!(needs_refresh(4_600, 9_999));
        assert!(needs_refresh(0, 0));
        assert!(needs_refresh(u64::MAX, u64::MAX));
    }

    #[test]
    fn a_refusal_is_a_coded_message_with_amazons_words_as_a_parameter() {
        let e = parse_token_response(
            CredentialKind::Cognito,
            400,
            &[],
            br#"{"error":"invalid_client","error_description":"Client authentication failed"}"#,
            0,
        )
        .unwrap_err();
        let m = e.message();
        assert_eq!(m.code, "token.invalid_client");
        assert_eq!(m.text, e.to_string());
        let Param::Message(said) = &m.params["amazon_said"] else {
            panic!("{m:?}")
        };
        assert_eq!(
            said.params["message"],
            Param::Text("Client authentication failed".into())
        );
        let hint = e.hint_message().unwrap();
        assert_eq!(hint.code, "token.hint.maybe_lwa");
        assert_eq!(m.params["hint"], Param::from(hint));
        let plain = parse_token_response(CredentialKind::Lwa, 503, &[], b"", 0).unwrap_err();
        assert_eq!(plain.message().code, "token.server_failed");
    }

    #[test]
    fn invalid_client_hints_depend_on_the_kind() {
        let e = parse_token_response(
            CredentialKind::Cognito,
            400,
            &[],
            br#"{"error":"invalid_client"}"#,
            0,
        )
        .unwrap_err();
        assert_eq!(e.code(), "invalid_client");
        assert_eq!(e.http_status(), 400);
        let hint = e.hint().unwrap();
        assert!(
            hint.contains("switch Credential Type to LWA (v3)"),
            "{hint}"
        );
        assert!(hint.contains("48 hours"), "{hint}");
        assert!(e.to_string().contains(hint));
        assert_eq!(e.retry_kind(), None);

        let e = parse_token_response(
            CredentialKind::Lwa,
            401,
            &[],
            br#"{"error_description":"Client authentication failed","error":"invalid_client"}"#,
            0,
        )
        .unwrap_err();
        assert!(matches!(
            e,
            TokenError::InvalidClient {
                kind: CredentialKind::Lwa,
                status: 401,
                ..
            }
        ));
        assert!(e.hint().unwrap().contains("wrong or not active yet"));
        assert!(e.to_string().contains("Client authentication failed"));
    }

    #[test]
    fn other_oauth_errors_have_their_own_variant() {
        let cases = [
            ("invalid_scope", "invalid_scope"),
            ("unauthorized_client", "unauthorized_client"),
            ("invalid_grant", "invalid_grant"),
            ("invalid_request", "invalid_request"),
            ("unsupported_grant_type", "unsupported_grant_type"),
        ];
        for (error, code) in cases {
            let body = format!(r#"{{"error":"{error}"}}"#);
            let e = parse_token_response(CredentialKind::Lwa, 400, &[], body.as_bytes(), 0)
                .unwrap_err();
            assert_eq!(e.code(), code);
            assert!(e.hint().is_some(), "{error}");
        }
        let e = parse_token_response(
            CredentialKind::Lwa,
            400,
            &[],
            br#"{"error":"temporarily_weird"}"#,
            0,
        )
        .unwrap_err();
        assert!(matches!(e, TokenError::Unexpected { .. }));
        assert_eq!(e.code(), "temporarily_weird");
    }

    #[test]
    fn throttling_server_errors_and_garbage() {
        let headers = vec![("Retry-After".to_string(), "4".to_string())];
        let e = parse_token_response(CredentialKind::Cognito, 429, &headers, b"", 0).unwrap_err();
        assert_eq!(e.retry_kind(), Some(RetryKind::Throttled));
        assert_eq!(e.retry_after(), Some(4));
        let date = vec![(
            "Retry-After".to_string(),
            "Wed, 21 Oct 2015 07:28:00 GMT".to_string(),
        )];
        let e =
            parse_token_response(CredentialKind::Lwa, 429, &date, b"", 1_445_412_470).unwrap_err();
        assert_eq!(e.retry_after(), Some(10));
        let e = parse_token_response(CredentialKind::Cognito, 503, &[], b"<html>", 0).unwrap_err();
        assert_eq!(e.retry_kind(), Some(RetryKind::Server));
        let e = parse_token_response(CredentialKind::Cognito, 200, &[], b"{\"access_tok", 0)
            .unwrap_err();
        assert!(matches!(e, TokenError::Malformed { .. }));
        let e = parse_token_response(
            CredentialKind::Cognito,
            200,
            &[],
            br#"{"token_type":"Bearer"}"#,
            0,
        )
        .unwrap_err();
        assert!(e.to_string().contains("no access_token"));
        let e = parse_token_response(CredentialKind::Cognito, 302, &[], b"", 0).unwrap_err();
        assert!(matches!(e, TokenError::Malformed { status: 302, .. }));
    }

    #[test]
    fn errors_never_repeat_secrets() {
        let secret = "amzn1.oa2-cs.v1.0123456789abcdef0123456789abcdef";
        let body =
            format!(r#"{{"error":"invalid_client","error_description":"bad secret {secret}"}}"#);
        let e =
            parse_token_response(CredentialKind::Lwa, 401, &[], body.as_bytes(), 0).unwrap_err();
        assert!(!e.to_string().contains(secret));
        assert!(!format!("{e:?}").contains(secret));
    }

    #[test]
    fn cache_keys_are_stable_and_never_use_the_secret() {
        let c = credentials(CredentialKind::Cognito, Marketplace::DE);
        let key = token_cache_key(&c);
        assert_eq!(key.len(), "asa2_tok_".len() + 32);
        assert!(key.starts_with("asa2_tok_"));
        assert!(
            key["asa2_tok_".len()..]
                .chars()
                .all(|ch| ch.is_ascii_hexdigit() && !ch.is_ascii_uppercase())
        );
        // Pinned: changing the derivation would orphan every cached token.
        assert_eq!(key, token_cache_key(&c.clone()));
        let other_secret = CreatorsCredentials {
            credential_secret: Secret::new("different"),
            ..c.clone()
        };
        assert_eq!(token_cache_key(&other_secret), key);
        let same_region = CreatorsCredentials {
            marketplace: Marketplace::FR,
            ..c.clone()
        };
        assert_eq!(
            token_cache_key(&same_region),
            key,
            "one token per credential and version"
        );
        let other_region = CreatorsCredentials {
            marketplace: Marketplace::US,
            ..c.clone()
        };
        assert_ne!(token_cache_key(&other_region), key);
        let lwa = CreatorsCredentials {
            kind: CredentialKind::Lwa,
            ..c.clone()
        };
        assert_ne!(token_cache_key(&lwa), key);
        let other_id = CreatorsCredentials {
            credential_id: "another".into(),
            ..c.clone()
        };
        assert_ne!(token_cache_key(&other_id), key);
        assert!(!key.contains("my"));
    }

    #[test]
    fn cache_key_derivation_is_pinned() {
        let c = CreatorsCredentials {
            marketplace: Marketplace::US,
            kind: CredentialKind::Lwa,
            credential_id: "amzn1.application-oa2-client.abc".into(),
            credential_secret: Secret::new("x"),
            partner_tag: "t-20".into(),
        };
        let mut h = Sha256::new();
        h.update(b"asa2-token-v1\nlwa\n3.1\namzn1.application-oa2-client.abc");
        let expected = format!("asa2_tok_{}", hex::encode(&h.finalize()[..16]));
        assert_eq!(token_cache_key(&c), expected);
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(status in 0u16..1000, body in proptest::collection::vec(proptest::num::u8::ANY, 0..200), now in proptest::num::u64::ANY) {
            for kind in CredentialKind::ALL {
                if let Err(e) = parse_token_response(kind, status, &[], &body, now) {
                    let _ = (e.to_string(), e.code().len(), e.hint(), e.retry_kind());
                }
            }
        }

        #[test]
        fn form_encoding_round_trips(value in "\\PC{0,40}") {
            let encoded = form_encode(&[("k", &value)]);
            let raw = encoded.strip_prefix("k=").unwrap().replace('+', " ");
            let decoded = percent_encoding::percent_decode_str(&raw).decode_utf8().unwrap();
            proptest::prop_assert_eq!(decoded, value.as_str());
        }
    }
}
