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

use crate::model::{Cluster, ClusterKind, Unit};
use crate::registry::Registry;
use std::collections::{BTreeMap, BTreeSet};

/// The cluster that holds the units read (each counted once), when one
/// clearly does (`clear_holder`): at least half of its own members named,
/// more of the units named than all other clusters together, and every
/// other cluster with fewer than half of its members named.
///
/// `None` otherwise: a province's district clusters, or the national
/// review, where several clusters each sent most of their members, or an
/// inbox too thin to tell. A tally or a meeting sheet of another cluster
/// counts by the units it names: one forwarded by mistake names a unit or
/// two of its cluster, and is out of scope like any stray.
pub fn dominant<'r, 'u>(reg: &'r Registry, units: impl IntoIterator<Item = &'u str>) -> Option<&'r Cluster> {
    let mut named: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for u in distinct(reg, units) {
        let size = || reg.cluster(&u.cluster).map_or(usize::MAX, |c| c.members.len());
        named.entry(u.cluster.as_str()).or_insert_with(|| (0, size())).0 += 1;
    }
    clear_holder(&named).and_then(|c| reg.cluster(c))
}

/// The province whose district clusters hold the units read, when it
/// clearly does, as `dominant` for one cluster: its districts are counted
/// together (the provincial council reviews all its district clusters,
/// 3636, mục B.III.1, Bước 2), every other unit with its own cluster.
/// A district of another province, sent by mistake, then leaves the run
/// the province's instead of making it national.
pub fn dominant_province<'r, 'u>(reg: &'r Registry, units: impl IntoIterator<Item = &'u str>) -> Option<&'r Unit> {
    let mut named: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for u in distinct(reg, units) {
        let Some(c) = reg.cluster(&u.cluster) else { continue };
        // A province's districts: its district clusters' members, counted
        // once per province, not once per unit named.
        let key = match (c.kind, &c.province) {
            (ClusterKind::CumHuyen, Some(p)) => format!("p:{p}"),
            _ => format!("c:{}", c.id),
        };
        let size = || match (c.kind, &c.province) {
            (ClusterKind::CumHuyen, Some(p)) => {
                reg.clusters().iter().filter(|d| d.province.as_ref() == Some(p)).map(|d| d.members.len()).sum()
            }
            _ => c.members.len(),
        };
        named.entry(key).or_insert_with(|| (0, size())).0 += 1;
    }
    clear_holder(&named).and_then(|k| k.strip_prefix("p:").and_then(|p| reg.unit(p)))
}

/// Indicator tables with the rows of units outside the cluster each table
/// is about taken out (`dominant` over the table's units: the head's
/// summary of the cluster), each an error at its row. A row retyped as a
/// province of another cluster was merged as that province's figures (in a
/// national run, silently, where that province sent nothing itself).
pub fn indicator_strays(
    reg: &Registry,
    sheets: &mut [crate::ingest::quarterly::indicators::IndicatorSheet],
    problems: &mut Vec<crate::model::Problem>,
) {
    for s in sheets.iter_mut() {
        let Some(about) = dominant(reg, s.rows.iter().map(|r| r.unit.as_str())) else { continue };
        let stray =
            |r: &crate::ingest::quarterly::indicators::IndicatorRow| reg.unit(&r.unit).is_some() && !about.members.contains(&r.unit);
        for row in s.rows.iter().filter(|r| stray(r)) {
            let Some(u) = reg.unit(&row.unit) else { continue };
            let of = reg.cluster_of(&row.unit).map_or(String::new(), |c| c.name.clone());
            problems.push(
                crate::model::Problem::error(
                    "not-in-cluster",
                    row.at.clone(),
                    format!(
                        "{} thuộc {of}, không phải đơn vị thành viên của {}, Khối, Cụm của các đơn vị khác trong bảng này (theo danh sách đơn vị: {}); số liệu của dòng này không được dùng. Nếu gõ nhầm tên đơn vị, hãy sửa lại.",
                        u.name,
                        about.name,
                        reg.edition().name
                    ),
                )
                .with_unit(&row.unit),
            );
        }
        s.rows.retain(|r| !stray(r));
    }
}

/// The units named, each once, that the registry knows.
fn distinct<'r, 'u>(reg: &'r Registry, units: impl IntoIterator<Item = &'u str>) -> Vec<&'r Unit> {
    units.into_iter().collect::<BTreeSet<&str>>().into_iter().filter_map(|u| reg.unit(u)).collect()
}

/// " (thuộc Cụm thi đua cấp tỉnh số IV)": the cluster a unit named out of
/// its place belongs to, said beside its name so that the slip is found at
/// once; "" for a unit the registry does not know.
pub fn belongs_to(reg: &Registry, unit: &str) -> String {
    reg.cluster_of(unit).map(|c| format!(" (thuộc {})", c.name)).unwrap_or_default()
}

/// Of groups (named, size), the one that clearly holds what was named: at
/// least two groups; the largest alone at the top, holding more than all
/// others together and at least half of its own size; every other group
/// under half of its size.
fn clear_holder<K: Ord + Clone>(named: &BTreeMap<K, (usize, usize)>) -> Option<K> {
    if named.len() < 2 {
        return None;
    }
    let total: usize = named.values().map(|v| v.0).sum();
    let mut by_count: Vec<(&K, usize, usize)> = named.iter().map(|(k, v)| (k, v.0, v.1)).collect();
    // The largest first; a tie for the largest is no clear holder.
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let (top, n, size) = by_count[0];
    if by_count[1].1 == n || 2 * n <= total || 2 * n < size {
        return None;
    }
    by_count[1..].iter().all(|&(_, m, size)| 2 * m < size).then(|| top.clone())
}

/// The error for a unit's figures read outside the scope of the run, at
/// their first cell: its own cluster named, so that a file sent by mistake
/// or a unit typed for another is found at once.
pub fn figures_outside(reg: &Registry, unit: &str, at: crate::model::Location, scope: &crate::model::Scope) -> crate::model::Problem {
    let name = reg.unit(unit).map_or(unit.to_string(), |x| x.name.clone());
    crate::model::Problem::error(
        "out-of-scope",
        at,
        format!(
            "{name}{} không thuộc phạm vi xét ({}); số liệu không được dùng. Nếu tệp gửi nhầm, hãy bỏ ra khỏi thư mục hồ sơ; nếu gõ nhầm tên đơn vị, hãy sửa lại.",
            belongs_to(reg, unit),
            scope.name_vi()
        ),
    )
    .with_unit(unit)
}

/// The scope an officer names with `--cluster` ("cum-3", "Cụm thi đua cấp
/// tỉnh số III", a province's code or name for its district clusters, or
/// "toan-quoc"): the run is then about it whatever the inbox holds, and
/// every unit read outside it is an error at its cell. For an inbox too
/// thin to place (two members' files and one forwarded from another
/// cluster), or a head who wants it said. Errors are Vietnamese sentences.
pub fn chosen(reg: &Registry, typed: &str) -> Result<crate::model::Scope, String> {
    use crate::model::{Level, Scope};
    let t = typed.trim();
    let folded = crate::vn::text::ascii_fold(t);
    let folded = folded.trim();
    if ["toan-quoc", "toan quoc", "ca nuoc"].contains(&folded) {
        return Ok(Scope::National);
    }
    if let Some(c) = reg.cluster(t) {
        return Ok(Scope::Cluster { id: c.id.clone(), name: c.name.clone() });
    }
    let has_districts = |p: &str| reg.clusters().iter().any(|c| c.province.as_deref() == Some(p));
    let province = reg.unit(t).filter(|u| u.level == Level::Province).or_else(|| reg.resolve(t, Some(Level::Province)).ok());
    if let Some(u) = province.filter(|u| has_districts(&u.id)) {
        return Ok(Scope::Province { id: u.id.clone(), name: u.name.clone() });
    }
    match reg.resolve_cluster(t, None) {
        Ok(c) => Ok(Scope::Cluster { id: c.id.clone(), name: c.name.clone() }),
        Err(why) => Err(format!(
            "--cluster \"{}\": {why} Ghi mã hoặc tên Khối, Cụm (xem: thidua units), mã hoặc tên BHXH tỉnh để xét các Cụm thi đua cấp huyện của tỉnh, hoặc \"toan-quoc\".",
            t.chars().take(100).collect::<String>()
        )),
    }
}

/// The clusters a chosen scope covers: the cluster; the province's
/// district clusters; for the whole country, every cluster of `kind`
/// (`None`: every block and cluster).
pub fn clusters_of<'r>(reg: &'r Registry, scope: &crate::model::Scope, kind: Option<ClusterKind>) -> Vec<&'r Cluster> {
    use crate::model::Scope;
    reg.clusters()
        .iter()
        .filter(|c| match scope {
            Scope::Cluster { id, .. } => &c.id == id,
            Scope::Province { id, .. } => c.province.as_deref() == Some(id.as_str()),
            Scope::National => kind.is_none_or(|k| c.kind == k),
        })
        .collect()
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
        let c = dominant(reg, units.iter().map(String::as_str));
        assert_eq!(c.map(|c| c.id.as_str()), Some("cum-3"));
    }

    #[test]
    fn two_clusters_each_sending_most_is_no_one_cluster() {
        let reg = Registry::builtin();
        let mut units = members(reg, "cum-3");
        let two = members(reg, "cum-2");
        units.extend(two.iter().take(two.len().div_ceil(2)).cloned());
        assert!(dominant(reg, units.iter().map(String::as_str)).is_none());
        // Too few of the cluster itself: an inbox too thin to tell.
        let three = members(reg, "cum-3");
        let units = [three[0].as_str(), three[1].as_str(), two[0].as_str()];
        assert!(dominant(reg, units).is_none());
    }

    #[test]
    fn a_provinces_district_clusters_with_a_stray_district_are_that_province() {
        let reg = Registry::builtin();
        let mut units: Vec<&str> = reg
            .clusters()
            .iter()
            .filter(|c| c.province.as_deref() == Some("thanh-hoa"))
            .flat_map(|c| c.members.iter().map(String::as_str))
            .collect();
        assert!(dominant(reg, units.iter().copied()).is_none(), "several district clusters: no one cluster");
        let other = reg.clusters().iter().find(|c| c.province.as_deref() == Some("nghe-an")).unwrap();
        units.push(&other.members[0]);
        assert_eq!(dominant_province(reg, units.iter().copied()).map(|p| p.id.as_str()), Some("thanh-hoa"));
        // A province's clusters alongside another province's, each whole:
        // no one province.
        units.extend(other.members.iter().map(String::as_str));
        let rest: Vec<&str> = reg
            .clusters()
            .iter()
            .filter(|c| c.province.as_deref() == Some("nghe-an"))
            .flat_map(|c| c.members.iter().map(String::as_str))
            .collect();
        units.extend(rest);
        assert!(dominant_province(reg, units.iter().copied()).is_none());
    }

    #[test]
    fn a_scope_is_named_by_code_name_or_province() {
        use crate::model::Scope;
        let reg = Registry::builtin();
        let id = |t: &str| match chosen(reg, t).unwrap() {
            Scope::Cluster { id, .. } | Scope::Province { id, .. } => id,
            Scope::National => "toàn quốc".into(),
        };
        assert_eq!(id("cum-3"), "cum-3");
        assert_eq!(id("Cụm thi đua cấp tỉnh số III"), "cum-3");
        assert_eq!(id("Cụm thi đua số 3"), "cum-3");
        assert_eq!(id("Cụm thi đua cấp huyện số 2 (BHXH tỉnh Thanh Hóa)"), "thanh-hoa.cum-2");
        assert_eq!(id("thanh-hoa"), "thanh-hoa");
        assert_eq!(id("BHXH tỉnh Thanh Hoá"), "thanh-hoa");
        assert_eq!(id("Toàn quốc"), "toàn quốc");
        assert!(matches!(chosen(reg, "thanh-hoa").unwrap(), Scope::Province { .. }));
        assert_eq!(clusters_of(reg, &chosen(reg, "thanh-hoa").unwrap(), None).len(), 5);
        // No block, cluster or province of that name.
        let e = chosen(reg, "Cụm 99").unwrap_err();
        assert!(e.starts_with("--cluster \"Cụm 99\": "), "{e}");
    }
}
