//! `ket-qua.html`: the results page an officer opens by double-clicking.
//!
//! One self-contained file: the styles are inline, the charts are inline
//! SVG, and there is no script and no address outside the file. A
//! Content-Security-Policy in the page forbids the browser to load
//! anything else, so the page reads the same on an office PC with no
//! network and never leaks what it shows. It holds what the officer checks
//! before signing: the scope and period, the decisions with their reasons
//! and clauses, the ranking of each block or cluster with a bar chart, the
//! problems grouped by file with sheet and cell, the files read and
//! skipped, and links to every document of the dossier. It prints on A4.
//! No clock time is written, so the same inputs give the same bytes.

use crate::ingest::Inbox;
use crate::model::{DecisionKind, Num, Ranking, RunResult, Severity};
use crate::vn::format::{format_figure, format_num, format_percent};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escape text for HTML element content and attribute values, written
/// straight into the page where it is formatted (no string of its own).
///
/// The text is scanned and copied in runs between the bytes that need a
/// change (the page holds every problem and decision of a national run,
/// and pushing it character by character was most of the page's time);
/// eight bytes with none of them are passed over at once (see
/// [`Esc::plain8`]). [`esc_by_char`] says the same character by character.
fn esc(s: &str) -> Esc<'_> {
    Esc(s)
}

/// A text escaped as it is written; see [`esc`].
struct Esc<'a>(&'a str);

impl Esc<'_> {
    /// Whether none of eight bytes needs a change: no control character
    /// (C0, DEL, or the lead byte 0xC2 of a C1 one), none of `&<>"'`.
    /// Each test finds whether some byte of the word is zero (the bits of
    /// the bytes after a zero byte may be wrong, but not whether there is
    /// one); `x | 0x01` folds `&` (0x26) onto `'` (0x27) and `x | 0x02`
    /// folds `<` (0x3C) onto `>` (0x3E).
    fn plain8(c: &[u8]) -> bool {
        const ONES: u64 = u64::MAX / 255;
        const HIGH: u64 = ONES * 0x80;
        let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        control
            | zero(x ^ (ONES * 0x22))
            | zero((x | ONES) ^ (ONES * 0x27))
            | zero((x | (ONES * 0x02)) ^ (ONES * 0x3e))
            | zero(x ^ (ONES * 0x7f))
            | zero(x ^ (ONES * 0xc2))
            == 0
    }
}

impl std::fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.0;
        let b = s.as_bytes();
        let mut from = 0;
        let mut i = 0;
        while i < b.len() {
            if b.len() - i >= 8 && Esc::plain8(&b[i..i + 8]) {
                i += 8;
                continue;
            }
            let (with, len) = match b[i] {
                b'&' => ("&amp;", 1),
                b'<' => ("&lt;", 1),
                b'>' => ("&gt;", 1),
                b'"' => ("&quot;", 1),
                b'\'' => ("&#39;", 1),
                b'\n' | b'\t' => {
                    i += 1;
                    continue;
                }
                // C0 controls and DEL.
                0..=0x1f | 0x7f => ("\u{FFFD}", 1),
                // C1 controls, U+0080–U+009F (C2 80 – C2 9F).
                0xc2 if b.get(i + 1).is_some_and(|&n| (0x80..=0x9f).contains(&n)) => ("\u{FFFD}", 2),
                _ => {
                    i += 1;
                    continue;
                }
            };
            f.write_str(&s[from..i])?;
            f.write_str(with)?;
            i += len;
            from = i;
        }
        f.write_str(&s[from..])
    }
}

/// [`esc`], character by character.
#[cfg(test)]
fn esc_by_char(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

/// A relative link to a file of the output folder, each path segment
/// percent-encoded (names hold Vietnamese letters and spaces).
fn href(path: &str) -> String {
    path.split('/')
        .map(|seg| {
            let mut o = String::new();
            for b in seg.bytes() {
                if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                    o.push(b as char);
                } else {
                    let _ = write!(o, "%{b:02X}");
                }
            }
            o
        })
        .collect::<Vec<_>>()
        .join("/")
}

const STYLE: &str = r#"
@page { size: A4; margin: 15mm 15mm 15mm 20mm; }
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 12pt; color: #111; max-width: 60em; margin: 1em auto; padding: 0 1em; line-height: 1.35; }
h1 { font-size: 17pt; margin: 0 0 .2em; }
h2 { font-size: 14pt; border-bottom: 1px solid #888; margin-top: 1.4em; break-after: avoid; }
h3 { font-size: 12.5pt; margin: 1em 0 .3em; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; font-size: 11pt; }
th, td { border: 1px solid #999; padding: 2px 5px; vertical-align: top; text-align: left; }
th { background: #eee; }
tr { break-inside: avoid; }
td.so { text-align: right; white-space: nowrap; }
.meta { color: #333; margin: .1em 0; }
.dat { color: #064; font-weight: bold; }
.loai { color: #8a1c1c; font-weight: bold; }
.can { color: #8a5a00; font-weight: bold; }
.ly-do { font-size: 10.5pt; }
.loi { color: #a00; font-weight: bold; }
.canh-bao { color: #8a5a00; font-weight: bold; }
figure { margin: .3em 0 1em; break-inside: avoid; }
svg text { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 11px; }
ul.tep { columns: 2; font-size: 10.5pt; }
@media print { body { max-width: none; margin: 0; padding: 0; } a { color: inherit; text-decoration: none; } }
"#;

/// The whole page. `documents`: the paths of the dossier's files, relative
/// to the output folder, in the order they were written.
pub fn page(r: &RunResult, inbox: &Inbox, documents: &[String]) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let title = format!("Kết quả {} — {}", r.campaign_name, r.period_label);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&title)
    );
    header(&mut s, r, inbox);
    links(&mut s, documents);
    proposals(&mut s, r);
    quotas(&mut s, r);
    individuals(&mut s, r);
    rankings(&mut s, r);
    other_decisions(&mut s, r);
    problems(&mut s, r);
    files(&mut s, inbox);
    s.push_str("</body>\n</html>\n");
    s
}

fn header(s: &mut String, r: &RunResult, inbox: &Inbox) {
    let (e, w) = crate::pipeline::counts(&r.problems);
    let _ = writeln!(s, "<h1>{}</h1>", esc(&format!("{} — {}", r.campaign_name, r.period_label)));
    let _ = writeln!(s, "<p class=\"meta\">Phạm vi: <b>{}</b>; kỳ xét: <b>{}</b>.</p>", esc(&r.scope.name_vi()), esc(&r.period_label));
    let _ = writeln!(s, "<p class=\"meta\">Căn cứ: {}.</p>", esc(&r.rules_document));
    let proposed: Vec<_> = r.decisions.iter().filter(|d| is_proposal(d.kind)).collect();
    let collectives = proposed.iter().map(|d| &d.unit).collect::<std::collections::BTreeSet<_>>().len();
    let _ = writeln!(
        s,
        "<p class=\"meta\">Số đơn vị: {}; đề nghị: {} tập thể với {} hình thức khen thưởng; {} cá nhân; tệp nhận: {}; lỗi dữ liệu: {e}; cảnh báo: {w}.</p>",
        format_num(&Num::int(r.units.len() as i64), 0),
        collectives,
        proposed.len(),
        r.individuals.iter().filter(|i| is_proposal(i.kind)).count(),
        format_num(&Num::int(inbox.files.len() as i64), 0),
    );
    let _ = writeln!(s, "<p class=\"meta\">Lập bằng thidua {}.</p>", esc(&r.tool_version));
}

fn is_proposal(k: DecisionKind) -> bool {
    matches!(k, DecisionKind::Proposed | DecisionKind::Candidate)
}

/// The main documents first; the many reports and the clusters' own
/// dossiers folded under their folder, each with its count.
fn links(s: &mut String, documents: &[String]) {
    s.push_str("<h2>Văn bản trong hồ sơ</h2>\n<ul>\n");
    let mut folders: Vec<(&str, Vec<&String>)> = Vec::new();
    for d in documents {
        let rest = d.strip_prefix("ho-so/").unwrap_or(d);
        match rest.split_once('/') {
            None => {
                let _ = writeln!(s, "<li><a href=\"{}\">{}</a></li>", href(d), esc(d));
            }
            Some((folder, _)) => match folders.iter_mut().find(|(f, _)| *f == folder) {
                Some((_, v)) => v.push(d),
                None => folders.push((folder, vec![d])),
            },
        }
    }
    for (f, what) in [
        ("tong-hop.xlsx", "bảng tổng hợp (Excel)"),
        ("bao-loi.txt", "báo cáo lỗi dữ liệu đầu vào"),
        ("ket-qua.json", "kết quả cho phần mềm khác"),
        ("manifest.json", "danh mục tệp và mã kiểm tra"),
    ] {
        let _ = writeln!(s, "<li><a href=\"{}\">{}</a> — {}</li>", href(f), f, what);
    }
    s.push_str("</ul>\n");
    for (folder, list) in folders {
        let what = match folder {
            "bao-cao-tom-tat" => "Báo cáo tóm tắt thành tích",
            "bao-cao-thanh-tich" => "Báo cáo thành tích",
            "kem-theo" | "khoi-cum" => "Hồ sơ của từng Khối, Cụm",
            "bhxh-tinh" => "Hồ sơ của Hội đồng Thi đua - Khen thưởng từng BHXH tỉnh",
            "bao-cao-tom-tat-ca-nhan" => "Báo cáo tóm tắt thành tích của từng cá nhân",
            "bao-cao-tom-tat-don-vi-truc-thuoc" => "Báo cáo tóm tắt thành tích của từng đơn vị trực thuộc",
            _ => folder,
        };
        let _ = writeln!(s, "<details>\n<summary>{} ({} tệp)</summary>\n<ul>", esc(what), list.len());
        for d in list {
            let _ = writeln!(s, "<li><a href=\"{}\">{}</a></li>", href(d), esc(d));
        }
        s.push_str("</ul>\n</details>\n");
    }
}

fn kind_class(k: DecisionKind) -> &'static str {
    match k {
        DecisionKind::Proposed | DecisionKind::Candidate => "dat",
        DecisionKind::TiedAtQuota | DecisionKind::Deferred => "can",
        _ => "loai",
    }
}

/// The block or cluster of each unit, when the run covers more than one.
fn clusters_of(r: &RunResult) -> Option<BTreeMap<&str, &str>> {
    let m: BTreeMap<&str, &str> = r.units.iter().map(|u| (u.unit.as_str(), u.cluster_name.as_str())).collect();
    let distinct: std::collections::BTreeSet<&&str> = m.values().collect();
    (distinct.len() > 1).then_some(m)
}

fn proposals(s: &mut String, r: &RunResult) {
    s.push_str("<h2>Đề nghị khen thưởng tập thể</h2>\n");
    let shown: Vec<_> = r
        .decisions
        .iter()
        .filter(|d| is_proposal(d.kind) || matches!(d.kind, DecisionKind::TiedAtQuota | DecisionKind::CutByQuota))
        .collect();
    if shown.is_empty() {
        s.push_str("<p>Không có tập thể nào được đề nghị.</p>\n");
        return;
    }
    let clusters = clusters_of(r);
    s.push_str("<table>\n<tr><th>Hình thức</th><th>Đơn vị</th>");
    if clusters.is_some() {
        s.push_str("<th>Khối, Cụm</th>");
    }
    s.push_str("<th>Kết quả</th><th>Lý do và căn cứ</th></tr>\n");
    for d in shown {
        let _ = write!(s, "<tr><td>{}</td><td>{}</td>", esc(&d.award_name), esc(&d.name));
        if let Some(c) = &clusters {
            let _ = write!(s, "<td>{}</td>", esc(c.get(d.unit.as_str()).copied().unwrap_or("")));
        }
        let _ = writeln!(
            s,
            "<td class=\"{}\">{}</td><td class=\"ly-do\">{}</td></tr>",
            kind_class(d.kind),
            esc(d.kind.label_vi()),
            esc(&d.reason)
        );
    }
    s.push_str("</table>\n");
}

fn quotas(s: &mut String, r: &RunResult) {
    if r.quotas.is_empty() {
        return;
    }
    s.push_str("<h2>Số lượng khen thưởng</h2>\n<ul>\n");
    for q in &r.quotas {
        let mut line = q.summary_vi();
        if !q.clause.is_empty() {
            line.push_str(&format!(" ({})", q.clause));
        }
        let _ = writeln!(s, "<li>{}</li>", esc(&line));
        if !q.note.is_empty() {
            let _ = writeln!(s, "<li style=\"list-style:none\" class=\"ly-do\">{}</li>", esc(&q.note));
        }
    }
    s.push_str("</ul>\n");
}

fn individuals(s: &mut String, r: &RunResult) {
    if r.individuals.is_empty() {
        return;
    }
    s.push_str("<h2>Cá nhân đề nghị khen thưởng</h2>\n<table>\n<tr><th>Họ và tên</th><th>Chức vụ</th><th>Đơn vị</th><th>Hình thức</th><th>Kết quả</th><th>Lý do</th></tr>\n");
    for i in &r.individuals {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td class=\"ly-do\">{}</td></tr>",
            esc(&i.full_name),
            esc(&i.position),
            esc(&i.unit_name),
            esc(&i.award),
            kind_class(i.kind),
            esc(i.kind.label_vi()),
            esc(&i.reason)
        );
    }
    s.push_str("</table>\n");
}

/// Rankings grouped by the block or cluster they rank, in the run's order.
fn rankings(s: &mut String, r: &RunResult) {
    if r.rankings.is_empty() {
        return;
    }
    s.push_str("<h2>Xếp hạng</h2>\n");
    let mut groups: Vec<(&str, Vec<&Ranking>)> = Vec::new();
    for k in &r.rankings {
        match groups.iter_mut().find(|(name, _)| *name == k.scope_name) {
            Some((_, v)) => v.push(k),
            None => groups.push((&k.scope_name, vec![k])),
        }
    }
    for (scope, list) in groups {
        let _ = writeln!(s, "<h3>{}</h3>", esc(scope));
        for k in list {
            ranking(s, k);
        }
    }
}

fn value_text(v: &Num, percent: bool) -> String {
    if percent {
        format_percent(v)
    } else {
        format_figure(v)
    }
}

fn ranking(s: &mut String, k: &Ranking) {
    let _ = writeln!(s, "<figure>\n<figcaption><b>{}</b> — {}</figcaption>", esc(&k.title), esc(&k.measure_name));
    s.push_str(&chart(k));
    s.push_str("<table>\n<tr><th>Hạng</th><th>Đơn vị</th><th>");
    let _ = write!(s, "{}", esc(&k.measure_name));
    s.push_str("</th>");
    for t in &k.tie_breaker_names {
        let _ = write!(s, "<th>{}</th>", esc(t));
    }
    s.push_str("<th>Ghi chú</th></tr>\n");
    for e in &k.entries {
        let rank = match (e.rank, e.tied) {
            (Some(n), true) => format!("{n} (đồng hạng)"),
            (Some(n), false) => n.to_string(),
            (None, _) => e.standing.clone().unwrap_or_else(|| "—".into()),
        };
        let value = e.value.as_ref().map(|v| value_text(v, k.percent)).unwrap_or_else(|| "không xác định".into());
        let _ = write!(s, "<tr><td class=\"so\">{}</td><td>{}</td><td class=\"so\">{}</td>", esc(&rank), esc(&e.name), esc(&value));
        for t in &e.tie_breakers {
            match t {
                Some(v) => {
                    let _ = write!(s, "<td class=\"so\">{}</td>", esc(&value_text(v, k.percent)));
                }
                None => s.push_str("<td class=\"so\"></td>"),
            }
        }
        // A member not ranked has no tie-breakers: its note stays in its column.
        for _ in e.tie_breakers.len()..k.tie_breaker_names.len() {
            s.push_str("<td class=\"so\"></td>");
        }
        let _ = writeln!(s, "<td class=\"ly-do\">{}</td></tr>", esc(e.note.as_deref().unwrap_or("")));
    }
    s.push_str("</table>\n</figure>\n");
}

/// A horizontal bar chart of a ranking, drawn from zero so that bars
/// compare truly. Ranked units are dark, units outside the ranking grey.
fn chart(k: &Ranking) -> String {
    let rows: Vec<(&str, f64, bool, String)> = k
        .entries
        .iter()
        .filter_map(|e| e.value.as_ref().map(|v| (e.name.as_str(), v.to_f64(), e.rank.is_some(), value_text(v, k.percent))))
        .filter(|(_, v, _, _)| v.is_finite())
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max);
    let (label_w, bar_w, row_h, top) = (230.0, 330.0, 16.0, 4.0);
    let width = label_w + bar_w + 90.0;
    let height = top * 2.0 + row_h * rows.len() as f64;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">",
        esc(&k.title)
    );
    for (i, (name, v, ranked, text)) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let w = if max > 0.0 { (v.max(0.0) / max) * bar_w } else { 0.0 };
        let fill = if *ranked { "#1f4e79" } else { "#a6a6a6" };
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect x=\"{label_w}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{fill}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            label_w - 4.0,
            y + row_h - 4.0,
            esc(name),
            y + 2.0,
            row_h - 4.0,
            label_w + w + 4.0,
            y + row_h - 4.0,
            esc(text)
        );
    }
    let _ = writeln!(s, "<line x1=\"{label_w}\" y1=\"0\" x2=\"{label_w}\" y2=\"{height}\" stroke=\"#333\"/>\n</svg>");
    s
}

/// Decisions that are not proposals, award by award: why each unit was
/// not proposed.
fn other_decisions(s: &mut String, r: &RunResult) {
    let mut by_award: BTreeMap<usize, (&str, Vec<&crate::model::Decision>)> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for d in r.decisions.iter().filter(|d| !is_proposal(d.kind) && !matches!(d.kind, DecisionKind::TiedAtQuota | DecisionKind::CutByQuota))
    {
        let i = match order.iter().position(|a| *a == d.award_name) {
            Some(i) => i,
            None => {
                order.push(&d.award_name);
                order.len() - 1
            }
        };
        by_award.entry(i).or_insert((&d.award_name, Vec::new())).1.push(d);
    }
    if by_award.is_empty() {
        return;
    }
    s.push_str("<h2>Đơn vị không được đề nghị và lý do</h2>\n");
    for (_, (award, list)) in by_award {
        let _ = writeln!(s, "<h3>{}</h3>\n<table>\n<tr><th>Đơn vị</th><th>Kết quả</th><th>Lý do và căn cứ</th></tr>", esc(award));
        for d in list {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td class=\"{}\">{}</td><td class=\"ly-do\">{}</td></tr>",
                esc(&d.name),
                kind_class(d.kind),
                esc(d.kind.label_vi()),
                esc(&d.reason)
            );
        }
        s.push_str("</table>\n");
    }
}

fn problems(s: &mut String, r: &RunResult) {
    s.push_str("<h2>Vấn đề trong dữ liệu đầu vào</h2>\n");
    if r.problems.is_empty() {
        s.push_str("<p>Không phát hiện lỗi nào trong dữ liệu đầu vào.</p>\n");
        return;
    }
    let mut last: Option<&str> = None;
    for p in &r.problems {
        if last != Some(p.location.file.as_str()) {
            if last.is_some() {
                s.push_str("</table>\n");
            }
            let head =
                if p.location.file.is_empty() { "Chung cho cả hồ sơ".to_string() } else { format!("Tệp \"{}\"", p.location.file) };
            let _ = writeln!(s, "<h3>{}</h3>\n<table>\n<tr><th>Mức</th><th>Trang</th><th>Ô</th><th>Nội dung</th></tr>", esc(&head));
            last = Some(&p.location.file);
        }
        let (class, sev) = match p.severity {
            Severity::Error => ("loi", "Lỗi"),
            Severity::Warning => ("canh-bao", "Cảnh báo"),
        };
        let _ = writeln!(
            s,
            "<tr><td class=\"{class}\">{sev}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(p.location.sheet.as_deref().unwrap_or("")),
            esc(p.location.cell.as_deref().unwrap_or("")),
            esc(&p.message)
        );
    }
    s.push_str("</table>\n");
}

fn files(s: &mut String, inbox: &Inbox) {
    let (read, skipped): (Vec<_>, Vec<_>) = inbox.files.iter().partition(|f| f.status.starts_with("đã đọc"));
    s.push_str("<h2>Các tệp đã nhận</h2>\n");
    let _ = writeln!(
        s,
        "<p>Đã đọc {} tệp; không đọc {} tệp.</p>",
        format_num(&Num::int(read.len() as i64), 0),
        format_num(&Num::int(skipped.len() as i64), 0)
    );
    if !skipped.is_empty() {
        s.push_str("<table>\n<tr><th>Tệp không đọc</th><th>Lý do</th></tr>\n");
        for f in &skipped {
            let _ = writeln!(s, "<tr><td>{}</td><td>{}</td></tr>", esc(&f.path), esc(&f.status));
        }
        s.push_str("</table>\n");
    }
    if !read.is_empty() {
        s.push_str("<details>\n<summary>Danh sách tệp đã đọc</summary>\n<ul class=\"tep\">\n");
        for f in &read {
            match f.status.strip_prefix("đã đọc; ") {
                Some(note) => {
                    let _ = writeln!(s, "<li>{} ({})</li>", esc(&f.path), esc(note));
                }
                None => {
                    let _ = writeln!(s, "<li>{}</li>", esc(&f.path));
                }
            }
        }
        s.push_str("</ul>\n</details>\n");
    }
}

#[cfg(test)]
mod tests {
    /// Escaping by runs gives what escaping character by character gives,
    /// for every special, control and multi-byte character.
    #[test]
    fn esc_as_by_char() {
        let mut all = String::new();
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            all.push(c);
            all.push('x');
            all.push(c);
        }
        // Each byte that needs a change, at every place of the eight-byte
        // blocks passed over at once, in Vietnamese text.
        let mut placed = Vec::new();
        for c in
            ["&", "<", ">", "\"", "'", "\n", "\t", "\u{0}", "\u{1f}", "\u{7f}", "\u{80}", "\u{9f}", "\u{a0}", "\u{c2}", "=", "?", "%", ";"]
        {
            for at in 0..=17 {
                placed.push(format!("{}{c}{}", "ư".repeat(at), "Bảo hiểm xã hội ".repeat(at % 3)));
                placed.push(format!("{}{c}{c}", "x".repeat(at)));
            }
        }
        for s in placed.iter().map(String::as_str).chain([
            "",
            "a",
            "&<>\"'",
            "Tờ trình <số 1> & \"Quý III\"\n\tx\u{7f}\u{80}\u{9f}\u{a0}\u{85}",
            "\u{1}",
            "\u{c2}",
            all.as_str(),
        ]) {
            assert_eq!(super::esc(s).to_string(), super::esc_by_char(s), "{s:?}");
        }
    }
    use super::{esc, href};

    #[test]
    fn text_is_escaped_and_links_encoded() {
        assert_eq!(esc("<b>\"A&B\"</b>").to_string(), "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;");
        assert_eq!(esc("a\u{0}b").to_string(), "a\u{FFFD}b");
        assert_eq!(href("ho-so/bao-cao/01-Hà Nam.docx"), "ho-so/bao-cao/01-H%C3%A0%20Nam.docx");
    }
}
