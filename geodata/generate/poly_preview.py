#!/usr/bin/env python3
"""Quick-look PNGs of the polygon layers (for checking by eye; never committed).

    geodata/generate/.cache/venv/bin/python geodata/generate/poly_preview.py OUT.png [lon0 lat0 lon1 lat1]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from shapely.geometry import shape  # noqa: E402

GEODATA = Path(__file__).resolve().parent.parent
STYLE = {
    "country": dict(fc="#efe9dc", ec="#777777", lw=0.4, z=1),
    "water": dict(fc="#a8c8e8", ec="#4a7fb0", lw=0.5, z=3),
    "region": dict(fc="none", ec="#c0392b", lw=0.8, z=4),
    "macro-region": dict(fc="none", ec="#8e44ad", lw=1.4, z=2),
}


def draw(ax, geom, st):
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        for p in getattr(geom, "geoms", [geom]):
            x, y = p.exterior.xy
            ax.fill(x, y, fc=st["fc"], ec=st["ec"], lw=st["lw"], zorder=st["z"])
            for h in p.interiors:
                hx, hy = h.xy
                ax.fill(hx, hy, fc="white" if st["fc"] != "none" else "none", ec=st["ec"], lw=st["lw"] / 2,
                        zorder=st["z"])
    else:
        for ln in getattr(geom, "geoms", [geom]):
            x, y = ln.xy
            ax.plot(x, y, color="#1f5fa0", lw=1.2, zorder=5)


def main() -> int:
    out = sys.argv[1]
    bbox = [float(v) for v in sys.argv[2:6]] if len(sys.argv) >= 6 else [24, 22, 92, 58]
    fig, ax = plt.subplots(figsize=(14, 9), dpi=110)
    for layer in ("countries", "water", "regions"):
        data = json.loads((GEODATA / f"{layer}.geojson").read_text(encoding="utf-8"))
        for f in data["features"]:
            kind = f["properties"]["kind"]
            if kind == "macro-region" and "--macro" not in sys.argv:
                continue
            g = shape(f["geometry"])
            draw(ax, g, STYLE[kind])
            minx, miny, maxx, maxy = g.bounds
            c = g.representative_point() if g.geom_type.endswith("Polygon") else g.interpolate(0.5, normalized=True)
            if bbox[0] <= c.x <= bbox[2] and bbox[1] <= c.y <= bbox[3] and kind != "macro-region":
                ax.text(c.x, c.y, f["id"], fontsize=6, ha="center", zorder=6)
    ax.set_xlim(bbox[0], bbox[2])
    ax.set_ylim(bbox[1], bbox[3])
    ax.set_aspect(1.3)
    fig.savefig(out, bbox_inches="tight")
    return 0


if __name__ == "__main__":
    sys.exit(main())
