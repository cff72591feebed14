//! `Asa2\Credentials`: credential kinds and the API version they imply.

use asa2_core::{ApiVersion, CredentialKind, Detected, FieldErrors, Marketplace};
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;

use crate::convert::{internal, text, to_zval};
use crate::errors::{guard, invalid, validation};

/// Parses a credential kind; errors under "kind".
pub(crate) fn parse_kind(kind: &[u8]) -> PhpResult<CredentialKind> {
    let kind = text(kind, "kind")?;
    kind.parse::<CredentialKind>()
        .map_err(|e| invalid("kind", e.to_string()))
}

fn detected(id: &[u8], secret: &[u8]) -> PhpResult<Detected> {
    Ok(Detected::from_credentials(
        text(id, "credential_id")?,
        text(secret, "credential_secret")?,
    ))
}

/// Credential kinds (cognito, lwa) and the API version they imply.
#[php_class]
#[php(name = "Asa2\\Credentials")]
#[php(flags = ClassFlags::Final)]
pub struct Credentials;

#[php_impl]
impl Credentials {
    /// Cognito credentials, as a stored configuration's `kind` names them.
    pub const COGNITO: &'static str = CredentialKind::Cognito.id();
    /// LWA credentials, as a stored configuration's `kind` names them.
    pub const LWA: &'static str = CredentialKind::Lwa.id();

    /// Both kinds, keyed by id.
    ///
    /// @return array<string, array{id: string, label: string, description: string, major: int}>
    pub fn kinds() -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let mut kinds = ZendHashTable::new();
            for k in CredentialKind::ALL {
                kinds
                    .insert(k.id(), to_zval(&k.info())?)
                    .map_err(internal)?;
            }
            Ok(kinds)
        })
    }

    /// The API version for a kind ("cognito", "lwa" or a label) and a marketplace, e.g. "2.2".
    ///
    /// @param string $kind
    /// @param string $marketplace
    /// @return string
    /// @throws ValidationException errors under "kind" or "marketplace"
    pub fn api_version(kind: BinarySlice<u8>, marketplace: BinarySlice<u8>) -> PhpResult<String> {
        guard(|| {
            let mut errors = FieldErrors::new();
            let kind_text = text(&kind, "kind")?;
            let kind = match kind_text.parse::<CredentialKind>() {
                Ok(k) => Some(k),
                Err(e) => {
                    errors.push("kind", e.to_string());
                    None
                }
            };
            let marketplace_text = text(&marketplace, "marketplace")?;
            let marketplace = match Marketplace::lookup(marketplace_text) {
                Ok(m) => Some(m),
                Err(e) => {
                    errors.push("marketplace", e.to_string());
                    None
                }
            };
            match (kind, marketplace) {
                (Some(k), Some(m)) => Ok(ApiVersion::for_marketplace(k, m).to_string()),
                _ => Err(validation(&errors)),
            }
        })
    }

    /// What pasted credentials look like: "lwa", "cognito" or "unknown".
    ///
    /// @param string $credentialId
    /// @param string $credentialSecret
    /// @return string
    pub fn detect(
        credentialId: BinarySlice<u8>,
        credentialSecret: BinarySlice<u8>,
    ) -> PhpResult<&'static str> {
        guard(|| Ok(detected(&credentialId, &credentialSecret)?.id()))
    }

    /// A warning when the chosen kind contradicts what the credentials look like, else null.
    ///
    /// @param string $kind
    /// @param string $credentialId
    /// @param string $credentialSecret
    /// @return string|null
    /// @throws ValidationException an unknown kind, under "kind"
    pub fn mismatch_warning(
        kind: BinarySlice<u8>,
        credentialId: BinarySlice<u8>,
        credentialSecret: BinarySlice<u8>,
    ) -> PhpResult<Option<String>> {
        guard(|| {
            let kind = parse_kind(&kind)?;
            Ok(detected(&credentialId, &credentialSecret)?.mismatch_warning(kind))
        })
    }
}
