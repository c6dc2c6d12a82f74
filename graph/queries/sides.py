"""Which side an actor counts for, and who takes part in a venue: the reading shared by
``between`` and ``who`` (:mod:`graph.queries.mechanisms`).

An actor counts for a side directly (a country is its own side) or through its
affiliations, followed upwards: an official's post (``HOLDS_POSITION``) in a ministry,
a ministry that is ``PART_OF`` a country, a member of a body, or a body whose
``country`` property names a country in the graph.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n, label, name in [("tw", "Country", "Taiwan"), ("mnd", "Organization", "MND"),
...                        ("chung", "Person", "Chung")]:
...     G.add_node(n, label=label, name=name, aliases=[name])
>>> G.add_edge("mnd", "tw", key="PART_OF", type="PART_OF")
'PART_OF'
>>> G.add_edge("chung", "mnd", key="HOLDS_POSITION", type="HOLDS_POSITION")
'HOLDS_POSITION'
>>> affiliations(G, "chung")
{'chung': [], 'mnd': ['mnd'], 'tw': ['mnd', 'tw']}
>>> sorted(counting_for(G, "tw"))
['chung', 'mnd', 'tw']
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diplograph.graph.names import match_key
from diplograph.graph.queries.display import CITE_INDENT, citation, props
from diplograph.graph.queries.results import (EDGE_META, Citations, NodeRef, Result,
                                              node_ref)
from diplograph.graph.queries.vocabulary import (ACTOR_LABELS, AFFILIATION_TYPES, SIDE_LABEL,
                                                 VENUE_TYPES)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Participation", "Side", "affiliations", "counting_for", "participations",
           "participation", "sides_by_name", "name_key", "render_side", "DENIED"]

#: Ties reported and then denied do not place anyone anywhere.
DENIED = "denied"
_COUNTRY_PROPERTY = "country"


@dataclass(frozen=True, slots=True)
class Participation(Result):
    """One actor's part in a mechanism or event: the tie (type, role, size, leader, ...),
    the affiliation chain by which it counts for a side (``via``, nearest first, ending at
    the side; empty when the actor is the side itself) and the tie's citations."""

    actor: NodeRef
    type: str
    properties: dict[str, Any]
    via: list[NodeRef]
    evidence: Citations


@dataclass(frozen=True, slots=True)
class Side(Result):
    """The participants counted for one side (``side`` is None for those of no known side)."""

    side: NodeRef | None
    participants: list[Participation]


def name_key(G: nx.MultiDiGraph, node: str) -> tuple[str, str]:
    return (G.nodes[node]["name"].casefold(), node)


def sides_by_name(G: nx.MultiDiGraph) -> dict[str, str]:
    """match key of every name and alias of a side (a country) -> its node id."""
    index: dict[str, str] = {}
    for node in sorted(G.nodes):
        attrs = G.nodes[node]
        if attrs.get("label") == SIDE_LABEL:
            for form in (attrs.get("name", ""), *attrs.get("aliases", [])):
                index.setdefault(match_key(form), node)
    return index


def _is_actor(G: nx.MultiDiGraph, node: str) -> bool:
    return G.nodes[node].get("label") in ACTOR_LABELS


def _upward(G: nx.MultiDiGraph, node: str, sides: dict[str, str]) -> list[tuple[str, int]]:
    """(actor, 1 if only the ``country`` property says so else 0) for each actor ``node``
    is directly affiliated with."""
    ups = {target: 0 for _, target, key, attrs in G.out_edges(node, keys=True, data=True)
           if key in AFFILIATION_TYPES and attrs.get("status") != DENIED
           and _is_actor(G, target)}
    named = G.nodes[node].get(_COUNTRY_PROPERTY)
    side = sides.get(match_key(named)) if isinstance(named, str) else None
    if side and side != node:
        ups.setdefault(side, 1)
    return sorted(ups.items())


def affiliations(G: nx.MultiDiGraph, node: str, sides: dict[str, str] | None = None, *,
                 within: Collection[str] | None = None, until: str | None = None
                 ) -> dict[str, list[str]]:
    """Every actor ``node`` belongs to, directly or up a chain of affiliations, mapped to
    the chain that reaches it (nearest first, ending with that actor); ``node`` itself
    maps to an empty chain.

    The chain is a shortest one; among those, the one resting least on ``country``
    properties (rather than ties), then the one whose names sort first. ``within``
    (the actors that count for a side, say) limits the walk to those nodes, and it stops
    at the step that reaches ``until``: the chains to the nodes it reached are the ones
    the whole walk finds when every chain to them lies within ``within``.
    """
    sides = sides_by_name(G) if sides is None else sides
    chains: dict[str, list[str]] = {node: []}
    cost: dict[str, int] = {node: 0}
    level = [node]
    while level and until not in chains:
        best: dict[str, tuple[int, list[tuple[str, str]], list[str]]] = {}
        for current in level:
            for up, by_property in _upward(G, current, sides):
                if up in chains or (within is not None and up not in within):
                    continue
                chain = chains[current] + [up]
                rank = (cost[current] + by_property, [name_key(G, n) for n in chain], chain)
                if up not in best or rank[:2] < best[up][:2]:
                    best[up] = rank
        for up, (hops, _, chain) in best.items():
            chains[up], cost[up] = chain, hops
        level = sorted(best)
    return chains


def counting_for(G: nx.MultiDiGraph, side: str, sides: dict[str, str] | None = None
                 ) -> set[str]:
    """The actors whose :func:`affiliations` reach ``side`` (``side`` itself when it is
    an actor): :func:`affiliations` walked backwards, from ``side`` down."""
    if not _is_actor(G, side):
        return set()
    sides = sides_by_name(G) if sides is None else sides
    naming: dict[str, list[str]] = {}   # side -> the nodes whose country property names it
    for node, named in G.nodes(data=_COUNTRY_PROPERTY):
        found = sides.get(match_key(named)) if isinstance(named, str) else None
        if found is not None and found != node:
            naming.setdefault(found, []).append(node)
    seen, level = {side}, [side]
    while level:
        below = set()
        for current in level:
            below.update(source for source, _, key, attrs
                         in G.in_edges(current, keys=True, data=True)
                         if key in AFFILIATION_TYPES and attrs.get("status") != DENIED)
            below.update(naming.get(current, ()))
        level = sorted(n for n in below - seen if _is_actor(G, n))
        seen.update(level)
    return seen


def participations(G: nx.MultiDiGraph, venue: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(actor, tie type, tie attributes) for every actor taking part in ``venue``."""
    found = [(source, key, attrs) for source, _, key, attrs
             in G.in_edges(venue, keys=True, data=True)
             if key in VENUE_TYPES and _is_actor(G, source) and attrs.get("status") != DENIED]
    return sorted(found, key=lambda p: (*name_key(G, p[0]), p[1]))


def participation(G: nx.MultiDiGraph, actor: str, rel_type: str, attrs: dict[str, Any],
                  chain: list[str]) -> Participation:
    return Participation(
        actor=node_ref(G, actor), type=rel_type,
        properties={k: v for k, v in sorted(attrs.items()) if k not in EDGE_META},
        via=[node_ref(G, n) for n in chain], evidence=list(attrs.get("evidence", [])))


def _participation_lines(p: Participation) -> list[str]:
    detail = props(p.properties)
    via = " via " + " > ".join(n.name for n in p.via[:-1]) if len(p.via) > 1 else ""
    head = f"    - {p.actor.name} [{p.actor.label}] {p.type}" + (f" ({detail})" if detail else "")
    return [head + via] + [CITE_INDENT + citation(c) for c in p.evidence]


def render_side(side: Side) -> list[str]:
    """A side's heading and its participants, each with its citations."""
    name = side.side.name if side.side else "no known side"
    return [f"  {name}:"] + [line for p in side.participants for line in _participation_lines(p)]
