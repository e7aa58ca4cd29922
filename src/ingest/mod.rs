//! Reading the inbox (SPEC §4, §10): every workbook in a folder and its
//! subfolders, every visible sheet, its kind recognised from its header
//! rows, never from file or sheet names. What only one campaign reads is
//! a named sibling (`quarterly`, `annual`); the readers they share and the
//! dispatch of each sheet to its reader are here.
//!
//! Files are read in parallel; each gives a small summary (rows, problems),
//! so memory does not grow with the size of what was read. Results are put
//! back in path order, so runs are deterministic.

pub mod annual;
pub mod date;
pub mod grid;
pub mod guard;
mod head_keys;
pub mod header;
pub mod number;
mod ods;
pub mod period;
pub mod quarterly;
pub mod registration;
pub mod six_month;
mod walk;
pub mod xlsx;

use crate::model::annual::AnnualSheets;
use crate::model::registration::RegistrationSheet;
use crate::model::{Level, Location, Name, Period, Problem};
use crate::registry::Registry;
use crate::rules::Rules;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

pub use guard::Limits;
pub use quarterly::IndicatorSheet;
pub use walk::{list_inbox, Listing};

/// Turns a name as typed into a unit (id, official name). The error is a
/// complete Vietnamese sentence (with suggestions).
pub trait UnitResolver: Sync {
    fn resolve_unit(&self, name: &str) -> Result<(String, String), String>;
    /// As `resolve_unit`, without the cost of suggestions (for text that may
    /// not be a name).
    fn resolve_unit_quiet(&self, name: &str) -> Result<(String, String), String> {
        self.resolve_unit(name)
    }
    /// As `resolve_unit`; a district name that several provinces share is
    /// looked for in the province of `near` (another unit of the sheet).
    fn resolve_unit_near(&self, name: &str, _near: Option<&str>) -> Result<(String, String), String> {
        self.resolve_unit(name)
    }
    /// The province a unit is in (itself for a province).
    fn province_of(&self, _id: &str) -> Option<String> {
        None
    }
    /// A province named exactly ("BHXH TỈNH BẾN TRE").
    fn province_named(&self, _text: &str) -> Option<String> {
        None
    }
    /// A block or cluster as typed; `near` is a unit of the same sheet.
    fn resolve_cluster(&self, name: &str, _near: Option<&str>) -> Result<String, String> {
        Err(format!("Không nhận ra Khối/Cụm thi đua \"{}\".", name.trim()))
    }
    /// The block or cluster a unit is a member of, and a cluster's name.
    fn cluster_of_unit(&self, _id: &str) -> Option<String> {
        None
    }
    fn cluster_name(&self, id: &str) -> String {
        id.to_string()
    }
    /// Whether a name that resolved was matched only without its tone and
    /// vowel marks (see `Registry::marks_differ`).
    fn marks_differ(&self, _typed: &str) -> bool {
        false
    }
}

/// A unit name matched only without its marks ("Quãng Trị"), said at its
/// cell with the unit it was taken for: the name is never another unit's
/// (two such units would make it ambiguous), but a slip of the keyboard is
/// shown to the officer rather than passed over (SPEC §2).
pub(crate) fn note_marks(resolver: &dyn UnitResolver, typed: &str, official: &str, at: Location, problems: &mut Vec<Problem>) {
    if resolver.marks_differ(typed) {
        // Typed without any mark ("BHXH TP Sam Son"), or with other marks
        // ("Nghi Sớn"): either way matched by its letters alone, so said.
        let unmarked = typed.is_ascii();
        let how = if unmarked { "không dấu" } else { "có dấu khác với tên trong danh sách đơn vị" };
        problems.push(Problem::warning(
            "unit-name-marks",
            at,
            format!(
                "Tên đơn vị ghi \"{}\" {how}; đã hiểu là {official}. Nếu không phải đơn vị này, hãy sửa tên rồi gửi lại.",
                typed.trim()
            ),
        ));
    }
}

impl UnitResolver for Registry {
    fn resolve_unit(&self, name: &str) -> Result<(String, String), String> {
        self.resolve(name, None::<Level>).map(|u| (u.id.clone(), u.name.clone())).map_err(|e| e.message_vi())
    }
    fn resolve_unit_near(&self, name: &str, near: Option<&str>) -> Result<(String, String), String> {
        match self.resolve(name, None::<Level>) {
            // Among the districts of a province, a bare "Hòa Bình" is the
            // district of that province, not the province of that name.
            Ok(u) if u.level == Level::Province => {
                let p = near.and_then(|n| self.unit(n)).filter(|n| n.level == Level::District).and_then(|n| n.province.clone());
                match p.filter(|p| *p != u.id).and_then(|p| self.resolve_in(name, Some(Level::District), Some(&p)).ok()) {
                    Some(d) => Ok((d.id.clone(), d.name.clone())),
                    None => Ok((u.id.clone(), u.name.clone())),
                }
            }
            Ok(u) => Ok((u.id.clone(), u.name.clone())),
            Err(e) => {
                let province = near.and_then(|n| self.province_of(n));
                match province {
                    // Not in that province either: the first answer, whose
                    // suggestions look across the country (a misspelt
                    // province is no district of its neighbour's).
                    Some(p) => self.resolve_in(name, None, Some(&p)).map(|u| (u.id.clone(), u.name.clone())).map_err(|_| e.message_vi()),
                    None => Err(e.message_vi()),
                }
            }
        }
    }
    fn resolve_unit_quiet(&self, name: &str) -> Result<(String, String), String> {
        self.resolve_quiet(name).map(|u| (u.id.clone(), u.name.clone())).map_err(|e| e.message_vi())
    }
    fn province_of(&self, id: &str) -> Option<String> {
        let u = self.unit(id)?;
        match u.level {
            Level::Province => Some(u.id.clone()),
            _ => u.province.clone(),
        }
    }
    fn province_named(&self, text: &str) -> Option<String> {
        self.lookup(text, Level::Province).map(|u| u.id.clone())
    }
    fn resolve_cluster(&self, name: &str, near: Option<&str>) -> Result<String, String> {
        let province =
            near.and_then(|n| self.unit(n)).and_then(|u| if u.level == Level::Province { Some(u.id.clone()) } else { u.province.clone() });
        self.resolve_cluster(name, province.as_deref()).map(|c| c.id.clone())
    }
    fn cluster_of_unit(&self, id: &str) -> Option<String> {
        self.cluster_of(id).map(|c| c.id.clone())
    }
    fn cluster_name(&self, id: &str) -> String {
        self.cluster(id).map_or(id.to_string(), |c| c.name.clone())
    }
    fn marks_differ(&self, typed: &str) -> bool {
        Registry::marks_differ(self, typed)
    }
}

/// One file found in the inbox.
#[derive(Clone, Debug, serde::Serialize)]
pub struct InputFile {
    /// Relative to the inbox, `/`-separated.
    pub path: String,
    #[serde(skip)]
    pub abs_path: PathBuf,
    pub sha256: String,
    pub bytes: u64,
    /// What was found in it: "chi-tieu" (indicators) …
    pub kinds: Vec<String>,
    /// "đã đọc", or why it was skipped.
    pub status: String,
}

/// What the inbox held.
#[derive(Debug, Default)]
pub struct Inbox {
    pub files: Vec<InputFile>,
    /// Indicator tables (SPEC §10 kind 1), in file then sheet order.
    pub indicator_sheets: Vec<IndicatorSheet>,
    /// Year-end sheets (SPEC §10 kinds 2–6).
    pub annual: AnnualSheets,
    /// Periods named in the titles of the year-end sheets.
    pub annual_hints: Vec<(Period, Location)>,
    /// Registrations of targets (Hướng dẫn 3636, mục A.II.3.1).
    pub registrations: Vec<RegistrationSheet>,
    pub problems: Vec<Problem>,
}

impl Inbox {
    /// Periods named in the titles of the tables read, with where.
    pub fn period_hints(&self) -> Vec<(Period, Location)> {
        self.indicator_sheets.iter().filter_map(|s| s.period.clone()).collect()
    }
}

/// What one file gave.
struct FileOutcome {
    file: InputFile,
    sheets: Vec<IndicatorSheet>,
    annual: AnnualSheets,
    registrations: Vec<RegistrationSheet>,
    hints: Vec<(Period, Location)>,
    problems: Vec<Problem>,
}

/// Read every workbook under `dir`. `progress` is called once per file read.
///
/// Files are read in parallel, in chunks: what a chunk gave is folded into
/// the inbox while the next is parsed, and a file whose readings are the
/// same as an earlier file's (a resubmission, a copy in another folder)
/// adds only its listing. So memory holds the distinct content read, not
/// every file.
pub fn read_inbox(dir: &Path, resolver: &dyn UnitResolver, rules: &Rules, limits: &Limits, progress: &(dyn Fn(&str) + Sync)) -> Inbox {
    read_listed(list_inbox(dir), resolver, rules, limits, progress)
}

/// [`read_inbox`] on a listing already made (the run lists the inbox once,
/// for its progress count, and reads that listing).
/// An inbox listed, with its first files read and hashed already: done
/// while the registry and the rules are parsed, so that neither core waits
/// for the other at the start of a run.
pub struct Prefetched {
    listing: Listing,
    first: Option<Vec<Ahead>>,
}

impl Prefetched {
    /// How many workbooks are to be read.
    pub fn files(&self) -> usize {
        self.listing.files.len()
    }
}

impl From<Listing> for Prefetched {
    fn from(listing: Listing) -> Prefetched {
        Prefetched { listing, first: None }
    }
}

/// How many files are read (and hashed) together before they are parsed.
const CHUNK: usize = 512;

/// The listing in chunks of at most `CHUNK` files, the last one short: each
/// chunk is folded into the inbox while the next is parsed, but the last
/// is folded with nothing beside it, so it is kept to a sixteenth of the
/// files (at least 16). Where the chunks end changes nothing read: copies
/// are told in the listing's order across chunks.
fn chunked(files: &[(String, PathBuf)]) -> Vec<&[(String, PathBuf)]> {
    let tail = (files.len() / 16).max(16).min(files.len()).min(CHUNK);
    let (head, last) = files.split_at(files.len() - tail);
    head.chunks(CHUNK).chain((!last.is_empty()).then_some(last)).collect()
}

/// Every file of a chunk read and hashed (in parallel).
///
/// Rayon cuts a parallel loop into a few long pieces and never cuts a
/// piece once a thread has started it, so the core that finishes first
/// waits for the other's last piece (8 ms of a national `check` spent with
/// one core idle at the end of the first chunk). Pieces of at most a few
/// files (`with_max_len`) keep both cores busy to the end.
fn read_chunk(chunk: &[(String, PathBuf)], limits: &Limits) -> Vec<Ahead> {
    let budget = std::sync::atomic::AtomicU64::new(AHEAD_BUDGET);
    chunk.par_iter().with_max_len(8).map(|(_, abs)| read_ahead(abs, limits, &budget)).collect()
}

/// The first files of `listing` read and hashed, for `read_listed` with
/// the same limits.
pub fn prefetch(listing: Listing, limits: &Limits) -> Prefetched {
    let first = chunked(&listing.files).first().map(|c| read_chunk(c, limits));
    Prefetched { listing, first }
}

pub fn read_listed(
    listing: impl Into<Prefetched>,
    resolver: &dyn UnitResolver,
    rules: &Rules,
    limits: &Limits,
    progress: &(dyn Fn(&str) + Sync),
) -> Inbox {
    let Prefetched { listing, first } = listing.into();
    let specs = quarterly::indicators::field_specs(rules);
    let mut inbox = Inbox { problems: listing.problems, ..Default::default() };
    for (rel, abs, why) in listing.skipped {
        inbox.files.push(InputFile { path: rel, abs_path: abs, sha256: String::new(), bytes: 0, kinds: vec![], status: why });
    }
    // Looked up and added to, never walked: hashed cheaply (the keys are
    // SHA-256 digests).
    let mut seen: FxHashMap<Fingerprint, String> = FxHashMap::default();
    // Files already read, by their bytes (SHA-256 and extension): a later
    // file with the same bytes gives the same readings, so it is listed
    // without being parsed again (the benchmark's copies, resubmissions).
    let mut by_bytes: FxHashMap<(String, String), Original> = FxHashMap::default();
    // Every file of a chunk is read and hashed first (in parallel), so that
    // which file is a copy of which follows the listing's order; the next
    // chunk is read while this one is parsed, so that neither core waits
    // between chunks.
    let chunks = chunked(&listing.files);
    let mut next = first.or_else(|| chunks.first().map(|c| read_chunk(c, limits)));
    // What a chunk gave, folded into the inbox on one core while the next
    // chunk is parsed on the others (folding is a few milliseconds of
    // moving what was read, which used to leave the other core idle).
    let mut pending: Option<ChunkOutcomes> = None;
    for (at, chunk) in chunks.iter().copied().enumerate() {
        let ahead = next.take().expect("each chunk is read before it is parsed");
        let keys: Vec<Option<(String, String)>> = ahead
            .iter()
            .zip(chunk)
            .map(|(a, (_, abs))| {
                let ext = abs.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
                a.sha256.clone().map(|h| (h, ext))
            })
            .collect();
        let lens: Vec<u64> = ahead.iter().map(|a| a.len).collect();
        let key = |i: usize| keys[i].clone();
        // For each file: the index of an earlier file of this chunk with the
        // same bytes, or the original of an earlier chunk.
        // (Keys borrowed from `keys`: copied only into `by_bytes`.)
        let mut first_in_chunk: FxHashMap<&(String, String), usize> = FxHashMap::default();
        let mut copy_of: Vec<Option<CopyOf>> = Vec::with_capacity(chunk.len());
        for (i, k) in keys.iter().enumerate() {
            copy_of.push(k.as_ref().and_then(|k| match by_bytes.get(k) {
                Some(o) => Some(CopyOf::Earlier(o.clone())),
                None => match first_in_chunk.get(k) {
                    Some(&j) => Some(CopyOf::InChunk(j)),
                    None => {
                        first_in_chunk.insert(k, i);
                        None
                    }
                },
            }));
        }
        let parse = |i: usize, ahead: Ahead| {
            let (rel, abs) = &chunk[i];
            let o = read_file(rel, abs, ahead, resolver, rules, &specs, limits);
            progress(rel);
            let f = fingerprint(&o);
            (o, f)
        };
        let earlier = pending.take();
        let (_, (mut outcomes, read_next)): (_, (Vec<Option<Parsed>>, _)) = rayon::join(
            || earlier.map(|e| fold_chunk(&mut inbox, &mut seen, e)),
            || {
                rayon::join(
                    // In pieces of two files (see `read_chunk`).
                    || {
                        ahead
                            .into_par_iter()
                            .with_max_len(2)
                            .enumerate()
                            .map(|(i, a)| if copy_of[i].is_none() { Some(parse(i, a)) } else { None })
                            .collect()
                    },
                    || chunks.get(at + 1).map(|c| read_chunk(c, limits)),
                )
            },
        );
        next = read_next;
        // A copy of a file that gave readings is listed as the same content
        // as that file's original; a copy of a file that gave none (refused,
        // empty) is read for its own problems, with its own place.
        let mut listed: Vec<Option<(InputFile, Fingerprint)>> = (0..chunk.len()).map(|_| None).collect();
        let mut reread = Vec::new();
        for i in 0..chunk.len() {
            let original = match &copy_of[i] {
                None => continue,
                Some(CopyOf::Earlier(o)) => o.clone(),
                Some(CopyOf::InChunk(j)) => {
                    let (o, f) = outcomes[*j].as_ref().expect("an original is parsed");
                    Original { readings: !(o.sheets.is_empty() && o.annual.is_empty()), fingerprint: *f, kinds: o.file.kinds.clone() }
                }
            };
            if original.readings {
                let (rel, _) = &chunk[i];
                // Its status names the first file with these readings, once
                // the files before it are folded in below.
                let file = InputFile {
                    path: rel.clone(),
                    abs_path: PathBuf::new(),
                    sha256: key(i).map(|k| k.0).unwrap_or_default(),
                    bytes: lens[i],
                    kinds: original.kinds,
                    status: String::new(),
                };
                listed[i] = Some((file, original.fingerprint));
                progress(rel);
            } else {
                reread.push(i);
            }
        }
        let again: Vec<(usize, (FileOutcome, Fingerprint))> = reread
            .into_par_iter()
            .map(|i| {
                let a = read_ahead(&chunk[i].1, limits, &std::sync::atomic::AtomicU64::new(0));
                (i, parse(i, a))
            })
            .collect();
        for (i, o) in again {
            outcomes[i] = Some(o);
        }
        for (i, got) in outcomes.iter().enumerate() {
            if let (Some(k), Some((o, f))) = (&keys[i], got) {
                if !by_bytes.contains_key(k) {
                    by_bytes.insert(
                        k.clone(),
                        Original { readings: !(o.sheets.is_empty() && o.annual.is_empty()), fingerprint: *f, kinds: o.file.kinds.clone() },
                    );
                }
            }
        }
        // Each file: (what it gave, its fingerprint) when parsed, or its
        // listing when it is a copy; folded in beside the next chunk.
        pending = Some((outcomes, listed));
    }
    if let Some(last) = pending {
        fold_chunk(&mut inbox, &mut seen, last);
    }
    inbox.files.sort_by(|a, b| a.path.cmp(&b.path));
    inbox
}

/// What a chunk gave, folded into the inbox in the listing's order. A file
/// whose readings are the same as an earlier file's (by `seen`, the first
/// file of each fingerprint) is listed as the same content, not counted
/// again.
fn fold_chunk(inbox: &mut Inbox, seen: &mut FxHashMap<Fingerprint, String>, (outcomes, listed): ChunkOutcomes) {
    // Room for all of it at once, rather than each list grown (and copied)
    // file by file.
    let parsed = || outcomes.iter().flatten().map(|(o, _)| o);
    inbox.files.reserve(outcomes.len());
    inbox.indicator_sheets.reserve(parsed().map(|o| o.sheets.len()).sum());
    inbox.annual_hints.reserve(parsed().map(|o| o.hints.len()).sum());
    inbox.registrations.reserve(parsed().map(|o| o.registrations.len()).sum());
    inbox.problems.reserve(parsed().map(|o| o.problems.len()).sum());
    inbox.annual.reserve(parsed().map(|o| &o.annual));
    // What the copies read is freed by a pool thread, not here.
    let mut copies = Vec::new();
    for o in outcomes.into_iter().zip(listed) {
        let (o, f) = match o {
            (Some(o), _) => o,
            (None, None) => unreachable!("every file is parsed or listed"),
            (None, Some((mut file, f))) => {
                let first = seen.get(&f).map_or("", String::as_str);
                file.status = format!("đã đọc; cùng nội dung với tệp \"{first}\", không tính lại");
                inbox.files.push(file);
                continue;
            }
        };
        let FileOutcome { mut file, sheets, annual, registrations, hints, problems } = o;
        // Only its place in the inbox is kept once a file is read.
        file.abs_path = PathBuf::new();
        let readings = !(sheets.is_empty() && annual.is_empty() && registrations.is_empty());
        if readings {
            if let Some(first) = seen.get(&f) {
                file.status = format!("đã đọc; cùng nội dung với tệp \"{first}\", không tính lại");
                inbox.files.push(file);
                copies.push((sheets, annual, registrations, hints, problems));
                continue;
            }
            seen.insert(f, file.path.clone());
        }
        inbox.files.push(file);
        inbox.indicator_sheets.extend(sheets);
        inbox.annual.extend(annual);
        inbox.annual_hints.extend(hints);
        inbox.registrations.extend(registrations);
        inbox.problems.extend(problems);
    }
    rayon::spawn(move || drop(copies));
}

/// The SHA-256 of a file's readings written out in one unambiguous form
/// (every text ends with a marker, as `Hash` writes it, and every list
/// starts with its length). A file whose fingerprint equals an earlier file's
/// is listed as "cùng nội dung" and its readings are not counted again, so
/// two different files must never share one: a 64-bit hash left that to
/// chance (about 10⁻¹⁰ for the 75 500 files of the largest benchmark),
/// SHA-256 does not.
type Fingerprint = [u8; 32];

/// The bytes `Hash` writes, kept to be digested once.
#[derive(Default)]
struct Canonical(Vec<u8>);

impl std::hash::Hasher for Canonical {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }
    /// Not used: the digest is taken from the bytes.
    fn finish(&self) -> u64 {
        0
    }
}

/// A number for the fingerprint, as its numerator and denominator. Every
/// `Num` a reader makes is in lowest terms with a positive denominator
/// (`Ratio::new`, `Num::from_f64`'s and `checked_add`'s 64-bit reductions),
/// so equal values give equal bytes and different values different bytes,
/// without `Ratio`'s own `Hash`, which works out the continued fraction with
/// 128-bit divisions (most of the fingerprint's cost outside SHA-256).
struct Lowest(Option<crate::model::Num>);

impl std::hash::Hash for Lowest {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        match &self.0 {
            None => h.write_u8(0),
            Some(n) => {
                debug_assert!(
                    *n.0.denom() > 0 && {
                        let r = n.0.reduced();
                        (r.numer(), r.denom()) == (n.0.numer(), n.0.denom())
                    },
                    "not in lowest terms: {n:?}"
                );
                h.write_u8(1);
                h.write_i128(*n.0.numer());
                h.write_i128(*n.0.denom());
            }
        }
    }
}

/// What a file's readings say, without where they were read: equal for two
/// files that report the same figures, points, votes and facts.
fn fingerprint(o: &FileOutcome) -> Fingerprint {
    use sha2::Digest;
    use std::hash::Hash;
    let mut h = Canonical::default();
    o.sheets.len().hash(&mut h);
    for s in &o.sheets {
        s.period.as_ref().map(|p| p.0).hash(&mut h);
        s.columns.hash(&mut h);
        s.rows.len().hash(&mut h);
        for r in &s.rows {
            r.unit.hash(&mut h);
            r.figures.len().hash(&mut h);
            for f in &r.figures {
                f.key.hash(&mut h);
                Lowest(Some(f.value)).hash(&mut h);
            }
            // The keys only: the cells name the file, and the same workbook
            // sent under two names is the same.
            for (k, _) in &r.invalid {
                k.hash(&mut h);
            }
        }
    }
    o.registrations.len().hash(&mut h);
    for s in &o.registrations {
        s.year.hash(&mut h);
        s.units.len().hash(&mut h);
        for u in &s.units {
            u.unit.hash(&mut h);
            u.targets.len().hash(&mut h);
            for (k, e) in &u.targets {
                k.hash(&mut h);
                Lowest(e.year.as_ref().map(|r| r.value)).hash(&mut h);
                e.quarters.len().hash(&mut h);
                for q in &e.quarters {
                    Lowest(q.as_ref().map(|r| r.value)).hash(&mut h);
                }
            }
        }
        s.blank_units.iter().map(|b| &b.0).collect::<Vec<_>>().hash(&mut h);
        s.rejected.hash(&mut h);
    }
    let a = &o.annual;
    let pts = |m: &Option<crate::model::annual::Mark>| Lowest(m.as_ref().map(|m| m.points));
    a.self_scores.len().hash(&mut h);
    for s in &a.self_scores {
        s.unit.hash(&mut h);
        s.rows.len().hash(&mut h);
        for (c, own, ver) in &s.rows {
            (&c.code, &c.name, Lowest(Some(c.max)), pts(own), pts(ver)).hash(&mut h);
        }
    }
    a.refused_self.hash(&mut h);
    a.refused_cross.hash(&mut h);
    a.cross_scores.len().hash(&mut h);
    for s in &a.cross_scores {
        s.scorer.hash(&mut h);
        s.criteria.len().hash(&mut h);
        for c in &s.criteria {
            (&c.name, Lowest(Some(c.max))).hash(&mut h);
        }
        s.rows.len().hash(&mut h);
        for (u, marks) in &s.rows {
            u.hash(&mut h);
            for m in marks {
                pts(m).hash(&mut h);
            }
        }
    }
    a.votes.len().hash(&mut h);
    for v in &a.votes {
        (v.members_declared.as_ref().map(|m| m.0), v.ballots).hash(&mut h);
        v.lines.len().hash(&mut h);
        for l in &v.lines {
            (&l.unit, &l.award, l.votes).hash(&mut h);
        }
    }
    a.eligibility.len().hash(&mut h);
    for e in &a.eligibility {
        let f = |x: &crate::model::annual::Flag| x.as_ref().map(|x| x.0);
        (
            &e.unit,
            f(&e.covenant),
            f(&e.excellent_title),
            f(&e.exceeded_targets),
            f(&e.demoted),
            f(&e.serious_violation),
            f(&e.under_review),
        )
            .hash(&mut h);
        (&e.new_model, &e.leads_field, &e.achievements, &e.past_awards).hash(&mut h);
    }
    a.new_models.len().hash(&mut h);
    for m in &a.new_models {
        (&m.unit, &m.text, &m.effect).hash(&mut h);
    }
    a.individuals.len().hash(&mut h);
    for i in &a.individuals {
        (&i.full_name, &i.position, &i.unit, &i.award, &i.achievements).hash(&mut h);
    }
    a.central.len().hash(&mut h);
    for c in &a.central {
        (&c.unit, &c.achievement, &c.proposer, c.priority).hash(&mut h);
    }
    a.outside.len().hash(&mut h);
    for o in &a.outside {
        (&o.name, &o.position, &o.achievement, &o.proposer, &o.form).hash(&mut h);
    }
    a.meetings.len().hash(&mut h);
    for m in &a.meetings {
        (&m.cluster, &m.time, m.date, &m.place, &m.chair, &m.secretary, &m.attendees).hash(&mut h);
        (&m.next_head, &m.next_deputy, &m.head, &m.deputy).hash(&mut h);
    }
    // Problems found in the file count too: two files with the same
    // readings but different errors are not the same.
    o.problems.len().hash(&mut h);
    for p in &o.problems {
        (&p.code, &p.unit, p.location.cell.as_deref(), &p.message).hash(&mut h);
    }
    sha2::Sha256::digest(&h.0).into()
}

/// A file parsed: what it gave, and the fingerprint of its readings.
type Parsed = (FileOutcome, Fingerprint);
/// A copy listed without parsing, with its original's fingerprint.
type Listed = (InputFile, Fingerprint);
/// What a chunk gave, file by file: what it gave when parsed, its listing
/// when it is a copy.
type ChunkOutcomes = (Vec<Option<Parsed>>, Vec<Option<Listed>>);

/// What an original (a file parsed) gave, for the later files with its bytes.
#[derive(Clone)]
struct Original {
    readings: bool,
    fingerprint: Fingerprint,
    kinds: Vec<String>,
}

enum CopyOf {
    Earlier(Original),
    InChunk(usize),
}

/// How many bytes of a chunk's files are kept in memory between hashing and
/// parsing them (two chunks at most: the one parsed and the next); a file
/// past it is read again when parsed.
const AHEAD_BUDGET: u64 = 64 << 20;

/// A file read (and hashed) before it is parsed.
struct Ahead {
    /// The bytes, or why they could not be read; `None` when they were not
    /// kept (over the budget) and are read again when parsed.
    bytes: Option<Result<Vec<u8>, Unread>>,
    sha256: Option<String>,
    len: u64,
}

fn read_ahead(abs: &Path, limits: &Limits, budget: &std::sync::atomic::AtomicU64) -> Ahead {
    use std::sync::atomic::Ordering;
    match read_regular(abs, limits.max_file_bytes) {
        Ok(b) => {
            let sha256 = Some(crate::rules::hex(&sha2::Sha256::digest_bytes(&b)));
            let n = b.len() as u64;
            let keep = budget.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| left.checked_sub(n)).is_ok();
            Ahead { bytes: keep.then_some(Ok(b)), sha256, len: n }
        }
        Err(e) => Ahead { bytes: Some(Err(e)), sha256: None, len: 0 },
    }
}

fn read_file(
    rel: &str,
    abs: &Path,
    ahead: Ahead,
    resolver: &dyn UnitResolver,
    rules: &Rules,
    specs: &[header::FieldSpec],
    limits: &Limits,
) -> FileOutcome {
    let mut file = InputFile {
        path: rel.to_string(),
        abs_path: abs.to_path_buf(),
        sha256: String::new(),
        bytes: 0,
        kinds: vec![],
        status: String::new(),
    };
    let mut problems = Vec::new();
    let sheets = Vec::new();
    let fail = |file: &mut InputFile, problems: &mut Vec<Problem>, why: String| {
        file.status = format!("bỏ qua: {why}");
        problems.push(Problem::error("unreadable-file", Location::file(rel), format!("Không đọc được tệp: {why}.")));
    };
    let (read, known) = match ahead.bytes {
        Some(r) => (r, ahead.sha256),
        None => (read_regular(abs, limits.max_file_bytes), None),
    };
    let bytes = match read {
        Ok(b) => b,
        Err(Unread::TooBig(len)) => {
            fail(&mut file, &mut problems, format!("tệp lớn hơn {} MB", limits.max_file_bytes >> 20));
            file.bytes = len;
            return FileOutcome { file, sheets, annual: AnnualSheets::default(), registrations: vec![], hints: vec![], problems };
        }
        Err(Unread::NotRegular) => {
            fail(
                &mut file,
                &mut problems,
                "không phải tệp thông thường (thiết bị, ống dẫn FIFO hay socket mang tên bảng tính); không mở để tránh treo".into(),
            );
            return FileOutcome { file, sheets, annual: AnnualSheets::default(), registrations: vec![], hints: vec![], problems };
        }
        Err(Unread::Os(e)) => {
            fail(&mut file, &mut problems, os_error_vi(&e));
            return FileOutcome { file, sheets, annual: AnnualSheets::default(), registrations: vec![], hints: vec![], problems };
        }
    };
    file.bytes = bytes.len() as u64;
    file.sha256 = known.unwrap_or_else(|| crate::rules::hex(&sha2::Sha256::digest_bytes(&bytes)));
    let ext = abs.extension().and_then(|e| e.to_str()).unwrap_or("");
    let named = grid::Format::from_extension(ext).expect("listed files have a workbook extension");
    let w = read_workbook(&bytes, rel, named, resolver, rules, specs, limits);
    file.kinds = w.kinds;
    file.status = w.status;
    FileOutcome { file, sheets: w.sheets, annual: w.annual, registrations: w.registrations, hints: w.hints, problems: w.problems }
}

enum Unread {
    TooBig(u64),
    NotRegular,
    Os(std::io::Error),
}

/// Read a regular file of at most `max` bytes. It is opened without
/// blocking (a FIFO put in its place after the listing cannot hang the
/// run), checked to be a regular file through the open handle, and read no
/// further than `max` whatever its size says.
fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, Unread> {
    use std::io::Read;
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let f = opts.open(path).map_err(Unread::Os)?;
    let meta = f.metadata().map_err(Unread::Os)?;
    if !meta.is_file() {
        return Err(Unread::NotRegular);
    }
    if meta.len() > max {
        return Err(Unread::TooBig(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(max + 1).read_to_end(&mut bytes).map_err(Unread::Os)?;
    if bytes.len() as u64 > max {
        return Err(Unread::TooBig(bytes.len() as u64));
    }
    Ok(bytes)
}

/// An error of the operating system, said in Vietnamese with what to do
/// (the system's own words are English).
pub fn os_error_vi(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::PermissionDenied => "không có quyền đọc hoặc ghi (bị hệ điều hành từ chối); hãy nhờ quản trị máy cấp quyền cho tài khoản đang chạy, hoặc chép tệp sang thư mục của mình",
        K::NotFound => "không tìm thấy (tệp hoặc thư mục đã bị xóa, đổi tên hay di chuyển); hãy kiểm tra đường dẫn",
        K::StorageFull => "ổ đĩa đã hết chỗ trống; hãy xóa bớt tệp hoặc chọn thư mục kết quả trên ổ khác (--out) rồi chạy lại",
        K::QuotaExceeded => "đã dùng hết hạn mức dung lượng được cấp trên ổ đĩa; hãy xóa bớt tệp hoặc chọn ổ khác rồi chạy lại",
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc, không ghi được; hãy chọn thư mục kết quả trên ổ khác (--out)",
        K::IsADirectory => "là một thư mục, không phải tệp",
        K::NotADirectory => "một phần của đường dẫn không phải là thư mục",
        K::WouldBlock => "tệp đang bị chương trình khác giữ, hoặc không phải tệp thông thường; hãy đóng chương trình đó rồi chạy lại",
        K::TimedOut => "quá thời gian chờ (ổ mạng chậm hoặc mất kết nối); hãy chép tệp về máy rồi chạy lại",
        K::Interrupted => "bị ngắt giữa chừng; hãy chạy lại",
        K::InvalidFilename => "tên tệp không hợp lệ hoặc quá dài; hãy đặt tên ngắn hơn",
        K::FileTooLarge => "tệp quá lớn",
        K::UnexpectedEof => "tệp bị cắt cụt (chưa chép xong hoặc tải về chưa hết); hãy chép hoặc tải lại",
        K::OutOfMemory => "máy không đủ bộ nhớ; hãy đóng bớt chương trình rồi chạy lại",
        K::ResourceBusy | K::ExecutableFileBusy => "tệp đang bị chương trình khác sử dụng; hãy đóng chương trình đó rồi chạy lại",
        K::CrossesDevices => "không chuyển được tệp giữa hai ổ đĩa; hãy chọn thư mục kết quả trên cùng ổ",
        K::DirectoryNotEmpty => "thư mục không trống",
        K::AlreadyExists => "đã có tệp hoặc thư mục trùng tên",
        _ => "lỗi đọc/ghi đĩa; hãy kiểm tra ổ đĩa và quyền truy cập rồi chạy lại",
    };
    match e.raw_os_error() {
        Some(code) => format!("{what} (mã lỗi hệ thống {code})"),
        None => what.to_string(),
    }
}

/// An error and its causes, each said in Vietnamese: an operating-system
/// error anywhere in the chain is replaced by `os_error_vi`.
pub fn error_chain_vi(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        match cause.downcast_ref::<std::io::Error>() {
            Some(io) => {
                parts.push(os_error_vi(io));
                break;
            }
            None => parts.push(cause.to_string()),
        }
    }
    parts.join(": ")
}

/// What one workbook gave.
pub struct WorkbookOutcome {
    pub kinds: Vec<String>,
    pub status: String,
    pub sheets: Vec<IndicatorSheet>,
    pub annual: AnnualSheets,
    pub registrations: Vec<RegistrationSheet>,
    /// Periods named in the titles of year-end sheets.
    pub hints: Vec<(Period, Location)>,
    pub problems: Vec<Problem>,
}

/// Read one workbook held in memory (also the fuzzing entry point): guard,
/// load, recognise and read every sheet. Never panics on any input.
pub fn read_workbook(
    bytes: &[u8],
    rel: &str,
    named: grid::Format,
    resolver: &dyn UnitResolver,
    rules: &Rules,
    specs: &[header::FieldSpec],
    limits: &Limits,
) -> WorkbookOutcome {
    let mut out = WorkbookOutcome {
        kinds: vec![],
        status: String::new(),
        sheets: vec![],
        annual: AnnualSheets::default(),
        registrations: vec![],
        hints: vec![],
        problems: vec![],
    };
    let loaded = match grid::load(bytes, named, limits) {
        Ok(l) => l,
        Err(why) => {
            out.status = format!("bỏ qua: {why}");
            out.problems.push(Problem::error("unreadable-file", Location::file(rel), format!("Không đọc được tệp: {why}.")));
            return out;
        }
    };
    let mut notes = loaded.skipped;
    // Shared by every location in the workbook.
    let rel = &Name::from(rel);
    for g in &loaded.sheets {
        // Text typed in the old TCVN3 (ABC) fonts was converted: say where.
        for (r, c, typed) in g.converted.iter().take(20) {
            let shown: String = typed.chars().take(60).collect();
            out.problems.push(Problem::warning(
                "legacy-encoding",
                Location::cell(rel, &g.name, *r, *c),
                format!("Ô gõ bằng bảng mã cũ (TCVN3/ABC phông .VnTime, hoặc VNI) \"{shown}\"; đã chuyển sang Unicode là \"{}\". Hãy kiểm tra và gửi lại bằng Unicode.", g.text(*r, *c)),
            ));
        }
        if g.converted.len() > 20 {
            out.problems.push(Problem::warning(
                "legacy-encoding",
                Location::sheet(rel, &g.name),
                format!("Còn {} ô khác trên trang này cũng gõ bằng bảng mã cũ và đã được chuyển sang Unicode.", g.converted.len() - 20),
            ));
        }
    }
    // Indicator sheets first; the other sheets are tried as year-end kinds.
    let mut rest: Vec<&grid::Grid> = Vec::new();
    for g in &loaded.sheets {
        // A registration of targets (Hướng dẫn 3636, mục A.II.3.1) is
        // recognised first: its "Chỉ tiêu" column is not an indicator.
        if let Some(h) = registration::recognise(g) {
            let sheet = registration::read(g, &h, rel, rules, resolver, &mut out.problems);
            if !out.kinds.iter().any(|k| k == "dang-ky") {
                out.kinds.push("dang-ky".into());
            }
            out.registrations.push(sheet);
            continue;
        }
        if let Some(hm) = quarterly::indicators::recognise(g, specs) {
            let sheet = quarterly::indicators::read(g, &hm, rel, rules, resolver, &mut out.problems);
            if !out.kinds.iter().any(|k| k == "chi-tieu") {
                out.kinds.push("chi-tieu".into());
            }
            out.sheets.push(sheet);
        } else {
            rest.push(g);
        }
    }
    let pass = annual::read_workbook(&rest, rel, resolver);
    out.annual.extend(pass.sheets);
    out.problems.extend(pass.problems);
    for (g, kind) in rest.iter().zip(&pass.kinds) {
        match kind {
            Some(kind) => {
                if !out.kinds.iter().any(|k| k == kind) {
                    out.kinds.push((*kind).into());
                }
                // The title above the table names the period ("NĂM 2022").
                if let Some((p, r, c)) = (0..g.height().min(6))
                    .flat_map(|r| (0..g.width(r).min(8)).map(move |c| (r, c)))
                    .find_map(|(r, c)| period::period_in(&g.text_ref(r, c)).map(|p| (p, r, c)))
                {
                    out.hints.push((p, Location::cell(rel, &g.name, r, c)));
                }
            }
            None if !g.row_is_empty(0) || g.height() > 1 => notes.push(format!("trang \"{}\" không phải bảng nào tệp cần đọc", g.name)),
            None => {}
        }
    }
    // A hidden sheet is not read: what the sender hid is not what was sent
    // for review. But a form hidden by mistake would leave its figures out
    // without a word, so a hidden sheet laid out as one is told.
    let mut hidden_form = false;
    for g in &loaded.hidden {
        if let Some(kind) = hidden_kind(g, rel, specs, resolver) {
            let (only, otherwise) = if out.kinds.is_empty() {
                (" Tệp không có bảng nào khác nên không được dùng.", "")
            } else {
                ("", "; nếu không, hãy xóa trang này")
            };
            out.problems.push(Problem::warning(
                "hidden-sheet",
                Location::sheet(rel, &g.name),
                format!(
                    "Trang \"{}\" đang bị ẩn nên không được đọc, dù có dạng {kind}.{only} Nếu số liệu của trang này cần xét, hãy bỏ ẩn trang (nhấp chuột phải vào tên một trang, chọn Bỏ ẩn) rồi gửi lại{otherwise}.",
                    g.name
                ),
            ));
            hidden_form = true;
        }
        notes.push(format!("bỏ qua trang ẩn \"{}\"", g.name));
    }
    if out.kinds.is_empty() && hidden_form {
        out.status = "bỏ qua: bảng số liệu nằm ở trang ẩn".into();
    } else if out.kinds.is_empty() {
        out.problems.push(Problem::warning(
            "no-table",
            Location::file(rel),
            "Không nhận ra bảng nào trong tệp (không thấy dòng tiêu đề cột của bảng chỉ tiêu, bảng đăng ký chỉ tiêu thi đua, bảng chấm điểm, kết quả bỏ phiếu, điều kiện xét thi đua, danh sách cá nhân hay thông tin hội nghị); tệp không được dùng.",
        ));
        out.status = "bỏ qua: không có bảng số liệu".into();
    } else {
        out.status = if notes.is_empty() { "đã đọc".into() } else { format!("đã đọc; {}", notes.join("; ")) };
    }
    out
}

/// What a hidden sheet would be read as, in words, or `None` when it is
/// laid out as no form the tool reads (a lookup list, notes). Its
/// problems are not the sender's to fix and are dropped.
fn hidden_kind(g: &grid::Grid, rel: &Name, specs: &[header::FieldSpec], resolver: &dyn UnitResolver) -> Option<&'static str> {
    if registration::recognise(g).is_some() {
        return Some("bảng đăng ký chỉ tiêu thi đua");
    }
    if quarterly::indicators::recognise(g, specs).is_some() {
        return Some("bảng chỉ tiêu");
    }
    let (mut sheets, mut problems) = (AnnualSheets::default(), Vec::new());
    Some(match annual::read(g, rel.clone(), None, resolver, &mut sheets, &mut problems)? {
        "tu-cham-diem" => "bảng tự chấm điểm",
        "cham-diem-cheo" => "bảng chấm điểm",
        "ca-nhan" => "danh sách cá nhân đề nghị khen thưởng",
        "de-cu-don-vi" | "ngoai-nganh" => "danh sách đề nghị khen thưởng",
        "bo-phieu" => "bảng kết quả bỏ phiếu",
        "dieu-kien" => "bảng điều kiện xét thi đua",
        "mo-hinh-moi" => "bảng mô hình mới",
        "hoi-nghi" => "bảng thông tin hội nghị",
        _ => "một biểu mẫu",
    })
}

/// The province most of these units are in (itself for a province); ties
/// go to the first in id order, so runs are deterministic.
pub(crate) fn majority_province(ids: impl IntoIterator<Item = String>, resolver: &dyn UnitResolver) -> Option<String> {
    let mut count: std::collections::BTreeMap<String, usize> = Default::default();
    for id in ids {
        if let Some(p) = resolver.province_of(&id) {
            *count.entry(p).or_default() += 1;
        }
    }
    count.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0))).map(|(p, _)| p)
}

/// A province named in a sheet's first `rows` title rows ("BHXH TỈNH BẾN
/// TRE", "(BHXH tỉnh Bến Tre)").
pub(crate) fn province_in_title(g: &grid::Grid, rows: u32, resolver: &dyn UnitResolver) -> Option<String> {
    (0..g.height().min(rows)).flat_map(|r| (0..g.width(r).min(8)).map(move |c| (r, c))).find_map(|(r, c)| {
        g.text_ref(r, c)
            .split(['(', ')', '—', '–', ',', ':'])
            .find_map(|part| part.find("BHXH").and_then(|i| resolver.province_named(&part[i..])))
    })
}

/// SHA-256 of a byte slice.
trait DigestBytes {
    fn digest_bytes(b: &[u8]) -> Vec<u8>;
}
impl DigestBytes for sha2::Sha256 {
    fn digest_bytes(b: &[u8]) -> Vec<u8> {
        use sha2::Digest;
        sha2::Sha256::digest(b).to_vec()
    }
}

#[cfg(test)]
mod tests;
