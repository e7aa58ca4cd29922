//! Rendering results: Word dossiers from templates (`docx`), the Excel
//! summary (`xlsx`), the machine-readable results (`json`), the results
//! page (`html`).

pub mod annual;
pub mod covenant;
pub mod docx;
pub mod dossier;
pub mod html;
pub mod individuals;
pub mod json;
pub mod package;
pub mod registration;
pub mod xlsx;
