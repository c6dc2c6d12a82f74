"""A node's neighbourhood, following ties in either direction.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n, label in [("a", "Person"), ("b", "Organization"), ("c", "Country")]:
...     G.add_node(n, label=label, name=n.upper())
>>> G.add_edge("a", "b", key="HOLDS_POSITION", type="HOLDS_POSITION")
'HOLDS_POSITION'
>>> G.add_edge("b", "c", key="PART_OF", type="PART_OF")
'PART_OF'
>>> sorted(neighborhood(G, "a", depth=2))
['a', 'b', 'c']
>>> sorted(neighborhood(G, "a", depth=2, types=["HOLDS_POSITION"]))
['a', 'b']
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import networkx as nx

from diplograph.graph.queries.results import Neighborhood, edge_summary, node_summary

__all__ = ["neighborhood", "neighbors", "incident_edges"]


def incident_edges(G: nx.MultiDiGraph, node: str) -> Iterator[tuple[str, str, str, str]]:
    """(source, target, key, other end) for every tie touching ``node``, either direction."""
    for _, target, key in G.out_edges(node, keys=True):
        yield node, target, key, target
    for source, _, key in G.in_edges(node, keys=True):
        if source != node:
            yield source, node, key, source


def neighborhood(G: nx.MultiDiGraph, node: str, *, depth: int = 1,
                 types: Iterable[str] | None = None,
                 labels: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The subgraph of nodes within ``depth`` ties of ``node``.

    ``types`` limits the ties followed; ``labels`` limits the nodes reached (the
    centre always stays). The subgraph holds every tie among the kept nodes that
    ``types`` allows.
    """
    types_set = set(types) if types else None
    labels_set = set(labels) if labels else None
    seen, frontier = {node}, [node]
    for _ in range(max(depth, 0)):
        nxt = []
        for current in frontier:
            for source, target, key, other in incident_edges(G, current):
                if other in seen or (types_set and key not in types_set):
                    continue
                if labels_set and G.nodes[other]["label"] not in labels_set:
                    continue
                seen.add(other)
                nxt.append(other)
        frontier = nxt
    sub = G.subgraph(seen)
    if types_set is None:
        return sub.copy()
    return sub.edge_subgraph([(u, v, k) for u, v, k in sub.edges(keys=True)
                              if k in types_set]).copy() if sub.number_of_edges() else sub.copy()


def neighbors(G: nx.MultiDiGraph, node: str, *, depth: int = 1,
              types: Iterable[str] | None = None,
              labels: Iterable[str] | None = None) -> Neighborhood:
    """:func:`neighborhood` as a :class:`Neighborhood` result (sorted nodes and edges)."""
    sub = neighborhood(G, node, depth=depth, types=types, labels=labels)
    sub.add_node(node, **G.nodes[node])
    return Neighborhood(
        center=node, depth=depth,
        nodes=[node_summary(G, n) for n in sorted(sub.nodes)],
        edges=[edge_summary(G, u, v, k)
               for u, v, k in sorted(sub.edges(keys=True), key=lambda e: (e[0], e[2], e[1]))])
