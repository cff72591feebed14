//! `Asa2\Version`: versions and build facts.

use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;

use crate::errors::guard;

/// Version of this extension.
pub(crate) const EXTENSION_VERSION: &str = env!("CARGO_PKG_VERSION");

/// `debug` or `release`, as shown by `phpinfo()`.
pub(crate) const BUILD_PROFILE: &str = if cfg!(debug_assertions) {
    "debug"
} else {
    "release"
};

/// Versions and build facts.
#[php_class]
#[php(name = "Asa2\\Version")]
#[php(flags = ClassFlags::Final)]
pub struct Version;

#[php_impl]
impl Version {
    /// Version of the asa2 extension, e.g. "0.1.0".
    ///
    /// @return string
    pub fn extension() -> PhpResult<&'static str> {
        guard(|| Ok(EXTENSION_VERSION))
    }

    /// Version of asa2-core inside it.
    ///
    /// @return string
    pub fn core() -> PhpResult<&'static str> {
        guard(|| Ok(asa2_core::VERSION))
    }
}
