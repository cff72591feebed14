//! HTTP values between PHP and the core: requests out, answer headers in.

use std::borrow::Cow;

use asa2_core::{ApiBase, HttpRequest};
use ext_php_rs::boxed::ZBox;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::types::{ZendHashTable, Zval};

use crate::convert::{internal, text};
use crate::errors::invalid;

/// A request as `{method, url, headers: {name: value}, body}`.
pub(crate) fn request_array(r: &HttpRequest) -> PhpResult<ZBox<ZendHashTable>> {
    let mut headers = ZendHashTable::new();
    for (k, v) in &r.headers {
        headers.insert(k.as_str(), v.as_str()).map_err(internal)?;
    }
    let mut out = ZendHashTable::new();
    out.insert("method", r.method.as_str()).map_err(internal)?;
    out.insert("url", r.url.as_str()).map_err(internal)?;
    out.insert("headers", headers).map_err(internal)?;
    out.insert("body", r.body.as_str()).map_err(internal)?;
    Ok(out)
}

/// A list of requests.
pub(crate) fn request_list(requests: &[HttpRequest]) -> PhpResult<ZBox<ZendHashTable>> {
    let mut list = ZendHashTable::new();
    for r in requests {
        list.push(request_array(r)?).map_err(internal)?;
    }
    Ok(list)
}

/// The `$apiBase` argument: null or blank means Amazon.
pub(crate) fn api_base(base: Option<&[u8]>) -> PhpResult<ApiBase> {
    let base = base.map(|b| text(b, "api_base")).transpose()?;
    ApiBase::parse(base).map_err(|e| invalid("api_base", e.to_string()))
}

/// Header pairs from `name => value` or a list of `[name, value]` pairs; values may be
/// strings or numbers. Problems are reported under `field`.
pub(crate) fn header_pairs(
    headers: &ZendHashTable,
    field: &str,
) -> PhpResult<Vec<(String, String)>> {
    let entries = entries(headers);
    Ok(header_texts(&entries, field)?
        .into_iter()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect())
}

/// The entries of a PHP array: each key as the engine hands it out, and its value.
pub(crate) fn entries(array: &ZendHashTable) -> Vec<(Zval, &Zval)> {
    let mut out = Vec::with_capacity(array.len());
    let mut iter = array.iter();
    while let Some(entry) = iter.next_zval() {
        out.push(entry);
    }
    out
}

/// [`header_pairs`] of an array's [`entries`], borrowing its strings (numbers become text).
pub(crate) fn header_texts<'a>(
    entries: &'a [(Zval, &'a Zval)],
    field: &str,
) -> PhpResult<Vec<(Cow<'a, str>, Cow<'a, str>)>> {
    let mut out = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let value = value.dereference();
        if let Some(pair) = value.array() {
            // [name, value]
            let (Some(name), Some(v), 2) = (pair.get_index(0), pair.get_index(1), pair.len())
            else {
                return Err(invalid(
                    field,
                    "A header given as a list entry must be [name, value].",
                ));
            };
            out.push((scalar_text(name, field)?, scalar_text(v, field)?));
        } else {
            if key.long().is_some() {
                return Err(invalid(
                    field,
                    "Give headers as name => value or as a list of [name, value] pairs.",
                ));
            }
            out.push((scalar_text(key, field)?, scalar_text(value, field)?));
        }
    }
    Ok(out)
}

fn scalar_text<'a>(z: &'a Zval, field: &str) -> PhpResult<Cow<'a, str>> {
    let z = z.dereference();
    if let Some(s) = z.zend_str() {
        return Ok(Cow::Borrowed(text(s.as_bytes(), field)?));
    }
    if let Some(i) = z.long() {
        return Ok(Cow::Owned(i.to_string()));
    }
    Err(invalid(field, "Header names and values must be strings."))
}

/// An HTTP status as the core takes it.
pub(crate) fn status(status: i64) -> PhpResult<u16> {
    u16::try_from(status)
        .ok()
        .filter(|s| (100..=599).contains(s) || *s == 0)
        .ok_or_else(|| {
            invalid(
                "status",
                format!("{status} is not an HTTP status code (100-599)."),
            )
        })
}
