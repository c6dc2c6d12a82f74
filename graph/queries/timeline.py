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
>>> print(timeline(G, since="2025-06"))
1 dated claims since 2025-06:
2025-10-10  Lai -PROPOSES-> T-Dome
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diplograph.graph.dates import date_in_range, date_key, normalize_date
from diplograph.graph.errors import DiplographError
from diplograph.graph.queries.display import citation
from diplograph.graph.queries.neighborhood import incident_edges
from diplograph.graph.queries.registry import Query, register
from diplograph.graph.queries.results import (EDGE_META, NODE_META, Citations, NodeRef, Result,
                                              node_ref)
from diplograph.graph.queries.vocabulary import DATE_FIELDS

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["TimelineEntry", "Timeline", "timeline", "parse_day", "render_timeline"]


@dataclass(frozen=True, slots=True)
class TimelineEntry(Result):
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
class Timeline(Result):
    since: str | None
    until: str | None
    about: NodeRef | None
    entries: list[TimelineEntry]

    @property
    def is_empty(self) -> bool:
        return not self.entries


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
            properties={k: v for k, v in sorted(attrs.items()) if k not in NODE_META},
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


def render_timeline(result: Timeline) -> str:
    scope = [f"about {result.about.name}" if result.about else "",
             f"since {result.since}" if result.since else "",
             f"until {result.until}" if result.until else ""]
    scope_text = " ".join(s for s in scope if s)
    if result.is_empty:
        return "No dated claims" + (f" {scope_text}" if scope_text else "") + "."
    out = [f"{len(result.entries)} dated claims" + (f" {scope_text}" if scope_text else "") + ":"]
    for e in result.entries:
        what = (f"{e.source.name} -{e.type}-> {e.target.name}" if e.target
                else f"{e.source.name} [{e.type}]")
        when = "" if e.field == "date" else f" ({e.field})"
        out.append(f"{e.date}{when}  {what}")
        out += [f"    ! sources disagree on {k}: {' | '.join(map(str, v))}"
                for k, v in e.conflicts.items()]
        out += [f"    {citation(c)}" for c in e.evidence]
    return "\n".join(out)


register(Query("timeline", timeline, result=Timeline, render=render_timeline, names=("about",)))
