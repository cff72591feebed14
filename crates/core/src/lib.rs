//! Sans-IO core of asa2-creators.
//!
//! It knows every Amazon marketplace, derives the Creators API version from the credential
//! kind, validates the setup forms, seals secrets, builds every request the plugin sends
//! (Creators API tokens and operations, PA-API 5.0 with AWS SigV4) and turns every answer into
//! one product model or a typed error. It never opens a socket, reads a clock or draws random
//! numbers: callers pass "now" and nonces in and send the requests themselves.
//!
//! Each module re-exports its public items here; the modules themselves are private.

#![forbid(unsafe_code)]
#![warn(missing_docs, unreachable_pub)]

/// Version of asa2-core, as the PHP extension and the wasm build report it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

mod marketplace;
pub use marketplace::*;

mod credential;
pub use credential::*;

mod http;
pub use http::*;

mod operation;
pub use operation::*;

mod redact;
pub use redact::*;

mod secret;
pub use secret::*;

mod source_api;
pub use source_api::*;

mod field_error;
pub use field_error::*;

mod quote;

// Setup forms: configuration validation, partner tags, sealed secrets, PA API settings,
// Associate ID sets.
mod form;
pub use form::Validated;

mod config;
pub use config::*;

mod partner_tag;
pub use partner_tag::*;

mod seal;
pub use seal::*;

mod paapi_settings;
pub use paapi_settings::*;

mod id_sets;
pub use id_sets::*;

// Creators API: tokens, operations, error bodies, retries, ASINs and product URLs.
mod token;
pub use token::*;

mod creators;
pub use creators::*;

mod params;
pub use params::*;

mod api_error;
pub use api_error::*;

mod retry;
pub use retry::*;

mod asin;
pub use asin::*;

// One product model and the normalizers of both APIs' answers.
mod item;
pub use item::*;

mod normalize;
pub use normalize::*;

// PA-API 5.0: AWS Signature Version 4 and the request builders.
mod date;
pub use date::*;

mod sigv4;
pub use sigv4::*;

mod sigv4_key;
pub use sigv4_key::*;

mod paapi;
pub use paapi::*;

// Product templates (`{{ Placeholder }}`), rendered from stored product data.
#[cfg(feature = "templates")]
mod template;
#[cfg(feature = "templates")]
pub use template::*;
