//! `Asa2\AssociateIdSets`: the "Associate ID Sets" tab.

use asa2_core::{AssociateIdSet, AssociateIdSetInput, FieldErrors};
use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use serde::Serialize;
use serde_json::Value;

use crate::convert::{array_to_json, to_array};
use crate::errors::{OrThrow, guard, invalid, validation};
use crate::grouped::Grouped;

/// `{name, tags: {marketplace: tracking ID}}` as the core's form input. Rows may also be given
/// as a list of `{marketplace, tag}`.
fn set_input(value: Value, field: &str) -> PhpResult<AssociateIdSetInput> {
    let value = match value {
        Value::Array(items) if items.is_empty() => Value::Object(Default::default()),
        other => other,
    };
    let Value::Object(mut set) = value else {
        return Err(invalid(
            field,
            "Pass a set as an array with the keys \"name\" and \"tags\".",
        ));
    };
    let name = match set.remove("name") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => return Err(invalid("name", "The name must be text.")),
    };
    let scalar = |v: Value| match v {
        Value::Null => Some(String::new()),
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let mut tags = Vec::new();
    match set.remove("tags") {
        None | Some(Value::Null) => {}
        Some(Value::Array(rows)) if rows.is_empty() => {}
        Some(Value::Object(map)) => {
            for (marketplace, tag) in map {
                let tag =
                    scalar(tag).ok_or_else(|| invalid("tags", "Each tracking ID must be text."))?;
                tags.push((marketplace, tag));
            }
        }
        Some(Value::Array(rows)) => {
            for row in rows {
                let Value::Object(mut row) = row else {
                    return Err(invalid("tags", "Give tags as marketplace => tracking ID."));
                };
                let m = row.remove("marketplace").and_then(scalar);
                let t = row.remove("tag").and_then(scalar);
                match (m, t) {
                    (Some(m), Some(t)) => tags.push((m, t)),
                    _ => return Err(invalid("tags", "Give tags as marketplace => tracking ID.")),
                }
            }
        }
        Some(_) => return Err(invalid("tags", "Give tags as marketplace => tracking ID.")),
    }
    Ok(AssociateIdSetInput { name, tags })
}

#[derive(Serialize)]
struct SetResult<'a> {
    set: &'a AssociateIdSet,
    warnings: Grouped<'a>,
    warning_details: &'a FieldErrors,
}

/// Associate ID sets: named sets of tracking IDs, one per marketplace.
#[php_class]
#[php(name = "Asa2\\AssociateIdSets")]
#[php(flags = ClassFlags::Final)]
pub struct AssociateIdSets;

#[php_impl]
impl AssociateIdSets {
    /// Validates one set and normalizes it (trimmed name, marketplace codes, registry order).
    ///
    /// @param array $set {name: string, tags: array<string, string>} (marketplace => tracking ID; blank IDs are left out)
    /// @return array{set: array{name: string, tags: array<string, string>}, warnings: array<string, list<string>>}
    /// @throws ValidationException errors under "name", "tags" or "tags[DE]"
    pub fn validate(set: &ZendHashTable) -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let input = set_input(array_to_json(set, "set")?, "set")?;
            let validated = input.validate().or_throw()?;
            to_array(&SetResult {
                set: &validated.value,
                warnings: Grouped::new(&validated.warnings),
                warning_details: &validated.warnings,
            })
        })
    }

    /// Checks a whole list of sets: each one valid, every name used once (case-insensitive).
    ///
    /// @param list<array> $sets
    /// @throws ValidationException the errors of every set, and duplicate names under "name"
    pub fn validate_all(sets: &ZendHashTable) -> PhpResult<()> {
        guard(|| {
            let Value::Array(items) = array_to_json(sets, "sets")? else {
                return Err(invalid("sets", "Pass a list of sets."));
            };
            let mut errors = FieldErrors::new();
            let mut valid = Vec::with_capacity(items.len());
            for item in items {
                match set_input(item, "sets")?.validate() {
                    Ok(v) => valid.push(v.value),
                    Err(e) => errors.extend(e),
                }
            }
            if !errors.is_empty() {
                return Err(validation(&errors));
            }
            AssociateIdSet::validate_list(&valid).or_throw()
        })
    }
}
