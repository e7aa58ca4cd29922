//! The data of the six-month review's documents (Hướng dẫn 3636, mục
//! A.II.3.2.a): the Báo cáo sơ kết 6 tháng of a block or cluster and the
//! short biên bản of its conference; and the progress tables the head's
//! quarterly report shares with them (`rows`). Facts the inputs do not give
//! are left as "……" for the officer to write, never invented.

use super::fill::{DocDate, BLANK};
use crate::model::annual::MeetingInfo;
use crate::model::six_month::{ClusterProgress, Point, ProgressRow, TargetKind, TargetTable};
use crate::model::Num;
use crate::rules::{Issuer, Rules};
use crate::vn::format::{format_figure, format_percent, format_percent_short};
use serde_json::{json, Map, Value};

/// The guidance every document of a block's or cluster's year cites.
pub const GUIDANCE: &str =
    "Hướng dẫn số 3636/HD-BHXH ngày 29/11/2022 của BHXH Việt Nam về tổ chức, hoạt động Khối, Cụm thi đua ngành BHXH Việt Nam";
/// Its words on the six-month conference (mục A.II.3.2.a).
pub const BEFORE_31_7: &str = "Thời gian tổ chức Hội nghị không quá 01 ngày và hoàn thành trước ngày 31/7 hằng năm";
pub const DASH: &str = "—";

fn fig(v: Option<Num>) -> String {
    v.map(|v| format_figure(&v)).unwrap_or_else(|| DASH.into())
}

fn pct(v: Option<Num>) -> String {
    v.map(|v| format_percent(&v)).unwrap_or_else(|| DASH.into())
}

/// A point's "done" figure as the table shows it: an amount or persons, or
/// a ratio for late payments.
pub fn done(p: Option<&Point>, kind: TargetKind) -> String {
    let v = p.and_then(|p| p.done);
    if kind == TargetKind::LateRatio {
        pct(v)
    } else {
        fig(v)
    }
}

/// The plan column: the year's plan, participants to gain, or the target ratio.
pub fn plan(p: Option<&Point>, kind: TargetKind) -> String {
    let v = p.and_then(|p| p.plan);
    if kind == TargetKind::LateRatio {
        pct(v)
    } else {
        fig(v)
    }
}

/// The assessment of a row against the period's mark.
pub fn verdict(r: &ProgressRow) -> String {
    match r.behind {
        Some(false) => "Đạt".into(),
        Some(true) => "Chưa đạt".into(),
        // "Chưa có", not "chưa gửi": a member whose file was of another
        // year, or refused, did send one (bao-loi.txt says what was wrong).
        None if r.later.is_none() => "Chưa có số liệu".into(),
        None => DASH.into(),
    }
}

/// One table row, for both documents: `earlier`, `later` and `in_quarter`
/// as the six-month review's Quý I, Quý II and 6 tháng columns, or the
/// quarterly report's previous quarter, this quarter and cumulative.
pub fn row(i: usize, r: &ProgressRow, kind: TargetKind) -> Value {
    let late = kind == TargetKind::LateRatio;
    let later = r.later.as_ref();
    json!({
        "stt": i + 1,
        "ten": r.name,
        "ke_hoach": plan(later.or(r.earlier.as_ref()), kind),
        // A late-payment ratio registered is a ratio ("2,90 %"), as its plan.
        "dang_ky": if late { pct(r.registered) } else { fig(r.registered) },
        "ty_le_dang_ky": pct(r.rate_registered),
        "truoc": done(r.earlier.as_ref(), kind),
        "trong_quy": if late { done(later, kind) } else { fig(r.in_quarter) },
        "luy_ke": done(later, kind),
        "ty_le": if late { DASH.to_string() } else { pct(later.and_then(|p| p.rate)) },
        "cung_ky": pct(later.and_then(|p| p.yoy)),
        "danh_gia": verdict(r),
    })
}

/// The behind members of a table, as "BHXH tỉnh A (41,20 %)".
pub fn behind_list(t: &TargetTable) -> Vec<String> {
    t.rows
        .iter()
        .filter(|r| r.behind == Some(true))
        .map(|r| {
            let p = r.later.as_ref();
            let v = if t.kind == TargetKind::LateRatio { p.and_then(|p| p.done) } else { p.and_then(|p| p.rate) };
            format!("{} ({})", r.name, pct(v))
        })
        .collect()
}

/// Why rows show "—" where a figure would be: the members whose figure
/// is not reported, grouped by the reason kept with it (a figure the
/// evaluation refused, say), so that the dash on the page is explained.
fn dash_note(t: &TargetTable) -> String {
    let mut by_why: Vec<(&str, Vec<&str>)> = Vec::new();
    for r in &t.rows {
        let Some(why) = r.later.as_ref().and_then(|l| l.note.as_deref()) else { continue };
        match by_why.iter_mut().find(|(w, _)| *w == why) {
            Some((_, names)) => names.push(&r.name),
            None => by_why.push((why, vec![&r.name])),
        }
    }
    by_why.iter().map(|(why, names)| format!(" Dấu \"{DASH}\" ở dòng {}: {why}.", names.join(", "))).collect()
}

/// What each target table's columns mean, under the table.
pub fn table_note(t: &TargetTable, p: &ClusterProgress) -> String {
    if let (TargetKind::LateRatio, Some(limit)) = (t.kind, &p.late_limit) {
        return format!("Tỷ lệ số tiền chậm đóng trên số phải thu tại thời điểm cuối quý; kế hoạch là chỉ tiêu tỷ lệ chậm đóng được giao (Công văn 1371/BHXH-TĐKT, mục B.II.3.a): chưa đạt khi tỷ lệ cao hơn mức tối đa, là {limit}.");
    }
    match t.kind {
        TargetKind::Amount => "Đơn vị tính: triệu đồng; tỷ lệ: số thu lũy kế từ đầu năm so với kế hoạch năm (Công văn 1371/BHXH-TĐKT, mục B.II.2.a); so với cùng kỳ: số thu lũy kế so với cùng kỳ năm trước.".into(),
        TargetKind::Participants => "Đơn vị tính: người; kế hoạch là số người phải phát triển trong năm (số người theo kế hoạch giao trừ số người tham gia đến 31/12 năm trước, Công văn 1371/BHXH-TĐKT, mục B.II.1.a), thực hiện là số người tăng thêm; so với cùng kỳ: số người tham gia cuối kỳ so với cùng thời điểm năm trước.".into(),
        TargetKind::LateRatio => "Tỷ lệ số tiền chậm đóng trên số phải thu tại thời điểm cuối quý; kế hoạch là chỉ tiêu tỷ lệ chậm đóng được giao (Công văn 1371/BHXH-TĐKT, mục B.II.3.a): chưa đạt khi tỷ lệ cao hơn chỉ tiêu.".into(),
    }
}

/// A person's name from a meeting line, or "……" (never a role in place of a name).
fn person(line: &Option<String>) -> String {
    line.as_deref().and_then(super::annual::person_name).unwrap_or_else(|| BLANK.into())
}

fn or_blank(s: &Option<String>) -> String {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map_or_else(|| BLANK.to_string(), str::to_string)
}

/// The cluster's issuer of the rules file (letterhead, signer, recipients).
pub fn issuer(rules: &Rules, cluster_name: &str) -> Issuer {
    let mut i = rules.file.issuers.iter().find(|i| i.scope == "cluster").cloned().unwrap_or(Issuer {
        scope: "cluster".into(),
        parent: "BẢO HIỂM XÃ HỘI VIỆT NAM".into(),
        body: "{cum}".into(),
        name: "{cum}".into(),
        sign: "CTĐ".into(),
        place: BLANK.into(),
        to: String::new(),
        signer_authority: "TM. CỤM THI ĐUA".into(),
        signer_title: "CỤM TRƯỞNG".into(),
        recipients: vec![],
    });
    i.body = i.body.replace("{cum}", &cluster_name.to_uppercase());
    i.name = i.name.replace("{cum}", cluster_name);
    i
}

/// The collective a head signs for ("TM. CỤM THI ĐUA CẤP TỈNH SỐ III"), as
/// the annual documents sign: a district cluster's province, said in its
/// letterhead already, is not repeated in brackets.
fn signing_name(cluster_name: &str) -> String {
    cluster_name.split(" (").next().unwrap_or(cluster_name).to_uppercase()
}

/// Letterhead, date line and signer of a document of the cluster, signed
/// by its head for the collective ("TM. KHỐI THI ĐUA SỐ II / KHỐI
/// TRƯỞNG" for a block).
pub fn letter(rules: &Rules, p: &ClusterProgress, date: &DocDate, kind_sign: &str, place: Option<&str>) -> Map<String, Value> {
    let i = issuer(rules, &p.cluster_name);
    let word = p.head_word.to_uppercase();
    let place = place.map(str::to_string).unwrap_or(i.place.clone());
    let mut m = Map::new();
    m.insert("co_quan_chu_quan".into(), json!(i.parent));
    m.insert("co_quan".into(), json!(i.body));
    m.insert("so_ky_hieu".into(), json!(format!("{BLANK}/{kind_sign}-{}", i.sign)));
    m.insert("dong_ngay".into(), json!(date.line(&place)));
    m.insert("ten_cum".into(), json!(p.cluster_name));
    m.insert("ky".into(), json!(p.period.label_vi()));
    m.insert("nam".into(), json!(p.period.year()));
    m.insert("can_cu".into(), json!(basis(rules, p, "")));
    m.insert(
        "nguoi_ky".into(),
        json!({"quyen_han": format!("TM. {}", signing_name(&p.cluster_name)), "chuc_vu": format!("{word} TRƯỞNG"), "ho_ten": head_chair(p)}),
    );
    m
}

/// The head's name, when the meeting sheet's chair is written as the head
/// ("Ông Nguyễn Văn Hùng, Giám đốc BHXH tỉnh Quảng Ninh - Cụm trưởng"):
/// the report is signed by the head, who chaired the meeting. "……" for a
/// chair with another title (a deputy does not sign for the head), or none.
fn head_chair(p: &ClusterProgress) -> String {
    let Some(chair) = p.meeting.as_ref().and_then(|m| m.chair.clone()) else { return BLANK.into() };
    if super::annual::chair_title(&crate::vn::text::ascii_fold(&chair)).1 {
        person(&Some(chair))
    } else {
        BLANK.into()
    }
}

/// What the document is made under: Hướng dẫn 3636 (with `clause`) from
/// its date (29/11/2022), and the campaign's document; a period that ended
/// before the guidance cites the campaign's document only.
pub fn basis(rules: &Rules, p: &ClusterProgress, clause: &str) -> String {
    let (d, m, y) = p.period.end_date();
    let campaign = &rules.file.campaign.document;
    if (y, m, d) < (2022, 11, 29) {
        return campaign.clone();
    }
    let g = if clause.is_empty() { GUIDANCE.to_string() } else { format!("{GUIDANCE} ({clause})") };
    if p.period.year() == rules.file.campaign.year {
        format!("{g} và {campaign}")
    } else {
        g
    }
}

/// The place of the date line: the head's ("Hà Nam"), else blank.
pub fn place_of(p: &ClusterProgress) -> Option<String> {
    p.place.clone()
}

/// One table per target, its members' rows and its note (the six-month
/// review and the head's quarterly report share it).
/// A note the same as an earlier table's (the three participant tables
/// share theirs) is said once: the later tables give their unit and point
/// back to the first, so that the page does not repeat a paragraph.
pub fn tables_data(p: &ClusterProgress) -> Vec<Value> {
    let mut said: Vec<(String, usize)> = Vec::new();
    p.tables
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let full = if p.has_registration && t.kind != TargetKind::LateRatio {
                format!("{} Tỷ lệ so với đăng ký: thực hiện so với chỉ tiêu đơn vị đăng ký cả năm (người tham gia: so với số người phải tăng thêm để đạt số đăng ký); đơn vị chưa đăng ký chỉ so với kế hoạch.", table_note(t, p))
            } else {
                table_note(t, p)
            };
            let note = match said.iter().find(|(n, _)| *n == full) {
                Some((_, first)) => format!("Đơn vị tính: {}; các cột được tính như ở mục {first}.", t.unit),
                None => {
                    said.push((full.clone(), k + 1));
                    full
                }
            };
            json!({
                "stt": k + 1,
                "ten": t.name,
                "don_vi_tinh": t.unit,
                "dong": t.rows.iter().enumerate().map(|(i, r)| row(i, r, t.kind)).collect::<Vec<_>>(),
                "ghi_chu": format!("{note}{}", dash_note(t)),
                "co_dang_ky": p.has_registration,
            })
        })
        .collect()
}

fn behind_data(p: &ClusterProgress) -> Vec<Value> {
    behind_plan(p).into_iter().chain(behind_registered_data(p)).collect()
}

/// The fields with members behind the plan's mark (the count of "lĩnh vực"
/// the minutes give: the registrations' lines are not more fields).
fn behind_plan(p: &ClusterProgress) -> Vec<Value> {
    p.tables
        .iter()
        .filter_map(|t| {
            let b = behind_list(t);
            (!b.is_empty()).then(|| json!({"ten": t.name, "so_don_vi": b.len(), "don_vi": b.join("; ")}))
        })
        .collect()
}

/// The members behind what they registered for the quarter's end (Hướng
/// dẫn 3636, mục A.II.3.1 and A.II.3.2.a: the progress of the targets
/// "đã giao ước thi đua hằng quý"), one entry per target, each member with
/// its result and its registration: "BHXH thành phố Hà Nội (15.840.000 /
/// đăng ký 16.000.000)". A member meeting the plan's mark may be behind its
/// own registration, which is higher.
pub fn behind_registered_data(p: &ClusterProgress) -> Vec<Value> {
    p.tables
        .iter()
        .filter_map(|t| {
            let late = t.kind == TargetKind::LateRatio;
            let b: Vec<String> = t
                .rows
                .iter()
                .filter(|r| r.behind_registered == Some(true))
                .map(|r| {
                    let l = r.later.as_ref();
                    let (got, want) = if late {
                        (pct(l.and_then(|x| x.done)), pct(r.registered_quarter))
                    } else {
                        (format!("{} {}", fig(l.and_then(|x| x.cumulative)), t.unit), format!("{} {}", fig(r.registered_quarter), t.unit))
                    };
                    format!("{} ({got} / đăng ký {want})", r.name)
                })
                .collect();
            (!b.is_empty()).then(|| {
                json!({
                    // Participants are registered as the count at the
                    // quarter's end, not the growth the tables show.
                    "ten": match t.kind {
                        TargetKind::Participants => format!(
                            "{}: số người tham gia đến hết {} so với số đơn vị đã đăng ký",
                            t.name,
                            p.later_period.label_vi()
                        ),
                        _ => format!("{} so với chỉ tiêu đơn vị đã đăng ký đến hết {}", t.name, p.later_period.label_vi()),
                    },
                    "so_don_vi": b.len(),
                    "don_vi": b.join("; "),
                })
            })
        })
        .collect()
}

/// What is left of the year's plan for the whole block or cluster, by
/// target, when every member sent the figures (sums of members' plans
/// and results); else nothing is said for that target.
fn remaining(p: &ClusterProgress) -> Vec<String> {
    let mut out = Vec::new();
    for t in p.tables.iter().filter(|t| t.kind != TargetKind::LateRatio) {
        let mut plan = Num::zero();
        let mut done = Num::zero();
        let mut all = true;
        for r in &t.rows {
            match r.later.as_ref().and_then(|l| Some((l.plan?, l.done?))) {
                Some((pl, d)) => {
                    plan = plan.checked_add(pl).unwrap_or(plan);
                    done = done.checked_add(d).unwrap_or(done);
                }
                None => all = false,
            }
        }
        if !all || !plan.is_positive() {
            continue;
        }
        let left = plan.checked_sub(done).unwrap_or(Num::zero());
        let what = if t.kind == TargetKind::Amount { "triệu đồng" } else { "người" };
        if left.is_positive() {
            let share = left.checked_div(plan).map(|s| format_percent(&s)).unwrap_or_default();
            out.push(format!(
                "{}: 6 tháng cuối năm các đơn vị còn phải thực hiện {} {what} ({share} kế hoạch năm của {}).",
                t.name,
                format_figure(&left),
                p.cluster_name
            ));
        } else {
            out.push(format!("{}: các đơn vị đã thực hiện đủ kế hoạch năm; tiếp tục duy trì và vượt kế hoạch.", t.name));
        }
    }
    out
}

fn models_data(p: &ClusterProgress) -> Vec<Value> {
    p.new_models
        .iter()
        .enumerate()
        .map(|(i, m)| json!({"stt": i + 1, "don_vi": m.unit_name, "noi_dung": m.text, "hieu_qua": if m.effect.is_empty() { BLANK.to_string() } else { m.effect.clone() }}))
        .collect()
}

/// What late payments are weighed against: the target, or the limit the
/// campaign's criterion allows above it (`rules::progress::LateLimit`).
pub fn late_words(p: &ClusterProgress) -> String {
    match &p.late_limit {
        Some(limit) => format!("mức tối đa là {limit}"),
        None => "chỉ tiêu tỷ lệ được giao".into(),
    }
}

fn mark_sentence(p: &ClusterProgress) -> String {
    match p.mark {
        Some(m) => format!(
            "Mức tiến độ đánh giá: thu và phát triển người tham gia lũy kế đến hết {} đạt từ {} kế hoạch năm trở lên ({}); chậm đóng không cao hơn {}.",
            p.later_period.label_vi(),
            format_percent_short(&m),
            p.mark_clause,
            late_words(p)
        ),
        None => format!(
            "Văn bản phát động thi đua không quy định mức tiến độ cho {}: các tỷ lệ được báo cáo để theo dõi, không đánh giá đạt hay chưa đạt tiến độ (trừ chậm đóng, so với {}).",
            p.later_period.label_vi(),
            late_words(p)
        ),
    }
}

/// Who has no figures for which quarter, each member once: without both
/// quarters nothing is shown; without the earlier one the later quarter
/// alone cannot be told; without the later one the period is not assessed.
fn missing_sentences(p: &ClusterProgress) -> Vec<String> {
    let (e, l) = (p.earlier_period.label_vi(), p.later_period.label_vi());
    let both: Vec<&String> = p.missing_earlier.iter().filter(|n| p.missing_later.contains(n)).collect();
    let only_earlier: Vec<&String> = p.missing_earlier.iter().filter(|n| !p.missing_later.contains(n)).collect();
    let only_later: Vec<&String> = p.missing_later.iter().filter(|n| !p.missing_earlier.contains(n)).collect();
    let list = |v: &[&String]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("; ");
    let these = |v: &[&String]| if v.len() == 1 { "đơn vị này" } else { "các đơn vị này" };
    let mut out = Vec::new();
    if !both.is_empty() {
        out.push(format!("Chưa có số liệu {e} và {l} của: {}.", list(&both)));
    }
    if !only_earlier.is_empty() {
        out.push(format!(
            "Chưa có số liệu {e} của: {}, nên chưa tính được kết quả riêng {l} của {}.",
            list(&only_earlier),
            these(&only_earlier)
        ));
    }
    if !only_later.is_empty() {
        out.push(format!(
            "Chưa có số liệu {l} của: {}, nên chưa đánh giá được tiến độ {} của {}.",
            list(&only_later),
            lower_period(p),
            these(&only_later)
        ));
    }
    out
}

/// "6 tháng đầu năm" or "Quý III/2022": the period assessed, inside a sentence.
fn lower_period(p: &ClusterProgress) -> String {
    match p.period {
        crate::model::Period::Half { .. } => "6 tháng đầu năm".into(),
        other => other.label_vi(),
    }
}

/// Members whose progress cannot be told on every target, and none
/// behind on any: each with why ("chưa có số liệu Quý II/2024", or figures
/// missing or refused on some targets). Said beside "no field behind", so
/// that a cluster where most members sent nothing is not reported as all
/// on track.
pub fn not_assessed(p: &ClusterProgress) -> Vec<String> {
    let Some(first) = p.tables.first() else { return Vec::new() };
    (0..first.rows.len())
        .filter(|&i| p.tables.iter().all(|t| t.rows[i].behind != Some(true)) && p.tables.iter().any(|t| t.rows[i].behind.is_none()))
        .map(|i| {
            let name = &first.rows[i].name;
            if p.missing_later.contains(name) {
                format!("{name} (chưa có số liệu {})", p.later_period.label_vi())
            } else if p.tables.iter().all(|t| t.rows[i].behind.is_none()) {
                format!("{name} (số liệu thiếu hoặc có chỗ nhầm ở tất cả các chỉ tiêu)")
            } else {
                format!("{name} (số liệu thiếu hoặc có chỗ nhầm ở một số chỉ tiêu)")
            }
        })
        .collect()
}

/// What the results are weighed against: the plan always, the members'
/// registrations when the inbox has them, last year's same period when a
/// member reported it. A comparison no member's figures allow is not
/// promised: the column it would fill is said to be empty.
pub fn registration_sentence(p: &ClusterProgress) -> String {
    let yoy = p.tables.iter().flat_map(|t| &t.rows).any(|r| r.later.as_ref().is_some_and(|l| l.yoy.is_some()));
    match (p.has_registration, yoy) {
        (true, true) => "Kết quả được so với kế hoạch giao, với chỉ tiêu các đơn vị đã đăng ký thi đua và với cùng kỳ năm trước.".into(),
        // Without the members' registrations the results stand against the
        // plan alone: what the report compares, not what its inbox lacked.
        (false, true) => "Kết quả được so với kế hoạch giao và với cùng kỳ năm trước.".into(),
        (true, false) => "Kết quả được so với kế hoạch giao và với chỉ tiêu các đơn vị đã đăng ký thi đua; các đơn vị chưa báo cáo số liệu cùng kỳ năm trước, nên cột so với cùng kỳ để trống.".into(),
        (false, false) => "Kết quả được so với kế hoạch giao; các đơn vị chưa báo cáo số liệu cùng kỳ năm trước, nên cột so với cùng kỳ để trống.".into(),
    }
}

/// Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm.
pub fn bao_cao_so_ket(rules: &Rules, p: &ClusterProgress, date: &DocDate) -> Value {
    let place = place_of(p);
    let mut m = letter(rules, p, date, "BC", place.as_deref());
    let year = p.period.year();
    let members: Vec<String> = p.tables.first().map(|t| t.rows.iter().map(|r| r.name.clone()).collect()).unwrap_or_default();
    let behind = behind_data(p);
    let rem = remaining(p);
    let unknown = not_assessed(p);
    for (k, v) in [
        ("trich_yeu", json!(format!("Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year} của {}", p.cluster_name))),
        ("so_thanh_vien", json!(members.len())),
        ("don_vi_thanh_vien", json!(members.join("; "))),
        ("muc_tien_do", json!(mark_sentence(p))),
        ("dang_ky", json!(registration_sentence(p))),
        ("co_dang_ky", json!(p.has_registration)),
        ("thieu_so_lieu", json!(missing_sentences(p))),
        ("chi_tieu", json!(tables_data(p))),
        ("co_cham_tien_do", json!(!behind.is_empty())),
        ("cham_tien_do", json!(behind)),
        (
            "khong_cham_tien_do",
            json!(if unknown.is_empty() {
                "Không có lĩnh vực nào có đơn vị chưa đạt tiến độ 6 tháng đầu năm.".to_string()
            } else {
                "Trong các chỉ tiêu đánh giá được, không có lĩnh vực nào có đơn vị chưa đạt tiến độ 6 tháng đầu năm.".to_string()
            }),
        ),
        ("co_chua_danh_gia", json!(!unknown.is_empty())),
        ("chua_danh_gia", json!(format!("Chưa đánh giá được đủ các chỉ tiêu của: {}.", unknown.join("; ")))),
        ("co_mo_hinh", json!(!p.new_models.is_empty())),
        ("mo_hinh", json!(models_data(p))),
        ("co_con_lai", json!(!rem.is_empty())),
        ("con_lai", json!(rem)),
        (
            "noi_nhan",
            json!([
                "Hội đồng Thi đua - Khen thưởng ngành BHXH Việt Nam (qua Vụ Thi đua - Khen thưởng)",
                "Các đơn vị thành viên",
                "Lưu: VT"
            ]),
        ),
    ] {
        m.insert(k.into(), v);
    }
    Value::Object(m)
}

/// Biên bản Hội nghị sơ kết 6 tháng: the meeting sheet's facts, what was
/// reported, and blanks for the discussion and conclusions.
pub fn bien_ban_so_ket(rules: &Rules, p: &ClusterProgress, date: &DocDate) -> Value {
    let place = place_of(p);
    let mut m = letter(rules, p, date, "BB", place.as_deref());
    let meeting = p.meeting.clone().unwrap_or_default();
    let MeetingInfo { time, place: where_, chair, secretary, attendees, .. } = &meeting;
    let year = p.period.year();
    let behind = behind_data(p);
    let fields_behind = behind_plan(p).len();
    let n_members = p.tables.first().map_or(0, |t| t.rows.len());
    let all = |i: usize, v: Option<bool>| p.tables.iter().all(|t| t.rows[i].behind == v);
    let ok_all = p.tables.first().map_or(0, |_| (0..n_members).filter(|&i| all(i, Some(false))).count());
    let behind_any =
        p.tables.first().map_or(0, |_| (0..n_members).filter(|&i| p.tables.iter().any(|t| t.rows[i].behind == Some(true))).count());
    // Every member is accounted for: on track everywhere, behind somewhere,
    // or not assessed on every target (named, with why), never counted as
    // on track for lack of figures.
    let unknown = not_assessed(p);
    let mut of = format!("{ok_all}/{n_members} đơn vị thành viên đạt tiến độ ở tất cả các chỉ tiêu thi đua có định lượng");
    if behind_any > 0 {
        of.push_str(&format!("; {behind_any} đơn vị chưa đạt tiến độ ở ít nhất một chỉ tiêu"));
    }
    if !unknown.is_empty() {
        of.push_str(&format!("; chưa đánh giá được đủ các chỉ tiêu của {} đơn vị: {}", unknown.len(), unknown.join("; ")));
    }
    let summary = format!(
        "Hội nghị nghe báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year} của {}: {of}; {}.",
        p.cluster_name,
        match (fields_behind, unknown.is_empty()) {
            (0, true) => "không có lĩnh vực nào chưa đạt tiến độ".to_string(),
            (0, false) => "trong các chỉ tiêu đánh giá được, không có lĩnh vực nào chưa đạt tiến độ".to_string(),
            (n, _) => format!("{n} lĩnh vực có đơn vị chưa đạt tiến độ"),
        }
    );
    for (k, v) in [
        ("trich_yeu", json!(format!("Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year} của {}", p.cluster_name))),
        ("thoi_gian", json!(or_blank(time))),
        ("dia_diem", json!(or_blank(where_))),
        ("chu_tri", json!(or_blank(chair))),
        ("thu_ky", json!(or_blank(secretary))),
        ("thanh_phan", json!(or_blank(attendees))),
        ("chu_tri_ten", json!(person(chair))),
        ("thu_ky_ten", json!(person(secretary))),
        ("tom_tat", json!(summary)),
        ("co_cham_tien_do", json!(!behind.is_empty())),
        ("cham_tien_do", json!(behind)),
        ("co_mo_hinh", json!(!p.new_models.is_empty())),
        ("so_mo_hinh", json!(p.new_models.len())),
        ("mo_hinh", json!(models_data(p))),
        ("noi_nhan", json!(["Vụ Thi đua - Khen thưởng", "Các đơn vị thành viên", "Lưu: VT"])),
    ] {
        m.insert(k.into(), v);
    }
    Value::Object(m)
}

/// `tong-hop.xlsx` of a six-month review: the progress sheet (one row per
/// member and target, figures as numbers), a native chart of each block's
/// or cluster's half-year rates against the mark, the new models, and the
/// problems found in the inputs.
/// Its properties name the period and are dated at its end, as the other
/// campaigns' summaries: the same inputs give the same bytes whenever it
/// is run.
pub fn write_summary(
    period: &crate::model::Period,
    reviews: &[ClusterProgress],
    problems: &[crate::model::Problem],
    path: &std::path::Path,
) -> anyhow::Result<()> {
    use rust_xlsxwriter::{Chart, ChartType, Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};
    let base = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(11)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let head = base.clone().set_bold().set_text_wrap().set_align(FormatAlign::Center).set_background_color(Color::RGB(0xDDEBF7));
    let text = base.clone();
    let wrap = base.clone().set_text_wrap();
    let int = base.clone().set_num_format("[$-42A]#,##0");
    let pctf = base.clone().set_num_format("[$-42A]0.00 %");
    let behind = base.clone().set_background_color(Color::RGB(0xFFC7CE));
    let title = Format::new().set_font_name("Times New Roman").set_font_size(13).set_bold();
    // Text from inputs is written as text, never as a formula.
    let s = |v: &str| super::xlsx::cell_text(crate::vn::format::bind_figures(v)).into_owned();
    let mut wb = Workbook::new();
    let (d, m, y) = period.end_date();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Tổng hợp sơ kết {}", period.label_vi()))
            .set_author("thidua")
            .set_company("Bảo hiểm xã hội Việt Nam")
            .set_creation_datetime(&ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?),
    );
    let ws = wb.add_worksheet();
    ws.set_name("Tiến độ 6 tháng")?;
    let cols = [
        "Khối/Cụm",
        "Chỉ tiêu",
        "Đơn vị",
        "Kế hoạch năm",
        "Quý I",
        "Quý II",
        "6 tháng",
        "Tỷ lệ so với kế hoạch",
        "So với cùng kỳ",
        "Đăng ký",
        "Tỷ lệ so với đăng ký",
        "Đánh giá",
    ];
    let year = reviews.first().map_or(0, |p| p.period.year());
    ws.write_string_with_format(0, 0, format!("TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU THI ĐUA 6 THÁNG ĐẦU NĂM {year}"), &title)?;
    for (i, h) in cols.iter().enumerate() {
        ws.write_string_with_format(2, i as u16, *h, &head)?;
        ws.set_column_width(i as u16, if i < 3 { 28 } else { 14 })?;
    }
    let num = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, v: Option<Num>, f: &Format| -> Result<(), rust_xlsxwriter::XlsxError> {
        match v {
            Some(v) => ws.write_number_with_format(r, c, v.to_f64(), f).map(|_| ()),
            None => ws.write_blank(r, c, f).map(|_| ()),
        }
    };
    let mut r = 3u32;
    for p in reviews {
        for t in &p.tables {
            let late = t.kind == TargetKind::LateRatio;
            let f = if late { &pctf } else { &int };
            for row in &t.rows {
                let l = row.later.as_ref();
                ws.write_string_with_format(r, 0, s(&p.cluster_name), &text)?;
                ws.write_string_with_format(r, 1, s(&t.name), &text)?;
                ws.write_string_with_format(r, 2, s(&row.name), &text)?;
                num(ws, r, 3, l.or(row.earlier.as_ref()).and_then(|x| x.plan), f)?;
                num(ws, r, 4, row.earlier.as_ref().and_then(|x| x.done), f)?;
                num(ws, r, 5, if late { l.and_then(|x| x.done) } else { row.in_quarter }, f)?;
                num(ws, r, 6, l.and_then(|x| x.done), f)?;
                num(ws, r, 7, l.and_then(|x| x.rate), &pctf)?;
                num(ws, r, 8, l.and_then(|x| x.yoy), &pctf)?;
                num(ws, r, 9, row.registered, f)?;
                num(ws, r, 10, row.rate_registered, &pctf)?;
                let v = verdict(row);
                ws.write_string_with_format(r, 11, s(&v), if row.behind == Some(true) { &behind } else { &text })?;
                r += 1;
            }
        }
    }
    ws.set_freeze_panes(3, 3)?;
    if r > 3 {
        ws.autofilter(2, 0, r - 1, (cols.len() - 1) as u16)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_repeat_rows(2, 2)?;
    ws.set_print_fit_to_pages(1, 0);
    // The chart: each member's half-year rate in the four fields, and the mark.
    let cs = wb.add_worksheet();
    cs.set_name("Biểu đồ")?;
    let mut at = 0u32;
    for p in reviews {
        let fields: Vec<&TargetTable> = p.tables.iter().filter(|t| t.kind != TargetKind::LateRatio).collect();
        let n = fields.first().map_or(0, |t| t.rows.len()) as u32;
        if n == 0 {
            continue;
        }
        cs.write_string_with_format(at, 0, "Đơn vị", &head)?;
        for (k, t) in fields.iter().enumerate() {
            cs.write_string_with_format(at, 1 + k as u16, s(&t.name), &head)?;
        }
        let mark_col = 1 + fields.len() as u16;
        cs.write_string_with_format(at, mark_col, "Mức tiến độ", &head)?;
        cs.set_column_width(0, 28)?;
        for i in 0..n {
            cs.write_string_with_format(at + 1 + i, 0, s(&fields[0].rows[i as usize].name), &text)?;
            for (k, t) in fields.iter().enumerate() {
                num(cs, at + 1 + i, 1 + k as u16, t.rows[i as usize].later.as_ref().and_then(|x| x.rate), &pctf)?;
            }
            num(cs, at + 1 + i, mark_col, p.mark, &pctf)?;
        }
        let mut chart = Chart::new(ChartType::Column);
        for k in 0..fields.len() as u16 {
            chart
                .add_series()
                .set_categories(("Biểu đồ", at + 1, 0, at + n, 0))
                .set_values(("Biểu đồ", at + 1, 1 + k, at + n, 1 + k))
                .set_name(("Biểu đồ", at, 1 + k));
        }
        if p.mark.is_some() {
            let mut line = Chart::new(ChartType::Line);
            line.add_series()
                .set_categories(("Biểu đồ", at + 1, 0, at + n, 0))
                .set_values(("Biểu đồ", at + 1, mark_col, at + n, mark_col))
                .set_name("Mức tiến độ");
            chart.combine(&line);
        }
        chart.title().set_name(&format!("{} — tỷ lệ thực hiện 6 tháng đầu năm {year}", p.cluster_name));
        chart.y_axis().set_name("Tỷ lệ so với kế hoạch năm").set_num_format("0%").set_min(0.0);
        chart.set_width(900).set_height(420);
        cs.insert_chart(at, mark_col + 2, &chart)?;
        at += (n + 3).max(24);
    }
    let ms = wb.add_worksheet();
    ms.set_name("Mô hình mới")?;
    for (i, h) in ["Khối/Cụm", "Đơn vị", "Nhân tố mới, mô hình mới", "Kết quả, hiệu quả"].iter().enumerate() {
        ms.write_string_with_format(0, i as u16, *h, &head)?;
        ms.set_column_width(i as u16, if i < 2 { 28 } else { 60 })?;
    }
    let mut r = 1;
    for p in reviews {
        for m in &p.new_models {
            ms.write_string_with_format(r, 0, s(&p.cluster_name), &wrap)?;
            ms.write_string_with_format(r, 1, s(&m.unit_name), &wrap)?;
            ms.write_string_with_format(r, 2, s(&m.text), &wrap)?;
            ms.write_string_with_format(r, 3, s(&m.effect), &wrap)?;
            r += 1;
        }
    }
    let ps = wb.add_worksheet();
    ps.set_name("Lỗi dữ liệu")?;
    for (i, h) in ["Mức độ", "Tệp", "Trang", "Ô", "Nội dung"].iter().enumerate() {
        ps.write_string_with_format(0, i as u16, *h, &head)?;
        ps.set_column_width(i as u16, if i == 4 { 90 } else { 18 })?;
    }
    for (i, p) in problems.iter().enumerate() {
        let r = 1 + i as u32;
        let sev = if p.severity == crate::model::Severity::Error { "Lỗi" } else { "Cảnh báo" };
        ps.write_string_with_format(r, 0, sev, &text)?;
        ps.write_string_with_format(r, 1, s(&p.location.file), &text)?;
        ps.write_string_with_format(r, 2, s(p.location.sheet.as_deref().unwrap_or("")), &text)?;
        ps.write_string_with_format(r, 3, s(p.location.cell.as_deref().unwrap_or("")), &text)?;
        ps.write_string_with_format(r, 4, s(&p.message), &wrap)?;
    }
    wb.save(path)?;
    Ok(())
}
