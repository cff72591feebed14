//! Plain HTTP request values the builders return and the base-URL override that points every
//! call at a local sandbox. The core never sends anything: callers perform the request.

use std::fmt;

use crate::quote::excerpt;
use serde::Serialize;

/// An HTTP method the Amazon APIs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
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
