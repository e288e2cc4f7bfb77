#!/usr/bin/env python3
"""Typesets a plain-text sample with footnotes as a PDF, the way a word processor would.

    pip install reportlab      # this script's only dependency (PyPI); not needed by reflint
    python3 scripts/samples/make_pdf.py references/peninsula-prospects.txt references/peninsula-prospects.pdf

Not run in CI: the PDF it made is committed, and tests/pdf.rs checks that reflint reads the
same notes, URLs and findings from it as from the text.

The text is read generally, not by its known contents:
- blocks are separated by blank lines; the first is the title, the second the author line;
- a block `N text` whose N is the next note number (1, 2, 3 …) is that note's definition;
- a short block without a final stop is a heading; every other block is a paragraph;
- superscript digits (`¹²`) in a paragraph are note markers; `*words*` are italics.

Each paragraph is set in Times 11 pt, its markers as smaller raised digits; each note is set
at the foot of the page where its marker falls (Times 9 pt under a rule, its number raised),
as footnotes are. Every URL in a note is a link annotation over the URL's text, on each line
the URL spans, as hyperref and word processors make them. Characters the standard fonts cannot
show (an emoji) are left out, and said so on stderr.
"""

import re
import sys

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

PAGE_W, PAGE_H = letter
LEFT, RIGHT, TOP, BOTTOM = 72, 72, 72, 64
WIDTH = PAGE_W - LEFT - RIGHT

BODY = ("Times-Roman", "Times-Italic", 11, 14.0)
NOTE = ("Times-Roman", "Times-Italic", 9, 11.0)
SUP_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+")


DROPPED = set()


def encodable(text, dropped=DROPPED):
    out = []
    for ch in text:
        try:
            ch.encode("cp1252")
            out.append(ch)
        except UnicodeEncodeError:
            dropped.add(ch)
    return "".join(out)


def tokens(text):
    """Words with their style, ('word', text, italic, sup, url), and ('space',); a URL's
    tokens carry the whole URL, for its link annotations."""
    out = []
    italic = False
    # `*…*` toggles italics; superscript digits are markers
    for part in re.split(r"(\*|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\s+)", text):
        if not part:
            continue
        if part == "*":
            italic = not italic
        elif part.isspace():
            out.append(("space",))
        elif part[0] in SUP_DIGITS:
            digits = "".join(str(SUP_DIGITS.index(c)) for c in part)
            out.append(("word", digits, False, True, None))
        else:
            part = encodable(part)
            if not part:
                continue
            m = URL.search(part)
            url = m.group(0).rstrip(".,;:>)") if m else None
            out.append(("word", part, italic, False, url))
    return out


def word_width(tok, style):
    _, text, italic, sup, _ = tok
    regular, ital, size, _ = style
    if sup:
        return stringWidth(text, regular, size * 0.65)
    return stringWidth(text, ital if italic else regular, size)


def break_url(text, width, style):
    """A URL longer than a line, cut after its separators as hyperref breaks it."""
    pieces, cur = [], ""
    for ch in text:
        if cur and stringWidth(cur + ch, style[0], style[2]) > width:
            cut = max(cur.rfind(c) for c in "/-_.?&=") + 1
            if cut <= 0:
                cut = len(cur)
            pieces.append(cur[:cut])
            cur = cur[cut:]
        cur += ch
    pieces.append(cur)
    return pieces


def lay_out(text, style, first_indent=0.0):
    """Lines of (x, token) for a paragraph: words packed greedily into the width."""
    lines, line, x = [], [], first_indent
    space = stringWidth(" ", style[0], style[2])
    pending_space = False
    for tok in tokens(text):
        if tok[0] == "space":
            pending_space = bool(line)
            continue
        parts = [tok]
        if tok[4] and word_width(tok, style) > WIDTH:
            parts = [("word", p, tok[2], tok[3], tok[4]) for p in break_url(tok[1], WIDTH * 0.9, style)]
        for i, part in enumerate(parts):
            w = word_width(part, style)
            glue = space if pending_space and not part[3] else 0.0
            # a marker stays with the word it follows, even past the margin
            if line and x + glue + w > WIDTH and not part[3]:
                lines.append(line)
                line, x, glue = [], 0.0, 0.0
            x += glue
            line.append((x, part))
            x += w
            pending_space = False
    if line:
        lines.append(line)
    return lines


class Typesetter:
    def __init__(self, path):
        # invariant: the same bytes every run (no creation date or random file id)
        self.c = canvas.Canvas(path, pagesize=letter, pageCompression=1, invariant=1)
        self.c.setTitle("The Prospect of Situation on the Korean Peninsula and China's Role")
        self.c.setAuthor("Zhang Chi")
        self.page = 1
        self.y = PAGE_H - TOP
        self.notes_here = []  # notes to set at this page's foot

    def notes_height(self, notes):
        if not notes:
            return 0.0
        return 14.0 + sum(len(lay_out(n[1], NOTE, 8.0)) * NOTE[3] + 2.0 for n in notes)

    def new_page(self):
        self.finish_page()
        self.c.showPage()
        self.page += 1
        self.y = PAGE_H - TOP

    def finish_page(self):
        c = self.c
        if self.notes_here:
            h = self.notes_height(self.notes_here)
            y = BOTTOM + h - 10.0
            c.setLineWidth(0.5)
            c.line(LEFT, y + 6.0, LEFT + 144, y + 6.0)
            for label, text in self.notes_here:
                for i, line in enumerate(lay_out(text, NOTE, 8.0)):
                    y -= NOTE[3]
                    if i == 0:
                        c.setFont(NOTE[0], NOTE[2] * 0.65)
                        c.drawString(LEFT, y + 3.0, label)
                    self.draw_line(line, LEFT, y, NOTE, links=True)
                y -= 2.0
        c.setFont(BODY[0], 9)
        c.drawCentredString(PAGE_W / 2, BOTTOM - 28, str(self.page))
        self.notes_here = []

    def draw_line(self, line, x0, y, style, links=False):
        c = self.c
        regular, ital, size, _ = style
        for x, tok in line:
            _, text, italic, sup, _ = tok
            if sup:
                c.setFont(regular, size * 0.65)
                c.drawString(x0 + x, y + size * 0.38, text)
            else:
                c.setFont(ital if italic else regular, size)
                c.drawString(x0 + x, y, text)
        if links:
            self.link_urls(line, x0, y, style)

    def link_urls(self, line, x0, y, style):
        """A link annotation over each URL piece of the line, with the whole URL."""
        for x, tok in line:
            text, whole = tok[1], tok[4]
            if not whole:
                continue
            # over the URL's characters only, not the brackets or stop around it
            start = max(text.find(whole[:8]), 0) if whole[:8] in text else 0
            shown = text[start:].rstrip(".,;:>)")
            left = x0 + x + stringWidth(text[:start], style[0], style[2])
            w = stringWidth(shown, style[0], style[2])
            self.c.linkURL(whole, (left, y - 2, left + w, y + style[2]), relative=0, thickness=0)

    def paragraph(self, text, defs, style=BODY, centred=False, space_after=6.0):
        for line in lay_out(text, style):
            markers = [t[1] for _, t in line if t[3]]
            new = [(m, defs[m]) for m in markers if m in defs]
            need = style[3] + self.notes_height(self.notes_here + new)
            if self.y - need < BOTTOM:
                self.new_page()
            self.y -= style[3]
            shift = 0.0
            if centred and line:
                x, tok = line[-1]
                shift = (WIDTH - x - word_width(tok, style)) / 2
            self.draw_line(line, LEFT + shift, self.y, style)
            self.notes_here.extend(new)
        self.y -= space_after

    def save(self):
        self.finish_page()
        self.c.save()


def read_blocks(path):
    text = open(path, encoding="utf-8").read()
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]


def main(src, dst):
    blocks = read_blocks(src)
    defs, body, expected = {}, [], 1
    for b in blocks:
        m = re.match(r"(\d{1,3}) (.+)", b, re.S)
        if m and int(m.group(1)) == expected:
            defs[m.group(1)] = " ".join(m.group(2).split())
            expected += 1
        else:
            body.append(b)
    t = Typesetter(dst)
    title, author, rest = body[0], body[1], body[2:]
    t.paragraph(title, defs, style=("Times-Bold", "Times-BoldItalic", 16, 20.0),
                centred=True, space_after=8.0)
    t.paragraph(author, defs, style=("Times-Roman", "Times-Italic", 12, 16.0),
                centred=True, space_after=14.0)
    for b in rest:
        text = " ".join(b.split())
        heading = len(text) < 110 and not text.endswith((".", "”", '"', ":")) and not re.search(
            r"[⁰¹²³⁴⁵⁶⁷⁸⁹]", text
        )
        if heading:
            t.y -= 6.0
            t.paragraph(text, defs, style=("Times-Bold", "Times-BoldItalic", 12, 16.0),
                        space_after=4.0)
        else:
            t.paragraph(text, defs)
    t.save()
    if DROPPED:
        print("left out (not in the standard fonts): " + " ".join(sorted(DROPPED)), file=sys.stderr)
    print(f"{dst}: {t.page} pages, {len(defs)} notes", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
