//! `Asa2Error`: the one error type JavaScript callers see.

use asa2_core::FieldErrors;
use wasm_bindgen::JsValue;

/// What went wrong, as JavaScript sees it (`error.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    /// The input was understood but is not acceptable (`error.errors` says which field).
    Validation,
    /// An argument had the wrong JavaScript type or size.
    Argument,
    /// A fault inside asa2 (a bug): never the caller's input.
    Internal,
}

impl ErrorKind {
    fn name(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::Argument => "argument",
            ErrorKind::Internal => "internal",
        }
    }
}

/// An error on its way to JavaScript.
#[derive(Debug, Clone)]
pub(crate) struct Asa2Error {
    kind: ErrorKind,
    errors: FieldErrors,
    message: String,
}

impl Asa2Error {
    /// Every field error of one input.
    pub(crate) fn validation(errors: FieldErrors) -> Asa2Error {
        Asa2Error {
            kind: ErrorKind::Validation,
            message: errors.to_string(),
            errors,
        }
    }

    /// A wrong argument type or size for `field`.
    pub(crate) fn argument(field: &str, message: String) -> Asa2Error {
        Asa2Error {
            kind: ErrorKind::Argument,
            errors: FieldErrors::single(field, message.clone()),
            message,
        }
    }

    /// A fault inside asa2.
    pub(crate) fn internal(message: String) -> Asa2Error {
        Asa2Error {
            kind: ErrorKind::Internal,
            errors: FieldErrors::new(),
            message,
        }
    }
}

/// A validation error about one field.
pub(crate) fn field_error(field: &str, message: String) -> Asa2Error {
    Asa2Error::validation(FieldErrors::single(field, message))
}

impl From<Asa2Error> for JsValue {
    fn from(e: Asa2Error) -> JsValue {
        let error = js_sys::Error::new(&e.message);
        error.set_name("Asa2Error");
        let by_field = js_sys::Object::new();
        for fe in e.errors.iter() {
            let key = JsValue::from_str(&fe.field);
            let list = js_sys::Reflect::get(&by_field, &key)
                .ok()
                .filter(js_sys::Array::is_array)
                .map(|v| js_sys::Array::from(&v))
                .unwrap_or_default();
            list.push(&JsValue::from_str(&fe.message));
            // Setting a property on a fresh plain object cannot fail.
            let _ = js_sys::Reflect::set(&by_field, &key, &list);
        }
        let _ = js_sys::Reflect::set(&error, &"kind".into(), &e.kind.name().into());
        let _ = js_sys::Reflect::set(&error, &"errors".into(), &by_field);
        // The same messages with their codes and parameters (an empty list if they cannot be
        // encoded, which plain strings and maps always can).
        let details =
            crate::convert::to_js(&e.errors).unwrap_or_else(|_| js_sys::Array::new().into());
        let _ = js_sys::Reflect::set(&error, &"details".into(), &details);
        error.into()
    }
}

/// Turns a Rust panic into a thrown `Asa2Error` of kind `internal` instead of a bare trap.
pub(crate) fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let detail = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        let error = Asa2Error::internal(format!(
            "internal error in asa2 ({detail}); please report it with the input that caused it"
        ));
        wasm_bindgen::throw_val(error.into());
    }));
}
