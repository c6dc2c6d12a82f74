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
>>> print(d)
From old to new: nodes +0 -0 ~1, ties +1 -0 ~0
~ node Alpha a
      name: 'A' -> 'Alpha'
+ tie Alpha -MET_WITH-> B
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diplograph.graph.queries.display import citation
from diplograph.graph.queries.registry import Query, register
from diplograph.graph.queries.results import Citations, NodeRef, Result, node_ref

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Change", "NodeChange", "EdgeRef", "EdgeChange", "Diff", "diff", "render_diff"]


@dataclass(frozen=True, slots=True)
class Change(Result):
    key: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class NodeChange(Result):
    node: NodeRef
    changes: list[Change]
    citations_added: Citations
    citations_removed: Citations


@dataclass(frozen=True, slots=True)
class EdgeRef(Result):
    source: NodeRef
    type: str
    target: NodeRef


@dataclass(frozen=True, slots=True)
class EdgeChange(Result):
    edge: EdgeRef
    changes: list[Change]
    citations_added: Citations
    citations_removed: Citations


@dataclass(frozen=True, slots=True)
class Diff(Result):
    old: str
    new: str
    nodes_added: list[NodeRef]
    nodes_removed: list[NodeRef]
    nodes_changed: list[NodeChange]
    edges_added: list[EdgeRef]
    edges_removed: list[EdgeRef]
    edges_changed: list[EdgeChange]

    @property
    def is_empty(self) -> bool:
        return not (self.nodes_added or self.nodes_removed or self.nodes_changed
                    or self.edges_added or self.edges_removed or self.edges_changed)

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


def _tie(G: nx.MultiDiGraph, edge: tuple[str, str, str]) -> EdgeRef:
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
            edges_changed.append(EdgeChange(_tie(new, e), changes, added, removed))
    return Diff(
        old=old_name, new=new_name,
        nodes_added=[node_ref(new, n) for n in sorted(set(new) - set(old))],
        nodes_removed=[node_ref(old, n) for n in sorted(set(old) - set(new))],
        nodes_changed=nodes_changed,
        edges_added=[_tie(new, e) for e in sorted(new_edges - old_edges, key=order)],
        edges_removed=[_tie(old, e) for e in sorted(old_edges - new_edges, key=order)],
        edges_changed=edges_changed)


def _edge_ref(e: EdgeRef) -> str:
    return f"{e.source.name} -{e.type}-> {e.target.name}"


def _changed(change: NodeChange | EdgeChange) -> list[str]:
    """The lines under a changed node or tie: its property changes, then its citations."""
    return [*(f"      {c.key}: {c.old!r} -> {c.new!r}" for c in change.changes),
            *(f"      + {citation(c)}" for c in change.citations_added),
            *(f"      - {citation(c)}" for c in change.citations_removed)]


def render_diff(result: Diff) -> str:
    if result.is_empty:
        return f"No differences between {result.old} and {result.new}."
    counts = (f"nodes +{len(result.nodes_added)} -{len(result.nodes_removed)} "
              f"~{len(result.nodes_changed)}, ties +{len(result.edges_added)} "
              f"-{len(result.edges_removed)} ~{len(result.edges_changed)}")
    out = [f"From {result.old} to {result.new}: {counts}"]
    out += [f"+ node {n.name} [{n.label}] {n.id}" for n in result.nodes_added]
    out += [f"- node {n.name} [{n.label}] {n.id}" for n in result.nodes_removed]
    for change in result.nodes_changed:
        out += [f"~ node {change.node.name} {change.node.id}", *_changed(change)]
    out += [f"+ tie {_edge_ref(e)}" for e in result.edges_added]
    out += [f"- tie {_edge_ref(e)}" for e in result.edges_removed]
    for change in result.edges_changed:
        out += [f"~ tie {_edge_ref(change.edge)}", *_changed(change)]
    return "\n".join(out)


# Two graphs (stores or JSON exports) rather than one store's: `api.diff` opens both.
register(Query("diff", diff, result=Diff, render=render_diff, on_store=False))
