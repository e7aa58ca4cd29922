//! The checks a registry file passes before any work (SPEC §12, issue 14):
//! every unit in exactly one block or cluster, every district list under a
//! province of the Cụm tỉnh lists, names that matching can tell apart, the
//! edition stated, and the splitting rule of Hướng dẫn 3636 mục A.I.3.a (a
//! warning: an office may have its reason). Every finding names its line
//! and key, and all are returned at once.

use super::load::{short_name, slug, unit_type, File};
use super::matching::key;
use std::collections::BTreeMap;
use toml::Spanned;

/// One problem of a registry or rules file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// The key at fault, as written in the file ("cum_tinh.provinces").
    pub key: String,
    /// A Vietnamese sentence.
    pub message: String,
    /// A warning does not stop the run.
    pub warning: bool,
}

impl Finding {
    pub fn error(line: Option<usize>, key: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding { line, key: key.into(), message: message.into(), warning: false }
    }
    pub fn warning(line: Option<usize>, key: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding { line, key: key.into(), message: message.into(), warning: true }
    }
    /// "dòng 12, khóa votes.more_than: …" (for a message that names its file first).
    pub fn located(&self) -> String {
        let mut parts = Vec::new();
        if let Some(l) = self.line {
            parts.push(format!("dòng {l}"));
        }
        if !self.key.is_empty() {
            parts.push(format!("khóa {}", self.key));
        }
        if parts.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", parts.join(", "), self.message)
        }
    }

    /// "tệp.toml, dòng 12, khóa cum_tinh.provinces: …".
    pub fn text(&self, file: &str) -> String {
        let at = match self.line {
            Some(l) => format!("{file}, dòng {l}"),
            None => file.to_string(),
        };
        let key = if self.key.is_empty() { String::new() } else { format!(", khóa {}", self.key) };
        format!("{at}{key}: {}", self.message)
    }
}

/// The 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

fn line<T>(text: &str, s: &Spanned<T>) -> Option<usize> {
    Some(line_of(text, s.span().start))
}

/// Where a unit is listed: (level, province id for districts, line, key, cluster label).
struct Listed {
    level: u8,
    province: Option<String>,
    line: Option<usize>,
    key: &'static str,
    cluster: String,
    name: String,
}

/// Check a registry file read from `text`. Terms (`nhiem_ky`) are checked
/// when they are resolved against the built lists (`Registry::add_term`).
pub fn check(text: &str, f: &File) -> Vec<Finding> {
    let mut out = Vec::new();
    check_edition(text, f, &mut out);
    let mut by_id: BTreeMap<String, Vec<Listed>> = BTreeMap::new();
    // Blocks and their central units.
    let mut numbers: BTreeMap<u32, usize> = BTreeMap::new();
    for k in &f.khoi {
        let n = *k.number.get_ref();
        if let Some(prev) = numbers.insert(n, line(text, &k.number).unwrap_or(0)) {
            out.push(Finding::error(
                line(text, &k.number),
                "khoi.number",
                format!("Khối thi đua số {n} được khai hai lần (dòng {prev} và dòng này)."),
            ));
        }
        if k.units.is_empty() {
            out.push(Finding::error(line(text, &k.number), "khoi.units", format!("Khối thi đua số {n} không có đơn vị nào.")));
        }
        for u in &k.units {
            let name = crate::vn::text::clean(u.get_ref());
            by_id.entry(format!("tw.{}", slug(&name))).or_default().push(Listed {
                level: 0,
                province: None,
                line: line(text, u),
                key: "khoi.units",
                cluster: format!("Khối thi đua số {n}"),
                name,
            });
        }
    }
    // Provincial clusters and their provinces.
    numbers.clear();
    let mut provinces: BTreeMap<String, String> = BTreeMap::new(); // short name → id
    for c in &f.cum_tinh {
        let n = *c.number.get_ref();
        if let Some(prev) = numbers.insert(n, line(text, &c.number).unwrap_or(0)) {
            out.push(Finding::error(
                line(text, &c.number),
                "cum_tinh.number",
                format!("Cụm thi đua cấp tỉnh số {n} được khai hai lần (dòng {prev} và dòng này)."),
            ));
        }
        if c.provinces.is_empty() {
            out.push(Finding::error(
                line(text, &c.number),
                "cum_tinh.provinces",
                format!("Cụm thi đua cấp tỉnh số {n} không có tỉnh nào."),
            ));
        }
        for p in &c.provinces {
            let short = short_name(p.get_ref());
            let id = slug(&short);
            provinces.insert(short.clone(), id.clone());
            by_id.entry(id).or_default().push(Listed {
                level: 1,
                province: None,
                line: line(text, p),
                key: "cum_tinh.provinces",
                cluster: format!("Cụm thi đua cấp tỉnh số {n}"),
                name: crate::vn::text::clean(p.get_ref()),
            });
        }
    }
    // District clusters, by province.
    let mut with_lists: BTreeMap<String, usize> = BTreeMap::new();
    for p in &f.province {
        let typed = p.name.get_ref();
        let pid = provinces.get(&short_name(typed)).or_else(|| provinces.get(&crate::vn::text::clean(typed))).cloned();
        let Some(pid) = pid else {
            out.push(Finding::error(
                line(text, &p.name),
                "province.name",
                format!(
                    "Tỉnh \"{typed}\" có danh sách BHXH huyện nhưng không có trong danh sách Cụm thi đua cấp tỉnh nào (tỉnh không rõ); các BHXH huyện của tỉnh này không thuộc cụm nào."
                ),
            ));
            continue;
        };
        if let Some(prev) = with_lists.insert(pid.clone(), line(text, &p.name).unwrap_or(0)) {
            out.push(Finding::error(
                line(text, &p.name),
                "province.name",
                format!("Danh sách BHXH huyện của {typed} được khai hai lần (dòng {prev} và dòng này)."),
            ));
            continue;
        }
        if p.clusters.is_empty() || p.clusters.iter().any(|c| c.is_empty()) {
            out.push(Finding::error(
                line(text, &p.name),
                "province.clusters",
                format!("{typed}: có Cụm thi đua cấp huyện không có đơn vị nào."),
            ));
        }
        // Same id rule as load.rs: a short name repeated within the
        // province gets its type ("huyện Kỳ Anh", "thị xã Kỳ Anh").
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for name in p.clusters.iter().flatten() {
            *counts.entry(slug(&short_name(name.get_ref()))).or_default() += 1;
        }
        for (i, members) in p.clusters.iter().enumerate() {
            for u in members {
                let name = crate::vn::text::clean(u.get_ref());
                let s = slug(&short_name(&name));
                let id = if counts[&s] > 1 { format!("{pid}.{}-{s}", slug(unit_type(&name))) } else { format!("{pid}.{s}") };
                by_id.entry(id).or_default().push(Listed {
                    level: 2,
                    province: Some(pid.clone()),
                    line: line(text, u),
                    key: "province.clusters",
                    cluster: format!("Cụm thi đua cấp huyện số {} ({typed})", i + 1),
                    name,
                });
            }
        }
        // Hướng dẫn 3636, mục A.I.3.a.
        let n: usize = p.clusters.iter().map(|c| c.len()).sum();
        let expected = super::expected_district_clusters(n);
        if p.clusters.len() != expected {
            out.push(Finding::warning(
                line(text, &p.name),
                "province.clusters",
                format!(
                    "{typed}: {n} BHXH huyện được chia {} cụm; theo quy tắc chia cụm của Hướng dẫn 3636/HD-BHXH (mục A.I.3.a) là {expected} cụm.",
                    p.clusters.len()
                ),
            ));
        }
    }
    for (short, id) in &provinces {
        if !with_lists.contains_key(id) {
            let at = by_id.get(id).and_then(|v| v.first()).and_then(|l| l.line);
            out.push(Finding::warning(
                at,
                "province",
                format!("{short} không có danh sách BHXH huyện ([[province]]); các BHXH huyện của tỉnh này sẽ không được nhận ra."),
            ));
        }
    }
    // A unit in two places: the same id listed twice. Two different names
    // that reduce to the same id cannot be told apart either.
    for places in by_id.values() {
        if places.len() < 2 {
            continue;
        }
        let first = &places[0];
        for other in &places[1..] {
            let msg = if other.name == first.name && other.cluster != first.cluster {
                format!("{} nằm ở hai cụm: {} (dòng {}) và {}.", other.name, first.cluster, first.line.unwrap_or(0), other.cluster)
            } else if other.name == first.name {
                format!("{} được ghi hai lần trong {} (dòng {} và dòng này).", other.name, other.cluster, first.line.unwrap_or(0))
            } else {
                format!(
                    "\"{}\" và \"{}\" (dòng {}) trùng tên sau khi bỏ dấu, không phân biệt được.",
                    other.name,
                    first.name,
                    first.line.unwrap_or(0)
                )
            };
            out.push(Finding::error(other.line, other.key, msg));
        }
    }
    // Names that matching could not tell apart: same words, same level,
    // same province and same type ("huyện" vs "thị xã" is told apart).
    let mut keys: BTreeMap<(u8, Option<String>, String, &'static str), &Listed> = BTreeMap::new();
    for places in by_id.values() {
        let l = &places[0];
        let k = (l.level, l.province.clone(), key(&l.name).words, unit_type(&l.name));
        if let Some(first) = keys.get(&k) {
            out.push(Finding::error(
                l.line,
                l.key,
                format!(
                    "Tên \"{}\" trùng với \"{}\" (dòng {}): không phân biệt được khi đọc các bảng.",
                    l.name,
                    first.name,
                    first.line.unwrap_or(0)
                ),
            ));
        } else {
            keys.insert(k, l);
        }
    }
    check_aliases(text, f, &by_id, &mut out);
    check_places(text, f, &by_id, &mut out);
    out
}

fn check_edition(text: &str, f: &File, out: &mut Vec<Finding>) {
    let Some(e) = &f.edition else {
        out.push(Finding::error(
            Some(1),
            "edition",
            "thiếu bảng [edition] ghi tên lần ban hành (name), văn bản căn cứ (document) và các năm áp dụng (years), ví dụ:\n    [edition]\n    name = \"Cụm thi đua năm 2012\"\n    document = \"…\"\n    years = [2012]",
        ));
        return;
    };
    let at = line(text, e);
    let ed = e.get_ref();
    if ed.name.trim().is_empty() {
        out.push(Finding::error(at, "edition.name", "tên lần ban hành để trống."));
    }
    if ed.document.trim().is_empty() {
        out.push(Finding::error(at, "edition.document", "chưa ghi văn bản căn cứ của danh sách."));
    }
    if ed.years.is_empty() {
        out.push(Finding::error(at, "edition.years", "chưa ghi năm áp dụng (ví dụ years = [2012])."));
    }
    for y in &ed.years {
        if !(2000..=2100).contains(y) {
            out.push(Finding::error(at, "edition.years", format!("năm {y} không hợp lệ.")));
        }
    }
}

/// A date line's place names a unit by its id, and says something.
fn check_places(text: &str, f: &File, by_id: &BTreeMap<String, Vec<Listed>>, out: &mut Vec<Finding>) {
    for (id, place) in &f.dia_danh {
        if !by_id.contains_key(id.get_ref()) {
            out.push(Finding::error(
                line(text, id),
                "dia_danh",
                format!("địa danh cho mã đơn vị \"{}\", nhưng danh sách không có đơn vị mang mã đó.", id.get_ref()),
            ));
        } else if crate::vn::text::clean(place.get_ref()).is_empty() {
            out.push(Finding::error(line(text, place), "dia_danh", format!("địa danh của \"{}\" để trống.", id.get_ref())));
        }
    }
}

/// Aliases name a unit by its id, and may not be another unit's name.
fn check_aliases(text: &str, f: &File, by_id: &BTreeMap<String, Vec<Listed>>, out: &mut Vec<Finding>) {
    for (id, aliases) in &f.aliases {
        let Some(owner) = by_id.get(id.get_ref()).map(|v| &v[0]) else {
            out.push(Finding::error(
                line(text, id),
                "aliases",
                format!("tên gọi khác cho mã đơn vị \"{}\", nhưng danh sách không có đơn vị mang mã đó.", id.get_ref()),
            ));
            continue;
        };
        for a in aliases {
            let k = key(a.get_ref()).words;
            for (other_id, places) in by_id {
                let o = &places[0];
                if other_id != id.get_ref() && o.level == owner.level && o.province == owner.province && key(&o.name).words == k {
                    out.push(Finding::error(
                        line(text, a),
                        "aliases",
                        format!(
                            "tên gọi khác \"{}\" của {} là tên của {} (dòng {}): không phân biệt được.",
                            a.get_ref(),
                            owner.name,
                            o.name,
                            o.line.unwrap_or(0)
                        ),
                    ));
                }
            }
        }
    }
}
