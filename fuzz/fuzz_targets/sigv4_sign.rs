//! SigV4 signing of arbitrary requests (AWS test-suite `.req` format).
#![no_main]

#[allow(dead_code)]
#[path = "../src/entry_points.rs"]
mod entry_points;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entry_points::sigv4_sign(data));
