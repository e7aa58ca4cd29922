//! The members' registration of targets (đăng ký chỉ tiêu thi đua, Hướng
//! dẫn 3636, mục A.II.3.1): for each unit and each quantitative target of
//! the covenant (`[[target]]` of the rules file), the figure registered for
//! the year and, optionally, for each quarter, each with the cell it was
//! read from. Plain data, shared by the reader (`ingest::registration`),
//! the comparison of results with what was registered, and the covenant.
//!
//! Quarterly figures follow the indicator sheet: an amount is cumulative
//! from the start of the year to the end of the quarter, a count of
//! participants is the count at the end of the quarter, a ratio is the
//! quarter's own.

use super::num::Num;
use super::problem::Location;
use super::unit::UnitId;
use serde::Serialize;
use std::collections::BTreeMap;

/// A registered figure and where it was typed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Registered {
    /// In the target's unit; a ratio as a fraction (0,9 % is 0.009).
    pub value: Num,
    pub at: Location,
}

/// What one unit registered for one target.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TargetEntry {
    /// Target id (`[[target]] id` of the rules file).
    pub target: String,
    pub year: Option<Registered>,
    /// Quý I … Quý IV.
    pub quarters: [Option<Registered>; 4],
    /// The row (its target-name cell).
    pub at: Location,
}

impl TargetEntry {
    /// The figure registered for the end of quarter `q` (1–4); for Quý IV
    /// of a cumulative amount or a count, the year's figure stands for it.
    pub fn for_quarter(&self, q: u8, kind: &str) -> Option<&Registered> {
        let i = (q.clamp(1, 4) - 1) as usize;
        self.quarters[i].as_ref().or(if q == 4 && kind != "rate" { self.year.as_ref() } else { None })
    }
    pub fn is_empty(&self) -> bool {
        self.year.is_none() && self.quarters.iter().all(Option::is_none)
    }
}

/// One unit's registration.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UnitRegistration {
    pub unit: UnitId,
    pub name: String,
    /// Target id → what was registered.
    pub targets: BTreeMap<String, TargetEntry>,
    /// The unit's first row.
    pub at: Location,
}

/// A registration table read from one sheet.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RegistrationSheet {
    /// The year registered for, from the title or the year column's header.
    pub year: Option<i32>,
    pub year_at: Option<Location>,
    pub at: Location,
    /// Units with at least one figure, in row order.
    pub units: Vec<UnitRegistration>,
    /// Units named on rows without any figure (a blank form sent back).
    pub blank_units: Vec<(UnitId, Location)>,
    /// (unit, target) rows left out for an error at one of their cells.
    pub rejected: Vec<(UnitId, String)>,
}

/// The registrations of one year, merged over every sheet: unit id →
/// target id → entry.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Registrations {
    pub year: i32,
    pub units: BTreeMap<UnitId, UnitRegistration>,
    /// (unit, target) registered with an error at a cell: not used, and
    /// never mistaken for "not registered".
    pub rejected: std::collections::BTreeSet<(UnitId, String)>,
}

impl Registrations {
    pub fn get(&self, unit: &str, target: &str) -> Option<&TargetEntry> {
        self.units.get(unit).and_then(|u| u.targets.get(target))
    }
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}

/// One result of the period set against what its unit registered, the
/// plan and the same period last year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub unit: UnitId,
    pub unit_name: String,
    pub cluster: String,
    pub target: String,
    pub target_name: String,
    /// "triệu đồng", "người", "%".
    pub unit_of_measure: String,
    /// "higher" or "lower" is better.
    pub better: String,
    /// The result to the end of the period (a ratio as a fraction).
    pub result: Option<Num>,
    pub plan: Option<Num>,
    pub last_year: Option<Num>,
    /// What the unit registered for the period: the quarter's figure, else
    /// the year's (`registered_for` says which).
    pub registered: Option<Num>,
    pub registered_for: Option<String>,
    pub registered_year: Option<Num>,
    pub registered_at: Option<Location>,
    /// "registered", "not-registered", or "rejected" (registered with an
    /// error at a cell: not used).
    pub registration: String,
    /// Result ÷ registered, ÷ plan, ÷ last year (amounts and counts only).
    pub vs_registered: Option<Num>,
    pub vs_plan: Option<Num>,
    pub vs_last_year: Option<Num>,
    /// Whether the result reaches what was registered (a ratio: stays at or
    /// under it); `None` without a usable registration or result.
    pub meets_registration: Option<bool>,
    /// The comparison in one Vietnamese sentence.
    pub note: String,
}

/// What a run read of the registrations: the year's, merged; last year's
/// when the inbox holds them; and, in a run over results, each result set
/// against them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RegistrationReport {
    pub year: i32,
    /// The document the targets follow ("Công văn số 1371/BHXH-TĐKT …").
    pub document: String,
    /// Blocks and clusters covered, in registry order.
    pub clusters: Vec<String>,
    pub registrations: Registrations,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<Registrations>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comparisons: Vec<Comparison>,
}
