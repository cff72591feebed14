//! Sealed secrets: credential secrets and PA-API secret keys are stored encrypted in the
//! database, each bound to the place it belongs to.
//!
//! Format `asa2:v1:` followed by standard base64 (no line breaks) of
//! `key id (4 bytes) || nonce (24 bytes) || ciphertext and Poly1305 tag`. The cipher is
//! XChaCha20-Poly1305 with a key derived by HKDF-SHA256 from the site's key material; the key id
//! is derived from the same material, so a value sealed under another key is recognised as such
//! instead of looking damaged. The associated data names the format, the key id, a scope (a
//! marketplace code such as `DE`, or `paapi`) and a field (`credential_secret`): a value copied
//! to another marketplace or field, or edited in any way, fails to open.
//!
//! Nothing here draws random numbers: the caller passes 24 fresh random bytes as the nonce of
//! every [`Sealer::seal`].

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroize;

use crate::message::{Message, message};
use crate::messages;
use crate::secret::Secret;

/// The text every sealed value of the current format starts with.
pub(crate) const SEAL_PREFIX: &str = "asa2:v1:";
/// Length of the nonce the caller draws for each [`Sealer::seal`] (random bytes).
pub const SEAL_NONCE_LEN: usize = 24;
/// The least key material [`Sealer::new`] accepts, in bytes.
pub const SEAL_MIN_KEY_MATERIAL: usize = 32;
/// The longest plaintext [`Sealer::seal`] accepts, in bytes (far above any credential).
pub const SEAL_MAX_PLAINTEXT: usize = 65_536;

/// Every prefix of a sealed value starts with this, whatever its version.
const FAMILY_PREFIX: &str = "asa2:";
const VERSION: &str = "v1";
const KEY_ID_LEN: usize = 4;
const TAG_LEN: usize = 16;
const HEADER_LEN: usize = KEY_ID_LEN + SEAL_NONCE_LEN;
const HKDF_SALT: &[u8] = b"asa2-creators sealed secrets v1 salt";
const HKDF_INFO_KEY: &[u8] = b"asa2-creators sealed secrets v1 encryption key";
const HKDF_INFO_KEY_ID: &[u8] = b"asa2-creators sealed secrets v1 key id";

/// Why a secret could not be sealed or opened. Each message says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SealError {
    /// The key material given to [`Sealer::new`] is shorter than [`SEAL_MIN_KEY_MATERIAL`].
    KeyTooShort {
        /// Length of the key material given, in bytes.
        len: usize,
    },
    /// The plaintext is longer than [`SEAL_MAX_PLAINTEXT`].
    TooLong {
        /// Length of the plaintext, in bytes.
        len: usize,
    },
    /// The value does not start with `asa2:`: it was never sealed.
    NotSealed,
    /// The value is sealed in a format this version cannot read (such as `asa2:v2:`).
    UnknownVersion {
        /// The version found after `asa2:` (shortened).
        version: String,
    },
    /// The text after the prefix is not standard base64, or too short to hold a sealed value.
    Malformed {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The value was sealed with another key.
    KeyMismatch,
    /// The value does not authenticate: edited, damaged, or sealed for another scope or field.
    AuthenticationFailed,
}

impl fmt::Display for SealError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().text)
    }
}

impl std::error::Error for SealError {}

impl SealError {
    /// What went wrong as a coded message (its English is the error's text).
    pub fn message(&self) -> Message {
        match self {
            SealError::KeyTooShort { len } => message!(messages::SEAL_KEY_TOO_SHORT, len = len),
            SealError::TooLong { len } => message!(messages::SEAL_TOO_LONG, len = len),
            SealError::NotSealed => message!(messages::SEAL_NOT_SEALED, prefix = SEAL_PREFIX),
            SealError::UnknownVersion { version } => {
                message!(messages::SEAL_UNKNOWN_VERSION, version = version)
            }
            SealError::Malformed { reason } => message!(messages::SEAL_MALFORMED, reason = reason),
            SealError::KeyMismatch => messages::SEAL_KEY_MISMATCH.plain(),
            SealError::AuthenticationFailed => messages::SEAL_AUTHENTICATION_FAILED.plain(),
        }
    }

    /// What went wrong, for callers that add advice of their own (a host names where its key
    /// material is configured): `key_too_short`, `too_long`, `not_sealed`, `unknown_version`,
    /// `malformed`, `key_mismatch` or `authentication_failed`.
    pub const fn kind(&self) -> &'static str {
        match self {
            SealError::KeyTooShort { .. } => "key_too_short",
            SealError::TooLong { .. } => "too_long",
            SealError::NotSealed => "not_sealed",
            SealError::UnknownVersion { .. } => "unknown_version",
            SealError::Malformed { .. } => "malformed",
            SealError::KeyMismatch => "key_mismatch",
            SealError::AuthenticationFailed => "authentication_failed",
        }
    }
}

/// Seals and opens secrets with one site key. `Debug` shows only the key id; the key is zeroed
/// when the sealer is dropped.
#[derive(Clone)]
pub struct Sealer {
    key: [u8; 32],
    key_id: [u8; KEY_ID_LEN],
}

impl Drop for Sealer {
    fn drop(&mut self) {
        self.key.zeroize();
    }
}

impl fmt::Debug for Sealer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sealer")
            .field("key_id", &hex::encode(self.key_id))
            .finish_non_exhaustive()
    }
}

impl Sealer {
    /// Derives the sealing key and its id from `key_material` (at least
    /// [`SEAL_MIN_KEY_MATERIAL`] bytes: a random secret of the host's configuration).
    pub fn new(key_material: &[u8]) -> Result<Sealer, SealError> {
        if key_material.len() < SEAL_MIN_KEY_MATERIAL {
            return Err(SealError::KeyTooShort {
                len: key_material.len(),
            });
        }
        let hk = Hkdf::<Sha256>::new(Some(HKDF_SALT), key_material);
        // Derived in place, so no copy of the key is left behind on the stack.
        let mut sealer = Sealer {
            key: [0u8; 32],
            key_id: [0u8; KEY_ID_LEN],
        };
        // Both lengths are far below HKDF-SHA256's limit of 8160 bytes.
        hk.expand(HKDF_INFO_KEY, &mut sealer.key)
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        hk.expand(HKDF_INFO_KEY_ID, &mut sealer.key_id)
            .expect("4 bytes is a valid HKDF-SHA256 output length");
        Ok(sealer)
    }

    /// The 4-byte id of this key, in hex (safe to show: it reveals nothing about the key).
    pub fn key_id(&self) -> String {
        hex::encode(self.key_id)
    }

    /// Seals `plaintext` for `scope` (a marketplace code such as `DE`, or `paapi`) and `field`
    /// (such as `credential_secret`), with `nonce`: 24 random bytes, fresh for every call.
    /// Returns `asa2:v1:...`. Scope and field are compared exactly when opening.
    pub fn seal(
        &self,
        plaintext: &str,
        scope: &str,
        field: &str,
        nonce: [u8; SEAL_NONCE_LEN],
    ) -> Result<String, SealError> {
        let too_long = SealError::TooLong {
            len: plaintext.len(),
        };
        if plaintext.len() > SEAL_MAX_PLAINTEXT {
            return Err(too_long);
        }
        let aad = associated_data(&self.key_id, scope, field);
        let ciphertext = self
            .cipher()
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: &aad,
                },
            )
            .map_err(|_| too_long)?;
        let mut raw = Vec::with_capacity(HEADER_LEN + ciphertext.len());
        raw.extend_from_slice(&self.key_id);
        raw.extend_from_slice(&nonce);
        raw.extend_from_slice(&ciphertext);
        Ok(format!("{SEAL_PREFIX}{}", BASE64.encode(raw)))
    }

    /// Opens a value made by [`Sealer::seal`] with the same key, scope and field. Surrounding
    /// whitespace is ignored. The error tells a changed key apart from an edited, damaged or
    /// misplaced value.
    pub fn open(&self, sealed: &str, scope: &str, field: &str) -> Result<Secret, SealError> {
        let raw = decode(sealed)?;
        let (key_id, rest) = raw.split_at(KEY_ID_LEN);
        if key_id != self.key_id {
            return Err(SealError::KeyMismatch);
        }
        let (nonce, ciphertext) = rest.split_at(SEAL_NONCE_LEN);
        let aad = associated_data(&self.key_id, scope, field);
        let plaintext = self
            .cipher()
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| SealError::AuthenticationFailed)?;
        String::from_utf8(plaintext)
            .map(Secret::new)
            .map_err(|_| SealError::Malformed {
                reason: "the content is not text",
            })
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(Key::from_slice(&self.key))
    }
}

/// Whether `value` is a sealed value in the current format (`asa2:v1:` and a well-formed body).
/// It does not say whether a given key opens it.
pub fn is_sealed(value: &str) -> bool {
    decode(value).is_ok()
}

/// Checks the prefix and decodes the body into at least key id, nonce and tag.
fn decode(sealed: &str) -> Result<Vec<u8>, SealError> {
    let sealed = sealed.trim();
    let Some(rest) = sealed.strip_prefix(FAMILY_PREFIX) else {
        return Err(SealError::NotSealed);
    };
    let body = match rest.split_once(':') {
        Some((VERSION, body)) => body,
        Some((version, _)) => return Err(unknown_version(version)),
        // `asa2:` or `asa2:v1` alone: cut short, reported as too short below.
        None if rest == VERSION || rest.is_empty() => "",
        None => return Err(unknown_version(rest)),
    };
    let raw = BASE64.decode(body).map_err(|_| SealError::Malformed {
        reason: "not valid base64",
    })?;
    if raw.len() < HEADER_LEN + TAG_LEN {
        return Err(SealError::Malformed {
            reason: "too short",
        });
    }
    Ok(raw)
}

fn unknown_version(version: &str) -> SealError {
    SealError::UnknownVersion {
        version: crate::quote::excerpt(version),
    }
}

/// Format, key id, scope and field, each length-prefixed so no two contexts encode alike.
fn associated_data(key_id: &[u8; KEY_ID_LEN], scope: &str, field: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(32 + scope.len() + field.len());
    aad.extend_from_slice(b"asa2:v1");
    aad.extend_from_slice(key_id);
    for part in [scope, field] {
        // Scopes and fields are short names; a longer one is cut to what a u32 can count.
        let len = u32::try_from(part.len()).unwrap_or(u32::MAX);
        aad.extend_from_slice(&len.to_be_bytes());
        aad.extend_from_slice(part.as_bytes());
    }
    aad
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef-site-salts";
    const NONCE: [u8; SEAL_NONCE_LEN] = [7; SEAL_NONCE_LEN];
    const SECRET: &str = "amzn1.oa2-cs.v1.0123456789abcdef";

    fn sealer() -> Sealer {
        Sealer::new(KEY).unwrap()
    }

    fn sealed() -> String {
        sealer()
            .seal(SECRET, "DE", "credential_secret", NONCE)
            .unwrap()
    }

    #[test]
    fn round_trip() {
        let s = sealer();
        for plaintext in ["", "x", SECRET, "pässwörd 🔑 with spaces"] {
            let sealed = s.seal(plaintext, "DE", "credential_secret", NONCE).unwrap();
            assert!(sealed.starts_with(SEAL_PREFIX), "{sealed}");
            assert!(is_sealed(&sealed));
            let opened = s.open(&sealed, "DE", "credential_secret").unwrap();
            assert_eq!(opened.expose(), plaintext);
            // Surrounding whitespace (as from a form or a config file) is ignored.
            let opened = s.open(&format!(" {sealed}\n"), "DE", "credential_secret");
            assert_eq!(opened.unwrap().expose(), plaintext);
        }
    }

    #[test]
    fn format_is_prefix_and_one_line_of_standard_base64() {
        let sealed = sealed();
        let body = sealed.strip_prefix(SEAL_PREFIX).unwrap();
        assert!(
            body.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
        let raw = BASE64.decode(body).unwrap();
        assert_eq!(raw.len(), 4 + 24 + SECRET.len() + 16);
        assert_eq!(hex::encode(&raw[..4]), sealer().key_id());
        assert_eq!(&raw[4..28], &NONCE);
    }

    #[test]
    fn known_answer() {
        // Pins the derivation, associated data and layout: a change here breaks every stored
        // secret.
        let sealed = Sealer::new(&[0x42; 32])
            .unwrap()
            .seal("secret", "DE", "credential_secret", [1; SEAL_NONCE_LEN])
            .unwrap();
        assert_eq!(sealed, KNOWN_SEALED);
    }

    /// Computed independently with PHP's `hash_hkdf('sha256', ...)` and
    /// `sodium_crypto_aead_xchacha20poly1305_ietf_encrypt()`, aad
    /// `"asa2:v1" . $keyId . pack('N', 2) . "DE" . pack('N', 17) . "credential_secret"`.
    const KNOWN_SEALED: &str =
        "asa2:v1:YK9q1QEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAYyV/nhpC+MYtbzNJIVl4RUj5kXDHDE=";

    #[test]
    fn same_input_and_nonce_seal_alike_other_nonces_differ() {
        let s = sealer();
        let a = s.seal(SECRET, "DE", "f", NONCE).unwrap();
        assert_eq!(a, s.seal(SECRET, "DE", "f", NONCE).unwrap());
        assert_ne!(a, s.seal(SECRET, "DE", "f", [8; SEAL_NONCE_LEN]).unwrap());
    }

    #[test]
    fn short_key_material_is_refused() {
        let err = Sealer::new(&[1; 31]).unwrap_err();
        assert_eq!(err, SealError::KeyTooShort { len: 31 });
        assert!(err.to_string().contains("at least 32"), "{err}");
        assert_eq!(err.kind(), "key_too_short");
        assert!(!err.to_string().contains("WordPress"), "{err}");
        assert!(Sealer::new(b"").is_err());
        assert!(Sealer::new(&[1; 32]).is_ok());
    }

    #[test]
    fn another_key_is_recognised() {
        let other = Sealer::new(b"another site key of at least 32 bytes!").unwrap();
        assert_ne!(other.key_id(), sealer().key_id());
        let err = other
            .open(&sealed(), "DE", "credential_secret")
            .unwrap_err();
        assert_eq!(err, SealError::KeyMismatch);
        assert_eq!(
            err.to_string(),
            "the secret was sealed with a different key (the key material changed since): enter the secret again"
        );
        assert_eq!(err.kind(), "key_mismatch");
    }

    #[test]
    fn another_marketplace_or_field_does_not_open() {
        let s = sealer();
        let sealed = sealed();
        for (scope, field) in [
            ("FR", "credential_secret"),
            ("de", "credential_secret"),
            ("paapi", "credential_secret"),
            ("DE", "secret_key"),
            ("DE", "credential_id"),
            ("DEc", "redential_secret"),
            ("", "DEcredential_secret"),
        ] {
            let err = s.open(&sealed, scope, field).unwrap_err();
            assert_eq!(err, SealError::AuthenticationFailed, "{scope} {field}");
        }
        assert_eq!(
            SealError::AuthenticationFailed.to_string(),
            "the sealed secret was edited, damaged or belongs to another marketplace or field: enter the secret again"
        );
    }

    #[test]
    fn every_flipped_byte_is_detected() {
        let s = sealer();
        let raw = BASE64
            .decode(sealed().strip_prefix(SEAL_PREFIX).unwrap())
            .unwrap();
        for i in 0..raw.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut bad = raw.clone();
                bad[i] ^= flip;
                let text = format!("{SEAL_PREFIX}{}", BASE64.encode(&bad));
                let err = s.open(&text, "DE", "credential_secret").unwrap_err();
                let expected = if i < KEY_ID_LEN {
                    SealError::KeyMismatch
                } else {
                    SealError::AuthenticationFailed
                };
                assert_eq!(err, expected, "byte {i} ^ {flip:#x}");
            }
        }
    }

    #[test]
    fn every_edited_character_is_detected() {
        let s = sealer();
        let sealed = sealed();
        for (i, c) in sealed.char_indices() {
            let replacement = if c == 'A' { 'B' } else { 'A' };
            let mut bad = sealed.clone();
            bad.replace_range(i..i + 1, &replacement.to_string());
            assert!(
                s.open(&bad, "DE", "credential_secret").is_err(),
                "character {i}"
            );
        }
    }

    #[test]
    fn every_truncation_is_refused() {
        let s = sealer();
        let sealed = sealed();
        for len in 0..sealed.len() {
            let err = s.open(&sealed[..len], "DE", "credential_secret");
            assert!(err.is_err(), "length {len}");
        }
        let short = format!("{SEAL_PREFIX}{}", BASE64.encode([0u8; 43]));
        assert_eq!(
            s.open(&short, "DE", "f"),
            Err(SealError::Malformed {
                reason: "too short"
            })
        );
        assert!(!is_sealed(&short));
    }

    #[test]
    fn unsealed_and_unknown_formats_are_named() {
        let s = sealer();
        for plain in ["", "hunter2", "ASA2:v1:abc", " v1:abc"] {
            assert_eq!(
                s.open(plain, "DE", "f"),
                Err(SealError::NotSealed),
                "{plain}"
            );
            assert!(!is_sealed(plain));
        }
        let body = sealed().strip_prefix(SEAL_PREFIX).unwrap().to_string();
        let err = s.open(&format!("asa2:v2:{body}"), "DE", "f").unwrap_err();
        assert_eq!(
            err,
            SealError::UnknownVersion {
                version: "v2".into()
            }
        );
        assert!(
            err.to_string().contains("format \"v2\"") && err.to_string().contains("update"),
            "{err}"
        );
        assert!(!is_sealed(&format!("asa2:v2:{body}")));
        assert!(matches!(
            s.open("asa2:", "DE", "f"),
            Err(SealError::Malformed { .. })
        ));
        assert!(matches!(
            s.open("asa2:v10", "DE", "f"),
            Err(SealError::UnknownVersion { .. })
        ));
        assert!(matches!(
            s.open("asa2:v1", "DE", "f"),
            Err(SealError::Malformed { .. })
        ));
        let err = s.open("asa2:v1:not base64!", "DE", "f").unwrap_err();
        assert_eq!(
            err,
            SealError::Malformed {
                reason: "not valid base64"
            }
        );
        assert_eq!(
            err.to_string(),
            "the sealed secret is damaged (not valid base64): enter the secret again"
        );
        // Line breaks inside the body are not part of the format.
        let wrapped = format!("{SEAL_PREFIX}{}\n{}", &body[..20], &body[20..]);
        assert!(s.open(&wrapped, "DE", "credential_secret").is_err());
    }

    #[test]
    fn overlong_plaintext_is_refused() {
        let long = "a".repeat(SEAL_MAX_PLAINTEXT + 1);
        let err = sealer().seal(&long, "DE", "f", NONCE).unwrap_err();
        assert_eq!(
            err,
            SealError::TooLong {
                len: SEAL_MAX_PLAINTEXT + 1
            }
        );
        let max = "a".repeat(SEAL_MAX_PLAINTEXT);
        assert!(sealer().seal(&max, "DE", "f", NONCE).is_ok());
    }

    #[test]
    fn debug_hides_the_key() {
        let shown = format!("{:?}", sealer());
        assert!(shown.contains(&sealer().key_id()), "{shown}");
        assert!(!shown.contains("key:"), "{shown}");
        let opened = sealer().open(&sealed(), "DE", "credential_secret").unwrap();
        assert!(!format!("{opened:?}").contains(SECRET));
    }

    proptest! {
        #[test]
        fn open_never_panics(s in any::<String>()) {
            let _ = sealer().open(&s, "DE", "credential_secret");
            let _ = is_sealed(&s);
        }

        #[test]
        fn open_never_panics_on_well_formed_bodies(bytes in proptest::collection::vec(any::<u8>(), 0..128)) {
            let text = format!("{SEAL_PREFIX}{}", BASE64.encode(&bytes));
            let result = sealer().open(&text, "DE", "credential_secret");
            prop_assert!(result.is_err());
        }

        #[test]
        fn any_text_round_trips(plaintext in any::<String>(), nonce in any::<[u8; 24]>()) {
            let s = sealer();
            let sealed = s.seal(&plaintext, "paapi", "secret_key", nonce).unwrap();
            let opened = s.open(&sealed, "paapi", "secret_key").unwrap();
            prop_assert_eq!(opened.expose(), plaintext.as_str());
        }
    }
}
