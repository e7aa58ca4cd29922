//! The unit registry of Hướng dẫn 3636/HD-BHXH (seed 000): 5 Khối with 26
//! central units, 10 Cụm tỉnh with 63 provinces, 102 Cụm huyện with 644
//! district units. Embedded in the binary; overridable by a user file.
//!
//! OWNER: registry helper. Interface used by the rest of the crate:
//! `Registry::builtin()`, `unit`, `cluster`, `units`, `clusters`,
//! `cluster_of`, `resolve`.

use crate::model::{Cluster, Level, Unit};

pub struct Registry {
    units: Vec<Unit>,
    clusters: Vec<Cluster>,
}

/// Why a name could not be matched. `message_vi` is complete Vietnamese text;
/// callers prefix it with the file, sheet and cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MatchError {
    Unknown { input: String, suggestions: Vec<String> },
    Ambiguous { input: String, candidates: Vec<String> },
}

impl MatchError {
    pub fn message_vi(&self) -> String {
        match self {
            MatchError::Unknown { input, suggestions } => {
                if suggestions.is_empty() {
                    format!("Không tìm thấy đơn vị \"{input}\" trong danh sách đơn vị.")
                } else {
                    format!("Không tìm thấy đơn vị \"{input}\". Có phải: {}?", suggestions.join("; "))
                }
            }
            MatchError::Ambiguous { input, candidates } => {
                format!("Tên \"{input}\" khớp với nhiều đơn vị: {}. Hãy ghi rõ tên đầy đủ.", candidates.join("; "))
            }
        }
    }
}

impl Registry {
    /// The registry compiled into the binary.
    pub fn builtin() -> &'static Registry {
        unimplemented!("registry helper")
    }
    pub fn units(&self) -> &[Unit] {
        &self.units
    }
    pub fn clusters(&self) -> &[Cluster] {
        &self.clusters
    }
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }
    pub fn cluster(&self, id: &str) -> Option<&Cluster> {
        self.clusters.iter().find(|c| c.id == id)
    }
    /// The cluster a unit belongs to.
    pub fn cluster_of(&self, unit_id: &str) -> Option<&Cluster> {
        self.unit(unit_id).and_then(|u| self.cluster(&u.cluster))
    }
    /// Match a name as typed in a workbook (SPEC §2). `level` narrows the
    /// search when the sheet's kind implies it.
    pub fn resolve(&self, _name: &str, _level: Option<Level>) -> Result<&Unit, MatchError> {
        unimplemented!("registry helper")
    }
}
