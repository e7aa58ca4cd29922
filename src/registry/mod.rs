//! The unit registry: the built-in edition is that of Hướng dẫn
//! 3636/HD-BHXH (seed 000): 5 Khối with 26 central units, 10 Cụm tỉnh with
//! 63 provinces, 102 Cụm huyện with 644 district units, embedded in the
//! binary from `templates/registry.toml`. Another edition (another year's
//! clusters) is loaded from a file of the same format with `--registry`
//! (`file`), checked whole by `validate` before any work (SPEC §12).

pub mod file;
mod load;
pub mod matching;
mod validate;

use crate::model::{Cluster, ClusterKind, Edition, Level, Term, Unit};
use matching::{key, levenshtein};
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

pub use load::{short_name, slug};

#[derive(Clone)]
pub struct Registry {
    units: Vec<Unit>,
    clusters: Vec<Cluster>,
    /// Each cluster's official name folded to ASCII, in `clusters` order:
    /// every meeting sheet names its cluster, compared with all of them.
    cluster_ascii: Vec<String>,
    by_id: HashMap<String, usize>,
    cluster_by_id: HashMap<String, usize>,
    /// Matching key (words after prefixes) → units.
    by_words: HashMap<String, Vec<usize>>,
    /// The same without diacritics, for names typed without accents.
    by_ascii: HashMap<String, Vec<usize>>,
    /// Each unit's administrative type ("tỉnh", "huyện" …).
    types: Vec<&'static str>,
    /// Heads and deputies by year, when the file records them.
    terms: Vec<Term>,
    /// Which lists these are, and the years they apply to.
    edition: Edition,
}

/// Why a name could not be matched. `message_vi` is complete Vietnamese text;
/// callers prefix it with the file, sheet and cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MatchError {
    /// `list`: the name of the edition searched.
    Unknown {
        input: String,
        suggestions: Vec<String>,
        list: String,
    },
    Ambiguous {
        input: String,
        candidates: Vec<String>,
    },
}

impl MatchError {
    pub fn message_vi(&self) -> String {
        match self {
            MatchError::Unknown { input, suggestions, list } => {
                if suggestions.is_empty() {
                    format!("Không tìm thấy đơn vị \"{input}\" trong danh sách đơn vị đang dùng ({list}).")
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

const DATA: &str = include_str!("../../templates/registry.toml");

/// The built-in edition as a file (`thidua units --export`).
pub const BUILTIN_TEXT: &str = DATA;

impl Registry {
    /// The registry compiled into the binary.
    pub fn builtin() -> &'static Registry {
        static R: OnceLock<Registry> = OnceLock::new();
        R.get_or_init(|| Registry::parse(DATA).expect("the built-in registry parses"))
    }

    /// A registry from the text of a registry file (the first problem only;
    /// `file::load` lists them all, with lines).
    pub fn parse(text: &str) -> Result<Registry, String> {
        let f = load::read(text).map_err(|e| e.to_string())?;
        let edition = f.edition.as_ref().map(|e| e.get_ref().clone());
        let (mut r, raw_terms) = Registry::build(f)?;
        if let Some(e) = edition {
            r.edition = e;
        }
        for t in raw_terms {
            r.add_term(&t).map_err(|(_, e)| e)?;
        }
        Ok(r)
    }

    /// This registry with heads and deputies read elsewhere (past meeting
    /// sheets) added for the rotation (3636, mục A.I). A term the registry
    /// already records for that cluster and year is kept; the ones that
    /// differ from it are returned, for a warning.
    pub fn with_terms(&self, terms: Vec<Term>) -> (Registry, Vec<(Term, Term)>) {
        let mut r = self.clone();
        let mut differing = Vec::new();
        for t in terms {
            match r.term(&t.cluster, t.year) {
                Some(known) if known.head != t.head || (known.deputy.is_some() && t.deputy.is_some() && known.deputy != t.deputy) => {
                    differing.push((known.clone(), t));
                }
                Some(_) => {}
                None => r.terms.push(t),
            }
        }
        (r, differing)
    }

    /// The edition these lists are.
    pub fn edition(&self) -> &Edition {
        &self.edition
    }

    /// Keep a registry for the rest of the command: a loaded edition serves
    /// every step of a run, as the built-in one does.
    pub fn leak(self) -> &'static Registry {
        Box::leak(Box::new(self))
    }

    /// Units and clusters of a file read; its terms are left to resolve
    /// against them.
    fn build(f: load::File) -> Result<(Registry, Vec<load::RawTerm>), String> {
        let (units, clusters, raw_terms) = load::build(f)?;
        let mut r = Registry {
            by_id: units.iter().enumerate().map(|(i, u)| (u.id.clone(), i)).collect(),
            cluster_by_id: clusters.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect(),
            cluster_ascii: clusters.iter().map(|c| crate::vn::text::ascii_fold(&c.name)).collect(),
            types: units.iter().map(|u| load::unit_type(&u.name)).collect(),
            units,
            clusters,
            by_words: HashMap::default(),
            by_ascii: HashMap::default(),
            terms: Vec::new(),
            edition: Edition { name: String::new(), document: String::new(), years: Vec::new() },
        };
        for (i, u) in r.units.iter().enumerate() {
            let mut names = vec![u.name.clone(), u.short_name.clone()];
            names.extend(u.aliases.iter().cloned());
            for n in names {
                let k = key(&n);
                for (map, kk) in [(&mut r.by_words, k.words), (&mut r.by_ascii, k.ascii)] {
                    let e = map.entry(kk).or_default();
                    if !e.contains(&i) {
                        e.push(i);
                    }
                }
            }
        }
        Ok((r, raw_terms))
    }

    /// Record a year's head and deputy: the cluster by its id or as typed,
    /// each unit a member of it (3636, mục A.I: "Thủ trưởng đơn vị thành
    /// viên trong Cụm"). An error names the key at fault and says why.
    fn add_term(&mut self, t: &load::RawTerm) -> Result<(), (&'static str, String)> {
        let (typed, year) = (t.cum.get_ref(), *t.nam.get_ref());
        let c = match self.cluster(typed) {
            Some(c) => c.clone(),
            None => self.resolve_cluster(typed, None).map_err(|e| ("cum", e))?.clone(),
        };
        let (t_head, t_dep) = crate::award::annual::calendar::titles(c.kind);
        let member = |key: &'static str, title: &str, n: &str| -> Result<String, (&'static str, String)> {
            let u = self.resolve_in(n, None, c.province.as_deref()).map_err(|e| (key, e.message_vi()))?;
            if !c.members.contains(&u.id) {
                return Err((key, format!("{title} năm {year} là {}, không phải đơn vị thành viên của {}.", self.describe(u), c.name)));
            }
            Ok(u.id.clone())
        };
        let head = member("truong", t_head, t.truong.get_ref())?;
        let deputy = t.pho.as_ref().map(|p| member("pho", t_dep, p.get_ref())).transpose()?;
        if deputy.as_ref() == Some(&head) {
            return Err(("pho", format!("{t_head} và {t_dep} năm {year} của {} là cùng một đơn vị.", c.name)));
        }
        if self.term(&c.id, year).is_some() {
            return Err(("nam", format!("{} đã có {t_head} năm {year} ở một mục nhiem_ky trước.", c.name)));
        }
        self.terms.push(Term { cluster: c.id.clone(), year, head, deputy });
        Ok(())
    }

    /// The recorded head and deputy of a cluster for a year.
    pub fn term(&self, cluster: &str, year: i32) -> Option<&Term> {
        self.terms.iter().find(|t| t.cluster == cluster && t.year == year)
    }
    /// Every recorded term of a cluster, oldest first.
    pub fn terms_of(&self, cluster: &str) -> Vec<&Term> {
        let mut v: Vec<&Term> = self.terms.iter().filter(|t| t.cluster == cluster).collect();
        v.sort_by_key(|t| t.year);
        v
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }
    pub fn clusters(&self) -> &[Cluster] {
        &self.clusters
    }
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.by_id.get(id).map(|&i| &self.units[i])
    }
    pub fn cluster(&self, id: &str) -> Option<&Cluster> {
        self.cluster_by_id.get(id).map(|&i| &self.clusters[i])
    }
    /// The cluster a unit belongs to.
    pub fn cluster_of(&self, unit_id: &str) -> Option<&Cluster> {
        self.unit(unit_id).and_then(|u| self.cluster(&u.cluster))
    }

    /// Match a name as typed in a workbook (SPEC §2). `level` narrows the
    /// search when the sheet's kind implies it.
    pub fn resolve(&self, name: &str, level: Option<Level>) -> Result<&Unit, MatchError> {
        self.resolve_in(name, level, None)
    }

    /// As `resolve`, within one province's districts when `province` is
    /// given (district names repeat across provinces).
    pub fn resolve_in(&self, name: &str, level: Option<Level>, province: Option<&str>) -> Result<&Unit, MatchError> {
        self.resolve_opts(name, level, province, true)
    }

    /// As `resolve`, without suggestions for a name that matches nothing:
    /// for text that may not be a name at all (notes under a table).
    pub fn resolve_quiet(&self, name: &str) -> Result<&Unit, MatchError> {
        self.resolve_opts(name, None, None, false)
    }

    /// Whether `typed` is no name of the list as its marks stand: other
    /// marks ("Quãng Trị" for "Quảng Trị") or none at all ("Quang Tri").
    /// Such a name is matched by its letters alone, which SPEC's matching
    /// (Unicode, tone-mark placement, case, spacing, prefixes, aliases)
    /// does not cover, so the officer is told what it was taken for.
    pub fn marks_differ(&self, typed: &str) -> bool {
        let k = key(typed);
        !self.by_words.contains_key(&k.words)
    }

    fn resolve_opts(&self, name: &str, level: Option<Level>, province: Option<&str>, suggest: bool) -> Result<&Unit, MatchError> {
        let k = key(name);
        // Echo at most 100 characters of what was typed back in messages
        // (made only for a message: most names resolve).
        let shown = || -> String { name.trim().chars().take(100).collect() };
        let keep = |i: &usize| {
            let u = &self.units[*i];
            level.is_none_or(|l| u.level == l) && province.is_none_or(|p| u.province.as_deref() == Some(p) || u.id == p)
        };
        let mut found: Vec<usize> = self.by_words.get(&k.words).map(|v| v.iter().copied().filter(keep).collect()).unwrap_or_default();
        if found.is_empty() {
            found = self.by_ascii.get(&k.ascii).map(|v| v.iter().copied().filter(keep).collect()).unwrap_or_default();
        }
        let mut kind = k.kind;
        if found.is_empty() {
            if let Some((bare, typed_kind)) = matching::ascii_without_prefixes(&k.ascii) {
                found = self.by_ascii.get(&bare).map(|v| v.iter().copied().filter(keep).collect()).unwrap_or_default();
                kind = kind.or(typed_kind);
            }
        }
        if found.len() > 1 {
            if let Some(kind) = kind {
                // "tỉnh"/"thành phố" name a province or a city; "huyện",
                // "quận", "thị xã" a district of that type.
                let typed: Vec<usize> = found.iter().copied().filter(|&i| self.types[i] == kind).collect();
                if !typed.is_empty() {
                    found = typed;
                }
            }
        }
        if found.len() > 1 && level.is_none() && !matches!(kind, Some("huyện" | "quận" | "thị xã")) {
            // A bare "Phú Thọ" or "Quảng Trị" names the province, as in
            // every provincial table; the town needs its prefix.
            let provinces: Vec<usize> = found.iter().copied().filter(|&i| self.units[i].level == Level::Province).collect();
            if provinces.len() == 1 {
                found = provinces;
            }
        }
        match found.len() {
            1 => Ok(&self.units[found[0]]),
            0 => Err(MatchError::Unknown {
                input: shown(),
                suggestions: if suggest { self.suggest(&k.ascii, level, province) } else { vec![] },
                list: self.edition.name.clone(),
            }),
            _ => Err(MatchError::Ambiguous { input: shown(), candidates: found.iter().map(|&i| self.describe(&self.units[i])).collect() }),
        }
    }

    /// A block or cluster as typed: "Khối thi đua số I", "Cụm thi đua cấp
    /// tỉnh số 3", "Cụm số III", "Cụm thi đua cấp huyện số 2 (BHXH tỉnh
    /// Thanh Hóa)". District clusters need their province, named in the text
    /// or given as `province` (a unit id). Errors are Vietnamese sentences.
    pub fn resolve_cluster(&self, typed: &str, province: Option<&str>) -> Result<&Cluster, String> {
        let shown: String = typed.trim().chars().take(100).collect();
        let a = crate::vn::text::ascii_fold(typed);
        // Exact official name first.
        if let Some(i) = self.cluster_ascii.iter().position(|n| *n == a) {
            return Ok(&self.clusters[i]);
        }
        let kind = if a.contains("khoi") {
            Some(ClusterKind::Khoi)
        } else if a.contains("huyen") && !a.contains("tinh so") {
            Some(ClusterKind::CumHuyen)
        } else if a.contains("cap tinh") {
            Some(ClusterKind::CumTinh)
        } else {
            None
        };
        // The number after "số", in Roman or Arabic figures.
        let number = a.split("so ").nth(1).and_then(|rest| {
            let w: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            w.parse::<u32>().ok().or_else(|| crate::model::period::from_roman(&w.to_ascii_uppercase()))
        });
        let Some(number) = number else {
            return Err(format!(
                "Không nhận ra Khối/Cụm thi đua \"{shown}\" (cần ghi số của Khối/Cụm, ví dụ \"Cụm thi đua cấp tỉnh số III\")."
            ));
        };
        // A province named in the text ("(BHXH tỉnh Thanh Hóa)").
        let named_province =
            typed.split(['(', ')', '-', '–', ',']).skip(1).find_map(|part| self.lookup(part, Level::Province)).map(|u| u.id.clone());
        let prov = named_province.as_deref().or(province);
        let found: Vec<&Cluster> = self
            .clusters
            .iter()
            .filter(|c| c.number == number)
            .filter(|c| match kind {
                Some(k) => c.kind == k,
                None => c.kind == ClusterKind::CumTinh || (prov.is_some() && c.kind == ClusterKind::CumHuyen),
            })
            .filter(|c| c.kind != ClusterKind::CumHuyen || prov.is_none_or(|p| c.province.as_deref() == Some(p)))
            .collect();
        let found: Vec<&Cluster> = if found.len() > 1 && prov.is_some() {
            found.iter().copied().filter(|c| c.kind == ClusterKind::CumHuyen).collect()
        } else {
            found
        };
        match found.len() {
            1 => Ok(found[0]),
            0 => {
                Err(format!("Không có Khối/Cụm thi đua nào khớp với \"{shown}\" trong danh sách đơn vị đang dùng ({}).", self.edition.name))
            }
            _ => Err(format!(
                "\"{shown}\" khớp với nhiều Khối/Cụm: {}. Hãy ghi rõ tên (cấp tỉnh hay cấp huyện, thuộc BHXH tỉnh nào).",
                found.iter().take(5).map(|c| c.name.as_str()).collect::<Vec<_>>().join("; ")
            )),
        }
    }

    /// The one unit of `level` a name matches, without suggestions (cheap
    /// when the text is not a name at all).
    pub fn lookup(&self, name: &str, level: Level) -> Option<&Unit> {
        let k = key(name);
        let pick = |v: &Vec<usize>| {
            let f: Vec<usize> = v.iter().copied().filter(|&i| self.units[i].level == level).collect();
            (f.len() == 1).then(|| &self.units[f[0]])
        };
        self.by_words.get(&k.words).and_then(pick).or_else(|| self.by_ascii.get(&k.ascii).and_then(pick))
    }

    /// "BHXH huyện Châu Thành (BHXH tỉnh Long An)".
    pub fn describe(&self, u: &Unit) -> String {
        match u.province.as_deref().and_then(|p| self.unit(p)) {
            Some(p) => format!("{} ({})", u.name, p.name),
            None => u.name.clone(),
        }
    }

    fn suggest(&self, ascii: &str, level: Option<Level>, province: Option<&str>) -> Vec<String> {
        // Nothing sensible to suggest for an empty or very long text (and an
        // edit distance over a huge cell would take too long).
        if ascii.is_empty() || ascii.len() > 80 {
            return vec![];
        }
        let limit = (ascii.chars().count() / 3).max(2);
        let mut scored: Vec<(usize, &Unit)> = self
            .units
            .iter()
            .filter(|u| level.is_none_or(|l| u.level == l) && province.is_none_or(|p| u.province.as_deref() == Some(p)))
            .map(|u| (levenshtein(ascii, &key(&u.short_name).ascii), u))
            .filter(|(d, _)| *d <= limit)
            .collect();
        scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.level.cmp(&b.1.level)).then(a.1.id.cmp(&b.1.id)));
        scored.into_iter().take(3).map(|(_, u)| self.describe(u)).collect()
    }

    /// Check the registry against the counts of 3636 and the splitting rule
    /// of its mục A.I.3.a. Returns Vietnamese findings; empty when consistent.
    pub fn verify(&self) -> Vec<String> {
        let mut out = Vec::new();
        out.extend(self.verify_counts_3636());
        out.extend(self.verify_splitting());
        out
    }

    /// The counts of the lists of 3636 (the built-in edition only: another
    /// year's lists have their own counts).
    fn verify_counts_3636(&self) -> Vec<String> {
        let mut out = Vec::new();
        let count = |kind: ClusterKind| self.clusters.iter().filter(|c| c.kind == kind).count();
        let members = |kind: ClusterKind| self.clusters.iter().filter(|c| c.kind == kind).map(|c| c.members.len()).sum::<usize>();
        for (kind, name, nc, nu) in [
            (ClusterKind::Khoi, "Khối thi đua", 5, 26),
            (ClusterKind::CumTinh, "Cụm thi đua cấp tỉnh", 10, 63),
            (ClusterKind::CumHuyen, "Cụm thi đua cấp huyện", 102, 644),
        ] {
            if count(kind) != nc || members(kind) != nu {
                out.push(format!(
                    "{name}: có {} cụm với {} đơn vị, Hướng dẫn 3636 quy định {nc} cụm với {nu} đơn vị.",
                    count(kind),
                    members(kind)
                ));
            }
        }
        out
    }

    /// The splitting rule of 3636 mục A.I.3.a, and every unit in the cluster
    /// it names.
    pub fn verify_splitting(&self) -> Vec<String> {
        let mut out = Vec::new();
        for p in self.units.iter().filter(|u| u.level == Level::Province) {
            let n = self.units.iter().filter(|u| u.province.as_deref() == Some(&p.id)).count();
            let clusters = self.clusters.iter().filter(|c| c.province.as_deref() == Some(&p.id)).count();
            let expected = expected_district_clusters(n);
            if clusters != expected {
                out.push(format!(
                    "{}: {n} BHXH huyện được chia {clusters} cụm; theo Hướng dẫn 3636 (mục A.I.3.a) phải là {expected} cụm.",
                    p.name
                ));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for u in &self.units {
            if !seen.insert(&u.id) {
                out.push(format!("Mã đơn vị trùng: {}", u.id));
            }
            if self.cluster(&u.cluster).is_none_or(|c| !c.members.contains(&u.id)) {
                out.push(format!("{} không nằm trong cụm {}", u.name, u.cluster));
            }
        }
        out
    }
}

/// Hướng dẫn 3636, mục A.I.3.a: "BHXH tỉnh có từ 09 BHXH huyện trở xuống
/// được chia làm 01 Cụm … từ 10 đến 14 … 02 Cụm … từ 15 đến 19 … 03 Cụm …
/// từ 20 đến 24 … 04 Cụm … từ 25 BHXH huyện trở lên … 05 Cụm".
pub fn expected_district_clusters(district_units: usize) -> usize {
    match district_units {
        0..=9 => 1,
        10..=14 => 2,
        15..=19 => 3,
        20..=24 => 4,
        _ => 5,
    }
}
