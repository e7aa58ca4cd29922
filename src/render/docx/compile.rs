//! Compiling one XML part into a tree of raw XML, fields and blocks.
//!
//! 1. Tags Word split over several runs (spell-check marks, revision ids,
//!    a bold letter) are joined: the whole tag moves into the run where it
//!    starts, whose formatting the value takes; the text around is untouched.
//! 2. Block tags are paired and each block is given its extent:
//!    - both tags in one paragraph: inline, exactly between the tags;
//!    - in different cells of one table row: the whole row repeats;
//!    - each alone in its own paragraph: the paragraphs between repeat,
//!      and the tag paragraphs disappear.
//! 3. The token stream with the block markers becomes a tree.

use super::tags::{self, Tag};
use super::xml::{escape, tokenize, unescape, Tok};
use super::TemplateError;
use std::collections::BTreeMap;

/// Where a tag is, for messages: part, paragraph number, paragraph text.
#[derive(Clone, Debug, PartialEq)]
pub struct Loc {
    pub part: String,
    /// (table, row, cell), 1-based, when the tag is in a table.
    pub cell: Option<(usize, usize, usize)>,
    pub paragraph: usize,
    pub text: String,
    pub tag: String,
}

/// The start of a paragraph's text, as much as a message shows (and one
/// character more, so it knows to add "…"): a Loc per tag must not copy a
/// long paragraph once per tag.
fn excerpt(text: &str) -> String {
    text.chars().take(71).collect()
}

impl Loc {
    pub fn describe(&self) -> String {
        let mut t: String = self.text.chars().take(70).collect();
        if self.text.chars().count() > 70 {
            t.push('…');
        }
        let cell = match self.cell {
            Some((t, r, c)) => format!("bảng {t}, dòng {r}, ô {c}, "),
            None => String::new(),
        };
        format!("phần {}, {cell}đoạn {} (\"{t}\"), thẻ {}", self.part, self.paragraph, self.tag)
    }
}

#[derive(Clone, Debug)]
pub enum Node {
    Raw(String),
    Field {
        tag: Tag,
        loc: Loc,
    },
    /// A field in a part without runs (document properties): plain text.
    PlainField {
        tag: Tag,
        loc: Loc,
    },
    Each {
        path: Vec<String>,
        restart: bool,
        body: Vec<Node>,
        loc: Loc,
    },
    If {
        path: Vec<String>,
        negate: bool,
        then: Vec<Node>,
        other: Vec<Node>,
        loc: Loc,
    },
}

#[derive(Clone, Debug)]
enum Seg {
    Lit(String),
    Tag(usize),
}

/// A tag found in the part.
struct Found {
    tag: Tag,
    text: String,
    para: usize,
    tok: usize,
}

struct Para {
    start: usize,
    end: usize,
    parent: Option<usize>,
    /// Innermost table row and cell (token index of their start).
    tr: Option<usize>,
    tc: Option<usize>,
    /// (table, row, cell), 1-based, for messages.
    cell: Option<(usize, usize, usize)>,
    text: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mark {
    Open(usize),
    Else(usize),
    Close(usize),
}

/// Tags in one part of a template. The default templates use a few
/// hundred; a template with more is refused before anything grows with it.
pub const MAX_TAGS: usize = 10_000;
/// Blocks ({#each}, {#if}) open inside one another. The default templates
/// nest three deep.
pub const MAX_DEPTH: usize = 32;

fn err(template: &str, loc: &Loc, msg: impl std::fmt::Display) -> TemplateError {
    TemplateError { template: template.into(), message: format!("{msg} ({})", loc.describe()) }
}

/// Compile one part of a template, in the three steps of the module's
/// opening comment.
pub fn compile_part(template: &str, part: &str, xml: &str) -> Result<Vec<Node>, Vec<TemplateError>> {
    let mut toks = tokenize(xml).map_err(|e| vec![TemplateError { template: template.into(), message: format!("phần {part}: {e}") }])?;
    let mut errors = Vec::new();
    let mut layout = paragraphs(&toks);
    // 1. Join split tags.
    let Some((segs, found)) = join_split_tags(template, part, &mut toks, &mut layout.paras, &layout.texts, &mut errors) else {
        return Err(errors);
    };
    let c = Ctx { template, part, paras: &layout.paras };
    // 2. Pair the block tags, then give each block its extent.
    let Some(blocks) = pair_blocks(&c, &found, &mut errors) else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let ext = block_extents(&c, &toks, &layout, &found, &blocks, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    // 3. Linear stream, then the tree.
    let items = stream(&toks, &layout.paras, &segs, &ext);
    tree(&c, items, &found, &blocks)
}

/// The paragraphs of a part, their cells and rows, and the w:t text tokens
/// of each.
struct Layout {
    paras: Vec<Para>,
    /// (para, tok) of each w:t text.
    texts: Vec<(usize, usize)>,
    /// Table row start token → its end token.
    tr_end: BTreeMap<usize, usize>,
    /// Table row start token → its table's start token.
    tr_table: BTreeMap<usize, usize>,
}

fn paragraphs(toks: &[Tok]) -> Layout {
    let mut paras: Vec<Para> = Vec::new();
    let mut texts: Vec<(usize, usize)> = Vec::new(); // (para, tok)
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut open_paras: Vec<usize> = Vec::new();
    let mut tr_stack: Vec<usize> = Vec::new();
    let mut tc_stack: Vec<usize> = Vec::new();
    // (table token, table number, rows seen, cells seen in the row)
    let mut tbl_stack: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut tables = 0usize;
    let mut tr_end: BTreeMap<usize, usize> = BTreeMap::new();
    let mut tr_table: BTreeMap<usize, usize> = BTreeMap::new();
    let new_para = |i: usize, stack: &[(String, usize)], tr: &[usize], tc: &[usize], tbl: &[(usize, usize, usize, usize)]| Para {
        start: i,
        end: i,
        parent: stack.last().map(|s| s.1),
        tr: tr.last().copied(),
        tc: tc.last().copied(),
        cell: tbl.last().map(|t| (t.1, t.2, t.3)),
        text: String::new(),
    };
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Open { name, .. } => {
                match name.as_str() {
                    "w:p" => {
                        paras.push(new_para(i, &stack, &tr_stack, &tc_stack, &tbl_stack));
                        open_paras.push(paras.len() - 1);
                    }
                    "w:tbl" => {
                        tables += 1;
                        tbl_stack.push((i, tables, 0, 0));
                    }
                    "w:tr" => {
                        tr_stack.push(i);
                        if let Some(t) = tbl_stack.last_mut() {
                            t.2 += 1;
                            t.3 = 0;
                            tr_table.insert(i, t.0);
                        }
                    }
                    "w:tc" => {
                        tc_stack.push(i);
                        if let Some(t) = tbl_stack.last_mut() {
                            t.3 += 1;
                        }
                    }
                    _ => {}
                }
                stack.push((name.clone(), i));
            }
            Tok::Close { name, .. } => {
                stack.pop();
                match name.as_str() {
                    "w:p" => {
                        if let Some(p) = open_paras.pop() {
                            paras[p].end = i;
                        }
                    }
                    "w:tr" => {
                        if let Some(s) = tr_stack.pop() {
                            tr_end.insert(s, i);
                        }
                    }
                    "w:tc" => {
                        tc_stack.pop();
                    }
                    "w:tbl" => {
                        tbl_stack.pop();
                    }
                    _ => {}
                }
            }
            Tok::Empty { name, .. } if name == "w:p" => paras.push(new_para(i, &stack, &tr_stack, &tc_stack, &tbl_stack)),
            Tok::Text { .. } if stack.last().is_some_and(|s| s.0 == "w:t") => {
                if let Some(&p) = open_paras.last() {
                    texts.push((p, i));
                }
            }
            _ => {}
        }
    }
    Layout { paras, texts, tr_end, tr_table }
}

/// 1. Join split tags, paragraph by paragraph: each paragraph's text is
/// set, its tags parsed, and each text token rebuilt as segments (a tag
/// belongs to the token where it starts). Returns the segments by token and
/// the tags found; `None` when the part has too many tags to go on (the
/// errors say so).
fn join_split_tags(
    template: &str,
    part: &str,
    toks: &mut [Tok],
    paras: &mut [Para],
    texts: &[(usize, usize)],
    errors: &mut Vec<TemplateError>,
) -> Option<(BTreeMap<usize, Vec<Seg>>, Vec<Found>)> {
    let mut segs: BTreeMap<usize, Vec<Seg>> = BTreeMap::new();
    let mut found: Vec<Found> = Vec::new();
    let mut by_para: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(p, tok) in texts {
        by_para.entry(p).or_default().push(tok);
    }
    for (p, tok_ids) in &by_para {
        let pieces: Vec<String> = tok_ids.iter().map(|&t| unescape(toks[t].raw())).collect();
        let full: String = pieces.concat();
        paras[*p].text = full.clone();
        if !full.contains('{') {
            continue;
        }
        // Byte offsets of each piece in `full`.
        let mut starts = Vec::with_capacity(pieces.len());
        let mut acc = 0;
        for s in &pieces {
            starts.push(acc);
            acc += s.len();
        }
        let piece_of = |off: usize| starts.iter().rposition(|&s| s <= off).unwrap_or(0);
        // Find the tags.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        let loc0 = |tag: &str| Loc { part: part.into(), cell: paras[*p].cell, paragraph: p + 1, text: excerpt(&full), tag: tag.into() };
        while let Some(o) = full[i..].find('{') {
            let o = i + o;
            if found.len() + spans.len() >= MAX_TAGS {
                let at: String = full[o..].chars().take_while(|c| *c != '}').take(40).chain(std::iter::once('}')).collect();
                errors.push(err(
                    template,
                    &loc0(&at),
                    format!("mẫu có quá nhiều thẻ (hơn {MAX_TAGS} thẻ trong một phần); mẫu không được dùng. Hãy kiểm tra lại mẫu hoặc dùng mẫu mặc định (thidua templates)"),
                ));
                return None;
            }
            match full[o + 1..].find(['{', '}']) {
                Some(c) if full.as_bytes()[o + 1 + c] == b'}' => {
                    spans.push((o, o + 1 + c + 1));
                    i = o + 1 + c + 1;
                }
                _ => {
                    let snippet: String = full[o..].chars().take(30).collect();
                    errors.push(err(template, &loc0(&snippet), "thẻ mở bằng \"{\" nhưng không có \"}\" đóng trong cùng đoạn"));
                    break;
                }
            }
        }
        if spans.is_empty() {
            continue;
        }
        // Rebuild each piece as segments: a tag belongs to the piece where it starts.
        let mut out: Vec<Vec<Seg>> = vec![Vec::new(); pieces.len()];
        let mut cursor = 0;
        let push_lit = |out: &mut Vec<Vec<Seg>>, from: usize, to: usize| {
            // Literal text stays in the piece it was typed in.
            let mut a = from;
            while a < to {
                let k = piece_of(a);
                let b = to.min(starts[k] + pieces[k].len()).max(a + 1);
                out[k].push(Seg::Lit(full[a..b].to_string()));
                a = b;
            }
        };
        for &(s, e) in &spans {
            push_lit(&mut out, cursor, s);
            let text = full[s..e].to_string();
            let k = piece_of(s);
            match tags::parse(&text[1..text.len() - 1]) {
                Ok(tag) => {
                    found.push(Found { tag, text: text.clone(), para: *p, tok: tok_ids[k] });
                    out[k].push(Seg::Tag(found.len() - 1));
                }
                Err(m) => errors.push(err(template, &loc0(&text), m)),
            }
            cursor = e;
        }
        push_lit(&mut out, cursor, full.len());
        for (k, s) in out.into_iter().enumerate() {
            segs.insert(tok_ids[k], s);
            // Values may begin or end with spaces: keep them.
            let open = tok_ids[k] - 1;
            if let Tok::Open { raw, name } = &toks[open] {
                if name == "w:t" && !raw.contains("xml:space") {
                    let r = raw.trim_end_matches('>').to_string() + " xml:space=\"preserve\">";
                    toks[open] = Tok::Open { raw: r, name: name.clone() };
                }
            }
        }
    }
    Some((segs, found))
}

/// What the later steps read of a part once its tags are joined: the
/// template and part, for messages, and the paragraphs with their text.
struct Ctx<'a> {
    template: &'a str,
    part: &'a str,
    paras: &'a [Para],
}

impl Ctx<'_> {
    fn loc_of(&self, f: &Found) -> Loc {
        Loc {
            part: self.part.into(),
            cell: self.paras[f.para].cell,
            paragraph: f.para + 1,
            text: excerpt(&self.paras[f.para].text),
            tag: f.text.clone(),
        }
    }
}

/// A block: its opening tag, its {#else} if any, its closing tag (indices
/// into the tags found).
struct Block {
    open: usize,
    other: Option<usize>,
    close: usize,
}

/// 2. Pair the block tags. Mismatched tags are errors; `None` when blocks
/// nest too deep to go on.
fn pair_blocks(c: &Ctx, found: &[Found], errors: &mut Vec<TemplateError>) -> Option<Vec<Block>> {
    let template = c.template;
    let loc_of = |f: &Found| c.loc_of(f);
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Vec<(usize, Option<usize>)> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        match &f.tag {
            Tag::Each { .. } | Tag::If { .. } => {
                if open.len() >= MAX_DEPTH {
                    errors.push(err(
                        template,
                        &loc_of(f),
                        format!("các khối {{#each}}/{{#if}} lồng nhau quá {MAX_DEPTH} tầng; mẫu không được dùng. Hãy bớt các khối lồng nhau hoặc dùng mẫu mặc định (thidua templates)"),
                    ));
                    return None;
                }
                open.push((i, None))
            }
            Tag::Else => match open.last_mut() {
                Some((o, e)) if matches!(found[*o].tag, Tag::If { .. }) && e.is_none() => *e = Some(i),
                _ => errors.push(err(template, &loc_of(f), "{#else} không nằm trong một khối {#if}")),
            },
            Tag::EndEach | Tag::EndIf => match open.pop() {
                Some((o, e)) if matches!((&found[o].tag, &f.tag), (Tag::Each { .. }, Tag::EndEach) | (Tag::If { .. }, Tag::EndIf)) => {
                    blocks.push(Block { open: o, other: e, close: i })
                }
                Some((o, _)) => {
                    errors.push(err(template, &loc_of(f), format!("thẻ đóng không khớp với {} mở trước đó", found[o].text)));
                }
                None => errors.push(err(template, &loc_of(f), "thẻ đóng không có thẻ mở tương ứng")),
            },
            _ => {}
        }
    }
    for (o, _) in open {
        errors.push(err(template, &loc_of(&found[o]), "khối chưa được đóng (thiếu {/each} hoặc {/if})"));
    }
    Some(blocks)
}

/// Where each block's markers go in the stream.
#[derive(Default)]
struct Extents {
    /// Found index → inline marker.
    seg_marks: BTreeMap<usize, Mark>,
    /// Found indices dropped (row mode).
    removed: Vec<usize>,
    /// Paragraph → the marker that replaces it.
    para_marks: BTreeMap<usize, Mark>,
    /// Token → markers before it, and after it.
    before: BTreeMap<usize, Vec<Mark>>,
    after: BTreeMap<usize, Vec<Mark>>,
}

/// 2. The extent of each block: inline between its tags, the rows of a
/// table, or the paragraphs between tags that stand alone.
fn block_extents(c: &Ctx, toks: &[Tok], layout: &Layout, found: &[Found], blocks: &[Block], errors: &mut Vec<TemplateError>) -> Extents {
    let template = c.template;
    let paras = c.paras;
    let loc_of = |f: &Found| c.loc_of(f);
    let mut x = Extents::default();
    let alone = |f: &Found| paras[f.para].text.trim() == f.text;
    let elem_path = |tok: usize| -> Vec<String> {
        let mut st: Vec<String> = Vec::new();
        for t in &toks[..tok] {
            match t {
                Tok::Open { name, .. } => st.push(name.clone()),
                Tok::Close { .. } => {
                    st.pop();
                }
                _ => {}
            }
        }
        st
    };
    for (bi, b) in blocks.iter().enumerate() {
        let (fo, fc) = (&found[b.open], &found[b.close]);
        let fe = b.other.map(|e| &found[e]);
        let (po, pc) = (&paras[fo.para], &paras[fc.para]);
        if fo.para == fc.para && fe.is_none_or(|e| e.para == fo.para) {
            if fo.tok != fc.tok && elem_path(fo.tok) != elem_path(fc.tok) {
                errors.push(err(
                    template,
                    &loc_of(fo),
                    "hai thẻ của khối nằm ở hai cấp định dạng khác nhau (ví dụ một thẻ trong liên kết); hãy gõ lại cả hai thẻ",
                ));
                continue;
            }
            x.seg_marks.insert(b.open, Mark::Open(bi));
            if let Some(e) = b.other {
                x.seg_marks.insert(e, Mark::Else(bi));
            }
            x.seg_marks.insert(b.close, Mark::Close(bi));
        } else if let Some((tro, trc)) = po.tr.zip(pc.tr).filter(|(a, c)| {
            // One row (tags in different cells), or a block of rows of one table.
            (a == c && po.tc != pc.tc) || (a != c && layout.tr_table.get(a) == layout.tr_table.get(c))
        }) {
            if b.other.is_some() {
                errors.push(err(template, &loc_of(fo), "khối theo dòng bảng không dùng được {#else}"));
                continue;
            }
            x.before.entry(tro).or_default().push(Mark::Open(bi));
            x.after.entry(layout.tr_end[&trc]).or_default().insert(0, Mark::Close(bi));
            x.removed.push(b.open);
            x.removed.push(b.close);
        } else {
            let all: Vec<&Found> = [Some(fo), fe, Some(fc)].into_iter().flatten().collect();
            if let Some(f) = all.iter().find(|f| !alone(f)) {
                errors.push(err(
                    template,
                    &loc_of(f),
                    "thẻ mở và thẻ đóng của khối nằm ở hai đoạn khác nhau, nên mỗi thẻ phải đứng riêng một đoạn (hoặc đặt ở hai ô của cùng một dòng bảng)",
                ));
                continue;
            }
            if all.iter().any(|f| paras[f.para].parent != po.parent) {
                errors.push(err(template, &loc_of(fo), "các thẻ của khối phải cùng một cấp (cùng thân văn bản hoặc cùng một ô bảng)"));
                continue;
            }
            x.para_marks.insert(fo.para, Mark::Open(bi));
            if let Some(e) = fe {
                x.para_marks.insert(e.para, Mark::Else(bi));
            }
            x.para_marks.insert(fc.para, Mark::Close(bi));
        }
    }
    x
}

/// One item of the linear stream: raw XML, a field (index into the tags
/// found), or a block marker.
enum Item {
    Raw(String),
    Field(usize),
    Mark(Mark),
}

/// 3. The part as a linear stream of raw XML, fields and block markers.
fn stream(toks: &[Tok], paras: &[Para], segs: &BTreeMap<usize, Vec<Seg>>, x: &Extents) -> Vec<Item> {
    let (seg_marks, removed, para_marks, before, after) = (&x.seg_marks, &x.removed, &x.para_marks, &x.before, &x.after);
    let para_at: BTreeMap<usize, usize> = para_marks.keys().map(|&p| (paras[p].start, p)).collect();
    let mut items: Vec<Item> = Vec::new();
    let push_raw = |items: &mut Vec<Item>, s: &str| {
        if let Some(Item::Raw(r)) = items.last_mut() {
            r.push_str(s);
        } else {
            items.push(Item::Raw(s.to_string()));
        }
    };
    let mut i = 0;
    while i < toks.len() {
        if let Some(ms) = before.get(&i) {
            items.extend(ms.iter().map(|m| Item::Mark(*m)));
        }
        if let Some(&p) = para_at.get(&i) {
            items.push(Item::Mark(para_marks[&p]));
            let end = paras[p].end;
            if let Some(ms) = after.get(&end) {
                items.extend(ms.iter().map(|m| Item::Mark(*m)));
            }
            i = end + 1;
            continue;
        }
        match segs.get(&i) {
            Some(ss) => {
                for s in ss {
                    match s {
                        Seg::Lit(t) => push_raw(&mut items, &escape(t)),
                        Seg::Tag(f) if removed.contains(f) => {}
                        Seg::Tag(f) => match seg_marks.get(f) {
                            Some(m) => items.push(Item::Mark(*m)),
                            None => items.push(Item::Field(*f)),
                        },
                    }
                }
            }
            None => push_raw(&mut items, toks[i].raw()),
        }
        if let Some(ms) = after.get(&i) {
            items.extend(ms.iter().map(|m| Item::Mark(*m)));
        }
        i += 1;
    }
    items
}

/// 3. The stream as a tree: each block's markers become its node.
fn tree(c: &Ctx, items: Vec<Item>, found: &[Found], blocks: &[Block]) -> Result<Vec<Node>, Vec<TemplateError>> {
    let (template, part) = (c.template, c.part);
    let loc_of = |f: &Found| c.loc_of(f);
    // (block being built, its nodes, the then-branch once {#else} was met)
    type Frame = (Option<usize>, Vec<Node>, Option<Vec<Node>>);
    let mut stack: Vec<Frame> = vec![(None, Vec::new(), None)];
    for it in items {
        match it {
            Item::Raw(r) => stack.last_mut().unwrap().1.push(Node::Raw(r)),
            Item::Field(f) => stack.last_mut().unwrap().1.push(Node::Field { tag: found[f].tag.clone(), loc: loc_of(&found[f]) }),
            Item::Mark(Mark::Open(b)) => stack.push((Some(b), Vec::new(), None)),
            Item::Mark(Mark::Else(_)) => {
                let top = stack.last_mut().unwrap();
                let then = std::mem::take(&mut top.1);
                top.2 = Some(then);
            }
            Item::Mark(Mark::Close(b)) => {
                let (ob, body, then) = stack.pop().unwrap();
                let loc = loc_of(&found[blocks[b].open]);
                if ob != Some(b) || stack.is_empty() {
                    return Err(vec![err(template, &loc, "các khối lồng nhau không đúng thứ tự (khối trong phải đóng trước khối ngoài)")]);
                }
                let node = match &found[blocks[b].open].tag {
                    Tag::Each { path, restart } => Node::Each { path: path.clone(), restart: *restart, body, loc },
                    Tag::If { path, negate } => match then {
                        Some(t) => Node::If { path: path.clone(), negate: *negate, then: t, other: body, loc },
                        None => Node::If { path: path.clone(), negate: *negate, then: body, other: Vec::new(), loc },
                    },
                    _ => unreachable!("blocks open with #each or #if"),
                };
                stack.last_mut().unwrap().1.push(node);
            }
        }
    }
    if stack.len() != 1 {
        return Err(vec![TemplateError {
            template: template.into(),
            message: format!("phần {part}: các khối lồng nhau không đúng thứ tự"),
        }]);
    }
    Ok(stack.pop().unwrap().1)
}

/// Compile a part that has text but no paragraphs and runs (the document
/// properties): fields only, each within one text node.
pub fn compile_plain(template: &str, part: &str, xml: &str) -> Result<Vec<Node>, Vec<TemplateError>> {
    let toks = tokenize(xml).map_err(|e| vec![TemplateError { template: template.into(), message: format!("phần {part}: {e}") }])?;
    let mut nodes = Vec::new();
    let mut errors = Vec::new();
    let mut raw = String::new();
    for t in &toks {
        let Tok::Text { raw: r } = t else {
            raw.push_str(t.raw());
            continue;
        };
        let text = unescape(r);
        if !text.contains('{') {
            raw.push_str(r);
            continue;
        }
        let mut rest = text.as_str();
        while let Some(o) = rest.find('{') {
            raw.push_str(&escape(&rest[..o]));
            let Some(c) = rest[o..].find('}') else {
                errors.push(TemplateError {
                    template: template.into(),
                    message: format!("phần {part}: thẻ mở bằng \"{{\" nhưng không đóng (\"{text}\")"),
                });
                rest = "";
                break;
            };
            let tag_text = &rest[o..o + c + 1];
            if nodes.len() / 2 + errors.len() >= MAX_TAGS {
                return Err(vec![TemplateError {
                    template: template.into(),
                    message: format!("phần {part}: mẫu có quá nhiều thẻ (hơn {MAX_TAGS} thẻ trong một phần); mẫu không được dùng"),
                }]);
            }
            let loc = Loc { part: part.into(), cell: None, paragraph: 0, text: excerpt(&text), tag: tag_text.into() };
            match tags::parse(&tag_text[1..tag_text.len() - 1]) {
                Ok(tag) if !tag.is_block() => {
                    nodes.push(Node::Raw(std::mem::take(&mut raw)));
                    nodes.push(Node::PlainField { tag, loc });
                }
                Ok(_) => errors.push(err(template, &loc, "thuộc tính văn bản chỉ dùng được trường, không dùng được khối")),
                Err(m) => errors.push(err(template, &loc, m)),
            }
            rest = &rest[o + c + 1..];
        }
        raw.push_str(&escape(rest));
    }
    nodes.push(Node::Raw(raw));
    if errors.is_empty() {
        Ok(nodes)
    } else {
        Err(errors)
    }
}

/// Field paths used by compiled nodes, `[]` marking loop items.
pub fn collect_fields(nodes: &[Node], prefix: &str, out: &mut Vec<String>) {
    for n in nodes {
        match n {
            Node::Field { tag: Tag::Field { path, .. }, .. } | Node::PlainField { tag: Tag::Field { path, .. }, .. } => {
                // `{.}` is the loop item itself.
                if path[0] == "." {
                    out.push(prefix.trim_end_matches('.').to_string());
                } else {
                    out.push(format!("{prefix}{}", path.join(".")))
                }
            }
            Node::Each { path, body, .. } => {
                let p = format!("{prefix}{}", path.join("."));
                out.push(format!("{p}[]"));
                collect_fields(body, &format!("{p}[]."), out);
            }
            Node::If { path, then, other, .. } => {
                // `@cuoi` is the loop's own state, not a field of the data.
                if path[0] != super::tags::LAST {
                    out.push(format!("{prefix}{}", path.join(".")));
                }
                collect_fields(then, prefix, out);
                collect_fields(other, prefix, out);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod limits {
    use super::*;
    fn doc(body: &str) -> String {
        format!("<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>{body}</w:t></w:r></w:p></w:body></w:document>")
    }
    #[test]
    fn deep_nesting_is_refused_with_a_clear_error() {
        // 100 000 nested blocks once took 22 GB; now refused at once.
        let n = 100_000;
        let body = format!("{}x{}", "{#if a}".repeat(n), "{/if}".repeat(n));
        let e = compile_part("bien-ban.docx", "word/document.xml", &doc(&body)).expect_err("refused");
        assert_eq!(e.len(), 1);
        assert!(e[0].message.contains("quá nhiều thẻ") && e[0].message.contains("đoạn 1"), "{}", e[0].message);
        // Fewer tags, nested too deep: the 33rd block is refused.
        let n = 1_000;
        let body = format!("{}x{}", "{#if a}".repeat(n), "{/if}".repeat(n));
        let e = compile_part("bien-ban.docx", "word/document.xml", &doc(&body)).expect_err("refused");
        assert!(e[0].message.contains("lồng nhau quá 32 tầng") && e[0].message.contains("đoạn 1"), "{}", e[0].message);
        let ok = format!("{}x{}", "{#if a}".repeat(MAX_DEPTH), "{/if}".repeat(MAX_DEPTH));
        assert!(compile_part("t", "word/document.xml", &doc(&ok)).is_ok());
    }
    #[test]
    fn too_many_tags_are_refused() {
        let body = "{a}".repeat(200_000);
        let e = compile_part("t.docx", "word/document.xml", &doc(&body)).expect_err("refused");
        assert!(e[0].message.contains("quá nhiều thẻ"), "{}", e[0].message);
        let e = compile_plain("t.docx", "docProps/core.xml", &format!("<a>{body}</a>")).expect_err("refused");
        assert!(e[0].message.contains("quá nhiều thẻ"), "{}", e[0].message);
        assert!(compile_part("t", "word/document.xml", &doc(&"{a}".repeat(MAX_TAGS - 1))).is_ok());
    }
}
