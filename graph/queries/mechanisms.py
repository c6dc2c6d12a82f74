"""Who takes part in which dialogue channel, and for which side.

An actor counts for a side directly (a country is its own side) or through its
affiliations, followed upwards: an official's post (``HOLDS_POSITION``) in a ministry,
a ministry that is ``PART_OF`` a country, a member of a body, or a body whose
``country`` property names a country in the graph. :func:`between` lists the mechanisms
and events where two actors both take part; :func:`who` lists one venue's participants
by side, with its rounds, funding, places and dates.

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
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from diplograph.graph.dates import date_key
from diplograph.graph.errors import DiplographError
from diplograph.graph.names import match_key
from diplograph.graph.queries.analysis_results import (Between, NodeRef, Participation, SharedVenue,
                                            Side, Who, node_ref)
from diplograph.graph.queries.results import EDGE_META, edge_summary, node_summary
from diplograph.graph.queries.vocabulary import (ACTOR_LABELS, AFFILIATION_TYPES, FUNDS, INSTANCE_OF,
                                      LOCATED_IN, PART_OF, SIDE_LABEL, SUBORDINATE_TO,
                                      VENUE_LABELS, VENUE_TYPES)

__all__ = ["between", "who", "affiliations", "participations", "DENIED"]

#: Ties reported and then denied do not place anyone anywhere.
DENIED = "denied"
_COUNTRY_PROPERTY = "country"


def _name_key(G: nx.MultiDiGraph, node: str) -> tuple[str, str]:
    return (G.nodes[node]["name"].casefold(), node)


def _sides_by_name(G: nx.MultiDiGraph) -> dict[str, str]:
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


def affiliations(G: nx.MultiDiGraph, node: str,
                 sides: dict[str, str] | None = None) -> dict[str, list[str]]:
    """Every actor ``node`` belongs to, directly or up a chain of affiliations, mapped to
    the chain that reaches it (nearest first, ending with that actor); ``node`` itself
    maps to an empty chain.

    The chain is a shortest one; among those, the one resting least on ``country``
    properties (rather than ties), then the one whose names sort first.
    """
    sides = _sides_by_name(G) if sides is None else sides
    chains: dict[str, list[str]] = {node: []}
    cost: dict[str, int] = {node: 0}
    level = [node]
    while level:
        best: dict[str, tuple[int, list[str], list[str]]] = {}
        for current in level:
            for up, by_property in _upward(G, current, sides):
                if up in chains:
                    continue
                chain = chains[current] + [up]
                rank = (cost[current] + by_property, [_name_key(G, n) for n in chain], chain)
                if up not in best or rank[:2] < best[up][:2]:
                    best[up] = rank
        for up, (hops, _, chain) in best.items():
            chains[up], cost[up] = chain, hops
        level = sorted(best)
    return chains


def participations(G: nx.MultiDiGraph, venue: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(actor, tie type, tie attributes) for every actor taking part in ``venue``."""
    found = [(source, key, attrs) for source, _, key, attrs
             in G.in_edges(venue, keys=True, data=True)
             if key in VENUE_TYPES and _is_actor(G, source) and attrs.get("status") != DENIED]
    return sorted(found, key=lambda p: (*_name_key(G, p[0]), p[1]))


def _participation(G: nx.MultiDiGraph, actor: str, rel_type: str, attrs: dict[str, Any],
                   chain: list[str]) -> Participation:
    return Participation(
        actor=node_ref(G, actor), type=rel_type,
        properties={k: v for k, v in sorted(attrs.items()) if k not in EDGE_META},
        via=[node_ref(G, n) for n in chain], evidence=list(attrs.get("evidence", [])))


def between(G: nx.MultiDiGraph, a: str, b: str) -> Between:
    """Every mechanism and event in which both ``a`` and ``b`` take part, directly or
    through their officials, bodies and members, with each side's participants.

    Parameters
    ----------
    G : the graph.
    a, b : node ids (resolve names first with :func:`graph.queries.resolve`).

    Returns
    -------
    Between
        The venues sorted by name; for each, side ``a`` then side ``b``, each listing
        its participants (sorted by name) with the chain that makes them count.
    """
    sides = _sides_by_name(G)
    chains: dict[str, dict[str, list[str]]] = {}
    venues = []
    for venue in sorted(G.nodes, key=lambda n: _name_key(G, n)):
        if G.nodes[venue].get("label") not in VENUE_LABELS:
            continue
        by_side: dict[str, list[Participation]] = {a: [], b: []}
        for actor, rel_type, attrs in participations(G, venue):
            reach = chains.setdefault(actor, affiliations(G, actor, sides))
            for end in (a, b):
                if end in reach:
                    by_side[end].append(_participation(G, actor, rel_type, attrs, reach[end]))
        if by_side[a] and by_side[b]:
            venues.append(SharedVenue(venue=node_summary(G, venue),
                                      sides=[Side(node_ref(G, end), by_side[end])
                                             for end in (a, b)]))
    return Between(a=node_ref(G, a), b=node_ref(G, b), venues=venues)


def _round_key(G: nx.MultiDiGraph, event: str, mechanism: str) -> tuple:
    attrs = G.nodes[event]
    ordinal = G.edges[event, mechanism, INSTANCE_OF].get("ordinal", attrs.get("ordinal"))
    try:
        number = float(ordinal)
    except (TypeError, ValueError):
        number = float("inf")
    when = attrs.get("date") or attrs.get("start")
    return (number, date_key(str(when)) if when else "9999", *_name_key(G, event))


def _targets(G: nx.MultiDiGraph, node: str, types: tuple[str, ...]) -> list[NodeRef]:
    found = {t for _, t, key in G.out_edges(node, keys=True) if key in types}
    return [node_ref(G, t) for t in sorted(found, key=lambda n: _name_key(G, n))]


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
    sides = _sides_by_name(G)
    grouped: dict[str | None, list[Participation]] = {}
    for actor, rel_type, attrs in participations(G, venue):
        reach = affiliations(G, actor, sides)
        found = sorted((n for n in reach if G.nodes[n].get("label") == SIDE_LABEL),
                       key=lambda n: _name_key(G, n)) or [None]
        for side in found:
            chain = reach[side] if side is not None else []
            grouped.setdefault(side, []).append(
                _participation(G, actor, rel_type, attrs, chain))
    order = sorted((s for s in grouped if s is not None), key=lambda n: _name_key(G, n))
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
