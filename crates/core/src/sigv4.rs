//! AWS Signature Version 4 (header signing), sans-IO.
//!
//! [`sign_v4`] takes a request (method, URL, headers in order, body), the credentials, the
//! scope (region and service) and an [`AmzDate`], and returns every stage of the computation:
//! canonical request, string to sign, signature, `Authorization` value and the headers the
//! caller must add before sending. It reads no clock and sends nothing.
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

use std::collections::BTreeMap;
use std::fmt;
use std::fmt::Write as _;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::secret::Secret;

/// The signing algorithm name.
pub const SIGV4_ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Everything that can make a request unsignable. Each message names the input and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SigV4Error {
    /// The date is not `YYYYMMDDTHHMMSSZ` or not a real date.
    #[error(
        "the signing date \"{0}\" is not a valid X-Amz-Date: use the form 20150830T123600Z (UTC)"
    )]
    InvalidDate(String),
    /// Unix seconds outside the years 0000 to 9999.
    #[error(
        "the signing time {0} (Unix seconds) is outside the years 0000-9999: pass the current time"
    )]
    TimeOutOfRange(i64),
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

/// A signing time, shown as `20150830T123600Z`. Built from Unix seconds or parsed; the signer
/// never reads a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AmzDate {
    unix: i64,
}

/// 0000-01-01T00:00:00Z in Unix seconds.
const MIN_UNIX: i64 = -62_167_219_200;
/// 9999-12-31T23:59:59Z in Unix seconds.
const MAX_UNIX: i64 = 253_402_300_799;

impl AmzDate {
    /// The date at `unix` seconds since 1970-01-01T00:00:00Z.
    pub fn from_unix_seconds(unix: i64) -> Result<AmzDate, SigV4Error> {
        if (MIN_UNIX..=MAX_UNIX).contains(&unix) {
            Ok(AmzDate { unix })
        } else {
            Err(SigV4Error::TimeOutOfRange(unix))
        }
    }

    /// Parses `20150830T123600Z`.
    pub fn parse(s: &str) -> Result<AmzDate, SigV4Error> {
        let bad = || SigV4Error::InvalidDate(s.to_string());
        let b = s.as_bytes();
        if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Option<i64> {
            let part = b.get(r)?;
            part.iter().try_fold(0i64, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
            })
        };
        let (y, mo, d) = (
            num(0..4).ok_or_else(bad)?,
            num(4..6).ok_or_else(bad)?,
            num(6..8).ok_or_else(bad)?,
        );
        let (h, mi, se) = (
            num(9..11).ok_or_else(bad)?,
            num(11..13).ok_or_else(bad)?,
            num(13..15).ok_or_else(bad)?,
        );
        if !(1..=12).contains(&mo)
            || d < 1
            || d > days_in_month(y, mo)
            || h > 23
            || mi > 59
            || se > 59
        {
            return Err(bad());
        }
        let unix = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se;
        AmzDate::from_unix_seconds(unix).map_err(|_| bad())
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(self) -> i64 {
        self.unix
    }

    /// The scope date: `20150830`.
    pub fn scope_date(self) -> String {
        let (y, m, d) = civil_from_days(self.unix.div_euclid(86_400));
        format!("{y:04}{m:02}{d:02}")
    }
}

impl fmt::Display for AmzDate {
    /// `20150830T123600Z`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = civil_from_days(self.unix.div_euclid(86_400));
        let s = self.unix.rem_euclid(86_400);
        write!(
            f,
            "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
            s / 3600,
            s % 3600 / 60,
            s % 60
        )
    }
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
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

/// Signs `request`; see the module documentation for the canonicalization rules.
pub fn sign_v4(
    request: &SigV4Request<'_>,
    params: &SigV4Params<'_>,
) -> Result<SigV4Signature, SigV4Error> {
    check_scope_part("access key", params.access_key)?;
    check_scope_part("region", params.region)?;
    check_scope_part("service", params.service)?;
    if params.secret_key.is_empty() {
        return Err(SigV4Error::EmptySecretKey);
    }
    if request.method.is_empty() || !request.method.bytes().all(is_token_byte) {
        return Err(SigV4Error::InvalidMethod(request.method.to_string()));
    }
    let url = ParsedUrl::parse(request.url)?;
    let amz_date = params.date.to_string();
    let settings = params.settings;

    // Canonical headers: lowercase name -> values in request order.
    let mut canonical: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in request.headers {
        if name.is_empty() || !name.bytes().all(is_token_byte) {
            return Err(SigV4Error::InvalidHeaderName((*name).to_string()));
        }
        let lower = name.to_ascii_lowercase();
        if lower == "authorization" {
            continue;
        }
        let value = canonical_header_value(value)
            .ok_or_else(|| SigV4Error::InvalidHeaderValue(lower.clone()))?;
        canonical.entry(lower).or_default().push(value);
    }

    let mut headers_to_add: Vec<(String, String)> = Vec::new();
    if settings.default_headers == DefaultHeaders::AddMissing {
        if !canonical.contains_key("host") {
            let host = url.host.clone().ok_or(SigV4Error::MissingHost)?;
            canonical.insert("host".into(), vec![host.clone()]);
            headers_to_add.push(("Host".into(), host));
        }
        match canonical.get("x-amz-date") {
            Some(values) if values.len() != 1 || values[0] != amz_date => {
                return Err(SigV4Error::DateMismatch {
                    header: values.join(","),
                    date: amz_date,
                });
            }
            Some(_) => {}
            None => {
                canonical.insert("x-amz-date".into(), vec![amz_date.clone()]);
                headers_to_add.push(("X-Amz-Date".into(), amz_date.clone()));
            }
        }
    }
    if let Some(token) = params.session_token {
        let token = token.expose();
        match canonical.get("x-amz-security-token") {
            Some(values) if values.len() != 1 || values[0] != token.trim_matches(' ') => {
                return Err(SigV4Error::SessionTokenMismatch);
            }
            Some(_) => {}
            None => {
                if settings.session_token == SessionTokenPlacement::Signed {
                    let value = canonical_header_value(token).ok_or_else(|| {
                        SigV4Error::InvalidHeaderValue("x-amz-security-token".into())
                    })?;
                    canonical.insert("x-amz-security-token".into(), vec![value]);
                }
                headers_to_add.push(("X-Amz-Security-Token".into(), token.to_string()));
            }
        }
        if settings.session_token == SessionTokenPlacement::AfterSigning {
            canonical.remove("x-amz-security-token");
        }
    }

    let mut canonical_request = String::with_capacity(256 + request.body.len().min(64));
    canonical_request.push_str(request.method);
    canonical_request.push('\n');
    canonical_request.push_str(&canonical_uri(url.path, settings.path_normalization));
    canonical_request.push('\n');
    canonical_request.push_str(&canonical_query(url.query));
    canonical_request.push('\n');
    for (name, values) in &canonical {
        canonical_request.push_str(name);
        canonical_request.push(':');
        canonical_request.push_str(&values.join(","));
        canonical_request.push('\n');
    }
    canonical_request.push('\n');
    let signed_headers = canonical
        .keys()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(";");
    canonical_request.push_str(&signed_headers);
    canonical_request.push('\n');
    canonical_request.push_str(&sha256_hex(request.body));

    let scope_date = params.date.scope_date();
    let scope = format!(
        "{scope_date}/{}/{}/aws4_request",
        params.region, params.service
    );
    let string_to_sign = format!(
        "{SIGV4_ALGORITHM}\n{amz_date}\n{scope}\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let mut key = hmac_sha256(
        format!("AWS4{}", params.secret_key.expose()).as_bytes(),
        scope_date.as_bytes(),
    );
    for part in [params.region, params.service, "aws4_request"] {
        key = hmac_sha256(&key, part.as_bytes());
    }
    let signature = hex::encode(hmac_sha256(&key, string_to_sign.as_bytes()));
    let credential = format!("{}/{scope}", params.access_key);
    let authorization = format!(
        "{SIGV4_ALGORITHM} Credential={credential}, SignedHeaders={signed_headers}, Signature={signature}"
    );
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

/// Signs a request with the default settings (path normalization, `X-Amz-Date` and `Host`
/// added when missing, session token signed). This is what the PHP `Asa2\SigV4::sign()` and
/// the wasm binding call; `amz_date` is `20150830T123600Z`.
///
/// For a service that wants the session token added after signing (the suite's
/// `post-sts-header-after`), sign without the token and add `X-Amz-Security-Token` to the
/// request yourself: the signature is the same.
#[allow(clippy::too_many_arguments)]
pub fn sigv4_sign_request(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: &[u8],
    access_key: &str,
    secret_key: &Secret,
    region: &str,
    service: &str,
    amz_date: &str,
    session_token: Option<&Secret>,
) -> Result<SigV4Signature, SigV4Error> {
    let date = AmzDate::parse(amz_date)?;
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    sign_v4(
        &SigV4Request {
            method,
            url,
            headers: &headers,
            body,
        },
        &SigV4Params {
            access_key,
            secret_key,
            session_token,
            region,
            service,
            date,
            settings: SigningSettings::default(),
        },
    )
}

fn check_scope_part(field: &'static str, value: &str) -> Result<(), SigV4Error> {
    let bad = value.is_empty()
        || value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '/' || c == ',');
    if bad {
        Err(SigV4Error::InvalidScope {
            field,
            value: value.to_string(),
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
/// joined by commas. `None` when the value holds control characters other than tab.
fn canonical_header_value(value: &str) -> Option<String> {
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
    Some(parts.join(","))
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
    /// `Host` value derived from the authority (default port dropped).
    host: Option<String>,
    path: &'a str,
    query: &'a str,
}

impl<'a> ParsedUrl<'a> {
    fn parse(url: &'a str) -> Result<ParsedUrl<'a>, SigV4Error> {
        let url_no_frag = url.split('#').next().unwrap_or("");
        let (host, rest) = if url_no_frag.is_empty() || url_no_frag.starts_with('/') {
            (None, url_no_frag)
        } else {
            let (scheme, after) = url_no_frag
                .split_once("://")
                .ok_or_else(|| SigV4Error::InvalidUrl(url.to_string()))?;
            let default_port = if scheme.eq_ignore_ascii_case("https") {
                ":443"
            } else if scheme.eq_ignore_ascii_case("http") {
                ":80"
            } else {
                return Err(SigV4Error::InvalidUrl(url.to_string()));
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
                return Err(SigV4Error::InvalidUrl(url.to_string()));
            }
            (Some(authority.to_ascii_lowercase()), rest)
        };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        Ok(ParsedUrl { host, path, query })
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
fn canonical_uri(path: &str, mode: PathNormalization) -> String {
    let bytes = path.as_bytes();
    let mut encoded = String::with_capacity(path.len() + 1);
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
            push_encoded(&mut encoded, b);
        }
        i += 1;
    }
    match mode {
        PathNormalization::Enabled => normalize_path(&encoded),
        PathNormalization::Disabled => encoded,
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

/// Lowercase hex SHA-256.
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here.
    match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
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
    fn dates_round_trip() {
        let d = AmzDate::parse("20150830T123600Z").unwrap();
        assert_eq!(d.unix_seconds(), 1_440_938_160);
        assert_eq!(d.to_string(), "20150830T123600Z");
        assert_eq!(d.scope_date(), "20150830");
        assert_eq!(
            AmzDate::from_unix_seconds(1_609_426_121)
                .unwrap()
                .to_string(),
            "20201231T144841Z"
        );
        assert_eq!(
            AmzDate::from_unix_seconds(0).unwrap().to_string(),
            "19700101T000000Z"
        );
        assert_eq!(
            AmzDate::from_unix_seconds(-1).unwrap().to_string(),
            "19691231T235959Z"
        );
        assert_eq!(
            AmzDate::parse("20240229T000000Z").unwrap().scope_date(),
            "20240229"
        );
        for bad in [
            "",
            "20150830T123600",
            "20150830 123600Z",
            "20230229T000000Z",
            "20151301T000000Z",
            "20150830T246000Z",
            "2015083OT123600Z",
            "+0150830T123600Z",
            "２015083T123600Z",
        ] {
            assert!(AmzDate::parse(bad).is_err(), "{bad}");
        }
        assert!(AmzDate::from_unix_seconds(i64::MAX).is_err());
        assert!(AmzDate::from_unix_seconds(MAX_UNIX).is_ok());
        assert_eq!(
            AmzDate::from_unix_seconds(MIN_UNIX).unwrap().to_string(),
            "00000101T000000Z"
        );
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
    fn binding_entry_point_signs_origin_form_requests() {
        let headers = [
            ("Host".to_string(), "example.amazonaws.com".to_string()),
            ("X-Amz-Date".to_string(), "20150830T123600Z".to_string()),
        ];
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        let out = sigv4_sign_request(
            "GET",
            "/",
            &headers,
            b"",
            "AKIDEXAMPLE",
            &secret,
            "us-east-1",
            "service",
            "20150830T123600Z",
            None,
        )
        .unwrap();
        assert_eq!(out.signed_headers, "host;x-amz-date");
        assert_eq!(
            out.signature,
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
        assert_eq!(out.headers_to_add.len(), 1);
        let err = sigv4_sign_request(
            "GET",
            "/",
            &headers,
            b"",
            "AKIDEXAMPLE",
            &secret,
            "us-east-1",
            "service",
            "2015",
            None,
        )
        .unwrap_err();
        assert!(err.to_string().contains("20150830T123600Z"), "{err}");
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
            let secret = Secret::new(key.clone());
            let token = token.map(Secret::new);
            let _ = sigv4_sign_request(&method, &url, &headers, &body, &key, &secret, &region, &service, &date, token.as_ref());
            if let Ok(d) = AmzDate::from_unix_seconds(unix) {
                let shown = d.to_string();
                prop_assert_eq!(AmzDate::parse(&shown), Ok(d));
            }
            let _ = AmzDate::parse(&date);
        }
    }
}
