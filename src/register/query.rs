//! Asking the register: a unit's or a cluster's history over years (each
//! proposal with the decision finally taken, and awards imported from
//! earlier years), the heads and deputies, and the facts a run checks.

use super::Register;
use anyhow::Result;
use rusqlite::params;
use std::ops::RangeInclusive;

/// One award in the history: proposed, granted or refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub year: i32,
    pub period: String,
    pub unit: String,
    pub unit_name: String,
    pub award: String,
    pub award_name: String,
    /// "granted", "refused", or "" while no decision is recorded.
    pub outcome: String,
    pub number: String,
    pub date: String,
    pub signer: String,
}

impl Entry {
    /// The state in the officer's words.
    pub fn status_vi(&self) -> &'static str {
        match self.outcome.as_str() {
            "granted" => "Được khen thưởng",
            "refused" => "Không được khen thưởng",
            _ => "Đã đề nghị, chưa có quyết định",
        }
    }
    /// "Quyết định số 123/QĐ-BHXH ngày 15/03/2023 của Tổng Giám đốc BHXH Việt Nam".
    pub fn decision_vi(&self) -> String {
        let mut s = String::new();
        if !self.number.is_empty() {
            s.push_str(&format!("Quyết định số {}", self.number));
        }
        if !self.date.is_empty() {
            s.push_str(&format!("{}ngày {}", if s.is_empty() { "" } else { " " }, self.date));
        }
        if !self.signer.is_empty() {
            s.push_str(&format!("{}{}", if s.is_empty() { "" } else { " của " }, self.signer));
        }
        s
    }
}

/// Award order of Hướng dẫn 3636 (the BHXH flag, the Government flag,
/// the certificate), then any other title or award.
fn order(award: &str) -> usize {
    ["co_bhxh", "co_cp", "bang_khen"].iter().position(|a| *a == award).unwrap_or(3)
}

/// A year's head and deputy of a block or cluster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermRow {
    pub year: i32,
    pub cluster: String,
    pub head: String,
    pub deputy: Option<String>,
}

const ENTRIES: &str = "
    SELECT p.year, p.period, p.unit, p.unit_name, p.award, p.award_name,
           COALESCE(d.outcome, ''), COALESCE(d.number, ''), COALESCE(d.date, ''), COALESCE(d.signer, '')
      FROM proposal p LEFT JOIN decision d ON d.year = p.year AND d.unit = p.unit AND d.award = p.award
    UNION ALL
    SELECT d.year, CAST(d.year AS TEXT), d.unit, d.unit_name, d.award, d.award_name, d.outcome, d.number, d.date, d.signer
      FROM decision d
     WHERE NOT EXISTS (SELECT 1 FROM proposal p WHERE p.year = d.year AND p.unit = d.unit AND p.award = d.award)";

impl Register {
    /// Every entry of the units in `units` (all units when empty) within
    /// `years`, by year, unit and award.
    pub fn entries(&self, units: &[String], years: &RangeInclusive<i32>) -> Result<Vec<Entry>> {
        let sql = format!(
            "SELECT * FROM ({ENTRIES}) WHERE {} AND year BETWEEN ?1 AND ?2",
            if units.is_empty() { "1 = 1".to_string() } else { "unit IN (SELECT value FROM json_each(?3))".to_string() }
        );
        let mut st = self.conn.prepare(&sql)?;
        let ids = serde_json::to_string(units)?;
        let map = |r: &rusqlite::Row| -> rusqlite::Result<Entry> {
            Ok(Entry {
                year: r.get(0)?,
                period: r.get(1)?,
                unit: r.get(2)?,
                unit_name: r.get(3)?,
                award: r.get(4)?,
                award_name: r.get(5)?,
                outcome: r.get(6)?,
                number: r.get(7)?,
                date: r.get(8)?,
                signer: r.get(9)?,
            })
        };
        let mut v: Vec<Entry> = if units.is_empty() {
            st.query_map(params![years.start(), years.end()], map)?.collect::<rusqlite::Result<_>>()?
        } else {
            st.query_map(params![years.start(), years.end(), ids], map)?.collect::<rusqlite::Result<_>>()?
        };
        v.sort_by(|a, b| {
            (a.year, &a.period, crate::vn::collate::key(&a.unit_name), order(&a.award), &a.award_name).cmp(&(
                b.year,
                &b.period,
                crate::vn::collate::key(&b.unit_name),
                order(&b.award),
                &b.award_name,
            ))
        });
        Ok(v)
    }

    /// The heads and deputies recorded, by cluster and year (all clusters
    /// when `cluster` is None).
    pub fn terms(&self, cluster: Option<&str>) -> Result<Vec<TermRow>> {
        let mut st =
            self.conn.prepare("SELECT year, cluster, head, deputy FROM term WHERE ?1 IS NULL OR cluster = ?1 ORDER BY cluster, year")?;
        let v = st
            .query_map([cluster], |r| Ok(TermRow { year: r.get(0)?, cluster: r.get(1)?, head: r.get(2)?, deputy: r.get(3)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Units recorded as members of `cluster` in some year.
    pub fn recorded_members(&self, cluster: &str) -> Result<Vec<String>> {
        let mut st = self.conn.prepare("SELECT DISTINCT unit FROM unit_year WHERE cluster = ?1 ORDER BY unit")?;
        let v = st.query_map([cluster], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// The years and range of everything recorded, for the default `--nam`.
    pub fn year_span(&self) -> Result<Option<(i32, i32)>> {
        let r: (Option<i32>, Option<i32>) = self.conn.query_row(
            "SELECT min(y), max(y) FROM (SELECT year y FROM proposal UNION ALL SELECT year FROM decision UNION ALL SELECT year FROM term)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(r.0.zip(r.1))
    }
}
