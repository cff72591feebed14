//! A read-only JSON tree that keeps numbers as the text Amazon wrote, with lenient accessors:
//! a value of the wrong type reads as absent instead of failing the whole answer.
//!
//! serde_json (with its `raw_value` feature) validates the document and hands out the raw
//! text of each value; numbers are never converted to `f64`, so `49.99` stays `49.99`.

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::item::Decimal;

/// Nesting deeper than this is kept unexpanded. Amazon's answers are under twenty levels deep
/// (an item's browse node with its ancestor chain is the deepest); the bound keeps hostile
/// input from exhausting the stack, and bounds the work, which grows with depth times size.
const MAX_DEPTH: usize = 32;

/// One JSON value.
#[derive(Debug)]
pub(crate) enum Json<'a> {
    Null,
    Bool(bool),
    /// The number's text exactly as written.
    Number(&'a str),
    String(String),
    Array(Vec<Json<'a>>),
    /// Members in document order.
    Object(Vec<(String, Json<'a>)>),
    /// Nested too deep or not decodable (e.g. a string with a lone surrogate escape): present
    /// but unreadable.
    Opaque,
}

/// The absent value returned by lookups that find nothing.
static NULL: Json<'static> = Json::Null;

impl<'a> Json<'a> {
    /// Parses a whole document. Fails only when it is not valid JSON.
    #[cfg(test)]
    pub(crate) fn parse(text: &'a str) -> Result<Json<'a>, serde_json::Error> {
        let raw: &'a RawValue = serde_json::from_str(text)?;
        Ok(Json::build(raw, 0))
    }

    /// Parses a document whose root must be an object. A root of another type is reported by
    /// its type name without being expanded.
    pub(crate) fn parse_object(text: &'a str) -> Result<Json<'a>, NotAnObject> {
        let raw: &'a RawValue = serde_json::from_str(text).map_err(NotAnObject::Syntax)?;
        match raw.get().trim_start().as_bytes().first() {
            Some(b'{') => Ok(Json::build(raw, 0)),
            Some(b'[') => Err(NotAnObject::Root("an array")),
            Some(b'"') => Err(NotAnObject::Root("a string")),
            Some(b't') | Some(b'f') => Err(NotAnObject::Root("a boolean")),
            Some(b'n') => Err(NotAnObject::Root("null")),
            _ => Err(NotAnObject::Root("a number")),
        }
    }

    fn build(raw: &'a RawValue, depth: usize) -> Json<'a> {
        let text = raw.get().trim_start();
        let parsed = match text.as_bytes().first() {
            Some(b'{') | Some(b'[') if depth >= MAX_DEPTH => return Json::Opaque,
            Some(b'{') => serde_json::from_str::<Members<'a>>(text).map(|m| {
                Json::Object(
                    m.0.into_iter()
                        .map(|(k, v)| (k, Json::build(v, depth + 1)))
                        .collect(),
                )
            }),
            Some(b'[') => serde_json::from_str::<Vec<&'a RawValue>>(text)
                .map(|v| Json::Array(v.into_iter().map(|e| Json::build(e, depth + 1)).collect())),
            Some(b'"') => serde_json::from_str::<String>(text).map(Json::String),
            Some(b't') | Some(b'f') => serde_json::from_str::<bool>(text).map(Json::Bool),
            Some(b'n') => Ok(Json::Null),
            Some(_) => Ok(Json::Number(text.trim_end())),
            None => Ok(Json::Opaque),
        };
        parsed.unwrap_or(Json::Opaque)
    }

    /// Member `key` of an object (exact spelling); `Null` when absent or not an object.
    pub(crate) fn get(&self, key: &str) -> &Json<'a> {
        match self {
            Json::Object(members) => members
                .iter()
                .find(|(k, _)| k == key)
                .map_or(&NULL, |(_, v)| v),
            _ => &NULL,
        }
    }

    /// Whether the object has member `key` at all (even `null`).
    pub(crate) fn has(&self, key: &str) -> bool {
        matches!(self, Json::Object(m) if m.iter().any(|(k, _)| k == key))
    }

    /// The elements of an array; a single object counts as a list of one; anything else is
    /// empty.
    pub(crate) fn list(&self) -> &[Json<'a>] {
        match self {
            Json::Array(items) => items,
            Json::Object(_) => std::slice::from_ref(self),
            _ => &[],
        }
    }

    /// Text of a string (trimmed); blank strings read as absent. For URLs and codes, where a
    /// number would be nonsense.
    pub(crate) fn string(&self) -> Option<String> {
        match self {
            Json::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        }
    }

    /// Text of a string, or a number's text (IDs and values Amazon may send either way);
    /// blank strings read as absent.
    pub(crate) fn text(&self) -> Option<String> {
        let text = match self {
            Json::String(s) => s.trim(),
            Json::Number(n) => n,
            _ => return None,
        };
        (!text.is_empty()).then(|| text.to_string())
    }

    /// The strings of an array (non-strings are skipped).
    pub(crate) fn texts(&self) -> Vec<String> {
        match self {
            Json::Array(items) => items.iter().filter_map(Json::text).collect(),
            _ => self.text().into_iter().collect(),
        }
    }

    /// A boolean, also from the strings `"true"` and `"false"`.
    pub(crate) fn bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            Json::String(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
            Json::String(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    /// An exact decimal from a number or a numeric string.
    pub(crate) fn decimal(&self) -> Option<Decimal> {
        match self {
            Json::Number(n) => Decimal::parse(n).ok(),
            Json::String(s) => Decimal::parse(s).ok(),
            _ => None,
        }
    }

    /// A non-negative whole number (`5`, `"5"`, `5.0`, `1e3`); a fraction reads as absent.
    pub(crate) fn unsigned(&self) -> Option<u64> {
        let decimal = self.decimal()?;
        let (_, fraction) = decimal.as_str().split_once('.').unwrap_or_default();
        if !fraction.bytes().all(|b| b == b'0') {
            return None;
        }
        u64::try_from(decimal.round_to_integer()?).ok()
    }

    /// A percentage in whole percent, rounded (`37.5` gives 38); negative reads as absent.
    pub(crate) fn percent(&self) -> Option<u32> {
        u32::try_from(self.decimal()?.round_to_integer()?).ok()
    }

    /// Like [`Json::unsigned`], for values that fit in a `u32`.
    pub(crate) fn unsigned32(&self) -> Option<u32> {
        self.unsigned().and_then(|v| u32::try_from(v).ok())
    }

    /// The name of this value's type, for error messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
            Json::Opaque => "an unreadable value",
        }
    }

    /// The member names of an object.
    pub(crate) fn keys(&self) -> Vec<&str> {
        match self {
            Json::Object(members) => members.iter().map(|(k, _)| k.as_str()).collect(),
            _ => Vec::new(),
        }
    }
}

/// Why a document is not a readable object.
#[derive(Debug)]
pub(crate) enum NotAnObject {
    /// Not JSON at all.
    Syntax(serde_json::Error),
    /// Valid JSON whose root is of this type.
    Root(&'static str),
}

/// An object's members, in order, with their values still raw.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MembersVisitor;

        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(entry);
                }
                Ok(Members(members))
            }
        }

        d.deserialize_map(MembersVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_text() {
        let doc =
            Json::parse(r#"{"a": 0.1, "b": [19.999999999999999999, 1e2], "c": "49.99"}"#).unwrap();
        assert!(matches!(doc.get("a"), Json::Number("0.1")));
        let b = doc.get("b").list();
        assert_eq!(b[0].decimal().unwrap().as_str(), "19.999999999999999999");
        assert_eq!(b[1].decimal().unwrap().as_str(), "100");
        assert_eq!(doc.get("c").decimal().unwrap().as_str(), "49.99");
    }

    #[test]
    fn wrong_types_read_as_absent() {
        let doc =
            Json::parse(r#"{"title": 5, "flag": "yes", "list": {"x": 1}, "n": "12"}"#).unwrap();
        assert_eq!(doc.get("title").text().as_deref(), Some("5"));
        assert_eq!(doc.get("flag").bool(), None);
        assert_eq!(doc.get("list").list().len(), 1);
        assert_eq!(doc.get("n").unsigned(), Some(12));
        assert_eq!(doc.get("title").string(), None);
        let numbers = Json::parse(r#"[2.5, "5.0", 1e3, -1, 37.5]"#).unwrap();
        let n = numbers.list();
        assert_eq!(n[0].unsigned(), None);
        assert_eq!(n[1].unsigned(), Some(5));
        assert_eq!(n[2].unsigned(), Some(1000));
        assert_eq!(n[3].unsigned(), None);
        assert_eq!(n[4].percent(), Some(38));
        assert_eq!(n[3].percent(), None);
        assert_eq!(doc.get("missing").get("deeper").text(), None);
        assert!(doc.has("title") && !doc.has("missing"));
        assert_eq!(doc.get("title").get("x").type_name(), "null");
    }

    #[test]
    fn strings_are_unescaped_and_deep_nesting_is_bounded() {
        let doc = Json::parse(r#"{"s": "caf\u00e9 \"quoted\"", "bad": "\ud800"}"#).unwrap();
        assert_eq!(doc.get("s").text().as_deref(), Some("café \"quoted\""));
        assert!(doc.get("bad").text().is_none());
        let deep = "[".repeat(120) + &"]".repeat(120);
        assert!(Json::parse(&deep).is_ok());
        assert!(Json::parse("{").is_err());
        assert!(matches!(
            Json::parse_object(&deep),
            Err(NotAnObject::Root("an array"))
        ));
        assert!(matches!(
            Json::parse_object("{"),
            Err(NotAnObject::Syntax(_))
        ));
        assert!(Json::parse_object(" {} ").is_ok());
        assert!(Json::parse("{} x").is_err());
    }
}
