//! Rendering results: Word dossiers from templates (`docx`), the Excel
//! summary (`xlsx`), the machine-readable results (`json`), the results
//! page (`html`). The data each campaign's documents are filled with is a
//! named sibling (`quarterly`, `annual`); the renderers are shared, and so
//! is what both campaigns' document data use (`fill`: the blank, the date
//! line, the count of collectives) and the summary's sheets of individuals
//! and nominations (`people_sheets`); the summary's tables are written
//! straight into their sheets' XML (`sheet_cells`), the clusters' small
//! sheets whole (`added_sheets`).

pub mod added_sheets;
pub mod annual;
pub mod covenant;
pub mod docx;
pub mod fill;
pub mod html;
pub mod json;
pub mod package;
pub mod people_sheets;
pub mod quarterly;
pub mod quarterly_report;
pub mod registration;
pub mod sheet_cells;
pub mod six_month;
pub mod xlsx;
