#!/bin/sh
# Prints web-page fixtures of tests/fixtures/import/ to PDF as a reader would from Chrome
# (headless Chromium, Skia/PDF: CID fonts with ranged widths, the browser's date/title head and
# address/page foot): yoast.html, rferl.html, news.html, wordpress.html and sidebar.html as
# printed-page.pdf, printed-news.pdf, printed-news-page.pdf, printed-wordpress.pdf and
# printed-sidebar.pdf. Needs `apt-get install chromium`.
set -eu
out=$(cd "$(dirname "$0")/../tests/fixtures/import" && pwd)
print() {
    chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$out/$2" "file://$out/$1"
}
print yoast.html printed-page.pdf
print rferl.html printed-news.pdf
print news.html printed-news-page.pdf
print wordpress.html printed-wordpress.pdf
print sidebar.html printed-sidebar.pdf
