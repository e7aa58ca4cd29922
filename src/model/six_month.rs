//! Plain data of the head's progress documents (Hướng dẫn 3636, mục A.II):
//! the quarterly report of the quantitative targets (mục A.II.1.8) and the
//! six-month review (mục A.II.3.2.a). One table per target, one row per
//! member, each figure with its cell; rendered by `render::six_month` and
//! `render::quarterly_report`.

use super::annual::MeetingInfo;
use super::num::Num;
use super::period::Period;
use super::problem::Location;
use super::unit::{ClusterId, UnitId};
use serde::Serialize;

/// How a target is measured (Công văn 1371, mục B.II).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetKind {
    /// An amount collected from the start of the year (thu BHXH, BHTN, BHYT).
    Amount,
    /// Participants: the growth from 31/12 of last year against the growth
    /// the year's plan asks for (mục B.II.1.a).
    Participants,
    /// Late payments: amount late ÷ amount receivable, against the target
    /// ratio (mục B.II.3.a); lower is better.
    LateRatio,
}

/// Where one member stands on one target at the end of one quarter.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Point {
    /// Done since the start of the year: the amount collected, or the
    /// participants gained since 31/12 of last year; for late payments the
    /// ratio at the quarter's end.
    pub done: Option<Num>,
    /// What the year asks: the plan, or the participants to gain (plan −
    /// 31/12 of last year); for late payments the target ratio.
    pub plan: Option<Num>,
    /// done ÷ plan (not for late payments).
    pub rate: Option<Num>,
    /// The cumulative figure ÷ the same date last year.
    pub yoy: Option<Num>,
    /// The cumulative figure as typed (amount, or participants at the end).
    pub cumulative: Option<Num>,
    /// Why a value above is missing.
    pub note: Option<String>,
    /// The cell of the cumulative figure.
    pub at: Option<Location>,
}

/// One member's row of a target table.
#[derive(Clone, Debug, Serialize)]
pub struct ProgressRow {
    pub unit: UnitId,
    pub name: String,
    /// The earlier quarter (Quý I in a six-month review; the previous
    /// quarter in a quarterly report), when its figures were sent.
    pub earlier: Option<Point>,
    /// The quarter reported (Quý II / the current quarter).
    pub later: Option<Point>,
    /// What was done in the later quarter alone: later − earlier, only when
    /// both were given (never from a guessed 0).
    pub in_quarter: Option<Num>,
    /// What the member registered for the year, when its registration was
    /// read, and done ÷ registered.
    pub registered: Option<Num>,
    pub rate_registered: Option<Num>,
    /// What the member registered for the end of the quarter reported, and
    /// whether it is behind that (`None`: nothing registered for it).
    pub registered_quarter: Option<Num>,
    pub behind_registered: Option<bool>,
    /// Behind the period's progress mark (`None`: cannot be said).
    pub behind: Option<bool>,
}

/// One target's table.
#[derive(Clone, Debug, Serialize)]
pub struct TargetTable {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub kind: TargetKind,
    pub rows: Vec<ProgressRow>,
}

/// A new model or good practice a member reported.
#[derive(Clone, Debug, Serialize)]
pub struct NewModel {
    pub unit: UnitId,
    pub unit_name: String,
    pub text: String,
    /// Results or effect, when the sheet has such a column.
    pub effect: String,
    pub at: Location,
}

/// The progress of one block or cluster over two quarter-ends.
#[derive(Clone, Debug, Serialize)]
pub struct ClusterProgress {
    pub cluster: ClusterId,
    pub cluster_name: String,
    /// "Khối" or "Cụm".
    pub head_word: String,
    pub head: Option<String>,
    /// The place on the date line (Nghị định 30/2020, Phụ lục I, mục
    /// I.4.a): the head's, from the run's registry (the term of the year,
    /// else the head the meeting sheet names); `None` leaves it blank.
    pub place: Option<String>,
    pub period: Period,
    pub earlier_period: Period,
    pub later_period: Period,
    /// The share of the year's plan the period should reach, and its clause
    /// (`None`: the campaign sets none for that quarter).
    pub mark: Option<Num>,
    pub mark_clause: String,
    /// How the campaign's limit on the late-payment ratio is said, when it
    /// allows more than the target ("chỉ tiêu cộng dung sai 5 % …").
    pub late_limit: Option<String>,
    pub tables: Vec<TargetTable>,
    /// Members without figures for the earlier / later quarter.
    pub missing_earlier: Vec<String>,
    pub missing_later: Vec<String>,
    /// Whether any registration was read for the cluster.
    pub has_registration: bool,
    pub new_models: Vec<NewModel>,
    pub meeting: Option<MeetingInfo>,
}
