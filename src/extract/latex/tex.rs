//! TeX's lexical shapes, as the LaTeX reader needs them: control sequences, comments,
//! braced and bracketed arguments, and the arguments of the citation commands of LaTeX,
//! natbib and biblatex. Every function takes byte offsets into one file's text and moves
//! forward only, bounded by a limit, so that unbalanced input costs no more than its length.

use std::ops::Range;

/// A control sequence at `i` (which holds a `\`): its name (letters, or the one character
/// after the backslash) and the offset after it.
pub(crate) fn command_at(s: &str, i: usize) -> Option<(&str, usize)> {
    let b = s.as_bytes();
    if b.get(i) != Some(&b'\\') {
        return None;
    }
    let start = i + 1;
    let letters = b
        .get(start..)
        .unwrap_or(&[])
        .iter()
        .take_while(|c| c.is_ascii_alphabetic() || **c == b'@')
        .count();
    if letters > 0 {
        let end = start + letters;
        return Some((s.get(start..end)?, end));
    }
    // a control symbol: one character (which may be several bytes)
    let c = s.get(start..)?.chars().next()?;
    let end = start + c.len_utf8();
    Some((s.get(start..end)?, end))
}

/// The offset after the end of the line holding `i` (a comment's end), or `limit`.
pub(crate) fn line_end(b: &[u8], i: usize, limit: usize) -> usize {
    memchr::memchr(b'\n', b.get(i..limit).unwrap_or(&[])).map_or(limit, |n| i + n + 1)
}

/// Skips blanks and comments from `i`, at most up to `limit`. With `par`, a blank line
/// stops it (a paragraph ends).
pub(crate) fn skip_space(b: &[u8], mut i: usize, limit: usize) -> usize {
    while i < limit {
        match b.get(i) {
            Some(c) if c.is_ascii_whitespace() => i += 1,
            Some(b'%') => i = line_end(b, i, limit),
            _ => break,
        }
    }
    i.min(limit)
}

/// For a `{` at `open`, the offset of its matching `}` (escapes and comments respected),
/// if it closes before `limit`.
pub(crate) fn group_end(b: &[u8], open: usize, limit: usize) -> Option<usize> {
    close_of(b, open, limit, b'{', b'}')
}

/// For a `[` at `open`, its matching `]` (braces inside are skipped as groups).
pub(crate) fn bracket_end(b: &[u8], open: usize, limit: usize) -> Option<usize> {
    let mut i = open + 1;
    while i < limit {
        match b.get(i)? {
            b'\\' => i += 2,
            b'%' => i = line_end(b, i, limit),
            b'{' => i = group_end(b, i, limit)? + 1,
            b']' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn close_of(b: &[u8], open: usize, limit: usize, o: u8, c: u8) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < limit {
        let ch = *b.get(i)?;
        if ch == b'\\' {
            i += 2;
            continue;
        }
        if ch == b'%' {
            i = line_end(b, i, limit);
            continue;
        }
        if ch == o {
            depth += 1;
        } else if ch == c {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// An argument read: the span of its content and the offset after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Arg {
    pub inner: Range<usize>,
    pub next: usize,
}

/// A `{…}` argument after `i` (blanks skipped), if one opens there and closes before
/// `limit`.
pub(crate) fn braced(b: &[u8], i: usize, limit: usize) -> Option<Arg> {
    let at = skip_space(b, i, limit);
    if b.get(at) != Some(&b'{') {
        return None;
    }
    let end = group_end(b, at, limit)?;
    Some(Arg {
        inner: at + 1..end,
        next: end + 1,
    })
}

/// A `[…]` optional argument after `i` (blanks skipped).
pub(crate) fn bracketed(b: &[u8], i: usize, limit: usize) -> Option<Arg> {
    let at = skip_space(b, i, limit);
    if b.get(at) != Some(&b'[') {
        return None;
    }
    let end = bracket_end(b, at, limit)?;
    Some(Arg {
        inner: at + 1..end,
        next: end + 1,
    })
}

/// Whether a command names citation keys: LaTeX's `\cite`, natbib's `\citep`, `\citet`,
/// `\citeauthor` …, biblatex's `\parencite`, `\textcite`, `\autocite`, `\footcite`,
/// `\fullcite`, `\cites` and the other multicites, `\volcite`, and `\nocite`.
pub(crate) fn is_cite(name: &str) -> bool {
    const NOT: &[&str] = &["citetext", "citestyle", "citeindextrue", "citeindexfalse"];
    let lower = name.to_ascii_lowercase();
    (lower.starts_with("cite") || lower.ends_with("cite") || lower.ends_with("cites"))
        && !NOT.contains(&lower.as_str())
        && !lower.starts_with("citeindex")
}

/// A citation command's arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CiteArgs {
    /// Each key with the offset of its first character.
    pub keys: Vec<(String, usize)>,
    /// The notes before and after the keys (`[see][p.~3]`), the last citation's.
    pub pre: Option<Range<usize>>,
    pub post: Option<Range<usize>>,
    /// The offset after the command's last argument.
    pub next: usize,
}

/// Reads the arguments of citation command `name` whose name ends at `i`: a `*`, up to two
/// optional notes and the keys; a multicite (`\cites`, `\parencites` …) takes `(…)(…)`
/// global notes and then as many `[…][…]{keys}` groups as follow; `\volcite` and kin
/// take a volume before the key. `None` when no key argument follows.
pub(crate) fn cite_args(s: &str, name: &str, i: usize, limit: usize) -> Option<CiteArgs> {
    let b = s.as_bytes();
    let mut at = i;
    if b.get(at) == Some(&b'*') {
        at += 1;
    }
    let multi = name.ends_with("cites") && name != "nocites";
    let mut out = CiteArgs::default();
    if multi {
        // global pre- and postnote in parentheses
        for _ in 0..2 {
            let p = skip_space(b, at, limit);
            if b.get(p) == Some(&b'(') {
                at = close_of(b, p, limit, b'(', b')')? + 1;
            }
        }
    }
    loop {
        let mut notes = Vec::new();
        let mut p = at;
        while notes.len() < 2 {
            match bracketed(b, p, limit) {
                Some(a) => {
                    notes.push(a.inner);
                    p = a.next;
                }
                None => break,
            }
        }
        if name.contains("volcite") {
            // \volcite[pre]{volume}[pages]{key}
            let vol = braced(b, p, limit)?;
            p = vol.next;
            if let Some(a) = bracketed(b, p, limit) {
                notes.push(a.inner);
                p = a.next;
            }
        }
        let Some(arg) = braced(b, p, limit) else {
            break;
        };
        match notes.len() {
            0 => {}
            1 => out.post = notes.pop(),
            _ => {
                out.post = notes.pop();
                out.pre = notes.pop();
            }
        }
        out.keys.extend(split_keys(s, arg.inner.clone()));
        at = arg.next;
        out.next = at;
        if !multi {
            break;
        }
    }
    (out.next > 0).then_some(out)
}

/// The comma-separated keys of `range`, trimmed, with their offsets.
pub(crate) fn split_keys(s: &str, range: Range<usize>) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let Some(inner) = s.get(range.clone()) else {
        return out;
    };
    let mut from = range.start;
    for part in inner.split(',') {
        let lead = part.len() - part.trim_start().len();
        let key = part.trim();
        // a key holds no blanks or braces; a comment inside the braces ends the list
        if !key.is_empty() && !key.contains(['{', '}', '%', '\\']) {
            out.push((key.split_whitespace().collect::<String>(), from + lead));
        }
        from += part.len() + 1;
    }
    out
}

/// The file names of a `\bibliography{a,b}` argument (`.bib` added when not given) or of
/// an `\addbibresource{x.bib}`.
pub(crate) fn bib_names(s: &str, range: Range<usize>, add_ext: bool) -> Vec<String> {
    let inner = s.get(range).unwrap_or("");
    inner
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            if add_ext && !n.to_ascii_lowercase().ends_with(".bib") {
                format!("{n}.bib")
            } else {
                n.to_string()
            }
        })
        .collect()
}

/// The environments whose content is not TeX to read: verbatim text and comments.
pub(crate) const VERBATIM: &[&str] = &[
    "verbatim",
    "verbatim*",
    "Verbatim",
    "lstlisting",
    "minted",
    "comment",
    "filecontents",
    "filecontents*",
    "alltt",
];

/// `\%` and kin in a URL argument, undone.
pub(crate) fn unescape_url(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| "_%&#$~".contains(*n)) {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// The end of the paragraph from `i`: the first blank line, or the end.
pub(crate) fn paragraph_end(b: &[u8], i: usize) -> usize {
    let mut at = i;
    while let Some(nl) = memchr::memchr(b'\n', b.get(at..).unwrap_or(&[])) {
        let line = at + nl + 1;
        let rest = b.get(line..).unwrap_or(&[]);
        let blank = rest
            .iter()
            .take_while(|c| matches!(c, b' ' | b'\t' | b'\r'))
            .count();
        if matches!(rest.get(blank), Some(b'\n') | None) {
            return at + nl;
        }
        at = line;
    }
    b.len()
}

/// Where a `\bibitem`'s text ends: at the next `\bibitem` or `\end{thebibliography}`.
pub(crate) fn bibitem_end(b: &[u8], from: usize) -> usize {
    let rest = b.get(from..).unwrap_or(&[]);
    let next = memchr::memmem::find(rest, b"\\bibitem");
    let end = memchr::memmem::find(rest, b"\\end{thebibliography}");
    match (next, end) {
        (Some(x), Some(y)) => from + x.min(y),
        (Some(x), None) | (None, Some(x)) => from + x,
        (None, None) => b.len(),
    }
}

/// After `\iffalse`: the offset after its matching `\fi` (nested `\if…` counted), or the end.
pub(crate) fn if_false_end(s: &str, from: usize) -> usize {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut i = from;
    while let Some(off) = memchr::memchr2(b'\\', b'%', b.get(i..).unwrap_or(&[])) {
        i += off;
        if b.get(i) == Some(&b'%') {
            i = line_end(b, i, b.len());
            continue;
        }
        match command_at(s, i) {
            Some(("fi", end)) => {
                if depth == 0 {
                    return end;
                }
                depth -= 1;
                i = end;
            }
            Some((name, end)) => {
                if name.starts_with("if")
                    && name.len() > 2
                    && name.bytes().all(|c| c.is_ascii_alphabetic())
                {
                    depth += 1;
                }
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    b.len()
}

/// After a definition's command (`\newcommand`, `\def` …): the offset after the definition,
/// whose body is not the document's text.
pub(crate) fn definition_end(s: &str, name: &str, after: usize) -> usize {
    let b = s.as_bytes();
    let n = b.len();
    let mut i = if b.get(after) == Some(&b'*') {
        after + 1
    } else {
        after
    };
    // the name: `{\cmd}`, `\cmd` or `{env}`
    i = skip_space(b, i, n);
    match b.get(i) {
        Some(b'{') => i = braced(b, i, n).map_or(i + 1, |a| a.next),
        Some(b'\\') => i = command_at(s, i).map_or(i + 1, |(_, e)| e),
        _ => return after,
    }
    if name.ends_with("def") {
        // parameter text up to the body's brace
        let Some(open) = memchr::memchr(b'{', b.get(i..).unwrap_or(&[])) else {
            return i;
        };
        return braced(b, i + open, n).map_or(i, |a| a.next);
    }
    if name.contains("Document") {
        // the argument specification
        i = braced(b, i, n).map_or(i, |a| a.next);
    }
    while let Some(a) = bracketed(b, i, n) {
        i = a.next;
    }
    i = braced(b, i, n).map_or(i, |a| a.next);
    if name.contains("nvironment") {
        i = braced(b, i, n).map_or(i, |a| a.next);
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_groups_and_comments() {
        let s = r"\emph{a {b} \} % }
c} \% \'e";
        assert_eq!(command_at(s, 0), Some(("emph", 5)));
        let end = group_end(s.as_bytes(), 5, s.len());
        assert_eq!(end, s.find("c}").map(|i| i + 1));
        let pct = s.find("\\%").unwrap_or(0);
        assert_eq!(command_at(s, pct), Some(("%", pct + 2)));
        let acc = s.find("\\'").unwrap_or(0);
        assert_eq!(command_at(s, acc), Some(("'", acc + 2)));
        assert_eq!(group_end(b"{never", 0, 6), None);
    }

    #[test]
    fn cite_arguments() {
        let s = r"\citep*[see][p.~3]{a, b ,c}.";
        let a = cite_args(s, "citep", 6, s.len()).unwrap_or_default();
        let keys: Vec<&str> = a.keys.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c"]);
        assert_eq!(s.get(a.keys[1].1..a.keys[1].1 + 1), Some("b"));
        assert_eq!(a.pre.and_then(|r| s.get(r)), Some("see"));
        assert_eq!(a.post.and_then(|r| s.get(r)), Some("p.~3"));
        assert_eq!(s.get(a.next..), Some("."));
        let m = r"\cites(glob)[p. 1]{x}[2]{y} {z} rest";
        let a = cite_args(m, "cites", 6, m.len()).unwrap_or_default();
        let keys: Vec<&str> = a.keys.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["x", "y", "z"]);
        let v = r"\volcite[see]{2}[45]{key}";
        let a = cite_args(v, "volcite", 8, v.len()).unwrap_or_default();
        assert_eq!(a.keys.first().map(|k| k.0.as_str()), Some("key"));
        assert!(cite_args(r"\cite no key", "cite", 5, 12).is_none());
        assert!(is_cite("parencite") && is_cite("Textcite") && is_cite("footcites"));
        assert!(is_cite("citeauthor") && is_cite("nocite") && !is_cite("citetext"));
        assert!(!is_cite("excited") && !is_cite("citestyle"));
    }
}
