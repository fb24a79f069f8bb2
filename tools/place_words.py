"""Writes assets/words/places.txt: the single words of the atlas's names, aliases and demonyms
(geodata/*.geojson) that the English word list lacks, lower-cased, one per line, sorted.

The cleaner then knows "Ashgabat" or "Turkmen" as words when it joins a word hyphenated at a
line break ("Ash-" / "gabat"), as it knows English words. Run after changing geodata/:
    python3 tools/place_words.py
"""
import glob
import json
import os
import re

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
# Words of at least this many letters: shorter ones are too often fragments of English words.
MIN_LETTERS = 5


def names(props, with_aliases):
    for key in ("name", "name_local"):
        v = props.get(key)
        if isinstance(v, str):
            yield v
    for key in ("aliases", "demonyms") if with_aliases else ("demonyms",):
        v = props.get(key)
        if isinstance(v, list):
            yield from (x for x in v if isinstance(x, str))


def main():
    with open(os.path.join(ROOT, "assets", "words", "words.txt"), encoding="utf-8") as f:
        english = {w.strip() for w in f if w.strip()}
    words = set()
    for path in sorted(glob.glob(os.path.join(ROOT, "geodata", "*.geojson"))):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        # The gazetteer's towns keep their main names only: their GeoNames alternate names
        # hold transliteration fragments ("alucra", "amedi") that would pass for words.
        with_aliases = os.path.basename(path) != "places.geojson"
        for feature in data.get("features", []):
            for name in names(feature.get("properties") or {}, with_aliases):
                for token in re.split(r"[\s\-\u2010-\u2015/(),.]+", name):
                    token = token.strip("'\u2019").lower()
                    if len(token) >= MIN_LETTERS and all(c.isalpha() for c in token):
                        if token not in english:
                            words.add(token)
    out = os.path.join(ROOT, "assets", "words", "places.txt")
    with open(out, "w", encoding="utf-8") as f:
        for w in sorted(words):
            f.write(w + "\n")
    print(f"{len(words)} words -> {out}")


if __name__ == "__main__":
    main()
