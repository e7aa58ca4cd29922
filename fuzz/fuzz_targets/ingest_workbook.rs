//! Any bytes as a workbook: guard, load, recognise and read must return
//! (a result or a located problem) without panicking, hanging or growing
//! without bound.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use thidua::ingest::{self, grid::Format, header::FieldSpec, Limits};
use thidua::registry::Registry;
use thidua::rules::Rules;

fn setup() -> &'static (Rules, Vec<FieldSpec>) {
    static S: OnceLock<(Rules, Vec<FieldSpec>)> = OnceLock::new();
    S.get_or_init(|| {
        let rules = Rules::builtin("thu-2022").unwrap();
        let specs = ingest::quarterly::indicators::field_specs(&rules);
        (rules, specs)
    })
}

fuzz_target!(|data: &[u8]| {
    let (rules, specs) = setup();
    let limits = Limits { max_unzipped_bytes: 20 << 20, max_cells: 200_000, ..Limits::default() };
    for named in [Format::Xlsx, Format::Xls] {
        let _ = ingest::read_workbook(data, "fuzz.xlsx", named, Registry::builtin(), rules, specs, &limits);
    }
});
