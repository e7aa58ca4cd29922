//! Ranking units and selecting awards under the quotas. Each campaign is a
//! named sibling (`quarterly`: Công văn 1371/BHXH-TĐKT; `annual`: Hướng dẫn
//! 3636/HD-BHXH, part B), from what was read to decisions with reasons;
//! `rank`, the ordering with ties both use, and `scope`, the one cluster an
//! inbox is about despite a stray unit, are shared.

pub mod annual;
pub mod quarterly;
pub mod rank;
pub mod scope;
