//! A JSON document read in one strict pass into a flat tape: one token per value (and per
//! member name), a container's token recording where it ends. Nothing is allocated per value:
//! strings and numbers borrow the document's text, only strings with escapes are copied.
//!
//! The reader accepts exactly what serde_json accepts (RFC 8259: no comments, no trailing
//! commas, any nesting depth); when it rejects a document, serde_json reads it again to name
//! the error, so the messages (line and column, end of input) are serde_json's.

use std::cell::Cell;

use serde_json::value::RawValue;

/// Nesting deeper than this is kept unexpanded (validated, but one [`Tok::Opaque`]). Amazon's
/// answers are under twenty levels deep (an item's browse node with its ancestor chain is the
/// deepest); the bound keeps hostile input from exhausting the stack.
pub(crate) const MAX_DEPTH: usize = 32;

/// One token of the tape (12 bytes: text is referred to by offsets into the document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    Null,
    Bool(bool),
    /// The number's text exactly as written: `len` bytes of the document from `start`.
    Number {
        start: u32,
        len: u32,
    },
    /// A string without escapes: `len` bytes of the document from `start`.
    Str {
        start: u32,
        len: u32,
    },
    /// A string with escapes: its index in [`Tape::owned`].
    Owned(u32),
    /// Nested too deep or not decodable (a string with a lone surrogate escape): present but
    /// unreadable.
    Opaque,
    /// An array; its elements follow up to (not including) token `end`.
    Array {
        end: u32,
    },
    /// An object; name and value tokens alternate up to (not including) token `end`.
    Object {
        end: u32,
    },
}

/// A whole document.
#[derive(Debug, Default)]
pub(crate) struct Tape<'a> {
    /// The document's text, which the tokens refer to.
    pub(crate) text: &'a str,
    pub(crate) toks: Vec<Tok>,
    /// The strings that had escapes, unescaped.
    pub(crate) owned: Vec<String>,
}

thread_local! {
    /// The token buffer of the last document read on this thread, lent to the next one, so
    /// reading an answer allocates no tape once the thread has read one.
    static SPARE: Cell<Vec<Tok>> = const { Cell::new(Vec::new()) };
}

/// The largest token buffer kept for the next document (768 KiB).
const MAX_SPARE: usize = 1 << 16;

/// An empty token buffer for about `tokens` tokens.
fn token_buffer(tokens: usize) -> Vec<Tok> {
    let mut toks = SPARE.try_with(Cell::take).unwrap_or_default();
    toks.clear();
    toks.reserve(tokens);
    toks
}

impl Drop for Tape<'_> {
    fn drop(&mut self) {
        let toks = std::mem::take(&mut self.toks);
        if toks.capacity() <= MAX_SPARE {
            // Fails only while the thread exits; the buffer is then simply freed.
            let _ = SPARE.try_with(|spare| spare.set(toks));
        }
    }
}

impl Tape<'_> {
    /// The text of a [`Tok::Str`] or [`Tok::Number`].
    pub(crate) fn slice(&self, start: u32, len: u32) -> &str {
        let start = start as usize;
        self.text.get(start..start + len as usize).unwrap_or("")
    }
}

/// Why a document is not JSON or not what was asked for.
#[derive(Debug)]
pub(crate) enum NotAnObject {
    /// Not JSON at all.
    Syntax(serde_json::Error),
    /// Valid JSON whose root is of this type.
    Root(&'static str),
}

/// The reader found a byte JSON does not allow there.
struct Invalid;

impl<'a> Tape<'a> {
    /// Reads a whole document of any type.
    #[cfg(test)]
    pub(crate) fn parse(text: &'a str) -> Result<Tape<'a>, serde_json::Error> {
        let mut reader = Reader::new(text);
        match reader.value(0).and_then(|()| reader.end()) {
            Ok(()) => Ok(reader.tape),
            Err(Invalid) => Err(syntax_error(text)),
        }
    }

    /// Reads a document whose root must be an object. A root of another type is validated
    /// and reported by its type name without being expanded.
    pub(crate) fn parse_object(text: &'a str) -> Result<Tape<'a>, NotAnObject> {
        let mut reader = Reader::new(text);
        reader.skip_whitespace();
        let first = reader.peek();
        let read = match first {
            Some(b'{') => reader.value(0),
            _ => reader.skip_value(),
        }
        .and_then(|()| reader.end());
        if read.is_err() {
            return Err(NotAnObject::Syntax(syntax_error(text)));
        }
        match first {
            Some(b'{') => Ok(reader.tape),
            Some(b'[') => Err(NotAnObject::Root("an array")),
            Some(b'"') => Err(NotAnObject::Root("a string")),
            Some(b't' | b'f') => Err(NotAnObject::Root("a boolean")),
            Some(b'n') => Err(NotAnObject::Root("null")),
            _ => Err(NotAnObject::Root("a number")),
        }
    }
}

/// serde_json's error for a document the reader rejected.
fn syntax_error(text: &str) -> serde_json::Error {
    match serde_json::from_str::<&RawValue>(text) {
        Err(e) => e,
        // Unreachable while the reader is as strict as serde_json (a test holds it to that).
        Ok(_) => serde::de::Error::custom("the answer could not be read as JSON"),
    }
}

/// Which bytes end the plain run of a string: `"`, `\` and the control characters.
const STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// Where a string stands: a member name or a value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Name,
    Value,
}

/// `start..end` as a token's offset and length, when they fit.
fn offsets(start: usize, end: usize) -> Option<(u32, u32)> {
    Some((u32::try_from(start).ok()?, u32::try_from(end - start).ok()?))
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    tape: Tape<'a>,
    /// Validating a value without putting it on the tape ([`Reader::skip_value`]).
    skipping: bool,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            skipping: false,
            tape: Tape {
                text,
                // About one token per 13 bytes in Amazon's answers.
                toks: token_buffer(text.len() / 12 + 4),
                owned: Vec::new(),
            },
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
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

    fn expect(&mut self, byte: u8) -> Result<(), Invalid> {
        if self.eat(byte) { Ok(()) } else { Err(Invalid) }
    }

    /// Only whitespace may follow the root value.
    fn end(&mut self) -> Result<(), Invalid> {
        self.skip_whitespace();
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    /// Puts a token on the tape, unless a value is being skipped.
    #[inline]
    fn push(&mut self, tok: Tok) {
        if !self.skipping {
            self.tape.toks.push(tok);
        }
    }

    /// Reads one value onto the tape.
    fn value(&mut self, depth: usize) -> Result<(), Invalid> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'{' | b'[') if depth >= MAX_DEPTH => {
                self.skip_value()?;
                self.push(Tok::Opaque);
                Ok(())
            }
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            _ => self.scalar(),
        }
    }

    fn object(&mut self, depth: usize) -> Result<(), Invalid> {
        self.pos += 1;
        let at = self.tape.toks.len();
        self.push(Tok::Object { end: 0 });
        if !self.eat(b'}') {
            loop {
                self.skip_whitespace();
                if self.peek() != Some(b'"') {
                    return Err(Invalid);
                }
                self.string(Role::Name)?;
                self.expect(b':')?;
                self.value(depth + 1)?;
                if self.eat(b',') {
                    continue;
                }
                self.expect(b'}')?;
                break;
            }
        }
        self.close(at);
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<(), Invalid> {
        self.pos += 1;
        let at = self.tape.toks.len();
        self.push(Tok::Array { end: 0 });
        if !self.eat(b']') {
            loop {
                self.value(depth + 1)?;
                if self.eat(b',') {
                    continue;
                }
                self.expect(b']')?;
                break;
            }
        }
        self.close(at);
        Ok(())
    }

    /// Records where the container opened at token `at` ends.
    fn close(&mut self, at: usize) {
        let end = u32::try_from(self.tape.toks.len()).unwrap_or(u32::MAX);
        if let Some(Tok::Array { end: e } | Tok::Object { end: e }) = self.tape.toks.get_mut(at) {
            *e = end;
        }
    }

    fn own(&mut self, s: String) -> Tok {
        match u32::try_from(self.tape.owned.len()) {
            Ok(i) => {
                self.tape.owned.push(s);
                Tok::Owned(i)
            }
            Err(_) => Tok::Opaque,
        }
    }

    /// A string, number or literal (whitespace already skipped). Scalars put their token on
    /// the tape themselves: a token handed back through memory would be stored in parts and
    /// reloaded whole, which stalls the CPU.
    fn scalar(&mut self) -> Result<(), Invalid> {
        match self.peek() {
            Some(b'"') => self.string(Role::Value),
            Some(b't') => self.literal(b"true", Tok::Bool(true)),
            Some(b'f') => self.literal(b"false", Tok::Bool(false)),
            Some(b'n') => self.literal(b"null", Tok::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(Invalid),
        }
    }

    fn literal(&mut self, word: &[u8], tok: Tok) -> Result<(), Invalid> {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            self.push(tok);
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Result<(), Invalid> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(Invalid),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(Invalid);
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(Invalid);
            }
        }
        // Past 4 GiB a number is unreadable.
        self.push(match offsets(start, self.pos) {
            Some((start, len)) => Tok::Number { start, len },
            None => Tok::Opaque,
        });
        Ok(())
    }

    /// A string from its opening quote: in place when it has no escapes (the common case,
    /// kept small enough to inline), else unescaped.
    #[inline]
    fn string(&mut self, role: Role) -> Result<(), Invalid> {
        self.pos += 1;
        let start = self.pos;
        self.plain_run();
        match self.peek() {
            Some(b'"') => {
                let end = self.pos;
                self.pos += 1;
                // Past 4 GiB a string is unreadable.
                self.push(match offsets(start, end) {
                    Some((start, len)) => Tok::Str { start, len },
                    None => Tok::Opaque,
                });
                Ok(())
            }
            Some(b'\\') => self.escaped(start, role),
            _ => Err(Invalid),
        }
    }

    /// Moves to the next `"`, `\` or control character (or the end), eight bytes at a time
    /// while none of them is one.
    fn plain_run(&mut self) {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        /// Whether any byte of `x` is zero.
        fn has_zero(x: u64) -> bool {
            x.wrapping_sub(ONES) & !x & HIGH != 0
        }
        while let Some(chunk) = self.bytes.get(self.pos..self.pos + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word);
            // A control character is below 0x20: x - 0x20 borrows into its high bit.
            let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0;
            if control
                || has_zero(x ^ (ONES * u64::from(b'"')))
                || has_zero(x ^ (ONES * u64::from(b'\\')))
            {
                break;
            }
            self.pos += 8;
        }
        let rest = &self.bytes[self.pos..];
        self.pos += rest
            .iter()
            .position(|&b| STRING_STOP[usize::from(b)])
            .unwrap_or(rest.len());
    }

    /// The rest of a string that has escapes; the cursor is on the first `\`. A lone
    /// surrogate escape makes a value unreadable; a member name keeps a replacement
    /// character for it, so it matches no member the normalizer looks for and the rest of
    /// the object stays readable.
    #[cold]
    #[inline(never)]
    fn escaped(&mut self, start: usize, role: Role) -> Result<(), Invalid> {
        let mut out = String::from(self.text.get(start..self.pos).ok_or(Invalid)?);
        let mut lone_surrogate = false;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    let tok = if self.skipping || (lone_surrogate && role == Role::Value) {
                        Tok::Opaque
                    } else {
                        self.own(out)
                    };
                    self.push(tok);
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escape = self.peek().ok_or(Invalid)?;
                    self.pos += 1;
                    let c = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?.unwrap_or_else(|| {
                            lone_surrogate = true;
                            char::REPLACEMENT_CHARACTER
                        }),
                        _ => return Err(Invalid),
                    };
                    out.push(c);
                }
                _ => return Err(Invalid),
            }
            let from = self.pos;
            self.plain_run();
            out.push_str(self.text.get(from..self.pos).ok_or(Invalid)?);
        }
    }

    /// The character of a `\uXXXX` escape (after the `u`), joining a surrogate pair; `None`
    /// for a lone surrogate.
    fn unicode_escape(&mut self) -> Result<Option<char>, Invalid> {
        let high = self.hex4()?;
        if !(0xD800..0xDC00).contains(&high) {
            return Ok(char::from_u32(high));
        }
        if !self.bytes[self.pos..].starts_with(b"\\u") {
            return Ok(None);
        }
        let save = self.pos;
        self.pos += 2;
        match self.hex4() {
            Ok(low) if (0xDC00..0xE000).contains(&low) => Ok(char::from_u32(
                0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00),
            )),
            // Not a low surrogate: that escape is read on its own next.
            _ => {
                self.pos = save;
                Ok(None)
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Invalid> {
        let digits = self.bytes.get(self.pos..self.pos + 4).ok_or(Invalid)?;
        let mut value = 0;
        for &d in digits {
            let nibble = char::from(d).to_digit(16).ok_or(Invalid)?;
            value = value * 16 + nibble;
        }
        self.pos += 4;
        Ok(value)
    }

    /// Validates one value without putting it on the tape. Iterative, so any nesting depth is
    /// read (as serde_json does) without deepening the stack.
    fn skip_value(&mut self) -> Result<(), Invalid> {
        self.skipping = true;
        let skipped = self.skip_open_value();
        self.skipping = false;
        skipped
    }

    /// [`Reader::skip_value`] while `skipping` is set.
    fn skip_open_value(&mut self) -> Result<(), Invalid> {
        // The closing bytes of the open containers.
        let mut open: Vec<u8> = Vec::new();
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'{') => {
                    self.pos += 1;
                    if !self.eat(b'}') {
                        open.push(b'}');
                        self.member_name()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.pos += 1;
                    if !self.eat(b']') {
                        open.push(b']');
                        continue;
                    }
                }
                _ => {
                    self.scalar()?;
                }
            }
            // After a value: close what ends here, then a comma leads to the next value.
            loop {
                let Some(&close) = open.last() else {
                    return Ok(());
                };
                if self.eat(b',') {
                    if close == b'}' {
                        self.member_name()?;
                    }
                    break;
                }
                self.expect(close)?;
                open.pop();
            }
        }
    }

    /// A member name and its colon, skipped.
    fn member_name(&mut self) -> Result<(), Invalid> {
        self.skip_whitespace();
        if self.peek() != Some(b'"') {
            return Err(Invalid);
        }
        self.string(Role::Name)?;
        self.expect(b':')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(text: &str) -> bool {
        Tape::parse(text).is_ok()
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for good in [
            "0",
            "-0",
            "-0.5e+7",
            "1E3",
            " {\"a\" : [1, 2.5, \"x\", true, false, null, {}], \"b\": []}\n",
            "\"\\u00e9\\ud83d\\ude00\\/\"",
            "\"\\ud800\"",
            "\"\\udc00\\ud800x\"",
            "\"\u{7f}\"",
        ] {
            assert!(accepts(good), "{good}");
        }
        for bad in [
            "",
            " ",
            "01",
            "-",
            "1.",
            ".5",
            "1e",
            "+1",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "{\"a\" 1}",
            "[1 2]",
            "tru",
            "nul",
            "\"\\x\"",
            "\"\\u12g4\"",
            "\"\\ud800\\u12\"",
            "\"a\u{1}\"",
            "\"open",
            "{} {}",
            "[",
            "// c\n{}",
        ] {
            assert!(!accepts(bad), "{bad:?}");
            assert!(serde_json::from_str::<&RawValue>(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn strings_end_at_the_first_stop_byte_wherever_it_falls() {
        for len in 0..20 {
            for stop in ["\"", "\\n", "\u{1}", "\u{1f}", "é"] {
                let body = "a".repeat(len) + stop + &"b".repeat(len % 9);
                let text = format!("\"{body}\"");
                let ours = Tape::parse(&text);
                let theirs = serde_json::from_str::<String>(&text);
                assert_eq!(ours.is_ok(), theirs.is_ok(), "{text:?}");
                if let (Ok(tape), Ok(value)) = (ours, theirs) {
                    let read = match tape.toks[0] {
                        Tok::Str { start, len } => tape.slice(start, len).to_string(),
                        Tok::Owned(i) => tape.owned[i as usize].clone(),
                        other => panic!("{other:?}"),
                    };
                    assert_eq!(read, value);
                }
            }
        }
    }

    #[test]
    fn deep_nesting_is_validated_not_expanded() {
        let deep = "[".repeat(3000) + &"]".repeat(3000);
        let tape = Tape::parse(&deep).unwrap();
        assert_eq!(tape.toks.len(), MAX_DEPTH + 1);
        assert_eq!(tape.toks[MAX_DEPTH], Tok::Opaque);
        let broken = "[".repeat(3000) + &"]".repeat(2999);
        let err = Tape::parse(&broken).unwrap_err();
        assert!(err.is_eof(), "{err}");
        let bad_inside = "[".repeat(40) + "1,]" + &"]".repeat(39);
        assert!(Tape::parse(&bad_inside).is_err());
    }

    #[test]
    fn errors_are_serde_jsons() {
        let err = Tape::parse("{\"a\": [1, 2}").unwrap_err();
        assert_eq!(
            err.to_string(),
            serde_json::from_str::<&RawValue>("{\"a\": [1, 2}")
                .unwrap_err()
                .to_string()
        );
        assert!(matches!(
            Tape::parse_object("[1"),
            Err(NotAnObject::Syntax(e)) if e.is_eof()
        ));
        assert!(matches!(
            Tape::parse_object(" \"s\" "),
            Err(NotAnObject::Root("a string"))
        ));
    }

    /// Valid JSON with some bytes changed: the reader and serde_json agree on every one.
    fn mutated() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let base = prop_oneof![
            Just(
                r#"{"a":[1,-2.5e3,"x\"y",true,false,null],"b":{"c":"\u00e9\ud83d\ude00"},"d":[]}"#
            ),
            Just(r#"[0, {"k": "v"}, [[]], "\\", 1E+2, -0.0]"#),
            Just(r#"{"itemsResult":{"items":[{"asin":"B0","score":0.5}]}}"#),
        ];
        let alphabet = prop_oneof![
            Just(' '),
            Just('"'),
            Just('\\'),
            Just('u'),
            Just(','),
            Just(':'),
            Just('['),
            Just(']'),
            Just('{'),
            Just('}'),
            Just('0'),
            Just('1'),
            Just('.'),
            Just('e'),
            Just('-'),
            Just('+'),
            Just('d'),
            Just('8'),
            Just('\u{1}'),
            Just('n'),
        ];
        (
            base,
            proptest::collection::vec((any::<prop::sample::Index>(), 0..3u8, alphabet), 1..4),
        )
            .prop_map(|(base, edits)| {
                let mut chars: Vec<char> = base.chars().collect();
                for (at, kind, c) in edits {
                    let i = at.index(chars.len() + 1);
                    match kind {
                        0 => chars.insert(i, c),
                        1 if i < chars.len() => {
                            chars.remove(i);
                        }
                        _ if i < chars.len() => chars[i] = c,
                        _ => chars.push(c),
                    }
                }
                chars.into_iter().collect()
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn accepts_exactly_what_serde_json_accepts(text in mutated()) {
            proptest::prop_assert_eq!(
                accepts(&text),
                serde_json::from_str::<&RawValue>(&text).is_ok(),
                "{:?}", text
            );
        }
    }
}
