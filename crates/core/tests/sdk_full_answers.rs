//! The official SDK's full answers lose no field on the way into the product model.
//!
//! `fixtures/sdk_full/<Operation>.json` are Creators API answers with every member of the
//! official Python SDK's response models (`amazon-creatorsapi-python-sdk`) filled, each leaf
//! with a value of its own (texts name their path, numbers are unique). The test walks every
//! leaf of an answer and looks for its value in the normalized page. Booleans cannot be traced
//! by value, so they are checked at their place in the model.

use std::collections::BTreeSet;

use asa2_core::{ApiVersion, CredentialKind, Marketplace, NormalizeContext, Operation};
use serde_json::Value;

/// Leaves the model leaves out on purpose: the label and locale of an attribute wrapper
/// (`{displayValue, label, locale}`) are Amazon's caption for the attribute (`Binding`,
/// `Einband`), not product data; templates name their own captions.
fn deliberately_left_out(path: &str) -> bool {
    let last = path.rsplit('.').next().unwrap_or(path);
    let in_wrapper = !path.contains("contributors[]") && !path.contains("variationDimensions[]");
    in_wrapper && matches!(last, "label" | "locale")
}

/// Where each boolean leaf lands in the page, as a JSON pointer below the first item (or the
/// first browse node for GetBrowseNodes).
fn boolean_place(path: &str) -> &'static str {
    match path.rsplit_once("].").map(|(_, p)| p).unwrap_or(path) {
        p if p.ends_with("isRoot") => "/browse_nodes/0/is_root",
        "isBuyBoxWinner" => "/is_buy_box_winner",
        "violatesMAP" => "/violates_map",
        "itemInfo.productInfo.isAdultProduct.displayValue" => "/product_info/is_adult_product",
        "itemInfo.tradeInInfo.isEligibleForTradeIn" => "/trade_in/is_eligible",
        other => panic!("no place known for the boolean {other}"),
    }
}

fn leaves(value: &Value, path: &str, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(v, &p, out);
            }
        }
        Value::Array(items) => {
            for v in items {
                leaves(v, &format!("{path}[]"), out);
            }
        }
        other => out.push((path.to_string(), other.clone())),
    }
}

fn scalars(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => map.values().for_each(|v| scalars(v, out)),
        Value::Array(items) => items.iter().for_each(|v| scalars(v, out)),
        Value::String(s) => {
            out.insert(s.clone());
        }
        Value::Number(n) => {
            out.insert(n.to_string());
        }
        _ => {}
    }
}

#[test]
fn no_field_of_the_official_answers_is_lost() {
    let ctx = NormalizeContext::creators(
        Marketplace::DE,
        ApiVersion::for_marketplace(CredentialKind::Lwa, Marketplace::DE),
        1_780_000_000,
    );
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sdk_full");
    let mut checked = 0;
    for op in Operation::ALL {
        let body = std::fs::read(format!("{dir}/{}.json", op.name())).unwrap();
        let answer: Value = serde_json::from_slice(&body).unwrap();
        let page = asa2_core::normalize_creators(op, &ctx, &body).unwrap();
        assert!(page.errors.is_empty(), "{op}: {:?}", page.errors);
        let page = serde_json::to_value(&page).unwrap();
        let mut found = BTreeSet::new();
        scalars(&page, &mut found);
        let first = if op == Operation::GetBrowseNodes {
            page["browse_nodes"][0].clone()
        } else {
            page["items"][0].clone()
        };
        let mut all = Vec::new();
        leaves(&answer, "", &mut all);
        let mut lost = Vec::new();
        for (path, value) in all {
            if deliberately_left_out(&path) {
                continue;
            }
            checked += 1;
            let kept = match &value {
                Value::Bool(b) => {
                    let place = if op == Operation::GetBrowseNodes {
                        "/is_root"
                    } else {
                        boolean_place(&path)
                    };
                    first.pointer(place) == Some(&Value::Bool(*b))
                }
                Value::String(s) => found.contains(s),
                Value::Number(n) => found.contains(&n.to_string()),
                _ => true,
            };
            if !kept {
                lost.push(format!("{path} = {value}"));
            }
        }
        assert!(
            lost.is_empty(),
            "{op} loses {} fields:\n{}",
            lost.len(),
            lost.join("\n")
        );
    }
    assert!(checked > 300, "only {checked} leaves checked");
}
