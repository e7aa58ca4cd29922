//! The rules file, as read from TOML (SPEC §5, §11). One file per campaign
//! under `templates/rules/`. Every threshold, quota and formula lives here:
//! the Rust code holds none of them.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    pub campaign: Campaign,
    /// Named constants usable in formulas (e.g. `dung_sai = "0.05"`), each a
    /// decimal string so that it is exact.
    #[serde(default)]
    pub params: BTreeMap<String, Param>,
    /// Per-period threshold, usable in formulas as `nguong`.
    #[serde(default)]
    pub thresholds: Option<Thresholds>,
    /// Input columns of the indicator sheet (SPEC §10 kind 1).
    #[serde(default, rename = "indicator")]
    pub indicators: Vec<IndicatorDef>,
    /// Computed rates.
    #[serde(default, rename = "measure")]
    pub measures: Vec<MeasureDef>,
    /// Tests a unit must pass.
    #[serde(default, rename = "criterion")]
    pub criteria: Vec<CriterionDef>,
    /// Rankings shown in the summary (dẫn đầu by field).
    #[serde(default, rename = "ranking")]
    pub rankings: Vec<RankingDef>,
    #[serde(default, rename = "award")]
    pub awards: Vec<AwardDef>,
    /// Quotas on collectives that are not tied to one computed award
    /// (e.g. central units per quarter).
    #[serde(default, rename = "quota")]
    pub quotas: Vec<QuotaDef>,
    /// How individuals proposed by a unit are capped.
    #[serde(default, rename = "individual_quota")]
    pub individual_quotas: Vec<IndividualQuotaDef>,
    /// Settings of SPEC §11 that have a default reading.
    #[serde(default)]
    pub reading: Reading,
    /// Rows of the indicator table in a unit's achievement report.
    #[serde(default, rename = "report_row")]
    pub report_rows: Vec<ReportRow>,
    /// Who issues and signs the dossier at each scope.
    #[serde(default, rename = "issuer")]
    pub issuers: Vec<Issuer>,
    /// Nominations the campaign leaves to judgement: individuals, central
    /// units, proposals from outside the sector (see `award::quarterly::central`).
    #[serde(default)]
    pub nominations: Option<NominationRules>,
    /// The quantitative targets members register and sign in the covenant
    /// (Hướng dẫn 3636, mục A.II.1.2 and A.II.3.1); see `model::registration`.
    #[serde(default, rename = "target")]
    pub targets: Vec<TargetDef>,
}

/// A quantitative target of the covenant: what a member registers for the
/// year and by quarter, and the figures of the indicator sheet it is
/// compared with.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetDef {
    pub id: String,
    /// As printed in the registration form and the covenant.
    pub name: String,
    /// Other ways a member writes it in its registration.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// "triệu đồng", "người", "%".
    pub unit: String,
    /// The indicator holding the year plan assigned (kế hoạch giao).
    pub plan: String,
    /// The indicator or measure holding the result to the end of a period.
    pub result: String,
    /// The indicator holding the same period last year, if any.
    #[serde(default)]
    pub last_year: Option<String>,
    /// "higher" (more is better) or "lower" (a ratio to keep down).
    pub better: String,
    /// "cumulative" (an amount from the start of the year: quarters never
    /// go down and Quý IV is the year), "stock" (a count at the end of the
    /// quarter: Quý IV is the year), or "rate" (a ratio of the quarter).
    pub kind: String,
    pub clause: String,
}

/// How individuals and nominated collectives are read and decided
/// (Công văn 1371, mục B.III.1, B.III.3, B.IV).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NominationRules {
    /// The forms an individual may be proposed for, by period kind
    /// ("quarter", "year"): the official name first.
    pub individual_forms: BTreeMap<String, String>,
    /// Other ways units write that form ("Bằng khen", "Bằng khen TGĐ").
    #[serde(default)]
    pub individual_form_aliases: Vec<String>,
    pub individual_forms_clause: String,
    /// How a unit's candidates are taken under its quota, stated as the rule.
    pub individual_order_clause: String,
    /// The clause of the individuals' quota for each period kind.
    #[serde(default)]
    pub individual_quota_clauses: BTreeMap<String, String>,
    /// The award to central units: its name, clause and quota id.
    pub central_award: String,
    pub central_award_name: String,
    pub central_clause: String,
    pub central_quota: String,
    /// Proposals from outside the sector: who proposes, under which clause,
    /// and in which period kinds.
    pub outside_proposer: String,
    pub outside_clause: String,
    #[serde(default)]
    pub outside_periods: Vec<String>,
}

/// One line of "kết quả thực hiện chỉ tiêu" in an achievement report. Keys
/// are indicator or measure keys.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportRow {
    pub name: String,
    pub unit: String,
    pub plan: Option<String>,
    pub actual: Option<String>,
    pub rate: Option<String>,
    pub last_year: Option<String>,
    pub yoy: Option<String>,
    /// Plan and actual are ratios shown as percentages.
    #[serde(default)]
    pub percent: bool,
}

/// The body that issues the dossier for a scope ("national", "cluster").
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    pub scope: String,
    /// Parent body, upper case: "BẢO HIỂM XÃ HỘI VIỆT NAM".
    pub parent: String,
    /// The body itself; `{cum}` is replaced by the cluster's name in upper case.
    pub body: String,
    /// The body in running text: "Vụ Thi đua - Khen thưởng", "{cum}".
    pub name: String,
    /// Short sign used after the document kind: "TĐKT" → "…/TTr-TĐKT".
    pub sign: String,
    pub place: String,
    /// "Kính gửi" of the Tờ trình.
    pub to: String,
    pub signer_authority: String,
    pub signer_title: String,
    pub recipients: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    pub id: String,
    /// Which engine evaluates it: "quarterly" (indicator campaign) or "annual" (3636 review).
    pub kind: String,
    pub name: String,
    /// Full citation: "Công văn 1371/BHXH-TĐKT ngày 24/5/2022 của BHXH Việt Nam".
    pub document: String,
    /// Short citation used inside reasons: "Công văn 1371/BHXH-TĐKT".
    pub short: String,
    pub year: i32,
    /// Quarters the campaign covers; a run for another period is refused.
    #[serde(default)]
    pub quarters: Vec<u8>,
    pub quarters_clause: Option<String>,
    /// A year run uses this quarter's figures ("kết quả quý 4 là thành tích cả năm").
    pub year_uses_quarter: Option<u8>,
    pub year_clause: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    pub value: String,
    pub name: String,
    /// Words after the value where a reason shows it ("dung sai 5 % của
    /// chỉ tiêu": the tolerance is a share of the target).
    #[serde(default)]
    pub after: String,
    pub clause: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Period key ("Q2", "Q3", "Q4") → decimal string ("0.715").
    pub by_period: BTreeMap<String, String>,
    pub clause: String,
}

/// One input column. A header matches when its folded text equals one of
/// `headers` (optionally with the parenthesised unit), and its group (the
/// merged cell above, or the part before " - " in the same cell) equals one
/// of `groups`. An indicator with no groups matches a header with no group.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub groups: Vec<String>,
    pub headers: Vec<String>,
    /// "triệu đồng", "người", "%".
    pub unit: String,
    /// Read as a fraction: "45,5%", 45,5 and 0,455 all give 0.455.
    #[serde(default)]
    pub percent: bool,
    /// Whether a row without this figure is a problem to report.
    #[serde(default = "yes")]
    pub required: bool,
    /// The plausible range of a value (SPEC §13): outside it, the cell is
    /// an error and the figure is not used. For a rate, as fractions; a
    /// bare number is then read as percent units ("45,5" = 45,5 %) or as a
    /// fraction ("0,455") by which reading falls in this range.
    #[serde(default)]
    pub range: Option<[f64; 2]>,
    /// Why the range is what it is, in the officer's words.
    #[serde(default)]
    pub range_reason: Option<String>,
    /// Another indicator of the same row, in the same unit of measure, that
    /// this one is normally of a size with (collected and due), and how
    /// many times apart the two may be: further apart, one was typed in
    /// another unit (tỷ đồng, đồng) (`ingest::quarterly::indicators`).
    #[serde(default)]
    pub same_size: Option<SameSize>,
}

/// `same_size = { with = "cham_dong.phai_thu", within = 100.0 }`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SameSize {
    pub with: String,
    pub within: f64,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureDef {
    pub key: String,
    pub name: String,
    /// Arithmetic over indicator keys, params and `nguong`: + - * / ( ).
    /// A division by a value ≤ 0 makes the measure "không xác định được".
    pub formula: String,
    #[serde(default)]
    pub percent: bool,
    pub clause: String,
    /// The plausible range of the computed value (fractions for a rate).
    /// Outside it the figures behind it are in error and the measure is
    /// "không xác định được" (SPEC §13). Every measure of a quarterly
    /// campaign has one.
    #[serde(default)]
    pub range: Option<[f64; 2]>,
    /// Why the range is what it is, in the officer's words.
    #[serde(default)]
    pub range_reason: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionDef {
    pub id: String,
    pub name: String,
    /// Short label for summaries: "thu", "BHXH tự nguyện".
    pub short: String,
    /// Measure key compared.
    pub measure: String,
    /// ">=" or "<=".
    pub op: String,
    /// Formula for the bound ("nguong", "cham_dong.chi_tieu * (1 + dung_sai)").
    pub bound: String,
    pub clause: String,
    /// How the bound is described in reasons: "ngưỡng", "giới hạn".
    #[serde(default = "default_bound_name")]
    pub bound_name: String,
}

fn default_bound_name() -> String {
    "ngưỡng".into()
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankingDef {
    pub id: String,
    pub title: String,
    pub measure: String,
    /// "desc" (higher is better, default) or "asc".
    #[serde(default = "default_order")]
    pub order: String,
    #[serde(default)]
    pub tie_breakers: Vec<TieBreaker>,
    pub clause: String,
}

fn default_order() -> String {
    "desc".into()
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TieBreaker {
    pub measure: String,
    #[serde(default = "default_order")]
    pub order: String,
    pub clause: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardDef {
    pub id: String,
    pub name: String,
    /// Short name for tables: "Toàn diện", "BHXH bắt buộc".
    pub short: String,
    /// Level of the units it is for: "province", "central", "district".
    pub level: String,
    /// Criterion ids that must all be met.
    pub requires: Vec<String>,
    pub clause: String,
    pub rank_by: String,
    #[serde(default = "default_order")]
    pub order: String,
    #[serde(default)]
    pub tie_breakers: Vec<TieBreaker>,
    /// Awards evaluated first: a unit proposed for one of these is not also
    /// proposed for this one, and the next unit takes its place.
    #[serde(default)]
    pub not_with: Vec<String>,
    pub not_with_clause: Option<String>,
    /// Period kind ("quarter", "year") → maximum number of units proposed.
    pub quota: BTreeMap<String, u32>,
    pub quota_clause: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotaDef {
    pub id: String,
    pub name: String,
    pub level: String,
    pub quota: BTreeMap<String, u32>,
    pub clause: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndividualQuotaDef {
    /// Award id the unit was proposed for, or "central" for central units.
    pub award: String,
    pub per_unit: BTreeMap<String, u32>,
    pub clause: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// "exact" (default): rates are compared as exact fractions.
    #[serde(default = "default_exact")]
    pub comparison: String,
    pub comparison_clause: Option<String>,
    /// Decimals shown for rates.
    #[serde(default = "default_places")]
    pub display_places: u32,
    /// "report" (default): a tie at the edge of a quota is reported, never broken by input order.
    #[serde(default = "default_report")]
    pub unbroken_ties: String,
    pub unbroken_ties_clause: Option<String>,
    /// "cluster": in a run over one cluster, quotas are reported but not applied
    /// (the cluster proposes to the national review). "always": applied.
    #[serde(default = "default_cluster")]
    pub quotas_apply_at: String,
}

impl Default for Reading {
    fn default() -> Self {
        Reading {
            comparison: default_exact(),
            comparison_clause: None,
            display_places: default_places(),
            unbroken_ties: default_report(),
            unbroken_ties_clause: None,
            quotas_apply_at: default_cluster(),
        }
    }
}

fn default_exact() -> String {
    "exact".into()
}
fn default_places() -> u32 {
    2
}
fn default_report() -> String {
    "report".into()
}
fn default_cluster() -> String {
    "national".into()
}
