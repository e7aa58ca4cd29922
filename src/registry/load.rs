//! Building the registry from `templates/registry.toml` or an edition file
//! of the same format (`--registry`): ids, short names and cluster names are
//! derived from the names of the document, so the data file stays a faithful
//! copy of the document's lists. Names keep their place in the file
//! (`Spanned`) so that the checks of `validate` can name the line.

use crate::model::period::roman;
use crate::model::{Cluster, ClusterKind, Edition, Level, Unit};
use crate::vn::text::{ascii_fold, clean};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A registry file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    /// Which lists these are: the document and the years (SPEC §12).
    #[serde(default)]
    pub edition: Option<Spanned<Edition>>,
    pub khoi: Vec<Khoi>,
    pub cum_tinh: Vec<CumTinh>,
    pub province: Vec<Province>,
    #[serde(default)]
    pub aliases: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    pub nhiem_ky: Vec<RawTerm>,
    /// The place of a unit's date line, by unit id, where it is not the
    /// short name (Nghị định 30/2020, Phụ lục I, mục I.4.a).
    #[serde(default)]
    pub dia_danh: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// A year's head and deputy of a block or cluster, as the registry file
/// writes them (names, resolved by `Registry::parse`).
#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    pub cum: Spanned<String>,
    pub nam: Spanned<i32>,
    pub truong: Spanned<String>,
    #[serde(default)]
    pub pho: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Khoi {
    pub number: Spanned<u32>,
    pub units: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CumTinh {
    pub number: Spanned<u32>,
    pub provinces: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Province {
    pub name: Spanned<String>,
    pub clusters: Vec<Vec<Spanned<String>>>,
}

/// The file's tables, or TOML's own error (syntax, unknown or missing key).
pub fn read(text: &str) -> Result<File, toml::de::Error> {
    toml::from_str(text)
}

pub fn slug(s: &str) -> String {
    ascii_fold(s).replace(' ', "-")
}

/// "BHXH tỉnh Hà Nam" → "Hà Nam"; "BHXH quận 1" → "Quận 1".
pub fn short_name(name: &str) -> String {
    let n = clean(name);
    for p in ["BHXH tỉnh ", "BHXH thành phố ", "BHXH huyện ", "BHXH quận ", "BHXH thị xã "] {
        if let Some(rest) = n.strip_prefix(p) {
            if rest.chars().all(|c| c.is_ascii_digit()) {
                return format!("Quận {rest}");
            }
            return rest.to_string();
        }
    }
    n
}

/// The administrative type written in a unit's name: "tỉnh", "thành phố",
/// "huyện", "quận", "thị xã".
pub fn unit_type(name: &str) -> &'static str {
    let n = clean(name);
    for (p, t) in [
        ("BHXH tỉnh ", "tỉnh"),
        ("BHXH thành phố ", "thành phố"),
        ("BHXH huyện ", "huyện"),
        ("BHXH quận ", "quận"),
        ("BHXH thị xã ", "thị xã"),
    ] {
        if n.starts_with(p) {
            return t;
        }
    }
    ""
}

/// Units, clusters and the recorded terms of a registry file.
pub type Parsed = (Vec<Unit>, Vec<Cluster>, Vec<RawTerm>);

/// Units, clusters and terms of a file already read.
pub fn build(f: File) -> Result<Parsed, String> {
    let mut units = Vec::new();
    let mut clusters = Vec::new();
    for k in &f.khoi {
        let id = format!("khoi-{}", k.number.get_ref());
        let mut members = Vec::new();
        for name in k.units.iter().map(|n| n.get_ref()) {
            let uid = format!("tw.{}", slug(name));
            members.push(uid.clone());
            units.push(Unit {
                id: uid,
                name: clean(name),
                short_name: clean(name),
                level: Level::Central,
                cluster: id.clone(),
                province: None,
                aliases: vec![],
                place: None,
            });
        }
        clusters.push(Cluster {
            id,
            kind: ClusterKind::Khoi,
            number: *k.number.get_ref(),
            name: format!("Khối thi đua số {}", roman(*k.number.get_ref())),
            province: None,
            members,
        });
    }
    let mut province_ids: BTreeMap<String, String> = BTreeMap::new();
    for c in &f.cum_tinh {
        let id = format!("cum-{}", c.number.get_ref());
        let mut members = Vec::new();
        for name in c.provinces.iter().map(|n| n.get_ref()) {
            let short = short_name(name);
            let uid = slug(&short);
            province_ids.insert(short.clone(), uid.clone());
            members.push(uid.clone());
            units.push(Unit {
                id: uid,
                name: clean(name),
                short_name: short,
                level: Level::Province,
                cluster: id.clone(),
                province: None,
                aliases: vec![],
                place: None,
            });
        }
        clusters.push(Cluster {
            id,
            kind: ClusterKind::CumTinh,
            number: *c.number.get_ref(),
            name: format!("Cụm thi đua cấp tỉnh số {}", roman(*c.number.get_ref())),
            province: None,
            members,
        });
    }
    for p in &f.province {
        let pname_typed = p.name.get_ref();
        let pid = province_ids
            .get(&short_name(pname_typed))
            .or_else(|| province_ids.get(&clean(pname_typed)))
            .ok_or_else(|| format!("tỉnh \"{pname_typed}\" của danh sách cụm huyện không có trong danh sách cụm tỉnh"))?
            .clone();
        let pname = units.iter().find(|u| u.id == pid).map(|u| u.name.clone()).unwrap_or_default();
        // Short names that repeat within the province ("huyện Kỳ Anh" and
        // "thị xã Kỳ Anh") get the type in their id.
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for name in p.clusters.iter().flatten().map(|n| n.get_ref()) {
            *counts.entry(slug(&short_name(name))).or_default() += 1;
        }
        for (i, members_names) in p.clusters.iter().enumerate() {
            let number = i as u32 + 1;
            let cid = format!("{pid}.cum-{number}");
            let mut members = Vec::new();
            for name in members_names.iter().map(|n| n.get_ref()) {
                let short = short_name(name);
                let s = slug(&short);
                let uid = if counts[&s] > 1 { format!("{pid}.{}-{s}", slug(unit_type(name))) } else { format!("{pid}.{s}") };
                members.push(uid.clone());
                units.push(Unit {
                    id: uid,
                    name: clean(name),
                    short_name: short,
                    level: Level::District,
                    cluster: cid.clone(),
                    province: Some(pid.clone()),
                    aliases: vec![],
                    place: None,
                });
            }
            clusters.push(Cluster {
                id: cid,
                kind: ClusterKind::CumHuyen,
                number,
                name: format!("Cụm thi đua cấp huyện số {number} ({pname})"),
                province: Some(pid.clone()),
                members,
            });
        }
    }
    for (id, aliases) in f.aliases {
        let id = id.into_inner();
        let u = units.iter_mut().find(|u| u.id == id).ok_or_else(|| format!("tên gọi khác cho đơn vị không có: {id}"))?;
        u.aliases = aliases.into_iter().map(Spanned::into_inner).collect();
    }
    for (id, place) in f.dia_danh {
        let id = id.into_inner();
        let u = units.iter_mut().find(|u| u.id == id).ok_or_else(|| format!("địa danh cho đơn vị không có: {id}"))?;
        u.place = Some(clean(place.get_ref()));
    }
    Ok((units, clusters, f.nhiem_ky))
}
