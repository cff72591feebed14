//! `Asa2\Api`: the two Amazon APIs and the request limit they share.

use asa2_core::{MAX_IDS_PER_REQUEST, SourceApi};
use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use serde::Serialize;

use crate::convert::{internal, to_zval};
use crate::errors::guard;

#[derive(Serialize)]
struct ApiView {
    id: &'static str,
    label: &'static str,
}

/// The two Amazon APIs: the Creators API and PA-API 5.0 (`source.api` of a product).
#[php_class]
#[php(name = "Asa2\\Api")]
#[php(flags = ClassFlags::Final)]
pub struct Api;

#[php_impl]
impl Api {
    /// The Creators API, as `source.api` of a product names it.
    pub const CREATORS: &'static str = SourceApi::Creators.id();
    /// PA-API 5.0, as `source.api` of a product names it.
    #[php(name = "PAAPI5")]
    pub const PAAPI5: &'static str = SourceApi::PaApi5.id();
    /// Most ASINs (GetItems) or browse node IDs (GetBrowseNodes) one request carries;
    /// CreatorsApi::request() and PaApi::request() split longer GetItems lists into batches of
    /// this size.
    pub const MAX_IDS_PER_REQUEST: i64 = MAX_IDS_PER_REQUEST as i64;

    /// Both APIs, keyed by id, the Creators API first.
    ///
    /// @return array<string, array{id: string, label: string}>
    pub fn all() -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let mut all = ZendHashTable::new();
            for api in SourceApi::ALL {
                let view = ApiView {
                    id: api.id(),
                    label: api.label(),
                };
                all.insert(api.id(), to_zval(&view)?).map_err(internal)?;
            }
            Ok(all)
        })
    }
}
