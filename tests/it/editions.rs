//! Editions of the registry and the rules (issue 14, SPEC §12): the 2012
//! review of Cụm thi đua số 1 (seed 002) reproduced from two inboxes made
//! independently, the choice of edition by year, and the checks of a
//! registry or rules file, each error with its file, line and key.

use std::path::{Path, PathBuf};
use std::process::Command;
use thidua::registry::Registry;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
fn sample(f: &str) -> PathBuf {
    root().join("samples/2012-tong-ket-cum-1").join(f)
}
fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}
fn thidua(args: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_thidua")).args(args).output().unwrap();
    (o.status.code().unwrap_or(-1), format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)))
}
fn run_2012(inbox: &Path, out: &Path) -> (i32, String, serde_json::Value) {
    let (reg, rules) = (sample("danh-sach-2012.toml"), sample("quy-tac-2012.toml"));
    let (code, text) =
        thidua(&["run", s(inbox), "--period", "2012", "--quiet", "--out", s(out), "--registry", s(&reg), "--rules", s(&rules)]);
    assert!(code == 0 || code == 1, "{text}");
    let j = serde_json::from_str(&std::fs::read_to_string(out.join("ket-qua.json")).unwrap()).unwrap();
    (code, text, j)
}

/// The seed's figures: each province's collection against plan in 2012.
const COLLECTION: [(&str, f64); 9] = [
    ("bac-giang", 1.1116),
    ("bac-ninh", 1.12),
    ("hai-duong", 1.099),
    ("hai-phong", 1.03),
    ("hung-yen", 1.052),
    ("phu-tho", 1.066),
    ("quang-ninh", 1.094),
    ("tuyen-quang", 1.119),
    ("vinh-phuc", 1.083),
];

/// Everything seed 002 says, as the run must report it; `votes` are the
/// tallies the inbox holds for (unit, award).
fn assert_seed(j: &serde_json::Value, console: &str, totals: &[(&str, f64)], votes: &[(&str, &str, u64)]) {
    let ed = &j["edition"];
    assert_eq!(ed["years"], serde_json::json!([2012]), "{ed}");
    assert_eq!(ed["name"], "Danh sách Cụm thi đua năm 2012");
    assert!(console.contains("Danh sách đơn vị: Danh sách Cụm thi đua năm 2012"), "{console}");
    assert_eq!(j["scope"]["id"], "cum-1", "{}", j["scope"]);
    let review = &j["annual"][0];
    let members: Vec<&str> = review["members"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    assert_eq!(
        members,
        ["hai-duong", "tuyen-quang", "hai-phong", "hung-yen", "quang-ninh", "phu-tho", "vinh-phuc", "bac-giang", "bac-ninh"]
    );
    // Collection results (the seed's "111,16 %" … exactly).
    for (unit, rate) in COLLECTION {
        let u = j["units"].as_array().unwrap().iter().find(|u| u["unit"] == unit).unwrap_or_else(|| panic!("{unit}"));
        let m = u["measures"].as_array().unwrap().iter().find(|m| m["key"] == "thu.luy_ke/thu.ke_hoach").unwrap();
        assert!((m["value"].as_f64().unwrap() - rate).abs() < 1e-12, "{unit}: {m}");
    }
    // Scores and ranks: Hải Dương first, Tuyên Quang second, Hải Phòng third.
    for (i, (unit, total)) in totals.iter().enumerate() {
        let sc = review["scores"].as_array().unwrap().iter().find(|x| x["unit"] == *unit).unwrap();
        assert_eq!(sc["total"].as_f64(), Some(*total), "{unit}: {sc}");
        assert_eq!(sc["rank"].as_u64(), Some(i as u64 + 1), "{unit}: {sc}");
    }
    // Every vote counted; exactly the seed's flags voted.
    let vs = review["votes"].as_array().unwrap();
    assert_eq!(vs.len(), votes.len(), "{vs:?}");
    for (unit, award, n) in votes {
        let v = vs.iter().find(|v| v["unit"] == *unit && v["award"] == *award).unwrap_or_else(|| panic!("{unit} {award}"));
        assert_eq!(v["votes"].as_u64(), Some(*n), "{v}");
        assert_eq!(v["members"].as_u64(), Some(9), "{v}");
        let seed_voted = matches!((*unit, *award), ("hai-duong", "co_bhxh") | ("tuyen-quang", "co_bhxh") | ("hai-duong", "co_cp"));
        assert_eq!(v["voted"].as_bool(), Some(seed_voted), "{v}");
    }
    let mut proposed: Vec<(String, String)> = j["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "proposed")
        .map(|d| (d["unit"].as_str().unwrap().to_string(), d["award"].as_str().unwrap().to_string()))
        .collect();
    proposed.sort();
    let want = [("hai-duong", "co_bhxh"), ("hai-duong", "co_cp"), ("tuyen-quang", "co_bhxh")];
    assert_eq!(proposed, want.map(|(u, a)| (u.to_string(), a.to_string())));
    // Head of 2012 (chair of the meeting), head and deputy elected for 2013.
    assert_eq!(review["meeting"]["head"], "hai-duong");
    assert_eq!(review["next_year"]["head"], "tuyen-quang");
    assert_eq!(review["next_year"]["deputy"], "quang-ninh");
    assert_eq!(review["next_year"]["suggested"], false);
    assert!(console.contains("Cờ thi đua của BHXH Việt Nam — BHXH tỉnh Tuyên Quang"), "{console}");
    assert!(console.contains("Cờ thi đua của Chính phủ — BHXH tỉnh Hải Dương"), "{console}");
}

#[test]
fn sample_2012_reproduces_the_seed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kq");
    let (code, console, j) = run_2012(&sample("hop-thu"), &out);
    assert_eq!(code, 0, "{console}");
    let totals = [
        ("hai-duong", 97.5),
        ("tuyen-quang", 96.75),
        ("hai-phong", 95.5),
        ("bac-ninh", 94.25),
        ("bac-giang", 93.5),
        ("quang-ninh", 93.0),
        ("vinh-phuc", 92.25),
        ("phu-tho", 91.5),
        ("hung-yen", 90.75),
    ];
    let votes = [("hai-duong", "co_bhxh", 9), ("tuyen-quang", "co_bhxh", 8), ("hai-phong", "co_bhxh", 2), ("hai-duong", "co_cp", 8)];
    assert_seed(&j, &console, &totals, &votes);
    // The dossier: the Tờ trình proposes the three awards, dated in Hải
    // Dương on the day of the meeting, citing what the rules follow.
    let tt =
        thidua::render::docx::document_text(&std::fs::read(out.join("ho-so/02-to-trinh.docx")).unwrap()).unwrap().replace('\u{a0}', " ");
    assert!(tt.contains("Hải Dương, ngày 21 tháng 02 năm 2013"), "{tt}");
    assert!(tt.contains("BHXH tỉnh Tuyên Quang") && tt.contains("Cờ thi đua của Chính phủ"), "{tt}");
    // It cites the guidance it follows, and nothing of why: that note is
    // the officer's, on the screen.
    assert!(tt.contains("Căn cứ Hướng dẫn số 3636/HD-BHXH ngày 29/11/2022 của BHXH Việt Nam hướng dẫn"), "{tt}");
    assert!(!tt.contains("tài liệu") && !tt.contains("bản tin"), "{tt}");
    assert!(
        console.contains(
            "Ghi chú của tệp quy tắc: Quy trình bình xét theo Hướng dẫn 3636/HD-BHXH vì chưa có văn bản hướng dẫn áp dụng cho năm 2012"
        ),
        "{console}"
    );
    // Tuyên Quang (2nd) holds the second BHXH flag of the year: the leader,
    // Hải Dương, holds the first, so nothing says it was passed over.
    assert!(tt.contains("xếp thứ 2/9 đơn vị trong Cụm (96,75 điểm)"), "{tt}");
    assert!(!tt.contains("không được bình chọn"), "{tt}");
}

#[test]
fn held_out_inbox_2012_reproduces_the_seed() {
    let dir = tempfile::tempdir().unwrap();
    let (code, console, j) = run_2012(&root().join("tests/fixtures/editions/hop-thu"), &dir.path().join("kq"));
    // Tuyên Quang types its amounts as text, "500.000", "559.500",
    // "486.522": nobody writes a decimal ".000", so the sheet groups
    // thousands with dots and every one of them reads the Vietnamese way,
    // with nothing to report.
    assert_eq!(code, 0, "{console}");
    let problems = j["problems"].as_array().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let totals = [
        ("hai-duong", 96.0),
        ("tuyen-quang", 95.0),
        ("hai-phong", 93.5),
        ("quang-ninh", 92.0),
        ("bac-ninh", 91.5),
        ("bac-giang", 91.0),
        ("vinh-phuc", 90.0),
        ("phu-tho", 89.5),
        ("hung-yen", 89.0),
    ];
    let votes = [
        ("hai-duong", "co_bhxh", 9),
        ("tuyen-quang", "co_bhxh", 7),
        ("hai-phong", "co_bhxh", 3),
        ("quang-ninh", "co_bhxh", 1),
        ("hai-duong", "co_cp", 7),
    ];
    assert_seed(&j, &console, &totals, &votes);
}

#[test]
fn year_2012_without_its_edition_stops_and_says_what_to_pass() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kq");
    let (code, text) = thidua(&["run", s(&sample("hop-thu")), "--period", "2012", "--quiet", "--out", s(&out)]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("Hướng dẫn 3636/HD-BHXH (2022)") && text.contains("2022–2024") && text.contains("năm 2012"), "{text}");
    assert!(text.contains("--registry TỆP --rules TỆP") && text.contains("thidua units --export"), "{text}");
    assert!(!out.exists(), "nothing is written");
    // The 2012 registry without the 2012 rules: the built-in rules are of 2022–2024.
    let (code, text) = thidua(&[
        "run",
        s(&sample("hop-thu")),
        "--period",
        "2012",
        "--quiet",
        "--out",
        s(&out),
        "--registry",
        s(&sample("danh-sach-2012.toml")),
    ]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("Quy tắc bình xét tích hợp sẵn") && text.contains("--rules TỆP"), "{text}");
    // And a year past the built-in edition (the offices were re-formed in 2025).
    let (code, text) = thidua(&["run", s(&root().join("samples/2022-tong-ket-cum-3")), "--period", "2025", "--quiet", "--out", s(&out)]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("năm 2025 nằm ngoài") && text.contains("--registry"), "{text}");
}

#[test]
fn year_2022_uses_the_built_in_edition_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kq");
    let (code, text) = thidua(&["run", s(&root().join("samples/2022-tong-ket-cum-3")), "--period", "2022", "--quiet", "--out", s(&out)]);
    assert!(code == 0 || code == 1, "{text}");
    assert!(text.contains("Danh sách đơn vị: Hướng dẫn 3636/HD-BHXH (2022) (theo Hướng dẫn số 3636/HD-BHXH ngày 29/11/2022"), "{text}");
    let j: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("ket-qua.json")).unwrap()).unwrap();
    assert_eq!(
        j["edition"],
        serde_json::json!({"name": "Hướng dẫn 3636/HD-BHXH (2022)", "document": "Hướng dẫn số 3636/HD-BHXH ngày 29/11/2022 của BHXH Việt Nam", "years": [2022, 2023, 2024]})
    );
}

/// The comments of the data files an officer edits (the exported registry,
/// the rules written by `templates --out`, the 2012 sample's two files) are
/// in Vietnamese: no English sentence, no developer reference.
#[test]
fn files_an_officer_edits_explain_themselves_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let reg = dir.path().join("ds.toml");
    assert_eq!(thidua(&["units", "--export", s(&reg)]).0, 0);
    let tpl = dir.path().join("mau");
    assert_eq!(thidua(&["templates", "--out", s(&tpl)]).0, 0);
    let mut files = vec![reg, sample("danh-sach-2012.toml"), sample("quy-tac-2012.toml")];
    for e in std::fs::read_dir(tpl.join("quy-tac")).unwrap() {
        files.push(e.unwrap().path());
    }
    assert_eq!(files.len(), 5, "{files:?}");
    let english = regex::Regex::new(r"(?i)\b(the|and|of|is|are|seed|spec|src)\b").unwrap();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let comments: Vec<&str> = text.lines().filter_map(|l| l.trim_start().strip_prefix('#')).collect();
        assert!(comments.len() > 20, "{}", f.display());
        for c in comments {
            assert!(!english.is_match(c), "{}: #{c}", f.display());
        }
    }
}

#[test]
fn export_loads_back_to_the_same_registry() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ds.toml");
    let (code, text) = thidua(&["units", "--export", s(&f)]);
    assert_eq!(code, 0, "{text}");
    let loaded = thidua::registry::file::load(&f).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let (a, b) = (&loaded.registry, Registry::builtin());
    assert_eq!(a.units(), b.units());
    assert_eq!(a.clusters(), b.clusters());
    assert_eq!(a.edition(), b.edition());
    // Not overwritten.
    let (code, text) = thidua(&["units", "--export", s(&f)]);
    assert_eq!(code, 2, "{text}");
    // The edited file is used: the 2012 lists have Cụm số I of nine.
    let (code, text) = thidua(&["units", "--registry", s(&sample("danh-sach-2012.toml")), "--cluster", "cum-1"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Cụm thi đua cấp tỉnh số I [cum-1]: 9 đơn vị") && text.contains("BHXH tỉnh Tuyên Quang"), "{text}");
}

/// The built-in registry file with `edit` applied, checked by
/// `thidua units --registry F --verify`.
fn check_registry(edit: impl Fn(String) -> String) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ds.toml");
    let text = edit(thidua::registry::BUILTIN_TEXT.to_string());
    std::fs::write(&f, &text).unwrap();
    let (code, out) = thidua(&["units", "--registry", s(&f), "--verify"]);
    (code, out, text)
}
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle}")) + 1
}
fn replace_once(t: String, from: &str, to: &str) -> String {
    assert!(t.contains(from), "{from}");
    t.replacen(from, to, 1)
}

#[test]
fn registry_unit_in_two_clusters() {
    // Hà Nam listed in Cụm I as well as in Cụm III.
    let (code, out, text) =
        check_registry(|t| replace_once(t, "  \"BHXH tỉnh Lai Châu\",\n", "  \"BHXH tỉnh Lai Châu\",\n  \"BHXH tỉnh Hà Nam\",\n"));
    assert_eq!(code, 2, "{out}");
    let second = text.lines().enumerate().filter(|(_, l)| l.contains("\"BHXH tỉnh Hà Nam\"")).nth(1).unwrap().0 + 1;
    assert!(out.contains(&format!("dòng {second}, khóa cum_tinh.provinces: BHXH tỉnh Hà Nam nằm ở hai cụm")), "{out}");
    assert!(out.contains("ds.toml"), "{out}");
}

#[test]
fn registry_district_list_of_an_unknown_province_is_in_no_cluster() {
    let (code, out, text) = check_registry(|t| replace_once(t, "name = \"Lai Châu\"", "name = \"Lai Chau Moi\""));
    assert_eq!(code, 2, "{out}");
    let l = line_of(&text, "name = \"Lai Chau Moi\"");
    assert!(out.contains(&format!("dòng {l}, khóa province.name: Tỉnh \"Lai Chau Moi\"")), "{out}");
    assert!(out.contains("không thuộc cụm nào"), "{out}");
}

#[test]
fn registry_duplicate_and_ambiguous_names() {
    // A district twice in its province, and an alias that is another province's name.
    let (code, out, text) = check_registry(|t| {
        let t = replace_once(t, "    \"BHXH huyện Mường Tè\",\n", "    \"BHXH huyện Mường Tè\",\n    \"BHXH huyện Mường Tè\",\n");
        replace_once(t, "\"kon-tum\" = [\"Kontum\"]", "\"kon-tum\" = [\"Kontum\", \"Gia Lai\"]")
    });
    assert_eq!(code, 2, "{out}");
    let second = text.lines().enumerate().filter(|(_, l)| l.contains("Mường Tè")).nth(1).unwrap().0 + 1;
    assert!(out.contains(&format!("dòng {second}, khóa province.clusters: BHXH huyện Mường Tè được ghi hai lần")), "{out}");
    let l = line_of(&text, "\"Gia Lai\"]");
    assert!(
        out.contains(&format!("dòng {l}, khóa aliases: tên gọi khác \"Gia Lai\" của BHXH tỉnh Kon Tum là tên của BHXH tỉnh Gia Lai")),
        "{out}"
    );
    // Both at once.
    assert!(out.contains("có 2 lỗi"), "{out}");
}

/// A date line's place for a unit the lists do not have, or left blank,
/// is an error at its line.
#[test]
fn registry_place_of_an_unknown_unit_or_blank() {
    let (code, out, text) = check_registry(|t| {
        let t = replace_once(t, "\"hai-phong.le-chan\" = \"Quận Lê Chân\"", "\"hai-phong.le-chan\" = \" \"");
        t + "\"ha-noi.quan-khong-co\" = \"Quận Không Có\"\n"
    });
    assert_eq!(code, 2, "{out}");
    let l = line_of(&text, "\"ha-noi.quan-khong-co\"");
    assert!(out.contains(&format!("dòng {l}, khóa dia_danh: địa danh cho mã đơn vị \"ha-noi.quan-khong-co\"")), "{out}");
    let l = line_of(&text, "\"hai-phong.le-chan\" = \" \"");
    assert!(out.contains(&format!("dòng {l}, khóa dia_danh: địa danh của \"hai-phong.le-chan\" để trống.")), "{out}");
}

#[test]
fn registry_head_who_is_not_a_member() {
    let (code, out, text) = check_registry(|t| {
        t + "\n[[nhiem_ky]]\ncum = \"cum-3\"\nnam = 2023\ntruong = \"BHXH tỉnh Thanh Hóa\"\npho = \"BHXH tỉnh Hà Nam\"\n"
    });
    assert_eq!(code, 2, "{out}");
    let l = line_of(&text, "truong = \"BHXH tỉnh Thanh Hóa\"");
    assert!(
        out.contains(&format!("dòng {l}, khóa nhiem_ky.truong: Cụm trưởng năm 2023 là BHXH tỉnh Thanh Hóa, không phải đơn vị thành viên của Cụm thi đua cấp tỉnh số III")),
        "{out}"
    );
}

#[test]
fn registry_splitting_rule_is_a_warning() {
    // Lai Châu's districts in two clusters where 3636 says one: warned, not refused.
    let (code, out, _) =
        check_registry(|t| replace_once(t, "    \"BHXH huyện Phong Thổ\",\n", "    \"BHXH huyện Phong Thổ\",\n  ],\n  [\n"));
    assert!(out.contains("Cảnh báo:") && out.contains("Lai Châu: 7 BHXH huyện được chia 2 cụm"), "{out}");
    assert!(out.contains("mục A.I.3.a"), "{out}");
    assert_eq!(code, 1, "verify lists the finding: {out}");
}

#[test]
fn registry_syntax_unknown_key_and_missing_edition() {
    let (code, out, text) =
        check_registry(|t| replace_once(t, "years = [2022, 2023, 2024]", "years = [2022, 2023, 2024]\nghi_chu = \"thử\""));
    assert_eq!(code, 2, "{out}");
    let l = line_of(&text, "ghi_chu");
    assert!(out.contains(&format!("dòng {l}, khóa ghi_chu: khóa \"ghi_chu\" không có trong mẫu tệp")), "{out}");
    let (code, out, text) = check_registry(|t| replace_once(t, "number = 4\n", "number = 4\nunits = [\"Viện\"\n"));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("sai cú pháp TOML") && out.contains(&format!("dòng {}", line_of(&text, "units = [\"Viện\"") + 1)), "{out}");
    let (code, out, _) = check_registry(|t| {
        let a = t.find("[edition]").unwrap();
        let b = t[a..].find("\n\n").unwrap() + a;
        format!("{}{}", &t[..a], &t[b..])
    });
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("khóa edition: thiếu bảng [edition]"), "{out}");
}

#[test]
fn registry_errors_are_listed_at_once_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ds.toml");
    let t = replace_once(
        thidua::registry::BUILTIN_TEXT.to_string(),
        "  \"BHXH tỉnh Lai Châu\",\n",
        "  \"BHXH tỉnh Lai Châu\",\n  \"BHXH tỉnh Hà Nam\",\n",
    );
    let t = replace_once(t, "name = \"Lai Châu\"", "name = \"Lai Chau Moi\"");
    let t = replace_once(t, "years = [2022, 2023, 2024]", "years = []");
    std::fs::write(&f, t).unwrap();
    let out = dir.path().join("kq");
    let (code, text) = thidua(&[
        "run",
        s(&root().join("samples/2022-tong-ket-cum-3")),
        "--period",
        "2022",
        "--quiet",
        "--out",
        s(&out),
        "--registry",
        s(&f),
    ]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("có 3 lỗi, chưa làm gì"), "{text}");
    assert!(text.contains("edition.years") && text.contains("nằm ở hai cụm") && text.contains("Lai Chau Moi"), "{text}");
    assert!(!out.exists());
}

#[test]
fn rules_file_errors_name_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(sample("quy-tac-2012.toml")).unwrap();
    let f = dir.path().join("qt.toml");
    let run = |text: &str| {
        std::fs::write(&f, text).unwrap();
        thidua(&["check", s(&sample("hop-thu")), "--period", "2012", "--registry", s(&sample("danh-sach-2012.toml")), "--rules", s(&f)])
    };
    // An unknown key.
    let t = replace_once(base.clone(), "more_than = \"0.5\"", "more_than = \"0.5\"\nso_phieu = 5");
    let (code, out) = run(&t);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains(&format!("dòng {}, khóa so_phieu: khóa \"so_phieu\" không có trong mẫu tệp", line_of(&t, "so_phieu"))), "{out}");
    // Two contradictions at once, each at its line.
    let t = replace_once(base.clone(), "more_than = \"0.5\"", "more_than = \"1.5\"");
    let t = replace_once(t, "share = \"0.2\"", "share = \"hai mươi\"");
    let (code, out) = run(&t);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("2 lỗi"), "{out}");
    assert!(out.contains(&format!("dòng {}, khóa votes.more_than", line_of(&t, "more_than = \"1.5\""))), "{out}");
    assert!(out.contains(&format!("dòng {}, khóa cap.share", line_of(&t, "share = \"hai mươi\""))), "{out}");
    // The rules as shipped: the check reads the 2012 inbox with them, and
    // names the edition it used.
    let (code, out) = run(&base);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Danh sách đơn vị: Danh sách Cụm thi đua năm 2012"), "{out}");
}

#[test]
fn unknown_unit_in_a_file_edition_gets_the_nearest_names() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("hop-thu");
    std::fs::create_dir_all(&inbox).unwrap();
    for f in std::fs::read_dir(sample("hop-thu")).unwrap() {
        let p = f.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, inbox.join(p.file_name().unwrap())).unwrap();
        }
    }
    // A self-assessment naming a unit the 2012 lists do not have.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM 2012").unwrap();
    ws.write(1, 0, "Đơn vị: BHXH tỉnh Tuyên Quangg").unwrap();
    for (c, h) in ["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm"].iter().enumerate() {
        ws.write(2, c as u16, *h).unwrap();
    }
    ws.write(3, 0, "1").unwrap();
    ws.write(3, 1, "Công tác thi đua").unwrap();
    ws.write(3, 2, 100).unwrap();
    ws.write(3, 3, 90).unwrap();
    wb.save(inbox.join("tu-cham-sai-ten.xlsx")).unwrap();
    let (_, _, j) = run_2012(&inbox, &dir.path().join("kq"));
    let p = j["problems"].as_array().unwrap().iter().find(|p| p["location"]["file"] == "tu-cham-sai-ten.xlsx").expect("reported");
    assert_eq!(p["severity"], "error", "{p}");
    assert_eq!(p["location"]["cell"], "A2", "{p}");
    assert!(p["message"].as_str().unwrap().contains("Có phải: BHXH tỉnh Tuyên Quang"), "{p}");
}

/// A key–value sheet as a secretary types it: a title, then one row per fact.
fn key_values(path: &Path, sheet: &str, title: &str, rows: &[(&str, &str)], tally: Option<&[(&str, &str, u32)]>) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    if let Some(lines) = tally {
        let ws = wb.add_worksheet();
        ws.set_name("Kiểm phiếu").unwrap();
        ws.write(0, 0, "KẾT QUẢ BỎ PHIẾU BÌNH XÉT THI ĐUA NĂM 2012 — CỤM THI ĐUA SỐ 1").unwrap();
        ws.write(1, 0, "Tổng số đơn vị thành viên: 9").unwrap();
        for (c, h) in ["STT", "Đơn vị", "Hình thức đề nghị", "Số phiếu đồng ý"].iter().enumerate() {
            ws.write(3, c as u16, *h).unwrap();
        }
        for (i, (u, a, n)) in lines.iter().enumerate() {
            let r = 4 + i as u32;
            ws.write(r, 0, i as u32 + 1).unwrap();
            ws.write(r, 1, *u).unwrap();
            ws.write(r, 2, *a).unwrap();
            ws.write(r, 3, *n).unwrap();
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    ws.write(0, 0, title).unwrap();
    for (i, (k, v)) in rows.iter().enumerate() {
        ws.write(1 + i as u32, 0, *k).unwrap();
        ws.write(1 + i as u32, 1, *v).unwrap();
    }
    wb.save(path).unwrap();
}

/// The 2012 sample inbox whose meeting sheet records no election: the tool
/// suggests next year's head and deputy by rotation, from the registry's
/// [[nhiem_ky]] (Hải Dương, head in 2012) and, when given, the meeting sheet
/// of the 2011 review (Hải Phòng head, Hưng Yên deputy in 2011: made up for
/// this test, the seeds do not say).
fn rotation_2012(with_2011_sheet: bool) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("hop-thu");
    std::fs::create_dir_all(inbox.join("tu-cham")).unwrap();
    for sub in ["", "tu-cham"] {
        for f in std::fs::read_dir(sample("hop-thu").join(sub)).unwrap() {
            let p = f.unwrap().path();
            if p.is_file() && !p.ends_with("bo-phieu-hoi-nghi-cum-1.xlsx") {
                std::fs::copy(&p, inbox.join(sub).join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    let tally = [
        ("BHXH tỉnh Hải Dương", "Cờ thi đua của BHXH Việt Nam", 9),
        ("BHXH tỉnh Tuyên Quang", "Cờ thi đua của BHXH Việt Nam", 8),
        ("BHXH tỉnh Hải Dương", "Cờ thi đua của Chính phủ", 8),
    ];
    key_values(
        &inbox.join("bo-phieu-hoi-nghi.xlsx"),
        "Thông tin hội nghị",
        "THÔNG TIN HỘI NGHỊ TỔNG KẾT NĂM 2012",
        &[
            ("Cụm/Khối", "Cụm thi đua số 1"),
            ("Thời gian", "Sáng ngày 21/02/2013"),
            ("Địa điểm", "BHXH tỉnh Hải Dương"),
            ("Chủ trì", "Đồng chí Nguyễn Trí Đại, Giám đốc BHXH tỉnh Hải Dương, Cụm trưởng"),
        ],
        Some(&tally),
    );
    if with_2011_sheet {
        key_values(
            &inbox.join("hoi-nghi-nam-2011.xlsx"),
            "Hội nghị 2011",
            "THÔNG TIN HỘI NGHỊ TỔNG KẾT NĂM 2011",
            &[
                ("Cụm/Khối", "Cụm thi đua số 1"),
                ("Thời gian", "ngày 12/01/2012"),
                ("Địa điểm", "BHXH thành phố Hải Phòng"),
                ("Chủ trì", "Giám đốc BHXH thành phố Hải Phòng, Cụm trưởng"),
                ("Cụm trưởng", "BHXH thành phố Hải Phòng"),
                ("Cụm phó", "BHXH tỉnh Hưng Yên"),
            ],
            None,
        );
    }
    let (_, console, j) = run_2012(&inbox, &dir.path().join("kq"));
    assert!(!console.contains("Lỗi"), "{console}");
    j
}

#[test]
fn rotation_uses_registry_terms_and_past_meeting_sheets() {
    let j = rotation_2012(true);
    let review = &j["annual"][0];
    // This year's meeting is the 2012 one; the 2011 sheet is history.
    assert_eq!(review["meeting"]["time"], "Sáng ngày 21/02/2013", "{}", review["meeting"]);
    let next = &review["next_year"];
    assert_eq!(next["suggested"], true, "{next}");
    // Head: the member after Hải Dương (2012, from [[nhiem_ky]]); deputy: the
    // next member who has not held a post lately (Hải Phòng and Hưng Yên did
    // in 2011, by the 2011 sheet) — the seed's own result, Quảng Ninh.
    assert_eq!(next["head"], "tuyen-quang", "{next}");
    assert_eq!(next["deputy"], "quang-ninh", "{next}");
    assert!(next["note"].as_str().unwrap().contains("Đề xuất theo luân phiên, chưa phải kết quả bầu"), "{next}");
    // Without the 2011 sheet, Hải Phòng (next in the list) would be suggested.
    let j = rotation_2012(false);
    assert_eq!(j["annual"][0]["next_year"]["deputy"], "hai-phong", "{}", j["annual"][0]["next_year"]);
}

#[test]
fn templates_out_writes_the_built_in_rules_to_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (code, text) = thidua(&["templates", "--out", s(dir.path())]);
    assert_eq!(code, 0, "{text}");
    let annual = std::fs::read_to_string(dir.path().join("quy-tac/tong-ket-nam.toml")).unwrap();
    let r = thidua::rules::annual::AnnualRules::parse(&annual, "tong-ket-nam.toml").unwrap();
    assert_eq!(r.file.campaign.years, Some(vec![2022, 2023, 2024]));
    assert!(thidua::rules::Rules::load(&dir.path().join("quy-tac/thu-2022.toml")).is_ok());
}

#[test]
fn forms_and_demo_follow_the_file_edition() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let reg = sample("danh-sach-2012.toml");
    let forms = dir.path().join("bieu-mau");
    let (code, text) = thidua(&["forms", "--registry", s(&reg), "--cluster", "cum-1", "--period", "2012", "--out", s(&forms)]);
    assert_eq!(code, 0, "{text}");
    let mut wb = calamine::open_workbook_auto(forms.join("bieu-chi-tieu-cum-1-2012.xlsx")).unwrap();
    let first = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&first).unwrap();
    let names: Vec<String> = range.rows().filter_map(|r| r.get(1).map(|c| c.to_string())).filter(|c| c.starts_with("BHXH")).collect();
    assert_eq!(names.len(), 9, "{names:?}");
    assert!(names.contains(&"BHXH tỉnh Tuyên Quang".to_string()) && names.contains(&"BHXH tỉnh Quảng Ninh".to_string()), "{names:?}");
    // The file records the 2012 term: the meeting form names this year's
    // head, whose place heads the minutes' date line.
    let mut wb = calamine::open_workbook_auto(forms.join("thong-tin-hoi-nghi-cum-1-2012.xlsx")).unwrap();
    let meeting = wb.worksheet_range("Thông tin hội nghị").unwrap();
    let head: Vec<String> = meeting
        .rows()
        .find(|r| matches!(&r[0], calamine::Data::String(s) if s == "Cụm trưởng năm nay"))
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(head, ["Cụm trưởng năm nay", "BHXH tỉnh Hải Dương"]);
    // Without the file, cum-1 is the 2022 cluster (Lai Châu …).
    let (code, text) = thidua(&["units", "--cluster", "cum-1"]);
    assert_eq!(code, 0);
    assert!(text.contains("Lai Châu") && !text.contains("Tuyên Quang"), "{text}");
    // A demo inbox of the 2012 cluster runs with the 2012 files.
    let demo = dir.path().join("demo");
    let (code, text) = thidua(&["demo", "--registry", s(&reg), "--cluster", "cum-1", "--period", "2012", "--out", s(&demo)]);
    assert_eq!(code, 0, "{text}");
    let (_, console, j) = run_2012(&demo, &dir.path().join("kq"));
    assert_eq!(j["annual"][0]["members"].as_array().unwrap().len(), 9, "{console}");
}

#[test]
fn quarterly_rules_file_lists_every_error_with_its_line() {
    let text = std::fs::read_to_string(root().join("templates/rules/thu-2022.toml")).unwrap();
    let t = replace_once(text, "measure = \"bhxh_bb.phat_trien\"\nop = \">=\"", "measure = \"bhxh_bb.phat_trien\"\nop = \"=>\"");
    let t = replace_once(
        t,
        "title = \"Xếp hạng công tác thu\"\nmeasure = \"thu.ty_le\"",
        "title = \"Xếp hạng công tác thu\"\nmeasure = \"thu.ty_le_moi\"",
    );
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("thu.toml");
    std::fs::write(&f, &t).unwrap();
    let (code, out) = thidua(&["check", s(&root().join("samples/2022-Q3")), "--period", "2022-Q3", "--rules", s(&f)]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("2 lỗi"), "{out}");
    assert!(
        out.contains(&format!(
            "dòng {}: tiêu chí \"bhxh_bb\": phép so sánh (op) phải là >= hoặc <=, không phải \"=>\"",
            line_of(&t, "op = \"=>\"")
        )),
        "{out}"
    );
    assert!(out.contains(&format!("dòng {}: bảng xếp hạng \"thu\"", line_of(&t, "measure = \"thu.ty_le_moi\""))), "{out}");
}
