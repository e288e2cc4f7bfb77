//! A page's glyph runs laid out into lines of text that read like `pdftotext`'s: runs on one
//! baseline side by side, ordered by position, a space where a gap is as wide as a space;
//! lines in the order the page's content draws them (which follows the columns), a blank line
//! where the text jumps (a wider gap, a change of size, the next column).
//!
//! Two marks of typesetting are kept in a form the plain-text readers know:
//! - digits set smaller and raised above the line are superscript markers, written as
//!   Unicode superscripts (`¹²`); at the start of a line, before text, they are a note's
//!   label and written as plain digits and a space (`1 Text`), as a footnote starts;
//! - text in an italic font is written between asterisks (`*Outlet*`), the emphasis the
//!   citation reader looks for around a source's name.

use super::glyphs::Run;

/// A gap at least this wide (in ems of the line's text) between two runs is a space, as
/// `pdftotext` counts one; glyph runs are cut at narrower gaps ([`super::glyphs`]).
pub const SPACE: f32 = 0.1;

/// One line of a page's text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Line {
    pub text: String,
    /// The baseline, and the size of the line's main text.
    pub y: f32,
    pub size: f32,
    pub x0: f32,
    pub x1: f32,
    /// (x on the page, character column) where each run starts, to place a point of the page
    /// in the line.
    pub marks: Vec<(f32, usize)>,
    /// The line opens or closes with italic text (carried on from or to the next line).
    italic_start: bool,
    italic_end: bool,
}

impl Line {
    /// The 1-based column of the character at `x` on the page.
    pub fn column_at(&self, x: f32) -> usize {
        1 + self
            .marks
            .iter()
            .min_by(|a, b| (a.0 - x).abs().total_cmp(&(b.0 - x).abs()))
            .map_or(0, |(_, c)| *c)
    }
}

/// A line being gathered: its runs, and the run that sets its baseline.
struct Gather {
    runs: Vec<Run>,
    y: f32,
    size: f32,
    weight: usize,
    x0: f32,
    x1: f32,
}

impl Gather {
    fn new(run: Run) -> Gather {
        let weight = weight(&run);
        Gather {
            y: run.y,
            size: run.size,
            weight,
            x0: run.x,
            x1: run.end,
            runs: vec![run],
        }
    }

    /// Whether `r` belongs to this line: on its baseline and next to it, or a smaller run
    /// raised or lowered beside it, or the line so far is such a run and `r` its text.
    fn takes(&self, r: &Run) -> bool {
        let near = r.x >= self.x0 - 0.5 * self.size.max(r.size)
            && r.x <= self.x1 + 3.0 * self.size.max(r.size);
        if !near {
            return false;
        }
        let dy = r.y - self.y;
        if dy.abs() <= 0.2 * self.size.min(r.size) {
            return true;
        }
        let beside = r.x <= self.x1 + 1.0 * self.size.max(r.size);
        let touching = r.x <= self.x1 + 0.3 * self.size && r.end >= self.x0 - 0.3 * self.size;
        if (r.size - self.size).abs() <= 0.1 * self.size && dy.abs() <= 0.45 * self.size && touching
        {
            // a letter of a logo set lower or higher (TeX's E), a raised ordinal
            return true;
        }
        if r.size <= 0.9 * self.size {
            // a superscript or subscript of this line
            return beside && dy > 0.0 && dy <= 0.7 * self.size
                || beside && dy < 0.0 && -dy <= 0.4 * self.size;
        }
        // the line so far is a raised label (a footnote's number) and `r` its text
        self.size <= 0.9 * r.size && dy < 0.0 && -dy <= 0.7 * r.size && beside
    }

    fn add(&mut self, r: Run) {
        let w = weight(&r);
        if w > self.weight {
            self.weight = w;
            self.y = r.y;
            self.size = r.size;
        }
        self.x0 = self.x0.min(r.x);
        self.x1 = self.x1.max(r.end);
        self.runs.push(r);
    }
}

/// How much a run weighs in choosing a line's baseline: its visible characters.
fn weight(r: &Run) -> usize {
    r.text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The lines of a page, from its runs in the order the content shows them. Runs in another
/// direction than most of the page's text (a stamp up the margin) are left out.
pub fn lines(runs: Vec<Run>) -> (u8, Vec<Line>) {
    let mut per_dir = [0usize; 4];
    for r in &runs {
        if let Some(n) = per_dir.get_mut(usize::from(r.dir)) {
            *n += weight(r);
        }
    }
    let dir = (0u8..4)
        .max_by_key(|d| (per_dir.get(usize::from(*d)).copied(), std::cmp::Reverse(*d)))
        .unwrap_or(0);
    let mut gathered: Vec<Gather> = Vec::new();
    for r in runs {
        if r.dir != dir || r.text.trim().is_empty() {
            continue;
        }
        match gathered.last_mut() {
            Some(g) if g.takes(&r) => g.add(r),
            _ => gathered.push(Gather::new(r)),
        }
    }
    let mut out: Vec<Line> = gathered.into_iter().map(render).collect();
    for l in &mut out {
        let composed = compose_accents(&l.text);
        if composed.len() != l.text.len() {
            // columns shift by the accents absorbed: kept approximately, marks are a guide
            let lost = l.text.chars().count() - composed.chars().count();
            for m in &mut l.marks {
                m.1 = m.1.saturating_sub(lost.min(m.1));
            }
            l.text = composed;
        }
    }
    out.retain(|l| !l.text.trim().is_empty());
    // italics carried from one line to the next are one emphasis
    for i in 1..out.len() {
        let (head, tail) = out.split_at_mut(i);
        let (Some(a), Some(b)) = (head.last_mut(), tail.first_mut()) else {
            continue;
        };
        if a.italic_end && b.italic_start && a.text.ends_with('*') && b.text.starts_with('*') {
            a.text.pop();
            b.text.remove(0);
            for m in &mut b.marks {
                m.1 = m.1.saturating_sub(1);
            }
        }
    }
    (dir, out)
}

/// Whether a blank line belongs between two lines of a page: the text jumps up (the next
/// column), leaves a gap wider than its line spacing, or changes size (body to footnotes).
pub fn blank_between(a: &Line, b: &Line) -> bool {
    let size = a.size.max(b.size);
    b.y > a.y + 0.5 * size
        || a.y - b.y > 1.75 * size
        || (a.size - b.size).abs() > 0.12 * size
        || b.x1 < a.x0
        || b.x0 > a.x1
}

/// Superscript digits, for markers.
fn superscript(c: char) -> char {
    match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        c => c,
    }
}

/// A marker's text: digits, and the commas and dashes of a list (`1,3`, `4–6`).
fn is_marker_text(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars().count() <= 12
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | '–'))
}

/// One run's part of a line.
struct Piece {
    text: String,
    x: f32,
    italic: bool,
    /// A marker: no space before it, whatever the gap.
    glued: bool,
    space_before: bool,
}

fn render(g: Gather) -> Line {
    let Gather {
        mut runs, y, size, ..
    } = g;
    runs.sort_by(|a, b| a.x.total_cmp(&b.x));
    // the same text drawn twice at one place (a shadow, a poor man's bold) once
    runs.dedup_by(|b, a| a.text == b.text && (a.x - b.x).abs() < 0.5 && (a.y - b.y).abs() < 0.5);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut prev_end: Option<f32> = None;
    let count = runs.len();
    for (i, r) in runs.iter().enumerate() {
        let trimmed = r.text.trim();
        let raised = r.y - y > 0.15 * size && r.size <= 0.85 * size;
        let first = pieces.is_empty();
        let marker = raised && is_marker_text(trimmed);
        let gap = prev_end.map_or(0.0, |e| r.x - e);
        let (text, glued) = if marker && first && i + 1 < count {
            // a note's label before its text
            (format!("{trimmed} "), false)
        } else if marker {
            (trimmed.chars().map(superscript).collect(), true)
        } else {
            (r.text.clone(), raised && gap < 0.4 * size)
        };
        let space_before = !first
            && !glued
            && gap > SPACE * size.min(r.size.max(0.7 * size))
            && !text.starts_with(char::is_whitespace);
        pieces.push(Piece {
            text,
            x: r.x,
            italic: r.italic && !marker,
            glued,
            space_before,
        });
        prev_end = Some(prev_end.map_or(r.end, |e| e.max(r.end)));
    }
    // italic groups with a letter in them are emphasis; others are set as they are
    let n = pieces.len();
    let mut i = 0;
    while i < n {
        if pieces.get(i).is_some_and(|p| p.italic) {
            let mut j = i;
            while pieces.get(j + 1).is_some_and(|p| p.italic || p.glued) {
                j += 1;
            }
            let lettered = pieces
                .get(i..=j)
                .is_some_and(|g| g.iter().any(|p| p.text.chars().any(char::is_alphanumeric)));
            if !lettered {
                for p in pieces.get_mut(i..=j).into_iter().flatten() {
                    p.italic = false;
                }
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    let mut text = String::new();
    let mut marks = Vec::with_capacity(n);
    let mut open = false;
    let mut italic_start = false;
    for (k, p) in pieces.iter().enumerate() {
        if p.space_before && !text.ends_with(' ') {
            close_italic(&mut text, &mut open, p.italic);
            text.push(' ');
        }
        if p.italic && !open {
            if text.trim().is_empty() {
                italic_start = true;
            }
            let lead = p.text.len() - p.text.trim_start().len();
            text.push_str(p.text.get(..lead).unwrap_or(""));
            marks.push((p.x, text.chars().count()));
            text.push('*');
            text.push_str(p.text.get(lead..).unwrap_or(""));
            open = true;
        } else {
            if !p.italic && !p.glued {
                close_italic(&mut text, &mut open, false);
            }
            marks.push((p.x, text.chars().count()));
            text.push_str(&p.text);
        }
        if k + 1 == n {
            let end_italic = open;
            close_italic(&mut text, &mut open, false);
            let trimmed = text.trim_end().len();
            text.truncate(trimmed);
            return Line {
                text,
                y,
                size,
                x0: g_x0(&runs),
                x1: g_x1(&runs),
                marks,
                italic_start,
                italic_end: end_italic,
            };
        }
    }
    Line {
        text,
        y,
        size,
        x0: g_x0(&runs),
        x1: g_x1(&runs),
        marks,
        italic_start,
        italic_end: false,
    }
}

/// The combining mark of a spacing accent (`¨` → U+0308).
fn combining(c: char) -> Option<char> {
    Some(match c {
        '¨' => '\u{308}',
        '´' | 'ˊ' => '\u{301}',
        'ˋ' => '\u{300}',
        'ˆ' => '\u{302}',
        '˜' => '\u{303}',
        '¯' | 'ˉ' => '\u{304}',
        '˘' => '\u{306}',
        '˙' => '\u{307}',
        '˚' => '\u{30a}',
        '˝' => '\u{30b}',
        'ˇ' => '\u{30c}',
        '¸' => '\u{327}',
        '˛' => '\u{328}',
        _ => return None,
    })
}

/// Accents set as glyphs of their own beside a letter (`Hellstr¨om`, TeX's way) composed with
/// it (`Hellström`).
pub fn compose_accents(text: &str) -> String {
    if !text.chars().any(|c| combining(c).is_some()) {
        return text.to_string();
    }
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let Some(mark) = combining(c) else {
            out.push(c);
            continue;
        };
        // the accent before its letter, as TeX draws it, else after it (a cedilla)
        if let Some(&next) = chars.peek() {
            if let Some(composed) = unicode_normalization::char::compose(next, mark) {
                out.push(composed);
                chars.next();
                continue;
            }
        }
        if let Some(prev) = out.last_mut() {
            if let Some(composed) = unicode_normalization::char::compose(*prev, mark) {
                *prev = composed;
                continue;
            }
        }
        out.push(c);
    }
    out.into_iter().collect()
}

fn g_x0(runs: &[Run]) -> f32 {
    runs.iter().map(|r| r.x).fold(f32::INFINITY, f32::min)
}

fn g_x1(runs: &[Run]) -> f32 {
    runs.iter().map(|r| r.end).fold(f32::NEG_INFINITY, f32::max)
}

/// Closes an open italic group before the blanks that end the text so far.
fn close_italic(text: &mut String, open: &mut bool, still_italic: bool) {
    if !*open || still_italic {
        return;
    }
    let at = text.trim_end().len();
    text.insert(at, '*');
    *open = false;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, x: f32, y: f32, size: f32) -> Run {
        Run::test(
            text,
            x,
            y,
            x + 0.5 * size * text.chars().count() as f32,
            size,
        )
    }

    fn texts(runs: Vec<Run>) -> Vec<String> {
        lines(runs).1.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn words_and_lines() {
        let l = texts(vec![
            run("Hello", 10.0, 700.0, 10.0),
            run("world.", 38.0, 700.0, 10.0),
            run("Next", 10.0, 688.0, 10.0),
            run("line", 34.0, 688.0, 10.0),
        ]);
        assert_eq!(l, ["Hello world.", "Next line"]);
    }

    #[test]
    fn raised_small_digits_are_markers_and_labels() {
        let l = texts(vec![
            run("diplomatically.", 10.0, 700.0, 10.0),
            run("1", 85.0, 704.0, 6.0),
            run("Therefore", 91.0, 700.0, 10.0),
            // a footnote: its label raised before its smaller text
            run("1", 10.0, 102.0, 5.0),
            run("Xinhua, 2010.", 14.0, 100.0, 8.0),
        ]);
        assert_eq!(l, ["diplomatically.¹ Therefore", "1 Xinhua, 2010."]);
    }

    #[test]
    fn italics_are_emphasis_across_lines() {
        let mut a = run("Journal of", 40.0, 700.0, 10.0);
        a.italic = true;
        let mut b = run("Studies", 10.0, 688.0, 10.0);
        b.italic = true;
        let l = texts(vec![
            run("Chou,", 10.0, 700.0, 10.0),
            a,
            b,
            run(", 2010.", 45.0, 688.0, 10.0),
        ]);
        assert_eq!(l, ["Chou, *Journal of", "Studies*, 2010."]);
    }

    #[test]
    fn accents_set_apart_are_composed() {
        assert_eq!(compose_accents("Hellstr¨om"), "Hellström");
        assert_eq!(compose_accents("Fran¸cais"), "Français");
        assert_eq!(compose_accents("c¸a"), "ça");
        assert_eq!(compose_accents("a ¨ alone"), "a ¨ alone");
        assert_eq!(compose_accents("plain"), "plain");
    }

    #[test]
    fn blank_lines_where_the_text_jumps() {
        let (_, l) = lines(vec![
            run("Body", 10.0, 700.0, 10.0),
            run("more", 10.0, 688.0, 10.0),
            run("1 Note", 10.0, 100.0, 8.0),
        ]);
        assert!(!blank_between(&l[0], &l[1]));
        assert!(blank_between(&l[1], &l[2]));
    }
}
