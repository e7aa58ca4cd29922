//! A sheet as a grid of cell values, loaded from xlsx/xlsm by `super::xlsx`
//! (one pass per part, inside the size limits), and from xls and ods through
//! calamine's ranges. Merged regions are kept, because two-row
//! headers put a group name in a merged cell above its sub-headers (for
//! .ods, which calamine reads without them, from `super::ods`).

use super::guard::{self, Limits};
use calamine::{Data, Reader, SheetVisible};
use std::io::Cursor;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    /// A number; `percent_format` when Excel shows it as a percentage (it
    /// then stores the fraction).
    Number {
        v: f64,
        percent_format: bool,
    },
    Bool(bool),
    /// An Excel error value such as `#DIV/0!`.
    Error(String),
    /// A date cell: Excel's serial day number (1900 system).
    Date(f64),
    /// A formula whose result was never computed (no stored value, or the
    /// 0 that libraries store for every formula).
    Uncomputed,
}

static EMPTY: Value = Value::Empty;

/// One visible sheet.
#[derive(Debug)]
pub struct Grid {
    /// Shared by every location on the sheet.
    pub name: crate::model::Name,
    /// Absolute 0-based rows; each row as long as its last used cell.
    rows: Vec<Vec<Value>>,
    /// Merged regions: (first row, first col, last row, last col).
    merges: Vec<(u32, u32, u32, u32)>,
    /// Cells typed in the legacy TCVN3 code and converted: (row, col, as typed).
    pub converted: Vec<(u32, u32, String)>,
    /// What the recognisers asked of the texts of the first rows
    /// (`super::head_keys`), made when first asked.
    head: std::cell::OnceCell<super::head_keys::Head>,
}

impl Grid {
    pub fn new(name: &str) -> Grid {
        Grid { name: name.into(), rows: Vec::new(), merges: Vec::new(), converted: Vec::new(), head: Default::default() }
    }
    pub fn set(&mut self, r: u32, c: u32, v: Value) {
        self.head.take();
        let v = match v {
            Value::Text(t) => match crate::vn::legacy::to_unicode(&t) {
                Some(u) => {
                    self.converted.push((r, c, t));
                    Value::Text(u)
                }
                None => Value::Text(t),
            },
            v => v,
        };
        let (r, c) = (r as usize, c as usize);
        if self.rows.len() <= r {
            self.rows.resize_with(r + 1, Vec::new);
        }
        let row = &mut self.rows[r];
        // Cells mostly come in order: the next one is pushed, not made
        // empty first and then overwritten.
        match row.len().cmp(&c) {
            std::cmp::Ordering::Less => {
                row.resize_with(c, || Value::Empty);
                row.push(v);
            }
            std::cmp::Ordering::Equal => row.push(v),
            std::cmp::Ordering::Greater => row[c] = v,
        }
    }
    pub fn add_merge(&mut self, r0: u32, c0: u32, r1: u32, c1: u32) {
        self.head.take();
        self.merges.push((r0, c0, r1, c1));
    }
    pub(super) fn head(&self) -> &super::head_keys::Head {
        self.head.get_or_init(|| super::head_keys::Head::new(self.height()))
    }
    pub fn merge_count(&self) -> usize {
        self.merges.len()
    }
    pub fn merges(&self) -> &[(u32, u32, u32, u32)] {
        &self.merges
    }
    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }
    pub fn width(&self, r: u32) -> u32 {
        self.rows.get(r as usize).map_or(0, |x| x.len() as u32)
    }
    pub fn max_width(&self) -> u32 {
        self.rows.iter().map(|r| r.len() as u32).max().unwrap_or(0)
    }
    /// The value stored in the cell itself.
    pub fn raw(&self, r: u32, c: u32) -> &Value {
        self.rows.get(r as usize).and_then(|row| row.get(c as usize)).unwrap_or(&EMPTY)
    }
    /// The merged region holding the cell, if any.
    pub fn merge_of(&self, r: u32, c: u32) -> Option<(u32, u32, u32, u32)> {
        self.merges.iter().copied().find(|&(r0, c0, r1, c1)| r >= r0 && r <= r1 && c >= c0 && c <= c1)
    }
    /// The value shown in the cell: a merged region shows its first cell.
    pub fn shown(&self, r: u32, c: u32) -> &Value {
        match self.merge_of(r, c) {
            Some((r0, c0, ..)) => self.raw(r0, c0),
            None => self.raw(r, c),
        }
    }
    /// Text shown in a cell (numbers written plainly), trimmed; "" if empty.
    pub fn text(&self, r: u32, c: u32) -> String {
        self.text_ref(r, c).into_owned()
    }
    /// `text`, borrowed from the cell when it holds text: the recognisers
    /// ask it of every cell of a sheet's first rows.
    pub fn text_ref(&self, r: u32, c: u32) -> std::borrow::Cow<'_, str> {
        value_str(self.shown(r, c))
    }
    /// Whether `text` is "": asked of every cell of a table's figure
    /// columns, so a number is not written out to be found non-empty.
    pub fn is_blank(&self, r: u32, c: u32) -> bool {
        match self.shown(r, c) {
            Value::Text(t) => t.trim().is_empty(),
            Value::Empty | Value::Uncomputed => true,
            Value::Number { .. } | Value::Bool(_) => false,
            Value::Error(e) => e.is_empty(),
            Value::Date(d) => crate::ingest::date::from_serial(*d).is_none(),
        }
    }
    pub fn row_is_empty(&self, r: u32) -> bool {
        self.rows
            .get(r as usize)
            .is_none_or(|row| row.iter().all(|v| matches!(v, Value::Empty) || matches!(v, Value::Text(t) if t.trim().is_empty())))
    }
}

/// `value_text`, borrowed when the value is text (or nothing).
pub fn value_str(v: &Value) -> std::borrow::Cow<'_, str> {
    match v {
        Value::Text(t) => t.trim().into(),
        Value::Empty | Value::Uncomputed => "".into(),
        v => value_text(v).into(),
    }
}

pub fn value_text(v: &Value) -> String {
    match v {
        Value::Empty => String::new(),
        Value::Text(t) => t.trim().to_string(),
        Value::Number { v, .. } => format!("{v}"),
        Value::Bool(b) => {
            if *b {
                "TRUE".into()
            } else {
                "FALSE".into()
            }
        }
        Value::Error(e) => e.clone(),
        Value::Uncomputed => String::new(),
        Value::Date(d) => crate::ingest::date::from_serial(*d).map(|(d, m, y)| format!("{d:02}/{m:02}/{y}")).unwrap_or_default(),
    }
}

/// File formats the inbox accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
}

impl Format {
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "xls" => Some(Format::Xls),
            "ods" => Some(Format::Ods),
            _ => None,
        }
    }
}

/// What loading a workbook gave: its visible sheets, its hidden worksheets
/// (never read for figures, only looked at so that a form hidden by the
/// sender is told, not passed over without a word), and notes about the
/// sheets left out.
pub struct Loaded {
    pub sheets: Vec<Grid>,
    pub hidden: Vec<Grid>,
    pub skipped: Vec<String>,
}

/// What the first bytes say a file is (SPEC §4: the type comes from the
/// content, not the name).
fn sniff(bytes: &[u8], named: Format) -> Result<Format, String> {
    if bytes.starts_with(&guard::ZIP_MAGIC) {
        // OpenDocument stores its type uncompressed at the start.
        let head = &bytes[..bytes.len().min(120)];
        let has = |m: &[u8]| head.windows(m.len()).any(|w| w == m);
        if has(b"application/vnd.oasis.opendocument.spreadsheet") {
            return Ok(Format::Ods);
        }
        if has(b"application/vnd.oasis.opendocument.text") {
            return Err(renamed("văn bản OpenDocument (.odt)"));
        }
        if has(b"application/vnd.oasis.opendocument.presentation") {
            return Err(renamed("bài trình chiếu OpenDocument (.odp)"));
        }
        return Ok(Format::Xlsx);
    }
    if bytes.starts_with(&guard::CFB_MAGIC) {
        // Office encrypts a password-protected .xlsx into an OLE container
        // with an "EncryptedPackage" stream; any other OLE file is an .xls.
        let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect() };
        let has = |s: &str| {
            let m = utf16(s);
            bytes.windows(m.len()).any(|w| w == m.as_slice())
        };
        let encrypted = has("EncryptedPackage");
        // The streams an OLE file holds say what it is.
        if !encrypted && !has("Workbook") {
            if has("WordDocument") {
                return Err(renamed("văn bản Word cũ (.doc)"));
            }
            if has("PowerPoint Document") {
                return Err(renamed("bài trình chiếu PowerPoint cũ (.ppt)"));
            }
            if has("__substg1.0_") {
                return Err(renamed("thư điện tử Outlook (.msg)"));
            }
        }
        return if encrypted || (named != Format::Xls && bytes.len() < 1024) {
            Err("tệp được đặt mật khẩu hoặc mã hóa; hãy gửi bản không đặt mật khẩu".into())
        } else {
            Ok(Format::Xls)
        };
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.contains("urn:schemas-microsoft-com:office:spreadsheet") {
        return Err("tệp là bảng tính XML của Excel 2003 đổi đuôi; hãy mở bằng Excel và lưu lại dạng .xlsx".into());
    }
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<table") {
        return Err("tệp là trang web (HTML) đổi đuôi thành bảng tính; hãy mở bằng Excel và lưu lại dạng .xlsx".into());
    }
    if bytes.is_empty() {
        return Err("tệp rỗng (0 byte); có thể tệp chưa chép hay tải về xong — hãy chép lại tệp gốc".into());
    }
    if bytes.starts_with(b"%PDF") {
        return Err(renamed("tệp PDF"));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(renamed("văn bản RTF"));
    }
    if bytes.starts_with(b"Rar!") || bytes.starts_with(b"7z\xbc\xaf\x27\x1c") {
        return Err(renamed("tệp nén (.rar, .7z)"));
    }
    if bytes.starts_with(b"\x89PNG") || bytes.starts_with(b"\xff\xd8\xff") {
        return Err(renamed("ảnh (.png, .jpg)"));
    }
    if bytes.iter().all(|&b| b == 0) {
        return Err("tệp chỉ chứa byte 0 (tệp hỏng khi chép hoặc lưu); hãy chép lại tệp gốc".into());
    }
    Err(not_excel())
}

/// Another kind of file given a workbook's name.
fn renamed(what: &str) -> String {
    format!("tệp thực chất là {what} được đặt tên như bảng tính, không phải bảng tính Excel; hãy gửi đúng tệp bảng tính (.xlsx)")
}

/// Load every visible sheet of a workbook held in memory. `named` is the
/// format its extension claims; the content decides. The error is a
/// Vietnamese reason to report against the file.
pub fn load(bytes: &[u8], named: Format, limits: &Limits) -> Result<Loaded, String> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(format!("tệp lớn hơn {} MB; đã bỏ qua", limits.max_file_bytes >> 20));
    }
    match sniff(bytes, named)? {
        Format::Xlsx => super::xlsx::load(bytes, limits),
        Format::Ods => {
            guard::check_zip(Cursor::new(bytes), limits)?;
            let mut loaded = load_ranges(bytes, limits)?;
            // calamine does not give the merged regions of .ods.
            let tables = super::ods::merges(bytes, limits)?;
            // Sheet names are unique in a workbook.
            for grid in loaded.sheets.iter_mut().chain(loaded.hidden.iter_mut()) {
                if let Some((_, regions)) = tables.iter().find(|(name, _)| *name == grid.name) {
                    for &(r0, c0, r1, c1) in regions {
                        grid.add_merge(r0, c0, r1, c1);
                    }
                }
            }
            Ok(loaded)
        }
        Format::Xls => load_ranges(bytes, limits),
    }
}

fn not_excel() -> String {
    "tệp không phải là bảng tính Excel (hỏng, hoặc là loại tệp khác đổi tên)".into()
}

fn calamine_error(e: impl std::fmt::Display) -> String {
    let s = e.to_string().to_ascii_lowercase();
    if s.contains("password") || s.contains("encrypt") {
        "tệp được đặt mật khẩu hoặc mã hóa; hãy gửi bản không đặt mật khẩu".into()
    } else if s.contains("cannot detect") || s.contains("unsupported") || s.contains("unrecognized") {
        "tệp bị hỏng hoặc không phải bảng tính .xls/.ods hợp lệ, không đọc được nội dung; hãy mở bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi gửi".into()
    } else {
        // The reader's own words are English and technical: say what it
        // means for the officer.
        "tệp bị hỏng, không đọc được nội dung; hãy mở bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi gửi".into()
    }
}

pub(crate) fn too_big(sheet: &str, limits: &Limits) -> String {
    format!(
        "trang tính \"{sheet}\" quá lớn (vượt {} dòng, {} cột, hoặc cả tệp vượt {} ô có dữ liệu); đã bỏ qua cả tệp. Hãy chỉ gửi các trang biểu mẫu, xóa các trang dữ liệu lớn khác rồi gửi lại",
        crate::vn::format::format_figure(&crate::model::Num::int(limits.max_rows.into())),
        crate::vn::format::format_figure(&crate::model::Num::int(limits.max_cols.into())),
        crate::vn::format::format_figure(&crate::model::Num::int(limits.max_cells as i64))
    )
}

pub(crate) fn too_much_text(limits: &Limits) -> String {
    format!(
        "tệp chứa hơn {} MB chữ, quá nhiều so với một biểu mẫu; đã bỏ qua cả tệp. Hãy chỉ gửi các trang biểu mẫu, xóa các trang ghi chú, dữ liệu dài khác rồi gửi lại",
        limits.max_text_bytes >> 20
    )
}

/// A text longer than a spreadsheet cell can hold.
pub(crate) fn too_long(text: &str, limits: &Limits) -> bool {
    text.len() > limits.max_cell_chars && text.chars().count() > limits.max_cell_chars
}

pub(crate) fn too_long_message(sheet: Option<&str>, cell: Option<String>, limits: &Limits) -> String {
    let at = match (sheet, cell) {
        (Some(s), Some(c)) => format!("ô {c} của trang \"{s}\""),
        (Some(s), None) => format!("một ô của trang \"{s}\""),
        _ => "một ô".to_string(),
    };
    format!(
        "{at} chứa hơn {} ký tự, quá giới hạn một ô của Excel: tệp không do Excel hay LibreOffice lưu, hoặc đã bị sửa hỏng; hãy mở tệp gốc bằng Excel, lưu lại rồi gửi",
        crate::vn::format::format_figure(&crate::model::Num::int(limits.max_cell_chars as i64))
    )
}

/// calamine's reading through ranges: .xls and .ods, and the reference the
/// .xlsx reader is compared with in its tests.
pub(crate) fn load_ranges(bytes: &[u8], limits: &Limits) -> Result<Loaded, String> {
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(calamine_error)?;
    let mut out = Loaded { sheets: Vec::new(), hidden: Vec::new(), skipped: Vec::new() };
    let mut cells = 0usize;
    let mut text_bytes = 0usize;
    let meta: Vec<(String, bool, bool)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible, s.typ == calamine::SheetType::WorkSheet))
        .collect();
    for (name, visible, worksheet) in meta {
        if !worksheet {
            out.skipped.push(format!("bỏ qua trang không phải bảng \"{name}\""));
            continue;
        }
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                out.skipped.push(format!("không đọc được trang \"{name}\": {}", calamine_error(e)));
                continue;
            }
        };
        // A hidden sheet too large for the limits is passed over, not the
        // whole file refused: officers hide long lookup lists.
        let (cells_before, text_before) = (cells, text_bytes);
        let mut grid = match range_grid(&name, &range, limits, &mut cells, &mut text_bytes) {
            Ok(g) => g,
            Err(_) if !visible => {
                (cells, text_bytes) = (cells_before, text_before);
                out.skipped.push(format!("bỏ qua trang ẩn \"{name}\" (quá lớn)"));
                continue;
            }
            Err(e) => return Err(e),
        };
        if let calamine::Sheets::Xls(x) = &wb {
            if let Ok(merges) = x.merge_cells_by_sheet_name(&name) {
                for d in merges.iter().take(10_000) {
                    grid.add_merge(d.start.0, d.start.1, d.end.0, d.end.1);
                }
            }
        }
        if visible {
            out.sheets.push(grid);
        } else {
            out.hidden.push(grid);
        }
    }
    Ok(out)
}

/// One sheet's cells as calamine gives them, within the limits.
fn range_grid(
    name: &str,
    range: &calamine::Range<Data>,
    limits: &Limits,
    cells: &mut usize,
    text_bytes: &mut usize,
) -> Result<Grid, String> {
    let (h, w) = range.get_size();
    let start = range.start().unwrap_or((0, 0));
    if start.0 as u64 + h as u64 > limits.max_rows as u64 || start.1 as u64 + w as u64 > limits.max_cols as u64 {
        return Err(too_big(name, limits));
    }
    let mut grid = Grid::new(name);
    for (r, c, d) in range.used_cells() {
        let v = match d {
            Data::Empty => continue,
            Data::Int(i) => Value::Number { v: *i as f64, percent_format: false },
            Data::Float(f) => Value::Number { v: *f, percent_format: false },
            Data::String(s) => Value::Text(s.clone()),
            Data::Bool(b) => Value::Bool(*b),
            Data::DateTime(d) => Value::Date(d.as_f64()),
            Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s.clone()),
            Data::Error(e) => Value::Error(format!("{e}")),
        };
        *cells += 1;
        if *cells > limits.max_cells {
            return Err(too_big(name, limits));
        }
        if let Value::Text(t) = &v {
            *text_bytes += t.len();
            if *text_bytes > limits.max_text_bytes {
                return Err(too_much_text(limits));
            }
            if too_long(t, limits) {
                return Err(too_long_message(Some(name), Some(crate::model::cell_ref(start.0 + r as u32, start.1 + c as u32)), limits));
            }
        }
        grid.set(start.0 + r as u32, start.1 + c as u32, v);
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;
    /// `is_blank` says what `text` would: blank text, nothing, a formula
    /// never computed, an empty error or a date out of range are blank;
    /// numbers (0 too), booleans and dates are not.
    #[test]
    fn blank_as_the_text_says() {
        let mut g = Grid::new("s");
        let values = [
            Value::Text("  ".into()),
            Value::Text(" 7 ".into()),
            Value::Empty,
            Value::Uncomputed,
            Value::Number { v: 0.0, percent_format: false },
            Value::Bool(false),
            Value::Error(String::new()),
            Value::Error("#DIV/0!".into()),
            Value::Date(45000.0),
            Value::Date(-3.0),
        ];
        for (c, v) in values.into_iter().enumerate() {
            g.set(0, c as u32, v);
        }
        g.add_merge(0, 1, 1, 2);
        for r in 0..2 {
            for c in 0..12 {
                assert_eq!(g.is_blank(r, c), g.text(r, c).is_empty(), "{r},{c}: {:?}", g.shown(r, c));
            }
        }
        assert!(!g.is_blank(1, 2), "a merged region shows its first cell");
    }
    #[test]
    fn merged_cells_show_their_first_value() {
        let mut g = Grid::new("s");
        g.set(0, 1, Value::Text("BHXH tự nguyện".into()));
        g.add_merge(0, 1, 0, 4);
        assert_eq!(g.text(0, 3), "BHXH tự nguyện");
        assert_eq!(g.text(0, 5), "");
    }
}
