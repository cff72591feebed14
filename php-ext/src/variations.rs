//! `Asa2\Variations`: which stored products are variation parents, and their GetVariations
//! summary kept on them (ASA2's `Variations*` placeholders).

use asa2_core::{CatalogPage, Item};
use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;

use crate::convert::{from_php, to_array};
use crate::errors::guard;

/// Variation parents (clothes in several sizes) and the price range of their variations.
#[php_class]
#[php(name = "Asa2\\Variations")]
#[php(flags = ClassFlags::Final)]
pub struct Variations;

#[php_impl]
impl Variations {
    /// Whether the product is a variation parent worth one GetVariations call: Amazon gives it
    /// no offer listing at all, it names no other product as its parent and has no variation
    /// values, and no earlier GetVariations answer said it has none (`variation_count` 0).
    ///
    /// @param array $item one product as CreatorsApi::parse() / PaApi::parse() return it
    /// @return bool
    /// @throws ValidationException an item that is not a product (under "item")
    pub fn is_parent(item: &ZendHashTable) -> PhpResult<bool> {
        guard(|| {
            let item: Item = from_php(item, "item")?;
            Ok(item.is_variation_parent())
        })
    }

    /// The product with the variation summary of a GetVariations answer kept in
    /// `variation_summary`. An answer without one (pass `["operation" => "GetVariations"]` for
    /// Amazon's NoResults) says it has no variations: `variation_count` 0.
    ///
    /// @param array $item one product as CreatorsApi::parse() / PaApi::parse() return it
    /// @param array $page the GetVariations answer as CreatorsApi::parse() / PaApi::parse() return it
    /// @return array the product
    /// @throws ValidationException an item that is not a product (under "item") or a page that
    ///   is not an answer (under "page")
    pub fn attach(item: &ZendHashTable, page: &ZendHashTable) -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let mut item: Item = from_php(item, "item")?;
            let page: CatalogPage = from_php(page, "page")?;
            item.attach_variations(&page);
            to_array(&item)
        })
    }
}
