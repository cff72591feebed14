//! What every setup form shares: the accepted value with its warnings ([`Validated`]), reading
//! loosely typed form values, checkboxes, marketplace fields, pasted credentials, and naming a
//! character a site owner cannot see.

use std::fmt;

use crate::field_error::FieldErrors;
use crate::marketplace::Marketplace;
use crate::message::{Message, Template, message};
use crate::messages;
use crate::quote::excerpt;

/// An accepted value and the warnings about it (keyed by form field, like errors). Warnings
/// never stop a save; the setup screens show them next to their fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validated<T> {
    /// The normalized value.
    pub value: T,
    /// Messages about fields that are accepted but look unusual.
    pub warnings: FieldErrors,
}

/// Whether a checkbox value means "ticked".
pub(crate) fn checkbox(value: Option<&str>) -> bool {
    let value = value.unwrap_or("").trim().to_ascii_lowercase();
    !matches!(value.as_str(), "" | "0" | "false" | "off" | "no")
}

/// Reads a marketplace field; pushes `empty` or an "unknown marketplace" error under `field`
/// when it cannot.
pub(crate) fn parse_marketplace(
    raw: Option<&str>,
    field: &str,
    empty: Template,
    errors: &mut FieldErrors,
) -> Option<Marketplace> {
    let raw = raw.unwrap_or("").trim();
    if raw.is_empty() {
        errors.push(field, empty.plain());
        return None;
    }
    let found = Marketplace::lookup(raw).ok();
    if found.is_none() {
        errors.push(field, unknown_marketplace(raw));
    }
    found
}

/// The form message for a marketplace the registry does not know, quoting what was entered.
pub(crate) fn unknown_marketplace(raw: &str) -> Message {
    message!(messages::MARKETPLACE_UNKNOWN, input = excerpt(raw))
}

/// The messages about one pasted credential field: too long, a character it never contains.
pub(crate) struct CredentialMessages {
    pub(crate) too_long: Template,
    pub(crate) bad_char: Template,
}

/// Checks a pasted credential value (already trimmed, not empty): no whitespace, control or
/// non-ASCII characters inside, at most `max_len` characters. For secrets, a character that
/// is neither whitespace nor a control character is not named.
pub(crate) fn check_credential_text(
    value: &str,
    field: &str,
    said: CredentialMessages,
    secret: bool,
    max_len: usize,
    errors: &mut FieldErrors,
) {
    let len = value.chars().count();
    if len > max_len {
        errors.push(field, message!(said.too_long, len = len, max = max_len));
    }
    if let Some(bad) = value.chars().find(|c| !c.is_ascii_graphic()) {
        let what = if secret && !bad.is_whitespace() && !bad.is_control() {
            messages::CHAR_NOT_ASCII.plain()
        } else {
            describe_char(bad)
        };
        errors.push(field, message!(said.bad_char, what = what));
    }
}

/// Names a character for a message: `a space`, `a line break`, `the control character
/// U+0007`, or the character in quotes.
pub(crate) fn describe_char(c: char) -> Message {
    match c {
        ' ' => messages::CHAR_SPACE.plain(),
        '\t' => messages::CHAR_TAB.plain(),
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => messages::CHAR_LINE_BREAK.plain(),
        '\u{a0}' | '\u{202f}' => messages::CHAR_NBSP.plain(),
        c if c.is_control() || c.is_whitespace() || is_invisible(c) => message!(
            messages::CHAR_INVISIBLE,
            code_point = format!("U+{:04X}", c as u32)
        ),
        c => message!(messages::CHAR_QUOTED, char = c),
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{ad}')
}

/// Reads a form value that may arrive as a string, number, boolean or null.
pub(crate) fn loose_string<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    struct Loose;

    impl<'de> serde::de::Visitor<'de> for Loose {
        type Value = Option<String>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string, number, boolean or null")
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(v))
        }

        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(if v { "1" } else { "0" }.to_string()))
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(Loose)
        }
    }

    d.deserialize_any(Loose)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkboxes_follow_form_conventions() {
        for on in ["1", "on", "yes", "true", "TRUE", "enabled"] {
            assert!(checkbox(Some(on)), "{on}");
        }
        for off in ["", " ", "0", "false", "off", "no", "No"] {
            assert!(!checkbox(Some(off)), "{off}");
        }
        assert!(!checkbox(None));
    }

    #[test]
    fn characters_are_named() {
        assert_eq!(describe_char('\u{a0}').text, "a non-breaking space");
        assert_eq!(describe_char('\r').code, "char.line_break");
        let quoted = describe_char('x');
        assert_eq!(
            (quoted.code, quoted.text.as_str()),
            ("char.quoted", "\"x\"")
        );
        assert_eq!(
            describe_char('\u{7}').text,
            "the invisible character U+0007"
        );
    }

    #[test]
    fn marketplace_fields_report_empty_and_unknown_values() {
        let mut errors = FieldErrors::new();
        assert_eq!(
            parse_marketplace(
                Some(" de "),
                "m",
                messages::MARKETPLACE_MISSING,
                &mut errors
            ),
            Some(Marketplace::DE)
        );
        assert_eq!(
            parse_marketplace(None, "m", messages::MARKETPLACE_MISSING, &mut errors),
            None
        );
        assert_eq!(
            parse_marketplace(Some("XX"), "m", messages::MARKETPLACE_MISSING, &mut errors),
            None
        );
        let found: Vec<_> = errors.for_field("m").collect();
        assert_eq!(found[0], messages::MARKETPLACE_MISSING.english);
        assert_eq!(found[1], unknown_marketplace("XX").text);
        let codes: Vec<_> = errors.iter().map(|e| e.code).collect();
        assert_eq!(codes, ["marketplace.missing", "marketplace.unknown"]);
        assert_eq!(
            errors.iter().nth(1).unwrap().params["input"].english(),
            "XX"
        );
        assert!(found[1].starts_with("\"XX\" is not an Amazon marketplace"));
    }
}
