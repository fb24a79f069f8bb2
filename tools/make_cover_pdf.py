#!/usr/bin/env python3
"""Generates two journal articles as downloaded from a publisher's or an archive's site, each with
the cover sheet the site puts before page one (`pip install reportlab`, then
`python3 tools/make_cover_pdf.py`): `tests/fixtures/import/cover-publisher.pdf` (a publisher's
sheet: journal, title, authors, "To cite this article", "Published online", links to views and
related articles, terms of use) and `cover-archive.pdf` (an archive's sheet: title, "Author(s):",
"Source: … (2019)", "Stable URL", "Accessed", its not-for-profit notice). The article itself is a
single column: title, byline, abstract, paragraphs, a running foot with the journal and page; the
publisher's first page also has its article history and keywords in a narrow column beside the
abstract and a contact note and copyright line at the foot."""

import os

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "import")
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
pdfmetrics.registerFont(TTFont("Serif", os.path.join(FONT_DIR, "DejaVuSerif.ttf")))
pdfmetrics.registerFont(TTFont("Serif-Bold", os.path.join(FONT_DIR, "DejaVuSerif-Bold.ttf")))
pdfmetrics.registerFont(TTFont("Sans", os.path.join(FONT_DIR, "DejaVuSans.ttf")))

W, H = A4
LEFT, RIGHT = 72, W - 72

TITLE = "Pipelines and power in the South Caucasus"
AUTHORS = "Ana Kapanadze and Rashad Aliyev"
ABSTRACT = ("This article follows the oil and gas routes from the Caspian to the Mediterranean and "
            "asks what they changed in the politics of Georgia and Azerbaijan.")
PARAS = [
    "When the Baku–Tbilisi–Ceyhan pipeline opened in 2006 it was presented as a project of "
    "engineering. It was at least as much a project of politics, tying Azerbaijan and Georgia "
    "to Turkey and to the markets of the west for the life of the fields.",
    "The gas that followed through the South Caucasus Pipeline to Erzurum deepened the tie. "
    "Georgia, which has little oil or gas of its own, became the corridor without which neither "
    "route could run, and it has drawn on that position in every crisis since.",
    "For Azerbaijan the routes meant revenue and room to manoeuvre. The state oil fund grew "
    "quickly, and Baku used its new weight to court partners in Ankara, Brussels and Moscow at "
    "once, without committing itself to any of them.",
    "Neither country could have built the routes alone, and neither can now change them alone. "
    "That shared dependence, more than any treaty, is what has kept the corridor open.",
]


def wrap(c, text, font, size, width):
    lines, line = [], ""
    for word in text.split():
        trial = (line + " " + word).strip()
        if c.stringWidth(trial, font, size) > width and line:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def block(c, y, text, font="Serif", size=10.5, leading=14, indent=0):
    for line in wrap(c, text, font, size, RIGHT - LEFT - indent):
        c.setFont(font, size)
        c.drawString(LEFT + indent, y, line)
        y -= leading
    return y


def article(c, journal_foot, apparatus=False):
    """The article; with `apparatus`, as a publisher sets its first page: the article history
    and keywords in a narrow column beside the abstract, the contact note and copyright line
    at the foot."""
    page = 124
    y = H - 100
    for line in wrap(c, TITLE, "Serif-Bold", 18, RIGHT - LEFT):
        c.setFont("Serif-Bold", 18)
        c.drawString(LEFT, y, line)
        y -= 24
    y -= 6
    c.setFont("Serif", 11)
    c.drawString(LEFT, y, AUTHORS)
    y -= 30
    if apparatus:
        side = y
        for font, line in [
            ("Sans", "ARTICLE HISTORY"),
            ("Serif", "Received 12 January 2019"),
            ("Serif", "Accepted 3 March 2020"),
            ("Sans", ""),
            ("Sans", "KEYWORDS"),
            ("Serif", "Caspian; pipelines;"),
            ("Serif", "Georgia; Azerbaijan"),
        ]:
            c.setFont(font, 8)
            c.drawString(LEFT, side, line)
            side -= 11
        left = LEFT + 130
        c.setFont("Serif-Bold", 10.5)
        c.drawString(left, y, "ABSTRACT")
        y -= 15
        for line in wrap(c, ABSTRACT, "Serif", 10.5, RIGHT - left):
            c.setFont("Serif", 10.5)
            c.drawString(left, y, line)
            y -= 14
        y = min(y, side) - 14
        c.setFont("Serif", 7.5)
        c.drawString(LEFT, 78, "CONTACT Ana Kapanadze ana@example.ge Department of Politics, "
                               "Tbilisi State University")
        c.drawString(LEFT, 68, "© 2020 Caucasus Review Press")
    else:
        c.setFont("Serif-Bold", 10.5)
        c.drawString(LEFT, y, "Abstract")
        y -= 15
        y = block(c, y, ABSTRACT, indent=0) - 14
    for i, p in enumerate(PARAS):
        if y < 140:
            c.setFont("Serif", 8)
            c.drawString(LEFT, 50, f"{journal_foot} {page}")
            c.showPage()
            page += 1
            y = H - 90
        y = block(c, y, p) - 8
    c.setFont("Serif", 8)
    c.drawString(LEFT, 50, f"{journal_foot} {page}")
    c.showPage()


def publisher():
    c = canvas.Canvas(os.path.join(OUT, "cover-publisher.pdf"), pagesize=A4)
    c.setTitle("Pipelines and power in the South Caucasus")
    y = H - 80
    c.setFont("Sans", 16)
    c.drawString(LEFT, y, "Caucasus Review")
    y -= 18
    c.setFont("Sans", 8)
    c.drawString(LEFT, y, "ISSN: 2376-1199 (Print) 2376-1202 (Online) Journal homepage: "
                          "https://www.journals.example/loi/rcau20")
    y -= 50
    c.setFont("Serif-Bold", 14)
    c.drawString(LEFT, y, TITLE)
    y -= 22
    c.setFont("Serif", 11)
    c.drawString(LEFT, y, "Ana Kapanadze & Rashad Aliyev")
    y -= 36
    c.setFont("Sans", 9)
    for line in [
        "To cite this article: Ana Kapanadze & Rashad Aliyev (2020) Pipelines and power in the",
        "South Caucasus, Caucasus Review, 8:2, 123-140, DOI: 10.1080/23761199.2020.1234567",
        "",
        "To link to this article: https://doi.org/10.1080/23761199.2020.1234567",
        "",
        "Published online: 14 May 2020.",
        "",
        "Submit your article to this journal",
        "",
        "Article views: 1523",
        "",
        "View related articles",
        "",
        "View Crossmark data",
    ]:
        if line:
            c.drawString(LEFT, y, line)
        y -= 13
    c.setFont("Sans", 7)
    c.drawString(LEFT, 60, "Full Terms & Conditions of access and use can be found at")
    c.drawString(LEFT, 50, "https://www.journals.example/action/journalInformation?journalCode=rcau20")
    c.showPage()
    article(c, "CAUCASUS REVIEW", apparatus=True)
    c.save()


def archive():
    c = canvas.Canvas(os.path.join(OUT, "cover-archive.pdf"), pagesize=A4)
    y = H - 90
    c.setFont("Serif", 12)
    c.drawString(LEFT, y, TITLE)
    y -= 24
    c.setFont("Serif", 10)
    for line in [
        "Author(s): Ana Kapanadze and Rashad Aliyev",
        "Source: Caucasus Review, Vol. 8, No. 2 (Summer 2019), pp. 123-140",
        "Published by: Caucasus Review Press",
        "Stable URL: https://www.archive.example/stable/26912345",
        "Accessed: 06-12-2026 08:12 +00:00",
    ]:
        c.drawString(LEFT, y, line)
        y -= 14
    y -= 30
    c.setFont("Serif", 8)
    for line in [
        "The archive is a not-for-profit service that helps scholars, researchers, and students "
        "discover, use, and build upon a wide range of content in a trusted digital archive.",
        "Your use of the archive indicates your acceptance of the Terms & Conditions of Use, "
        "available at https://about.archive.example/terms",
    ]:
        y = block(c, y, line, font="Serif", size=8, leading=10) - 6
    c.showPage()
    article(c, "CAUCASUS REVIEW, VOL. 8, NO. 2")
    c.save()


if __name__ == "__main__":
    publisher()
    archive()
