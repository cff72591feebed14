//! Token endpoint answers (Cognito and LWA), with every status.
#![no_main]

#[allow(dead_code)]
#[path = "../src/entry_points.rs"]
mod entry_points;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entry_points::token_parse(data));
