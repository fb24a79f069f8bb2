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


def main():
    os.makedirs(OUT, exist_ok=True)
    essay_pdf(os.path.join(OUT, "essay.pdf"))
    report_pdf(os.path.join(OUT, "report.pdf"))
    long_pdf(os.path.join(OUT, "long.pdf"))
    scanned_pdf(os.path.join(OUT, "scanned.pdf"))
    encrypted_pdf(os.path.join(OUT, "encrypted.pdf"))
    for f in sorted(os.listdir(OUT)):
        if f.endswith(".pdf"):
            print(f, os.path.getsize(os.path.join(OUT, f)), file=sys.stderr)


if __name__ == "__main__":
    main()
