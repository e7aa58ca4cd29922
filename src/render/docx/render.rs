//! Filling a compiled part with data. Values go in as text, escaped, never
//! as markup or as further template code; a line break in a value becomes a
//! Word line break.

use super::compile::{Loc, Node};
use super::tags::{Filter, Tag};
use super::xml::escape_into;
use crate::model::Num;
use crate::vn::format::{format_num, format_percent};
use serde_json::Value;
use std::borrow::Cow;

pub struct Scope<'a> {
    pub frames: Vec<(&'a Value, usize)>,
    /// For each loop being rendered, innermost last: is this its last item?
    pub last: Vec<bool>,
}

/// State shared by all the parts of one rendering: numbered lists that a
/// loop restarts get new list instances, added to numbering.xml after.
#[derive(Default)]
pub struct State {
    /// Next free `w:numId`.
    pub next_num: u32,
    /// (new numId, numId it copies) for every restarted list instance.
    pub restarted: Vec<(u32, u32)>,
}

fn lookup<'a>(scope: &Scope<'a>, path: &[String]) -> Option<&'a Value> {
    if path[0] == "." {
        return scope.frames.last().map(|f| f.0);
    }
    for (v, _) in scope.frames.iter().rev() {
        if let Some(mut cur) = v.get(&path[0]) {
            for p in &path[1..] {
                cur = cur.get(p)?;
            }
            return Some(cur);
        }
    }
    None
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

fn num_of(v: &Value) -> Option<Num> {
    match v {
        Value::Number(n) => Num::parse_decimal(&n.to_string()),
        Value::String(s) => Num::parse_decimal(s.trim()),
        _ => None,
    }
}

/// A value as text: a string as it is (borrowed, not copied: a national
/// run fills some 30 000 fields).
fn plain(v: &Value) -> Cow<'_, str> {
    Cow::Owned(match v {
        Value::Null => String::new(),
        Value::String(s) => return Cow::Borrowed(s),
        // A bare number is written as is (a year stays "2022"); grouping
        // and rounding are asked for with |so.
        Value::Number(n) => n.to_string().replace('.', ","),
        Value::Bool(b) => {
            if *b {
                "có".into()
            } else {
                "không".into()
            }
        }
        other => other.to_string(),
    })
}

fn iso_date(s: &str) -> Option<(u32, u32, i32)> {
    let p: Vec<&str> = s.trim().split('-').collect();
    if p.len() != 3 {
        return None;
    }
    let (y, m, d): (i32, u32, u32) = (p[0].parse().ok()?, p[1].parse().ok()?, p[2].parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((d, m, y))
}

/// "2022-10-15" → "ngày 15 tháng 10 năm 2022" (Nghị định 30/2020 padding).
fn date_words(s: &str) -> Option<String> {
    iso_date(s).map(|(d, m, y)| crate::vn::format::date_words(d, m, y))
}

fn apply<'v>(v: Option<&'v Value>, filters: &[Filter], loc: &Loc) -> Result<Cow<'v, str>, String> {
    let missing = v.is_none_or(|v| v.is_null() || matches!(v, Value::String(s) if s.trim().is_empty()));
    if missing {
        let default = filters.iter().find_map(|f| if let Filter::MacDinh(d) = f { Some(d) } else { None });
        return match (v, default) {
            (_, Some(d)) => Ok(Cow::Owned(d.clone())),
            (Some(_), None) => Ok(Cow::Borrowed("")),
            (None, None) => Err(format!("dữ liệu không có trường này ({}); thêm |mac_dinh:\"……\" nếu được để trống", loc.describe())),
        };
    }
    let v = v.unwrap();
    let mut s = plain(v);
    for f in filters {
        s = match f {
            Filter::So(places) => match num_of(v) {
                Some(n) => Cow::Owned(format_num(&n, *places)),
                None => s,
            },
            Filter::PhanTram => match num_of(v) {
                Some(n) => Cow::Owned(format_percent(&n)),
                None => s,
            },
            Filter::Ngay => date_words(&s).map_or(s, Cow::Owned),
            Filter::Hoa => Cow::Owned(s.to_uppercase()),
            Filter::LaMa => match num_of(v).map(|n| n.round_scaled(0)) {
                Some(n) if (1..4000).contains(&n) => Cow::Owned(crate::model::period::roman(n as u32)),
                _ => s,
            },
            Filter::BangChu => match num_of(v).map(|n| n.round_scaled(0)) {
                Some(n) if n >= 0 => Cow::Owned(crate::vn::words::amount_in_words(n as u64)),
                _ => s,
            },
            Filter::DocSo => match num_of(v).map(|n| n.round_scaled(0)) {
                Some(n) if n >= 0 => Cow::Owned(crate::vn::words::read_number(n as u64)),
                _ => s,
            },
            Filter::DongNgay(place) => match iso_date(&s) {
                Some((d, m, y)) => Cow::Owned(crate::vn::format::date_line(place, d, m, y)),
                None => s,
            },
            Filter::MacDinh(_) => s,
            Filter::TenCoQuan => Cow::Owned(crate::vn::format::header_lines(&s, crate::vn::format::HEADER_EMS)),
        };
    }
    Ok(s)
}

/// Values up to this many bytes are kept with their XML in a per-thread
/// memo: a run's documents repeat the same names, titles, places and date
/// lines (the agency of each province on every one of its documents), and
/// binding and escaping scan the whole text each time.
const MEMO_MAX_LEN: usize = 512;
/// Values kept per thread; past this, new values are converted unmemoized.
const MEMO_ENTRIES: usize = 4096;

thread_local! {
    static MEMO: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Box<str>>> = Default::default();
}

/// Text of a value inside a `w:t`, appended to `out`: escaped, with line
/// breaks and tabs as Word elements (the same XML as [`text_xml_uncached`],
/// taken from this thread's memo when the value was converted before).
fn text_xml(out: &mut String, s: &str) {
    if s.len() > MEMO_MAX_LEN {
        return text_xml_uncached(out, s);
    }
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(x) = m.get(s) {
            out.push_str(x);
            return;
        }
        let start = out.len();
        text_xml_uncached(out, s);
        if m.len() < MEMO_ENTRIES {
            m.insert(s.into(), out[start..].into());
        }
    })
}

fn text_xml_uncached(out: &mut String, s: &str) {
    let bound = crate::vn::format::bind_spaces(s);
    let s = if bound.contains("\r\n") { std::borrow::Cow::Owned(bound.replace("\r\n", "\n")) } else { bound };
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push_str("</w:t><w:br/><w:t xml:space=\"preserve\">");
        }
        for (j, part) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("</w:t><w:tab/><w:t xml:space=\"preserve\">");
            }
            escape_into(out, part);
        }
    }
}

pub fn render(nodes: &[Node], scope: &mut Scope, state: &mut State, out: &mut String, errors: &mut Vec<String>) {
    for n in nodes {
        match n {
            Node::Raw(r) => out.push_str(r),
            Node::Field { tag: Tag::Index, loc } => match scope.frames.iter().rev().find(|f| f.1 > 0) {
                Some((_, i)) => out.push_str(&i.to_string()),
                None => errors.push(format!("{{@index}} nằm ngoài vòng lặp ({})", loc.describe())),
            },
            Node::Field { tag: Tag::Field { path, filters }, loc } => match apply(lookup(scope, path), filters, loc) {
                Ok(s) => text_xml(out, &s),
                Err(e) => errors.push(e),
            },
            Node::PlainField { tag: Tag::Field { path, filters }, loc } => match apply(lookup(scope, path), filters, loc) {
                Ok(s) => escape_into(out, &s),
                Err(e) => errors.push(e),
            },
            Node::Field { .. } | Node::PlainField { .. } => {}
            Node::Each { path, restart, body, loc } => match lookup(scope, path) {
                Some(Value::Array(items)) => {
                    for (i, it) in items.iter().enumerate() {
                        scope.frames.push((it, i + 1));
                        scope.last.push(i + 1 == items.len());
                        // Each repetition is rendered in place, from `start`.
                        let start = out.len();
                        render(body, scope, state, out, errors);
                        scope.last.pop();
                        scope.frames.pop();
                        if *restart {
                            let one = restart_numbering(&out[start..], state);
                            out.truncate(start);
                            out.push_str(&one);
                        }
                        if i + 1 == items.len() {
                            drop_trailing_page_break(out, start);
                        }
                    }
                }
                Some(Value::Null) => {}
                Some(_) => errors.push(format!("trường của vòng lặp không phải là danh sách ({})", loc.describe())),
                None => errors.push(format!("dữ liệu không có danh sách cho vòng lặp ({})", loc.describe())),
            },
            Node::If { path, negate, then, other, loc } if path[0] == super::tags::LAST => match scope.last.last() {
                Some(&last) => {
                    if last != *negate {
                        render(then, scope, state, out, errors);
                    } else {
                        render(other, scope, state, out, errors);
                    }
                }
                None => errors.push(format!("{{#if {}}} nằm ngoài vòng lặp ({})", super::tags::LAST, loc.describe())),
            },
            Node::If { path, negate, then, other, loc } => match lookup(scope, path) {
                Some(v) => {
                    if truthy(v) != *negate {
                        render(then, scope, state, out, errors);
                    } else {
                        render(other, scope, state, out, errors);
                    }
                }
                None => errors.push(format!("dữ liệu không có trường của điều kiện ({})", loc.describe())),
            },
        }
    }
}

/// Give each numbered list in one repetition a new list instance, so that
/// its numbering starts again at 1.
fn restart_numbering(xml: &str, state: &mut State) -> String {
    const KEY: &str = "<w:numId w:val=\"";
    let mut map: Vec<(u32, u32)> = Vec::new();
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(KEY) {
        out.push_str(&rest[..i + KEY.len()]);
        rest = &rest[i + KEY.len()..];
        let end = rest.find('"').unwrap_or(0);
        match rest[..end].parse::<u32>() {
            Ok(old) if old != 0 => {
                let new = match map.iter().find(|m| m.0 == old) {
                    Some(m) => m.1,
                    None => {
                        let n = state.next_num;
                        state.next_num += 1;
                        state.restarted.push((n, old));
                        map.push((old, n));
                        n
                    }
                };
                out.push_str(&new.to_string());
            }
            _ => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A page break at the end of the last repetition would leave a blank last
/// page: it is removed when no text follows it.
/// `xml[start..]` is the last repetition.
fn drop_trailing_page_break(xml: &mut String, start: usize) {
    // Most repetitions hold no page break (none in a national dossier): one
    // forward search, vectorised for so short a needle, rules them out
    // before the two searches from the end.
    if !xml[start..].contains("w:type=\"page\"") {
        return;
    }
    for br in ["<w:br w:type=\"page\"/>", "<w:br w:type=\"page\" />"] {
        if let Some(i) = xml[start..].rfind(br).map(|i| start + i) {
            if !xml[i..].contains("<w:t") {
                xml.replace_range(i..i + br.len(), "");
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// The memo gives back what converting gives, the first time and every
    /// later one, for short and long values alike.
    #[test]
    fn memoized_text_as_converted() {
        let long = "Quý III/2022 đạt 68,20 % kế hoạch <và> & ".repeat(40);
        let values =
            ["", "BẢO HIỂM XÃ HỘI TỈNH YÊN BÁI", "Cụm thi đua cấp huyện số 1\nKhối 5\tQuý III", "a\r\nb & <c> 12 %", long.as_str()];
        for _ in 0..3 {
            for v in values {
                let (mut fast, mut slow) = ("<w:t>".to_string(), "<w:t>".to_string());
                super::text_xml(&mut fast, v);
                super::text_xml_uncached(&mut slow, v);
                assert_eq!(fast, slow, "{v}");
            }
        }
    }
}
