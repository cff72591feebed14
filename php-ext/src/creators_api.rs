//! `Asa2\CreatorsApi`: Creators API operations.

use asa2_core::{NormalizeContext, creators_requests, parse_creators_response};
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;

use crate::api_errors::api_error;
use crate::convert::{text, to_array};
use crate::errors::{OrThrow, guard};
use crate::http::{api_base, header_pairs, request_list};
use crate::marketplace_config::config_from_php;
use crate::paapi::{operation, operation_params};

/// Creators API operations: GetItems, SearchItems, GetVariations, GetBrowseNodes.
#[php_class]
#[php(name = "Asa2\\CreatorsApi")]
#[php(flags = ClassFlags::Final)]
pub struct CreatorsApi;

#[php_impl]
impl CreatorsApi {
    /// Builds the requests for one operation. GetItems splits more than 10 ASINs into
    /// batches of 10, so the result is a list.
    ///
    /// @param string $operation "GetItems", "SearchItems", "GetVariations" or "GetBrowseNodes"
    /// @param array $config what MarketplaceConfig::validate() returned under "config"
    /// @param string $accessToken
    /// @param array $params
    /// @param string|null $apiBase
    /// @return list<array{method: string, url: string, headers: array<string, string>, body: string}>
    /// @throws ValidationException bad parameters (field names as in $params)
    pub fn request(
        operation: BinarySlice<u8>,
        config: &ZendHashTable,
        accessToken: BinarySlice<u8>,
        params: &ZendHashTable,
        apiBase: Option<BinarySlice<u8>>,
    ) -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let op = self::operation(&operation)?;
            let config = config_from_php(config)?;
            let token = text(&accessToken, "access_token")?;
            let params = operation_params(op, params)?;
            let base = api_base(apiBase.as_deref().copied())?;
            let requests =
                creators_requests(&config.credentials, token, &params, &base).or_throw()?;
            request_list(&requests)
        })
    }

    /// Parses an answer into the product model.
    ///
    /// @param string $operation
    /// @param array $config
    /// @param int $status
    /// @param array<string, string> $headers
    /// @param string $body
    /// @param int $now
    /// @return array
    /// @throws AuthException|ThrottledException|NotEligibleException|ApiException
    pub fn parse(
        operation: BinarySlice<u8>,
        config: &ZendHashTable,
        status: i64,
        headers: &ZendHashTable,
        body: BinarySlice<u8>,
        now: i64,
    ) -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let op = self::operation(&operation)?;
            let config = config_from_php(config)?;
            let status = crate::http::status(status)?;
            let headers = header_pairs(headers, "headers")?;
            let ctx = NormalizeContext::creators(config.marketplace(), config.api_version(), now);
            let page = parse_creators_response(op, &ctx, status, &headers, &body)
                .map_err(|e| api_error(&e, now))?;
            to_array(&page)
        })
    }
}
