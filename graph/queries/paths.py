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

from diplograph.graph.queries.results import EdgeSummary, PathResult, edge_summary, node_summary

__all__ = ["shortest_paths", "all_paths", "path_strength", "hop_edges", "path_result"]


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


def path_strength(path: PathResult) -> tuple[int, int]:
    """(documents behind the weakest hop, documents behind the whole path): a path is as
    well attested as its least attested hop.

    >>> path_strength(PathResult(nodes=[], hops=[]))
    (0, 0)
    """
    per_hop = [{c["doc"] for e in hop for c in e.evidence} for hop in path.hops]
    if not per_hop:
        return 0, 0
    return min(len(docs) for docs in per_hop), len(set().union(*per_hop))


def all_paths(G: nx.MultiDiGraph, source: str, target: str, *, max_hops: int = 4,
              via: str | None = None, limit: int = 10,
              max_candidates: int = 100_000) -> list[PathResult]:
    """All simple paths of at most ``max_hops`` ties, ranked by the evidence behind them.

    Parameters
    ----------
    G : the graph; ties are followed in either direction.
    source, target : node ids.
    max_hops : longest path considered.
    via : keep only paths passing through a node with this label (not counting the ends).
    limit : how many paths to return.
    max_candidates : stop enumerating after this many paths (dense graphs explode).

    Returns
    -------
    list of PathResult
        Best attested first (most documents behind the weakest hop), then shorter, then
        most documents in all, then by node ids.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n, label in [("a", "Country"), ("m", "Mechanism"), ("o", "Organization"),
    ...                  ("b", "Country")]:
    ...     G.add_node(n, label=label, name=n)
    >>> for u, v, docs in [("a", "m", ["d1", "d2"]), ("b", "m", ["d1", "d2"]),
    ...                    ("a", "o", ["d1"]), ("o", "b", ["d3"])]:
    ...     _ = G.add_edge(u, v, key="T", type="T", evidence=[{"doc": d} for d in docs])
    >>> [[n.id for n in p.nodes] for p in all_paths(G, "a", "b")]
    [['a', 'm', 'b'], ['a', 'o', 'b']]
    >>> [[n.id for n in p.nodes] for p in all_paths(G, "a", "b", via="Organization")]
    [['a', 'o', 'b']]
    """
    if source == target:
        return [path_result(G, [source])]
    U = nx.Graph(G.to_undirected(as_view=True))
    found = itertools.islice(nx.all_simple_paths(U, source, target, cutoff=max_hops),
                             max_candidates)
    if via is not None:
        found = (p for p in found if any(G.nodes[n].get("label") == via for n in p[1:-1]))
    hop_docs: dict[tuple[str, str], set[str]] = {}

    def docs(a: str, b: str) -> set[str]:
        if (a, b) not in hop_docs:
            ties = [*G.get_edge_data(a, b, default={}).values(),
                    *G.get_edge_data(b, a, default={}).values()]
            hop_docs[a, b] = {c["doc"] for attrs in ties for c in attrs.get("evidence", [])}
        return hop_docs[a, b]

    def rank(nodes: list[str]) -> tuple:
        per_hop = [docs(a, b) for a, b in itertools.pairwise(nodes)]
        return (-min(map(len, per_hop)), len(nodes), -len(set().union(*per_hop)), nodes)

    return [path_result(G, p) for p in sorted(found, key=rank)[:limit]]
