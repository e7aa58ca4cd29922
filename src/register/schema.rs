//! The register's tables and their versioned migrations. The version is
//! SQLite's `user_version`; `application_id` marks the file as a thidua
//! register. Each migration runs in its own transaction, so a file is
//! always at one version or the next, never between.

use super::Register;
use anyhow::Result;

/// "TĐKT" in the file's header: this file is a thidua register.
pub const APPLICATION_ID: i64 = 0x5444_4b54;
/// The schema this build writes.
pub const VERSION: i64 = 1;

/// Migration N brings a register from version N-1 to N.
const MIGRATIONS: &[&str] = &[
    // 1: editions, recordings, units and offices by year, proposals,
    // decisions (granted or refused, with number, date and signer), individuals.
    r#"
    CREATE TABLE edition (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        document TEXT NOT NULL DEFAULT '',
        years TEXT NOT NULL DEFAULT ''
    );
    -- One row per thing recorded: a run's results (the SHA-256 of its
    -- manifest.json) or a workbook (the SHA-256 of its bytes).
    CREATE TABLE recording (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        period TEXT,
        edition INTEGER REFERENCES edition(id),
        recorded_at TEXT NOT NULL
    );
    CREATE TABLE unit_year (
        year INTEGER NOT NULL,
        unit TEXT NOT NULL,
        name TEXT NOT NULL,
        cluster TEXT NOT NULL DEFAULT '',
        cluster_name TEXT NOT NULL DEFAULT '',
        edition INTEGER REFERENCES edition(id),
        PRIMARY KEY (year, unit)
    );
    -- Heads and deputies (3636 mục A.I): elected = 1 when the meeting chose
    -- them, 0 when only the holder of the year is known.
    CREATE TABLE term (
        year INTEGER NOT NULL,
        cluster TEXT NOT NULL,
        head TEXT NOT NULL,
        deputy TEXT,
        recording INTEGER NOT NULL REFERENCES recording(id),
        PRIMARY KEY (year, cluster)
    );
    CREATE TABLE proposal (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        period TEXT NOT NULL,
        unit TEXT NOT NULL,
        unit_name TEXT NOT NULL,
        cluster TEXT NOT NULL DEFAULT '',
        award TEXT NOT NULL,
        award_name TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        recording INTEGER NOT NULL REFERENCES recording(id),
        UNIQUE (period, unit, award)
    );
    -- The decision finally taken on an award: outcome 'granted' or 'refused'.
    CREATE TABLE decision (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        unit TEXT NOT NULL,
        unit_name TEXT NOT NULL,
        award TEXT NOT NULL,
        award_name TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('granted', 'refused')),
        number TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        signer TEXT NOT NULL DEFAULT '',
        recording INTEGER NOT NULL REFERENCES recording(id),
        UNIQUE (year, unit, award)
    );
    CREATE TABLE individual (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        period TEXT NOT NULL,
        full_name TEXT NOT NULL,
        position TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL,
        award TEXT NOT NULL,
        achievements TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT '',
        recording INTEGER NOT NULL REFERENCES recording(id),
        UNIQUE (period, full_name, unit, award)
    );
    CREATE INDEX decision_unit ON decision (unit, year);
    CREATE INDEX proposal_unit ON proposal (unit, year);
    "#,
];

/// Bring the register to `VERSION`. A file another process is migrating is
/// waited for (the write lock), then seen at its new version.
pub fn migrate(reg: &mut Register) -> Result<()> {
    loop {
        let current: i64 = reg.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current >= VERSION {
            return Ok(());
        }
        let tx = reg.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Read again under the lock: another process may have migrated it.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now != current {
            continue;
        }
        tx.execute_batch(MIGRATIONS[now as usize])?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", now + 1)?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_migration_per_version() {
        assert_eq!(MIGRATIONS.len() as i64, VERSION);
    }

    #[test]
    fn a_new_register_is_at_the_current_version() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("so.sqlite");
        let r = Register::open(&p).unwrap();
        let v: i64 = r.conn.query_row("PRAGMA user_version", [], |x| x.get(0)).unwrap();
        assert_eq!(v, VERSION);
        drop(r);
        // Opening again migrates nothing and keeps the bytes.
        let before = std::fs::read(&p).unwrap();
        drop(Register::open(&p).unwrap());
        assert_eq!(before, std::fs::read(&p).unwrap());
    }
}
