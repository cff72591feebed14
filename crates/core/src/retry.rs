//! When to retry a failed call, and how long to wait first.
//!
//! [`RetryPolicy::delay`] is a pure function of the failure kind, the attempt count, a random
//! number supplied by the caller and Amazon's `Retry-After`; it never sleeps and never draws
//! random numbers itself.

use std::fmt;
use std::str::FromStr;

use crate::quote::excerpt;
use serde::{Deserialize, Serialize};

/// Why a call failed, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum RetryKind {
    /// HTTP 429: too many requests for this credential.
    Throttled,
    /// HTTP 5xx: Amazon failed.
    Server,
    /// The request timed out.
    Timeout,
    /// The connection failed or the answer was cut off.
    Network,
    /// The access token was rejected: fetch a new one and retry once, at once.
    Token,
}

impl RetryKind {
    /// Every kind.
    pub const ALL: [RetryKind; 5] = [
        RetryKind::Throttled,
        RetryKind::Server,
        RetryKind::Timeout,
        RetryKind::Network,
        RetryKind::Token,
    ];

    /// The identifier the bindings use: `throttled`, `server`, `timeout`, `network`, `token`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RetryKind::Throttled => "throttled",
            RetryKind::Server => "server",
            RetryKind::Timeout => "timeout",
            RetryKind::Network => "network",
            RetryKind::Token => "token",
        }
    }
}

impl fmt::Display for RetryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that names no retry kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a retry kind: use throttled, server, timeout, network or token")]
pub struct UnknownRetryKind(pub String);

impl FromStr for RetryKind {
    type Err = UnknownRetryKind;

    /// Accepts the identifier in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RetryKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownRetryKind(excerpt(s)))
    }
}

/// How the random part of a backoff delay is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Jitter {
    /// Anywhere between 0 and the exponential delay ("full jitter").
    Full,
    /// At least half the exponential delay, plus a random part of the other half
    /// ("equal jitter"); never retries at once.
    #[default]
    Equal,
}

/// A retry policy: how many attempts, how fast the delay grows and where it stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RetryPolicy {
    /// Attempts in total, the first one included (`4` = the first call and 3 retries).
    pub max_attempts: u32,
    /// Delay before the first retry, in milliseconds, before jitter.
    pub base_delay_ms: u64,
    /// No delay is ever longer than this, in milliseconds; a longer `Retry-After` is cut to it.
    pub max_delay_ms: u64,
    /// How the random part is drawn.
    pub jitter: Jitter,
}

impl Default for RetryPolicy {
    /// 4 attempts, 500 ms doubling per attempt, at most 30 s, equal jitter.
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 4,
            base_delay_ms: 500,
            max_delay_ms: 30_000,
            jitter: Jitter::Equal,
        }
    }
}

impl RetryPolicy {
    /// Milliseconds to wait before the next attempt, or `None` to give up.
    ///
    /// - `attempt`: attempts made so far (1 after the first failure; 0 is read as 1).
    /// - `jitter`: a random number in `[0, 1)`; anything else (NaN, negative, 1 or more) is
    ///   clamped into that range.
    /// - `retry_after`: seconds Amazon asked to wait. For throttling and server errors it wins
    ///   over the backoff, cut to `max_delay_ms`.
    ///
    /// A rejected token is retried once, at once (after fetching a new token). Every other kind
    /// backs off exponentially. After `max_attempts` attempts the answer is `None`.
    pub fn delay(
        &self,
        kind: RetryKind,
        attempt: u32,
        jitter: f64,
        retry_after: Option<u64>,
    ) -> Option<u64> {
        let attempt = attempt.max(1);
        if attempt >= self.max_attempts {
            return None;
        }
        if kind == RetryKind::Token {
            return (attempt == 1).then_some(0);
        }
        if matches!(kind, RetryKind::Throttled | RetryKind::Server)
            && let Some(seconds) = retry_after
        {
            return Some(seconds.saturating_mul(1000).min(self.max_delay_ms));
        }
        let factor = 1u64.checked_shl(attempt - 1).unwrap_or(u64::MAX);
        let exponential = self
            .base_delay_ms
            .saturating_mul(factor)
            .min(self.max_delay_ms);
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0 - f64::EPSILON)
        } else {
            0.0
        };
        let delay = match self.jitter {
            Jitter::Full => (exponential as f64 * jitter) as u64,
            Jitter::Equal => {
                let half = exponential / 2;
                half + ((exponential - half) as f64 * jitter) as u64
            }
        };
        Some(delay.min(self.max_delay_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kinds_parse_back() {
        for k in RetryKind::ALL {
            assert_eq!(k.as_str().parse(), Ok(k));
            assert_eq!(k.as_str().to_uppercase().parse(), Ok(k));
        }
        assert!("later".parse::<RetryKind>().is_err());
    }

    #[test]
    fn backoff_doubles_with_equal_jitter() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(RetryKind::Server, 1, 0.0, None), Some(250));
        assert_eq!(p.delay(RetryKind::Server, 1, 0.5, None), Some(375));
        assert_eq!(p.delay(RetryKind::Timeout, 2, 0.0, None), Some(500));
        assert_eq!(p.delay(RetryKind::Network, 3, 0.0, None), Some(1000));
        assert!(p.delay(RetryKind::Network, 3, 0.999, None).unwrap() < 2000);
    }

    #[test]
    fn full_jitter_may_retry_at_once() {
        let p = RetryPolicy {
            jitter: Jitter::Full,
            ..RetryPolicy::default()
        };
        assert_eq!(p.delay(RetryKind::Throttled, 1, 0.0, None), Some(0));
        assert_eq!(p.delay(RetryKind::Throttled, 2, 0.5, None), Some(500));
    }

    #[test]
    fn gives_up_after_max_attempts() {
        let p = RetryPolicy::default();
        assert!(p.delay(RetryKind::Server, 3, 0.0, None).is_some());
        assert_eq!(p.delay(RetryKind::Server, 4, 0.0, None), None);
        assert_eq!(p.delay(RetryKind::Throttled, 9, 0.0, Some(1)), None);
        let once = RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        };
        assert_eq!(once.delay(RetryKind::Token, 1, 0.0, None), None);
    }

    #[test]
    fn retry_after_wins_and_is_capped() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(RetryKind::Throttled, 1, 0.9, Some(2)), Some(2000));
        assert_eq!(p.delay(RetryKind::Server, 2, 0.9, Some(0)), Some(0));
        assert_eq!(
            p.delay(RetryKind::Throttled, 1, 0.0, Some(3600)),
            Some(30_000)
        );
        assert_eq!(
            p.delay(RetryKind::Throttled, 1, 0.0, Some(u64::MAX)),
            Some(30_000)
        );
        // A timeout has no Retry-After of its own.
        assert_eq!(p.delay(RetryKind::Timeout, 1, 0.0, Some(9)), Some(250));
    }

    #[test]
    fn a_token_is_retried_once_at_once() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(RetryKind::Token, 1, 0.7, Some(5)), Some(0));
        assert_eq!(p.delay(RetryKind::Token, 2, 0.7, None), None);
        assert_eq!(p.delay(RetryKind::Token, 0, 0.7, None), Some(0));
    }

    #[test]
    fn odd_jitter_values_are_clamped() {
        let p = RetryPolicy::default();
        for j in [f64::NAN, f64::INFINITY, -1.0, 1.0, 7.5] {
            let d = p.delay(RetryKind::Server, 1, j, None).unwrap();
            assert!((250..500).contains(&d), "{j}: {d}");
        }
    }

    proptest! {
        #[test]
        fn delays_never_exceed_the_cap(
            kind in proptest::sample::select(RetryKind::ALL.to_vec()),
            attempt in any::<u32>(),
            jitter in any::<f64>(),
            retry_after in any::<Option<u64>>(),
            max_attempts in any::<u32>(),
            base in any::<u64>(),
            cap in any::<u64>(),
            full in any::<bool>(),
        ) {
            let p = RetryPolicy {
                max_attempts,
                base_delay_ms: base,
                max_delay_ms: cap,
                jitter: if full { Jitter::Full } else { Jitter::Equal },
            };
            if let Some(d) = p.delay(kind, attempt, jitter, retry_after) {
                prop_assert!(d <= cap);
                prop_assert!(attempt.max(1) < max_attempts);
            }
        }
    }
}
