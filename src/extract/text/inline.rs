//! A notes section flattened into one line of text (a whole article on one line, as some
//! PDF extractions give it): its definitions numbered 1, 2, 3, … one after the other.

use super::{DefCand, Style};
use crate::extract::urls::find_urls;
use crate::model::Pos;

/// A notes section found inside one (flattened) line.
pub(super) struct InlineSection {
    /// Byte offset of the heading in its line: the body is the line before it.
    pub(super) heading_start: usize,
    pub(super) bracket: bool,
    pub(super) defs: Vec<DefCand>,
}

/// Reads a flattened notes section starting at the label `1` at `first` in `line`:
/// definitions numbered 1, 2, 3, … one after the other.
pub(super) fn parse_inline_section(
    line: &str,
    line_no: usize,
    heading_start: usize,
    first: usize,
    bracket: bool,
) -> InlineSection {
    let mut starts: Vec<(u32, usize, usize)> = Vec::new(); // (n, label start, text start)
    let label_len = |n: u32| {
        if bracket {
            n.to_string().len() + 2
        } else {
            n.to_string().len()
        }
    };
    starts.push((1, first, first + label_len(1)));
    let mut n = 1u32;
    while let Some(&(_, _, from)) = starts.last() {
        let next = n + 1;
        let needle = if bracket {
            format!("[{next}]")
        } else {
            format!(" {next}")
        };
        let mut search = from;
        let mut found = None;
        while let Some(rel) = line.get(search..).and_then(|s| s.find(&needle)) {
            let at = search + rel;
            let label_at = if bracket { at } else { at + 1 };
            let after = line.get(label_at + label_len(next)..).unwrap_or("");
            // `12 Text` or `12. Text`, not `120` nor `12,`
            let separated = bracket || after.starts_with(' ') || after.starts_with(". ");
            let after = after.trim_start_matches([' ', '.', ':']);
            let ok = separated
                && (bracket
                    || after.chars().next().is_some_and(|c| {
                        c.is_uppercase() || matches!(c, '“' | '"' | '‘' | '*' | '(')
                    }));
            if ok {
                found = Some(label_at);
                break;
            }
            search = at + needle.len().max(1);
        }
        match found {
            Some(at) => {
                starts.push((next, at, at + label_len(next)));
                n = next;
            }
            None => break,
        }
    }
    let mut idx = crate::model::LineIndex::new(line);
    let mut defs = Vec::new();
    for (i, &(num, label_at, text_at)) in starts.iter().enumerate() {
        let end = match starts.get(i + 1) {
            Some(&(_, next_at, _)) => next_at,
            None => last_note_end(line, text_at),
        };
        let raw = line.get(text_at..end).unwrap_or("");
        let trimmed_start = raw.len() - raw.trim_start_matches([' ', '.', ':']).len();
        let pos = idx.pos(label_at);
        let mut def = DefCand::new(
            num.to_string(),
            Pos::new(line_no, pos.column),
            if bracket {
                Style::Bracket
            } else {
                Style::Plain
            },
        );
        let text_pos = idx.pos(text_at + trimmed_start);
        def.push(
            raw.get(trimmed_start..).unwrap_or(""),
            line_no,
            text_pos.column,
        );
        defs.push(def);
    }
    InlineSection {
        heading_start,
        bracket,
        defs,
    }
}

/// Where the last note of a flattened section ends: after its first URL (and the period that
/// follows), else at the first sentence end after 40 characters, else 600 characters on.
fn last_note_end(line: &str, from: usize) -> usize {
    let rest = line.get(from..).unwrap_or("");
    let mut limit = rest.len().min(1200);
    while limit > 0 && !rest.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = rest.get(..limit).unwrap_or("");
    if let Some(u) = find_urls(window).first() {
        let mut end = u.end;
        let tail = window.get(end..).unwrap_or("");
        let trimmed = tail.trim_start_matches([' ']);
        if trimmed.starts_with(['.', ',']) {
            end += tail.len() - trimmed.len() + 1;
        }
        return from + end;
    }
    let mut search = 40.min(window.len());
    while let Some(rel) = window.get(search..).and_then(|s| s.find(". ")) {
        let at = search + rel;
        let next = window.get(at + 2..).and_then(|s| s.chars().next());
        if next.is_some_and(char::is_uppercase) {
            return from + at + 1;
        }
        search = at + 2;
    }
    from + window.len().min(600)
}
