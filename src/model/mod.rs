//! The domain model: plain data shared by every stage of the pipeline
//! (registry → ingest → rules → award → render).

pub mod annual;
pub mod nomination;
pub mod num;
pub mod outcome;
pub mod period;
pub mod problem;
pub mod registration;
pub mod unit;

pub use num::Num;
pub use outcome::*;
pub use period::Period;
pub use problem::{cell_ref, Location, Problem, Severity};
pub use unit::{Cluster, ClusterId, ClusterKind, Level, Term, Unit, UnitId};
