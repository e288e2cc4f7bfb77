//! Bounded nesting for the HTML parser: html5ever walks the stack of open elements for each
//! new block element, so input nesting 100,000 elements deep takes minutes. Both the input
//! reader ([`super::extract_html`]) and the page reader (`net::page`) parse through this.
//! Written by hand: a one-pass tag scan is all it takes, and no crate offers it.

/// The deepest nesting of elements read: html5ever walks the stack of open elements for
/// each new block element (`<div>`, `<ul>`, …), so a page nesting 100,000 of them would take
/// minutes to parse. Real pages nest a few dozen deep.
pub const MAX_NESTING: usize = 512;

/// The same bound for the documents reflint is given to read: deeper, since an author's own
/// file is no attack, yet bounded (4,096 levels parse in milliseconds, 50,000 took 8 s).
pub const MAX_INPUT_NESTING: usize = 4096;

/// `html` without the tags that would open more than `max` elements at once (nor their end
/// tags): what they hold is kept, one level deeper at most. An estimate in one pass: end tags
/// close one element, void elements, those whose end tag may be left out (`<p>`, `<li>`,
/// `<td>`, …) and `<x/>` open none; comments and the text of `<script>` and `<style>` are
/// skipped.
pub fn shallow(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut dropped = 0usize;
    const OPEN_NONE: [&str; 30] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
        "thead", "tbody", "tfoot", "colgroup", "caption", "html", "body",
    ];
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', bytes.get(at..).unwrap_or(&[])) {
        let start = at + i;
        let rest = bytes.get(start + 1..).unwrap_or(&[]);
        let close = |needle: &[u8]| {
            memchr::memmem::find(rest, needle).map(|j| start + 1 + j + needle.len())
        };
        if rest.starts_with(b"!--") {
            match close(b"-->") {
                Some(end) => at = end,
                None => break,
            }
            continue;
        }
        if rest.first() == Some(&b'/') {
            at = start + 1;
            if dropped > 0 {
                if let Some(end) = memchr::memchr(b'>', rest) {
                    dropped -= 1;
                    at = start + 1 + end + 1;
                    cut.push((start, at));
                }
            } else {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        let name_len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !rest.first().is_some_and(u8::is_ascii_alphabetic) {
            at = start + 1;
            continue;
        }
        let name =
            String::from_utf8_lossy(rest.get(..name_len).unwrap_or(&[])).to_ascii_lowercase();
        let Some(tag_end) = memchr::memchr(b'>', rest) else {
            break;
        };
        let self_closing = tag_end > 0 && rest.get(tag_end - 1) == Some(&b'/');
        at = start + 1 + tag_end + 1;
        if name == "script" || name == "style" {
            // raw text up to the end tag (any case): no elements inside
            let ends = memchr::memmem::find_iter(bytes.get(at..).unwrap_or(&[]), b"</");
            let end = ends.map(|j| at + j).find(|&j| {
                bytes
                    .get(j + 2..j + 2 + name.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            });
            match end {
                Some(j) => at = j,
                None => break,
            }
            continue;
        }
        if self_closing || OPEN_NONE.contains(&name.as_str()) {
            continue;
        }
        if depth >= max {
            dropped += 1;
            cut.push((start, at));
        } else {
            depth += 1;
        }
    }
    if cut.is_empty() {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (a, b) in cut {
        out.push_str(html.get(from..a).unwrap_or(""));
        from = b;
    }
    out.push_str(html.get(from..).unwrap_or(""));
    std::borrow::Cow::Owned(out)
}

/// The most elements of a fetched page parsed into a tree. A parsed element costs html5ever
/// and scraper about 1 KB with its text, so the 2 MB a page may send, all `<p>.</p>`, would
/// take 200 MB per page; real pages hold far fewer (the largest of htmldate's 800 evaluation
/// pages has 9,753 start tags, the 99th percentile 3,208).
pub const MAX_PAGE_ELEMENTS: usize = 20_000;

/// `html` cut before its `max + 1`-th start tag (`<` then a letter; those inside scripts
/// count too, which only cuts earlier): what a page says of itself is in its head and the
/// top of its body.
pub fn first_elements(html: &str, max: usize) -> &str {
    let bytes = html.as_bytes();
    let mut seen = 0usize;
    for i in memchr::memchr_iter(b'<', bytes) {
        if bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            seen += 1;
            if seen > max {
                // `<` is ASCII: `i` is a character boundary
                return html.get(..i).unwrap_or(html);
            }
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_elements_cuts_before_the_one_past_the_bound() {
        let page = "<html><head><title>T</title></head><body><p>a<p>b</p> 1 < 2 <p>c";
        assert_eq!(first_elements(page, 7), page);
        assert_eq!(
            first_elements(page, 4),
            "<html><head><title>T</title></head><body>"
        );
        // end tags, `< 2` and comments are not start tags
        assert_eq!(
            first_elements(page, 6),
            "<html><head><title>T</title></head><body><p>a<p>b</p> 1 < 2 "
        );
        assert_eq!(first_elements("", 0), "");
        assert_eq!(first_elements("é<b>ü<i>", 1), "é<b>ü");
    }
}
