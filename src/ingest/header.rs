//! Finding a table's header in a sheet by its Vietnamese column names
//! (SPEC §10): below any title rows, in one row or two (a group name in a
//! merged cell above its sub-headers, or "Group - Sub" in one cell), with
//! case, diacritic style, tone placement, line breaks, double spaces and a
//! trailing unit in parentheses all ignored.

use super::grid::Grid;
use crate::vn::text::{ascii_fold, fold};

/// A column the reader looks for.
#[derive(Clone, Debug)]
pub struct FieldSpec {
    pub key: String,
    /// Folded group names; "" allows a column without a group.
    pub groups: Names,
    /// Folded header names.
    pub headers: Names,
}

/// Folded names with their ASCII forms, computed once: matching a cell
/// against them then folds only the cell.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub keys: Vec<String>,
    pub ascii: Vec<String>,
    /// `bit` of every key and ASCII form: a cell whose key and ASCII form
    /// have no bit here matches none of them, and is not compared with
    /// each (every cell of a header row is tried against every field).
    mask: u64,
}

/// One bit of 64 chosen by the text's hash: equal texts have equal bits.
fn bit(s: &str) -> u64 {
    use std::hash::BuildHasher;
    1 << (std::hash::BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(s) >> 58)
}

impl Names {
    pub fn new<S: AsRef<str>>(names: &[S]) -> Names {
        let keys: Vec<String> = names.iter().map(|h| header_key(h.as_ref())).collect();
        let ascii: Vec<String> = keys.iter().map(|k| ascii_fold(k)).collect();
        Names::of(keys, ascii)
    }
    fn of(keys: Vec<String>, ascii: Vec<String>) -> Names {
        let mask = keys.iter().chain(&ascii).fold(0, |m, s| m | bit(s));
        Names { keys, ascii, mask }
    }
    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.keys.iter()
    }
}

impl FieldSpec {
    pub fn new(key: &str, groups: &[String], headers: &[String]) -> FieldSpec {
        let groups = if groups.is_empty() { Names::of(vec![String::new()], vec![String::new()]) } else { Names::new(groups) };
        FieldSpec { key: key.to_string(), groups, headers: Names::new(headers) }
    }
}

/// Column-name key: parenthesised units dropped ("Kế hoạch năm (triệu
/// đồng)" → "kế hoạch năm"), then `fold`.
pub fn header_key(s: &str) -> String {
    // A column name is a few words. A long text (a note, an achievement,
    // a hostile 32 767-character cell) is never one, and folding it for
    // every column looked for cost seconds: it gets a key nothing matches.
    if s.len() > MAX_HEADER_BYTES {
        return "\u{1}".into();
    }
    thread_local! {
        static SEEN: crate::vn::text::Memo<String> = Default::default();
    }
    crate::vn::text::memoized(&SEEN, s, header_key_uncached)
}

fn header_key_uncached(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let mut k = same_i_y(fold(&out));
    k.truncate(k.trim_end_matches(['%', ' ']).len());
    k
}

/// Vietnamese writes a syllable's final "i" as "y" or "i" alike after a
/// consonant ("tỷ lệ" and "tỉ lệ", "kỹ thuật" and "kĩ thuật", "quý" and
/// "quí"): in a header key both read as "i". "uy", "ay", "ây" (a vowel
/// before the y) are other vowels and are left.
fn same_i_y(k: String) -> String {
    if !k.contains('y') {
        return k;
    }
    k.split(' ')
        .map(|w| {
            let body = w.trim_end_matches(|c: char| c.is_ascii_digit());
            match body.strip_suffix('y') {
                Some(onset)
                    if !onset.is_empty() && (onset == "qu" || onset.chars().all(|c| c.is_ascii_alphabetic() && !"aeiouy".contains(c))) =>
                {
                    format!("{onset}i{}", &w[body.len()..])
                }
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Longest text (in bytes) that can be a column name or a label.
pub const MAX_HEADER_BYTES: usize = 600;

/// Header names of the column that names the unit.
pub const NAME_HEADERS: &[&str] = &[
    "Đơn vị",
    "Tên đơn vị",
    "Đơn vị BHXH",
    "Tên đơn vị BHXH",
    "BHXH tỉnh",
    "BHXH tỉnh, thành phố",
    "Tỉnh, thành phố",
    "Tỉnh/thành phố",
    "Tỉnh",
    "Tên tỉnh",
    "Đơn vị báo cáo",
    "Đơn vị được chấm",
    "Đơn vị thi đua",
    "Tên đơn vị thi đua",
    "Tập thể",
    "Tên tập thể",
];
pub const STT_HEADERS: &[&str] = &["STT", "TT", "Số TT", "Số thứ tự"];

/// Where the header was found and which column holds what.
#[derive(Clone, Debug)]
pub struct HeaderMatch {
    /// The last header row; data starts below it.
    pub row: u32,
    pub name_col: u32,
    pub stt_col: Option<u32>,
    /// Field key → column, for the fields found.
    pub columns: Vec<(String, u32)>,
    /// Further columns whose header names a field already found (field key,
    /// column): two columns for one figure. Which one the sender meant
    /// cannot be told, so the reader compares them row by row.
    pub twins: Vec<(String, u32)>,
    /// A quarter's end written after a matched header ("Lũy kế đến
    /// 30/9/2022"), with its cell: the sheet's period when no title says.
    pub dated: Option<(crate::model::Period, u32, u32)>,
    /// Every matched column's date or year ("Thực hiện đến 31/12/2022",
    /// "Kế hoạch giao năm 2022"), with its cell: a column of another period
    /// than its sheet's is not read as this period's.
    pub dates: Vec<(crate::model::Period, u32, u32)>,
    /// The first group label (row, column) of a group row typed without
    /// merged cells whose columns could not be told apart
    /// ([`regroup_unmerged`]): the columns under those labels are not read.
    pub unclear_groups: Option<(u32, u32)>,
}

/// A header with the date or year it runs to written after it, without
/// them: "Kế hoạch năm 2022" → "Kế hoạch" (year 2022), "TH lũy kế đến
/// 30/9" → "TH lũy kế", "Thực hiện đến ngày 30/9/2022" → "Thực hiện", with
/// the quarter that date ends when it ends one and names its year;
/// "Thực hiện đến 31/12/2022" is the fourth quarter's. "Đến 31/12/2021"
/// keeps its date: it names the year's starting column. `None` when there
/// is nothing to take off.
pub fn without_period_suffix(text: &str) -> Option<(String, Option<crate::model::Period>)> {
    // Only a text ending in a date ("…/9", "…/2022") or a year ("… 2022")
    // can lose one: most header cells are not looked at further.
    let t = text.trim_end();
    let tail = t.rsplit([' ', '/']).next().unwrap_or("");
    let year_end = tail.len() == 4 && (tail.starts_with("19") || tail.starts_with("20")) && tail.bytes().all(|b| b.is_ascii_digit());
    if !t.ends_with(|c: char| c.is_ascii_digit()) || !(t.contains('/') || year_end) {
        return None;
    }
    static RE: std::sync::OnceLock<(regex::Regex, regex::Regex)> = std::sync::OnceLock::new();
    let (date, year) = RE.get_or_init(|| {
        (
            regex::Regex::new(r"(?i)[\s,(-]*(?:tính\s+)?đến\s+(?:hết\s+)?(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\s*$")
                .unwrap(),
            regex::Regex::new(r"(?i)\s+(?:năm\s+)?((?:19|20)\d{2})\s*$").unwrap(),
        )
    });
    let t = crate::vn::text::nfc(text.trim());
    if let Some(c) = date.captures(&t) {
        let (d, m): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        if (d, m) == (31, 12) {
            let y = c.get(3)?;
            let rest = t[..c.get(0)?.start()].trim();
            // What was done up to the year's end ("Thực hiện đến 31/12/2022",
            // "Lũy kế đến 31/12/2022") is the fourth quarter's achievement.
            let done = ["thuc hien", "th", "luy ke", "th luy ke", "da thu", "so da thu", "so thu"];
            if done.contains(&crate::vn::text::ascii_fold(rest).as_str()) {
                let year = y.as_str().parse().ok()?;
                return Some((rest.to_string(), Some(crate::model::Period::Quarter { year, q: 4 })));
            }
            // Any other column to the 31/12 is the number at the start of a
            // year ("Số người đến 31/12/2021"): it keeps its date and loses
            // the year, which every year's form writes differently.
            return Some((t[..y.start()].trim_end().trim_end_matches('/').trim_end().to_string(), None));
        }
        let rest = t[..c.get(0)?.start()].trim().to_string();
        let quarter = match (d, m) {
            (31, 3) => Some(1),
            (30, 6) => Some(2),
            (30, 9) => Some(3),
            _ => None,
        };
        let period = quarter.zip(c.get(3).and_then(|y| y.as_str().parse().ok())).map(|(q, year)| crate::model::Period::Quarter { year, q });
        return (!rest.is_empty()).then_some((rest, period));
    }
    // "Kế hoạch giao năm 2022" → "Kế hoạch giao", the year kept aside: a
    // column of another year than its sheet's is not read as this year's.
    let c = year.captures(&t)?;
    let rest = t[..c.get(0)?.start()].trim().to_string();
    let y = c.get(1)?.as_str().parse().ok()?;
    (!rest.is_empty()).then_some((rest, Some(crate::model::Period::Year { year: y })))
}

/// A header without the unit in parentheses it ends with: "Kế hoạch năm
/// 2024 (đồng)" → "Kế hoạch năm 2024".
fn without_trailing_unit(text: &str) -> &str {
    let t = text.trim_end();
    match t.strip_suffix(')').and_then(|x| x.rfind('(')) {
        Some(open) => t[..open].trim_end(),
        None => t,
    }
}

fn matches_any(key: &str, list: &Names) -> bool {
    matches_key(&Key::new(key.to_string()), list)
}

/// A header key with its ASCII form, computed once per cell.
struct Key {
    k: String,
    a: std::rc::Rc<str>,
    /// `bit` of `k`, and of `a` when it is not empty (`Names::mask`).
    bits: u64,
}

impl Key {
    fn new(k: String) -> Key {
        let a: std::rc::Rc<str> = if k.is_empty() { "".into() } else { ascii_of(&k) };
        let bits = bit(&k) | if a.is_empty() { 0 } else { bit(&a) };
        Key { k, a, bits }
    }
    fn is_empty(&self) -> bool {
        self.k.is_empty()
    }
}

/// The key of a cell's text, remembered per thread: each cell of a
/// candidate header row is looked up once, without a copy of its key.
fn key_of(text: &str) -> std::rc::Rc<Key> {
    thread_local! {
        static SEEN: crate::vn::text::Memo<std::rc::Rc<Key>> = Default::default();
    }
    crate::vn::text::memoized(&SEEN, text, |t| std::rc::Rc::new(Key::new(header_key(t))))
}

fn matches_key(key: &Key, list: &Names) -> bool {
    key.bits & list.mask != 0 && (list.keys.contains(&key.k) || (!key.a.is_empty() && list.ascii.iter().any(|h| **h == *key.a)))
}

/// `ascii_fold` of the header keys met while scanning a sheet, remembered:
/// the same cell is compared with every field's names.
fn ascii_of(key: &str) -> std::rc::Rc<str> {
    thread_local! {
        static SEEN: crate::vn::text::Memo<std::rc::Rc<str>> = Default::default();
    }
    crate::vn::text::memoized(&SEEN, key, |k| ascii_fold(k).into())
}

/// Whether a cell's text names the unit column, remembered per thread:
/// every row scanned for a header asks it of each of its cells.
fn is_name_header(text: &str, names: &Names) -> bool {
    thread_local! {
        static SEEN: crate::vn::text::Memo<bool> = Default::default();
    }
    crate::vn::text::memoized(&SEEN, text, |t| matches_any(&header_key(t), names))
}

/// Split "BHXH tự nguyện - Kế hoạch năm" into its group and sub-header.
fn split_combined(text: &str) -> Option<(String, String)> {
    // Every separator holds one of these bytes ('–' is E2 80 93): most
    // headers have none and are not searched five times.
    if !text.bytes().any(|b| matches!(b, b'-' | b':' | b'\n' | b'/' | 0xE2)) {
        return None;
    }
    for sep in [" - ", " – ", ":", "\n", " / "] {
        if let Some((a, b)) = text.split_once(sep) {
            if !a.trim().is_empty() && !b.trim().is_empty() {
                return Some((a.to_string(), b.to_string()));
            }
        }
    }
    None
}

/// A group label's span: its first and last columns.
type Span = (u32, u32);
/// The fields a split of the columns reads: (field index, column).
type Reading = Vec<(usize, u32)>;

/// How the columns of a two-row header take the group labels above them.
enum Regroup {
    /// Merged labels, or single labels that carry to the right as typed
    /// (each at the first column of its span, the way a group is typed
    /// over blank cells): the usual reading.
    Keep,
    /// Per column (by index): `Some(Some(label column))` under that label,
    /// `Some(None)` under none; `None` for a column with no header.
    Spans(Vec<Option<Option<u32>>>),
    /// Labels typed inside their spans, the columns not tellable: the
    /// first label's column.
    Unclear(u32),
}

/// The fields a header text names, whatever their group.
fn fields_named(text: &str, fields: &[FieldSpec]) -> Vec<usize> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let sub = key_of(text);
    // "Kế hoạch thu năm 2024 (đồng)": the unit in parentheses is dropped
    // before the year is, as the key drops it.
    let alt = without_period_suffix(without_trailing_unit(text)).map(|(t, _)| key_of(&t));
    (0..fields.len())
        .filter(|&i| matches_key(&sub, &fields[i].headers) || alt.as_ref().is_some_and(|a| matches_key(a, &fields[i].headers)))
        .collect()
}

/// Whether a header names a field that may stand without a group.
fn stands_alone_field(text: &str, fields: &[FieldSpec]) -> bool {
    fields_named(text, fields).iter().any(|&i| fields[i].groups.iter().any(|g| g.is_empty()))
}

/// Group labels typed in single cells, each somewhere inside its span
/// rather than at its start ("centre across selection" done by hand:
/// "BHXH bắt buộc" typed over the second of its four columns). Carried to
/// the right, such a label takes the first column of the next span ("Kế
/// hoạch năm" of BHXH tự nguyện read as the plan of BHXH bắt buộc) and
/// leaves the first columns of its own span to the group before it.
///
/// Only a group row whose labels are all single cells is looked at, and
/// only when carrying them to the right does not fit: a column under a
/// group that has no such field, a group field under no label, or two
/// columns for one field of a group. Then every split of the columns into
/// consecutive spans, each holding its label, is tried; the split where
/// every column names a field of its group, once, is the reading when it
/// is the only one. None or several: `Unclear`, and those columns are not
/// read (a figure that decides an award is never guessed).
fn regroup_unmerged(grid: &Grid, fields: &[FieldSpec], r: u32, width: u32) -> Regroup {
    if width > 256 {
        return Regroup::Keep;
    }
    let mut labels: Vec<(u32, std::rc::Rc<Key>)> = Vec::new();
    // A text none of whose bits any group has names no group (`Names::mask`).
    let groups_mask = fields.iter().fold(0, |m, f| m | f.groups.mask);
    for c in 0..width {
        let t = grid.text_ref(r - 1, c);
        if t.trim().is_empty() {
            continue;
        }
        let merge = grid.merge_of(r - 1, c);
        // A cell merged down ("STT", "Đơn vị" over both rows) is no label:
        // not even looked up.
        if merge.is_some_and(|(_, c0, _, c1)| c1 == c0) {
            continue;
        }
        let k = key_of(&t);
        let is_group = !k.is_empty() && k.bits & groups_mask != 0 && fields.iter().any(|f| matches_key(&k, &f.groups));
        match merge {
            // A merged group label: its merge says its span.
            Some(_) if is_group => return Regroup::Keep,
            Some(_) => continue,
            None if is_group => labels.push((c, k)),
            None => {}
        }
    }
    if labels.len() < 2 || labels.len() > 16 {
        return Regroup::Keep;
    }
    // What each column's own header names; a column inside a merge from
    // the row above (STT, Đơn vị, "Tỷ trọng …" over two rows) is under no
    // label.
    let named: Vec<Vec<usize>> = (0..width)
        .map(|c| if grid.merge_of(r, c).is_some_and(|(r0, ..)| r0 < r) { Vec::new() } else { fields_named(&grid.text_ref(r, c), fields) })
        .collect();
    let vertical: Vec<bool> = (0..width).map(|c| grid.merge_of(r, c).is_some_and(|(r0, ..)| r0 < r)).collect();
    let alone = |i: usize| fields[i].groups.iter().any(|g| g.is_empty());
    let in_group: Vec<Vec<bool>> = labels.iter().map(|(_, k)| fields.iter().map(|f| matches_key(k, &f.groups)).collect()).collect();
    // The fields read for a split (span of each label), or None when a
    // column fits no group or a group's field has two columns.
    let read = |spans: &[Span]| -> Option<Reading> {
        let mut out: Vec<(usize, u32)> = Vec::new();
        for c in 0..width {
            if named[c as usize].is_empty() {
                continue;
            }
            let j = spans.iter().position(|&(a, b)| a <= c && c <= b).filter(|_| !vertical[c as usize]);
            let fits: Vec<usize> = match j {
                Some(j) => named[c as usize].iter().copied().filter(|&i| in_group[j][i]).collect(),
                None => named[c as usize].iter().copied().filter(|&i| alone(i)).collect(),
            };
            let &f = fits.first()?;
            if j.is_some() && out.iter().any(|&(g, _)| g == f) {
                return None;
            }
            out.push((f, c));
        }
        Some(out)
    };
    let n = labels.len();
    let carried: Vec<Span> = (0..n).map(|j| (labels[j].0, if j + 1 < n { labels[j + 1].0 - 1 } else { width - 1 })).collect();
    if read(&carried).is_some() {
        return Regroup::Keep;
    }
    // Every split: span j starts after span j-1 ends (the first anywhere
    // up to its label) and ends before label j+1.
    // Each distinct reading found: the split, and (field, column) read.
    let mut found: Vec<(Vec<Span>, Reading)> = Vec::new();
    let mut spans: Vec<Span> = Vec::with_capacity(n);
    fn walk(
        j: usize,
        from: u32,
        labels: &[u32],
        width: u32,
        spans: &mut Vec<Span>,
        tries: &mut u32,
        each: &mut dyn FnMut(&[Span]) -> bool,
    ) -> bool {
        if j == labels.len() {
            *tries += 1;
            return *tries < 20_000 && each(spans);
        }
        let starts: Vec<u32> = if j == 0 { (0..=labels[0]).rev().collect() } else { vec![from] };
        let last = if j + 1 < labels.len() { labels[j + 1] - 1 } else { width - 1 };
        for a in starts {
            for b in labels[j]..=last {
                spans.push((a, b));
                let go_on = walk(j + 1, b + 1, labels, width, spans, tries, each);
                spans.pop();
                if !go_on {
                    return false;
                }
            }
        }
        true
    }
    let label_cols: Vec<u32> = labels.iter().map(|(c, _)| *c).collect();
    let mut tries = 0;
    let complete = walk(0, 0, &label_cols, width, &mut spans, &mut tries, &mut |sp| {
        if let Some(fs) = read(sp) {
            if !found.iter().any(|(_, g)| *g == fs) {
                found.push((sp.to_vec(), fs));
            }
        }
        found.len() < 2
    });
    match found.as_slice() {
        [(sp, _)] if complete => Regroup::Spans(
            (0..width)
                .map(|c| {
                    if grid.text_ref(r, c).is_empty() || vertical[c as usize] {
                        return None;
                    }
                    Some(sp.iter().position(|&(a, b)| a <= c && c <= b).map(|j| label_cols[j]))
                })
                .collect(),
        ),
        _ => Regroup::Unclear(label_cols[0]),
    }
}

/// Find the header among the first `scan` rows. A row qualifies when it
/// holds a unit-name column and at least `min_fields` of the fields.
pub fn find_header(grid: &Grid, fields: &[FieldSpec], min_fields: usize, scan: u32) -> Option<HeaderMatch> {
    static FIXED: std::sync::OnceLock<(Names, Names)> = std::sync::OnceLock::new();
    let (name_keys, stt_keys) = FIXED.get_or_init(|| (Names::new(NAME_HEADERS), Names::new(STT_HEADERS)));
    let mut best: Option<HeaderMatch> = None;
    let mut best_found = 0;
    let last = grid.height().min(scan);
    let width = grid.max_width();
    // Only a row with a unit-name column (in it, or above it for a header
    // over two rows) can be the header: look at the others no further.
    let names_in = |r: u32| {
        (0..grid.width(r)).any(|c| grid.text_keys(r, c).is_some_and(|(t, k)| *k.name_header.get_or_init(|| is_name_header(t, name_keys))))
    };
    let has_name: Vec<bool> = (0..last).map(names_in).collect();
    for r in 0..last {
        if !(has_name[r as usize] || r > 0 && has_name[r as usize - 1]) {
            continue;
        }
        let mut regroup = Regroup::Keep;
        let (name_col, stt_col, columns, twins, dated, unread, unclear_groups) = loop {
            let mut name_col = None;
            let mut stt_col = None;
            let mut columns: Vec<(String, u32)> = Vec::new();
            let mut twins: Vec<(String, u32)> = Vec::new();
            // Fields whose key is among `columns` already.
            let mut taken = vec![false; fields.len()];
            let mut group_carry: Option<(std::borrow::Cow<str>, Option<u32>)> = None;
            let mut dated: Vec<(crate::model::Period, u32, u32)> = Vec::new();
            let unclear_groups = match &regroup {
                Regroup::Unclear(at) => Some((r - 1, *at)),
                _ => None,
            };
            // Columns that name a field but are not read (under unclear
            // labels): they still make this row the header.
            let mut unread = 0;
            // Whether a column took its group from a label typed in a single
            // cell to its left: only then are the spans worked out.
            let mut carried_single = false;
            for c in 0..width {
                let sub_text = grid.text_ref(r, c);
                // The group above: a merged cell, or a group typed once over
                // blank cells to its right.
                let mut group_text = if r > 0 { grid.text_ref(r - 1, c) } else { "".into() };
                let vertical = grid.merge_of(r, c).is_some_and(|(r0, ..)| r0 < r);
                // The group reached only by carrying a merged group past its
                // last column: a column there may be under it (the merge drawn
                // one column short) or stand alone ("Tỷ trọng …" after
                // "Chậm đóng" R5:T5, its own upper cell left empty).
                let mut past_merge = false;
                let slot = match &regroup {
                    Regroup::Spans(slots) if !vertical && !sub_text.is_empty() => slots.get(c as usize).copied().flatten(),
                    // Under labels that could not be told apart: a column that
                    // names a field of a group is not read.
                    Regroup::Unclear(_)
                        if !vertical && !fields_named(&sub_text, fields).is_empty() && !stands_alone_field(&sub_text, fields) =>
                    {
                        unread += 1;
                        continue;
                    }
                    _ => None,
                };
                if let Some(label) = slot {
                    // The span worked out for labels typed inside their spans.
                    group_text = label.map_or("".into(), |l| grid.text_ref(r - 1, l));
                } else if r > 0 && group_text.is_empty() && !vertical && !sub_text.is_empty() {
                    if let Some((g, end)) = &group_carry {
                        group_text = g.clone();
                        past_merge = end.is_some_and(|e| c > e);
                        carried_single |= end.is_none();
                    }
                } else if r > 0 && !group_text.is_empty() && !vertical {
                    let end = grid.merge_of(r - 1, c).filter(|&(_, c0, _, c1)| c1 > c0).map(|(.., c1)| c1);
                    group_carry = Some((group_text.clone(), end));
                }
                if vertical {
                    group_text = "".into();
                }
                let mut sub_text = sub_text;
                if sub_text.is_empty() && r > 0 && !group_text.is_empty() && grid.merge_of(r - 1, c).is_none() {
                    // A header over two rows without merge information (.ods,
                    // or cells not merged): the upper text stands for both.
                    let upper = header_key(&group_text);
                    let stands_alone = matches_any(&upper, name_keys)
                        || matches_any(&upper, stt_keys)
                        || fields.iter().any(|f| f.groups.iter().any(|g| g.is_empty()) && matches_any(&upper, &f.headers));
                    if stands_alone {
                        sub_text = std::mem::replace(&mut group_text, "".into());
                        group_carry = None;
                    }
                }
                if sub_text.is_empty() {
                    continue;
                }
                let sub = key_of(&sub_text);
                // The same header with a date or year after it.
                let suffixed = without_period_suffix(without_trailing_unit(&sub_text));
                let sub_alt = suffixed.as_ref().map(|(t, _)| key_of(t));
                if name_col.is_none() && matches_key(&sub, name_keys) {
                    name_col = Some(c);
                    continue;
                }
                if stt_col.is_none() && matches_key(&sub, stt_keys) {
                    stt_col = Some(c);
                    continue;
                }
                let group = key_of(&group_text);
                // "Group - Sub" in one cell, split only when a field is not
                // matched directly.
                let mut combined: Option<Option<(std::rc::Rc<Key>, std::rc::Rc<Key>)>> = None;
                // A group that some field has (an empty one does not count).
                let group_known = !group.is_empty() && fields.iter().any(|f| matches_key(&group, &f.groups));
                let mut names_field = |f: &FieldSpec| {
                    let direct = (matches_key(&sub, &f.headers) || sub_alt.as_ref().is_some_and(|a| matches_key(a, &f.headers)))
                        && (matches_key(&group, &f.groups)
                            || (f.groups.iter().any(|g| g.is_empty())
                                && (group.is_empty() || group.k == sub.k || !group_known || past_merge)));
                    direct
                        || combined
                            .get_or_insert_with(|| split_combined(&sub_text).map(|(g, s)| (key_of(&g), key_of(&s))))
                            .as_ref()
                            .is_some_and(|(g, s)| matches_key(s, &f.headers) && matches_key(g, &f.groups))
                };
                if let Some(f) = fields.iter().zip(&taken).find(|(f, t)| !**t && names_field(f)).map(|(f, _)| f) {
                    if let Some(p) = suffixed.as_ref().and_then(|(_, p)| *p) {
                        dated.push((p, r, c));
                    }
                    columns.push((f.key.clone(), c));
                    for (t, g) in taken.iter_mut().zip(fields) {
                        *t |= g.key == f.key;
                    }
                } else if let Some(f) = fields.iter().zip(&taken).find(|(f, t)| **t && names_field(f)).map(|(f, _)| f) {
                    // A second column for a field found already.
                    twins.push((f.key.clone(), c));
                }
            }
            if r > 0 && carried_single && matches!(regroup, Regroup::Keep) {
                let worked = regroup_unmerged(grid, fields, r, width);
                if !matches!(worked, Regroup::Keep) {
                    regroup = worked;
                    continue;
                }
            }
            break (name_col, stt_col, columns, twins, dated, unread, unclear_groups);
        };
        let Some(name_col) = name_col else { continue };
        let found = columns.len() + unread;
        if found < min_fields {
            continue;
        }
        if best.is_none() || found > best_found {
            best_found = found;
            let first_quarter = dated.iter().find(|d| matches!(d.0, crate::model::Period::Quarter { .. })).copied();
            best = Some(HeaderMatch { row: r, name_col, stt_col, columns, twins, dated: first_quarter, dates: dated, unclear_groups });
        }
    }
    // A two-row header whose group row also matched some fields on its own
    // (say, "Chậm đóng" over three sub-columns) is found at its lower row,
    // which matches more: that is the one kept above.
    best
}

/// Row labels that are totals, not units ("Cộng", "Tổng cộng", "Toàn quốc").
pub fn is_total_label(text: &str) -> bool {
    // With diacritics: "Công tác khác" is a criterion, "Cộng" a total. Text
    // typed without any diacritics is compared without them.
    const STARTS: &[&str] = &["cộng", "tổng cộng", "tổng số", "tổng", "toàn quốc", "toàn ngành", "cộng cụm", "cộng khối"];
    static KEYS: std::sync::OnceLock<(Vec<String>, Vec<String>)> = std::sync::OnceLock::new();
    let t = text.trim();
    // Every label's first letter is C or T (folding drops what comes before).
    if !matches!(t.chars().find(|c| c.is_alphanumeric()), Some('C' | 'c' | 'T' | 't')) {
        return false;
    }
    // The same labels come back in every workbook of an inbox: each text
    // is folded once per thread.
    thread_local! {
        static SEEN: crate::vn::text::Memo<bool> = Default::default();
    }
    crate::vn::text::memoized(&SEEN, t, |t| {
        let (folded, plain_keys) =
            KEYS.get_or_init(|| (STARTS.iter().map(|s| fold(s)).collect(), STARTS.iter().map(|s| ascii_fold(s)).collect()));
        let plain = t.is_ascii();
        let k = if plain { ascii_fold(t) } else { fold(t) };
        let keys = if plain { plain_keys } else { folded };
        keys.iter().any(|s| k.strip_prefix(s.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with(' ')))
    })
}

/// Column-number rows under a header ("A", "B", "1", "(2)") and similar
/// labels that are not names.
pub fn is_column_number(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')).unwrap_or(t);
    !t.is_empty() && t.len() <= 2 && (t.chars().all(|c| c.is_ascii_digit()) || t.chars().all(|c| c.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_header_with_its_date_or_year_after_it() {
        use crate::model::Period;
        let w = |t: &str| without_period_suffix(t);
        assert_eq!(w("Kế hoạch năm 2022"), Some(("Kế hoạch".into(), Some(Period::Year { year: 2022 }))));
        assert_eq!(w("Kế hoạch giao NĂM 2022"), Some(("Kế hoạch giao".into(), Some(Period::Year { year: 2022 }))));
        assert_eq!(w("Cùng kỳ năm 2021"), Some(("Cùng kỳ".into(), Some(Period::Year { year: 2021 }))));
        // Done up to the year's end: the fourth quarter.
        assert_eq!(w("Thực hiện đến 31/12/2022"), Some(("Thực hiện".into(), Some(Period::Quarter { year: 2022, q: 4 }))));
        assert_eq!(w("Lũy kế đến hết 31/12/2022"), Some(("Lũy kế".into(), Some(Period::Quarter { year: 2022, q: 4 }))));
        assert_eq!(w("Số có đến 31/12/2021"), Some(("Số có đến 31/12".into(), None)));
        assert_eq!(w("TH lũy kế đến 30/9"), Some(("TH lũy kế".into(), None)));
        assert_eq!(w("Lũy kế đến 30/6/2022"), Some(("Lũy kế".into(), Some(Period::Quarter { year: 2022, q: 2 }))));
        assert_eq!(w("Thực hiện đến ngày 30/9/2022"), Some(("Thực hiện".into(), Some(Period::Quarter { year: 2022, q: 3 }))));
        // Last year's column keeps its date, without the year.
        assert_eq!(w("Đến 31/12/2021"), Some(("Đến 31/12".into(), None)));
        assert_eq!(w("Số người đến 31/12/2023"), Some(("Số người đến 31/12".into(), None)));
        assert_eq!(w("Đến 31/12"), None);
        // A unit in parentheses after the year is dropped first.
        assert_eq!(
            w(without_trailing_unit("Kế hoạch thu năm 2024 (đồng)")),
            Some(("Kế hoạch thu".into(), Some(Period::Year { year: 2024 })))
        );
        assert_eq!(w("Kế hoạch năm"), None);
        assert_eq!(w("(1)"), None);
        assert_eq!(w("2022"), None);
    }

    /// "tỉ"/"tỷ", "kĩ"/"kỹ", "quí"/"quý" make one key; "uy", "ay", "ây" stay.
    #[test]
    fn final_i_and_y_after_a_consonant_are_one() {
        for (a, b) in [
            ("Tỉ trọng", "Tỷ trọng"),
            ("Tỉ lệ chậm đóng", "Tỷ lệ chậm đóng"),
            ("Kĩ thuật", "Kỹ thuật"),
            ("Quí III", "Quý III"),
            ("Lí do", "Lý do"),
        ] {
            assert_eq!(header_key(a), header_key(b), "{a} / {b}");
        }
        for (a, b) in [("Thủy", "Thủi"), ("Tây", "Tâi"), ("Hay", "Hai"), ("Tuy", "Tui")] {
            assert_ne!(header_key(a), header_key(b), "{a} / {b}");
        }
    }

    use super::*;
    use crate::ingest::grid::{Grid, Value};
    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }
    fn spec() -> Vec<FieldSpec> {
        let g = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        vec![
            FieldSpec::new("tn.kh", &g(&["BHXH tự nguyện"]), &g(&["Kế hoạch năm"])),
            FieldSpec::new("tn.lk", &g(&["BHXH tự nguyện"]), &g(&["Thực hiện lũy kế"])),
            FieldSpec::new("yt.kh", &g(&["BHYT"]), &g(&["Kế hoạch năm"])),
            FieldSpec::new("dn", &g(&[""]), &g(&["Tỷ trọng thu khu vực doanh nghiệp"])),
        ]
    }
    fn spec_three() -> Vec<FieldSpec> {
        let g = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut out = Vec::new();
        for (k, group) in [("bb", "BHXH bắt buộc"), ("tn", "BHXH tự nguyện")] {
            for (f, h) in [("kh", "Kế hoạch năm"), ("lk", "Thực hiện lũy kế"), ("ck", "Cùng kỳ năm trước")] {
                out.push(FieldSpec::new(&format!("{k}.{f}"), &g(&[group]), &g(&[h])));
            }
        }
        out.push(FieldSpec::new("dn", &g(&[""]), &g(&["Tỷ trọng thu khu vực doanh nghiệp"])));
        out
    }
    /// A header over two rows: "Đơn vị" and "Tỷ trọng" merged down, the
    /// group labels in single cells of the upper row at `labels`, the
    /// sub-headers below.
    fn unmerged_groups(labels: &[(u32, &str)], subs: &[&str]) -> Grid {
        let mut g = Grid::new("s");
        g.set(0, 0, t("Đơn vị"));
        g.add_merge(0, 0, 1, 0);
        for &(c, l) in labels {
            g.set(0, c, t(l));
        }
        for (i, s) in subs.iter().enumerate() {
            g.set(1, i as u32 + 1, t(s));
        }
        let last = subs.len() as u32 + 1;
        g.set(0, last, t("Tỷ trọng thu khu vực doanh nghiệp (%)"));
        g.add_merge(0, last, 1, last);
        g
    }
    /// Labels typed over the middle of their spans, not merged ("centre
    /// across selection" by hand): each column goes to the span that holds
    /// it, not to the label on its left.
    #[test]
    fn group_labels_typed_inside_their_spans() {
        let subs = ["Kế hoạch năm", "Thực hiện lũy kế", "Cùng kỳ năm trước", "Kế hoạch năm", "Thực hiện lũy kế", "Cùng kỳ năm trước"];
        let want: Vec<(String, u32)> =
            ["bb.kh", "bb.lk", "bb.ck", "tn.kh", "tn.lk", "tn.ck", "dn"].iter().zip(1..).map(|(k, c)| (k.to_string(), c)).collect();
        for labels in [
            [(1, "BHXH bắt buộc"), (4, "BHXH tự nguyện")],
            [(2, "BHXH bắt buộc"), (5, "BHXH tự nguyện")],
            [(3, "BHXH bắt buộc"), (6, "BHXH tự nguyện")],
        ] {
            let h = find_header(&unmerged_groups(&labels, &subs), &spec_three(), 2, 30).unwrap();
            let mut cols = h.columns.clone();
            cols.sort_by_key(|x| x.1);
            assert_eq!(cols, want, "{labels:?}");
            assert_eq!(h.unclear_groups, None);
        }
    }
    /// Two splits fit (Cùng kỳ under either label): nothing under the
    /// labels is read, and the first label is named.
    #[test]
    fn group_labels_that_do_not_tell_their_columns() {
        let subs = ["Kế hoạch năm", "Thực hiện lũy kế", "Cùng kỳ năm trước", "Thực hiện lũy kế"];
        let g = unmerged_groups(&[(2, "BHXH bắt buộc"), (4, "BHXH tự nguyện")], &subs);
        let h = find_header(&g, &spec_three(), 1, 30).unwrap();
        assert_eq!(h.unclear_groups, Some((0, 2)));
        assert_eq!(h.columns, vec![("dn".to_string(), 5)]);
    }
    #[test]
    fn two_row_header_with_merged_groups() {
        let mut g = Grid::new("s");
        g.set(0, 0, t("BÁO CÁO QUÝ III/2022"));
        g.set(2, 0, t("STT"));
        g.add_merge(2, 0, 3, 0);
        g.set(2, 1, t("Đơn vị"));
        g.add_merge(2, 1, 3, 1);
        g.set(2, 2, t("BHXH tự nguyện"));
        g.add_merge(2, 2, 2, 3);
        g.set(3, 2, t("Kế hoạch\nnăm (người)"));
        g.set(3, 3, t("THỰC HIỆN  LŨY KẾ"));
        g.set(2, 4, t("BHYT"));
        g.set(3, 4, t("Kế hoạch năm"));
        g.set(2, 5, t("Tỷ trọng thu khu vực doanh nghiệp (%)"));
        g.add_merge(2, 5, 3, 5);
        let h = find_header(&g, &spec(), 2, 30).unwrap();
        assert_eq!(h.row, 3);
        assert_eq!(h.name_col, 1);
        assert_eq!(h.stt_col, Some(0));
        assert_eq!(h.columns, vec![("tn.kh".into(), 2), ("tn.lk".into(), 3), ("yt.kh".into(), 4), ("dn".into(), 5)]);
    }
    #[test]
    fn combined_cells_and_tone_placement() {
        let mut g = Grid::new("s");
        g.set(0, 0, t("Tên đơn vị"));
        g.set(0, 1, t("BHXH tự nguyện - Kế hoạch năm"));
        g.set(0, 2, t("BHXH tự nguyện - Thực hiện luỹ kế"));
        let h = find_header(&g, &spec(), 2, 30).unwrap();
        assert_eq!(h.columns.len(), 2);
    }
    /// The bit mask only spares comparisons: a cell matches a list exactly
    /// when its key or ASCII form is in it.
    #[test]
    fn the_mask_never_hides_a_match() {
        let texts = [
            "Đơn vị",
            "Don vi",
            "ĐƠN VỊ",
            "Tên đơn vị",
            "Ten don vi",
            "Tỉnh",
            "Tinh",
            "STT",
            "TT",
            "Kế hoạch năm",
            "Ke hoach nam",
            "Kế hoạch\nnăm (người)",
            "Thực hiện lũy kế",
            "Thực hiện luỹ kế",
            "THUC HIEN LUY KE",
            "(đồng)",
            "",
            "Lũy kế",
            "BHYT",
            "Cộng",
        ];
        let lists = [
            Names::new(NAME_HEADERS),
            Names::new(STT_HEADERS),
            Names::new(&["Kế hoạch năm", "Lũy kế"]),
            Names::of(vec![String::new()], vec![String::new()]),
            Names::new(&[""; 0]),
        ];
        let mut found = 0;
        for t in texts {
            let key = Key::new(header_key(t));
            for list in &lists {
                let plain = list.keys.contains(&key.k) || (!key.a.is_empty() && list.ascii.iter().any(|h| **h == *key.a));
                assert_eq!(matches_key(&key, list), plain, "{t:?} in {:?}", list.keys);
                found += usize::from(plain);
            }
        }
        // Some do match (names and numbers, with diacritics or in capitals).
        assert!(found >= 10, "{found}");
    }
    #[test]
    fn totals_and_numbers() {
        assert!(is_total_label("Tổng cộng"));
        assert!(is_total_label("CỘNG"));
        assert!(is_total_label("Cộng cụm I"));
        assert!(!is_total_label("Cao Bằng"));
        assert!(!is_total_label("Công tác khác"));
        assert!(is_total_label("TONG CONG"));
        assert!(is_total_label("- Tổng cộng:"));
        assert!(is_total_label("Cộng"));
        assert!(!is_total_label("Tổ chức"));
        assert!(is_column_number("(2)"));
        assert!(is_column_number("B"));
        assert!(!is_column_number("Hà Nam"));
    }
}
