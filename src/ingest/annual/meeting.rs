//! The meeting details (SPEC §10 kind 6): key–value rows. Whatever is not
//! written stays empty, and the minutes show a visible blank for it.

use super::{unit_at, At, Sheet};
use crate::ingest::UnitResolver;
use crate::model::annual::MeetingInfo;
use crate::model::Problem;
use crate::vn::text::ascii_fold;

const KEYS: &[(&str, &[&str])] = &[
    ("cluster", &["Cụm/Khối", "Khối/Cụm", "Cụm thi đua", "Khối thi đua", "Tên Cụm", "Tên Khối", "Cụm", "Khối"]),
    ("time", &["Thời gian", "Thời gian họp", "Ngày họp", "Thời gian hội nghị"]),
    ("place", &["Địa điểm", "Địa điểm họp", "Nơi họp"]),
    ("chair", &["Chủ trì", "Chủ trì hội nghị", "Người chủ trì"]),
    ("secretary", &["Thư ký", "Thư ký hội nghị"]),
    ("attendees", &["Thành phần", "Thành phần tham dự", "Thành phần dự họp"]),
    ("next_head", &["Cụm trưởng năm sau", "Khối trưởng năm sau", "Cụm trưởng năm tới", "Khối trưởng năm tới"]),
    ("next_deputy", &["Cụm phó năm sau", "Khối phó năm sau", "Cụm phó năm tới", "Khối phó năm tới"]),
    ("head", &["Cụm trưởng", "Khối trưởng", "Cụm trưởng năm nay", "Khối trưởng năm nay"]),
    ("deputy", &["Cụm phó", "Khối phó", "Cụm phó năm nay", "Khối phó năm nay"]),
];

/// The key a header cell names (its key is already folded).
fn key_of(k: &str) -> Option<&'static str> {
    KEYS.iter().find(|(_, names)| super::any_of(k, names)).map(|(key, _)| *key)
}

pub(super) fn read(g: &Sheet, at: &At, resolver: &dyn UnitResolver, problems: &mut Vec<Problem>) -> Option<MeetingInfo> {
    // (key, value, row, col of the value)
    let mut found: Vec<(&'static str, String, u32, u32)> = Vec::new();
    for r in 0..g.hk.height() {
        for c in 0..g.hk.width(r).min(6) {
            let Some(k) = key_of(g.hk.key(r, c)) else { continue };
            if found.iter().any(|f| f.0 == k) {
                break;
            }
            let v = ((c + 1)..g.width(r)).find(|&c2| !g.text(r, c2).is_empty()).map(|c2| (g.text(r, c2), c2));
            found.push((k, v.as_ref().map(|x| x.0.clone()).unwrap_or_default(), r, v.map_or(c + 1, |x| x.1)));
            break;
        }
    }
    if found.len() < 4 || !found.iter().any(|f| f.0 == "time" || f.0 == "chair") {
        return None;
    }
    let mut m = MeetingInfo { at: at.sheet(), ..Default::default() };
    let some = |s: &str| if s.trim().is_empty() { None } else { Some(crate::vn::text::clean(s)) };
    // Units named on the sheet help place a district cluster.
    let mut near: Option<String> = at.ctx.map(String::from);
    for (k, v, r, c) in &found {
        if !matches!(*k, "next_head" | "next_deputy" | "head" | "deputy") || v.is_empty() {
            continue;
        }
        let id = unit_at(resolver, v, near.as_deref(), at.cell(*r, *c), problems);
        match *k {
            "next_head" => {
                m.next_head = id.clone();
                m.next_at[0] = Some(at.cell(*r, *c));
            }
            "next_deputy" => {
                m.next_deputy = id.clone();
                m.next_at[1] = Some(at.cell(*r, *c));
            }
            "head" => m.head = id.clone(),
            _ => m.deputy = id.clone(),
        }
        if near.is_none() {
            near = id;
        }
    }
    for (k, v, r, c) in &found {
        match *k {
            "time" => {
                m.time = some(v);
                m.date_at = Some(at.cell(*r, *c));
                m.date = crate::ingest::date::from_value(g.shown(*r, *c)).or_else(|| date_in(v));
                if m.time.is_some() && m.date.is_none() {
                    problems.push(Problem::warning(
                        "meeting-date",
                        at.cell(*r, *c),
                        format!("Không đọc được ngày họp trong \"{v}\" (ví dụ đúng: \"08 giờ 00, ngày 20/01/2023\"); không kiểm tra được thời hạn gửi hồ sơ."),
                    ));
                }
                if let crate::ingest::grid::Value::Date(_) | crate::ingest::grid::Value::Number { .. } = g.shown(*r, *c) {
                    if let Some((d, mo, y)) = m.date {
                        m.time = Some(crate::vn::format::date_words(d, mo, y));
                    }
                }
            }
            "place" => m.place = some(v),
            "chair" => m.chair = some(v),
            "secretary" => m.secretary = some(v),
            "attendees" => m.attendees = some(v),
            _ => {}
        }
    }
    // "Giám đốc BHXH tỉnh Hà Nam, Cụm trưởng": the chair names this year's head.
    if m.head.is_none() {
        if let Some(chair) = &m.chair {
            let a = ascii_fold(chair);
            if a.contains("cum truong") || a.contains("khoi truong") {
                m.head = chair
                    .split([',', ';', '-', '–', '('])
                    .filter_map(|part| part.find("BHXH").map(|i| &part[i..]))
                    .find_map(|name| resolver.resolve_unit_near(name.trim(), near.as_deref()).ok())
                    .map(|(id, _)| id);
            }
        }
    }
    if let Some((_, v, r, c)) = found.iter().find(|f| f.0 == "cluster" && !f.1.is_empty()) {
        m.cluster = resolve_cluster(v, &m, at, resolver, at.cell(*r, *c), problems);
    }
    Some(m)
}

/// The block or cluster of a meeting sheet, from everything it says (SPEC
/// §13): the title as typed, read both as a provincial cluster and, in the
/// province of each unit named, as that province's district cluster; then
/// the units named (this year's and next year's head and deputy) keep the
/// readings they are members of. Two readings left is an error naming
/// both, never a silent choice.
fn resolve_cluster(
    typed: &str,
    m: &MeetingInfo,
    at: &At,
    resolver: &dyn UnitResolver,
    loc: crate::model::Location,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let named: Vec<&String> = [&m.head, &m.deputy, &m.next_head, &m.next_deputy].into_iter().flatten().collect();
    let mut provinces: Vec<String> = named.iter().filter_map(|u| resolver.province_of(u)).collect();
    provinces.extend(at.ctx.and_then(|c| resolver.province_of(c)));
    provinces.sort();
    provinces.dedup();
    let mut readings: Vec<String> = Vec::new();
    let mut first_error = None;
    for near in std::iter::once(None).chain(provinces.iter().map(|p| Some(p.as_str()))) {
        match resolver.resolve_cluster(typed, near) {
            Ok(id) if !readings.contains(&id) => readings.push(id),
            Ok(_) => {}
            Err(msg) => {
                first_error.get_or_insert(msg);
            }
        }
    }
    // The cluster every named unit is a member of, when they agree.
    let mut of_named: Vec<String> = named.iter().filter_map(|u| resolver.cluster_of_unit(u)).collect();
    of_named.sort();
    of_named.dedup();
    let members_say = (of_named.len() == 1).then(|| of_named[0].clone());
    let names = |ids: &[String]| ids.iter().map(|c| format!("\"{}\"", resolver.cluster_name(c))).collect::<Vec<_>>().join(" và ");
    let kept: Vec<String> = match &members_say {
        Some(c) if readings.contains(c) => vec![c.clone()],
        Some(c) if !readings.is_empty() => {
            problems.push(Problem::error(
                "ambiguous-cluster",
                loc,
                format!(
                    "Thông tin hội nghị ghi \"{}\", có thể hiểu là {}, nhưng các đơn vị được nêu trong trang (Cụm trưởng, Cụm phó) thuộc {}; không xác định chắc chắn được Khối, Cụm của hội nghị. Hãy ghi đầy đủ tên Khối, Cụm (cấp tỉnh hay cấp huyện, thuộc BHXH tỉnh nào).",
                    typed.trim(),
                    names(&readings),
                    names(std::slice::from_ref(c))
                ),
            ));
            return None;
        }
        _ => readings,
    };
    match kept.len() {
        1 => Some(kept[0].clone()),
        0 => {
            problems.push(Problem::error(
                "unknown-cluster",
                loc,
                first_error.unwrap_or_else(|| format!("Không nhận ra Khối/Cụm thi đua \"{}\".", typed.trim())),
            ));
            None
        }
        _ => {
            problems.push(Problem::error(
                "ambiguous-cluster",
                loc,
                format!(
                    "Thông tin hội nghị ghi \"{}\", có thể hiểu là {}; trang không nêu đơn vị thành viên nào để phân biệt. Hãy ghi đầy đủ tên Khối, Cụm (cấp tỉnh hay cấp huyện, thuộc BHXH tỉnh nào).",
                    typed.trim(),
                    names(&kept)
                ),
            ));
            None
        }
    }
}

/// The date inside a time line: "08 giờ 30, ngày 20 tháng 01 năm 2023",
/// "8h00 ngày 20/01/2023".
fn date_in(text: &str) -> Option<(u32, u32, i32)> {
    let a = ascii_fold(text);
    if let Some(i) = a.find("ngay ") {
        let tail = &a[i..];
        let end = tail.find([',', ';', '(']).unwrap_or(tail.len());
        if let Some(d) = crate::ingest::date::from_text(tail[..end].trim()) {
            return Some(d);
        }
        let rest = tail["ngay ".len()..].trim();
        let token: String = rest.chars().take_while(|c| !c.is_whitespace() && *c != ',').collect();
        if let Some(d) = crate::ingest::date::from_text(&token) {
            return Some(d);
        }
    }
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';').find_map(crate::ingest::date::from_text)
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_in_time_lines() {
        assert_eq!(super::date_in("08 giờ 30 phút, ngày 20 tháng 01 năm 2023"), Some((20, 1, 2023)));
        assert_eq!(super::date_in("8h00 ngày 20/01/2023"), Some((20, 1, 2023)));
        assert_eq!(super::date_in("sáng 21/02/2013, tại Hải Dương"), Some((21, 2, 2013)));
        assert_eq!(super::date_in("buổi sáng"), None);
    }
}
