//! A page's content streams run for their text: every glyph shown, placed on the page, gathered
//! into runs (glyphs of one font and size set side by side on one baseline).
//!
//! Only what places text is interpreted: the graphics state's matrix (`q` `Q` `cm`), the text
//! state (`Tc` `Tw` `Tz` `TL` `Tf` `Ts`), text positioning and showing (`Td` `TD` `Tm` `T*`
//! `Tj` `TJ` `'` `"`) and form XObjects (`Do`). Work is bounded: operations and glyphs per
//! page, decompressed content per page, and the nesting of forms.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::fonts::Font;

/// Forms drawn inside forms deeper than this are skipped.
const MAX_FORM_DEPTH: usize = 8;
/// The most content a page's streams (its forms included) may decompress to.
pub const MAX_PAGE_CONTENT: usize = 32 << 20;

/// Glyphs of one font and size set side by side on one baseline, in the page's orientation
/// for their direction: `x` grows along the text, `y` upwards.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub text: String,
    pub x: f32,
    pub y: f32,
    /// Where the last glyph's advance ends.
    pub end: f32,
    /// The font size on the page (the text matrix and the page's scaling applied).
    pub size: f32,
    pub italic: bool,
    /// The text's direction, in quarter turns counterclockwise (0: left to right).
    pub dir: u8,
    /// Which font set it (runs of different fonts are never merged).
    font: usize,
}

#[cfg(test)]
impl Run {
    /// A run of the default font, left to right, for tests of the layout.
    pub fn test(text: &str, x: f32, y: f32, end: f32, size: f32) -> Run {
        Run {
            text: text.to_string(),
            x,
            y,
            end,
            size,
            italic: false,
            dir: 0,
            font: 0,
        }
    }
}

/// What may still be spent on a page.
pub struct Budget {
    pub ops: usize,
    pub glyphs: usize,
    pub bytes: usize,
    /// Set when a bound stopped the reading of the page.
    pub exhausted: bool,
    /// Set when content the page names is missing or cannot be decoded.
    pub damaged: bool,
}

impl Budget {
    pub fn page() -> Budget {
        Budget {
            ops: 2_000_000,
            glyphs: 1_000_000,
            bytes: MAX_PAGE_CONTENT,
            exhausted: false,
            damaged: false,
        }
    }
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b`: the product a × b of PDF matrices (row vectors).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    let [a0, a1, a2, a3, a4, a5] = *a;
    let [b0, b1, b2, b3, b4, b5] = *b;
    [
        a0 * b0 + a1 * b2,
        a0 * b1 + a1 * b3,
        a2 * b0 + a3 * b2,
        a2 * b1 + a3 * b3,
        a4 * b0 + a5 * b2 + b4,
        a4 * b1 + a5 * b3 + b5,
    ]
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    font: Option<usize>,
    size: f32,
    rise: f32,
}

/// Where a font comes from, to load each once.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Object(ObjectId),
    Inline(usize),
}

/// Runs a document's pages for their glyphs, keeping its fonts between pages.
pub struct Interpreter<'d> {
    doc: &'d Document,
    fonts: Vec<Font>,
    by_key: HashMap<FontKey, usize>,
}

/// The state of one page's run.
struct Page<'b> {
    runs: Vec<Run>,
    budget: &'b mut Budget,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
}

impl<'d> Interpreter<'d> {
    pub fn new(doc: &'d Document) -> Self {
        Interpreter {
            doc,
            fonts: Vec::new(),
            by_key: HashMap::new(),
        }
    }

    /// The glyph runs of a page, in the order its content shows them.
    pub fn page(&mut self, page_id: ObjectId, budget: &mut Budget) -> Vec<Run> {
        let doc = self.doc;
        let mut resources: Vec<&'d Dictionary> = Vec::new();
        if let Ok((own, inherited)) = doc.get_page_resources(page_id) {
            resources.extend(own);
            resources.extend(
                inherited
                    .iter()
                    .filter_map(|id| doc.get_dictionary(*id).ok()),
            );
        }
        let mut content = Vec::new();
        for id in doc.get_page_contents(page_id) {
            let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
                budget.damaged = true;
                continue;
            };
            match stream.decompressed_content_with_limit(budget.bytes) {
                Ok(data) => {
                    budget.bytes = budget.bytes.saturating_sub(data.len());
                    content.extend_from_slice(&data);
                    // operators may be split between streams, never tokens: a blank between
                    content.push(b'\n');
                }
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => budget.exhausted = true,
                Err(_) => budget.damaged = true,
            }
        }
        let mut page = Page {
            runs: Vec::new(),
            budget,
            gs: GState {
                ctm: IDENTITY,
                char_space: 0.0,
                word_space: 0.0,
                scale: 1.0,
                leading: 0.0,
                font: None,
                size: 0.0,
                rise: 0.0,
            },
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
        };
        let mut forms = Vec::new();
        self.run(&content, &resources, &mut page, &mut forms);
        page.runs
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: &[&'d Dictionary],
        page: &mut Page,
        forms: &mut Vec<ObjectId>,
    ) {
        for op in Content::decode_iter(content) {
            let Ok(op) = op else { break };
            if page.budget.ops == 0 || page.budget.glyphs == 0 {
                page.budget.exhausted = true;
                return;
            }
            page.budget.ops -= 1;
            let args = &op.operands;
            let n = |i: usize| {
                args.get(i)
                    .and_then(|o| o.as_float().ok())
                    .filter(|v| v.is_finite())
            };
            match op.operator.as_str() {
                "q" if page.stack.len() < 256 => page.stack.push(page.gs.clone()),
                "Q" => {
                    if let Some(g) = page.stack.pop() {
                        page.gs = g;
                    }
                }
                "cm" => {
                    if let Some(m) = matrix(args) {
                        page.gs.ctm = mul(&m, &page.gs.ctm);
                    }
                }
                "BT" => {
                    page.tm = IDENTITY;
                    page.tlm = IDENTITY;
                }
                "Tc" => page.gs.char_space = n(0).unwrap_or(0.0),
                "Tw" => page.gs.word_space = n(0).unwrap_or(0.0),
                "Tz" => page.gs.scale = n(0).unwrap_or(100.0) / 100.0,
                "TL" => page.gs.leading = n(0).unwrap_or(0.0),
                "Ts" => page.gs.rise = n(0).unwrap_or(0.0),
                "Tf" => {
                    let name = args.first().and_then(|o| o.as_name().ok());
                    page.gs.font = name.and_then(|nm| self.font(resources, nm));
                    page.gs.size = n(1).unwrap_or(0.0);
                }
                "Td" => page.next_line(n(0).unwrap_or(0.0), n(1).unwrap_or(0.0)),
                "TD" => {
                    let ty = n(1).unwrap_or(0.0);
                    page.gs.leading = -ty;
                    page.next_line(n(0).unwrap_or(0.0), ty);
                }
                "Tm" => {
                    if let Some(m) = matrix(args) {
                        page.tm = m;
                        page.tlm = m;
                    }
                }
                "T*" => page.next_line(0.0, -page.gs.leading),
                "Tj" => {
                    if let Some(s) = args.first().and_then(|o| o.as_str().ok()) {
                        self.show(page, s);
                    }
                }
                "'" => {
                    page.next_line(0.0, -page.gs.leading);
                    if let Some(s) = args.first().and_then(|o| o.as_str().ok()) {
                        self.show(page, s);
                    }
                }
                "\"" => {
                    page.gs.word_space = n(0).unwrap_or(page.gs.word_space);
                    page.gs.char_space = n(1).unwrap_or(page.gs.char_space);
                    page.next_line(0.0, -page.gs.leading);
                    if let Some(s) = args.get(2).and_then(|o| o.as_str().ok()) {
                        self.show(page, s);
                    }
                }
                "TJ" => {
                    let Some(items) = args.first().and_then(|o| o.as_array().ok()) else {
                        continue;
                    };
                    for item in items {
                        match item {
                            Object::String(s, _) => self.show(page, s),
                            other => {
                                if let Ok(adj) = other.as_float() {
                                    let tx = -adj / 1000.0 * page.gs.size * page.gs.scale;
                                    if tx.is_finite() {
                                        page.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &page.tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" => {
                    if let Some(name) = args.first().and_then(|o| o.as_name().ok()) {
                        self.form(name, resources, page, forms);
                    }
                }
                _ => {}
            }
        }
    }

    /// Draws the form XObject `name`: its content with its own resources and matrix.
    fn form(
        &mut self,
        name: &[u8],
        resources: &[&'d Dictionary],
        page: &mut Page,
        forms: &mut Vec<ObjectId>,
    ) {
        let doc = self.doc;
        if forms.len() >= MAX_FORM_DEPTH {
            page.budget.exhausted = true;
            return;
        }
        let Some(entry) = lookup(doc, resources, b"XObject", name) else {
            return;
        };
        let (id, object) = match entry {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(o) => (Some(*id), o),
                Err(_) => return,
            },
            o => (None, o),
        };
        let Ok(stream) = object.as_stream() else {
            return;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return;
        }
        // a form that draws itself, directly or not, is drawn once
        let Some(id) = id else { return };
        if forms.contains(&id) {
            return;
        }
        let Ok(data) = stream.decompressed_content_with_limit(page.budget.bytes) else {
            page.budget.exhausted = true;
            return;
        };
        page.budget.bytes = page.budget.bytes.saturating_sub(data.len());
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok());
        let inner: Vec<&'d Dictionary> = match own {
            Some(d) => vec![d],
            None => resources.to_vec(),
        };
        let saved = (page.gs.clone(), page.tm, page.tlm, page.stack.len());
        if let Some(m) = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| o.as_array().ok())
            .and_then(|a| matrix(a))
        {
            page.gs.ctm = mul(&m, &page.gs.ctm);
        }
        forms.push(id);
        self.run(&data, &inner, page, forms);
        forms.pop();
        page.gs = saved.0;
        page.tm = saved.1;
        page.tlm = saved.2;
        page.stack.truncate(saved.3);
    }

    /// The font named `name` in the resources, loaded once per document.
    fn font(&mut self, resources: &[&'d Dictionary], name: &[u8]) -> Option<usize> {
        let doc = self.doc;
        let entry = lookup(doc, resources, b"Font", name)?;
        let (key, dict) = match entry {
            Object::Reference(id) => (
                FontKey::Object(*id),
                doc.get_object(*id).ok()?.as_dict().ok()?,
            ),
            Object::Dictionary(d) => (FontKey::Inline(std::ptr::from_ref(d) as usize), d),
            _ => return None,
        };
        if let Some(&i) = self.by_key.get(&key) {
            return Some(i);
        }
        self.fonts.push(Font::load(doc, dict));
        let i = self.fonts.len() - 1;
        self.by_key.insert(key, i);
        Some(i)
    }

    /// Shows a string: each glyph placed, its advance applied to the text matrix.
    fn show(&mut self, page: &mut Page, bytes: &[u8]) {
        let Some(font_index) = page.gs.font else {
            return;
        };
        let Some(font) = self.fonts.get_mut(font_index) else {
            return;
        };
        let gs = page.gs.clone();
        let italic = font.italic;
        let runs = &mut page.runs;
        let tm = &mut page.tm;
        let budget = &mut *page.budget;
        font.glyphs(bytes, |g| {
            if budget.glyphs == 0 {
                return;
            }
            budget.glyphs -= 1;
            let trm = mul(
                &[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise],
                &mul(tm, &gs.ctm),
            );
            let advance = (g.width * gs.size
                + gs.char_space
                + if g.word_space { gs.word_space } else { 0.0 })
                * gs.scale;
            let next = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
            let end = mul(
                &[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise],
                &mul(&next, &gs.ctm),
            );
            if next.iter().all(|v| v.is_finite()) {
                *tm = next;
            }
            let (a, b, c, d) = (trm[0], trm[1], trm[2], trm[3]);
            let size = (c * c + d * d).sqrt();
            if !(size.is_finite() && size > 0.01 && trm[4].is_finite() && trm[5].is_finite()) {
                return;
            }
            // the direction of the baseline, in quarter turns
            let dir: u8 = if a.abs() >= b.abs() {
                if a >= 0.0 {
                    0
                } else {
                    2
                }
            } else if b > 0.0 {
                1
            } else {
                3
            };
            let (x, y) = turn(dir, trm[4], trm[5]);
            let (end_x, _) = turn(dir, end[4], end[5]);
            place(
                runs,
                g.text,
                x,
                y,
                end_x.max(x),
                size,
                italic,
                dir,
                font_index,
            );
        });
    }
}

impl Page<'_> {
    fn next_line(&mut self, tx: f32, ty: f32) {
        let m = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        if m.iter().all(|v| v.is_finite()) {
            self.tlm = m;
            self.tm = m;
        }
    }
}

/// A point seen in the frame where text of direction `dir` runs left to right.
fn turn(dir: u8, x: f32, y: f32) -> (f32, f32) {
    match dir {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    }
}

/// Adds a glyph to the last run when it carries it on (same font, size and baseline, next to
/// it), else starts a run.
#[allow(clippy::too_many_arguments)]
fn place(
    runs: &mut Vec<Run>,
    text: &str,
    x: f32,
    y: f32,
    end: f32,
    size: f32,
    italic: bool,
    dir: u8,
    font: usize,
) {
    if let Some(last) = runs.last_mut() {
        let gap = x - last.end;
        if last.font == font
            && last.dir == dir
            && (last.size - size).abs() <= 0.01 * size
            && (last.y - y).abs() <= 0.05 * size
            && gap > -0.15 * size
            && gap < 0.8 * super::layout::SPACE * size
        {
            last.text.push_str(text);
            last.end = end.max(last.end);
            return;
        }
    }
    runs.push(Run {
        text: text.to_string(),
        x,
        y,
        end,
        size,
        italic,
        dir,
        font,
    });
}

/// The six numbers of a matrix operand list.
fn matrix(args: &[Object]) -> Option<Matrix> {
    let mut m = [0.0f32; 6];
    for (slot, o) in m.iter_mut().zip(args.iter()) {
        *slot = o.as_float().ok().filter(|v| v.is_finite())?;
    }
    (args.len() >= 6).then_some(m)
}

/// The entry `name` of the resource category `kind` (`/Font`, `/XObject`), in the first
/// resources that have it.
fn lookup<'d>(
    doc: &'d Document,
    resources: &[&'d Dictionary],
    kind: &[u8],
    name: &[u8],
) -> Option<&'d Object> {
    resources.iter().find_map(|r| {
        let category = r.get(kind).ok()?;
        let category = doc.dereference(category).ok()?.1.as_dict().ok()?;
        category.get(name).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_as_pdf_does() {
        let scale = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        let shift = [1.0, 0.0, 0.0, 1.0, 10.0, 5.0];
        // scale first, then shift
        assert_eq!(mul(&scale, &shift), [2.0, 0.0, 0.0, 2.0, 10.0, 5.0]);
        assert_eq!(mul(&shift, &scale), [2.0, 0.0, 0.0, 2.0, 20.0, 10.0]);
        assert_eq!(turn(1, 3.0, 4.0), (4.0, -3.0));
    }

    #[test]
    fn glyphs_side_by_side_make_one_run() {
        let mut runs = Vec::new();
        place(&mut runs, "a", 0.0, 0.0, 5.0, 10.0, false, 0, 0);
        place(&mut runs, "b", 5.0, 0.0, 10.0, 10.0, false, 0, 0);
        // a word space later: a run of its own
        place(&mut runs, "c", 13.0, 0.0, 18.0, 10.0, false, 0, 0);
        // raised and smaller: a run of its own
        place(&mut runs, "1", 18.0, 4.0, 21.0, 6.0, false, 0, 1);
        let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["ab", "c", "1"]);
    }
}
