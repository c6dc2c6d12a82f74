"""Claims that cannot all be true, with the conflicting citations side by side.

Four checks, each a small function:

- ``values``: sources give one node or tie different values for the same property
  (a title, an amount, a date): the ``conflicts`` the merge keeps.
- ``dates``: sources date one tie differently (one says September to November, another
  November): each citation's ``date`` or ``start``..``end`` compared.
- ``posts``: one person placed at the same time in several government bodies of the same
  kind (a deputy defence minister who is also a foreign minister). A government body is
  one that is ``PART_OF`` a country; academics with two chairs are not flagged.
- ``holders``: one post (same body, same title) given to several people at once.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("wu", label="Person", name="Wu")
>>> G.add_node("mofa", label="Organization", name="MOFA", kind="ministry")
>>> G.add_edge("wu", "mofa", key="HOLDS_POSITION", type="HOLDS_POSITION", title="Minister",
...            conflicts={"title": ["Deputy Minister", "Minister"]},
...            evidence=[{"doc": "a", "claim": {"title": "Minister"}},
...                      {"doc": "b", "claim": {"title": "Deputy Minister"}}])
'HOLDS_POSITION'
>>> found = contradictions(G).items
>>> [(c.kind, c.key, [v.value for v in c.values], c.documents) for c in found]
[('values', 'title', ['Deputy Minister', 'Minister'], ['a', 'b'])]
>>> str(contradictions(G)).splitlines()[2]
'Wu -HOLDS_POSITION-> MOFA: sources disagree on title (across a, b)'
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diplograph.graph.names import match_key
from diplograph.graph.queries.display import citation
from diplograph.graph.queries.posts import CURRENT
from diplograph.graph.queries.registry import Query, register
from diplograph.graph.queries.results import Citations, NodeRef, Result, node_ref
from diplograph.graph.queries.vocabulary import DATE_FIELDS, HOLDS_POSITION, PART_OF, SIDE_LABEL

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ClaimedValue", "Contradiction", "Contradictions", "contradictions", "CHECKS",
           "render_contradictions"]

_DATE, _START, _END = "date", "start", "end"


@dataclass(frozen=True, slots=True)
class ClaimedValue(Result):
    """One of several values that cannot all be true, with the citations that give it."""

    value: Any
    evidence: Citations


@dataclass(frozen=True, slots=True)
class Contradiction(Result):
    """``kind`` is ``values`` (sources give one node or tie different values for ``key``),
    ``dates`` (they date it differently), ``posts`` (one person placed in several bodies
    of the same kind at once) or ``holders`` (one post given to several people)."""

    kind: str
    subject: NodeRef
    type: str | None
    target: NodeRef | None
    key: str
    values: list[ClaimedValue]
    documents: list[str]
    within_source: bool


@dataclass(frozen=True, slots=True)
class Contradictions(Result):
    items: list[Contradiction]

    @property
    def is_empty(self) -> bool:
        return not self.items


def _docs(values: list[ClaimedValue]) -> tuple[list[str], bool]:
    """The documents behind the values, and whether one of them gives two values."""
    per_value = [{c["doc"] for c in v.evidence} for v in values]
    docs = sorted(set().union(*per_value)) if per_value else []
    within = any(a & b for i, a in enumerate(per_value) for b in per_value[i + 1:])
    return docs, within


def _make(kind: str, G: nx.MultiDiGraph, subject: str, rel_type: str | None,
          target: str | None, key: str, values: list[ClaimedValue],
          fallback: Citations = ()) -> Contradiction:
    docs, within = _docs(values)
    if not docs and fallback:  # node values carry no per-citation claims
        docs = sorted({c["doc"] for c in fallback})
        within = len(docs) == 1
    return Contradiction(kind=kind, subject=node_ref(G, subject), type=rel_type,
                         target=node_ref(G, target) if target else None, key=key,
                         values=values, documents=docs, within_source=within)


def conflicting_values(G: nx.MultiDiGraph) -> Iterator[Contradiction]:
    """Nodes and ties whose sources gave different values for one property."""
    for node, attrs in G.nodes(data=True):
        for key, values in sorted(attrs.get("conflicts", {}).items()):
            yield _make("values", G, node, None, None, key,
                        [ClaimedValue(v, []) for v in values], attrs.get("evidence", []))
    for u, v, k, attrs in G.edges(keys=True, data=True):
        for key, values in sorted(attrs.get("conflicts", {}).items()):
            claimed = [ClaimedValue(value, [c for c in attrs.get("evidence", [])
                                            if c.get("claim", {}).get(key) == value])
                       for value in values]
            yield _make("values", G, u, k, v, key, claimed)


def _dating(claim: dict[str, Any]) -> str | None:
    """How one citation dates a tie, as text: ``2025-11`` or ``2025-09..2025-11``."""
    if claim.get(_START) or claim.get(_END):
        return f"{claim.get(_START, '')}..{claim.get(_END, '')}"
    return str(claim[_DATE]) if claim.get(_DATE) else None


def conflicting_dates(G: nx.MultiDiGraph) -> Iterator[Contradiction]:
    """Ties that different citations date differently (a date against a date range)."""
    for u, v, k, attrs in G.edges(keys=True, data=True):
        if set(attrs.get("conflicts", {})) & set(DATE_FIELDS):
            continue  # already reported as conflicting values
        by_dating: dict[str, Citations] = {}
        for c in attrs.get("evidence", []):
            if (dating := _dating(c.get("claim", {}))) is not None:
                by_dating.setdefault(dating, []).append(c)
        if len(by_dating) > 1:
            yield _make("dates", G, u, k, v, _DATE,
                        [ClaimedValue(d, by_dating[d]) for d in sorted(by_dating)])


def _current(attrs: dict[str, Any]) -> bool:
    return attrs.get("status", CURRENT) == CURRENT


def _government(G: nx.MultiDiGraph, body: str) -> bool:
    return any(key == PART_OF and G.nodes[t].get("label") == SIDE_LABEL
               for _, t, key in G.out_edges(body, keys=True))


def _post_values(G: nx.MultiDiGraph, person: str, body: str) -> list[ClaimedValue]:
    """One value per title a source gives for the post, with that source's citations."""
    attrs = G.edges[person, body, HOLDS_POSITION]
    by_title: dict[str, Citations] = {}
    for c in attrs.get("evidence", []):
        title = c.get("claim", {}).get("title", attrs.get("title", ""))
        by_title.setdefault(title, []).append(c)
    name = G.nodes[body]["name"]
    return [ClaimedValue(f"{t}, {name}" if t else name, by_title[t]) for t in sorted(by_title)]


def concurrent_posts(G: nx.MultiDiGraph) -> Iterator[Contradiction]:
    """People holding current posts in several government bodies of the same kind."""
    for person in G.nodes:
        by_kind: dict[str, list[str]] = {}
        for _, body, key, attrs in G.out_edges(person, keys=True, data=True):
            kind = G.nodes[body].get("kind")
            if key == HOLDS_POSITION and kind and _current(attrs) and _government(G, body):
                by_kind.setdefault(kind, []).append(body)
        for kind, bodies in sorted(by_kind.items()):
            if len(bodies) > 1:
                values = [v for body in sorted(bodies) for v in _post_values(G, person, body)]
                yield _make("posts", G, person, HOLDS_POSITION, None, kind, values)


def shared_posts(G: nx.MultiDiGraph) -> Iterator[Contradiction]:
    """One post (body and title) given to several people at once."""
    for body in G.nodes:
        holders: dict[str, dict[str, str]] = {}   # title key -> person -> title as given
        for person, _, key, attrs in G.in_edges(body, keys=True, data=True):
            if key != HOLDS_POSITION or not _current(attrs):
                continue
            for title in attrs.get("conflicts", {}).get("title") or [attrs.get("title")]:
                if title:
                    holders.setdefault(match_key(title), {})[person] = title
        for title_key, people in sorted(holders.items()):
            if len(people) < 2:
                continue
            values = []
            for person in sorted(people):
                attrs = G.edges[person, body, HOLDS_POSITION]
                cites = [c for c in attrs.get("evidence", [])
                         if match_key(c.get("claim", {}).get("title", attrs.get("title", "")))
                         == title_key]
                values.append(ClaimedValue(G.nodes[person]["name"], cites))
            title = sorted(set(people.values()))[0]
            yield _make("holders", G, body, HOLDS_POSITION, None, title, values)


#: The checks :func:`contradictions` runs, by kind.
CHECKS = {"values": conflicting_values, "dates": conflicting_dates,
          "posts": concurrent_posts, "holders": shared_posts}


def contradictions(G: nx.MultiDiGraph, *, kinds: list[str] | None = None) -> Contradictions:
    """Every contradiction the checks in :data:`CHECKS` find (all of them by default).

    Returns
    -------
    Contradictions
        Sorted by subject name, then kind, key and tie; each with the conflicting values,
        the citations giving each, the documents involved and whether one document
        contradicts itself (``within_source``).
    """
    found = [c for kind in (kinds or list(CHECKS)) for c in CHECKS[kind](G)]
    found.sort(key=lambda c: (c.subject.name.casefold(), c.subject.id, c.kind, c.key,
                              c.type or "", c.target.id if c.target else ""))
    return Contradictions(items=found)


_HEADLINES = {
    "values": lambda c: f"sources disagree on {c.key}",
    "dates": lambda c: "dated differently",
    "posts": lambda c: f"placed in several {c.key} posts at once",
    "holders": lambda c: f"the post '{c.key}' is given to several people at once",
}


def _contradiction(c: Contradiction) -> list[str]:
    tie = f" -{c.type}-> {c.target.name}" if c.target else ""
    where = (f"within {c.documents[0]}" if c.within_source and len(c.documents) == 1
             else f"across {', '.join(c.documents)}" if c.documents else "sources not recorded")
    out = [f"{c.subject.name}{tie}: {_HEADLINES[c.kind](c)} ({where})"]
    for value in c.values:
        out.append(f"  = {value.value}")
        out += [f"      {citation(cite)}" for cite in value.evidence]
    return out


def render_contradictions(result: Contradictions) -> str:
    if result.is_empty:
        return "No contradictions found."
    out = [f"{len(result.items)} contradictions:"]
    for c in result.items:
        out += [""] + _contradiction(c)
    return "\n".join(out)


register(Query("contradictions", contradictions, result=Contradictions,
               render=render_contradictions))
