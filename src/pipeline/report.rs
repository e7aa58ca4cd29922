//! The run's plain-text problems report (`bao-loi.txt`), the manifest
//! (`manifest.json`) and the optional PDF conversion.

use super::{Evaluated, LoadedTemplate};
use crate::ingest::Inbox;
use crate::model::problem::one_line;
use crate::model::{RunResult, Severity};
use std::fmt::Write;
use std::path::Path;

/// Every problem with its file, sheet and cell, grouped by file, then the
/// files read and skipped. Vietnamese, for the officer.
pub fn problems_text(r: &RunResult, inbox: &Inbox) -> String {
    let (e, w) = super::counts(&r.problems);
    let mut s = String::new();
    let _ = writeln!(s, "BÁO CÁO LỖI DỮ LIỆU ĐẦU VÀO — {} — {}", r.campaign_name, r.period_label);
    let _ = writeln!(s, "Phạm vi: {}", r.scope.name_vi());
    let _ = writeln!(s, "Số tệp: {}; lỗi: {e}; cảnh báo: {w}", inbox.files.len());
    let _ = writeln!(s);
    if r.problems.is_empty() {
        let _ = writeln!(s, "Không phát hiện lỗi nào trong dữ liệu đầu vào.");
    }
    let mut last_file = None;
    for p in &r.problems {
        if last_file != Some(&p.location.file) {
            if p.location.file.is_empty() {
                let _ = writeln!(s, "Chung cho cả hồ sơ:");
            } else {
                let _ = writeln!(s, "Tệp \"{}\":", one_line(&p.location.file));
            }
            last_file = Some(&p.location.file);
        }
        let sev = match p.severity {
            Severity::Error => "LỖI",
            Severity::Warning => "CẢNH BÁO",
        };
        // "  - [LỖI] trang "…", ô C7: message", the place left out when
        // there is none; written straight into the report.
        let _ = write!(s, "  - [{sev}] ");
        if let Some(sh) = &p.location.sheet {
            let _ = write!(s, "trang \"{}\"", one_line(sh));
        }
        if let Some(c) = &p.location.cell {
            let _ = write!(s, ", ô {c}");
        }
        if p.location.sheet.is_some() || p.location.cell.is_some() {
            s.push_str(": ");
        }
        let _ = writeln!(s, "{}", one_line(&p.message));
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "CÁC TỆP ĐÃ NHẬN");
    for f in &inbox.files {
        let _ = writeln!(s, "  - \"{}\": {}", one_line(&f.path), one_line(&f.status));
    }
    s
}

/// `manifest.json`: tool version, rules, templates and every input with its
/// SHA-256, and every output written, so a dossier can be traced to what
/// produced it. No clock time: the same inputs give the same manifest.
/// `rules`: (campaign id, SHA-256 of the rules file); `templates`: the ones used.
/// Serialised to its text, never held as a JSON tree: at scale the input
/// list is long.
pub fn write_manifest(
    dir: &Path,
    ev: &Evaluated,
    rules_source: &str,
    rules: (&str, &str),
    templates: &[&LoadedTemplate],
    written: &super::written::Written,
) -> anyhow::Result<Vec<String>> {
    #[derive(serde::Serialize)]
    struct Rules<'a> {
        tep: &'a str,
        phong_trao: &'a str,
        sha256: &'a str,
    }
    #[derive(serde::Serialize)]
    struct Tpl<'a> {
        ten: &'a str,
        nguon: &'a str,
        sha256: &'a str,
    }
    #[derive(serde::Serialize)]
    struct Input<'a> {
        tep: &'a str,
        sha256: &'a str,
        kich_thuoc: u64,
        loai: &'a [String],
        tinh_trang: &'a str,
    }
    #[derive(serde::Serialize)]
    struct Output {
        tep: String,
        sha256: String,
    }
    #[derive(serde::Serialize)]
    struct Manifest<'a> {
        cong_cu: &'a str,
        phien_ban: &'a str,
        ky: String,
        ky_nhan: String,
        pham_vi: String,
        quy_tac: Rules<'a>,
        mau: Vec<Tpl<'a>>,
        dau_vao: Vec<Input<'a>>,
        dau_ra: Vec<Output>,
        so_loi: usize,
    }
    // The folder is walked and its files' hashes found while the rest of
    // the manifest is serialised, each on a core (the manifest was the
    // run's last stretch on one); the outputs are then put in their place.
    let (outputs, head) = rayon::join(
        || {
            super::output::list_files(dir)
                .into_iter()
                .filter(|p| p != "manifest.json")
                .map(|p| {
                    // Hashed while written; a file written otherwise (PDFs) from disk.
                    let sha256 = match written.hash_of(&p) {
                        Some(h) => h,
                        None => super::output::sha256_file(&dir.join(&p))?,
                    };
                    Ok::<_, anyhow::Error>(Output { sha256, tep: p })
                })
                .collect::<Result<Vec<_>, _>>()
        },
        || {
            let m = Manifest {
                cong_cu: "thidua",
                phien_ban: env!("CARGO_PKG_VERSION"),
                ky: ev.period.to_string(),
                ky_nhan: ev.period.label_vi(),
                pham_vi: ev.result.scope.name_vi(),
                quy_tac: Rules { tep: rules_source, phong_trao: rules.0, sha256: rules.1 },
                mau: templates.iter().map(|t| Tpl { ten: &t.name, nguon: &t.source, sha256: &t.sha256 }).collect(),
                dau_vao: ev
                    .inbox
                    .files
                    .iter()
                    .map(|f| Input { tep: &f.path, sha256: &f.sha256, kich_thuoc: f.bytes, loai: &f.kinds, tinh_trang: &f.status })
                    .collect(),
                dau_ra: Vec::new(),
                so_loi: ev.result.problems.len(),
            };
            let mut head = Vec::new();
            crate::render::json::write_value(&m, &mut head).map(|_| head)
        },
    );
    let (outputs, head) = (outputs?, head?);
    // The outputs as `to_writer_pretty` writes them inside the manifest:
    // one level deeper, two more spaces after each line break (a JSON text
    // breaks lines only between values: its strings escape line breaks).
    // The key is found from the end: "dau_ra" is the manifest's last list,
    // and a text that holds the same characters has its quotes escaped.
    let key = b"\"dau_ra\": [";
    let at = head.windows(key.len()).rposition(|w| w == key).map(|i| i + key.len() - 1).expect("the manifest has its outputs");
    let mut list = Vec::new();
    let mut pretty = Vec::new();
    crate::render::json::write_value(&outputs, &mut pretty)?;
    for &b in &pretty {
        list.push(b);
        if b == b'\n' {
            list.extend_from_slice(b"  ");
        }
    }
    let mut w = std::io::BufWriter::new(std::fs::File::create(dir.join("manifest.json"))?);
    std::io::Write::write_all(&mut w, &head[..at])?;
    std::io::Write::write_all(&mut w, &list)?;
    std::io::Write::write_all(&mut w, &head[at + 2..])?;
    std::io::Write::write_all(&mut w, b"\n")?;
    std::io::Write::flush(&mut w)?;
    // Every file of the dossier, the manifest too, in the walk's order:
    // what the run reports it wrote, without walking the folder again.
    let mut files: Vec<String> = outputs.into_iter().map(|o| o.tep).collect();
    let at = files.partition_point(|p| p.as_str() < "manifest.json");
    files.insert(at, "manifest.json".to_string());
    Ok(files)
}

/// Where LibreOffice may be: on PATH, and on Windows in its usual install
/// folders (the installer does not put it on PATH).
fn soffice_candidates() -> Vec<std::path::PathBuf> {
    let mut c: Vec<std::path::PathBuf> = vec!["soffice".into(), "libreoffice".into()];
    if cfg!(windows) {
        let roots = ["ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"]
            .iter()
            .filter_map(|v| std::env::var_os(v).map(std::path::PathBuf::from))
            .chain([r"C:\Program Files".into(), r"C:\Program Files (x86)".into()]);
        for root in roots {
            c.push(root.join("LibreOffice").join("program").join("soffice.exe"));
        }
    }
    c
}

/// Convert the Word files to PDF with LibreOffice when it is installed, with
/// a small pool of workers (each LibreOffice needs its own profile folder to
/// run beside another). Returns a line for the officer either way.
pub fn convert_pdf(dir: &Path, docs: &[String]) -> String {
    let soffice = soffice_candidates()
        .into_iter()
        .find(|b| std::process::Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()));
    let Some(bin) = soffice.as_deref() else {
        return "Không tìm thấy LibreOffice (soffice) trên máy; bỏ qua --pdf, các văn bản Word vẫn được ghi đầy đủ.".into();
    };
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 3).min(docs.len().max(1));
    let chunks: Vec<Vec<&String>> = (0..workers).map(|w| docs.iter().skip(w).step_by(workers).collect()).collect();
    let failed: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                s.spawn(move || {
                    let mut failed = Vec::new();
                    let profile = tempfile::tempdir().ok();
                    let mut by_dir: std::collections::BTreeMap<&str, Vec<&String>> = Default::default();
                    for d in chunk {
                        by_dir.entry(d.rsplit_once('/').map_or("", |x| x.0)).or_default().push(d);
                    }
                    for (parent, files) in by_dir {
                        let mut cmd = std::process::Command::new(bin);
                        if let Some(p) = &profile {
                            cmd.arg(format!("-env:UserInstallation=file://{}", p.path().display()));
                        }
                        cmd.args(["--headless", "--convert-to", "pdf", "--outdir"]).arg(dir.join(parent));
                        for f in &files {
                            cmd.arg(dir.join(f));
                        }
                        let ok = cmd.output().is_ok_and(|o| o.status.success());
                        for f in files {
                            let pdf = dir.join(f.replace(".docx", ".pdf"));
                            if !ok || !pdf.exists() {
                                failed.push(f.clone());
                            }
                        }
                    }
                    failed
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    if failed.is_empty() {
        format!("Đã chuyển {} văn bản sang PDF bằng LibreOffice ({workers} tiến trình).", docs.len())
    } else {
        format!("LibreOffice không chuyển được sang PDF: {}", failed.join(", "))
    }
}
