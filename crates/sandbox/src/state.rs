//! Shared state of a running sandbox: the accounts, settings, issued tokens, rate-limit buckets
//! and counters. Every handler receives `&State`; locks are held only briefly.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant, SystemTime};

use asa2_core::{Marketplace, Region};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::{Kind, SandboxConfig, Settings, parse_version};

/// A Creators API credential, resolved.
#[derive(Debug, Clone)]
pub(crate) struct Cred {
    pub(crate) id: String,
    pub(crate) secret: String,
    pub(crate) kind: Kind,
    pub(crate) version: String,
    pub(crate) region: Region,
    pub(crate) marketplaces: Vec<Marketplace>,
    pub(crate) tags: Vec<String>,
}

impl Cred {
    /// Whether the account may use `m`.
    pub(crate) fn allows(&self, m: Marketplace) -> bool {
        if self.marketplaces.is_empty() {
            m.region() == self.region
        } else {
            self.marketplaces.contains(&m)
        }
    }
}

/// A PA-API 5.0 access key, resolved.
#[derive(Debug, Clone)]
pub(crate) struct PaKey {
    pub(crate) access_key: String,
    pub(crate) secret_key: String,
    pub(crate) marketplaces: Vec<Marketplace>,
    pub(crate) tags: Vec<String>,
}

/// An issued access token.
#[derive(Debug, Clone)]
pub(crate) struct IssuedToken {
    pub(crate) cred: usize,
    pub(crate) expires: Instant,
}

/// Why a bearer token is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenProblem {
    Unknown,
    Expired,
}

/// Counters served by `GET /__sandbox/stats`.
#[derive(Debug, Default, Clone, Serialize)]
pub(crate) struct Stats {
    /// Every request received.
    pub(crate) requests: u64,
    /// Token requests per credential ID (`(unknown)` for IDs the sandbox does not know).
    pub(crate) token_requests: BTreeMap<String, u64>,
    /// Tokens issued per credential ID.
    pub(crate) tokens_issued: BTreeMap<String, u64>,
    /// API calls per operation (`GetItems` …).
    pub(crate) api_calls_by_operation: BTreeMap<String, u64>,
    /// API calls per marketplace code.
    pub(crate) api_calls_by_marketplace: BTreeMap<String, u64>,
    /// API calls per API (`creators`, `paapi5`).
    pub(crate) api_calls_by_api: BTreeMap<String, u64>,
    /// API calls per credential ID or access key.
    pub(crate) api_calls_by_credential: BTreeMap<String, u64>,
    /// Items answered by GetItems (either API) per `MP:ASIN`, e.g. `DE:B09B2SBHQK`: how often
    /// each product was fetched. Calls refused before the catalog was asked (429, faults,
    /// authorization) do not count.
    pub(crate) get_items_by_asin: BTreeMap<String, u64>,
    /// Calls answered 429 (for the rate or the daily budget).
    pub(crate) throttled: u64,
    /// Calls refused because the credential's daily budget was used up (429 `QuotaExceeded`),
    /// also counted in `throttled`.
    pub(crate) quota_refused: u64,
    /// Those refusals per credential ID or access key.
    pub(crate) quota_refused_by_credential: BTreeMap<String, u64>,
    /// Calls counted against the daily budget today (UTC) per credential ID or access key.
    pub(crate) quota_used_today: BTreeMap<String, u64>,
    /// Non-2xx answers per error name (`invalid_client`, `UnauthorizedException` …).
    pub(crate) errors: BTreeMap<String, u64>,
    /// Non-2xx answers per status code.
    pub(crate) errors_by_status: BTreeMap<u16, u64>,
    /// Failures and truncations injected by the fault settings.
    pub(crate) injected_faults: u64,
}

struct Bucket {
    tokens: f64,
    last: Instant,
}

/// The state of one running sandbox.
pub(crate) struct State {
    pub(crate) seed: u64,
    pub(crate) creds: Vec<Cred>,
    pub(crate) paapi_keys: Vec<PaKey>,
    pub(crate) fallback_base: RwLock<String>,
    settings: RwLock<Settings>,
    tokens: Mutex<HashMap<String, IssuedToken>>,
    buckets: Mutex<HashMap<String, Bucket>>,
    /// Per credential: the UTC day (days since 1970) and the calls counted that day.
    days: Mutex<HashMap<String, (u64, u64)>>,
    stats: Mutex<Stats>,
    api_sequence: AtomicU64,
    answer_sequence: AtomicU64,
    token_sequence: AtomicU64,
    request_sequence: AtomicU64,
}

/// Days since 1970-01-01 (UTC): the period of the daily budgets.
fn utc_day() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or_default()
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl State {
    /// Builds the state from a checked configuration.
    pub(crate) fn new(config: &SandboxConfig) -> State {
        let creds = config
            .credentials
            .iter()
            .filter_map(|c| {
                let (kind, region) = parse_version(&c.version)?;
                Some(Cred {
                    id: c.id.clone(),
                    secret: c.secret.clone(),
                    kind,
                    version: c.version.trim().to_string(),
                    region,
                    marketplaces: c
                        .marketplaces
                        .iter()
                        .filter_map(|m| Marketplace::lookup(m).ok())
                        .collect(),
                    tags: c.partner_tags.clone(),
                })
            })
            .collect();
        let paapi_keys = config
            .paapi_keys
            .iter()
            .map(|k| PaKey {
                access_key: k.access_key.clone(),
                secret_key: k.secret_key.clone(),
                marketplaces: k
                    .marketplaces
                    .iter()
                    .filter_map(|m| Marketplace::lookup(m).ok())
                    .collect(),
                tags: k.partner_tags.clone(),
            })
            .collect();
        State {
            seed: config.seed,
            creds,
            paapi_keys,
            fallback_base: RwLock::new(String::new()),
            settings: RwLock::new(config.settings.clone()),
            tokens: Mutex::new(HashMap::new()),
            buckets: Mutex::new(HashMap::new()),
            days: Mutex::new(HashMap::new()),
            stats: Mutex::new(Stats::default()),
            api_sequence: AtomicU64::new(0),
            answer_sequence: AtomicU64::new(0),
            token_sequence: AtomicU64::new(0),
            request_sequence: AtomicU64::new(0),
        }
    }

    /// A copy of the current settings.
    pub(crate) fn settings(&self) -> Settings {
        self.settings
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Replaces the settings; rate-limit buckets start afresh.
    pub(crate) fn set_settings(&self, s: Settings) {
        *self.settings.write().unwrap_or_else(|p| p.into_inner()) = s;
        lock(&self.buckets).clear();
    }

    /// The base URL used when a request has no `Host` header.
    pub(crate) fn fallback_base(&self) -> String {
        self.fallback_base
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Updates the counters.
    pub(crate) fn stats(&self, f: impl FnOnce(&mut Stats)) {
        f(&mut lock(&self.stats));
    }

    /// Counts one answered GetItems call for each distinct ASIN it asked for.
    pub(crate) fn count_get_items(&self, m: Marketplace, item_ids: &[String]) {
        let mut seen = std::collections::HashSet::new();
        let mut stats = lock(&self.stats);
        for asin in item_ids.iter().filter(|a| seen.insert(a.as_str())) {
            *stats
                .get_items_by_asin
                .entry(format!("{}:{asin}", m.code()))
                .or_default() += 1;
        }
    }

    /// A copy of the counters.
    pub(crate) fn stats_snapshot(&self) -> Stats {
        let mut stats = lock(&self.stats).clone();
        let today = utc_day();
        stats.quota_used_today = lock(&self.days)
            .iter()
            .filter(|(_, (day, _))| *day == today)
            .map(|(key, (_, used))| (key.clone(), *used))
            .collect();
        stats
    }

    /// Clears the counters and fault sequences, and the issued tokens when `tokens` is set.
    pub(crate) fn reset(&self, tokens: bool) {
        *lock(&self.stats) = Stats::default();
        lock(&self.buckets).clear();
        lock(&self.days).clear();
        self.api_sequence.store(0, Ordering::SeqCst);
        self.answer_sequence.store(0, Ordering::SeqCst);
        if tokens {
            lock(&self.tokens).clear();
        }
    }

    /// Issues a token for credential `cred` valid for `ttl`.
    pub(crate) fn issue_token(&self, cred: usize, ttl: Duration) -> String {
        let n = self.token_sequence.fetch_add(1, Ordering::SeqCst);
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let mut h = Sha256::new();
        h.update(self.seed.to_le_bytes());
        h.update(n.to_le_bytes());
        h.update(nanos.to_le_bytes());
        h.update(self.creds[cred].id.as_bytes());
        let body = hex::encode(h.finalize());
        let token = match self.creds[cred].kind {
            // Cognito hands out JWTs; LWA tokens start with `Atc|`.
            Kind::Cognito => {
                format!("eyJraWQiOiJzYW5kYm94IiwiYWxnIjoiSFMyNTYifQ.eyJzYW5kYm94Ijp0cnVlfQ.{body}")
            }
            Kind::Lwa => format!("Atc|{body}"),
        };
        let mut tokens = lock(&self.tokens);
        let now = Instant::now();
        if tokens.len() > 10_000 {
            tokens.retain(|_, t| t.expires > now);
        }
        tokens.insert(
            token.clone(),
            IssuedToken {
                cred,
                expires: now + ttl,
            },
        );
        token
    }

    /// The credential a bearer token was issued to.
    pub(crate) fn check_token(&self, token: &str) -> Result<usize, TokenProblem> {
        match lock(&self.tokens).get(token) {
            None => Err(TokenProblem::Unknown),
            Some(t) if t.expires <= Instant::now() => Err(TokenProblem::Expired),
            Some(t) => Ok(t.cred),
        }
    }

    /// Takes one request from `key`'s budget; `Err(seconds)` says when to retry.
    pub(crate) fn take_rate(&self, key: &str) -> Result<(), u64> {
        let rps = self.settings().rps;
        if rps <= 0.0 {
            return Ok(());
        }
        let capacity = rps.max(1.0);
        let now = Instant::now();
        let mut buckets = lock(&self.buckets);
        let b = buckets.entry(key.to_string()).or_insert(Bucket {
            tokens: capacity,
            last: now,
        });
        let elapsed = now.duration_since(b.last).as_secs_f64();
        b.tokens = (b.tokens + elapsed * rps).min(capacity);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - b.tokens) / rps;
            Err(wait.ceil().max(1.0) as u64)
        }
    }

    /// Counts one call against `key`'s daily budget (UTC days); `false` when the budget of the
    /// day is used up (the refusal is counted, the call is not).
    pub(crate) fn take_daily(&self, key: &str) -> bool {
        self.take_daily_on(key, utc_day())
    }

    fn take_daily_on(&self, key: &str, day: u64) -> bool {
        let quota = self.settings().daily_quota_of(key);
        if quota == 0 {
            return true;
        }
        let mut days = lock(&self.days);
        let entry = days.entry(key.to_string()).or_insert((day, 0));
        if entry.0 != day {
            *entry = (day, 0);
        }
        if entry.1 >= quota {
            drop(days);
            self.stats(|s| {
                s.throttled += 1;
                s.quota_refused += 1;
                *s.quota_refused_by_credential
                    .entry(key.to_string())
                    .or_default() += 1;
            });
            return false;
        }
        entry.1 += 1;
        true
    }

    /// Numbers API calls; true when this one must fail (every `error_every`-th).
    pub(crate) fn next_call_fails(&self) -> bool {
        let every = self.settings().error_every;
        let n = self.api_sequence.fetch_add(1, Ordering::SeqCst) + 1;
        every > 0 && n.is_multiple_of(every)
    }

    /// Numbers successful answers; true when this one must be truncated.
    pub(crate) fn next_answer_truncated(&self) -> bool {
        let every = self.settings().truncate_every;
        let n = self.answer_sequence.fetch_add(1, Ordering::SeqCst) + 1;
        every > 0 && n.is_multiple_of(every)
    }

    /// A request ID in UUID form (`x-amzn-RequestId`), unique within this run.
    pub(crate) fn request_id(&self) -> String {
        let n = self.request_sequence.fetch_add(1, Ordering::SeqCst);
        let mut h = Sha256::new();
        h.update(self.seed.to_le_bytes());
        h.update(n.to_le_bytes());
        let x = hex::encode(&h.finalize()[..16]);
        format!(
            "{}-{}-{}-{}-{}",
            &x[..8],
            &x[8..12],
            &x[12..16],
            &x[16..20],
            &x[20..32]
        )
    }

    /// Whether the account behind `id` (credential ID or access key) is marked not eligible.
    pub(crate) fn not_eligible(&self, id: &str) -> bool {
        self.settings().not_eligible.iter().any(|x| x == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(settings: serde_json::Value) -> State {
        let mut c = SandboxConfig::demo();
        c.settings = c.settings.patched(&settings).unwrap();
        State::new(&c)
    }

    #[test]
    fn tokens_expire_and_unknown_ones_are_refused() {
        let s = state(serde_json::json!({}));
        let t = s.issue_token(0, Duration::from_millis(30));
        assert!(t.starts_with("eyJ"));
        assert_eq!(s.check_token(&t), Ok(0));
        assert_eq!(s.check_token("nope"), Err(TokenProblem::Unknown));
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(s.check_token(&t), Err(TokenProblem::Expired));
        let lwa = s.issue_token(1, Duration::from_secs(5));
        assert!(lwa.starts_with("Atc|"));
        s.reset(true);
        assert_eq!(s.check_token(&lwa), Err(TokenProblem::Unknown));
    }

    #[test]
    fn rate_limit_allows_rps_per_key() {
        let s = state(serde_json::json!({"rps": 1}));
        assert_eq!(s.take_rate("a"), Ok(()));
        assert_eq!(s.take_rate("a"), Err(1));
        assert_eq!(s.take_rate("b"), Ok(()));
        let s = state(serde_json::json!({"rps": 0}));
        for _ in 0..100 {
            assert_eq!(s.take_rate("a"), Ok(()));
        }
    }

    #[test]
    fn daily_budget_per_credential_resets_the_next_day_and_counts_refusals() {
        let s = state(serde_json::json!({"daily_quota": 2, "daily_quotas": {"b": 1, "c": 0}}));
        assert!(s.take_daily_on("a", 100));
        assert!(s.take_daily_on("a", 100));
        assert!(!s.take_daily_on("a", 100));
        assert!(!s.take_daily_on("a", 100));
        assert!(s.take_daily_on("b", 100));
        assert!(!s.take_daily_on("b", 100));
        for _ in 0..10 {
            assert!(s.take_daily_on("c", 100));
        }
        // A new UTC day starts a new budget.
        assert!(s.take_daily_on("a", 101));
        let stats = s.stats_snapshot();
        assert_eq!(stats.quota_refused, 3);
        assert_eq!(stats.throttled, 3);
        assert_eq!(stats.quota_refused_by_credential["a"], 2);
        assert_eq!(stats.quota_refused_by_credential["b"], 1);
        // Without a budget nothing is counted.
        let s = state(serde_json::json!({}));
        for _ in 0..10_000 {
            assert!(s.take_daily("a"));
        }
        assert_eq!(s.stats_snapshot().quota_refused, 0);
    }

    #[test]
    fn every_nth_call_fails() {
        let s = state(serde_json::json!({"error_every": 3}));
        let fails: Vec<bool> = (0..6).map(|_| s.next_call_fails()).collect();
        assert_eq!(fails, [false, false, true, false, false, true]);
    }
}
