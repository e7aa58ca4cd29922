//! Which one cluster an inbox is about when it also names a few units of
//! other clusters, shared by both campaigns' choice of scope.
//!
//! An officer running one block or cluster drops the members' workbooks
//! into a folder. A row typed for the wrong unit, or one file forwarded by
//! mistake from a province of another cluster, names a unit outside the
//! cluster. Taking every cluster named as the scope turned such a run into
//! the national review: every other cluster of the country listed with
//! nothing sent, and the cluster's own minutes moved into a sub-folder.
//! Hướng dẫn 3636/HD-BHXH, mục A.I.1 and B.I: a block or cluster reviews
//! its own members; so when one cluster clearly holds what was read and
//! the others only a stray unit or two, the run is that cluster's, and
//! each stray is an error at its cell (the caller's), not another cluster.

use crate::model::Cluster;
use crate::registry::Registry;
use std::collections::{BTreeMap, BTreeSet};

/// The cluster that holds the units read (each counted once), when one
/// clearly does:
/// - at least half of its own members are named;
/// - it holds more of the units named than all other clusters together;
/// - every other cluster named has fewer than half of its members named,
///   and is not `anchored` (a meeting sheet or a tally of its own says the
///   inbox holds that cluster's review too).
///
/// `None` otherwise: a province's district clusters, or the national
/// review, where several clusters each sent most of their members, or an
/// inbox too thin to tell.
pub fn dominant<'r, 'u>(
    reg: &'r Registry,
    units: impl IntoIterator<Item = &'u str>,
    anchored: &dyn Fn(&str) -> bool,
) -> Option<&'r Cluster> {
    let units: BTreeSet<&str> = units.into_iter().collect();
    let mut named: BTreeMap<&str, usize> = BTreeMap::new();
    for u in units.into_iter().filter_map(|u| reg.unit(u)) {
        *named.entry(u.cluster.as_str()).or_default() += 1;
    }
    if named.len() < 2 {
        return None;
    }
    let total: usize = named.values().sum();
    let size = |c: &str| reg.cluster(c).map_or(usize::MAX, |c| c.members.len());
    // The largest; a tie for the largest is no clear holder.
    let mut by_count: Vec<(&str, usize)> = named.iter().map(|(c, n)| (*c, *n)).collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let (top, n) = by_count[0];
    if by_count[1].1 == n || 2 * n <= total || 2 * n < size(top) {
        return None;
    }
    let others_thin = by_count[1..].iter().all(|&(c, m)| 2 * m < size(c) && !anchored(c));
    others_thin.then(|| reg.cluster(top)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(reg: &Registry, c: &str) -> Vec<String> {
        reg.cluster(c).unwrap().members.clone()
    }

    #[test]
    fn one_cluster_with_a_stray_unit_is_that_cluster() {
        let reg = Registry::builtin();
        let mut units = members(reg, "cum-3");
        units.push(members(reg, "cum-2")[0].clone());
        let c = dominant(reg, units.iter().map(String::as_str), &|_| false);
        assert_eq!(c.map(|c| c.id.as_str()), Some("cum-3"));
        // The same, but the other cluster has a tally or a meeting sheet.
        let c = dominant(reg, units.iter().map(String::as_str), &|c| c == "cum-2");
        assert!(c.is_none());
    }

    #[test]
    fn two_clusters_each_sending_most_is_no_one_cluster() {
        let reg = Registry::builtin();
        let mut units = members(reg, "cum-3");
        let two = members(reg, "cum-2");
        units.extend(two.iter().take(two.len().div_ceil(2)).cloned());
        assert!(dominant(reg, units.iter().map(String::as_str), &|_| false).is_none());
        // Too few of the cluster itself: an inbox too thin to tell.
        let three = members(reg, "cum-3");
        let units = [three[0].as_str(), three[1].as_str(), two[0].as_str()];
        assert!(dominant(reg, units, &|_| false).is_none());
    }
}
