//! The office's register of awards and offices across years (issue 18): one
//! SQLite file (`so-khen-thuong.sqlite`) that the secretariat keeps and backs
//! up. It owns opening the file safely: refusing a file that is not a
//! register or was written by a newer thidua (never touching it), migrating
//! an older one, and running every write as one transaction that waits for
//! another writer instead of interleaving with it.
//!
//! What is recorded and how is in the sibling files: `schema` (tables and
//! migrations), `record` (a finished run), `decisions` (the final decisions
//! and past years' awards from a workbook, whose blank forms are in
//! `forms::register`), `query` (history), `export` (the workbook with its chart), `apply` (what a
//! run takes from the register).

pub mod apply;
pub mod decisions;
pub mod export;
pub mod query;
pub mod record;
pub mod schema;
pub mod sheet;

use anyhow::{bail, Context, Result};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The file name an office gets when it names none.
pub const DEFAULT_FILE: &str = "so-khen-thuong.sqlite";
/// The environment variable that names the register for every command.
pub const ENV_VAR: &str = "THIDUA_SO";
/// How long a recording waits for another one to finish before giving up.
const BUSY_WAIT: Duration = Duration::from_secs(120);

/// The register named by `--so`, else by `THIDUA_SO`, else
/// `so-khen-thuong.sqlite` in the current folder.
pub fn resolve_path(given: Option<&Path>) -> PathBuf {
    given
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(DEFAULT_FILE))
}

/// An open register.
pub struct Register {
    pub(crate) conn: Connection,
    pub path: PathBuf,
}

/// Read the schema version of an existing file without writing anything;
/// refuse a file that is not a register or that a newer thidua wrote.
fn check_existing(path: &Path) -> Result<()> {
    let shown = path.display();
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .with_context(|| format!("không mở được sổ khen thưởng \"{shown}\""))?;
    conn.busy_timeout(BUSY_WAIT)?;
    let read = || -> rusqlite::Result<(i64, i64, i64)> {
        let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        Ok((app, version, tables))
    };
    let (app, version, tables) = read().map_err(|_| {
        anyhow::anyhow!(
            "tệp \"{shown}\" không phải sổ khen thưởng của thidua (không đọc được như cơ sở dữ liệu SQLite); tệp được giữ nguyên"
        )
    })?;
    if (app != 0 && app != schema::APPLICATION_ID) || (app == 0 && tables > 0) {
        bail!("tệp \"{shown}\" là một cơ sở dữ liệu khác, không phải sổ khen thưởng của thidua; tệp được giữ nguyên");
    }
    if version > schema::VERSION {
        bail!(
            "sổ khen thưởng \"{shown}\" được ghi bởi phiên bản thidua mới hơn (cấu trúc số {version}, phiên bản này đọc được đến số {}); hãy dùng thidua mới hơn. Sổ được giữ nguyên, không ghi gì vào sổ.",
            schema::VERSION
        );
    }
    Ok(())
}

impl Register {
    /// Open the register for writing, creating it when absent and bringing
    /// an older one up to date (each migration in its own transaction).
    pub fn open(path: &Path) -> Result<Register> {
        if path.exists() {
            check_existing(path)?;
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("không tạo được thư mục \"{}\"", dir.display()))?;
        }
        let conn = Connection::open(path).with_context(|| format!("không mở được sổ khen thưởng \"{}\"", path.display()))?;
        conn.busy_timeout(BUSY_WAIT)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let mut reg = Register { conn, path: path.to_path_buf() };
        schema::migrate(&mut reg)?;
        Ok(reg)
    }

    /// Open an existing register to read it: never created, never written.
    pub fn open_read(path: &Path) -> Result<Register> {
        if !path.is_file() {
            bail!(
                "chưa có sổ khen thưởng \"{}\"; ghi vào sổ bằng \"thidua so ghi THƯ_MỤC_KẾT_QUẢ\" hoặc chỉ sổ khác bằng --so TỆP",
                path.display()
            );
        }
        check_existing(path)?;
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(BUSY_WAIT)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version < schema::VERSION {
            bail!("sổ khen thưởng \"{}\" theo cấu trúc cũ (số {version}); chạy \"thidua so ghi\" một lần để cập nhật sổ", path.display());
        }
        Ok(Register { conn, path: path.to_path_buf() })
    }

    /// Run `f` as one transaction that holds the write lock from its start
    /// (BEGIN IMMEDIATE): a second recording waits for the first, and a
    /// recording stopped half-way leaves the register as it was.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| busy_vi(e, &self.path))?;
        let out = f(&tx)?;
        test_pause();
        tx.commit().map_err(|e| busy_vi(e, &self.path))?;
        Ok(out)
    }
}

/// A register still locked after the wait, in Vietnamese.
fn busy_vi(e: rusqlite::Error, path: &Path) -> anyhow::Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => anyhow::anyhow!(
            "sổ khen thưởng \"{}\" đang được một lần ghi khác sử dụng quá {} giây; hãy chạy lại sau",
            path.display(),
            BUSY_WAIT.as_secs()
        ),
        _ => anyhow::Error::new(e).context(format!("không ghi được vào sổ khen thưởng \"{}\"", path.display())),
    }
}

/// For the tests of a killed or concurrent recording only: with
/// `THIDUA_TEST_REGISTER_PAUSE=FILE[:MS]`, a recording writes FILE once its
/// rows are in the open transaction, then waits MS milliseconds (default
/// 30 000) before committing.
fn test_pause() {
    let Some(v) = std::env::var_os("THIDUA_TEST_REGISTER_PAUSE") else { return };
    let v = v.to_string_lossy().to_string();
    let (file, ms) = match v.rsplit_once(':') {
        Some((f, ms)) if ms.chars().all(|c| c.is_ascii_digit()) && !ms.is_empty() => (f.to_string(), ms.parse().unwrap_or(30_000)),
        _ => (v.clone(), 30_000u64),
    };
    let _ = std::fs::write(&file, b"in transaction");
    std::thread::sleep(Duration::from_millis(ms));
}

/// Folded key of an award name for matching ("Cờ thi đua Chính phủ" and
/// "Cờ Thi đua của Chính phủ" meet): the annual rules' award id when the
/// name is one of them, else the folded name.
pub fn award_key(name: &str) -> (String, String) {
    static RULES: std::sync::OnceLock<crate::rules::annual::AnnualRules> = std::sync::OnceLock::new();
    let rules = RULES.get_or_init(crate::rules::annual::AnnualRules::builtin);
    match rules.award_by_name(name) {
        Some(a) => (a.id.clone(), a.name.clone()),
        None => (crate::vn::text::fold(name), crate::vn::text::nfc(name.trim())),
    }
}
