//! Keeping a filled document valid when loops copy content: drawing ids
//! (`wp:docPr`) and bookmark ids must stay unique, bookmark names too; a
//! loop that restarts numbering needs new list instances in numbering.xml.

use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

#[derive(Default)]
pub struct IdState {
    next_drawing: u64,
    next_bookmark: u64,
    names: HashSet<String>,
}

fn tag_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r#"<(wp:docPr|w:bookmarkStart|w:bookmarkEnd)\b[^>]*>"#).unwrap())
}

fn attr_re(name: &str) -> Regex {
    Regex::new(&format!(r#"\b{}="([^"]*)""#, regex::escape(name))).unwrap()
}

fn attrs() -> &'static (Regex, Regex, Regex) {
    static R: OnceLock<(Regex, Regex, Regex)> = OnceLock::new();
    R.get_or_init(|| (attr_re("id"), attr_re("w:id"), attr_re("w:name")))
}

/// Whether `xml` holds a drawing or a bookmark, whose ids [`fix_ids`] renumbers.
pub fn has_ids(xml: &str) -> bool {
    xml.contains("<wp:docPr") || xml.contains("<w:bookmarkStart")
}

/// Renumber drawing and bookmark ids in document order (bookmark ends follow
/// their start), and make repeated bookmark names unique.
pub fn fix_ids(xml: String, st: &mut IdState) -> String {
    if !has_ids(&xml) {
        return xml;
    }
    let (id, wid, wname) = attrs();
    // Open bookmarks: old id → new ids, innermost last.
    let mut open: HashMap<String, Vec<u64>> = HashMap::new();
    tag_re()
        .replace_all(&xml, |c: &regex::Captures| {
            let t = &c[0];
            match &c[1] {
                "wp:docPr" => {
                    st.next_drawing += 1;
                    let n = st.next_drawing;
                    id.replace(t, format!("id=\"{n}\"").as_str()).to_string()
                }
                "w:bookmarkStart" => {
                    let old = wid.captures(t).map(|m| m[1].to_string()).unwrap_or_default();
                    let n = st.next_bookmark;
                    st.next_bookmark += 1;
                    open.entry(old).or_default().push(n);
                    let mut out = wid.replace(t, format!("w:id=\"{n}\"").as_str()).to_string();
                    if let Some(m) = wname.captures(&out) {
                        let name = m[1].to_string();
                        let mut unique = name.clone();
                        let mut k = 2;
                        while !st.names.insert(unique.clone()) {
                            unique = format!("{name}_{k}");
                            k += 1;
                        }
                        if unique != name {
                            out = wname.replace(&out, format!("w:name=\"{unique}\"").as_str()).to_string();
                        }
                    }
                    out
                }
                _ => {
                    let old = wid.captures(t).map(|m| m[1].to_string()).unwrap_or_default();
                    match open.get_mut(&old).and_then(|v| v.pop()) {
                        Some(n) => wid.replace(t, format!("w:id=\"{n}\"").as_str()).to_string(),
                        None => t.to_string(),
                    }
                }
            }
        })
        .to_string()
}

/// (highest numId, [(numId, abstractNumId)]) of numbering.xml.
pub fn numbering_info(xml: &str) -> (u32, Vec<(u32, u32)>) {
    let re = Regex::new(r#"<w:num\b[^>]*w:numId="(\d+)"[^>]*>\s*<w:abstractNumId\s+w:val="(\d+)""#).unwrap();
    let pairs: Vec<(u32, u32)> = re.captures_iter(xml).filter_map(|c| Some((c[1].parse().ok()?, c[2].parse().ok()?))).collect();
    (pairs.iter().map(|p| p.0).max().unwrap_or(0), pairs)
}

/// Add a list instance for each restarted list: same abstract list, every
/// level starting again at its start value.
pub fn add_list_instances(xml: &str, restarted: &[(u32, u32)], abstract_of: &[(u32, u32)]) -> String {
    let mut add = String::new();
    for (new, old) in restarted {
        let Some((_, abs)) = abstract_of.iter().find(|(n, _)| n == old) else { continue };
        add.push_str(&format!("<w:num w:numId=\"{new}\"><w:abstractNumId w:val=\"{abs}\"/>"));
        for lvl in 0..9 {
            add.push_str(&format!("<w:lvlOverride w:ilvl=\"{lvl}\"><w:startOverride w:val=\"1\"/></w:lvlOverride>"));
        }
        add.push_str("</w:num>");
    }
    match xml.rfind("</w:numbering>") {
        Some(i) => format!("{}{add}{}", &xml[..i], &xml[i..]),
        None => xml.to_string(),
    }
}
