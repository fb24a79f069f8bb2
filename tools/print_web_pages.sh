#!/bin/sh
# Prints the web pages of tools/web/ to PDF as a reader would from Chrome (headless Chromium,
# Skia/PDF: CID fonts with ranged widths, the browser's date/title head and address/page foot):
# tests/fixtures/import/printed-page.pdf and printed-news.pdf. Needs `apt-get install chromium`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../tests/fixtures/import"
for page in printed-page printed-news; do
    chromium --headless --no-sandbox --disable-gpu \
        --print-to-pdf="$out/$page.pdf" "file://$here/web/$page.html"
done
