//! The documents of the quarterly indicator campaign (Công văn
//! 1371/BHXH-TĐKT): the data its Word templates are filled with
//! (`dossier`: tờ trình, biên bản, báo cáo tóm tắt), and the documents and
//! summary sheets of its nominations (`individuals`).

pub mod dossier;
pub mod individuals;
