"""Shortest paths between two nodes, ties followed in either direction, each hop with
every tie (and so every citation) joining its two nodes.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n in "abc":
...     G.add_node(n, label="Organization", name=n.upper())
>>> G.add_edge("a", "b", key="PART_OF", type="PART_OF")
'PART_OF'
>>> G.add_edge("c", "b", key="PART_OF", type="PART_OF")
'PART_OF'
>>> [p.length for p in shortest_paths(G, "a", "c")]
[2]
>>> [n.id for n in shortest_paths(G, "a", "c")[0].nodes]
['a', 'b', 'c']
"""
from __future__ import annotations

import itertools

import networkx as nx

from graph.queries.results import EdgeSummary, PathResult, edge_summary, node_summary

__all__ = ["shortest_paths", "hop_edges", "path_result"]


def hop_edges(G: nx.MultiDiGraph, a: str, b: str) -> list[EdgeSummary]:
    """Every tie between ``a`` and ``b``, either direction, sorted by type."""
    edges = [edge_summary(G, a, b, k) for k in G.get_edge_data(a, b, default={})]
    edges += [edge_summary(G, b, a, k) for k in G.get_edge_data(b, a, default={})]
    return sorted(edges, key=lambda e: (e.type, e.source, e.target))


def path_result(G: nx.MultiDiGraph, nodes: list[str]) -> PathResult:
    return PathResult(nodes=[node_summary(G, n) for n in nodes],
                      hops=[hop_edges(G, a, b) for a, b in itertools.pairwise(nodes)])


def shortest_paths(G: nx.MultiDiGraph, source: str, target: str, *, max_hops: int = 6,
                   limit: int = 10) -> list[PathResult]:
    """All shortest paths of at most ``max_hops`` ties (at most ``limit`` of them), in a
    stable order; an empty list when the two are not connected within ``max_hops``."""
    if source == target:
        return [path_result(G, [source])]
    U = nx.Graph(G.to_undirected(as_view=True))
    try:
        paths = nx.all_shortest_paths(U, source, target)
        found = sorted(itertools.islice(paths, 10_000))
    except nx.NetworkXNoPath:
        return []
    if not found or len(found[0]) - 1 > max_hops:
        return []
    return [path_result(G, p) for p in found[:limit]]
