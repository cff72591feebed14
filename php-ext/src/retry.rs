//! `Asa2\RetryPolicy`: when to retry a failed call.

use asa2_core::{RetryKind, RetryPolicy as CorePolicy};
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;

use crate::convert::text;
use crate::errors::{guard, invalid};

/// When to retry a failed call.
#[php_class]
#[php(name = "Asa2\\RetryPolicy")]
#[php(flags = ClassFlags::Final)]
pub struct RetryPolicy;

#[php_impl]
impl RetryPolicy {
    /// Milliseconds to wait before attempt $attempt + 1, or null to give up.
    ///
    /// @param string $kind "throttled", "server", "timeout", "network" or "token" (ApiException::getRetryKind())
    /// @param int $attempt attempts made so far (1 after the first failure)
    /// @param float $jitter a random number in [0, 1)
    /// @param int|null $retryAfter seconds Amazon asked to wait; it wins over the backoff
    /// @return int|null
    /// @throws ValidationException an unknown kind, under "kind"
    pub fn delay(
        kind: BinarySlice<u8>,
        attempt: i64,
        jitter: f64,
        retryAfter: Option<i64>,
    ) -> PhpResult<Option<i64>> {
        guard(|| {
            let kind_text = text(&kind, "kind")?;
            let kind: RetryKind = kind_text
                .parse()
                .map_err(|e: asa2_core::UnknownRetryKind| invalid("kind", e.to_string()))?;
            let attempt = u32::try_from(attempt.max(0)).unwrap_or(u32::MAX);
            let retry_after = retryAfter.map(|s| u64::try_from(s).unwrap_or(0));
            Ok(CorePolicy::default()
                .delay(kind, attempt, jitter, retry_after)
                .map(|ms| i64::try_from(ms).unwrap_or(i64::MAX)))
        })
    }
}
