//! Replays saved fuzz inputs through the fuzz targets' own entry points
//! (`fuzz/src/entry_points.rs`), so an input that once crashed a target is checked by every
//! `cargo test`:
//! - `tests/fuzz-regressions/<target>/*`: inputs that crashed a target (`make fuzz` saves them);
//! - `fuzz/seeds/<target>/*`: the hand-made seeds every target starts from.
//!
//! Folder names must be target names; a folder for an unknown target fails the test.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

#[path = "../../../fuzz/src/entry_points.rs"]
mod entry_points;

use entry_points::TARGETS;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files of `dir` (not hidden, not README), sorted; none when `dir` is missing.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            !name.starts_with('.') && !name.eq_ignore_ascii_case("README.md")
        })
        .collect();
    files.sort();
    files
}

/// Target folders below `root` must all name a target.
fn check_folder_names(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        if entry.path().is_dir() {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                TARGETS.iter().any(|(t, _)| *t == name),
                "{}: `{name}` is not a fuzz target (known: {:?})",
                root.display(),
                TARGETS.iter().map(|(t, _)| *t).collect::<Vec<_>>()
            );
        }
    }
}

/// Replays every input of `root/<target>/`; returns how many ran and the failures.
fn replay(root: &Path) -> (usize, Vec<String>) {
    let mut ran = 0;
    let mut failures = Vec::new();
    for (target, entry) in TARGETS {
        for file in inputs(&root.join(target)) {
            let data = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            ran += 1;
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| entry(&data))) {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_string()))
                    .unwrap_or_default();
                failures.push(format!("{target}: {}: {message}", file.display()));
            }
        }
    }
    (ran, failures)
}

#[test]
fn saved_crash_inputs_no_longer_crash() {
    let root = manifest_dir().join("tests/fuzz-regressions");
    check_folder_names(&root);
    let (ran, failures) = replay(&root);
    assert!(
        failures.is_empty(),
        "{} of {ran} regression inputs fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_target_runs_its_seeds() {
    let root = manifest_dir().join("../../fuzz/seeds");
    check_folder_names(&root);
    for (target, _) in TARGETS {
        assert!(
            !inputs(&root.join(target)).is_empty(),
            "fuzz/seeds/{target}/ has no seed input"
        );
    }
    let (ran, failures) = replay(&root);
    assert!(ran >= TARGETS.len());
    assert!(
        failures.is_empty(),
        "{} of {ran} seed inputs fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
