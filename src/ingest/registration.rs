//! The registration of targets (đăng ký chỉ tiêu thi đua, Hướng dẫn 3636,
//! mục A.II.3.1): a table with one row per unit and target, recognised
//! from its header row — a unit column (or a line "Đơn vị: …" above the
//! table for one unit's own sheet), a target column ("Chỉ tiêu") and a year
//! column ("Cả năm", "Năm 2023"), with optional "Quý I" … "Quý IV" columns.
//! A unit's name may be typed once over its rows or in a merged cell.
//!
//! Every figure is read with certainty or reported at its cell; a target
//! the covenant does not have, a quarter that contradicts the year, or a
//! unit that cannot be placed is an error at its cell.

use super::grid::{Grid, Value};
use super::header::{is_column_number, is_total_label, NAME_HEADERS};
use super::number::{self, Reading};
use super::period::period_in;
use super::UnitResolver;
use crate::model::registration::{Registered, RegistrationSheet, Registrations, TargetEntry, UnitRegistration};
use crate::model::{Location, Name, Num, Problem};
use crate::rules::schema::TargetDef;
use crate::rules::Rules;
use crate::vn::format::{format_figure, format_percent_short};
use crate::vn::text::ascii_fold;

/// Header names of the target column.
const TARGET_HEADERS: &[&str] = &[
    "Chỉ tiêu",
    "Chỉ tiêu thi đua",
    "Chỉ tiêu đăng ký",
    "Chỉ tiêu thi đua đăng ký",
    "Nội dung chỉ tiêu",
    "Nội dung chỉ tiêu thi đua",
    "Tên chỉ tiêu",
    "Nội dung",
    "Nội dung đăng ký",
    "Chỉ tiêu thi đua có định lượng",
];
/// Header names of the year column (a year after them is allowed: "Năm 2023").
const YEAR_HEADERS: &[&str] = &["Cả năm", "Năm", "Đăng ký cả năm", "Đăng ký năm", "Số đăng ký cả năm", "Chỉ tiêu năm", "Số đăng ký năm"];
/// Rows searched for the header.
const SCAN: u32 = 40;

/// Where the columns of a registration table are.
#[derive(Clone, Debug)]
pub struct RegHeader {
    pub row: u32,
    /// The unit column; `None` when a line "Đơn vị: …" above names the unit.
    pub unit_col: Option<u32>,
    /// The unit the line above the table names, and its cell.
    pub unit_line: Option<(String, u32, u32)>,
    pub target_col: u32,
    pub year_col: u32,
    pub quarter_cols: [Option<u32>; 4],
    /// A year typed in the year column's header ("Năm 2023"), with its cell.
    pub header_year: Option<(i32, u32, u32)>,
    /// Every other year column of the header ("Năm 2022" beside "Năm
    /// 2023"): with its year, if typed. `read` keeps the one the title's
    /// year names, or refuses the sheet.
    pub other_years: Vec<(u32, Option<i32>)>,
    /// The row of the year columns' headers (`row` is the quarters' row
    /// when they are under a group header).
    pub year_row: u32,
}

/// A header or target name folded to plain ASCII, a unit in parentheses
/// dropped: "Số thu (triệu đồng)" → "so thu". Remembered per thread: the
/// same header texts come back in every workbook of an inbox.
fn key(s: &str) -> String {
    thread_local! {
        static SEEN: crate::vn::text::Memo<String> = Default::default();
    }
    crate::vn::text::memoized(&SEEN, s, key_uncached)
}

fn key_uncached(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    ascii_fold(&out)
}

fn in_list(k: &str, list: &[String]) -> bool {
    !k.is_empty() && list.iter().any(|h| h == k)
}

/// The header lists folded once (the lists are constants; folding them
/// again for every cell scanned was half the time of reading a national
/// inbox, and a shared lock around them a tenth of recognising sheets).
struct Folded {
    name: Vec<String>,
    target: Vec<String>,
    year: Vec<String>,
}

fn folded() -> &'static Folded {
    static F: std::sync::OnceLock<Folded> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let f = |list: &[&str]| list.iter().map(|h| key_uncached(h)).collect();
        Folded { name: f(NAME_HEADERS), target: f(TARGET_HEADERS), year: f(YEAR_HEADERS) }
    })
}

/// "Quý I", "Quý 2", "Q3", "Quý IV/2023", "Lũy kế đến hết Quý II" → 1–4.
fn quarter_of(k: &str) -> Option<usize> {
    // Every form has a 'q' ("quy", "q3"): anything else is no quarter.
    if !k.contains('q') {
        return None;
    }
    let words: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
    let numeral = |w: &str| match w {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    };
    let (q, next) = words.iter().enumerate().find_map(|(i, w)| {
        if *w == "quy" {
            words.get(i + 1).and_then(|n| numeral(n)).map(|q| (q, i + 2))
        } else {
            w.strip_prefix('q').and_then(numeral).map(|q| (q, i + 1))
        }
    })?;
    // Only a year may follow ("Quý IV/2023").
    match &words[next..] {
        [] => Some(q),
        [y] if y.len() == 4 && y.starts_with("20") && y.chars().all(|c| c.is_ascii_digit()) => Some(q),
        _ => None,
    }
}

/// A year column ("Cả năm", "Năm 2023"), and the year typed in it.
fn year_header(k: &str) -> Option<Option<i32>> {
    let (base, year) = match k.rsplit_once(' ') {
        Some((b, y)) if y.len() == 4 && y.starts_with("20") && y.chars().all(|c| c.is_ascii_digit()) => (b, y.parse().ok()),
        _ => (k, None),
    };
    in_list(base, &folded().year).then_some(year)
}

/// What a header cell's text can name, as `recognise` asks it.
#[derive(Clone, Copy)]
pub(crate) struct Class {
    name: bool,
    target: bool,
    year: Option<Option<i32>>,
    quarter: Option<usize>,
}

/// `Class` of a cell's text, remembered per thread: every sheet of every
/// workbook is scanned, and the same texts come back in each.
fn classify(t: &str) -> Class {
    thread_local! {
        static SEEN: crate::vn::text::Memo<Class> = Default::default();
    }
    crate::vn::text::memoized(&SEEN, t, classify_uncached)
}

fn classify_uncached(t: &str) -> Class {
    let k = key_uncached(t);
    let f = folded();
    Class { name: in_list(&k, &f.name), target: in_list(&k, &f.target), year: year_header(&k), quarter: quarter_of(&k) }
}

/// Recognise a registration table: a target column and a year column, with
/// a unit column in the same row or a line "Đơn vị: …" above.
pub fn recognise(g: &Grid) -> Option<RegHeader> {
    let last = g.height().min(SCAN);
    for r in 0..last {
        let (mut unit_col, mut target_col, mut year_col) = (None, None, None);
        let mut quarter_cols = [None; 4];
        let mut header_year = None;
        let mut other_years = Vec::new();
        // Year columns headed by the year alone ("2023", typed as a number
        // or as text): taken only in a row that has the target column.
        let mut bare_years: Vec<(u32, i32)> = Vec::new();
        for c in 0..g.width(r).min(60) {
            let shown;
            let (t, keys) = match g.text_keys(r, c) {
                Some((t, keys)) => (t, Some(keys)),
                None => match g.shown(r, c) {
                    Value::Text(t) => (t.trim(), None),
                    Value::Empty => continue,
                    // A figure or a date is written with a leading digit, and
                    // skipped below: it is not written out to be told so.
                    v @ Value::Number { v: n, .. } if n.is_finite() && n.is_sign_positive() => {
                        bare_years.extend(bare_year(v).map(|y| (c, y)));
                        continue;
                    }
                    Value::Date(_) => continue,
                    v => {
                        shown = super::grid::value_text(v);
                        (shown.as_str(), None)
                    }
                },
            };
            // No header of the form starts with a digit, but for a year
            // alone: figures are skipped before folding.
            if t.is_empty() || t.len() > 120 || t.starts_with(|ch: char| ch.is_ascii_digit()) {
                bare_years.extend(bare_year_text(t).map(|y| (c, y)));
                continue;
            }
            let k = match keys {
                Some(keys) => *keys.class.get_or_init(|| classify_uncached(t)),
                None => classify(t),
            };
            if unit_col.is_none() && k.name {
                unit_col = Some(c);
            } else if target_col.is_none() && k.target {
                target_col = Some(c);
            } else if let (None, Some(y)) = (year_col, k.year) {
                year_col = Some(c);
                header_year = y.map(|y| (y, r, c));
            } else if let Some(y) = k.year {
                other_years.push((c, y));
            } else if let Some(q) = k.quarter {
                quarter_cols[q - 1].get_or_insert(c);
            }
        }
        if target_col.is_some() {
            for (c, y) in bare_years {
                if year_col.is_none() {
                    year_col = Some(c);
                    header_year = Some((y, r, c));
                } else {
                    other_years.push((c, Some(y)));
                }
            }
        }
        let (Some(target_col), Some(year_col)) = (target_col, year_col) else { continue };
        let unit_line = if unit_col.is_none() { unit_line_above(g, r) } else { None };
        if unit_col.is_none() && unit_line.is_none() {
            continue;
        }
        // Quarters under a group header ("Đăng ký theo quý") are on the row
        // below, which then ends the header.
        let mut row = r;
        if quarter_cols.iter().all(Option::is_none) && r + 1 < g.height() {
            for c in 0..g.width(r + 1).min(60) {
                if let Some(q) = quarter_of(&key(&g.text_ref(r + 1, c))) {
                    quarter_cols[q - 1].get_or_insert(c);
                    row = r + 1;
                }
            }
        }
        return Some(RegHeader { row, unit_col, unit_line, target_col, year_col, quarter_cols, header_year, other_years, year_row: r });
    }
    None
}

/// A header cell that is a year alone: 2023 as a whole number (not a
/// percentage, not a date).
fn bare_year(v: &Value) -> Option<i32> {
    match v {
        Value::Number { v, percent_format: false } if v.fract() == 0.0 && (2000.0..=2100.0).contains(v) => Some(*v as i32),
        _ => None,
    }
}

/// "2023" typed as text, alone in a header cell.
fn bare_year_text(t: &str) -> Option<i32> {
    let y: i32 = (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten()?;
    (2000..=2100).contains(&y).then_some(y)
}

/// "Đơn vị: BHXH tỉnh Hà Nam" (or the name in the next cell) above the header.
fn unit_line_above(g: &Grid, header: u32) -> Option<(String, u32, u32)> {
    for r in 0..header {
        for c in 0..g.width(r).min(10) {
            let t = g.text(r, c);
            let folded = ascii_fold(&t);
            if !(folded.starts_with("don vi ") || folded == "don vi") || folded.starts_with("don vi tinh") {
                continue;
            }
            let name = match t.split_once(':') {
                Some((_, n)) if !n.trim().is_empty() => n.trim().to_string(),
                _ => g.text(r, c + 1),
            };
            if !name.is_empty() {
                return Some((name, r, c));
            }
        }
    }
    None
}

/// The target a row names: its name or an alias, with a leading number
/// ("1.", "2)", "I.") and a unit in parentheses ignored.
pub fn target_named<'r>(rules: &'r Rules, text: &str) -> Option<&'r TargetDef> {
    let k = key(text);
    let k = match k.split_once(' ') {
        Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) || ["i", "ii", "iii", "iv", "v", "vi", "vii"].contains(&n) => {
            rest.to_string()
        }
        _ => k,
    };
    rules.file.targets.iter().find(|t| key(&t.name) == k || t.aliases.iter().any(|a| key(a) == k))
}

/// How a target's figures are read: as its plan indicator (unit, rate, range).
fn reading_of(rules: &Rules, t: &TargetDef) -> (bool, Option<[f64; 2]>) {
    rules.file.indicators.iter().find(|i| i.key == t.plan).map_or((t.unit == "%", None), |i| (i.percent, i.range))
}

fn show(t: &TargetDef, v: &Num) -> String {
    if t.unit == "%" {
        format_percent_short(v)
    } else {
        format!("{} {}", format_figure(v), t.unit)
    }
}

const QUARTER_NAMES: [&str; 4] = ["Quý I", "Quý II", "Quý III", "Quý IV"];

/// Read a recognised registration table.
pub fn read(
    g: &Grid,
    h: &RegHeader,
    file: impl Into<Name>,
    rules: &Rules,
    resolver: &dyn UnitResolver,
    problems: &mut Vec<Problem>,
) -> RegistrationSheet {
    // Shared by every location of the sheet.
    let file: &Name = &file.into();
    let at = |r: u32, c: u32| Location::cell(file, &g.name, r, c);
    let mut sheet = RegistrationSheet { at: Location::sheet(file, &g.name), ..Default::default() };
    // The year: the title above the table (above the year columns' header
    // row, which may be above `h.row`), or the year column's header.
    let title = (0..h.year_row)
        .flat_map(|r| (0..g.width(r).min(20)).map(move |c| (r, c)))
        .find_map(|(r, c)| matches!(g.raw(r, c), Value::Text(_)).then(|| period_in(&g.text(r, c)).map(|p| (p.year(), r, c))).flatten());
    // Two year columns ("Năm 2022" of last year's results beside "Năm
    // 2023" registered): the one the title's year names is the
    // registration; with no title year, or none named by it, which column
    // holds the figures registered is not certain, and the sheet is not
    // used (it was the first column, last year's figures read as this
    // year's registration).
    let chosen;
    let h = if h.other_years.is_empty() {
        h
    } else {
        let header_row = h.year_row;
        let mut all: Vec<(u32, Option<i32>)> = vec![(h.year_col, h.header_year.map(|(y, ..)| y))];
        all.extend(h.other_years.iter().copied());
        // The title's year names a column typed with that year, or else
        // the one column typed with no year ("Cả năm" beside "Năm 2022").
        let named = title.and_then(|(y, ..)| {
            let with = |want: Option<i32>| -> Vec<u32> { all.iter().filter(|(_, cy)| *cy == want).map(|(c, _)| *c).collect() };
            let (of_year, plain) = (with(Some(y)), with(None));
            match (of_year.as_slice(), plain.as_slice()) {
                ([c], _) | ([], [c]) => Some((*c, y)),
                _ => None,
            }
        });
        match named {
            Some((c, y)) => {
                chosen = RegHeader { year_col: c, header_year: Some((y, header_row, c)), other_years: Vec::new(), ..h.clone() };
                &chosen
            }
            None => {
                let cols: Vec<String> = all
                    .iter()
                    .map(|(c, _)| format!("\"{}\" (ô {})", g.text(header_row, *c), crate::model::cell_ref(header_row, *c)))
                    .collect();
                let why = match title {
                    Some((y, ..)) => format!("tiêu đề ghi năm {y} nhưng không chỉ ra được một cột của năm đó"),
                    None => "tiêu đề không ghi năm đăng ký".to_string(),
                };
                problems.push(Problem::error(
                    "registration-year",
                    at(header_row, h.year_col),
                    format!(
                        "Bảng đăng ký chỉ tiêu thi đua có {} cột năm: {}, và {why}; không xác định chắc chắn được cột nào là số đăng ký, nên bảng này không được dùng. Hãy ghi năm đăng ký ở tiêu đề (ví dụ \"ĐĂNG KÝ CHỈ TIÊU THI ĐUA NĂM 2023\") rồi gửi lại.",
                        all.len(),
                        cols.join(", ")
                    ),
                ));
                return sheet;
            }
        }
    };
    match (title, h.header_year) {
        (Some((a, r, c)), Some((b, r2, c2))) if a != b => {
            problems.push(Problem::error(
                "registration-year",
                at(r2, c2),
                format!("Tiêu đề bảng đăng ký ghi năm {a} (ô {}) nhưng cột số đăng ký ghi năm {b}; bảng này không được dùng. Hãy sửa cho thống nhất rồi gửi lại.", crate::model::cell_ref(r, c)),
            ));
            return sheet;
        }
        (Some((y, r, c)), _) | (None, Some((y, r, c))) => {
            sheet.year = Some(y);
            sheet.year_at = Some(at(r, c));
        }
        (None, None) => {
            problems.push(Problem::error(
                "registration-year",
                at(h.row, h.year_col),
                "Bảng đăng ký chỉ tiêu thi đua không ghi năm đăng ký (ở tiêu đề, ví dụ \"ĐĂNG KÝ CHỈ TIÊU THI ĐUA NĂM 2023\", hoặc ở cột số đăng ký, ví dụ \"Năm 2023\"); bảng này không được dùng. Hãy ghi năm rồi gửi lại.",
            ));
            return sheet;
        }
    }
    // The unit of a one-unit sheet.
    let fixed_unit = match (&h.unit_col, &h.unit_line) {
        (None, Some((name, r, c))) => match resolver.resolve_unit(name) {
            Ok(u) => {
                super::note_marks(resolver, name, &u.1, at(*r, *c), problems);
                Some(u)
            }
            Err(msg) => {
                problems.push(Problem::error("unknown-unit", at(*r, *c), format!("{msg} Bảng đăng ký này không được dùng.")));
                return sheet;
            }
        },
        _ => None,
    };
    // Number style of each figure column (a lone "1.234" is read by its column).
    let mut cols: Vec<u32> = vec![h.year_col];
    cols.extend(h.quarter_cols.iter().flatten());
    let style_of = |c: u32| {
        number::column_style(
            (h.row + 1..g.height())
                .filter_map(|r| if let Value::Text(t) = g.raw(r, c) { Some(t.as_str()) } else { None })
                .collect::<Vec<_>>(),
        )
    };
    let styles: Vec<(u32, (number::Style, bool))> = cols.iter().map(|c| (*c, style_of(*c))).collect();
    // The form's "Đơn vị tính" column, when the sheet has one: a row may
    // state its unit there ("đồng") or after its target ("Số thu … (đồng)").
    let dvt_col = (0..g.width(h.row)).find(|&c| {
        let k = crate::vn::text::ascii_fold(&g.text(h.row, c));
        k == "don vi tinh" || k == "dvt"
    });
    let mut carried: Option<(String, String)> = None;
    for r in h.row + 1..g.height() {
        let target_text = g.text(r, h.target_col);
        let unit_text = h.unit_col.map(|c| g.text(r, c)).unwrap_or_default();
        let has_figures = cols.iter().any(|c| !matches!(indicators_reading(g.raw(r, *c)), Reading::Blank));
        if target_text.is_empty() && !has_figures {
            if !unit_text.is_empty() && h.unit_col.is_some() {
                // A unit named on a row of its own: it carries to the rows below.
                carried = resolver.resolve_unit_quiet(&unit_text).ok();
            }
            continue;
        }
        // Totals are not registrations ("Tổng số thu" is a target, though).
        let total_target = is_total_label(&target_text) && target_named(rules, &target_text).is_none();
        if is_total_label(&unit_text)
            || total_target
            || (is_column_number(&target_text) && (unit_text.is_empty() || is_column_number(&unit_text)))
        {
            continue;
        }
        // Whose row: the sheet's unit, the unit column, or the unit above
        // (typed once over its rows, or a merged cell).
        let unit = if let Some(u) = &fixed_unit {
            u.clone()
        } else if unit_text.is_empty() {
            match &carried {
                Some(u) => u.clone(),
                None => {
                    if has_figures {
                        problems.push(Problem::error(
                            "no-unit-name",
                            at(r, h.unit_col.unwrap_or(0)),
                            "Dòng đăng ký có số liệu nhưng không ghi tên đơn vị; dòng này không được dùng.",
                        ));
                    }
                    continue;
                }
            }
        } else {
            match resolver.resolve_unit(&unit_text) {
                Ok(u) => {
                    super::note_marks(resolver, &unit_text, &u.1, at(r, h.unit_col.unwrap_or(0)), problems);
                    carried = Some(u.clone());
                    u
                }
                Err(msg) => {
                    carried = None;
                    if has_figures || !target_text.is_empty() {
                        problems.push(Problem::error(
                            "unknown-unit",
                            at(r, h.unit_col.unwrap_or(0)),
                            format!("{msg} Số đăng ký của dòng này không được dùng."),
                        ));
                    }
                    continue;
                }
            }
        };
        let (unit_id, unit_name) = unit;
        let row_at = at(r, h.target_col);
        let Some(t) = target_named(rules, &target_text) else {
            if target_text.is_empty() {
                problems.push(
                    Problem::error(
                        "no-target",
                        row_at,
                        format!("{unit_name}: dòng có số đăng ký nhưng không ghi tên chỉ tiêu; dòng này không được dùng."),
                    )
                    .with_unit(&unit_id),
                );
            } else {
                let known: Vec<&str> = rules.file.targets.iter().map(|t| t.name.as_str()).collect();
                let msg = format!(
                    "{unit_name}: chỉ tiêu \"{}\" không có trong các chỉ tiêu thi đua có định lượng của giao ước ({}: {}); số đăng ký của dòng này không được dùng. Hãy ghi đúng tên một chỉ tiêu trong danh sách.",
                    target_text.chars().take(80).collect::<String>(),
                    rules.file.campaign.short,
                    known.join("; ")
                );
                // A row that registers no figure (a note, "Người lập biểu")
                // loses nothing; one with figures is an error at the name.
                if has_figures {
                    problems.push(Problem::error("unknown-target", row_at, msg).with_unit(&unit_id));
                }
            }
            continue;
        };
        let (percent, range) = reading_of(rules, t);
        // The unit the row states, brought to the target's: an amount in
        // đồng or tỷ đồng to triệu đồng, as the indicator tables do
        // (`indicators::stated_unit`); a unit of another kind (persons for
        // an amount) is an error at the row, never read as the target's.
        use super::quarterly::indicators::{stated_unit, Stated};
        let stated = stated_unit(&target_text, false)
            .map(|s| (s, row_at.clone()))
            .or_else(|| dvt_col.and_then(|c| stated_unit(&g.text(r, c), true).map(|s| (s, at(r, c)))));
        let factor = match (&stated, t.unit.as_str()) {
            (None, _) => None,
            (Some((Stated::Money(f), _)), "triệu đồng") | (Some((Stated::Persons(f), _)), "người") => {
                (*f != Num::int(1)).then_some(*f)
            }
            (Some((_, cell)), unit) => {
                let cell = cell.clone();
                if has_figures {
                    problems.push(
                        Problem::error(
                            "registration-unit",
                            cell,
                            format!(
                                "{unit_name}: dòng \"{}\" ghi đơn vị tính khác với đơn vị của chỉ tiêu ({unit}); số đăng ký của dòng này không được dùng. Hãy ghi theo {unit}.",
                                target_text.chars().take(80).collect::<String>()
                            ),
                        )
                        .with_unit(&unit_id),
                    );
                    sheet.rejected.push((unit_id.clone(), t.id.clone()));
                }
                continue;
            }
        };
        // A rate written without "%": the row's other cells tell how
        // (`indicators::rate_way`).
        let way = match range.filter(|_| percent) {
            Some(rg) => super::quarterly::indicators::rate_way(
                std::iter::once(h.year_col).chain(h.quarter_cols.iter().flatten().copied()).map(|c| (g.raw(r, c), rg)),
            ),
            None => None,
        };
        let mut bad = false;
        let mut read_cell = |c: u32, label: &str| -> Option<Registered> {
            let cell = at(r, c);
            let style = styles.iter().find(|s| s.0 == c).map(|s| s.1).unwrap_or((number::Style::Vietnamese, false));
            let rd = match g.raw(r, c) {
                Value::Text(s) if number::is_ambiguous(s) && !percent => {
                    if style.1 || t.unit == "người" {
                        number::parse_styled(s, percent, range, if style.1 { style.0 } else { number::Style::Vietnamese })
                    } else {
                        Reading::Invalid(format!(
                            "\"{}\" có thể đọc hai cách (dấu chấm phân cách hàng nghìn hay dấu thập phân) và các ô khác trong cột không cho biết cách viết; hãy nhập số không có dấu phân cách",
                            s.trim()
                        ))
                    }
                }
                other => super::quarterly::indicators::rate_or_reading(other, percent, range, way),
            };
            let rd = match (rd, factor) {
                (Reading::Value(v), Some(f)) => match v.checked_mul(f) {
                    Some(x) => Reading::Value(x),
                    None => Reading::Invalid("số quá lớn".into()),
                },
                (rd, _) => rd,
            };
            match rd {
                Reading::Blank => None,
                Reading::Value(v) if v.is_negative() => {
                    problems.push(
                        Problem::error(
                            "negative",
                            cell,
                            format!("{unit_name}: số đăng ký {label} của \"{}\" là số âm; không được dùng.", t.name),
                        )
                        .with_unit(&unit_id),
                    );
                    bad = true;
                    None
                }
                Reading::Value(v) if range.is_some_and(|[lo, hi]| !(lo..=hi).contains(&v.to_f64())) => {
                    let reason = rules
                        .file
                        .indicators
                        .iter()
                        .find(|i| i.key == t.plan)
                        .and_then(|i| i.range_reason.clone())
                        .map(|r| format!(" ({r})"))
                        .unwrap_or_default();
                    problems.push(
                        Problem::error(
                            "implausible",
                            cell,
                            format!(
                                "{unit_name}: số đăng ký {label} của \"{}\" ghi \"{}\", đọc là {}, nằm ngoài khoảng hợp lý{reason}; có thể nhầm đơn vị tính hoặc gõ thừa số. Số này không được dùng; hãy kiểm tra lại.",
                                t.name,
                                g.text(r, c).chars().take(40).collect::<String>(),
                                show(t, &v)
                            ),
                        )
                        .with_unit(&unit_id),
                    );
                    bad = true;
                    None
                }
                Reading::Value(v) => Some(Registered { value: v, at: cell }),
                Reading::Invalid(why) => {
                    problems.push(
                        Problem::error(
                            "bad-number",
                            cell,
                            format!("{unit_name}: số đăng ký {label} của \"{}\": {why}; không được dùng.", t.name),
                        )
                        .with_unit(&unit_id),
                    );
                    bad = true;
                    None
                }
            }
        };
        let year = read_cell(h.year_col, "cả năm");
        let mut quarters: [Option<Registered>; 4] = Default::default();
        for (i, c) in h.quarter_cols.iter().enumerate() {
            if let Some(c) = c {
                quarters[i] = read_cell(*c, QUARTER_NAMES[i]);
            }
        }
        let entry = TargetEntry { target: t.id.clone(), year, quarters, at: row_at.clone() };
        if bad {
            // A registration read in part is not a registration: the row is
            // left out whole (each cell is reported above).
            sheet.rejected.push((unit_id.clone(), t.id.clone()));
            continue;
        }
        if entry.is_empty() {
            if !sheet.units.iter().any(|u| u.unit == unit_id) && !sheet.blank_units.iter().any(|b| b.0 == unit_id) {
                sheet.blank_units.push((unit_id.clone(), row_at));
            }
            continue;
        }
        if !consistent(&entry, t, &unit_name, &unit_id, problems) {
            sheet.rejected.push((unit_id.clone(), t.id.clone()));
            continue;
        }
        let pos = match sheet.units.iter().position(|u| u.unit == unit_id) {
            Some(p) => p,
            None => {
                sheet.blank_units.retain(|b| b.0 != unit_id);
                sheet.units.push(UnitRegistration {
                    unit: unit_id.clone(),
                    name: unit_name.clone(),
                    targets: Default::default(),
                    at: row_at.clone(),
                });
                sheet.units.len() - 1
            }
        };
        let u = &mut sheet.units[pos];
        match u.targets.get(&t.id) {
            Some(prev) if !same_figures(prev, &entry) => {
                problems.push(
                    Problem::error(
                        "registration-conflict",
                        row_at,
                        format!(
                            "{unit_name}: chỉ tiêu \"{}\" được đăng ký hai lần với số khác nhau (lần đầu ở ô {}); số đăng ký của chỉ tiêu này không được dùng. Hãy giữ một dòng rồi gửi lại.",
                            t.name,
                            prev.at.cell.as_deref().unwrap_or_default()
                        ),
                    )
                    .with_unit(&unit_id),
                );
                u.targets.remove(&t.id);
                sheet.rejected.push((unit_id.clone(), t.id.clone()));
            }
            Some(_) => {}
            None => {
                u.targets.insert(t.id.clone(), entry);
            }
        }
    }
    if sheet.units.is_empty() && sheet.blank_units.is_empty() && sheet.rejected.is_empty() {
        problems.push(Problem::warning(
            "empty-table",
            at(h.row, h.target_col),
            "Trang có dòng tiêu đề của bảng đăng ký chỉ tiêu thi đua nhưng không có dòng đăng ký nào bên dưới; không có số nào được đọc từ trang này.",
        ));
    }
    sheet
}

fn indicators_reading(v: &Value) -> Reading {
    super::quarterly::indicators::reading(v, false, None)
}

/// Whether two entries register the same figures (wherever typed).
pub fn same_figures(a: &TargetEntry, b: &TargetEntry) -> bool {
    let v = |x: &Option<Registered>| x.as_ref().map(|r| r.value);
    v(&a.year) == v(&b.year) && a.quarters.iter().zip(&b.quarters).all(|(x, y)| v(x) == v(y))
}

/// A registration row agrees with itself: the year is given; an amount
/// cumulative from the start of the year never goes down from quarter to
/// quarter; an amount or a count at Quý IV is the year's. Each break is an
/// error at its cell.
fn consistent(e: &TargetEntry, t: &TargetDef, unit_name: &str, unit_id: &str, problems: &mut Vec<Problem>) -> bool {
    let mut ok = true;
    let Some(year) = &e.year else {
        let at = e.quarters.iter().flatten().next().map(|q| q.at.clone()).unwrap_or_else(|| e.at.clone());
        problems.push(
            Problem::error(
                "registration-no-year",
                at,
                format!("{unit_name}: chỉ tiêu \"{}\" có số đăng ký theo quý nhưng không có số đăng ký cả năm; số đăng ký của chỉ tiêu này không được dùng. Hãy ghi số cả năm rồi gửi lại.", t.name),
            )
            .with_unit(unit_id),
        );
        return false;
    };
    if t.kind == "cumulative" {
        let mut last: Option<(usize, &Registered)> = None;
        for (i, q) in e.quarters.iter().enumerate() {
            let Some(q) = q else { continue };
            if let Some((j, p)) = last {
                if q.value < p.value {
                    problems.push(
                        Problem::error(
                            "registration-quarters",
                            q.at.clone(),
                            format!(
                                "{unit_name}: \"{}\" đăng ký {} là {}, nhỏ hơn {} là {}; số đăng ký theo quý là số lũy kế từ đầu năm đến hết quý, không giảm dần. Số đăng ký của chỉ tiêu này không được dùng.",
                                t.name,
                                QUARTER_NAMES[i],
                                show(t, &q.value),
                                QUARTER_NAMES[j],
                                show(t, &p.value)
                            ),
                        )
                        .with_unit(unit_id),
                    );
                    ok = false;
                }
            }
            last = Some((i, q));
        }
    }
    if t.kind != "rate" {
        if let Some(q4) = &e.quarters[3] {
            if q4.value != year.value {
                let what = if t.kind == "cumulative" {
                    "số lũy kế đến hết Quý IV là số cả năm"
                } else {
                    "số người tham gia đến hết Quý IV là số đến 31/12, tức số cả năm"
                };
                problems.push(
                    Problem::error(
                        "registration-quarters",
                        q4.at.clone(),
                        format!(
                            "{unit_name}: \"{}\" đăng ký Quý IV là {} nhưng cả năm là {}; {what}. Số đăng ký của chỉ tiêu này không được dùng.",
                            t.name,
                            show(t, &q4.value),
                            show(t, &year.value)
                        ),
                    )
                    .with_unit(unit_id),
                );
                ok = false;
            }
        }
    }
    ok
}

/// The registrations of `year`, merged over every sheet read: the same
/// unit and target registered in two sheets with different figures is a
/// conflict at the second cell (neither is used); equal figures are one
/// registration.
pub fn merge_year(sheets: &[RegistrationSheet], year: i32, rules: &Rules, problems: &mut Vec<Problem>) -> Registrations {
    let mut out = Registrations { year, ..Default::default() };
    for s in sheets.iter().filter(|s| s.year == Some(year)) {
        out.rejected.extend(s.rejected.iter().cloned());
        for u in &s.units {
            let into = out.units.entry(u.unit.clone()).or_insert_with(|| UnitRegistration { targets: Default::default(), ..u.clone() });
            for (k, e) in &u.targets {
                if out.rejected.contains(&(u.unit.clone(), k.clone())) {
                    continue;
                }
                match into.targets.get(k) {
                    Some(prev) if !same_figures(prev, e) => {
                        let name = rules.file.targets.iter().find(|t| &t.id == k).map_or(k.as_str(), |t| t.name.as_str());
                        problems.push(
                            Problem::error(
                                "registration-conflict",
                                e.at.clone(),
                                format!(
                                    "{}: chỉ tiêu \"{name}\" năm {year} được đăng ký ở hai nơi với số khác nhau (nơi kia: {}); số đăng ký của chỉ tiêu này không được dùng. Hãy giữ một bản rồi gửi lại.",
                                    u.name, prev.at
                                ),
                            )
                            .with_unit(&u.unit),
                        );
                        into.targets.remove(k);
                        out.rejected.insert((u.unit.clone(), k.clone()));
                    }
                    Some(_) => {}
                    None => {
                        into.targets.insert(k.clone(), e.clone());
                    }
                }
            }
        }
    }
    out.units.retain(|_, u| !u.targets.is_empty());
    out
}

/// Registrations that go back on last year's covenant. The covenant is a
/// commitment to strive ("phấn đấu hoàn thành vượt mức các chỉ tiêu",
/// Công văn 1371, mục A.I.1; "giao ước thi đua gồm các chỉ tiêu thi đua cụ
/// thể … mang tính định lượng", Hướng dẫn 3636, mục A.II.1.2): a member
/// contradicts it when it registers for the year, for a target where more
/// is better, less than it registered for the previous year, or for the
/// late-payment ratio a higher ratio. Reported as a warning at the year
/// cell: the figure is still the member's registration, and the head
/// decides whether to accept it (a plan assigned lower, a unit split).
pub fn contradictions(current: &Registrations, previous: &Registrations, rules: &Rules) -> Vec<Problem> {
    let mut out = Vec::new();
    for (unit, u) in &current.units {
        for t in &rules.file.targets {
            let (Some(now), Some(before)) =
                (u.targets.get(&t.id).and_then(|e| e.year.as_ref()), previous.get(unit, &t.id).and_then(|e| e.year.as_ref()))
            else {
                continue;
            };
            let back = if t.better == "lower" { now.value > before.value } else { now.value < before.value };
            if back {
                let (cmp, goal) = if t.better == "lower" { ("cao hơn", "không cao hơn") } else { ("thấp hơn", "không thấp hơn") };
                out.push(
                    Problem::warning(
                        "registration-below-last-year",
                        now.at.clone(),
                        format!(
                            "{}: đăng ký \"{}\" năm {} là {}, {cmp} số đã đăng ký trong giao ước thi đua năm {} là {} ({}). Giao ước thi đua là cam kết phấn đấu hoàn thành vượt mức chỉ tiêu (Hướng dẫn 3636/HD-BHXH, mục A.II.1.2): số đăng ký năm sau {goal} năm trước, trừ khi kế hoạch giao thay đổi. Cụm trưởng, Khối trưởng xem xét trước khi ký giao ước.",
                            u.name,
                            t.name,
                            current.year,
                            show(t, &now.value),
                            previous.year,
                            show(t, &before.value),
                            before.at
                        ),
                    )
                    .with_unit(unit),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_headers() {
        assert_eq!(key("Quý I"), "quy i");
        assert_eq!(quarter_of(&key("Quý I")), Some(1));
        assert_eq!(quarter_of(&key("QUÝ IV/2023")), Some(4));
        assert_eq!(quarter_of(&key("Quý 3")), Some(3));
        assert_eq!(quarter_of(&key("Q2")), Some(2));
        assert_eq!(quarter_of(&key("Quý II (lũy kế)")), Some(2));
        assert_eq!(quarter_of(&key("Quý trước")), None);
        assert_eq!(year_header(&key("Năm 2023")), Some(Some(2023)));
        assert_eq!(year_header(&key("Cả năm")), Some(None));
        assert_eq!(year_header(&key("Năm học")), None);
    }

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }
    fn n(v: f64) -> Value {
        Value::Number { v, percent_format: false }
    }

    /// A cluster's sheet: a two-row header (group over the quarters), a
    /// unit's name in a merged cell over its rows, numbers as text and as
    /// numbers, a rate typed "0,9%".
    #[test]
    fn cluster_sheet_with_merged_unit_cells() {
        let rules = Rules::builtin("thu-2022").unwrap();
        let reg = crate::registry::Registry::builtin();
        let mut g = Grid::new("Đăng ký");
        g.set(0, 0, t("BẢNG ĐĂNG KÝ CHỈ TIÊU THI ĐUA NĂM 2023"));
        g.set(2, 0, t("STT"));
        g.set(2, 1, t("Đơn vị"));
        g.set(2, 2, t("Chỉ tiêu"));
        g.set(2, 3, t("Đơn vị tính"));
        g.set(2, 4, t("Cả năm"));
        g.set(2, 5, t("Đăng ký theo quý (lũy kế)"));
        g.add_merge(2, 5, 2, 8);
        for (i, q) in ["Quý I", "Quý II", "Quý III", "Quý IV"].iter().enumerate() {
            g.set(3, 5 + i as u32, t(q));
        }
        for c in 0..5 {
            g.add_merge(2, c, 3, c);
        }
        g.set(4, 0, n(1.0));
        g.set(4, 1, t("BHXH tỉnh Hà Nam"));
        g.add_merge(4, 1, 6, 1);
        g.set(4, 2, t("1. Số thu BHXH, BHTN, BHYT"));
        g.set(4, 4, t("3.456.789"));
        g.set(4, 5, n(800000.0));
        g.set(4, 6, n(1600000.0));
        g.set(4, 7, n(2500000.0));
        g.set(4, 8, t("3.456.789"));
        g.set(5, 2, t("Số người tham gia BHYT"));
        g.set(5, 4, n(850000.0));
        g.set(6, 2, t("Tỷ lệ chậm đóng"));
        g.set(6, 4, t("0,9%"));
        g.set(7, 1, t("Vĩnh Phúc"));
        g.set(7, 2, t("Số thu nợ"));
        g.set(7, 4, n(12.0));
        g.set(8, 1, t("Hưng Yên"));
        g.set(8, 2, t("BHXH tự nguyện"));
        g.set(8, 4, n(30000.0));
        g.set(8, 8, n(29000.0));
        let h = recognise(&g).expect("recognised");
        assert_eq!((h.row, h.target_col, h.year_col), (3, 2, 4));
        assert_eq!(h.quarter_cols, [Some(5), Some(6), Some(7), Some(8)]);
        let mut problems = Vec::new();
        let s = read(&g, &h, "dk.xlsx", &rules, reg, &mut problems);
        assert_eq!(s.year, Some(2023));
        let ha_nam = s.units.iter().find(|u| u.unit == "ha-nam").expect("Hà Nam read");
        let thu = &ha_nam.targets["thu"];
        assert_eq!(thu.year.as_ref().unwrap().value, Num::int(3_456_789));
        assert_eq!(thu.quarters[1].as_ref().unwrap().value, Num::int(1_600_000));
        assert_eq!(thu.quarters[0].as_ref().unwrap().at.cell.as_deref(), Some("F5"));
        assert_eq!(ha_nam.targets["bhyt"].year.as_ref().unwrap().value, Num::int(850_000));
        assert_eq!(ha_nam.targets["cham_dong"].year.as_ref().unwrap().value, Num::frac(9, 1000));
        // An unknown target, at its cell.
        let p = problems.iter().find(|p| p.code == "unknown-target").expect("unknown target reported");
        assert_eq!(p.location.cell.as_deref(), Some("C8"));
        assert!(p.message.contains("Số thu nợ") && p.message.contains("Vĩnh Phúc"), "{}", p.message);
        // Quý IV of a count is the year's: 29.000 against 30.000 is an error at I9.
        let p = problems.iter().find(|p| p.code == "registration-quarters").expect("Q4 ≠ year reported");
        assert_eq!(p.location.cell.as_deref(), Some("I9"));
        assert!(s.units.iter().all(|u| u.unit != "hung-yen"));
        assert!(s.rejected.contains(&("hung-yen".to_string(), "bhxh_tn".to_string())));
    }

    /// One unit's own sheet: "Đơn vị: …" above, "Năm 2023" as the year
    /// column, no quarters; a cumulative amount that goes down is refused.
    #[test]
    fn own_sheet_and_decreasing_quarters() {
        let rules = Rules::builtin("thu-2022").unwrap();
        let reg = crate::registry::Registry::builtin();
        let mut g = Grid::new("Sheet1");
        g.set(0, 0, t("Đơn vị: BHXH tỉnh Bắc Ninh"));
        g.set(2, 0, t("TT"));
        g.set(2, 1, t("Nội dung chỉ tiêu"));
        g.set(2, 2, t("Năm 2023"));
        g.set(2, 3, t("Quý 1"));
        g.set(2, 4, t("Quý 2"));
        g.set(3, 1, t("Thu BHXH, BHYT, BHTN"));
        g.set(3, 2, n(5000000.0));
        g.set(3, 3, n(1300000.0));
        g.set(3, 4, n(1200000.0));
        g.set(4, 1, t("BHXH bắt buộc"));
        g.set(4, 2, t("245.000"));
        let h = recognise(&g).expect("recognised");
        let mut problems = Vec::new();
        let s = read(&g, &h, "bn.xlsx", &rules, reg, &mut problems);
        assert_eq!(s.year, Some(2023));
        assert_eq!(s.units.len(), 1);
        assert_eq!(s.units[0].targets["bhxh_bb"].year.as_ref().unwrap().value, Num::int(245_000));
        assert!(!s.units[0].targets.contains_key("thu"));
        let p = problems.iter().find(|p| p.code == "registration-quarters").expect("decrease reported");
        assert_eq!(p.location.cell.as_deref(), Some("E4"));
    }

    #[test]
    fn a_rate_row_without_percent_signs_is_read_as_its_cells_write() {
        let rules = Rules::builtin("thu-2022").unwrap();
        let reg = crate::registry::Registry::builtin();
        let sheet = |cells: [f64; 3]| {
            let mut g = Grid::new("Sheet1");
            g.set(0, 0, t("Đơn vị: BHXH tỉnh Bắc Ninh"));
            g.set(2, 1, t("Nội dung chỉ tiêu"));
            g.set(2, 2, t("Năm 2023"));
            g.set(2, 3, t("Quý 1"));
            g.set(2, 4, t("Quý 2"));
            g.set(3, 1, t("Tỷ lệ chậm đóng"));
            for (c, v) in cells.iter().enumerate() {
                g.set(3, 2 + c as u32, n(*v));
            }
            let h = recognise(&g).expect("recognised");
            let mut problems = Vec::new();
            let s = read(&g, &h, "bn.xlsx", &rules, reg, &mut problems);
            (s, problems)
        };
        // 0,015 can only be a fraction (1,5 %): so is the row's 0,1 (10 %).
        let (s, problems) = sheet([0.1, 0.015, 0.012]);
        assert!(problems.iter().all(|p| p.code != "bad-number"), "{problems:#?}");
        assert_eq!(s.units[0].targets["cham_dong"].year.as_ref().unwrap().value, Num::frac(1, 10));
        // 1,5 can only be percent units: so is the row's 0,1 (0,1 %).
        let (s, _) = sheet([0.1, 1.5, 1.2]);
        assert_eq!(s.units[0].targets["cham_dong"].year.as_ref().unwrap().value, Num::frac(1, 1000));
        // Nothing tells: refused at the cell, not guessed.
        let (s, problems) = sheet([0.1, 0.2, 0.15]);
        let p = problems.iter().find(|p| p.location.cell.as_deref() == Some("C4")).unwrap_or_else(|| panic!("{problems:#?}"));
        assert!(p.message.contains("có thể là 0,1 % hoặc 10 %"), "{}", p.message);
        assert!(s.units.iter().all(|u| u.targets.get("cham_dong").is_none_or(|e| e.year.is_none())));
    }
}
