//! What each fuzz target does with one input. Shared by the fuzz targets (`fuzz/fuzz_targets/`)
//! and the regression test (`crates/core/tests/fuzz_regressions.rs`), which replays every
//! saved input through the same function: an input that once crashed a target stays a test.
//!
//! A target fails by panicking: asa2-core must return an error for any input, never panic,
//! and what it returns must hold the properties asserted here.

use asa2_core::{
    AmzDate, ApiError, ApiVersion, CatalogPage, CredentialKind, DefaultHeaders, Marketplace,
    NormalizeContext, Operation, PathNormalization, Sealer, Secret, SessionTokenPlacement,
    SigV4Params, SigV4Request, SigningSettings, is_sealed, normalize_creators, normalize_paapi,
    parse_creators_response, parse_paapi_response, parse_token_response, sign_v4,
};

/// What a target does with one input; it panics when the input reveals a fault.
pub(crate) type EntryPoint = fn(&[u8]);

/// Every target: its name (the folder of its seeds and regression inputs) and entry point.
pub(crate) const TARGETS: &[(&str, EntryPoint)] = &[
    ("normalize_creators", normalize_creators_answer),
    ("normalize_paapi", normalize_paapi_answer),
    ("token_parse", token_parse),
    ("sigv4_sign", sigv4_sign),
    ("seal_open", seal_open),
];

/// The caller's clock in every target (unix seconds).
const NOW: u64 = 1_768_470_000;

/// HTTP statuses every answer is also read with: success, then the error answers.
const STATUSES: [u16; 6] = [200, 400, 401, 403, 429, 500];

/// A Creators API answer body, read as each operation's answer by the normalizer, then as
/// whole answers (every status, a `Retry-After` header) by `parse_creators_response`. Every
/// page must survive the plugin's store-and-reload round trip; every error must serialize.
pub(crate) fn normalize_creators_answer(data: &[u8]) {
    let version = ApiVersion::for_marketplace(CredentialKind::Cognito, Marketplace::DE);
    let ctx = NormalizeContext::creators(Marketplace::DE, version, NOW as i64);
    for op in Operation::ALL {
        if let Ok(page) = normalize_creators(op, &ctx, data) {
            assert_storable(&page);
        }
    }
    // Whole answers: one operation per status keeps each run short; the normalizer above
    // already read the body as every operation's.
    let headers = retry_after(data);
    for (i, status) in STATUSES.into_iter().enumerate() {
        let op = Operation::ALL[i % Operation::ALL.len()];
        check_answer(parse_creators_response(op, &ctx, status, &headers, data));
    }
}

/// A PA-API 5.0 answer body, like [`normalize_creators_answer`].
pub(crate) fn normalize_paapi_answer(data: &[u8]) {
    let ctx = NormalizeContext::paapi(Marketplace::US, NOW as i64);
    for op in Operation::ALL {
        if let Ok(page) = normalize_paapi(op, &ctx, data) {
            assert_storable(&page);
        }
    }
    let headers = retry_after(data);
    for (i, status) in STATUSES.into_iter().enumerate() {
        let op = Operation::ALL[i % Operation::ALL.len()];
        check_answer(parse_paapi_response(op, &ctx, status, &headers, data));
    }
}

/// A token endpoint answer body, read for both credential kinds with every status.
pub(crate) fn token_parse(data: &[u8]) {
    for kind in CredentialKind::ALL {
        for status in STATUSES {
            if let Ok(token) = parse_token_response(kind, status, &retry_after(data), data, NOW) {
                assert!(
                    (200..300).contains(&status),
                    "a token only from a 2xx answer"
                );
                assert!(!token.access_token.is_empty(), "a token is never empty");
                assert!(
                    token.expires_at >= NOW,
                    "a token does not expire in the past"
                );
            }
        }
    }
}

/// A `Retry-After` header made of the input's first line, so that header is fuzzed too.
fn retry_after(data: &[u8]) -> Vec<(String, String)> {
    let first = data.split(|b| *b == b'\n').next().unwrap_or_default();
    vec![(
        "Retry-After".to_string(),
        String::from_utf8_lossy(&first[..first.len().min(32)]).into_owned(),
    )]
}

fn check_answer(answer: Result<CatalogPage, ApiError>) {
    match answer {
        Ok(page) => assert_storable(&page),
        Err(error) => {
            let text = error.to_string();
            assert!(!text.is_empty(), "an error says what went wrong");
            serde_json::to_string(&error).expect("an API error always serializes");
        }
    }
}

/// A page must serialize, and what the plugin stores must load back unchanged.
fn assert_storable(page: &CatalogPage) {
    let json = serde_json::to_string(page).expect("a page always serializes");
    let back: CatalogPage = serde_json::from_str(&json).expect("a stored page loads");
    assert_eq!(&back, page, "a stored page loads back unchanged");
}

/// Key material of the sealing target (any 32 bytes or more will do; fixed so that seeds
/// sealed with it open).
pub(crate) const SEAL_KEY_MATERIAL: &[u8] = b"asa2-fuzz sealing key material, not a secret";

/// A request in the AWS SigV4 test-suite `.req` format (`METHOD URI HTTP/1.1`, `Name:value`
/// lines, a blank line, the body), signed twice: with the default settings, and with path
/// normalization off, no headers added and a signed session token.
pub(crate) fn sigv4_sign(data: &[u8]) {
    let (head, body) = split_head(data);
    let head = String::from_utf8_lossy(head);
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().unwrap_or_default();
    let (method, rest) = request_line.split_once(' ').unwrap_or((request_line, ""));
    let url = rest.rsplit_once(" HTTP/").map_or(rest, |(url, _)| url);
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        match line.split_once(':') {
            // A line starting with whitespace continues the previous value.
            _ if line.starts_with([' ', '\t']) && !headers.is_empty() => {
                let last = headers.len() - 1;
                headers[last].1.push('\n');
                headers[last].1.push_str(line);
            }
            Some((name, value)) => headers.push((name.to_string(), value.to_string())),
            None => headers.push((line.to_string(), String::new())),
        }
    }
    let header_refs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let request = SigV4Request {
        method,
        url,
        headers: &header_refs,
        body,
    };
    let secret = Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    let token = Secret::new("AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW");
    let date = AmzDate::parse("20150830T123600Z").expect("a valid date");
    let variants = [
        (SigningSettings::default(), None),
        (
            SigningSettings {
                path_normalization: PathNormalization::Disabled,
                default_headers: DefaultHeaders::Omit,
                session_token: SessionTokenPlacement::Signed,
            },
            Some(&token),
        ),
    ];
    for (settings, session_token) in variants {
        let params = SigV4Params {
            access_key: "AKIDEXAMPLE",
            secret_key: &secret,
            session_token,
            region: "us-east-1",
            service: "service",
            date,
            settings,
        };
        let Ok(signed) = sign_v4(&request, &params) else {
            continue;
        };
        assert_eq!(signed.signature.len(), 64, "signature length");
        assert!(
            signed.signature.bytes().all(|b| b.is_ascii_hexdigit()),
            "signature is hex"
        );
        assert!(
            signed.authorization.ends_with(&signed.signature),
            "Authorization ends with the signature"
        );
        assert!(
            signed
                .string_to_sign
                .starts_with("AWS4-HMAC-SHA256\n20150830T123600Z\n"),
            "string to sign starts with the algorithm and date"
        );
        assert_eq!(
            signed.headers_to_add.last().map(|(k, _)| k.as_str()),
            Some("Authorization"),
            "Authorization is the last header to add"
        );
        let again = sign_v4(&request, &params).expect("signing is deterministic");
        assert_eq!(signed, again, "signing twice gives the same result");
    }
}

/// Head and body of a `.req` input: split at the first blank line.
fn split_head(data: &[u8]) -> (&[u8], &[u8]) {
    for (sep, len) in [(&b"\r\n\r\n"[..], 4), (&b"\n\n"[..], 2)] {
        if let Some(i) = data.windows(len).position(|w| w == sep) {
            return (&data[..i], &data[i + len..]);
        }
    }
    (data, &[])
}

/// `scope\nfield\nsealed value`: opened with [`SEAL_KEY_MATERIAL`]. Then the value (as text)
/// is sealed and must open again to itself, and only for its own scope and field.
pub(crate) fn seal_open(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\n');
    let scope = parts.next().unwrap_or_default();
    let field = parts.next().unwrap_or_default();
    let sealed = parts.next().unwrap_or_default();
    let sealer = Sealer::new(SEAL_KEY_MATERIAL).expect("long enough key material");

    let opened = sealer.open(sealed, scope, field);
    if opened.is_ok() {
        assert!(
            is_sealed(sealed),
            "a value that opens is recognised as sealed"
        );
    }

    let mut nonce = [0u8; 24];
    for (n, b) in nonce.iter_mut().zip(data.iter().rev()) {
        *n = *b;
    }
    if let Ok(resealed) = sealer.seal(sealed, scope, field, nonce) {
        assert!(is_sealed(&resealed), "a fresh seal is recognised as sealed");
        let back = sealer
            .open(&resealed, scope, field)
            .expect("a fresh seal opens with its own scope and field");
        assert_eq!(back.expose(), sealed, "a seal opens to its plaintext");
        let elsewhere = format!("{scope}x");
        assert!(
            sealer.open(&resealed, &elsewhere, field).is_err(),
            "a seal does not open for another scope"
        );
    }
}
