//! `ket-qua.json`: the results, machine-readable (documented in README.md).

use crate::model::RunResult;

/// Pretty-printed, with a newline at the end, streamed: the national file
/// is 7,7 MB and is never held whole in memory.
pub fn write_to(result: &RunResult, w: &mut impl std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, result)?;
    w.write_all(b"\n")?;
    w.flush()
}
