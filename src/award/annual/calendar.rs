//! Dates of the annual review: next year's head and deputy by rotation
//! (3636, mục A.I) and the deadlines of the dossier (mục B.IV.3, A.III.3.2).

use crate::model::annual::{Leadership, MeetingInfo};
use crate::model::{Cluster, ClusterKind, Period};
use crate::registry::Registry;
use crate::rules::annual::AnnualRules;

/// Next year's head and deputy: as elected on the meeting sheet, else
/// suggested by rotation from this year's (meeting sheet or registry).
pub fn next_year(rules: &AnnualRules, reg: &Registry, c: &Cluster, year: i32, m: &MeetingInfo) -> Leadership {
    let name = |u: &str| reg.unit(u).map_or(u.to_string(), |x| x.name.clone());
    if m.next_head.is_some() || m.next_deputy.is_some() {
        return Leadership {
            head: m.next_head.clone(),
            deputy: m.next_deputy.clone(),
            suggested: false,
            note: "Theo kết quả bầu tại Hội nghị (bảng thông tin hội nghị).".into(),
        };
    }
    let current = reg.term(&c.id, year);
    let head = m.head.clone().or_else(|| current.map(|t| t.head.clone()));
    let deputy = m.deputy.clone().or_else(|| current.and_then(|t| t.deputy.clone()));
    let Some(head) = head else {
        return Leadership {
            head: None,
            deputy: None,
            suggested: false,
            note: format!(
                "Bảng thông tin hội nghị chưa ghi {0}, {1} năm {2} và danh sách không có {0} năm {year} để đề xuất luân phiên; Hội nghị bầu và ghi vào biên bản.",
                titles(c.kind).0,
                titles(c.kind).1,
                year + 1
            ),
        };
    };
    // Units that held the post recently do not take it again before the
    // others ("luân phiên").
    let recent: Vec<String> = reg
        .terms_of(&c.id)
        .iter()
        .filter(|t| t.year > year - c.members.len() as i32 && t.year <= year)
        .flat_map(|t| std::iter::once(t.head.clone()).chain(t.deputy.clone()))
        .chain(std::iter::once(head.clone()))
        .collect();
    let after = |u: &str| -> Vec<String> {
        let i = c.members.iter().position(|m| m == u).unwrap_or(0);
        (1..c.members.len()).map(|k| c.members[(i + k) % c.members.len()].clone()).collect()
    };
    let next_head = deputy.clone().unwrap_or_else(|| after(&head).into_iter().next().unwrap_or(head.clone()));
    // When every member held a post within the cycle, the one who held it
    // longest ago comes round again.
    let last_held = |u: &str| {
        reg.terms_of(&c.id)
            .iter()
            .filter(|t| t.year <= year && (t.head == u || t.deputy.as_deref() == Some(u)))
            .map(|t| t.year)
            .max()
            .unwrap_or(i32::MIN)
    };
    let next_deputy = after(&next_head)
        .into_iter()
        .find(|u| !recent.contains(u) && *u != next_head)
        .or_else(|| after(&next_head).into_iter().filter(|u| *u != next_head && *u != head).min_by_key(|u| last_held(u)));
    let (t_head, t_dep) = titles(c.kind);
    let basis = if deputy.is_some() {
        format!("{t_dep} năm {year}")
    } else {
        format!("đơn vị kế tiếp {t_head} năm {year} trong danh sách")
    };
    Leadership {
        note: format!(
            "Đề xuất theo luân phiên, chưa phải kết quả bầu: {} ({basis}) làm {t_head}, {} làm {t_dep} năm {} ({}).",
            name(&next_head),
            next_deputy.as_deref().map(name).unwrap_or_else(|| "……".into()),
            year + 1,
            rules.file.rotation.clause
        ),
        head: Some(next_head),
        deputy: next_deputy,
        suggested: true,
    }
}

/// "Cụm trưởng", "Cụm phó" — or "Khối trưởng", "Khối phó".
pub fn titles(kind: ClusterKind) -> (&'static str, &'static str) {
    match kind {
        ClusterKind::Khoi => ("Khối trưởng", "Khối phó"),
        _ => ("Cụm trưởng", "Cụm phó"),
    }
}

/// The deadline that applies to a cluster's dossier, checked against the
/// meeting date: a Vietnamese warning when the date is past it.
pub fn deadline_note(rules: &AnnualRules, c: &Cluster, period: &Period, date: Option<(u32, u32, i32)>) -> Option<String> {
    let (d, m, y) = date?;
    let key = match c.kind {
        ClusterKind::Khoi => "khoi",
        ClusterKind::CumTinh => "cum-tinh",
        ClusterKind::CumHuyen => "tinh",
    };
    let pkey = period.rules_key();
    let dl = rules.file.deadlines.iter().find(|x| (x.applies == key || x.applies == "all") && x.period == pkey)?;
    let dy = if dl.next_year { period.year() + 1 } else { period.year() };
    let meeting = (y, m, d);
    let due = (dy, dl.month, dl.day);
    let late = if dl.strict { meeting >= due } else { meeting > due };
    late.then(|| {
        format!("Ngày họp {:02}/{:02}/{y} đã quá thời hạn: {} ({}). Hồ sơ gửi muộn cần báo cáo rõ lý do.", d, m, dl.text, dl.clause)
    })
}
