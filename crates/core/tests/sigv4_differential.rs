//! Differential test: thousands of generated requests signed by asa2-core and by `aws-sigv4`
//! (AWS's own Rust signer) must get the same signature and `Authorization` header.
//!
//! Generated: methods, paths with reserved, percent and non-ASCII characters and dot segments,
//! query strings with repeated keys, empty values, `+` and reserved characters, header sets
//! with repeated and mixed-case names and untrimmed values, bodies, regions, services, dates,
//! session tokens (signed or added after signing), path normalization on and off. Each case
//! is also signed twice with one small key cache shared by all cases (the key derived, then
//! found), which must change nothing.
//! `PROPTEST_CASES` overrides the default of 2000 cases.

use std::cell::RefCell;
use std::time::{Duration, UNIX_EPOCH};

use asa2_core::{
    AmzDate, DefaultHeaders, PathNormalization, Secret, SessionTokenPlacement, SigV4Params,
    SigV4Request, SigningKeyCache, SigningSettings, sign_v4, sign_v4_cached,
};
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SessionTokenMode, SignableBody, SignableRequest,
    SigningSettings as AwsSettings, UriPathNormalizationMode, sign,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

const DEFAULT_CASES: u32 = 2000;

thread_local! {
    /// The key cache every case also signs with: small, so that keys are evicted too.
    static KEY_CACHE: RefCell<SigningKeyCache> = RefCell::new(SigningKeyCache::new(4));
}

/// One generated request and its signing inputs.
#[derive(Debug, Clone)]
struct Case {
    method: &'static str,
    scheme: &'static str,
    host: String,
    port: Option<u16>,
    /// Path segments as text (not encoded).
    segments: Vec<String>,
    /// Give the signer the path unencoded (when it can be) instead of encoded.
    raw_path: bool,
    /// Give `aws-sigv4` the unencoded path and let it encode (its "double" mode).
    aws_encodes: bool,
    query: Vec<QueryPart>,
    headers: Vec<(String, String)>,
    explicit_host: Option<String>,
    body: Vec<u8>,
    access_key: String,
    secret_key: String,
    session_token: Option<String>,
    token_signed: bool,
    region: String,
    service: String,
    unix: u64,
    normalize: bool,
}

#[derive(Debug, Clone)]
enum QueryPart {
    /// `key=value`, both encoded in the given style.
    Pair(String, String, Style),
    /// A key with no `=`.
    Bare(String),
    /// An empty segment (`&&`).
    Empty,
}

#[derive(Debug, Clone, Copy)]
enum Style {
    /// Every byte but the unreserved ones as `%XX`.
    Strict,
    /// Like `Strict`, but a space as `+`.
    Form,
    /// Characters a URL may carry as they are stay raw.
    Lax,
}

fn text(max: usize) -> impl Strategy<Value = String> {
    let chars = prop_oneof![
        6 => proptest::char::range('a', 'z'),
        2 => proptest::char::range('A', 'Z'),
        2 => proptest::char::range('0', '9'),
        3 => proptest::sample::select(vec![
            '-', '.', '_', '~', ' ', '!', '$', '\'', '(', ')', '*', '+', ',', ';', '=', ':', '@',
            '/', '?', '#', '[', ']', '%', '&', '"', '<', '>', '\\', '^', '`', '{', '|', '}',
        ]),
        1 => proptest::sample::select(vec!['é', 'ß', 'ሴ', '中', '😀', '\u{a0}', 'Ω']),
    ];
    proptest::collection::vec(chars, 0..max).prop_map(|v| v.into_iter().collect())
}

fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => text(8).prop_map(|s| s.replace('/', "")),
        1 => Just(".".to_string()),
        1 => Just("..".to_string()),
        1 => Just(String::new()),
        1 => Just("a.b".to_string()),
    ]
}

fn style() -> impl Strategy<Value = Style> {
    prop_oneof![Just(Style::Strict), Just(Style::Form), Just(Style::Lax)]
}

fn query_part() -> impl Strategy<Value = QueryPart> {
    let key = prop_oneof![
        3 => text(6),
        2 => proptest::sample::select(vec!["Param1", "param1", "a", "b", "Keywords"]).prop_map(String::from),
    ];
    prop_oneof![
        8 => (key.clone(), text(8), style()).prop_map(|(k, v, s)| QueryPart::Pair(k, v, s)),
        1 => key.prop_map(QueryPart::Bare),
        1 => Just(QueryPart::Empty),
    ]
}

fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Za-z][A-Za-z0-9-]{0,12}",
        2 => proptest::sample::select(vec![
            "My-Header1", "my-header1", "MY-HEADER1", "Content-Type", "X-Amz-Target",
            "content-encoding", "x-custom", "User-Agent", "Accept",
        ]).prop_map(String::from),
        1 => "[a-z][a-z0-9!#$&'*+.^_`|~-]{0,8}",
    ]
}

fn header_value() -> impl Strategy<Value = String> {
    let chars = prop_oneof![
        6 => proptest::char::range(' ', '~'),
        2 => Just(' '),
        1 => Just('\t'),
        1 => proptest::sample::select(vec!['é', 'ሴ', '😀']),
    ];
    proptest::collection::vec(chars, 0..16).prop_map(|v| v.into_iter().collect())
}

fn case() -> impl Strategy<Value = Case> {
    let request = (
        proptest::sample::select(vec!["GET", "POST", "PUT", "DELETE"]),
        proptest::sample::select(vec!["https", "http"]),
        "[a-z0-9]{1,10}(\\.[a-z0-9-]{1,8}){0,3}",
        proptest::option::of(proptest::sample::select(vec![80u16, 443, 8080, 8765])),
        proptest::collection::vec(segment(), 0..5),
        any::<bool>(),
        any::<bool>(),
        proptest::collection::vec(query_part(), 0..6),
        proptest::collection::vec((header_name(), header_value()), 0..6),
        proptest::option::of("[a-z0-9.-]{1,20}(:[0-9]{2,5})?"),
        proptest::collection::vec(any::<u8>(), 0..64),
    );
    let signer = (
        "AKIA[A-Z0-9]{12,16}",
        "[A-Za-z0-9/+]{40}",
        proptest::option::of("[A-Za-z0-9/+=]{16,80}"),
        any::<bool>(),
        prop_oneof![
            proptest::sample::select(vec!["us-east-1", "eu-west-1", "us-west-2"])
                .prop_map(String::from),
            "[a-z]{2}-[a-z]{4,9}-[1-9]",
        ],
        prop_oneof![
            proptest::sample::select(vec![
                "ProductAdvertisingAPI",
                "service",
                "s3",
                "execute-api"
            ])
            .prop_map(String::from),
            "[A-Za-z][A-Za-z0-9-]{0,20}",
        ],
        0u64..4_102_444_800,
        any::<bool>(),
    );
    (request, signer).prop_map(
        |(
            (
                method,
                scheme,
                host,
                port,
                segments,
                raw_path,
                aws_encodes,
                query,
                headers,
                explicit_host,
                body,
            ),
            (access_key, secret_key, session_token, token_signed, region, service, unix, normalize),
        )| Case {
            method,
            scheme,
            host,
            port,
            segments,
            raw_path,
            aws_encodes,
            query,
            headers,
            explicit_host,
            body,
            access_key,
            secret_key,
            session_token,
            token_signed,
            region,
            service,
            unix,
            normalize,
        },
    )
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes every byte for which `keep` is false.
fn encode(s: &str, keep: impl Fn(u8) -> bool) -> String {
    s.bytes()
        .map(|b| {
            if keep(b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Characters a URL path may hold unencoded (pchar without `%`).
fn is_path_char(b: u8) -> bool {
    is_unreserved(b) || b"!$&'()*+,;=:@".contains(&b)
}

/// Characters a query value may hold unencoded without changing its meaning.
fn is_lax_query_char(b: u8) -> bool {
    is_unreserved(b) || b"!$'()*,;:@/?".contains(&b)
}

fn query_string(parts: &[QueryPart]) -> String {
    let enc = |s: &str, style: Style| match style {
        Style::Strict => encode(s, is_unreserved),
        Style::Form => encode(s, |b| is_unreserved(b) || b == b' ').replace(' ', "+"),
        Style::Lax => encode(s, is_lax_query_char),
    };
    parts
        .iter()
        .map(|p| match p {
            QueryPart::Pair(k, v, s) => format!("{}={}", enc(k, *s), enc(v, *s)),
            QueryPart::Bare(k) => enc(k, Style::Strict),
            QueryPart::Empty => String::new(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn check(case: Case) -> Result<(), TestCaseError> {
    let raw_path = format!("/{}", case.segments.join("/"));
    let encoded_path = encode(&raw_path, |b| is_unreserved(b) || b == b'/');
    let aws_encodes = case.aws_encodes && raw_path.bytes().all(|b| b == b'/' || is_path_char(b));
    let our_path = if (case.raw_path || aws_encodes) && !raw_path.contains(['%', '?', '#']) {
        &raw_path
    } else {
        &encoded_path
    };
    let aws_path = if aws_encodes {
        &raw_path
    } else {
        &encoded_path
    };
    let authority = match case.port {
        Some(p) => format!("{}:{p}", case.host),
        None => case.host.clone(),
    };
    let query = query_string(&case.query);
    let q = if query.is_empty() && case.query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    let our_url = format!("{}://{authority}{our_path}{q}", case.scheme);
    let aws_url = format!("{}://{authority}{aws_path}{q}", case.scheme);
    prop_assume!(aws_url.parse::<http::Uri>().is_ok());

    let mut headers: Vec<(String, String)> = case.headers.clone();
    if let Some(h) = &case.explicit_host {
        headers.push(("Host".to_string(), h.clone()));
    }
    let header_refs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();

    // aws-sigv4
    let token_mode = if case.token_signed {
        SessionTokenMode::Include
    } else {
        SessionTokenMode::Exclude
    };
    let mut settings = AwsSettings::default();
    settings.percent_encoding_mode = if aws_encodes {
        PercentEncodingMode::Double
    } else {
        PercentEncodingMode::Single
    };
    settings.payload_checksum_kind = PayloadChecksumKind::NoHeader;
    settings.uri_path_normalization_mode = if case.normalize {
        UriPathNormalizationMode::Enabled
    } else {
        UriPathNormalizationMode::Disabled
    };
    settings.session_token_mode = token_mode;
    settings.excluded_headers = Some(vec!["authorization".into()]);
    let identity: Identity = Credentials::new(
        &case.access_key,
        &case.secret_key,
        case.session_token.clone(),
        None,
        "differential",
    )
    .into();
    let aws_params = v4::SigningParams::builder()
        .identity(&identity)
        .region(&case.region)
        .name(&case.service)
        .time(UNIX_EPOCH + Duration::from_secs(case.unix))
        .settings(settings)
        .build()
        .expect("complete aws-sigv4 params")
        .into();
    let signable = SignableRequest::new(
        case.method,
        aws_url.clone(),
        header_refs.iter().copied(),
        SignableBody::Bytes(&case.body),
    )
    .expect("aws-sigv4 accepts the request");
    let aws = sign(signable, &aws_params).expect("aws-sigv4 signs");
    let aws_authz = aws
        .output()
        .headers()
        .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        .map(|(_, v)| v.to_string())
        .expect("aws-sigv4 returns an Authorization header");

    // asa2-core
    let secret = Secret::new(case.secret_key.clone());
    let token = case.session_token.clone().map(Secret::new);
    let request = SigV4Request {
        method: case.method,
        url: &our_url,
        headers: &header_refs,
        body: &case.body,
    };
    let params = SigV4Params {
        access_key: &case.access_key,
        secret_key: &secret,
        session_token: token.as_ref(),
        region: &case.region,
        service: &case.service,
        date: AmzDate::from_unix_seconds(i64::try_from(case.unix).unwrap()).unwrap(),
        settings: SigningSettings {
            path_normalization: if case.normalize {
                PathNormalization::Enabled
            } else {
                PathNormalization::Disabled
            },
            default_headers: DefaultHeaders::AddMissing,
            session_token: if case.token_signed {
                SessionTokenPlacement::Signed
            } else {
                SessionTokenPlacement::AfterSigning
            },
        },
    };
    let ours = sign_v4(&request, &params)
        .map_err(|e| TestCaseError::fail(format!("asa2-core refused {our_url}: {e}")))?;
    for pass in ["derived", "cached"] {
        let signed = KEY_CACHE.with_borrow_mut(|cache| sign_v4_cached(&request, &params, cache));
        prop_assert_eq!(signed.as_ref(), Ok(&ours), "key cache, key {}", pass);
    }

    prop_assert_eq!(
        &ours.signature,
        aws.signature(),
        "signatures differ for {} {} (aws-sigv4 got {})\ncanonical request:\n{}",
        case.method,
        our_url,
        aws_url,
        ours.canonical_request
    );
    prop_assert_eq!(&ours.authorization, &aws_authz);
    for name in ["x-amz-date", "x-amz-security-token"] {
        let theirs = aws
            .output()
            .headers()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.to_string());
        let mine = ours
            .headers_to_add
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone());
        prop_assert_eq!(mine, theirs, "header {} to add", name);
    }
    Ok(())
}

#[test]
fn signatures_match_aws_sigv4() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    let mut runner = TestRunner::new(Config {
        cases,
        max_global_rejects: cases * 4,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&case(), check);
    if let Err(e) = result {
        panic!("asa2-core and aws-sigv4 disagree: {e}");
    }
    println!(
        "differential: {cases} generated requests signed identically by asa2-core and aws-sigv4"
    );
}
