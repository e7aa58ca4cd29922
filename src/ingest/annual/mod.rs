//! The year-end sheets (SPEC §10 kinds 2–6): score sheets, the vote tally,
//! eligibility, individuals proposed and the meeting details. Each kind is
//! recognised from its header row, never from file or sheet names; each
//! reader reports what it cannot use with file, sheet and cell, and goes on.
//! A workbook whose names could not all be placed is read again in the
//! province it is about (`read_workbook`).
//!
//! These readers do not need the rules file: award names and the ban on
//! self-marking are checked by `award::annual`, which keeps the cell of
//! every value for its messages.

mod eligibility;
mod individuals;
mod meeting;
mod nominations;
mod scores;
mod votes;

use super::grid::{Grid, Value};
use super::header::{header_key, STT_HEADERS};
use super::UnitResolver;
use crate::model::annual::{AnnualSheets, Mark};
use crate::model::{CellRef, Location, Name, Num, Problem};
use crate::vn::text::ascii_fold;
use std::rc::Rc;

/// Rows searched for a header.
const SCAN: u32 = 40;
/// The longest header cell looked at: the longest accepted name is 75
/// bytes, but a condition copied from the regulation's text runs to about
/// 150 (`eligibility::worded`).
const MAX_HEADER_BYTES: usize = 240;

/// A sheet with its header keys.
pub(crate) struct Sheet<'a> {
    pub g: &'a Grid,
    pub hk: &'a HeaderKeys,
}

impl std::ops::Deref for Sheet<'_> {
    type Target = Grid;
    fn deref(&self) -> &Grid {
        self.g
    }
}

/// Where a sheet is, for messages.
pub(crate) struct At<'a> {
    /// Shared by every location made here.
    pub file: Name,
    pub sheet: Name,
    /// A unit of the workbook (or its province), to place district names
    /// that several provinces share.
    pub ctx: Option<&'a str>,
}

impl At<'_> {
    pub fn cell(&self, r: u32, c: u32) -> Location {
        Location::cell(&self.file, &self.sheet, r, c)
    }
    pub fn sheet(&self) -> Location {
        Location::sheet(&self.file, &self.sheet)
    }
}

/// The year-end sheets of a workbook (the sheets that are not indicator
/// sheets). They are read once without context; only when a name could not
/// be placed (a district name several provinces share) and the workbook
/// says which province it is about are they read again with it.
pub(super) fn read_workbook(sheets: &[&Grid], rel: &Name, resolver: &dyn UnitResolver) -> Pass {
    let mut p = pass(sheets, rel, None, resolver);
    if p.problems.iter().any(|p| p.code == "unknown-unit") {
        if let Some(ctx) = context(&p, sheets, resolver) {
            p = pass(sheets, rel, Some(&ctx), resolver);
        }
    }
    p
}

/// What the year-end readers made of a workbook's sheets.
pub(super) struct Pass {
    pub(super) sheets: AnnualSheets,
    /// The kind of each sheet, in order; `None` for a sheet of no kind.
    pub(super) kinds: Vec<Option<&'static str>>,
    pub(super) problems: Vec<Problem>,
}

fn pass(sheets: &[&Grid], rel: &Name, ctx: Option<&str>, resolver: &dyn UnitResolver) -> Pass {
    let mut p = Pass { sheets: AnnualSheets::default(), kinds: vec![], problems: vec![] };
    for g in sheets {
        let k = read(g, rel, ctx, resolver, &mut p.sheets, &mut p.problems);
        p.kinds.push(k);
    }
    p
}

/// A unit that places the workbook: the province most of its uniquely named
/// units belong to, or a province named in its title rows ("BHXH TỈNH BẾN
/// TRE", "(BHXH tỉnh Bến Tre)").
fn context(pass: &Pass, sheets: &[&Grid], resolver: &dyn UnitResolver) -> Option<String> {
    let s = &pass.sheets;
    let mut ids: Vec<&str> = Vec::new();
    ids.extend(s.self_scores.iter().map(|s| s.unit.as_str()));
    ids.extend(s.cross_scores.iter().flat_map(|s| s.rows.iter().map(|r| r.0.as_str())));
    ids.extend(s.votes.iter().flat_map(|s| s.lines.iter().map(|l| l.unit.as_str())));
    ids.extend(s.eligibility.iter().map(|e| e.unit.as_str()));
    ids.extend(s.individuals.iter().map(|i| i.unit.as_str()));
    ids.extend(s.meetings.iter().flat_map(|m| [&m.next_head, &m.next_deputy, &m.head, &m.deputy]).flatten().map(|u| u.as_str()));
    let ids: Vec<String> = ids.into_iter().map(String::from).collect();
    super::majority_province(ids, resolver).or_else(|| sheets.iter().find_map(|g| super::province_in_title(g, 4, resolver)))
}

/// Recognise and read one sheet of a year-end kind. Returns the kind's
/// short name ("cham-diem", "bo-phieu", "dieu-kien", "ca-nhan", "hoi-nghi").
pub fn read(
    g: &Grid,
    file: impl Into<Name>,
    ctx: Option<&str>,
    resolver: &dyn UnitResolver,
    out: &mut AnnualSheets,
    problems: &mut Vec<Problem>,
) -> Option<&'static str> {
    let at = At { file: file.into(), sheet: g.name.clone(), ctx };
    let hk = HeaderKeys::new(g);
    let g = &Sheet { g, hk: &hk };
    let before = problems.len();
    if let Some(s) = scores::read_self(g, &at, resolver, problems) {
        if s.is_empty() {
            // Refused for an error of a known unit: kept by unit, so that
            // another copy of the unit's self-assessment is not used alone.
            let unit = problems[before..].iter().find(|p| p.severity == crate::model::Severity::Error).and_then(|p| p.unit.clone());
            out.refused_self.extend(unit.map(|u| (u, at.sheet())));
        }
        out.self_scores.extend(s);
        return Some("tu-cham-diem");
    }
    if let Some(s) = scores::read_cross(g, &at, resolver, &mut out.refused_cross, problems) {
        out.cross_scores.extend(s);
        return Some("cham-diem-cheo");
    }
    if let Some(s) = individuals::read(g, &at, resolver, problems) {
        out.individuals.extend(s);
        return Some("ca-nhan");
    }
    // Kinds 7 and 8 (Công văn 1371): after kind 5, whose lists name persons.
    if let Some(s) = nominations::read_central(g, &at, resolver, problems) {
        out.central.extend(s);
        return Some("de-cu-don-vi");
    }
    if let Some(s) = nominations::read_outside(g, &at, problems) {
        out.outside.extend(s);
        return Some("ngoai-nganh");
    }
    if let Some(s) = votes::read(g, &at, resolver, problems) {
        out.votes.push(s);
        return Some("bo-phieu");
    }
    if let Some(s) = eligibility::read(g, &at, resolver, problems) {
        out.eligibility.extend(s);
        return Some("dieu-kien");
    }
    // The six-month review's sheet of new models (a sibling's reader).
    if let Some(s) = crate::ingest::six_month::read_models(g, &at, resolver, problems) {
        out.new_models.extend(s);
        return Some("mo-hinh-moi");
    }
    if let Some(m) = meeting::read(g, &at, resolver, problems) {
        out.meetings.push(m);
        return Some("hoi-nghi");
    }
    // A table of criteria and maxima is a self-assessment even when its
    // points column is not understood: said once, at its header, and kept
    // as a refused self-assessment of the unit it names (not "no table in
    // the file", nor "the unit sent no self-assessment").
    if let Some(unit) = unread_points(g, &at, resolver, problems) {
        out.refused_self.extend(unit.map(|u| (u, at.sheet())));
        return Some("tu-cham-diem");
    }
    None
}

/// A sheet of criteria with their maxima that no reader took: its points
/// column has a name no list knows ("Điểm BQ", "Kết quả"). Said at the
/// header, with the names the points column may have: otherwise the unit
/// shows no score, and only the file is named.
/// Returns `None` when the sheet is no such table, else the unit its
/// "Đơn vị: …" line names, if one.
fn unread_points(g: &Sheet, at: &At, resolver: &dyn UnitResolver, problems: &mut Vec<Problem>) -> Option<Option<String>> {
    let h = find(g.hk, &[scores::CRITERION, scores::MAX], &[])?;
    let unit = label_value(g, h.row, &["Đơn vị", "Tên đơn vị", "Đơn vị tự chấm", "Đơn vị báo cáo", "Đơn vị tự đánh giá"])
        .and_then(|(name, ..)| resolver.resolve_unit_quiet(&name).ok())
        .map(|(id, _)| id);
    let other_cols: Vec<u32> =
        (0..g.width(h.row)).filter(|c| !h.req.contains(c) && Some(*c) != h.stt && !g.text(h.row, *c).trim().is_empty()).collect();
    let others: Vec<String> =
        other_cols.iter().take(6).map(|&c| format!("\"{}\"", g.text(h.row, c).chars().take(60).collect::<String>())).collect();
    let p = Problem::error(
        "points-column-unknown",
        at.cell(h.row, other_cols.first().copied().unwrap_or(h.req[1])),
        format!(
            "Trang có bảng tiêu chí và điểm tối đa nhưng không nhận ra cột điểm của đơn vị{}; điểm của trang này không được tính. Ghi tên cột điểm là \"Điểm tự chấm\" (hoặc \"Điểm chấm\", \"Điểm đơn vị chấm\"; \"Điểm thẩm định\" nếu đã thẩm định) rồi gửi lại. Bảng điểm bình quân của cả Cụm không thay cho bảng tự chấm của từng đơn vị.",
            if others.is_empty() { String::new() } else { format!(" (các cột khác: {})", others.join(", ")) }
        ),
    );
    problems.push(match &unit {
        Some(u) => p.with_unit(u),
        None => p,
    });
    Some(unit)
}

/// Header key used for comparisons: units in parentheses dropped, folded to
/// ASCII (so "Điểm tự chấm" and "DIEM TU CHAM" agree).
pub(crate) fn hkey(s: &str) -> Rc<str> {
    thread_local! {
        static SEEN: crate::vn::text::Memo<Rc<str>> = Default::default();
        static EMPTY: Rc<str> = Rc::from("");
    }
    if s.is_empty() {
        return EMPTY.with(Rc::clone);
    }
    crate::vn::text::memoized(&SEEN, s, |s| ascii_fold(&header_key(s)).into())
}

type FoldedCache = rustc_hash::FxHashMap<(usize, usize), std::rc::Rc<Vec<String>>>;

/// The folded forms of a list of header names, computed once per list.
fn folded(names: &'static [&'static str]) -> std::rc::Rc<Vec<String>> {
    thread_local! {
        static CACHE: std::cell::RefCell<FoldedCache> = Default::default();
    }
    CACHE.with(|c| {
        c.borrow_mut()
            .entry((names.as_ptr() as usize, names.len()))
            .or_insert_with(|| std::rc::Rc::new(names.iter().map(|n| hkey(n).to_string()).collect()))
            .clone()
    })
}

fn any_of(k: &str, names: &'static [&'static str]) -> bool {
    is_in(k, &folded(names))
}

/// The header keys of a sheet's first rows, computed once and shared by
/// every reader that tries the sheet: (cell key, key with the group above).
pub(crate) struct HeaderKeys {
    rows: Vec<Vec<(Rc<str>, Rc<str>)>>,
}

impl HeaderKeys {
    pub fn new(g: &Grid) -> HeaderKeys {
        let last = g.height().min(SCAN);
        // Headers are short texts: a number, or a criterion written out at
        // length, is never one.
        let short_text = |r: u32, c: u32, max: usize| match g.shown(r, c) {
            Value::Text(t) if t.trim().len() <= max => Some(t.trim()),
            _ => None,
        };
        // "group sub-header", written into one buffer for the lookup.
        let mut joined_text = String::new();
        let rows = (0..last)
            .map(|r| {
                (0..g.width(r))
                    .map(|c| {
                        let Some((own, keys)) = g.text_keys(r, c).filter(|(t, _)| t.len() <= MAX_HEADER_BYTES) else {
                            return (hkey(""), hkey(""));
                        };
                        let key = keys.hkey.get_or_init(|| hkey(own)).clone();
                        // A short group above a short sub-header ("Điểm" over
                        // "Tự chấm"); long texts are data, not headers.
                        let above = if r > 0 && g.merge_of(r, c).is_none() && !own.is_empty() && own.len() <= 40 {
                            short_text(r - 1, c, 40).filter(|a| !a.is_empty())
                        } else {
                            None
                        };
                        let joined = match above {
                            Some(above) => {
                                joined_text.clear();
                                joined_text.push_str(above);
                                joined_text.push(' ');
                                joined_text.push_str(own);
                                hkey(&joined_text)
                            }
                            None => hkey(""),
                        };
                        (key, joined)
                    })
                    .collect()
            })
            .collect();
        HeaderKeys { rows }
    }
    pub fn key(&self, r: u32, c: u32) -> &str {
        self.rows.get(r as usize).and_then(|row| row.get(c as usize)).map_or("", |x| &*x.0)
    }
    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }
    pub fn width(&self, r: u32) -> u32 {
        self.rows.get(r as usize).map_or(0, |x| x.len() as u32)
    }
}

/// A header row holding every `required` column (each a list of accepted
/// names). Returns the row and the column of each; `optional` columns of
/// that row are returned in `opt` (None where absent).
pub(crate) struct Found {
    pub row: u32,
    pub req: Vec<u32>,
    pub opt: Vec<Option<u32>>,
    pub stt: Option<u32>,
    /// (column taken, another column of the row with a name of the same
    /// list): two columns for one thing. `twins_differ` tells whether the
    /// sheet can still be read.
    pub twins: Vec<(u32, u32)>,
}

pub(crate) fn find(hk: &HeaderKeys, required: &[&'static [&'static str]], optional: &[&'static [&'static str]]) -> Option<Found> {
    find_with(hk, required, optional, &|_| None)
}

/// `find`, with `wording`: for a header none of the names match, given its
/// key without diacritics, the index of the optional column it is in other
/// words (the regulation's own, say), or `None`. Names matched exactly come
/// first.
pub(crate) fn find_with(
    hk: &HeaderKeys,
    required: &[&'static [&'static str]],
    optional: &[&'static [&'static str]],
    wording: &dyn Fn(&str) -> Option<usize>,
) -> Option<Found> {
    // The folded names of each list, looked up once per call.
    let req_names: Vec<_> = required.iter().map(|n| folded(n)).collect();
    let opt_names: Vec<_> = optional.iter().map(|n| folded(n)).collect();
    let stt_names = folded(STT_HEADERS);
    let first = req_names.first()?;
    for (r, row) in hk.rows.iter().enumerate() {
        // Quick test: the first required column is in the row.
        if !row.iter().any(|(k, j)| is_in(k, first) || is_in(j, first)) {
            continue;
        }
        let col = |names: &[String], taken: &[u32]| -> Option<u32> {
            (0..row.len() as u32).find(|&c| !taken.contains(&c) && (is_in(&row[c as usize].0, names) || is_in(&row[c as usize].1, names)))
        };
        let mut req = Vec::new();
        let mut ok = true;
        for names in &req_names {
            match col(names, &req) {
                Some(c) => req.push(c),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            continue;
        }
        let mut taken = req.clone();
        let mut opt = Vec::new();
        for names in &opt_names {
            let c = col(names, &taken);
            if let Some(c) = c {
                taken.push(c);
            }
            opt.push(c);
        }
        let stt = col(&stt_names, &taken);
        // Headers in other words, for the optional columns not named.
        let worded: Vec<Option<usize>> = if opt.iter().any(Option::is_none) {
            row.iter().map(|(k, j)| if k.is_empty() { None } else { wording(&ascii_fold(k)).or_else(|| wording(&ascii_fold(j))) }).collect()
        } else {
            vec![None; row.len()]
        };
        for (i, o) in opt.iter_mut().enumerate() {
            if o.is_none() {
                *o = (0..row.len() as u32).find(|&c| !taken.contains(&c) && stt != Some(c) && worded[c as usize] == Some(i));
                taken.extend(*o);
            }
        }
        let all_taken: Vec<u32> = taken.iter().copied().chain(stt).collect();
        let mut twins = Vec::new();
        let lists = req_names.iter().zip(req.iter().map(|c| Some(*c))).map(|x| (None, x));
        for (i, (names, chosen)) in lists.chain(opt_names.iter().zip(opt.iter().copied()).enumerate().map(|(i, x)| (Some(i), x))) {
            let Some(chosen) = chosen else { continue };
            let mut free = all_taken.clone();
            while let Some(t) =
                col(names, &free).or_else(|| (0..row.len() as u32).find(|&c| !free.contains(&c) && i.is_some() && worded[c as usize] == i))
            {
                free.push(t);
                twins.push((chosen, t));
            }
        }
        return Some(Found { row: r as u32, req, opt, stt, twins });
    }
    None
}

/// Whether two columns of `h` for one thing say different things on some
/// row below the header: then which one the sender meant cannot be told,
/// and the sheet is not used (an error at the second column's header). Two
/// columns that agree on every row are read as one.
pub(crate) fn twins_differ(g: &Grid, h: &Found, at: &At, problems: &mut Vec<Problem>) -> bool {
    for &(a, b) in &h.twins {
        if one_merged_header(g, h.row, a, b) {
            continue;
        }
        let Some(r) = (h.row + 1..g.height()).find(|&r| g.shown(r, a) != g.shown(r, b)) else { continue };
        problems.push(Problem::error(
            "twin-columns",
            at.cell(h.row, b),
            format!(
                "Bảng {}. Không biết cột nào đúng nên bảng này chưa được dùng. Hãy xóa hoặc ghi rõ tiêu đề một cột rồi gửi lại.",
                twins_said(g, h.row, a, b, r)
            ),
        ));
        return true;
    }
    false
}

/// One header cell merged across both columns `a` and `b`: one column.
pub(crate) fn one_merged_header(g: &Grid, header: u32, a: u32, b: u32) -> bool {
    g.merge_of(header, a).is_some() && g.merge_of(header, a) == g.merge_of(header, b)
}

/// "có hai cột cùng là "X" (cột D và cột F) mà ghi khác nhau: ô D7 ghi
/// "9" còn ô F7 ghi để trống", for row `r` of twin columns `a` and `b`.
pub(crate) fn twins_said(g: &Grid, header: u32, a: u32, b: u32, r: u32) -> String {
    let shown = |c: u32| match g.text(r, c) {
        t if t.is_empty() => "để trống".to_string(),
        t => format!("\"{}\"", t.chars().take(40).collect::<String>()),
    };
    format!(
        "có hai cột cùng là \"{}\" (cột {} và cột {}) mà ghi khác nhau: ô {} ghi {} còn ô {} ghi {}",
        crate::vn::text::clean(&g.text(header, a)),
        column_letters(a),
        column_letters(b),
        CellRef::new(r, a),
        shown(a),
        CellRef::new(r, b),
        shown(b)
    )
}

/// A column's letters ("A", "AB"), 0-based.
fn column_letters(c: u32) -> String {
    CellRef::new(0, c).as_str().trim_end_matches('1').to_string()
}

fn is_in(k: &str, names: &[String]) -> bool {
    !k.is_empty() && names.iter().any(|n| n == k)
}

/// A label line above a table, "Đơn vị: Hà Nam" or "Đơn vị chấm:" with the
/// name in the next cell. Returns the text after the label and its cell.
pub(crate) fn label_value(g: &Grid, before: u32, labels: &[&str]) -> Option<(String, u32, u32)> {
    let keys: Vec<String> = labels.iter().map(|l| ascii_fold(l)).collect();
    for r in 0..before.min(g.height()) {
        for c in 0..g.width(r) {
            let t = g.text_ref(r, c);
            let Some((head, rest)) = t.split_once(':') else {
                // "Đơn vị" in one cell, the name in the next.
                if keys.contains(&ascii_fold(&t)) {
                    if let Some(v) = ((c + 1)..g.width(r)).map(|c2| (g.text(r, c2), c2)).find(|(v, _)| !v.is_empty()) {
                        return Some((v.0, r, v.1));
                    }
                }
                continue;
            };
            if !keys.contains(&ascii_fold(head)) {
                continue;
            }
            let rest = rest.trim();
            if !rest.is_empty() {
                return Some((rest.to_string(), r, c));
            }
            if let Some(v) = ((c + 1)..g.width(r)).map(|c2| (g.text(r, c2), c2)).find(|(v, _)| !v.is_empty()) {
                return Some((v.0, r, v.1));
            }
        }
    }
    None
}

/// The block or cluster a title above the table names, and its cell: the
/// part of a title cell that starts "Khối thi đua" or "Cụm thi đua" (after
/// a dash or a colon, "… NĂM 2022 — CỤM THI ĐUA CẤP TỈNH SỐ III"), read as
/// the meeting sheet reads its cluster; `None` when no title names one, or
/// it cannot be read for certain. A list of individuals and a tally name
/// too few units to be placed by them alone.
///
/// "Cụm thi đua số 3" alone says neither the level nor the province: it is
/// Cụm thi đua cấp tỉnh số III, or Cụm thi đua cấp huyện số 3 of some
/// province. Of these, the one that most of `candidates` (the units the
/// sheet lists) are members of is meant; when none is, cấp tỉnh.
pub(super) fn title_cluster(
    g: &Sheet,
    header: u32,
    at: &At,
    resolver: &dyn UnitResolver,
    candidates: &[&str],
) -> Option<(String, Location)> {
    title_cluster_cell(g, header, at.ctx, resolver, candidates).map(|(id, r, c)| (id, at.cell(r, c)))
}

/// `title_cluster` on a grid: the block or cluster and its title cell
/// (row, column). `ctx` is the province the workbook is about, if known.
/// Also read over the quarterly indicator sheets
/// (`ingest::quarterly::indicators`).
pub(crate) fn title_cluster_cell(
    g: &Grid,
    header: u32,
    ctx: Option<&str>,
    resolver: &dyn UnitResolver,
    candidates: &[&str],
) -> Option<(String, u32, u32)> {
    for r in 0..header.min(6).min(g.height()) {
        for c in 0..g.width(r).min(8) {
            let text = g.text(r, c);
            for part in text.split(['—', '–', '-', ':', '\n']) {
                let folded = crate::vn::text::ascii_fold(part);
                let folded = folded.trim();
                if folded.starts_with("cum thi dua") || folded.starts_with("khoi thi dua") {
                    let first = resolver.resolve_cluster(part.trim(), ctx).ok()?;
                    let bare = ctx.is_none()
                        && folded.starts_with("cum thi dua")
                        && !folded.contains("cap tinh")
                        && !folded.contains("cap huyen")
                        && !part.contains('(');
                    if !bare {
                        return Some((first, r, c));
                    }
                    let held = |id: &str| candidates.iter().filter(|u| resolver.cluster_of_unit(u).as_deref() == Some(id)).count();
                    let mut best = (held(&first), first);
                    for u in candidates {
                        if let Ok(id) = resolver.resolve_cluster(part.trim(), Some(u)) {
                            let n = held(&id);
                            if n > best.0 {
                                best = (n, id);
                            }
                        }
                    }
                    return Some((best.1, r, c));
                }
            }
        }
    }
    None
}

/// Resolve a unit name from a cell, reporting a failure at that cell.
pub(crate) fn unit_at(
    resolver: &dyn UnitResolver,
    name: &str,
    near: Option<&str>,
    loc: Location,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    match resolver.resolve_unit_near(name, near) {
        Ok((id, official)) => {
            super::note_marks(resolver, name, &official, loc, problems);
            Some(id)
        }
        Err(msg) => {
            problems.push(Problem::error("unknown-unit", loc, msg));
            None
        }
    }
}

/// A number of points typed with its word, "9 điểm", "9,5đ": the word
/// names the unit the column already has, so the number is read as sure as
/// without it (it was refused as "không phải là số"). Any other text is
/// left whole, to be read or refused as it is.
fn without_points_word(t: &str) -> std::borrow::Cow<'_, str> {
    let lower = crate::vn::text::nfc(t.trim_end()).to_lowercase();
    for word in ["\u{111}i\u{1ec3}m", "\u{111}"] {
        if let Some(n) = lower.strip_suffix(word).map(str::trim_end) {
            if n.ends_with(|c: char| c.is_ascii_digit()) {
                return n.to_string().into();
            }
        }
    }
    t.into()
}

/// Points in a cell: a number, or text in Vietnamese style ("9,5").
/// Negative points are an error (SPEC §4 kind 2). Blank → None, silently.
/// `what` names the value in messages; it is only built for a message.
pub(crate) fn points(g: &Grid, r: u32, c: u32, at: &At, what: &dyn Fn() -> String, problems: &mut Vec<Problem>) -> Option<Mark> {
    let loc = || at.cell(r, c);
    // One number in a cell merged down over several rows gives each row
    // the same points (a criterion counted twice, or another's points):
    // which points belong to which row cannot be told.
    if let Some((r0, c0, r1, c1)) = g.merge_of(r, c).filter(|m| m.0 < m.2) {
        if !matches!(g.raw(r0, c0), Value::Empty) {
            problems.push(Problem::error(
                "merged-points",
                loc(),
                format!(
                    "{}: ô điểm được gộp với ô của dòng khác ({}:{}), nên không biết điểm của từng dòng; điểm này không được tính. Hãy bỏ gộp ô, ghi điểm riêng cho từng tiêu chí rồi gửi lại.",
                    what(),
                    CellRef::new(r0, c0),
                    CellRef::new(r1, c1)
                ),
            ));
            return None;
        }
    }
    let n = match g.shown(r, c) {
        Value::Empty | Value::Uncomputed => return None,
        Value::Number { v, .. } => Num::from_f64(*v),
        Value::Text(t) => match super::number::parse_text(&without_points_word(t), false) {
            super::number::Reading::Value(n) => Some(n),
            super::number::Reading::Blank => return None,
            super::number::Reading::Invalid(why) => {
                problems.push(Problem::error("bad-points", loc(), format!("{}: {why}; điểm này không được tính.", what())));
                return None;
            }
        },
        other => {
            problems.push(Problem::error(
                "bad-points",
                loc(),
                format!("{}: ô ghi \"{}\", không phải số điểm; điểm này không được tính.", what(), super::grid::value_text(other)),
            ));
            return None;
        }
    };
    let Some(n) = n else {
        problems.push(Problem::error("bad-points", loc(), format!("{}: giá trị số không hợp lệ; điểm này không được tính.", what())));
        return None;
    };
    if n.is_negative() {
        problems.push(Problem::error(
            "negative-points",
            loc(),
            format!("{}: điểm âm ({}); điểm phải từ 0 trở lên, điểm này không được tính.", what(), crate::vn::format::format_num(&n, 2)),
        ));
        return None;
    }
    Some(Mark { points: n, at: loc() })
}

/// Yes/no as units write it (SPEC §10 kind 4): Có/Không, x/blank, 1/0,
/// Đồng ý, TRUE/FALSE. `None` for blank, `Err` for anything else.
pub(crate) fn yes_no(v: &Value) -> Result<Option<bool>, String> {
    yes_no_noted(v).map(|x| x.map(|(b, _)| b))
}

/// Yes/no with the usual Vietnamese forms ("Không có", "K", "Vượt", "Đạt")
/// and a note after the answer ("Có (QĐ số 12/QĐ-BHXH)"), which is kept.
pub(crate) fn yes_no_noted(v: &Value) -> Result<Option<(bool, Option<String>)>, String> {
    match v {
        Value::Empty | Value::Uncomputed => Ok(None),
        Value::Bool(b) => Ok(Some((*b, None))),
        Value::Number { v, .. } if *v == 1.0 => Ok(Some((true, None))),
        Value::Number { v, .. } if *v == 0.0 => Ok(Some((false, None))),
        Value::Text(t) => {
            let t = t.trim();
            if let Some(b) = answer(t) {
                return Ok(b.map(|b| (b, None)));
            }
            // "Có (QĐ số 12/QĐ-BHXH)", "Có, QĐ số 12", "Không - đã khắc phục".
            if let Some(i) = t.find(['(', ',', ';', ':', '–']).or_else(|| t.find(" - ")) {
                if let Some(Some(b)) = answer(&t[..i]) {
                    let note = t[i..].trim_start_matches([',', ';', ':', '–', '-', ' ']).trim();
                    let note = note.strip_prefix('(').and_then(|n| n.strip_suffix(')')).unwrap_or(note).trim();
                    return Ok(Some((b, (!note.is_empty()).then(|| note.to_string()))));
                }
            }
            // "Có QĐ số 12/QĐ-BHXH": an answer followed by a decision.
            let (first, rest) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
            let r = ascii_fold(rest.trim());
            if ["qd", "quyet dinh", "so ", "theo "].iter().any(|p| r.starts_with(p)) {
                if let Some(Some(b)) = answer(first) {
                    return Ok(Some((b, Some(rest.trim().to_string()))));
                }
            }
            Err(format!("\"{t}\" không phải Có/Không"))
        }
        other => Err(format!("\"{}\" không phải Có/Không", super::grid::value_text(other))),
    }
}

/// A whole answer: `Some(None)` blank, `Some(Some(b))` yes/no, `None` not an answer.
fn answer(t: &str) -> Option<Option<bool>> {
    // A tick ("✓", "✔", "√", "☑", "✅") is a mark like "x"; folding to ASCII
    // drops these characters, which would make the mark a blank.
    let marks = t.trim().trim_end_matches(['.', ';', ',']).trim();
    if !marks.is_empty() && marks.chars().all(|c| matches!(c, '✓' | '✔' | '√' | '☑' | '✅' | '\u{fe0f}')) {
        return Some(Some(true));
    }
    let k = ascii_fold(t);
    let k = k.trim().trim_end_matches(['.', ';', ',']).trim();
    match k {
        // A dash is an empty answer, as before; any other symbol that folds
        // to nothing ("✗", "○", "?") is not an answer, so it is reported at
        // its cell instead of read as a blank.
        "" if marks.is_empty() || marks.chars().all(|c| matches!(c, '-' | '–' | '—')) => Some(None),
        "" => None,
        "co"
        | "x"
        | "1"
        | "dong y"
        | "dat"
        | "da dat"
        | "yes"
        | "true"
        | "v"
        | "da ky"
        | "co ky"
        | "vuot"
        | "vuot muc"
        | "hoan thanh vuot"
        | "hoan thanh vuot muc"
        | "vuot chi tieu"
        | "vuot ke hoach"
        | "x co" => Some(Some(true)),
        "khong" | "khong co" | "k" | "ko" | "kh" | "0" | "-" | "khong dong y" | "no" | "false" | "chua" | "chua ky" | "chua co"
        | "khong dat" | "chua dat" | "khong vuot" | "khong ky" => Some(Some(false)),
        _ => None,
    }
}

/// The rows of a table, from `from` down, that name a unit or a person in
/// column `col`, with that name: blank rows, totals and column-number rows
/// are skipped, and the table ends at the first note under it ("Ghi chú",
/// "Người lập biểu" …). Every year-end list is read this way.
pub(crate) fn named_rows(g: &Sheet, from: u32, col: u32) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for r in from..g.height() {
        let name = g.text(r, col);
        if name.is_empty() {
            continue;
        }
        if is_note(&name) {
            break;
        }
        if is_data_name(&name) {
            out.push((r, name));
        }
    }
    out
}

/// Unit names on a row, skipping totals, column numbers and notes.
pub(crate) fn is_data_name(t: &str) -> bool {
    !t.is_empty() && !super::header::is_total_label(t) && !super::header::is_column_number(t) && !is_note(t) && !is_average_label(t)
}

/// A row of averages under a list of units ("Bình quân", "Điểm bình
/// quân", "Trung bình"): like a total row, no unit's. No unit's name
/// starts with these words.
fn is_average_label(t: &str) -> bool {
    if !matches!(t.trim_start().chars().next().map(|c| c.to_ascii_lowercase()), Some('b' | 'đ' | 'Đ' | 'd' | 't')) {
        return false;
    }
    let a = ascii_fold(&t.to_lowercase());
    let a = a.trim();
    ["binh quan", "diem binh quan", "trung binh", "diem trung binh"].iter().any(|w| a == *w || a.starts_with(&format!("{w} ")))
}

/// "Ghi chú: …", "Người lập biểu", signature lines under a table.
pub(crate) fn is_note(t: &str) -> bool {
    // Each note label starts with one of these letters.
    if !matches!(t.chars().find(|c| c.is_alphanumeric()).map(|c| c.to_ascii_lowercase()), Some('g' | 'n' | 't' | 'x' | 'l' | 'c' | 'k')) {
        return false;
    }
    // The same criteria and labels come back in every score sheet: each
    // text is folded once per thread.
    thread_local! {
        static SEEN: crate::vn::text::Memo<bool> = Default::default();
    }
    crate::vn::text::memoized(&SEEN, t, |t| {
        let k = ascii_fold(t);
        ["ghi chu", "nguoi lap", "thu truong", "xac nhan", "luu y", "chu thich", "giam doc", "cum truong", "khoi truong"]
            .iter()
            .any(|p| k.starts_with(p))
    })
}

#[cfg(test)]
mod tests;
