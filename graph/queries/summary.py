"""Counts of a graph (``stats``) and the full record of one node (``show``).

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph(documents={"d": {"id": "d"}})
>>> G.add_node("country:taiwan", label="Country", name="Taiwan")
>>> stats(G).by_label
{'Country': 1}
>>> show(G, "country:taiwan").node.name
'Taiwan'
>>> print(show(G, "country:taiwan"))
Taiwan  [Country]  id: country:taiwan
aliases: -
<BLANKLINE>
no ties
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diplograph.graph.queries.display import cited_by, correction, edge, table
from diplograph.graph.queries.neighborhood import incident_edges
from diplograph.graph.queries.registry import Query, register
from diplograph.graph.queries.results import (Citations, EdgeSummary, NodeSummary, Result,
                                              edge_summary, node_summary)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Stats", "NodeDetail", "stats", "show", "render_stats", "render_show"]


@dataclass(frozen=True, slots=True)
class Stats(Result):
    nodes: int
    edges: int
    documents: int
    by_label: dict[str, int]
    by_type: dict[str, int]


@dataclass(frozen=True, slots=True)
class NodeDetail(Result):
    node: NodeSummary
    evidence: Citations
    edges: list[EdgeSummary]
    conflicts: dict[str, list[Any]] = field(default_factory=dict)
    provenance: str = ""
    corrections: list[dict[str, str]] = field(default_factory=list)


def stats(G: nx.MultiDiGraph) -> Stats:
    """Nodes by label, edges by type, and the number of source documents."""
    labels = Counter(attrs["label"] for _, attrs in G.nodes(data=True))
    types = Counter(key for _, _, key in G.edges(keys=True))
    return Stats(nodes=G.number_of_nodes(), edges=G.number_of_edges(),
                 documents=len(G.graph.get("documents", {})),
                 by_label=dict(sorted(labels.items())), by_type=dict(sorted(types.items())))


def show(G: nx.MultiDiGraph, node: str) -> NodeDetail:
    """The node with its aliases, its own citations and every tie touching it."""
    edges = sorted((edge_summary(G, s, t, k) for s, t, k, _ in incident_edges(G, node)),
                   key=lambda e: (e.type, e.source, e.target))
    attrs = G.nodes[node]
    return NodeDetail(node=node_summary(G, node), evidence=list(attrs.get("evidence", [])),
                      edges=edges, conflicts=dict(attrs.get("conflicts", {})),
                      provenance=str(attrs.get("provenance", "")),
                      corrections=list(attrs.get("corrections", [])))


def render_stats(s: Stats) -> str:
    head = f"{s.nodes} nodes, {s.edges} edges, {s.documents} documents"
    labels = table(sorted(s.by_label.items()), ["label", "nodes"])
    types = table(sorted(s.by_type.items()), ["type", "edges"])
    return f"{head}\n\n{labels}\n\n{types}"


def render_show(d: NodeDetail) -> str:
    n = d.node
    kind = f" ({n.kind})" if n.kind else ""
    lines = [f"{n.name}  [{n.label}{kind}]  id: {n.id}",
             f"aliases: {', '.join(n.aliases) if n.aliases else '-'}"]
    lines += [f"{k}: {v}" for k, v in n.properties.items()]
    lines += [f"! sources disagree on {k}: {' | '.join(map(str, v))}"
              for k, v in d.conflicts.items()]
    if d.evidence:
        lines.append(cited_by(d.evidence))
    if d.provenance:
        lines.append(f"provenance: {d.provenance}")
    lines += [correction(m) for m in d.corrections]
    lines.append(f"\n{len(d.edges)} ties:" if d.edges else "\nno ties")
    lines += [edge(e) for e in d.edges]
    return "\n".join(lines)


register(Query("stats", stats, result=Stats, render=render_stats))
register(Query("show", show, result=NodeDetail, render=render_show, names=("node",)))
