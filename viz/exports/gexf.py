"""GEXF for Gephi: networkx's writer over the flattened graph, with Gephi's ``viz``
colour, size, shape and position per node (from the schema and a layout), the display
name as the node label, the relationship's words as the edge label, and time
intervals (``start``/``end``, partial dates widened to whole days) wherever a node or
tie is dated, which turns on Gephi's timeline.

Every edge is written ``directed`` (a GEXF file's edge types cannot be mixed and still
be read back by networkx); symmetric ties carry ``symmetric = true``. The tie's type
is the ``rel_type`` attribute, since GEXF reserves an edge's ``type``.
"""
from __future__ import annotations

from typing import IO, Any

import networkx as nx

from diplograph.graph.dates import date_key
from diplograph.graph.schema import SCHEMA
from diplograph.viz.exports.flat import flat_graph
from diplograph.viz.layout import SCALE, positions

__all__ = ["write_gexf", "GEXF_SHAPES", "interval"]

# vis-network shape (schema.yaml) -> the shapes GEXF's viz module knows.
GEXF_SHAPES = {"dot": "disc", "ellipse": "disc", "circle": "disc", "box": "square",
               "square": "square", "triangle": "triangle", "diamond": "diamond",
               "star": "diamond", "hexagon": "disc"}


def interval(attrs: dict[str, Any]) -> tuple[str | None, str | None]:
    """(start, end) as full ISO days from ``start``/``end`` or a single ``date``;
    values that are not ISO dates are left out."""
    def day(value: Any, end: bool) -> str | None:
        text = str(value)
        try:
            full = date_key(text, end=end)
            y, m, d = (int(x) for x in full.split("-"))
        except ValueError:
            return None
        if end and len(text) == 7:  # YYYY-MM: last day of that month
            import calendar
            full = f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
        return full
    if attrs.get("start") or attrs.get("end"):
        return (day(attrs["start"], False) if attrs.get("start") else None,
                day(attrs["end"], True) if attrs.get("end") else None)
    if attrs.get("date"):
        return day(attrs["date"], False), day(attrs["date"], True)
    return None, None


def _rgb(color: str) -> dict[str, int]:
    return {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16),
            "a": 1.0}


def write_gexf(G: nx.MultiDiGraph, out: IO[bytes]) -> None:
    F = flat_graph(G)
    pos = positions(sorted(G.nodes), [(u, v) for u, v in G.edges()])
    for node, attrs in F.nodes(data=True):
        spec = SCHEMA.label(G.nodes[node]["label"])
        start, end = interval(G.nodes[node])
        attrs.pop("start", None), attrs.pop("end", None)
        attrs["label"], attrs["kind_label"] = G.nodes[node].get("name", node), spec.name
        if start or end:
            attrs.update({k: v for k, v in (("start", start), ("end", end)) if v})
        x, y = pos[node]
        attrs["viz"] = {"color": _rgb(spec.color),
                        "size": round(4.0 + 2.0 * G.degree(node) ** 0.5, 2),
                        "shape": GEXF_SHAPES.get(spec.shape, "disc"),
                        "position": {"x": x / SCALE, "y": y / SCALE, "z": 0.0}}
    for u, v, key, attrs in F.edges(keys=True, data=True):
        spec = SCHEMA.relation(key)
        original = G.edges[u, v, key]
        start, end = interval(original)
        attrs.pop("start", None), attrs.pop("end", None)
        attrs["rel_type"] = attrs.pop("type", key)
        attrs["label"], attrs["symmetric"] = spec.label, spec.symmetric
        attrs["id"] = f"{u}|{key}|{v}"
        if start or end:
            attrs.update({k: v for k, v in (("start", start), ("end", end)) if v})
    nx.write_gexf(F, out)
