//! Read-only access to a JSON document ([`Tape`]) that keeps numbers as the text Amazon wrote,
//! with lenient accessors: a value of the wrong type reads as absent instead of failing the
//! whole answer. Numbers are never converted to `f64`, so `49.99` stays `49.99`.

use crate::item::Decimal;

use super::tape::{Tape, Tok};

/// One value of a document: a position on its tape, or absent (reads as `null`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Json<'t, 'a> {
    tape: &'t Tape<'a>,
    at: usize,
}

/// The position of absent values.
const ABSENT: usize = usize::MAX;

/// What a value is, with its text for strings and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind<'t> {
    Null,
    Bool(bool),
    Number(&'t str),
    String(&'t str),
    Array,
    Object,
    Opaque,
}

impl<'t, 'a> Json<'t, 'a> {
    /// The root value of a document.
    pub(crate) fn root(tape: &'t Tape<'a>) -> Self {
        Json { tape, at: 0 }
    }

    fn at(self, at: usize) -> Self {
        Json { at, ..self }
    }

    fn tok(self) -> Tok {
        self.tape.toks.get(self.at).copied().unwrap_or(Tok::Null)
    }

    /// The position just after this value (and everything inside it).
    fn next(self) -> usize {
        match self.tok() {
            Tok::Array { end } | Tok::Object { end } => end as usize,
            _ => self.at + 1,
        }
    }

    /// The string a name or string token holds.
    fn str_at(self, at: usize) -> Option<&'t str> {
        match self.tape.toks.get(at)? {
            Tok::Str { start, len } => Some(self.tape.slice(*start, *len)),
            Tok::Owned(i) => self.tape.owned.get(*i as usize).map(String::as_str),
            _ => None,
        }
    }

    /// What this value is.
    pub(crate) fn kind(self) -> Kind<'t> {
        match self.tok() {
            Tok::Null => Kind::Null,
            Tok::Bool(b) => Kind::Bool(b),
            Tok::Number { start, len } => Kind::Number(self.tape.slice(start, len)),
            Tok::Str { .. } | Tok::Owned(_) => Kind::String(self.str_at(self.at).unwrap_or("")),
            Tok::Opaque => Kind::Opaque,
            Tok::Array { .. } => Kind::Array,
            Tok::Object { .. } => Kind::Object,
        }
    }

    /// The members of an object as (name, value), in document order.
    fn members(self) -> impl Iterator<Item = (&'t str, Json<'t, 'a>)> {
        let (mut at, end) = match self.tok() {
            Tok::Object { end } => (self.at + 1, end as usize),
            _ => (0, 0),
        };
        std::iter::from_fn(move || {
            if at >= end {
                return None;
            }
            let name = self.str_at(at).unwrap_or("");
            let value = self.at(at + 1);
            at = value.next();
            Some((name, value))
        })
    }

    /// Member `key` of an object (exact spelling); `Null` when absent or not an object.
    /// Names of another length are passed over without reading them.
    pub(crate) fn get(self, key: &str) -> Self {
        let end = match self.tok() {
            Tok::Object { end } => end as usize,
            _ => return self.at(ABSENT),
        };
        let mut at = self.at + 1;
        while at < end {
            let is_key = match self.tape.toks.get(at) {
                Some(Tok::Str { start, len }) => {
                    *len as usize == key.len() && self.tape.slice(*start, *len) == key
                }
                Some(Tok::Owned(i)) => self.tape.owned.get(*i as usize).is_some_and(|s| s == key),
                _ => false,
            };
            let value = self.at(at + 1);
            if is_key {
                return value;
            }
            at = value.next();
        }
        self.at(ABSENT)
    }

    /// The first member whose name `is_key`; `Null` when there is none or this is not an
    /// object.
    pub(crate) fn get_where(self, is_key: impl Fn(&str) -> bool) -> Self {
        self.members()
            .find(|(name, _)| is_key(name))
            .map_or(self.at(ABSENT), |(_, v)| v)
    }

    /// Whether the object has member `key` at all (even `null`).
    #[cfg(test)]
    pub(crate) fn has(self, key: &str) -> bool {
        self.has_where(|name| name == key)
    }

    /// Whether the object has a member whose name `is_key` (even `null`).
    pub(crate) fn has_where(self, is_key: impl Fn(&str) -> bool) -> bool {
        self.members().any(|(name, _)| is_key(name))
    }

    /// The elements of an array; a single object counts as a list of one; anything else is
    /// empty.
    pub(crate) fn list(self) -> impl Iterator<Item = Json<'t, 'a>> {
        let (mut at, end) = match self.tok() {
            Tok::Array { end } => (self.at + 1, end as usize),
            Tok::Object { .. } => (self.at, self.at + 1),
            _ => (0, 0),
        };
        std::iter::from_fn(move || {
            if at >= end {
                return None;
            }
            let item = self.at(at);
            at = if at == self.at { end } else { item.next() };
            Some(item)
        })
    }

    /// Text of a string (trimmed); blank strings read as absent. For URLs and codes, where a
    /// number would be nonsense.
    pub(crate) fn string(self) -> Option<String> {
        match self.kind() {
            Kind::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        }
    }

    /// Text of a string, or a number's text (IDs and values Amazon may send either way);
    /// blank strings read as absent.
    pub(crate) fn text(self) -> Option<String> {
        let text = match self.kind() {
            Kind::String(s) => s.trim(),
            Kind::Number(n) => n,
            _ => return None,
        };
        (!text.is_empty()).then(|| text.to_string())
    }

    /// The strings of an array (non-strings are skipped).
    pub(crate) fn texts(self) -> Vec<String> {
        match self.tok() {
            Tok::Array { .. } => self.list().filter_map(Json::text).collect(),
            _ => self.text().into_iter().collect(),
        }
    }

    /// A boolean, also from the strings `"true"` and `"false"`.
    pub(crate) fn bool(self) -> Option<bool> {
        match self.kind() {
            Kind::Bool(b) => Some(b),
            Kind::String(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
            Kind::String(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    /// An exact decimal from a number or a numeric string.
    pub(crate) fn decimal(self) -> Option<Decimal> {
        match self.kind() {
            Kind::Number(n) | Kind::String(n) => Decimal::parse(n).ok(),
            _ => None,
        }
    }

    /// A non-negative whole number (`5`, `"5"`, `5.0`, `1e3`); a fraction reads as absent.
    pub(crate) fn unsigned(self) -> Option<u64> {
        if let Some(n) = self.plain_digits() {
            return n.parse().ok();
        }
        let decimal = self.decimal()?;
        let (_, fraction) = decimal.as_str().split_once('.').unwrap_or_default();
        if !fraction.bytes().all(|b| b == b'0') {
            return None;
        }
        u64::try_from(decimal.round_to_integer()?).ok()
    }

    /// A percentage in whole percent, rounded (`37.5` gives 38); negative reads as absent.
    pub(crate) fn percent(self) -> Option<u32> {
        if let Some(n) = self.plain_digits() {
            return n.parse().ok();
        }
        u32::try_from(self.decimal()?.round_to_integer()?).ok()
    }

    /// The digits of a number or numeric string that is nothing but up to 18 digits (so it
    /// fits an `i64` as [`Decimal::round_to_integer`] needs): the common case, read without
    /// building a [`Decimal`] first, with the same result.
    fn plain_digits(self) -> Option<&'t str> {
        let text = match self.kind() {
            Kind::Number(n) => n,
            Kind::String(s) => s.trim(),
            _ => return None,
        };
        (!text.is_empty() && text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit()))
            .then_some(text)
    }

    /// Like [`Json::unsigned`], for values that fit in a `u32`.
    pub(crate) fn unsigned32(self) -> Option<u32> {
        self.unsigned().and_then(|v| u32::try_from(v).ok())
    }

    /// Whether this is an object.
    pub(crate) fn is_object(self) -> bool {
        matches!(self.tok(), Tok::Object { .. })
    }

    /// The name of this value's type, for error messages.
    pub(crate) fn type_name(self) -> &'static str {
        match self.kind() {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
            Kind::Opaque => "an unreadable value",
        }
    }

    /// The member names of an object.
    pub(crate) fn keys(self) -> Vec<&'t str> {
        self.members().map(|(name, _)| name).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Tape<'_> {
        Tape::parse(text).unwrap()
    }

    #[test]
    fn numbers_keep_their_text() {
        let tape = read(r#"{"a": 0.1, "b": [19.999999999999999999, 1e2], "c": "49.99"}"#);
        let doc = Json::root(&tape);
        assert_eq!(doc.get("a").kind(), Kind::Number("0.1"));
        let b: Vec<_> = doc.get("b").list().collect();
        assert_eq!(b[0].decimal().unwrap().as_str(), "19.999999999999999999");
        assert_eq!(b[1].decimal().unwrap().as_str(), "100");
        assert_eq!(doc.get("c").decimal().unwrap().as_str(), "49.99");
    }

    #[test]
    fn wrong_types_read_as_absent() {
        let tape = read(r#"{"title": 5, "flag": "yes", "list": {"x": 1}, "n": "12"}"#);
        let doc = Json::root(&tape);
        assert_eq!(doc.get("title").text().as_deref(), Some("5"));
        assert_eq!(doc.get("flag").bool(), None);
        assert_eq!(doc.get("list").list().count(), 1);
        assert_eq!(doc.get("n").unsigned(), Some(12));
        assert_eq!(doc.get("title").string(), None);
        let tape = read(
            r#"[2.5, "5.0", 1e3, -1, 37.5, " 007 ", 1234567890123456789012, 4294967296, "+5"]"#,
        );
        let n: Vec<_> = Json::root(&tape).list().collect();
        assert_eq!(n[0].unsigned(), None);
        assert_eq!(n[1].unsigned(), Some(5));
        assert_eq!(n[2].unsigned(), Some(1000));
        assert_eq!(n[3].unsigned(), None);
        assert_eq!(n[4].percent(), Some(38));
        assert_eq!(n[3].percent(), None);
        assert_eq!(n[5].unsigned(), Some(7));
        assert_eq!(n[6].unsigned(), None);
        assert_eq!(n[7].unsigned32(), None);
        assert_eq!(n[7].percent(), None);
        assert_eq!(n[8].unsigned(), Some(5));
        assert_eq!(doc.get("missing").get("deeper").text(), None);
        assert!(doc.has("title") && !doc.has("missing"));
        assert_eq!(doc.get("title").get("x").type_name(), "null");
    }

    #[test]
    fn strings_are_unescaped_and_deep_nesting_is_bounded() {
        let tape = read(r#"{"s": "caf\u00e9 \"quoted\"", "bad": "\ud800"}"#);
        let doc = Json::root(&tape);
        assert_eq!(doc.get("s").text().as_deref(), Some("café \"quoted\""));
        assert!(doc.get("bad").text().is_none());
        assert_eq!(doc.get("bad").type_name(), "an unreadable value");
        let deep = "[".repeat(120) + &"]".repeat(120);
        assert!(Tape::parse(&deep).is_ok());
        assert!(Tape::parse("{").is_err());
        assert!(Tape::parse_object(" {} ").is_ok());
        assert!(Tape::parse("{} x").is_err());
    }

    /// The document reads as serde_json's own reading of it.
    fn same(json: Json<'_, '_>, value: &serde_json::Value) -> bool {
        use serde_json::Value;
        match (json.kind(), value) {
            (Kind::Null, Value::Null) => true,
            (Kind::Bool(a), Value::Bool(b)) => a == *b,
            (Kind::Number(text), Value::Number(n)) => text.parse::<f64>().ok() == n.as_f64(),
            (Kind::String(a), Value::String(b)) => a == b,
            (Kind::Array, Value::Array(b)) => {
                json.list().count() == b.len() && json.list().zip(b).all(|(x, y)| same(x, y))
            }
            (Kind::Object, Value::Object(b)) => {
                json.keys().len() == b.len()
                    && json
                        .members()
                        .all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
            }
            _ => false,
        }
    }

    fn json_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            (-1e9f64..1e9).prop_map(Value::from),
            "(\\PC|\\\\|\"|\n|\u{1F600}){0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(6, 64, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map("[a-zA-Z\u{e9}\"\\\\]{0,6}", inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #[test]
        fn one_pass_tape_matches_serde_json(value in json_value(), pretty in proptest::prelude::any::<bool>()) {
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            let tape = Tape::parse(&text).unwrap();
            proptest::prop_assert!(same(Json::root(&tape), &value), "{text}");
        }
    }

    #[test]
    fn surrogate_pairs_and_escapes() {
        let tape = read(r#"{"e": "\ud83d\ude00 \/ \b\f\n\r\t", "k\ud800": 1, "n": -1.5e-3}"#);
        let doc = Json::root(&tape);
        assert_eq!(
            doc.get("e").text().as_deref(),
            Some("\u{1F600} / \u{8}\u{c}\n\r\t".trim())
        );
        assert_eq!(doc.keys(), ["e", "k\u{fffd}", "n"]);
        let tape = read(r#"{"k\u0065y": 2, "ke": 1, "key": 3}"#);
        assert_eq!(Json::root(&tape).get("key").unsigned(), Some(2));
        assert_eq!(doc.get("n").kind(), Kind::Number("-1.5e-3"));
    }
}
