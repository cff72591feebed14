//! Field-level messages for forms: every problem with an input, each tied to the form field it
//! is about, so the setup screens can show it next to that field.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::message::{Message, Param};

/// One message about one form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field, as the form and the PHP/JS bindings name it (`partner_tag`).
    pub field: String,
    /// The message's code (see [`crate::messages::ALL`]); empty when it has none yet.
    pub code: &'static str,
    /// The values of the code's placeholders.
    pub params: BTreeMap<&'static str, Param>,
    /// What is wrong and what to do, in English words a site owner understands.
    pub message: String,
}

/// Every error (or warning) found in one input, in the order found.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> FieldErrors {
        FieldErrors(Vec::new())
    }

    /// A single error.
    pub fn single(field: impl Into<String>, message: impl Into<Message>) -> FieldErrors {
        let mut errors = FieldErrors::new();
        errors.push(field, message);
        errors
    }

    /// Adds a message for `field`.
    pub fn push(&mut self, field: impl Into<String>, message: impl Into<Message>) {
        let message = message.into();
        self.0.push(FieldError {
            field: field.into(),
            code: message.code,
            params: message.params,
            message: message.text,
        });
    }

    /// Adds a message about another field than the one it was made for.
    pub fn push_as(&mut self, field: impl Into<String>, error: FieldError) {
        self.0.push(FieldError {
            field: field.into(),
            ..error
        });
    }

    /// Adds every message of `other`.
    pub fn extend(&mut self, other: FieldErrors) {
        self.0.extend(other.0);
    }

    /// `true` when there is no message.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of messages.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The messages in order.
    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// The messages about `field`.
    pub fn for_field<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// `Ok(value)` when empty, else `Err(self)`.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl IntoIterator for FieldErrors {
    type Item = FieldError;
    type IntoIter = std::vec::IntoIter<FieldError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", e.field, e.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_and_reports_every_field() {
        let mut errors = FieldErrors::new();
        assert!(errors.clone().into_result(()).is_ok());
        errors.push("credential_id", "Enter the Credential ID.");
        errors.push("partner_tag", "Enter your tracking ID.");
        errors.push("partner_tag", "Too long.");
        assert_eq!(errors.len(), 3);
        assert_eq!(errors.for_field("partner_tag").count(), 2);
        assert_eq!(
            errors.to_string(),
            "credential_id: Enter the Credential ID.; partner_tag: Enter your tracking ID.; partner_tag: Too long."
        );
        assert!(errors.into_result(()).is_err());
    }
}
