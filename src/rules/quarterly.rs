//! The rules of the quarterly indicator campaign (Công văn 1371/BHXH-TĐKT),
//! loaded from a TOML file under `templates/rules/` (SPEC §5, §11) in the
//! shape of `schema::RulesFile`, checked once, with every formula compiled.

use super::expr::Expr;
use super::schema::*;
use super::{hex, RulesError};
use crate::model::{Num, Period};
use std::collections::BTreeMap;
use std::path::Path;

/// Rules files shipped in the binary, by file name.
pub const BUILTIN: &[(&str, &str)] = &[("thu-2022.toml", include_str!("../../templates/rules/thu-2022.toml"))];

/// A loaded, checked rules file.
#[derive(Clone, Debug)]
pub struct Rules {
    pub file: RulesFile,
    /// File name or path it came from (for the manifest).
    pub source: String,
    /// SHA-256 of its text.
    pub sha256: String,
    pub measures: Vec<(MeasureDef, Expr)>,
    pub bounds: BTreeMap<String, Expr>,
    pub params: BTreeMap<String, Num>,
}

/// "dòng N: message", N the first line that writes a name the message
/// quotes (an id, a key, a value), the last quoted first (messages quote the
/// offending value last: "bảng xếp hạng "thu" dùng chỉ số chưa khai báo
/// "x""); the message alone when none is found.
pub(crate) fn locate(text: &str, message: &str) -> String {
    let quoted: Vec<&str> = message.split('"').skip(1).step_by(2).filter(|q| !q.is_empty()).collect();
    let line = quoted.iter().rev().find_map(|q| {
        let (as_value, as_key) = (format!("\"{q}\""), format!("{q} ="));
        text.lines().position(|l| {
            let t = l.trim_start();
            !t.starts_with('#') && (t.contains(&as_value) || t.starts_with(&as_key) || t.starts_with(&format!("[{q}]")))
        })
    });
    match line {
        Some(i) => format!("dòng {}: {message}", i + 1),
        None => message.to_string(),
    }
}

impl Rules {
    /// A rules file shipped with the tool, by name (`thu-2022` or `thu-2022.toml`).
    pub fn builtin(name: &str) -> Option<Rules> {
        let want = if name.ends_with(".toml") { name.to_string() } else { format!("{name}.toml") };
        BUILTIN.iter().find(|(n, _)| *n == want).map(|(n, text)| Rules::parse(text, n).expect("built-in rules are valid"))
    }

    pub fn load(path: &Path) -> Result<Rules, RulesError> {
        let text = std::fs::read_to_string(path).map_err(|e| RulesError {
            source_name: path.display().to_string(),
            message: format!("không đọc được tệp: {}", crate::ingest::os_error_vi(&e)),
        })?;
        Rules::parse(&text, &path.display().to_string())
    }

    pub fn parse(text: &str, source: &str) -> Result<Rules, RulesError> {
        // Each problem says where (the line of the name it quotes), and all
        // are listed at once.
        let errors = std::cell::RefCell::new(Vec::<String>::new());
        let err = |message: String| errors.borrow_mut().push(locate(text, &message));
        let file: RulesFile = toml::from_str(text)
            .map_err(|e| RulesError { source_name: source.to_string(), message: crate::registry::file::toml_error(text, &e).located() })?;
        let mut params = BTreeMap::new();
        for (k, p) in &file.params {
            let Some(v) = Num::parse_decimal(&p.value) else {
                err(format!("tham số \"{k}\" không phải số: \"{}\"", p.value));
                continue;
            };
            params.insert(k.clone(), v);
        }
        if let Some(t) = &file.thresholds {
            for (k, v) in &t.by_period {
                if Num::parse_decimal(v).is_none() {
                    err(format!("ngưỡng kỳ {k} không phải số: \"{v}\""));
                }
            }
        }
        let indicator_keys: Vec<&str> = file.indicators.iter().map(|i| i.key.as_str()).collect();
        for i in &file.indicators {
            if let Some(same) = &i.same_size {
                let k = &same.with;
                if !(same.within.is_finite() && same.within > 1.0) {
                    err(format!("chỉ tiêu \"{}\": same_size.within phải là một số lớn hơn 1 (số lần hai số được chênh nhau)", i.key));
                }
                match file.indicators.iter().find(|o| &o.key == k) {
                    None => err(format!("chỉ tiêu \"{}\": same_size ghi chỉ tiêu chưa khai báo \"{k}\"", i.key)),
                    Some(o) if o.unit != i.unit || o.percent || i.percent => err(format!(
                        "chỉ tiêu \"{}\": same_size chỉ so được với một số cùng đơn vị tính, \"{k}\" tính bằng {}",
                        i.key, o.unit
                    )),
                    Some(_) => {}
                }
            }
        }
        let mut known: Vec<String> = indicator_keys.iter().map(|s| s.to_string()).collect();
        known.extend(params.keys().cloned());
        known.push("nguong".into());
        let mut measures = Vec::new();
        for m in &file.measures {
            let e = match Expr::parse(&m.formula) {
                Ok(e) => e,
                Err(e) => {
                    err(format!("công thức của \"{}\": {e}", m.key));
                    continue;
                }
            };
            let mut vars = Vec::new();
            e.vars(&mut vars);
            for v in vars {
                if !known.contains(&v) {
                    err(format!("công thức của \"{}\" dùng tên chưa khai báo \"{v}\"", m.key));
                }
            }
            measures.push((m.clone(), e));
        }
        // Plausible ranges (SPEC §13): well formed, and one for every measure
        // of a quarterly campaign.
        let ranges = file.indicators.iter().map(|i| (&i.key, i.range)).chain(file.measures.iter().map(|m| (&m.key, m.range)));
        for (k, r) in ranges {
            if let Some([lo, hi]) = r {
                if !(lo.is_finite() && hi.is_finite() && lo < hi) {
                    err(format!("khoảng hợp lý của \"{k}\" phải là [nhỏ nhất, lớn nhất] với nhỏ nhất < lớn nhất"));
                }
            }
        }
        if file.campaign.kind == "quarterly" {
            for m in file.measures.iter().filter(|m| m.range.is_none()) {
                err(format!(
                    "chỉ số \"{}\" chưa có khoảng hợp lý (range = [nhỏ nhất, lớn nhất]); mỗi chỉ số cần một khoảng để nhận ra số liệu nhầm",
                    m.key
                ));
            }
        }
        let measure_keys: Vec<&str> = file.measures.iter().map(|m| m.key.as_str()).collect();
        let mut bounds = BTreeMap::new();
        for c in &file.criteria {
            if !measure_keys.contains(&c.measure.as_str()) {
                err(format!("tiêu chí \"{}\" dùng chỉ số chưa khai báo \"{}\"", c.id, c.measure));
            }
            if c.op != ">=" && c.op != "<=" {
                err(format!("tiêu chí \"{}\": phép so sánh (op) phải là >= hoặc <=, không phải \"{}\"", c.id, c.op));
            }
            let e = match Expr::parse(&c.bound) {
                Ok(e) => e,
                Err(e) => {
                    err(format!("giới hạn của tiêu chí \"{}\": {e}", c.id));
                    continue;
                }
            };
            let mut vars = Vec::new();
            e.vars(&mut vars);
            for v in vars {
                if !known.contains(&v) {
                    err(format!("giới hạn của tiêu chí \"{}\" dùng tên chưa khai báo \"{v}\"", c.id));
                }
            }
            bounds.insert(c.id.clone(), e);
        }
        let crit_ids: Vec<&str> = file.criteria.iter().map(|c| c.id.as_str()).collect();
        let award_ids: Vec<&str> = file.awards.iter().map(|a| a.id.as_str()).collect();
        for a in &file.awards {
            for r in &a.requires {
                if !crit_ids.contains(&r.as_str()) {
                    err(format!("hình thức \"{}\" cần tiêu chí chưa khai báo \"{r}\"", a.id));
                }
            }
            let mut ms = vec![a.rank_by.as_str()];
            ms.extend(a.tie_breakers.iter().map(|t| t.measure.as_str()));
            for m in ms {
                if !measure_keys.contains(&m) {
                    err(format!("hình thức \"{}\" xếp hạng theo chỉ số chưa khai báo \"{m}\"", a.id));
                }
            }
            for n in &a.not_with {
                let pos_n = award_ids.iter().position(|x| x == n);
                let pos_a = award_ids.iter().position(|x| *x == a.id);
                if pos_n.is_none() || pos_n >= pos_a {
                    err(format!("hình thức \"{}\": \"{n}\" trong not_with phải được khai báo trước", a.id));
                }
            }
        }
        for r in &file.rankings {
            let mut ms = vec![r.measure.as_str()];
            ms.extend(r.tie_breakers.iter().map(|t| t.measure.as_str()));
            for m in ms {
                if !measure_keys.contains(&m) {
                    err(format!("bảng xếp hạng \"{}\" dùng chỉ số chưa khai báo \"{m}\"", r.id));
                }
            }
        }
        for t in &file.targets {
            let ind = |k: &str| indicator_keys.contains(&k);
            let res = |k: &str| ind(k) || measure_keys.contains(&k);
            if !ind(&t.plan) || !res(&t.result) || t.last_year.as_deref().is_some_and(|k| !ind(k)) {
                err(format!("chỉ tiêu đăng ký \"{}\" dùng số liệu chưa khai báo", t.id));
            }
            if !["higher", "lower"].contains(&t.better.as_str()) || !["cumulative", "stock", "rate"].contains(&t.kind.as_str()) {
                err(format!(
                    "chỉ tiêu đăng ký \"{}\": better phải là \"higher\" hoặc \"lower\", kind là \"cumulative\", \"stock\" hoặc \"rate\"",
                    t.id
                ));
            }
        }
        let errors = errors.into_inner();
        match errors.len() {
            0 => {}
            1 => return Err(RulesError { source_name: source.to_string(), message: errors[0].clone() }),
            n => return Err(RulesError { source_name: source.to_string(), message: format!("{n} lỗi:\n  {}", errors.join("\n  ")) }),
        }
        use sha2::Digest;
        let sha256 = hex(&sha2::Sha256::digest(text.as_bytes()));
        Ok(Rules { file, source: source.to_string(), sha256, measures, bounds, params })
    }

    pub fn short(&self) -> &str {
        &self.file.campaign.short
    }

    /// The threshold of the period (`nguong`), if the campaign has one.
    /// A year run uses the quarter named by `year_uses_quarter`.
    pub fn threshold(&self, period: &Period) -> Option<Num> {
        let t = self.file.thresholds.as_ref()?;
        let key = self.figures_period_key(period);
        t.by_period.get(&key).and_then(|v| Num::parse_decimal(v))
    }

    /// Key of the period whose figures and thresholds apply: "Q3", or for a
    /// year run "Q4" when the campaign says the fourth quarter counts for the year.
    pub fn figures_period_key(&self, period: &Period) -> String {
        match period {
            Period::Year { .. } => match self.file.campaign.year_uses_quarter {
                Some(q) => format!("Q{q}"),
                None => "Y".into(),
            },
            p => p.rules_key(),
        }
    }

    /// "quarter" or "year": which quota column applies.
    pub fn quota_key(period: &Period) -> &'static str {
        match period {
            Period::Quarter { .. } => "quarter",
            Period::Half { .. } => "half",
            Period::Year { .. } => "year",
        }
    }

    /// What to do for a period these rules do not cover: a campaign of
    /// another year has its own document, written into a copy of the rules.
    pub fn other_period_hint(&self, period: &Period) -> String {
        let file = format!("MAU/quy-tac/{}.toml", self.file.campaign.id);
        format!(
            "Nếu {} có văn bản phát động thi đua riêng: ghi các tệp quy tắc mặc định ra thư mục (thidua templates --out MAU), sửa năm, các quý, chỉ tiêu và số lượng khen thưởng trong {file} theo văn bản đó, rồi chạy lại với --rules {file}.",
            match period {
                Period::Quarter { year, .. } | Period::Year { year } | Period::Half { year } => format!("năm {year}"),
            }
        )
    }

    /// Whether the campaign covers the period; `Err` carries the Vietnamese reason.
    pub fn check_period(&self, period: &Period) -> Result<(), String> {
        let c = &self.file.campaign;
        let covered = match *period {
            Period::Quarter { year, q } => year == c.year && c.quarters.contains(&q),
            Period::Year { year } => year == c.year && c.year_uses_quarter.is_some(),
            Period::Half { .. } => false,
        };
        if covered {
            return Ok(());
        }
        let qs: Vec<String> = c.quarters.iter().map(|q| format!("Quý {}/{}", crate::model::period::roman(*q as u32), c.year)).collect();
        Err(format!(
            "Kỳ {} nằm ngoài thời gian của {}: phong trào chỉ xét {}{} ({}).",
            period.label_vi(),
            c.short,
            qs.join(", "),
            if c.year_uses_quarter.is_some() { format!(" và cả năm {}", c.year) } else { String::new() },
            c.quarters_clause.clone().unwrap_or_default()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn builtin_rules_load() {
        let r = Rules::builtin("thu-2022").unwrap();
        assert_eq!(r.threshold(&"2022-Q3".parse().unwrap()), Some(Num::frac(715, 1000)));
        assert_eq!(r.threshold(&"2022".parse().unwrap()), Some(Num::int(1)));
        assert!(r.check_period(&"2022-Q1".parse().unwrap()).is_err());
        assert!(r.check_period(&"2023-Q2".parse().unwrap()).is_err());
        assert!(r.check_period(&"2022-Q2".parse().unwrap()).is_ok());
        assert_eq!(r.file.awards.len(), 4);
    }
    #[test]
    fn bad_rules_are_reported() {
        let e = Rules::parse("[campaign]\nid='x'", "x.toml").unwrap_err();
        assert!(e.to_string().contains("x.toml"));
    }
}
