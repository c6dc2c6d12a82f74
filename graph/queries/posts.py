"""Posts: the offices a person held, or the people who held posts in a body, and who
held them on a given day.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n, label, name in [("wu", "Person", "Wu"), ("koo", "Person", "Koo"),
...                        ("mnd", "Organization", "MND")]:
...     G.add_node(n, label=label, name=name)
>>> G.add_edge("wu", "mnd", key="HOLDS_POSITION", type="HOLDS_POSITION",
...            title="Deputy Minister", end="2024-05")
'HOLDS_POSITION'
>>> G.add_edge("koo", "mnd", key="HOLDS_POSITION", type="HOLDS_POSITION",
...            title="Minister", start="2024-05-20")
'HOLDS_POSITION'
>>> [(p.person.name, p.title) for p in posts(G, "mnd").posts]
[('Koo', 'Minister'), ('Wu', 'Deputy Minister')]
>>> [p.person.name for p in posts(G, "mnd", as_of="2025").posts]
['Koo']
>>> print(posts(G, "mnd", as_of="2025"))
Posts of MND on 2025 (1):
person  title     body  start       end  status   sources
------  --------  ----  ----------  ---  -------  -------
Koo     Minister  MND   2024-05-20       current
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diplograph.graph.dates import date_key
from diplograph.graph.queries.display import table
from diplograph.graph.queries.registry import Query, register
from diplograph.graph.queries.results import Citations, NodeRef, Result, node_ref
from diplograph.graph.queries.timeline import parse_day
from diplograph.graph.queries.vocabulary import HOLDS_POSITION

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Post", "Posts", "posts", "held_on", "render_posts", "CURRENT", "FORMER"]

CURRENT = "current"
FORMER = "former"
_HELD = (CURRENT, FORMER)   # planned and denied posts were never held


@dataclass(frozen=True, slots=True)
class Post(Result):
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
class Posts(Result):
    subject: NodeRef
    as_of: str | None
    posts: list[Post]

    @property
    def is_empty(self) -> bool:
        return not self.posts


def held_on(attrs: dict[str, Any], day: str) -> bool:
    """Whether a post with these tie attributes was held on ``day`` (an ISO date, maybe
    partial). Planned and denied posts never were; a former post counts only when its
    dates say it covered ``day``; an undated current post is taken as held.

    >>> held_on({"start": "2024-05-20"}, "2024-05")
    True
    >>> held_on({"status": "former"}, "2020")
    False
    """
    status = attrs.get("status", CURRENT)
    start, end = attrs.get("start"), attrs.get("end")
    if status not in _HELD or (status == FORMER and not (start or end)):
        return False
    if start and date_key(str(start)) > date_key(day, end=True):
        return False
    return not (end and date_key(str(end), end=True) < date_key(day))


def _post(G: nx.MultiDiGraph, person: str, body: str, attrs: dict[str, Any]) -> Post:
    title = attrs.get("title")
    titles = list(attrs.get("conflicts", {}).get("title", [title] if title else []))
    return Post(person=node_ref(G, person), body=node_ref(G, body), title=title, titles=titles,
                start=attrs.get("start"), end=attrs.get("end"),
                status=attrs.get("status", CURRENT), evidence=list(attrs.get("evidence", [])))


def posts(G: nx.MultiDiGraph, node: str, *, as_of: str | None = None) -> Posts:
    """The posts ``node`` held (a person) or the posts held in ``node`` (a body).

    Parameters
    ----------
    G : the graph.
    node : a node id; its posts are its outgoing ``HOLDS_POSITION`` ties, plus the
        incoming ones when it is a body.
    as_of : an ISO date (``2025``, ``2025-10``, ``2025-10-10``); only posts held on that
        day (see :func:`held_on`).

    Returns
    -------
    Posts
        Sorted by start date (undated last), then person and body name.
    """
    day = parse_day(as_of) if as_of else None
    found = [_post(G, node, body, attrs)
             for _, body, key, attrs in G.out_edges(node, keys=True, data=True)
             if key == HOLDS_POSITION]
    found += [_post(G, person, node, attrs)
              for person, _, key, attrs in G.in_edges(node, keys=True, data=True)
              if key == HOLDS_POSITION]
    if day:
        found = [p for p in found
                 if held_on(G.edges[p.person.id, p.body.id, HOLDS_POSITION], day)]
    found.sort(key=lambda p: (date_key(p.start) if p.start else "9999", p.person.name.casefold(),
                              p.body.name.casefold(), p.person.id, p.body.id))
    return Posts(subject=node_ref(G, node), as_of=day, posts=found)


def render_posts(result: Posts) -> str:
    when = f" on {result.as_of}" if result.as_of else ""
    if result.is_empty:
        return f"No posts recorded for {result.subject.name}{when}."
    rows = []
    for p in result.posts:
        title = " | ".join(p.titles) if len(p.titles) > 1 else (p.title or "")
        rows.append((p.person.name, ("! " if len(p.titles) > 1 else "") + title, p.body.name,
                     p.start or "", p.end or "", p.status,
                     ", ".join(sorted({c["doc"] for c in p.evidence}))))
    head = f"Posts of {result.subject.name}{when} ({len(result.posts)}):"
    foot = ("\n! sources disagree on the title; see 'diplograph contradictions'"
            if any(len(p.titles) > 1 for p in result.posts) else "")
    return head + "\n" + table(rows, ["person", "title", "body", "start", "end", "status",
                                      "sources"]) + foot


register(Query("posts", posts, result=Posts, render=render_posts, names=("node",)))
