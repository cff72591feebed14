//! AWS's SigV4 test suite, read from disk and checked stage by stage, plus a PA-API 5.0 signed
//! request (GetBrowseNodes on webservices.amazon.it) checked end to end.
//!
//! The suite folder is `$ASA2_SIGV4_VECTORS`, or `../shared/vectors/sigv4` beside the repository.
//! Every folder below it (at any depth) that holds `NAME.req` is a case; a new case in the same
//! format runs with no code change. When the folder is missing the suite is skipped with a
//! message, unless `ASA2_REQUIRE_VECTORS=1`, which makes that a failure.

use std::fs;
use std::path::{Path, PathBuf};

use asa2_core::{
    AmzDate, DefaultHeaders, PathNormalization, Secret, SessionTokenPlacement, SigV4Params,
    SigV4Request, SigningSettings, sign_v4,
};

const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const REGION: &str = "us-east-1";
const SERVICE: &str = "service";
const DATE: &str = "20150830T123600Z";

fn vectors_root() -> PathBuf {
    match std::env::var_os("ASA2_SIGV4_VECTORS") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors/sigv4"),
    }
}

/// `None` (after saying so) when the folder is missing and vectors are optional.
fn require_dir(dir: &Path, what: &str) -> Option<PathBuf> {
    if dir.is_dir() {
        return Some(dir.to_path_buf());
    }
    let required = std::env::var("ASA2_REQUIRE_VECTORS").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{what} not found: looked in {} (set ASA2_SIGV4_VECTORS to the sigv4 vector folder)",
        dir.display()
    );
    eprintln!(
        "SKIPPED {what}: {} does not exist (set ASA2_SIGV4_VECTORS, or ASA2_REQUIRE_VECTORS=1 to fail instead)",
        dir.display()
    );
    None
}

/// Every folder holding `<folder name>.req`, sorted.
fn find_cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in dirs {
        let name = d.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if d.join(format!("{name}.req")).is_file() {
            out.push(d.clone());
        }
        find_cases(&d, out);
    }
}

/// A `.req` file: request line, headers (folded lines kept in the value), optional body.
struct RawRequest {
    request_line: String,
    method: String,
    target: String,
    /// The header lines as written (folds included), for rebuilding the signed request.
    header_lines: Vec<String>,
    headers: Vec<(String, String)>,
    body: Option<String>,
}

fn parse_req(text: &str) -> Result<RawRequest, String> {
    let text = text.replace("\r\n", "\n");
    let (head, body) = match text.split_once("\n\n") {
        Some((h, b)) => (h.to_string(), Some(b.to_string())),
        None => (text.trim_end_matches('\n').to_string(), None),
    };
    let mut lines = head.split('\n');
    let request_line = lines.next().unwrap_or_default().to_string();
    // The target may contain spaces (`GET /example space/ HTTP/1.1`).
    let (method, rest) = request_line
        .split_once(' ')
        .ok_or_else(|| format!("request line without a space: {request_line:?}"))?;
    let (target, _version) = rest
        .rsplit_once(' ')
        .ok_or_else(|| format!("request line without an HTTP version: {request_line:?}"))?;
    let mut header_lines = Vec::new();
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        header_lines.push(line.to_string());
        if line.starts_with([' ', '\t']) {
            let last = headers
                .last_mut()
                .ok_or_else(|| format!("continuation line before any header: {line:?}"))?;
            last.1.push('\n');
            last.1.push_str(line);
        } else {
            let (name, value) = line
                .split_once(':')
                .ok_or_else(|| format!("header line without a colon: {line:?}"))?;
            headers.push((name.to_string(), value.to_string()));
        }
    }
    Ok(RawRequest {
        request_line: request_line.clone(),
        method: method.to_string(),
        target: target.to_string(),
        header_lines,
        headers,
        body,
    })
}

/// The session token a case group's `readme.txt` gives (its last non-empty line), if the
/// readme is about `X-Amz-Security-Token`.
fn group_session_token(case_dir: &Path) -> Option<String> {
    let readme = fs::read_to_string(case_dir.parent()?.join("readme.txt")).ok()?;
    if !readme.contains("X-Amz-Security-Token") {
        return None;
    }
    readme
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .map(str::to_string)
}

fn read(case_dir: &Path, name: &str, ext: &str) -> Result<String, String> {
    let path = case_dir.join(format!("{name}.{ext}"));
    fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn stage(label: &str, expected: &str, actual: &str) -> Result<(), String> {
    if expected == actual {
        Ok(())
    } else {
        Err(format!(
            "stage \"{label}\" differs\n--- expected\n{expected}\n--- actual\n{actual}\n---"
        ))
    }
}

fn run_case(root: &Path, case_dir: &Path) -> Result<(), String> {
    let name = case_dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let req = parse_req(&read(case_dir, name, "req")?)?;
    let token = group_session_token(case_dir).map(Secret::new);
    // `...-after` cases add the token after signing; the others sign it.
    let placement = if name.ends_with("-after") {
        SessionTokenPlacement::AfterSigning
    } else {
        SessionTokenPlacement::Signed
    };
    let secret = Secret::new(SECRET_KEY);
    let headers: Vec<(&str, &str)> = req
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let settings = SigningSettings {
        path_normalization: PathNormalization::Enabled,
        default_headers: DefaultHeaders::AddMissing,
        session_token: placement,
    };
    let signed = sign_v4(
        &SigV4Request {
            method: &req.method,
            url: &req.target,
            headers: &headers,
            body: req.body.as_deref().unwrap_or_default().as_bytes(),
        },
        &SigV4Params {
            access_key: ACCESS_KEY,
            secret_key: &secret,
            session_token: token.as_ref(),
            region: REGION,
            service: SERVICE,
            date: AmzDate::parse(DATE).map_err(|e| e.to_string())?,
            settings,
        },
    )
    .map_err(|e| format!("signing failed: {e}"))?;

    stage(
        "canonical request (.creq)",
        &read(case_dir, name, "creq")?,
        &signed.canonical_request,
    )?;
    stage(
        "string to sign (.sts)",
        &read(case_dir, name, "sts")?,
        &signed.string_to_sign,
    )?;
    stage(
        "authorization (.authz)",
        &read(case_dir, name, "authz")?,
        &signed.authorization,
    )?;
    let mut sreq = req.request_line.clone();
    for line in &req.header_lines {
        sreq.push('\n');
        sreq.push_str(line);
    }
    for (k, v) in &signed.headers_to_add {
        let sep = if k == "Authorization" { ": " } else { ":" };
        sreq.push_str(&format!("\n{k}{sep}{v}"));
    }
    if let Some(body) = &req.body {
        sreq.push_str("\n\n");
        sreq.push_str(body);
    }
    stage(
        "signed request (.sreq)",
        read(case_dir, name, "sreq")?.trim_end_matches('\n'),
        sreq.trim_end_matches('\n'),
    )
    .map_err(|e| format!("{e} (case folder {})", rel(root, case_dir)))
}

fn rel(root: &Path, dir: &Path) -> String {
    dir.strip_prefix(root).unwrap_or(dir).display().to_string()
}

#[test]
fn aws_sigv4_test_suite() {
    let Some(root) = require_dir(&vectors_root(), "the AWS SigV4 test suite") else {
        return;
    };
    let mut cases = Vec::new();
    find_cases(&root, &mut cases);
    assert!(
        !cases.is_empty(),
        "no SigV4 cases (folders holding NAME.req) under {}",
        root.display()
    );
    let mut failures = Vec::new();
    for case in &cases {
        match run_case(&root, case) {
            Ok(()) => println!("ok   {}", rel(&root, case)),
            Err(e) => {
                println!("FAIL {}", rel(&root, case));
                failures.push(format!("case {}: {e}", rel(&root, case)));
            }
        }
    }
    println!(
        "SigV4 suite: {} of {} cases passed ({})",
        cases.len() - failures.len(),
        cases.len(),
        root.display()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn the_req_parser_keeps_folds_and_bodies() {
    let r = parse_req("POST /a b HTTP/1.1\nHost:x\nMy:v1\n  v2\n\nbody\n\nmore").unwrap();
    assert_eq!((r.method.as_str(), r.target.as_str()), ("POST", "/a b"));
    assert_eq!(r.headers[1], ("My".to_string(), "v1\n  v2".to_string()));
    assert_eq!(r.header_lines.len(), 3);
    assert_eq!(r.body.as_deref(), Some("body\n\nmore"));
    assert!(parse_req("GET").is_err());
    assert!(parse_req("GET / HTTP/1.1\n  fold").is_err());
}

/// The PA-API example: every input and the expected stages.
#[test]
fn paapi_getbrowsenodes_it_example() {
    let Some(root) = require_dir(&vectors_root(), "the AWS SigV4 test suite") else {
        return;
    };
    let path = root.join("../paapi5/getbrowsenodes-it.json");
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the PA-API vector {}: {e}", path.display()));
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let s = |p: &str| {
        v.pointer(p)
            .and_then(|x| x.as_str())
            .unwrap_or_else(|| panic!("{} lacks {p}", path.display()))
            .to_string()
    };
    let ms = v
        .pointer("/inputs/timestamp_ms")
        .and_then(serde_json::Value::as_i64)
        .expect("timestamp_ms");
    let date = AmzDate::from_unix_seconds(ms / 1000).unwrap();
    assert_eq!(date.to_string(), s("/inputs/x_amz_date"));
    let header_map = v
        .pointer("/inputs/headers")
        .and_then(|h| h.as_object())
        .expect("headers");
    let headers: Vec<(&str, &str)> = header_map
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or_default()))
        .collect();
    let secret = Secret::new(s("/inputs/secret_key"));
    let url = format!("https://{}{}", s("/inputs/headers/host"), s("/inputs/path"));
    let payload = s("/inputs/payload");
    let signed = sign_v4(
        &SigV4Request {
            method: &s("/inputs/method"),
            url: &url,
            headers: &headers,
            body: payload.as_bytes(),
        },
        &SigV4Params {
            access_key: &s("/inputs/access_key"),
            secret_key: &secret,
            session_token: None,
            region: &s("/inputs/region"),
            service: &s("/inputs/service"),
            date,
            settings: SigningSettings::default(),
        },
    )
    .unwrap();
    assert_eq!(signed.signed_headers, s("/expected/signed_headers"));
    assert!(
        signed
            .canonical_request
            .ends_with(&s("/expected/payload_sha256"))
    );
    assert_eq!(signed.canonical_request, s("/expected/canonical_request"));
    assert_eq!(signed.string_to_sign, s("/expected/string_to_sign"));
    assert_eq!(signed.signature, s("/expected/signature"));
    assert_eq!(signed.authorization, s("/expected/authorization"));
    // Every header was given, so only Authorization is added.
    assert_eq!(signed.headers_to_add.len(), 1);
}
