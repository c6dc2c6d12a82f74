"""GEXF 1.2 for Gephi, with Gephi's ``viz`` colour, size, shape and position per node
(from the schema and a layout), the display name as the node label, the
relationship's words as the edge label, and time intervals (``start``/``end``,
partial dates widened to whole days) wherever a node or tie is dated, which turns on
Gephi's timeline.

The file is written as it goes, one node or tie at a time (a first pass over the
graph finds the attribute columns), never as a whole document in memory; it is the
layout networkx's GEXF reader and Gephi read. Text goes through
:class:`~diplograph.viz.exports.flat.XmlText`, so a character XML cannot hold never
makes the file malformed.

Every edge is written ``directed`` (a GEXF file's edge types cannot be mixed and still
be read back by networkx); symmetric ties carry ``symmetric = true``. The tie's type
is the ``rel_type`` attribute, since GEXF reserves an edge's ``type``.
"""
from __future__ import annotations

import calendar
from collections.abc import Iterator
from typing import IO, Any

import networkx as nx

from diplograph.graph.dates import date_key
from diplograph.graph.schema import SCHEMA
from diplograph.viz.exports.flat import XmlText, column_types
from diplograph.viz.layout import SCALE, positions

__all__ = ["write_gexf", "GEXF_SHAPES", "interval"]

# vis-network shape (schema.yaml) -> the shapes GEXF's viz module knows.
GEXF_SHAPES = {"dot": "disc", "ellipse": "disc", "circle": "disc", "box": "square",
               "square": "square", "triangle": "triangle", "diamond": "diamond",
               "star": "diamond", "hexagon": "disc"}
_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n"
         '<gexf xmlns="http://www.gexf.net/1.2draft" '
         'xmlns:viz="http://www.gexf.net/1.2draft/viz" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://www.gexf.net/1.2draft '
         'http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
         "  <meta>\n    <creator>diplograph</creator>\n  </meta>\n")
_XML_TYPES = {"boolean": "boolean", "int": "long", "float": "double", "string": "string"}
# Attributes that become the element's own (label, interval), not attribute values.
_NODE_OWN = ("label", "start", "end")
_EDGE_OWN = ("type", "start", "end")


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
            full = f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
        return full
    if attrs.get("start") or attrs.get("end"):
        return (day(attrs["start"], False) if attrs.get("start") else None,
                day(attrs["end"], True) if attrs.get("end") else None)
    if attrs.get("date"):
        return day(attrs["date"], False), day(attrs["date"], True)
    return None, None


def _node_values(attrs: dict[str, Any]) -> dict[str, Any]:
    values = {k: v for k, v in attrs.items() if k not in _NODE_OWN and v is not None}
    values["kind_label"] = SCHEMA.label(attrs["label"]).name
    return values


def _edge_values(key: str, attrs: dict[str, Any]) -> dict[str, Any]:
    values = {k: v for k, v in attrs.items() if k not in _EDGE_OWN and v is not None}
    values.update(rel_type=attrs.get("type", key),
                  symmetric=SCHEMA.relation(key).symmetric, networkx_key=key)
    return values


def _columns(klass: str, rows: Iterator[dict[str, Any]], first: int,
             xml: XmlText) -> tuple[dict[str, str], str]:
    """Attribute ids by title, and the ``<attributes>`` block declaring them."""
    types = column_types(rows)
    ids = {title: str(first + i) for i, title in enumerate(types)}
    lines = [f'    <attributes mode="static" class="{klass}">\n']
    lines += [f"      <attribute id={xml.attr(ids[t])} title={xml.attr(t)} "
              f"type=\"{_XML_TYPES[kind]}\" />\n" for t, kind in types.items()]
    return ids, "".join(lines) + "    </attributes>\n"


def _element(xml: XmlText, tag: str, attrs: dict[str, Any], inner: list[str],
             values: dict[str, Any], ids: dict[str, str]) -> str:
    head = " ".join(f"{k}={xml.attr(v)}" for k, v in attrs.items() if v is not None)
    rows = "".join(f"          <attvalue for=\"{ids[k]}\" value={xml.attr(v)} />\n"
                   for k, v in values.items())
    return (f"      <{tag} {head}>\n{''.join(inner)}        <attvalues>\n{rows}"
            f"        </attvalues>\n      </{tag}>\n")


def _rgb(color: str) -> dict[str, int]:
    return {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16)}


def write_gexf(G: nx.MultiDiGraph, out: IO[str]) -> list[str]:
    """Write ``G`` as GEXF; return the export's warnings (characters replaced)."""
    xml = XmlText()
    nodes = sorted(G.nodes)
    edges = sorted(G.edges(keys=True))
    dated = any(any(interval(G.nodes[n])) for n in nodes) or \
        any(any(interval(G.edges[e])) for e in edges)
    node_ids, node_decl = _columns("node", (_node_values(G.nodes[n]) for n in nodes), 0, xml)
    edge_ids, edge_decl = _columns("edge", (_edge_values(e[2], G.edges[e]) for e in edges),
                                   len(node_ids), xml)
    mode = 'mode="dynamic" name="" timeformat="date"' if dated else 'mode="static" name=""'
    out.write(f'{_HEAD}  <graph defaultedgetype="directed" {mode}>\n{node_decl}{edge_decl}'
              "    <nodes>\n")
    pos = positions(nodes, [(u, v) for u, v, _ in edges])
    for node in nodes:
        attrs = G.nodes[node]
        spec = SCHEMA.label(attrs["label"])
        start, end = interval(attrs)
        x, y = pos[node]
        size = round(4.0 + 2.0 * G.degree(node) ** 0.5, 2)
        viz = ["        <viz:color " + " ".join(f'{c}="{v}"' for c, v in _rgb(spec.color).items())
               + ' a="1.0" />\n', f'        <viz:size value="{size}" />\n',
               f'        <viz:shape value="{GEXF_SHAPES.get(spec.shape, "disc")}" />\n',
               f'        <viz:position x="{x / SCALE}" y="{y / SCALE}" z="0.0" />\n']
        out.write(_element(xml, "node", {"id": node, "label": attrs.get("name", node),
                                         "start": start, "end": end},
                           viz, _node_values(attrs), node_ids))
    out.write("    </nodes>\n    <edges>\n")
    for u, v, key in edges:
        attrs = G.edges[u, v, key]
        start, end = interval(attrs)
        out.write(_element(xml, "edge", {"source": u, "target": v, "id": f"{u}|{key}|{v}",
                                         "label": SCHEMA.relation(key).label, "start": start,
                                         "end": end},
                           [], _edge_values(key, attrs), edge_ids))
    out.write("    </edges>\n  </graph>\n</gexf>\n")
    return xml.warnings()
