//! The Excel summary `tong-hop.xlsx` (SPEC §6), written with rust_xlsxwriter.
//!
//! OWNER: xlsx helper. Interface: `write_summary`.

use crate::model::RunResult;
use std::path::Path;

pub fn write_summary(_result: &RunResult, _rules: &crate::rules::Rules, _path: &Path) -> anyhow::Result<()> {
    unimplemented!("xlsx helper")
}
