//! PA-API 5.0 answers of every operation, alone and as whole HTTP answers.
#![no_main]

#[allow(dead_code)]
#[path = "../src/entry_points.rs"]
mod entry_points;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entry_points::normalize_paapi_answer(data));
