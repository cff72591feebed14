//! Checking the AWS Signature Version 4 of PA-API 5.0 requests with the `aws-sigv4` crate: the
//! request is rebuilt as the client saw it (`https://{host}{path}`, the host taken from the
//! sandbox path) and signed again with the stored secret key; the signatures must match.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use asa2_core::AmzDate;
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

use crate::http::Req;
use crate::state::State;

/// Why a signature is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SignatureProblem {
    /// No or malformed `Authorization`/`x-amz-date` (PA-API `IncompleteSignature`).
    Incomplete(String),
    /// The access key is not known (PA-API `UnrecognizedClient`).
    UnknownKey,
    /// The signature does not match (PA-API `InvalidSignature`).
    Mismatch,
    /// The request time is too far from the clock.
    Expired(String),
}

struct AuthHeader {
    access_key: String,
    date: String,
    region: String,
    service: String,
    signed_headers: Vec<String>,
    signature: String,
}

fn parse_authorization(value: &str) -> Option<AuthHeader> {
    let rest = value.trim().strip_prefix("AWS4-HMAC-SHA256")?.trim_start();
    let (mut cred, mut signed, mut sig) = (None, None, None);
    for part in rest.split(',') {
        let (k, v) = part.trim().split_once('=')?;
        match k {
            "Credential" => cred = Some(v),
            "SignedHeaders" => signed = Some(v),
            "Signature" => sig = Some(v),
            _ => {}
        }
    }
    let scope: Vec<&str> = cred?.split('/').collect();
    if scope.len() != 5 || scope[4] != "aws4_request" {
        return None;
    }
    Some(AuthHeader {
        access_key: scope[0].to_string(),
        date: scope[1].to_string(),
        region: scope[2].to_string(),
        service: scope[3].to_string(),
        signed_headers: signed?.split(';').map(str::to_string).collect(),
        signature: sig?.to_string(),
    })
}

/// Parses an `x-amz-date` value (`20201231T144841Z`); `None` for anything else or a time before
/// 1970.
pub(crate) fn parse_amz_date(s: &str) -> Option<SystemTime> {
    let date = AmzDate::parse(s).ok()?;
    u64::try_from(date.unix_seconds())
        .ok()
        .map(|secs| UNIX_EPOCH + Duration::from_secs(secs))
}

/// Checks the signature of a PA-API request addressed to `host` + `path`. Returns the index of
/// the access key that signed it.
pub(crate) fn verify(
    state: &State,
    req: &Req,
    host: &str,
    path: &str,
    expected_region: &str,
    max_skew_secs: u64,
) -> Result<usize, SignatureProblem> {
    let auth = req
        .header("authorization")
        .ok_or_else(|| SignatureProblem::Incomplete("Authorization header is missing".into()))?;
    let a = parse_authorization(auth).ok_or_else(|| {
        SignatureProblem::Incomplete(
            "Authorization header must be AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…"
                .into(),
        )
    })?;
    let key = state
        .paapi_keys
        .iter()
        .position(|k| k.access_key == a.access_key)
        .ok_or(SignatureProblem::UnknownKey)?;
    let date_header = req
        .header("x-amz-date")
        .ok_or_else(|| SignatureProblem::Incomplete("x-amz-date header is missing".into()))?;
    let time = parse_amz_date(date_header).ok_or_else(|| {
        SignatureProblem::Incomplete(format!(
            "x-amz-date \"{date_header}\" is not YYYYMMDD'T'HHMMSS'Z'"
        ))
    })?;
    if !date_header.starts_with(&a.date)
        || a.service != "ProductAdvertisingAPI"
        || a.region != expected_region
    {
        return Err(SignatureProblem::Mismatch);
    }
    if max_skew_secs > 0 {
        let now = SystemTime::now();
        let skew = match now.duration_since(time) {
            Ok(d) => d,
            Err(e) => e.duration(),
        };
        if skew > Duration::from_secs(max_skew_secs) {
            return Err(SignatureProblem::Expired(format!(
                "Signature expired: {date_header} is more than {max_skew_secs} seconds away from the server time"
            )));
        }
    }

    let mut headers: Vec<(String, String)> = Vec::new();
    for name in &a.signed_headers {
        if name == "host" {
            headers.push(("host".into(), host.to_string()));
            continue;
        }
        let mut found = false;
        for v in req.header_all(name) {
            headers.push((name.clone(), v.to_string()));
            found = true;
        }
        if !found {
            return Err(SignatureProblem::Mismatch);
        }
    }
    if !a.signed_headers.iter().any(|h| h == "host") {
        return Err(SignatureProblem::Mismatch);
    }
    let uri = if req.query.is_empty() {
        format!("https://{host}{path}")
    } else {
        format!("https://{host}{path}?{}", req.query)
    };
    let pa = &state.paapi_keys[key];
    let identity: Identity =
        Credentials::new(&pa.access_key, &pa.secret_key, None, None, "asa2-sandbox").into();
    let mut settings = SigningSettings::default();
    settings.excluded_headers = None;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(&a.region)
        .name(&a.service)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|_| SignatureProblem::Mismatch)?
        .into();
    let signable = SignableRequest::new(
        "POST",
        uri,
        headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(&req.body),
    )
    .map_err(|_| SignatureProblem::Mismatch)?;
    let out = sign(signable, &params).map_err(|_| SignatureProblem::Mismatch)?;
    let computed = out.signature();
    // Compare without an early exit.
    let same = computed.len() == a.signature.len()
        && computed
            .bytes()
            .zip(a.signature.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0;
    if same && req.method == "POST" {
        Ok(key)
    } else {
        Err(SignatureProblem::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{PaapiKey, SandboxConfig};

    fn vector() -> serde_json::Value {
        serde_json::from_str(include_str!("../tests/data/getbrowsenodes-it.json")).unwrap()
    }

    proptest::proptest! {
        #[test]
        fn header_parsers_never_panic(s in ".{0,80}") {
            let _ = parse_amz_date(&s);
            let _ = parse_authorization(&s);
        }
    }

    #[test]
    fn amz_dates_parse() {
        let t = parse_amz_date("20201231T144841Z").unwrap();
        assert_eq!(
            t.duration_since(UNIX_EPOCH).unwrap().as_secs(),
            1_609_426_121
        );
        assert!(parse_amz_date("20201331T144841Z").is_none());
        assert!(parse_amz_date("2020-12-31").is_none());
    }

    #[test]
    fn the_published_paapi_vector_verifies_and_a_tampered_one_does_not() {
        let v = vector();
        let i = &v["inputs"];
        let mut c = SandboxConfig::demo();
        c.paapi_keys = vec![PaapiKey {
            access_key: i["access_key"].as_str().unwrap().into(),
            secret_key: i["secret_key"].as_str().unwrap().into(),
            marketplaces: vec!["IT".into()],
            partner_tags: vec!["x-21".into()],
            label: String::new(),
        }];
        let state = State::new(&c);
        let mut headers: Vec<(String, String)> = i["headers"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, _)| *k != "host")
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        headers.push(("Host".into(), "127.0.0.1:9".into()));
        headers.push((
            "Authorization".into(),
            v["expected"]["authorization"].as_str().unwrap().into(),
        ));
        let req = Req {
            method: "POST".into(),
            path: "/webservices.amazon.it/paapi5/getbrowsenodes".into(),
            query: String::new(),
            headers,
            body: b"{}".to_vec(),
        };
        let ok = verify(
            &state,
            &req,
            "webservices.amazon.it",
            "/paapi5/getbrowsenodes",
            "eu-west-1",
            0,
        );
        assert_eq!(ok, Ok(0));
        let mut tampered = req.clone();
        tampered.body = b"{ }".to_vec();
        assert_eq!(
            verify(
                &state,
                &tampered,
                "webservices.amazon.it",
                "/paapi5/getbrowsenodes",
                "eu-west-1",
                0
            ),
            Err(SignatureProblem::Mismatch)
        );
        assert_eq!(
            verify(
                &state,
                &req,
                "webservices.amazon.fr",
                "/paapi5/getbrowsenodes",
                "eu-west-1",
                0
            ),
            Err(SignatureProblem::Mismatch)
        );
        // The vector is from 2020: with a clock-skew limit it is too old.
        assert!(matches!(
            verify(
                &state,
                &req,
                "webservices.amazon.it",
                "/paapi5/getbrowsenodes",
                "eu-west-1",
                900
            ),
            Err(SignatureProblem::Expired(_))
        ));
    }
}
