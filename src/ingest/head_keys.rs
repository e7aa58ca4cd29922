//! What the recognisers ask of each text in a sheet's first rows — whether
//! it names the unit column (indicator tables), what a registration header
//! calls it, its year-end header key — worked out once per distinct text
//! per thread and kept per cell. Every sheet is tried by the registration,
//! indicator and year-end recognisers in turn, and each of them looked every
//! cell's text up in its own table again: one lookup per cell now serves
//! them all. Each answer is a pure function of the trimmed text, so sharing
//! it changes nothing read.

use std::cell::OnceCell;
use std::rc::Rc;

/// Rows kept per sheet: no recogniser looks further for a header.
pub const ROWS: u32 = 40;

/// The answers about one text, each filled by its recogniser when first
/// asked.
#[derive(Default)]
pub struct TextKeys {
    /// `header::is_name_header`.
    pub(crate) name_header: OnceCell<bool>,
    /// `registration::classify`.
    pub(crate) class: OnceCell<super::registration::Class>,
    /// `annual::hkey`.
    pub(crate) hkey: OnceCell<Rc<str>>,
}

/// The answers about a (trimmed) text, shared by every cell holding it.
fn of(text: &str) -> Rc<TextKeys> {
    thread_local! {
        static SEEN: crate::vn::text::Memo<Rc<TextKeys>> = Default::default();
    }
    crate::vn::text::memoized(&SEEN, text, |_| Rc::new(TextKeys::default()))
}

/// A sheet's first rows: each row's text cells, looked up when the row is
/// first asked about.
#[derive(Default)]
pub struct Head {
    rows: Vec<OnceCell<Vec<Option<Rc<TextKeys>>>>>,
}

impl std::fmt::Debug for Head {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Head")
    }
}

impl super::grid::Grid {
    /// The text shown in a cell (trimmed) with its answers, when the cell
    /// shows text.
    pub fn text_keys(&self, r: u32, c: u32) -> Option<(&str, Rc<TextKeys>)> {
        let (r0, c0) = self.merge_of(r, c).map_or((r, c), |(r0, c0, ..)| (r0, c0));
        let super::grid::Value::Text(t) = self.raw(r0, c0) else { return None };
        let t = t.trim();
        if r0 >= ROWS {
            return Some((t, of(t)));
        }
        let row = self.head().rows.get(r0 as usize)?.get_or_init(|| {
            (0..self.width(r0))
                .map(|c| match self.raw(r0, c) {
                    super::grid::Value::Text(t) => Some(of(t.trim())),
                    _ => None,
                })
                .collect()
        });
        row.get(c0 as usize).cloned().flatten().map(|k| (t, k))
    }
}

impl Head {
    pub fn new(rows: u32) -> Head {
        Head { rows: (0..rows.min(ROWS)).map(|_| OnceCell::new()).collect() }
    }
}
