//! The documents of the nominations of Công văn
//! 1371/BHXH-TĐKT: individuals (mục B.III.3, B.IV.1.b, B.IV.2.b), central
//! units (mục B.III.1) and proposals from outside the sector (mục B.IV.2.c).
//!
//! - The Tờ trình gains the list from outside the sector, marked as Ban
//!   Quản lý Thu - Sổ, Thẻ's proposal, and an annex of the people the units
//!   proposed and the Tờ trình does not carry (beyond their quota, without
//!   an award of their unit, or not decided for an error in their line),
//!   each with the reason and the arithmetic.
//! - Each proposed individual and each central unit put forward gets a Báo
//!   cáo tóm tắt thành tích (mục B.V.2), from the achievement written in the
//!   list and the unit's results, signed by the head of the unit.
//! - Their sheets in `tong-hop.xlsx` are written by `render::people_sheets`,
//!   shared with the annual review's list of individuals.

use super::dossier::Context;
use crate::award::quarterly::evaluate::show_rate;
use crate::model::quarterly::Nomination;
use crate::model::{Decision, DecisionKind, IndividualDecision, RunResult};
use crate::render::fill::BLANK;
use serde_json::{json, Map, Value};

/// Template of the individuals' and central units' reports.
pub const TEMPLATE: &str = "bao-cao-tom-tat-ca-nhan.docx";

fn forward(kind: DecisionKind) -> bool {
    matches!(kind, DecisionKind::Proposed | DecisionKind::Candidate | DecisionKind::TiedAtQuota)
}

/// The achievement summary of a nominated collective (a central unit), for
/// the Tờ trình's table; empty for any other decision.
pub fn nominated_achievement(result: &RunResult, d: &Decision) -> String {
    let Some(n) = result.nominations.iter().find(|n| n.unit.as_deref() == Some(d.unit.as_str()) && n.kind == "don-vi-truc-thuoc") else {
        return String::new();
    };
    let mut s = if n.achievement.trim().is_empty() { BLANK.to_string() } else { n.achievement.trim().to_string() };
    if !n.proposer.trim().is_empty() {
        s.push_str(&format!(" ({} đề xuất)", n.proposer.trim()));
    }
    if d.kind == DecisionKind::TiedAtQuota {
        s.push_str("; vượt số lượng tối đa, đề nghị Hội đồng xem xét, lựa chọn");
    }
    s
}

/// What the Tờ trình adds: the proposals from outside the sector and the
/// annex of individuals not proposed.
pub fn to_trinh_extra(ctx: &Context, m: &mut Map<String, Value>) {
    let r = ctx.result;
    let nr = ctx.rules.file.nominations.as_ref();
    let outside: Vec<&Nomination> =
        r.nominations.iter().filter(|n| n.kind == "ngoai-nganh" && n.decision == DecisionKind::Proposed).collect();
    let rows: Vec<Value> = outside
        .iter()
        .enumerate()
        .map(|(i, n)| {
            json!({
                "stt": i + 1,
                "ten": n.name,
                "chuc_vu": if n.position.trim().is_empty() { BLANK.to_string() } else { n.position.clone() },
                "hinh_thuc": n.award_name,
                "thanh_tich": if n.achievement.trim().is_empty() { BLANK.to_string() } else { n.achievement.clone() },
                "de_xuat": n.proposer,
            })
        })
        .collect();
    m.insert("co_ngoai_nganh".into(), json!(!rows.is_empty()));
    // Its heading follows the collectives (1) and, when listed, the individuals (2).
    let people = m.get("co_ca_nhan").and_then(|v| v.as_bool()).unwrap_or(false);
    m.insert("muc_ngoai_nganh".into(), json!(if people { "III" } else { "II" }));
    m.insert("tong_ngoai_nganh".into(), json!(rows.len()));
    m.insert(
        "ngoai_nganh_can_cu".into(),
        json!(nr
            .map(|n| format!("Theo đề xuất của {} ({}), không áp dụng số lượng tối đa", n.outside_proposer, n.outside_clause))
            .unwrap_or_default()),
    );
    m.insert("ngoai_nganh".into(), Value::Array(rows));
    // The annex: people the units listed who are not proposed, with why.
    // Everyone a member unit listed and the Tờ trình does not carry: past
    // the quota, unit not awarded or not yet decided, or the person not yet
    // decided (a form the campaign does not give, no quota in the rules).
    // A line out of the scope or a second line for one person is not a
    // proposal of this cluster's members (bao-loi names both).
    let listed: Vec<&IndividualDecision> = r
        .individuals
        .iter()
        .filter(|i| {
            matches!(i.kind, DecisionKind::CutByQuota | DecisionKind::NotQualified | DecisionKind::NotAssessable | DecisionKind::Deferred)
        })
        .collect();
    // A reason shared by several rows is given in a few words in each, and
    // the rule behind it once under the table.
    let mut notes: Vec<String> = Vec::new();
    let annex: Vec<Value> = listed
        .iter()
        .enumerate()
        .map(|(k, i)| {
            let why = match &i.brief {
                Some((short, note)) => {
                    if !notes.contains(note) {
                        notes.push(note.clone());
                    }
                    crate::vn::text::upper_first(short)
                }
                None => i.reason.strip_prefix(&format!("{} ({}): ", i.full_name, i.unit_name)).unwrap_or(&i.reason).to_string(),
            };
            json!({
                "stt": k + 1,
                "ho_ten": i.full_name,
                "don_vi": i.unit_name,
                "ket_qua": annex_result(i.kind),
                "ly_do": why,
            })
        })
        .collect();
    m.insert("phu_luc_ghi_chu".into(), json!(notes));
    m.insert("co_phu_luc_ca_nhan".into(), json!(!annex.is_empty()));
    m.insert("tong_phu_luc_ca_nhan".into(), json!(crate::vn::format::count(annex.len())));
    m.insert("phu_luc_ca_nhan".into(), Value::Array(annex));
    let people = r.individuals.iter().any(|i| matches!(i.kind, DecisionKind::Proposed | DecisionKind::Candidate));
    if people {
        m.insert("kem_theo".into(), json!("(Có báo cáo tóm tắt thành tích của từng tập thể, cá nhân kèm theo.)"));
    }
}

/// What became of a person the annex lists, in the annex's words (the
/// person did not fail a criterion when the unit was not awarded).
fn annex_result(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::CutByQuota => "Ngoài số lượng",
        DecisionKind::NotQualified => "Không đủ điều kiện",
        DecisionKind::NotAssessable => "Chưa xác định được",
        _ => "Chưa xét",
    }
}

/// Individuals who get a report: those proposed or put forward.
pub fn report_people(result: &RunResult) -> Vec<&IndividualDecision> {
    result.individuals.iter().filter(|i| matches!(i.kind, DecisionKind::Proposed | DecisionKind::Candidate)).collect()
}

/// Central units put forward, with their nomination.
pub fn report_central(result: &RunResult) -> Vec<(&Decision, &Nomination)> {
    let key = result.nominations.iter().filter(|n| n.kind == "don-vi-truc-thuoc");
    let mut out = Vec::new();
    for n in key {
        if let Some(d) =
            result.decisions.iter().find(|d| Some(d.unit.as_str()) == n.unit.as_deref() && forward(d.kind) && n.decision == d.kind)
        {
            out.push((d, n));
        }
    }
    out
}

fn paragraphs(text: &str) -> Vec<String> {
    let v: Vec<String> =
        text.lines().map(|l| l.trim().trim_start_matches(['-', '+', '•']).trim().to_string()).filter(|l| !l.is_empty()).collect();
    if v.is_empty() {
        vec![BLANK.to_string()]
    } else {
        v
    }
}

fn letter(ctx: &Context, unit_id: &str, unit_name: &str, form: &str) -> Map<String, Value> {
    let mut m = ctx.common_fields("BC");
    let u = ctx.registry.unit(unit_id);
    m.insert("co_quan_chu_quan".into(), json!("BẢO HIỂM XÃ HỘI VIỆT NAM"));
    m.insert("co_quan".into(), json!(unit_name.replacen("BHXH", "Bảo hiểm xã hội", 1).to_uppercase()));
    m.insert("so_ky_hieu".into(), json!(format!("{BLANK}/{}", crate::render::fill::report_sign(u))));
    // Nghị định 30/2020, Phụ lục I: a provincial body dates from its
    // province; a central unit from Hà Nội.
    let place = u.map_or(BLANK.to_string(), crate::render::fill::place_name);
    m.insert("dong_ngay".into(), json!(ctx.date.line(&place)));
    // "Đề nghị tặng Bằng khen của Tổng Giám đốc …": a title keeps its capitals.
    let what = if form.starts_with("Bằng khen") || form.starts_with("Cờ thi đua") {
        format!("tặng {form}")
    } else {
        crate::award::quarterly::select::lower(form)
    };
    m.insert("trich_yeu".into(), json!(format!("Đề nghị {what} {}", ctx.result.period_label)));
    m.insert("hinh_thuc".into(), json!(form));
    let head = match u.map(|u| u.level) {
        Some(crate::model::Level::Central) => "THỦ TRƯỞNG ĐƠN VỊ",
        _ => "GIÁM ĐỐC",
    };
    m.insert("nguoi_ky".into(), json!({"quyen_han": "", "chuc_vu": head, "ho_ten": BLANK}));
    m.insert("noi_nhan".into(), json!(["Vụ Thi đua - Khen thưởng", "Lưu: VT"]));
    m
}

/// The unit's results of the period, as lines: its awards, then each rate
/// of the achievement table.
fn unit_results(ctx: &Context, unit: &str) -> Vec<String> {
    let r = ctx.result;
    let mut out: Vec<String> = r
        .decisions
        .iter()
        .filter(|d| d.unit == unit && forward(d.kind))
        .map(|d| format!("Đơn vị được đề nghị {} {}", crate::award::quarterly::select::lower(&d.award_name), r.period_label))
        .collect();
    if let Some(u) = r.units.iter().find(|u| u.unit == unit) {
        for row in &ctx.rules.file.report_rows {
            let Some(key) = row.rate.as_ref().or(if row.percent { row.actual.as_ref() } else { None }) else { continue };
            if let Some(v) = u.measures.iter().find(|m| &m.key == key).and_then(|m| m.value) {
                let what = u.measures.iter().find(|m| &m.key == key).map(|m| m.name.clone()).unwrap_or_default();
                out.push(format!("{what}: {}", show_rate(&v, true, None)));
            }
        }
    }
    out
}

/// Báo cáo tóm tắt thành tích of one individual (mục B.V.2).
pub fn bao_cao_ca_nhan(ctx: &Context, i: &IndividualDecision) -> Value {
    let mut m = letter(ctx, &i.unit, &i.unit_name, &i.award);
    m.insert("ca_nhan".into(), json!(true));
    m.insert("ho_ten".into(), json!(i.full_name));
    m.insert("chuc_vu".into(), json!(if i.position.trim().is_empty() { BLANK.to_string() } else { i.position.clone() }));
    m.insert("don_vi".into(), json!(i.unit_name));
    m.insert("de_xuat".into(), json!(""));
    m.insert("thanh_tich".into(), json!(paragraphs(&i.achievements)));
    let res = unit_results(ctx, &i.unit);
    m.insert("co_ket_qua_don_vi".into(), json!(!res.is_empty()));
    m.insert("ket_qua_don_vi".into(), json!(res));
    m.insert(
        "can_cu".into(),
        json!(format!(
            "{}, mục B.III.3 (tiêu chí khen thưởng đối với cá nhân) và mục B.IV (số lượng lựa chọn khen thưởng)",
            ctx.result.rules_document
        )),
    );
    Value::Object(m)
}

/// Báo cáo tóm tắt thành tích of one central unit put forward (mục B.III.1).
pub fn bao_cao_don_vi(ctx: &Context, d: &Decision, n: &Nomination) -> Value {
    let mut m = letter(ctx, &d.unit, &d.name, &d.award_name);
    m.insert("ca_nhan".into(), json!(false));
    m.insert("ho_ten".into(), json!(""));
    m.insert("chuc_vu".into(), json!(""));
    m.insert("don_vi".into(), json!(d.name));
    m.insert("de_xuat".into(), json!(n.proposer.trim()));
    m.insert("thanh_tich".into(), json!(paragraphs(&n.achievement)));
    m.insert("co_ket_qua_don_vi".into(), json!(false));
    m.insert("ket_qua_don_vi".into(), json!(Vec::<String>::new()));
    m.insert(
        "can_cu".into(),
        json!(format!(
            "{}, mục B.III.1 (tiêu chí khen thưởng đối với tập thể là các đơn vị trực thuộc BHXH Việt Nam) và mục B.IV (số lượng lựa chọn khen thưởng)",
            ctx.result.rules_document
        )),
    );
    Value::Object(m)
}

/// The extra reports of a quarterly dossier: (path under the output
/// folder, data), after the provinces' reports numbered up to `first - 1`.
pub fn report_jobs(ctx: &Context) -> Vec<(String, Value)> {
    let r = ctx.result;
    let mut out = Vec::new();
    let central = report_central(r);
    let names = crate::pipeline::output::unique_names(central.iter().map(|(d, _)| d.unit.as_str()));
    for (k, ((d, n), name)) in central.iter().zip(names).enumerate() {
        out.push((format!("ho-so/bao-cao-tom-tat-don-vi-truc-thuoc/{:02}-{name}.docx", k + 1), bao_cao_don_vi(ctx, d, n)));
    }
    let people = report_people(r);
    let keys: Vec<String> = people.iter().map(|i| format!("{}-{}", i.unit, i.full_name)).collect();
    let names = crate::pipeline::output::unique_names(keys.iter().map(|s| s.as_str()));
    for (k, (i, name)) in people.iter().zip(names).enumerate() {
        out.push((format!("ho-so/bao-cao-tom-tat-ca-nhan/{:02}-{name}.docx", k + 1), bao_cao_ca_nhan(ctx, i)));
    }
    out
}
