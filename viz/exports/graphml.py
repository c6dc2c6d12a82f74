"""GraphML export: every node and tie with its attributes (lists and mappings as JSON
text), each tie keyed by its type, as networkx's GraphML reader and yEd/Gephi read it.

Written as it goes, one node or tie at a time after a first pass that finds the
attribute columns; text goes through :class:`~diplograph.viz.exports.flat.XmlText`,
so a character XML cannot hold never makes the file malformed.
"""
from __future__ import annotations

from itertools import count
from typing import IO, Any

import networkx as nx

from diplograph.viz.exports.flat import XmlText, column_types

__all__ = ["write_graphml"]

_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n"
         '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
         'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
_XML_TYPES = {"boolean": "boolean", "int": "long", "float": "double", "string": "string"}


def _data(xml: XmlText, ids: dict[str, str], values: dict[str, Any], indent: str) -> str:
    return "".join(f'{indent}<data key="{ids[k]}">{xml.content(v)}</data>\n'
                   for k, v in values.items() if v is not None)


def write_graphml(G: nx.MultiDiGraph, out: IO[str]) -> list[str]:
    """Write ``G`` as GraphML; return the export's warnings (characters replaced)."""
    xml = XmlText()
    nodes = sorted(G.nodes)
    edges = sorted(G.edges(keys=True))
    ids: dict[str, dict[str, str]] = {}
    numbers = count()
    out.write(_HEAD)
    for klass, rows in (("graph", iter([G.graph])), ("node", (G.nodes[n] for n in nodes)),
                        ("edge", (G.edges[e] for e in edges))):
        ids[klass] = {}
        for title, kind in column_types(rows).items():
            ids[klass][title] = key = f"d{next(numbers)}"
            out.write(f"<key id=\"{key}\" for=\"{klass}\" attr.name={xml.attr(title)} "
                      f"attr.type=\"{_XML_TYPES[kind]}\"/>\n")
    out.write(f'<graph edgedefault="directed">\n{_data(xml, ids["graph"], G.graph, "")}')
    for node in nodes:
        out.write(f"<node id={xml.attr(node)}>\n{_data(xml, ids['node'], G.nodes[node], '  ')}"
                  "</node>\n")
    for u, v, key in edges:
        out.write(f"<edge source={xml.attr(u)} target={xml.attr(v)} id={xml.attr(key)}>\n"
                  f"{_data(xml, ids['edge'], G.edges[u, v, key], '  ')}</edge>\n")
    out.write("</graph>\n</graphml>\n")
    return xml.warnings()
