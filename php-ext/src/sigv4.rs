//! `Asa2\SigV4`: AWS Signature Version 4 on any request.

use std::cell::RefCell;

use asa2_core::{
    AmzDate, Secret, SigV4Error, SigV4Params, SigV4Request, SigningKeyCache, SigningSettings,
    sign_v4_cached,
};
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;

use crate::convert::{internal, text};
use crate::errors::{guard, invalid};
use crate::http::{entries, header_texts};

/// The argument a signing error is about.
fn field_of(e: &SigV4Error) -> &'static str {
    match e {
        SigV4Error::Date(_) => "amzDate",
        SigV4Error::InvalidMethod(_) => "method",
        SigV4Error::InvalidUrl(_) => "url",
        SigV4Error::InvalidScope { field, .. } => match *field {
            "region" => "region",
            "service" => "service",
            _ => "accessKey",
        },
        SigV4Error::EmptySecretKey => "secretKey",
        SigV4Error::SessionTokenMismatch => "sessionToken",
        _ => "headers",
    }
}

fn request_text<'a>(request: &'a ZendHashTable, key: &str) -> PhpResult<&'a str> {
    let bytes = request
        .get(key)
        .and_then(|z| z.dereference().zend_str())
        .map(|s| s.as_bytes())
        .ok_or_else(|| invalid(key, format!("The request needs \"{key}\" as a string.")))?;
    text(bytes, key)
}

thread_local! {
    /// The signing keys of this process (thread, with ZTS), as AWS's SDKs keep them: each
    /// secret, day, region and service is derived once. It holds derived keys, never secrets.
    static KEY_CACHE: RefCell<SigningKeyCache> = RefCell::new(SigningKeyCache::default());
}

/// AWS Signature Version 4 on any request (PA-API uses it through PaApi).
#[php_class]
#[php(name = "Asa2\\SigV4")]
#[php(flags = ClassFlags::Final)]
pub struct SigV4;

#[php_impl]
impl SigV4 {
    /// Signs a request and returns every stage. The key derived from the secret is kept for
    /// later calls with the same secret, day, region and service (the key, not the secret).
    ///
    /// @param array $request {method: string, url: string, headers: array<string, string>|list<array{0: string, 1: string}>, body: string}
    /// @param string $accessKey
    /// @param string $secretKey
    /// @param string $region
    /// @param string $service
    /// @param string $amzDate "20150830T123600Z"
    /// @param string|null $sessionToken
    /// @return array{canonical_request: string, string_to_sign: string, signature: string, authorization: string, headers: array<string, string>}
    /// @throws ValidationException an input that cannot be signed, under its parameter name
    #[allow(clippy::too_many_arguments)]
    pub fn sign(
        request: &ZendHashTable,
        accessKey: BinarySlice<u8>,
        secretKey: BinarySlice<u8>,
        region: BinarySlice<u8>,
        service: BinarySlice<u8>,
        amzDate: BinarySlice<u8>,
        sessionToken: Option<BinarySlice<u8>>,
    ) -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let method = request_text(request, "method")?;
            let url = request_text(request, "url")?;
            let entries = match request.get("headers").and_then(|h| h.dereference().array()) {
                Some(h) => entries(h),
                None if request.get("headers").is_none() => Vec::new(),
                None => {
                    return Err(invalid(
                        "headers",
                        "The request's \"headers\" must be an array.",
                    ));
                }
            };
            let headers = header_texts(&entries, "headers")?;
            let headers: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_ref(), v.as_ref()))
                .collect();
            let body: &[u8] = match request.get("body").map(|b| b.dereference()) {
                None => b"",
                Some(b) if b.is_null() => b"",
                Some(b) => b
                    .zend_str()
                    .map(|s| s.as_bytes())
                    .ok_or_else(|| invalid("body", "The request's \"body\" must be a string."))?,
            };
            let secret = Secret::new(text(&secretKey, "secretKey")?);
            let token = sessionToken
                .as_deref()
                .map(|t| text(t, "sessionToken").map(Secret::new))
                .transpose()?;
            let date = AmzDate::parse(text(&amzDate, "amzDate")?)
                .map_err(|e| invalid("amzDate", e.to_string()))?;
            let params = SigV4Params {
                access_key: text(&accessKey, "accessKey")?,
                secret_key: &secret,
                session_token: token.as_ref(),
                region: text(&region, "region")?,
                service: text(&service, "service")?,
                date,
                settings: SigningSettings::default(),
            };
            let request = SigV4Request {
                method,
                url,
                headers: &headers,
                body,
            };
            let signed = KEY_CACHE
                .with_borrow_mut(|cache| sign_v4_cached(&request, &params, cache))
                .map_err(|e| invalid(field_of(&e), e.to_string()))?;
            let mut added = ZendHashTable::new();
            for (k, v) in &signed.headers_to_add {
                added.insert(k.as_str(), v.as_str()).map_err(internal)?;
            }
            let mut out = ZendHashTable::new();
            out.insert("canonical_request", signed.canonical_request.as_str())
                .map_err(internal)?;
            out.insert("string_to_sign", signed.string_to_sign.as_str())
                .map_err(internal)?;
            out.insert("signature", signed.signature.as_str())
                .map_err(internal)?;
            out.insert("authorization", signed.authorization.as_str())
                .map_err(internal)?;
            out.insert("headers", added).map_err(internal)?;
            Ok(out)
        })
    }
}
