//! A read-only JSON tree that keeps numbers as the text Amazon wrote, with lenient accessors:
//! a value of the wrong type reads as absent instead of failing the whole answer.
//!
//! serde_json (with its `raw_value` feature) validates the document and hands out the raw
//! text of each value; numbers are never converted to `f64`, so `49.99` stays `49.99`.

use std::borrow::Cow;

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
    /// Borrowed from the document unless it had escapes.
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    /// Members in document order.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
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
        Ok(Cursor::new(raw.get()).value(0))
    }

    /// Parses a document whose root must be an object. A root of another type is reported by
    /// its type name without being expanded.
    pub(crate) fn parse_object(text: &'a str) -> Result<Json<'a>, NotAnObject> {
        // serde_json validates the whole document (one pass, nothing allocated); the tree is
        // then built from the validated text in a second pass.
        let raw: &'a RawValue = serde_json::from_str(text).map_err(NotAnObject::Syntax)?;
        match raw.get().trim_start().as_bytes().first() {
            Some(b'{') => Ok(Cursor::new(raw.get()).value(0)),
            Some(b'[') => Err(NotAnObject::Root("an array")),
            Some(b'"') => Err(NotAnObject::Root("a string")),
            Some(b't') | Some(b'f') => Err(NotAnObject::Root("a boolean")),
            Some(b'n') => Err(NotAnObject::Root("null")),
            _ => Err(NotAnObject::Root("a number")),
        }
    }

    /// Member `key` of an object (exact spelling); `Null` when absent or not an object.
    pub(crate) fn get(&self, key: &str) -> &Json<'a> {
        match self {
            Json::Object(members) => members
                .iter()
                .find(|(k, _)| k.as_ref() == key)
                .map_or(&NULL, |(_, v)| v),
            _ => &NULL,
        }
    }

    /// Whether the object has member `key` at all (even `null`).
    pub(crate) fn has(&self, key: &str) -> bool {
        matches!(self, Json::Object(m) if m.iter().any(|(k, _)| k.as_ref() == key))
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
            Json::Object(members) => members.iter().map(|(k, _)| k.as_ref()).collect(),
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

/// Builds the tree from text serde_json has already validated, in one pass. Every access is
/// bounds-checked anyway: an unexpected byte yields [`Json::Opaque`], never a panic.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Cursor<'a> {
        Cursor { text, pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Consumes `byte` (after whitespace) when it is next.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    fn value(&mut self, depth: usize) -> Json<'a> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'{' | b'[') if depth >= MAX_DEPTH => {
                self.skip_container();
                Json::Opaque
            }
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => match self.string() {
                (s, true) => Json::String(s),
                (_, false) => Json::Opaque,
            },
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(_) => self.number(),
            None => Json::Opaque,
        }
    }

    fn literal(&mut self, word: &str, value: Json<'a>) -> Json<'a> {
        if self.rest().starts_with(word) {
            self.pos += word.len();
            value
        } else {
            self.abandon()
        }
    }

    fn number(&mut self) -> Json<'a> {
        let start = self.pos;
        while matches!(
            self.peek(),
            Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
        ) {
            self.pos += 1;
        }
        match self.text.get(start..self.pos) {
            Some(n) if !n.is_empty() => Json::Number(n),
            _ => self.abandon(),
        }
    }

    fn object(&mut self, depth: usize) -> Json<'a> {
        self.pos += 1;
        let mut members = Vec::new();
        if self.eat(b'}') {
            return Json::Object(members);
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return self.abandon();
            }
            // A key with a lone surrogate escape keeps a replacement character: it matches no
            // member the normalizer looks for, and the rest of the object stays readable.
            let (key, _) = self.string();
            if !self.eat(b':') {
                return self.abandon();
            }
            let value = self.value(depth + 1);
            members.push((key, value));
            if self.eat(b',') {
                continue;
            }
            return if self.eat(b'}') {
                Json::Object(members)
            } else {
                self.abandon()
            };
        }
    }

    fn array(&mut self, depth: usize) -> Json<'a> {
        self.pos += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Json::Array(items);
        }
        loop {
            items.push(self.value(depth + 1));
            if self.eat(b',') {
                continue;
            }
            return if self.eat(b']') {
                Json::Array(items)
            } else {
                self.abandon()
            };
        }
    }

    /// Gives up on the rest of the text (unreachable for validated JSON).
    fn abandon(&mut self) -> Json<'a> {
        self.pos = self.text.len();
        Json::Opaque
    }

    /// Reads a string starting at its opening quote, borrowed when it has no escapes. The flag
    /// is false when it held a lone surrogate escape (kept as U+FFFD) or ended early.
    fn string(&mut self) -> (Cow<'a, str>, bool) {
        self.pos += 1;
        let rest = self.rest();
        match rest.bytes().position(|b| b == b'"' || b == b'\\') {
            Some(end) if rest.as_bytes()[end] == b'"' => {
                self.pos += end + 1;
                (Cow::Borrowed(&rest[..end]), true)
            }
            _ => {
                let (s, valid) = self.escaped_string();
                (Cow::Owned(s), valid)
            }
        }
    }

    /// The rest of a string that has escapes (the cursor is just after the opening quote).
    fn escaped_string(&mut self) -> (String, bool) {
        let mut out = String::new();
        let mut valid = true;
        loop {
            let rest = self.rest();
            let Some(stop) = rest.bytes().position(|b| b == b'"' || b == b'\\') else {
                self.pos = self.text.len();
                return (out, false);
            };
            out.push_str(&rest[..stop]);
            self.pos += stop;
            if self.peek() == Some(b'"') {
                self.pos += 1;
                return (out, valid);
            }
            self.pos += 1;
            let escape = self.peek();
            self.pos += 1;
            match escape {
                Some(b'"') => out.push('"'),
                Some(b'\\') => out.push('\\'),
                Some(b'/') => out.push('/'),
                Some(b'b') => out.push('\u{8}'),
                Some(b'f') => out.push('\u{c}'),
                Some(b'n') => out.push('\n'),
                Some(b'r') => out.push('\r'),
                Some(b't') => out.push('\t'),
                Some(b'u') => match self.unicode_escape() {
                    Some(c) => out.push(c),
                    None => {
                        valid = false;
                        out.push(char::REPLACEMENT_CHARACTER);
                    }
                },
                _ => {
                    self.pos = self.text.len();
                    return (out, false);
                }
            }
        }
    }

    /// The character of a `\uXXXX` escape (after the `u`), joining a surrogate pair.
    fn unicode_escape(&mut self) -> Option<char> {
        let high = self.hex4()?;
        if !(0xD800..0xDC00).contains(&high) {
            return char::from_u32(high);
        }
        if !self.rest().starts_with("\\u") {
            return None;
        }
        let save = self.pos;
        self.pos += 2;
        match self.hex4() {
            Some(low) if (0xDC00..0xE000).contains(&low) => {
                char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            _ => {
                self.pos = save;
                None
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        let value = u32::from_str_radix(digits, 16).ok()?;
        self.pos += 4;
        Some(value)
    }

    /// Skips an object or array without building it (iteratively: nesting depth is unbounded).
    fn skip_container(&mut self) {
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    self.string();
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        self.pos += 1;
                        return;
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
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

    /// The tree equals serde_json's own reading of the same document.
    fn same(tree: &Json<'_>, value: &serde_json::Value) -> bool {
        use serde_json::Value;
        match (tree, value) {
            (Json::Null, Value::Null) => true,
            (Json::Bool(a), Value::Bool(b)) => a == b,
            (Json::Number(text), Value::Number(n)) => text.parse::<f64>().ok() == n.as_f64(),
            (Json::String(a), Value::String(b)) => a == b,
            (Json::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
            }
            (Json::Object(a), Value::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.get(k.as_ref()).is_some_and(|w| same(v, w)))
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
        fn one_pass_tree_matches_serde_json(value in json_value(), pretty in proptest::prelude::any::<bool>()) {
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            let tree = Json::parse(&text).unwrap();
            proptest::prop_assert!(same(&tree, &value), "{text}");
        }
    }

    #[test]
    fn surrogate_pairs_and_escapes() {
        let doc = Json::parse(r#"{"e": "\ud83d\ude00 \/ \b\f\n\r\t", "k\ud800": 1, "n": -1.5e-3}"#)
            .unwrap();
        assert_eq!(
            doc.get("e").text().as_deref(),
            Some("\u{1F600} / \u{8}\u{c}\n\r\t".trim())
        );
        assert_eq!(doc.keys().len(), 3);
        assert!(matches!(doc.get("n"), Json::Number("-1.5e-3")));
    }
}
