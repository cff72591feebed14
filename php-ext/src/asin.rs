//! `Asa2\Asin`: ASINs and Amazon product URLs.

use asa2_core::{Asin as CoreAsin, parse_product_input};
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use serde::Serialize;

use crate::convert::{text, to_array};
use crate::errors::{OrThrow, guard};

#[derive(Serialize)]
struct ParsedView<'a> {
    asin: &'a str,
    marketplace: Option<&'a str>,
}

/// ASINs and Amazon product URLs.
#[php_class]
#[php(name = "Asa2\\Asin")]
#[php(flags = ClassFlags::Final)]
pub struct Asin;

#[php_impl]
impl Asin {
    /// Whether $asin is a well-formed ASIN (10 characters, upper case letters and digits).
    ///
    /// @param string $asin
    /// @return bool
    pub fn is_valid(asin: BinarySlice<u8>) -> PhpResult<bool> {
        guard(|| Ok(std::str::from_utf8(&asin).is_ok_and(CoreAsin::is_valid)))
    }

    /// Reads an ASIN or a product URL of any marketplace ("https://www.amazon.de/dp/B0...").
    ///
    /// @param string $input
    /// @return array{asin: string, marketplace: ?string}
    /// @throws ValidationException errors under "asin"
    pub fn parse(input: BinarySlice<u8>) -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let (asin, marketplace) = parse_product_input(text(&input, "asin")?).or_throw()?;
            to_array(&ParsedView {
                asin: asin.as_str(),
                marketplace: marketplace.map(|m| m.code()),
            })
        })
    }
}
