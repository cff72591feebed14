//! PHP values <-> core values. PHP arrays come in as `serde_json::Value` (the core's inputs
//! deserialize from it); core results go out as PHP arrays with their fields in declaration
//! order.

use std::fmt;

use ext_php_rs::boxed::ZBox;
use ext_php_rs::exception::{PhpException, PhpResult};
use ext_php_rs::types::{ZendHashTable, Zval};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

use crate::errors::{internal_error, invalid};
use crate::zval_serializer::{Keys, ZvalSerializer};

/// Arrays nested deeper than this are refused (a PHP array can even contain itself through a
/// reference).
const MAX_DEPTH: usize = 32;

/// A PHP array as JSON: a list when its keys are 0, 1, 2, ... in order, else an object (an
/// empty array is an empty list). Problems are reported under `field`.
pub(crate) fn array_to_json(array: &ZendHashTable, field: &str) -> PhpResult<Value> {
    let mut path = String::new();
    table_to_json(array, &mut path, 0).map_err(|why| {
        if path.is_empty() {
            invalid(field, why)
        } else {
            invalid(field, format!("{why} (at {path})"))
        }
    })
}

fn table_to_json(array: &ZendHashTable, path: &mut String, depth: usize) -> Result<Value, String> {
    if depth >= MAX_DEPTH {
        return Err(format!(
            "arrays are nested more than {MAX_DEPTH} levels deep"
        ));
    }
    let mut entries: Vec<(Key, Value)> = Vec::with_capacity(array.len());
    let mut iter = array.iter();
    while let Some((key, value)) = iter.next_zval() {
        let key = if let Some(i) = key.long() {
            Key::Index(i)
        } else {
            let bytes = key.zend_str().map(|s| s.as_bytes()).unwrap_or_default();
            match std::str::from_utf8(bytes) {
                Ok(s) => Key::Name(s.to_string()),
                Err(_) => return Err("an array key is not valid UTF-8 text".to_string()),
            }
        };
        let len = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(&key.to_string());
        let value = zval_to_json(value, path, depth + 1)?;
        path.truncate(len);
        entries.push((key, value));
    }
    let is_list = entries
        .iter()
        .enumerate()
        .all(|(i, (k, _))| matches!(k, Key::Index(n) if usize::try_from(*n) == Ok(i)));
    if is_list {
        Ok(Value::Array(entries.into_iter().map(|(_, v)| v).collect()))
    } else {
        let map: Map<String, Value> = entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        Ok(Value::Object(map))
    }
}

enum Key {
    Index(i64),
    Name(String),
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Index(i) => write!(f, "{i}"),
            Key::Name(s) => f.write_str(s),
        }
    }
}

fn zval_to_json(value: &Zval, path: &mut String, depth: usize) -> Result<Value, String> {
    let value = value.dereference();
    if value.is_null() {
        Ok(Value::Null)
    } else if let Some(b) = value.bool() {
        Ok(Value::Bool(b))
    } else if let Some(i) = value.long() {
        Ok(Value::Number(i.into()))
    } else if let Some(f) = value.double() {
        Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| "a number is not finite (NAN or INF)".to_string())
    } else if let Some(s) = value.zend_str() {
        std::str::from_utf8(s.as_bytes())
            .map(|s| Value::String(s.to_string()))
            .map_err(|_| "a value is not valid UTF-8 text".to_string())
    } else if let Some(array) = value.array() {
        table_to_json(array, path, depth)
    } else {
        Err(format!(
            "a value of type {} is not accepted here: use strings, numbers, booleans and arrays",
            type_name(value)
        ))
    }
}

fn type_name(value: &Zval) -> &'static str {
    if value.is_object() {
        "object"
    } else if value.is_resource() {
        "resource"
    } else {
        "unknown"
    }
}

/// Text from a PHP string argument: PHP strings are bytes, the core takes UTF-8 text.
pub(crate) fn text<'a>(bytes: &'a [u8], field: &str) -> PhpResult<&'a str> {
    std::str::from_utf8(bytes).map_err(|_| {
        invalid(
            field,
            "The value is not valid UTF-8 text: save it again as UTF-8 (it may have been pasted from a document in another encoding).",
        )
    })
}

/// A message of the deserializer, which may quote the input, cut to a readable length.
pub(crate) fn bounded(message: impl fmt::Display) -> String {
    const MAX: usize = 300;
    let message = message.to_string();
    if message.chars().nth(MAX).is_none() {
        return message;
    }
    let mut short: String = message.chars().take(MAX).collect();
    short.push('…');
    short
}

/// A PHP array argument deserialized into a core input type; errors under `field`.
pub(crate) fn from_php<T: DeserializeOwned>(array: &ZendHashTable, field: &str) -> PhpResult<T> {
    let value = match array_to_json(array, field)? {
        Value::Array(items) if items.is_empty() => Value::Object(Default::default()),
        Value::Array(_) => {
            return Err(invalid(
                field,
                "Pass an array with named keys (such as \"marketplace\"), not a list.",
            ));
        }
        other => other,
    };
    serde_json::from_value(value).map_err(|e| invalid(field, bounded(e)))
}

/// A core value as a PHP array. Anything that does not serialize to an object or a list is a
/// bug in the binding, reported as an internal error.
pub(crate) fn to_array<T: Serialize + ?Sized>(value: &T) -> PhpResult<ZBox<ZendHashTable>> {
    let zval = to_zval(value)?;
    match zval.array() {
        Some(array) => Ok(array.to_owned()),
        None => Err(internal_error()),
    }
}

/// A core value as a PHP value, keeping the order of struct fields and map entries.
pub(crate) fn to_zval<T: Serialize + ?Sized>(value: &T) -> PhpResult<Zval> {
    let keys = Keys::default();
    value
        .serialize(ZvalSerializer::new(&keys))
        .map_err(|_| internal_error())
}

/// Turns a PHP-side failure to build a value into the internal error it is.
pub(crate) fn internal<E>(_: E) -> PhpException {
    internal_error()
}
