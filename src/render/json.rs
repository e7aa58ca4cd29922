//! `ket-qua.json`: the results, machine-readable (documented in README.md).

use crate::model::RunResult;
use serde::Serialize;
use std::io::{self, Write};

/// Pretty-printed, with a newline at the end, streamed: the national file
/// is 7,7 MB and is never held whole in memory.
pub fn write_to(result: &RunResult, w: &mut impl Write) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *w, Pretty { level: 0, has_value: false });
    result.serialize(&mut ser)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// serde_json's `PrettyFormatter` with its two-space indent, byte for byte,
/// but each line break and its indent written at once: the national file
/// has 300 000 lines, and the stock formatter writes the indent one level
/// at a time.
struct Pretty {
    level: usize,
    has_value: bool,
}

/// ",\n" and the indent of the deepest level written at once.
const LINE: &[u8; 2 + 2 * 32] = b",\n                                                                ";

impl Pretty {
    /// A line break (after a comma unless `first`) and the current indent.
    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        let from = usize::from(first);
        if self.level <= 32 {
            w.write_all(&LINE[from..2 + 2 * self.level])
        } else {
            w.write_all(&LINE[from..2])?;
            (0..self.level).try_for_each(|_| w.write_all(b"  "))
        }
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    /// The same bytes as serde_json's own pretty printer, at every depth
    /// (past the indent written at once too), empty arrays and objects
    /// included.
    #[test]
    fn prints_as_serde_json_pretty() {
        let mut deep = serde_json::json!({"lá": [1, 2.5, "a\"b"], "rỗng": [], "trống": {}});
        for i in 0..40 {
            deep = serde_json::json!({ format!("k{i}"): [deep.clone(), {"n": i, "v": null}], "x": true });
        }
        let mut ours = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut ours, super::Pretty { level: 0, has_value: false });
        serde::Serialize::serialize(&deep, &mut ser).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string_pretty(&deep).unwrap());
    }
}
