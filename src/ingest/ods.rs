//! The merged regions of an OpenDocument spreadsheet (.ods), which calamine
//! (reading the .ods values in `super::grid`) does not give. A two-row
//! header puts a group name ("Điểm", "BHXH tự nguyện") in a cell merged over
//! its sub-headers; without the region the sub-headers lose their group and
//! the sheet is not recognised, while the same workbook saved as .xlsx or
//! .xls is.
//!
//! In `content.xml` a merged region is the cell at its top left with
//! `table:number-columns-spanned` / `table:number-rows-spanned`, the cells
//! it hides being `table:covered-table-cell`. Positions are counted the way
//! calamine counts them (rows and cells with their `…-repeated` counts,
//! rows inside header rows and row groups included), so the regions line
//! up with the values. The part is inflated only after `guard::check_zip`
//! has accepted the container (sizes, ratio, no DOCTYPE), and no more than
//! the limits' budget; quick-xml never expands entities.

use super::guard::Limits;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Read};

/// A merged region: (first row, first col, last row, last col), 0-based.
pub type Region = (u32, u32, u32, u32);

/// Merged regions kept per sheet, as for .xlsx and .xls.
const MAX_MERGES: usize = 10_000;

/// Each table (sheet) of the document in order, with its name as written
/// and its merged regions.
pub(crate) fn merges(bytes: &[u8], limits: &Limits) -> Result<Vec<(String, Vec<Region>)>, String> {
    let broken = || "tệp bị hỏng, không đọc được phần nội dung (content.xml); hãy mở bằng LibreOffice, lưu lại rồi gửi".to_string();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| broken())?;
    let mut xml = Vec::new();
    {
        let entry = zip.by_name("content.xml").map_err(|_| broken())?;
        entry.take(limits.max_unzipped_bytes + 1).read_to_end(&mut xml).map_err(|_| broken())?;
    }
    if xml.len() as u64 > limits.max_unzipped_bytes {
        return Err(format!("tệp giải nén ra hơn {} MB (nghi là \"bom nén\"); đã từ chối", limits.max_unzipped_bytes >> 20));
    }
    parse(&xml, limits).map_err(|_| broken())
}

/// A non-negative count attribute; 1 when absent or unreadable (as the
/// format's default).
fn count(e: &BytesStart, key: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .filter(|&n| n >= 1)
        .unwrap_or(1)
}

fn name_of(e: &BytesStart) -> String {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "name")
        .map(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned()).unwrap_or_default())
        .unwrap_or_default()
}

fn parse(xml: &[u8], limits: &Limits) -> Result<Vec<(String, Vec<Region>)>, quick_xml::Error> {
    let mut r = Reader::from_reader(xml);
    let mut out: Vec<(String, Vec<Region>)> = Vec::new();
    // Nesting of tables (a table inside a cell is not a sheet), and of the
    // cell being read (its paragraphs and frames are not positions).
    let mut tables = 0usize;
    let mut in_cell = 0usize;
    let (mut row, mut col) = (0u64, 0u64);
    let mut row_repeat = 1u64;
    let mut cell_repeat = 1u64;
    let mut buf = Vec::new();
    loop {
        let ev = r.read_event_into(&mut buf)?;
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name();
                let local = local.as_ref();
                if local == "table" {
                    if !empty {
                        tables += 1;
                        if tables == 1 {
                            out.push((name_of(&e), Vec::new()));
                            (row, col, in_cell) = (0, 0, 0);
                        }
                    } else if tables == 0 {
                        out.push((name_of(&e), Vec::new()));
                    }
                    continue;
                }
                if tables != 1 || in_cell > 0 {
                    if in_cell > 0 && !empty {
                        in_cell += 1;
                    }
                    continue;
                }
                match local {
                    "table-row" => {
                        row_repeat = count(&e, "number-rows-repeated");
                        col = 0;
                        if empty {
                            row = row.saturating_add(row_repeat);
                        }
                    }
                    "table-cell" | "covered-table-cell" => {
                        cell_repeat = count(&e, "number-columns-repeated");
                        if local == "table-cell" {
                            let (cs, rs) = (count(&e, "number-columns-spanned"), count(&e, "number-rows-spanned"));
                            let merges = &mut out.last_mut().expect("inside a table").1;
                            // LibreOffice never repeats a spanning cell; a
                            // region is kept for the first of the repeats.
                            if (cs > 1 || rs > 1)
                                && row < u64::from(limits.max_rows)
                                && col < u64::from(limits.max_cols)
                                && merges.len() < MAX_MERGES
                            {
                                let last_row = (row + rs - 1).min(u64::from(limits.max_rows) - 1);
                                let last_col = (col + cs - 1).min(u64::from(limits.max_cols) - 1);
                                merges.push((row as u32, col as u32, last_row as u32, last_col as u32));
                            }
                        }
                        if empty {
                            col = col.saturating_add(cell_repeat);
                        } else {
                            in_cell = 1;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                let local = e.local_name();
                let local = local.as_ref();
                if in_cell > 0 {
                    in_cell -= 1;
                    if in_cell == 0 {
                        col = col.saturating_add(cell_repeat);
                    }
                    continue;
                }
                if local == "table" {
                    tables = tables.saturating_sub(1);
                } else if tables == 1 && local == "table-row" {
                    row = row.saturating_add(row_repeat);
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
        )
    }

    #[test]
    fn spans_are_placed_after_repeated_rows_and_cells() {
        // Row 0 repeated twice (empty), then a header over rows 2–3: "STT"
        // spanning two rows, "Điểm" spanning three columns after a repeated
        // pair of empty cells; a covered row under it; a header-rows group.
        let xml = doc(concat!(
            r#"<table:table table:name="Tự chấm &amp; thẩm định">"#,
            r#"<table:table-column table:number-columns-repeated="6"/>"#,
            r#"<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="6"/></table:table-row>"#,
            r#"<table:table-header-rows><table:table-row>"#,
            r#"<table:table-cell table:number-rows-spanned="2"><text:p>STT</text:p></table:table-cell>"#,
            r#"<table:table-cell table:number-columns-repeated="2"/>"#,
            r#"<table:table-cell table:number-columns-spanned="3"><text:p>Điểm <text:span>chấm</text:span></text:p></table:table-cell>"#,
            r#"<table:covered-table-cell table:number-columns-repeated="2"/>"#,
            r#"</table:table-row></table:table-header-rows>"#,
            r#"<table:table-row><table:covered-table-cell/><table:table-cell table:number-columns-repeated="5"/></table:table-row>"#,
            r#"</table:table>"#,
            r#"<table:table table:name="Khác"><table:table-row><table:table-cell/><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="1"/><table:covered-table-cell/></table:table-row></table:table>"#,
        ));
        let got = parse(xml.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "Tự chấm & thẩm định");
        assert_eq!(got[0].1, vec![(2, 0, 3, 0), (2, 3, 2, 5)]);
        assert_eq!(got[1], ("Khác".to_string(), vec![(0, 1, 0, 2)]));
    }

    #[test]
    fn absurd_spans_stay_inside_the_limits() {
        let xml = doc(concat!(
            r#"<table:table table:name="a"><table:table-row table:number-rows-repeated="1048570"><table:table-cell/></table:table-row>"#,
            r#"<table:table-row><table:table-cell table:number-columns-spanned="99999999999" table:number-rows-spanned="5"/></table:table-row>"#,
            r#"<table:table-row><table:table-cell table:number-columns-spanned="4"/></table:table-row></table:table>"#,
        ));
        let limits = Limits::default();
        let got = parse(xml.as_bytes(), &limits).unwrap();
        // Both regions start below the last row a sheet may have: none kept.
        assert!(got[0].1.is_empty(), "{:?}", got[0].1);
        let xml = doc(
            r#"<table:table table:name="b"><table:table-row><table:table-cell table:number-columns-spanned="99999999999"/></table:table-row></table:table>"#,
        );
        let got = parse(xml.as_bytes(), &limits).unwrap();
        assert_eq!(got[0].1, vec![(0, 0, 0, limits.max_cols - 1)]);
    }
}
