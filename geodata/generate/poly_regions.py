"""Regions layer of the polygon generator: administrative units from Natural
Earth admin-1 (QGIS GeoPackage), disputed / historical areas polygonized from
Natural Earth claim lines against the host country, and macro-regions as
unions of member countries."""

from __future__ import annotations

import sys

import shapely
from shapely.geometry import LineString, MultiLineString, Point
from shapely.ops import linemerge, polygonize, unary_union

import poly_io
import polygons

ADMIN1 = ("Natural Earth 1:10m Admin 1 States/Provinces (public domain; simplified copy in world_map.gpkg, "
          "Debian qgis-common 3.22.16+dfsg-1)")
DISPUTED = ("Natural Earth 1:10m disputed boundaries / claim lines (public domain; world_map.gpkg layer "
            "disputed_borders, Debian qgis-common 3.22.16+dfsg-1)")
FIT_NOTE = "outer edge fitted to the shipped 1:10m country outline"

# Growth (degrees) used to close gaps between the simplified admin-1 outline
# and the 1:10m host country outline without entering neighbouring units.
FIT_GROW = 0.03
SPECK_DEG2 = 5e-4  # ~5 km2

# id -> dict(host, units=[admin-1 names] | lines=(claim name, [seed points]) | part=seed, props)
REGIONS = {
    "nagorno-karabakh": dict(
        host="azerbaijan", lines=("Former USSR oblast in 1991", [(46.75, 39.82)]),
        name="Nagorno-Karabakh", status="historical",
        aliases=["Nagorno Karabakh", "Nagorny Karabakh", "Nagorno-Karabagh", "Mountainous Karabakh", "Karabakh",
                 "Artsakh", "Republic of Artsakh", "Nagorno-Karabakh Autonomous Oblast", "NKAO",
                 "former Nagorno-Karabakh oblast"],
        extra={"country": "azerbaijan"},
        summary="Boundary of the Soviet Nagorno-Karabakh Autonomous Oblast as of 1991, inside Azerbaijan; the "
                "area has been under Azerbaijani control since September 2023 and the Armenian-run "
                "'Artsakh' entity dissolved on 1 January 2024."),
    "abkhazia": dict(
        host="georgia", lines=("Georgian claim", [(41.02, 43.0), (40.3, 43.3)]),
        name="Abkhazia", status="disputed",
        aliases=["Abkhaz", "Apsny", "Autonomous Republic of Abkhazia"], demonyms=["Abkhaz", "Abkhazian",
                                                                                  "Abkhazians"],
        extra={"claimed_by": "georgia", "country": "georgia"},
        summary="Breakaway region of north-western Georgia, recognised internationally as part of Georgia but "
                "controlled by Russian-backed de facto authorities since 1993 (recognised by Russia since 2008)."),
    "south-ossetia": dict(
        host="georgia", lines=("Georgian claim", [(43.97, 42.23)]),
        name="South Ossetia", status="disputed",
        aliases=["Ossetia", "Tskhinvali Region", "Samachablo"], demonyms=["Ossetian", "Ossetians"],
        extra={"claimed_by": "georgia", "country": "georgia"},
        summary="Breakaway region of north-central Georgia, recognised internationally as part of Georgia but "
                "controlled by Russian-backed de facto authorities (recognised by Russia since 2008)."),
    "crimea": dict(
        host="ukraine", units=["Crimea", "Sevastopol"], admin1_a3="RUS",
        name="Crimea", status="disputed",
        aliases=["Crimean Peninsula", "the Crimea", "Autonomous Republic of Crimea", "Krym", "Qirim"],
        demonyms=["Crimean"],
        extra={"claimed_by": "ukraine", "controlled_by": "russia", "country": "ukraine"},
        summary="Peninsula recognised internationally as part of Ukraine (with Sevastopol), occupied and "
                "annexed by Russia in 2014."),
    "transnistria": dict(
        host="moldova", lines=("Moldovan claim", [(29.0, 47.77)]),
        name="Transnistria", status="disputed",
        aliases=["Trans-nistria", "Transdniestria", "Transdniester", "Pridnestrovie",
                 "Pridnestrovian Moldavian Republic"],
        extra={"claimed_by": "moldova", "country": "moldova"},
        summary="Strip of eastern Moldova along the Dniester held since 1992 by an unrecognised Russian-backed "
                "de facto authority with Russian troops present; recognised internationally as Moldova."),
    "donbas": dict(
        host="ukraine", units=["Donets'k", "Luhans'k"], name="Donbas", status="disputed",
        aliases=["Donbass", "Donetsk Basin", "Donetsk and Luhansk", "Donetsk and Lugansk", "Luhansk and Donetsk"],
        extra={"claimed_by": "ukraine", "controlled_by": "russia", "country": "ukraine"},
        summary="Donetsk and Luhansk oblasts of eastern Ukraine, partly held by Russian proxies since 2014 and "
                "mostly occupied by Russia since its 2022 invasion (claimed annexation not recognised)."),
    "nakhchivan": dict(
        host="azerbaijan", part=(45.4, 39.2), name="Nakhchivan Autonomous Republic", status="autonomous",
        aliases=["Nakhchivan", "Nakhichevan", "Naxçıvan", "Nakhijevan", "Nakhchivan exclave",
                 "exclave of Nakhchivan", "Nakhichevan Autonomous Republic"],
        extra={"country": "azerbaijan"},
        summary="Autonomous exclave of Azerbaijan between Armenia, Iran and Turkey, separated from mainland "
                "Azerbaijan by Armenia's Syunik province."),
    "syunik": dict(
        host="armenia", units=["Syunik"], name="Syunik (Zangezur)", status="administrative",
        aliases=["Syunik", "Syunik province", "Syunik Province", "Syunik marz", "Siunik"],
        extra={"country": "armenia"},
        summary="Armenia's southernmost province, between mainland Azerbaijan and Nakhchivan, bordering Iran "
                "along the Aras at Meghri; called Zangezur in Azerbaijani usage."),
    "east-azerbaijan-province": dict(
        host="iran", units=["East Azarbaijan"], name="East Azerbaijan Province (Iran)", status="administrative",
        aliases=["East Azerbaijan Province", "East Azerbaijan", "Eastern Azerbaijan", "East Azarbaijan", "East Azarbayjan",
                 "East Azerbaijan province", "Azarbayjan-e Sharqi"],
        extra={"country": "iran"},
        summary="Province of north-western Iran with its capital at Tabriz, bordering Azerbaijan, Nakhchivan "
                "and Armenia along the Aras."),
    "west-azerbaijan-province": dict(
        host="iran", units=["West Azarbaijan"], name="West Azerbaijan Province (Iran)", status="administrative",
        aliases=["West Azerbaijan Province", "West Azerbaijan", "Western Azerbaijan", "West Azarbaijan", "West Azarbayjan",
                 "West Azerbaijan province", "Azarbayjan-e Gharbi"],
        extra={"country": "iran"},
        summary="Province of north-western Iran west of Lake Urmia, capital Urmia, bordering Turkey, Iraq and "
                "Nakhchivan."),
    "ardabil-province": dict(
        host="iran", units=["Ardebil"], name="Ardabil Province (Iran)", status="administrative",
        aliases=["Ardabil Province", "Ardabil province", "Ardebil province", "Ardebil Province"],
        extra={"country": "iran"},
        summary="Province of north-western Iran bordering the Republic of Azerbaijan, capital Ardabil."),
    "zanjan-province": dict(
        host="iran", units=["Zanjan"], name="Zanjan Province (Iran)", status="administrative",
        aliases=["Zanjan Province", "Zanjan province", "Zenjan province"],
        extra={"country": "iran"},
        summary="Province of north-western Iran between East Azerbaijan, Gilan and Qazvin, capital Zanjan."),
    "sistan-baluchestan": dict(
        host="iran", units=["Sistan and Baluchestan"], name="Sistan and Baluchestan Province (Iran)",
        status="administrative",
        aliases=["Sistan and Baluchestan Province", "Sistan and Baluchestan", "Sistan-Baluchestan", "Sistan and Baluchistan", "Sistan-Baluchistan",
                 "Sistan va Baluchestan", "Iranian Baluchistan"],
        extra={"country": "iran"},
        summary="Iran's south-eastern province on the Gulf of Oman, bordering Pakistan and Afghanistan; home of "
                "the port of Chabahar."),
    "iranian-azerbaijan": dict(
        host="iran", units=["East Azarbaijan", "West Azarbaijan", "Ardebil", "Zanjan"], name="Iranian Azerbaijan",
        status="geographic",
        aliases=["Iranian Azerbaijan", "Southern Azerbaijan", "South Azerbaijan", "Azarbaijan region of Iran",
                 "Iranian Azarbaijan"],
        extra={"country": "iran"},
        summary="Historical region of north-western Iran south of the Aras, home of most of Iran's Azerbaijani "
                "Turks; approximated here by the East Azerbaijan, West Azerbaijan, Ardabil and Zanjan provinces "
                "(definitions vary)."),
    "gilan-province": dict(
        host="iran", units=["Gilan"], name="Gilan Province", status="administrative",
        aliases=["Gilan", "Guilan", "Gilan province"],
        extra={"country": "iran"},
        summary="Caspian province of northern Iran, capital Rasht, with the port of Bandar Anzali."),
    "mazandaran-province": dict(
        host="iran", units=["Mazandaran"], name="Mazandaran Province", status="administrative",
        aliases=["Mazandaran", "Mazanderan", "Mazandaran province"],
        extra={"country": "iran"},
        summary="Caspian province of northern Iran between the Alborz range and the sea, capital Sari."),
    "qazvin-province": dict(
        host="iran", units=["Qazvin"], name="Qazvin Province", status="administrative",
        aliases=["Qazvin province", "Ghazvin province"],
        extra={"country": "iran"},
        summary="Province of northern Iran on the Tehran\u2013Tabriz and Qazvin\u2013Rasht routes, capital "
                "Qazvin."),
    "khuzestan-province": dict(
        host="iran", units=["Khuzestan"], name="Khuzestan Province", status="administrative",
        aliases=["Khuzestan", "Khuzistan", "Khuzestan province"],
        extra={"country": "iran"},
        summary="Oil-rich province of south-western Iran at the head of the Persian Gulf, capital Ahvaz."),
    "kurdistan-province": dict(
        host="iran", units=["Kordestan"], name="Kurdistan Province (Iran)", status="administrative",
        aliases=["Kordestan", "Kurdistan province", "Iranian Kurdistan province"],
        extra={"country": "iran"},
        summary="Province of western Iran bordering Iraqi Kurdistan, capital Sanandaj."),
    "iraqi-kurdistan": dict(
        host="iraq", units=["Dihok", "Arbil", "As-Sulaymaniyah"], name="Kurdistan Region (Iraq)",
        status="autonomous",
        aliases=["Iraqi Kurdistan", "Kurdistan Region", "Kurdistan Region of Iraq", "KRI"],
        demonyms=["Iraqi Kurdish"],
        extra={"country": "iraq"},
        summary="Autonomous Kurdistan Region of northern Iraq (the Duhok, Erbil and Sulaymaniyah governorates; "
                "disputed areas beyond them not included)."),
    "ajaria": dict(
        host="georgia", units=["Ajaria"], name="Ajaria", status="autonomous",
        aliases=["Adjara", "Adjaria", "Ajara", "Autonomous Republic of Adjara"],
        extra={"country": "georgia"},
        summary="Autonomous republic of south-western Georgia on the Black Sea, capital Batumi."),
    "chechnya": dict(
        host="russia", units=["Chechnya"], name="Chechnya", status="administrative",
        aliases=["Chechen Republic", "Chechnia", "Ichkeria"], demonyms=["Chechen", "Chechens"],
        extra={"country": "russia"},
        summary="Republic of Russia's North Caucasus, scene of two wars in 1994\u20131996 and 1999\u20132009."),
    "dagestan": dict(
        host="russia", units=["Dagestan"], name="Dagestan", status="administrative",
        aliases=["Republic of Dagestan", "Daghestan"], demonyms=["Dagestani", "Dagestanis"],
        extra={"country": "russia"},
        summary="Russia's southernmost republic, on the Caspian coast bordering Azerbaijan and Georgia."),
    "xinjiang": dict(
        host="china", units=["Xinjiang"], name="Xinjiang", status="autonomous",
        aliases=["Xinjiang Uygur Autonomous Region", "Xinjiang Uyghur Autonomous Region", "Sinkiang",
                 "East Turkestan"],
        extra={"country": "china"},
        summary="China's north-western autonomous region bordering Kazakhstan, Kyrgyzstan, Tajikistan, "
                "Afghanistan and Pakistan, homeland of the Uyghurs."),
    "gorno-badakhshan": dict(
        host="tajikistan", units=["Gorno-Badakhshan"], name="Gorno-Badakhshan", status="autonomous",
        aliases=["Gorno-Badakhshan Autonomous Oblast", "Gorno Badakhshan", "GBAO", "Kuhistoni Badakhshon",
                 "Mountainous Badakhshan"],
        extra={"country": "tajikistan"},
        summary="Autonomous region of the Tajik Pamirs bordering Afghanistan's Wakhan, China and Kyrgyzstan."),
    "surkhandarya": dict(
        host="uzbekistan", units=["Surkhandarya"], name="Surkhandarya Region", status="administrative",
        aliases=["Surkhandarya", "Surxondaryo", "Surkhan Darya", "Surkhandarya region"],
        extra={"country": "uzbekistan"},
        summary="Uzbekistan's southernmost region on the Amu Darya, with the border city of Termez facing "
                "Afghanistan."),
    "fergana-valley": dict(
        host="uzbekistan", units=["Andijon", "Namangan", "Ferghana"], name="Fergana Valley", status="geographic",
        aliases=["Ferghana Valley", "Farghona Valley", "Fergana valley", "Ferghana valley"],
        extra={},
        summary="Densely populated valley of the upper Syr Darya shared by Uzbekistan, Kyrgyzstan and "
                "Tajikistan; approximated here by Uzbekistan's Andijan, Namangan and Fergana regions, without "
                "the Kyrgyz and Tajik rims."),
    "agdam-district": dict(
        host="azerbaijan", units=["Ağdam"], name="Agdam District", status="administrative",
        aliases=["Agdam district", "Aghdam district", "Agdam rayon", "Aghdam District"],
        extra={"country": "azerbaijan"},
        summary="District of Azerbaijan east of the former Nagorno-Karabakh oblast, largely occupied by "
                "Armenian forces from 1993 and returned to Azerbaijan in November 2020."),
    "fuzuli-district": dict(
        host="azerbaijan", units=["Füzuli"], name="Fuzuli District", status="administrative",
        aliases=["Fuzuli district", "Fizuli district", "Fuzuli rayon", "Fizuli District"],
        extra={"country": "azerbaijan"},
        summary="District of Azerbaijan south-east of the former Nagorno-Karabakh oblast, partly occupied from "
                "1993 and retaken by Azerbaijan in the 2020 war."),
    "jabrayil-district": dict(
        host="azerbaijan", units=["Cəbrayıl"], name="Jabrayil District", status="administrative",
        aliases=["Jabrayil district", "Jabrail district", "Jebrail district", "Jabrayil rayon"],
        extra={"country": "azerbaijan"},
        summary="District of Azerbaijan on the Aras between Fuzuli and Zangilan, occupied from 1993 and retaken "
                "by Azerbaijan in October 2020."),
    "zangilan-district": dict(
        host="azerbaijan", units=["Zəngilan"], name="Zangilan District", status="administrative",
        aliases=["Zangilan district", "Zangelan district", "Zangilan rayon"],
        extra={"country": "azerbaijan"},
        summary="Azerbaijan's south-western district on the Aras, bordering Armenia's Syunik and Iran, occupied "
                "from 1993 and retaken in 2020."),
    "kalbajar-district": dict(
        host="azerbaijan", units=["Kəlbəcər"], name="Kalbajar District", status="administrative",
        aliases=["Kalbajar district", "Kelbajar district", "Kalbajar rayon"],
        extra={"country": "azerbaijan"},
        summary="Mountainous district of Azerbaijan between Armenia and the former Nagorno-Karabakh oblast, "
                "occupied from 1993 and returned to Azerbaijan in November 2020."),
    "lachin-district": dict(
        # NE admin-1 mislabels this unit's `name` as "Lankaran"; its GeoNames name is right.
        host="azerbaijan", units=["Lacin Rayonu"], unit_column="gn_name", name="Lachin District",
        status="administrative",
        aliases=["Lachin district", "Lachin rayon", "Lacin district", "Lachin District"],
        extra={"country": "azerbaijan"},
        summary="District of Azerbaijan between Armenia and the former Nagorno-Karabakh oblast, crossed by the "
                "Lachin corridor road; occupied from 1992 and returned to Azerbaijan on 1 December 2020."),
    "gubadli-district": dict(
        host="azerbaijan", units=["Qubadli"], name="Gubadli District", status="administrative",
        aliases=["Gubadli district", "Qubadli district", "Kubatly district", "Gubadly district"],
        extra={"country": "azerbaijan"},
        summary="District of Azerbaijan on the Armenian border south of Lachin, occupied from 1993 and retaken "
                "in 2020."),
    "barda-district": dict(
        host="azerbaijan", units=["Bərdə"], name="Barda District", status="administrative",
        aliases=["Barda district", "Barda rayon", "Berde district"],
        extra={"country": "azerbaijan"},
        summary="District of Azerbaijan east of Agdam, whose town of Barda was struck by missiles in the 2020 war."),
    "tartar-district": dict(
        host="azerbaijan", units=["Tərtər"], name="Tartar District", status="administrative",
        aliases=["Tartar district", "Terter district", "Tartar rayon"],
        extra={"country": "azerbaijan"},
        summary="District of Azerbaijan on the former front line north-east of the Nagorno-Karabakh oblast."),
    "goranboy-district": dict(
        host="azerbaijan", units=["Goranboy"], name="Goranboy District", status="administrative",
        aliases=["Goranboy district", "Goranboy rayon"],
        extra={"country": "azerbaijan"},
        summary="District of Azerbaijan north of the former Nagorno-Karabakh oblast, partly occupied in "
                "1992\u20132020."),
}

# A point of the host country that a breakaway region must never contain (its capital).
HOST_CAPITALS = {"azerbaijan": (49.87, 40.41), "georgia": (44.79, 41.72), "moldova": (28.86, 47.01)}

MACRO_REGIONS = {
    "south-caucasus": dict(
        name="South Caucasus", members=["armenia", "azerbaijan", "georgia"],
        aliases=["Southern Caucasus", "Transcaucasia", "Transcaucasus", "the South Caucasus"],
        summary="Armenia, Azerbaijan and Georgia, the three states south of the Greater Caucasus range."),
    "central-asia": dict(
        name="Central Asia", members=["kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"],
        aliases=["Central Asian states", "the Central Asian republics"],
        demonyms=["Central Asian", "Central Asians"],
        summary="The five post-Soviet republics Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and "
                "Uzbekistan."),
    "greater-caspian-region": dict(
        name="Greater Caspian Region",
        members=["armenia", "azerbaijan", "georgia", "kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan",
                 "uzbekistan"],
        aliases=["Greater Caspian", "Greater Caspian region"],
        summary="The three South Caucasus and five Central Asian states taken together, as Richard Hoagland "
                "defines the Greater Caspian Region."),
}


def _extend(line: LineString, d: float) -> LineString:
    """Lengthen a line by d degrees at both ends along its end segments (to cross the host outline)."""
    c = list(line.coords)
    if len(c) < 2:
        return line

    def ext(p, q):
        dx, dy = p[0] - q[0], p[1] - q[1]
        n = (dx * dx + dy * dy) ** 0.5 or 1.0
        return (p[0] + dx / n * d, p[1] + dy / n * d)

    return LineString([ext(c[0], c[1])] + c + [ext(c[-1], c[-2])])


def _tie_ends(line: LineString, outline) -> list[LineString]:
    """The claim line plus, at each free end lying near the host outline, a short
    connector that crosses the outline (claim lines end on the unsimplified
    1:10m border, a few metres off the shipped one)."""
    out = [line]
    c = list(line.coords)
    for end in (c[0], c[-1]):
        p = Point(end)
        d = outline.distance(p)
        if d > 0.05:
            continue
        q = outline.interpolate(outline.project(p))
        dx, dy = q.x - p.x, q.y - p.y
        n = (dx * dx + dy * dy) ** 0.5
        if n < 1e-9:
            # already on the outline: overshoot along the end segment instead
            other = c[1] if end == c[0] else c[-2]
            dx, dy = end[0] - other[0], end[1] - other[1]
            n = (dx * dx + dy * dy) ** 0.5 or 1.0
        ux, uy = dx / n, dy / n
        out.append(LineString([end, (q.x + ux * 1e-3, q.y + uy * 1e-3)]))
    return out


def _gap_closers(parts, tol=0.01) -> list[LineString]:
    """Short segments joining free line ends that lie within tol degrees of each other
    (the NE claim lines come in pieces whose ends do not always meet exactly)."""
    ends = []
    for ln in parts:
        if not ln.is_ring:
            ends.extend([ln.coords[0], ln.coords[-1]])
    counts: dict = {}
    for e in ends:
        counts[e] = counts.get(e, 0) + 1
    free = sorted(e for e, n in counts.items() if n == 1)
    used, out = set(), []
    for i, a in enumerate(free):
        if a in used:
            continue
        best = None
        for b in free[i + 1 :]:
            if b in used:
                continue
            d = ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
            if d <= tol and (best is None or d < best[0]):
                best = (d, b)
        if best is not None:
            used.update([a, best[1]])
            out.append(LineString([a, best[1]]))
    return out


def from_claim_lines(lines, host, seeds, core):
    """Faces of (host outline + claim lines) that hold a seed point."""
    parts = []
    for g in lines:
        parts.extend(getattr(g, "geoms", [g]))
    merged = linemerge(MultiLineString(parts + _gap_closers(parts)))
    outline = host.boundary
    pieces = [outline]
    for ln in getattr(merged, "geoms", [merged]):
        pieces.extend([ln] if ln.is_ring else _tie_ends(ln, outline))
    noded = unary_union(pieces)
    faces = [f for f in polygonize(noded) if f.representative_point().within(host)]
    chosen = [f for f in faces if any(f.contains(Point(s)) for s in seeds)]
    if "--debug-faces" in sys.argv:
        print("faces", [(round(f.area, 4), f.representative_point().coords[0], f in chosen) for f in faces],
              file=sys.stderr)
    if not chosen:
        raise SystemExit(f"regions: no face of the claim lines holds seeds {seeds}")
    if any(f.contains(Point(core)) for f in chosen):
        raise SystemExit(f"regions: claim-line face for seeds {seeds} swallowed the host's capital")
    return unary_union(chosen).intersection(host)


def fit_to_host(geom, host, siblings):
    """Clip an admin-1 outline to the 1:10m host and close small gaps at the host outline
    without growing into sibling units of the same country."""
    grown = geom.buffer(FIT_GROW, quad_segs=4).difference(siblings)
    fitted = shapely.set_precision(geom.union(grown).intersection(host), polygons.GRID)
    # Clipping and growth leave specks along the host outline; keep a small part only if it
    # holds most of a separate part of the unit itself (an island or an enclave).
    raw_parts = [p for p in getattr(geom, "geoms", [geom]) if p.geom_type == "Polygon"]
    keep = []
    for part in getattr(fitted, "geoms", [fitted]):
        if part.geom_type != "Polygon":
            continue
        if part.area >= SPECK_DEG2 or any(r.intersection(part).area >= 0.5 * r.area for r in raw_parts):
            keep.append(part)
    return unary_union(keep)


def build_regions(paths, cgeoms) -> list[dict]:
    admin1 = poly_io.read_gpkg(paths["gpkg"], "states_provinces", ["name", "gn_name", "adm0_a3"])
    claims = poly_io.read_gpkg(paths["gpkg"], "disputed_borders", ["name", "adm0_left"])
    host_a3 = {"azerbaijan": "AZE", "georgia": "GEO", "ukraine": "UKR", "moldova": "MDA", "armenia": "ARM",
               "iran": "IRN", "iraq": "IRQ", "russia": "RUS", "china": "CHN", "tajikistan": "TJK",
               "uzbekistan": "UZB"}
    feats = []
    for fid, spec in REGIONS.items():
        host = cgeoms[spec["host"]]
        sources = []
        if "units" in spec:
            # NE admin-1 files Crimea under RUS; the shipped country layer (German POV) keeps it in Ukraine.
            a3 = spec.get("admin1_a3", host_a3[spec["host"]])
            col = spec.get("unit_column", "name")
            wanted = set(spec["units"])
            country_units = [(a, g) for a, g in admin1 if a["adm0_a3"] == a3]
            mine = [g for a, g in country_units if a[col] in wanted]
            found = {a[col] for a, _ in country_units if a[col] in wanted}
            if found != wanted:
                raise SystemExit(f"regions: {fid}: admin-1 units missing: {wanted - found}")
            others = unary_union([g for a, g in country_units if a[col] not in wanted])
            geom = fit_to_host(unary_union(mine), host, others)
            label = "" if col == "name" else f" (matched on {col})"
            sources = [f"{ADMIN1}: {', '.join(spec['units'])}{label}; {FIT_NOTE}"]
        elif "lines" in spec:
            claim, seeds = spec["lines"]
            lines = [g for a, g in claims if a["name"] == claim]
            if not lines:
                raise SystemExit(f"regions: {fid}: no claim lines named {claim!r}")
            geom = from_claim_lines(lines, host, seeds, HOST_CAPITALS[spec['host']])
            sources = [f"{DISPUTED}: '{claim}' lines polygonized against the shipped 1:10m outline of "
                       f"{spec['host']}", polygons.NE10_SOURCE]
        else:
            seed = Point(spec["part"])
            parts = [p for p in getattr(host, "geoms", [host]) if p.contains(seed)]
            if len(parts) != 1:
                raise SystemExit(f"regions: {fid}: seed not in exactly one part of {spec['host']}")
            geom = parts[0]
            sources = [polygons.NE10_SOURCE + f" (the exclave part of {spec['host']})"]
        props = {
            "name": spec["name"], "kind": "region", "status": spec["status"],
            "aliases": sorted(set(spec["aliases"])), "summary": spec["summary"], "sources": sources,
        }
        if spec.get("demonyms"):
            props["demonyms"] = sorted(set(spec["demonyms"]))
        props.update(spec.get("extra", {}))
        feats.append(polygons.feature(fid, polygons.clean(geom), props))
    for fid, spec in MACRO_REGIONS.items():
        geom = unary_union([cgeoms[m] for m in spec["members"]])
        feats.append(polygons.feature(fid, polygons.clean(geom), {
            "name": spec["name"], "kind": "macro-region", "status": "macro-region",
            "members": sorted(spec["members"]), "aliases": sorted(set(spec["aliases"])),
            "summary": spec["summary"],
            "sources": ["union of the member countries' polygons in countries.geojson", polygons.NE10_SOURCE],
            **({"demonyms": sorted(set(spec["demonyms"]))} if spec.get("demonyms") else {}),
        }))
    return feats


__all__ = ["build_regions", "MultiLineString"]
