//! `Asa2\PartnerTag`: partner tags (tracking IDs).

use asa2_core::PartnerTag as CoreTag;
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;

use crate::convert::text;
use crate::errors::{OrThrow, guard};
use crate::marketplaces::lookup;

/// Partner tags (tracking IDs).
#[php_class]
#[php(name = "Asa2\\PartnerTag")]
#[php(flags = ClassFlags::Final)]
pub struct PartnerTag;

#[php_impl]
impl PartnerTag {
    /// The tag partially hidden for tables: "mysite-21" -> "my****-21".
    ///
    /// @param string $tag
    /// @return string
    pub fn mask(tag: BinarySlice<u8>) -> PhpResult<String> {
        guard(|| Ok(CoreTag::mask(&String::from_utf8_lossy(&tag))))
    }

    /// Checks a tag for a marketplace.
    ///
    /// @param string $tag
    /// @param string $marketplace
    /// @param string $field the form field errors and warnings are reported under
    /// @return list<string> warnings (e.g. an unusual suffix for that marketplace)
    /// @throws ValidationException errors under $field
    #[php(defaults(field = "\"partner_tag\""))]
    pub fn check(
        tag: BinarySlice<u8>,
        marketplace: BinarySlice<u8>,
        field: String,
    ) -> PhpResult<Vec<String>> {
        guard(|| {
            let tag = text(&tag, &field)?;
            let marketplace = lookup(&marketplace)?;
            let checked = CoreTag::check(tag, marketplace, &field).or_throw()?;
            Ok(checked.warnings.iter().map(|w| w.message.clone()).collect())
        })
    }
}
