//! The `asa2` PHP extension: asa2-core for PHP 8.1+.
//!
//! Every class lives in the `Asa2` namespace and is documented in `php-ext/asa2.stub.php`, the
//! contract the WordPress plugin codes against. The bindings are thin: they turn PHP values
//! into core values, call the core, and turn results and core errors back into PHP arrays and
//! the `Asa2\...` exceptions. Each PHP method runs inside [`errors::guard`], so a Rust panic
//! reaches PHP as an `Asa2\Exception`, never as a crash.

#![cfg_attr(windows, feature(abi_vectorcall))]
// PHP parameter names are camelCase (`$credentialId`) and come from the Rust parameter names.
#![allow(non_snake_case)]

mod api_errors;
mod convert;
mod errors;
mod grouped;
mod http;
mod zval_serializer;

mod api;
mod asin;
mod creators_api;
mod credentials;
mod geo;
mod id_sets;
mod marketplace_config;
mod marketplaces;
mod messages;
mod paapi;
mod partner_tag;
mod redaction;
mod retry;
mod sealer;
mod sigv4;
mod template;
mod token;
mod variations;
mod version;

use ext_php_rs::prelude::*;
use ext_php_rs::zend::ModuleEntry;
use ext_php_rs::{info_table_end, info_table_row, info_table_start};

/// The `phpinfo()` section: extension and core versions and the build profile.
extern "C" fn module_info(_module: *mut ModuleEntry) {
    info_table_start!();
    info_table_row!("asa2 support", "enabled");
    info_table_row!("extension version", version::EXTENSION_VERSION);
    info_table_row!("core version", asa2_core::VERSION);
    info_table_row!("build profile", version::BUILD_PROFILE);
    info_table_end!();
}

/// Module startup: a quiet panic hook, then the exception classes (before any class that
/// throws them is used).
fn startup(_ty: i32, _module_number: i32) -> i32 {
    errors::install_quiet_panic_hook();
    let registered = std::panic::catch_unwind(errors::register_exception_classes);
    match registered {
        Ok(Ok(())) => 0,
        _ => -1,
    }
}

/// The module entry PHP loads.
#[php_module]
#[php(startup = startup)]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    module
        .name("asa2")
        .version(version::EXTENSION_VERSION)
        .info_function(module_info)
        .class::<version::Version>()
        .class::<messages::Messages>()
        .class::<marketplaces::Marketplaces>()
        .class::<credentials::Credentials>()
        .class::<marketplace_config::MarketplaceConfig>()
        .class::<partner_tag::PartnerTag>()
        .class::<sealer::Sealer>()
        .class::<paapi::PaApiSettings>()
        .class::<id_sets::AssociateIdSets>()
        .class::<geo::Geo>()
        .class::<token::Token>()
        .class::<creators_api::CreatorsApi>()
        .class::<asin::Asin>()
        .class::<paapi::PaApi>()
        .class::<sigv4::SigV4>()
        .class::<retry::RetryPolicy>()
        .class::<template::Template>()
        .class::<variations::Variations>()
        .class::<api::Api>()
        .class::<redaction::Redaction>()
}
