//! Repairs written back into a document, in the document's own form and nothing else changed:
//! an archived copy after each cited URL that no longer leads to what was cited
//! (`reflint fix --archive-links`). Plain text gets `[archived at URL on YYYY-MM-DD]`, Markdown
//! a link `([archived](URL))` after the link, HTML the Robust Links attributes on the `<a>`
//! (`data-originalurl`, `data-versionurl`, `data-versiondate`). A URL already followed by its
//! copy is left alone, so a second run adds nothing.
//!
//! This stage reads only the source text and the positions `extract/` gave each URL; the
//! command line decides which URLs need a copy from a check's report.

use crate::links::Snapshot;
use crate::model::{Format, Pos};

/// A cited URL to follow with its archived copy.
#[derive(Clone, Debug)]
pub struct ArchiveLink<'a> {
    /// As written (after the cleanup of surrounding punctuation).
    pub url: &'a str,
    /// Where `extract/` found it: its first character (for HTML, the `href` value's).
    pub pos: Pos,
    pub snapshot: &'a Snapshot,
}

/// The document with the copies added, and what became of each URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Repaired {
    pub text: String,
    /// Copies added.
    pub added: usize,
    /// URLs already followed by a copy.
    pub already: usize,
    /// URLs not found as written at their position (a URL rejoined from a line break, an
    /// escaped one): left alone.
    pub unplaced: Vec<String>,
}

/// `source` with an archived copy after each of `links`, in the form of `format`. Only plain
/// text, Markdown and HTML can be written back.
pub fn add_archive_links(
    source: &str,
    format: Format,
    links: &[ArchiveLink<'_>],
) -> Result<Repaired, String> {
    if !matches!(format, Format::Text | Format::Markdown | Format::Html) {
        return Err(format!(
            "{} documents cannot be written back yet (text, Markdown and HTML can)",
            format.name()
        ));
    }
    let lines = LineStarts::new(source);
    let mut edits: Vec<(usize, String)> = Vec::new();
    let mut out = Repaired::default();
    for link in links {
        let Some(at) = lines.offset(source, link.pos) else {
            out.unplaced.push(link.url.to_string());
            continue;
        };
        if inside_a_copy(source, at) {
            // a copy this command added: not a citation of its own
            continue;
        }
        let edit = match format {
            Format::Markdown => markdown_edit(source, at, link),
            Format::Html => html_edit(source, at, link),
            _ => text_edit(source, at, link),
        };
        match edit {
            Edit::Insert(offset, text) => {
                if !edits.iter().any(|(o, _)| *o == offset) {
                    edits.push((offset, text));
                    out.added += 1;
                }
            }
            Edit::Already => out.already += 1,
            Edit::Unplaced => out.unplaced.push(link.url.to_string()),
        }
    }
    edits.sort_by_key(|(o, _)| *o);
    let mut text =
        String::with_capacity(source.len() + edits.iter().map(|(_, t)| t.len()).sum::<usize>());
    let mut from = 0;
    for (offset, insert) in &edits {
        text.push_str(source.get(from..*offset).unwrap_or(""));
        text.push_str(insert);
        from = *offset;
    }
    text.push_str(source.get(from..).unwrap_or(""));
    out.text = text;
    Ok(out)
}

enum Edit {
    Insert(usize, String),
    Already,
    Unplaced,
}

/// The byte offset of each line's start, to turn a [`Pos`] back into an offset.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(s: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', s.as_bytes()).map(|i| i + 1));
        LineStarts(starts)
    }

    /// The offset of a 1-based line and a 1-based column counted in characters.
    fn offset(&self, s: &str, pos: Pos) -> Option<usize> {
        let start = *self.0.get(pos.line.checked_sub(1)?)?;
        let line = s.get(start..)?;
        let skip = pos.column.checked_sub(1)?;
        match line.char_indices().nth(skip) {
            Some((i, _)) => Some(start + i),
            None if line.chars().count() == skip => Some(s.len()),
            None => None,
        }
    }
}

/// Whether the URL at `at` is the copy of an earlier run (`[archived at URL`, `([archived](URL`,
/// `data-versionurl="URL`).
fn inside_a_copy(source: &str, at: usize) -> bool {
    let before = source.get(..at).unwrap_or("");
    before.ends_with("[archived at ")
        || before.ends_with("([archived](")
        || before.ends_with("([archived](<")
        || before.ends_with("data-versionurl=\"")
}

/// The capture's day, `YYYY-MM-DD`.
fn day(s: &Snapshot) -> &str {
    s.timestamp.get(..10).unwrap_or(&s.timestamp)
}

/// Where the URL written at `at` ends, when it is written there.
fn url_end(source: &str, at: usize, url: &str) -> Option<usize> {
    source
        .get(at..)
        .filter(|rest| rest.starts_with(url))
        .map(|_| at + url.len())
}

/// Plain text: `URL [archived at COPY on DAY]`.
fn text_edit(source: &str, at: usize, link: &ArchiveLink<'_>) -> Edit {
    let Some(mut end) = url_end(source, at, link.url) else {
        return Edit::Unplaced;
    };
    // `<URL>`: after the bracket
    if source.get(..at).is_some_and(|b| b.ends_with('<'))
        && source.get(end..).is_some_and(|r| r.starts_with('>'))
    {
        end += 1;
    }
    if source
        .get(end..)
        .is_some_and(|r| r.starts_with(" [archived at "))
    {
        return Edit::Already;
    }
    Edit::Insert(
        end,
        format!(
            " [archived at {} on {}]",
            link.snapshot.url,
            day(link.snapshot)
        ),
    )
}

/// Markdown: `[text](URL) ([archived](COPY))`, after the whole link (inline, `<URL>`, or a
/// bare URL).
fn markdown_edit(source: &str, at: usize, link: &ArchiveLink<'_>) -> Edit {
    let Some(end) = url_end(source, at, link.url) else {
        return Edit::Unplaced;
    };
    let before = source.get(..at).unwrap_or("");
    let rest = source.get(end..).unwrap_or("");
    let after = if before.ends_with("](") || before.ends_with("](<") {
        // an inline link: after the `)` that closes it (past a title in quotes)
        match closing_paren(rest) {
            Some(i) => end + i + 1,
            None => return Edit::Unplaced,
        }
    } else if before.ends_with('<') && rest.starts_with('>') {
        end + 1
    } else if before.trim_end().ends_with("]:") {
        // a link reference definition: a copy after it would become its title
        return Edit::Unplaced;
    } else {
        end
    };
    if source
        .get(after..)
        .is_some_and(|r| r.starts_with(" ([archived]("))
    {
        return Edit::Already;
    }
    Edit::Insert(
        after,
        format!(
            " ([archived]({}))",
            markdown_destination(&link.snapshot.url)
        ),
    )
}

/// The `)` closing an inline link whose destination ended just before `rest`.
fn closing_paren(rest: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, ')') => return Some(i),
            (None, '\n') if rest.get(..i).is_some_and(|r| r.trim().is_empty()) => {}
            _ => {}
        }
    }
    None
}

/// A URL made safe as a Markdown link destination (`<…>` when it holds spaces or parentheses
/// that do not pair).
fn markdown_destination(url: &str) -> String {
    let balanced = url.matches('(').count() == url.matches(')').count();
    if balanced && !url.contains(char::is_whitespace) {
        url.to_string()
    } else {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    }
}

/// Text made safe inside a double-quoted HTML attribute or in text.
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// HTML: the Robust Links attributes on the `<a>` whose `href` is at `at`; a URL written as
/// text gets `[archived at COPY on DAY]` after it.
fn html_edit(source: &str, at: usize, link: &ArchiveLink<'_>) -> Edit {
    let before = source.get(..at).unwrap_or("");
    // the position is the `<a` itself, or inside its start tag (its `href` value)
    let at_tag = source.get(at..).is_some_and(|r| r.starts_with('<'));
    let lt = if at_tag {
        Some(at)
    } else {
        match (before.rfind('<'), before.rfind('>')) {
            (Some(lt), Some(gt)) if lt > gt => Some(lt),
            (Some(lt), None) => Some(lt),
            _ => None,
        }
    };
    let Some(lt) = lt else {
        let escaped = html_escape(link.url);
        let end = url_end(source, at, link.url).or_else(|| url_end(source, at, &escaped));
        let Some(end) = end else {
            return Edit::Unplaced;
        };
        if source
            .get(end..)
            .is_some_and(|r| r.starts_with(" [archived at "))
        {
            return Edit::Already;
        }
        return Edit::Insert(
            end,
            format!(
                " [archived at {} on {}]",
                html_escape(&link.snapshot.url),
                day(link.snapshot)
            ),
        );
    };
    let Some(end) = tag_end(source, lt) else {
        return Edit::Unplaced;
    };
    let tag = source.get(lt..end).unwrap_or("");
    if tag.to_ascii_lowercase().contains("data-versionurl") {
        return Edit::Already;
    }
    // before `>`, or before a self-closing `/`
    let insert_at = if tag.ends_with('/') { end - 1 } else { end };
    Edit::Insert(
        insert_at,
        format!(
            " data-originalurl=\"{}\" data-versionurl=\"{}\" data-versiondate=\"{}\"",
            html_escape(link.url),
            html_escape(&link.snapshot.url),
            day(link.snapshot)
        ),
    )
}

/// The offset of the `>` ending the start tag at `lt` (quoted values may hold `>`).
fn tag_end(source: &str, lt: usize) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in source.get(lt..)?.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(lt + i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests;
