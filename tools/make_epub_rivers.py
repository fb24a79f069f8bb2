"""Writes tests/fixtures/import/rivers.epub: an EPUB 3 book with a cover page, a navigation
document, an imprint (copyright) page without semantic marks, two chapters, and a footnote
with its note reference. Run once; the file is committed: python3 tools/make_epub_rivers.py"""
from make_test_docs import CONTAINER, zip_file

XHTML = ('<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
         'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>t</title></head>'
         '<body>%s</body></html>')
OPF = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:5f0c1d2e-rivers</dc:identifier><dc:title>Rivers of the Steppe</dc:title>
<dc:creator>Nurlan Abenov</dc:creator><dc:creator>Saule Ermekova</dc:creator>
<dc:date>2019-05-20</dc:date><dc:publisher>Steppe Books</dc:publisher><dc:language>en</dc:language>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>
<item id="copy" href="copyright.xhtml" media-type="application/xhtml+xml"/>
<item id="c1" href="ch1.xhtml" media-type="application/xhtml+xml"/>
<item id="c2" href="ch2.xhtml" media-type="application/xhtml+xml"/>
</manifest>
<spine><itemref idref="cover"/><itemref idref="nav"/><itemref idref="copy"/><itemref idref="c1"/><itemref idref="c2"/></spine>
</package>"""
PARTS = {
    "OEBPS/nav.xhtml": '<nav epub:type="toc"><h1>Contents</h1><ol><li><a href="ch1.xhtml">The Syr Darya</a></li>'
                       '<li><a href="ch2.xhtml">The Amu Darya</a></li></ol></nav>',
    "OEBPS/cover.xhtml": '<div class="cover"><img src="cover.jpg" alt="Rivers of the Steppe"/></div>',
    "OEBPS/copyright.xhtml": '<p>Copyright \u00a9 2019 Nurlan Abenov. All rights reserved.</p>'
                             '<p>ISBN 978-0-00-000000-0</p><p>Published by Steppe Books, Almaty.</p>',
    "OEBPS/ch1.xhtml": '<h1>The Syr Darya</h1><p>The Syr Darya rises in the Tian Shan and flows through the '
                       'Fergana Valley before crossing Kazakhstan to the Aral Sea.<a epub:type="noteref" '
                       'href="#n1">1</a></p><p>Its water feeds the cotton fields of Uzbekistan.<sup><a '
                       'href="#n2">2</a></sup></p><aside epub:type="footnote" id="n1"><p>1. Its length is '
                       'about 2,200 km.</p></aside><aside epub:type="footnote" id="n2"><p>2. Mostly in the '
                       'Syr Darya region.</p></aside>',
    "OEBPS/ch2.xhtml": '<h1>The Amu Darya</h1><p>The Amu Darya forms part of the border between Afghanistan '
                       'and Tajikistan, then flows past Termez and Nukus.</p>',
}

zip_file("rivers.epub",
         [("META-INF/container.xml", CONTAINER), ("OEBPS/content.opf", OPF)]
         + [(name, XHTML % body) for name, body in PARTS.items()],
         first_stored=("mimetype", "application/epub+zip"))
