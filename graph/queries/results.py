"""The values results are made of, shared by every query and every backend, so that
parity between a store's override and the reference is a plain equality test.

Every result is a frozen dataclass deriving from :class:`Result`: ``to_dict()`` gives
``--json``, ``str()`` the plain text the CLI prints (through the query's renderer in
:data:`graph.queries.registry.QUERIES`), and ``_repr_html_()`` a table in a notebook.

Examples
--------
>>> ref = NodeRef(id="country:taiwan", label="Country", name="Taiwan")
>>> ref.to_dict()
{'id': 'country:taiwan', 'label': 'Country', 'name': 'Taiwan'}
>>> ref._repr_html_()
'<table class="diplograph"><tr><th>id</th><td>country:taiwan</td></tr>...</table>'
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from diplograph.graph.queries.display import html_table
from diplograph.graph.queries.registry import renderer_for

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Result", "NodeSummary", "EdgeSummary", "NodeRef", "Citations", "node_summary",
           "edge_summary", "node_ref", "EDGE_META", "NODE_META"]

Citations = list[dict[str, Any]]
# Edge attributes that are bookkeeping, not properties of the tie itself.
EDGE_META = ("type", "evidence", "conflicts", "provenance", "corrections")
NODE_META = ("label", "name", "kind", "aliases", "evidence", "conflicts", "provenance",
             "corrections")


class Result:
    """What every result value can do: JSON-ready data, plain text and an HTML table."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    def __str__(self) -> str:
        render = renderer_for(type(self))
        return render(self) if render else repr(self)

    def _repr_html_(self) -> str:
        return html_table(self.to_dict())


@dataclass(frozen=True, slots=True)
class NodeSummary(Result):
    id: str
    label: str
    name: str
    kind: str | None = None
    aliases: list[str] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EdgeSummary(Result):
    source: str
    type: str
    target: str
    source_name: str
    target_name: str
    properties: dict[str, Any] = field(default_factory=dict)
    evidence: Citations = field(default_factory=list)
    conflicts: dict[str, list[Any]] = field(default_factory=dict)
    provenance: str = ""
    corrections: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class NodeRef(Result):
    """A node named in a result: enough to print it and to look it up again."""

    id: str
    label: str
    name: str


def node_summary(G: nx.MultiDiGraph, node: str) -> NodeSummary:
    attrs = G.nodes[node]
    return NodeSummary(id=node, label=attrs["label"], name=attrs["name"], kind=attrs.get("kind"),
                       aliases=list(attrs.get("aliases", [])),
                       properties={k: v for k, v in sorted(attrs.items()) if k not in NODE_META})


def edge_summary(G: nx.MultiDiGraph, source: str, target: str, key: str) -> EdgeSummary:
    attrs = G.edges[source, target, key]
    return EdgeSummary(source=source, type=attrs["type"], target=target,
                       source_name=G.nodes[source]["name"], target_name=G.nodes[target]["name"],
                       properties={k: v for k, v in sorted(attrs.items()) if k not in EDGE_META},
                       evidence=list(attrs.get("evidence", [])),
                       conflicts=dict(attrs.get("conflicts", {})),
                       provenance=str(attrs.get("provenance", "")),
                       corrections=list(attrs.get("corrections", [])))


def node_ref(G: nx.MultiDiGraph, node: str) -> NodeRef:
    attrs = G.nodes[node]
    return NodeRef(id=node, label=attrs["label"], name=attrs["name"])
