//! `Asa2\Redaction`: text made safe to log or show.

use asa2_core::{REDACTED, redact};
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use serde_json::Value;

use crate::convert::{array_to_json, text};
use crate::errors::{guard, invalid};

/// The values of a PHP array of strings (numbers count as their text, nulls are skipped);
/// problems are reported under `field`.
fn strings(array: &ZendHashTable, field: &str) -> PhpResult<Vec<String>> {
    let values = match array_to_json(array, field)? {
        Value::Array(items) => items,
        Value::Object(map) => map.into_iter().map(|(_, v)| v).collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::with_capacity(values.len());
    for value in values {
        match value {
            Value::Null => {}
            Value::String(s) => out.push(s),
            Value::Number(n) => out.push(n.to_string()),
            _ => return Err(invalid(field, "Pass a list of strings.")),
        }
    }
    Ok(out)
}

/// Text made safe to log or show.
#[php_class]
#[php(name = "Asa2\\Redaction")]
#[php(flags = ClassFlags::Final)]
pub struct Redaction;

#[php_impl]
impl Redaction {
    /// What stands in for a removed secret, in every message of the extension.
    pub const REDACTED: &'static str = REDACTED;

    /// The message with each of $secrets replaced by REDACTED (strings shorter than 4
    /// characters are left alone), each of $partnerTags masked as PartnerTag::mask() does, and
    /// anything else that looks like a token or a secret (JWTs, access tokens, LWA secrets, the
    /// token after "Bearer") replaced by REDACTED; line breaks become spaces.
    ///
    /// @param string $message
    /// @param list<string> $secrets tokens, secret keys, credential IDs
    /// @param list<string> $partnerTags tracking IDs
    /// @return string
    /// @throws ValidationException a message that is not UTF-8 (under "message"), or a list
    ///   holding something other than strings (under its name)
    pub fn redact(
        message: BinarySlice<u8>,
        secrets: &ZendHashTable,
        partnerTags: &ZendHashTable,
    ) -> PhpResult<String> {
        guard(|| {
            let message = text(&message, "message")?;
            let secrets = strings(secrets, "secrets")?;
            let tags = strings(partnerTags, "partnerTags")?;
            let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
            let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
            Ok(redact(message, &secrets, &tags))
        })
    }
}
