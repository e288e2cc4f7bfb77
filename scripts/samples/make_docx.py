#!/usr/bin/env python3
"""Word documents for reflint's samples and tests, from the project's own text sample.

Python 3 standard library only (zipfile and hand-written WordprocessingML), so anyone can
rerun it; the output is byte-for-byte reproducible (fixed zip timestamps).

    python3 scripts/samples/make_docx.py            # writes the two files below
    python3 scripts/samples/make_docx.py --bench N OUT.docx   # a large document, N footnotes

* references/peninsula-prospects.docx: references/peninsula-prospects.txt (text extracted
  from a PDF: body paragraphs, superscript markers after punctuation, each page's notes
  between the paragraphs) as a Word document with real footnotes. The script reads the text:
  a line that starts with the next note number is that note; every other line is body; a
  body paragraph cut by a page break (long, no closing punctuation) is joined to the line
  that carries it on; superscript digits (or plain digits right after punctuation, when they
  are the next marker's number) become footnote references; `*Outlet*` becomes italics; the
  notes' URLs become hyperlinks (each part with its own relationships).
* tests/fixtures/docx/zotero-citations.docx: three footnotes whose citations are Zotero and
  Mendeley fields (CSL JSON split over several w:instrText runs): a journal article with a
  DOI, a web article with its URL and access date, a news item whose shown text gives no
  date while its record does.
"""

import json
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
HYPERLINK_TYPE = REL + "/hyperlink"

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
URL = re.compile(r"https?://[^\s<>\"”]+")


# ---------------------------------------------------------------------------------------------
# WordprocessingML


def attr(s):
    return escape(s, {'"': "&quot;"})


def text_run(text, italic=False, style=None):
    props = ""
    if style:
        props += f'<w:rStyle w:val="{style}"/>'
    if italic:
        props += "<w:i/>"
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


class Rels:
    """One part's relationships: each part (document, footnotes) has its own."""

    def __init__(self, fixed=()):
        self.items = list(fixed)

    def hyperlink(self, url):
        rid = f"rIdLink{len(self.items) + 1}"
        self.items.append((rid, HYPERLINK_TYPE, url, True))
        return rid

    def xml(self):
        rows = "".join(
            f'<Relationship Id="{rid}" Type="{ty}" Target="{attr(target)}"'
            + (' TargetMode="External"' if ext else "")
            + "/>"
            for rid, ty, target, ext in self.items
        )
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">{rows}</Relationships>'


def rich_runs(text, rels, style=None):
    """Runs for a note's text: `*…*` in italics, URLs as hyperlinks (their own runs)."""
    out = []
    for i, piece in enumerate(re.split(r"\*([^*]+)\*", text)):
        italic = i % 2 == 1
        at = 0
        for m in URL.finditer(piece):
            url = m.group(0)
            # the sentence's punctuation after a URL is not the URL's
            while url and (url[-1] in ".,;:" or (url[-1] == ")" and url.count("(") < url.count(")"))):
                url = url[:-1]
            start, end = m.start(), m.start() + len(url)
            if piece[at:start]:
                out.append(text_run(piece[at:start], italic, style))
            rid = rels.hyperlink(url)
            out.append(
                f'<w:hyperlink r:id="{rid}" w:history="1">'
                + text_run(url, italic, "Hyperlink")
                + "</w:hyperlink>"
            )
            at = end
        if piece[at:]:
            out.append(text_run(piece[at:], italic, style))
    return "".join(out)


def paragraph(runs, style=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{runs}</w:p>"


def footnote_ref_run(note_id):
    return (
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        f'<w:footnoteReference w:id="{note_id}"/></w:r>'
    )


def footnote(note_id, body_runs):
    mark = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
    return (
        f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'{mark}<w:r><w:t xml:space="preserve"> </w:t></w:r>{body_runs}</w:p></w:footnote>'
    )


SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
)

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>
</w:styles>"""

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W}"><w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr></w:settings>"""

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"""


def core_props(title):
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{escape(title)}</dc:title><dc:creator>reflint make_docx.py</dc:creator></cp:coreProperties>"""


def write_docx(path, title, body_xml, footnotes_xml, doc_rels, note_rels):
    """A minimal, valid package: the parts Word needs to open it, at fixed timestamps."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body_xml}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:footnotes xmlns:w="{W}" xmlns:r="{R}">{SEPARATORS}{footnotes_xml}</w:footnotes>'
    )
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("docProps/core.xml", core_props(title)),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", doc_rels.xml()),
        ("word/footnotes.xml", footnotes),
        ("word/_rels/footnotes.xml.rels", note_rels.xml()),
        ("word/styles.xml", STYLES),
        ("word/settings.xml", SETTINGS),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


def doc_rels_base():
    return Rels(
        [
            ("rId1", REL + "/styles", "styles.xml", False),
            ("rId2", REL + "/settings", "settings.xml", False),
            ("rId3", REL + "/footnotes", "footnotes.xml", False),
        ]
    )


# ---------------------------------------------------------------------------------------------
# Reading the text sample


NOTE_LINE = re.compile(r"^(\d{1,3}) (\S.*)$")
CLOSING = tuple(".?!:;”\")’'")


def closed(para):
    """Whether a paragraph ends a sentence (its closing markers aside)."""
    return para.rstrip(SUPERSCRIPTS + "0123456789").endswith(CLOSING)


def read_sample(text):
    """The sample's paragraphs and notes: ([body paragraph], {number: note text}).

    A line starting with the next note's number is that note (notes are numbered 1, 2, 3 …
    in order); every other non-empty line is a body paragraph. A body paragraph that a page
    break cut (long, without closing punctuation) goes on in a later line: the first of the
    next two body lines that starts in lowercase or with a quote, else the next one."""
    notes = {}
    body = []
    for line in (l.strip() for l in text.splitlines()):
        if not line:
            continue
        m = NOTE_LINE.match(line)
        if m and int(m.group(1)) == len(notes) + 1:
            notes[int(m.group(1))] = m.group(2)
        else:
            body.append(line)
    joined = []
    pending = list(body)
    while pending:
        para = pending.pop(0)
        while len(para) > 200 and not closed(para) and pending:
            window = pending[:2]
            pick = next(
                (i for i, p in enumerate(window) if p[0].islower() or p[0] in "“\"‘"),
                0,
            )
            para = para + " " + pending.pop(pick)
        joined.append(para)
    return joined, notes


MARKER = re.compile(r"([" + SUPERSCRIPTS + r"]+)|(?<=[.,;:!?”\"’)])(\d{1,3})(?=\s|$)")


def body_runs(para, next_marker, note_ids):
    """A body paragraph's runs, its markers (superscript digits, or plain digits after
    punctuation that are the next marker's number) turned into footnote references."""
    out = []
    at = 0
    for m in MARKER.finditer(para):
        if m.group(1):
            number = int("".join(str(SUPERSCRIPTS.index(c)) for c in m.group(1)))
        else:
            number = int(m.group(2))
            if number != next_marker:
                continue
        if number not in note_ids:
            continue
        if para[at : m.start()]:
            out.append(text_run(para[at : m.start()]))
        out.append(footnote_ref_run(note_ids[number]))
        next_marker = number + 1
        at = m.end()
    if para[at:]:
        out.append(text_run(para[at:]))
    return "".join(out), next_marker


def make_sample(src, dst, copies=1):
    paras, notes = read_sample(src.read_text(encoding="utf-8"))
    doc_rels, note_rels = doc_rels_base(), Rels()
    body, foot = [], []
    for copy in range(copies):
        base = copy * len(notes)
        # footnote ids: Word's own numbering of the part, 1 … (-1 and 0 are the separators)
        note_ids = {n: base + n for n in notes}
        next_marker = 1
        for i, para in enumerate(paras):
            runs, next_marker = body_runs(para, next_marker, note_ids)
            style = None
            if copy == 0 and i == 0:
                style = "Title"
            elif len(para) < 120 and not para.endswith(CLOSING) and "¹" not in para:
                style = "Heading1"
            body.append(paragraph(runs, style))
        for n, text in notes.items():
            foot.append(footnote(note_ids[n], rich_runs(text, note_rels)))
    title = paras[0] if paras else dst.stem
    write_docx(dst, title, "".join(body), "".join(foot), doc_rels, note_rels)
    return len(notes) * copies


# ---------------------------------------------------------------------------------------------
# Reference-manager citations


def csl_field_runs(instr, result_runs, pieces=4):
    """A complex field (`w:fldChar` begin … separate … end) whose instruction is split over
    `pieces` runs, as Word splits long instructions."""
    step = max(1, len(instr) // pieces + 1)
    chunks = [instr[i : i + step] for i in range(0, len(instr), step)]
    instr_runs = "".join(
        f'<w:r><w:instrText xml:space="preserve">{escape(c)}</w:instrText></w:r>' for c in chunks
    )
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + instr_runs
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + result_runs
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def zotero_instr(item, locator=None):
    cite = {
        "citationID": f"cit{item['id']}",
        "properties": {"formattedCitation": "", "plainCitation": "", "noteIndex": 0},
        "citationItems": [
            {
                "id": item["id"],
                "uris": [f"http://zotero.org/users/local/abc/items/{item['id']}"],
                "itemData": item,
            }
        ],
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }
    if locator:
        cite["citationItems"][0]["locator"] = locator
    return " ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(cite, ensure_ascii=False) + " "


def mendeley_instr(item):
    cite = {
        "citationItems": [{"id": f"ITEM-{item['id']}", "itemData": item, "uris": []}],
        "mendeley": {"formattedCitation": "", "plainTextFormattedCitation": ""},
        "properties": {"noteIndex": 0},
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }
    return "ADDIN CSL_CITATION " + json.dumps(cite, ensure_ascii=False)


ZOTERO_ITEMS = [
    (
        "zotero",
        {
            "id": 101,
            "type": "article-journal",
            "title": "Powerplay: Origins of the U.S. Alliance System in Asia",
            "container-title": "International Security",
            "volume": "34",
            "issue": "3",
            "page": "158-196",
            "DOI": "10.1162/isec.2010.34.3.158",
            "author": [{"family": "Cha", "given": "Victor D."}],
            "issued": {"date-parts": [[2010]]},
        },
        "Victor D. Cha, “Powerplay: Origins of the U.S. Alliance System in Asia,” *International Security* 34, no. 3 (2010): 158–196.",
        "With Washington’s alliances in the region shaped by the early Cold War, the question of who restrains whom remained open.",
    ),
    (
        "zotero",
        {
            "id": 102,
            "type": "webpage",
            "title": "John Bolton’s Awful Legacy on North Korea",
            "container-title": "38 North",
            "URL": "https://www.38north.org/2019/10/depetris101719/",
            "author": [{"family": "Depetris", "given": "Daniel R."}],
            "issued": {"date-parts": [["2019", "10", "17"]]},
            "accessed": {"date-parts": [["2020", 1, 5]]},
        },
        "Daniel R. Depetris, “John Bolton’s Awful Legacy on North Korea,” *38 North*, October 17, 2019, https://www.38north.org/2019/10/depetris101719/.",
        "Bolton’s resignation gave the negotiators a rare opening in 2019.",
    ),
    (
        "mendeley",
        {
            "id": 103,
            "type": "article-newspaper",
            "title": "Xi Jinping Meets with Kim Jong Un",
            "container-title": "Xinhua",
            "URL": "http://www.xinhuanet.com//2018-03/28/c_1122600292.htm",
            "author": [{"literal": "Xinhua News Agency"}],
            "issued": {"raw": "2018-03-28"},
        },
        "“Xi Jinping Meets with Kim Jong Un,” *Xinhua*.",
        "In March 2018, Kim made his first visit to China.",
    ),
]


def make_zotero(dst):
    doc_rels, note_rels = doc_rels_base(), Rels()
    body = [
        paragraph(text_run("Reference-manager citations in footnotes"), "Title"),
    ]
    foot = []
    for i, (manager, item, shown, sentence) in enumerate(ZOTERO_ITEMS, start=1):
        body.append(paragraph(text_run(sentence) + footnote_ref_run(i)))
        instr = zotero_instr(item) if manager == "zotero" else mendeley_instr(item)
        runs = csl_field_runs(instr, rich_runs(shown, note_rels), pieces=3 + i)
        foot.append(footnote(i, runs))
    write_docx(
        dst,
        "Reference-manager citations",
        "".join(body),
        "".join(foot),
        doc_rels,
        note_rels,
    )


def main(argv):
    if len(argv) == 4 and argv[1] == "--bench":
        copies = max(1, int(argv[2]) // 27)
        n = make_sample(ROOT / "references/peninsula-prospects.txt", Path(argv[3]), copies)
        print(f"{argv[3]}: {n} footnotes")
        return 0
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    n = make_sample(
        ROOT / "references/peninsula-prospects.txt", ROOT / "references/peninsula-prospects.docx"
    )
    print(f"references/peninsula-prospects.docx: {n} footnotes")
    make_zotero(ROOT / "tests/fixtures/docx/zotero-citations.docx")
    print("tests/fixtures/docx/zotero-citations.docx: 3 footnotes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
