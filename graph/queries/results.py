"""Result values shared by every backend, so that parity between the embedded store and
a graph database is a plain equality test. Each has ``to_dict()`` for ``--json``."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

__all__ = ["NodeSummary", "EdgeSummary", "NodeDetail", "Neighborhood", "PathResult", "Stats",
           "node_summary", "edge_summary", "EDGE_META"]

# Edge attributes that are bookkeeping, not properties of the tie itself.
EDGE_META = ("type", "evidence", "conflicts", "provenance", "corrections")
_NODE_META = ("label", "name", "kind", "aliases", "evidence", "conflicts", "provenance",
              "corrections")


class _Result:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True, slots=True)
class NodeSummary(_Result):
    id: str
    label: str
    name: str
    kind: str | None = None
    aliases: list[str] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EdgeSummary(_Result):
    source: str
    type: str
    target: str
    source_name: str
    target_name: str
    properties: dict[str, Any] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    conflicts: dict[str, list[Any]] = field(default_factory=dict)
    provenance: str = ""
    corrections: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class NodeDetail(_Result):
    node: NodeSummary
    evidence: list[dict[str, Any]]
    edges: list[EdgeSummary]
    conflicts: dict[str, list[Any]] = field(default_factory=dict)
    provenance: str = ""
    corrections: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Neighborhood(_Result):
    center: str
    depth: int
    nodes: list[NodeSummary]
    edges: list[EdgeSummary]


@dataclass(frozen=True, slots=True)
class PathResult(_Result):
    """One path: its nodes in order and, per hop, every edge joining the two nodes."""

    nodes: list[NodeSummary]
    hops: list[list[EdgeSummary]]

    @property
    def length(self) -> int:
        return len(self.hops)


@dataclass(frozen=True, slots=True)
class Stats(_Result):
    nodes: int
    edges: int
    documents: int
    by_label: dict[str, int]
    by_type: dict[str, int]


def node_summary(G: nx.MultiDiGraph, node: str) -> NodeSummary:
    attrs = G.nodes[node]
    return NodeSummary(id=node, label=attrs["label"], name=attrs["name"], kind=attrs.get("kind"),
                       aliases=list(attrs.get("aliases", [])),
                       properties={k: v for k, v in sorted(attrs.items()) if k not in _NODE_META})


def edge_summary(G: nx.MultiDiGraph, source: str, target: str, key: str) -> EdgeSummary:
    attrs = G.edges[source, target, key]
    return EdgeSummary(source=source, type=attrs["type"], target=target,
                       source_name=G.nodes[source]["name"], target_name=G.nodes[target]["name"],
                       properties={k: v for k, v in sorted(attrs.items()) if k not in EDGE_META},
                       evidence=list(attrs.get("evidence", [])),
                       conflicts=dict(attrs.get("conflicts", {})),
                       provenance=str(attrs.get("provenance", "")),
                       corrections=list(attrs.get("corrections", [])))
