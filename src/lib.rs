//! thidua: emulation and commendation (thi đua, khen thưởng) batch tool for
//! Vietnam Social Security.
//!
//! Data flows registry → ingest → rules → award → render; `model` is the
//! plain data they share, `vn` the Vietnamese language support, `cli` the
//! thin command line on top.

pub mod award;
pub mod cli;
pub mod demo;
pub mod forms;
pub mod ingest;
pub mod model;
pub mod pipeline;
pub mod register;
pub mod registry;
pub mod render;
pub mod rules;
pub mod vn;
