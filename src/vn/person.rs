//! A person's name in a line of a meeting sheet ("Ông Nguyễn Văn A, Giám
//! đốc BHXH tỉnh X"): what fills the minutes' signature slots, and what
//! tells a line that names only a role ("Đồng chí Giám đốc …, Cụm
//! trưởng"), which the review warns about and the minutes leave blank to
//! sign (SPEC §14: never a role in place of a name).

/// A person's name in a meeting-sheet line such as "Ông Nguyễn Văn A,
/// Giám đốc BHXH tỉnh X" or "Nguyễn Văn A - Cụm trưởng": the part before
/// the role, without the honorific. A line that names only a role
/// ("Đồng chí Giám đốc BHXH tỉnh X, Cụm trưởng") has no name: `None`, and
/// the signature slot stays blank for the signer to write.
pub fn person_name(line: &str) -> Option<String> {
    let line = crate::vn::text::nfc(line.trim());
    let first = line.split([',', '(', ';']).next()?.split(" - ").next()?.split(" – ").next()?.trim();
    let mut words: Vec<&str> = first.split_whitespace().collect();
    let honorific = ["đồng chí", "đ/c", "đc", "ông", "bà", "anh", "chị"];
    while let Some(w) = words.first() {
        let w2 = words.get(1).map(|x| format!("{} {}", w.to_lowercase(), x.to_lowercase()));
        if w2.as_deref().is_some_and(|x| honorific.contains(&x)) {
            words.drain(..2);
        } else if honorific.contains(&w.to_lowercase().as_str()) {
            words.remove(0);
        } else {
            break;
        }
    }
    if !(2..=6).contains(&words.len()) {
        return None;
    }
    let role = [
        // Words of a role or a body, none of them a usual given name.
        "giám",
        "đốc",
        "phó",
        "trưởng",
        "chủ",
        "tịch",
        "bhxh",
        "hiểm",
        "cụm",
        "khối",
        "vụ",
        "ban",
        "phòng",
        "tỉnh",
        "huyện",
        "phố",
        "quận",
        "diện",
        "lãnh",
        "đạo",
    ];
    let ok = words.iter().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            && w.chars().all(|c| c.is_alphabetic())
            && !role.contains(&w.to_lowercase().as_str())
    });
    ok.then(|| words.join(" "))
}
