//! Problems found in the inputs, each located by file, sheet and cell (SPEC §7).

use serde::Serialize;
use std::fmt;

/// Where a problem is. Every field that is known is filled: a message without
/// a location is not useful to an officer.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// Path of the file relative to the inbox, with `/` separators.
    pub file: String,
    pub sheet: Option<String>,
    /// A1-style cell reference, e.g. "C7".
    pub cell: Option<String>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Location {
        Location { file: file.into(), sheet: None, cell: None }
    }
    pub fn sheet(file: impl Into<String>, sheet: impl Into<String>) -> Location {
        Location { file: file.into(), sheet: Some(sheet.into()), cell: None }
    }
    /// `row` and `col` are 0-based.
    pub fn cell(file: impl Into<String>, sheet: impl Into<String>, row: u32, col: u32) -> Location {
        Location { file: file.into(), sheet: Some(sheet.into()), cell: Some(cell_ref(row, col)) }
    }
}

/// A name or text as one printable line: a line break, tab or other
/// control character in a file or sheet name is written as `\n`, `\t`,
/// `\u{1b}`, so a name cannot forge lines in a report or on the console.
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.into()
}

/// Vietnamese rendering: `tệp "a.xlsx", trang "Sheet1", ô C7`.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "tệp \"{}\"", one_line(&self.file))?;
        if let Some(s) = &self.sheet {
            write!(f, ", trang \"{}\"", one_line(s))?;
        }
        if let Some(c) = &self.cell {
            write!(f, ", ô {c}")?;
        }
        Ok(())
    }
}

/// A1-style reference from 0-based row and column: (6, 2) → "C7".
pub fn cell_ref(row: u32, col: u32) -> String {
    // Built in place: every value read keeps its cell, so this runs often.
    let mut letters = [0u8; 8];
    let mut n = 0;
    let mut c = col + 1;
    while c > 0 {
        letters[n] = b'A' + ((c - 1) % 26) as u8;
        n += 1;
        c = (c - 1) / 26;
    }
    let mut out = String::with_capacity(n + 10);
    out.extend(letters[..n].iter().rev().map(|&b| b as char));
    let mut digits = [0u8; 10];
    let (mut k, mut r) = (0, row as u64 + 1);
    while r > 0 {
        digits[k] = b'0' + (r % 10) as u8;
        k += 1;
        r /= 10;
    }
    out.extend(digits[..k].iter().rev().map(|&b| b as char));
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The value could not be used; the affected unit is marked.
    Error,
    /// Read, but the officer should look (a converted legacy encoding, a late run …).
    Warning,
}

impl Severity {
    pub fn label_vi(self) -> &'static str {
        match self {
            Severity::Error => "Lỗi",
            Severity::Warning => "Cảnh báo",
        }
    }
}

/// One problem. `message` is Vietnamese and complete on its own.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub location: Location,
    /// The unit it concerns, when known.
    pub unit: Option<String>,
    /// Short machine-readable code, e.g. "unknown-unit", "conflict".
    pub code: String,
    pub message: String,
}

impl Problem {
    pub fn error(code: &str, location: Location, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Error, location, unit: None, code: code.into(), message: message.into() }
    }
    pub fn warning(code: &str, location: Location, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Warning, location, unit: None, code: code.into(), message: message.into() }
    }
    pub fn with_unit(mut self, unit: impl Into<String>) -> Problem {
        self.unit = Some(unit.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.file.is_empty() {
            // About the inputs as a whole (a cluster's missing sheets).
            return write!(f, "{}: {}", self.severity.label_vi(), one_line(&self.message));
        }
        write!(f, "{}: {}: {}", self.severity.label_vi(), self.location, one_line(&self.message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn a_problem_about_the_whole_inbox_names_no_file() {
        let p = Problem::warning("missing-score", Location::default(), "Cụm thi đua cấp tỉnh số III: chưa có điểm của 1 đơn vị.");
        assert_eq!(p.to_string(), "Cảnh báo: Cụm thi đua cấp tỉnh số III: chưa có điểm của 1 đơn vị.");
        let q = Problem::error("x", Location::cell("a.xlsx", "S", 6, 2), "m");
        assert_eq!(q.to_string(), "Lỗi: tệp \"a.xlsx\", trang \"S\", ô C7: m");
    }
    #[test]
    fn a_name_with_a_line_break_stays_on_one_line() {
        let p = Problem::error("x", Location::sheet("a\n  - [LỖI] giả.xlsx", "S\r1"), "tệp \"b\nc\"");
        let shown = p.to_string();
        assert!(!shown.contains('\n') && !shown.contains('\r'), "{shown}");
        assert!(shown.contains("a\\n  - [LỖI] giả.xlsx") && shown.contains("S\\r1"), "{shown}");
        assert_eq!(one_line("Hà Nội"), "Hà Nội");
        assert_eq!(one_line("a\u{1b}[31m"), "a\\u{1b}[31m");
    }
    #[test]
    fn cell_refs() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(6, 2), "C7");
        assert_eq!(cell_ref(0, 25), "Z1");
        assert_eq!(cell_ref(49_999, 16_383), "XFD50000");
        assert_eq!(cell_ref(u32::MAX - 1, u32::MAX - 1), "MWLQKWU4294967295");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(9, 16383), "XFD10");
    }
}
