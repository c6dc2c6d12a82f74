"""Who takes part in which dialogue channel, and for which side (see
:mod:`graph.queries.sides` for how an actor counts for a side). :func:`between` lists
the mechanisms and events where two actors both take part; :func:`who` lists one
venue's participants by side, with its rounds, funding, places and dates.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n, label, name in [("tw", "Country", "Taiwan"), ("us", "Country", "United States"),
...                        ("mnd", "Organization", "MND"), ("chung", "Person", "Chung"),
...                        ("talks", "Mechanism", "Monterey Talks")]:
...     G.add_node(n, label=label, name=name, aliases=[name])
>>> G.add_edge("mnd", "tw", key="PART_OF", type="PART_OF")
'PART_OF'
>>> G.add_edge("chung", "mnd", key="HOLDS_POSITION", type="HOLDS_POSITION")
'HOLDS_POSITION'
>>> G.add_edge("chung", "talks", key="PARTICIPATES_IN", type="PARTICIPATES_IN", role="delegate")
'PARTICIPATES_IN'
>>> G.add_edge("us", "talks", key="PARTICIPATES_IN", type="PARTICIPATES_IN", role="party")
'PARTICIPATES_IN'
>>> found = between(G, "tw", "us")
>>> [v.venue.name for v in found.venues]
['Monterey Talks']
>>> taiwan_side = found.venues[0].sides[0]
>>> [(p.actor.name, [n.name for n in p.via]) for p in taiwan_side.participants]
[('Chung', ['MND', 'Taiwan'])]
>>> [(s.side.name, len(s.participants)) for s in who(G, "talks").sides]
[('Taiwan', 1), ('United States', 1)]
>>> print(between(G, "tw", "us"))  # doctest: +NORMALIZE_WHITESPACE
Taiwan and United States both take part in 1 mechanisms and events:
<BLANKLINE>
Monterey Talks  [Mechanism]
  Taiwan:
    - Chung [Person] PARTICIPATES_IN (role: delegate) via MND
  United States:
    - United States [Country] PARTICIPATES_IN (role: party)
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from diplograph.graph.dates import date_key
from diplograph.graph.errors import DiplographError
from diplograph.graph.queries.display import cited_by, edge, props, table
from diplograph.graph.queries.registry import Query, register
from diplograph.graph.queries.results import (Citations, EdgeSummary, NodeRef, NodeSummary,
                                              Result, edge_summary, node_ref, node_summary)
from diplograph.graph.queries.sides import (DENIED, Participation, Side, affiliations,
                                            counting_for, name_key, participation,
                                            participations, render_side, sides_by_name)
from diplograph.graph.queries.vocabulary import (FUNDS, INSTANCE_OF, LOCATED_IN, PART_OF,
                                                 SIDE_LABEL, SUBORDINATE_TO, VENUE_LABELS,
                                                 VENUE_TYPES)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["SharedVenue", "Between", "Who", "between", "who", "venues_of", "render_between",
           "render_who", "BETWEEN_LIMIT"]


@dataclass(frozen=True, slots=True)
class SharedVenue(Result):
    venue: NodeSummary
    sides: list[Side]


@dataclass(frozen=True, slots=True)
class Between(Result):
    """The venues two actors share: the first ``limit`` by name (all with ``limit``
    None) of the ``total`` there are."""

    a: NodeRef
    b: NodeRef
    venues: list[SharedVenue]
    total: int = 0
    limit: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.venues

    @property
    def is_cut(self) -> bool:
        """Whether some shared venues were left out by ``limit``."""
        return self.total > len(self.venues)


@dataclass(frozen=True, slots=True)
class Who(Result):
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


#: How many shared venues ``between`` lists unless told otherwise: two large sides can
#: share tens of thousands (and the list would take minutes to build and read).
BETWEEN_LIMIT = 50


def between(G: nx.MultiDiGraph, a: str, b: str, *, limit: int | None = BETWEEN_LIMIT
            ) -> Between:
    """Every mechanism and event in which both ``a`` and ``b`` take part, directly or
    through their officials, bodies and members, with each side's participants.

    Parameters
    ----------
    G : the graph.
    a, b : node ids (resolve names first with :func:`graph.queries.lookup.resolve`).
    limit : list only the first ``limit`` venues by name (None: all of them); the
        result's ``total`` says how many there are.

    Returns
    -------
    Between
        The venues sorted by name; for each, side ``a`` then side ``b``, each listing
        its participants (sorted by name) with the chain that makes them count.
    """
    sides = sides_by_name(G)
    counted = {end: counting_for(G, end, sides) for end in (a, b)}
    shared = sorted(venues_of(G, counted[a]) & venues_of(G, counted[b]),
                    key=lambda n: name_key(G, n))
    venues = []
    for venue in shared[:limit] if limit is not None else shared:
        by_side: dict[str, list[Participation]] = {a: [], b: []}
        for actor, rel_type, attrs in participations(G, venue):
            for end in (a, b):
                if actor in counted[end]:
                    chain = affiliations(G, actor, sides, within=counted[end], until=end)[end]
                    by_side[end].append(participation(G, actor, rel_type, attrs, chain))
        venues.append(SharedVenue(venue=node_summary(G, venue),
                                  sides=[Side(node_ref(G, end), by_side[end]) for end in (a, b)]))
    return Between(a=node_ref(G, a), b=node_ref(G, b), venues=venues, total=len(shared),
                   limit=limit)


def venues_of(G: nx.MultiDiGraph, actors: Collection[str]) -> set[str]:
    """The mechanisms and events that any of ``actors`` takes part in (ties not denied)."""
    return {venue for actor in actors
            for _, venue, key, attrs in G.out_edges(actor, keys=True, data=True)
            if key in VENUE_TYPES and attrs.get("status") != DENIED
            and G.nodes[venue].get("label") in VENUE_LABELS}


def _round_key(G: nx.MultiDiGraph, event: str, mechanism: str) -> tuple:
    attrs = G.nodes[event]
    ordinal = G.edges[event, mechanism, INSTANCE_OF].get("ordinal", attrs.get("ordinal"))
    try:
        number = float(ordinal)
    except (TypeError, ValueError):
        number = float("inf")
    when = attrs.get("date") or attrs.get("start")
    return (number, date_key(str(when)) if when else "9999", *name_key(G, event))


def _targets(G: nx.MultiDiGraph, node: str, types: tuple[str, ...]) -> list[NodeRef]:
    found = {t for _, t, key in G.out_edges(node, keys=True) if key in types}
    return [node_ref(G, t) for t in sorted(found, key=lambda n: name_key(G, n))]


def who(G: nx.MultiDiGraph, venue: str) -> Who:
    """Who takes part in the mechanism or event ``venue``, grouped by side.

    Each participant is listed under every side (country) it reaches through its
    affiliations, or under a side of ``None`` when it reaches none. Alongside: the
    rounds of a recurring mechanism (events that are ``INSTANCE_OF`` it, by ordinal
    then date), the mechanisms an event is a round of, the ``FUNDS`` ties into it, where
    it takes place, the channels it sits under, and its own citations. Level, frequency,
    first year and dates are the venue's node properties. Raises ``DiplographError``
    when ``venue`` is not a mechanism or event.
    """
    if G.nodes[venue].get("label") not in VENUE_LABELS:
        attrs = G.nodes[venue]
        raise DiplographError(
            f"{attrs['name']} is a {attrs['label']}; 'who' takes one of: "
            f"{', '.join(VENUE_LABELS)} (for an actor's posts use 'posts', for the "
            f"channels two actors share 'between').")
    sides = sides_by_name(G)
    grouped: dict[str | None, list[Participation]] = {}
    for actor, rel_type, attrs in participations(G, venue):
        reach = affiliations(G, actor, sides)
        found = sorted((n for n in reach if G.nodes[n].get("label") == SIDE_LABEL),
                       key=lambda n: name_key(G, n)) or [None]
        for side in found:
            chain = reach[side] if side is not None else []
            grouped.setdefault(side, []).append(
                participation(G, actor, rel_type, attrs, chain))
    order = sorted((s for s in grouped if s is not None), key=lambda n: name_key(G, n))
    side_list = [Side(node_ref(G, s), grouped[s]) for s in order]
    if None in grouped:
        side_list.append(Side(None, grouped[None]))
    rounds = sorted((e for e, _, key in G.in_edges(venue, keys=True) if key == INSTANCE_OF),
                    key=lambda e: _round_key(G, e, venue))
    funding = sorted((edge_summary(G, s, venue, key) for s, _, key in G.in_edges(venue, keys=True)
                      if key == FUNDS), key=lambda e: (e.source_name.casefold(), e.source))
    return Who(venue=node_summary(G, venue), sides=side_list,
               series=_targets(G, venue, (INSTANCE_OF,)),
               rounds=[node_summary(G, e) for e in rounds], funding=funding,
               places=_targets(G, venue, (LOCATED_IN,)),
               parents=_targets(G, venue, (SUBORDINATE_TO, PART_OF)),
               evidence=list(G.nodes[venue].get("evidence", [])))


def _kind(n: NodeSummary) -> str:
    return f"{n.label} ({n.kind})" if n.kind else n.label


def _names(refs: list[NodeRef]) -> str:
    return ", ".join(r.name for r in refs)


def render_between(result: Between) -> str:
    a, b = result.a.name, result.b.name
    if result.is_empty and not result.is_cut:
        return f"{a} and {b} take part in no common mechanism or event."
    shown = (f"; the first {len(result.venues):,} by name" if result.is_cut else "")
    out = [f"{a} and {b} both take part in {result.total:,} mechanisms and events{shown}:"]
    for venue in result.venues:
        v = venue.venue
        extra = props(v.properties, skip=("description",))
        out.append(f"\n{v.name}  [{_kind(v)}]" + (f"  {extra}" if extra else ""))
        for side in venue.sides:
            out += render_side(side)
    return "\n".join(out)


def render_who(result: Who) -> str:
    v = result.venue
    out = [f"{v.name}  [{_kind(v)}]  id: {v.id}"]
    out += [f"{k}: {val}" for k, val in v.properties.items()]
    for title, refs in (("round of", result.series), ("located in", result.places),
                        ("under", result.parents)):
        if refs:
            out.append(f"{title}: {_names(refs)}")
    if result.evidence:
        out.append(cited_by(result.evidence))
    if result.is_empty:
        out.append(f"\nNo participants, rounds or funding are recorded for {v.name}.")
        return "\n".join(out)
    if result.sides:
        out.append("\nParticipants by side:")
        for side in result.sides:
            out += render_side(side)
    if result.funding:
        out.append("\nFunding:")
        out += [edge(e) for e in result.funding]
    if result.rounds:
        out.append(f"\nRounds ({len(result.rounds)}):")
        rows = [(r.properties.get("ordinal", ""), r.properties.get("date", ""), r.name)
                for r in result.rounds]
        out.append(table(rows, ["#", "date", "event"]))
    return "\n".join(out)


register(Query("between", between, result=Between, render=render_between, names=("a", "b")))
register(Query("who", who, result=Who, render=render_who, names=("venue",)))
