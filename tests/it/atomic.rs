//! A run killed at any moment leaves the previous complete output or the
//! new complete output, never a mix (SPEC §7).

use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_thidua")
}

/// The output folder is complete: every file the manifest lists is there
/// with its SHA-256, and nothing else.
fn complete(out: &Path) -> Result<String, String> {
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    let mut listed = vec!["manifest.json".to_string()];
    for o in m["dau_ra"].as_array().unwrap() {
        let p = o["tep"].as_str().unwrap();
        let bytes = std::fs::read(out.join(p)).map_err(|e| format!("{p}: {e}"))?;
        let h: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        if h != o["sha256"].as_str().unwrap() {
            return Err(format!("{p}: content differs from the manifest"));
        }
        listed.push(p.to_string());
    }
    let mut present = thidua::pipeline::output::list_files(out);
    present.sort();
    listed.sort();
    if present != listed {
        return Err(format!("files {present:?} ≠ manifest {listed:?}"));
    }
    // Which run: the date line of the Tờ trình.
    let t = thidua::render::docx::document_text(&std::fs::read(out.join("ho-so/01-to-trinh.docx")).unwrap()).unwrap();
    Ok(t.lines().find(|l| l.contains("ngày")).unwrap_or_default().replace('\u{a0}', " "))
}

#[test]
fn a_killed_run_leaves_a_complete_output() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("hop-thu");
    thidua::demo::quarterly::generate_national(thidua::registry::Registry::builtin(), &inbox, &"2022-Q3".parse().unwrap(), 4).unwrap();
    let out = dir.path().join("ra").join("2022-Q3");
    let run = |day: u32| {
        Command::new(bin())
            .args([
                "run",
                inbox.to_str().unwrap(),
                "--period",
                "2022-Q3",
                "-q",
                "--ngay",
                &format!("2022-10-{day:02}"),
                "--out",
                out.to_str().unwrap(),
            ])
            .spawn()
            .unwrap()
    };
    assert!(run(1).wait().unwrap().success());
    let first = complete(&out).unwrap();
    assert!(first.contains("ngày 01 tháng 10"), "{first}");
    let mut seen_new = false;
    for (i, ms) in [5u64, 30, 80, 150, 250, 400, 600, 900].into_iter().enumerate() {
        let mut child = run(10 + i as u32);
        std::thread::sleep(Duration::from_millis(ms));
        let _ = child.kill();
        let _ = child.wait();
        let which = complete(&out).unwrap_or_else(|e| panic!("after a kill at {ms} ms: {e}"));
        seen_new |= !which.contains("ngày 01 tháng 10");
    }
    // A clean run afterwards completes and leaves no staging leftovers.
    assert!(run(28).wait().unwrap().success());
    assert!(complete(&out).unwrap().contains("ngày 28 tháng 10"));
    let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains(".tmp-") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = seen_new;
}
