//! What a run decides: measures, criteria met or missed, rankings, award
//! decisions with their reasons, quota use. Plain data, rendered by
//! `render::{xlsx, json, docx}`.

use super::num::Num;
use super::period::Period;
use super::problem::{Location, Name, Problem};
use super::unit::{ClusterId, UnitId};
use serde::Serialize;

/// Outcome of one test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Đạt.
    Met,
    /// Không đạt.
    Missed,
    /// Không xác định được: a figure is missing or a denominator is ≤ 0.
    /// Never counted as passing or failing (SPEC §11).
    NotAssessable,
}

impl Status {
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::Met => "Đạt",
            Status::Missed => "Không đạt",
            Status::NotAssessable => "Không xác định được",
        }
    }
}

/// A computed measure (a rate) of one unit.
#[derive(Clone, Debug, Serialize)]
pub struct MeasureValue {
    pub key: String,
    pub name: String,
    /// `None` when it cannot be computed; `note` says why.
    pub value: Option<Num>,
    /// Shown as a percentage.
    pub percent: bool,
    pub note: Option<String>,
}

/// One criterion of the rules file applied to one unit.
#[derive(Clone, Debug, Serialize)]
pub struct CriterionResult {
    pub id: String,
    pub name: String,
    pub status: Status,
    /// The unit's value (a rate), when known.
    pub actual: Option<Num>,
    /// The bound it was compared with, when known.
    pub bound: Option<Num>,
    /// Comparison written out: ">=" or "<=".
    pub op: String,
    pub percent: bool,
    /// Full Vietnamese sentence citing the figure and the clause.
    pub reason: String,
    pub clause: String,
}

/// One unit's evaluation for the period.
#[derive(Clone, Debug, Serialize)]
pub struct UnitResult {
    pub unit: UnitId,
    pub name: String,
    pub cluster: ClusterId,
    pub cluster_name: String,
    pub figures: super::SortedMap<Name, Num>,
    pub measures: Vec<MeasureValue>,
    pub criteria: Vec<CriterionResult>,
    /// Some input about this unit had an error; its results are marked.
    pub has_input_errors: bool,
}

/// One line of a ranking.
#[derive(Clone, Debug, Serialize)]
pub struct RankEntry {
    pub unit: UnitId,
    pub name: String,
    /// 1-based; equal for units that no tie-breaker separates. `None` when
    /// the ranking measure cannot be computed for the unit.
    pub rank: Option<u32>,
    pub value: Option<Num>,
    /// Values of the tie-breakers, in order.
    pub tie_breakers: Vec<Option<Num>>,
    /// Shares its rank with another unit (đồng hạng).
    pub tied: bool,
    /// Whether the tie-breaker decided its place against a neighbour; for
    /// a unit kept out of the ranking, why.
    pub note: Option<String>,
    /// "Không xét" / "Chưa xét" / "Không xác định được": a member kept in
    /// the table for information but not ranked (SPEC §11).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standing: Option<String>,
}

/// A ranking of units by one measure within one scope.
#[derive(Clone, Debug, Serialize)]
pub struct Ranking {
    pub id: String,
    pub title: String,
    /// Cluster id, or `toan-quoc` for the whole country.
    pub scope: String,
    pub scope_name: String,
    pub measure: String,
    pub measure_name: String,
    pub percent: bool,
    pub tie_breaker_names: Vec<String>,
    /// Whether each tie-breaker is a rate (shown as a percentage) or points.
    pub tie_breaker_percent: Vec<bool>,
    pub entries: Vec<RankEntry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionKind {
    /// Đề nghị khen thưởng.
    Proposed,
    /// Đủ tiêu chí, within the quota at this level; proposed to the next level.
    Candidate,
    /// Đủ tiêu chí but cut by a quota.
    CutByQuota,
    /// Đủ tiêu chí, tied at the edge of the quota: left to the council.
    TiedAtQuota,
    /// Đủ tiêu chí but already proposed for another award of higher priority.
    TakenByOtherAward,
    /// Không đạt tiêu chí.
    NotQualified,
    /// Không xác định được: missing figures.
    NotAssessable,
    /// Không xét (excluded) — annual review.
    Excluded,
    /// Chưa xét (deferred) — annual review.
    Deferred,
}

impl DecisionKind {
    pub fn label_vi(self) -> &'static str {
        match self {
            DecisionKind::Proposed => "Đề nghị khen thưởng",
            DecisionKind::Candidate => "Đủ tiêu chí, đề nghị cấp trên xét",
            DecisionKind::CutByQuota => "Đủ tiêu chí, ngoài số lượng",
            DecisionKind::TiedAtQuota => "Đồng hạng tại giới hạn số lượng",
            DecisionKind::TakenByOtherAward => "Đã đề nghị hình thức khác",
            DecisionKind::NotQualified => "Không đạt tiêu chí",
            DecisionKind::NotAssessable => "Không xác định được",
            DecisionKind::Excluded => "Không xét",
            DecisionKind::Deferred => "Chưa xét",
        }
    }
}

/// A decision about one unit for one award, with its reason.
#[derive(Clone, Debug, Serialize)]
pub struct Decision {
    pub unit: UnitId,
    pub name: String,
    pub award: String,
    pub award_name: String,
    pub kind: DecisionKind,
    /// Place among the qualified units for this award, when qualified.
    pub rank: Option<u32>,
    /// Vietnamese sentence with the figures and the clause.
    pub reason: String,
    pub clauses: Vec<String>,
}

/// How an award's quota was used at the level of this run.
#[derive(Clone, Debug, Serialize)]
pub struct QuotaReport {
    pub award: String,
    pub award_name: String,
    pub scope: String,
    pub limit: u32,
    pub qualified: u32,
    pub proposed: Vec<UnitId>,
    pub cut: Vec<UnitId>,
    /// Units tied at the edge of the quota, for the council to decide.
    pub tied_at_edge: Vec<UnitId>,
    pub clause: String,
    /// Whether the quota was applied at this level (national) or only
    /// reported (a cluster proposes to the national review).
    pub applied: bool,
    pub note: String,
    /// The note as a signed document says it: in words, without the
    /// arithmetic the console and the summary show (empty: the note is
    /// already in words).
    #[serde(skip)]
    pub worded: String,
}

impl QuotaReport {
    /// The note for a document's text.
    pub fn document_note(&self) -> &str {
        if self.worded.is_empty() {
            &self.note
        } else {
            &self.worded
        }
    }

    /// One line for the console: "Tập thể xuất sắc toàn diện: 5 đủ điều
    /// kiện, đề nghị 3/3, loại do hạn mức 2".
    pub fn summary_vi(&self) -> String {
        let mut s = format!("{}: {} đủ điều kiện", self.award_name, self.qualified);
        if self.applied {
            s.push_str(&format!(", đề nghị {}/{}", self.proposed.len(), self.limit));
            if !self.cut.is_empty() {
                s.push_str(&format!(", loại do hạn mức {}", self.cut.len()));
            }
        } else {
            s.push_str(&format!(", đề xuất lên xét chung {}", self.proposed.len()));
        }
        if !self.tied_at_edge.is_empty() {
            s.push_str(&format!(", đồng hạng tại hạn mức {} (Hội đồng quyết định)", self.tied_at_edge.len()));
        }
        s
    }
}

/// An individual proposed by a unit (SPEC §4 kind 5) and what became of it.
#[derive(Clone, Debug, Serialize)]
pub struct IndividualDecision {
    pub full_name: String,
    pub position: String,
    pub unit: UnitId,
    pub unit_name: String,
    pub award: String,
    pub achievements: String,
    pub kind: DecisionKind,
    pub reason: String,
    pub source: Location,
    /// For a person a document lists as not proposed: the reason in a few
    /// words, and the rule behind it, which the document states once under
    /// its table rather than in every row (empty: `reason` is given whole).
    #[serde(skip)]
    pub brief: Option<(String, String)>,
}

/// The scope of a run: one block or cluster, one province's district
/// clusters, or the whole country.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Scope {
    Cluster { id: ClusterId, name: String },
    Province { id: UnitId, name: String },
    National,
}

impl Scope {
    pub fn name_vi(&self) -> String {
        match self {
            Scope::Cluster { name, .. } | Scope::Province { name, .. } => name.clone(),
            Scope::National => "Toàn quốc".into(),
        }
    }
}

/// Everything a run produces, before rendering.
#[derive(Clone, Debug, Serialize)]
pub struct RunResult {
    pub tool_version: String,
    /// The registry edition the run used (SPEC §12): name, document, years.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<super::unit::Edition>,
    pub campaign: String,
    pub campaign_name: String,
    /// The document that sets the rules, e.g. "Công văn 1371/BHXH-TĐKT ngày 24/5/2022".
    pub rules_document: String,
    pub period: Period,
    pub period_label: String,
    pub scope: Scope,
    pub units: Vec<UnitResult>,
    pub rankings: Vec<Ranking>,
    pub decisions: Vec<Decision>,
    pub quotas: Vec<QuotaReport>,
    pub individuals: Vec<IndividualDecision>,
    pub problems: Vec<Problem>,
    /// The annual review of each block or cluster (Hướng dẫn 3636), empty
    /// for a quarterly campaign.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub annual: Vec<super::annual::ClusterReview>,
    /// Central units nominated and proposals from outside the sector
    /// (Công văn 1371, mục B.III.1, B.IV.2.c), with what became of each.
    pub nominations: Vec<super::quarterly::Nomination>,
    /// The members' registration of targets (Hướng dẫn 3636, mục A.II.3.1),
    /// and each result set against it, when the inbox holds registrations.
    #[serde(skip_serializing_if = "Option::is_none", rename = "dang_ky")]
    pub registration: Option<super::registration::RegistrationReport>,
}
