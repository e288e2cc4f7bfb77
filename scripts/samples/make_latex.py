#!/usr/bin/env python3
"""Turns a plain-text article with numbered notes (references/peninsula-prospects.txt) into
the same article as LaTeX with a BibTeX bibliography: the same text, markers and defects.

The text is read generally, not note by note: the first line is the title, the second the
byline; a paragraph that starts with the author's name is the author's note (\\thanks); a line
`N text` that continues the count 1, 2, 3 ... is note N; a paragraph that starts in lowercase
continues the one a page break cut; a short line without a final stop is a section heading;
superscript digits in the body are the markers. Each note then becomes either a bibliography
entry cited with \\footcite (a citation with clear fields: a dated page with its link, or a
journal article with its volume, number or pages) or a \\footnote (news without a link, short
forms), as a biblatex document mixing both would. \\footcite takes a footnote number, so the
footnotes keep the text's numbers. Nothing is corrected: a wrong date stays wrong.

Usage: python3 scripts/samples/make_latex.py [references/peninsula-prospects.txt]
writes references/peninsula-prospects.tex and references/peninsula-prospects.bib beside it.
Standard library only.
"""

import re
import sys
import textwrap
import unicodedata
from pathlib import Path

SUPERSCRIPTS = {c: str(i) for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DATE = re.compile(r"(?:(%s) (\d{1,2}), )?((?:19|20)\d\d)" % "|".join(MONTHS))
URL = re.compile(r"<?(https?://[^\s<>]+?)>?(?=[.,;]?(?:\s|$))")


def blocks(text):
    """The paragraphs of the text: runs of lines between blank lines, joined."""
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        joined = " ".join(line.strip() for line in chunk.splitlines() if line.strip())
        if joined:
            out.append(joined)
    return out


def read(text):
    """Title, author, author's note, the body as (kind, text) items and the notes by number."""
    bs = blocks(text)
    title, author = bs[0], bs[1]
    thanks = None
    notes = {}
    body = []
    for b in bs[2:]:
        m = re.match(r"(\d{1,3}) (.+)$", b)
        if m and int(m.group(1)) == len(notes) + 1:
            notes[int(m.group(1))] = m.group(2)
        elif b.startswith(author + " is ") or b.startswith(author + ", "):
            thanks = b
        elif body and b[:1].islower() and body[-1][0] == "par":
            # a paragraph a page break cut in two
            body[-1] = ("par", body[-1][1] + " " + b)
        elif len(b) < 150 and not re.search(r"[.?!:;”\"’)]$", b) and b[:1].isupper():
            body.append(("section", b))
        else:
            body.append(("par", b))
    return title, author, thanks, body, notes


def tex_escape(s):
    """Plain text as LaTeX: special characters escaped, quotes as TeX writes them."""
    s = s.replace("\\", r"\textbackslash{}")
    for c in "&%$#_{}":
        s = s.replace(c, "\\" + c)
    s = s.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")
    s = s.replace("“", "``").replace("”", "''").replace("‘", "`").replace("’", "'")
    # straight double quotes: opening after a blank or a bracket, else closing
    s = re.sub(r'(^|[\s(\[])"', r"\1``", s)
    s = s.replace('"', "''")
    s = re.sub(r"(\d)-(\d)", r"\1--\2", s)
    return s


def note_tex(note):
    """A note's text as LaTeX: links in \\url, *italics* in \\emph."""
    parts = []
    last = 0
    for m in URL.finditer(note):
        parts.append(tex_escape(note[last:m.start()]))
        parts.append(r"\url{%s}" % m.group(1).replace("%", r"\%").replace("#", r"\#"))
        last = m.end()
    parts.append(tex_escape(note[last:]))
    out = "".join(parts)
    return re.sub(r"\*([^*]+)\*", r"\\emph{\1}", out)


def fields(note):
    """What a note cites: authors, title, outlet (italic or not), date, URL, volume, number,
    pages, as far as its text says."""
    f = {}
    m = re.search(r"[“\"](.+?)[,.]?[”\"]", note)
    if not m:
        return f
    f["title"] = m.group(1).rstrip(",")
    before = note[:m.start()].strip().rstrip(",").strip()
    if before:
        f["authors"] = [a.strip() for a in re.split(r",\s*(?:and\s+)?|\s+and\s+", before) if a.strip()]
    rest = note[m.end():]
    u = URL.search(rest)
    if u:
        f["url"] = u.group(1)
        rest = rest[:u.start()]
    italic = re.search(r"\*([^*]+)\*", rest)
    d = DATE.search(rest)
    if italic:
        f["journal"] = italic.group(1)
    else:
        # an outlet not in italics: the words between the title and the date
        first = rest[:d.start() if d else len(rest)].strip(" ,.").split(",")[0].strip()
        if first and not re.match(r"(No|Vol|pp?)\.", first):
            f["organization"] = first
    if d:
        if d.group(1):
            f["date"] = "%s-%02d-%02d" % (d.group(3), MONTHS.index(d.group(1)) + 1, int(d.group(2)))
        else:
            f["year"] = d.group(3)
    for key, pat in (("volume", r"Vol\.\s*(\d+)"), ("number", r"No\.\s*(\d+)"),
                     ("pages", r"pp?\.\s*(\d+(?:-\d+)?)")):
        v = re.search(pat, rest)
        if v:
            f[key] = v.group(1).replace("-", "--")
    return f


def as_entry(f):
    """The entry type a note's fields make, or None when it stays a footnote: a dated page
    with its link, or a journal article named by volume, number or pages."""
    if "title" not in f:
        return None
    if f.get("url") and f.get("date"):
        return "article" if f.get("journal") else "online"
    if f.get("journal") and not f.get("url") and any(k in f for k in ("volume", "number", "pages")):
        return "article"
    return None


def ascii_word(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", s.lower())


def key_of(f, taken):
    who = f["authors"][-1].split()[-1] if f.get("authors") else (f.get("journal") or f.get("organization") or "anon").split()[0]
    year = (f.get("date") or f.get("year") or "nd")[:4]
    word = next((w for w in re.findall(r"[A-Za-z]+", f["title"]) if len(w) > 3), "work")
    key = "%s%s%s" % (ascii_word(who), year, ascii_word(word))
    base, n = key, 1
    while key in taken:
        n += 1
        key = "%s-%d" % (base, n)
    taken.add(key)
    return key


def bib_entry(kind, key, f):
    lines = ["@%s{%s," % (kind, key)]
    def field(name, value):
        lines.append("  %-13s= {%s}," % (name, value))
    if f.get("authors"):
        field("author", " and ".join(tex_escape(a) for a in f["authors"]))
    field("title", tex_escape(f["title"]))
    if f.get("journal"):
        field("journaltitle", tex_escape(f["journal"]))
    if f.get("organization"):
        field("organization", tex_escape(f["organization"]))
    for name in ("volume", "number", "pages", "date", "year"):
        if f.get(name):
            field(name, f[name])
    if f.get("url"):
        field("url", f["url"])
    lines.append("}")
    return "\n".join(lines)


def body_tex(text, cite):
    """A paragraph as LaTeX, each superscript marker replaced by its note's command."""
    out = []
    for piece in re.split(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", text):
        if piece and all(c in SUPERSCRIPTS for c in piece):
            out.append(cite(int("".join(SUPERSCRIPTS[c] for c in piece))))
        else:
            out.append(tex_escape(piece))
    return "".join(out)


def main():
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "references/peninsula-prospects.txt")
    title, author, thanks, body, notes = read(src.read_text(encoding="utf-8"))
    taken = set()
    entries = []
    commands = {}
    for n, note in notes.items():
        f = fields(note)
        kind = as_entry(f)
        if kind:
            key = key_of(f, taken)
            entries.append(bib_entry(kind, key, f))
            commands[n] = r"\footcite{%s}" % key
        else:
            commands[n] = r"\footnote{%s}" % note_tex(note)
    bib_name = src.with_suffix(".bib").name
    tex = [
        "%% Generated from %s by scripts/samples/make_latex.py: the same text, notes and defects." % src.name,
        r"\documentclass{article}",
        r"\usepackage[utf8]{inputenc}",
        r"\usepackage[style=verbose,backend=biber]{biblatex}",
        r"\usepackage{hyperref}",
        r"\addbibresource{%s}" % bib_name,
        "",
        r"\title{%s}" % tex_escape(title),
        r"\author{%s%s}" % (tex_escape(author), r"\thanks{%s}" % tex_escape(thanks) if thanks else ""),
        r"\date{}",
        "",
        r"\begin{document}",
        r"\maketitle",
        "",
    ]
    for kind, text in body:
        if kind == "section":
            tex.append(r"\section*{%s}" % tex_escape(text))
        else:
            # wrapped at blanks only, as editors wrap: a link or a key is never cut
            tex.append(textwrap.fill(body_tex(text, lambda n: commands.get(n, "")), width=100,
                                     break_long_words=False, break_on_hyphens=False))
        tex.append("")
    tex += [r"\printbibliography", r"\end{document}", ""]
    src.with_suffix(".tex").write_text("\n".join(tex), encoding="utf-8")
    header = "% Generated from {} by scripts/samples/make_latex.py.\n\n".format(src.name)
    src.with_suffix(".bib").write_text(header + "\n\n".join(entries) + "\n", encoding="utf-8")
    print("%s: %d notes, %d as bibliography entries, %d as footnotes" % (
        src.with_suffix(".tex"), len(notes), len(entries), len(notes) - len(entries)))


if __name__ == "__main__":
    main()
