//! A BibTeX file's entries: keys, types, fields with `@string` macros expanded and `#`
//! concatenations joined, each with its byte offset in the file.
//!
//! Written by hand rather than with the `biblatex` crate (typst's), which was tried on 115
//! real files (the TeX Live bibliographies, pybtex's test data): it refuses a whole file for
//! one fault, so that one stray brace, a duplicated key (a defect `note-duplicate` should
//! report), an undefined macro or an `@` in a comment between entries loses every entry of
//! the file; it reads no `@entry( … )` in parentheses. A linter must read the rest of a
//! file around a fault and say where it is: this reader skips a broken entry to the next line
//! that starts an entry, with a warning naming the line, and keeps duplicates.
//!
//! The grammar is BibTeX's: text outside entries is a comment (and so is a `%` line, as biber
//! reads it); `@comment` and `@preamble` are skipped; `@string{name = value}` defines macros;
//! an entry is `@type{key, field = value, …}` or with parentheses; a value is `{…}` (nested
//! braces), `"…"` (braces inside), a number or a macro name, joined by `#`; the months `jan` …
//! `dec` are predefined. Every loop moves forward, so any input is read in linear time.

use rustc_hash::FxHashMap as HashMap;

/// One field of an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The field's name, lower-cased.
    pub name: String,
    /// The value as TeX source: delimiters removed, macros expanded, pieces joined.
    pub value: String,
    /// Byte offset of the value's first character in the file.
    pub at: usize,
}

/// One entry of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The entry's type, lower-cased (`article`, `online`).
    pub kind: String,
    pub key: String,
    /// Byte offset of the entry's `@`.
    pub at: usize,
    pub fields: Vec<Field>,
}

impl Entry {
    /// The value of the first field of this name (lower-case).
    pub fn get(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// A parsed file: its entries in order, and what was wrong with it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bib {
    pub entries: Vec<Entry>,
    /// Faults met (a broken entry, an undefined macro), each naming its line.
    pub warnings: Vec<String>,
}

/// Most warnings kept per file; the rest are counted.
const MAX_WARNINGS: usize = 20;

const MONTHS: [(&str, &str); 12] = [
    ("jan", "January"),
    ("feb", "February"),
    ("mar", "March"),
    ("apr", "April"),
    ("may", "May"),
    ("jun", "June"),
    ("jul", "July"),
    ("aug", "August"),
    ("sep", "September"),
    ("oct", "October"),
    ("nov", "November"),
    ("dec", "December"),
];

/// Parses a whole file.
pub fn parse(src: &str) -> Bib {
    let mut p = Parser {
        src,
        b: src.as_bytes(),
        i: 0,
        macros: HashMap::default(),
        bib: Bib::default(),
        dropped: 0,
        starts: entry_starts(src),
        next_start: 0,
    };
    p.run();
    if p.dropped > 0 {
        p.bib
            .warnings
            .push(format!("{} more problems not listed", p.dropped));
    }
    p.bib
}

/// The offsets of every `@` that opens a line (after blanks) and is followed by a name and
/// an opening delimiter: where the reader starts again after a broken entry.
fn entry_starts(src: &str) -> Vec<usize> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut line_start = true;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            line_start = true;
        } else if c == b'@' && line_start {
            let rest = b.get(i + 1..).unwrap_or(&[]);
            let name = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
            let after = rest.get(name..).unwrap_or(&[]);
            let after = after.iter().skip_while(|c| matches!(c, b' ' | b'\t'));
            if name > 0 && matches!(after.copied().next(), Some(b'{' | b'(')) {
                out.push(i);
            }
            line_start = false;
        } else if !matches!(c, b' ' | b'\t' | b'\r') {
            line_start = false;
        }
    }
    out
}

struct Parser<'a> {
    src: &'a str,
    b: &'a [u8],
    i: usize,
    macros: HashMap<String, String>,
    bib: Bib,
    dropped: usize,
    /// Offsets where a line starts an entry, ascending.
    starts: Vec<usize>,
    /// Index into `starts` of the first one not yet behind the reader.
    next_start: usize,
}

/// Why an entry could not be read, and where.
struct Fault {
    at: usize,
    what: String,
}

fn fault(at: usize, what: impl Into<String>) -> Fault {
    Fault {
        at,
        what: what.into(),
    }
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn line_of(&self, at: usize) -> usize {
        1 + memchr::memchr_iter(b'\n', self.b.get(..at).unwrap_or(self.b)).count()
    }

    fn warn(&mut self, at: usize, what: &str) {
        if self.bib.warnings.len() < MAX_WARNINGS {
            let line = self.line_of(at);
            self.bib.warnings.push(format!("line {line}: {what}"));
        } else {
            self.dropped += 1;
        }
    }

    /// The first line-opening entry start after `at`, or the end of the file.
    fn start_after(&mut self, at: usize) -> usize {
        while self.starts.get(self.next_start).is_some_and(|&s| s <= at) {
            self.next_start += 1;
        }
        self.starts
            .get(self.next_start)
            .copied()
            .unwrap_or(self.b.len())
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_ascii_whitespace() {
                self.i += 1;
            } else if c == b'%' {
                // biber reads a `%` line inside an entry as a comment
                self.i = memchr::memchr(b'\n', self.b.get(self.i..).unwrap_or(&[]))
                    .map_or(self.b.len(), |n| self.i + n);
            } else {
                break;
            }
        }
    }

    fn run(&mut self) {
        while self.i < self.b.len() {
            let rest = self.b.get(self.i..).unwrap_or(&[]);
            let Some(off) = memchr::memchr2(b'@', b'%', rest) else {
                break;
            };
            self.i += off;
            if self.peek() == Some(b'%') {
                self.i = memchr::memchr(b'\n', self.b.get(self.i..).unwrap_or(&[]))
                    .map_or(self.b.len(), |n| self.i + n);
                continue;
            }
            let at = self.i;
            if let Err(f) = self.item() {
                self.warn(f.at, &f.what);
                // go on at the next line that starts an entry
                let next = self.start_after(at);
                self.i = next.max(at + 1);
            }
        }
    }

    /// One `@…` item at the reader.
    fn item(&mut self) -> Result<(), Fault> {
        let at = self.i;
        self.i += 1;
        self.skip_ws();
        let kind = self.ident().to_ascii_lowercase();
        if kind.is_empty() {
            // an `@` in the text between entries (an address): a comment
            return Ok(());
        }
        self.skip_ws();
        let close = match self.peek() {
            Some(b'{') => b'}',
            Some(b'(') => b')',
            _ => {
                // `@` and a word in the comments between entries
                return Ok(());
            }
        };
        let open_at = self.i;
        self.i += 1;
        match kind.as_str() {
            "comment" | "preamble" => {
                self.i = open_at;
                self.balanced(close, "@{kind}")?;
                Ok(())
            }
            "string" => {
                self.skip_ws();
                while !matches!(self.peek(), Some(c) if c == close) {
                    let name = self.ident().to_ascii_lowercase();
                    if name.is_empty() {
                        return Err(fault(self.i, "@string without a name"));
                    }
                    self.skip_ws();
                    if self.peek() != Some(b'=') {
                        return Err(fault(self.i, format!("@string {name}: expected `=`")));
                    }
                    self.i += 1;
                    let (value, _) = self.value(close, &name)?;
                    self.macros.insert(name, value);
                    self.skip_ws();
                    if self.peek() == Some(b',') {
                        self.i += 1;
                        self.skip_ws();
                    }
                    if self.peek().is_none() {
                        return Err(fault(at, "@string never closed"));
                    }
                }
                self.i += 1;
                Ok(())
            }
            _ => self.entry(at, kind, close),
        }
    }

    /// Skips a balanced group opening at the reader, closed by `close`; a group still open at
    /// the next line that starts an entry is a fault.
    fn balanced(&mut self, close: u8, what: &str) -> Result<(), Fault> {
        let start = self.i;
        let limit = self.start_after(start);
        let open = if close == b'}' { b'{' } else { b'(' };
        let mut depth = 0usize;
        while self.i < limit {
            let c = self.b.get(self.i).copied().unwrap_or(0);
            self.i += 1;
            if c == open {
                depth += 1;
            } else if c == close {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Ok(());
                }
            }
        }
        Err(fault(start, format!("{what} never closed")))
    }

    /// A name: letters, digits and the punctuation BibTeX allows in identifiers.
    fn ident(&mut self) -> &str {
        let start = self.i;
        while let Some(c) = self.peek() {
            // biber takes any letter, `Göttingen` too: a UTF-8 sequence is taken whole
            if c.is_ascii_alphanumeric()
                || c >= 0x80
                || matches!(c, b'_' | b'-' | b':' | b'.' | b'+' | b'/' | b'\'')
            {
                self.i += 1;
            } else {
                break;
            }
        }
        self.src.get(start..self.i).unwrap_or("")
    }

    fn entry(&mut self, at: usize, kind: String, close: u8) -> Result<(), Fault> {
        self.skip_ws();
        let key_start = self.i;
        while let Some(c) = self.peek() {
            if c == b',' || c == close || c.is_ascii_whitespace() || matches!(c, b'{' | b'}') {
                break;
            }
            self.i += 1;
        }
        let key = self.src.get(key_start..self.i).unwrap_or("").to_string();
        self.skip_ws();
        let mut entry = Entry {
            kind,
            key,
            at,
            fields: Vec::new(),
        };
        if entry.key.is_empty() {
            return Err(fault(at, format!("@{} without a key", entry.kind)));
        }
        match self.peek() {
            Some(b',') => self.i += 1,
            Some(c) if c == close => {
                self.i += 1;
                self.bib.entries.push(entry);
                return Ok(());
            }
            _ => {
                return Err(fault(
                    self.i,
                    format!("entry {}: expected `,` after the key", entry.key),
                ))
            }
        }
        let read = self.fields(&mut entry, close);
        // the fields read before a fault are kept: the entry may still be cited
        self.bib.entries.push(entry);
        read
    }

    /// An entry's fields up to its closing delimiter.
    fn fields(&mut self, entry: &mut Entry, close: u8) -> Result<(), Fault> {
        loop {
            self.skip_ws();
            match self.peek() {
                Some(c) if c == close => {
                    self.i += 1;
                    return Ok(());
                }
                None => return Err(fault(entry.at, format!("entry {} never closed", entry.key))),
                _ => {}
            }
            let name_at = self.i;
            let name = self.ident().to_ascii_lowercase();
            if name.is_empty() {
                return Err(self.broken(entry, name_at, "expected a field name"));
            }
            self.skip_ws();
            if self.peek() != Some(b'=') {
                return Err(self.broken(entry, self.i, &format!("field {name}: expected `=`")));
            }
            self.i += 1;
            let (value, at) = self.value(close, &entry.key)?;
            let spans_lines = value.contains('\n');
            self.skip_ws();
            let next = self.peek();
            if !matches!(next, Some(b',') | None) && next != Some(close) {
                // a value closed too late swallowed the fields after it: say where it opened
                let f = if spans_lines {
                    fault(
                        at,
                        format!(
                            "entry {}: field {name}: unbalanced braces (its value runs on past its line)",
                            entry.key
                        ),
                    )
                } else {
                    self.broken(entry, self.i, "expected `,` between fields")
                };
                entry.fields.push(Field { name, value, at });
                return Err(f);
            }
            entry.fields.push(Field { name, value, at });
            if next == Some(b',') {
                self.i += 1;
            }
        }
    }

    fn broken(&self, entry: &Entry, at: usize, what: &str) -> Fault {
        fault(at, format!("entry {}: {what}", entry.key))
    }

    /// A field's value: pieces joined by `#`. Returns the value and its first byte's offset.
    fn value(&mut self, close: u8, owner: &str) -> Result<(String, usize), Fault> {
        let mut out = String::new();
        self.skip_ws();
        let first = self.i;
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'{') => {
                    let (s, e) = self.delimited(b'{', owner)?;
                    out.push_str(self.src.get(s..e).unwrap_or(""));
                }
                Some(b'"') => {
                    let (s, e) = self.delimited(b'"', owner)?;
                    out.push_str(self.src.get(s..e).unwrap_or(""));
                }
                Some(c) if c.is_ascii_digit() => {
                    let s = self.i;
                    while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                        self.i += 1;
                    }
                    out.push_str(self.src.get(s..self.i).unwrap_or(""));
                }
                Some(c) if c.is_ascii_alphabetic() || c >= 0x80 => {
                    let at = self.i;
                    let name = self.ident().to_ascii_lowercase();
                    if let Some(v) = self.macros.get(&name) {
                        out.push_str(v);
                    } else if let Some((_, m)) = MONTHS.iter().find(|(k, _)| *k == name) {
                        out.push_str(m);
                    } else {
                        self.warn(
                            at,
                            &format!("entry {owner}: undefined @string macro {name}"),
                        );
                    }
                }
                Some(c) if c == close || c == b',' => {
                    return Err(fault(
                        self.i,
                        format!("entry {owner}: a field without a value"),
                    ))
                }
                _ => {
                    return Err(fault(
                        self.i,
                        format!("entry {owner}: unexpected character"),
                    ))
                }
            }
            self.skip_ws();
            if self.peek() == Some(b'#') {
                self.i += 1;
            } else {
                break;
            }
        }
        // a value between braces starts after its brace
        let at = if matches!(self.b.get(first), Some(b'{' | b'"')) {
            first + 1
        } else {
            first
        };
        Ok((out, at))
    }

    /// A `{…}` or `"…"` piece at the reader: the span of its content. A brace never closed
    /// before the next line that starts an entry is a fault there.
    fn delimited(&mut self, open: u8, owner: &str) -> Result<(usize, usize), Fault> {
        let start = self.i;
        self.i += 1;
        let limit = self.start_after(start);
        let mut depth = 0usize;
        while self.i < limit {
            let c = self.b.get(self.i).copied().unwrap_or(0);
            match c {
                b'\\' => {
                    self.i += 2;
                    continue;
                }
                b'{' => depth += 1,
                b'}' if depth == 0 && open == b'{' => {
                    self.i += 1;
                    return Ok((start + 1, self.i - 1));
                }
                b'}' => depth = depth.saturating_sub(1),
                b'"' if depth == 0 && open == b'"' => {
                    self.i += 1;
                    return Ok((start + 1, self.i - 1));
                }
                _ => {}
            }
            self.i += 1;
        }
        self.i = self.i.min(self.b.len());
        Err(fault(
            start,
            format!("entry {owner}: unbalanced braces (a value opened here is never closed)"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_fields_macros_and_months() {
        let src = "% a comment with @article{not, an entry}\n@string{ jh = \"Journal of Hats\" }\n@Article{smith2020,\n  author = {Smith, John and {World Health Organization}},\n  title = \"The {DNA} of \\emph{Hats}\",\n  journal = jh # { Quarterly},\n  year = 2020, month = mar,\n}\n@misc(k2, note = {x})\n";
        let bib = parse(src);
        assert!(bib.warnings.is_empty(), "{:?}", bib.warnings);
        assert_eq!(bib.entries.len(), 2);
        let e = &bib.entries[0];
        assert_eq!((e.kind.as_str(), e.key.as_str()), ("article", "smith2020"));
        let v = |n: &str| e.get(n).map(|f| f.value.as_str());
        assert_eq!(v("journal"), Some("Journal of Hats Quarterly"));
        assert_eq!(v("title"), Some("The {DNA} of \\emph{Hats}"));
        assert_eq!(v("year"), Some("2020"));
        assert_eq!(v("month"), Some("March"));
        let title = e.get("title").map_or(0, |f| f.at);
        assert_eq!(src.get(title..title + 4), Some("The "));
        assert_eq!(bib.entries[1].kind, "misc");
        assert_eq!(
            bib.entries[1].get("note").map(|f| f.value.as_str()),
            Some("x")
        );
    }

    #[test]
    fn a_broken_entry_is_skipped_with_its_line_and_the_rest_read() {
        let src = "@article{a,\n title = {Open {brace},\n year = 2020\n}\n@book{b, title = {Fine}}\n@misc{c title = {x}}\n@misc{d, title = {y}, oops}\n@misc{e, year = undefinedmacro}\n";
        let bib = parse(src);
        let keys: Vec<&str> = bib.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "d", "e"], "{:?}", bib.warnings);
        assert!(
            bib.warnings[0].starts_with("line 2: entry a: field title: unbalanced"),
            "{:?}",
            bib.warnings
        );
        assert!(
            bib.warnings
                .iter()
                .any(|w| w.starts_with("line 6: entry c")),
            "{:?}",
            bib.warnings
        );
        assert!(bib
            .warnings
            .iter()
            .any(|w| w.contains("undefined @string macro undefinedmacro")));
    }

    #[test]
    fn duplicates_are_kept_and_odd_input_never_hangs() {
        let bib = parse("@misc{a, title={x}}\n@misc{a, title={y}}\n");
        assert_eq!(bib.entries.len(), 2);
        for src in [
            "@",
            "@{",
            "@misc{",
            "@misc{k,",
            "@misc{k, t = {",
            "@misc{k, t = \"a",
            "@string{x = ",
            "@comment{",
            "@@@",
            "@misc(k, t=(x))",
            "\\{}@a{k,t={\\}}}",
        ] {
            let _ = parse(src);
        }
    }
}
