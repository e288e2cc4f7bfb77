//! Prose helpers shared by every reader: whitespace, bounded tails, and the sentence that
//! carries a marker. Written by hand: the sentence rules must skip note markers and the
//! abbreviations of citations, which general sentence splitters do not know.

/// The most characters of a sentence kept as a marker's context.
pub(crate) const CONTEXT_CHARS: usize = 1000;

/// Is `c` a character that may sit between a sentence's final stop and the next sentence
/// (closing quotes and brackets, note markers)?
fn is_trailer(c: char) -> bool {
    sup_digit(c).is_some() || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

/// Common abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "No", "Vol", "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc", "Co", "Corp", "Jr", "etc", "al", "pp", "Gen",
    "Prof", "Rep", "Sen", "Gov",
];

/// The sentence that ends at the end of `before` (plain text), at most `CONTEXT_CHARS`.
pub fn sentence_before(before: &str) -> String {
    let starts = sentence_starts(before);
    let (s, _) = sentence_at(before, &starts, before.len());
    s
}

/// The byte offsets where sentences start in `text`: after a stop, optional closing quotes or
/// markers, a space, and before an uppercase letter or an opening quote; not after a
/// one-letter or common abbreviation. One pass, so that many markers on one line stay cheap.
pub(crate) fn sentence_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    // ASCII stops by memchr; the CJK ones only when the text has any
    let mut stops: Vec<(usize, &str)> = memchr::memchr3_iter(b'.', b'?', b'!', text.as_bytes())
        .map(|i| (i, text.get(i..i + 1).unwrap_or(".")))
        .collect();
    if text.contains(['。', '？', '！']) {
        stops.extend(text.match_indices(['。', '？', '！']));
        stops.sort_unstable_by_key(|&(i, _)| i);
    }
    for (i, stop) in stops {
        let after = text.get(i + stop.len()..).unwrap_or("");
        let after = after.trim_start_matches(is_trailer);
        let Some(after) = after.strip_prefix(' ') else {
            continue;
        };
        // a marker (`day.” 11 Baltimore`, `papers. [67] This`) may stand between two sentences
        let after = skip_marker(after).unwrap_or(after);
        let Some(next) = after.chars().next() else {
            continue;
        };
        if !(next.is_uppercase() || matches!(next, '“' | '"' | '‘')) {
            continue;
        }
        if stop == "." {
            let prev_word = text
                .get(..i)
                .and_then(|s| s.rsplit(|c: char| !c.is_alphanumeric()).next())
                .unwrap_or("");
            if prev_word.chars().count() <= 1 || ABBREVIATIONS.contains(&prev_word) {
                continue;
            }
        }
        out.push(text.len() - after.len());
    }
    out
}

/// The sentence of `text` that ends at byte `at`, given the sentence starts of `text`, and
/// whether its start was found (else it may have begun on an earlier line).
pub(crate) fn sentence_at(text: &str, starts: &[usize], at: usize) -> (String, bool) {
    let k = starts.partition_point(|&s| s <= at);
    let found = k > 0;
    let mut start = if found {
        starts.get(k - 1).copied().unwrap_or(0)
    } else {
        0
    };
    // never more than CONTEXT_CHARS characters (4 bytes each at most)
    let min_start = at.saturating_sub(CONTEXT_CHARS * 4);
    let clamped = start < min_start;
    if clamped {
        start = min_start;
        while start < at && !text.is_char_boundary(start) {
            start += 1;
        }
    }
    let sentence = text.get(start..at).unwrap_or("").trim();
    let n = sentence.chars().count();
    let s = if n > CONTEXT_CHARS {
        sentence.chars().skip(n - CONTEXT_CHARS).collect()
    } else {
        sentence.to_string()
    };
    (s, found || clamped)
}

/// `12 rest` or `[12] rest` → `rest`.
pub(crate) fn skip_marker(s: &str) -> Option<&str> {
    let (inner, bracket) = match s.strip_prefix('[') {
        Some(r) => (r, true),
        None => (s, false),
    };
    let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let rest = inner.get(digits..)?;
    let rest = if bracket {
        rest.strip_prefix(']')?
    } else {
        rest
    };
    rest.strip_prefix(' ')
}

/// Collapses every run of whitespace into one space and trims the ends.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The last `n` bytes of `s` (moved forward to a char boundary).
pub(crate) fn tail(s: &str, n: usize) -> &str {
    let mut from = s.len().saturating_sub(n);
    while from < s.len() && !s.is_char_boundary(from) {
        from += 1;
    }
    s.get(from..).unwrap_or("")
}

/// The sentence that ends `before` (plain text up to a marker), whitespace collapsed, at most
/// [`CONTEXT_CHARS`] characters: the same sentence rules as plain text
/// ([`sentence_before`]), on a bounded tail so that many markers in one
/// block stay linear.
pub(crate) fn sentence_context(before: &str) -> String {
    sentence_before(&collapse_ws(tail(before, CONTEXT_CHARS * 4)))
}

/// The value of a superscript digit (`¹` → 1).
pub(crate) fn sup_digit(c: char) -> Option<u32> {
    Some(match c {
        '⁰' => 0,
        '¹' => 1,
        '²' => 2,
        '³' => 3,
        '⁴' => 4,
        '⁵' => 5,
        '⁶' => 6,
        '⁷' => 7,
        '⁸' => 8,
        '⁹' => 9,
        _ => return None,
    })
}

/// The byte offset where the body starts after a leading YAML front matter block (`---` on
/// the first line, closed by `---` or `...`), or 0 when there is none.
pub fn front_matter_end(src: &str) -> usize {
    let start = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let s = src.get(start..).unwrap_or("");
    let mut lines = s.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => return 0,
    }
    let mut off = start + s.find('\n').map_or(s.len(), |i| i + 1);
    for line in lines {
        off += line.len();
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return off.min(src.len());
        }
    }
    0
}
