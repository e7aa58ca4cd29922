//! The template language inside `{…}` (documented in README and
//! `thidua templates --help`):
//!
//! - `{ten}`, `{don_vi.ten}` — a field; `{.}` — the item itself in a loop over
//!   plain values; `{@index}` — 1-based position in a loop;
//! - `{x|so}`, `{x|so:2}`, `{x|phan_tram}`, `{x|ngay}`, `{x|dong_ngay:"Hà Nội"}`,
//!   `{x|hoa}`, `{x|la_ma}`, `{x|bang_chu}`, `{x|doc_so}`, `{x|mac_dinh:"……"}`,
//!   `{x|ten_co_quan}` (the issuing body's name on the header column's lines)
//!   — formatters, chained left to right;
//! - `{#each ds}…{/each}`, `{#each ds|danh_so_lai}` — a loop (one table row per item when both tags
//!   sit in one row, one group of paragraphs when each stands alone in its
//!   paragraph, else inline);
//! - `{#if x}…{#else}…{/if}`, `{#if !x}` — conditions; `{#if @cuoi}` holds on
//!   the last item of the innermost loop (the "." that ends a Nơi nhận list).

#[derive(Clone, Debug, PartialEq)]
pub enum Filter {
    So(u32),
    PhanTram,
    Ngay,
    Hoa,
    LaMa,
    /// Amount in words with "đồng": "Hai triệu ba trăm bốn mươi nghìn đồng".
    BangChu,
    /// A number in words: "một trăm linh năm".
    DocSo,
    /// An ISO date as the place-and-date line: "Hà Nội, ngày 05 tháng 01 năm 2023".
    DongNgay(String),
    MacDinh(String),
    /// An issuing body's name set on lines for the header column.
    TenCoQuan,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Tag {
    Field {
        path: Vec<String>,
        filters: Vec<Filter>,
    },
    Index,
    /// A loop; `restart` restarts numbered lists in each repetition.
    Each {
        path: Vec<String>,
        restart: bool,
    },
    If {
        path: Vec<String>,
        negate: bool,
    },
    Else,
    EndEach,
    EndIf,
}

impl Tag {
    pub fn is_block(&self) -> bool {
        !matches!(self, Tag::Field { .. } | Tag::Index)
    }
}

/// `{#if @cuoi}`: true on the last item of the innermost loop.
pub const LAST: &str = "@cuoi";

fn path(s: &str) -> Result<Vec<String>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("thiếu tên trường".into());
    }
    if s == "." || s == LAST {
        // The current item of a loop over plain values; whether it is the last.
        return Ok(vec![s.into()]);
    }
    let parts: Vec<String> = s.split('.').map(|p| p.trim().to_string()).collect();
    for p in &parts {
        if p.is_empty() || !p.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(format!("tên trường \"{s}\" không hợp lệ (chỉ dùng chữ, số, dấu _ và dấu chấm)"));
        }
    }
    Ok(parts)
}

/// Parse the text between the braces.
pub fn parse(inner: &str) -> Result<Tag, String> {
    let t = inner.trim();
    if let Some(rest) = t.strip_prefix('#') {
        let (kw, arg) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        return match kw {
            "each" => {
                let mut parts = arg.split('|');
                let p = path(parts.next().unwrap_or_default())?;
                let mut restart = false;
                for opt in parts {
                    match opt.trim() {
                        "danh_so_lai" => restart = true,
                        o => {
                            return Err(format!(
                                "tùy chọn vòng lặp \"{o}\" không có; dùng |danh_so_lai để đánh số lại danh sách trong mỗi lần lặp"
                            ))
                        }
                    }
                }
                Ok(Tag::Each { path: p, restart })
            }
            "if" => {
                let a = arg.trim();
                match a.strip_prefix('!') {
                    Some(p) => Ok(Tag::If { path: path(p)?, negate: true }),
                    None => Ok(Tag::If { path: path(a)?, negate: false }),
                }
            }
            "else" if arg.trim().is_empty() => Ok(Tag::Else),
            _ => Err(format!("khối \"#{kw}\" không có; dùng #each, #if, #else")),
        };
    }
    if let Some(rest) = t.strip_prefix('/') {
        return match rest.trim() {
            "each" => Ok(Tag::EndEach),
            "if" => Ok(Tag::EndIf),
            other => Err(format!("thẻ đóng \"/{other}\" không có; dùng /each hoặc /if")),
        };
    }
    if t == "@index" {
        return Ok(Tag::Index);
    }
    let mut pieces = split_pipes(t).into_iter();
    let p = path(&pieces.next().unwrap_or_default())?;
    let mut filters = Vec::new();
    for f in pieces {
        let (name, arg) = match f.split_once(':') {
            Some((n, a)) => (n.trim().to_string(), Some(a.trim().to_string())),
            None => (f.trim().to_string(), None),
        };
        filters.push(match (name.as_str(), arg) {
            ("so", None) => Filter::So(0),
            ("so", Some(a)) => Filter::So(
                a.parse().ok().filter(|n: &u32| *n <= 6).ok_or_else(|| format!("\"so:{a}\": số chữ số thập phân phải từ 0 đến 6"))?,
            ),
            ("phan_tram", None) => Filter::PhanTram,
            ("ngay", None) => Filter::Ngay,
            ("hoa", None) => Filter::Hoa,
            ("la_ma", None) => Filter::LaMa,
            ("ten_co_quan", None) => Filter::TenCoQuan,
            ("bang_chu", None) => Filter::BangChu,
            ("doc_so", None) => Filter::DocSo,
            ("dong_ngay", Some(a)) => Filter::DongNgay(unquote(&a)?),
            ("mac_dinh", Some(a)) => Filter::MacDinh(unquote(&a)?),
            (n, _) => {
                return Err(format!(
                    "bộ định dạng \"{n}\" không có (hoặc thiếu/thừa tham số); dùng so, so:N, phan_tram, ngay, dong_ngay:\"Hà Nội\", hoa, la_ma, bang_chu, doc_so, ten_co_quan, mac_dinh:\"…\""
                ))
            }
        });
    }
    Ok(Tag::Field { path: p, filters })
}

/// A quoted argument; Word may have curled the quotes.
fn unquote(a: &str) -> Result<String, String> {
    let a = a.trim();
    a.strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .or_else(|| a.strip_prefix('“').and_then(|x| x.strip_suffix('”')))
        .or_else(|| a.strip_prefix('„').and_then(|x| x.strip_suffix('“')))
        .map(str::to_string)
        .ok_or_else(|| format!("tham số phải đặt trong ngoặc kép, ví dụ mac_dinh:\"……\" (đang là {a})"))
}

/// Split on `|` outside double quotes (Word may curl them: “ ”).
fn split_pipes(s: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' | '“' | '”' => {
                quoted = if c == '"' { !quoted } else { c == '“' };
                out.last_mut().unwrap().push(c);
            }
            '|' if !quoted => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn parses() {
        assert_eq!(parse(" don_vi.ten ").unwrap(), Tag::Field { path: vec!["don_vi".into(), "ten".into()], filters: vec![] });
        assert_eq!(
            parse("x|so:2|mac_dinh:\"……\"").unwrap(),
            Tag::Field { path: vec!["x".into()], filters: vec![Filter::So(2), Filter::MacDinh("……".into())] }
        );
        assert_eq!(parse("x|mac_dinh:“a|b”").unwrap(), Tag::Field { path: vec!["x".into()], filters: vec![Filter::MacDinh("a|b".into())] });
        assert_eq!(parse("#each de_nghi").unwrap(), Tag::Each { path: vec!["de_nghi".into()], restart: false });
        assert_eq!(parse("#each ds|danh_so_lai").unwrap(), Tag::Each { path: vec!["ds".into()], restart: true });
        assert_eq!(
            parse("d|dong_ngay:“Hà Nội”").unwrap(),
            Tag::Field { path: vec!["d".into()], filters: vec![Filter::DongNgay("Hà Nội".into())] }
        );
        assert_eq!(parse("#if !co").unwrap(), Tag::If { path: vec!["co".into()], negate: true });
        assert!(parse("x|tien").unwrap_err().contains("không có"));
        assert!(parse("#for x").is_err());
        assert!(parse("a b").is_err());
    }
}
