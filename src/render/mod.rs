//! Rendering results: Word dossiers from templates (`docx`), the Excel
//! summary (`xlsx`), the machine-readable results (`json`).

pub mod annual;
pub mod docx;
pub mod dossier;
pub mod individuals;
pub mod json;
pub mod xlsx;
