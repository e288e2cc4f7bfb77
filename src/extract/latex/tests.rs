//! The LaTeX reader on whole documents, with their `\input` files and bibliographies written
//! to a temporary directory.

use std::path::Path;

use super::*;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    if let Err(e) = std::fs::write(&path, text) {
        panic!("{e}");
    }
    path.to_string_lossy().to_string()
}

fn read(path: &str) -> Document {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    extract_latex(path, &text).unwrap_or_else(|e| panic!("{e}"))
}

fn labels(d: &Document) -> Vec<&str> {
    d.notes.iter().map(|n| n.label.as_str()).collect()
}

fn marker_labels(d: &Document) -> Vec<&str> {
    d.markers.iter().map(|m| m.label.as_str()).collect()
}

#[test]
fn footnotes_in_order_with_their_markers_text_and_links() {
    let src = r"\documentclass{article}
\begin{document}
Korea changed in 2019.\footnote{Jane Roe, ``A Title,'' \emph{The Outlet}, May 3, 2019, \url{https://example.org/a\_b}.} % a comment \footnote{not one}
Then more.\footnote[7]{Explicit, \href{https://x.org/p}{the page}.}
And a third.\footnote{{\'E}cole---see p.~3 and 50\%.}
\begin{verbatim}
\footnote{in verbatim}
\end{verbatim}
\iffalse \footnote{commented out} \fi
\newcommand{\fn}[1]{\footnote{#1}}
\end{document}
\footnote{after the end}
";
    let d = extract_latex("doc.tex", src).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(labels(&d), ["1", "7", "2"]);
    assert_eq!(marker_labels(&d), ["1", "7", "2"]);
    let n = &d.notes[0];
    assert_eq!(
        n.text,
        "Jane Roe, “A Title,” *The Outlet*, May 3, 2019, https://example.org/a_b."
    );
    assert_eq!(n.urls.len(), 1);
    assert_eq!(n.urls[0].url, "https://example.org/a_b");
    assert_eq!(n.urls[0].pos.line, 3);
    assert_eq!(n.pos, Pos::new(3, 33));
    assert_eq!(d.markers[0].pos, Pos::new(3, 23));
    assert_eq!(d.markers[0].context, "Korea changed in 2019.");
    assert_eq!(d.notes[1].text, "Explicit, the page.");
    assert_eq!(d.notes[1].urls[0].url, "https://x.org/p");
    assert_eq!(d.notes[2].text, "École—see p. 3 and 50%.");
    assert_eq!(d.markers[1].context, "Then more.");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn citations_entries_and_the_files_they_are_in() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    write(d, "refs.bib", "@article{used,\n  author = {Roe, Jane},\n  title = {Used Work},\n  journal = {Journal},\n  year = 2019,\n  url = {https://example.org/used},\n}\n\n@misc{unused,\n  title = {Never Cited},\n  year = 2020,\n}\n");
    write(
        d,
        "chapters/one.tex",
        "In the chapter \\citep[p.~4]{used, nowhere}.\n",
    );
    let main = write(d, "main.tex", "\\documentclass{article}\n\\begin{document}\nIntro.\\footnote{See \\cite{used}.}\n\\input{chapters/one}\n\\bibliography{refs}\n\\end{document}\n");
    let doc = read(&main);
    assert_eq!(labels(&doc), ["1", "used", "unused"]);
    assert_eq!(marker_labels(&doc), ["1", "used", "used", "nowhere"]);
    // the footnote stands for its entry: its fields, not its link (checked once, at the entry)
    let f = &doc.notes[0];
    assert_eq!(f.text, "See Jane Roe, “Used Work,” *Journal* (2019).");
    assert_eq!(
        f.cited.as_ref().and_then(|c| c.title.as_deref()),
        Some("Used Work")
    );
    assert!(f.urls.is_empty());
    // positions in the file they are in
    let bib = d.join("refs.bib").to_string_lossy().to_string();
    let chapter = d.join("chapters/one.tex").to_string_lossy().to_string();
    let used = &doc.notes[1];
    assert_eq!(
        used.pos.file.map(|f| f.path().to_string()),
        Some(bib.clone())
    );
    assert_eq!(used.pos.line, 1);
    assert_eq!(used.urls[0].pos.line, 6);
    assert_eq!(doc.notes[2].pos.line, 9);
    let in_chapter = &doc.markers[2];
    assert_eq!(
        in_chapter.pos.file.map(|f| f.path().to_string()),
        Some(chapter)
    );
    assert_eq!((in_chapter.pos.line, in_chapter.pos.column), (1, 29));
    assert_eq!(in_chapter.context, "In the chapter");
    assert!(doc.keys.contains("nowhere") && doc.keys.contains("unused"));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    // the files a walk leaves to the document
    let pulled = pulled_in(Path::new(&main));
    let canon = |p: &str| std::fs::canonicalize(d.join(p)).unwrap_or_default();
    assert!(pulled.contains(&canon("refs.bib")) && pulled.contains(&canon("chapters/one.tex")));
}

#[test]
fn nocite_star_cites_every_entry_and_bibitems_are_entries() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    write(d, "r.bib", "@misc{a, title={A}}\n@misc{b, title={B}}\n");
    let main = write(d, "m.tex", "\\nocite{*}\\addbibresource{r.bib}\nText \\cite{hand}.\n\\begin{thebibliography}{9}\n\\bibitem{hand} H. Author, \\emph{Hand Made}, 2001.\n\\bibitem[X]{other} Other.\n\\end{thebibliography}\n");
    let doc = read(&main);
    // entries in reading order: where first cited
    assert_eq!(labels(&doc), ["a", "b", "hand", "other"]);
    assert_eq!(doc.notes[2].text, "H. Author, *Hand Made*, 2001.");
    let cited: Vec<&str> = marker_labels(&doc);
    assert_eq!(cited, ["a", "b", "hand"]);
}

#[test]
fn broken_inputs_give_warnings_not_failures() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    write(d, "a.tex", "A \\input{b}\\footnote{in a}\n");
    write(d, "b.tex", "B \\input{a}\\footnote{in b}\n");
    write(d, "bad.bib", "@misc{ok, title={Fine}}\n@misc{broken, title={never {closed}\n@misc{after, title={Read}}\n");
    let main = write(d, "main.tex", "\\input{a}\n\\input{missing}\n\\bibliography{bad,absent}\nX\\cite{ok,after,broken}\\footnote{unclosed {brace\n\nNext paragraph.\n");
    let doc = read(&main);
    let w = doc.warnings.join("\n");
    assert!(w.contains("a.tex inputs itself (a cycle)"), "{w}");
    assert!(
        w.contains("missing: cannot read") || w.contains("missing.tex: cannot read"),
        "{w}"
    );
    assert!(
        w.contains("bad.bib: line 2: entry broken: unbalanced braces"),
        "{w}"
    );
    assert!(
        w.contains("absent.bib (named on line 3): cannot read"),
        "{w}"
    );
    assert!(w.contains("\\footnote never closed"), "{w}");
    assert_eq!(labels(&doc), ["1", "2", "ok", "broken", "after", "3"]);
    assert_eq!(doc.notes[5].text, "unclosed brace");
    // deep nesting is bounded
    for i in 0..20 {
        write(
            d,
            &format!("n{i}.tex"),
            &format!("\\input{{n{}}}\\footnote{{{i}}}", i + 1),
        );
    }
    let deep = read(&write(d, "deep.tex", "\\input{n0}"));
    assert!(
        deep.warnings
            .iter()
            .any(|w| w.contains("nested more than 16 deep")),
        "{:?}",
        deep.warnings
    );
    assert_eq!(deep.notes.len(), 16);
}

#[test]
fn a_bib_on_its_own_is_a_list_of_references() {
    let src = "@string{j = {Journal}}\n@article{k1, title = {One}, journal = j, year = 2019, url = {https://example.org/1}}\n\n@online{2020, title = {Numeric Key}, date = {2020-02-30}}\n";
    let d = extract_bib("refs.bib", src).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(labels(&d), ["k1", "2020"]);
    assert!(d.markers.is_empty());
    assert_eq!(d.notes[0].urls[0].pos, Pos::new(2, 62));
    assert_eq!(d.notes[1].pos, Pos::new(4, 1));
    assert!(d.keys.contains("2020"));
    let none = extract_bib("x.bib", "just words").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(none.warnings, ["no BibTeX entries found"]);
}
