//! Whole sheets added to the package rust_xlsxwriter saved: the settings
//! around their rows, and their entries in the workbook's own parts.
//!
//! The summary of a national run has 121 small sheets, one per block or
//! cluster. The crate assembles each of its sheets on a thread of its own
//! when it saves: 126 threads created and torn down in a run of 0,18 s,
//! with their stacks, allocator heaps and the cross-core TLB flushes that
//! unmapping them costs, about a tenth of the run's CPU. Those sheets are
//! written here instead, as the crate writes them, and added to its
//! package: each sheet's XML around its rows (`<sheetPr>`, dimension,
//! frozen panes, widths, filter, margins, page setup), and its place in
//! `workbook.xml` (sheet, filter and print-title names), the workbook's
//! relationships, the content types and `docProps/app.xml`. The sheets the
//! crate wrote after them are numbered on. The tests compare the result
//! with the crate's own workbook part by part.

use super::docx::xml::{escape_into, unescape};
use rust_xlsxwriter::XlsxError;

/// A sheet written here: its name, its XML with `{rows}` still to come
/// between `head` and `tail`, and its defined names' ranges.
pub(super) struct Added {
    pub name: String,
    pub head: Vec<u8>,
    pub tail: Vec<u8>,
    /// The filter's range (`$A$2:$D$7`), when the sheet has one.
    pub filter: Option<String>,
    /// The print titles' ranges (`$A:$B` and/or `$1:$2`), as the crate
    /// joins them.
    pub titles: Vec<String>,
}

/// The layout of a sheet as `render::xlsx::finish_sheet_with` sets it up:
/// frozen panes below `header_row` and right of `key_cols`, a filter over
/// the table, A4 landscape with the summary's margins, fitted to the page
/// width (`fit`) or printed at 90 % with the key columns repeated, and the
/// rows down to the header repeated on every page.
pub(super) struct Layout<'a> {
    pub name: &'a str,
    /// Each column's width in characters, from the first.
    pub widths: &'a [f64],
    pub header_row: u32,
    pub key_cols: u16,
    pub last_row: u32,
    pub last_col: u16,
    pub fit: bool,
    /// The dimension (`A1:D7`) as the rows make it.
    pub dimension: String,
}

/// The crate's default column width in pixels, the width of a digit and
/// a cell's padding (Calibri 11).
const DEFAULT_COL_PX: u32 = 64;
const DIGIT_PX: u32 = 7;
const PADDING_PX: u32 = 5;

/// A width in characters as the crate stores it, in pixels.
fn width_px(width: f64) -> u32 {
    if width == 0.0 {
        0
    } else if width < 1.0 {
        (width * f64::from(DIGIT_PX + PADDING_PX)).round() as u32
    } else {
        (width * f64::from(DIGIT_PX)).round() as u32 + PADDING_PX
    }
}

fn cell(row: u32, col: u16) -> String {
    crate::model::cell_ref(row, u32::from(col))
}

fn col_letters(col: u16) -> String {
    let a1 = cell(0, col);
    a1[..a1.len() - 1].to_string()
}

impl Added {
    pub fn new(l: &Layout) -> Added {
        let mut head = String::with_capacity(1200);
        head.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">");
        if l.fit {
            head.push_str("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>");
        }
        head.push_str(&format!("<dimension ref=\"{}\"/>", l.dimension));
        // Frozen rows and columns, as the crate writes them (both split).
        let (rows, cols) = (l.header_row + 1, l.key_cols);
        head.push_str("<sheetViews><sheetView workbookViewId=\"0\">");
        match (rows > 0, cols > 0) {
            (true, true) => head.push_str(&format!(
                "<pane xSplit=\"{cols}\" ySplit=\"{rows}\" topLeftCell=\"{}\" activePane=\"bottomRight\" state=\"frozen\"/><selection pane=\"topRight\" activeCell=\"{}\" sqref=\"{}\"/><selection pane=\"bottomLeft\" activeCell=\"{}\" sqref=\"{}\"/><selection pane=\"bottomRight\"/>",
                cell(rows, cols),
                cell(0, cols),
                cell(0, cols),
                cell(rows, 0),
                cell(rows, 0)
            )),
            (true, false) => head.push_str(&format!(
                "<pane ySplit=\"{rows}\" topLeftCell=\"{}\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/>",
                cell(rows, 0)
            )),
            _ => unreachable!("the summary's sheets freeze their header"),
        }
        head.push_str("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
        // Columns of the same width side by side share one element.
        if !l.widths.is_empty() {
            head.push_str("<cols>");
            let px: Vec<u32> = l.widths.iter().map(|w| width_px(*w)).collect();
            let mut first = 0;
            while first < px.len() {
                let mut last = first;
                while last + 1 < px.len() && px[last + 1] == px[first] {
                    last += 1;
                }
                let chars = f64::from(px[first] * 256 / DIGIT_PX) / 256.0;
                head.push_str(&format!("<col min=\"{}\" max=\"{}\" width=\"{chars}\"", first + 1, last + 1));
                if px[first] != DEFAULT_COL_PX {
                    head.push_str(" customWidth=\"1\"");
                }
                head.push_str("/>");
                first = last + 1;
            }
            head.push_str("</cols>");
        }
        head.push_str("<sheetData>");

        let mut tail = String::with_capacity(400);
        tail.push_str("</sheetData>");
        let filter = (l.last_row > l.header_row).then(|| {
            tail.push_str(&format!("<autoFilter ref=\"{}:{}\"/>", cell(l.header_row, 0), cell(l.last_row, l.last_col)));
            format!("${}${}:${}${}", col_letters(0), l.header_row + 1, col_letters(l.last_col), l.last_row + 1)
        });
        tail.push_str("<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>");
        let mut titles = Vec::new();
        if l.fit {
            tail.push_str(
                "<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\" horizontalDpi=\"200\" verticalDpi=\"200\"/>",
            );
        } else {
            tail.push_str("<pageSetup paperSize=\"9\" scale=\"90\" orientation=\"landscape\" horizontalDpi=\"200\" verticalDpi=\"200\"/>");
            if l.key_cols > 0 {
                titles.push(format!("${}:${}", col_letters(0), col_letters(l.key_cols - 1)));
            }
        }
        titles.push(format!("$1:${}", l.header_row + 1));
        tail.push_str("</worksheet>");
        Added { name: l.name.to_string(), head: head.into_bytes(), tail: tail.into_bytes(), filter, titles }
    }
}

/// The error of a part the crate wrote otherwise than expected.
fn bad(part: &str) -> XlsxError {
    super::sheet_cells::bad(part)
}

/// The crate's parts with `added` placed after its first `after` sheets;
/// the crate's later sheets (and their relationships) are numbered on.
pub(super) struct Placed {
    pub after: usize,
    pub count: usize,
}

impl Placed {
    /// The name a crate part has once the sheets are added.
    pub fn renamed(&self, part: &str) -> Option<String> {
        let (dir, rest) = if let Some(r) = part.strip_prefix("xl/worksheets/sheet") {
            ("xl/worksheets/sheet", r)
        } else if let Some(r) = part.strip_prefix("xl/worksheets/_rels/sheet") {
            ("xl/worksheets/_rels/sheet", r)
        } else {
            return None;
        };
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        let n: usize = rest[..digits].parse().ok()?;
        (n > self.after).then(|| format!("{dir}{}{}", n + self.count, &rest[digits..]))
    }

    fn shift(&self, n: usize) -> usize {
        if n > self.after {
            n + self.count
        } else {
            n
        }
    }

    /// `workbook.xml`: the sheets, numbered on, and the defined names in
    /// the crate's order (by name, then range, case aside).
    pub fn workbook(&self, xml: &str, added: &[Added]) -> Result<String, XlsxError> {
        let b = || bad("xl/workbook.xml");
        let open = xml.find("<sheets>").ok_or_else(b)? + "<sheets>".len();
        let close = xml.find("</sheets>").ok_or_else(b)?;
        let mut out = String::with_capacity(xml.len() + added.len() * 400);
        out.push_str(&xml[..open]);
        let mut n = 0;
        let mut at = open;
        while let Some(i) = xml[at..close].find("<sheet ") {
            let s = at + i;
            let e = s + xml[s..].find("/>").ok_or_else(b)? + 2;
            n += 1;
            if n == self.after + 1 {
                self.push_added_sheets(&mut out, added);
            }
            let tag = &xml[s..e];
            let id: usize = super::sheet_cells::attr(tag, "sheetId").and_then(|v| v.parse().ok()).ok_or_else(b)?;
            let tag = super::sheet_cells::set_attr(tag, "sheetId", &self.shift(id).to_string());
            let rid: usize = super::sheet_cells::attr(&tag, "r:id").and_then(|v| v.strip_prefix("rId")?.parse().ok()).ok_or_else(b)?;
            out.push_str(&super::sheet_cells::set_attr(&tag, "r:id", &format!("rId{}", self.shift(rid))));
            at = e;
        }
        if n == self.after {
            self.push_added_sheets(&mut out, added);
        }
        if n < self.after {
            return Err(b());
        }
        out.push_str(&xml[at..close]);

        // The defined names, the added sheets' among them.
        let rest = &xml[close..];
        let (names_at, names_end) = match (rest.find("<definedNames>"), rest.find("</definedNames>")) {
            (Some(s), Some(e)) => (close + s, close + e + "</definedNames>".len()),
            _ => return Err(b()),
        };
        out.push_str(&xml[close..names_at]);
        let mut names = Vec::new();
        let body = &xml[names_at + "<definedNames>".len()..names_end - "</definedNames>".len()];
        let mut at = 0;
        while let Some(i) = body[at..].find("<definedName ") {
            let s = at + i;
            let tag_end = s + body[s..].find('>').ok_or_else(b)?;
            let e = tag_end + body[tag_end..].find("</definedName>").ok_or_else(b)? + "</definedName>".len();
            let tag = &body[s..tag_end];
            let name = super::sheet_cells::attr(tag, "name").ok_or_else(b)?.to_string();
            let local = match super::sheet_cells::attr(tag, "localSheetId") {
                Some(v) => Some(v.parse::<usize>().map_err(|_| b())?),
                None => None,
            };
            let hidden = super::sheet_cells::attr(tag, "hidden").is_some();
            let range = unescape(&body[tag_end + 1..e - "</definedName>".len()]);
            // Sheet indices count from 0: a later sheet's is shifted too.
            let local = local.map(|l| if l >= self.after { l + self.count } else { l });
            names.push(Name { name, local, hidden, range });
            at = e;
        }
        for (i, a) in added.iter().enumerate() {
            let quoted = rust_xlsxwriter::utility::quote_sheet_name(&a.name);
            let local = Some(self.after + i);
            if let Some(f) = &a.filter {
                names.push(Name { name: "_xlnm._FilterDatabase".into(), local, hidden: true, range: format!("{quoted}!{f}") });
            }
            let titles: Vec<String> = a.titles.iter().map(|t| format!("{quoted}!{t}")).collect();
            names.push(Name { name: "_xlnm.Print_Titles".into(), local, hidden: false, range: titles.join(",") });
        }
        names.sort_by_cached_key(|n| (n.sort_key(), n.range.clone()));
        out.push_str("<definedNames>");
        for n in &names {
            out.push_str(&format!("<definedName name=\"{}\"", n.name));
            if let Some(l) = n.local {
                out.push_str(&format!(" localSheetId=\"{l}\""));
            }
            if n.hidden {
                out.push_str(" hidden=\"1\"");
            }
            out.push('>');
            escape_into(&mut out, &n.range);
            out.push_str("</definedName>");
        }
        out.push_str("</definedNames>");
        out.push_str(&xml[names_end..]);
        Ok(out)
    }

    fn push_added_sheets(&self, out: &mut String, added: &[Added]) {
        for (i, a) in added.iter().enumerate() {
            let n = self.after + 1 + i;
            out.push_str("<sheet name=\"");
            escape_attr_into(out, &a.name);
            out.push_str(&format!("\" sheetId=\"{n}\" r:id=\"rId{n}\"/>"));
        }
    }

    /// `xl/_rels/workbook.xml.rels`: the added sheets' relationships after
    /// the first `after` sheets', every later one numbered on.
    pub fn workbook_rels(&self, xml: &str) -> Result<String, XlsxError> {
        let b = || bad("xl/_rels/workbook.xml.rels");
        let mut out = String::with_capacity(xml.len() + self.count * 180);
        let mut at = 0;
        let mut seen = 0;
        while let Some(i) = xml[at..].find("<Relationship ") {
            let s = at + i;
            let e = s + xml[s..].find("/>").ok_or_else(b)? + 2;
            out.push_str(&xml[at..s]);
            let tag = &xml[s..e];
            let id: usize = super::sheet_cells::attr(tag, "Id").and_then(|v| v.strip_prefix("rId")?.parse().ok()).ok_or_else(b)?;
            if id == self.after + 1 {
                for k in 0..self.count {
                    let n = self.after + 1 + k;
                    out.push_str(&format!("<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"));
                }
            }
            let mut tag = super::sheet_cells::set_attr(tag, "Id", &format!("rId{}", self.shift(id)));
            if let Some(t) = super::sheet_cells::attr(&tag, "Target").and_then(|t| t.strip_prefix("worksheets/sheet")) {
                let digits = t.find(|c: char| !c.is_ascii_digit()).ok_or_else(b)?;
                let n: usize = t[..digits].parse().map_err(|_| b())?;
                let target = format!("worksheets/sheet{}{}", self.shift(n), &t[digits..]);
                tag = super::sheet_cells::set_attr(&tag, "Target", &target);
            }
            out.push_str(&tag);
            seen += 1;
            at = e;
        }
        if seen <= self.after {
            return Err(b());
        }
        out.push_str(&xml[at..]);
        Ok(out)
    }

    /// `[Content_Types].xml`: an override for each sheet, in order.
    pub fn content_types(&self, xml: &str) -> Result<String, XlsxError> {
        let b = || bad("[Content_Types].xml");
        let key = "<Override PartName=\"/xl/worksheets/sheet";
        let mut out = String::with_capacity(xml.len() + self.count * 140);
        let mut at = 0;
        let mut placed = false;
        while let Some(i) = xml[at..].find(key) {
            let s = at + i;
            let e = s + xml[s..].find("/>").ok_or_else(b)? + 2;
            out.push_str(&xml[at..s]);
            let num = &xml[s + key.len()..];
            let digits = num.find(|c: char| !c.is_ascii_digit()).ok_or_else(b)?;
            let n: usize = num[..digits].parse().map_err(|_| b())?;
            if n == self.after + 1 {
                self.push_overrides(&mut out);
                placed = true;
            }
            out.push_str(&format!("{key}{}{}", self.shift(n), &xml[s + key.len() + digits..e]));
            at = e;
            if n == self.after && !xml[at..].contains(key) {
                self.push_overrides(&mut out);
                placed = true;
            }
        }
        if !placed {
            return Err(b());
        }
        out.push_str(&xml[at..]);
        Ok(out)
    }

    fn push_overrides(&self, out: &mut String) {
        for k in 0..self.count {
            out.push_str(&format!("<Override PartName=\"/xl/worksheets/sheet{}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>", self.after + 1 + k));
        }
    }

    /// `docProps/app.xml`: the sheets' names and the print titles among
    /// the titles of parts, and their counts. `workbook` is `workbook.xml`
    /// as rewritten: the print titles are listed in its names' order.
    pub fn app(&self, xml: &str, workbook: &str, added: &[Added]) -> Result<String, XlsxError> {
        let b = || bad("docProps/app.xml");
        let open = xml.find("<TitlesOfParts>").ok_or_else(b)?;
        let close = xml.find("</TitlesOfParts>").ok_or_else(b)?;
        let vec_open = open + xml[open..].find('>').ok_or_else(b)? + 1;
        let body_at = vec_open + xml[vec_open..close].find('>').ok_or_else(b)? + 1;
        let body_end = vec_open + xml[vec_open..close].find("</vt:vector>").ok_or_else(b)?;
        let titles: Vec<&str> = xml[body_at..body_end].split("</vt:lpstr>").filter(|t| !t.is_empty()).collect();
        let sheets = count_after(xml, "Worksheets").ok_or_else(b)?;
        let named = count_after(xml, "Named Ranges").unwrap_or(0);
        if titles.len() != sheets + named || sheets < self.after {
            return Err(b());
        }
        // Every sheet's name in the new order, for the print titles' names.
        let mut sheet_names: Vec<String> = titles[..self.after].iter().map(|t| lpstr(t)).collect::<Option<_>>().ok_or_else(b)?;
        sheet_names.extend(added.iter().map(|a| a.name.clone()));
        for t in &titles[self.after..sheets] {
            sheet_names.push(lpstr(t).ok_or_else(b)?);
        }
        // The named ranges in the order the workbook now lists them.
        let mut ranges: Vec<String> = Vec::new();
        let mut at = 0;
        while let Some(i) = workbook[at..].find("<definedName ") {
            let s = at + i;
            let tag_end = s + workbook[s..].find('>').ok_or_else(b)?;
            let tag = &workbook[s..tag_end];
            let name = super::sheet_cells::attr(tag, "name").ok_or_else(b)?;
            let sheet = || {
                let local: usize = super::sheet_cells::attr(tag, "localSheetId")?.parse().ok()?;
                Some(rust_xlsxwriter::utility::quote_sheet_name(sheet_names.get(local)?))
            };
            match name {
                "_xlnm._FilterDatabase" => {}
                "_xlnm.Print_Titles" => ranges.push(format!("{}!Print_Titles", sheet().ok_or_else(b)?)),
                "_xlnm.Print_Area" => ranges.push(format!("{}!Print_Area", sheet().ok_or_else(b)?)),
                // No other name is defined in the summary.
                _ => return Err(b()),
            }
            at = tag_end;
        }
        let mut out = String::with_capacity(xml.len() + added.len() * 120);
        let with_sheets = sheets + self.count;
        let with_named = ranges.len();
        let heading = &xml[..open];
        let heading = heading.replacen(
            &format!("<vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>{sheets}</vt:i4>"),
            &format!("<vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>{with_sheets}</vt:i4>"),
            1,
        );
        let heading = if named > 0 {
            heading.replacen(
                &format!("<vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>{named}</vt:i4>"),
                &format!("<vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>{with_named}</vt:i4>"),
                1,
            )
        } else {
            heading
        };
        if named == 0 && with_named > 0 {
            // The crate lists no named range then: not a case of the summary.
            return Err(b());
        }
        out.push_str(&heading);
        out.push_str(&xml[open..vec_open]);
        let vec_tag = &xml[vec_open..body_at];
        out.push_str(&super::sheet_cells::set_attr(vec_tag, "size", &(with_sheets + with_named).to_string()));
        for t in &titles[..self.after] {
            out.push_str(t);
            out.push_str("</vt:lpstr>");
        }
        for a in added {
            out.push_str("<vt:lpstr>");
            escape_into(&mut out, &a.name);
            out.push_str("</vt:lpstr>");
        }
        for t in &titles[self.after..sheets] {
            out.push_str(t);
            out.push_str("</vt:lpstr>");
        }
        for r in &ranges {
            out.push_str("<vt:lpstr>");
            escape_into(&mut out, r);
            out.push_str("</vt:lpstr>");
        }
        out.push_str(&xml[body_end..]);
        Ok(out)
    }
}

/// The text of a `<vt:lpstr>` element, its end tag cut off.
fn lpstr(t: &str) -> Option<String> {
    Some(unescape(t.strip_prefix("<vt:lpstr>")?))
}

/// The count given after a heading of `<HeadingPairs>`.
fn count_after(xml: &str, heading: &str) -> Option<usize> {
    let key = format!("<vt:lpstr>{heading}</vt:lpstr></vt:variant><vt:variant><vt:i4>");
    let at = xml.find(&key)? + key.len();
    xml[at..at + xml[at..].find('<')?].parse().ok()
}

/// A defined name of `workbook.xml`.
struct Name {
    name: String,
    local: Option<usize>,
    hidden: bool,
    /// As read (unescaped).
    range: String,
}

impl Name {
    /// The crate's sort key: the built-in names by a name of their own
    /// (the filter's keeps its "{}"), quotes dropped, lowercase.
    fn sort_key(&self) -> String {
        let key = match self.name.as_str() {
            "_xlnm.Print_Area" => "Print_Area{}",
            "_xlnm._FilterDatabase" => "_FilterDatabase{}",
            "_xlnm.Print_Titles" => "Print_Titles",
            other => other,
        };
        key.replace('\'', "").to_lowercase()
    }
}

/// An attribute's value as the crate escapes it: as element text
/// (`docx::xml::escape_into`), and its quotes.
fn escape_attr_into(out: &mut String, s: &str) {
    for (i, part) in s.split('"').enumerate() {
        if i > 0 {
            out.push_str("&quot;");
        }
        escape_into(out, part);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_stored_as_the_crate_stores_them() {
        let chars = |w: f64| f64::from(width_px(w) * 256 / DIGIT_PX) / 256.0;
        for (w, written) in [(5.0, "5.7109375"), (28.0, "28.7109375"), (10.0, "10.7109375"), (14.0, "14.7109375")] {
            assert_eq!(chars(w).to_string(), written);
        }
        // Excel's default width needs no customWidth.
        assert_eq!(width_px(8.43), DEFAULT_COL_PX);
        assert_eq!(width_px(0.5), 6);
    }

    fn override_of(n: usize) -> String {
        format!("<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")
    }

    #[test]
    fn content_types_and_relationships_list_every_sheet_in_order() {
        let types = |sheets: &[usize]| {
            format!(
                "<Types><Default Extension=\"xml\"/>{}<Override PartName=\"/xl/sharedStrings.xml\"/></Types>",
                sheets.iter().map(|&n| override_of(n)).collect::<String>()
            )
        };
        // Between the crate's sheets, and after its last one.
        let p = Placed { after: 1, count: 2 };
        assert_eq!(p.content_types(&types(&[1, 2])).unwrap(), types(&[1, 2, 3, 4]));
        let p = Placed { after: 2, count: 1 };
        assert_eq!(p.content_types(&types(&[1, 2])).unwrap(), types(&[1, 2, 3]));
        let rel = |id: usize, kind: &str, target: &str| {
            format!("<Relationship Id=\"rId{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}\" Target=\"{target}\"/>")
        };
        let rels = format!(
            "<Relationships>{}{}{}</Relationships>",
            rel(1, "worksheet", "worksheets/sheet1.xml"),
            rel(2, "worksheet", "worksheets/sheet2.xml"),
            rel(3, "styles", "styles.xml")
        );
        let p = Placed { after: 1, count: 1 };
        assert_eq!(
            p.workbook_rels(&rels).unwrap(),
            format!(
                "<Relationships>{}{}{}{}</Relationships>",
                rel(1, "worksheet", "worksheets/sheet1.xml"),
                rel(2, "worksheet", "worksheets/sheet2.xml"),
                rel(3, "worksheet", "worksheets/sheet3.xml"),
                rel(4, "styles", "styles.xml")
            )
        );
    }

    #[test]
    fn later_parts_are_numbered_on() {
        let p = Placed { after: 2, count: 3 };
        assert_eq!(p.renamed("xl/worksheets/sheet2.xml"), None);
        assert_eq!(p.renamed("xl/worksheets/sheet3.xml").as_deref(), Some("xl/worksheets/sheet6.xml"));
        assert_eq!(p.renamed("xl/worksheets/_rels/sheet12.xml.rels").as_deref(), Some("xl/worksheets/_rels/sheet15.xml.rels"));
        assert_eq!(p.renamed("xl/styles.xml"), None);
    }
}
