//! Stage 1: candidate note starts. Every place where a note label of some grammar stands
//! before text that could begin a note: `1.` `1 ` `[1]` `[1] .` `\[1\]` `(1)` `(A.)` `1)`
//! `^1` `1 |` `¹` and Roman `[iv]`, at a line start or anywhere in a flattened line. Nothing
//! is decided here: the chains of [`super::chain`] choose among them.

/// How a label is written around its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grammar {
    /// `[1]`, `[1] .`, `\[1\]`, `[i]`
    Bracket,
    /// `(1)`, `(A.)`
    Paren,
    /// `1)`
    ParenClose,
    /// `1.`
    Period,
    /// `1 text`
    Plain,
    /// `^1`, `^[1]`
    Caret,
    /// `1 |`, `1|`
    Pipe,
    /// `¹`
    Sup,
    /// `*`, `†`, `‡`
    Symbol,
}

impl Grammar {
    /// A grammar whose labels can hardly be anything else (brackets, carets, superscripts):
    /// the note text after them may start with any letter.
    pub fn strong(self) -> bool {
        matches!(
            self,
            Grammar::Bracket
                | Grammar::Paren
                | Grammar::Caret
                | Grammar::Sup
                | Grammar::Pipe
                | Grammar::Symbol
        )
    }

    pub fn name(self) -> &'static str {
        match self {
            Grammar::Bracket => "[n]",
            Grammar::Paren => "(n)",
            Grammar::ParenClose => "n)",
            Grammar::Period => "n.",
            Grammar::Plain => "n",
            Grammar::Caret => "^n",
            Grammar::Pipe => "n |",
            Grammar::Sup => "superscript",
            Grammar::Symbol => "symbol",
        }
    }
}

/// What the label's characters are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Numbering {
    Arabic,
    RomanLower,
    RomanUpper,
    LetterUpper,
    LetterLower,
    /// `*` `†` `‡` `§` `‖` `¶`, in the order style guides give them
    Symbol,
}

impl Numbering {
    /// The label of note `n` written in this numbering (`4` → "4", "iv", "IV", "D", "d").
    pub fn label(self, n: u32) -> String {
        match self {
            Numbering::Arabic => n.to_string(),
            Numbering::RomanLower => roman(n),
            Numbering::RomanUpper => roman(n).to_uppercase(),
            Numbering::LetterUpper => letter(n, b'A'),
            Numbering::LetterLower => letter(n, b'a'),
            Numbering::Symbol => SYMBOLS
                .get((n as usize).wrapping_sub(1))
                .map_or_else(|| n.to_string(), |c| c.to_string()),
        }
    }
}

fn letter(n: u32, base: u8) -> String {
    match u8::try_from(n) {
        Ok(k) if (1..=26).contains(&k) => char::from(base + k - 1).to_string(),
        _ => n.to_string(),
    }
}

/// Note symbols in their conventional order.
pub const SYMBOLS: [char; 6] = ['*', '†', '‡', '§', '‖', '¶'];

/// The value of a note symbol (`†` → 2).
pub fn symbol_value(c: char) -> Option<u32> {
    SYMBOLS
        .iter()
        .position(|&s| s == c)
        .and_then(|k| u32::try_from(k + 1).ok())
}

/// `n` in lowercase Roman numerals (1..=3999; otherwise Arabic).
pub fn roman(mut n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The value of a Roman numeral written canonically (`"xiv"` → 14); `None` otherwise, so that
/// `"iiii"` or a word such as `"mix"` is not a label.
pub fn roman_value(s: &str) -> Option<u32> {
    let lower = s.to_ascii_lowercase();
    if lower.is_empty() || lower.len() > 8 || !lower.bytes().all(|b| b"ivxlc".contains(&b)) {
        return None;
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for b in lower.bytes().rev() {
        let v = match b {
            b'i' => 1,
            b'v' => 5,
            b'x' => 10,
            b'l' => 50,
            _ => 100,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (roman(total) == lower).then_some(total)
}

/// Highest note number believed: beyond it a number is body text (a year, a count).
pub const MAX_LABEL: u32 = 1500;

/// One candidate note start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cand {
    pub grammar: Grammar,
    pub numbering: Numbering,
    pub value: u32,
    /// Byte offset of the label's first character (bracket included).
    pub start: usize,
    /// Byte offset of the note text after the label and its punctuation.
    pub text_start: usize,
    /// Only blanks between the previous line break and the label.
    pub line_start: bool,
    /// The same words follow other numbers too: maybe a running header or footer.
    pub repeated: bool,
    /// The word before the label is a function word (`the 2 CFR`).
    pub after_function_word: bool,
}

/// Every candidate note start in `text[from..]`, in order of position.
pub fn candidates(text: &str, from: usize) -> Vec<Cand> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    while i < b.len() {
        let c = b.get(i).copied().unwrap_or(0);
        let interesting = c.is_ascii_digit()
            || matches!(c, b'[' | b'(' | b'\\' | b'^' | b'*' | 0xC2 | 0xE2)
            || (c.is_ascii_alphabetic() && i > 0);
        if interesting && left_ok(b, i) {
            if let Some(cand) = label_at(text, i) {
                out.push(cand);
                i = cand.text_start.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// A note label may follow a line start, a blank, or the text's start.
fn left_ok(b: &[u8], i: usize) -> bool {
    i == 0
        || b.get(i - 1)
            .is_some_and(|p| matches!(p, b' ' | b'\t' | b'\n' | b'\r'))
}

fn is_line_start(b: &[u8], i: usize) -> bool {
    let mut k = i;
    while k > 0 {
        match b.get(k - 1) {
            Some(b' ' | b'\t') => k -= 1,
            Some(b'\n') => return true,
            _ => return false,
        }
    }
    true
}

/// Digits at `i`: (value, end). 1–4 digits, no leading zero.
fn digits(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut v = 0u32;
    while let Some(d) = b.get(j).filter(|d| d.is_ascii_digit()) {
        if j - i >= 4 {
            return None;
        }
        v = v * 10 + u32::from(d - b'0');
        j += 1;
    }
    if j == i || b.get(i) == Some(&b'0') {
        return None;
    }
    Some((v, j))
}

/// Letters at `i` that form a Roman numeral or a single letter label: (value, numbering, end).
fn alpha_label(b: &[u8], i: usize) -> Option<(u32, Numbering, usize)> {
    let mut j = i;
    while b.get(j).is_some_and(|c| c.is_ascii_alphabetic()) {
        j += 1;
        if j - i > 8 {
            return None;
        }
    }
    let word = std::str::from_utf8(b.get(i..j)?).ok()?;
    if let Some(v) = roman_value(word) {
        let lower = word.bytes().all(|c| c.is_ascii_lowercase());
        let upper = word.bytes().all(|c| c.is_ascii_uppercase());
        // a lone capital `I`, `V`, `C` is more often a letter label than a Roman numeral
        if lower {
            return Some((v, Numbering::RomanLower, j));
        }
        if upper && word.len() > 1 {
            return Some((v, Numbering::RomanUpper, j));
        }
    }
    if j - i == 1 {
        let c = b.get(i).copied()?;
        if c.is_ascii_uppercase() {
            return Some((u32::from(c - b'A') + 1, Numbering::LetterUpper, j));
        }
        return Some((u32::from(c - b'a') + 1, Numbering::LetterLower, j));
    }
    None
}

/// `1 )` or, in letter-spaced text, `1 0 )`: single digits each followed by one blank, then
/// `)`. Returns the value and the byte after the parenthesis.
fn spaced_paren_label(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let mut v = 0u32;
    let mut j = i;
    let mut count = 0;
    while let (Some(d), Some(b' ')) = (b.get(j).filter(|d| d.is_ascii_digit()), b.get(j + 1)) {
        v = v * 10 + u32::from(d - b'0');
        count += 1;
        j += 2;
        if count > 3 {
            return None;
        }
        if b.get(j) == Some(&b')') {
            return (v > 0).then_some((v, j + 1));
        }
    }
    None
}

fn skip_blanks(b: &[u8], mut j: usize) -> usize {
    while b.get(j).is_some_and(|c| matches!(c, b' ' | b'\t')) {
        j += 1;
    }
    j
}

/// The candidate whose label starts at `i`, if the text after it could begin a note.
fn label_at(text: &str, i: usize) -> Option<Cand> {
    let b = text.as_bytes();
    let first = *b.get(i)?;
    let (grammar, numbering, value, after) = match first {
        b'[' | b'\\' | b'(' => {
            let (open_len, close): (usize, &[u8]) = match first {
                b'[' => (1, b"]"),
                b'(' => (1, b")"),
                _ if b.get(i + 1) == Some(&b'[') => (2, b"\\]"),
                _ => return None,
            };
            let inner = i + open_len;
            let (value, numbering, mut j) = match digits(b, inner) {
                Some((v, j)) => (v, Numbering::Arabic, j),
                None => alpha_label(b, inner)?,
            };
            // `(A.)`
            if first == b'(' && b.get(j) == Some(&b'.') {
                j += 1;
            }
            if !b.get(j..)?.starts_with(close) {
                return None;
            }
            let grammar = if first == b'(' {
                Grammar::Paren
            } else {
                Grammar::Bracket
            };
            // letters only in parentheses or brackets, never a lowercase letter alone in brackets
            // (`[a]` is an insertion)
            (grammar, numbering, value, j + close.len())
        }
        b'^' => {
            let inner = if b.get(i + 1) == Some(&b'[') {
                i + 2
            } else {
                i + 1
            };
            let (v, mut j) = digits(b, inner)?;
            if inner == i + 2 {
                if b.get(j) != Some(&b']') {
                    return None;
                }
                j += 1;
            }
            (Grammar::Caret, Numbering::Arabic, v, j)
        }
        b'0'..=b'9' => {
            let (v, j) = digits(b, i)?;
            match b.get(j) {
                Some(b'.') => (Grammar::Period, Numbering::Arabic, v, j + 1),
                Some(b')') => (Grammar::ParenClose, Numbering::Arabic, v, j + 1),
                Some(b'|') => (Grammar::Pipe, Numbering::Arabic, v, j + 1),
                Some(b' ' | b'\t') => {
                    let k = skip_blanks(b, j);
                    if b.get(k) == Some(&b'|') {
                        (Grammar::Pipe, Numbering::Arabic, v, k + 1)
                    } else if let Some((v, end)) = spaced_paren_label(b, i) {
                        // `1 )`, and letter-spaced PDF text's `1 0 )`
                        (Grammar::ParenClose, Numbering::Arabic, v, end)
                    } else {
                        (Grammar::Plain, Numbering::Arabic, v, j)
                    }
                }
                _ => return None,
            }
        }
        b'*' | 0xC2 | 0xE2
            if text
                .get(i..)?
                .chars()
                .next()
                .and_then(symbol_value)
                .is_some() =>
        {
            // `* text`, `† text`: a symbol note, at a line start (a `*` elsewhere is emphasis)
            let c = text.get(i..)?.chars().next()?;
            if c == '*' && !is_line_start(b, i) {
                return None;
            }
            if !matches!(b.get(i + c.len_utf8()), Some(b' ' | b'\t')) {
                return None;
            }
            (
                Grammar::Symbol,
                Numbering::Symbol,
                symbol_value(c)?,
                i + c.len_utf8(),
            )
        }
        0xC2 | 0xE2 => {
            let rest = text.get(i..)?;
            let mut v = 0u32;
            let mut len = 0;
            for ch in rest.chars() {
                match crate::extract::prose::sup_digit(ch) {
                    Some(d) if len < 12 => {
                        v = v * 10 + d;
                        len += ch.len_utf8();
                    }
                    _ => break,
                }
            }
            if len == 0 || v == 0 {
                return None;
            }
            (Grammar::Sup, Numbering::Arabic, v, i + len)
        }
        c if c.is_ascii_alphabetic() => {
            // `iv.` / `A.` as labels of a list: only Roman numerals or one capital, at a line
            // start, then a period
            if !is_line_start(b, i) {
                return None;
            }
            let (v, numbering, j) = alpha_label(b, i)?;
            if b.get(j) != Some(&b'.') || numbering == Numbering::LetterLower {
                return None;
            }
            (Grammar::Period, numbering, v, j + 1)
        }
        _ => return None,
    };
    if value == 0 || value > MAX_LABEL {
        return None;
    }
    // the label's own trailing punctuation: `[1] .` `[1]:` `1.` then blanks
    let mut j = skip_blanks(b, after);
    // `[1]: https://…` is a Markdown link reference definition, not a note
    if grammar == Grammar::Bracket && b.get(after) == Some(&b':') {
        let rest = text.get(skip_blanks(b, after + 1)..).unwrap_or("");
        if rest.starts_with("http") || rest.starts_with("<http") || rest.starts_with('/') {
            return None;
        }
    }
    if grammar == Grammar::Bracket && matches!(b.get(j), Some(b'.' | b':')) {
        j = skip_blanks(b, j + 1);
    }
    let spaced = j > after || matches!(b.get(after), Some(b'\n' | b'\r'));
    let j = {
        let mut k = j;
        while b
            .get(k)
            .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        {
            k += 1;
        }
        k
    };
    let next = text.get(j..)?.chars().next()?;
    if !starts_note(
        grammar,
        numbering,
        spaced,
        next,
        text.get(j..).unwrap_or(""),
    ) {
        return None;
    }
    // `Figure 2. Better`, `Section 3 The`: the number belongs to the word before it
    if !grammar.strong() && numbering == Numbering::Arabic && claimed(text, i) {
        return None;
    }
    Some(Cand {
        grammar,
        numbering,
        value,
        start: i,
        text_start: j,
        line_start: is_line_start(b, i),
        repeated: false,
        after_function_word: numbering == Numbering::Arabic && !grammar.strong() && {
            let before = text.get(..i).unwrap_or("").trim_end();
            let word = before
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("")
                .to_lowercase();
            FUNCTION_WORDS.contains(&word.as_str())
        },
    })
}

/// Words whose number follows them: a number after one of them is not a note label.
/// Function words: a number after one is most often prose (`the 2 CFR Part 200`), but a
/// page's footnotes may also cut a sentence there (`replaced by an 2 The legal basis`), so
/// they only cost a chain something.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "by", "for", "with", "from", "at", "and", "or",
    "than", "about", "under", "over",
];

const CLAIMING: &[&str] = &[
    "figure",
    "fig",
    "table",
    "section",
    "sec",
    "chapter",
    "ch",
    "article",
    "art",
    "box",
    "step",
    "part",
    "appendix",
    "annex",
    "exhibit",
    "chart",
    "map",
    "phase",
    "no",
    "p",
    "pp",
    "page",
    "vol",
    "volume",
    "issue",
    "tier",
    "level",
    "paragraph",
    "para",
    "schedule",
    "rule",
    "graph",
    "panel",
    "source",
    "pillar",
    "option",
    "scenario",
    "version",
    "round",
    "stage",
];

/// Is the number at `i` the number of the word before it (`Figure 2`, `No. 4`)? A word that
/// ends a sentence (`stage. 4 Smith`) claims nothing, unless it is an abbreviation.
fn claimed(text: &str, i: usize) -> bool {
    let before = text.get(..i).unwrap_or("").trim_end();
    let raw = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let word = raw.trim_end_matches(['.', ':']).to_lowercase();
    if raw.ends_with('.') || raw.ends_with(':') {
        return matches!(
            word.as_str(),
            "no" | "p" | "pp" | "fig" | "vol" | "art" | "sec" | "ch" | "para"
        );
    }
    CLAIMING.contains(&word.as_str())
}

/// Could a note's text begin with `next` after a label of this grammar?
fn starts_note(
    grammar: Grammar,
    numbering: Numbering,
    spaced: bool,
    next: char,
    rest: &str,
) -> bool {
    // a note may open with a number that leads a legal citation (`15 U.S.C. ch. 123`,
    // `90 Fed. Reg. 1636`, `45 C.F.R.`): digits, a blank, a capital
    if next.is_ascii_digit() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let after = rest.get(digits..).unwrap_or("");
        return digits <= 4
            && after.starts_with(' ')
            && after
                .get(1..)
                .is_some_and(|a| a.starts_with(|c: char| c.is_ascii_uppercase()))
            && matches!(grammar, Grammar::Plain | Grammar::Period | Grammar::Bracket);
    }
    if matches!(next, '%' | ',' | '.' | ';' | ')' | ']' | '-' | '–' | '/') {
        return false;
    }
    let opening = next.is_uppercase()
        || matches!(
            next,
            '“' | '"' | '‘' | '\'' | '*' | '_' | '(' | '[' | '<' | '«' | '„' | '”'
        )
        || rest.starts_with("http")
        || rest.starts_with("www.")
        || rest.starts_with("ibid")
        || rest.starts_with("id.")
        || rest.starts_with("op. cit")
        || (!next.is_ascii() && next.is_alphabetic() && !next.is_lowercase());
    match grammar {
        // `1.` and `1 ` are the commonest numbers in prose: the note must open like one
        Grammar::Plain | Grammar::Period | Grammar::ParenClose => {
            opening && (spaced || grammar == Grammar::ParenClose)
        }
        // a letter in parentheses is an enumeration unless a capital opens the text
        Grammar::Paren if numbering != Numbering::Arabic => opening,
        _ => opening || next.is_alphabetic() || (!next.is_ascii() && !next.is_whitespace()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cands(s: &str) -> Vec<(Grammar, u32, String)> {
        candidates(s, 0)
            .into_iter()
            .map(|c| {
                (
                    c.grammar,
                    c.value,
                    s.get(c.text_start..)
                        .unwrap_or("")
                        .chars()
                        .take(3)
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn every_grammar_is_seen() {
        let s = "1. Abc [2] Def [3] . Ghi \\[4\\] Jkl (5) Mno 6) Pqr ^7 Stu 8 | Vwx 9| Yza ¹⁰ Bcd 11 Efg 1 2 ) Hij";
        let got: Vec<(Grammar, u32)> = cands(s).into_iter().map(|(g, v, _)| (g, v)).collect();
        assert_eq!(
            got,
            [
                (Grammar::Period, 1),
                (Grammar::Bracket, 2),
                (Grammar::Bracket, 3),
                (Grammar::Bracket, 4),
                (Grammar::Paren, 5),
                (Grammar::ParenClose, 6),
                (Grammar::Caret, 7),
                (Grammar::Pipe, 8),
                (Grammar::Pipe, 9),
                (Grammar::Sup, 10),
                (Grammar::Plain, 11),
                (Grammar::ParenClose, 12),
            ]
        );
    }

    #[test]
    fn numbers_of_prose_are_not_note_starts() {
        assert!(cands("in 2019, 12 percent of 3.5 million, page 4-5, 10%").is_empty());
        assert!(cands("Figure 3. Growth").is_empty());
        let after_the = candidates("under the 2 CFR Part 200", 0);
        assert!(after_the.first().is_some_and(|c| c.after_function_word));
        assert!(cands("word1 Abc").is_empty());
    }

    #[test]
    fn roman_and_letters() {
        assert_eq!(roman_value("xiv"), Some(14));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(roman_value("mix"), None);
        assert_eq!(roman(12), "xii");
        let got = cands("[iv] Smith (B.) Jones");
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].0, got[0].1), (Grammar::Bracket, 4));
        assert_eq!((got[1].0, got[1].1), (Grammar::Paren, 2));
    }
}
