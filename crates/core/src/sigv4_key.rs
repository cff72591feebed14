//! SigV4 signing keys and a cache of them.
//!
//! A [`SigningKey`] is the key AWS derives from a secret for one day, region and service
//! (kDate -> kRegion -> kService -> kSigning: four HMAC-SHA256 steps), held with its HMAC pads
//! already absorbed, so that signing a string costs only the hashing of that string.
//! [`SigningKeyCache`] keeps the few keys a caller uses, as AWS's SDKs do: a caller that signs
//! many requests a day with the same credentials derives each key once. The caller owns the
//! cache; the signer keeps nothing between calls by itself.
//!
//! Neither holds a secret: a key is a one-way derivative for one scope, zeroed when dropped,
//! and the cache finds it by a SHA-256 fingerprint of the secret, never the secret itself.

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::digest::generic_array::GenericArray;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::date::AmzDate;
use crate::redact::REDACTED;
use crate::secret::Secret;

/// SHA-256's initial hash value (FIPS 180-4, 5.3.3).
const SHA256_IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// The SHA-256 block size, which is also HMAC-SHA256's pad length.
const BLOCK: usize = 64;

/// A derived SigV4 signing key (kSigning) for one secret, scope date, region and service.
///
/// It holds the SHA-256 states after HMAC's inner and outer key pads (RFC 2104, section 4),
/// which are as secret as the key itself: `Debug` prints nothing of them and both are zeroed
/// on drop. It cannot be cloned, so it lives in one place.
pub(crate) struct SigningKey {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl SigningKey {
    /// Derives the key AWS signs with on `date`'s day for `region` and `service`.
    pub(crate) fn derive(
        secret: &Secret,
        date: AmzDate,
        region: &str,
        service: &str,
    ) -> SigningKey {
        let secret = secret.expose().as_bytes();
        let mut k_secret = Zeroizing::new(Vec::with_capacity(4 + secret.len()));
        k_secret.extend_from_slice(b"AWS4");
        k_secret.extend_from_slice(secret);
        let mut key = hmac_sha256(&k_secret, &date.scope_date_bytes());
        for part in [region, service, "aws4_request"] {
            key = hmac_sha256(key.as_slice(), part.as_bytes());
        }
        SigningKey::from_key(&key)
    }

    /// The key with its pads absorbed.
    fn from_key(key: &[u8; 32]) -> SigningKey {
        let mut pad = Zeroizing::new([0u8; BLOCK]);
        let mut absorb = |byte: u8| {
            pad.fill(byte);
            for (p, k) in pad.iter_mut().zip(key) {
                *p ^= k;
            }
            let mut state = SHA256_IV;
            compress(&mut state, pad.as_slice());
            state
        };
        SigningKey {
            inner: absorb(0x36),
            outer: absorb(0x5c),
        }
    }

    /// HMAC-SHA256 of `message` under this key: the SigV4 signature of a string to sign.
    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 32] {
        let inner = finish_after_pad(self.inner, message);
        finish_after_pad(self.outer, &inner)
    }
}

impl Drop for SigningKey {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey({REDACTED})")
    }
}

/// One SHA-256 compression of a 64-byte block (SHA-NI or ARMv8 SHA2 when the CPU has them).
fn compress(state: &mut [u32; 8], block: &[u8]) {
    sha2::compress256(state, std::slice::from_ref(GenericArray::from_slice(block)));
}

/// SHA-256 of (one 64-byte pad block, already absorbed into `state`) followed by `message`.
fn finish_after_pad(mut state: [u32; 8], message: &[u8]) -> [u8; 32] {
    let mut blocks = message.chunks_exact(BLOCK);
    for block in &mut blocks {
        compress(&mut state, block);
    }
    let rest = blocks.remainder();
    let mut tail = [0u8; 2 * BLOCK];
    tail[..rest.len()].copy_from_slice(rest);
    tail[rest.len()] = 0x80;
    let end = if rest.len() < BLOCK - 8 {
        BLOCK
    } else {
        2 * BLOCK
    };
    let bits = (BLOCK as u64 + message.len() as u64).wrapping_mul(8);
    tail[end - 8..end].copy_from_slice(&bits.to_be_bytes());
    for block in tail[..end].chunks_exact(BLOCK) {
        compress(&mut state, block);
    }
    let mut out = [0u8; 32];
    for (bytes, word) in out.chunks_exact_mut(4).zip(state) {
        bytes.copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// HMAC-SHA256 for the key derivation; the result is zeroed when dropped.
fn hmac_sha256(key: &[u8], data: &[u8]) -> Zeroizing<[u8; 32]> {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail.
    let mut out = Zeroizing::new([0u8; 32]);
    if let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) {
        mac.update(data);
        out.copy_from_slice(&mac.finalize().into_bytes());
    }
    out
}

/// A small cache of derived signing keys, as AWS's SDKs keep, for a caller that signs many
/// requests: each (secret, day, region, service) is derived once.
///
/// Entries are found by a SHA-256 fingerprint of the secret plus the scope; the secret itself
/// is never stored. A fingerprint reveals no more than the cached key beside it, which is a
/// one-way function of the same secret. Keys of a day older than one being added are dropped
/// then (signing time moves forward), and when the cache is full the least recently used key
/// makes room.
pub struct SigningKeyCache {
    entries: Vec<CachedKey>,
    capacity: usize,
    uses: u64,
}

struct CachedKey {
    fingerprint: [u8; 32],
    day: i64,
    region: Box<str>,
    service: Box<str>,
    key: SigningKey,
    last_use: u64,
}

impl SigningKeyCache {
    /// How many keys [`SigningKeyCache::default`] keeps: more than the marketplaces a site
    /// sells in.
    pub const DEFAULT_CAPACITY: usize = 16;

    /// An empty cache keeping up to `capacity` keys (at least one).
    pub fn new(capacity: usize) -> SigningKeyCache {
        SigningKeyCache {
            entries: Vec::new(),
            capacity: capacity.max(1),
            uses: 0,
        }
    }

    /// The key for `secret` on `date`'s day in `region` and `service`: the cached one, or a
    /// newly derived one that is cached.
    pub(crate) fn key(
        &mut self,
        secret: &Secret,
        date: AmzDate,
        region: &str,
        service: &str,
    ) -> &SigningKey {
        let fingerprint: [u8; 32] = Sha256::digest(secret.expose().as_bytes()).into();
        let day = date.day();
        self.uses += 1;
        let found = self.entries.iter().position(|e| {
            e.day == day
                && e.fingerprint == fingerprint
                && *e.region == *region
                && *e.service == *service
        });
        let index = match found {
            Some(i) => i,
            None => {
                self.entries.retain(|e| e.day >= day);
                if self.entries.len() >= self.capacity {
                    let lru = self
                        .entries
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, e)| e.last_use);
                    if let Some((i, _)) = lru {
                        self.entries.swap_remove(i);
                    }
                }
                self.entries.push(CachedKey {
                    fingerprint,
                    day,
                    region: region.into(),
                    service: service.into(),
                    key: SigningKey::derive(secret, date, region, service),
                    last_use: 0,
                });
                self.entries.len() - 1
            }
        };
        let uses = self.uses;
        let entry = &mut self.entries[index];
        entry.last_use = uses;
        &entry.key
    }

    /// How many keys are cached.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// `true` when no key is cached.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Drops every key (after a secret was rotated, for instance).
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

impl Default for SigningKeyCache {
    fn default() -> SigningKeyCache {
        SigningKeyCache::new(SigningKeyCache::DEFAULT_CAPACITY)
    }
}

impl fmt::Debug for SigningKeyCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKeyCache")
            .field("len", &self.entries.len())
            .field("capacity", &self.capacity)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference_hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
        mac.update(data);
        mac.finalize().into_bytes().into()
    }

    fn day(s: &str) -> AmzDate {
        AmzDate::parse(s).unwrap()
    }

    #[test]
    fn derives_the_documented_signing_key() {
        // AWS's SigV4 documentation example: secret, 20150830, us-east-1, iam.
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        let k_date = reference_hmac(b"AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", b"20150830");
        let k_region = reference_hmac(&k_date, b"us-east-1");
        let k_service = reference_hmac(&k_region, b"iam");
        let k_signing = reference_hmac(&k_service, b"aws4_request");
        assert_eq!(
            hex::encode(k_signing),
            "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"
        );
        let key = SigningKey::derive(&secret, day("20150830T123600Z"), "us-east-1", "iam");
        let sts = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59";
        assert_eq!(
            hex::encode(key.sign(sts.as_bytes())),
            "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
        );
        assert_eq!(format!("{key:?}"), "SigningKey(***)");
    }

    #[test]
    fn signs_like_hmac_at_every_padding_boundary() {
        let key = [7u8; 32];
        let signing = SigningKey::from_key(&key);
        let message: Vec<u8> = (0..=255u8).cycle().take(300).collect();
        for len in 0..message.len() {
            let m = &message[..len];
            assert_eq!(signing.sign(m), reference_hmac(&key, m), "length {len}");
        }
    }

    proptest! {
        #[test]
        fn signs_like_hmac(key in any::<[u8; 32]>(), message in proptest::collection::vec(any::<u8>(), 0..400)) {
            prop_assert_eq!(SigningKey::from_key(&key).sign(&message), reference_hmac(&key, &message));
        }
    }

    #[test]
    fn the_cache_derives_each_scope_once() {
        let a = Secret::new("secret-a");
        let b = Secret::new("secret-b");
        let d1 = day("20260115T093000Z");
        let d1_later = day("20260115T235959Z");
        let mut cache = SigningKeyCache::default();
        let sign = |cache: &mut SigningKeyCache, s: &Secret, d: AmzDate, r: &str| {
            cache.key(s, d, r, "ProductAdvertisingAPI").sign(b"x")
        };
        let derived = |s: &Secret, d: AmzDate, r: &str| {
            SigningKey::derive(s, d, r, "ProductAdvertisingAPI").sign(b"x")
        };

        assert_eq!(
            sign(&mut cache, &a, d1, "us-east-1"),
            derived(&a, d1, "us-east-1")
        );
        assert_eq!(
            sign(&mut cache, &a, d1_later, "us-east-1"),
            derived(&a, d1, "us-east-1")
        );
        assert_eq!(cache.len(), 1, "same day, same scope: one key");
        assert_eq!(
            sign(&mut cache, &b, d1, "us-east-1"),
            derived(&b, d1, "us-east-1")
        );
        assert_eq!(
            sign(&mut cache, &a, d1, "eu-west-1"),
            derived(&a, d1, "eu-west-1")
        );
        assert_eq!(
            cache.key(&a, d1, "us-east-1", "other").sign(b"x"),
            SigningKey::derive(&a, d1, "us-east-1", "other").sign(b"x")
        );
        assert_eq!(cache.len(), 4);

        // The next day replaces the older day's keys.
        let d2 = day("20260116T000000Z");
        assert_eq!(
            sign(&mut cache, &a, d2, "us-east-1"),
            derived(&a, d2, "us-east-1")
        );
        assert_eq!(cache.len(), 1);
        // An earlier day is signed correctly and kept beside the later one.
        assert_eq!(
            sign(&mut cache, &a, d1, "us-east-1"),
            derived(&a, d1, "us-east-1")
        );
        assert_eq!(cache.len(), 2);

        assert_eq!(
            format!("{cache:?}"),
            "SigningKeyCache { len: 2, capacity: 16, .. }"
        );
        cache.clear();
        assert!(cache.is_empty());
    }

    #[test]
    fn a_full_cache_drops_the_least_recently_used_key() {
        let secrets: Vec<Secret> = (0..4).map(|i| Secret::new(format!("secret-{i}"))).collect();
        let d = day("20260115T093000Z");
        let mut cache = SigningKeyCache::new(3);
        for s in &secrets[..3] {
            cache.key(s, d, "us-east-1", "s");
        }
        cache.key(&secrets[0], d, "us-east-1", "s");
        cache.key(&secrets[3], d, "us-east-1", "s");
        assert_eq!(cache.len(), 3);
        let cached: Vec<[u8; 32]> = cache.entries.iter().map(|e| e.fingerprint).collect();
        let fp = |s: &Secret| -> [u8; 32] { Sha256::digest(s.expose().as_bytes()).into() };
        assert!(cached.contains(&fp(&secrets[0])), "recently used: kept");
        assert!(
            !cached.contains(&fp(&secrets[1])),
            "least recently used: dropped"
        );
        assert!(cached.contains(&fp(&secrets[3])));
        assert_eq!(SigningKeyCache::new(0).capacity, 1);
    }
}
