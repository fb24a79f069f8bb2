#!/bin/sh
# Seed the fuzz corpora from the shipped data (fuzz/corpus/ is not committed).
# Each GeoJSON seed gets a first byte choosing its layer name, as the target reads it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
mkdir -p "$here/corpus/geojson_layer" "$here/corpus/text_document" "$here/corpus/saved_state" \
    "$here/corpus/document_reader"
i=0
for f in countries regions cities water fields pipelines corridors; do
    if [ -f "$root/geodata/$f.geojson" ]; then
        # Large layers are cut to their first 64 KB: small seeds fuzz faster.
        { printf "\\$(printf '%03o' "$i")"; head -c 65536 "$root/geodata/$f.geojson"; } \
            > "$here/corpus/geojson_layer/$f"
    fi
    i=$((i + 1))
done
for f in "$root"/assets/essays/*.txt; do
    head -c 65536 "$f" > "$here/corpus/text_document/$(basename "$f")"
done
printf '\000{"selected":"iran","open_document":"doc","tab":"reader","filters":{"hidden_kinds":["water"]},"added_files":["/tmp/a.txt"]}' \
    > "$here/corpus/saved_state/reading"
printf '\002(normal_geometry:(outer_pos:Some((10.0,20.0)),inner_size:Some((1600.0,1000.0))),fullscreen:false,maximized:false)' \
    > "$here/corpus/saved_state/window"
# Document readers: each import fixture, its first byte choosing the reader by extension (the
# order of NAMES in fuzz_targets/document_reader.rs).
i=0
for ext in pdf html mhtml docx epub md txt; do
    for f in "$root"/tests/fixtures/import/*."$ext"; do
        [ -f "$f" ] || continue
        { printf "\\$(printf '%03o' "$i")"; head -c 65536 "$f"; } \
            > "$here/corpus/document_reader/$(basename "$f")"
    done
    i=$((i + 1))
done
