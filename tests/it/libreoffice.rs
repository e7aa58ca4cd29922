//! The dossier opened by an independent reader, LibreOffice: the documents
//! convert to PDF and the text a reader sees holds the national motto, the
//! date line and the proposed provinces. Skipped, with a notice, when
//! LibreOffice is not installed (the core suite does not need it).

use crate::common::*;
use thidua::model::{Num, Period};

#[test]
fn dossier_opens_in_libreoffice() {
    if !have("soffice", "--version") || !have("pdftotext", "-v") {
        eprintln!("NOTICE: LibreOffice (soffice) or poppler-utils (pdftotext) is not installed; skipping the LibreOffice check.");
        return;
    }
    let f = Fixture::new();
    let q3 = Period::Quarter { year: 2022, q: 3 };
    for (i, (file, name)) in
        [("a.xlsx", "Hà Nam"), ("b.xlsx", "Nam Định"), ("c.xlsx", "Cao Bằng"), ("d.xlsx", "Lai Châu")].iter().enumerate()
    {
        f.province(file, name, q3, with(good(), &[("thu.luy_ke", Num::int(9_500 - 100 * i as i64))]));
    }
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args([
            "run",
            f.inbox().to_str().unwrap(),
            "--period",
            "2022-Q3",
            "-q",
            "--pdf",
            "--ngay",
            "2022-10-05",
            "--out",
            f.out().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.code().unwrap_or(9) <= 1, "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Đã chuyển"), "{}", String::from_utf8_lossy(&o.stdout));
    for pdf in ["ho-so/01-to-trinh.pdf", "ho-so/02-bien-ban.pdf", "ho-so/bao-cao-tom-tat/01-ha-nam.pdf"] {
        let path = f.out().join(pdf);
        assert!(path.exists(), "{pdf} written");
        let t = std::process::Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
        let text = String::from_utf8_lossy(&t.stdout).to_string();
        assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") || text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT"), "{pdf}: {text}");
        assert!(text.contains("ngày 05 tháng 10 năm 2022"), "{pdf}: {text}");
        assert!(text.contains("BHXH tỉnh Hà Nam") || text.contains("HÀ NAM"), "{pdf}: {text}");
    }
}

#[test]
fn every_default_template_filled_with_sample_data_converts_to_pdf() {
    if !have("soffice", "--version") || !have("pdftotext", "-v") {
        eprintln!(
            "NOTICE: LibreOffice (soffice) or poppler-utils (pdftotext) is not installed; skipping the PDF check of the default templates."
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, bytes, sample) in thidua::render::docx::BUILTIN {
        let t = thidua::render::docx::Template::compile(bytes, name).unwrap();
        let out = t.render(&serde_json::from_str(sample).unwrap()).unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, out).unwrap();
        files.push(path);
    }
    let profile = tempfile::tempdir().unwrap();
    let o = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.path().display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .args(&files)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in &files {
        let pdf = f.with_extension("pdf");
        assert!(pdf.exists(), "{} converted", pdf.display());
        let t = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
        let text = String::from_utf8_lossy(&t.stdout).to_string();
        assert!(text.contains("Độc lập - Tự do - Hạnh phúc"), "{}: {text}", pdf.display());
        assert!(!text.contains('{'), "{}: no tag left", pdf.display());
    }
}
