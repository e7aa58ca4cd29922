//! `ket-qua.html` opened in a real browser, as the officer would open it:
//! headless Chromium loads the page from disk, its network log shows that
//! the page asked for nothing outside the file, the text of the key
//! sections is in the page the browser built, and a screenshot is taken.
//! Skipped, with a notice, when no Chromium is installed, unless
//! THIDUA_REQUIRE_BROWSER is set (CI installs Chromium and sets it).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn browser() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|b| Command::new(b).arg("--version").output().ok().filter(|o| o.status.success()).map(|_| PathBuf::from(b)));
    assert!(
        found.is_some() || std::env::var_os("THIDUA_REQUIRE_BROWSER").is_none(),
        "Chromium is required (THIDUA_REQUIRE_BROWSER is set)"
    );
    found
}

/// Load `page` headless; returns (the DOM the browser built, the URLs the
/// page itself requested). Chromium's own background requests (update
/// checks and the like) carry no page initiator and are left out.
fn load(chrome: &Path, page: &Path, work: &Path, screenshot: Option<&Path>) -> (String, Vec<String>) {
    let netlog = work.join(format!("net-{}.json", page.file_stem().unwrap().to_string_lossy()));
    let mut cmd = Command::new(chrome);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1100,1500",
    ])
    .arg(format!("--user-data-dir={}", work.join("profile").display()))
    .arg(format!("--log-net-log={}", netlog.display()));
    match screenshot {
        Some(png) => cmd.arg(format!("--screenshot={}", png.display())),
        None => cmd.arg("--dump-dom"),
    };
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let out = cmd.arg(&url).output().unwrap();
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&netlog).unwrap()).expect("net log is JSON");
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].as_u64().expect("event type");
    let requested = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start_job))
        .filter(|e| e["params"]["initiator"].as_str() != Some("not an origin"))
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), requested)
}

#[test]
fn results_page_opens_in_a_browser_with_nothing_from_outside() {
    let Some(chrome) = browser() else {
        eprintln!("NOTICE: Chromium is not installed; skipping the results page's browser check.");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/2022-tong-ket-cum-3");
    let o = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["run", sample.to_str().unwrap(), "--period", "2022", "--quiet", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.code().unwrap_or(9) <= 1, "{}", String::from_utf8_lossy(&o.stderr));
    let page = out.join("ket-qua.html");
    let html = std::fs::read_to_string(&page).unwrap();

    // Self-contained: no script, no stylesheet or image from elsewhere, and
    // every link points to a file of the dossier that exists.
    for bad in ["<script", "<link", "<iframe", "src=", "url(", "@import"] {
        assert!(!html.contains(bad), "{bad} in ket-qua.html");
    }
    for link in html.split("href=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]) {
        assert!(!link.contains(':') && !link.starts_with('/'), "link leaves the folder: {link}");
        let decoded = percent_decode(link);
        assert!(out.join(&decoded).is_file(), "link to a missing file: {decoded}");
    }

    // The detector itself: a page that does load an outside image is caught.
    let leak = tmp.path().join("leak.html");
    std::fs::write(&leak, "<html><body><img src=\"http://example.invalid/x.png\"><p>x</p></body></html>").unwrap();
    let (_, leaked) = load(&chrome, &leak, tmp.path(), None);
    assert!(leaked.iter().any(|u| u.contains("example.invalid")), "the net log check must see a page's request: {leaked:?}");

    let (dom, requested) = load(&chrome, &page, tmp.path(), None);
    assert!(requested.is_empty(), "ket-qua.html asked the network for {requested:?}");
    let results: Value = serde_json::from_str(&std::fs::read_to_string(out.join("ket-qua.json")).unwrap()).unwrap();
    let proposed: Vec<&str> =
        results["decisions"].as_array().unwrap().iter().filter(|d| d["kind"] == "proposed").map(|d| d["name"].as_str().unwrap()).collect();
    assert!(!proposed.is_empty());
    for text in [
        "Phạm vi: <b>Cụm thi đua cấp tỉnh số III</b>",
        "kỳ xét: <b>năm 2022</b>",
        "Đề nghị khen thưởng tập thể",
        "Xếp hạng theo tổng điểm",
        "Các tệp đã nhận",
        "Văn bản trong hồ sơ",
        "01-bien-ban-hop.docx",
        "Hướng dẫn 3636/HD-BHXH, mục B.I.1",
        "<svg",
    ] {
        assert!(dom.contains(text), "the browser's page lacks {text:?}");
    }
    for name in proposed {
        assert!(dom.contains(name), "proposed unit {name} not on the page");
    }

    let png = tmp.path().join("ket-qua.png");
    load(&chrome, &page, tmp.path(), Some(&png));
    let shot = std::fs::read(&png).unwrap();
    assert!(shot.starts_with(b"\x89PNG") && shot.len() > 20_000, "screenshot of {} bytes", shot.len());
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
