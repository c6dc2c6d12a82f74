"""GEXF export for Gephi (networkx's writer over the flattened graph)."""
from __future__ import annotations

from typing import IO

import networkx as nx

from viz.exports.flat import flat_graph


def write_gexf(G: nx.MultiDiGraph, out: IO[bytes]) -> None:
    F = flat_graph(G)
    for node, attrs in F.nodes(data=True):
        attrs["label"], attrs["kind_label"] = attrs.get("name", node), attrs.get("label", "")
    nx.write_gexf(F, out)
