//! `Asa2\Sealer`: sealed secrets.

use asa2_core::{SEAL_NONCE_LEN, SealError, Sealer as CoreSealer, is_sealed};
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;

use crate::convert::text;
use crate::errors::{OrThrow, ToPhp, crypto, guard};

/// Sealed secrets: XChaCha20-Poly1305 with a key derived from the site's key material.
#[php_class]
#[php(name = "Asa2\\Sealer")]
#[php(flags = ClassFlags::Final)]
pub struct Sealer {
    inner: CoreSealer,
}

#[php_impl]
impl Sealer {
    /// @param string $keyMaterial at least 32 bytes: a random secret of the site's configuration
    /// @throws CryptoException when the key material is too short (< 32 bytes)
    pub fn __construct(keyMaterial: BinarySlice<u8>) -> PhpResult<Self> {
        guard(|| {
            Ok(Sealer {
                inner: CoreSealer::new(&keyMaterial).or_throw()?,
            })
        })
    }

    /// Seals a secret bound to its context (e.g. scope "DE", field "credential_secret"): the
    /// result opens only with the same key and context. Nonce from the OS random source.
    ///
    /// @param string $plaintext
    /// @param string $scope
    /// @param string $field
    /// @return string "asa2:v1:..."
    /// @throws CryptoException when the secret is too long or no random bytes are available
    pub fn seal(
        &self,
        plaintext: BinarySlice<u8>,
        scope: BinarySlice<u8>,
        field: BinarySlice<u8>,
    ) -> PhpResult<String> {
        guard(|| {
            let plaintext = text(&plaintext, "plaintext")?;
            let scope = text(&scope, "scope")?;
            let field = text(&field, "field")?;
            let mut nonce = [0u8; SEAL_NONCE_LEN];
            getrandom::fill(&mut nonce).map_err(|e| {
                crypto(
                    "random_source",
                    format!(
                    "the operating system's random number source failed ({e}): the secret was not sealed; try again"
                    ),
                )
            })?;
            self.inner.seal(plaintext, scope, field, nonce).or_throw()
        })
    }

    /// Opens a sealed secret.
    ///
    /// @param string $sealed
    /// @param string $scope
    /// @param string $field
    /// @return string
    /// @throws CryptoException with a message that says what is wrong
    pub fn open(
        &self,
        sealed: BinarySlice<u8>,
        scope: BinarySlice<u8>,
        field: BinarySlice<u8>,
    ) -> PhpResult<String> {
        guard(|| {
            // A value that is not text cannot be a sealed value; say so the way the core does.
            let Ok(sealed) = std::str::from_utf8(&sealed) else {
                return Err(SealError::NotSealed.to_php());
            };
            let scope = text(&scope, "scope")?;
            let field = text(&field, "field")?;
            Ok(self
                .inner
                .open(sealed, scope, field)
                .or_throw()?
                .expose()
                .to_string())
        })
    }

    /// Whether a stored value is in a sealed format this extension recognises.
    ///
    /// @param string $value
    /// @return bool
    pub fn is_sealed(value: BinarySlice<u8>) -> PhpResult<bool> {
        guard(|| Ok(std::str::from_utf8(&value).is_ok_and(is_sealed)))
    }
}
