"""Dated claims in order: meetings, visits, budgets, announcements, posts taken up or
left, each with the citations behind it.

A node contributes its own ``date``/``start``/``end``; a tie contributes the dates its
properties carry. Dates may be partial (``2025``, ``2025-10``); they sort at the start of
their period and overlap a ``since``/``until`` range if any part of them does.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("lai", label="Person", name="Lai")
>>> G.add_node("tdome", label="Initiative", name="T-Dome")
>>> G.add_node("qdr", label="Initiative", name="QDR", date="2025-03-18")
>>> G.add_edge("lai", "tdome", key="PROPOSES", type="PROPOSES", date="2025-10-10")
'PROPOSES'
>>> [(e.date, e.type, e.source.name) for e in timeline(G).entries]
[('2025-03-18', 'Initiative', 'QDR'), ('2025-10-10', 'PROPOSES', 'Lai')]
>>> [e.source.name for e in timeline(G, since="2025-06").entries]
['Lai']
>>> [e.source.name for e in timeline(G, about="tdome").entries]
['Lai']
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from diplograph.graph.dates import date_in_range, date_key, normalize_date
from diplograph.graph.errors import DiplographError
from diplograph.graph.queries.analysis_results import Timeline, TimelineEntry, node_ref
from diplograph.graph.queries.neighborhood import incident_edges
from diplograph.graph.queries.results import EDGE_META
from diplograph.graph.queries.vocabulary import DATE_FIELDS

__all__ = ["timeline", "parse_day"]

_NODE_META = ("label", "name", "kind", "aliases", "evidence", "conflicts")


def parse_day(value: str) -> str:
    """A user-given date as ISO 8601; ``DiplographError`` naming the accepted forms if not.

    >>> parse_day("ROC 115")
    '2026'
    """
    try:
        return normalize_date(value)
    except ValueError:
        raise DiplographError(f"{value!r} is not a date. Use ISO 8601 (2025, 2025-10 or "
                              f"2025-10-10), 'March 18, 2025' or a ROC year ('year 115')."
                              ) from None


def _dates(attrs: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for key in DATE_FIELDS:
        value = attrs.get(key)
        if value in (None, ""):
            continue
        try:
            yield key, normalize_date(value)
        except ValueError:
            continue  # not a date we can place in order; `show` still lists it


def _giving(evidence: list[dict[str, Any]], key: str, value: Any) -> list[dict[str, Any]]:
    """The citations that gave ``key`` this ``value``; all of them when none says."""
    said = [c for c in evidence if key in c.get("claim", {})]
    return [c for c in said if c["claim"][key] == value] if said else list(evidence)


def _node_entries(G: nx.MultiDiGraph, node: str) -> Iterator[TimelineEntry]:
    attrs = G.nodes[node]
    for key, day in _dates(attrs):
        yield TimelineEntry(
            date=day, field=key, type=attrs["label"], source=node_ref(G, node), target=None,
            properties={k: v for k, v in sorted(attrs.items()) if k not in _NODE_META},
            evidence=list(attrs.get("evidence", [])),
            conflicts={k: v for k, v in attrs.get("conflicts", {}).items() if k == key})


def _edge_entries(G: nx.MultiDiGraph, u: str, v: str, k: str) -> Iterator[TimelineEntry]:
    attrs = G.edges[u, v, k]
    for key, day in _dates(attrs):
        yield TimelineEntry(
            date=day, field=key, type=attrs["type"], source=node_ref(G, u),
            target=node_ref(G, v),
            properties={p: val for p, val in sorted(attrs.items()) if p not in EDGE_META},
            evidence=_giving(attrs.get("evidence", []), key, attrs[key]),
            conflicts={p: val for p, val in attrs.get("conflicts", {}).items() if p == key})


def timeline(G: nx.MultiDiGraph, *, since: str | None = None, until: str | None = None,
             about: str | None = None) -> Timeline:
    """Every dated claim of the graph in date order.

    Parameters
    ----------
    G : the graph.
    since, until : keep claims whose date overlaps this closed range (ISO, maybe partial).
    about : a node id; keep only its own dates, those of its direct neighbours (the events
        it took part in, ...) and those of the ties touching it.

    Returns
    -------
    Timeline
        Entries sorted by date (start of period), then field, source, type and target.
        Where sources disagree on a date, the entry lists every value in ``conflicts``.
    """
    since = parse_day(since) if since else None
    until = parse_day(until) if until else None
    if about is None:
        nodes = list(G.nodes)
        edges = list(G.edges(keys=True))
    else:
        touching = list(incident_edges(G, about))
        nodes = [about, *sorted({other for *_, other in touching})]
        edges = [(s, t, k) for s, t, k, _ in touching]
    entries = [e for n in nodes for e in _node_entries(G, n)]
    entries += [e for u, v, k in edges for e in _edge_entries(G, u, v, k)]
    entries = [e for e in entries if date_in_range(e.date, since=since, until=until)]
    entries.sort(key=lambda e: (date_key(e.date), e.date, e.field, e.source.id, e.type,
                                e.target.id if e.target else ""))
    return Timeline(since=since, until=until,
                    about=node_ref(G, about) if about is not None else None, entries=entries)
