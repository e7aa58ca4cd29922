//! Reading the inbox (SPEC §4, §10): every workbook, every sheet, its kind
//! recognised from its header rows.
//!
//! OWNER: ingest helper. Interface: `read_inbox`.

use crate::model::{Location, Period, Problem, UnitFigures, UnitId};
use crate::registry::Registry;
use crate::rules::Rules;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One file found in the inbox.
#[derive(Clone, Debug, serde::Serialize)]
pub struct InputFile {
    /// Relative to the inbox, `/`-separated.
    pub path: String,
    #[serde(skip)]
    pub abs_path: PathBuf,
    pub sha256: String,
    pub bytes: u64,
    /// What was found in it: "chi-tieu" (indicators), "bo-qua" (skipped) …
    pub kinds: Vec<String>,
    /// Read, or skipped with the reason.
    pub status: String,
}

/// What the inbox held.
#[derive(Debug, Default)]
pub struct Inbox {
    pub files: Vec<InputFile>,
    /// Merged indicator figures per unit (SPEC §4 kind 1).
    pub indicators: BTreeMap<UnitId, UnitFigures>,
    /// Periods named in titles ("Quý III/2022"), with where they were read.
    pub period_hints: Vec<(Period, Location)>,
    pub problems: Vec<Problem>,
}

/// Read every workbook under `dir`.
pub fn read_inbox(_dir: &Path, _registry: &Registry, _rules: &Rules) -> Inbox {
    unimplemented!("ingest helper")
}
