//! Vietnamese language support: normalisation for matching, formatting for
//! documents, collation for sorted names.

pub mod collate;
pub mod format;
pub mod legacy;
pub mod person;
pub mod text;
pub mod words;
