#!/usr/bin/env python3
"""Generates the non-PDF fixtures of `tests/fixtures/import/` (committed, so CI needs no Python):
a news web page with furniture and JSON-LD, the same page saved as MHTML, a Word document, an EPUB
book, a Markdown note with front matter, plain text in five encodings, a GeoJSON layer dropped as
a document, and corrupt or truncated files of every container format.
Standard library only: `python3 tools/make_test_docs.py`.
"""

import base64
import os
import quopri
import zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "import")

PARAS = [
    "The ferry from Aktau to Baku takes a day when the weather holds and three when it does not.",
    "Kazakhstan has promised a new terminal at Kuryk, and Azerbaijan has enlarged the port at Alat.",
    "In Тбилиси and in Ərdəbil the same question is asked: who will pay for the Middle Corridor?",
]

HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ferries Across the Caspian | Caspian Review</title>
<meta property="og:title" content="Ferries Across the Caspian | Caspian Review">
<meta property="og:site_name" content="Caspian Review">
<meta name="author" content="Wrong Person">
<style>body { font-family: Georgia; }</style>
<script>window.dataLayer = [];</script>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Caspian Review"},
  {"@type": "NewsArticle", "headline": "Ferries Across the Caspian",
   "datePublished": "2024-03-14T09:00:00+05:00",
   "author": [{"@type": "Person", "name": "Arman Seitkali"}, {"@type": "Person", "name": "Dana Omarova"}],
   "publisher": {"@type": "Organization", "name": "Caspian Review"}}]}
</script></head>
<body>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/energy">Energy</a></nav></header>
<main><article>
<h1>Ferries Across the Caspian</h1>
<p class="byline">By Arman Seitkali and Dana Omarova, 14 March 2024</p>
<div class="share-bar"><a>Share on X</a> <a>Share on Facebook</a></div>
<p>{p0}</p>
<figure><img src="ferry.jpg"><figcaption>A ferry in the port of Baku. Photo: Agency</figcaption></figure>
<h2>The eastern shore</h2>
<p>{p1} The <em>port</em> at Kuryk is <a href="/kuryk">south of Aktau</a>, on the same coast.</p>
<div class="newsletter-signup"><p>Sign up for our weekly newsletter on the Caspian region.</p></div>
<p>{p2}</p>
<aside class="related-links"><h3>Related</h3><ul><li><a>Pipelines and power</a></li></ul></aside>
</article></main>
<footer><p>© 2024 Caspian Review. All rights reserved.</p></footer>
</body></html>
""".replace("{p0}", PARAS[0]).replace("{p1}", PARAS[1]).replace("{p2}", PARAS[2])

DOCX_DOC = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Rails Through the Caucasus</w:t></w:r></w:p>
<w:p><w:r><w:t>By Nino Beridze, 5 May 2023</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>The line from Baku</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">The railway from Baku to Tbilisi and on to Kars </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>opened in 2017</w:t></w:r><w:r><w:t>, after a decade of delays.</w:t></w:r></w:p>
<w:p><w:r><w:t>Freight from Aktau crosses the sea before it reaches the line at Alat &amp; Baku.</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Kop2"/></w:pPr><w:r><w:t>Georgia in the middle</w:t></w:r></w:p>
<w:p><w:r><w:t>Tbilisi depends on the transit fees, and Batumi on the ships.</w:t></w:r></w:p>
</w:body></w:document>"""

DOCX_STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/></w:style>
</w:styles>"""

DOCX_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Template title</dc:title><dc:creator>Nino Beridze</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">2023-05-01T10:00:00Z</dcterms:created>
</cp:coreProperties>"""

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

CONTAINER = ('<?xml version="1.0"?><container version="1.0" '
             'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile '
             'full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
             '</rootfiles></container>')

OPF = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>Letters from the Caspian Shore</dc:title>
<dc:creator>Farid Aliyev</dc:creator><dc:creator>Sara Lind</dc:creator>
<dc:date>2022-06-01</dc:date><dc:publisher>Shore Books</dc:publisher>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="c2" href="text/chapter%202.xhtml" media-type="application/xhtml+xml"/>
<item id="c1" href="text/chapter1.xhtml" media-type="application/xhtml+xml"/>
<item id="css" href="style.css" media-type="text/css"/>
</manifest>
<spine><itemref idref="nav"/><itemref idref="c1"/><itemref idref="c2"/></spine>
</package>"""

CHAPTER = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{t}</title></head>
<body><h1>{t}</h1>{body}</body></html>"""

MARKDOWN = """---
title: "Notes on the Middle Corridor"
author: [Ann Lee, Bo Kim]
date: 2025-01-20
publisher: Field Notes
---

# Notes on the Middle Corridor

The corridor runs from Aktau across the Caspian Sea to Baku, then through
Tbilisi to the Black Sea ports of Poti and Batumi.

## Ports

- Alat, south of Baku
- Kuryk, south of Aktau

The *bottleneck* is the sea crossing[^1].

[^1]: Interviews, 2024.
"""

TEXT = ("Caspian Energy Outlook\n"
        "By A. Field Analyst, October 2025\n\n"
        "Gas from the Shah Deniz field reaches Erzurum through Georgia; the café owners of "
        "Bakı and Genève read about it in the same newspapers.\n\n"
        "A second paragraph mentions Tbilisi and Ceyhan.\n")

CYRILLIC = ("Каспийский обзор\n\n"
            "Нефть из Баку идёт через Тбилиси в Джейхан, а газ — в Эрзурум. "
            "Паромы ходят из Актау в Баку.\n")

GEOJSON = """{ "type": "FeatureCollection", "features": [
  { "type": "Feature", "properties": { "name": "A road" },
    "geometry": { "type": "LineString", "coordinates": [[49.8, 40.4], [44.8, 41.7]] } } ] }
"""


# A news page as a browser saves it ("Save page as… HTML only"): site navigation, a consent
# banner, breaking-news ticker, share bar, inline advert, newsletter box and a "read more" link
# inside the article, captions, related and most-read boxes, tags, author bio, comments, footer;
# JSON-LD NewsArticle with two authors; a <title> with the site's suffix after an en dash.
NEWS_PARAS = [
    "BAKU — The first container train to cross the Caspian on a single through bill of lading "
    "left the port of Aktau on Tuesday, carrying forty boxes of Chinese electronics bound for "
    "Poti on the Black Sea.",
    "The shipment, organised by forwarders in Almaty and Tbilisi, is meant to show that the "
    "Middle Corridor can compete with the northern route through Russia. It took the boxes "
    "eleven days to reach Baku, two of them spent waiting for a ferry at the Kazakh port.",
    "Officials in Astana said the crossing would be repeated every week from the spring. “We "
    "are no longer talking about pilot runs,” said a deputy minister, who asked not to be "
    "named because the timetable has not been announced.",
    "Georgian Railways, which carries the boxes from the Azerbaijani border at Gardabani to "
    "Poti, said it had added two locomotives to the line and would open a new yard near "
    "Marabda this year.",
    "Not everyone is convinced. Shippers in Istanbul point out that the ferries across the "
    "Caspian still sail without a fixed schedule, and that a single storm off Əlat can hold "
    "a train for days.",
]

NEWS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Caspian container train sets off from Aktau on through bill – The Caspian Times</title>
<link rel="canonical" href="https://caspiantimes.example/business/2025/03/container-train">
<meta property="og:type" content="article">
<meta property="og:title" content="Caspian container train sets off from Aktau on through bill">
<meta property="og:site_name" content="The Caspian Times">
<meta property="article:published_time" content="2025-03-11T07:30:00+04:00">
<meta name="twitter:card" content="summary_large_image">
<link rel="stylesheet" href="/static/site.css">
<style>.ticker{animation:scroll 30s linear infinite}@font-face{font-family:Georgia}</style>
<script>(function(w,d){w.gtag=w.gtag||function(){};})(window,document);</script>
<script type="application/ld+json">
{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Caspian container train sets off from Aktau on through bill",
 "datePublished":"2025-03-11T07:30:00+04:00","dateModified":"2025-03-11T12:05:00+04:00",
 "author":[{"@type":"Person","name":"Aliya Dzhaksybekova","url":"https://caspiantimes.example/authors/aliya"},
           {"@type":"Person","name":"Giorgi Tsereteli"}],
 "publisher":{"@type":"NewsMediaOrganization","name":"The Caspian Times",
   "logo":{"@type":"ImageObject","url":"https://caspiantimes.example/logo.png"}},
 "image":["https://caspiantimes.example/img/train.jpg"]}
</script>
<script type="application/ld+json">
{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[
 {"@type":"ListItem","position":1,"name":"Business"},{"@type":"ListItem","position":2,"name":"Transport"}]}
</script>
</head>
<body class="article-page">
<div class="cmp-container" role="dialog" aria-label="Privacy">
  <p>We and our 312 partners use cookies and similar technologies to personalise content and ads.
  By clicking “Accept all” you consent to this. You can change your choices at any time.</p>
  <button>Accept all</button><button>Manage options</button>
</div>
<header class="site-header">
  <a class="logo" href="/">The Caspian Times</a>
  <nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
  <li><a href="/business">Business</a></li><li><a href="/energy">Energy</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
  <form class="search"><input type="search" placeholder="Search"></form>
  <a class="subscribe-button" href="/subscribe">Subscribe from $1 a week</a>
</header>
<div class="ticker"><span>Breaking:</span> Oil prices rise after pipeline outage in Kazakhstan · Tbilisi mayor resigns</div>
<main id="content">
<article class="story">
  <div class="kicker"><a href="/business">Business</a> / <a href="/business/transport">Transport</a></div>
  <h1 class="headline">Caspian container train sets off from Aktau on through bill</h1>
  <p class="standfirst">Forwarders say the Middle Corridor is finally ready for regular traffic. Shippers are not so sure.</p>
  <div class="article-meta">
    <span class="byline">By <a href="/authors/aliya">Aliya Dzhaksybekova</a> in Almaty and <a>Giorgi Tsereteli</a> in Tbilisi</span>
    <time datetime="2025-03-11T07:30:00+04:00">11 March 2025</time>
    <span class="updated">Updated 12:05</span>
  </div>
  <div class="share-tools"><a>Facebook</a><a>X</a><a>WhatsApp</a><a>Email</a><button>Copy link</button></div>
  <figure class="lead-image"><img src="train.jpg" alt="A container train at Aktau">
    <figcaption>A container train waits at the port of Aktau. Photograph: Press Service</figcaption></figure>
  <div class="article-body">
    <p>{p0}</p>
    <p>{p1}</p>
    <div class="ad-slot"><span>Advertisement</span><div id="div-gpt-ad-1"></div></div>
    <p>{p2}</p>
    <p class="read-more"><strong>Read more:</strong> <a href="/x">Why the Middle Corridor matters to Europe</a></p>
    <h2>Locomotives and yards</h2>
    <p>{p3}</p>
    <aside class="newsletter-box"><h3>The Caspian Brief</h3><p>Our free newsletter on energy and
      transport in the region, every Friday.</p><form><input type="email"><button>Sign up</button></form></aside>
    <p>{p4}</p>
  </div>
  <div class="tags"><a>Kazakhstan</a><a>Georgia</a><a>Railways</a><a>Middle Corridor</a></div>
  <div class="author-bio"><p>Aliya Dzhaksybekova is our Central Asia correspondent, based in Almaty.</p></div>
</article>
<section class="related-stories"><h2>Related stories</h2><ul>
  <li><a>Kazakhstan orders new tankers for the Caspian</a></li>
  <li><a>Georgia revives plans for a deep-water port at Anaklia</a></li></ul></section>
<section class="most-read"><h2>Most read</h2><ol><li><a>Baku hosts regional summit on transport</a></li>
  <li><a>How the Caspian Sea is shrinking</a></li></ol></section>
<section id="comments"><h2>Comments (14)</h2><p>Log in to join the conversation.</p></section>
</main>
<footer class="site-footer"><p>© 2025 The Caspian Times Ltd. All rights reserved.</p>
  <ul><li><a>About us</a></li><li><a>Contact</a></li><li><a>Privacy policy</a></li><li><a>Cookie settings</a></li></ul></footer>
<script src="/static/app.js"></script>
</body></html>
"""
for i, para in enumerate(NEWS_PARAS):
    NEWS = NEWS.replace("{p%d}" % i, para)


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def zip_file(name, entries, first_stored=None):
    path = os.path.join(OUT, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if first_stored:
            z.writestr(zipfile.ZipInfo(first_stored[0]), first_stored[1], zipfile.ZIP_STORED)
        for n, d in entries:
            z.writestr(n, d)
    return open(path, "rb").read()


def main():
    os.makedirs(OUT, exist_ok=True)
    html = HTML.encode("utf-8")
    write("article.html", html)
    qp = quopri.encodestring(html)
    mhtml = (b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.org/ferries\r\n"
             b"Subject: Ferries Across the Caspian | Caspian Review\r\nMIME-Version: 1.0\r\n"
             b"Content-Type: multipart/related; type=\"text/html\"; boundary=\"----MultipartBoundary--x\"\r\n\r\n"
             b"------MultipartBoundary--x\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
             b"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: https://example.org/ferries\r\n\r\n"
             + qp.replace(b"\n", b"\r\n") +
             b"\r\n------MultipartBoundary--x\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
             b"Content-Location: https://example.org/ferry.png\r\n\r\n"
             + base64.b64encode(b"\x89PNG\r\n\x1a\n0000") + b"\r\n------MultipartBoundary--x--\r\n")
    write("article.mhtml", mhtml)
    write("news.html", NEWS.encode("utf-8"))
    docx = zip_file("rails.docx", [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", DOCX_DOC),
        ("word/styles.xml", DOCX_STYLES),
        ("docProps/core.xml", DOCX_CORE),
    ])
    ch1 = CHAPTER.replace("{t}", "Arrival at Baku").replace(
        "{body}", "<p>The boat from Turkmenbashi reached Baku at dawn.</p>"
                  "<p>From the deck the old city and the Flame Towers were both in view.</p>")
    ch2 = CHAPTER.replace("{t}", "The Road to Tbilisi").replace(
        "{body}", "<p>The night train to Tbilisi follows the Kura for most of the way.</p>")
    nav = CHAPTER.replace("{t}", "Contents").replace("{body}", "<nav><ol><li>Arrival</li></ol></nav>")
    epub = zip_file("letters.epub", [
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/content.opf", OPF),
        ("OEBPS/nav.xhtml", nav),
        ("OEBPS/text/chapter1.xhtml", ch1),
        ("OEBPS/text/chapter 2.xhtml", ch2),
    ], first_stored=("mimetype", "application/epub+zip"))
    write("notes.md", MARKDOWN.encode("utf-8"))
    write("outlook-utf8.txt", TEXT.encode("utf-8"))
    write("outlook-utf8-bom.txt", b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    write("outlook-utf16le.txt", TEXT.encode("utf-16"))  # with BOM, little-endian
    write("outlook-utf16be.txt", b"\xfe\xff" + TEXT.encode("utf-16-be"))
    write("outlook-latin1.txt", TEXT.replace("Bakı", "Baku").encode("cp1252"))
    write("obzor-cp1251.txt", CYRILLIC.encode("cp1251"))
    write("layer.geojson", GEOJSON.encode())
    write("layer-named.json", GEOJSON.encode())
    # Corrupt and truncated files.
    write("truncated.docx", docx[: len(docx) // 2])
    write("truncated.epub", epub[: len(epub) // 3])
    pdf = open(os.path.join(OUT, "essay.pdf"), "rb").read()
    write("truncated.pdf", pdf[:1500])
    write("junk.bin", bytes((i * 97 + 13) % 256 for i in range(4096)))
    write("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4)


if __name__ == "__main__":
    main()
