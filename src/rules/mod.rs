//! Rules of the campaigns, loaded from TOML files under `templates/rules/`
//! (SPEC §5, §11) and checked once. Each campaign's rules are a named
//! sibling (`quarterly`, `annual`); the schema of the quarterly file, the
//! formula language and the error they share stay here.

pub mod annual;
pub mod expr;
pub mod progress;
pub mod quarterly;
pub mod schema;

pub use quarterly::{Rules, BUILTIN};
pub use schema::*;

#[derive(Debug, thiserror::Error)]
#[error("Tệp quy tắc \"{source_name}\": {message}")]
pub struct RulesError {
    pub source_name: String,
    pub message: String,
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
