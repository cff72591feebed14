//! `Asa2\PaApi` (PA-API 5.0 requests and answers) and `Asa2\PaApiSettings` (the PA API tab).

use asa2_core::{
    NormalizeContext, Operation, OperationParams, PaapiCredentials, PaapiRequestError,
    PaapiSettingsInput, SigV4Error, paapi_requests, parse_paapi_response,
};
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use serde::Serialize;
use serde_json::Value;

use crate::api_errors::api_error;
use crate::convert::{array_to_json, from_php, text, to_array};
use crate::errors::{OrThrow, guard, invalid};
use crate::grouped::Grouped;
use crate::http::{api_base, header_pairs, request_list};
use crate::marketplaces::lookup;
use asa2_core::FieldErrors;

/// The `$operation` argument.
pub(crate) fn operation(op: &[u8]) -> PhpResult<Operation> {
    let op = text(op, "operation")?;
    op.parse::<Operation>()
        .map_err(|e| invalid("operation", e.to_string()))
}

/// The `$params` argument as the core's parameters for `op`.
pub(crate) fn operation_params(
    op: Operation,
    params: &ZendHashTable,
) -> PhpResult<OperationParams> {
    let value = match array_to_json(params, "params")? {
        Value::Array(items) if items.is_empty() => Value::Object(Default::default()),
        other => other,
    };
    OperationParams::from_json(op, &value).or_throw()
}

/// PA-API credentials from `{access_key, secret_key, partner_tag, marketplace}`, validated.
fn credentials(array: &ZendHashTable) -> PhpResult<PaapiCredentials> {
    let input: PaapiSettingsInput = from_php(array, "credentials")?;
    Ok(input.validate().or_throw()?.value)
}

#[derive(Serialize)]
struct SettingsView<'a> {
    access_key: &'a str,
    secret_key: &'a str,
    partner_tag: &'a str,
    marketplace: &'a str,
}

#[derive(Serialize)]
struct SettingsResult<'a> {
    settings: SettingsView<'a>,
    warnings: Grouped<'a>,
    warning_details: &'a FieldErrors,
}

/// The "Amazon PA API" tab: access key, secret key, partner tag, default country.
#[php_class]
#[php(name = "Asa2\\PaApiSettings")]
#[php(flags = ClassFlags::Final)]
pub struct PaApiSettings;

#[php_impl]
impl PaApiSettings {
    /// Validates one submission of the PA API tab and normalizes it (trimmed strings,
    /// marketplace code).
    ///
    /// @param array $input access_key, secret_key, partner_tag, marketplace
    /// @return array{settings: array{access_key: string, secret_key: string, partner_tag: string, marketplace: string}, warnings: array<string, list<string>>}
    /// @throws ValidationException every field error at once
    pub fn validate(input: &ZendHashTable) -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let input: PaapiSettingsInput = from_php(input, "input")?;
            let validated = input.validate().or_throw()?;
            let c = &validated.value;
            to_array(&SettingsResult {
                settings: SettingsView {
                    access_key: &c.access_key,
                    secret_key: c.secret_key.expose(),
                    partner_tag: &c.partner_tag,
                    marketplace: c.marketplace.code(),
                },
                warnings: Grouped::new(&validated.warnings),
                warning_details: &validated.warnings,
            })
        })
    }
}

/// PA-API 5.0, the fallback for marketplaces without Creators API credentials.
#[php_class]
#[php(name = "Asa2\\PaApi")]
#[php(flags = ClassFlags::Final)]
pub struct PaApi;

#[php_impl]
impl PaApi {
    /// Builds signed requests (AWS SigV4) for one operation; $params as for CreatorsApi.
    ///
    /// @param string $operation
    /// @param array $credentials {access_key, secret_key, partner_tag, marketplace} as PaApiSettings::validate() returns under "settings"
    /// @param array $params
    /// @param int $now
    /// @param string|null $apiBase
    /// @return list<array{method: string, url: string, headers: array<string, string>, body: string}>
    /// @throws ValidationException bad credentials or parameters
    pub fn request(
        operation: BinarySlice<u8>,
        credentials: &ZendHashTable,
        params: &ZendHashTable,
        now: i64,
        apiBase: Option<BinarySlice<u8>>,
    ) -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let op = self::operation(&operation)?;
            let credentials = self::credentials(credentials)?;
            let params = operation_params(op, params)?;
            let base = api_base(apiBase.as_deref().copied())?;
            let requests =
                paapi_requests(&credentials, &params, now, &base).map_err(|e| match e {
                    PaapiRequestError::InvalidParams(errors) => crate::errors::validation(&errors),
                    PaapiRequestError::Signing(e) => {
                        let field = match &e {
                            SigV4Error::Date(_) => "now",
                            SigV4Error::InvalidScope {
                                field: "access key",
                                ..
                            } => "access_key",
                            SigV4Error::EmptySecretKey => "secret_key",
                            _ => "credentials",
                        };
                        invalid(field, e.to_string())
                    }
                    other => invalid("credentials", other.to_string()),
                })?;
            request_list(&requests)
        })
    }

    /// Parses an answer into the product model (same shape as CreatorsApi::parse()).
    ///
    /// @param string $operation
    /// @param string $marketplace
    /// @param int $status
    /// @param array<string, string> $headers
    /// @param string $body
    /// @param int $now
    /// @return array
    /// @throws AuthException|ThrottledException|NotEligibleException|ApiException
    pub fn parse(
        operation: BinarySlice<u8>,
        marketplace: BinarySlice<u8>,
        status: i64,
        headers: &ZendHashTable,
        body: BinarySlice<u8>,
        now: i64,
    ) -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let op = self::operation(&operation)?;
            let marketplace = lookup(&marketplace)?;
            let status = crate::http::status(status)?;
            let headers = header_pairs(headers, "headers")?;
            let ctx = NormalizeContext::paapi(marketplace, now);
            let page = parse_paapi_response(op, &ctx, status, &headers, &body)
                .map_err(|e| api_error(&e, now))?;
            to_array(&page)
        })
    }
}
