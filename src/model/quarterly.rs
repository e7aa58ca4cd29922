//! The quarterly indicator campaign's own data (Công văn 1371/BHXH-TĐKT):
//! the merged indicator figures of a unit, and the nominations the campaign
//! leaves to judgement (mục B.III.1 and B.IV.2.c): central units nominated
//! for the collective award, and collectives and individuals outside the
//! sector proposed by Ban Quản lý Thu - Sổ, Thẻ. What the sheets say, and
//! what the run made of each line. Plain data, shared by ingest, award and
//! render.

use super::num::Num;
use super::outcome::DecisionKind;
use super::problem::{Location, Name};
use super::sorted::SortedMap;
use super::unit::UnitId;
use serde::Serialize;

/// The figures of one unit for the period, merged from every input file.
#[derive(Clone, Debug, Default, Serialize)]
pub struct UnitFigures {
    pub unit: UnitId,
    /// Indicator key (as in the rules file, e.g. `bhxh_tn.luy_ke`) → value.
    /// The keys are shared, not copied: every unit has the same few dozen,
    /// and a national run keeps about 27 000 figures for two years.
    pub values: SortedMap<Name, Num>,
    /// Indicator key → the cell it was read from.
    pub sources: SortedMap<Name, Location>,
}

/// Kind 7: a central unit nominated, as its line says.
#[derive(Clone, Debug, Serialize)]
pub struct CentralRow {
    pub unit: UnitId,
    pub achievement: String,
    /// The department that proposes it (Ban Quản lý Thu - Sổ, Thẻ …).
    pub proposer: String,
    /// The proposer's order of priority, when the sheet gives one.
    pub priority: Option<u32>,
    /// The cell of the unit's name.
    pub at: Location,
}

/// Kind 8: a collective or individual outside the sector (mục B.IV.2.c).
#[derive(Clone, Debug, Serialize)]
pub struct OutsideRow {
    pub name: String,
    /// Position and workplace, or address of a collective.
    pub position: String,
    pub achievement: String,
    pub proposer: String,
    /// The form asked for, as written (may be blank).
    pub form: String,
    pub at: Location,
}

/// What became of one nomination.
#[derive(Clone, Debug, Serialize)]
pub struct Nomination {
    /// "don-vi-truc-thuoc" (central unit) or "ngoai-nganh" (outside the sector).
    pub kind: String,
    /// The unit, for a central unit.
    pub unit: Option<UnitId>,
    pub name: String,
    pub position: String,
    pub achievement: String,
    pub proposer: String,
    pub award_name: String,
    pub decision: DecisionKind,
    /// The proposer's order of priority, when given.
    pub priority: Option<u32>,
    pub reason: String,
    pub source: Location,
}
