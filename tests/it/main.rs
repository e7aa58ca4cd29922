//! The one integration-test binary. Each module below was a test binary of its
//! own; linking the whole crate once instead of ten times keeps `cargo test`
//! fast to build (issue 17). Shared fixtures live in `common`.

mod common;

mod annual_documents;
mod atomic;
mod cli;
mod docx_cases;
mod docx_engine;
mod dossier_wording;
mod editions;
mod forms;
mod individuals;
mod ingest_files;
mod libreoffice;
mod pages;
mod quarterly_facts;
mod quarterly_report;
mod read_annual;
mod read_hostile;
mod read_ods_merged;
mod register;
mod registration;
mod registry;
mod results_page;
mod run_annual;
mod run_quarterly;
mod six_month;
mod summary_cells;
mod xlsx;
