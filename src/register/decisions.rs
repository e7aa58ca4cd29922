//! The final decisions an office receives (`thidua so quyet-dinh FILE.xlsx`)
//! and past years' awards (`thidua so nhap FILE.xlsx`), from the workbooks
//! whose blank forms `thidua forms` writes (see `forms`). Units are matched
//! with the registry's names (SPEC §2); a name that matches nothing or two
//! units is reported at its cell and that row is not recorded. A decision
//! that matches no recorded proposal is recorded and reported.

use super::sheet::{self, Column};
use super::Register;
use crate::registry::Registry;
use anyhow::Result;
use rusqlite::{params, OptionalExtension};
use std::path::Path;

/// Which workbook is read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// The decision list: proposals granted or refused.
    Decisions,
    /// Awards of earlier years, all granted.
    Past,
}

/// What a workbook gave.
#[derive(Debug, Default)]
pub struct Imported {
    /// False when the same workbook was recorded before.
    pub new: bool,
    pub granted: usize,
    pub refused: usize,
    /// Rows not recorded, with file, sheet and cell.
    pub errors: Vec<String>,
    /// Decisions recorded that match no proposal in the register.
    pub unmatched: Vec<String>,
}

const COLUMNS: &[Column] = &[
    Column { key: "date", words: &["ngày quyết định", "ngày ký", "ngày ban hành", "ngày"], required: false },
    Column { key: "number", words: &["số quyết định", "số qđ", "số hiệu"], required: false },
    Column { key: "year", words: &["năm"], required: true },
    Column { key: "unit", words: &["đơn vị", "tập thể"], required: true },
    Column { key: "award", words: &["hình thức", "danh hiệu"], required: true },
    Column { key: "outcome", words: &["kết quả"], required: false },
    Column { key: "signer", words: &["người ký", "cơ quan ban hành", "cấp ký", "cấp quyết định"], required: false },
];

/// "Được khen thưởng" / "Không được khen thưởng" and the usual short answers.
fn outcome(text: &str) -> Option<&'static str> {
    let t = crate::vn::text::ascii_fold(text);
    let t = t.trim();
    if t.is_empty() {
        return None;
    }
    if t.starts_with("khong") || t == "ko" || t == "k" || t.contains("tu choi") || t.contains("khong duoc") {
        return Some("refused");
    }
    if t.starts_with("duoc") || t.starts_with("co") || t == "x" || t.contains("dong y") || t.contains("khen") {
        return Some("granted");
    }
    None
}

/// Read `path` and record its rows in one transaction.
pub fn import(reg: &mut Register, path: &Path, kind: Kind) -> Result<Imported> {
    let what = match kind {
        Kind::Decisions => "danh sách quyết định khen thưởng",
        Kind::Past => "khen thưởng các năm trước",
    };
    let table = sheet::read_table(path, COLUMNS, what)?;
    let bytes = std::fs::read(path)?;
    let sha = super::record::sha256_hex(&bytes);
    let file = path.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
    let sheet_name = table.grid().name.clone();
    let at = |cell: String| format!("tệp \"{file}\", trang \"{sheet_name}\", ô {cell}");
    let registry = Registry::builtin();
    struct Line {
        year: i32,
        unit: String,
        unit_name: String,
        award: (String, String),
        outcome: &'static str,
        number: String,
        date: String,
        signer: String,
        row: u32,
    }
    let mut out = Imported::default();
    let mut lines = Vec::new();
    for row in table.rows() {
        let (unit_text, award_text) = (row.text("unit"), row.text("award"));
        if unit_text.is_empty() && award_text.is_empty() {
            continue; // STT typed ahead on a blank line
        }
        let Some(year) = sheet::year_of(row.value("year")) else {
            out.errors.push(format!(
                "{}: năm \"{}\" không đọc được (ghi bốn chữ số, ví dụ 2022); dòng này không được ghi vào sổ.",
                at(row.cell("year")),
                row.text("year")
            ));
            continue;
        };
        let unit = match registry.resolve(&unit_text, None) {
            Ok(u) => u,
            Err(e) => {
                out.errors.push(format!("{}: {}; dòng này không được ghi vào sổ.", at(row.cell("unit")), e.message_vi()));
                continue;
            }
        };
        if award_text.is_empty() {
            out.errors.push(format!("{}: chưa ghi hình thức khen thưởng; dòng này không được ghi vào sổ.", at(row.cell("award"))));
            continue;
        }
        let number = row.text("number");
        let o = match (kind, row.col("outcome").map(|_| row.text("outcome"))) {
            (Kind::Past, _) => "granted",
            (_, Some(t)) if !t.is_empty() => match outcome(&t) {
                Some(o) => o,
                None => {
                    out.errors.push(format!(
                        "{}: kết quả \"{t}\" không rõ; ghi \"Được khen thưởng\" hoặc \"Không được khen thưởng\". Dòng này không được ghi vào sổ.",
                        at(row.cell("outcome"))
                    ));
                    continue;
                }
            },
            _ if !number.is_empty() => "granted",
            _ => {
                out.errors.push(format!(
                    "{}: chưa ghi kết quả và số quyết định; ghi \"Được khen thưởng\" kèm số quyết định, hoặc \"Không được khen thưởng\". Dòng này không được ghi vào sổ.",
                    at(row.cell("award"))
                ));
                continue;
            }
        };
        let date = match row.value("date") {
            crate::ingest::grid::Value::Empty => String::new(),
            v => match sheet::date_of(v) {
                Some(d) => d,
                None => {
                    out.errors.push(format!(
                        "{}: ngày quyết định \"{}\" không đọc được (ghi ngày/tháng/năm, ví dụ 15/03/2023); dòng này không được ghi vào sổ.",
                        at(row.cell("date")),
                        row.text("date")
                    ));
                    continue;
                }
            },
        };
        lines.push(Line {
            year,
            unit: unit.id.clone(),
            unit_name: unit.name.clone(),
            award: super::award_key(&award_text),
            outcome: o,
            number,
            date,
            signer: row.text("signer"),
            row: row.row,
        });
    }
    let source = path.display().to_string();
    let counts = reg.write(|tx| {
        let mut c = (false, 0usize, 0usize, Vec::new());
        if super::record::recorded_before(tx, &sha)? {
            return Ok(c);
        }
        c.0 = true;
        let rec = super::record::insert_recording(tx, if kind == Kind::Past { "khen-thuong-cac-nam-truoc" } else { "quyet-dinh" }, &sha, &source, None, None)?;
        for l in &lines {
            tx.execute(
                "INSERT INTO decision (year, unit, unit_name, award, award_name, outcome, number, date, signer, recording)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT(year, unit, award) DO UPDATE SET outcome = excluded.outcome, number = excluded.number,
                 date = excluded.date, signer = excluded.signer, award_name = excluded.award_name, recording = excluded.recording",
                params![l.year, l.unit, l.unit_name, l.award.0, l.award.1, l.outcome, l.number, l.date, l.signer, rec],
            )?;
            if l.outcome == "granted" {
                c.1 += 1;
            } else {
                c.2 += 1;
            }
            if kind == Kind::Decisions {
                let proposed = tx
                    .query_row("SELECT 1 FROM proposal WHERE year = ?1 AND unit = ?2 AND award = ?3", params![l.year, l.unit, l.award.0], |_| Ok(()))
                    .optional()?
                    .is_some();
                if !proposed {
                    c.3.push(format!(
                        "tệp \"{file}\", trang \"{sheet_name}\", dòng {}: {} — {} năm {} không khớp đề nghị nào đã ghi trong sổ (đã ghi quyết định vào sổ; kiểm tra lại tên đơn vị, hình thức và năm).",
                        l.row + 1,
                        l.unit_name,
                        l.award.1,
                        l.year
                    ));
                }
            }
        }
        Ok(c)
    })?;
    out.new = counts.0;
    out.granted = counts.1;
    out.refused = counts.2;
    out.unmatched = counts.3;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::outcome;

    #[test]
    fn outcomes_as_typed() {
        assert_eq!(outcome("Được khen thưởng"), Some("granted"));
        assert_eq!(outcome("Không được khen thưởng"), Some("refused"));
        assert_eq!(outcome("không"), Some("refused"));
        assert_eq!(outcome("Có"), Some("granted"));
        assert_eq!(outcome("???"), None);
    }
}
