//! Fixture inboxes for the end-to-end tests: provinces' workbooks written
//! the way units send them, run through the real binary.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use thidua::demo::sheet::{write_workbook, Layout, SheetSpec};
use thidua::model::{Num, Period};

/// Figures that pass every criterion comfortably in any quarter of 2022.
pub fn good() -> BTreeMap<String, Num> {
    let mut f = BTreeMap::new();
    let mut put = |k: &str, v: Num| {
        f.insert(k.to_string(), v);
    };
    put("thu.ke_hoach", Num::int(10_000));
    put("thu.luy_ke", Num::int(9_000));
    put("thu.cung_ky", Num::int(8_000));
    for k in ["bhxh_bb", "bhxh_tn", "bhyt"] {
        put(&format!("{k}.dau_nam"), Num::int(10_000));
        put(&format!("{k}.ke_hoach"), Num::int(12_000));
        put(&format!("{k}.luy_ke"), Num::int(11_900));
        put(&format!("{k}.cung_ky"), Num::int(11_000));
    }
    put("cham_dong.so_tien", Num::int(10));
    put("cham_dong.phai_thu", Num::int(1_000));
    put("cham_dong.chi_tieu", Num::frac(2, 100));
    put("ty_trong_dn", Num::frac(50, 100));
    f
}

pub fn with(mut f: BTreeMap<String, Num>, changes: &[(&str, Num)]) -> BTreeMap<String, Num> {
    for (k, v) in changes {
        f.insert(k.to_string(), *v);
    }
    f
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture { dir: tempfile::tempdir().unwrap() }
    }
    pub fn inbox(&self) -> PathBuf {
        self.dir.path().join("hop-thu")
    }
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("ket-qua")
    }
    /// The workbooks of `tests/fixtures/<dir>` (its scripts left out) as
    /// the inbox, with their folders (one per member, as officers file them).
    pub fn inbox_from(&self, dir: &str) {
        fn copy(src: &std::path::Path, to: &std::path::Path) {
            std::fs::create_dir_all(to).unwrap();
            for e in std::fs::read_dir(src).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    copy(&p, &to.join(p.file_name().unwrap()));
                } else if p.extension().is_some_and(|x| x != "py") {
                    std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
                }
            }
        }
        copy(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir), &self.inbox());
    }
    /// One workbook for one province, as it would send it.
    pub fn province(&self, file: &str, name: &str, period: Period, figures: BTreeMap<String, Num>) {
        std::fs::create_dir_all(self.inbox()).unwrap();
        let spec =
            SheetSpec { sheet_name: "Sheet1", sender: "BHXH TỈNH", period, layout: Layout::TwoRow, text_numbers: false, totals: false };
        std::fs::write(self.inbox().join(file), write_workbook(&[(spec, vec![(name.to_string(), figures)])]).unwrap()).unwrap();
    }
    /// Run `thidua run` on the inbox; returns (exit code, stdout+stderr).
    pub fn run(&self, period: &str) -> (i32, String) {
        self.run_with(period, &[])
    }
    /// `run`, with more options after the usual ones.
    pub fn run_with(&self, period: &str, extra: &[&str]) -> (i32, String) {
        let o = Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(["run", self.inbox().to_str().unwrap(), "--period", period, "--quiet", "--out", self.out().to_str().unwrap()])
            .args(extra)
            .output()
            .unwrap();
        (o.status.code().unwrap_or(-1), format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)))
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(self.out().join("ket-qua.json")).unwrap()).unwrap()
    }
    /// The document's text, no-break spaces read as spaces (they are
    /// layout, checked on the page by tests/it/pages.rs).
    pub fn docx_text(&self, rel: &str) -> String {
        thidua::render::docx::document_text(&std::fs::read(self.out().join(rel)).unwrap()).unwrap().replace('\u{a0}', " ")
    }
}

/// The criterion result of a unit in ket-qua.json.
pub fn criterion<'a>(j: &'a serde_json::Value, unit: &str, id: &str) -> &'a serde_json::Value {
    let u = j["units"].as_array().unwrap().iter().find(|u| u["unit"] == unit).unwrap_or_else(|| panic!("no unit {unit}"));
    u["criteria"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("no criterion {id}"))
}

pub fn measure(j: &serde_json::Value, unit: &str, key: &str) -> serde_json::Value {
    let u = j["units"].as_array().unwrap().iter().find(|u| u["unit"] == unit).unwrap();
    u["measures"].as_array().unwrap().iter().find(|m| m["key"] == key).unwrap()["value"].clone()
}

pub fn decision<'a>(j: &'a serde_json::Value, unit: &str, award: &str) -> &'a serde_json::Value {
    j["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["unit"] == unit && d["award"] == award)
        .unwrap_or_else(|| panic!("no decision {unit} {award}"))
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}

/// Whether `bin flag` runs. CI installs LibreOffice and poppler-utils and
/// sets THIDUA_REQUIRE_LIBREOFFICE: there, missing is a failure.
pub fn have(bin: &str, flag: &str) -> bool {
    let ok = Command::new(bin).arg(flag).output().is_ok_and(|o| o.status.success());
    assert!(ok || std::env::var_os("THIDUA_REQUIRE_LIBREOFFICE").is_none(), "{bin} is required (THIDUA_REQUIRE_LIBREOFFICE is set)");
    ok
}

/// Whether LibreOffice can open workbooks (its Calc part), for the tests
/// that save workbooks as .ods or .xls or print one. A machine with Writer
/// alone has `soffice`, which then answers "source file could not be
/// loaded" for every workbook and still exits 0; so the part is looked for
/// (on Linux, where its library has a known place). Under
/// THIDUA_REQUIRE_LIBREOFFICE a missing Calc is a failure that says so.
pub fn calc() -> bool {
    let soffice = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    let part = |dir: &Path| dir.join("program/libsclo.so").exists();
    let calc = !cfg!(target_os = "linux")
        || [Path::new("/usr/lib/libreoffice"), Path::new("/usr/lib64/libreoffice")].into_iter().any(part)
        || std::fs::read_dir("/opt").is_ok_and(|d| d.flatten().any(|e| part(&e.path())));
    let ok = soffice && calc;
    assert!(
        ok || std::env::var_os("THIDUA_REQUIRE_LIBREOFFICE").is_none(),
        "LibreOffice Calc is required (THIDUA_REQUIRE_LIBREOFFICE is set): apt-get install -y libreoffice-calc-nogui"
    );
    if !ok {
        eprintln!("NOTICE: LibreOffice Calc is not installed (libreoffice-calc-nogui); skipping a check that opens a workbook in it.");
    }
    ok
}
