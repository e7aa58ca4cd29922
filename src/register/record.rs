//! Recording a finished run (`thidua so ghi OUT/`): its edition, units,
//! heads and deputies, proposals and individuals, read from `ket-qua.json`,
//! keyed by the SHA-256 of its `manifest.json` so the same results are
//! never recorded twice. A later run of the same period (inputs corrected)
//! replaces that period's proposals, never adds a second copy.

use super::Register;
use anyhow::{bail, Context, Result};
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The edition a run names when its results carry none (SPEC §12).
pub const BUILTIN_EDITION: (&str, &str, &str) =
    ("Hướng dẫn 3636/HD-BHXH (2022)", "Hướng dẫn số 3636/HD-BHXH ngày 29/11/2022 của BHXH Việt Nam", "");

/// What a recording did, for the officer.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recorded {
    /// False when the same results or workbook were recorded before.
    pub new: bool,
    pub period: String,
    pub units: usize,
    pub terms: usize,
    pub proposals: usize,
    pub individuals: usize,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 a thing was recorded under, if it was.
pub fn recorded_before(tx: &Transaction, sha: &str) -> Result<bool> {
    Ok(tx.query_row("SELECT 1 FROM recording WHERE sha256 = ?1", [sha], |_| Ok(())).optional()?.is_some())
}

/// Insert the recording row and return its id.
pub fn insert_recording(tx: &Transaction, kind: &str, sha: &str, source: &str, period: Option<&str>, edition: Option<i64>) -> Result<i64> {
    // Seconds since the epoch, UTC: when, not what (the rows recorded do
    // not depend on it).
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    tx.execute(
        "INSERT INTO recording (kind, sha256, source, period, edition, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![kind, sha, source, period, edition, now.to_string()],
    )?;
    Ok(tx.last_insert_rowid())
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

/// Record the run whose results are in `out`.
pub fn record_run(reg: &mut Register, out: &Path) -> Result<Recorded> {
    let manifest_path = out.join("manifest.json");
    let results_path = out.join("ket-qua.json");
    let manifest = std::fs::read(&manifest_path)
        .with_context(|| format!("không đọc được \"{}\" (cần thư mục kết quả của một lần chạy thidua run)", manifest_path.display()))?;
    let text = std::fs::read_to_string(&results_path).with_context(|| format!("không đọc được \"{}\"", results_path.display()))?;
    let r: Value = serde_json::from_str(&text).with_context(|| format!("\"{}\" không đúng định dạng JSON", results_path.display()))?;
    let period = s(&r, "period").to_string();
    let Some(year) = period.get(..4).and_then(|y| y.parse::<i32>().ok()) else {
        bail!("\"{}\" không ghi kỳ xét (period)", results_path.display());
    };
    let sha = sha256_hex(&manifest);
    let source = out.display().to_string();
    reg.write(|tx| {
        let mut done = Recorded { period: period.clone(), ..Default::default() };
        if recorded_before(tx, &sha)? {
            return Ok(done);
        }
        done.new = true;
        let (name, document, years) = match r.get("edition") {
            Some(e) if !s(e, "name").is_empty() => (
                s(e, "name").to_string(),
                s(e, "document").to_string(),
                match e.get("years") {
                    Some(Value::String(y)) => y.clone(),
                    Some(v @ Value::Array(_)) => v.to_string(),
                    _ => String::new(),
                },
            ),
            _ => (BUILTIN_EDITION.0.to_string(), BUILTIN_EDITION.1.to_string(), BUILTIN_EDITION.2.to_string()),
        };
        tx.execute(
            "INSERT INTO edition (name, document, years) VALUES (?1, ?2, ?3) ON CONFLICT(name) DO NOTHING",
            params![name, document, years],
        )?;
        let edition: i64 = tx.query_row("SELECT id FROM edition WHERE name = ?1", [&name], |x| x.get(0))?;
        let rec = insert_recording(tx, "ket-qua", &sha, &source, Some(&period), Some(edition))?;
        for u in r.get("units").and_then(Value::as_array).into_iter().flatten() {
            tx.execute(
                "INSERT INTO unit_year (year, unit, name, cluster, cluster_name, edition) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(year, unit) DO UPDATE SET name = excluded.name, cluster = excluded.cluster,
                 cluster_name = excluded.cluster_name, edition = excluded.edition",
                params![year, s(u, "unit"), s(u, "name"), s(u, "cluster"), s(u, "cluster_name"), edition],
            )?;
            done.units += 1;
        }
        // Heads and deputies: this year's as the meeting sheet gives them,
        // next year's when the meeting elected them (a suggestion of the
        // tool is not a result and is not recorded).
        for c in r.get("annual").and_then(Value::as_array).into_iter().flatten() {
            let cluster = s(c, "cluster");
            let mut put = |y: i32, head: &str, deputy: Option<&str>| -> Result<()> {
                if head.is_empty() {
                    return Ok(());
                }
                tx.execute(
                    "INSERT INTO term (year, cluster, head, deputy, recording) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT(year, cluster) DO UPDATE SET head = excluded.head, deputy = excluded.deputy, recording = excluded.recording",
                    params![y, cluster, head, deputy.filter(|d| !d.is_empty()), rec],
                )?;
                done.terms += 1;
                Ok(())
            };
            if let Some(m) = c.get("meeting") {
                put(year, s(m, "head"), m.get("deputy").and_then(Value::as_str))?;
            }
            if let Some(n) = c.get("next_year").filter(|n| n.get("suggested") == Some(&Value::Bool(false))) {
                put(year + 1, s(n, "head"), n.get("deputy").and_then(Value::as_str))?;
            }
        }
        // This period's proposals replace any recorded before for it.
        tx.execute("DELETE FROM proposal WHERE period = ?1 AND unit IN (SELECT value FROM json_each(?2))", params![period, {
            let ids: Vec<&str> = r.get("units").and_then(Value::as_array).into_iter().flatten().map(|u| s(u, "unit")).collect();
            serde_json::to_string(&ids)?
        }])?;
        let cluster_of = |unit: &str| -> String {
            r.get("units")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .find(|u| s(u, "unit") == unit)
                .map(|u| s(u, "cluster").to_string())
                .unwrap_or_default()
        };
        for d in r.get("decisions").and_then(Value::as_array).into_iter().flatten() {
            if s(d, "kind") != "proposed" {
                continue;
            }
            let (award, award_name) = super::award_key(if s(d, "award_name").is_empty() { s(d, "award") } else { s(d, "award_name") });
            tx.execute(
                "INSERT INTO proposal (year, period, unit, unit_name, cluster, award, award_name, reason, recording)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT(period, unit, award) DO UPDATE SET reason = excluded.reason, recording = excluded.recording",
                params![year, period, s(d, "unit"), s(d, "name"), cluster_of(s(d, "unit")), award, award_name, s(d, "reason"), rec],
            )?;
            done.proposals += 1;
        }
        for i in r.get("individuals").and_then(Value::as_array).into_iter().flatten() {
            tx.execute(
                "INSERT INTO individual (year, period, full_name, position, unit, award, achievements, status, recording)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT(period, full_name, unit, award) DO UPDATE SET position = excluded.position,
                 achievements = excluded.achievements, status = excluded.status, recording = excluded.recording",
                params![year, period, s(i, "full_name"), s(i, "position"), s(i, "unit"), s(i, "award"), s(i, "achievements"), s(i, "kind"), rec],
            )?;
            done.individuals += 1;
        }
        Ok(done)
    })
}
