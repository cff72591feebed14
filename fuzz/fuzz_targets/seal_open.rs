//! Opening arbitrary sealed-secret values, and sealing arbitrary text.
#![no_main]

#[allow(dead_code)]
#[path = "../src/entry_points.rs"]
mod entry_points;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entry_points::seal_open(data));
