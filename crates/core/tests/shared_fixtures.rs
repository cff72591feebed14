//! The cross-language fixtures in tests/fixtures/core/: the PHP and wasm suites check the same
//! cases against their bindings, so all three agree.

use std::path::PathBuf;

use asa2_core::{ApiVersion, CredentialKind, Detected, Marketplace};
use serde_json::Value;

fn fixture(name: &str) -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/core")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).unwrap();
    doc["cases"].as_array().expect("a `cases` array").clone()
}

fn s(v: &Value) -> &str {
    v.as_str().expect("a string")
}

#[test]
fn api_versions() {
    let cases = fixture("api-versions.json");
    assert_eq!(cases.len(), Marketplace::all().len());
    for c in cases {
        let m = Marketplace::lookup(s(&c["marketplace"])).unwrap();
        assert_eq!(m.region().code(), s(&c["region"]), "{m}");
        for kind in CredentialKind::ALL {
            let version = ApiVersion::for_marketplace(kind, m).to_string();
            assert_eq!(version, s(&c[kind.id()]), "{m} {kind}");
        }
    }
}

#[test]
fn detect_kind() {
    for c in fixture("detect-kind.json") {
        let detected = Detected::from_credentials(s(&c["id"]), s(&c["secret"]));
        let name = serde_json::to_value(detected).unwrap();
        assert_eq!(name, c["expect"], "{c}");
    }
}

#[test]
fn partner_tag_mask() {
    for c in fixture("partner-tag-mask.json") {
        assert_eq!(
            asa2_core::PartnerTag::mask(s(&c["tag"])),
            s(&c["masked"]),
            "{c}"
        );
    }
}

#[test]
fn product_input() {
    for c in fixture("product-input.json") {
        match asa2_core::parse_product_input(s(&c["input"])) {
            Ok((asin, marketplace)) => {
                assert_eq!(asin.as_str(), s(&c["asin"]), "{c}");
                assert_eq!(
                    marketplace.map(|m| m.code().to_string()),
                    c["marketplace"].as_str().map(str::to_string),
                    "{c}"
                );
            }
            Err(errors) => {
                let field = c["error"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{c}: {errors}"));
                assert!(errors.for_field(field).count() > 0, "{c}: {errors}");
            }
        }
    }
}
