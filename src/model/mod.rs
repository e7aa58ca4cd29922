//! The domain model: plain data shared by every stage of the pipeline
//! (registry → ingest → rules → award → render). Each campaign's own data
//! is a named sibling (`quarterly`, `annual`); the rest is shared.

pub mod annual;
pub mod num;
pub mod outcome;
pub mod period;
pub mod problem;
pub mod quarterly;
pub mod registration;
pub mod six_month;
pub mod sorted;
pub mod unit;

pub use num::Num;
pub use outcome::*;
pub use period::Period;
pub use problem::{cell_ref, CellRef, Location, Name, Problem, Severity};
pub use quarterly::UnitFigures;
pub use sorted::SortedMap;
pub use unit::{Cluster, ClusterId, ClusterKind, Edition, Level, Term, Unit, UnitId};
