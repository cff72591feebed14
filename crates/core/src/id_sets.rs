//! The "Associate ID Sets" tab: named sets that map marketplaces to tracking IDs, so a visitor
//! can be linked to their own country's store with the site owner's tag for that store.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::field_error::FieldErrors;
use crate::form::{Validated, unknown_marketplace};
use crate::marketplace::Marketplace;
use crate::message::message;
use crate::messages;
use crate::partner_tag::PartnerTag;
use crate::quote::excerpt;

/// The longest name of an Associate ID set, in characters.
pub(crate) const ID_SET_NAME_MAX_LEN: usize = 64;

/// One submission of the Associate ID set form, exactly as received.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssociateIdSetInput {
    /// The set's name.
    pub name: Option<String>,
    /// `(marketplace, tracking ID)` pairs in form order; the marketplace is a code (`DE`),
    /// store host or domain. Rows whose tracking ID is blank are left out of the set.
    pub tags: Vec<(String, String)>,
}

/// A named set of tracking IDs, one per marketplace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssociateIdSet {
    /// The set's name, trimmed.
    pub name: String,
    /// Tracking ID per marketplace (at least one).
    pub tags: BTreeMap<Marketplace, String>,
}

impl AssociateIdSetInput {
    /// Checks the name and every tracking ID, returning every error at once or the set with
    /// its warnings.
    ///
    /// Errors are keyed `name`, `tags` (no tracking ID at all) and `tags[DE]` (a tracking ID,
    /// or a marketplace entered twice; an unknown marketplace is keyed as entered, shortened).
    /// Warnings (a suffix unusual for the marketplace) are keyed `tags[DE]`.
    pub fn validate(&self) -> Result<Validated<AssociateIdSet>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut warnings = FieldErrors::new();

        let name = self.name.as_deref().unwrap_or("").trim();
        check_name(name, &mut errors);

        let mut tags = BTreeMap::new();
        let mut entries = 0;
        for (raw_marketplace, raw_tag) in &self.tags {
            if raw_tag.trim().is_empty() {
                continue;
            }
            entries += 1;
            let Ok(m) = Marketplace::lookup(raw_marketplace) else {
                errors.push(
                    format!("tags[{}]", excerpt(raw_marketplace.trim())),
                    unknown_marketplace(raw_marketplace.trim()),
                );
                continue;
            };
            let field = tag_field(m);
            if tags.contains_key(&m) {
                errors.push(
                    &field,
                    message!(messages::ID_SET_TAG_REPEATED, country = m.info().country),
                );
                continue;
            }
            match PartnerTag::check(raw_tag, m, &field) {
                Ok(checked) => {
                    warnings.extend(checked.warnings);
                    tags.insert(m, checked.value.into_string());
                }
                Err(e) => errors.extend(e),
            }
        }
        if entries == 0 {
            errors.push("tags", messages::ID_SET_NO_TAGS.plain());
        }

        errors.into_result(Validated {
            value: AssociateIdSet {
                name: name.to_string(),
                tags,
            },
            warnings,
        })
    }
}

/// The field name of a marketplace's tracking ID in the set form: `tags[DE]`.
fn tag_field(m: Marketplace) -> String {
    format!("tags[{}]", m.code())
}

fn check_name(name: &str, errors: &mut FieldErrors) {
    if name.is_empty() {
        errors.push("name", messages::ID_SET_NAME_MISSING.plain());
        return;
    }
    let len = name.chars().count();
    if len > ID_SET_NAME_MAX_LEN {
        errors.push(
            "name",
            message!(
                messages::ID_SET_NAME_TOO_LONG,
                len = len,
                max = ID_SET_NAME_MAX_LEN
            ),
        );
    }
    if name.chars().any(char::is_control) {
        errors.push("name", messages::ID_SET_NAME_CONTROL.plain());
    }
}

impl AssociateIdSet {
    /// The tracking ID of this set for `marketplace`, if it has one.
    pub fn tag_for(&self, marketplace: Marketplace) -> Option<&str> {
        self.tags.get(&marketplace).map(String::as_str)
    }

    /// Checks a list of sets: every name used once, compared without regard to case (errors
    /// under `name`).
    pub fn validate_list(sets: &[AssociateIdSet]) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        let keys: Vec<String> = sets.iter().map(|s| s.name.trim().to_lowercase()).collect();
        for (i, key) in keys.iter().enumerate() {
            let first = keys.iter().position(|k| k == key) == Some(i);
            if first && keys[i + 1..].contains(key) {
                errors.push(
                    "name",
                    message!(
                        messages::ID_SET_NAME_REPEATED,
                        name = excerpt(&sets[i].name)
                    ),
                );
            }
        }
        errors.into_result(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, tags: &[(&str, &str)]) -> AssociateIdSetInput {
        AssociateIdSetInput {
            name: Some(name.into()),
            tags: tags
                .iter()
                .map(|(m, t)| (m.to_string(), t.to_string()))
                .collect(),
        }
    }

    fn one(errors: &FieldErrors, field: &str) -> String {
        let messages: Vec<_> = errors.for_field(field).collect();
        assert_eq!(messages.len(), 1, "{field}: {errors}");
        messages[0].to_string()
    }

    #[test]
    fn a_valid_set() {
        let ok = input(
            " Main site ",
            &[
                ("DE", " mysite-21 "),
                ("www.amazon.com", "mysite-20"),
                ("FR", "  "),
                ("jp", "mysite-22"),
            ],
        )
        .validate()
        .unwrap();
        assert!(ok.warnings.is_empty(), "{}", ok.warnings);
        let set = ok.value;
        assert_eq!(set.name, "Main site");
        assert_eq!(set.tags.len(), 3);
        assert_eq!(set.tag_for(Marketplace::DE), Some("mysite-21"));
        assert_eq!(set.tag_for(Marketplace::US), Some("mysite-20"));
        assert_eq!(set.tag_for(Marketplace::FR), None);
        let json = serde_json::to_string(&set).unwrap();
        assert_eq!(
            json,
            r#"{"name":"Main site","tags":{"US":"mysite-20","DE":"mysite-21","JP":"mysite-22"}}"#
        );
        assert_eq!(serde_json::from_str::<AssociateIdSet>(&json).unwrap(), set);
    }

    #[test]
    fn name_rules() {
        let e = input("  ", &[("DE", "mysite-21")]).validate().unwrap_err();
        assert!(one(&e, "name").starts_with("Enter a name for this set"));
        let e = input(&"n".repeat(65), &[("DE", "mysite-21")])
            .validate()
            .unwrap_err();
        assert_eq!(
            one(&e, "name"),
            "The name is 65 characters long: use at most 64."
        );
        assert!(
            input(&"ñ".repeat(64), &[("DE", "mysite-21")])
                .validate()
                .is_ok()
        );
        let e = input("a\nb", &[("DE", "mysite-21")])
            .validate()
            .unwrap_err();
        assert!(one(&e, "name").contains("line break"));
    }

    #[test]
    fn a_set_needs_a_tracking_id() {
        let e = input("Main", &[]).validate().unwrap_err();
        assert!(one(&e, "tags").starts_with("Enter at least one tracking ID"));
        let e = input("Main", &[("DE", ""), ("US", " ")])
            .validate()
            .unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e.for_field("tags").count(), 1);
        let e = AssociateIdSetInput::default().validate().unwrap_err();
        assert_eq!(e.len(), 2, "{e}");
    }

    #[test]
    fn tracking_ids_are_checked_per_marketplace() {
        let e = input(
            "Main",
            &[("DE", "my site-21"), ("US", "mysite"), ("UK", "mysite-21")],
        )
        .validate()
        .unwrap_err();
        assert!(one(&e, "tags[DE]").contains("a space"));
        assert!(one(&e, "tags[US]").contains("mysite-20"));
        assert_eq!(e.for_field("tags[UK]").count(), 0);

        let ok = input("Main", &[("FR", "mysite-20")]).validate().unwrap();
        assert!(
            one(&ok.warnings, "tags[FR]").starts_with("Tracking IDs for France usually end in -21")
        );
    }

    #[test]
    fn unknown_and_repeated_marketplaces() {
        let e = input(
            "Main",
            &[
                ("XX", "mysite-21"),
                ("DE", "mysite-21"),
                ("amazon.de", "other-21"),
            ],
        )
        .validate()
        .unwrap_err();
        assert!(one(&e, "tags[XX]").starts_with("\"XX\" is not an Amazon marketplace"));
        assert_eq!(
            one(&e, "tags[DE]"),
            "Germany has more than one tracking ID in this set: keep one."
        );
        assert_eq!(e.len(), 2);
    }

    fn set(name: &str) -> AssociateIdSet {
        input(name, &[("DE", "mysite-21")])
            .validate()
            .unwrap()
            .value
    }

    #[test]
    fn set_names_are_unique_without_regard_to_case() {
        assert_eq!(
            AssociateIdSet::validate_list(&[set("Main"), set("Blog")]),
            Ok(())
        );
        assert_eq!(AssociateIdSet::validate_list(&[]), Ok(()));
        let e =
            AssociateIdSet::validate_list(&[set("Main"), set("Blog"), set("MAIN"), set("main")])
                .unwrap_err();
        assert_eq!(
            one(&e, "name"),
            "There is more than one set named \"Main\" (names are compared without regard to case): give each set its own name."
        );
        let e = AssociateIdSet::validate_list(&[set("Ärger"), set("ärger")]).unwrap_err();
        assert_eq!(e.len(), 1);
    }
}
