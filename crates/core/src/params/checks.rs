//! The checks the parameters of every operation share: limits, ranges, languages, currencies,
//! browse node IDs, de-duplication, and putting the errors of reading and of validating
//! together.

use crate::field_error::FieldErrors;
use crate::quote::excerpt;

use super::Properties;

/// Most ASINs (GetItems) or browse node IDs (GetBrowseNodes) one request may carry.
pub const MAX_IDS_PER_REQUEST: usize = 10;

/// The errors of reading and of validating together; a field that could not be read gets no
/// second message from validation.
pub(super) fn combine<T>(
    read: Result<(), FieldErrors>,
    validated: Result<T, FieldErrors>,
) -> Result<T, FieldErrors> {
    match (read, validated) {
        (Ok(()), validated) => validated,
        (Err(errors), Ok(_)) => Err(errors),
        (Err(mut errors), Err(more)) => {
            let read_fields: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
            for e in more {
                if !read_fields.contains(&e.field) {
                    errors.push_as(e.field.clone(), e);
                }
            }
            Err(errors)
        }
    }
}

/// Removes repeated values, keeping the first of each.
pub(super) fn dedup<T: PartialEq>(values: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

pub(super) fn non_blank(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

pub(super) fn browse_node_problem(id: &str) -> Option<String> {
    let ok = !id.is_empty()
        && id.len() <= 19
        && id.bytes().all(|b| b.is_ascii_digit())
        && id.bytes().any(|b| b != b'0');
    (!ok).then(|| {
        format!(
            "\"{}\" is not a browse node ID: use the category's number (digits only, for example 340843031).",
            excerpt(id)
        )
    })
}

pub(super) fn check_range(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<u64>,
    min: u64,
    max: u64,
    what: &str,
) {
    if let Some(v) = value
        && (v < min || v > max)
    {
        let message = if max == u64::MAX || max == u64::from(u32::MAX) {
            format!("{what} must be at least {min}; {v} was given.")
        } else {
            format!("{what} must be between {min} and {max}; {v} was given.")
        };
        errors.push(field, message);
    }
}

/// Normalizes `de-de` / `de_DE` to `de_DE`.
pub(super) fn check_language(language: Option<String>, errors: &mut FieldErrors) -> Option<String> {
    let raw = non_blank(language)?;
    let normalized = raw.replace('-', "_");
    let parsed = normalized.split_once('_').and_then(|(lang, country)| {
        let lang_ok =
            (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_alphabetic());
        let country_ok = country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic());
        (lang_ok && country_ok).then(|| {
            format!(
                "{}_{}",
                lang.to_ascii_lowercase(),
                country.to_ascii_uppercase()
            )
        })
    });
    if parsed.is_none() {
        errors.push(
            "language",
            format!(
                "\"{}\" is not a language: use a language and country code such as en_US or de_DE.",
                excerpt(&raw)
            ),
        );
    }
    parsed
}

/// Normalizes `eur` to `EUR`.
pub(super) fn check_currency(currency: Option<String>, errors: &mut FieldErrors) -> Option<String> {
    let raw = non_blank(currency)?;
    if raw.len() == 3 && raw.chars().all(|c| c.is_ascii_alphabetic()) {
        Some(raw.to_ascii_uppercase())
    } else {
        errors.push(
            "currency",
            format!(
                "\"{}\" is not a currency: use a three-letter ISO 4217 code such as EUR or USD.",
                excerpt(&raw)
            ),
        );
        None
    }
}

/// Most entries the reserved `properties` map may have.
const MAX_PROPERTIES: usize = 20;

/// Checks the reserved `properties` map: names and values are single-line text.
pub(super) fn check_properties(properties: &Properties, errors: &mut FieldErrors) {
    if properties.len() > MAX_PROPERTIES {
        errors.push(
            "properties",
            format!(
                "Give at most {MAX_PROPERTIES} properties; {} were given.",
                properties.len()
            ),
        );
    }
    for (name, value) in properties {
        if name.trim().is_empty() || name.chars().chain(value.chars()).any(char::is_control) {
            errors.push(
                "properties",
                format!(
                    "The property \"{}\" needs a name and single-line text without control characters.",
                    excerpt(name)
                ),
            );
        }
    }
}
