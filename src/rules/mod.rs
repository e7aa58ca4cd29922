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
    // Two digits per byte from a table: a run hashes every input and
    // output (some 1 300 digests), and a formatter call per byte showed.
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_is_lower_case_two_digits_per_byte() {
        assert_eq!(super::hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        use sha2::Digest;
        // SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        assert_eq!(super::hex(&sha2::Sha256::digest(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
