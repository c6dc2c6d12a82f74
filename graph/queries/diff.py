"""What changed between two graphs: nodes and ties added and removed, and those whose
properties or citations changed.

Nodes are matched by id and ties by (source, type, target); a citation is the same
citation when all its fields are equal.

Examples
--------
>>> import networkx as nx
>>> old = nx.MultiDiGraph()
>>> old.add_node("a", label="Country", name="A")
>>> old.add_node("b", label="Country", name="B")
>>> new = old.copy()
>>> new.nodes["a"]["name"] = "Alpha"
>>> new.add_edge("a", "b", key="MET_WITH", type="MET_WITH", date="2025")
'MET_WITH'
>>> d = diff(old, new)
>>> [e.type for e in d.edges_added], [(c.key, c.old, c.new) for c in d.nodes_changed[0].changes]
(['MET_WITH'], [('name', 'A', 'Alpha')])
"""
from __future__ import annotations

import json
from typing import Any

import networkx as nx

from diplograph.graph.queries.analysis_results import (Change, Diff, EdgeChange, EdgeRef, NodeChange,
                                            node_ref)

__all__ = ["diff"]

_EVIDENCE = "evidence"


def _cite_key(c: dict[str, Any]) -> str:
    return json.dumps(c, sort_keys=True, ensure_ascii=False, default=str)


def _compare(old: dict[str, Any], new: dict[str, Any]
             ) -> tuple[list[Change], list[dict[str, Any]], list[dict[str, Any]]]:
    """Property changes, citations added and citations removed between two attr dicts."""
    keys = sorted((set(old) | set(new)) - {_EVIDENCE})
    changes = [Change(k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]
    before = {_cite_key(c): c for c in old.get(_EVIDENCE, [])}
    after = {_cite_key(c): c for c in new.get(_EVIDENCE, [])}
    added = [after[k] for k in sorted(set(after) - set(before))]
    removed = [before[k] for k in sorted(set(before) - set(after))]
    return changes, added, removed


def _edge_ref(G: nx.MultiDiGraph, edge: tuple[str, str, str]) -> EdgeRef:
    u, v, k = edge
    return EdgeRef(source=node_ref(G, u), type=k, target=node_ref(G, v))


def diff(old: nx.MultiDiGraph, new: nx.MultiDiGraph, *, old_name: str = "old",
         new_name: str = "new") -> Diff:
    """The differences from ``old`` to ``new``.

    Parameters
    ----------
    old, new : the two graphs.
    old_name, new_name : how to name them in the result (a path or store location).

    Returns
    -------
    Diff
        Added and removed nodes (by id) and ties (by source, type, target), and the
        nodes and ties present in both whose properties or citations changed.
    """
    nodes_changed = []
    for n in sorted(set(old) & set(new)):
        changes, added, removed = _compare(old.nodes[n], new.nodes[n])
        if changes or added or removed:
            nodes_changed.append(NodeChange(node_ref(new, n), changes, added, removed))
    old_edges, new_edges = set(old.edges(keys=True)), set(new.edges(keys=True))
    order = lambda e: (e[0], e[2], e[1])  # noqa: E731 - (source, type, target)
    edges_changed = []
    for e in sorted(old_edges & new_edges, key=order):
        changes, added, removed = _compare(old.edges[e], new.edges[e])
        if changes or added or removed:
            edges_changed.append(EdgeChange(_edge_ref(new, e), changes, added, removed))
    return Diff(
        old=old_name, new=new_name,
        nodes_added=[node_ref(new, n) for n in sorted(set(new) - set(old))],
        nodes_removed=[node_ref(old, n) for n in sorted(set(old) - set(new))],
        nodes_changed=nodes_changed,
        edges_added=[_edge_ref(new, e) for e in sorted(new_edges - old_edges, key=order)],
        edges_removed=[_edge_ref(old, e) for e in sorted(old_edges - new_edges, key=order)],
        edges_changed=edges_changed)
