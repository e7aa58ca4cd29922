//! Reading the register's two workbooks (the decision list and past years'
//! awards): the first sheet whose header row names the columns wanted,
//! found by its words (any case, NFC or NFD, either tone placement), then
//! one record per non-blank row. Loaded with the project's bounded reader
//! (size, cells and XML limits of untrusted files).

use crate::ingest::grid::{self, Grid, Value};
use crate::model::problem::cell_ref;
use anyhow::{bail, Context, Result};
use std::path::Path;

/// A column wanted: its key and the folded words any of which names it.
pub struct Column {
    pub key: &'static str,
    pub words: &'static [&'static str],
    pub required: bool,
}

/// A row read: the cell values by column key, and where the row is.
pub struct Row<'g> {
    pub grid: &'g Grid,
    pub row: u32,
    cols: Vec<(&'static str, u32)>,
}

impl Row<'_> {
    pub fn col(&self, key: &str) -> Option<u32> {
        self.cols.iter().find(|(k, _)| *k == key).map(|(_, c)| *c)
    }
    pub fn value(&self, key: &str) -> &Value {
        static EMPTY: Value = Value::Empty;
        self.col(key).map(|c| self.grid.raw(self.row, c)).unwrap_or(&EMPTY)
    }
    pub fn text(&self, key: &str) -> String {
        crate::vn::text::nfc(grid::value_text(self.value(key)).trim())
    }
    /// "ô C7" of a column, for messages.
    pub fn cell(&self, key: &str) -> String {
        cell_ref(self.row, self.col(key).unwrap_or(0))
    }
}

/// The loaded workbook, its table's sheet and header columns.
pub struct Table {
    pub sheets: Vec<Grid>,
    pub sheet: usize,
    pub header_row: u32,
    pub cols: Vec<(&'static str, u32)>,
}

impl Table {
    pub fn grid(&self) -> &Grid {
        &self.sheets[self.sheet]
    }
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        let g = self.grid();
        (self.header_row + 1..g.height()).filter(move |r| !g.row_is_empty(*r)).map(move |r| Row {
            grid: g,
            row: r,
            cols: self.cols.clone(),
        })
    }
}

/// Load `path` and find the table with `columns`.
pub fn read_table(path: &Path, columns: &[Column], what: &str) -> Result<Table> {
    let bytes = std::fs::read(path).with_context(|| format!("không đọc được tệp \"{}\"", path.display()))?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("xlsx");
    let format = grid::Format::from_extension(ext).unwrap_or(grid::Format::Xlsx);
    let loaded =
        grid::load(&bytes, format, &crate::ingest::Limits::default()).map_err(|e| anyhow::anyhow!("tệp \"{}\": {e}", path.display()))?;
    for (si, g) in loaded.sheets.iter().enumerate() {
        for r in 0..g.height().min(20) {
            let mut cols = Vec::new();
            for c in 0..g.width(r) {
                let t = crate::vn::text::fold(&grid::value_text(g.raw(r, c)));
                if t.is_empty() {
                    continue;
                }
                if let Some(col) = columns
                    .iter()
                    .find(|col| !cols.iter().any(|(k, _)| k == &col.key) && col.words.iter().any(|w| t.contains(&crate::vn::text::fold(w))))
                {
                    cols.push((col.key, c));
                }
            }
            if columns.iter().filter(|c| c.required).all(|c| cols.iter().any(|(k, _)| *k == c.key)) {
                return Ok(Table { sheets: loaded.sheets, sheet: si, header_row: r, cols });
            }
        }
    }
    let names: Vec<String> = columns.iter().filter(|c| c.required).map(|c| format!("\"{}\"", c.words[0])).collect();
    bail!(
        "tệp \"{}\" không có bảng {what}: cần một hàng tiêu đề có các cột {} (lấy mẫu trống bằng lệnh thidua forms)",
        path.display(),
        names.join(", ")
    )
}

/// A year in a cell: a number or text of four digits.
pub fn year_of(v: &Value) -> Option<i32> {
    let y = match v {
        Value::Number { v, .. } if v.fract() == 0.0 => *v as i32,
        Value::Text(t) => t.trim().trim_start_matches("Năm").trim_start_matches("năm").trim().parse().ok()?,
        _ => return None,
    };
    (1990..=2200).contains(&y).then_some(y)
}

/// A date in a cell as dd/mm/yyyy (day before month, the Vietnamese order).
pub fn date_of(v: &Value) -> Option<String> {
    crate::ingest::date::from_value(v).map(|(d, m, y)| format!("{d:02}/{m:02}/{y}"))
}
