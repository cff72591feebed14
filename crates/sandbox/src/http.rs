//! The request and reply values every handler works with, independent of the HTTP server.

use std::time::Duration;

/// One received HTTP request, already read in full.
#[derive(Debug, Clone)]
pub(crate) struct Req {
    pub(crate) method: String,
    /// Path without the query string, e.g. `/api.amazon.com/auth/o2/token`.
    pub(crate) path: String,
    /// Raw query string (without `?`), empty when absent.
    pub(crate) query: String,
    /// Header names as received, with their values.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Req {
    /// The first header named `name` (case-insensitive).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of header `name` (case-insensitive), in order.
    pub(crate) fn header_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The media type of the body (`application/json`), lowercased, without parameters.
    pub(crate) fn media_type(&self) -> String {
        self.header("content-type")
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    }

    /// The base URL the client used to reach the sandbox (`http://127.0.0.1:8765`).
    pub(crate) fn base_url(&self, fallback: &str) -> String {
        // Clients that copy the signed PA-API headers send `Host: webservices.amazon.xx`;
        // such a host is not where the sandbox can be reached.
        match self.header("host") {
            Some(h)
                if !h.is_empty()
                    && !h.contains(['/', ' ', '"', '<', '>', '\\'])
                    && !h.to_ascii_lowercase().contains("amazon") =>
            {
                format!("http://{h}")
            }
            _ => fallback.to_string(),
        }
    }
}

/// What a handler answers.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    /// Wait this long before sending (injected latency).
    pub(crate) delay: Duration,
    /// Credential the request was made with, shortened, for the log line.
    pub(crate) log_credential: Option<String>,
}

impl Reply {
    /// A reply with a JSON body.
    pub(crate) fn json(status: u16, value: &serde_json::Value) -> Reply {
        Reply::raw(
            status,
            "application/json",
            serde_json::to_vec(value).unwrap_or_default(),
        )
    }

    /// A reply with a body of the given content type.
    pub(crate) fn raw(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
            delay: Duration::ZERO,
            log_credential: None,
        }
    }

    /// Adds a header.
    pub(crate) fn with_header(mut self, name: &str, value: impl Into<String>) -> Reply {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// Replaces the content type.
    pub(crate) fn with_content_type(mut self, value: &str) -> Reply {
        self.headers
            .retain(|(k, _)| !k.eq_ignore_ascii_case("content-type"));
        self.headers.push(("Content-Type".into(), value.into()));
        self
    }

    /// Notes the credential used, for the log line.
    pub(crate) fn with_credential(mut self, id: &str) -> Reply {
        self.log_credential = Some(shorten(id));
        self
    }
}

/// A credential ID shortened for logs: `amzn1.app…f2a9`.
pub(crate) fn shorten(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 10 {
        return id.to_string();
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

/// Decodes an `application/x-www-form-urlencoded` body into pairs (`+` is a space).
pub(crate) fn parse_form(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// Percent-decodes one form component; invalid escapes are kept as written.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex_val(bytes[i + 1]), hex_val(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_val(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encodes a query component (RFC 3986 unreserved characters kept).
pub(crate) fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else if b == b' ' {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_decode() {
        let pairs = parse_form("grant_type=client_credentials&scope=creatorsapi%2Fdefault&a=b+c&x");
        assert_eq!(pairs[1], ("scope".into(), "creatorsapi/default".into()));
        assert_eq!(pairs[2], ("a".into(), "b c".into()));
        assert_eq!(pairs[3], ("x".into(), "".into()));
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_encode("a b/ü"), "a+b%2F%C3%BC");
    }

    #[test]
    fn base_url_ignores_amazon_hosts() {
        let mut r = Req {
            method: "GET".into(),
            path: "/".into(),
            query: String::new(),
            headers: vec![("Host".into(), "127.0.0.1:8765".into())],
            body: Vec::new(),
        };
        assert_eq!(r.base_url("http://fallback"), "http://127.0.0.1:8765");
        r.headers[0].1 = "webservices.amazon.fr".into();
        assert_eq!(r.base_url("http://fallback"), "http://fallback");
        r.headers.clear();
        assert_eq!(r.base_url("http://fallback"), "http://fallback");
    }

    #[test]
    fn ids_are_shortened() {
        assert_eq!(shorten("short"), "short");
        assert_eq!(
            shorten("amzn1.application-oa2-client.abcdef"),
            "amzn1.…cdef"
        );
    }
}

/// Decodes standard base64 (padding optional); `None` when malformed.
pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.trim().trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod base64_tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn decoders_never_panic(s in ".{0,64}") {
            let _ = super::base64_decode(&s);
            let _ = super::percent_decode(&s);
            let _ = super::parse_form(&s);
        }
    }

    #[test]
    fn decodes() {
        assert_eq!(super::base64_decode("aWQ6c2VjcmV0").unwrap(), b"id:secret");
        assert_eq!(super::base64_decode("YQ==").unwrap(), b"a");
        assert!(super::base64_decode("a*").is_none());
    }
}
