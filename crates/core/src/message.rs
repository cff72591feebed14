//! Messages for people as a stable code with parameters, plus the English sentence. A host that
//! shows messages in other languages turns the code and parameters into its own sentence (the
//! WordPress plugin keeps one translatable sentence per code); any other host shows the English
//! text. Every code and its English template are listed in [`crate::messages::ALL`].

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// A message's code and English text, with `{name}` where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Template {
    /// Stable identifier, such as `partner_tag.too_long`.
    pub code: &'static str,
    /// The English sentence with `{name}` placeholders.
    pub english: &'static str,
}

/// One value in a message: text (a number, a name, a quoted input) or a message of its own,
/// such as the description of a character.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Param {
    /// Shown as it is.
    Text(String),
    /// Translated like any message.
    Message(Box<Message>),
}

impl Param {
    /// The English text.
    pub fn english(&self) -> &str {
        match self {
            Param::Text(text) => text,
            Param::Message(message) => &message.text,
        }
    }
}

impl<T: fmt::Display> From<T> for Param {
    fn from(value: T) -> Param {
        Param::Text(value.to_string())
    }
}

impl From<Message> for Param {
    fn from(message: Message) -> Param {
        Param::Message(Box::new(message))
    }
}

/// A message: code, parameters by name and the English text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    /// The template's code; empty for a message that has no code yet (its text is shown).
    pub code: &'static str,
    /// The values of the template's placeholders.
    pub params: BTreeMap<&'static str, Param>,
    /// The English sentence.
    #[serde(rename = "message")]
    pub text: String,
}

impl Template {
    /// A template (for the catalogue in [`crate::messages`]).
    pub const fn new(code: &'static str, english: &'static str) -> Template {
        Template { code, english }
    }

    /// The message with these values for the placeholders. Every placeholder needs a value and
    /// every value a placeholder (checked in debug builds, so the tests catch a mismatch).
    pub fn with(self, params: Vec<(&'static str, Param)>) -> Message {
        let params: BTreeMap<&'static str, Param> = params.into_iter().collect();
        debug_assert_eq!(
            placeholders(self.english),
            params.keys().copied().collect::<Vec<_>>(),
            "parameters of {}",
            self.code
        );
        let mut text = String::with_capacity(self.english.len());
        let mut rest = self.english;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let name = &rest[open + 1..open + close];
            text.push_str(&rest[..open]);
            match params.get(name) {
                Some(value) => text.push_str(value.english()),
                None => text.push_str(&rest[open..=open + close]),
            }
            rest = &rest[open + close + 1..];
        }
        text.push_str(rest);
        Message {
            code: self.code,
            params,
            text,
        }
    }

    /// The message of a template without placeholders.
    pub fn plain(self) -> Message {
        self.with(Vec::new())
    }
}

/// The placeholder names of an English template, sorted, each once.
pub fn placeholders(english: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    let mut rest = english;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        names.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    names.sort_unstable();
    names.dedup();
    names
}

impl From<String> for Message {
    fn from(text: String) -> Message {
        Message {
            code: "",
            params: BTreeMap::new(),
            text,
        }
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Message {
        Message::from(text.to_string())
    }
}

impl From<&String> for Message {
    fn from(text: &String) -> Message {
        Message::from(text.clone())
    }
}

/// `message!(TEMPLATE, name = value, ...)`: the template's message with these parameters
/// (each value a text, a number or a [`Message`]).
macro_rules! message {
    ($template:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $template.with(vec![$((stringify!($name), $crate::message::Param::from($value))),*])
    };
}
pub(crate) use message;

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: Template = Template::new("sample", "The {label} is {len} long: {len}.");

    #[test]
    fn fills_the_placeholders_and_keeps_the_parameters() {
        let m = message!(SAMPLE, label = "Credential ID", len = 3);
        assert_eq!(m.text, "The Credential ID is 3 long: 3.");
        assert_eq!(m.code, "sample");
        assert_eq!(m.params["len"], Param::Text("3".into()));
        assert_eq!(placeholders(SAMPLE.english), vec!["label", "len"]);
    }

    #[test]
    fn nests_a_message_as_a_parameter() {
        const INNER: Template = Template::new("inner", "a space");
        const OUTER: Template = Template::new("outer", "It contains {what}.");
        let m = message!(OUTER, what = INNER.plain());
        assert_eq!(m.text, "It contains a space.");
        let json = serde_json::to_value(&m).unwrap();
        assert_eq!(json["params"]["what"]["code"], "inner");
        assert_eq!(json["message"], "It contains a space.");
    }

    #[test]
    #[should_panic(expected = "parameters of sample")]
    fn a_missing_parameter_is_caught_in_tests() {
        let _ = message!(SAMPLE, label = "x");
    }
}
