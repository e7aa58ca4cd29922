//! What only the quarterly indicator campaign (Công văn 1371/BHXH-TĐKT)
//! reads: the indicator sheet, kind 1 of SPEC §10 (`indicators`), and the
//! merging of its rows from every file into one set of figures per unit
//! (`merge`), after weighing whose file each row came from (`senders`).
//! The shared readers (workbook, grid, header, number, period) and the
//! dispatch of sheets stay in `ingest`.

pub mod indicators;
pub mod merge;
pub mod senders;

pub use indicators::IndicatorSheet;
