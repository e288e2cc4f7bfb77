//! HTML whose markup does not mark its notes (no footnote links, no footnote classes): the
//! page rendered to plain text, with each text offset mapped back to the source, so that the
//! evidence reader ([`crate::extract::notes`]) can read it like any other text. Blocks become
//! lines, `<ol>` items get their numbers (`3. …`), `<sup>3</sup>` becomes `³`, and a link's
//! address is written after its text (a note's URL is often only in its `href`).
//!
//! Written by hand: the HTML-to-text crates give no offsets back into the source, and the
//! reports must point to the source's lines.

/// A page as text, and where each stretch of the text came from.
pub struct Rendered {
    pub text: String,
    /// (offset in `text`, offset in the source) at the start of each stretch copied as is.
    map: Vec<(usize, usize)>,
}

impl Rendered {
    /// The source offset of text offset `at`.
    pub fn source(&self, at: usize) -> usize {
        let k = self.map.partition_point(|&(t, _)| t <= at);
        match k.checked_sub(1).and_then(|k| self.map.get(k)) {
            Some(&(t, s)) => s + (at - t),
            None => 0,
        }
    }

    fn push_src(&mut self, s: &str, src_at: usize) {
        self.map.push((self.text.len(), src_at));
        self.text.push_str(s);
    }

    /// Text the source does not hold (a line break, an item's number, a link's address):
    /// mapped to `src_at`.
    fn push_made(&mut self, s: &str, src_at: usize) {
        self.map.push((self.text.len(), src_at));
        self.text.push_str(s);
        // what follows maps from its own start again
        self.map.push((self.text.len(), src_at));
    }

    fn ends_blank(&self) -> bool {
        self.text.is_empty() || self.text.ends_with([' ', '\n'])
    }
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "pre",
    "figure",
    "figcaption",
    "hr",
    "body",
    "html",
];
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "title",
];

fn sup_char(c: char) -> char {
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
        other => other,
    }
}

/// The tag at `i` (`<…>`): its end, lowercase name, whether it closes, and its attributes.
fn tag_at(src: &str, i: usize) -> Option<(usize, String, bool, &str)> {
    let b = src.as_bytes();
    let mut j = i + 1;
    let mut quote: Option<u8> = None;
    while let Some(&c) = b.get(j) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, b'>') => break,
            _ => {}
        }
        j += 1;
    }
    let inner = src.get(i + 1..j)?;
    let closing = inner.starts_with('/');
    let inner = inner.trim_start_matches('/');
    let name_len = inner
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(inner.len());
    let name = inner.get(..name_len)?.to_ascii_lowercase();
    Some((
        (j + 1).min(src.len()),
        name,
        closing,
        inner.get(name_len..).unwrap_or(""),
    ))
}

/// The value of attribute `name` in a tag's attribute text.
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = lower.get(from..).and_then(|l| l.find(name)) {
        let at = from + k;
        let before_ok = at == 0
            || lower
                .as_bytes()
                .get(at - 1)
                .is_some_and(u8::is_ascii_whitespace);
        let rest = attrs.get(at + name.len()..).unwrap_or("").trim_start();
        if before_ok {
            if let Some(v) = rest.strip_prefix('=') {
                let v = v.trim_start();
                return match v.chars().next() {
                    Some(q @ ('"' | '\'')) => v.get(1..).and_then(|x| x.split(q).next()),
                    _ => v.split(|c: char| c.is_whitespace() || c == '>').next(),
                };
            }
        }
        from = at + name.len();
    }
    None
}

/// The character an entity at `i` (`&amp;`, `&#8217;`, `&#x2019;`) stands for, and its end.
fn entity_at(src: &str, i: usize) -> Option<(String, usize)> {
    let rest = src.get(i + 1..)?;
    let end = rest.get(..12.min(rest.len()))?.find(';')?;
    let name = rest.get(..end)?;
    let s = match name {
        "amp" => "&".to_string(),
        "lt" => "<".to_string(),
        "gt" => ">".to_string(),
        "quot" => "\"".to_string(),
        "apos" => "'".to_string(),
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ".to_string(),
        "shy" => String::new(),
        "ndash" => "–".to_string(),
        "mdash" => "—".to_string(),
        "hellip" => "…".to_string(),
        "lsquo" => "‘".to_string(),
        "rsquo" => "’".to_string(),
        "ldquo" => "“".to_string(),
        "rdquo" => "”".to_string(),
        "laquo" => "«".to_string(),
        "raquo" => "»".to_string(),
        _ => {
            let num = name.strip_prefix('#')?;
            let v = match num.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(v)?.to_string()
        }
    };
    Some((s, i + 1 + end + 1))
}

/// Renders `src[from..]` as text.
pub fn render(src: &str, from: usize) -> Rendered {
    let mut out = Rendered {
        text: String::with_capacity(src.len() / 2),
        map: Vec::new(),
    };
    let b = src.as_bytes();
    let mut i = from;
    let mut sup = 0usize;
    // the item counters of the open `<ol>`s (`None` for a `<ul>`)
    let mut lists: Vec<Option<u32>> = Vec::new();
    // the open link's address and where its text began
    let mut link: Option<(String, usize)> = None;
    while i < b.len() {
        let c = b.get(i).copied().unwrap_or(0);
        if c == b'<' {
            if src.get(i..).is_some_and(|r| r.starts_with("<!--")) {
                i = src
                    .get(i..)
                    .and_then(|r| r.find("-->"))
                    .map_or(b.len(), |k| i + k + 3);
                continue;
            }
            let Some((end, name, closing, attrs)) = tag_at(src, i) else {
                break;
            };
            if name.is_empty() || !name.starts_with(|ch: char| ch.is_ascii_alphabetic()) {
                out.push_src("<", i);
                i += 1;
                continue;
            }
            if !closing && SKIPPED.contains(&name.as_str()) {
                let close = format!("</{name}");
                let lower_rest = src.get(end..).unwrap_or("").to_ascii_lowercase();
                i = lower_rest.find(&close).map_or(b.len(), |k| end + k);
                continue;
            }
            match (name.as_str(), closing) {
                ("sup", false) => sup += 1,
                ("sup", true) => sup = sup.saturating_sub(1),
                ("br", _) => out.push_made("\n", i),
                ("li", false) => {
                    let label = match lists.last_mut() {
                        Some(Some(n)) => {
                            *n += 1;
                            format!("\n{}. ", *n - 1)
                        }
                        _ => "\n".to_string(),
                    };
                    out.push_made(&label, i);
                }
                ("ol", false) => {
                    let start = attr(attrs, "start")
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1);
                    lists.push(Some(start));
                    out.push_made("\n\n", i);
                }
                ("ul", false) => {
                    lists.push(None);
                    out.push_made("\n\n", i);
                }
                ("ol" | "ul", true) => {
                    lists.pop();
                    out.push_made("\n\n", i);
                }
                ("a", false) => {
                    link = attr(attrs, "href")
                        .filter(|h| h.starts_with("http://") || h.starts_with("https://"))
                        .map(|h| (h.to_string(), out.text.len()));
                }
                ("a", true) => {
                    if let Some((href, started)) = link.take() {
                        let shown = out.text.get(started..).unwrap_or("");
                        if !shown.contains(href.trim_end_matches('/')) {
                            out.push_made(&format!(" {href} "), i);
                        }
                    }
                }
                (n, _) if BLOCKS.contains(&n) => out.push_made("\n\n", i),
                _ => {}
            }
            i = end;
            continue;
        }
        if c == b'&' {
            if let Some((s, end)) = entity_at(src, i) {
                let s: String = if sup > 0 {
                    s.chars().map(sup_char).collect()
                } else {
                    s
                };
                out.push_made(&s, i);
                i = end;
                continue;
            }
        }
        // a run of text up to the next tag or entity
        let run_end = memchr::memchr2(b'<', b'&', b.get(i + 1..).unwrap_or(&[]))
            .map_or(b.len(), |k| i + 1 + k);
        let run = src.get(i..run_end).unwrap_or("");
        let mut at = i;
        for piece in run.split_inclusive(char::is_whitespace) {
            let word = piece.trim_end();
            if !word.is_empty() {
                if sup > 0 {
                    let s: String = word.chars().map(sup_char).collect();
                    out.push_made(&s, at);
                } else {
                    out.push_src(word, at);
                }
            }
            if word.len() < piece.len() && !out.ends_blank() {
                out.push_made(" ", at + word.len());
            }
            at += piece.len();
        }
        i = run_end.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_lists_sups_and_links() {
        let src = "<html><head><title>T</title></head><body><p>A claim.<sup>1</sup> More &amp; more.</p>\n<h2>Notes</h2><ol><li><a href=\"https://a.org/x\">Smith, “A,”</a> 2019.</li><li>Ibid.</li></ol></body></html>";
        let r = render(src, 0);
        assert!(r.text.contains("A claim.¹ More & more."), "{}", r.text);
        assert!(
            r.text.contains("\n1. Smith, “A,” https://a.org/x 2019."),
            "{:?}",
            r.text
        );
        assert!(r.text.contains("\n2. Ibid."), "{}", r.text);
        assert!(!r.text.contains("T\n"));
        // a stretch copied as is maps back to its place in the source
        let at = r.text.find("claim").unwrap_or(0);
        assert_eq!(src.get(r.source(at)..r.source(at) + 5), Some("claim"));
    }
}
