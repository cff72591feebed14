//! `asa2-sandbox`: a local stand-in for Amazon used by the demo, the integration and browser
//! tests, and by site owners trying the plugin before their credentials arrive.
//!
//! It serves every Amazon host under `{base}/{host}{path}` (what the core's API base override
//! produces): the six Creators API token endpoints (Cognito 2.x, LWA 3.x), the Creators API
//! catalog operations, and PA-API 5.0 with AWS SigV4 checked by the `aws-sigv4` crate. Products
//! are generated deterministically from a seed, the ASIN and the marketplace. Rate limits,
//! latency, failures, outages and ineligible accounts can be switched on by configuration, flags
//! or `POST /__sandbox/config`.
//!
//! ```no_run
//! let sandbox = asa2_sandbox::Sandbox::start(asa2_sandbox::SandboxConfig {
//!     port: 0,
//!     ..asa2_sandbox::SandboxConfig::demo()
//! })
//! .unwrap();
//! println!("define( 'ASA2_API_BASE', '{}' );", sandbox.url());
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs, unreachable_pub)]

mod admin;
mod catalog;
pub mod cli;
mod config;
mod creators;
mod http;
mod locale;
mod operations;
mod paapi;
mod render;
mod request;
mod router;
mod server;
mod sigv4_check;
mod state;
mod tokens;

pub use config::{ConfigError, CreatorsCredential, PaapiKey, SandboxConfig, Settings};
pub use server::{Sandbox, StartError};
