//! `ket-qua.json`: the results, machine-readable (documented in README.md).

use crate::model::RunResult;
use std::path::Path;

pub fn to_json(result: &RunResult) -> String {
    serde_json::to_string_pretty(result).expect("results serialise")
}

pub fn write(result: &RunResult, path: &Path) -> std::io::Result<()> {
    let mut s = to_json(result);
    s.push('\n');
    std::fs::write(path, s)
}
