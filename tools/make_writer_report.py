#!/usr/bin/env python3
"""A think-tank policy brief as a word processor makes it: a flat OpenDocument file (written here,
standard library only) printed to PDF by LibreOffice Writer, the way most reports reach a reader.

It has what such reports have: a running head and a page number on every page, a title block with
authors and a printed date, numbered section headings, justified paragraphs, footnotes in small type
at the foot of the page with raised markers in the text, a bulleted list, a table with its caption,
and a second section set in two columns (writer-report.pdf); and the same brief after a cover page
(the institute's name letter-spaced, title and subtitle, authors, "Policy Brief No. 14 | March 2025")
in one column (writer-cover.pdf); and in three columns from the summary's second paragraph, the
section ending on page two in three short balanced columns (writer-three.pdf); and an abstract
across most of page one over two columns, the last footnote carried onto a page of its own
(writer-abstract.pdf, writer-abstract.json). writer-ragged.pdf, writer-ragged-abstract.pdf and
writer-ragged-three.pdf set the report, abstract and three-column layouts ragged right in 10 pt on A4: the page number stands in the gutter, a
list item runs on over a page break, a paragraph ends at the foot of a column, and a heading in a
narrow column breaks after a compound's hyphen ("Trans-" over "Caspian question"). writer-bold.pdf
sets its headings by hand, in bold body type without numbers (writer-bold.json). writer-report.docx is
the report saved as Word.

    python3 tools/make_writer_report.py   # needs `soffice` and hyphenation patterns
    # (Debian: libreoffice-writer-nogui hyphen-en-gb)

writes tests/fixtures/import/writer-report.pdf and, beside it, writer-report.json: what a reader
sees in it (title, authors, date, headings, paragraphs without their note markers), which the test
holds the importer to. Both are committed: CI needs neither Python nor LibreOffice.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "import")

TITLE = "Gas Through the Middle Corridor: Turkmenistan's Choices After 2025"
AUTHORS = "Nargiz Mammadova and Daniel K. Brooks"
DATE = "March 2025"
HEAD = "Caspian Energy Observatory \u00b7 Policy Brief No. 14"

# (kind, text): "h" a heading, "p" a paragraph ("[n]" marks footnote n), "li" a list item,
# "table" a small table with its caption, "cols" the start of the two-column section.
BODY = [
    ("h", "Summary"),
    ("p", "Turkmenistan holds the fourth largest gas reserves in the world, yet almost all of its "
          "exports go east to China through the Central Asia\u2013China pipeline.[1] The war in "
          "Ukraine and the European Union's search for suppliers have revived an old question: can "
          "Turkmen gas cross the Caspian Sea to Azerbaijan and reach Europe through the Southern Gas "
          "Corridor?"),
    ("p", "This brief weighs the three routes under discussion, the obstacles each faces in "
          "Ashgabat, Baku and Brussels, and what the governments involved could do in the next two "
          "years."),
    ("h", "1. The Trans-Caspian question"),
    ("p", "A pipeline of some three hundred kilometres from Turkmenbashi to the Sangachal terminal "
          "near Baku has been studied since the late 1990s.[2] Its engineering is not the obstacle: "
          "the seabed is shallow along most of the route, and Azerbaijan already operates platforms "
          "at Azeri\u2013Chirag\u2013Gunashli and Shah Deniz nearby."),
    ("p", "The obstacles are legal and commercial. Russia and Iran long argued that any pipeline on "
          "the seabed needs the consent of every littoral state, and the 2018 Convention on the Legal "
          "Status of the Caspian Sea left the environmental review open to all five of them.[3] No "
          "European company has yet signed a contract to buy the gas."),
    ("table", "Table 1: Pipeline routes west (capacity in billion cubic metres a year)"),
    ("p", "Smaller steps are possible without a pipeline. Compressed gas can cross by ship, and "
          "swaps through Iran have already moved Turkmen gas to Azerbaijan since 2021."),
    ("cols", ""),
    ("h", "2. Routes west"),
    ("p", "The Southern Gas Corridor runs from Shah Deniz through the South Caucasus Pipeline across "
          "Georgia, the Trans-Anatolian Pipeline across Turkey and the Trans Adriatic Pipeline to "
          "Italy. Its capacity could be doubled, but only if buyers commit for a decade or more."),
    ("p", "A second route would carry gas north of the Caspian through Kazakhstan and Russia, which "
          "European buyers now rule out. A third, through Iran to Turkey, is barred by sanctions and "
          "has carried little gas for years.[4]"),
    ("p", "Each route depends on Turkey, whose own ambitions as a gas hub complicate every "
          "negotiation with its neighbours in the region."),
    ("h", "Recommendations"),
    ("li", "Azerbaijan and Turkmenistan should agree on the technical terms of a short "
           "interconnector between their offshore fields."),
    ("li", "The European Union should offer long-term purchase commitments for gas delivered at "
           "the Turkish border."),
    ("li", "Kazakhstan should be invited to join the environmental review from the start."),
]

NOTES = {
    1: "BP Statistical Review of World Energy, 2022 edition.",
    2: "The first feasibility study was commissioned in 1999 and abandoned in 2000.",
    3: "Convention on the Legal Status of the Caspian Sea, Aktau, 12 August 2018, article 14.",
    4: "The Tabriz\u2013Ankara pipeline has been interrupted repeatedly since 2019.",
}

TABLE = [
    ("Route", "Length (km)", "Capacity"),
    ("Trans-Caspian", "300", "30"),
    ("Southern Gas Corridor", "3,500", "20"),
    ("Tabriz\u2013Ankara", "2,577", "14"),
]

STYLES = """
<office:font-face-decls>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'"/>
 <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
  <style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt" fo:language="en"
   fo:country="GB" fo:hyphenate="true" fo:hyphenation-remain-char-count="3"
   fo:hyphenation-push-char-count="3"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.12in"
   fo:line-height="130%"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.15in"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="22pt" fo:font-weight="bold"
   fo:hyphenate="false"/>
 </style:style>
 <style:style style:name="CoverOrg" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="1.2in"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="12pt" fo:letter-spacing="0.05in"/>
 </style:style>
 <style:style style:name="CoverTitle" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="1.5in"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="28pt" fo:font-weight="bold"
   fo:hyphenate="false"/>
 </style:style>
 <style:style style:name="CoverSub" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.2in"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="18pt" fo:hyphenate="false"/>
 </style:style>
 <style:style style:name="CoverBy" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.6in"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="13pt"/>
 </style:style>
 <style:style style:name="CoverSeries" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.4in" fo:break-after="page"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="13pt"/>
 </style:style>
 <style:style style:name="Byline" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.05in"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="12pt"/>
 </style:style>
 <style:style style:name="Heading" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0.2in" fo:margin-bottom="0.08in" fo:keep-with-next="always"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="14pt" fo:font-weight="bold"
   fo:hyphenate="false"/>
 </style:style>
 <style:style style:name="Caption" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0.1in" fo:margin-bottom="0.05in"/>
  <style:text-properties fo:font-size="9.5pt" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="Cell" style:family="paragraph">
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="9.5pt"/>
 </style:style>
 <style:style style:name="Header" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="8.5pt" fo:color="#555555"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="9pt"/>
 </style:style>
 <style:style style:name="Footnote" style:family="paragraph">
  <style:paragraph-properties fo:margin-left="0.2in" fo:text-indent="-0.2in"/>
  <style:text-properties fo:font-size="8.5pt"/>
 </style:style>
 <style:style style:name="ListBody" style:family="paragraph" style:parent-style-name="Body">
  <style:paragraph-properties fo:margin-bottom="0.06in"/>
 </style:style>
 <text:notes-configuration text:note-class="footnote" text:citation-style-name="NoteMark"
  text:default-style-name="Footnote" style:num-format="1" text:start-value="0"
  text:footnotes-position="page" text:start-numbering-at="document"/>
 <style:style style:name="NoteMark" style:family="text">
  <style:text-properties style:text-position="super 58%"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="Page">
  <style:page-layout-properties fo:page-width="8.5in" fo:page-height="11in" fo:margin-top="0.6in"
   fo:margin-bottom="0.6in" fo:margin-left="1in" fo:margin-right="1in"/>
  <style:header-style><style:header-footer-properties fo:margin-bottom="0.25in"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:margin-top="0.25in"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="TwoCols" style:family="section">
  <style:section-properties>
   <style:columns fo:column-count="2" fo:column-gap="0.3in"/>
  </style:section-properties>
 </style:style>
 <style:style style:name="Tbl" style:family="table">
  <style:table-properties style:width="5.5in" table:align="center"/>
 </style:style>
 <style:style style:name="Bullets" style:family="paragraph" style:parent-style-name="ListBody"
  style:list-style-name="BulletList"/>
 <text:list-style style:name="BulletList">
  <text:list-level-style-bullet text:level="1" text:bullet-char="\u2022">
   <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
    <style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.25in"
     fo:text-indent="-0.25in" fo:margin-left="0.25in"/>
   </style:list-level-properties>
  </text:list-level-style-bullet>
 </text:list-style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="Page">
  <style:header><text:p text:style-name="Header">{head}</text:p></style:header>
  <style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
 </style:master-page>
</office:master-styles>
"""


def inline(text):
    """A paragraph's text with its `[n]` marks as footnotes."""
    out = []
    rest = text
    while "[" in rest:
        before, _, after = rest.partition("[")
        num, _, rest = after.partition("]")
        out.append(escape(before))
        n = int(num)
        out.append(
            f'<text:note text:id="ftn{n}" text:note-class="footnote">'
            f"<text:note-citation>{n}</text:note-citation><text:note-body>"
            f'<text:p text:style-name="Footnote">{escape(NOTES[n])}</text:p>'
            f"</text:note-body></text:note>"
        )
    out.append(escape(rest))
    return "".join(out)


def abstract_body():
    """An abstract across the page, long enough to fill most of page one, made of the brief's
    own sentences; then the brief in two columns without its table."""
    text = " ".join(re.sub(r"\[\d+\]", "", t) for k, t in BODY if k == "p")
    cut = text[:1400].rsplit(". ", 1)[0] + "."
    rest = [b for b in BODY if b[0] not in ("cols", "table")]
    return [("h", "Abstract"), ("p", cut), ("cols", "")] + rest[1:]


def bold_body():
    """The brief with headings a writer made by hand: bold body type, no numbers."""
    return [
        (k, {"Summary": "The question in brief"}.get(t, t).replace("1. ", "").replace("2. ", ""))
        if k == "h" else (k, t)
        for k, t in BODY
    ]


def body(layout):
    """The document's text in `layout`: "report" (two columns from "2. Routes west"), "cover" (a
    cover page, one column), "three" (three columns from the summary's second paragraph, no
    table) or "abstract" (an abstract across page one over two columns)."""
    cover = layout == "cover"
    items = abstract_body() if layout.endswith("abstract") else list(BODY)
    if layout == "bold":
        items = bold_body()
    if layout in ("cover", "three", "ragged-three"):
        items = [b for b in items if b[0] != "cols" and (layout != "three" or b[0] != "table")]
    if layout.endswith("three"):
        items.insert(2, ("cols", ""))
    if cover:
        # A cover page: the institute's name letter-spaced, the title and subtitle, the authors,
        # the series and date; the text starts on the next page, in one column.
        main, _, sub = TITLE.partition(": ")
        parts = [
            '<text:p text:style-name="CoverOrg">CASPIAN ENERGY OBSERVATORY</text:p>',
            f'<text:p text:style-name="CoverTitle">{escape(main)}</text:p>',
            f'<text:p text:style-name="CoverSub">{escape(sub)}</text:p>',
            f'<text:p text:style-name="CoverBy">{escape(AUTHORS)}</text:p>',
            f'<text:p text:style-name="CoverSeries">Policy Brief No. 14 | {escape(DATE)}</text:p>',
        ]
    else:
        parts = [
            f'<text:p text:style-name="Title">{escape(TITLE)}</text:p>',
            f'<text:p text:style-name="Byline">{escape(AUTHORS)}</text:p>',
            f'<text:p text:style-name="Byline">{escape(DATE)}</text:p>',
        ]
    in_cols = False
    in_list = False
    for kind, text in items:
        if kind != "li" and in_list:
            parts.append("</text:list>")
            in_list = False
        if kind == "h":
            parts.append(f'<text:h text:style-name="Heading" text:outline-level="1">{escape(text)}</text:h>')
        elif kind == "p":
            parts.append(f'<text:p text:style-name="Body">{inline(text)}</text:p>')
        elif kind == "li":
            if not in_list:
                parts.append('<text:list text:style-name="BulletList">')
                in_list = True
            parts.append(f'<text:list-item><text:p text:style-name="Bullets">{inline(text)}</text:p></text:list-item>')
        elif kind == "table":
            parts.append(f'<text:p text:style-name="Caption">{escape(text)}</text:p>')
            rows = ['<table:table table:name="Routes" table:style-name="Tbl">',
                    '<table:table-column table:number-columns-repeated="3"/>']
            for row in TABLE:
                cells = "".join(
                    f'<table:table-cell office:value-type="string"><text:p text:style-name="Cell">{escape(c)}</text:p></table:table-cell>'
                    for c in row
                )
                rows.append(f"<table:table-row>{cells}</table:table-row>")
            rows.append("</table:table>")
            parts.append("".join(rows))
        elif kind == "cols":
            parts.append('<text:section text:style-name="TwoCols" text:name="Routes">')
            in_cols = True
    if in_list:
        parts.append("</text:list>")
    if in_cols:
        parts.append("</text:section>")
    return "\n".join(parts)


def fodt(layout):
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
    )
    meta = (
        f"<office:meta><dc:title>{escape(TITLE)}</dc:title>"
        f"<meta:initial-creator>Observatory Staff</meta:initial-creator>"
        f"<dc:creator>Observatory Staff</dc:creator></office:meta>"
    )
    styles = STYLES.replace("{head}", escape(HEAD))
    if layout.startswith("ragged"):
        # A4, 10 pt, ragged right: the other common way a word processor sets a report.
        styles = (
            styles.replace('fo:text-align="justify"', 'fo:text-align="start"')
            .replace('fo:page-width="8.5in" fo:page-height="11in"',
                     'fo:page-width="21cm" fo:page-height="29.7cm"')
            .replace('fo:font-size="11pt" fo:language', 'fo:font-size="10pt" fo:language')
        )
    if layout == "bold":
        styles = styles.replace(
            '<style:text-properties style:font-name="Liberation Sans" fo:font-size="14pt"',
            '<style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt"')
    if layout.endswith("three"):
        styles = styles.replace('fo:column-count="2" fo:column-gap="0.3in"',
                                'fo:column-count="3" fo:column-gap="0.25in"')
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {ns} office:version="1.3" '
        f'office:mimetype="application/vnd.oasis.opendocument.text">{meta}{styles}'
        f"<office:body><office:text>{body(layout)}</office:text></office:body></office:document>\n"
    )


def expected(items=None):
    """What the report says, as a reader sees it: the paragraphs and list items in order, each with
    the heading it opens (if any)."""
    passages = []
    heading = None
    for kind, text in items or BODY:
        if kind == "h":
            heading = text
        elif kind in ("p", "li"):
            passages.append({"heading": heading, "text": re.sub(r"\[\d+\]", "", text)})
            heading = None
    return {
        "title": TITLE,
        "authors": ["Nargiz Mammadova", "Daniel K. Brooks"],
        "date": "2025-03",
        "passages": passages,
    }


def main():
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("make_writer_report.py: soffice not found (Debian: apt-get install libreoffice-writer-nogui)")
    for name, layout in (("writer-report", "report"), ("writer-cover", "cover"),
                         ("writer-three", "three"), ("writer-abstract", "abstract"),
                         ("writer-ragged", "ragged"), ("writer-ragged-abstract", "ragged-abstract"),
                         ("writer-ragged-three", "ragged-three"), ("writer-bold", "bold")):
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, name + ".fodt")
            with open(src, "w", encoding="utf-8") as f:
                f.write(fodt(layout))
            env = dict(os.environ, HOME=tmp)
            subprocess.run(
                [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, src],
                check=True, env=env, stdout=subprocess.DEVNULL,
            )
            shutil.copy(os.path.join(tmp, name + ".pdf"), os.path.join(OUT, name + ".pdf"))
        print("wrote", os.path.join(OUT, name + ".pdf"))
    # The report saved as Word: its byline and date in a custom style, footnotes, the table.
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "writer-report.fodt")
        with open(src, "w", encoding="utf-8") as f:
            f.write(fodt("report"))
        subprocess.run(
            [soffice, "--headless", "--convert-to", "docx", "--outdir", tmp, src],
            check=True, env=dict(os.environ, HOME=tmp), stdout=subprocess.DEVNULL,
        )
        shutil.copy(os.path.join(tmp, "writer-report.docx"), os.path.join(OUT, "writer-report.docx"))
    print("wrote", os.path.join(OUT, "writer-report.docx"))
    # Both say the same: one account of what a reader sees.
    with open(os.path.join(OUT, "writer-report.json"), "w", encoding="utf-8") as f:
        json.dump(expected(), f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(OUT, "writer-bold.json"), "w", encoding="utf-8") as f:
        json.dump(expected(bold_body()), f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(OUT, "writer-abstract.json"), "w", encoding="utf-8") as f:
        json.dump(expected(abstract_body()), f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
