//! A lenient reader of the JSON object the bindings pass: numbers as text, text as numbers,
//! lists as comma-separated text, every problem collected under the key the caller used.

use serde_json::{Map, Value};

use crate::asin::Asin;
use crate::field_error::FieldErrors;
use crate::quote::excerpt;

use super::Properties;

/// Reads fields of a JSON object leniently (numbers as text, text as numbers, lists as
/// comma-separated text), collecting every problem under the key the caller used.
pub(super) struct Reader<'a> {
    map: &'a Map<String, Value>,
    errors: FieldErrors,
    known: Vec<&'static str>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(value: &'a Value) -> Result<Reader<'a>, FieldErrors> {
        match value {
            Value::Object(map) => Ok(Reader {
                map,
                errors: FieldErrors::new(),
                known: Vec::new(),
            }),
            _ => Err(FieldErrors::single(
                "params",
                "The parameters must be an object of named values (for example {\"asins\": [\"B08N5WRWNW\"]}).",
            )),
        }
    }

    /// The first present, non-null value among `names`, with the key it was found under.
    pub(super) fn get(&mut self, names: &[&'static str]) -> Option<(&'static str, &'a Value)> {
        self.known.extend_from_slice(names);
        names.iter().find_map(|name| match self.map.get(*name) {
            None | Some(Value::Null) => None,
            Some(v) => Some((*name, v)),
        })
    }

    pub(super) fn string(&mut self, names: &[&'static str]) -> Option<String> {
        let (key, value) = self.get(names)?;
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => {
                self.errors.push(key, "Enter text here.");
                None
            }
        }
    }

    /// A list given as a JSON array of texts/numbers or as one text separated by commas,
    /// spaces or new lines.
    pub(super) fn strings(&mut self, names: &[&'static str]) -> Option<Vec<String>> {
        let (key, value) = self.get(names)?;
        match value {
            Value::String(s) => Some(
                s.split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect(),
            ),
            Value::Number(n) => Some(vec![n.to_string()]),
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        Value::Number(n) => out.push(n.to_string()),
                        _ => {
                            self.errors
                                .push(key, "Every entry of this list must be text.");
                            return None;
                        }
                    }
                }
                Some(out)
            }
            _ => {
                self.errors.push(key, "Enter a list of values here.");
                None
            }
        }
    }

    pub(super) fn number<T: TryFrom<u64>>(&mut self, names: &[&'static str]) -> Option<T> {
        let (key, value) = self.get(names)?;
        let parsed = match value {
            Value::Number(n) => n.as_u64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1e19)
                    .map(|f| f as u64)
            }),
            Value::String(s) if s.trim().is_empty() => return None,
            Value::String(s) => s.trim().parse::<u64>().ok(),
            _ => None,
        };
        match parsed.and_then(|n| T::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                self.errors.push(
                    key,
                    format!(
                        "Enter a positive whole number here; {} is not one.",
                        match value {
                            Value::String(s) => format!("\"{}\"", excerpt(s)),
                            other => excerpt(&other.to_string()),
                        }
                    ),
                );
                None
            }
        }
    }

    pub(super) fn choice<T>(
        &mut self,
        names: &[&'static str],
        parse: fn(&str) -> Option<T>,
        expected: fn() -> String,
    ) -> Option<T> {
        let (key, _) = self.get(names)?;
        let text = self.string(names)?;
        if text.trim().is_empty() {
            return None;
        }
        let parsed = parse(&text);
        if parsed.is_none() {
            self.errors.push(key, expected());
        }
        parsed
    }

    pub(super) fn choices<T>(
        &mut self,
        names: &[&'static str],
        parse: fn(&str) -> Option<T>,
        expected: fn() -> String,
    ) -> Vec<T> {
        let Some(texts) = self.strings(names) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(texts.len());
        for text in texts {
            match parse(&text) {
                Some(v) => out.push(v),
                None => {
                    let key = names[0];
                    self.errors.push(
                        key,
                        format!("\"{}\" is not allowed here. {}", excerpt(&text), expected()),
                    );
                }
            }
        }
        out
    }

    pub(super) fn asins(&mut self, names: &[&'static str]) -> Option<Vec<Asin>> {
        let texts = self.strings(names)?;
        let mut out = Vec::with_capacity(texts.len());
        for text in texts {
            match crate::asin::parse_product_input(&text) {
                Ok((asin, _)) => out.push(asin),
                Err(errors) => {
                    for e in errors {
                        self.errors.push_as(names[0], e);
                    }
                }
            }
        }
        Some(out)
    }

    pub(super) fn asin(&mut self, names: &[&'static str]) -> Option<Asin> {
        let text = self.string(names)?;
        match crate::asin::parse_product_input(&text) {
            Ok((asin, _)) => Some(asin),
            Err(errors) => {
                for e in errors {
                    self.errors.push_as(names[0], e);
                }
                None
            }
        }
    }

    /// `language` as text, or `languages_of_preference` / `languages` as a list of one.
    pub(super) fn language(&mut self) -> Option<String> {
        let (key, _) = self.get(&["language", "languages_of_preference", "languages"])?;
        let list = self.strings(&[key])?;
        match list.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            _ => {
                self.errors.push(
                    "language",
                    "Amazon accepts one preferred language: enter only one.",
                );
                None
            }
        }
    }

    /// A map of text values (the reserved `properties` of the Creators API): a JSON object whose
    /// values are text or numbers.
    pub(super) fn properties(&mut self, names: &[&'static str]) -> Properties {
        let mut out = Properties::new();
        let Some((key, value)) = self.get(names) else {
            return out;
        };
        let Value::Object(map) = value else {
            self.errors.push(
                key,
                "Enter an object of named text values (for example {\"key\": \"value\"}).",
            );
            return out;
        };
        for (name, v) in map {
            match v {
                Value::String(s) => {
                    out.insert(name.clone(), s.clone());
                }
                Value::Number(n) => {
                    out.insert(name.clone(), n.to_string());
                }
                _ => self.errors.push(
                    key,
                    format!("The value of \"{}\" must be text.", excerpt(name)),
                ),
            }
        }
        out
    }

    /// Every problem found, plus one for each key no operation parameter has.
    pub(super) fn finish(mut self) -> Result<(), FieldErrors> {
        let mut unknown: Vec<&String> = self
            .map
            .keys()
            .filter(|k| !self.known.contains(&k.as_str()))
            .collect();
        unknown.sort();
        for key in unknown {
            let mut known: Vec<&str> = self.known.clone();
            known.sort_unstable();
            known.dedup();
            self.errors.push(
                key.clone(),
                format!(
                    "\"{}\" is not a parameter of this operation. Known parameters: {}.",
                    excerpt(key),
                    known.join(", ")
                ),
            );
        }
        self.errors.into_result(())
    }
}
