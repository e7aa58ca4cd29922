//! The rules of the annual review (Hướng dẫn 3636/HD-BHXH, part B), loaded
//! from `templates/rules/tong-ket-nam.toml`: exclusions, vote majority,
//! award standards, the 20 % cap, deadlines and what the achievement report
//! shows. Each rule carries its clause, which the reasons quote.

use super::schema::Issuer;
use super::RulesError;
use crate::model::Num;
use serde::Deserialize;
use std::path::Path;

pub const BUILTIN_TEXT: &str = include_str!("../../templates/rules/tong-ket-nam.toml");

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualFile {
    pub campaign: Campaign,
    pub scores: Scores,
    #[serde(rename = "exclusion", default)]
    pub exclusions: Vec<Exclusion>,
    pub votes: Votes,
    #[serde(rename = "award")]
    pub awards: Vec<Award>,
    pub cap: Cap,
    #[serde(rename = "deadline", default)]
    pub deadlines: Vec<Deadline>,
    #[serde(rename = "report_indicator", default)]
    pub report_indicators: Vec<ReportIndicator>,
    #[serde(rename = "issuer", default)]
    pub issuers: Vec<Issuer>,
    pub rotation: Rotation,
    /// Checks against the office's register (issue 18), each off while its
    /// clause is empty.
    #[serde(rename = "register_check", default)]
    pub register_checks: Vec<RegisterCheck>,
}

/// A check a run makes against the office's register (`--so`): "refused-repeat"
/// (a proposal the register shows was refused before) or "flag-history"
/// (an award that needs another award recorded in the years before).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterCheck {
    pub id: String,
    /// The provision that supports the check; empty: the check is off.
    pub clause: String,
    /// The rule in the officer's words, quoted in the warning.
    pub text: String,
    #[serde(default)]
    pub award: Option<String>,
    #[serde(default)]
    pub requires: Option<String>,
    /// How many years before the review year are looked at.
    #[serde(default)]
    pub years: u32,
    /// How many of `requires` those years must hold (default 1).
    #[serde(default)]
    pub at_least: Option<u32>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub document: String,
    /// What the officer should know of these rules that is no part of a
    /// signed text (why another year's guidance is cited, say): printed
    /// under "Quy tắc:" on the screen, never in a document.
    #[serde(default)]
    pub note: String,
    pub short: String,
    pub indicator_rules: String,
    /// The years these rules apply to (SPEC §12); any year when absent.
    #[serde(default)]
    pub years: Option<Vec<i32>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    pub use_verified: bool,
    pub self_marking_allowed: bool,
    pub clause: String,
    pub tie_breakers: Vec<String>,
    pub tie_clause: String,
}

/// Eligibility fields of the kind-4 sheet a rule can test.
pub const FLAG_FIELDS: &[&str] =
    &["covenant", "excellent_title", "exceeded_targets", "demoted", "serious_violation", "under_review", "new_model"];

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    pub field: String,
    /// The value that triggers the rule.
    pub when: bool,
    /// "exclude" (không xét) or "defer" (chưa xét).
    pub kind: String,
    pub text: String,
    pub clause: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Votes {
    pub more_than: String,
    pub clause: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    pub id: String,
    pub name: String,
    pub short: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub per_cluster: u32,
    #[serde(default)]
    pub standard: Vec<String>,
    #[serde(default)]
    pub requires: Option<String>,
    #[serde(default)]
    pub second_or_leading: bool,
    pub clause: String,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Rounding {
    Down,
    Nearest,
    Up,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cap {
    pub award: String,
    pub of: String,
    pub share: String,
    pub rounding: Rounding,
    pub province_clause: String,
    pub national_clause: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// "khoi", "cum-tinh", "cum-huyen", "tinh" or "all".
    pub applies: String,
    /// "Y" (year-end review) or "H1" (six-month review).
    pub period: String,
    pub day: u32,
    pub month: u32,
    pub next_year: bool,
    pub strict: bool,
    pub text: String,
    pub clause: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportIndicator {
    pub name: String,
    pub unit: String,
    pub plan: String,
    pub actual: String,
    pub same_period: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rotation {
    pub clause: String,
}

/// A loaded, checked annual rules file.
#[derive(Clone, Debug)]
pub struct AnnualRules {
    pub file: AnnualFile,
    pub source: String,
    pub sha256: String,
    pub majority: Num,
    pub cap_share: Num,
    /// Each award's names (name, short name, aliases) as [`award_key`]
    /// folds them, with the award's index: folded once here rather than at
    /// every tally line read (a national run looks up thousands).
    award_keys: Vec<(String, usize)>,
}

impl AnnualRules {
    /// The built-in rules, parsed once per process (a run may warm them on
    /// another core while it lists the inbox).
    pub fn builtin() -> AnnualRules {
        static PARSED: std::sync::OnceLock<AnnualRules> = std::sync::OnceLock::new();
        PARSED.get_or_init(|| AnnualRules::parse(BUILTIN_TEXT, "tong-ket-nam.toml").expect("built-in annual rules are valid")).clone()
    }

    pub fn load(path: &Path) -> Result<AnnualRules, RulesError> {
        let text = std::fs::read_to_string(path).map_err(|e| RulesError {
            source_name: path.display().to_string(),
            message: format!("không đọc được tệp: {}", crate::ingest::os_error_vi(&e)),
        })?;
        AnnualRules::parse(&text, &path.display().to_string())
    }

    /// Whether a rules file's text is an annual one (`kind = "annual"`).
    pub fn is_annual(text: &str) -> bool {
        toml::from_str::<toml::Value>(text)
            .ok()
            .and_then(|v| v.get("campaign")?.get("kind")?.as_str().map(|k| k == "annual"))
            .unwrap_or(false)
    }

    /// Read and check an annual rules file. Every problem is listed at once,
    /// each with its line and key (SPEC §12); the first problem of TOML
    /// itself (syntax, a key the format does not have) stops the reading.
    pub fn parse(text: &str, source: &str) -> Result<AnnualRules, RulesError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let file: AnnualFile = toml::from_str(text)
            .map_err(|e| RulesError { source_name: source.to_string(), message: crate::registry::file::toml_error(text, &e).located() })?;
        let mut errors: Vec<String> = Vec::new();
        // "dòng N, khóa K: …", the line of `key` in the table that `anchor`
        // (an id written in it) starts, or of the key's first use.
        let mut bad = |anchor: Option<&str>, key: &str, msg: String| {
            let field = key.rsplit('.').next().unwrap_or(key);
            let from = anchor.and_then(|a| text.lines().position(|l| l.contains(&format!("\"{a}\"")))).unwrap_or(0);
            let line = text
                .lines()
                .enumerate()
                .skip(from)
                .find(|(_, l)| {
                    let t = l.trim_start();
                    t.starts_with(field) && t[field.len()..].trim_start().starts_with('=')
                })
                .map(|(i, _)| i + 1);
            let f = crate::registry::file::Finding::error(line, key, msg);
            errors.push(f.located());
        };
        let c = &file.campaign;
        for (k, v) in [("campaign.name", &c.name), ("campaign.document", &c.document), ("campaign.short", &c.short)] {
            if v.trim().is_empty() {
                bad(None, k, "để trống; tệp quy tắc cần ghi văn bản căn cứ của mình.".into());
            }
        }
        if let Some(ys) = &c.years {
            if ys.is_empty() || ys.iter().any(|y| !(2000..=2100).contains(y)) {
                bad(None, "campaign.years", format!("năm áp dụng không hợp lệ: {ys:?} (ví dụ years = [2012])."));
            }
        }
        let fraction = |v: &str| Num::parse_decimal(v).filter(|n| *n >= Num::int(0) && *n <= Num::int(1));
        let majority = fraction(&file.votes.more_than);
        if majority.is_none() {
            bad(None, "votes.more_than", format!("phải là một tỷ lệ từ 0 đến 1 (ví dụ \"0.5\"), không phải \"{}\".", file.votes.more_than));
        }
        let cap_share = fraction(&file.cap.share);
        if cap_share.is_none() {
            bad(None, "cap.share", format!("phải là một tỷ lệ từ 0 đến 1 (ví dụ \"0.2\"), không phải \"{}\".", file.cap.share));
        }
        for e in &file.exclusions {
            if !FLAG_FIELDS.contains(&e.field.as_str()) {
                bad(Some(&e.field), "exclusion.field", format!("không biết \"{}\" (dùng một trong {}).", e.field, FLAG_FIELDS.join(", ")));
            }
            if e.kind != "exclude" && e.kind != "defer" {
                bad(Some(&e.field), "exclusion.kind", format!("phải là \"exclude\" hoặc \"defer\", không phải \"{}\".", e.kind));
            }
        }
        let mut ids: Vec<&str> = Vec::new();
        for a in &file.awards {
            if ids.contains(&a.id.as_str()) {
                bad(Some(&a.id), "award.id", format!("hình thức \"{}\" được khai hai lần.", a.id));
            }
            ids.push(&a.id);
            if a.name.trim().is_empty() || a.short.trim().is_empty() {
                bad(Some(&a.id), "award.name", format!("hình thức \"{}\" cần tên (name) và tên ngắn (short).", a.id));
            }
            if a.per_cluster > 20 {
                bad(Some(&a.id), "award.per_cluster", format!("hình thức \"{}\": {} mỗi cụm là quá nhiều.", a.id, a.per_cluster));
            }
            if a.clause.trim().is_empty() {
                bad(Some(&a.id), "award.clause", format!("hình thức \"{}\" cần điều khoản căn cứ.", a.id));
            }
            for st in &a.standard {
                if !FLAG_FIELDS.contains(&st.as_str()) {
                    bad(Some(&a.id), "award.standard", format!("hình thức \"{}\": tiêu chuẩn không biết \"{st}\".", a.id));
                }
            }
            if let Some(r) = &a.requires {
                if !file.awards.iter().any(|b| &b.id == r) {
                    bad(Some(&a.id), "award.requires", format!("hình thức \"{}\": \"{r}\" không có trong tệp.", a.id));
                }
            }
        }
        // Awards named the same way by two entries could not be told apart
        // on a tally sheet.
        for (i, a) in file.awards.iter().enumerate() {
            for b in &file.awards[i + 1..] {
                let names = |x: &Award| -> Vec<String> {
                    std::iter::once(&x.name).chain(std::iter::once(&x.short)).chain(&x.aliases).map(|n| award_key(n)).collect()
                };
                if let Some(n) = names(a).iter().find(|n| names(b).contains(n)) {
                    bad(
                        Some(&b.id),
                        "award.aliases",
                        format!("\"{}\" và \"{}\" cùng có tên \"{n}\": phiếu ghi tên đó không phân biệt được.", a.id, b.id),
                    );
                }
            }
        }
        for c in &file.register_checks {
            if c.id != "refused-repeat" && c.id != "flag-history" {
                bad(Some(&c.id), "register_check.id", format!("không biết \"{}\" (dùng refused-repeat hoặc flag-history).", c.id));
            }
            for a in c.award.iter().chain(&c.requires) {
                if !file.awards.iter().any(|b| &b.id == a) {
                    bad(Some(&c.id), "register_check.award", format!("hình thức \"{a}\" không có trong tệp."));
                }
            }
            if c.id == "flag-history" && !c.clause.is_empty() && (c.award.is_none() || c.requires.is_none() || c.years == 0) {
                bad(Some(&c.id), "register_check", "cần award, requires và years (số năm trước năm xét) khi có clause.".into());
            }
        }
        for (k, id) in [("cap.award", &file.cap.award), ("cap.of", &file.cap.of)] {
            if !file.awards.iter().any(|a| &a.id == id) {
                bad(None, k, format!("hình thức \"{id}\" không có trong tệp."));
            }
        }
        for t in &file.scores.tie_breakers {
            if !(t.strip_prefix("tieu_chi:").is_some_and(|n| n.parse::<u32>().is_ok()) || t == "ty_le_thu" || t == "ty_trong_dn") {
                bad(None, "scores.tie_breakers", format!("\"{t}\" không hợp lệ (tieu_chi:N, ty_le_thu, ty_trong_dn)."));
            }
        }
        for d in &file.deadlines {
            let anchor = Some(d.applies.as_str());
            if !["khoi", "cum-tinh", "cum-huyen", "tinh", "all"].contains(&d.applies.as_str()) {
                bad(anchor, "deadline.applies", format!("\"{}\" không hợp lệ (khoi, cum-tinh, cum-huyen, tinh, all).", d.applies));
            }
            if d.period != "Y" && d.period != "H1" {
                bad(anchor, "deadline.period", format!("\"{}\" không hợp lệ (Y: tổng kết năm, H1: sơ kết 6 tháng).", d.period));
            }
            if !(1..=12).contains(&d.month) || !(1..=31).contains(&d.day) {
                bad(anchor, "deadline.day", format!("ngày {}/{} không hợp lệ.", d.day, d.month));
            }
        }
        if super::Rules::builtin(&file.campaign.indicator_rules).is_none() {
            bad(None, "campaign.indicator_rules", format!("không có tệp quy tắc \"{}\".", file.campaign.indicator_rules));
        }
        if !errors.is_empty() {
            let n = errors.len();
            return Err(RulesError { source_name: source.to_string(), message: format!("{n} lỗi:\n  {}", errors.join("\n  ")) });
        }
        use sha2::Digest;
        let award_keys = file
            .awards
            .iter()
            .enumerate()
            .flat_map(|(i, a)| std::iter::once(&a.name).chain(std::iter::once(&a.short)).chain(&a.aliases).map(move |n| (award_key(n), i)))
            .collect();
        Ok(AnnualRules {
            award_keys,
            file,
            source: source.to_string(),
            sha256: super::hex(&sha2::Sha256::digest(text.as_bytes())),
            majority: majority.expect("checked"),
            cap_share: cap_share.expect("checked"),
        })
    }

    pub fn award(&self, id: &str) -> Option<&Award> {
        self.file.awards.iter().find(|a| a.id == id)
    }

    /// The award an officer typed ("Cờ thi đua Chính phủ", "Bằng khen TGĐ").
    /// The award a typed name means: its name, short name or an alias of
    /// the rules file, compared folded, without "của", quotes and
    /// punctuation, and with the usual abbreviations written out ("VN",
    /// "TGĐ", "CP"). A name that matches two awards matches none.
    pub fn award_by_name(&self, typed: &str) -> Option<&Award> {
        let k = award_key(typed);
        if k.is_empty() {
            return None;
        }
        // The awards one of whose names folds to the same key; a key two
        // awards share names neither.
        let mut found = self.award_keys.iter().filter(|(n, _)| *n == k).map(|(_, i)| *i);
        let first = found.next()?;
        found.all(|i| i == first).then(|| &self.file.awards[first])
    }

    /// The indicator rules whose kind-1 columns the annual run reads.
    pub fn indicator_rules(&self) -> super::Rules {
        super::Rules::builtin(&self.file.campaign.indicator_rules).expect("checked at load")
    }
}

/// An award name for comparison: folded to ASCII, punctuation and quotes
/// dropped, "của" dropped, abbreviations written out.
fn award_key(typed: &str) -> String {
    // Tallies name the same few awards on every line: remembered.
    thread_local! {
        static SEEN: crate::vn::text::Memo<String> = Default::default();
    }
    crate::vn::text::memoized(&SEEN, typed, award_key_uncached)
}

fn award_key_uncached(typed: &str) -> String {
    let a = crate::vn::text::ascii_fold(typed);
    let a: String = a.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let mut words: Vec<&str> = Vec::new();
    for w in a.split_whitespace() {
        match w {
            "cua" => {}
            "vn" | "vietnam" => words.extend(["viet", "nam"]),
            "tgd" => words.extend(["tong", "giam", "doc"]),
            "cp" => words.extend(["chinh", "phu"]),
            "bhxhvn" => words.extend(["bhxh", "viet", "nam"]),
            _ => words.push(w),
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn usual_short_award_names() {
        let r = AnnualRules::builtin();
        for (typed, id) in [
            ("Cờ thi đua BHXH VN", "co_bhxh"),
            ("Cờ thi đua của BHXH VN.", "co_bhxh"),
            ("Cờ thi đua BHXH Việt Nam", "co_bhxh"),
            ("Bằng khen TGĐ BHXH Việt Nam", "bang_khen"),
            ("Bằng khen Tổng Giám đốc BHXH Việt Nam", "bang_khen"),
            ("Bằng khen của TGĐ BHXH VN", "bang_khen"),
            ("Cờ thi đua CP", "co_cp"),
            ("\"Cờ thi đua của Chính phủ\"", "co_cp"),
            // "TĐ" and "BK" as officers abbreviate them on a tally.
            ("Cờ TĐ Chính phủ", "co_cp"),
            ("Cờ TĐ BHXH Việt Nam", "co_bhxh"),
            ("BK TGĐ", "bang_khen"),
        ] {
            assert_eq!(r.award_by_name(typed).map(|a| a.id.as_str()), Some(id), "{typed}");
        }
        assert!(r.award_by_name("Cờ thi đua").is_none());
        assert!(r.award_by_name("Giấy khen").is_none());
    }
    #[test]
    fn builtin_parses_and_names_awards() {
        let r = AnnualRules::builtin();
        assert_eq!(r.award_by_name("Cờ thi đua của Chính phủ").unwrap().id, "co_cp");
        assert_eq!(r.award_by_name("cờ thi đua bhxh việt nam").unwrap().id, "co_bhxh");
        assert_eq!(r.award_by_name("Bằng khen TGĐ").unwrap().id, "bang_khen");
        assert_eq!(r.majority, Num::frac(1, 2));
        assert!(AnnualRules::is_annual(BUILTIN_TEXT));
        assert!(!AnnualRules::is_annual(super::super::BUILTIN[0].1));
    }
}
