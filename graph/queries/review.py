"""The review queue: what a person should check first, most doubtful first.

Only what no person has checked is queued (``provenance`` machine or corrected). Each
item is a tie, a node or a pair of suspected duplicates, with every reason found and a
score from 0 to 1 that combines them (``1 - prod(1 - weight)``: independent doubts add
up, none alone reaches 1). The weights say how often each doubt marked a real error on
extractions of the shared development corpus (``bench/review_precision.py``); the
signals:

- ties: one source only; read by a machine, at low confidence; a source sentence with a
  negation ("was not planning to meet"); a meeting or cooperation between a person and
  a whole country or body; a person's or body's tie to the very country it serves; one
  of several posts in different countries' bodies, more so when its source names
  neither the body nor its country; one of a body's ``PART_OF`` ties to two countries;
  sources disagreeing on a value; read both ways, or contradicted by another tie
  between the same ends (weak: countries do oppose each other);
- nodes: no ties at all; one source; a name that does not look like one (an unbalanced
  bracket, a name ending in "of", a title left in front, a lone word for a person, one
  generic word such as "Defense", an office run into a person's name, lower case); a
  label that looks wrong (the name is a Person's name or alias elsewhere, a person
  named by the words of a body, a person with posts in two countries' bodies, a body
  part of two countries); sources disagreeing on a value;
- suspected duplicates, from :mod:`graph.queries.duplicates`, with their reason. A
  node that looks like a duplicate is queued as its pair.

Each item proposes the correction that would settle it (``action``: reject a tie or a
node, merge a duplicate into the fuller node), naming entities so that the correction
survives re-extraction.

Examples
--------
>>> import networkx as nx
>>> rule = [{"doc": "a.txt#1", "method": "rule", "confidence": 0.6}]
>>> G = nx.MultiDiGraph()
>>> for node, label, name in [("country:x", "Country", "Xland"), ("country:y", "Country", "Yland"),
...                           ("org:z", "Organization", "Defense")]:
...     G.add_node(node, label=label, name=name, aliases=[name], evidence=rule,
...                provenance="machine")
>>> for s, o in [("country:x", "country:y"), ("country:y", "country:x")]:
...     _ = G.add_edge(s, o, key="SUPPORTS", type="SUPPORTS", evidence=rule, provenance="machine")
>>> queue = review(G)
>>> [(i.kind, [n.name for n in i.nodes], i.score) for i in queue.items]
[('node', ['Defense'], 0.75), ('tie', ['Xland', 'Yland'], 0.36), ('tie', ['Yland', 'Xland'], 0.36)]
>>> queue.items[0].reasons
['no ties', 'one source only', 'one generic word: not a name?']
>>> queue.items[1].action
{'op': 'reject', 'tie': ['Xland', 'SUPPORTS', 'Yland']}
"""
from __future__ import annotations

import math
import shlex
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diplograph.graph.names import match_key
from diplograph.graph.provenance import confidence, is_checked
from diplograph.graph.queries.display import citation
from diplograph.graph.queries.doubts import (Signals, allegiance, disagreements,
                                             node_signals, tie_signals)
from diplograph.graph.queries.duplicates import Pair, suspected_duplicates, words
from diplograph.graph.queries.lookup import name_index
from diplograph.graph.queries.registry import Query, register
from diplograph.graph.queries.results import NodeRef, Result, node_ref

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ReviewItem", "Review", "review", "render_review", "fix_command"]

#: A split entity misleads a reader less than a false tie or a junk node does, so a
#: suspected duplicate weighs this share of its likelihood in the queue.
DUPLICATE_WEIGHT = 0.7


@dataclass(frozen=True, slots=True)
class ReviewItem(Result):
    """One thing to check: a ``tie`` (``nodes`` = its ends, ``type`` its type), a ``node``
    or a ``duplicate`` pair; its ``score`` and ``reasons``; what backs it (provenance,
    confidence, citations); and the correction that would settle it (``action``)."""

    kind: str
    score: float
    reasons: list[str]
    nodes: list[NodeRef]
    type: str | None = None
    provenance: str = ""
    confidence: float = 1.0
    evidence: list[dict[str, Any]] = field(default_factory=list)
    action: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Review(Result):
    """The queue, most doubtful first; ``total`` counts the items before ``limit``."""

    items: list[ReviewItem]
    total: int

    @property
    def is_empty(self) -> bool:
        return not self.items


def _ref(G: nx.MultiDiGraph, node: str, index: dict[str, list[tuple[int, str]]]) -> str:
    """How a correction names ``node``: its name when that finds only it, else its id."""
    name = str(G.nodes[node].get("name", node))
    hits = index.get(match_key(name), [])
    best = min((tier for tier, _ in hits), default=None)
    return name if {n for tier, n in hits if tier == best} == {node} else node


def _combined(found: list[tuple[float, str]]) -> float:
    return round(1 - math.prod(1 - w for w, _ in found), 2)


def _thinner(G: nx.MultiDiGraph, pair: Pair) -> tuple[str, str]:
    """(the node to keep, the one to merge into it): the thinner has fewer ties and
    citations, then fewer words in its name."""
    def weight(n: str) -> tuple[int, int, int, str]:
        return (G.degree(n), len(G.nodes[n].get("evidence", [])),
                len(words(G.nodes[n]["name"])), n)
    keep, drop = sorted((pair.a, pair.b), key=weight, reverse=True)
    return keep, drop


def review(G: nx.MultiDiGraph, *, limit: int | None = None, min_score: float = 0.0) -> Review:
    """The review queue of ``G``: unchecked ties and nodes with doubts, and suspected
    duplicates, most doubtful first (then ties before nodes before pairs, then by id).

    A node that looks like a duplicate is one item, the pair: its own doubts join the
    pair's reason, and the proposed correction merges it into the fuller node.

    Parameters
    ----------
    G : the graph.
    limit : keep this many items (all by default).
    min_score : leave out items scoring below this.
    """
    signals: Signals = {}
    for family in (tie_signals, node_signals, allegiance, disagreements):
        family(G, signals)

    def unique(found: list[tuple[float, str]]) -> list[tuple[float, str]]:
        return list(dict.fromkeys(found))

    # (score, kind, node ids, type, reasons, action with node ids): the queue is sorted
    # first, and only the items kept are given names that corrections can use.
    queued: list[tuple[float, str, list[str], str | None, list[str], dict[str, Any]]] = []
    for pair in suspected_duplicates(G):
        if is_checked(G.nodes[pair.a]) and is_checked(G.nodes[pair.b]):
            continue
        keep, drop = _thinner(G, pair)
        found = [(pair.score * DUPLICATE_WEIGHT,
                  f"suspected duplicate ({pair.reason}): {pair.detail}"),
                 *unique(signals.pop(("node", drop), []))]
        queued.append((_combined(found), "duplicate", [pair.a, pair.b], None,
                       [r for _, r in found], {"op": "merge", "entity": drop, "into": keep}))
    for key, found in signals.items():
        found = unique(found)
        if not any(w > 0.1 for w, _ in found):
            continue
        if key[0] == "tie":
            _, u, k, v = key
            if G.has_edge(u, v, k) and not is_checked(G.edges[u, v, k]):
                queued.append((_combined(found), "tie", [u, v], k, [r for _, r in found],
                               {"op": "reject", "tie": [u, k, v]}))
        elif not is_checked(G.nodes[key[1]]):
            queued.append((_combined(found), "node", [key[1]], None, [r for _, r in found],
                           {"op": "reject", "entity": key[1]}))
    order = {"tie": 0, "node": 1, "duplicate": 2}
    queued = [q for q in queued if q[0] >= min_score]
    queued.sort(key=lambda q: (-q[0], order[q[1]], q[2], q[3] or ""))
    index = name_index(G)

    def named(action: dict[str, Any]) -> dict[str, Any]:
        return {k: ([_ref(G, v[0], index), v[1], _ref(G, v[2], index)] if k == "tie"
                    else v if k == "op" else _ref(G, v, index)) for k, v in action.items()}

    def item(score: float, kind: str, ids: list[str], rel: str | None, reasons: list[str],
             action: dict[str, Any]) -> ReviewItem:
        attrs = G.edges[ids[0], ids[1], rel] if kind == "tie" else (
            G.nodes[ids[0]] if kind == "node" else {})
        return ReviewItem(kind=kind, score=score, reasons=reasons,
                          nodes=[node_ref(G, n) for n in ids], type=rel,
                          provenance=str(attrs.get("provenance", "")),
                          confidence=confidence(attrs) if attrs else 1.0,
                          evidence=list(attrs.get("evidence", [])), action=named(action))

    kept = queued[:limit] if limit is not None else queued
    return Review(items=[item(*q) for q in kept], total=len(queued))


def fix_command(action: dict[str, Any]) -> str:
    """The ``diplograph fix`` command line that makes the correction ``action`` proposes.

    >>> fix_command({"op": "merge", "entity": "Manalo", "into": "Enrique Manalo"})
    "diplograph fix merge Manalo 'Enrique Manalo' --note '...'"
    """
    op = action["op"]
    words_ = ["diplograph", "fix", op, *(action["tie"] if "tie" in action
                                         else [action["entity"]])]
    words_ += [action[k] for k in ("into", "to", "add") if k in action]
    return " ".join(shlex.quote(str(w)) for w in words_) + " --note '...'"


def _render_item(i: int, item: ReviewItem) -> list[str]:
    names = [n.name for n in item.nodes]
    what = (f"{names[0]} -{item.type}-> {names[1]}" if item.kind == "tie" else
            f"{names[0]}  /  {names[1]}" if item.kind == "duplicate" else
            f"{names[0]} [{item.nodes[0].label}]")
    lines = [f"{i:>3}. {item.score:.2f} {item.kind}: {what}"]
    lines += [f"       - {reason}" for reason in item.reasons]
    lines += [f"       {citation(c)}" for c in item.evidence[:2]]
    lines.append(f"       fix: {fix_command(item.action)}")
    return lines


def render_review(queue: Review) -> str:
    """The queue, most doubtful first: each item's score, reasons, first citations and
    the command that would settle it."""
    if queue.is_empty:
        return "Nothing to review: every tie and node is checked, or none looks doubtful."
    head = (f"{len(queue.items)} of {queue.total} items to review, most doubtful first:"
            if len(queue.items) < queue.total else
            f"{queue.total} items to review, most doubtful first:")
    return "\n".join([head, *(line for i, item in enumerate(queue.items, 1)
                              for line in _render_item(i, item))])


register(Query("review", review, result=Review, render=render_review))
