#!/usr/bin/env python3
"""Writes tests/fixtures/import/type3.pdf: two columns of text in a Type 3 font whose glyph
space is hundredths of an em (/FontMatrix [0.01 0 0 0.01 0 0]), as TeX's bitmap fonts and some
charting tools make them, with kerns inside the lines ([(T) 80 (ajikistan)]). No library: the
PDF is written object by object. Run from the repository root: python3 tools/make_type3_pdf.py
"""

import textwrap

OUT = "tests/fixtures/import/type3.pdf"

TITLE = "Kerning in the Desert"
COLUMNS = [
    [
        "Tajikistan and Turkmenistan share no border, yet their water policies are tied "
        "together by the Amu Darya. Every dam built upstream in the Pamirs changes what "
        "reaches the fields of Dashoguz and the towns of Karakalpakstan.",
        "Valleys in the upper basin were surveyed by Soviet engineers, who planned a cascade "
        "of reservoirs on the Vakhsh. To this day the Nurek dam is the tallest in Central Asia.",
    ],
    [
        "Water arrives late in summer, when Turkmen and Uzbek farmers need it most. A dry year "
        "turns every quota into a quarrel, and villages at the tail of the canals wait longest.",
        "Yet cooperation has a record too. The Amu Darya basin commission still meets, and its "
        "engineers exchange gauge readings every week of the year.",
    ],
]

# Adobe standard glyph names of ASCII 32..126.
NAMES = (
    "space exclam quotedbl numbersign dollar percent ampersand quoteright parenleft "
    "parenright asterisk plus comma hyphen period slash zero one two three four five six "
    "seven eight nine colon semicolon less equal greater question at "
    + " ".join(chr(c) for c in range(ord("A"), ord("Z") + 1))
    + " bracketleft backslash bracketright asciicircum underscore quoteleft "
    + " ".join(chr(c) for c in range(ord("a"), ord("z") + 1))
    + " braceleft bar braceright asciitilde"
).split()
assert len(NAMES) == 95


def width(c):
    """Advance in hundredths of an em (the font's glyph space)."""
    if c == " ":
        return 33
    if c in "iljtf.,;:'!|":
        return 28
    if c in "mwMW":
        return 83
    if c.isupper():
        return 70
    return 52


# Pairs kerned together, in thousandths of text space (TJ units, whatever the font matrix).
KERNS = {"Ta": 80, "Tu": 80, "Va": 90, "Wa": 80, "Ye": 80, "To": 80, "Yo": 70}


def tj(line):
    """A TJ array for one line, with the kerns above."""
    parts, cur = [], ""
    for i, c in enumerate(line):
        cur += c
        pair = line[i : i + 2]
        if pair in KERNS:
            parts.append(cur)
            parts.append(KERNS[pair])
            cur = ""
    parts.append(cur)
    out = []
    for p in parts:
        if isinstance(p, int):
            out.append(str(p))
        else:
            esc = p.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            out.append("(" + esc + ")")
    return "[" + " ".join(out) + "] TJ"


def content():
    ops = ["BT", "/F1 18 Tf", "1 0 0 1 56 780 Tm", tj(TITLE)]
    for col, paras in enumerate(COLUMNS):
        x = 56 + col * 254
        y = 740
        for para in paras:
            lines = textwrap.wrap(para, 44)
            for k, line in enumerate(lines):
                indent = 10 if k == 0 else 0
                ops.append("/F1 10 Tf")
                ops.append(f"1 0 0 1 {x + indent} {y} Tm")
                ops.append(tj(line))
                y -= 12
            y -= 6
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def main():
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    procs = {}
    for code, name in zip(range(32, 127), NAMES):
        w = width(chr(code))
        draw = f"{w} 0 0 0 {w - 8} 70 d1 4 0 {w - 12} 70 re f" if code != 32 else f"{w} 0 d0"
        data = draw.encode()
        procs[name] = add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
    charprocs = " ".join(f"/{n} {i} 0 R" for n, i in procs.items())
    widths = " ".join(str(width(chr(c))) for c in range(32, 127))
    diffs = "32 " + " ".join("/" + n for n in NAMES)
    font = add(
        (
            "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 100 100] "
            "/FontMatrix [0.01 0 0 0.01 0 0] "
            f"/CharProcs << {charprocs} >> "
            f"/Encoding << /Type /Encoding /Differences [{diffs}] >> "
            f"/FirstChar 32 /LastChar 126 /Widths [{widths}] /Resources << >> >>"
        ).encode()
    )
    data = content()
    stream = add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
    pages_id = len(objects) + 2
    page = add(
        (
            f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {stream} 0 R >>"
        ).encode()
    )
    add(f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>".encode())
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    with open(OUT, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
