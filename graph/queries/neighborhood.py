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
>>> print(neighbors(G, "a"))
2 nodes within 1 of a:
name  label         kind  id
----  ------------  ----  --
A     Person              a
B     Organization        b
<BLANKLINE>
1 ties:
  A -HOLDS_POSITION-> B
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diplograph.graph.queries.display import edge, table
from diplograph.graph.queries.registry import Query, register
from diplograph.graph.queries.results import (EdgeSummary, NodeSummary, Result, edge_summary,
                                              node_summary)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Neighborhood", "neighborhood", "neighbors", "incident_edges", "render_neighbors"]


@dataclass(frozen=True, slots=True)
class Neighborhood(Result):
    center: str
    depth: int
    nodes: list[NodeSummary]
    edges: list[EdgeSummary]


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
    """The nodes within ``depth`` ties of ``node``, optionally only along ``types`` and
    only reaching ``labels``, with the ties among them.

    :func:`neighborhood` as a :class:`Neighborhood` result (nodes and edges sorted).
    """
    sub = neighborhood(G, node, depth=depth, types=types, labels=labels)
    sub.add_node(node, **G.nodes[node])
    return Neighborhood(
        center=node, depth=depth,
        nodes=[node_summary(G, n) for n in sorted(sub.nodes)],
        edges=[edge_summary(G, u, v, k)
               for u, v, k in sorted(sub.edges(keys=True), key=lambda e: (e[0], e[2], e[1]))])


def render_neighbors(nb: Neighborhood) -> str:
    rows = [(n.name, n.label, n.kind or "", n.id) for n in nb.nodes]
    out = [f"{len(nb.nodes)} nodes within {nb.depth} of {nb.center}:",
           table(rows, ["name", "label", "kind", "id"]), f"\n{len(nb.edges)} ties:"]
    out += [edge(e) for e in nb.edges]
    return "\n".join(out)


register(Query("neighbors", neighbors, result=Neighborhood, render=render_neighbors,
               names=("node",)))
