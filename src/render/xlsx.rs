//! The Excel summary `tong-hop.xlsx` (SPEC §6), written with
//! rust_xlsxwriter: figures, rankings (the country and one sheet per
//! cluster), criteria met and missed, proposals against the quotas, the
//! problems, and native charts of the period's progress against its
//! threshold. Numbers are stored as numbers with Excel formats (shown
//! "1.234.567" and "71,50%" on a Vietnamese Excel); every text that came
//! from an input is written as a string, never as a formula. The large
//! tables' cells are written straight into their sheets' XML by
//! `render::sheet_cells`; rust_xlsxwriter writes the rest.

pub use super::sheet_cells::Mode;
use super::sheet_cells::{Grid, Sheets};
use crate::model::{DecisionKind, Num, RankEntry, RunResult, Status};
use crate::rules::Rules;
use rust_xlsxwriter::{
    Chart, ChartType, Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

const NO_DATA: &str = "không có số liệu";

/// Number formats tagged with the Vietnamese locale (LCID 0x042A): the
/// figures read 7.290.240, 94,50 and 73,69 % in LibreOffice whatever the
/// reader's own locale (Excel takes the separators from the system, and
/// shows the same digits and places).
const FMT_INT: &str = "[$-42A]#,##0";
const FMT_DEC: &str = "[$-42A]#,##0.00";
const FMT_PCT: &str = "[$-42A]0.00 %";

/// Points of one row of Times New Roman 11 with a little room.
const LINE_PT: f64 = 15.0;

/// Printed lines a text takes in a column `width` characters wide.
fn lines_in(width: f64, s: &str) -> usize {
    let per_line = (width * 1.05).max(1.0);
    s.split('\n').map(|seg| ((seg.chars().count() as f64) / per_line).ceil().max(1.0) as usize).sum()
}

/// Height of a row holding wrapped texts: enough lines for the longest
/// (None: one line, the default height).
fn fit_height(cells: &[(f64, &str)]) -> Option<f64> {
    let lines = cells.iter().map(|(w, t)| lines_in(*w, t)).max().unwrap_or(1);
    (lines > 1).then(|| (lines as f64 * LINE_PT).min(409.0))
}

/// [`fit_height`] of a row of the crate's sheet.
fn fit_row(ws: &mut Worksheet, row: u32, cells: &[(f64, &str)]) -> Result<(), XlsxError> {
    if let Some(h) = fit_height(cells) {
        ws.set_row_height(row, h)?;
    }
    Ok(())
}

/// [`fit_height`] of a row of a table.
fn fit_grid_row(g: &mut Grid<'_, '_>, row: u32, cells: &[(f64, &str)]) {
    if let Some(h) = fit_height(cells) {
        g.height(row, h);
    }
}

/// How a column of numbers is shown: one format for the whole column.
#[derive(Clone, Copy, PartialEq)]
enum NumKind {
    Int,
    Dec,
    Pct,
}

impl NumKind {
    /// Whole numbers when every value is whole, else two places.
    fn of<'a>(percent: bool, values: impl IntoIterator<Item = Option<&'a Num>>) -> NumKind {
        if percent {
            NumKind::Pct
        } else if values.into_iter().flatten().all(|v| v.0.is_integer()) {
            NumKind::Int
        } else {
            NumKind::Dec
        }
    }
}

pub(crate) struct Styles {
    pub(crate) head: Format,
    pub(crate) text: Format,
    pub(crate) wrap: Format,
    pub(crate) int: Format,
    pub(crate) dec: Format,
    pub(crate) pct: Format,
    pub(crate) met: Format,
    pub(crate) missed: Format,
    pub(crate) unknown: Format,
    pub(crate) title: Format,
}

pub(crate) fn styles() -> Styles {
    let base = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(11)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    Styles {
        head: base.clone().set_bold().set_text_wrap().set_align(FormatAlign::Center).set_background_color(Color::RGB(0xDDEBF7)),
        text: base.clone(),
        wrap: base.clone().set_text_wrap(),
        int: base.clone().set_num_format(FMT_INT),
        dec: base.clone().set_num_format(FMT_DEC),
        pct: base.clone().set_num_format(FMT_PCT),
        met: base.clone().set_background_color(Color::RGB(0xC6EFCE)),
        missed: base.clone().set_background_color(Color::RGB(0xFFC7CE)),
        unknown: base.clone().set_background_color(Color::RGB(0xFFEB9C)),
        title: Format::new().set_font_name("Times New Roman").set_font_size(13).set_bold(),
    }
}

/// Write text as text (never a formula), within Excel's 32 767-character
/// cell limit: a longer text is cut with "…" rather than failing the file.
/// Figures are bound to their units with no-break spaces, as in the
/// documents, so a wrapped cell never starts a line with "%".
pub(crate) fn put<'a>(ws: &'a mut Worksheet, r: u32, c: u16, s: impl AsRef<str>, f: &Format) -> Result<&'a mut Worksheet, XlsxError> {
    put_opt(ws, r, c, s.as_ref(), Some(f))
}

/// [`put`], the cell unformatted when `f` is None.
fn put_opt<'a>(ws: &'a mut Worksheet, r: u32, c: u16, s: &str, f: Option<&Format>) -> Result<&'a mut Worksheet, XlsxError> {
    put_bound(ws, r, c, &crate::vn::format::bind_figures(s), f)
}

/// [`put_opt`] of a text already bound by `bind_figures`.
fn put_bound<'a>(ws: &'a mut Worksheet, r: u32, c: u16, s: &str, f: Option<&Format>) -> Result<&'a mut Worksheet, XlsxError> {
    let s = cell_text(std::borrow::Cow::Borrowed(s));
    match f {
        Some(f) => ws.write_string_with_format(r, c, &*s, f),
        None => ws.write_string(r, c, &*s),
    }
}

/// A text as a cell can hold it. Every sheet of the summary writes its
/// texts through this.
/// - Excel keeps at most 32 767 characters in a cell: a longer text is cut
///   at 32 000 and ends with "…", for the reader to see that it was cut,
///   rather than the file failing.
/// - rust_xlsxwriter writes a text that starts with "<r>" and ends with
///   "</r>" into the shared strings as it is, as XML (its form for rich
///   text). A cell of a workbook sent in can hold such a text, and written
///   so it would break the summary or put markup of the sender's into it;
///   it is written after a zero-width space (U+200B), which the crate then
///   escapes like any text and the reader does not see.
pub(crate) fn cell_text(s: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    // A text of at most 32 000 bytes has at most as many characters.
    let s = if s.len() > 32_000 && s.chars().count() > 32_000 {
        std::borrow::Cow::Owned(s.chars().take(32_000).collect::<String>() + "…")
    } else {
        s
    };
    if s.starts_with("<r>") && s.ends_with("</r>") {
        std::borrow::Cow::Owned(format!("\u{200b}{s}"))
    } else {
        s
    }
}

/// Width in characters that one landscape A4 page holds at 100 %, and the
/// smallest scale a sheet is shrunk to before it is printed across pages.
const PAGE_CHARS: f64 = 140.0;
const MIN_SCALE: f64 = 0.75;

/// Common page and view setup: frozen header, filter, A4 landscape, header
/// rows repeated on every printed page. A sheet that fits one page width at
/// 75 % or more is fitted to it; a wider one is printed across pages at its
/// own size, the unit's name (the first `key_cols` columns) repeated on
/// every page so that each page can be read alone.
pub(crate) fn finish_sheet(ws: &mut Worksheet, header_row: u32, last_row: u32, last_col: u16) -> Result<(), XlsxError> {
    finish_sheet_with(ws, header_row, last_row, last_col, &[], 0)
}

fn finish_sheet_with(
    ws: &mut Worksheet,
    header_row: u32,
    last_row: u32,
    last_col: u16,
    widths: &[f64],
    key_cols: u16,
) -> Result<(), XlsxError> {
    ws.set_freeze_panes(header_row + 1, key_cols)?;
    if last_row > header_row {
        ws.autofilter(header_row, 0, last_row, last_col)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    if fits_page(widths) {
        ws.set_print_fit_to_pages(1, 0);
    } else {
        ws.set_print_scale(90);
        if key_cols > 0 {
            ws.set_repeat_columns(0, key_cols - 1)?;
        }
    }
    ws.set_repeat_rows(0, header_row)?;
    Ok(())
}

/// Whether a sheet of columns `widths` is fitted to the page width (see
/// [`finish_sheet`]).
fn fits_page(widths: &[f64]) -> bool {
    widths.is_empty() || widths.iter().sum::<f64>() <= PAGE_CHARS / MIN_SCALE
}

/// The header row: bold, wrapped, as high as its longest header needs.
pub(crate) fn header(ws: &mut Worksheet, row: u32, cols: &[(&str, f64)], st: &Styles) -> Result<(), XlsxError> {
    for (i, (name, width)) in cols.iter().enumerate() {
        put(ws, row, i as u16, *name, &st.head)?;
        ws.set_column_width(i as u16, *width)?;
    }
    ws.set_row_height(row, header_height(cols))?;
    Ok(())
}

/// The header row's height in points: as high as its longest header needs.
fn header_height(cols: &[(&str, f64)]) -> f64 {
    // Headers break at spaces: count a word that does not fit as a line.
    let lines = cols
        .iter()
        .map(|(name, width)| {
            let mut lines = 1usize;
            let mut used = 0usize;
            for w in name.split_whitespace() {
                let n = w.chars().count();
                if used > 0 && (used + 1 + n) as f64 > width * 0.95 {
                    lines += 1;
                    used = n;
                } else {
                    used += if used > 0 { n + 1 } else { n };
                }
            }
            lines
        })
        .max()
        .unwrap_or(1);
    (lines as f64 * LINE_PT + 6.0).max(30.0)
}

/// Write a value: a number in its column's format, or "không có số liệu".
fn num_f<'f>(g: &mut Grid<'_, 'f>, r: u32, c: u16, v: Option<&Num>, kind: NumKind, st: &'f Styles) {
    let f = match kind {
        NumKind::Int => &st.int,
        NumKind::Dec => &st.dec,
        NumKind::Pct => &st.pct,
    };
    match v {
        Some(v) => g.num(r, c, v.to_f64(), f),
        None => g.put(r, c, NO_DATA, &st.unknown),
    }
}

/// [`num_f`] in the format the value itself calls for.
fn num_auto_f<'f>(g: &mut Grid<'_, 'f>, r: u32, c: u16, v: Option<&Num>, percent: bool, st: &'f Styles) {
    let kind = match v {
        Some(v) => NumKind::of(percent, [Some(v)]),
        None => NumKind::Int,
    };
    num_f(g, r, c, v, kind, st)
}

/// A valid, unique sheet name (≤ 31 characters, none of []:*?/\).
pub(crate) fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    // Excel allows 31 characters; a name that must take a number (" 2")
    // is cut to 28 first.
    let all: String = wanted.chars().filter(|c| !"[]:*?/\\".contains(*c)).collect();
    let whole: String = all.chars().take(31).collect();
    if !used.iter().any(|u| u.eq_ignore_ascii_case(&whole)) {
        used.push(whole.clone());
        return whole;
    }
    let clean: String = all.chars().take(28).collect();
    let mut name = clean.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        name = format!("{clean} {n}");
        n += 1;
    }
    used.push(name.clone());
    name
}

/// The bytes of `tong-hop.xlsx` as written.
pub fn summary_file(result: &RunResult, rules: &Rules) -> anyhow::Result<Vec<u8>> {
    let mut bytes = summary_bytes(result, rules)?;
    super::package::made_by_unix(&mut bytes);
    Ok(bytes)
}

/// The summary's bytes: its sheets in order, each written by a function
/// named for it, then the charts; the tables' cells written by
/// `render::sheet_cells`.
pub fn summary_bytes(r: &RunResult, rules: &Rules) -> Result<Vec<u8>, XlsxError> {
    summary_bytes_with(r, rules, Mode::Direct)
}

/// [`summary_bytes`], the tables' cells written as `mode` says (the tests
/// compare the two).
#[doc(hidden)]
pub fn summary_bytes_with(r: &RunResult, rules: &Rules, mode: Mode) -> Result<Vec<u8>, XlsxError> {
    summary_written(r, rules, mode).map(|w| w.0)
}

/// How many sheets of the summary are written whole outside the crate
/// (`render::added_sheets`), for the tests to see that they are.
#[doc(hidden)]
pub fn summary_sheets_added(r: &RunResult, rules: &Rules) -> Result<usize, XlsxError> {
    summary_written(r, rules, Mode::Direct).map(|w| w.1)
}

fn summary_written(r: &RunResult, rules: &Rules, mode: Mode) -> Result<(Vec<u8>, usize), XlsxError> {
    let st = styles();
    let mut sh = Sheets::new(mode);
    // Most distinct texts are the criteria's reasons, the proposals' and
    // the problems' (a unit's name and a criterion's recur).
    let criteria: usize = r.units.iter().map(|u| u.criteria.len()).sum();
    sh.reserve_texts(criteria + r.units.len() + r.decisions.len() + r.problems.len());
    let mut wb = Workbook::new();
    // Deflate at the fastest level: the national summary (0,5 MB) is
    // written in about half the time and half as large again.
    wb.set_zip_compression_level(1);
    let (d, m, y) = r.period.end_date();
    let props = DocProperties::new()
        .set_title(format!("Tổng hợp thi đua {}", r.period_label))
        .set_author("thidua")
        .set_company("Bảo hiểm xã hội Việt Nam")
        .set_creation_datetime(&ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?);
    wb.set_properties(&props);
    let mut used = Vec::new();

    // A Khối's members (Vụ, Ban, Trung tâm) have no collection or
    // participant targets (3636, mục A.I.1): a run of a Khối alone opens
    // on its scores, not on a table of figures that are all "—".
    let central_only = !r.units.is_empty() && r.units.iter().all(central);
    if central_only {
        cluster_sheets(&mut wb, r, &st, &mut sh, &mut used)?;
        rankings_sheet(&mut wb, r, &st, &mut sh, &mut used)?;
    } else {
        figures_sheet(&mut wb, r, rules, &st, &mut sh, &mut used)?;
        rankings_sheet(&mut wb, r, &st, &mut sh, &mut used)?;
        cluster_sheets(&mut wb, r, &st, &mut sh, &mut used)?;
    }
    criteria_sheet(&mut wb, r, &st, &mut sh, &mut used)?;
    proposals_sheet(&mut wb, r, &st, &mut sh, &mut used)?;
    votes_sheet(&mut wb, r, &st, &mut sh, &mut used)?;
    quotas_sheet(&mut wb, r, &st, &mut used)?;
    // Individuals and nominations (render::people_sheets).
    super::people_sheets::people_sheets(&mut wb, r, &mut used)?;
    // Results against the members' registrations (render::registration).
    crate::render::registration::comparison_sheet(&mut wb, r, &mut used)?;
    problems_sheet(&mut wb, r, &st, &mut sh, &mut used)?;

    // 6. Charts: each criterion measured against the period's threshold.
    charts(&mut wb, r, rules, &st, &mut used)?;
    if let Some(before) = sh.added_after() {
        sh.give_formats(wb.worksheet_from_index(before - 1)?)?;
    }
    Ok((sh.pack(wb.save_to_buffer()?)?, sh.added_count()))
}

/// A unit of a Khối (Vụ, Ban, Trung tâm) without figures: it has no
/// collection or participant targets (3636, mục A.I.1), so nothing to send
/// and nothing missing.
fn central(u: &crate::model::UnitResult) -> bool {
    u.figures.is_empty() && u.cluster_name.starts_with("Khối")
}

/// A member's score in the year-end review of `scope`, if the run has one.
fn score_in<'a>(r: &'a RunResult, scope: &str, unit: &str) -> Option<&'a crate::model::annual::UnitScore> {
    r.annual.iter().find(|c| c.cluster == scope)?.scores.iter().find(|s| s.unit == unit)
}

/// Step 1: Figures and measures, one row per unit.
fn figures_sheet(
    wb: &mut Workbook,
    r: &RunResult,
    rules: &Rules,
    st: &Styles,
    sh: &mut Sheets,
    used: &mut Vec<String>,
) -> Result<(), XlsxError> {
    let file = wb.worksheets().len() + 1;
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("Tổng hợp", used))?;
    let mut cols: Vec<(String, f64)> = vec![("STT".into(), 5.0), ("Đơn vị".into(), 28.0), ("Cụm/Khối".into(), 30.0)];
    for i in &rules.file.indicators {
        // "(người)" once, even when the name already says it.
        let unit = format!("({})", i.unit);
        let name = if i.unit.is_empty() || i.name.contains(&unit) { i.name.clone() } else { format!("{} {unit}", i.name) };
        cols.push((name, 14.0));
    }
    // The measures the run computed: the campaign's, or for the annual
    // review the rates of its report indicators (the units carry them).
    let measures: Vec<(String, String, bool)> = if r.annual.is_empty() {
        rules.file.measures.iter().map(|m| (m.key.clone(), m.name.clone(), m.percent)).collect()
    } else {
        let mut v: Vec<(String, String, bool)> = Vec::new();
        for m in r.units.iter().flat_map(|u| &u.measures) {
            if !v.iter().any(|x| x.0 == m.key) {
                v.push((m.key.clone(), m.name.clone(), m.percent));
            }
        }
        v
    };
    for m in &measures {
        cols.push((m.1.clone(), 14.0));
    }
    cols.push(("Ghi chú".into(), 24.0));
    let cr: Vec<(&str, f64)> = cols.iter().map(|(a, b)| (a.as_str(), *b)).collect();
    header(ws, 0, &cr, st)?;
    // Each unit's value in each column, found once (a unit's first
    // measure of a key, as `find` takes it): one look-up per figure and
    // measure the unit has, not one search per column.
    let n_ind = rules.file.indicators.len();
    let width = n_ind + measures.len();
    let mut ind_cols: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    for (c, ind) in rules.file.indicators.iter().enumerate() {
        ind_cols.entry(ind.key.as_str()).or_default().push(c);
    }
    let mut measure_cols: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    for (c, md) in measures.iter().enumerate() {
        measure_cols.entry(md.0.as_str()).or_default().push(n_ind + c);
    }
    let mut values: Vec<Option<&Num>> = vec![None; r.units.len() * width];
    let mut found = vec![false; width];
    for (u, row) in r.units.iter().zip(values.chunks_mut(width.max(1))) {
        for (key, v) in &u.figures {
            for &c in ind_cols.get(key.as_str()).map_or(&[][..], Vec::as_slice) {
                row[c] = Some(v);
            }
        }
        found.fill(false);
        for m in &u.measures {
            for &c in measure_cols.get(m.key.as_str()).map_or(&[][..], Vec::as_slice) {
                if !found[c] {
                    found[c] = true;
                    row[c] = m.value.as_ref();
                }
            }
        }
    }
    let column = |c: usize| values.iter().skip(c).step_by(width.max(1)).copied();
    // One format per column: 94,50 never beside 91.
    let kinds: Vec<NumKind> = rules
        .file
        .indicators
        .iter()
        .map(|ind| ind.percent)
        .chain(measures.iter().map(|md| md.2))
        .enumerate()
        .map(|(c, percent)| NumKind::of(percent, column(c)))
        .collect();
    let mut g = sh.grid_sized(r.units.len(), width + 4);
    for (i, u) in r.units.iter().enumerate() {
        let row = i as u32 + 1;
        g.num(row, 0, (i + 1) as f64, &st.text);
        g.put(row, 1, &u.name, &st.wrap);
        g.put(row, 2, &u.cluster_name, &st.wrap);
        let central = central(u);
        for (k, kind) in kinds.iter().enumerate() {
            if central {
                g.put(row, 3 + k as u16, "—", &st.text);
            } else {
                num_f(&mut g, row, 3 + k as u16, values[i * width + k], *kind, st);
            }
        }
        let c = 3 + width as u16;
        let note = if central {
            "Không áp dụng: đơn vị thuộc Khối thi đua không có chỉ tiêu thu, phát triển người tham gia"
        } else if u.figures.is_empty() {
            "Không gửi số liệu"
        } else if u.has_input_errors {
            "Có lỗi dữ liệu đầu vào (xem trang Lỗi dữ liệu)"
        } else {
            ""
        };
        g.put(row, c, note, &st.wrap);
        fit_grid_row(&mut g, row, &[(28.0, &u.name), (30.0, &u.cluster_name), (24.0, note)]);
    }
    g.finish(ws, file)?;
    let widths: Vec<f64> = cols.iter().map(|c| c.1).collect();
    finish_sheet_with(ws, 0, r.units.len() as u32, cols.len() as u16 - 1, &widths, 2)?;
    Ok(())
}

/// Step 2: Rankings: the whole run in one table.
fn rankings_sheet(wb: &mut Workbook, r: &RunResult, st: &Styles, sh: &mut Sheets, used: &mut Vec<String>) -> Result<(), XlsxError> {
    let file = wb.worksheets().len() + 1;
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("Xếp hạng", used))?;
    header(
        ws,
        0,
        &[
            ("Bảng xếp hạng", 34.0),
            ("Phạm vi", 26.0),
            ("Hạng", 10.0),
            ("Đơn vị", 28.0),
            ("Giá trị", 12.0),
            ("Tiêu chí phụ thứ nhất", 22.0),
            ("Giá trị tiêu chí phụ", 12.0),
            ("Đồng hạng", 10.0),
            ("Ghi chú", 60.0),
        ],
        st,
    )?;
    let mut g = sh.grid_sized(r.rankings.iter().map(|k| k.entries.len()).sum(), 9);
    let mut row = 1u32;
    for k in &r.rankings {
        let value_kind = if k.percent { NumKind::Pct } else { NumKind::of(false, k.entries.iter().map(|e| e.value.as_ref())) };
        let tie_pct = k.tie_breaker_percent.first().copied().unwrap_or(false);
        let tie_kind = if tie_pct {
            NumKind::Pct
        } else {
            NumKind::of(false, k.entries.iter().map(|e| e.tie_breakers.first().and_then(|x| x.as_ref())))
        };
        // Scores are shown with two places throughout.
        let value_kind = if value_kind == NumKind::Int && k.measure == "tong_diem" { NumKind::Dec } else { value_kind };
        let tie_name = k.tie_breaker_names.first().map(String::as_str).unwrap_or("");
        for e in &k.entries {
            g.put(row, 0, &k.title, &st.wrap);
            g.put(row, 1, &k.scope_name, &st.wrap);
            match (e.rank, e.standing.as_deref()) {
                (Some(rk), _) => g.num(row, 2, rk as f64, &st.text),
                (None, Some(standing)) => g.put(row, 2, standing, &st.wrap),
                (None, None) => g.put(row, 2, "—", &st.text),
            };
            g.put(row, 3, &e.name, &st.wrap);
            num_f(&mut g, row, 4, e.value.as_ref(), value_kind, st);
            // A member not ranked has no tie-breaker to show.
            if k.tie_breaker_names.is_empty() || e.standing.is_some() || e.rank.is_none() {
                g.put(row, 5, "", &st.text);
                g.put(row, 6, "", &st.text);
            } else {
                g.put(row, 5, tie_name, &st.wrap);
                num_f(&mut g, row, 6, e.tie_breakers.first().and_then(|x| x.as_ref()), tie_kind, st);
            }
            g.put(row, 7, if e.tied { "Đồng hạng" } else { "" }, &st.text);
            let note = e.note.as_deref().or_else(|| unranked_note(r, &k.scope, e)).unwrap_or("");
            g.put(row, 8, note, &st.wrap);
            fit_grid_row(&mut g, row, &[(34.0, &k.title), (26.0, &k.scope_name), (28.0, &e.name), (22.0, tie_name), (60.0, note)]);
            row += 1;
        }
    }
    g.finish(ws, file)?;
    finish_sheet(ws, 0, row - 1, 8)?;
    Ok(())
}

/// Why a member of a year-end review has no place in its ranking when it
/// was not kept out (no "Không xét"/"Chưa xét"): how its total was made,
/// as the minutes give it ("không xếp hạng: bảng tự chấm điểm …").
fn unranked_note<'a>(r: &'a RunResult, scope: &str, e: &RankEntry) -> Option<&'a str> {
    if e.rank.is_some() || e.standing.is_some() {
        return None;
    }
    score_in(r, scope, &e.unit).map(|s| s.note.as_str())
}

/// Step 2: Then one sheet per cluster: its rankings side by side.
fn cluster_sheets(wb: &mut Workbook, r: &RunResult, st: &Styles, sh: &mut Sheets, used: &mut Vec<String>) -> Result<(), XlsxError> {
    let mut scopes: Vec<(&str, &str)> = Vec::new();
    for k in &r.rankings {
        if k.scope != "toan-quoc" && !scopes.iter().any(|s| s.0 == k.scope) {
            scopes.push((&k.scope, &k.scope_name));
        }
    }
    for (scope, scope_name) in scopes {
        let ks: Vec<_> = r.rankings.iter().filter(|k| k.scope == scope).collect();
        let first = ks[0];
        let short = scope_name
            .replace("Cụm thi đua cấp tỉnh", "Cụm")
            .replace("Khối thi đua", "Khối")
            .replace("Cụm thi đua cấp huyện", "Cụm huyện")
            .replace("(BHXH tỉnh ", "(")
            .replace("(BHXH thành phố ", "(");
        // "Cụm huyện số 1 (Bà Rịa - Vũng Tàu)" is over Excel's 31
        // characters: it drops "số" to keep its province and bracket whole
        // ("Cụm huyện 1 (Bà Rịa - Vũng Tàu)").
        let short = if short.chars().count() > 31 { short.replacen(" số ", " ", 1) } else { short };
        let name = sheet_name(&short, used);
        let title = format!("{scope_name} — {}", r.period_label);
        // A year-end review's scores as its minutes give them: the
        // self-assessed and the cross-scored points beside the total, and
        // how each total was made (or why there is none).
        let review = r.annual.iter().find(|c| c.cluster == scope);
        let lead: u16 = if review.is_some() { 2 } else { 0 };
        let mut cols: Vec<(String, f64)> = vec![("STT".into(), 5.0), ("Đơn vị".into(), 28.0)];
        if review.is_some() {
            cols.push(("Điểm tự chấm (thẩm định)".into(), 12.0));
            cols.push(("Bình quân điểm chấm chéo".into(), 14.0));
        }
        for k in &ks {
            cols.push((k.measure_name.clone(), 14.0));
            cols.push((format!("Hạng ({})", k.title.trim_start_matches("Xếp hạng ")), 10.0));
        }
        if review.is_some() {
            cols.push(("Ghi chú".into(), 40.0));
        }
        let cr: Vec<(&str, f64)> = cols.iter().map(|(a, b)| (a.as_str(), *b)).collect();
        let widths: Vec<f64> = cols.iter().map(|c| c.1).collect();
        let sheets_so_far = wb.worksheets().len();
        // Written whole, outside the crate (render::added_sheets), when
        // the table before can take their formats; else through the crate.
        let whole = sh.can_add(sheets_so_far);
        let mut g = sh.grid();
        let mut ws = None;
        if whole {
            g.put(0, 0, &title, &st.title);
            for (i, (name, _)) in cr.iter().enumerate() {
                g.put(1, i as u16, name, &st.head);
            }
            g.height(1, header_height(&cr));
        } else {
            let w = wb.add_worksheet();
            w.set_name(&name)?;
            put(w, 0, 0, &title, &st.title)?;
            header(w, 1, &cr, st)?;
            ws = Some(w);
        }
        for (i, e) in first.entries.iter().enumerate() {
            let row = i as u32 + 2;
            g.num(row, 0, (i + 1) as f64, &st.text);
            g.put(row, 1, &e.name, &st.text);
            let score = review.and_then(|rv| rv.scores.iter().find(|s| s.unit == e.unit));
            if review.is_some() {
                let cross = score.and_then(|s| s.cross_total());
                let base = score.and_then(|s| s.counted_points());
                // None sent or none usable: the note says which.
                for (c, v) in [(2, base.as_ref()), (3, cross.as_ref())] {
                    match v {
                        Some(v) => num_f(&mut g, row, c, Some(v), NumKind::Dec, st),
                        None => g.put(row, c, "—", &st.text),
                    }
                }
            }
            for (j, k) in ks.iter().enumerate() {
                let c = 2 + lead + 2 * j as u16;
                let ke = k.entries.iter().find(|x| x.unit == e.unit);
                let kind = if k.percent {
                    NumKind::Pct
                } else if k.measure == "tong_diem" {
                    NumKind::Dec
                } else {
                    NumKind::of(false, k.entries.iter().map(|x| x.value.as_ref()))
                };
                num_f(&mut g, row, c, ke.and_then(|x| x.value.as_ref()), kind, st);
                // A member not considered says so where its place would be.
                match (ke.and_then(|x| x.rank), ke.and_then(|x| x.standing.as_deref())) {
                    (Some(rk), _) => g.num(row, c + 1, rk as f64, &st.text),
                    (None, Some(standing)) => g.put(row, c + 1, standing, &st.text),
                    (None, None) => g.put(row, c + 1, "—", &st.text),
                };
            }
            if review.is_some() {
                let usual = review.and_then(|rv| crate::model::annual::UnitScore::usual_scorers(&rv.scores));
                let said = score.map(|s| s.note_beside_columns(usual));
                let note =
                    [said.as_deref(), e.note.as_deref()].into_iter().flatten().filter(|n| !n.is_empty()).collect::<Vec<_>>().join("; ");
                g.put(row, 2 + lead + 2 * ks.len() as u16, &note, &st.wrap);
                fit_grid_row(&mut g, row, &[(28.0, &e.name), (40.0, &note)]);
            }
        }
        match ws {
            Some(ws) => {
                g.finish_small(ws)?;
                finish_sheet_with(ws, 1, first.entries.len() as u32 + 1, cols.len() as u16 - 1, &widths, 2)?;
            }
            None => g.add_sheet(name, &widths, 1, 2, fits_page(&widths), sheets_so_far),
        }
    }
    Ok(())
}

/// Step 3: Criteria met and missed.
fn criteria_sheet(wb: &mut Workbook, r: &RunResult, st: &Styles, sh: &mut Sheets, used: &mut Vec<String>) -> Result<(), XlsxError> {
    let file = wb.worksheets().len() + 1;
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("Tiêu chí", used))?;
    header(
        ws,
        0,
        &[
            ("STT", 5.0),
            ("Đơn vị", 28.0),
            ("Tiêu chí", 34.0),
            ("Kết quả", 16.0),
            ("Giá trị", 12.0),
            ("Ngưỡng", 12.0),
            ("Lý do", 80.0),
            ("Căn cứ", 30.0),
        ],
        st,
    )?;
    let mut g = sh.grid_sized(r.units.iter().map(|u| u.criteria.len()).sum(), 8);
    let mut row = 1u32;
    for u in &r.units {
        for c in &u.criteria {
            g.num(row, 0, row as f64, &st.text);
            g.put(row, 1, &u.name, &st.wrap);
            g.put(row, 2, &c.name, &st.wrap);
            let f = match c.status {
                Status::Met => &st.met,
                Status::Missed => &st.missed,
                Status::NotAssessable => &st.unknown,
            };
            g.put(row, 3, c.status.label_vi(), f);
            if c.op.is_empty() && c.actual.is_none() && c.bound.is_none() {
                // A yes/no criterion (the eligibility sheet): no figure
                // to show, and none missing.
                g.put(row, 4, "", &st.text);
                g.put(row, 5, "", &st.text);
            } else {
                num_auto_f(&mut g, row, 4, c.actual.as_ref(), c.percent, st);
                num_auto_f(&mut g, row, 5, c.bound.as_ref(), c.percent, st);
            }
            g.put(row, 6, &c.reason, &st.wrap);
            g.put(row, 7, &c.clause, &st.wrap);
            fit_grid_row(&mut g, row, &[(28.0, &u.name), (34.0, &c.name), (80.0, &c.reason), (30.0, &c.clause)]);
            row += 1;
        }
    }
    g.finish(ws, file)?;
    finish_sheet(ws, 0, row - 1, 7)?;
    Ok(())
}

/// Step 4: Proposals, one row per decision.
fn proposals_sheet(wb: &mut Workbook, r: &RunResult, st: &Styles, sh: &mut Sheets, used: &mut Vec<String>) -> Result<(), XlsxError> {
    let file = wb.worksheets().len() + 1;
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("Đề nghị", used))?;
    header(ws, 0, &[("Hình thức", 34.0), ("Đơn vị", 28.0), ("Kết quả", 26.0), ("Thứ tự", 8.0), ("Lý do", 90.0)], st)?;
    let mut g = sh.grid_sized(r.decisions.len(), 5);
    let mut row = 1u32;
    for d in &r.decisions {
        g.put(row, 0, &d.award_name, &st.wrap);
        g.put(row, 1, &d.name, &st.wrap);
        let f = match d.kind {
            DecisionKind::Proposed | DecisionKind::Candidate => &st.met,
            DecisionKind::CutByQuota | DecisionKind::TiedAtQuota | DecisionKind::NotAssessable => &st.unknown,
            _ => &st.text,
        };
        g.put(row, 2, d.kind.label_vi(), f);
        match d.rank {
            Some(rk) => g.num(row, 3, rk as f64, &st.text),
            None => g.put(row, 3, "", &st.text),
        };
        g.put(row, 4, &d.reason, &st.wrap);
        fit_grid_row(&mut g, row, &[(34.0, &d.award_name), (28.0, &d.name), (26.0, d.kind.label_vi()), (90.0, &d.reason)]);
        row += 1;
    }
    g.finish(ws, file)?;
    finish_sheet(ws, 0, row.max(2) - 1, 4)?;
    Ok(())
}

/// Step 4: The annual review's secret ballot (Hướng dẫn 3636, mục B.I.1), when
/// there was one.
fn votes_sheet(wb: &mut Workbook, r: &RunResult, st: &Styles, sh: &mut Sheets, used: &mut Vec<String>) -> Result<(), XlsxError> {
    if !(r.annual.iter().any(|c| !c.votes.is_empty())) {
        return Ok(());
    }
    let file = wb.worksheets().len() + 1;
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("Bỏ phiếu", used))?;
    header(
        ws,
        0,
        &[
            ("Khối, Cụm", 30.0),
            ("Hình thức", 30.0),
            ("Đơn vị", 28.0),
            ("Số phiếu đồng ý", 10.0),
            ("Số thành viên", 10.0),
            ("Tỷ lệ", 10.0),
            ("Được bình chọn", 10.0),
            ("Lý do", 90.0),
        ],
        st,
    )?;
    let mut g = sh.grid_sized(r.annual.iter().map(|c| c.votes.len()).sum(), 8);
    let mut row = 1u32;
    for c in &r.annual {
        for v in &c.votes {
            g.put(row, 0, &c.name, &st.wrap);
            g.put(row, 1, &v.award_name, &st.wrap);
            g.put(row, 2, &v.name, &st.wrap);
            g.num(row, 3, v.votes as f64, &st.text);
            g.num(row, 4, v.members as f64, &st.text);
            num_auto_f(&mut g, row, 5, Some(&v.share), true, st);
            g.put(row, 6, if v.voted { "Có" } else { "Không" }, if v.voted { &st.met } else { &st.text });
            g.put(row, 7, &v.reason, &st.wrap);
            fit_grid_row(&mut g, row, &[(30.0, &c.name), (30.0, &v.award_name), (28.0, &v.name), (90.0, &v.reason)]);
            row += 1;
        }
    }
    g.finish(ws, file)?;
    finish_sheet(ws, 0, row.max(2) - 1, 7)?;
    Ok(())
}

/// Step 4: The quotas the proposals were weighed against.
fn quotas_sheet(wb: &mut Workbook, r: &RunResult, st: &Styles, used: &mut Vec<String>) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("Hạn mức", used))?;
    header(
        ws,
        0,
        &[
            ("Hình thức", 34.0),
            ("Số lượng tối đa", 12.0),
            ("Đủ tiêu chí", 12.0),
            ("Đề nghị", 10.0),
            ("Ngoài số lượng", 12.0),
            ("Đồng hạng tại giới hạn", 12.0),
            ("Áp dụng", 22.0),
            ("Căn cứ", 40.0),
            ("Ghi chú", 50.0),
        ],
        st,
    )?;
    for (i, q) in r.quotas.iter().enumerate() {
        let row = i as u32 + 1;
        put(ws, row, 0, &q.award_name, &st.wrap)?;
        ws.write_number_with_format(row, 1, q.limit as f64, &st.int)?;
        ws.write_number_with_format(row, 2, q.qualified as f64, &st.int)?;
        ws.write_number_with_format(row, 3, q.proposed.len() as f64, &st.int)?;
        ws.write_number_with_format(row, 4, q.cut.len() as f64, &st.int)?;
        ws.write_number_with_format(row, 5, q.tied_at_edge.len() as f64, &st.int)?;
        put(ws, row, 6, if q.applied { "Áp dụng tại kỳ xét này" } else { "Chỉ đề xuất lên cấp trên" }, &st.wrap)?;
        put(ws, row, 7, &q.clause, &st.wrap)?;
        put(ws, row, 8, &q.note, &st.wrap)?;
        fit_row(ws, row, &[(34.0, &q.award_name), (22.0, "Chỉ đề xuất lên cấp trên"), (40.0, &q.clause), (50.0, &q.note)])?;
    }
    finish_sheet(ws, 0, r.quotas.len().max(1) as u32, 8)?;
    Ok(())
}

/// Step 5: Problems, each with its file, sheet and cell.
fn problems_sheet(wb: &mut Workbook, r: &RunResult, st: &Styles, sh: &mut Sheets, used: &mut Vec<String>) -> Result<(), XlsxError> {
    let file = wb.worksheets().len() + 1;
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("Lỗi dữ liệu", used))?;
    header(
        ws,
        0,
        &[("STT", 5.0), ("Mức độ", 10.0), ("Tệp", 30.0), ("Trang tính", 16.0), ("Ô", 7.0), ("Đơn vị", 24.0), ("Nội dung", 90.0)],
        st,
    )?;
    let mut g = sh.grid_sized(r.problems.len(), 7);
    for (i, p) in r.problems.iter().enumerate() {
        let row = i as u32 + 1;
        g.num(row, 0, (i + 1) as f64, &st.text);
        g.put(row, 1, p.severity.label_vi(), if p.severity == crate::model::Severity::Error { &st.missed } else { &st.unknown });
        g.put(row, 2, &p.location.file, &st.wrap);
        g.put(row, 3, p.location.sheet.as_deref().unwrap_or(""), &st.text);
        g.put(row, 4, p.location.cell.as_deref().unwrap_or(""), &st.text);
        let unit = p.unit.as_deref().map(|id| r.units.iter().find(|u| u.unit == id).map_or(id, |u| u.name.as_str())).unwrap_or("");
        g.put(row, 5, unit, &st.wrap);
        g.put(row, 6, &p.message, &st.wrap);
        fit_grid_row(&mut g, row, &[(30.0, &p.location.file), (24.0, unit), (90.0, &p.message)]);
    }
    g.finish(ws, file)?;
    if r.problems.is_empty() {
        put(ws, 1, 6, "Không phát hiện lỗi nào trong dữ liệu đầu vào.", &st.text)?;
    }
    finish_sheet(ws, 0, r.problems.len().max(1) as u32, 6)?;
    Ok(())
}

/// Rows of one printed block (a table beside its chart): a landscape A4
/// page holds about 32 rows of 15 pt, so each block starts a page and no
/// chart is cut across two.
const BLOCK_ROWS: u32 = 26;

/// The annual review's charts: each block or cluster's total scores (up to
/// ten clusters), each beside its table and on a page of its own; else the
/// proposals per award across the run. Axes start at 0: a bar's height is
/// the score, not the distance from the lowest one.
fn annual_charts(wb: &mut Workbook, r: &RunResult, st: &Styles, used: &mut Vec<String>) -> Result<(), XlsxError> {
    let name = sheet_name("Biểu đồ", used);
    let ws = wb.add_worksheet();
    ws.set_name(&name)?;
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 11)?;
    let mut breaks = Vec::new();
    if r.annual.len() <= 10 {
        let mut top = 0u32;
        for c in &r.annual {
            let scored: Vec<_> = c.scores.iter().filter(|s| s.total.is_some()).collect();
            let n = scored.len() as u32;
            if top > 0 {
                breaks.push(top);
            }
            put(ws, top, 0, &c.name, &st.head)?;
            put(ws, top, 1, "Tổng điểm", &st.head)?;
            fit_row(ws, top, &[(30.0, &c.name)])?;
            for (i, s) in scored.iter().enumerate() {
                put(ws, top + 1 + i as u32, 0, &s.name, &st.text)?;
                ws.write_number_with_format(top + 1 + i as u32, 1, s.total.map(|t| t.to_f64()).unwrap_or(0.0), &st.dec)?;
            }
            if n > 0 {
                let mut chart = Chart::new(ChartType::Column);
                chart
                    .add_series()
                    .set_categories((name.as_str(), top + 1, 0, top + n, 0))
                    .set_values((name.as_str(), top + 1, 1, top + n, 1))
                    .set_name("Tổng điểm");
                chart.title().set_name(&format!("Tổng điểm thi đua — {} — {}", c.name, r.period_label));
                chart.x_axis().set_name("Đơn vị");
                chart.y_axis().set_name("Điểm").set_min(0.0).set_num_format("0");
                chart.legend().set_hidden();
                chart.set_width(620).set_height(400);
                ws.insert_chart(top, 3, &chart)?;
            }
            top += BLOCK_ROWS.max(n + 2);
        }
    } else {
        put(ws, 0, 0, "Hình thức", &st.head)?;
        put(ws, 0, 1, "Số tập thể đề nghị", &st.head)?;
        ws.set_column_width(0, 44)?;
        let mut awards: Vec<(&str, usize)> = Vec::new();
        for d in r.decisions.iter().filter(|d| d.kind == DecisionKind::Proposed && d.award != "xet_thi_dua") {
            match awards.iter_mut().find(|a| a.0 == d.award_name) {
                Some(a) => a.1 += 1,
                None => awards.push((&d.award_name, 1)),
            }
        }
        for (i, (a, k)) in awards.iter().enumerate() {
            put(ws, i as u32 + 1, 0, *a, &st.wrap)?;
            ws.write_number_with_format(i as u32 + 1, 1, *k as f64, &st.int)?;
        }
        let n = awards.len() as u32;
        if n > 0 {
            let mut chart = Chart::new(ChartType::Bar);
            chart.add_series().set_categories((name.as_str(), 1, 0, n, 0)).set_values((name.as_str(), 1, 1, n, 1)).set_name("Số tập thể");
            chart.title().set_name(&format!("Đề nghị khen thưởng {} — {}", r.period_label, r.scope.name_vi().to_lowercase()));
            chart.x_axis().set_min(0.0);
            chart.legend().set_hidden();
            chart.set_width(900).set_height(360);
            ws.insert_chart(n + 3, 0, &chart)?;
        }
    }
    if !breaks.is_empty() {
        ws.set_page_breaks(&breaks)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The quarterly charts: one per criterion measured against the period's
/// threshold, each on its own printed page after the table of values, the
/// axis from 0 % so the threshold line reads true.
fn charts(wb: &mut Workbook, r: &RunResult, rules: &Rules, st: &Styles, used: &mut Vec<String>) -> Result<(), XlsxError> {
    if !r.annual.is_empty() {
        return annual_charts(wb, r, st, used);
    }
    let name = sheet_name("Biểu đồ", used);
    let ws = wb.add_worksheet();
    ws.set_name(&name)?;
    // Criteria compared with the period's threshold ("nguong").
    let crits: Vec<_> = rules.file.criteria.iter().filter(|c| c.bound.trim() == "nguong").collect();
    let threshold = rules.threshold(&r.period);
    let n = r.units.len() as u32;
    let mut col = 0u16;
    let mut breaks = Vec::new();
    // Charts start on the page after the table; each takes a page.
    let first_chart = n + 2;
    for (ci, c) in crits.iter().enumerate() {
        let mut units: Vec<(&str, Option<Num>)> =
            r.units.iter().map(|u| (u.name.as_str(), u.measures.iter().find(|m| m.key == c.measure).and_then(|m| m.value))).collect();
        units.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| crate::vn::collate::cmp(a.0, b.0)));
        put(ws, 0, col, "Đơn vị", &st.head)?;
        put(ws, 0, col + 1, &c.name, &st.head)?;
        put(ws, 0, col + 2, "Ngưỡng của kỳ", &st.head)?;
        ws.set_column_width(col, 24)?;
        ws.set_column_width(col + 1, 14)?;
        ws.set_column_width(col + 2, 12)?;
        for (i, (u, v)) in units.iter().enumerate() {
            let row = i as u32 + 1;
            put(ws, row, col, *u, &st.text)?;
            match v {
                Some(v) => ws.write_number_with_format(row, col + 1, v.to_f64(), &st.pct)?,
                None => ws.write_blank(row, col + 1, &st.text)?,
            };
            match &threshold {
                Some(t) => ws.write_number_with_format(row, col + 2, t.to_f64(), &st.pct)?,
                None => ws.write_blank(row, col + 2, &st.text)?,
            };
        }
        if n > 0 {
            let mut chart = Chart::new(ChartType::Column);
            chart
                .add_series()
                .set_categories((name.as_str(), 1, col, n, col))
                .set_values((name.as_str(), 1, col + 1, n, col + 1))
                .set_name(c.name.as_str());
            let mut line = Chart::new(ChartType::Line);
            line.add_series()
                .set_categories((name.as_str(), 1, col, n, col))
                .set_values((name.as_str(), 1, col + 2, n, col + 2))
                .set_name(format!("Ngưỡng {}", r.period_label).as_str());
            chart.combine(&line);
            chart.title().set_name(&format!("{} — {}", c.name, r.period_label));
            chart.x_axis().set_name("Đơn vị");
            chart.y_axis().set_name("Tỷ lệ").set_num_format("0%").set_min(0.0);
            chart.set_width(780).set_height(420);
            let at = first_chart + BLOCK_ROWS * ci as u32;
            breaks.push(at);
            ws.insert_chart(at, 0, &chart)?;
        }
        col += 4;
    }
    if !breaks.is_empty() {
        ws.set_page_breaks(&breaks)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    // Not fitted to one page width: the table of every criterion side by
    // side would shrink the charts to nothing. The table prints across
    // pages, each chart whole on its own page at nearly full size.
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_scale(95);
    Ok(())
}
