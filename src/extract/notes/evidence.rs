//! The evidence that a stretch of text is a note: what a citation carries (a link, a year,
//! quotes or italics around a title, `Ibid.`), how long it runs, and whether a notes heading
//! stands before it. Every reading of [`super`] is scored with these same measures, so that
//! readings of different shapes can be compared. The weights and why each is there are in
//! ARCHITECTURE.md ("Reading notes by evidence").

/// The most bytes of a note looked at for evidence (a note's citation is at its start).
pub const LOOK: usize = 1500;

/// What one stretch of text shows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Signals {
    pub len: usize,
    pub url: bool,
    pub year: bool,
    pub quoted: bool,
    pub short_form: bool,
}

fn bounded(s: &str, n: usize) -> &str {
    let mut end = s.len().min(n);
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

/// Reads the signals of `s` (its first [`LOOK`] bytes).
pub fn signals(s: &str) -> Signals {
    Prefix::scan(s).signals(s.trim().len())
}

/// Where the first piece of each kind of evidence stands after a candidate note start, so
/// that the signals of any stretch starting there are known without reading it again (the
/// chains weigh many stretches from the same start).
#[derive(Clone, Copy, Debug)]
pub struct Prefix {
    url: usize,
    year: usize,
    quote: usize,
    short_form: bool,
    /// [`note_end`] of the text from this start, when other text follows the note.
    pub long_end: usize,
    /// [`body_resumes`] of the text from this start (`usize::MAX`: never).
    pub resume: usize,
}

impl Prefix {
    pub fn of(s: &str, max_note: usize) -> Prefix {
        Prefix {
            long_end: note_end(s, max_note),
            resume: body_resumes(s).unwrap_or(usize::MAX),
            ..Prefix::scan(s)
        }
    }

    fn scan(s: &str) -> Prefix {
        let t = bounded(s, LOOK);
        let b = t.as_bytes();
        let url = memchr::memmem::find_iter(b, b"://")
            .find(|&i| {
                b.get(..i)
                    .is_some_and(|p| p.ends_with(b"http") || p.ends_with(b"https"))
            })
            .map_or(usize::MAX, |i| i.saturating_sub(5));
        let year = first_year(b).unwrap_or(usize::MAX);
        let quote = t
            .find(['“', '"', '‘', '«', '*', '『', '《'])
            .unwrap_or(usize::MAX);
        let head = t.trim_start().to_ascii_lowercase();
        let short_form = head.starts_with("ibid")
            || head.starts_with("id.")
            || head.starts_with("see ")
            || head.contains("op. cit")
            || head.starts_with("cf.");
        Prefix {
            url,
            year,
            quote,
            short_form,
            long_end: 0,
            resume: usize::MAX,
        }
    }

    /// The signals of the stretch of `len` bytes from this start.
    pub fn signals(&self, len: usize) -> Signals {
        Signals {
            len,
            url: self.url < len,
            year: self.year < len,
            quoted: self.quote < len,
            short_form: self.short_form,
        }
    }
}

/// The offset of the first year 1800–2099 standing alone in `b`.
fn first_year(b: &[u8]) -> Option<usize> {
    memchr::memchr2_iter(b'1', b'2', b).find(|&k| {
        let w = b.get(k..k + 4).unwrap_or(&[]);
        let year = matches!(w, [b'1', b'8' | b'9', c, d] | [b'2', b'0', c, d] if c.is_ascii_digit() && d.is_ascii_digit());
        year && (k == 0 || !b.get(k - 1).is_some_and(u8::is_ascii_alphanumeric))
            && !b.get(k + 4).is_some_and(u8::is_ascii_alphanumeric)
    })
}

/// How much `s`, taken whole as one note's text, looks like a note. Positive for a citation
/// of ordinary length, near zero for a short remark, negative for long prose.
pub fn note_value(s: &str) -> f64 {
    value_of(&signals(s))
}

pub fn value_of(sig: &Signals) -> f64 {
    if sig.len < 2 {
        return -3.0;
    }
    let mut v = 0.5;
    if sig.url {
        v += 2.0;
    }
    if sig.year {
        v += 1.0;
    }
    if sig.quoted {
        v += 0.5;
    }
    if sig.short_form {
        v += 1.0;
    }
    if sig.len > 600 {
        // explanatory notes run long; body paragraphs between markers run longer, and cite less
        let per = if sig.url || sig.year { 900.0 } else { 400.0 };
        v -= (sig.len - 600) as f64 / per;
    }
    v
}

/// Where a note that starts at `s` and is followed by other text (a page's body between
/// page-bottom footnotes, the page's footer after the last note, the next list's heading)
/// most likely ends: at the first sentence end after its first link (else its first year,
/// else its first 20 bytes), carried on over each next sentence that holds another link (a
/// note citing several works). Returns a byte length of `s`, at most `max`.
pub fn note_end(s: &str, max: usize) -> usize {
    let t = bounded(s, max);
    let b = t.as_bytes();
    let first_url = memchr::memmem::find_iter(b, b"://").find(|&i| {
        b.get(..i)
            .is_some_and(|p| p.ends_with(b"http") || p.ends_with(b"https"))
    });
    let from = evidence_from(t);
    let mut end = sentence_stop(b, from);
    while first_url.is_some() && end < b.len() {
        let next = sentence_stop(b, end + 1);
        let piece = b.get(end..next).unwrap_or(&[]);
        if next - end > 600 || memchr::memmem::find(piece, b"://").is_none() {
            break;
        }
        end = next;
    }
    end
}

/// Where a note's citation evidence ends: after its first link, else its first year; a short
/// form (`Ibid.`, `Id.`) ends with itself; else 20 bytes in.
fn evidence_from(t: &str) -> usize {
    let b = t.as_bytes();
    let head = t.trim_start().get(..4).unwrap_or("").to_ascii_lowercase();
    if head.starts_with("ibid") || head.starts_with("id.") {
        return t.len() - t.trim_start().len() + 3;
    }
    let first_url = memchr::memmem::find_iter(b, b"://").find(|&i| {
        b.get(..i)
            .is_some_and(|p| p.ends_with(b"http") || p.ends_with(b"https"))
    });
    match first_url {
        Some(i) => url_end(t, i),
        None => first_year(b).map_or(20.min(t.len()), |k| k + 4),
    }
}

/// Words that may follow a citation's stop in lowercase within the same note.
const CITATION_WORDS: &[&str] = &[
    "accessed",
    "retrieved",
    "viewed",
    "last",
    "archived",
    "available",
    "cited",
    "doi",
    "http",
    "https",
    "www",
    "pp",
    "p",
    "vol",
    "no",
    "see",
    "cf",
    "ibid",
    "trans",
    "ed",
    "eds",
    "in",
];

/// Where the body resumes inside `s`, a note's text running on without a label after it (notes
/// written inline in the body, `…https://x.org/a . and comes before the next`): the first
/// sentence stop after the citation's evidence that a lowercase word follows, not a word of
/// citations (`accessed`, `see`). `None` when the note never gives way to the body.
pub fn body_resumes(s: &str) -> Option<usize> {
    let t = bounded(s, LOOK);
    let b = t.as_bytes();
    let from = evidence_from(t);
    let mut k = from;
    while k < b.len() {
        let stop = sentence_stop(b, k);
        if stop >= b.len() {
            return None;
        }
        let rest = t.get(stop..).unwrap_or("").trim_start();
        let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
        // a word of prose ends at a blank or a stop, not at a URL's `/` or `.` (`techcrunch.
        // com/2026/…` is a URL broken by a blank)
        let after = rest.get(word.len()..).and_then(|r| r.chars().next());
        let prose = after
            .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '!' | '?' | ')'));
        // the stop ends a sentence, not an abbreviation or initials (`A.F. v`, `et al. in`)
        let before = t.get(..stop.saturating_sub(1)).unwrap_or("");
        let last = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let last_word = last
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let abbreviation = last_word.contains('.')
            || (last_word.chars().count() <= 2 && last_word.chars().all(char::is_alphabetic))
            || [
                "etc", "vs", "eds", "vol", "inc", "ltd", "corp", "jr", "dept", "univ",
            ]
            .contains(&last_word.as_str());
        if prose
            && !abbreviation
            && word.starts_with(|c: char| c.is_lowercase())
            && !CITATION_WORDS.contains(&word.as_str())
        {
            return Some(stop);
        }
        k = stop + 1;
    }
    None
}

/// The end of the URL whose `://` is at `i` (whitespace ends it; a sentence's stop is not
/// its own).
fn url_end(t: &str, i: usize) -> usize {
    let b = t.as_bytes();
    let mut end = t
        .get(i..)
        .and_then(|r| r.find(char::is_whitespace))
        .map_or(t.len(), |e| i + e);
    while end > i && matches!(b.get(end - 1), Some(b'.' | b',' | b';' | b')' | b'>')) {
        end -= 1;
    }
    end
}

/// The byte after the first sentence stop (`.` `!` `?` then a blank or the end) at or after
/// `from`; the text's length when there is none.
fn sentence_stop(b: &[u8], from: usize) -> usize {
    let mut k = from;
    while k < b.len() {
        if matches!(b.get(k), Some(b'.' | b'!' | b'?')) {
            let next = b.get(k + 1).copied();
            if next.is_none() || matches!(next, Some(b' ' | b'\n' | b'\t' | b'\r')) {
                return k + 1;
            }
        }
        k += 1;
    }
    b.len()
}

/// Notes headings: a word that, standing before a list of notes, announces them.
pub const HEADINGS: &[&str] = &[
    "endnotes",
    "end notes",
    "footnotes",
    "notes",
    "references",
    "sources",
    "works cited",
    "bibliography",
    "citations",
    "注释",
    "注釋",
    "参考文献",
    "脚注",
    "각주",
    "주석",
    "미주",
];

/// Does a notes heading end right before byte `at` of `text` (`Endnotes 1 …`, `Notes:`,
/// `## References`)? Returns the heading's start.
pub fn heading_before(text: &str, at: usize) -> Option<usize> {
    let mut end = at;
    let b = text.as_bytes();
    while end > 0
        && b.get(end - 1)
            .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b':' | b'#' | b'*' | b'_'))
    {
        end -= 1;
    }
    let before = text.get(..end)?;
    let tail = bounded_tail(before, 24).to_lowercase();
    for h in HEADINGS {
        if tail.ends_with(h) {
            let start = end.checked_sub(h.len())?;
            // the heading is a word of its own
            let prev = text.get(..start).and_then(|p| p.chars().next_back());
            if prev.is_none_or(|c| !c.is_alphanumeric()) {
                return Some(start);
            }
        }
    }
    None
}

fn bounded_tail(s: &str, n: usize) -> &str {
    let mut from = s.len().saturating_sub(n);
    while from < s.len() && !s.is_char_boundary(from) {
        from += 1;
    }
    s.get(from..).unwrap_or("")
}

/// The last notes heading written as a heading (`Endnotes`, `NOTES`, `注释`, not "the notes
/// of") in `text[from..to]`: its start and end.
pub fn heading_before_word(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let window = text.get(from..to)?;
    let mut best: Option<(usize, usize)> = None;
    for h in HEADINGS {
        let cap: String = {
            let mut c = h.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        };
        for form in [cap, h.to_uppercase()] {
            for (i, _) in window.match_indices(form.as_str()) {
                let s = from + i;
                let e = s + form.len();
                let prev = text.get(..s).and_then(|p| p.chars().next_back());
                let next = text.get(e..).and_then(|p| p.chars().next());
                let word = prev.is_none_or(|c| !c.is_alphanumeric())
                    && next.is_none_or(|c| !c.is_alphanumeric());
                if word && best.is_none_or(|(bs, _)| s > bs) {
                    best = Some((s, e));
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_score_above_prose() {
        let cite = "Gregory C. Allen, “Understanding China’s AI Strategy” (CNAS, February 6, 2019), https://www.cnas.org/x .";
        let prose = "Some of these risks are inherent to any sufficiently capable AI system that lacks adequate safeguards. ".repeat(9);
        assert!(note_value(cite) > 3.0);
        assert!(note_value(&prose) < 0.0);
        assert!(note_value("Ibid., 12.") > note_value("It was."));
    }

    #[test]
    fn a_note_ends_after_its_evidence() {
        let s = "See EC, ‘Consultation’, 27 April 2026, https://x.eu/a_en. AI-powered assistants are becoming central. More body text follows here.";
        let end = note_end(s, 2000);
        assert_eq!(
            s.get(..end),
            Some("See EC, ‘Consultation’, 27 April 2026, https://x.eu/a_en.")
        );
    }

    #[test]
    fn headings_before_a_label() {
        let s = "Download PDF Endnotes 1 See";
        let at = s.find("1 See").unwrap_or(0);
        assert_eq!(heading_before(s, at), s.find("Endnotes"));
        assert_eq!(heading_before("Keynotes 1", 9), None);
    }
}
