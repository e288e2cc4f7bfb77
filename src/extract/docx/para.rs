//! An open paragraph: the text Word shows, with italics marked for notes, and the links
//! behind its text.

use crate::extract::prose::{collapse_ws, sentence_at, sentence_context, sentence_starts, tail};
use crate::extract::urls::{find_urls, problem_in_prose};
use crate::model::{Pos, UrlRef};

/// An open paragraph.
pub(super) struct Para {
    pub(super) line: usize,
    /// The text shown, without marks: positions, URLs and contexts are read from it.
    pub(super) plain: String,
    pub(super) chars: usize,
    /// Notes only: the text with italics as `*…*`.
    pub(super) marked: String,
    pub(super) italic_open: bool,
    /// Links behind text: (byte offset in `plain`, the link).
    pub(super) links: Vec<(usize, UrlRef)>,
    /// Byte spans of `plain` shown as links: URLs written there are the links' own.
    pub(super) spans: Vec<(usize, usize)>,
    pub(super) span_open: Option<usize>,
}

impl Para {
    pub(super) fn new(line: usize, in_link: bool) -> Self {
        Para {
            line,
            plain: String::new(),
            chars: 0,
            marked: String::new(),
            italic_open: false,
            links: Vec::new(),
            spans: Vec::new(),
            span_open: in_link.then_some(0),
        }
    }

    pub(super) fn here(&self) -> Pos {
        Pos::new(self.line, self.chars + 1)
    }

    pub(super) fn push(&mut self, s: &str, italic: bool, marked: bool) {
        self.plain.push_str(s);
        self.chars += s.chars().count();
        if !marked {
            return;
        }
        if s.trim().is_empty() {
            self.marked.push_str(s);
            return;
        }
        if italic && !self.italic_open {
            let core = s.trim_start();
            self.marked
                .push_str(s.get(..s.len() - core.len()).unwrap_or(""));
            self.marked.push('*');
            self.marked.push_str(core);
            self.italic_open = true;
            return;
        }
        if !italic && self.italic_open {
            self.close_italic();
        }
        self.marked.push_str(s);
    }

    /// Closes an italic span, its trailing spaces moved after the `*`.
    pub(super) fn close_italic(&mut self) {
        let keep = self.marked.trim_end().len();
        let ws = self.marked.split_off(keep);
        self.marked.push('*');
        self.marked.push_str(&ws);
        self.italic_open = false;
    }
}

/// Digits as superscript digits (`12` → `¹²`), other characters kept.
pub(super) fn superscript(s: &str) -> String {
    s.chars()
        .map(|c| match c {
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
        })
        .collect()
}

impl Para {
    /// The URLs written in the text, where no link shows them: (byte offset, URL).
    pub(super) fn text_urls(&self) -> Vec<(usize, UrlRef)> {
        let mut found = Vec::new();
        let (mut at, mut chars) = (0, 0);
        for span in find_urls(&self.plain) {
            if self
                .spans
                .iter()
                .any(|&(a, b)| a <= span.start && span.start < b)
            {
                continue;
            }
            chars += self
                .plain
                .get(at..span.start)
                .map_or(0, |s| s.chars().count());
            at = span.start;
            let after = self.plain.get(span.end..).unwrap_or("");
            let problem = problem_in_prose(&span.url, after);
            let pos = Pos::new(self.line, chars + 1);
            found.push((
                span.start,
                UrlRef {
                    url: span.url,
                    pos,
                    problem,
                },
            ));
        }
        found
    }
}

impl Para {
    /// The sentence that ends here (a marker's context): [`sentence_context`] of the text so
    /// far, looked for in its last bytes first, where most sentences start, so that a long
    /// paragraph's many markers each cost a sentence rather than the paragraph.
    pub(super) fn context(&self) -> String {
        const NEAR: usize = 512;
        if self.plain.len() > NEAR {
            let near = collapse_ws(tail(&self.plain, NEAR));
            // a start well inside the window: the word before its stop is whole
            if let Some(&s) = sentence_starts(&near).last().filter(|&&s| s >= 64) {
                return sentence_at(&near, &[s], near.len()).0;
            }
        }
        sentence_context(&self.plain)
    }
}
