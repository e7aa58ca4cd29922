//! The registry of Hướng dẫn 3636/HD-BHXH and name matching (SPEC §2).

use thidua::model::{ClusterKind, Level};
use thidua::registry::{expected_district_clusters, Registry};
use unicode_normalization::UnicodeNormalization;

fn reg() -> &'static Registry {
    Registry::builtin()
}

fn count(kind: ClusterKind) -> (usize, usize) {
    let cs: Vec<_> = reg().clusters().iter().filter(|c| c.kind == kind).collect();
    (cs.len(), cs.iter().map(|c| c.members.len()).sum())
}

#[test]
fn counts_of_3636() {
    assert_eq!(count(ClusterKind::Khoi), (5, 26));
    assert_eq!(count(ClusterKind::CumTinh), (10, 63));
    assert_eq!(count(ClusterKind::CumHuyen), (102, 644));
    assert_eq!(reg().units().iter().filter(|u| u.level == Level::Province).count(), 63);
    assert_eq!(reg().units().iter().filter(|u| u.level == Level::District).count(), 644);
    assert_eq!(reg().units().len(), 26 + 63 + 644);
}

#[test]
fn every_province_follows_the_splitting_rule() {
    for p in reg().units().iter().filter(|u| u.level == Level::Province) {
        let n = reg().units().iter().filter(|u| u.province.as_deref() == Some(&p.id)).count();
        let clusters = reg().clusters().iter().filter(|c| c.province.as_deref() == Some(&p.id)).count();
        assert_eq!(clusters, expected_district_clusters(n), "{}: {n} units in {clusters} clusters", p.name);
    }
    assert_eq!(expected_district_clusters(9), 1);
    assert_eq!(expected_district_clusters(10), 2);
    assert_eq!(expected_district_clusters(24), 4);
    assert_eq!(expected_district_clusters(25), 5);
    // Hà Nội: 30 district units in 5 clusters; Thanh Hóa 26 in 5.
    assert_eq!(reg().clusters().iter().filter(|c| c.province.as_deref() == Some("ha-noi")).count(), 5);
    assert!(reg().verify().is_empty(), "{:?}", reg().verify());
}

#[test]
fn every_unit_in_exactly_one_cluster_and_ids_unique() {
    let mut ids = std::collections::HashSet::new();
    for u in reg().units() {
        assert!(ids.insert(&u.id), "duplicate id {}", u.id);
        let holding: Vec<_> = reg().clusters().iter().filter(|c| c.members.contains(&u.id)).collect();
        assert_eq!(holding.len(), 1, "{}", u.id);
        assert_eq!(holding[0].id, u.cluster);
        if let Some(p) = &u.province {
            assert_eq!(reg().unit(p).unwrap().level, Level::Province);
        }
    }
}

#[test]
fn seed_slips_follow_the_correct_value() {
    // "Cụm Thi đua cấp tỉnh số 11" is số II.
    let c2 = reg().cluster("cum-2").unwrap();
    assert_eq!(c2.name, "Cụm thi đua cấp tỉnh số II");
    assert!(c2.members.contains(&"cao-bang".to_string()));
    // Cụm VI has seven provinces, though a heading says 05.
    assert_eq!(reg().cluster("cum-6").unwrap().members.len(), 7);
    assert_eq!(reg().resolve("BHXH quận Gò Vấp", None).unwrap().name, "BHXH quận Gò Vấp");
    assert_eq!(reg().resolve("Bố Trạch", None).unwrap().name, "BHXH huyện Bố Trạch");
}

#[test]
fn matching_nfc_nfd_and_tone_placement() {
    let nfd: String = "BHXH tỉnh Hòa Bình".nfd().collect();
    assert_eq!(reg().resolve(&nfd, None).unwrap().id, "hoa-binh");
    assert_eq!(reg().resolve("Hoà Bình", None).unwrap().id, "hoa-binh");
    assert_eq!(reg().resolve("BHXH tỉnh Thanh Hoá", None).unwrap().id, "thanh-hoa");
    assert_eq!(reg().resolve("Khánh Hoà", Some(Level::Province)).unwrap().id, "khanh-hoa");
}

#[test]
fn matching_case_spacing_punctuation() {
    assert_eq!(reg().resolve("  bhxh   TỈNH  hà   nam ", None).unwrap().id, "ha-nam");
    assert_eq!(reg().resolve("BHXH tỉnh Bà Rịa-Vũng Tàu", None).unwrap().id, "ba-ria-vung-tau");
    assert_eq!(reg().resolve("Thừa Thiên - Huế;", None).unwrap().id, "thua-thien-hue");
    assert_eq!(reg().resolve("HA NAM", None).unwrap().id, "ha-nam");
    assert_eq!(reg().resolve("Ha Nam", None).unwrap().id, "ha-nam", "typed without accents");
}

#[test]
fn matching_prefixes() {
    for s in
        ["Bảo hiểm xã hội thành phố Hồ Chí Minh", "BHXH TP. Hồ Chí Minh", "TP Hồ Chí Minh", "Hồ Chí Minh", "BHXH Thành phố Hồ Chí Minh"]
    {
        assert_eq!(reg().resolve(s, None).unwrap().id, "ho-chi-minh", "{s}");
    }
    // A bare name shared by a province and a town is the province…
    assert_eq!(reg().resolve("Phú Thọ", None).unwrap().id, "phu-tho");
    // … the prefix names the town.
    assert_eq!(reg().resolve("BHXH thị xã Phú Thọ", None).unwrap().id, "phu-tho.phu-tho");
    assert_eq!(reg().resolve("TX Kỳ Anh", None).unwrap().id, "ha-tinh.thi-xa-ky-anh");
    assert_eq!(reg().resolve("BHXH huyện Kỳ Anh", None).unwrap().id, "ha-tinh.huyen-ky-anh");
    assert_eq!(reg().resolve("Quận 1", None).unwrap().id, "ho-chi-minh.quan-1");
    assert_eq!(reg().resolve("Q.1", None).unwrap().id, "ho-chi-minh.quan-1");
}

#[test]
fn unmarked_prefixes_and_slipped_marks() {
    // Typed with no marks at all, prefixes included.
    assert_eq!(reg().resolve("BHXH tinh Ha Nam", None).unwrap().id, "ha-nam");
    assert_eq!(reg().resolve("Bao hiem xa hoi thanh pho Ho Chi Minh", None).unwrap().id, "ho-chi-minh");
    assert_eq!(reg().resolve("BHXH thi xa Ky Anh", None).unwrap().id, "ha-tinh.thi-xa-ky-anh");
    assert_eq!(reg().resolve("BHXH huyen Ky Anh", None).unwrap().id, "ha-tinh.huyen-ky-anh");
    // An unmarked "quan" that begins a name is not taken for "quận".
    assert_eq!(reg().resolve("Quan Ba", None).unwrap().id, "ha-giang.quan-ba");
    // A slipped mark, or no marks at all, is matched by the letters alone,
    // and told; either tone placement or an alias is not.
    assert!(reg().marks_differ("BHXH tỉnh Quãng Trị"));
    assert_eq!(reg().resolve("BHXH tỉnh Quãng Trị", None).unwrap().id, "quang-tri");
    assert!(reg().marks_differ("Lào Cại"));
    assert!(reg().marks_differ("Quang Tri"));
    assert!(reg().marks_differ("BHXH tinh Quang Tri"));
    for typed in ["BHXH tỉnh Quảng Trị", "Hoà Bình", "Đăk Lăk", "TP.HCM", "Quận 1"] {
        assert!(!reg().marks_differ(typed), "{typed}");
    }
}

#[test]
fn matching_aliases() {
    assert_eq!(reg().resolve("TP.HCM", None).unwrap().id, "ho-chi-minh");
    assert_eq!(reg().resolve("BHXH TP HCM", None).unwrap().id, "ho-chi-minh");
    assert_eq!(reg().resolve("TT Huế", None).unwrap().id, "thua-thien-hue");
    assert_eq!(reg().resolve("BR-VT", None).unwrap().id, "ba-ria-vung-tau");
    assert_eq!(reg().resolve("Đăk Lăk", None).unwrap().id, "dak-lak");
}

#[test]
fn unknown_and_ambiguous_names_explain_themselves() {
    let e = reg().resolve("Hà Nammm", None).unwrap_err().message_vi();
    assert!(e.contains("Không tìm thấy đơn vị \"Hà Nammm\""), "{e}");
    assert!(e.contains("BHXH tỉnh Hà Nam"), "suggests the closest: {e}");
    let e = reg().resolve("Châu Thành", None).unwrap_err().message_vi();
    assert!(e.contains("khớp với nhiều đơn vị"), "{e}");
    assert!(e.contains("BHXH huyện Châu Thành (BHXH tỉnh Long An)"), "{e}");
    // Within one province it is unique.
    assert_eq!(reg().resolve_in("Châu Thành", None, Some("long-an")).unwrap().id, "long-an.chau-thanh");
}

#[test]
fn units_command_verifies() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua")).args(["units", "--verify"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("102 cụm"), "{text}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua")).args(["units", "--cluster", "cum-3"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Cụm thi đua cấp tỉnh số III") && text.contains("BHXH tỉnh Hà Nam"), "{text}");
    // A province, as `run --cluster` takes it: its district clusters.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua")).args(["units", "--cluster", "Thanh Hóa"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.starts_with("Cụm thi đua cấp huyện số 1 (BHXH tỉnh Thanh Hóa) [thanh-hoa.cum-1]"), "{text}");
    assert!(text.contains("BHXH huyện Quảng Xương") && !text.contains("Cụm thi đua cấp tỉnh"), "{text}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua")).args(["units", "--cluster", "xyz"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Không nhận ra Khối/Cụm thi đua \"xyz\""));
}

#[test]
fn phuc_tho_is_a_district_of_ha_noi_and_phu_tho_a_province() {
    assert_eq!(reg().resolve("BHXH huyện Phúc Thọ", None).unwrap().province.as_deref(), Some("ha-noi"));
    assert_eq!(reg().resolve("Phú Thọ", None).unwrap().level, Level::Province);
}

#[test]
fn central_units_by_their_abbreviations() {
    assert_eq!(reg().resolve("Vụ TĐKT", None).unwrap().id, "tw.vu-thi-dua-khen-thuong");
    assert_eq!(reg().resolve("Trung tâm CNTT", None).unwrap().id, "tw.trung-tam-cong-nghe-thong-tin");
    assert_eq!(reg().resolve("Bắc Cạn", None).unwrap().id, "bac-kan");
}
