//! The cells of the summary's large tables (figures, rankings, criteria,
//! proposals, votes, problems), written straight into each sheet's
//! `<sheetData>`.
//!
//! rust_xlsxwriter keeps every cell in a BTreeMap, finds each text in a
//! SipHash table, hashes formats and formats each cell's XML through
//! `core::fmt`: most of the summary's CPU on a national run (64 000 cells).
//! The crate still writes everything else: the workbook, styles.xml, each
//! sheet's title and header rows, column widths, panes, filter, page setup
//! and print titles, the charts and the small sheets. A table's cells are
//! collected here in a [`Grid`]; the crate is given only the first cell of
//! each format, so that formats register in the same order as before and
//! styles.xml is the same. Once the crate has saved, [`Sheets::pack`]
//! rewrites the package: each format's style index is read back from its
//! first cell, the table's rows are written here in place of the crate's
//! (the same row heights, spans and cells), its texts are appended to the
//! crate's shared strings (each text once), and every other part is copied
//! as it is, still compressed. The clusters' small sheets are not given to
//! the crate at all: their grids are written whole, as the crate writes
//! them, and placed among its sheets (`render::added_sheets` owns their
//! settings and their entries in the workbook's parts); their formats are
//! given to the crate on cells of the table just before them, read back,
//! and written over. [`Mode::Crate`] writes every table and sheet through
//! the crate, as before: the tests compare the two workbooks part by part.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};
use rustc_hash::FxHashMap;
use std::io::{Read, Write};
use std::rc::Rc;

/// How the tables' cells are written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// Straight into the sheets' XML (the summary as written).
    Direct,
    /// Every cell through rust_xlsxwriter (to compare against).
    Crate,
}

#[derive(Clone, Copy)]
enum Value {
    Num(f64),
    /// A text, by its id in [`Sheets::texts`].
    Text(u32),
    Blank,
}

#[derive(Clone, Copy)]
struct Cell {
    row: u32,
    col: u16,
    /// The cell's format, by its index in the grid's formats.
    fmt: u8,
    value: Value,
}

/// The most formats the added sheets may use together (each needs a cell
/// of the table before them, see [`Sheets::give_formats`]).
const MAX_PROBES: usize = 16;

/// A table written directly, kept until the crate has saved.
struct Table {
    /// The sheet's part, `xl/worksheets/sheet{file}.xml`.
    file: usize,
    /// Sorted by row and column.
    cells: Vec<Cell>,
    /// (row, height in pixels as the crate keeps it), sorted by row.
    heights: Vec<(u32, u32)>,
    /// Each format's first cell, written by the crate, and whether blank.
    firsts: Vec<(u32, u16, bool)>,
    /// How many of those are texts (counted in the crate's shared strings).
    first_texts: u64,
    /// Cells of the table where the crate was given one of the added
    /// sheets' formats (see [`Sheets::probe`]): read back, then written
    /// over by the table's own.
    probes: Vec<(u32, u16)>,
}

/// A whole sheet written here and added to the crate's package
/// (`render::added_sheets`): the clusters' small sheets.
struct AddedSheet {
    name: String,
    cells: Vec<Cell>,
    heights: Vec<(u32, u32)>,
    /// Each of the grid's formats, by its index in [`Sheets::probes`].
    formats: Vec<usize>,
    widths: Vec<f64>,
    header_row: u32,
    key_cols: u16,
    fit: bool,
    /// The first and last rows and columns of its cells and heights.
    extent: ((u32, u32), (u32, u32)),
}

/// The tables of one workbook, and their texts.
pub struct Sheets {
    mode: Mode,
    /// Each text as written to a cell (`texts`), by the text given (and by
    /// itself). A text that binding leaves as it is shares one allocation
    /// with its key.
    ids: FxHashMap<Rc<str>, u32>,
    /// Each text as written, once: two texts given that are written the
    /// same have one id (so the shared strings need no table of their own).
    texts: Vec<Rc<str>>,
    /// The texts written otherwise than given whose written form is not
    /// a key of `ids` (cut at 32 000 characters), by that form.
    odd: FxHashMap<Rc<str>, u32>,
    tables: Vec<Table>,
    /// The sheets written whole, placed after the crate's first `after`.
    added: Vec<AddedSheet>,
    after: usize,
    /// The added sheets' formats, each once, in the order they are first
    /// used: given to the crate on one of the tables' cells, so that they
    /// register where the crate would have registered them (styles.xml as
    /// before), and their style indices read back from there.
    probes: Vec<(*const Format, Format)>,
}

/// The cells of one sheet's table, in the order written.
pub struct Grid<'s, 'f> {
    sheets: &'s mut Sheets,
    formats: Vec<&'f Format>,
    cells: Vec<Cell>,
    heights: Vec<(u32, u32)>,
}

impl Sheets {
    pub fn new(mode: Mode) -> Sheets {
        Sheets {
            mode,
            ids: FxHashMap::default(),
            texts: Vec::new(),
            odd: FxHashMap::default(),
            tables: Vec::new(),
            added: Vec::new(),
            after: 0,
            probes: Vec::new(),
        }
    }

    /// Room for about `n` distinct texts (the table of texts is not grown
    /// and hashed again as they come).
    pub fn reserve_texts(&mut self, n: usize) {
        self.ids.reserve(n);
        self.texts.reserve(n);
    }

    /// Whether a sheet can now be written whole ([`Grid::add_sheet`]),
    /// after the crate's first `sheets_so_far` sheets: the tables are
    /// written directly and the last of those sheets holds a table with
    /// room for the added sheets' formats.
    pub fn can_add(&self, sheets_so_far: usize) -> bool {
        self.mode == Mode::Direct
            && (self.added.is_empty() || self.after == sheets_so_far)
            && self.tables.last().is_some_and(|t| t.file == sheets_so_far && t.cells.len() >= t.firsts.len() + MAX_PROBES)
    }

    /// How many of the crate's sheets come before the added ones, when
    /// sheets were added.
    pub fn added_after(&self) -> Option<usize> {
        (!self.added.is_empty()).then_some(self.after)
    }

    /// How many sheets were added.
    pub fn added_count(&self) -> usize {
        self.added.len()
    }

    /// The index of format `f` among the added sheets' formats.
    fn probe(&mut self, f: &Format) -> usize {
        match self.probes.iter().position(|p| std::ptr::eq(p.0, f)) {
            Some(i) => i,
            None => {
                assert!(self.probes.len() < MAX_PROBES, "the added sheets have at most {MAX_PROBES} formats");
                self.probes.push((f as *const Format, f.clone()));
                self.probes.len() - 1
            }
        }
    }

    /// Give the crate the added sheets' formats, each on a cell of the
    /// table on the sheet `ws` just before them, after every format of its
    /// own: the crate registers formats sheet by sheet, in the order each
    /// sheet first uses them, so they take the places they would have
    /// taken on the added sheets. The cells are the table's last ones but
    /// its first of each format; [`Sheets::pack`] reads their style indices
    /// back and writes the table's own cells over them.
    pub fn give_formats(&mut self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        if self.added.is_empty() {
            return Ok(());
        }
        let after = self.after;
        let table = self.tables.iter_mut().find(|t| t.file == after).expect("can_add saw the table");
        let mut probes = Vec::with_capacity(self.probes.len());
        for c in table.cells.iter().rev() {
            if probes.len() == self.probes.len() {
                break;
            }
            if !table.firsts.iter().any(|&(r, col, _)| (r, col) == (c.row, c.col)) {
                probes.push((c.row, c.col));
            }
        }
        for (&(row, col), (_, f)) in probes.iter().zip(&self.probes) {
            ws.write_number_with_format(row, col, 0.0, f)?;
        }
        table.probes = probes;
        Ok(())
    }

    /// A new table.
    pub fn grid<'f>(&mut self) -> Grid<'_, 'f> {
        self.grid_sized(0, 0)
    }

    /// A new table of about `rows` rows of `cols` cells.
    pub fn grid_sized<'f>(&mut self, rows: usize, cols: usize) -> Grid<'_, 'f> {
        Grid { sheets: self, formats: Vec::new(), cells: Vec::with_capacity(rows * cols), heights: Vec::with_capacity(rows) }
    }

    /// The id of `s` as written to a cell: its figures bound to their
    /// units (`bind_figures`, each distinct text bound once: a large sheet
    /// repeats most of its texts), within Excel's 32 767-character limit (a
    /// longer text is cut with "…" rather than failing the file).
    fn text_id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let written = Self::written(s);
        if let std::borrow::Cow::Borrowed(_) = written {
            // Written as given.
            let text: Rc<str> = Rc::from(s);
            let id = self.new_text(Rc::clone(&text));
            self.ids.insert(text, id);
            return id;
        }
        // Written otherwise: the id of the same text written before, found
        // by its written form (in `ids` when that form is written as it is,
        // else in `odd`).
        let written: Rc<str> = Rc::from(written.into_owned());
        let id = match self.ids.get(&*written) {
            Some(&id) if self.texts[id as usize] == written => id,
            None if matches!(Self::written(&written), std::borrow::Cow::Borrowed(_)) => {
                let id = self.new_text(Rc::clone(&written));
                self.ids.insert(written, id);
                id
            }
            _ => match self.odd.get(&*written) {
                Some(&id) => id,
                None => {
                    let id = self.new_text(Rc::clone(&written));
                    self.odd.insert(written, id);
                    id
                }
            },
        };
        self.ids.insert(s.into(), id);
        id
    }

    fn new_text(&mut self, text: Rc<str>) -> u32 {
        self.texts.push(text);
        self.texts.len() as u32 - 1
    }

    /// `s` as written to a cell (borrowed when as given).
    fn written(s: &str) -> std::borrow::Cow<'_, str> {
        super::xlsx::cell_text(crate::vn::format::bind_figures(s))
    }

    /// The package saved by the crate, with the tables' rows written in
    /// and the added sheets in their place. Each part is written and
    /// compressed in the package's order, through one buffer (the national
    /// summary's sheets hold 4,8 MB of XML).
    pub fn pack(&self, saved: Vec<u8>) -> Result<Vec<u8>, XlsxError> {
        if self.tables.is_empty() {
            return Ok(saved);
        }
        let mut zin = zip::ZipArchive::new(std::io::Cursor::new(&saved[..]))?;
        let read = |zin: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str| -> Result<String, XlsxError> {
            let mut f = zin.by_name(name)?;
            let mut s = String::with_capacity(f.size() as usize);
            f.read_to_string(&mut s)?;
            Ok(s)
        };
        let sst_xml = read(&mut zin, "xl/sharedStrings.xml")?;
        let mut sst = SharedStrings::new(&sst_xml)?;
        // Room for every text's `<si>` at once (the national summary's are
        // about 1,5 MB: grown by doubling, each step was fresh memory).
        sst.extra.reserve(self.texts.iter().map(|t| t.len() + 40).sum());
        let mut text_sst = vec![u32::MAX; self.texts.len()];

        // The added sheets' settings and their entries in the workbook's
        // parts (which come before any sheet in the package).
        let placed = super::added_sheets::Placed { after: self.after, count: self.added.len() };
        let added: Vec<super::added_sheets::Added> = self.added.iter().map(AddedSheet::layout).collect();
        let mut small: FxHashMap<&str, Vec<u8>> = FxHashMap::default();
        if !added.is_empty() {
            let workbook = placed.workbook(&read(&mut zin, "xl/workbook.xml")?, &added)?;
            let app = placed.app(&read(&mut zin, "docProps/app.xml")?, &workbook, &added)?;
            small.insert("xl/_rels/workbook.xml.rels", placed.workbook_rels(&read(&mut zin, "xl/_rels/workbook.xml.rels")?)?.into_bytes());
            small.insert("[Content_Types].xml", placed.content_types(&read(&mut zin, "[Content_Types].xml")?)?.into_bytes());
            small.insert("xl/workbook.xml", workbook.into_bytes());
            small.insert("docProps/app.xml", app.into_bytes());
        }
        let tables: FxHashMap<String, &Table> = self.tables.iter().map(|t| (format!("xl/worksheets/sheet{}.xml", t.file), t)).collect();
        let after_sheet = format!("xl/worksheets/sheet{}.xml", self.after);

        // The crate's options for its parts.
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
            .unix_permissions(0o600)
            .last_modified_time(zip::DateTime::default());
        // The package and each sheet's XML sized once for the largest:
        // a sheet's cells take about 48 bytes each, 12 compressed.
        let cells = |t: &Table| t.cells.len();
        let most = self.tables.iter().map(cells).chain(self.added.iter().map(|a| a.cells.len())).max().unwrap_or(0);
        let all: usize = self.tables.iter().map(cells).sum::<usize>() + self.added.iter().map(|a| a.cells.len()).sum::<usize>();
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(saved.len() + all * 12)));
        let mut buf: Vec<u8> = Vec::with_capacity(64 * 1024 + most * 48);
        let mut probed = Vec::new();
        let (mut written, mut sst_done, mut added_done) = (0, false, false);
        for i in 0..zin.len() {
            let name = zin.by_index_raw(i)?.name()?.into_owned();
            let new_name = if added.is_empty() { None } else { placed.renamed(&name) };
            if let Some(t) = tables.get(&name) {
                let xml = read(&mut zin, &name)?;
                t.write(&xml, &self.texts, &mut text_sst, &mut sst, &mut probed, &mut buf).ok_or_else(|| bad(&name))?;
                // The first cells' texts are counted again with the table's.
                sst.count -= t.first_texts;
                out.start_file(new_name.unwrap_or(name.clone()), options)?;
                out.write_all(&buf)?;
                written += 1;
            } else if name == "xl/sharedStrings.xml" {
                // After every sheet, whose texts it lists.
                if written != self.tables.len() || added_done == added.is_empty() {
                    return Err(bad(&name));
                }
                sst_done = true;
                out.start_file(name.clone(), options)?;
                out.write_all(&sst.finish())?;
            } else if let Some(bytes) = small.get(name.as_str()) {
                out.start_file(name.clone(), options)?;
                out.write_all(bytes)?;
            } else {
                let f = zin.by_index_raw(i)?;
                match new_name {
                    Some(n) => out.raw_copy_file_rename(f, n)?,
                    None => out.raw_copy_file(f)?,
                }
            }
            // The added sheets follow the last sheet before them.
            if name == after_sheet && !added.is_empty() {
                if probed.len() != self.probes.len() {
                    return Err(bad(&name));
                }
                for (k, (a, sheet)) in self.added.iter().zip(&added).enumerate() {
                    a.write(sheet, &probed, &self.texts, &mut text_sst, &mut sst, &mut buf);
                    out.start_file(format!("xl/worksheets/sheet{}.xml", self.after + 1 + k), options)?;
                    out.write_all(&buf)?;
                }
                added_done = true;
            }
        }
        if !sst_done {
            return Err(bad("xl/sharedStrings.xml"));
        }
        Ok(out.finish()?.into_inner())
    }
}

impl AddedSheet {
    /// The sheet's settings and defined names (`render::added_sheets`).
    fn layout(&self) -> super::added_sheets::Added {
        let ((r0, c0), (r1, c1)) = self.extent;
        super::added_sheets::Added::new(&super::added_sheets::Layout {
            name: &self.name,
            widths: &self.widths,
            header_row: self.header_row,
            key_cols: self.key_cols,
            last_row: self.cells.last().map_or(0, |c| c.row),
            last_col: c1 as u16,
            fit: self.fit,
            dimension: dimension((r0, c0), (r1, c1)),
        })
    }

    /// The sheet's XML into `out` (emptied first): `sheet`'s settings
    /// around its rows, each format by the style index the crate gave it
    /// (`probed`).
    #[allow(clippy::too_many_arguments)]
    fn write(
        &self,
        sheet: &super::added_sheets::Added,
        probed: &[u32],
        texts: &[Rc<str>],
        text_sst: &mut [u32],
        sst: &mut SharedStrings,
        out: &mut Vec<u8>,
    ) {
        let styles: Vec<u32> = self.formats.iter().map(|&p| probed[p]).collect();
        let (_, (last_row, last_col)) = self.extent;
        out.clear();
        out.extend_from_slice(&sheet.head);
        write_rows(out, &self.cells, &self.heights, &spans(&self.cells, last_row), &styles, last_col, texts, text_sst, sst);
        out.extend_from_slice(&sheet.tail);
    }
}

/// A sheet's dimension (`A1:D7`, or `A1` for one cell), as the crate writes it.
fn dimension((r0, c0): (u32, u32), (r1, c1): (u32, u32)) -> String {
    if (r0, c0) == (r1, c1) {
        crate::model::cell_ref(r0, c0)
    } else {
        format!("{}:{}", crate::model::cell_ref(r0, c0), crate::model::cell_ref(r1, c1))
    }
}

/// The columns (from 1) the `cells` of each block of 16 rows use, down to
/// `last_row`: the spans the crate gives each row of the block.
fn spans(cells: &[Cell], last_row: u32) -> Vec<Option<(u32, u32)>> {
    let mut spans: Vec<Option<(u32, u32)>> = vec![None; (last_row / 16 + 1) as usize];
    for c in cells {
        let col = u32::from(c.col) + 1;
        let s = &mut spans[(c.row / 16) as usize];
        *s = Some(s.map_or((col, col), |(lo, hi)| (lo.min(col), hi.max(col))));
    }
    spans
}

/// The error of a part the crate wrote otherwise than expected: the
/// program's fault, said to the officer in Vietnamese as such.
pub(super) fn bad(part: &str) -> XlsxError {
    XlsxError::IoError(std::io::Error::other(format!(
        "tong-hop.xlsx: phần {part} không đúng dạng chương trình cần để ghi các bảng (lỗi của chương trình, không phải của dữ liệu gửi về)"
    )))
}

impl<'f> Grid<'_, 'f> {
    fn fmt(&mut self, f: &'f Format) -> u8 {
        match self.formats.iter().position(|x| std::ptr::eq(*x, f)) {
            Some(i) => i as u8,
            None => {
                assert!(self.formats.len() < 255, "a table has at most 255 formats");
                self.formats.push(f);
                (self.formats.len() - 1) as u8
            }
        }
    }

    fn push(&mut self, row: u32, col: u16, f: &'f Format, value: Value) {
        let fmt = self.fmt(f);
        self.cells.push(Cell { row, col, fmt, value });
    }

    /// A text (see [`Sheets::text_id`]); an empty text is a blank cell
    /// with its format.
    pub fn put(&mut self, row: u32, col: u16, s: &str, f: &'f Format) {
        let value = if s.is_empty() { Value::Blank } else { Value::Text(self.sheets.text_id(s)) };
        self.push(row, col, f, value);
    }

    /// A number. Excel has no NaN nor infinity: the crate writes these as
    /// its texts, and so does this.
    pub fn num(&mut self, row: u32, col: u16, v: f64, f: &'f Format) {
        let value = if v.is_nan() {
            Value::Text(self.sheets.text_id("#NUM!"))
        } else if v == f64::INFINITY {
            Value::Text(self.sheets.text_id("#DIV/0!"))
        } else if v == f64::NEG_INFINITY {
            Value::Text(self.sheets.text_id("-#DIV/0!"))
        } else {
            Value::Num(v)
        };
        self.push(row, col, f, value);
    }

    /// A row's height in points, kept as the crate keeps it (pixels).
    pub fn height(&mut self, row: u32, points: f64) {
        self.heights.push((row, (points * 4.0 / 3.0).round() as u32));
    }

    /// Hand a small table to its sheet `ws`: every cell through the crate
    /// (rewriting a small part costs more than it saves).
    pub fn finish_small(self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        self.replay(ws)
    }

    /// `c` written through the crate with its format `f`.
    fn write_formatted(ws: &mut Worksheet, texts: &[Rc<str>], c: &Cell, f: &Format) -> Result<(), XlsxError> {
        match c.value {
            Value::Num(v) => ws.write_number_with_format(c.row, c.col, v, f)?,
            Value::Text(id) => ws.write_string_with_format(c.row, c.col, &*texts[id as usize], f)?,
            Value::Blank => ws.write_blank(c.row, c.col, f)?,
        };
        Ok(())
    }

    /// Every cell through the crate, as the summary was written before.
    /// The crate finds a cell's format by hashing the whole `Format`
    /// (fonts, borders, fill), so each format is written with its first
    /// cell (the formats register in the same order: the same styles.xml)
    /// and every later cell unformatted, its format set with its column's
    /// run of rows by `set_range_format` (one hash per run). A blank cell
    /// is made by its run: the same blank, formatted cell.
    fn replay(self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        let texts = &self.sheets.texts;
        let mut seen = vec![false; self.formats.len()];
        let mut runs: Vec<Vec<(u32, u8)>> = Vec::new();
        for c in &self.cells {
            let fmt = usize::from(c.fmt);
            if !seen[fmt] {
                seen[fmt] = true;
                Self::write_formatted(ws, texts, c, self.formats[fmt])?;
                continue;
            }
            match c.value {
                Value::Num(v) => ws.write_number(c.row, c.col, v).map(|_| ())?,
                Value::Text(id) => ws.write_string(c.row, c.col, &*texts[id as usize]).map(|_| ())?,
                Value::Blank => {}
            }
            let col = usize::from(c.col);
            if runs.len() <= col {
                runs.resize_with(col + 1, Vec::new);
            }
            runs[col].push((c.row, c.fmt));
        }
        for (col, cells) in runs.iter_mut().enumerate() {
            cells.sort_by_key(|&(r, _)| r);
            let mut i = 0;
            while i < cells.len() {
                let (first, f) = cells[i];
                let mut last = first;
                let mut j = i + 1;
                while j < cells.len() && cells[j].0 == last + 1 && cells[j].1 == f {
                    last += 1;
                    j += 1;
                }
                ws.set_range_format(first, col as u16, last, col as u16, self.formats[usize::from(f)])?;
                i = j;
            }
        }
        for &(row, px) in &self.heights {
            ws.set_row_height_pixels(row, px)?;
        }
        Ok(())
    }

    /// Hand the table to its sheet `ws`, the `file`-th of the workbook.
    pub fn finish(mut self, ws: &mut Worksheet, file: usize) -> Result<(), XlsxError> {
        // A height of 0 hides the row in the crate: written there.
        if self.sheets.mode == Mode::Crate || self.cells.is_empty() || self.heights.iter().any(|h| h.1 == 0) {
            return self.replay(ws);
        }
        let texts = &self.sheets.texts;
        let mut firsts = vec![None; self.formats.len()];
        let mut first_texts = 0;
        for c in &self.cells {
            if firsts[usize::from(c.fmt)].is_none() {
                firsts[usize::from(c.fmt)] = Some((c.row, c.col, matches!(c.value, Value::Blank)));
                first_texts += u64::from(matches!(c.value, Value::Text(_)));
                Self::write_formatted(ws, texts, c, self.formats[usize::from(c.fmt)])?;
            }
        }
        self.sort();
        let table = Table {
            file,
            cells: self.cells,
            heights: self.heights,
            firsts: firsts.into_iter().map(|f| f.unwrap()).collect(),
            first_texts,
            probes: Vec::new(),
        };
        self.sheets.tables.push(table);
        Ok(())
    }

    /// The cells in order, a cell written twice as written last (as in
    /// the crate's table), and the heights likewise.
    fn sort(&mut self) {
        if !self.cells.is_sorted_by(|a, b| (a.row, a.col) < (b.row, b.col)) {
            self.cells.sort_by_key(|c| (c.row, c.col));
            let cells = std::mem::take(&mut self.cells);
            for c in cells {
                match self.cells.last_mut() {
                    Some(l) if (l.row, l.col) == (c.row, c.col) => *l = c,
                    _ => self.cells.push(c),
                }
            }
        }
        if !self.heights.is_sorted_by(|a, b| a.0 < b.0) {
            self.heights.sort_by_key(|h| h.0);
            let hs = std::mem::take(&mut self.heights);
            for h in hs {
                match self.heights.last_mut() {
                    Some(l) if l.0 == h.0 => *l = h,
                    _ => self.heights.push(h),
                }
            }
        }
    }

    /// Make the grid a whole sheet of its own, named `name`, written here
    /// (never given to the crate) and placed after the crate's sheets so
    /// far (see [`Sheets::can_add`]): the rows from its title down, its
    /// columns `widths`, the header on row `header_row` (a filter below
    /// it, the rows down to it and the first `key_cols` columns frozen),
    /// fitted to the page width when `fit`, as `xlsx::finish_sheet_with`
    /// sets up a sheet.
    pub fn add_sheet(mut self, name: String, widths: &[f64], header_row: u32, key_cols: u16, fit: bool, sheets_so_far: usize) {
        self.sort();
        let formats = self.formats.iter().map(|f| self.sheets.probe(f)).collect();
        if self.sheets.added.is_empty() {
            self.sheets.after = sheets_so_far;
        }
        debug_assert_eq!(self.sheets.after, sheets_so_far, "the added sheets follow one another");
        // Both sorted: their first and last rows are at their ends.
        let rows = |c: Option<&Cell>, h: Option<&(u32, u32)>| c.map(|c| c.row).into_iter().chain(h.map(|h| h.0));
        let cols = || self.cells.iter().map(|c| u32::from(c.col));
        let extent = (
            (rows(self.cells.first(), self.heights.first()).min().unwrap_or(0), cols().min().unwrap_or(0)),
            (rows(self.cells.last(), self.heights.last()).max().unwrap_or(0), cols().max().unwrap_or(0)),
        );
        self.sheets.added.push(AddedSheet {
            name,
            cells: self.cells,
            heights: self.heights,
            formats,
            widths: widths.to_vec(),
            header_row,
            key_cols,
            fit,
            extent,
        });
    }
}

/// The crate's shared strings, and those appended to them.
struct SharedStrings<'x> {
    xml: &'x str,
    /// Where its `<si>` elements end.
    end: usize,
    count: u64,
    /// Each of the crate's `<si>` elements' index.
    index: FxHashMap<&'x [u8], u32>,
    /// The `<si>` elements appended, and how many.
    extra: Vec<u8>,
    added: u32,
}

impl<'x> SharedStrings<'x> {
    fn new(xml: &'x str) -> Result<SharedStrings<'x>, XlsxError> {
        let b = || bad("xl/sharedStrings.xml");
        let open = xml.find("<sst ").ok_or_else(b)?;
        let open_end = open + xml[open..].find('>').ok_or_else(b)? + 1;
        let count = attr(&xml[open..open_end], "count").and_then(|c| c.parse().ok()).ok_or_else(b)?;
        let unique: usize = attr(&xml[open..open_end], "uniqueCount").and_then(|c| c.parse().ok()).unwrap_or(0);
        let end = xml.rfind("</sst>").ok_or_else(b)?;
        let mut index = FxHashMap::with_capacity_and_hasher(unique, Default::default());
        let mut at = open_end;
        while at < end {
            let e = at + xml[at..end].find("</si>").ok_or_else(b)? + "</si>".len();
            let n = index.len() as u32;
            index.insert(&xml.as_bytes()[at..e], n);
            at = e;
        }
        Ok(SharedStrings { xml, end, count, index, extra: Vec::new(), added: 0 })
    }

    /// The index of `text`, appended when new. Each text is asked for once
    /// (the texts of [`Sheets`] are unique as written).
    fn id(&mut self, text: &str) -> u32 {
        let start = self.extra.len();
        si_element(&mut self.extra, text);
        if let Some(&i) = self.index.get(&self.extra[start..]) {
            self.extra.truncate(start);
            return i;
        }
        self.added += 1;
        self.index.len() as u32 + self.added - 1
    }

    fn finish(&self) -> Vec<u8> {
        let open = self.xml.find("<sst ").unwrap();
        let open_end = open + self.xml[open..].find('>').unwrap() + 1;
        let mut out = Vec::with_capacity(self.xml.len() + self.extra.len() + 64);
        out.extend_from_slice(&self.xml.as_bytes()[..open]);
        let tag = &self.xml[open..open_end];
        let unique = self.index.len() + self.added as usize;
        let tag = set_attr(&set_attr(tag, "count", &self.count.to_string()), "uniqueCount", &unique.to_string());
        out.extend_from_slice(tag.as_bytes());
        out.extend_from_slice(&self.xml.as_bytes()[open_end..self.end]);
        out.extend_from_slice(&self.extra);
        out.extend_from_slice(&self.xml.as_bytes()[self.end..]);
        out
    }
}

/// The value of attribute `name` in the start tag `tag`.
pub(super) fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

pub(super) fn set_attr(tag: &str, name: &str, value: &str) -> String {
    let key = format!(" {name}=\"");
    match tag.find(&key) {
        Some(at) => {
            let v = at + key.len();
            let e = v + tag[v..].find('"').unwrap_or(0);
            format!("{}{value}{}", &tag[..v], &tag[e..])
        }
        None => tag.to_string(),
    }
}

/// A text's `<si>` element as rust_xlsxwriter writes it: whitespace kept
/// when at either end, `&<>` and control characters escaped, and a
/// literal `_xHHHH_` marked so that it is not read as an escape.
fn si_element(out: &mut Vec<u8>, s: &str) {
    let ws = ['\t', '\n', ' '];
    out.extend_from_slice(if s.starts_with(ws) || s.ends_with(ws) { b"<si><t xml:space=\"preserve\">" } else { b"<si><t>" });
    escape(out, s);
    out.extend_from_slice(b"</t></si>");
}

fn escape(out: &mut Vec<u8>, s: &str) {
    if is_plain(s.as_bytes()) && !s.contains("_x") {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    let mut at = 0;
    for (i, ch) in s.char_indices() {
        if i < at {
            continue;
        }
        match ch {
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '\t' | '\n' => out.push(ch as u8),
            '\0'..='\x1F' | '\u{FFFE}' | '\u{FFFF}' => {
                let _ = write!(out, "_x{:04X}_", ch as u32);
            }
            '_' if is_escape_like(&s[i..]) => {
                out.extend_from_slice(b"_x005F_x");
                at = i + 2;
            }
            _ => out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
}

/// Whether `b` has no byte that [`escape`] changes (`&<>`, a control
/// character but tab and newline, the lead byte 0xEF of U+FFFE and
/// U+FFFF). Every byte is looked at, without stopping at the first such
/// one: the loop runs on whole vectors of bytes (most texts are plain).
fn is_plain(b: &[u8]) -> bool {
    let mut odd = false;
    for chunk in b.chunks(64) {
        for &c in chunk {
            odd |= (c < 0x20) & (c != b'\t') & (c != b'\n') | (c == b'&') | (c == b'<') | (c == b'>') | (c == 0xEF);
        }
        if odd {
            return false;
        }
    }
    true
}

/// `_xHHHH_` with four hexadecimal digits.
fn is_escape_like(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7 && b[1] == b'x' && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_'
}

/// Excel's name of column `c` (0 = A).
fn col_name(c: u32) -> String {
    // The reference of the column's first row, without its "1".
    let a1 = crate::model::CellRef::new(0, c);
    a1[..a1.len() - 1].to_string()
}

/// The decimal digits of `v`, at the end of a buffer: (buffer, start).
#[inline]
fn digits(mut v: u32) -> ([u8; 10], usize) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    (buf, i)
}

#[inline]
fn push_u32(out: &mut Vec<u8>, v: u32) {
    let (buf, i) = digits(v);
    out.extend_from_slice(&buf[i..]);
}

/// A number as the crate writes it (`{}` of an f64), whole numbers
/// without going through `core::fmt`. (zmij, faster, breaks some ties
/// otherwise: -1149636667324797.2 where `{}` writes ….3.)
fn push_f64(out: &mut Vec<u8>, v: f64) {
    if v.fract() == 0.0 && v.abs() < 1e15 && !(v == 0.0 && v.is_sign_negative()) {
        let i = v as i64;
        if i < 0 {
            out.push(b'-');
        }
        let u = i.unsigned_abs();
        if u <= u64::from(u32::MAX) {
            push_u32(out, u as u32);
        } else {
            let _ = write!(out, "{u}");
        }
    } else {
        let _ = write!(out, "{v}");
    }
}

impl Table {
    /// The sheet `xml` as the crate wrote it, with the table's rows in
    /// place of the first cells it was given, into `out` (emptied first).
    /// None when the crate wrote it otherwise than expected. The style
    /// indices the crate gave the probes are put in `probed`.
    fn write(
        &self,
        xml: &str,
        texts: &[Rc<str>],
        text_sst: &mut [u32],
        sst: &mut SharedStrings,
        probed: &mut Vec<u32>,
        out: &mut Vec<u8>,
    ) -> Option<()> {
        let data = xml.find("<sheetData>")? + "<sheetData>".len();
        let data_end = xml.find("</sheetData>")?;
        let first_row = self.cells[0].row.min(self.heights.first().map_or(u32::MAX, |h| h.0));
        let cut = data + xml[data..data_end].find(&format!("<row r=\"{}\"", first_row + 1))?;

        // Each format's style index, from its first cell.
        // A blank cell of the default format is not written: its index is 0.
        // The crate's rows from the table's first on hold those cells and
        // no other (a table never shares a row with the header).
        let mut styles = Vec::with_capacity(self.firsts.len());
        let mut found = 0;
        for &(r, c, blank) in &self.firsts {
            let key = format!("<c r=\"{}\"", crate::model::CellRef::new(r, u32::from(c)).as_str());
            match xml[cut..data_end].find(&key) {
                Some(i) => {
                    let at = cut + i;
                    let tag_end = at + xml[at..].find('>')?;
                    styles.push(attr(&xml[at..tag_end], "s").map_or(Some(0), |s| s.parse::<u32>().ok())?);
                    found += 1;
                }
                None if blank => styles.push(0),
                None => return None,
            }
        }
        for &(r, c) in &self.probes {
            let key = format!("<c r=\"{}\"", crate::model::CellRef::new(r, u32::from(c)).as_str());
            let at = cut + xml[cut..data_end].find(&key)?;
            let tag_end = at + xml[at..].find('>')?;
            probed.push(attr(&xml[at..tag_end], "s").map_or(Some(0), |s| s.parse::<u32>().ok())?);
            found += 1;
        }
        if xml[cut..data_end].matches("<c ").count() != found {
            return None;
        }

        // The dimension: the crate's (header, first cells) and the table.
        let dim_at = xml.find("<dimension ref=\"")? + "<dimension ref=\"".len();
        let dim_end = dim_at + xml[dim_at..].find('"')?;
        let dim = &xml[dim_at..dim_end];
        let (a, b) = dim.split_once(':').unwrap_or((dim, dim));
        let (mut r0, mut c0) = crate::ingest::xlsx::cell_ref(a)?;
        let (mut r1, mut c1) = crate::ingest::xlsx::cell_ref(b)?;
        for c in &self.cells {
            r0 = r0.min(c.row);
            r1 = r1.max(c.row);
            c0 = c0.min(u32::from(c.col));
            c1 = c1.max(u32::from(c.col));
        }
        if let (Some(f), Some(l)) = (self.heights.first(), self.heights.last()) {
            r0 = r0.min(f.0);
            r1 = r1.max(l.0);
        }

        // Spans: the columns used in each block of 16 rows, the crate's
        // header rows with the table's.
        let last_row = self.cells.last()?.row.max(self.heights.last().map_or(0, |h| h.0));
        let mut spans = spans(&self.cells, last_row);
        let widen = |s: &mut Option<(u32, u32)>, lo: u32, hi: u32| {
            *s = Some(s.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
        };
        let head = &xml[data..cut];
        let mut head_rows = Vec::new();
        let mut at = 0;
        while let Some(i) = head[at..].find("<row ") {
            let s = at + i;
            let e = s + head[s..].find('>')?;
            let tag = &head[s..e];
            let r: u32 = attr(tag, "r")?.parse().ok()?;
            if let Some(sp) = attr(tag, "spans") {
                let (lo, hi) = sp.split_once(':')?;
                if let Some(slot) = spans.get_mut(((r - 1) / 16) as usize) {
                    if slot.is_some() {
                        widen(slot, lo.parse().ok()?, hi.parse().ok()?);
                    }
                }
            }
            head_rows.push((s, e, r));
            at = e;
        }

        out.clear();
        out.reserve(xml.len() + self.cells.len() * 48);
        out.extend_from_slice(&xml.as_bytes()[..dim_at]);
        out.extend_from_slice(dimension((r0, c0), (r1, c1)).as_bytes());
        out.extend_from_slice(&xml.as_bytes()[dim_end..data]);
        // The header rows, their spans widened to the table's.
        let mut from = 0;
        for &(s, e, r) in &head_rows {
            let tag = &head[s..e];
            if let (Some(_), Some(Some((lo, hi)))) = (attr(tag, "spans"), spans.get(((r - 1) / 16) as usize)) {
                out.extend_from_slice(&head.as_bytes()[from..s]);
                out.extend_from_slice(set_attr(tag, "spans", &format!("{lo}:{hi}")).as_bytes());
                from = e;
            }
        }
        out.extend_from_slice(&head.as_bytes()[from..]);

        write_rows(out, &self.cells, &self.heights, &spans, &styles, c1, texts, text_sst, sst);
        out.extend_from_slice(&xml.as_bytes()[data_end..]);
        Some(())
    }
}

/// The rows of `cells` (sorted by row and column, each once) and of
/// `heights` (sorted, each row once), as the crate writes them: each
/// row's spans (of its block of 16 rows), height and cells, a text by its
/// index in the shared strings (appended to them when new).
#[allow(clippy::too_many_arguments)]
fn write_rows(
    out: &mut Vec<u8>,
    cells: &[Cell],
    heights: &[(u32, u32)],
    spans: &[Option<(u32, u32)>],
    styles: &[u32],
    c1: u32,
    texts: &[Rc<str>],
    text_sst: &mut [u32],
    sst: &mut SharedStrings,
) {
    // Each column's `<c r="B`, each format's `" s="3"` (nothing after
    // the reference for the default format).
    let opens: Vec<Vec<u8>> = (0..=c1).map(|c| format!("<c r=\"{}", col_name(c)).into_bytes()).collect();
    let style_attrs: Vec<Vec<u8>> =
        styles.iter().map(|&s| if s > 0 { format!("\" s=\"{s}\"") } else { "\"".to_string() }.into_bytes()).collect();
    // Each height's attributes (a sheet has a few heights).
    let mut height_attrs: Vec<(u32, Vec<u8>)> = Vec::new();
    let (mut i, mut h) = (0, 0);
    while i < cells.len() || h < heights.len() {
        let row = match (cells.get(i), heights.get(h)) {
            (Some(c), Some(hh)) => c.row.min(hh.0),
            (Some(c), None) => c.row,
            (None, Some(hh)) => hh.0,
            (None, None) => unreachable!(),
        };
        let px = match heights.get(h) {
            Some(&(r, px)) if r == row => {
                h += 1;
                Some(px)
            }
            _ => None,
        };
        let has_cells = cells.get(i).is_some_and(|c| c.row == row);
        let (row_buf, row_at) = digits(row + 1);
        let row_digits = &row_buf[row_at..];
        out.extend_from_slice(b"<row r=\"");
        out.extend_from_slice(row_digits);
        out.push(b'"');
        if let Some((lo, hi)) = spans[(row / 16) as usize] {
            out.extend_from_slice(b" spans=\"");
            push_u32(out, lo);
            out.push(b':');
            push_u32(out, hi);
            out.push(b'"');
        }
        // The crate writes no height for the default 20 pixels.
        if let Some(px) = px.filter(|&px| px != 20) {
            let at = match height_attrs.iter().position(|h| h.0 == px) {
                Some(at) => at,
                None => {
                    height_attrs.push((px, format!(" ht=\"{}\" customHeight=\"1\"", f64::from(px) * 0.75).into_bytes()));
                    height_attrs.len() - 1
                }
            };
            out.extend_from_slice(&height_attrs[at].1);
        }
        if !has_cells {
            out.extend_from_slice(b"/>");
            continue;
        }
        out.push(b'>');
        while let Some(c) = cells.get(i).filter(|c| c.row == row) {
            i += 1;
            let s = styles[usize::from(c.fmt)];
            if matches!(c.value, Value::Blank) && s == 0 {
                continue;
            }
            out.extend_from_slice(&opens[usize::from(c.col)]);
            out.extend_from_slice(row_digits);
            out.extend_from_slice(&style_attrs[usize::from(c.fmt)]);
            match c.value {
                Value::Blank => out.extend_from_slice(b"/>"),
                Value::Num(v) => {
                    out.extend_from_slice(b"><v>");
                    push_f64(out, v);
                    out.extend_from_slice(b"</v></c>");
                }
                Value::Text(id) => {
                    let slot = &mut text_sst[id as usize];
                    if *slot == u32::MAX {
                        *slot = sst.id(&texts[id as usize]);
                    }
                    sst.count += 1;
                    out.extend_from_slice(b" t=\"s\"><v>");
                    push_u32(out, *slot);
                    out.extend_from_slice(b"</v></c>");
                }
            }
        }
        out.extend_from_slice(b"</row>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut v = Vec::new();
        si_element(&mut v, s);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn texts_are_escaped_as_the_crate_escapes_them() {
        assert_eq!(escaped("a & b <c>"), "<si><t>a &amp; b &lt;c&gt;</t></si>");
        assert_eq!(escaped(" lề"), "<si><t xml:space=\"preserve\"> lề</t></si>");
        assert_eq!(escaped("x\u{1}y\tz\n"), "<si><t xml:space=\"preserve\">x_x0001_y\tz\n</t></si>");
        assert_eq!(escaped("_x0041_ và _xZZ_"), "<si><t>_x005F_x0041_ và _xZZ_</t></si>");
        assert_eq!(escaped("\u{FFFE}"), "<si><t>_xFFFE_</t></si>");
    }

    #[test]
    fn plain_texts_are_told_from_those_to_escape() {
        let long = "Tỷ lệ thu đạt 95,5\u{a0}% kế hoạch… ".repeat(10);
        assert!(is_plain(long.as_bytes()));
        assert!(is_plain(b"a\tb\nc"));
        for odd in ["&", "<", ">", "\u{1}", "\r", "\u{1f}", "\u{FFFE}", "\u{F000}"] {
            for at in [0, 1, 63, 64, 65, long.len()] {
                let at = (at..=long.len()).find(|&i| long.is_char_boundary(i)).unwrap();
                let mut t = long.clone();
                t.insert_str(at, odd);
                assert!(!is_plain(t.as_bytes()), "{odd:?} at {at}");
            }
        }
    }

    #[test]
    fn numbers_read_as_the_crate_writes_them() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut random = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut values =
            vec![0.0, -0.0, 1.0, -7.0, 733.0, 0.015, 1.0103251522018073, 1e15, 1e16, 12345678901.0, 1e-7, 0.1 + 0.2, 1.0 / 3.0];
        for _ in 0..20_000 {
            let r = random();
            values.push(f64::from_bits(r));
            values.push((r % 100_000_000) as f64 / 10f64.powi((r >> 60) as i32));
            values.push((r % 10_000) as f64 / (1 + (r >> 40) % 997) as f64);
        }
        for v in values.into_iter().filter(|v| v.is_finite()) {
            let mut out = Vec::new();
            push_f64(&mut out, v);
            assert_eq!(String::from_utf8(out).unwrap(), format!("{v}"));
        }
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(30), "AE");
        assert_eq!(crate::ingest::xlsx::cell_ref("AE734"), Some((733, 30)));
    }
}
