//! `Asa2\Token`: Creators API access tokens.

use asa2_core::{needs_refresh, parse_token_response, token_cache_key, token_request};
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use serde::Serialize;

use crate::api_errors::token_error;
use crate::convert::to_array;
use crate::errors::{guard, invalid};
use crate::http::{api_base, header_pairs, request_array};
use crate::marketplace_config::config_from_php;

#[derive(Serialize)]
struct TokenView<'a> {
    access_token: &'a str,
    token_type: &'a str,
    expires_at: u64,
}

/// "now" as the core takes it (unix seconds, never negative).
pub(crate) fn unix_now(now: i64) -> PhpResult<u64> {
    u64::try_from(now).map_err(|_| invalid("now", "Pass the current time as time() returns it."))
}

/// Creators API access tokens (OAuth2 client credentials).
#[php_class]
#[php(name = "Asa2\\Token")]
#[php(flags = ClassFlags::Final)]
pub struct Token;

#[php_impl]
impl Token {
    /// The token request for a marketplace configuration.
    ///
    /// @param array $config what MarketplaceConfig::validate() returned under "config"
    /// @param string|null $apiBase
    /// @return array{method: string, url: string, headers: array<string, string>, body: string}
    /// @throws ValidationException a configuration or base URL that does not validate
    pub fn request(
        config: &ZendHashTable,
        apiBase: Option<BinarySlice<u8>>,
    ) -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let config = config_from_php(config)?;
            let base = api_base(apiBase.as_deref().copied())?;
            request_array(&token_request(&config.credentials, &base))
        })
    }

    /// Parses the token endpoint's answer.
    ///
    /// @param array $config
    /// @param int $status
    /// @param array<string, string> $headers
    /// @param string $body
    /// @param int $now
    /// @return array{access_token: string, token_type: string, expires_at: int}
    /// @throws AuthException invalid_client and the other OAuth errors, with the setup hint
    /// @throws ApiException any other failure
    pub fn parse(
        config: &ZendHashTable,
        status: i64,
        headers: &ZendHashTable,
        body: BinarySlice<u8>,
        now: i64,
    ) -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let config = config_from_php(config)?;
            let status = crate::http::status(status)?;
            let headers = header_pairs(headers, "headers")?;
            let token =
                parse_token_response(config.kind(), status, &headers, &body, unix_now(now)?)
                    .map_err(|e| token_error(&e))?;
            to_array(&TokenView {
                access_token: token.access_token.expose(),
                token_type: &token.token_type,
                expires_at: token.expires_at,
            })
        })
    }

    /// Whether a token expiring at $expiresAt must be renewed now (safety margin included).
    ///
    /// @param int $expiresAt
    /// @param int $now
    /// @return bool
    pub fn needs_refresh(expiresAt: i64, now: i64) -> PhpResult<bool> {
        guard(|| {
            Ok(needs_refresh(
                u64::try_from(expiresAt).unwrap_or(0),
                unix_now(now)?,
            ))
        })
    }

    /// Cache key shared by every PHP worker: from kind, version and a hash of the credential ID.
    ///
    /// @param array $config
    /// @return string
    pub fn cache_key(config: &ZendHashTable) -> PhpResult<String> {
        guard(|| Ok(token_cache_key(&config_from_php(config)?.credentials)))
    }
}
