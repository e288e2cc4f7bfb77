//! A TeX fragment as plain text, the way its reader sees it typeset: groups and formatting
//! dropped, italics kept as `*x*` (the citation reader's italics), quotes, dashes, accents
//! and escaped characters as the characters they print, `\url` and `\href` links recorded,
//! and, in a note, `\cite` keys recorded and replaced by what the caller makes of them.

use std::ops::Range;

use super::tex::{braced, bracketed, cite_args, command_at, is_cite, line_end, skip_space};

/// Groups nested deeper than this are read as flat text (no recursion past it).
const MAX_DEPTH: usize = 48;

/// What is being rendered, which decides what a few commands and characters mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The body around a marker: notes and citations left out.
    Body,
    /// A note's text: citations become what the resolver says of their keys.
    Note,
    /// A BibTeX field's value: `%` is a character, not a comment.
    Field,
}

/// A fragment rendered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Rendered {
    /// The plain text, whitespace not yet collapsed.
    pub text: String,
    /// Links from `\url`, `\href` and bare `http` text, with their offset in the source.
    pub urls: Vec<(String, usize)>,
    /// Citation keys met (in a note), with their offsets.
    pub cites: Vec<(String, usize)>,
}

/// Renders `range` of `s`. `resolve` gives the text a citation key stands for in a note
/// (the entry's short form), `None` to leave the key itself.
pub(crate) fn render(
    s: &str,
    range: Range<usize>,
    mode: Mode,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Rendered {
    let end = range.end.min(s.len());
    let mut r = R {
        s,
        b: s.as_bytes(),
        mode,
        resolve,
        out: Rendered::default(),
        depth: 0,
    };
    let mut i = range.start;
    while i < end {
        // a stray `}` at the top (a window cut inside a group) is passed by
        i = r.run(i, end);
    }
    r.out
}

struct R<'a> {
    s: &'a str,
    b: &'a [u8],
    mode: Mode,
    resolve: &'a dyn Fn(&str) -> Option<String>,
    out: Rendered,
    depth: usize,
}

impl R<'_> {
    fn push(&mut self, s: &str) {
        self.out.text.push_str(s);
    }

    /// Renders from `i` to `end` or to the `}` closing the current group; returns the offset
    /// after what was read.
    fn run(&mut self, mut i: usize, end: usize) -> usize {
        let mut italic = false;
        while i < end {
            let Some(&c) = self.b.get(i) else { break };
            match c {
                b'\\' => {
                    if let Some((name, _)) = command_at(self.s, i) {
                        if matches!(name, "em" | "it" | "itshape" | "sl" | "slshape") && !italic {
                            italic = true;
                            self.push("*");
                        }
                    }
                    i = self.command(i, end);
                }
                b'{' => {
                    if self.depth >= MAX_DEPTH {
                        i += 1;
                    } else {
                        self.depth += 1;
                        i = self.run(i + 1, end);
                        self.depth -= 1;
                    }
                }
                b'}' => {
                    i += 1;
                    break;
                }
                b'%' if self.mode != Mode::Field => i = line_end(self.b, i, end),
                b'\n' if self.mode == Mode::Body && self.blank_line(i + 1, end) => {
                    // a paragraph ends: the sentence of a marker is in its own paragraph
                    self.out.text.clear();
                    i += 1;
                }
                b'~' => {
                    self.push(" ");
                    i += 1;
                }
                b'-' => {
                    let n = self
                        .b
                        .get(i..end)
                        .unwrap_or(&[])
                        .iter()
                        .take_while(|&&c| c == b'-')
                        .count();
                    self.push(match n {
                        1 => "-",
                        2 => "–",
                        _ => "—",
                    });
                    i += n.clamp(1, 3);
                }
                b'`' if self.b.get(i + 1) == Some(&b'`') => {
                    self.push("“");
                    i += 2;
                }
                b'`' => {
                    self.push("‘");
                    i += 1;
                }
                b'\'' if self.b.get(i + 1) == Some(&b'\'') => {
                    self.push("”");
                    i += 2;
                }
                b'\'' => {
                    self.push("’");
                    i += 1;
                }
                b'$' => i += 1,
                b'&' => {
                    self.push(" ");
                    i += 1;
                }
                b'h' | b'w' if self.url_starts(i) => i = self.bare_url(i, end),
                _ => {
                    let ch = self
                        .s
                        .get(i..)
                        .and_then(|t| t.chars().next())
                        .unwrap_or(' ');
                    self.out.text.push(ch);
                    i += ch.len_utf8();
                }
            }
        }
        if italic {
            while self.out.text.ends_with(' ') {
                self.out.text.pop();
            }
            self.push("*");
        }
        i
    }

    /// Whether the line from `i` is blank (a paragraph break after a line's end).
    fn blank_line(&self, i: usize, end: usize) -> bool {
        let rest = self.b.get(i..end).unwrap_or(&[]);
        let blanks = rest
            .iter()
            .take_while(|c| matches!(c, b' ' | b'\t' | b'\r'))
            .count();
        rest.get(blanks) == Some(&b'\n')
    }

    /// A link written as text (`http…`, `www.`) at a word's start.
    fn url_starts(&self, i: usize) -> bool {
        let rest = self.b.get(i..).unwrap_or(&[]);
        let word_start = i == 0
            || self
                .b
                .get(i - 1)
                .is_some_and(|c| !c.is_ascii_alphanumeric());
        word_start
            && (rest.starts_with(b"http://")
                || rest.starts_with(b"https://")
                || rest.starts_with(b"www."))
    }

    /// Copies a bare link up to a blank or a brace, its escapes (`\_`, `\%`) undone.
    fn bare_url(&mut self, mut i: usize, end: usize) -> usize {
        let start = i;
        let mut url = String::new();
        while i < end {
            let Some(&c) = self.b.get(i) else { break };
            if c.is_ascii_whitespace() || c == b'{' || c == b'}' {
                break;
            }
            if c == b'\\' {
                match self.b.get(i + 1) {
                    Some(&e) if b"_%&#$~".contains(&e) => {
                        url.push(char::from(e));
                        i += 2;
                        continue;
                    }
                    _ => break,
                }
            }
            let ch = self
                .s
                .get(i..)
                .and_then(|t| t.chars().next())
                .unwrap_or(' ');
            url.push(ch);
            i += ch.len_utf8();
        }
        self.push(&url);
        self.out.urls.push((url, start));
        i.max(start + 1)
    }

    /// The raw content of a verbatim argument (`\url{…}`), escapes undone.
    fn raw(&self, range: Range<usize>) -> String {
        let inner = self.s.get(range).unwrap_or("");
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\\' {
                if let Some(&n) = chars.peek() {
                    if "_%&#$~".contains(n) {
                        out.push(n);
                        chars.next();
                        continue;
                    }
                }
            }
            if !c.is_whitespace() || !out.is_empty() {
                out.push(c);
            }
        }
        out.trim().to_string()
    }

    /// Renders the `{…}` argument after `i`, wrapped in `open` and `close`; returns the
    /// offset after it (or after the command when no argument follows).
    fn wrapped(&mut self, i: usize, end: usize, open: &str, close: &str) -> usize {
        let at = skip_space(self.b, i, end);
        if self.b.get(at) != Some(&b'{') {
            return i;
        }
        self.push(open);
        let next = if self.depth >= MAX_DEPTH {
            at + 1
        } else {
            self.depth += 1;
            let n = self.run(at + 1, end);
            self.depth -= 1;
            n
        };
        while self.out.text.ends_with(' ') {
            self.out.text.pop();
        }
        self.push(close);
        next
    }

    /// Skips the `{…}` argument after `i` (and an optional `[…]` before it).
    fn skip_arg(&self, i: usize, end: usize) -> usize {
        let i = bracketed(self.b, i, end).map_or(i, |a| a.next);
        braced(self.b, i, end).map_or(i, |a| a.next)
    }

    /// One command at `i`; returns the offset after it and its arguments.
    fn command(&mut self, i: usize, end: usize) -> usize {
        let Some((name, after)) = command_at(self.s, i) else {
            return i + 1;
        };
        let after = after.min(end);
        let letters = name.bytes().all(|c| c.is_ascii_alphabetic());
        // a control word swallows the blanks after it
        let spaced = if letters {
            skip_space(self.b, after, end)
        } else {
            after
        };
        if let Some(sym) = symbol(name) {
            self.push(sym);
            return spaced;
        }
        if self.mode == Mode::Body && BLOCKS.contains(&name) {
            // a heading, a list item, an environment, the preamble: not the sentence's text
            let at = if self.b.get(after) == Some(&b'*') {
                after + 1
            } else {
                after
            };
            let at = bracketed(self.b, at, end).map_or(at, |a| a.next);
            let at = if name == "maketitle" || name == "item" || name == "par" {
                at
            } else {
                braced(self.b, at, end).map_or(at, |a| a.next)
            };
            let at = if name == "documentclass" || name == "usepackage" {
                bracketed(self.b, at, end).map_or(at, |a| a.next)
            } else {
                at
            };
            self.out.text.clear();
            return at;
        }
        match name {
            "&" | "%" | "$" | "#" | "_" | "{" | "}" => {
                self.push(name);
                after
            }
            " " | "," | ";" | ":" | "quad" | "qquad" | "enspace" | "par" | "newline" | "item" => {
                self.push(" ");
                if letters {
                    spaced
                } else {
                    after
                }
            }
            "\\" => {
                self.push(" ");
                bracketed(self.b, after, end).map_or(after, |a| a.next)
            }
            "/" | "-" | "@" | "!" | "relax" | "protect" | "noindent" | "bf" | "bfseries" | "rm"
            | "sf" | "tt" | "sc" | "scshape" | "normalfont" | "upshape" | "small"
            | "footnotesize" | "em" | "it" | "itshape" | "sl" | "slshape" | "centering"
            | "hfill" | "break" | "nolinebreak" | "allowbreak" | "ignorespaces" | "unskip"
            | "smallskip" | "medskip" | "bigskip" | "clearpage" | "newpage" => {
                if letters {
                    spaced
                } else {
                    after
                }
            }
            "'" | "`" | "^" | "\"" | "~" | "=" | "." | "c" | "v" | "u" | "H" | "k" | "r" | "d"
            | "b" | "t" => self.accent(name, if letters { spaced } else { after }, end),
            "emph" | "textit" | "textsl" | "mkbibemph" | "mkbibitalic" | "mathit" => {
                self.wrapped(after, end, "*", "*")
            }
            "enquote" | "mkbibquote" | "textquote" => {
                let at = bracketed(self.b, after, end).map_or(after, |a| a.next);
                self.wrapped(at, end, "“", "”")
            }
            "foreignlanguage" | "textcolor" | "colorbox" | "hyperlink" | "foreignquote"
            | "hyphenquote" => {
                let at = self.skip_arg(after, end);
                self.wrapped(at, end, "", "")
            }
            "hyperref" => {
                let at = bracketed(self.b, after, end).map_or(after, |a| a.next);
                self.wrapped(at, end, "", "")
            }
            "url" | "nolinkurl" | "path" => match braced(self.b, after, end) {
                Some(a) => {
                    let url = self.raw(a.inner.clone());
                    self.push(&url);
                    if name == "url" {
                        self.out.urls.push((url, a.inner.start));
                    }
                    a.next
                }
                None => after,
            },
            "href" => match braced(self.b, after, end) {
                Some(a) => {
                    let url = self.raw(a.inner.clone());
                    self.out.urls.push((url, a.inner.start));
                    self.wrapped(a.next, end, "", "")
                }
                None => after,
            },
            "doi" => match braced(self.b, after, end) {
                Some(a) => {
                    let doi = self.raw(a.inner.clone());
                    self.push(&format!("doi:{doi}"));
                    a.next
                }
                None => after,
            },
            "footnote" | "footnotetext" | "endnote" | "thanks" | "marginpar" | "label"
            | "index" | "ref" | "pageref" | "eqref" | "autoref" | "cref" | "Cref" | "vref"
            | "nameref" | "hspace" | "vspace" | "includegraphics" | "footnotemark" | "begin"
            | "end" | "bibliography" | "bibliographystyle" | "addbibresource" | "input"
            | "include" | "pagestyle" | "thispagestyle" | "phantom" | "hphantom" | "vphantom" => {
                let at = if name == "hspace" || name == "vspace" {
                    spaced.min(end)
                } else {
                    after
                };
                let at = if self.b.get(at) == Some(&b'*') {
                    at + 1
                } else {
                    at
                };
                let next = self.skip_arg(at, end);
                if name == "begin" || name == "end" {
                    self.push(" ");
                }
                next
            }
            _ if is_cite(name) => self.cite(name, after, end),
            _ => {
                // an unknown command: its argument's text is kept (`\textbf{x}`, `\mbox{x}`)
                let at = if self.b.get(after) == Some(&b'*') {
                    after + 1
                } else {
                    after
                };
                let at = bracketed(self.b, at, end).map_or(at, |a| a.next);
                if letters && self.b.get(skip_space(self.b, at, end)) == Some(&b'{') {
                    self.wrapped(at, end, "", "")
                } else if letters {
                    spaced
                } else {
                    after
                }
            }
        }
    }

    fn cite(&mut self, name: &str, after: usize, end: usize) -> usize {
        let Some(args) = cite_args(self.s, name, after, end) else {
            return after;
        };
        if self.mode == Mode::Body || name == "nocite" {
            return args.next;
        }
        let mut parts = Vec::new();
        for (key, at) in &args.keys {
            self.out.cites.push((key.clone(), *at));
            parts.push((self.resolve)(key).unwrap_or_else(|| key.clone()));
        }
        let note = |r: &Option<Range<usize>>, this: &Self| {
            r.clone()
                .map(|r| render(this.s, r, Mode::Field, this.resolve).text)
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty())
        };
        let pre = note(&args.pre, self);
        let post = note(&args.post, self);
        if let Some(p) = pre {
            self.push(&p);
            self.push(" ");
        }
        self.push(&parts.join("; "));
        if let Some(p) = post {
            self.push(", ");
            self.push(&p);
        }
        args.next
    }

    /// An accent over its argument (`\'e`, `\'{e}`, `\c{c}`, `\"{\i}`).
    fn accent(&mut self, name: &str, at: usize, end: usize) -> usize {
        let mark = self.out.text.len();
        let next = match self.b.get(at) {
            Some(b'{') if self.depth < MAX_DEPTH => {
                self.depth += 1;
                let n = self.run(at + 1, end);
                self.depth -= 1;
                n
            }
            Some(b'\\') => self.command(at, end),
            Some(_) => {
                let ch = self
                    .s
                    .get(at..)
                    .and_then(|t| t.chars().next())
                    .unwrap_or(' ');
                self.out.text.push(ch);
                at + ch.len_utf8()
            }
            None => at,
        };
        let tail = self.out.text.get(mark..).unwrap_or("").to_string();
        let mut chars = tail.chars();
        if let Some(base) = chars.next() {
            let rest: String = chars.collect();
            self.out.text.truncate(mark);
            self.out.text.push_str(&compose(name, base));
            self.out.text.push_str(&rest);
        }
        next.max(at)
    }
}

/// The commands that open a new block of the body (what a marker's sentence never crosses).
const BLOCKS: &[&str] = &[
    "documentclass",
    "usepackage",
    "RequirePackage",
    "title",
    "author",
    "date",
    "maketitle",
    "part",
    "chapter",
    "section",
    "subsection",
    "subsubsection",
    "paragraph",
    "subparagraph",
    "caption",
    "begin",
    "end",
    "item",
    "par",
];

/// What a command without arguments prints, if it is one of the common ones.
fn symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "ss" => "ß",
        "o" => "ø",
        "O" => "Ø",
        "ae" => "æ",
        "AE" => "Æ",
        "oe" => "œ",
        "OE" => "Œ",
        "aa" => "å",
        "AA" => "Å",
        "l" => "ł",
        "L" => "Ł",
        "i" => "ı",
        "j" => "ȷ",
        "dh" => "ð",
        "DH" => "Ð",
        "th" => "þ",
        "TH" => "Þ",
        "dj" => "đ",
        "DJ" => "Đ",
        "ng" => "ŋ",
        "NG" => "Ŋ",
        "ldots" | "dots" | "textellipsis" => "…",
        "textendash" => "–",
        "textemdash" => "—",
        "textquoteleft" => "‘",
        "textquoteright" => "’",
        "textquotedblleft" => "“",
        "textquotedblright" => "”",
        "guillemotleft" | "guillemetleft" => "«",
        "guillemotright" | "guillemetright" => "»",
        "S" => "§",
        "P" => "¶",
        "copyright" | "textcopyright" => "©",
        "textregistered" => "®",
        "texttrademark" => "™",
        "pounds" | "textsterling" => "£",
        "euro" | "texteuro" => "€",
        "textdegree" => "°",
        "LaTeX" => "LaTeX",
        "LaTeXe" => "LaTeX2e",
        "TeX" => "TeX",
        "BibTeX" => "BibTeX",
        "slash" => "/",
        "textbackslash" => "\\",
        "textasciitilde" => "~",
        "textunderscore" => "_",
        "textbar" => "|",
        "textless" => "<",
        "textgreater" => ">",
        "textperiodcentered" => "·",
        "textbullet" => "•",
        "dag" | "textdagger" => "†",
        "ddag" | "textdaggerdbl" => "‡",
        "ieee" => "IEEE",
        _ => return None,
    })
}

/// `base` with the accent `name` (`'` acute, `c` cedilla …): the precomposed letter where
/// one exists, else the letter and a combining mark.
fn compose(name: &str, base: char) -> String {
    let base = match base {
        'ı' => 'i',
        'ȷ' => 'j',
        c => c,
    };
    let (table, mark): (&str, char) = match name {
        "'" => (
            "aáeéiíoóuúyýAÁEÉIÍOÓUÚYÝcćCĆnńNŃsśSŚzźZŹlĺLĹrŕRŔgǵ",
            '\u{301}',
        ),
        "`" => ("aàeèiìoòuùAÀEÈIÌOÒUÙnǹ", '\u{300}'),
        "^" => ("aâeêiîoôuûAÂEÊIÎOÔUÛcĉgĝhĥjĵsŝwŵyŷ", '\u{302}'),
        "\"" => ("aäeëiïoöuüyÿAÄEËIÏOÖUÜYŸ", '\u{308}'),
        "~" => ("aãnñoõAÃNÑOÕiĩuũ", '\u{303}'),
        "=" => ("aāeēiīoōuūAĀEĒIĪOŌUŪ", '\u{304}'),
        "." => ("zżZŻeėEĖcċCĊgġGĠIİ", '\u{307}'),
        "c" => ("cçCÇsşSŞtţTŢgģkķlļnņrŗ", '\u{327}'),
        "v" => ("cčCČsšSŠzžZŽrřRŘeěEĚnňNŇdďDĎtťTŤ", '\u{30c}'),
        "u" => ("aăAĂgğGĞuŭUŬ", '\u{306}'),
        "H" => ("oőOŐuűUŰ", '\u{30b}'),
        "k" => ("aąAĄeęEĘ", '\u{328}'),
        "r" => ("aåAÅuůUŮ", '\u{30a}'),
        "d" => ("", '\u{323}'),
        "b" => ("", '\u{331}'),
        _ => ("", '\u{361}'),
    };
    let mut chars = table.chars();
    while let (Some(plain), Some(accented)) = (chars.next(), chars.next()) {
        if plain == base {
            return accented.to_string();
        }
    }
    if base.is_whitespace() {
        return base.to_string();
    }
    let mut s = base.to_string();
    s.push(mark);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        let r = render(s, 0..s.len(), Mode::Note, &|k| {
            (k == "known").then(|| "Known, “Entry,” 2020".to_string())
        });
        r.text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn common_commands() {
        assert_eq!(text(r"\emph{Title} and \textit{X}"), "*Title* and *X*");
        assert_eq!(text(r"{\em Old style} \textbf{bold}"), "*Old style* bold");
        assert_eq!(
            text(r"``Quoted,'' it's 1990--2000---ok~now"),
            "“Quoted,” it’s 1990–2000—ok now"
        );
        assert_eq!(
            text(r#"caf\'e, \'{E}cole, na\"{\i}ve, Stra\ss e, \c{c}a, \v{S}koda"#),
            "café, École, naïve, Straße, ça, Škoda"
        );
        assert_eq!(
            text(
                r"A \& B, 50\%, \$3 % a comment
next"
            ),
            "A & B, 50%, $3 next"
        );
        assert_eq!(
            text(r"\LaTeX\ is \textsc{Nice}\label{x}."),
            "LaTeX is Nice."
        );
    }

    #[test]
    fn links_and_citations() {
        let s = r"See \href{https://a.org/x\_y}{the page} and \url{https://b.org/%7E} or https://c.org/a\_b.";
        let r = render(s, 0..s.len(), Mode::Note, &|_| None);
        let urls: Vec<&str> = r.urls.iter().map(|(u, _)| u.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://a.org/x_y",
                "https://b.org/%7E",
                "https://c.org/a_b."
            ]
        );
        assert_eq!(s.get(r.urls[0].1..r.urls[0].1 + 5), Some("https"));
        assert!(
            r.text.contains("See the page and https://b.org/%7E"),
            "{}",
            r.text
        );
        assert_eq!(
            text(r"See \cite[p.~3]{known}."),
            "See Known, “Entry,” 2020, p. 3."
        );
        assert_eq!(
            text(r"\parencite[see][12]{a,known}"),
            "see a; Known, “Entry,” 2020, 12"
        );
        let s = r"Claim\footnote{Note \cite{k}.} more\cite{j}.";
        let body = render(s, 0..s.len(), Mode::Body, &|_| None);
        assert_eq!(body.text, "Claim more.");
        assert!(body.cites.is_empty());
    }

    #[test]
    fn unbalanced_and_deep_input_is_read_to_its_end() {
        let deep = "{".repeat(10_000) + "x" + &"}".repeat(10_000);
        assert_eq!(text(&deep), "x");
        assert_eq!(text(r"\emph{never closed"), "*never closed*");
        assert_eq!(text(r"}}} stray \'"), "stray");
        assert_eq!(text(r"\url{open"), "open");
    }
}
