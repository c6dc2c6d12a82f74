"""Result values of the analytic queries (between, who, posts, rank, communities,
timeline, contradictions, diff), shared by every backend like
:mod:`graph.queries.results`: plain frozen dataclasses with sorted lists, so that
parity between the embedded store and a graph database is a plain equality test.
Each has ``to_dict()`` for ``--json`` and ``is_empty`` for "nothing found".

Examples
--------
>>> ref = NodeRef(id="country:taiwan", label="Country", name="Taiwan")
>>> Posts(subject=ref, as_of=None, posts=[]).is_empty
True
>>> ref.to_dict()
{'id': 'country:taiwan', 'label': 'Country', 'name': 'Taiwan'}
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from diplograph.graph.queries.results import EdgeSummary, NodeSummary, _Result

__all__ = ["NodeRef", "node_ref", "Participation", "Side", "SharedVenue", "Between", "Who",
           "Post", "Posts", "RankEntry", "Ranking", "Community", "Communities",
           "TimelineEntry", "Timeline", "ClaimedValue", "Contradiction", "Contradictions",
           "Change", "NodeChange", "EdgeRef", "EdgeChange", "Diff"]

Citations = list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class NodeRef(_Result):
    """A node named in a result: enough to print it and to look it up again."""

    id: str
    label: str
    name: str


def node_ref(G: nx.MultiDiGraph, node: str) -> NodeRef:
    attrs = G.nodes[node]
    return NodeRef(id=node, label=attrs["label"], name=attrs["name"])


# -- between / who -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Participation(_Result):
    """One actor's part in a mechanism or event: the tie (type, role, size, leader, ...),
    the affiliation chain by which it counts for a side (``via``, nearest first, ending at
    the side; empty when the actor is the side itself) and the tie's citations."""

    actor: NodeRef
    type: str
    properties: dict[str, Any]
    via: list[NodeRef]
    evidence: Citations


@dataclass(frozen=True, slots=True)
class Side(_Result):
    """The participants counted for one side (``side`` is None for those of no known side)."""

    side: NodeRef | None
    participants: list[Participation]


@dataclass(frozen=True, slots=True)
class SharedVenue(_Result):
    venue: NodeSummary
    sides: list[Side]


@dataclass(frozen=True, slots=True)
class Between(_Result):
    a: NodeRef
    b: NodeRef
    venues: list[SharedVenue]

    @property
    def is_empty(self) -> bool:
        return not self.venues


@dataclass(frozen=True, slots=True)
class Who(_Result):
    """Everything known about who takes part in a mechanism or event."""

    venue: NodeSummary
    sides: list[Side]
    series: list[NodeRef]          # the mechanisms this event is a round of
    rounds: list[NodeSummary]      # the known rounds of this mechanism, in order
    funding: list[EdgeSummary]
    places: list[NodeRef]
    parents: list[NodeRef]         # channels this one sits under or is part of
    evidence: Citations = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.sides or self.rounds or self.funding)


# -- posts ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Post(_Result):
    """A post: who, where, the title (every title when sources disagree), dates, status."""

    person: NodeRef
    body: NodeRef
    title: str | None
    titles: list[str]
    start: str | None
    end: str | None
    status: str
    evidence: Citations


@dataclass(frozen=True, slots=True)
class Posts(_Result):
    subject: NodeRef
    as_of: str | None
    posts: list[Post]

    @property
    def is_empty(self) -> bool:
        return not self.posts


# -- rank / communities --------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RankEntry(_Result):
    node: NodeRef
    score: float
    degree: int


@dataclass(frozen=True, slots=True)
class Ranking(_Result):
    by: str
    label: str | None
    entries: list[RankEntry]

    @property
    def is_empty(self) -> bool:
        return not self.entries


@dataclass(frozen=True, slots=True)
class Community(_Result):
    index: int
    members: list[NodeRef]
    central: list[NodeRef]   # the most connected members, most connected first

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True, slots=True)
class Communities(_Result):
    method: str
    seed: int
    modularity: float
    communities: list[Community]

    @property
    def is_empty(self) -> bool:
        return not self.communities

    def membership(self) -> dict[str, int]:
        """node id -> community index, e.g. to colour a page by community."""
        return {m.id: c.index for c in self.communities for m in c.members}


# -- timeline ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TimelineEntry(_Result):
    """A dated claim: a node's own date (``target`` None, ``type`` its label) or a tie's."""

    date: str
    field: str
    type: str
    source: NodeRef
    target: NodeRef | None
    properties: dict[str, Any]
    evidence: Citations
    conflicts: dict[str, list[Any]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Timeline(_Result):
    since: str | None
    until: str | None
    about: NodeRef | None
    entries: list[TimelineEntry]

    @property
    def is_empty(self) -> bool:
        return not self.entries


# -- contradictions ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ClaimedValue(_Result):
    """One of several values that cannot all be true, with the citations that give it."""

    value: Any
    evidence: Citations


@dataclass(frozen=True, slots=True)
class Contradiction(_Result):
    """``kind`` is ``values`` (sources give one node or tie different values for ``key``)
    or ``posts`` (one person placed in several bodies of the same kind at once)."""

    kind: str
    subject: NodeRef
    type: str | None
    target: NodeRef | None
    key: str
    values: list[ClaimedValue]
    documents: list[str]
    within_source: bool


@dataclass(frozen=True, slots=True)
class Contradictions(_Result):
    items: list[Contradiction]

    @property
    def is_empty(self) -> bool:
        return not self.items


# -- diff ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Change(_Result):
    key: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class NodeChange(_Result):
    node: NodeRef
    changes: list[Change]
    citations_added: Citations
    citations_removed: Citations


@dataclass(frozen=True, slots=True)
class EdgeRef(_Result):
    source: NodeRef
    type: str
    target: NodeRef


@dataclass(frozen=True, slots=True)
class EdgeChange(_Result):
    edge: EdgeRef
    changes: list[Change]
    citations_added: Citations
    citations_removed: Citations


@dataclass(frozen=True, slots=True)
class Diff(_Result):
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
