//! Checked conversions between JavaScript values and Rust values.

use serde::Serialize;
use serde::de::DeserializeOwned;
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

/// `value` (a plain object) read into `T` through JSON.
pub(crate) fn object_arg<T: DeserializeOwned>(
    value: &JsValue,
    field: &str,
) -> Result<T, Asa2Error> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(Asa2Error::argument(
            field,
            format!("{field} must be an object, not {}", type_of(value)),
        ));
    }
    let json = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| Asa2Error::argument(field, format!("{field} cannot be read as JSON")))?;
    if json.len() > MAX_INPUT_BYTES {
        return Err(Asa2Error::argument(
            field,
            format!("{field} is too large; at most {MAX_INPUT_BYTES} bytes are accepted"),
        ));
    }
    serde_json::from_str(&json).map_err(|e| Asa2Error::argument(field, format!("{field}: {e}")))
}

/// A serializable Rust value as a plain JavaScript value.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, Asa2Error> {
    let json = serde_json::to_string(value)
        .map_err(|e| Asa2Error::internal(format!("cannot encode the result: {e}")))?;
    js_sys::JSON::parse(&json)
        .map_err(|_| Asa2Error::internal("cannot decode the result".to_string()))
}
