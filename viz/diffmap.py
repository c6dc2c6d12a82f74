"""A diff map: the old and the new graph drawn as one, coloured by what changed.

Nodes and ties are matched as :func:`graph.queries.diff.diff` matches them (by id, and
by (source, type, target)); the drawing holds everything in the new graph plus what the
old one had and the new one lost, and marks each as ``added``, ``removed``, ``changed``
(properties or citations) or unchanged, for :func:`viz.present.present`'s ``changes``.

Examples
--------
>>> import networkx as nx
>>> old = nx.MultiDiGraph()
>>> for n in ["a", "b", "c"]:
...     old.add_node(f"country:{n}", label="Country", name=n.upper())
>>> _ = old.add_edge("country:a", "country:b", key="MET_WITH", type="MET_WITH")
>>> new = old.copy()
>>> new.remove_node("country:c")
>>> new.add_node("country:d", label="Country", name="D")
>>> _ = new.add_edge("country:a", "country:b", key="OPPOSES", type="OPPOSES")
>>> both, changes = diff_union(old, new)
>>> sorted(both)
['country:a', 'country:b', 'country:c', 'country:d']
>>> changes["nodes"]
{'country:d': 'added', 'country:c': 'removed'}
>>> changes["edges"]
{'country:a|OPPOSES|country:b': 'added'}
"""
from __future__ import annotations

import networkx as nx

from diplograph.graph.queries.diff import diff
from diplograph.viz.present import edge_id

__all__ = ["diff_union"]


def diff_union(old: nx.MultiDiGraph, new: nx.MultiDiGraph
               ) -> tuple[nx.MultiDiGraph, dict[str, dict[str, str]]]:
    """The graph of both (new attributes where a thing is in both) and the changes:
    ``{"nodes": {id: change}, "edges": {edge id: change}}`` (unchanged ones left out)."""
    found = diff(old, new)
    both = new.copy()
    both.graph["documents"] = {**old.graph.get("documents", {}),
                               **new.graph.get("documents", {})}
    nodes: dict[str, str] = {}
    edges: dict[str, str] = {}
    for ref in found.nodes_added:
        nodes[ref.id] = "added"
    for ref in found.nodes_removed:
        nodes[ref.id] = "removed"
        both.add_node(ref.id, **old.nodes[ref.id])
    for change in found.nodes_changed:
        nodes[change.node.id] = "changed"
    for kind, refs in (("added", found.edges_added), ("removed", found.edges_removed),
                       ("changed", [c.edge for c in found.edges_changed])):
        for e in refs:
            u, k, v = e.source.id, e.type, e.target.id
            edges[edge_id(u, k, v)] = kind
            if kind == "removed":
                both.add_edge(u, v, key=k, **old.edges[u, v, k])
    return both, {"nodes": nodes, "edges": edges}
