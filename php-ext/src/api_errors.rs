//! Amazon's refusals (core `ApiError`, `TokenError`) as `Asa2\ApiException` and subclasses.

use asa2_core::{ApiError, TokenError};
use ext_php_rs::exception::PhpException;

use crate::errors::{API, AUTH, ApiFailure, NOT_ELIGIBLE, THROTTLED};

/// An API error received at `now` (unix seconds, for a `Retry-After` given as a date).
pub(crate) fn api_error(e: &ApiError, now: i64) -> PhpException {
    let class = match e {
        ApiError::Unauthorized { .. } | ApiError::InvalidCredentials { .. } => AUTH,
        ApiError::Throttled { .. } => THROTTLED,
        ApiError::NotEligible { .. } => NOT_ELIGIBLE,
        _ => API,
    };
    ApiFailure {
        class,
        message: e.message(),
        code: e.code(),
        status: e.http_status(),
        field: e.field(),
        retry_kind: e.retry_kind(),
        hint: e.hint_message(),
        retry_after: e.retry_after_seconds(u64::try_from(now).unwrap_or(0)),
    }
    .into()
}

/// A refused token request.
pub(crate) fn token_error(e: &TokenError) -> PhpException {
    let class = match e {
        TokenError::Throttled { .. } => THROTTLED,
        _ if e.hint().is_some() => AUTH,
        _ => API,
    };
    ApiFailure {
        class,
        message: e.message(),
        code: e.code(),
        status: e.http_status(),
        field: e.field(),
        retry_kind: e.retry_kind(),
        hint: e.hint_message(),
        retry_after: e.retry_after(),
    }
    .into()
}
