//! SigV4 signing of a PA-API 5.0 GetItems request (10 ASINs): asa2-core's signer (deriving the
//! signing key each call, and with a key cache as the PHP extension signs) against
//! `aws-sigv4`, AWS's own Rust signer, on the request in `bench/fixtures/`, which the PHP
//! benchmarks sign too. Every signer must produce the fixture's expected signature before
//! anything is timed. Also the cost of one SHA-256 compression here (`sha2`, 64 KiB hashed),
//! the unit the PHP benchmark counts signing in. `make bench` (scripts/bench.sh) runs this
//! and reads criterion's estimates.

use std::hint::black_box;
use std::time::{Duration, UNIX_EPOCH};

use asa2_core::{
    AmzDate, Secret, SigV4Params, SigV4Request, SigV4Signature, SigningKeyCache, SigningSettings,
    sign_v4, sign_v4_cached,
};
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    PayloadChecksumKind, SignableBody, SignableRequest, SigningSettings as AwsSettings, sign,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use criterion::{Criterion, Throughput};
use serde_json::Value;
use sha2::{Digest, Sha256};

const FIXTURE: &str = include_str!("../../../bench/fixtures/paapi-getitems-request.json");

/// The fixture's request and signing inputs.
struct Fixture {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: String,
    access_key: String,
    secret_key: String,
    region: String,
    service: String,
    amz_date: String,
    expected_signature: String,
}

fn fixture() -> Fixture {
    let doc: Value = serde_json::from_str(FIXTURE).expect("the request fixture is JSON");
    let s = |k: &str| {
        doc[k]
            .as_str()
            .unwrap_or_else(|| panic!("fixture member `{k}` is a string"))
            .to_string()
    };
    let headers = doc["headers"]
        .as_object()
        .expect("fixture member `headers` is an object")
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_str().expect("header values are strings").into(),
            )
        })
        .collect();
    Fixture {
        method: s("method"),
        url: s("url"),
        headers,
        body: s("body"),
        access_key: s("access_key"),
        secret_key: s("secret_key"),
        region: s("region"),
        service: s("service"),
        amz_date: s("amz_date"),
        expected_signature: s("expected_signature"),
    }
}

/// Signs the fixture with asa2-core, with the signing key from `cache` when given.
fn sign_asa2(
    f: &Fixture,
    headers: &[(&str, &str)],
    secret: &Secret,
    date: AmzDate,
    cache: Option<&mut SigningKeyCache>,
) -> SigV4Signature {
    let request = SigV4Request {
        method: &f.method,
        url: &f.url,
        headers,
        body: f.body.as_bytes(),
    };
    let params = SigV4Params {
        access_key: &f.access_key,
        secret_key: secret,
        session_token: None,
        region: &f.region,
        service: &f.service,
        date,
        settings: SigningSettings::default(),
    };
    match cache {
        Some(cache) => sign_v4_cached(&request, &params, cache),
        None => sign_v4(&request, &params),
    }
    .expect("asa2-core signs the fixture")
}

fn sign_aws(
    f: &Fixture,
    headers: &[(&str, &str)],
    identity: &Identity,
    time: std::time::SystemTime,
) -> String {
    let mut settings = AwsSettings::default();
    settings.payload_checksum_kind = PayloadChecksumKind::NoHeader;
    let params = v4::SigningParams::builder()
        .identity(identity)
        .region(&f.region)
        .name(&f.service)
        .time(time)
        .settings(settings)
        .build()
        .expect("complete aws-sigv4 params")
        .into();
    let request = SignableRequest::new(
        &f.method,
        &f.url,
        headers.iter().copied(),
        SignableBody::Bytes(f.body.as_bytes()),
    )
    .expect("aws-sigv4 accepts the fixture");
    sign(request, &params)
        .expect("aws-sigv4 signs the fixture")
        .signature()
        .to_string()
}

fn bench_sigv4(c: &mut Criterion) {
    let f = fixture();
    let headers: Vec<(&str, &str)> = f
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    // aws-sigv4 adds `x-amz-date` itself from the signing time.
    let aws_headers: Vec<(&str, &str)> = headers
        .iter()
        .copied()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("x-amz-date"))
        .collect();
    let secret = Secret::new(f.secret_key.clone());
    let date = AmzDate::parse(&f.amz_date).expect("fixture date");
    let time = UNIX_EPOCH
        + Duration::from_secs(u64::try_from(date.unix_seconds()).expect("a date after 1970"));
    let identity: Identity =
        Credentials::new(&f.access_key, &f.secret_key, None, None, "bench").into();

    let mut cache = SigningKeyCache::default();

    // A benchmark of a wrong signer is worthless: all must agree with the fixture first.
    assert_eq!(
        sign_asa2(&f, &headers, &secret, date, None).signature,
        f.expected_signature,
        "asa2-core"
    );
    assert_eq!(
        sign_asa2(&f, &headers, &secret, date, Some(&mut cache)).signature,
        f.expected_signature,
        "asa2-core with a key cache"
    );
    assert_eq!(
        sign_aws(&f, &aws_headers, &identity, time),
        f.expected_signature,
        "aws-sigv4"
    );

    let mut group = c.benchmark_group("sigv4_paapi_getitems");
    group.throughput(Throughput::Elements(1));
    group.bench_function("asa2_core", |b| {
        b.iter(|| sign_asa2(black_box(&f), black_box(&headers), &secret, date, None))
    });
    group.bench_function("asa2_core_cached", |b| {
        b.iter(|| {
            sign_asa2(
                black_box(&f),
                black_box(&headers),
                &secret,
                date,
                Some(&mut cache),
            )
        })
    });
    group.bench_function("aws_sigv4", |b| {
        b.iter(|| sign_aws(black_box(&f), black_box(&aws_headers), &identity, time))
    });
    group.finish();
}

/// Bytes hashed to time one SHA-256 compression: large enough that the per-call setup and the
/// padding block vanish in the per-block figure (1025 compressions for 1024 blocks).
const SHA256_INPUT: usize = 64 * 1024;

fn bench_sha256(c: &mut Criterion) {
    let data = vec![0x5a_u8; SHA256_INPUT];
    let mut group = c.benchmark_group("sha256");
    group.throughput(Throughput::Bytes(SHA256_INPUT as u64));
    group.bench_function("sha2_64KiB", |b| {
        b.iter(|| Sha256::digest(black_box(&data)))
    });
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench_sigv4(&mut c);
    bench_sha256(&mut c);
    c.final_summary();
}
