//! `Asa2\Marketplaces`: the marketplace registry.

use asa2_core::{MARKETPLACES, Marketplace};
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;

use crate::convert::{internal, text, to_array, to_zval};
use crate::errors::{guard, invalid};

/// Looks a marketplace up by code, host or domain; errors under "marketplace".
pub(crate) fn lookup(input: &[u8]) -> PhpResult<Marketplace> {
    let input = text(input, "marketplace")?;
    Marketplace::lookup(input).map_err(|e| invalid("marketplace", e.to_string()))
}

/// The marketplace registry.
#[php_class]
#[php(name = "Asa2\\Marketplaces")]
#[php(flags = ClassFlags::Final)]
pub struct Marketplaces;

#[php_impl]
impl Marketplaces {
    /// Every marketplace, keyed by code, in the order the setup screens list them.
    ///
    /// @return array<string, array{code: string, country: string, host: string, domain: string, region: string, currency: string, language: string, associates_url: string, paapi_host: string, paapi_region: string, tag_suffix: string}>
    pub fn all() -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let mut all = ZendHashTable::with_capacity(MARKETPLACES.len() as u32);
            for m in MARKETPLACES {
                all.insert(m.code, to_zval(m)?).map_err(internal)?;
            }
            Ok(all)
        })
    }

    /// One marketplace by code ("DE"), store host ("www.amazon.de") or domain ("amazon.de").
    ///
    /// @param string $codeHostOrDomain
    /// @return array same shape as one entry of all()
    /// @throws ValidationException errors under "marketplace"
    pub fn get(codeHostOrDomain: BinarySlice<u8>) -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let m = lookup(&codeHostOrDomain)?;
            to_array(m.info())
        })
    }

    /// Like get(), but null for an unknown marketplace.
    ///
    /// @param string $codeHostOrDomain
    /// @return array|null
    pub fn find(codeHostOrDomain: BinarySlice<u8>) -> PhpResult<Option<ZBox<ZendHashTable>>> {
        guard(|| match std::str::from_utf8(&codeHostOrDomain) {
            Ok(input) => match Marketplace::lookup(input) {
                Ok(m) => to_array(m.info()).map(Some),
                Err(_) => Ok(None),
            },
            Err(_) => Ok(None),
        })
    }
}
