#!/usr/bin/env python3
"""Generates the PDF fixtures of `tests/fixtures/import/` (run once; the PDFs are committed so CI
needs no Python): `pip install reportlab`, then `python3 tools/make_test_pdfs.py`.

Every page is laid out by hand on the canvas (no flowables), so the expected text is known word for
word: two justified columns with hyphenated line ends, running heads, page numbers, a pull quote,
footnote markers and notes, non-Latin words, an end mark; a title and byline on the first page and
the same metadata in the Info dictionary. Also: a report whose metadata lives only in its layout,
a twenty-page long one for the benchmark, an image-only ("scanned") one and an encrypted one.
"""

import os
import sys
import zlib

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.lib.utils import ImageReader

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "import")
FONT_DIR = "/usr/share/fonts/truetype/dejavu"

pdfmetrics.registerFont(TTFont("Serif", os.path.join(FONT_DIR, "DejaVuSerif.ttf")))
pdfmetrics.registerFont(TTFont("Serif-Bold", os.path.join(FONT_DIR, "DejaVuSerif-Bold.ttf")))
pdfmetrics.registerFont(TTFont("Serif-Italic", os.path.join(FONT_DIR, "DejaVuSerif-Italic.ttf")))

W, H = A4
MARGIN = 56
GUTTER = 22
COL_W = (W - 2 * MARGIN - GUTTER) / 2
TOP = H - 80
BOTTOM = 90
BODY = ("Serif", 10)
LEADING = 13
INDENT = 14

# The essay: ("h", heading) or ("p", text). A `|` marks where a word may be hyphenated;
# `^N` after a word is footnote marker N.
ESSAY = [
    ("p", "The Caspian basin has long been described as a crossroads, but the metaphor hides more "
          "than it shows. Oil from the fields off Baku reaches the Mediterranean through the "
          "Baku–Tbilisi–Ceyhan pipeline^1, while gas moves west through Georgia towards Erzurum. "
          "Each of these routes was a political decision before it was an engi|neer|ing one, and "
          "each has outlived the governments that signed for it."),
    ("p", "Azerbaijan built its foreign policy on that infra|structure. The port of Alat, south of "
          "the capital, was planned as a hub for trans-Caspian cargo from Aktau and Turkmenbashi, "
          "and the ferries that cross the sea now carry containers as well as wagons. The "
          "govern|ment speaks of a Middle Corridor; its neighbours speak of depen|dence."),
    ("h", "Routes and rivals"),
    ("p", "Georgia's position is more fragile. The Black Sea terminals at Supsa and Batumi handle "
          "only a fraction of the volumes that pass through Turkey, yet every route to the west "
          "crosses Georgian territory. In Тбилиси the question is asked in two languages, and "
          "the answers rarely agree^2."),
    ("p", "Iran watches from the south. The province of Ardabil, Ərdəbil to its Azerbaijani "
          "speakers, borders the Republic of Azerbaijan along the Astara river, and the "
          "railway that will link Rasht to Astara has been promised for more than a decade. "
          "Trade across the border has grown all the same, carried by trucks rather than by "
          "treaties."),
    ("q", "Every route to the west crosses Georgian territory."),
    ("p", "Kazakhstan and Turkmenistan, on the eastern shore, have the most to gain from a "
          "trans-Caspian pipeline and the least power to build one. Their oil leaves through "
          "Russia, and their gas through China; a line under the sea to Baku would change "
          "both, which is why it has been studied for thirty years and never laid. The "
          "legal status of the sea, settled in principle in 2018 at Aktau, removed one ob|sta|cle "
          "and left the others in place."),
    ("h", "What Azərbaycan wants"),
    ("p", "The view from Baku is that connectivity is a form of security. A country that moves "
          "other people's goods is harder to isolate, and the leadership has said as much in "
          "every major speech since the war of 2020. Whether the Middle Corridor will carry the "
          "volumes its promoters expect is another matter: the ferries are slow, the ports are "
          "small, and the railway through Kars still runs below capacity^3."),
    ("p", "The old Soviet network still shapes the map. The railway from Baku to Tbilisi follows a "
          "line laid in the nineteenth century, and the pipeline from Baku to Novorossiysk was "
          "built to serve an economy that no longer exists. Engineers in Azerbaijan speak of "
          "rehabilitation rather than construction, and the word is chosen with care: it "
          "suggests continuity where the politics suggest a break."),
    ("h", "The eastern shore"),
    ("p", "Across the water, Turkmenbashi has rebuilt its port with Turkish contractors and "
          "Japanese credit, and Aktau has added a container terminal. The numbers remain modest "
          "beside the Black Sea ports, but they are growing, and the governments that own them "
          "have learned to present every new berth as a strategic achievement. Observers in "
          "Astana and Ashgabat describe the sea as a bridge; sceptics in Moscow describe it as "
          "a moat that others want to cross."),
    ("p", "Security questions follow the cargo. Naval exercises on the Caspian have become more "
          "frequent, and the littoral states have agreed that no outside power may station "
          "forces on the sea. That agreement protects Russia's position as much as anyone's, "
          "and it limits what the western partners of Baku and Astana can offer."),
    ("h", "Money and memory"),
    ("p", "Finance decides more than diplomacy admits. The pipeline consortia were assembled "
          "by banks as much as by ministries, and the loans that paid for the ports at Alat and "
          "Kuryk came with conditions about tariffs and transparency. When the price of oil "
          "fell in 2015, the budgets of Azerbaijan and Kazakhstan fell with it, and several "
          "projects that had been announced as certain were quietly postponed."),
    ("p", "Memory matters too. In Yerevan the routes that bypass Armenia are remembered as a "
          "deliberate exclusion; in Baku they are remembered as the price of survival. Both "
          "readings are accurate, and neither is likely to change while the border between the "
          "two countries stays closed to trade."),
    ("p", "The transport planners of the European Union have drawn their own maps, with "
          "corridors that run from the Black Sea ports of Georgia through Azerbaijan to the "
          "Caspian and on to Central Asia. Their documents are careful to describe these lines "
          "as complementary to older routes, but the choice of partners is itself a statement "
          "about which neighbours are expected to remain difficult."),
    ("p", "None of this makes the region a chessboard. It makes it a place where geography is "
          "argued over in contracts, tariffs and timetables, and where the argument is far from "
          "finished."),
]

NOTES = {
    1: "Operator figures for 2024, published in the annual report.",
    2: "Interviews in Tbilisi, March 2025.",
    3: "Ministry of Transport statistics.",
}

TITLE = "Pipelines, Ports and Power on the Caspian"
AUTHORS = "Leyla Mammadova and Thomas Reed"
OUTLET = "Caspian Review"


def tokens(text):
    """Words of a paragraph: (word, hyphenation points, footnote number or None)."""
    out = []
    for raw in text.split():
        note = None
        if "^" in raw:
            raw, n = raw.split("^")
            # punctuation after the marker stays with the word
            digits = "".join(c for c in n if c.isdigit())
            rest = n[len(digits):]
            note = int(digits)
            raw = raw + rest
        parts = raw.split("|")
        if len(parts) == 1:
            core = raw.rstrip(".,;:")
            tail = raw[len(core):]
            parts = auto_parts(core)
            parts[-1] += tail
        out.append((parts, note))
    return out


VOWELS = set("aeiouyAEIOUYəƏ")


def auto_parts(word):
    """Hyphenation points for a plain word of eight letters or more: before a consonant
    that is followed by a vowel, at least three letters from either end."""
    if "|" in word or len(word) < 8 or not word.isalpha() or not word.islower():
        return [word]
    cuts = [k for k in range(3, len(word) - 3)
            if word[k] not in VOWELS and word[k + 1] in VOWELS and word[k - 1] in VOWELS]
    parts, last = [], 0
    for k in cuts:
        parts.append(word[last:k])
        last = k
    parts.append(word[last:])
    return parts


def word_text(parts):
    return "".join(parts)


class Layout:
    """Lays out the essay into columns and pages, drawing as it goes."""

    def __init__(self, c, running_head, first_page_top, end_mark=True, notes=True):
        self.c = c
        self.page = 1
        self.col = 0
        self.y = first_page_top
        self.running_head = running_head
        self.notes_on_page = []
        self.end_mark = end_mark
        self.with_notes = notes

    def col_x(self):
        return MARGIN + self.col * (COL_W + GUTTER)

    def next_line(self):
        self.y -= LEADING
        if self.y < BOTTOM:
            self.next_column()

    def next_column(self):
        if self.col == 0:
            self.col = 1
            self.y = self.col_top
        else:
            self.finish_page()
            self.c.showPage()
            self.page += 1
            self.col = 0
            self.y = TOP
            self.col_top = TOP
            self.start_page()

    def start_page(self):
        c = self.c
        if self.page > 1 and self.running_head:
            c.setFont("Serif", 7.5)
            c.drawString(MARGIN, H - 50, self.running_head[0])
            c.drawRightString(W - MARGIN, H - 50, "Winter 2025")
            c.setLineWidth(0.4)
            c.line(MARGIN, H - 55, W - MARGIN, H - 55)

    def finish_page(self):
        c = self.c
        # footnotes at the foot of the page, small
        y = BOTTOM - 22
        for n in self.notes_on_page:
            c.setFont("Serif", 6.5)
            c.drawString(MARGIN, y + 3, str(n))
            c.setFont("Serif", 7.5)
            c.drawString(MARGIN + 6, y, NOTES[n])
            y -= 9.5
        self.notes_on_page = []
        c.setFont("Serif", 8)
        c.drawCentredString(W / 2, 40, str(self.page))

    def draw_words(self, words, x, y, width, justify):
        """words: list of (text, note); drawn one by one, justified when asked."""
        c = self.c
        font, size = BODY
        widths = [pdfmetrics.stringWidth(w, font, size) for w, _ in words]
        natural_space = pdfmetrics.stringWidth(" ", font, size)
        gaps = len(words) - 1
        space = natural_space
        if justify and gaps > 0:
            space = (width - sum(widths)) / gaps
        for (w, note), ww in zip(words, widths):
            c.setFont(font, size)
            c.drawString(x, y, w)
            if note is not None and self.with_notes:
                c.setFont("Serif", 5.5)
                c.drawString(x + ww + 0.5, y + 3.5, str(note))
                self.notes_on_page.append(note)
            x += ww + space

    def paragraph(self, text, first_indent=INDENT):
        font, size = BODY
        toks = tokens(text)
        line = []
        indent = first_indent
        i = 0
        pending = None  # the rest of a hyphenated word
        space_w = pdfmetrics.stringWidth(" ", font, size)
        while i < len(toks) or pending:
            if pending is not None:
                parts, note = pending
                pending = None
            else:
                parts, note = toks[i]
                i += 1
            word = word_text(parts)
            avail = COL_W - indent
            used = sum(pdfmetrics.stringWidth(w, font, size) for w, _ in line) + space_w * len(line)
            ww = pdfmetrics.stringWidth(word, font, size)
            if used + ww <= avail:
                line.append((word, note))
                continue
            # try a hyphenation point
            placed = False
            for k in range(len(parts) - 1, 0, -1):
                head = "".join(parts[:k]) + "-"
                if used + pdfmetrics.stringWidth(head, font, size) <= avail:
                    line.append((head, None))
                    pending = (parts[k:], note)
                    placed = True
                    break
            if not placed:
                if i <= len(toks):
                    pending = (parts, note)
            self.draw_words(line, self.col_x() + indent, self.y, avail, True)
            self.next_line()
            line = []
            indent = 0
        if line:
            if self.end_mark and self.last:
                line.append(("\u25a0", None))
            self.draw_words(line, self.col_x() + indent, self.y, COL_W - indent, False)
            self.next_line()

    def heading(self, text):
        if self.y < BOTTOM + 3 * LEADING:
            self.next_column()
        self.y -= 6
        self.c.setFont("Serif-Bold", 12)
        self.c.drawString(self.col_x(), self.y, text)
        self.y -= LEADING + 4

    def pull_quote(self, text):
        c = self.c
        if self.y < BOTTOM + 5 * LEADING:
            self.next_column()
        self.y -= 8
        c.setFont("Serif-Italic", 14)
        words = text.split()
        line = []
        for w in words:
            trial = " ".join(line + [w])
            if pdfmetrics.stringWidth(trial, "Serif-Italic", 14) > COL_W - 20 and line:
                c.drawCentredString(self.col_x() + COL_W / 2, self.y, " ".join(line))
                self.y -= 18
                line = [w]
            else:
                line.append(w)
        if line:
            c.drawCentredString(self.col_x() + COL_W / 2, self.y, " ".join(line))
            self.y -= 18
        self.y -= 8

    def run(self, blocks):
        self.col_top = self.y
        self.start_page()
        first = True
        for n, (kind, text) in enumerate(blocks):
            self.last = n == len(blocks) - 1
            if kind == "h":
                self.heading(text)
                first = True
            elif kind == "q":
                self.pull_quote(text)
            else:
                self.paragraph(text, 0 if first else INDENT)
                first = False
        self.finish_page()


def essay_pdf(path):
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle(TITLE)
    c.setAuthor("Leyla Mammadova; Thomas Reed")
    c.setSubject("Caspian Review, Winter 2025")
    c.setCreator("make_test_pdfs.py")
    c.setDateFormatter(lambda *a: "D:20251203120000Z")
    c._doc.info.creationDate = "D:20251203120000Z"
    c.setFont("Serif-Bold", 20)
    c.drawString(MARGIN, H - 90, TITLE)
    c.setFont("Serif", 11)
    c.drawString(MARGIN, H - 112, AUTHORS)
    c.setFont("Serif-Italic", 8.5)
    c.drawString(MARGIN, H - 128, OUTLET + " \u00b7 Winter 2025")
    layout = Layout(c, ("Caspian Review", "Mammadova and Reed \u00b7 Pipelines, Ports and Power"),
                    H - 160)
    layout.run(ESSAY)
    c.save()


def report_pdf(path):
    """One column, no Info metadata: title, byline and date from the first page's layout;
    block paragraphs separated by space rather than indented."""
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setFont("Serif-Bold", 18)
    c.drawString(MARGIN, H - 90, "Ferries Across the Caspian")
    c.setFont("Serif", 11)
    c.drawString(MARGIN, H - 112, "By Arman Seitkali, 14 March 2024")
    font, size = "Serif", 10.5
    paras = [
        "The ferry from Aktau to Baku takes a day when the weather holds and three when it "
        "does not. Drivers wait at the port with their trucks, and the queue is the first "
        "thing a visitor sees.",
        "Kazakhstan has promised a new terminal at Kuryk, south of Aktau, and Azerbaijan has "
        "enlarged the port at Alat. Between them the sea is still the slowest part of the "
        "route from China to Europe.",
        "Shippers say the problem is not the ships but the paperwork: each border adds a day, "
        "and a container that crosses Kazakhstan, the Caspian, Azerbaijan and Georgia meets "
        "four customs services before it reaches the Black Sea at Poti.",
    ]
    y = H - 150
    width = W - 2 * MARGIN
    for p in paras:
        words = p.split()
        line = []
        for w in words:
            trial = " ".join(line + [w])
            if pdfmetrics.stringWidth(trial, font, size) > width and line:
                c.setFont(font, size)
                c.drawString(MARGIN, y, " ".join(line))
                y -= 14
                line = [w]
            else:
                line.append(w)
        c.setFont(font, size)
        c.drawString(MARGIN, y, " ".join(line))
        y -= 14 + 10
    c.setFont("Serif", 8)
    c.drawCentredString(W / 2, 40, "1")
    c.save()


def long_pdf(path, pages=20):
    """The essay repeated until it fills `pages` pages (the benchmark's input)."""
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle("A Long Caspian Report")
    c.setAuthor("Bench Writer")
    c.setFont("Serif-Bold", 20)
    c.drawString(MARGIN, H - 90, "A Long Caspian Report")
    blocks = []
    n = 0
    while True:
        n += 1
        blocks.append(("h", f"Part {n}"))
        blocks.extend(b for b in ESSAY if b[0] != "q")
        # about 1.25 pages per copy
        if n * 1.25 >= pages:
            break
    layout = Layout(c, ("A Long Caspian Report", "Bench Writer"), H - 130, notes=False)
    layout.run(blocks)
    c.save()


def scanned_pdf(path):
    """A page that is only an image: no text layer."""
    import struct
    w, h = 200, 280
    raw = b"".join(b"\x00" + bytes((x * 7 + y * 3) % 256 for x in range(w)) for y in range(h))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    import io
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(png)), MARGIN, MARGIN, W - 2 * MARGIN, H - 2 * MARGIN)
    c.showPage()
    c.drawImage(ImageReader(io.BytesIO(png)), MARGIN, MARGIN, W - 2 * MARGIN, H - 2 * MARGIN)
    c.save()


def encrypted_pdf(path):
    c = canvas.Canvas(path, pagesize=A4, invariant=1, encrypt="secret-password")
    c.setFont("Serif", 11)
    c.drawString(MARGIN, H - 90, "A confidential note about Baku.")
    c.save()


# ---------------------------------------------------------------------------------------------
# Harder layouts (`journal.pdf`, `brief.pdf`): what `link` is tried on by hand and in the tests.

JOURNAL = [
    ("p", "When the leaders of Azerbaijan, Georgia and Türkiye opened the railway from Baku to "
          "Kars in 2017, the ceremony promised a new Silk Road. Seven years on, the line carries "
          "a fraction of the freight its planners expected, and the reasons say more about the "
          "region than about rail|ways. Tariffs, gauges and border posts decide where a "
          "container goes, and each of them is set by a government with its own pri|or|ities^1."),
    ("p", "The Georgian section is the narrowest point. Trains from Baku enter Georgia at "
          "Gardabani, cross the plain to Tbilisi and climb to Akhalkalaki, where the gauge "
          "changes before the line descends to Kars. In Georgian the town is ახალქალაქი, and "
          "its station was rebuilt twice before the first through train arrived^2."),
    ("h", "A corridor of ports"),
    ("p", "On the Caspian shore the port of Alat has replaced the old harbour in the centre of "
          "Baku, and its managers speak of a free economic zone that will attract "
          "manu|fac|turers as well as forwarders. Across the sea, Aktau and Kuryk compete for "
          "the same ferries, while Turkmenbashi offers berths that are often empty."),
    ("q", "Tariffs, gauges and border posts decide where a container goes."),
    ("p", "Russian planners watch the corridor with suspicion. The Северный коридор through "
          "Russia remains shorter for most cargo, and sanctions have pushed some shippers "
          "south only because the northern route became un|cer|tain. Whether they stay once "
          "the risk recedes is the question every forwarder in Almaty asks."),
    ("p", "Iran offers a third route. The line from Astara to Rasht, still unfinished, would "
          "link the Azerbaijani network to the Persian Gulf, and Tehran presents it as a "
          "com|ple|ment rather than a rival. Its financing depends on Moscow, which makes the "
          "promise harder to believe in Baku."),
    ("h", "Who pays"),
    ("p", "Money is the constraint no summit has removed. The European Union has pledged funds "
          "for the Black Sea ports of Poti and Anaklia, the Asian Development Bank for roads in "
          "Kazakhstan, and China for little at all. Each lender attaches its own conditions, "
          "and the governments of the corridor have learned to play them against one "
          "another^3."),
    ("p", "Kazakhstan has tried to lower the cost of the crossing by building ships of its own. "
          "A state company has ordered container vessels and tankers from yards in Baku and "
          "abroad, and the ferries that serve Kuryk were refitted to carry more wagons. The "
          "ships are few, and the sea freezes near the northern shore each winter."),
    ("p", "Georgia has its own worries. The deep-water port at Anaklia was cancelled, revived "
          "and delayed again, and the older ports at Poti and Batumi are too shallow for the "
          "largest ships. Without a new port the corridor ends in a queue on the Black Sea "
          "coast, however fast the trains cross the Caucasus."),
    ("p", "Armenia, meanwhile, is outside the corridor and would like to be inside it. The "
          "government in Yerevan has proposed a crossroads of peace that would reopen roads "
          "and railways closed since the 1990s, and the idea has found support in Brussels. "
          "Baku answers that the reopening must begin with a route through Zangezur to "
          "Nakhchivan, which Yerevan fears would be a corridor beyond its control."),
    ("p", "The result is a route that exists on maps before it exists on the ground. Planners "
          "in Tbilisi and Astana count on growth that the timetables do not yet show, and the "
          "distance between the two is where the politics of the corridor will be decided."),
]

JOURNAL_NOTES = {
    1: ("Ministry of Economy of Georgia, annual transit report (Tbilisi, 2023), tables 4 "
        "and 5; the figures exclude oil products carried in tank wagons."),
    2: "Interviews with station staff, Akhalkalaki, May 2023.",
    3: ("On the competition between lenders see the author's earlier study in this journal, "
        "vol. 5, no. 1, pp. 12-31."),
}

J_TITLE = ("Ports, Pipelines and the Politics", "of the Middle Corridor")
J_AUTHORS = "Nana Kapanadze and Rustam Aliyev"


class Journal(Layout):
    """A journal article: a title page of its own, then two justified columns; running heads
    that alternate between left and right pages with the page number inside them, notes of
    several lines under a rule, and a pull quote set across both columns."""

    first_folio = 23

    def start_page(self):
        c = self.c
        if self.page == 1:
            return
        folio = str(self.first_folio + self.page)
        c.setFont("Serif", 8)
        if self.page % 2 == 0:
            c.drawString(MARGIN, H - 50, folio + "    Caspian Policy Review")
        else:
            c.drawRightString(W - MARGIN, H - 50, "Kapanadze and Aliyev \u00b7 The Middle Corridor    " + folio)
        c.setLineWidth(0.3)
        c.line(MARGIN, H - 55, W - MARGIN, H - 55)

    def finish_page(self):
        c = self.c
        if not self.notes_on_page:
            return
        lines = []
        for n in self.notes_on_page:
            words = JOURNAL_NOTES[n].split()
            cur, first = [], True
            for w in words:
                trial = " ".join(cur + [w])
                if pdfmetrics.stringWidth(trial, "Serif", 7.5) > W - 2 * MARGIN - 10 and cur:
                    lines.append((n if first else None, " ".join(cur)))
                    cur, first = [w], False
                else:
                    cur.append(w)
            lines.append((n if first else None, " ".join(cur)))
        y = BOTTOM - 16
        c.setLineWidth(0.3)
        c.line(MARGIN, y + 10, MARGIN + 80, y + 10)
        for n, text in lines:
            if n is not None:
                c.setFont("Serif", 6)
                c.drawString(MARGIN, y + 2.5, str(n))
            c.setFont("Serif", 7.5)
            c.drawString(MARGIN + 8, y, text)
            y -= 9
        self.notes_on_page = []

    def pull_quote(self, text):
        """Across both columns: the rest of the page's columns flow around it."""
        c = self.c
        c.setFont("Serif-Italic", 13)
        y = self.quote_y
        c.drawCentredString(W / 2, y, text)
        c.setLineWidth(0.5)
        c.line(MARGIN + 40, y + 16, W - MARGIN - 40, y + 16)
        c.line(MARGIN + 40, y - 8, W - MARGIN - 40, y - 8)

    def next_line(self):
        self.y -= LEADING
        if self.quote_band and self.quote_band[1] >= self.y >= self.quote_band[0]:
            self.y = self.quote_band[0] - LEADING
        if self.y < BOTTOM:
            self.next_column()

    def run(self, blocks):
        self.quote_band = None
        quote = [t for k, t in blocks if k == "q"]
        self.col_top = self.y
        self.start_page()
        first = True
        for n, (kind, text) in enumerate(blocks):
            self.last = n == len(blocks) - 1
            if kind == "h":
                self.heading(text)
                first = True
            elif kind == "q":
                continue
            else:
                # the quote goes on the page where the paragraph before it is set
                if quote and self.page == 2 and self.quote_band is None:
                    self.quote_y = H / 2
                    self.quote_band = (H / 2 - 14, H / 2 + 22)
                    self.pull_quote(quote[0])
                self.paragraph(text, 0 if first else INDENT)
                first = False
        self.finish_page()


def journal_pdf(path):
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    # Info as a typesetting tool leaves it: a file name for a title, no author.
    c.setTitle("CPR_7-2_Kapanadze_final.indd")
    c.setCreator("make_test_pdfs.py")
    c._doc.info.creationDate = "D:20240917090000Z"
    c.setFont("Serif", 9)
    c.drawString(MARGIN, H - 60, "CASPIAN POLICY REVIEW \u00b7 VOL. 7, NO. 2")
    c.setFont("Serif-Bold", 22)
    c.drawString(MARGIN, H - 150, J_TITLE[0])
    c.drawString(MARGIN, H - 178, J_TITLE[1])
    c.setFont("Serif", 12)
    c.drawString(MARGIN, H - 214, J_AUTHORS)
    c.setFont("Serif-Italic", 9)
    c.drawString(MARGIN, H - 230, "Tbilisi State University; ADA University, Baku")
    c.setFont("Serif", 9)
    c.drawString(MARGIN, H - 246, "September 2024")
    c.setFont("Serif", 8)
    c.drawCentredString(W / 2, 40, "23")
    c.showPage()
    layout = Journal(c, None, TOP)
    layout.page = 2
    layout.run(JOURNAL)
    c.save()


BRIEF = [
    ("h", "1. Summary"),
    ("p", "Kazakhstan's oil exports depend on a single pipeline through Russia to the Black Sea "
          "port of Novorossiysk. Interruptions in 2022 showed how exposed the country is, and "
          "the government has since looked for alter|na|tives across the Caspian."),
    ("h", "2. Options"),
    ("p", "Three routes are under discussion. Tankers can carry crude from Aktau to Baku and "
          "on through the pipeline to Ceyhan; a pipeline under the sea could do the same at "
          "larger volumes; and rail can take small amounts to the Georgian port of Batumi. "
          "None of them replaces the northern route, and each requires agreements that have "
          "taken years to ne|go|tiate."),
    ("p", "The tanker route is the one in use. Volumes remain small, limited by the number of "
          "vessels able to cross a shallow sea and by the capacity of the terminal at "
          "Sangachal, south of Baku."),
    ("p", "A pipeline under the sea would carry more, but it needs the consent of all five "
          "coastal states under the convention signed at Aktau in 2018, and Russia and Iran "
          "have both raised environmental objections. Rail is flexible and slow, and its "
          "costs rise with every border it crosses between Aktau and the Black Sea."),
    ("p", "Turkmenistan could join any of these routes, and its gas would make a pipeline "
          "easier to finance. The government in Ashgabat has signed memoranda with Baku "
          "about the Dostluk field they now develop together, but it has committed to little "
          "else, and its decisions are hard to predict from outside."),
    ("h", "3. Recommendations"),
    ("p", "Partners should finance the port at Kuryk and the terminal at Sangachal before they "
          "finance studies of a new pipeline. Smaller steps, taken now, will do more for "
          "Kazakhstan's security than a project that may never be built."),
    ("p", "Governments along the route should also agree on common customs procedures. A "
          "container that leaves Khorgos on the Chinese border meets officials in Kazakhstan, "
          "Azerbaijan, Georgia and Türkiye, and each of them inspects it again. A single "
          "electronic declaration, accepted from Aktau to Poti, would save more time than "
          "any new ship."),
    ("p", "Finally, the European Union and its member states should be clear about what they "
          "can offer. Promises of investment that are not followed by contracts damage trust in "
          "Astana and Baku, and they leave the field to lenders whose terms are less "
          "trans|par|ent and whose interest in the region is not only commercial."),
]


def brief_pdf(path):
    """A think-tank policy brief: one justified column with hyphenation, numbered headings in
    bold at body size plus space, a header with the organisation, `Page N of M` footers, a
    title and byline at the top of the first page, no Info metadata."""
    from reportlab.lib.pagesizes import letter
    pw, ph = letter
    c = canvas.Canvas(path, pagesize=letter, invariant=1)
    width = pw - 2 * 72
    font, size, lead = "Serif", 11, 15
    pages = []

    def header_footer(page_no, total):
        c.setFont("Serif", 8)
        c.drawString(72, ph - 40, "Caucasus Energy Institute \u2014 Policy Brief 14")
        c.drawRightString(pw - 72, 36, f"Page {page_no} of {total}")

    c.setFont("Serif-Bold", 17)
    c.drawString(72, ph - 100, "Oil Without Russia: Kazakhstan's Caspian Options")
    c.setFont("Serif", 10.5)
    c.drawString(72, ph - 122, "By Aigerim Nurlanova, 2 February 2025")
    y = ph - 160
    page_no = 1
    total = 2
    space_w = pdfmetrics.stringWidth(" ", font, size)
    for kind, text in BRIEF:
        if kind == "h":
            if y < 120:
                header_footer(page_no, total)
                c.showPage()
                page_no += 1
                y = ph - 80
            y -= 8
            c.setFont("Serif-Bold", size)
            c.drawString(72, y, text)
            y -= lead + 2
            continue
        toks = tokens(text)
        line, pending, i = [], None, 0
        while i < len(toks) or pending:
            if pending is not None:
                parts, _ = pending
                pending = None
            else:
                parts, _ = toks[i]
                i += 1
            word = word_text(parts)
            used = sum(pdfmetrics.stringWidth(w, font, size) for w in line) + space_w * len(line)
            if used + pdfmetrics.stringWidth(word, font, size) <= width:
                line.append(word)
                continue
            for k in range(len(parts) - 1, 0, -1):
                head = "".join(parts[:k]) + "-"
                if used + pdfmetrics.stringWidth(head, font, size) <= width:
                    line.append(head)
                    pending = (parts[k:], None)
                    break
            else:
                pending = (parts, None)
            gaps = len(line) - 1
            sp = (width - sum(pdfmetrics.stringWidth(w, font, size) for w in line)) / max(gaps, 1)
            x = 72
            c.setFont(font, size)
            for w in line:
                c.drawString(x, y, w)
                x += pdfmetrics.stringWidth(w, font, size) + sp
            y -= lead
            if y < 80:
                header_footer(page_no, total)
                c.showPage()
                page_no += 1
                y = ph - 80
            line = []
        c.setFont(font, size)
        c.drawString(72, y, " ".join(line))
        y -= lead + 9
        if y < 100:
            header_footer(page_no, total)
            c.showPage()
            page_no += 1
            y = ph - 80
    header_footer(page_no, total)
    c.save()


def main():
    os.makedirs(OUT, exist_ok=True)
    essay_pdf(os.path.join(OUT, "essay.pdf"))
    report_pdf(os.path.join(OUT, "report.pdf"))
    long_pdf(os.path.join(OUT, "long.pdf"))
    scanned_pdf(os.path.join(OUT, "scanned.pdf"))
    encrypted_pdf(os.path.join(OUT, "encrypted.pdf"))
    journal_pdf(os.path.join(OUT, "journal.pdf"))
    brief_pdf(os.path.join(OUT, "brief.pdf"))
    for f in sorted(os.listdir(OUT)):
        if f.endswith(".pdf"):
            print(f, os.path.getsize(os.path.join(OUT, f)), file=sys.stderr)


if __name__ == "__main__":
    main()
