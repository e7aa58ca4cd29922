//! Problems found in the inputs, each located by file, sheet and cell (SPEC §7).

use serde::Serialize;
use std::fmt;

/// Where a problem is. Every field that is known is filled: a message without
/// a location is not useful to an officer.
///
/// Every value read keeps its cell (about 100 000 per national run), so a
/// location is small: the file and sheet names are shared by every location
/// of the sheet (`Name`, a reference-counted text), and the cell reference is
/// kept inline (`CellRef`). Each reads as text (`&loc.file`,
/// `loc.sheet.as_deref()`, `loc.cell.as_deref()`), orders and compares as its
/// text, and serializes as a plain string, as the `String`s it replaced did.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// Path of the file relative to the inbox, with `/` separators.
    pub file: Name,
    pub sheet: Option<Name>,
    /// A1-style cell reference, e.g. "C7".
    pub cell: Option<CellRef>,
}

impl Location {
    pub fn file(file: impl Into<Name>) -> Location {
        Location { file: file.into(), sheet: None, cell: None }
    }
    pub fn sheet(file: impl Into<Name>, sheet: impl Into<Name>) -> Location {
        Location { file: file.into(), sheet: Some(sheet.into()), cell: None }
    }
    /// `row` and `col` are 0-based. Pass `Name`s (by reference) to share
    /// them: a sheet's locations then allocate nothing.
    pub fn cell(file: impl Into<Name>, sheet: impl Into<Name>, row: u32, col: u32) -> Location {
        Location { file: file.into(), sheet: Some(sheet.into()), cell: Some(CellRef::new(row, col)) }
    }
}

/// A file or sheet name, shared (not copied) by every location that names
/// it (and other texts repeated for every value read, such as an indicator's
/// key). Reads, compares, orders, hashes, shows and serializes as its text.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(std::sync::Arc<str>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(s.into())
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name(s.into())
    }
}

impl From<&String> for Name {
    fn from(s: &String) -> Name {
        Name(s.as_str().into())
    }
}

impl From<&Name> for Name {
    fn from(s: &Name) -> Name {
        s.clone()
    }
}

impl From<Name> for String {
    fn from(s: Name) -> String {
        s.0.to_string()
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        **self == *other.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Longest A1 reference of a 0-based `u32` row and column: seven letters
/// (column 4 294 967 295 is "MWLQKWU") and ten digits.
const CELL_REF_MAX: usize = 17;

/// An A1-style cell reference ("C7") held inline, without an allocation.
/// Reads, compares, orders, hashes, shows and serializes as its text.
/// The default is the empty text, as a `String`'s.
#[derive(Clone, Copy, Default)]
pub struct CellRef {
    len: u8,
    text: [u8; CELL_REF_MAX],
}

impl CellRef {
    /// From 0-based row and column: (6, 2) → "C7".
    pub fn new(row: u32, col: u32) -> CellRef {
        let mut text = [0u8; CELL_REF_MAX];
        let mut n = 0;
        let mut letters = [0u8; 7];
        let mut c = col as u64 + 1;
        while c > 0 {
            letters[n] = b'A' + ((c - 1) % 26) as u8;
            n += 1;
            c = (c - 1) / 26;
        }
        for (t, l) in text.iter_mut().zip(letters[..n].iter().rev()) {
            *t = *l;
        }
        let mut digits = [0u8; 10];
        let (mut k, mut r) = (0, row as u64 + 1);
        while r > 0 {
            digits[k] = b'0' + (r % 10) as u8;
            k += 1;
            r /= 10;
        }
        for (t, d) in text[n..].iter_mut().zip(digits[..k].iter().rev()) {
            *t = *d;
        }
        CellRef { len: (n + k) as u8, text }
    }
    pub fn as_str(&self) -> &str {
        // ASCII letters and digits, or a whole `&str` (`From<&str>`).
        std::str::from_utf8(&self.text[..self.len as usize]).unwrap_or_default()
    }
}

/// A reference already written in A1 form (tests, examples). Panics on a
/// text longer than any A1 reference.
impl From<&str> for CellRef {
    fn from(s: &str) -> CellRef {
        assert!(s.len() <= CELL_REF_MAX, "not an A1 cell reference: {s:?}");
        let mut text = [0u8; CELL_REF_MAX];
        text[..s.len()].copy_from_slice(s.as_bytes());
        CellRef { len: s.len() as u8, text }
    }
}

impl std::ops::Deref for CellRef {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for CellRef {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for CellRef {
    fn eq(&self, other: &CellRef) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for CellRef {}

impl PartialOrd for CellRef {
    fn partial_cmp(&self, other: &CellRef) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// As text: "C10" before "C7", as the `String` it replaced ordered.
impl Ord for CellRef {
    fn cmp(&self, other: &CellRef) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for CellRef {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl PartialEq<str> for CellRef {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for CellRef {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl From<CellRef> for String {
    fn from(c: CellRef) -> String {
        c.as_str().to_string()
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for CellRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Whether `s` holds a character [`one_line`] rewrites: a control
/// character (C0, DEL, C1) or U+2028, U+2029. Read from the UTF-8 bytes,
/// and eight bytes at a time past those with no byte below 0x20, no DEL
/// and no lead byte 0xC2 (of U+0080–U+00BF) or 0xE2 (of U+2000–U+2FFF):
/// every problem's file, sheet and message goes through here.
fn breaks_line(s: &str) -> bool {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES * 0x80;
    // The high bit of some byte is set when a byte of `x` is zero (the bits
    // of the bytes after a zero byte may be wrong, but not whether there
    // is one).
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(c) = b.get(i..i + 8) {
            let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
            if control | zero(x ^ (ONES * 0x7f)) | zero(x ^ (ONES * 0xc2)) | zero(x ^ (ONES * 0xe2)) == 0 {
                i += 8;
                continue;
            }
        }
        match b[i] {
            0..=0x1f | 0x7f => return true,
            0xc2 if matches!(b.get(i + 1), Some(0x80..=0x9f)) => return true,
            0xe2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)) => return true,
            _ => i += 1,
        }
    }
    false
}

/// A name or text as one printable line: a line break, tab or other
/// control character in a file or sheet name is written as `\n`, `\t`,
/// `\u{1b}`, so a name cannot forge lines in a report or on the console.
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if !breaks_line(s) {
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
    CellRef::new(row, col).as_str().to_string()
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

    /// The byte-wise test finds what a test character by character
    /// finds, wherever the character falls in the eight-byte blocks.
    #[test]
    fn breaks_line_as_by_char() {
        let by_char = |s: &str| s.chars().any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}');
        let mut texts: Vec<String> = Vec::new();
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            for at in 0..=9 {
                texts.push(format!("{}{c}{}", "x".repeat(at), "ệ".repeat(at % 4)));
            }
        }
        texts.push("Bảo hiểm xã hội Việt Nam — “Tờ trình” … ".repeat(20));
        for t in &texts {
            assert_eq!(super::breaks_line(t), by_char(t), "{t:?}");
        }
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
    /// The compact location reads, shows, orders, compares and serializes
    /// as the three `String`s it replaced.
    #[test]
    fn a_compact_location_behaves_as_its_text() {
        #[derive(PartialEq, Eq, PartialOrd, Ord, Serialize)]
        struct Old {
            file: String,
            sheet: Option<String>,
            cell: Option<String>,
        }
        let old = |l: &Location| Old {
            file: l.file.to_string(),
            sheet: l.sheet.as_ref().map(|s| s.to_string()),
            cell: l.cell.as_ref().map(|c| c.to_string()),
        };
        let file = Name::from("dữ liệu/a.xlsx");
        let sheet = Name::from("Biểu 1");
        let c7 = Location::cell(&file, &sheet, 6, 2);
        assert_eq!(c7.cell.as_deref(), Some("C7"));
        assert_eq!(&*c7.file, "dữ liệu/a.xlsx");
        assert_eq!(c7.sheet.as_deref(), Some("Biểu 1"));
        assert!(c7.file == "dữ liệu/a.xlsx" && c7.cell.unwrap() == "C7");
        assert_eq!(c7.to_string(), "tệp \"dữ liệu/a.xlsx\", trang \"Biểu 1\", ô C7");
        assert_eq!(serde_json::to_string(&c7).unwrap(), r#"{"file":"dữ liệu/a.xlsx","sheet":"Biểu 1","cell":"C7"}"#);
        assert_eq!(serde_json::to_string(&c7).unwrap(), serde_json::to_string(&old(&c7)).unwrap());
        assert_eq!(serde_json::to_string(&Location::file("b.xls")).unwrap(), r#"{"file":"b.xls","sheet":null,"cell":null}"#);
        // Shared, not copied.
        assert!(std::ptr::eq(c7.file.as_str(), file.as_str()) && std::ptr::eq(c7.sheet.as_deref().unwrap(), sheet.as_str()));
        // Ordered as text: "Z.xlsx" before "a.xlsx" before "Ă.xlsx", "C10"
        // before "C7", "AA1" before "B1", a file or sheet before its cells.
        let mut locs = vec![
            Location::cell("a.xlsx", "S", 6, 2),
            Location::cell("a.xlsx", "S", 9, 2),
            Location::cell("a.xlsx", "S", 0, 26),
            Location::cell("a.xlsx", "S", 0, 1),
            Location::sheet("a.xlsx", "S"),
            Location::cell("a.xlsx", "R", 99, 0),
            Location::file("a.xlsx"),
            Location::cell("Z.xlsx", "S", 0, 0),
            Location::cell("Ă.xlsx", "S", 0, 0),
            Location::default(),
            Location::cell("a.xlsx", "S", 6, 2),
        ];
        let mut olds: Vec<Old> = locs.iter().map(old).collect();
        locs.sort();
        olds.sort();
        assert!(locs.iter().map(old).eq(olds), "{locs:?}");
        assert_eq!(locs[0], Location::default());
        assert_eq!(locs.iter().filter_map(|l| l.cell.as_deref()).collect::<Vec<_>>(), ["A1", "A100", "AA1", "B1", "C10", "C7", "C7", "A1"]);
        // Equal and hashed as the text, whoever made it.
        let typed = Location { file: "a.xlsx".into(), sheet: Some("S".into()), cell: Some("C7".into()) };
        let s = String::from("S");
        assert_eq!(typed, Location::cell(String::from("a.xlsx"), &s, 6, 2));
        assert!(typed.sheet.as_ref().is_some_and(|n| *n == s) && s == *typed.sheet.as_ref().unwrap());
        let hash = |l: &Location| {
            use std::hash::{BuildHasher, BuildHasherDefault};
            BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(l)
        };
        assert_eq!(hash(&typed), hash(&Location::cell("a.xlsx", "S", 6, 2)));
        assert_eq!(format!("{typed:?}"), r#"Location { file: "a.xlsx", sheet: Some("S"), cell: Some("C7") }"#);
        // The widest reference fits.
        assert_eq!(CellRef::new(u32::MAX, u32::MAX).as_str(), "MWLQKWV4294967296");
        assert_eq!(CellRef::default().as_str(), "");
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
