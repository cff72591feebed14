//! Plain HTTP request values the builders return, the headers read from answers
//! (`Retry-After`), and the base-URL override that points every call at a local sandbox. The
//! core never sends anything: callers perform the request.

use std::fmt;

use serde::Serialize;

use crate::date::parse_http_date;
use crate::quote::excerpt;

/// An HTTP method the Amazon APIs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    #[serde(rename = "GET")]
    Get,
    /// `POST`
    #[serde(rename = "POST")]
    Post,
}

impl Method {
    /// The method as it appears on the request line.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// A request for the caller to send: method, absolute URL, headers in order, body bytes.
///
/// `Debug` prints the method, URL and header names only: header values and bodies carry
/// bearer tokens, signatures and client secrets.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    /// Request method.
    pub method: Method,
    /// Absolute URL.
    pub url: String,
    /// Header names and values, in the order they should be sent.
    pub headers: Vec<(String, String)>,
    /// Body (UTF-8 JSON or form text for every Amazon call).
    pub body: String,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &names)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

impl HttpRequest {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// The value of the first header named `name` among `headers` (names in any case, surrounding
/// whitespace trimmed).
pub(crate) fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

/// How long an answer's `Retry-After` header asks to wait: a number of seconds, or an HTTP date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RetryAfter {
    /// `Retry-After: 120`: this many seconds.
    Seconds(u64),
    /// `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`: until this time, in unix seconds.
    At(u64),
}

impl RetryAfter {
    /// Reads a `Retry-After` value; `None` for anything but seconds or an HTTP date.
    pub fn parse(value: &str) -> Option<RetryAfter> {
        let value = value.trim();
        match value.parse::<u64>() {
            Ok(seconds) => Some(RetryAfter::Seconds(seconds)),
            Err(_) => parse_http_date(value).map(RetryAfter::At),
        }
    }

    /// The `Retry-After` header among an answer's headers, when it has a readable one.
    pub fn from_headers(headers: &[(String, String)]) -> Option<RetryAfter> {
        header(headers, "retry-after").and_then(RetryAfter::parse)
    }

    /// Seconds to wait from `now` (unix seconds); 0 for a time already past.
    pub fn seconds_from(self, now: u64) -> u64 {
        match self {
            RetryAfter::Seconds(seconds) => seconds,
            RetryAfter::At(at) => at.saturating_sub(now),
        }
    }
}

/// Where requests go: Amazon itself, or a stand-in (the local sandbox) that serves every
/// Amazon host under `{base}/{host}{path}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ApiBase {
    /// The real Amazon endpoints (`https://{host}{path}`).
    #[default]
    Amazon,
    /// A stand-in base URL such as `http://127.0.0.1:8765`; `https://creatorsapi.amazon/x`
    /// becomes `http://127.0.0.1:8765/creatorsapi.amazon/x`.
    Override(String),
}

/// An override base URL that is not `http(s)://host[:port][/prefix]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the API base URL \"{0}\" is not an http:// or https:// URL")]
pub struct InvalidApiBase(pub String);

impl ApiBase {
    /// Parses an override (`None` or blank means Amazon).
    pub fn parse(base: Option<&str>) -> Result<ApiBase, InvalidApiBase> {
        match base.map(str::trim) {
            None | Some("") => Ok(ApiBase::Amazon),
            Some(b) => {
                let rest = b
                    .strip_prefix("http://")
                    .or_else(|| b.strip_prefix("https://"))
                    .ok_or_else(|| InvalidApiBase(excerpt(b)))?;
                if rest.is_empty() || rest.starts_with('/') || rest.contains(char::is_whitespace) {
                    return Err(InvalidApiBase(excerpt(b)));
                }
                Ok(ApiBase::Override(b.trim_end_matches('/').to_string()))
            }
        }
    }

    /// The URL for `path` (starting with `/`) on `host`.
    pub fn url(&self, host: &str, path: &str) -> String {
        match self {
            ApiBase::Amazon => format!("https://{host}{path}"),
            ApiBase::Override(base) => format!("{base}/{host}{path}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_seconds_or_an_http_date() {
        assert_eq!(RetryAfter::parse(" 7 "), Some(RetryAfter::Seconds(7)));
        let at = RetryAfter::parse("Wed, 21 Oct 2015 07:28:00 GMT");
        assert_eq!(at, Some(RetryAfter::At(1_445_412_480)));
        assert_eq!(at.unwrap().seconds_from(1_445_412_470), 10);
        assert_eq!(at.unwrap().seconds_from(1_445_412_490), 0);
        assert_eq!(RetryAfter::Seconds(7).seconds_from(u64::MAX), 7);
        for bad in ["soon", "-1", "1.5", ""] {
            assert_eq!(RetryAfter::parse(bad), None, "{bad}");
        }
        let headers = vec![
            ("Content-Type".to_string(), "text/plain".to_string()),
            (" retry-AFTER ".to_string(), " 3 ".to_string()),
        ];
        assert_eq!(
            RetryAfter::from_headers(&headers),
            Some(RetryAfter::Seconds(3))
        );
        assert_eq!(RetryAfter::from_headers(&[]), None);
    }

    #[test]
    fn debug_never_shows_header_values_or_bodies() {
        let request = HttpRequest {
            method: Method::Post,
            url: "https://api.amazon.com/auth/o2/token".to_string(),
            headers: vec![("Authorization".to_string(), "Bearer tok-123".to_string())],
            body: "client_secret=s3cr3t".to_string(),
        };
        let printed = format!("{request:?}");
        assert!(
            !printed.contains("tok-123") && !printed.contains("s3cr3t"),
            "{printed}"
        );
        assert!(
            printed.contains("Authorization") && printed.contains("<20 bytes>"),
            "{printed}"
        );
    }

    #[test]
    fn amazon_and_override_urls() {
        let amazon = ApiBase::parse(None).unwrap();
        assert_eq!(
            amazon.url("creatorsapi.amazon", "/catalog/v1/getItems"),
            "https://creatorsapi.amazon/catalog/v1/getItems"
        );
        let sandbox = ApiBase::parse(Some("http://127.0.0.1:8765/")).unwrap();
        assert_eq!(
            sandbox.url("api.amazon.com", "/auth/o2/token"),
            "http://127.0.0.1:8765/api.amazon.com/auth/o2/token"
        );
        assert_eq!(ApiBase::parse(Some("  ")).unwrap(), ApiBase::Amazon);
        for bad in [
            "ftp://x",
            "127.0.0.1:8765",
            "http://",
            "http:///x",
            "http://a b",
        ] {
            assert!(ApiBase::parse(Some(bad)).is_err(), "{bad}");
        }
    }
}
