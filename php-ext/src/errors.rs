//! The exception hierarchy (`Asa2\Exception` and its subclasses) and the conversions from core
//! errors to it.
//!
//! The exception classes are plain PHP classes registered at module startup, not Rust-backed
//! objects: they keep `\Exception`'s own object handlers, so file, line and trace are filled in
//! exactly as for an exception thrown by PHP code. Their extra data (field errors, Amazon's
//! error code, ...) lives in private properties that the accessor methods read.

use std::panic::{AssertUnwindSafe, catch_unwind};

use asa2_core::FieldErrors;

use crate::grouped::Grouped;
use ext_php_rs::builders::{ClassBuilder, ClassProperty, FunctionBuilder};
use ext_php_rs::exception::{PhpException, PhpResult};
use ext_php_rs::flags::{DataType, MethodFlags, PropertyFlags};
use ext_php_rs::types::{ZendHashTable, ZendObject, Zval};
use ext_php_rs::zend::{ClassEntry, ExecuteData, ExecutorGlobals, ce, run_handler};

/// `Asa2\Exception`: root of every exception the extension throws.
pub(crate) const EXCEPTION: &str = "Asa2\\Exception";
/// `Asa2\ValidationException`: input that failed validation.
pub(crate) const VALIDATION: &str = "Asa2\\ValidationException";
/// `Asa2\CryptoException`: sealing or opening a secret failed.
pub(crate) const CRYPTO: &str = "Asa2\\CryptoException";
/// `Asa2\ApiException`: Amazon answered with an error.
pub(crate) const API: &str = "Asa2\\ApiException";
/// `Asa2\AuthException`: token request refused or access token rejected.
pub(crate) const AUTH: &str = "Asa2\\AuthException";
/// `Asa2\ThrottledException`: HTTP 429.
pub(crate) const THROTTLED: &str = "Asa2\\ThrottledException";
/// `Asa2\NotEligibleException`: the Associates account lacks qualifying sales.
pub(crate) const NOT_ELIGIBLE: &str = "Asa2\\NotEligibleException";

/// What an accessor method returns when its property was never set.
#[derive(Clone, Copy)]
enum Fallback {
    EmptyArray,
    EmptyString,
    Zero,
    Null,
}

/// One accessor: PHP method name, the private property it reads, declared return type.
struct Accessor {
    method: &'static str,
    property: &'static str,
    returns: DataType,
    nullable: bool,
    fallback: Fallback,
}

const fn accessor(
    method: &'static str,
    property: &'static str,
    returns: DataType,
    nullable: bool,
    fallback: Fallback,
) -> Accessor {
    Accessor {
        method,
        property,
        returns,
        nullable,
        fallback,
    }
}

/// Every accessor method: the class declaring it and what it reads.
const ACCESSORS: [(&str, Accessor); 12] = [
    (
        EXCEPTION,
        accessor(
            "getMessageCode",
            "messageCode",
            DataType::String,
            false,
            Fallback::EmptyString,
        ),
    ),
    (
        EXCEPTION,
        accessor(
            "getMessageParams",
            "messageParams",
            DataType::Array,
            false,
            Fallback::EmptyArray,
        ),
    ),
    (
        VALIDATION,
        accessor(
            "getErrors",
            "errors",
            DataType::Array,
            false,
            Fallback::EmptyArray,
        ),
    ),
    (
        VALIDATION,
        accessor(
            "getDetails",
            "details",
            DataType::Array,
            false,
            Fallback::EmptyArray,
        ),
    ),
    (
        CRYPTO,
        accessor(
            "getKind",
            "kind",
            DataType::String,
            false,
            Fallback::EmptyString,
        ),
    ),
    (
        API,
        accessor(
            "getErrorCode",
            "errorCode",
            DataType::String,
            false,
            Fallback::EmptyString,
        ),
    ),
    (
        API,
        accessor(
            "getHttpStatus",
            "httpStatus",
            DataType::Long,
            false,
            Fallback::Zero,
        ),
    ),
    (
        API,
        accessor("getField", "field", DataType::String, true, Fallback::Null),
    ),
    (
        API,
        accessor(
            "getRetryKind",
            "retryKind",
            DataType::String,
            true,
            Fallback::Null,
        ),
    ),
    (
        AUTH,
        accessor("getHint", "hint", DataType::String, true, Fallback::Null),
    ),
    (
        AUTH,
        accessor(
            "getHintDetails",
            "hintDetails",
            DataType::Array,
            true,
            Fallback::Null,
        ),
    ),
    (
        THROTTLED,
        accessor(
            "getRetryAfter",
            "retryAfter",
            DataType::Long,
            true,
            Fallback::Null,
        ),
    ),
];

/// Registers every exception class, parents first. Runs once, from the module startup function.
pub(crate) fn register_exception_classes() -> ext_php_rs::error::Result<()> {
    register(EXCEPTION, (parent_exception, "\\Exception"))?;
    register(VALIDATION, (parent_asa2, EXCEPTION))?;
    register(CRYPTO, (parent_asa2, EXCEPTION))?;
    register(API, (parent_asa2, EXCEPTION))?;
    register(AUTH, (parent_api, API))?;
    register(THROTTLED, (parent_api, API))?;
    register(NOT_ELIGIBLE, (parent_api, API))?;
    Ok(())
}

fn parent_exception() -> &'static ClassEntry {
    ce::exception()
}

fn parent_asa2() -> &'static ClassEntry {
    class_entry(EXCEPTION)
}

fn parent_api() -> &'static ClassEntry {
    class_entry(API)
}

thread_local! {
    /// The classes registered so far during module startup, when the engine's class lookup is
    /// not available yet (it needs the request's class table).
    static REGISTERED: std::cell::RefCell<Vec<&'static ClassEntry>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The class entry of one of the classes above.
fn class_entry(name: &str) -> &'static ClassEntry {
    ClassEntry::try_find(name)
        .or_else(|| {
            REGISTERED.with(|r| {
                r.borrow()
                    .iter()
                    .copied()
                    .find(|ce| ce.name().is_some_and(|n| n.eq_ignore_ascii_case(name)))
            })
        })
        .unwrap_or_else(ce::exception)
}

fn register(
    name: &'static str,
    parent: (fn() -> &'static ClassEntry, &'static str),
) -> ext_php_rs::error::Result<()> {
    let mut class = ClassBuilder::new(name).extends(parent);
    for (_, a) in ACCESSORS.iter().filter(|(declaring, _)| *declaring == name) {
        class = class
            .method(
                FunctionBuilder::new(a.method, accessor_handler(a.method))
                    .returns(a.returns, false, a.nullable),
                MethodFlags::Public,
            )
            .property(ClassProperty {
                name: a.property.to_string(),
                flags: PropertyFlags::Private,
                default: None,
                docs: &[],
                ty: None,
                nullable: true,
                readonly: false,
                default_stub: None,
            });
    }
    class
        .registration(|class, arg_info| {
            // The engine reads these tables for the life of the process.
            Box::leak(arg_info);
            REGISTERED.with(|r| r.borrow_mut().push(class));
        })
        .register()
}

/// A method handler as the engine calls it.
type FunctionHandler = extern "C" fn(&mut ExecuteData, &mut Zval);

/// The handler of one accessor method. Each accessor gets its own function so the handler
/// knows which property to read without parsing its own name at run time.
fn accessor_handler(method: &str) -> FunctionHandler {
    macro_rules! handler {
        ($name:literal) => {{
            extern "C" fn h(ex: &mut ExecuteData, retval: &mut Zval) {
                run_handler(AssertUnwindSafe(|| {
                    let read = catch_unwind(AssertUnwindSafe(|| read_accessor(ex, retval, $name)));
                    if read.is_err() {
                        internal_error().throw();
                    }
                }));
            }
            h as FunctionHandler
        }};
    }
    match method {
        "getErrors" => handler!("getErrors"),
        "getDetails" => handler!("getDetails"),
        "getKind" => handler!("getKind"),
        "getErrorCode" => handler!("getErrorCode"),
        "getHttpStatus" => handler!("getHttpStatus"),
        "getField" => handler!("getField"),
        "getRetryKind" => handler!("getRetryKind"),
        "getHint" => handler!("getHint"),
        "getHintDetails" => handler!("getHintDetails"),
        "getMessageCode" => handler!("getMessageCode"),
        "getMessageParams" => handler!("getMessageParams"),
        _ => handler!("getRetryAfter"),
    }
}

fn read_accessor(ex: &mut ExecuteData, retval: &mut Zval, method: &str) {
    let Some((declaring, a)) = ACCESSORS.iter().find(|(_, a)| a.method == method) else {
        retval.set_null();
        return;
    };
    let value = ex.get_self().and_then(|this| {
        with_scope(class_entry(declaring), || {
            this.get_property::<&Zval>(a.property)
                .ok()
                .filter(|v| !v.is_null())
                .map(Zval::shallow_clone)
        })
    });
    match (value, a.fallback) {
        (Some(v), _) => *retval = v,
        (None, Fallback::EmptyArray) => retval.set_hashtable(ZendHashTable::new()),
        (None, Fallback::EmptyString) => {
            let _ = retval.set_string("", false);
        }
        (None, Fallback::Zero) => retval.set_long(0),
        (None, Fallback::Null) => retval.set_null(),
    }
}

/// Runs `f` with the property scope of `scope`, the way `zend_update_property` does, so the
/// private properties of the exception classes can be read and written from Rust.
fn with_scope<R>(scope: &'static ClassEntry, f: impl FnOnce() -> R) -> R {
    let previous = {
        let mut globals = ExecutorGlobals::get_mut();
        std::mem::replace(
            &mut globals.fake_scope,
            std::ptr::from_ref(scope).cast_mut(),
        )
    };
    let result = f();
    ExecutorGlobals::get_mut().fake_scope = previous;
    result
}

/// An exception of one of the classes above, with its message and extra properties, ready to
/// be returned as the error of a `PhpResult`.
pub(crate) struct Thrown {
    class: &'static str,
    message: String,
    properties: Vec<(&'static str, &'static str, Zval)>,
}

impl Thrown {
    /// An exception of `class` with `message`.
    pub(crate) fn new(class: &'static str, message: impl Into<String>) -> Thrown {
        Thrown {
            class,
            message: message.into(),
            properties: Vec::new(),
        }
    }

    /// An exception of `class` with a coded message: its English text is the exception's
    /// message, its code and parameters what `getMessageCode()` and `getMessageParams()` return.
    pub(crate) fn coded(class: &'static str, message: &asa2_core::Message) -> Thrown {
        let thrown = Thrown::new(class, message.text.clone()).with(
            EXCEPTION,
            "messageCode",
            string_zval(message.code),
        );
        match crate::convert::to_zval(&message.params) {
            Ok(params) => thrown.with(EXCEPTION, "messageParams", params),
            Err(_) => thrown,
        }
    }

    /// Sets the private property `name` declared by class `declaring`.
    pub(crate) fn with(mut self, declaring: &'static str, name: &'static str, value: Zval) -> Self {
        self.properties.push((declaring, name, value));
        self
    }
}

impl From<Thrown> for PhpException {
    fn from(t: Thrown) -> PhpException {
        let ce = class_entry(t.class);
        let mut object = ZendObject::new(ce);
        let mut ok = with_scope(ce::exception(), || {
            object.set_property("message", t.message.as_str()).is_ok()
        });
        for (declaring, name, value) in t.properties {
            ok &= with_scope(class_entry(declaring), || {
                object.set_property(name, value).is_ok()
            });
        }
        if !ok {
            return PhpException::new(t.message, 0, ce);
        }
        let mut zval = Zval::new();
        zval.set_object(&mut object);
        PhpException::new(t.message, 0, ce).with_object(zval)
    }
}

/// A core error that has one `Asa2\...` exception (Rust's orphan rule forbids implementing
/// `From<CoreError> for PhpException` here, so the conversion is this trait).
pub(crate) trait ToPhp {
    /// The exception to throw.
    fn to_php(self) -> PhpException;
}

/// `result.or_throw()?`: a core `Result` as a `PhpResult`.
pub(crate) trait OrThrow<T> {
    /// The value, or the core error as its exception.
    fn or_throw(self) -> PhpResult<T>;
}

impl<T, E: ToPhp> OrThrow<T> for Result<T, E> {
    fn or_throw(self) -> PhpResult<T> {
        self.map_err(ToPhp::to_php)
    }
}

impl ToPhp for FieldErrors {
    fn to_php(self) -> PhpException {
        validation(&self)
    }
}

impl ToPhp for asa2_core::SealError {
    fn to_php(self) -> PhpException {
        Thrown::coded(CRYPTO, &self.message())
            .with(CRYPTO, "kind", string_zval(self.kind()))
            .into()
    }
}

/// What an `Asa2\ApiException` (or subclass) carries.
pub(crate) struct ApiFailure<'a> {
    /// `API`, `AUTH`, `THROTTLED` or `NOT_ELIGIBLE`.
    pub(crate) class: &'static str,
    pub(crate) message: asa2_core::Message,
    pub(crate) code: &'a str,
    pub(crate) status: u16,
    pub(crate) field: Option<&'a str>,
    pub(crate) retry_kind: Option<asa2_core::RetryKind>,
    /// Only for `AUTH`.
    pub(crate) hint: Option<asa2_core::Message>,
    /// Only for `THROTTLED`.
    pub(crate) retry_after: Option<u64>,
}

fn string_zval(s: &str) -> Zval {
    let mut z = Zval::new();
    if z.set_string(s, false).is_err() {
        z.set_null();
    }
    z
}

fn optional_string_zval(s: Option<&str>) -> Zval {
    s.map_or_else(Zval::null, string_zval)
}

impl From<ApiFailure<'_>> for PhpException {
    fn from(f: ApiFailure<'_>) -> PhpException {
        let mut status = Zval::new();
        status.set_long(i64::from(f.status));
        let mut thrown = Thrown::coded(f.class, &f.message)
            .with(API, "errorCode", string_zval(f.code))
            .with(API, "httpStatus", status)
            .with(API, "field", optional_string_zval(f.field))
            .with(
                API,
                "retryKind",
                optional_string_zval(f.retry_kind.map(|k| k.as_str())),
            );
        if f.class == AUTH {
            let details = f
                .hint
                .as_ref()
                .and_then(|h| crate::convert::to_zval(h).ok())
                .unwrap_or_else(Zval::null);
            thrown = thrown
                .with(
                    AUTH,
                    "hint",
                    optional_string_zval(f.hint.as_ref().map(|h| h.text.as_str())),
                )
                .with(AUTH, "hintDetails", details);
        }
        if f.class == THROTTLED {
            let mut after = Zval::new();
            match f.retry_after.and_then(|s| i64::try_from(s).ok()) {
                Some(s) => after.set_long(s),
                None => after.set_null(),
            }
            thrown = thrown.with(THROTTLED, "retryAfter", after);
        }
        thrown.into()
    }
}

/// `Asa2\ValidationException` listing every field error, grouped by field in the order found.
pub(crate) fn validation(errors: &FieldErrors) -> PhpException {
    match (
        crate::convert::to_zval(&Grouped::new(errors)),
        crate::convert::to_zval(errors),
    ) {
        (Ok(grouped), Ok(details)) => Thrown::new(VALIDATION, errors.to_string())
            .with(VALIDATION, "errors", grouped)
            .with(VALIDATION, "details", details)
            .into(),
        _ => internal_error(),
    }
}

/// `Asa2\ValidationException` with a single message about `field`.
pub(crate) fn invalid(field: &str, message: impl Into<asa2_core::Message>) -> PhpException {
    validation(&FieldErrors::single(field, message))
}

/// `Asa2\CryptoException` of `kind` (what `getKind()` returns) with `message`.
pub(crate) fn crypto(kind: &str, message: impl Into<String>) -> PhpException {
    Thrown::new(CRYPTO, message)
        .with(CRYPTO, "kind", string_zval(kind))
        .into()
}

/// The `Asa2\Exception` a Rust panic turns into. The panic message is not included: it is not
/// meant for site owners and could quote input.
pub(crate) fn internal_error() -> PhpException {
    Thrown::new(
        EXCEPTION,
        format!(
            "internal error in asa2 {}: the request could not be completed; please report this, with what you were doing, to the plugin's support",
            env!("CARGO_PKG_VERSION")
        ),
    )
    .into()
}

/// Runs the body of one PHP method: a panic inside becomes `Asa2\Exception` instead of
/// crossing into PHP.
pub(crate) fn guard<T>(body: impl FnOnce() -> PhpResult<T>) -> PhpResult<T> {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| Err(internal_error()))
}

/// Installs a panic hook that prints nothing: every panic is caught by [`guard`] and reported
/// to PHP as an exception, so a backtrace on stderr would only end up in the web server's log.
pub(crate) fn install_quiet_panic_hook() {
    std::panic::set_hook(Box::new(|_| {}));
}
