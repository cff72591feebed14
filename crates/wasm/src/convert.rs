//! Checked conversions between JavaScript values and Rust values.

use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::Asa2Error;

/// The longest string any export accepts (64 KiB); no form field comes close.
pub(crate) const MAX_INPUT_BYTES: usize = 64 * 1024;

fn type_of(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_string()
    } else if js_sys::Array::is_array(value) {
        "an array".to_string()
    } else {
        value
            .js_typeof()
            .as_string()
            .unwrap_or_else(|| "unknown".to_string())
    }
}

/// `value` as a string no longer than [`MAX_INPUT_BYTES`].
pub(crate) fn string_arg(value: &JsValue, field: &str) -> Result<String, Asa2Error> {
    let Some(s) = value.as_string() else {
        return Err(Asa2Error::argument(
            field,
            format!("{field} must be a string, not {}", type_of(value)),
        ));
    };
    if s.len() > MAX_INPUT_BYTES {
        return Err(Asa2Error::argument(
            field,
            format!(
                "{field} is {} bytes long; at most {MAX_INPUT_BYTES} are accepted",
                s.len()
            ),
        ));
    }
    Ok(s)
}

/// `value` checked to be a plain object (not null, not an array).
pub(crate) fn object_arg(value: &JsValue, field: &str) -> Result<js_sys::Object, Asa2Error> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(Asa2Error::argument(
            field,
            format!("{field} must be an object, not {}", type_of(value)),
        ));
    }
    Ok(js_sys::Object::from(value.clone()))
}

/// A form value read from `object[name]` as a string, the way a submitted form would carry it:
/// missing/`null` -> `None`, booleans -> `"1"` / `""`, numbers in JavaScript's own notation.
pub(crate) fn form_field(object: &js_sys::Object, name: &str) -> Result<Option<String>, Asa2Error> {
    let value = js_sys::Reflect::get(object, &JsValue::from_str(name))
        .map_err(|_| Asa2Error::argument(name, format!("{name} cannot be read")))?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Some(if b { "1" } else { "" }.to_string()));
    }
    if value.as_f64().is_some() {
        let text = js_sys::Number::from(value)
            .to_string_with_radix(10)
            .map_err(|_| {
                Asa2Error::argument(name, format!("{name} is a number that cannot be read"))
            })?;
        return Ok(Some(String::from(text)));
    }
    string_arg(&value, name).map(Some)
}

/// A serializable Rust value as a plain JavaScript value.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, Asa2Error> {
    let json = serde_json::to_string(value)
        .map_err(|e| Asa2Error::internal(format!("cannot encode the result: {e}")))?;
    js_sys::JSON::parse(&json)
        .map_err(|_| Asa2Error::internal("cannot decode the result".to_string()))
}
