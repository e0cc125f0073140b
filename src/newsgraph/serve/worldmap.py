"""An offline world map: Natural Earth's 1:110m land (public domain) as one SVG path, and the projection
that puts stored places on it.

static/world.svg is made once, at development time, from the TopoJSON that the
npm package world-atlas (ISC) redistributes, and shipped in the package, so the
map needs no network and no map library:

    npm install world-atlas@2.0.2
    python -m newsgraph.serve.worldmap node_modules/world-atlas/land-110m.json > src/newsgraph/serve/static/world.svg
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

WIDTH, HEIGHT = 720, 360  # equirectangular: two units a degree, north up
TOP, BOTTOM = 84.0, -60.0  # little news happens off this band: Antarctica and the polar sea are cut off


def project(lat: float, lon: float) -> tuple[float, float]:
    """A place's position on the map (x, y in the SVG's units)."""
    return round((lon + 180.0) * WIDTH / 360.0, 1), round((TOP - lat) * HEIGHT / 360.0 * 2, 1)


def view_height() -> float:
    return round((TOP - BOTTOM) * HEIGHT / 360.0 * 2, 1)


def _arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs in degrees (delta-decoded and de-quantised)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _ring(arcs: list[list[tuple[float, float]]], refs: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for ref in refs:
        points = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def land_path(topo: dict[str, Any]) -> str:
    """Every land polygon of a world-atlas TopoJSON as one SVG path (rings below BOTTOM dropped)."""
    arcs = _arcs(topo)
    parts = []
    for geometry in topo["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for refs in polygon:
                ring = _ring(arcs, refs)
                if max(lat for _, lat in ring) < BOTTOM:
                    continue
                xy = [project(max(min(lat, TOP), BOTTOM), lon) for lon, lat in ring]
                parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in xy) + "Z")
    return "".join(parts)


def build(topojson: Path) -> str:
    path = land_path(json.loads(topojson.read_text("utf-8")))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {view_height()}">'
            "<!-- Land: Natural Earth 1:110m (public domain), from the world-atlas package (ISC). -->"
            f'<path id="land" d="{path}"/></svg>\n')


if __name__ == "__main__":
    sys.stdout.write(build(Path(sys.argv[1])))
