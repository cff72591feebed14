//! `Asa2\Messages`: the codes of the core's messages with their English templates, so a host
//! can hold its own sentences (translations) to the core's list.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;

use crate::convert::internal;
use crate::errors::guard;

/// The codes of the core's messages.
#[php_class]
#[php(name = "Asa2\\Messages")]
#[php(flags = ClassFlags::Final)]
pub struct Messages;

#[php_impl]
impl Messages {
    /// Every code with its English template (`{name}` where a parameter goes), in the core's
    /// order. ValidationException::getDetails() names these codes.
    ///
    /// @return array<string, string>
    pub fn all() -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let mut all = ZendHashTable::new();
            for t in asa2_core::messages::ALL {
                all.insert(t.code, t.english).map_err(internal)?;
            }
            Ok(all)
        })
    }
}
