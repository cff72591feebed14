//! A view of the JSON tree in one API's member spelling, and the small readers (money, images,
//! browse node references) both APIs share.
//!
//! The two APIs use the same shapes; the Creators API spells members in lowerCamelCase
//! (`itemInfo.title.displayValue`) and PA-API 5.0 in PascalCase (`ItemInfo.Title.DisplayValue`).
//! Readers are written once with the lowerCamelCase names and a [`Case`] spells them for the
//! answer at hand.

use std::borrow::Cow;

use crate::item::{BrowseNodeRef, Decimal, Image, ImageSet, Measure, Money};

use super::json::Json;

/// Longest ancestor chain followed; real chains are under ten nodes.
const MAX_ANCESTORS: usize = 32;

/// How an API spells member names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    /// Creators API: `itemsResult`, `detailPageURL`, `asin`, `url`.
    Camel,
    /// PA-API 5.0: `ItemsResult`, `DetailPageURL`, `ASIN`, `URL`.
    Pascal,
}

impl Case {
    /// The member name for the lowerCamelCase `camel`.
    pub(super) fn key(self, camel: &str) -> Cow<'_, str> {
        if let Some(word) = self.key_word(camel) {
            return Cow::Borrowed(word);
        }
        let mut chars = camel.chars();
        match chars.next() {
            Some(first) => Cow::Owned(first.to_uppercase().chain(chars).collect()),
            None => Cow::Borrowed(camel),
        }
    }

    /// Whether `name` is the member name for the lowerCamelCase `camel`, as [`Case::key`]
    /// spells it (compared without building the spelling).
    pub(super) fn spells(self, camel: &str, name: &str) -> bool {
        if let Some(word) = self.key_word(camel) {
            return name == word;
        }
        let mut chars = camel.chars();
        let Some(first) = chars.next() else {
            return name.is_empty();
        };
        let mut name_chars = name.chars();
        first.to_uppercase().all(|u| name_chars.next() == Some(u))
            && name_chars.as_str() == chars.as_str()
    }

    /// The spelling of `camel` when it is written as is (Camel) or is one of PA-API's
    /// acronyms; `None` when PascalCase capitalizes its first letter.
    fn key_word(self, camel: &str) -> Option<&str> {
        match (self, camel) {
            (Case::Camel, _) => Some(camel),
            (Case::Pascal, "asin") => Some("ASIN"),
            (Case::Pascal, "url") => Some("URL"),
            (Case::Pascal, "eans") => Some("EANs"),
            (Case::Pascal, "isbns") => Some("ISBNs"),
            (Case::Pascal, "upcs") => Some("UPCs"),
            (Case::Pascal, _) => None,
        }
    }
}

/// A value of an answer, read with member names in one API's spelling.
#[derive(Debug, Clone, Copy)]
pub(super) struct Node<'j, 'a> {
    json: Json<'j, 'a>,
    case: Case,
}

impl<'j, 'a> Node<'j, 'a> {
    pub(super) fn new(json: Json<'j, 'a>, case: Case) -> Self {
        Node { json, case }
    }

    /// The spelling of this answer.
    pub(super) fn case(self) -> Case {
        self.case
    }

    /// The underlying value.
    pub(super) fn json(self) -> Json<'j, 'a> {
        self.json
    }

    /// Member `camel` (spelled for this API).
    pub(super) fn get(self, camel: &str) -> Self {
        Node {
            json: match self.case {
                Case::Camel => self.json.get(camel),
                Case::Pascal => self.json.get_where(|name| Case::Pascal.spells(camel, name)),
            },
            case: self.case,
        }
    }

    /// Follows a path of members.
    pub(super) fn at(self, path: &[&str]) -> Self {
        path.iter().fold(self, |node, key| node.get(key))
    }

    /// Whether member `camel` is present (even as `null`).
    pub(super) fn has(self, camel: &str) -> bool {
        self.json.has_where(|name| self.case.spells(camel, name))
    }

    /// The elements of a list (see [`Json::list`]).
    pub(super) fn list(self) -> impl Iterator<Item = Node<'j, 'a>> {
        let case = self.case;
        self.json.list().map(move |json| Node { json, case })
    }

    pub(super) fn is_object(self) -> bool {
        self.json.is_object()
    }

    pub(super) fn text(self) -> Option<String> {
        self.json.text()
    }

    pub(super) fn string(self) -> Option<String> {
        self.json.string()
    }

    pub(super) fn percent(self) -> Option<u32> {
        self.json.percent()
    }

    pub(super) fn texts(self) -> Vec<String> {
        self.json.texts()
    }

    pub(super) fn bool(self) -> Option<bool> {
        self.json.bool()
    }

    pub(super) fn decimal(self) -> Option<Decimal> {
        self.json.decimal()
    }

    pub(super) fn unsigned(self) -> Option<u64> {
        self.json.unsigned()
    }

    pub(super) fn unsigned32(self) -> Option<u32> {
        self.json.unsigned32()
    }

    /// A money object `{amount, currency, displayAmount}`, bare or wrapped as `{money: {…}}`;
    /// `None` when it has none of those members.
    pub(super) fn money(self) -> Option<Money> {
        let wrapped = self.get("money");
        let node = if wrapped.is_object() { wrapped } else { self };
        let money = Money {
            amount: node.get("amount").decimal(),
            currency: node.get("currency").string(),
            display: node.get("displayAmount").string(),
        };
        (money.amount.is_some() || money.currency.is_some() || money.display.is_some())
            .then_some(money)
    }

    /// The small, medium and large renditions of a picture; `None` when none has a URL.
    pub(super) fn image_set(self) -> Option<ImageSet> {
        let image = |node: Node<'_, '_>| {
            Some(Image {
                url: node.get("url").string()?,
                width: node.get("width").unsigned32(),
                height: node.get("height").unsigned32(),
            })
        };
        let set = ImageSet {
            small: image(self.get("small")),
            medium: image(self.get("medium")),
            large: image(self.get("large")),
            hi_res: image(self.get("hiRes")),
        };
        (!set.is_empty()).then_some(set)
    }

    /// The value of an attribute wrapper `{displayValue, label, locale}`.
    pub(super) fn value(self) -> Self {
        self.get("displayValue")
    }

    /// A text that is either bare or an attribute object `{value: ...}` (PA-API spells the
    /// sub-condition and the condition note as `{Value, Label, Locale}`).
    pub(super) fn text_or_value(self) -> Option<String> {
        if self.is_object() {
            self.get("value").text()
        } else {
            self.text()
        }
    }

    /// A measured value `{displayValue, unit}`; `None` without a number.
    pub(super) fn measure(self) -> Option<Measure> {
        Some(Measure {
            value: self.value().decimal()?,
            unit: self.get("unit").text(),
        })
    }

    /// A browse node reference `{id, displayName, contextFreeName}`; `None` without an ID.
    pub(super) fn node_ref(self) -> Option<BrowseNodeRef> {
        Some(BrowseNodeRef {
            id: self.get("id").text()?,
            name: self.get("displayName").text(),
            context_free_name: self.get("contextFreeName").text(),
        })
    }

    /// The chain of `ancestor` members, nearest first.
    pub(super) fn ancestors(self) -> Vec<BrowseNodeRef> {
        let mut chain = Vec::new();
        let mut current = self.get("ancestor");
        while chain.len() < MAX_ANCESTORS {
            match current.node_ref() {
                Some(parent) => chain.push(parent),
                None => break,
            }
            current = current.get("ancestor");
        }
        chain
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::tape::Tape;

    #[test]
    fn pascal_case_spells_amazon_acronyms() {
        assert_eq!(Case::Pascal.key("itemsResult"), "ItemsResult");
        assert_eq!(Case::Pascal.key("detailPageURL"), "DetailPageURL");
        assert_eq!(Case::Pascal.key("parentASIN"), "ParentASIN");
        assert_eq!(Case::Pascal.key("asin"), "ASIN");
        assert_eq!(Case::Pascal.key("url"), "URL");
        assert_eq!(Case::Pascal.key("eans"), "EANs");
        assert_eq!(Case::Pascal.key("isbns"), "ISBNs");
        assert_eq!(Case::Pascal.key("upcs"), "UPCs");
        assert_eq!(Case::Camel.key("asin"), "asin");
        for camel in [
            "itemsResult",
            "detailPageURL",
            "asin",
            "url",
            "eans",
            "upcs",
            "x",
            "",
        ] {
            for case in [Case::Camel, Case::Pascal] {
                let spelled = case.key(camel);
                assert!(case.spells(camel, &spelled), "{case:?} {camel}");
                assert!(
                    !case.spells(camel, &format!("{spelled}s")),
                    "{case:?} {camel}"
                );
            }
        }
        assert!(!Case::Pascal.spells("asin", "Asin"));
        assert!(!Case::Pascal.spells("itemsResult", "itemsResult"));
        assert!(Case::Pascal.spells("\u{e9}t\u{e9}", "\u{c9}t\u{e9}"));
    }

    #[test]
    fn money_is_read_bare_or_wrapped() {
        let tape = Tape::parse(
            r#"{"a": {"money": {"amount": 49.99}}, "B": {"Amount": "5", "DisplayAmount": "5 €"}, "c": {"x": 1}}"#,
        )
        .unwrap();
        let doc = Json::root(&tape);
        let camel = Node::new(doc, Case::Camel);
        assert_eq!(
            camel.get("a").money().unwrap().amount.unwrap().as_str(),
            "49.99"
        );
        assert!(camel.get("c").money().is_none());
        let pascal = Node::new(doc, Case::Pascal);
        let b = pascal.get("b").money().unwrap();
        assert_eq!(b.display.as_deref(), Some("5 €"));
        assert_eq!(b.currency, None);
    }

    #[test]
    fn images_need_a_url_and_ancestors_are_bounded() {
        let tape = Tape::parse(
            r#"{"small": {"width": 75}, "large": {"url": "u", "width": "x"},
                "ancestor": {"id": "1", "ancestor": {"id": "2", "ancestor": {"name": "no id"}}}}"#,
        )
        .unwrap();
        let node = Node::new(Json::root(&tape), Case::Camel);
        let set = node.image_set().unwrap();
        assert!(set.small.is_none());
        assert_eq!(set.large.unwrap().width, None);
        let ids: Vec<String> = node.ancestors().into_iter().map(|a| a.id).collect();
        assert_eq!(ids, ["1", "2"]);
    }
}
