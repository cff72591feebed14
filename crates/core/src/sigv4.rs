//! AWS Signature Version 4 (header signing), sans-IO.
//!
//! [`sign_v4`] takes a request (method, URL, headers in order, body), the credentials, the
//! scope (region and service) and an [`AmzDate`], and returns every stage of the computation:
//! canonical request, string to sign, signature, `Authorization` value and the headers the
//! caller must add before sending. It reads no clock and sends nothing. [`sign_v4_cached`]
//! does the same with the signing key from a caller's [`SigningKeyCache`].
//!
//! Canonicalization follows AWS's documentation and AWS's own signer (`aws-sigv4`):
//! - path: each byte outside the RFC 3986 unreserved set and `/` is percent-encoded once; `%XX`
//!   triplets already in the URL are kept (no double encoding); with
//!   [`PathNormalization::Enabled`] dot segments and empty segments are removed;
//! - query: pairs split on `&` and the first `=`, decoded (`+` is a space), re-encoded with
//!   RFC 3986 and sorted by encoded key, then encoded value;
//! - headers: names lowercased, values trimmed of spaces with inner runs of spaces collapsed,
//!   a value folded over several lines becomes its lines joined by commas, repeated names
//!   join their values with commas in request order, sorted by name. `Authorization` is never
//!   signed.

use std::borrow::Cow;
use std::fmt;
use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use crate::date::{AmzDate, DateError};
use crate::quote::excerpt;
use crate::secret::Secret;
use crate::sigv4_key::{SigningKey, SigningKeyCache};

/// The signing algorithm name.
pub(crate) const SIGV4_ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Everything that can make a request unsignable. Each message names the input and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SigV4Error {
    /// The signing date is not a valid `X-Amz-Date` or outside the years 0000 to 9999.
    #[error(transparent)]
    Date(#[from] DateError),
    /// The method is empty or not an HTTP token.
    #[error("the HTTP method \"{0}\" is not valid: use GET, POST or another HTTP method name")]
    InvalidMethod(String),
    /// The URL is neither absolute http(s) nor a path.
    #[error(
        "the URL \"{0}\" cannot be signed: give an absolute http:// or https:// URL or a path starting with /"
    )]
    InvalidUrl(String),
    /// A header name that is empty or holds characters HTTP does not allow.
    #[error(
        "the header name \"{0}\" is not valid: use letters, digits and -, without spaces or colons"
    )]
    InvalidHeaderName(String),
    /// A header value with control characters.
    #[error("the value of header \"{0}\" contains control characters: remove them")]
    InvalidHeaderValue(String),
    /// No `Host` header and no host in the URL.
    #[error(
        "the request has no Host header and its URL has no host: give an absolute URL or a Host header"
    )]
    MissingHost,
    /// The request's `X-Amz-Date` header is not the signing date.
    #[error(
        "the request's X-Amz-Date header \"{header}\" differs from the signing date \"{date}\": remove the header or sign with the same date"
    )]
    DateMismatch {
        /// The header value.
        header: String,
        /// The signing date.
        date: String,
    },
    /// The request's `X-Amz-Security-Token` header is not the session token given.
    #[error(
        "the request's X-Amz-Security-Token header differs from the session token given: remove the header or pass the same token"
    )]
    SessionTokenMismatch,
    /// An access key, region or service that cannot appear in a credential scope.
    #[error(
        "the {field} \"{value}\" cannot be used in a SigV4 credential scope: it must be non-empty, without spaces, '/' or ','"
    )]
    InvalidScope {
        /// `access key`, `region` or `service`.
        field: &'static str,
        /// The value given (never a secret).
        value: String,
    },
    /// An empty secret key.
    #[error("the secret access key is empty: enter the secret key of the access key")]
    EmptySecretKey,
}

/// Whether the URI path is normalized (dot segments and empty segments removed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum PathNormalization {
    /// Normalize, as every service but S3 expects (PA-API included).
    #[default]
    Enabled,
    /// Sign the path as given (S3).
    Disabled,
}

/// Whether the signer adds the `X-Amz-Date` and `Host` headers a request lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum DefaultHeaders {
    /// Add (and sign) `X-Amz-Date`, and `Host` from the URL, when the request lacks them.
    #[default]
    AddMissing,
    /// Sign only the headers the request has.
    Omit,
}

/// Where a session token (`X-Amz-Security-Token`) goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SessionTokenPlacement {
    /// The header is part of the signed request (most services).
    #[default]
    Signed,
    /// The header is added after signing and not signed.
    AfterSigning,
}

/// Signing settings. The default suits PA-API 5.0 and most AWS services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SigningSettings {
    /// Path normalization.
    pub path_normalization: PathNormalization,
    /// Headers the signer adds when missing.
    pub default_headers: DefaultHeaders,
    /// Session token placement (used only with a session token).
    pub session_token: SessionTokenPlacement,
}

/// A request to sign. The URL is absolute (`https://host/path?query`) or a path with an
/// optional query (`/path?query`, then the `Host` header must be among `headers`).
#[derive(Debug, Clone, Copy)]
pub struct SigV4Request<'a> {
    /// HTTP method, as sent.
    pub method: &'a str,
    /// URL or path with query.
    pub url: &'a str,
    /// Headers in request order; names may repeat.
    pub headers: &'a [(&'a str, &'a str)],
    /// Body bytes.
    pub body: &'a [u8],
}

/// Who signs, for which scope, when.
#[derive(Debug, Clone, Copy)]
pub struct SigV4Params<'a> {
    /// Access key ID.
    pub access_key: &'a str,
    /// Secret access key.
    pub secret_key: &'a Secret,
    /// Session token of temporary credentials.
    pub session_token: Option<&'a Secret>,
    /// AWS region: `us-east-1`.
    pub region: &'a str,
    /// Service name: `ProductAdvertisingAPI`.
    pub service: &'a str,
    /// Signing time.
    pub date: AmzDate,
    /// Settings.
    pub settings: SigningSettings,
}

/// The result of signing, stage by stage. Serializes with the field names below.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct SigV4Signature {
    /// The canonical request (it contains a signed session token, if any).
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// Hex signature.
    pub signature: String,
    /// `host;x-amz-date`
    pub signed_headers: String,
    /// `AKID/20150830/us-east-1/service/aws4_request`
    pub credential: String,
    /// The `Authorization` header value.
    pub authorization: String,
    /// Headers to add to the request, in order, `Authorization` last. `Host`, `X-Amz-Date`
    /// and `X-Amz-Security-Token` appear only when the request lacked them.
    pub headers_to_add: Vec<(String, String)>,
}

impl fmt::Debug for SigV4Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The canonical request and added headers may hold a session token: not printed.
        f.debug_struct("SigV4Signature")
            .field("signed_headers", &self.signed_headers)
            .field("credential", &self.credential)
            .field("signature", &self.signature)
            .finish_non_exhaustive()
    }
}

/// Signs `request`; see the module documentation for the canonicalization rules. The signing
/// key is derived for this call; [`sign_v4_cached`] takes it from a [`SigningKeyCache`].
pub fn sign_v4(
    request: &SigV4Request<'_>,
    params: &SigV4Params<'_>,
) -> Result<SigV4Signature, SigV4Error> {
    sign(request, params, None)
}

/// Signs `request` like [`sign_v4`], with the signing key from `key_cache` (derived and cached
/// on first use of a secret, day, region and service). The result is the same.
pub fn sign_v4_cached(
    request: &SigV4Request<'_>,
    params: &SigV4Params<'_>,
    key_cache: &mut SigningKeyCache,
) -> Result<SigV4Signature, SigV4Error> {
    sign(request, params, Some(key_cache))
}

/// A canonical header: lowercase name and canonical value, borrowed when the request's are
/// already canonical.
type CanonicalHeader<'a> = (Cow<'a, str>, Cow<'a, str>);

fn sign(
    request: &SigV4Request<'_>,
    params: &SigV4Params<'_>,
    key_cache: Option<&mut SigningKeyCache>,
) -> Result<SigV4Signature, SigV4Error> {
    check_scope_part("access key", params.access_key)?;
    check_scope_part("region", params.region)?;
    check_scope_part("service", params.service)?;
    if params.secret_key.is_empty() {
        return Err(SigV4Error::EmptySecretKey);
    }
    if request.method.is_empty() || !request.method.bytes().all(is_token_byte) {
        return Err(SigV4Error::InvalidMethod(excerpt(request.method)));
    }
    let url = ParsedUrl::parse(request.url)?;
    let date_digits = params.date.digits();
    let amz_date = std::str::from_utf8(&date_digits).unwrap_or_default();
    let scope_date = amz_date.get(..8).unwrap_or_default();
    let settings = params.settings;

    // Canonical headers, sorted by name; a stable sort keeps repeated names in request order.
    let mut canonical: Vec<CanonicalHeader<'_>> = Vec::with_capacity(request.headers.len() + 3);
    for &(name, value) in request.headers {
        if name.is_empty() || !name.bytes().all(is_token_byte) {
            return Err(SigV4Error::InvalidHeaderName(excerpt(name)));
        }
        let lower = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        };
        if lower == "authorization" {
            continue;
        }
        let value = canonical_header_value(value)
            .ok_or_else(|| SigV4Error::InvalidHeaderValue(excerpt(&lower)))?;
        canonical.push((lower, value));
    }
    canonical.sort_by(|a, b| a.0.cmp(&b.0));

    let mut headers_to_add: Vec<(String, String)> = Vec::new();
    if settings.default_headers == DefaultHeaders::AddMissing {
        if header_values(&canonical, "host").is_empty() {
            let host = url.host().ok_or(SigV4Error::MissingHost)?;
            insert_header(&mut canonical, "host", Cow::Owned(host.clone()));
            headers_to_add.push(("Host".into(), host));
        }
        match header_values(&canonical, "x-amz-date") {
            [] => {
                insert_header(&mut canonical, "x-amz-date", Cow::Borrowed(amz_date));
                headers_to_add.push(("X-Amz-Date".into(), amz_date.to_string()));
            }
            [(_, value)] if value == amz_date => {}
            values => {
                return Err(SigV4Error::DateMismatch {
                    header: excerpt(&join_values(values)),
                    date: amz_date.to_string(),
                });
            }
        }
    }
    if let Some(token) = params.session_token {
        let token = token.expose();
        match header_values(&canonical, "x-amz-security-token") {
            [] => {
                if settings.session_token == SessionTokenPlacement::Signed {
                    let value = canonical_header_value(token).ok_or_else(|| {
                        SigV4Error::InvalidHeaderValue("x-amz-security-token".into())
                    })?;
                    insert_header(&mut canonical, "x-amz-security-token", value);
                }
                headers_to_add.push(("X-Amz-Security-Token".into(), token.to_string()));
            }
            [(_, value)] if value == token.trim_matches(' ') => {}
            _ => return Err(SigV4Error::SessionTokenMismatch),
        }
        if settings.session_token == SessionTokenPlacement::AfterSigning {
            canonical.retain(|(name, _)| name != "x-amz-security-token");
        }
    }

    let mut signed_headers = String::with_capacity(canonical.iter().map(|h| h.0.len() + 1).sum());
    for (name, _) in by_name(&canonical) {
        if !signed_headers.is_empty() {
            signed_headers.push(';');
        }
        signed_headers.push_str(name);
    }
    let query = canonical_query(url.query);
    let mut canonical_request = String::with_capacity(
        request.method.len()
            + url.path.len()
            + 1
            + query.len()
            + canonical
                .iter()
                .map(|(n, v)| n.len() + v.len() + 2)
                .sum::<usize>()
            + signed_headers.len()
            + 69,
    );
    canonical_request.push_str(request.method);
    canonical_request.push('\n');
    push_canonical_uri(
        &mut canonical_request,
        url.path,
        settings.path_normalization,
    );
    canonical_request.push('\n');
    canonical_request.push_str(&query);
    canonical_request.push('\n');
    for (name, values) in by_name(&canonical) {
        canonical_request.push_str(name);
        canonical_request.push(':');
        for (i, (_, value)) in values.iter().enumerate() {
            if i > 0 {
                canonical_request.push(',');
            }
            canonical_request.push_str(value);
        }
        canonical_request.push('\n');
    }
    canonical_request.push('\n');
    canonical_request.push_str(&signed_headers);
    canonical_request.push('\n');
    push_hex(&mut canonical_request, &Sha256::digest(request.body));

    // `{access key}/{scope}`: the scope is its tail.
    let mut credential = String::with_capacity(
        params.access_key.len() + params.region.len() + params.service.len() + 24,
    );
    for part in [
        params.access_key,
        "/",
        scope_date,
        "/",
        params.region,
        "/",
        params.service,
        "/aws4_request",
    ] {
        credential.push_str(part);
    }
    let scope = credential
        .get(params.access_key.len() + 1..)
        .unwrap_or_default();
    let mut string_to_sign =
        String::with_capacity(SIGV4_ALGORITHM.len() + amz_date.len() + scope.len() + 67);
    for part in [SIGV4_ALGORITHM, "\n", amz_date, "\n", scope, "\n"] {
        string_to_sign.push_str(part);
    }
    push_hex(
        &mut string_to_sign,
        &Sha256::digest(canonical_request.as_bytes()),
    );

    let (secret, date) = (params.secret_key, params.date);
    let signature_bytes = match key_cache {
        Some(cache) => cache
            .key(secret, date, params.region, params.service)
            .sign(string_to_sign.as_bytes()),
        None => SigningKey::derive(secret, date, params.region, params.service)
            .sign(string_to_sign.as_bytes()),
    };
    let mut signature = String::with_capacity(64);
    push_hex(&mut signature, &signature_bytes);

    let mut authorization = String::with_capacity(
        SIGV4_ALGORITHM.len() + credential.len() + signed_headers.len() + signature.len() + 40,
    );
    for part in [
        SIGV4_ALGORITHM,
        " Credential=",
        &credential,
        ", SignedHeaders=",
        &signed_headers,
        ", Signature=",
        &signature,
    ] {
        authorization.push_str(part);
    }
    headers_to_add.push(("Authorization".into(), authorization.clone()));
    Ok(SigV4Signature {
        canonical_request,
        string_to_sign,
        signature,
        signed_headers,
        credential,
        authorization,
        headers_to_add,
    })
}

/// The entries named `name` (lowercase) of sorted canonical headers, in request order.
fn header_values<'h, 'a>(
    headers: &'h [CanonicalHeader<'a>],
    name: &str,
) -> &'h [CanonicalHeader<'a>] {
    let start = headers.partition_point(|(n, _)| n.as_ref() < name);
    let len = headers
        .get(start..)
        .unwrap_or_default()
        .iter()
        .take_while(|(n, _)| n == name)
        .count();
    headers.get(start..start + len).unwrap_or_default()
}

/// Adds a header the sorted canonical headers lack, in its place.
fn insert_header<'a>(headers: &mut Vec<CanonicalHeader<'a>>, name: &'a str, value: Cow<'a, str>) {
    let at = headers.partition_point(|(n, _)| n.as_ref() < name);
    headers.insert(at, (Cow::Borrowed(name), value));
}

/// Sorted canonical headers grouped by name: each name once with its entries.
fn by_name<'h, 'a>(
    headers: &'h [CanonicalHeader<'a>],
) -> impl Iterator<Item = (&'h str, &'h [CanonicalHeader<'a>])> {
    headers
        .chunk_by(|a, b| a.0 == b.0)
        .map(|group| (group.first().map_or("", |h| h.0.as_ref()), group))
}

/// Values of repeated headers joined by commas, as signed.
fn join_values(values: &[CanonicalHeader<'_>]) -> String {
    values
        .iter()
        .map(|(_, v)| v.as_ref())
        .collect::<Vec<_>>()
        .join(",")
}

fn check_scope_part(field: &'static str, value: &str) -> Result<(), SigV4Error> {
    let bad = value.is_empty()
        || if value.is_ascii() {
            // ASCII whitespace and control characters are the bytes up to space, and DEL.
            value
                .bytes()
                .any(|b| b <= b' ' || b == 0x7f || b == b'/' || b == b',')
        } else {
            value
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '/' || c == ',')
        };
    if bad {
        Err(SigV4Error::InvalidScope {
            field,
            value: excerpt(value),
        })
    } else {
        Ok(())
    }
}

/// RFC 7230 `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Trims spaces and collapses runs of spaces; a value folded over lines becomes its lines
/// joined by commas. `None` when the value holds control characters other than tab. A value
/// that is already canonical (one line, no control characters, single inner spaces) is
/// returned as it is.
fn canonical_header_value(value: &str) -> Option<Cow<'_, str>> {
    // Branch-free folds over the bytes: header values are short, and this vectorizes.
    let bytes = value.as_bytes();
    let canonical = bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && bytes
            .iter()
            .fold(true, |ok, &b| ok & (b == b'\t' || !b.is_ascii_control()))
        && bytes
            .iter()
            .zip(bytes.iter().skip(1))
            .fold(true, |ok, (&a, &b)| ok & !(a == b' ' && b == b' '));
    if canonical {
        return Some(Cow::Borrowed(value));
    }
    let mut parts = Vec::new();
    for (i, line) in value.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.chars().any(|c| c != '\t' && (c.is_ascii_control())) {
            return None;
        }
        let line = if i == 0 {
            line
        } else {
            line.trim_start_matches([' ', '\t'])
        };
        let trimmed = trim_all(line);
        if i == 0 || !trimmed.is_empty() {
            parts.push(trimmed);
        }
    }
    Some(Cow::Owned(parts.join(",")))
}

/// Trims leading and trailing spaces and collapses inner runs of spaces to one (spaces only,
/// as AWS's signer does).
fn trim_all(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.trim_matches(' ').chars() {
        if c == ' ' {
            if !last_space {
                out.push(c);
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    out
}

/// The parts of a URL the signer needs.
struct ParsedUrl<'a> {
    /// The authority without user info and default port.
    authority: Option<&'a str>,
    path: &'a str,
    query: &'a str,
}

impl<'a> ParsedUrl<'a> {
    fn parse(url: &'a str) -> Result<ParsedUrl<'a>, SigV4Error> {
        let url_no_frag = url.split('#').next().unwrap_or("");
        let (authority, rest) = if url_no_frag.is_empty() || url_no_frag.starts_with('/') {
            (None, url_no_frag)
        } else {
            let (scheme, after) = url_no_frag
                .split_once("://")
                .ok_or_else(|| SigV4Error::InvalidUrl(excerpt(url)))?;
            let default_port = if scheme.eq_ignore_ascii_case("https") {
                ":443"
            } else if scheme.eq_ignore_ascii_case("http") {
                ":80"
            } else {
                return Err(SigV4Error::InvalidUrl(excerpt(url)));
            };
            let end = after.find(['/', '?']).unwrap_or(after.len());
            let (authority, rest) = after.split_at(end);
            let authority = authority.rsplit('@').next().unwrap_or(authority);
            let authority = authority.strip_suffix(default_port).unwrap_or(authority);
            if authority.is_empty()
                || authority
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control())
            {
                return Err(SigV4Error::InvalidUrl(excerpt(url)));
            }
            (Some(authority), rest)
        };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        Ok(ParsedUrl {
            authority,
            path,
            query,
        })
    }

    /// The `Host` value the URL gives.
    fn host(&self) -> Option<String> {
        self.authority.map(str::to_ascii_lowercase)
    }
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn push_encoded(out: &mut String, b: u8) {
    // Writing to a String cannot fail.
    let _ = write!(out, "%{b:02X}");
}

/// RFC 3986 encoding of every byte but the unreserved ones.
fn uri_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else {
            push_encoded(&mut out, b);
        }
    }
    out
}

/// The canonical URI: encoded once (existing `%XX` kept), then normalized if asked.
#[cfg(test)]
fn canonical_uri(path: &str, mode: PathNormalization) -> String {
    let mut out = String::new();
    push_canonical_uri(&mut out, path, mode);
    out
}

/// Appends the canonical URI of `path` to `out`.
fn push_canonical_uri(out: &mut String, path: &str, mode: PathNormalization) {
    // Encoding neither adds nor removes `.` and `/`: a path without `.` and `//` has nothing
    // to normalize.
    if mode == PathNormalization::Disabled || !(path.contains('.') || path.contains("//")) {
        encode_path(out, path);
    } else {
        let mut encoded = String::with_capacity(path.len() + 1);
        encode_path(&mut encoded, path);
        out.push_str(&normalize_path(&encoded));
    }
}

/// Appends `path` to `encoded`, each byte outside the unreserved set and `/` percent-encoded
/// once (existing `%XX` kept), with a leading `/`.
fn encode_path(encoded: &mut String, path: &str) {
    let bytes = path.as_bytes();
    if !path.starts_with('/') {
        encoded.push('/');
    }
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let is_triplet = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if is_triplet {
            encoded.push_str(path.get(i..i + 3).unwrap_or("%"));
            i += 3;
            continue;
        }
        if is_unreserved(b) || b == b'/' {
            encoded.push(char::from(b));
        } else {
            push_encoded(encoded, b);
        }
        i += 1;
    }
}

/// RFC 3986 section 5.2.4 dot-segment removal, also dropping empty segments; a trailing slash
/// is kept. `path` starts with `/`.
fn normalize_path(path: &str) -> String {
    if !(path.contains('.') || path.contains("//")) {
        return path.to_string();
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let mut out = String::with_capacity(path.len());
    for segment in &segments {
        out.push('/');
        out.push_str(segment);
    }
    let ends_with_slash = ["/", "/.", "/./", "/..", "/../"]
        .iter()
        .any(|s| path.ends_with(s));
    if out.is_empty() || (ends_with_slash && !out.ends_with('/')) {
        out.push('/');
    }
    out
}

/// Decodes one form-encoded query component: `+` is a space, `%XX` a byte, invalid UTF-8
/// becomes U+FFFD.
fn query_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| char::from(*c).to_digit(16));
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                if let (Some(h), Some(l)) = (hex(i + 1), hex(i + 2)) {
                    // h and l are below 16, so the byte fits.
                    out.push(u8::try_from(h * 16 + l).unwrap_or(b'%'));
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The canonical query string: pairs decoded, re-encoded, sorted by key then value.
fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (uri_encode(&query_decode(k)), uri_encode(&query_decode(v)))
        })
        .collect();
    pairs.sort();
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// Appends a 32-byte digest in lowercase hex.
fn push_hex(out: &mut String, digest: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = [0u8; 64];
    for (pair, &b) in hex.chunks_exact_mut(2).zip(digest) {
        pair[0] = DIGITS[usize::from(b >> 4)];
        pair[1] = DIGITS[usize::from(b & 0x0f)];
    }
    let len = 2 * digest.len().min(32);
    out.push_str(std::str::from_utf8(&hex[..len]).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn example_params(secret: &Secret) -> SigV4Params<'_> {
        SigV4Params {
            access_key: "AKIDEXAMPLE",
            secret_key: secret,
            session_token: None,
            region: "us-east-1",
            service: "service",
            date: AmzDate::parse("20150830T123600Z").unwrap(),
            settings: SigningSettings::default(),
        }
    }

    #[test]
    fn paths_normalize_like_the_suite() {
        let n = |p| canonical_uri(p, PathNormalization::Enabled);
        assert_eq!(n(""), "/");
        assert_eq!(n("/example/.."), "/");
        assert_eq!(n("//example//"), "/example/");
        assert_eq!(n("/./example"), "/example");
        assert_eq!(n("/a/./b/../c/."), "/a/c/");
        assert_eq!(n("/../x"), "/x");
        assert_eq!(n("/example space/"), "/example%20space/");
        assert_eq!(n("/ሴ"), "/%E1%88%B4");
        assert_eq!(n("/a%20b/%zz"), "/a%20b/%25zz");
        assert_eq!(
            canonical_uri("//a/./", PathNormalization::Disabled),
            "//a/./"
        );
    }

    #[test]
    fn queries_sort_encoded() {
        assert_eq!(canonical_query("b=2&a=1&a=0&c"), "a=0&a=1&b=2&c=");
        assert_eq!(
            canonical_query("x=a+b%2Fc&&=v&ሴ=é"),
            "=v&%E1%88%B4=%C3%A9&x=a%20b%2Fc"
        );
        assert_eq!(canonical_query("k=%zz%4"), "k=%25zz%254");
    }

    #[test]
    fn header_values_trim_and_fold() {
        assert_eq!(canonical_header_value("  a   b  c ").unwrap(), "a b c");
        assert_eq!(
            canonical_header_value("v1\n  v2\r\n\tv3").unwrap(),
            "v1,v2,v3"
        );
        assert_eq!(canonical_header_value("a\tb").unwrap(), "a\tb");
        assert!(canonical_header_value("a\u{0}b").is_none());
    }

    #[test]
    fn adds_missing_host_and_date_and_reports_conflicts() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        let params = example_params(&secret);
        let req = SigV4Request {
            method: "GET",
            url: "https://Example.amazonaws.com:443/",
            headers: &[],
            body: b"",
        };
        let out = sign_v4(&req, &params).unwrap();
        // Same signature as the suite's get-vanilla case.
        assert_eq!(
            out.signature,
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
        let names: Vec<_> = out.headers_to_add.iter().map(|h| h.0.as_str()).collect();
        assert_eq!(names, ["Host", "X-Amz-Date", "Authorization"]);

        let relative = SigV4Request { url: "/", ..req };
        assert_eq!(sign_v4(&relative, &params), Err(SigV4Error::MissingHost));
        let stale = [("X-Amz-Date", "20150830T000000Z")];
        let dated = SigV4Request {
            headers: &stale,
            ..req
        };
        assert!(matches!(
            sign_v4(&dated, &params),
            Err(SigV4Error::DateMismatch { .. })
        ));
        let bad_name = [("bad name", "x")];
        let e = sign_v4(
            &SigV4Request {
                headers: &bad_name,
                ..req
            },
            &params,
        )
        .unwrap_err();
        assert!(e.to_string().contains("bad name"), "{e}");
        let ftp = SigV4Request {
            url: "ftp://x/",
            ..req
        };
        assert!(matches!(
            sign_v4(&ftp, &params),
            Err(SigV4Error::InvalidUrl(_))
        ));
        let empty = Secret::new("");
        let no_secret = SigV4Params {
            secret_key: &empty,
            ..params
        };
        assert_eq!(sign_v4(&req, &no_secret), Err(SigV4Error::EmptySecretKey));
        let bad_region = SigV4Params {
            region: "us east",
            ..params
        };
        assert!(
            sign_v4(&req, &bad_region)
                .unwrap_err()
                .to_string()
                .contains("region")
        );
    }

    #[test]
    fn origin_form_requests_sign_alike_with_and_without_a_key_cache() {
        let headers = [
            ("Host", "example.amazonaws.com"),
            ("X-Amz-Date", "20150830T123600Z"),
        ];
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        let params = example_params(&secret);
        let req = SigV4Request {
            method: "GET",
            url: "/",
            headers: &headers,
            body: b"",
        };
        let out = sign_v4(&req, &params).unwrap();
        assert_eq!(out.signed_headers, "host;x-amz-date");
        assert_eq!(
            out.signature,
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
        assert_eq!(out.headers_to_add.len(), 1);
        let mut cache = SigningKeyCache::default();
        for _ in 0..2 {
            assert_eq!(sign_v4_cached(&req, &params, &mut cache).unwrap(), out);
        }
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        let token = Secret::new("TOKEN-VALUE");
        let params = SigV4Params {
            session_token: Some(&token),
            ..example_params(&secret)
        };
        let req = SigV4Request {
            method: "GET",
            url: "https://example.amazonaws.com/",
            headers: &[],
            body: b"",
        };
        let out = sign_v4(&req, &params).unwrap();
        assert!(
            out.canonical_request
                .contains("x-amz-security-token:TOKEN-VALUE")
        );
        let printed = format!("{out:?} {params:?}");
        assert!(
            !printed.contains("TOKEN-VALUE") && !printed.contains("EXAMPLEKEY"),
            "{printed}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn never_panics(
            method in ".{0,8}",
            url in ".{0,60}",
            headers in proptest::collection::vec((".{0,10}", ".{0,20}"), 0..5),
            body in proptest::collection::vec(any::<u8>(), 0..40),
            key in ".{0,12}",
            region in ".{0,12}",
            service in ".{0,12}",
            date in ".{0,18}",
            unix in any::<i64>(),
            token in proptest::option::of(".{0,12}"),
        ) {
            let headers: Vec<(String, String)> = headers;
            let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let secret = Secret::new(key.clone());
            let token = token.map(Secret::new);
            let mut cache = SigningKeyCache::default();
            if let Ok(date) = AmzDate::parse(&date) {
                let request = SigV4Request { method: &method, url: &url, headers: &headers, body: &body };
                let params = SigV4Params {
                    access_key: &key,
                    secret_key: &secret,
                    session_token: token.as_ref(),
                    region: &region,
                    service: &service,
                    date,
                    settings: SigningSettings::default(),
                };
                let _ = sign_v4_cached(&request, &params, &mut cache);
            }
            if let Ok(d) = AmzDate::from_unix_seconds(unix) {
                let shown = d.to_string();
                prop_assert_eq!(AmzDate::parse(&shown), Ok(d));
            }
            let _ = AmzDate::parse(&date);
        }
    }
}
