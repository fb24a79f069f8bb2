#!/bin/sh
# Prints web pages to PDF as a reader would from Chrome (headless Chromium, Skia/PDF: CID fonts
# with ranged widths, the browser's date/title head and address/page foot), into
# tests/fixtures/import/: tools/web/printed-page.html and printed-news.html, and the web-page
# fixtures news.html, wordpress.html and sidebar.html as printed-news-page.pdf,
# printed-wordpress.pdf and printed-sidebar.pdf.
# Needs `apt-get install chromium`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../tests/fixtures/import"
print() {
    chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$out/$2" "file://$1"
}
print "$here/web/printed-page.html" printed-page.pdf
print "$here/web/printed-news.html" printed-news.pdf
print "$(cd "$out" && pwd)/news.html" printed-news-page.pdf
print "$(cd "$out" && pwd)/wordpress.html" printed-wordpress.pdf
print "$(cd "$out" && pwd)/sidebar.html" printed-sidebar.pdf
