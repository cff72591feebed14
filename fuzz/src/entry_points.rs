//! What each fuzz target does with one input. Shared by the fuzz targets (`fuzz/fuzz_targets/`)
//! and the regression test (`crates/core/tests/fuzz_regressions.rs`), which replays every
//! saved input through the same function: an input that once crashed a target stays a test.
//!
//! A target fails by panicking: asa2-core must return an error for any input, never panic,
//! and what it returns must hold the properties asserted here.

use asa2_core::{
    AmzDate, DefaultHeaders, PathNormalization, Sealer, Secret, SessionTokenPlacement, SigV4Params,
    SigV4Request, SigningSettings, is_sealed, sign_v4,
};

/// Every target: its name (the folder of its seeds and regression inputs) and entry point.
pub(crate) const TARGETS: &[(&str, fn(&[u8]))] =
    &[("sigv4_sign", sigv4_sign), ("seal_open", seal_open)];

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
