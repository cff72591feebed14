//! Untrusted answers never make the normalizers panic: arbitrary bytes and mutated fixtures
//! (flipped bytes, truncations, insertions, values swapped for another type) give a page or a
//! typed error, and every page they give survives the plugin's store-and-reload round trip.

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use asa2_core::{
    ApiVersion, CatalogPage, Marketplace, NormalizeContext, Operation, normalize_creators,
    normalize_paapi, parse_creators_response, parse_paapi_response,
};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

/// Every fixture answer, both APIs.
fn fixtures() -> &'static [Vec<u8>] {
    static BODIES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    BODIES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut bodies = Vec::new();
        for api in ["creators", "paapi5"] {
            let mut dirs: Vec<_> = fs::read_dir(root.join(api))
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            dirs.sort();
            for dir in dirs {
                if let Ok(body) = fs::read(dir.join("response.json")) {
                    bodies.push(body);
                }
            }
        }
        assert!(bodies.len() >= 14, "fixtures missing");
        bodies
    })
}

fn contexts() -> [NormalizeContext; 2] {
    let version: ApiVersion = "2.2".parse().unwrap();
    [
        NormalizeContext::creators(Marketplace::DE, version, 1_764_064_800),
        NormalizeContext::paapi(Marketplace::US, 1_764_064_800),
    ]
}

/// A page must serialize, and what the plugin stores must load back unchanged.
fn assert_storable(page: &CatalogPage) {
    let json = serde_json::to_string(page).expect("a page always serializes");
    let back: CatalogPage = serde_json::from_str(&json).expect("a stored page loads");
    assert_eq!(&back, page);
}

/// Feeds `body` to every normalizer and operation; panics only through the checks above.
fn exercise(body: &[u8], status: u16) {
    let [creators, paapi] = contexts();
    for op in Operation::ALL {
        for page in [
            normalize_creators(op, &creators, body),
            normalize_paapi(op, &paapi, body),
        ]
        .into_iter()
        .flatten()
        {
            assert_storable(&page);
        }
        for page in [
            parse_creators_response(op, &creators, status, &[], body),
            parse_paapi_response(op, &paapi, status, &[], body),
        ]
        .into_iter()
        .flatten()
        {
            assert_storable(&page);
        }
    }
}

/// Values to put in place of another: every JSON type, plus troublesome numbers and strings.
fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("1e999999"),
            Just("-0"),
            Just("4.5"),
            Just("0x10"),
            Just("NaN"),
            Just("99999999999999999999999"),
        ]
        .prop_map(|s| Value::String(s.to_string())),
        Just(Value::Array(vec![Value::Null, Value::from(1)])),
        Just(serde_json::json!({"amount": 1, "url": 2, "asin": []})),
    ]
}

/// Every value position in `value`, as a path of keys and indexes.
fn positions(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(path.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                path.push(Step::Key(k.clone()));
                positions(v, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Step::Index(i));
                positions(v, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn slot<'v>(value: &'v mut Value, path: &[Step]) -> &'v mut Value {
    path.iter().fold(value, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// One way of damaging an answer.
#[derive(Clone, Debug)]
enum Mutation {
    FlipByte(Index, u8),
    Truncate(Index),
    Insert(Index, Vec<u8>),
    SwapValue(Index, Value),
    DropValue(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 1..=255u8).prop_map(|(i, x)| Mutation::FlipByte(i, x)),
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<Index>(), replacement()).prop_map(|(i, v)| Mutation::SwapValue(i, v)),
        any::<Index>().prop_map(Mutation::DropValue),
    ]
}

fn apply(body: &[u8], mutation: &Mutation) -> Vec<u8> {
    let mut bytes = body.to_vec();
    match mutation {
        Mutation::FlipByte(at, x) => {
            let at = at.index(bytes.len());
            bytes[at] ^= x;
        }
        Mutation::Truncate(at) => bytes.truncate(at.index(bytes.len())),
        Mutation::Insert(at, extra) => {
            let at = at.index(bytes.len() + 1);
            bytes.splice(at..at, extra.iter().copied());
        }
        Mutation::SwapValue(at, _) | Mutation::DropValue(at) => {
            let mut value: Value = serde_json::from_slice(body).unwrap();
            let mut all = Vec::new();
            positions(&value, &mut Vec::new(), &mut all);
            let path = &all[at.index(all.len())];
            match mutation {
                Mutation::SwapValue(_, replacement) => {
                    *slot(&mut value, path) = replacement.clone()
                }
                _ => match path.split_last() {
                    Some((Step::Key(k), parent)) => {
                        if let Value::Object(map) = slot(&mut value, parent) {
                            map.remove(k);
                        }
                    }
                    Some((Step::Index(i), parent)) => {
                        if let Value::Array(items) = slot(&mut value, parent) {
                            items.remove(*i);
                        }
                    }
                    None => value = Value::Null,
                },
            }
            bytes = serde_json::to_vec(&value).unwrap();
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(
        body in prop::collection::vec(any::<u8>(), 0..1024),
        status in prop_oneof![Just(200u16), Just(404u16), Just(429u16), 100..600u16],
    ) {
        exercise(&body, status);
    }

    #[test]
    fn arbitrary_json_text_never_panics(body in r#"[\[\]{}":,0-9a-zA-Z.eE+\- ]{0,256}"#) {
        exercise(body.as_bytes(), 200);
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let original = &fixtures()[which.index(fixtures().len())];
        let mut body = original.clone();
        for m in &mutations {
            // Value swaps need valid JSON; after a byte-level mutation they apply to the original.
            let base = if serde_json::from_slice::<Value>(&body).is_ok() { &body } else { original };
            body = apply(base, m);
        }
        exercise(&body, 200);
    }
}

#[test]
fn unmodified_fixtures_normalize() {
    let [creators, paapi] = contexts();
    for body in fixtures() {
        let ok = Operation::ALL.iter().any(|&op| {
            normalize_creators(op, &creators, body).is_ok()
                || normalize_paapi(op, &paapi, body).is_ok()
        });
        assert!(ok, "{}", String::from_utf8_lossy(body));
    }
}

#[test]
fn hostile_nesting_is_a_typed_error_or_a_page() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    exercise(deep.as_bytes(), 200);
    let deep_object = "{\"a\":".repeat(20_000) + "1" + &"}".repeat(20_000);
    exercise(deep_object.as_bytes(), 200);
    // Nesting serde_json accepts, on the path the normalizers read.
    let mut ancestor = String::from(r#"{"id":"1"}"#);
    for i in 0..120 {
        ancestor = format!(r#"{{"id":"{i}","ancestor":{ancestor}}}"#);
    }
    let body = format!(r#"{{"browseNodesResult":{{"browseNodes":[{ancestor}]}}}}"#);
    let [creators, _] = contexts();
    let page = normalize_creators(Operation::GetBrowseNodes, &creators, body.as_bytes()).unwrap();
    let nodes = page.browse_nodes.unwrap();
    assert_eq!(nodes.len(), 1);
    assert!(!nodes[0].ancestors.is_empty() && nodes[0].ancestors.len() <= 32);
    let huge_exponent = br#"{"itemsResult":{"items":[{"asin":"B0DLFMFBJW","offersV2":{"listings":[{"price":{"money":{"amount":1e999999999,"currency":"EUR"}}}]}}]}}"#;
    let page = normalize_creators(Operation::GetItems, &creators, huge_exponent).unwrap();
    let price = page.items[0].price.as_ref().unwrap();
    assert_eq!(price.amount, None);
    assert_eq!(price.currency.as_deref(), Some("EUR"));
}
