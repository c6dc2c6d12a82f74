"""Flatten the graph for formats that hold only scalar attributes (GraphML, GEXF, CSV):
lists and mappings become JSON text, ``None`` is dropped."""
from __future__ import annotations

import json
from typing import Any

import networkx as nx

__all__ = ["flat_value", "flat_attrs", "flat_graph"]


def flat_value(value: Any) -> str | int | float | bool:
    if isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def flat_attrs(attrs: dict[str, Any]) -> dict[str, str | int | float | bool]:
    return {k: flat_value(v) for k, v in attrs.items() if v is not None}


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose every attribute is a scalar; the documents become JSON text."""
    F = nx.MultiDiGraph()
    F.graph.update(flat_attrs({k: v for k, v in G.graph.items()}))
    for node, attrs in sorted(G.nodes(data=True)):
        F.add_node(node, **flat_attrs(attrs))
    for u, v, k, attrs in sorted(G.edges(keys=True, data=True)):
        F.add_edge(u, v, key=k, **flat_attrs(attrs))
    return F
