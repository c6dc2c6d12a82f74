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
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from diplograph.graph.names import match_key
from diplograph.graph.provenance import confidence, is_checked
from diplograph.graph.queries.contradictions import conflicting_dates, conflicting_values
from diplograph.graph.queries.display import citation
from diplograph.graph.queries.duplicates import (CONNECTIVES, TITLE_WORDS, Pair,
                                                 suspected_duplicates, words)
from diplograph.graph.queries.lookup import name_index
from diplograph.graph.queries.registry import Query, register
from diplograph.graph.queries.results import NodeRef, Result, node_ref
from diplograph.graph.queries.vocabulary import HOLDS_POSITION, PART_OF, SIDE_LABEL
from diplograph.graph.schema import SCHEMA

__all__ = ["ReviewItem", "Review", "review", "render_review", "fix_command", "GENERIC_WORDS"]

PERSON = SCHEMA.label("Person").name
OPPOSES = SCHEMA.relation("OPPOSES").name
SUPPORTS = SCHEMA.relation("SUPPORTS").name
COOPERATES = SCHEMA.relation("COOPERATES_WITH").name
#: Ties an actor rarely has with the country it serves (it *is* that country's side).
OUTWARD_TYPES = frozenset(t for t, spec in SCHEMA.relations.items()
                          if SIDE_LABEL in spec.object and SIDE_LABEL in spec.subject
                          and t not in (HOLDS_POSITION, PART_OF, SUPPORTS))
#: Symmetric ties between peers: two people, two bodies, two countries.
PEER_TYPES = SCHEMA.symmetric_types
#: A split entity misleads a reader less than a false tie or a junk node does, so a
#: suspected duplicate weighs this share of its likelihood in the queue.
DUPLICATE_WEIGHT = 0.7
#: Words of institutions and meetings in general; a body named by these alone ("Defense",
#: "Strategic Dialogue", "Joint Press Release") is rarely a real name.
GENERIC_WORDS = frozenset("""
defense defence foreign affairs security national ministry ministerial minister department
office cabinet state dialogue channel conference meeting meetings strategic joint press
release agreement free trade council commission committee bureau political central military
permanent representative homeland commerce government forum summit talks group working
economic growth energy high representatives issues international relations public
organization organizations authority
""".split())
#: Head words of bodies: "National People's Congress" is a body, not an office and a name.
BODY_WORDS = frozenset("""
congress assembly parliament senate house academy institute university college school
agency administration army navy force forces guard party bank court association union
league corporation company group centre center foundation service services
""".split())
_UNBALANCED = (("(", ")"), ("[", "]"), ("“", "”"))
_NEGATION = re.compile(r"\b(?:not|never|neither|nor|no longer|denied|denies|refused|"
                       r"\w+n['’]t)\b", re.IGNORECASE)
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)?$")


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


Signals = dict[tuple[str, ...], list[tuple[float, str]]]


def _ref(G: nx.MultiDiGraph, node: str, index: dict[str, list[tuple[int, str]]]) -> str:
    """How a correction names ``node``: its name when that finds only it, else its id."""
    name = str(G.nodes[node].get("name", node))
    hits = index.get(match_key(name), [])
    best = min((tier for tier, _ in hits), default=None)
    return name if {n for tier, n in hits if tier == best} == {node} else node


def _a(word: str) -> str:
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def _name_doubts(name: str, label: str) -> Iterator[tuple[float, str]]:
    if any(name.count(a) != name.count(b) for a, b in _UNBALANCED):
        yield 0.7, "an unbalanced bracket or quote in the name"
    ws = words(re.sub(r"\([^)]*\)", " ", name))  # "(United States)" qualifies the name
    if ws and ws[-1] in CONNECTIVES:
        yield 0.7, f"ends with {ws[-1]!r}: a name cut short?"
    if name[:1].islower():
        yield 0.15, "starts in lower case"
    if label == PERSON and len(ws) > 1 and ws[0] in TITLE_WORDS:
        yield 0.6, "a title or office left in the name"
    elif label == PERSON and len(ws) == 1:
        yield 0.3, "one word: a fragment of a name?"
    if label == PERSON and ws and set(ws) <= GENERIC_WORDS | BODY_WORDS | CONNECTIVES:
        yield 0.6, "a person named by the words of a body: not a person?"
    if label != PERSON and ws and all(w in GENERIC_WORDS or _ORDINAL.match(w) for w in ws):
        # one generic word is no name; several ("Strategic Dialogue") may be one
        yield (0.6, "one generic word: not a name?") if len(ws) == 1 else (
            0.25, "only generic words: a name?")
    rest = ws
    while rest and (rest[0] in TITLE_WORDS or rest[0] in GENERIC_WORDS):
        rest = rest[1:]
    if (label != PERSON and rest != ws and 2 <= len(rest) <= 4
            and not set(rest) & (GENERIC_WORDS | BODY_WORDS | CONNECTIVES)):
        yield 0.6, "an office and a person's name run together?"


def _countries(G: nx.MultiDiGraph, node: str, named: dict[str, str]) -> set[str]:
    """The countries a body belongs to (its PART_OF ties, else its ``country``, found in
    ``named``: country name key -> id), or the country itself."""
    attrs = G.nodes[node]
    if attrs.get("label") == SIDE_LABEL:
        return {node}
    found = {t for _, t, k in G.out_edges(node, keys=True)
             if k == PART_OF and G.nodes[t].get("label") == SIDE_LABEL}
    country = named.get(match_key(str(attrs.get("country") or "")))
    return found or ({country} if country else set())


def _said(G: nx.MultiDiGraph, edge: tuple[str, str, str], node: str) -> bool:
    """Whether a citation of ``edge`` names ``node`` or, for a body, its country: by a
    name or an alias (not a lone generic word such as "Defence"; a short one such as "US"
    as a word, in capitals), a country also by its adjective ("Russian" for Russia)."""
    u, v, k = edge
    text = " ".join(str(c.get("snippet", "")) for c in G.edges[u, v, k].get("evidence", []))
    folded = text.casefold()
    countries = [t for _, t, key in G.out_edges(node, keys=True) if key == PART_OF]
    for n in (node, *countries):
        attrs = G.nodes[n]
        for form in {re.sub(r"\s*\([^)]*\)", "", str(f)).strip()
                     for f in (attrs.get("name", ""), *attrs.get("aliases", []))}:
            if not form or set(words(form)) <= GENERIC_WORDS:
                continue
            if len(form.replace(".", "")) <= 3:
                if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                    return True
                continue
            if attrs.get("label") == SIDE_LABEL:
                form = form[:max(4, len(form) - 2)]
            if form.casefold() in folded:
                return True
    return False


def _allegiance(G: nx.MultiDiGraph, signals: Signals) -> None:
    """Posts in several countries, bodies in several countries, ties to one's own side."""
    named = {match_key(a.get("name", "")): n for n, a in G.nodes(data=True)
             if a.get("label") == SIDE_LABEL}
    for node, attrs in G.nodes(data=True):
        posts = [(t, _countries(G, t, named)) for _, t, k in G.out_edges(node, keys=True)
                 if k == HOLDS_POSITION]
        kinds = ((HOLDS_POSITION, posts, "holds posts in"),
                 (PART_OF, [(t, {t}) for t in _countries(G, node, named) - {node}],
                  "is part of"))
        for rel, tied, verb in kinds:
            served = set().union(*(c for _, c in tied)) if tied else set()
            if len(served) > 1:
                names = " and ".join(sorted(G.nodes[c]["name"] for c in served))
                for target, _ in tied:
                    # the tie whose sentence names neither its end nor that end's country
                    # is the likelier mistake
                    said = _said(G, (node, target, rel), target)
                    signals.setdefault(("tie", node, rel, target), []).append(
                        (0.25 if said else 0.5, f"{attrs['name']} {verb} {names}: which is "
                                                "it?" + ("" if said else " (this source "
                                                         "does not name it)")))
                signals.setdefault(("node", node), []).append(
                    (0.25, f"{verb} {names}: label or country looks wrong?"))
        own = (set().union(*(c for _, c in posts)) if posts
               else _countries(G, node, named) - {node})
        # symmetric ties are stored once, the ends sorted: look both ways
        ties = [(node, t, k) for _, t, k in G.out_edges(node, keys=True)]
        ties += [(s, node, k) for s, _, k in G.in_edges(node, keys=True) if k in PEER_TYPES]
        for u, v, key in ties:
            other = v if u == node else u
            if key in OUTWARD_TYPES and other in own:
                signals.setdefault(("tie", u, key, v), []).append(
                    (0.55, f"{attrs['name']} serves {G.nodes[other]['name']}: a tie to "
                           "its own side?"))


def _tie_signals(G: nx.MultiDiGraph, signals: Signals) -> None:
    for u, v, k, attrs in G.edges(keys=True, data=True):
        if is_checked(attrs):
            continue
        found = signals.setdefault(("tie", u, k, v), [])
        if len({c.get("doc") for c in attrs.get("evidence", [])}) <= 1:
            found.append((0.15, "one source only"))
        methods = sorted({c.get("method", "") for c in attrs.get("evidence", [])} - {""})
        conf = confidence(attrs)
        found.append((round((1 - conf) * 0.4, 3),
                      f"read by {'/'.join(methods) or 'machine'} at confidence {conf:g}"))
        if not SCHEMA.relation(k).symmetric and G.has_edge(v, u, k):
            found.append((0.1, f"also read the other way ({G.nodes[v]['name']} {k} "
                               f"{G.nodes[u]['name']})"))
        ends = {G.nodes[u].get("label"), G.nodes[v].get("label")}
        if k in PEER_TYPES and PERSON in ends and len(ends) > 1:
            other = (ends - {PERSON}).pop()
            found.append((0.5, f"{k} between a person and {_a(other)}: a meeting or "
                               "cooperation is between peers"))
        against = {OPPOSES: (SUPPORTS, COOPERATES)}.get(k, ())
        if k in (SUPPORTS, COOPERATES):
            against = (OPPOSES,)
        for other in against:
            if G.has_edge(u, v, other) or G.has_edge(v, u, other):
                found.append((0.15, f"contradicted: the same ends are also tied by {other}"))
        denial = next((m.group(0) for c in attrs.get("evidence", [])
                       if (m := _NEGATION.search(str(c.get("snippet", ""))))), None)
        if denial:
            found.append((0.5, f"its source says {denial!r}: read past a negation?"))


def _node_signals(G: nx.MultiDiGraph, signals: Signals) -> None:
    # name key -> label -> the first node (by id) with that label bearing the name
    labels_by_key: dict[str, dict[str, str]] = {}
    for node, attrs in sorted(G.nodes(data=True)):
        for form in {attrs.get("name", ""), *attrs.get("aliases", [])}:
            labels_by_key.setdefault(match_key(form), {}).setdefault(attrs["label"], node)
    for node, attrs in G.nodes(data=True):
        if is_checked(attrs):
            continue
        found = signals.setdefault(("node", node), [])
        if G.degree(node) == 0:
            found.append((0.3, "no ties"))
        if len({c.get("doc") for c in attrs.get("evidence", [])}) <= 1:
            found.append((0.1, "one source only"))
        name, label = str(attrs.get("name", "")), attrs["label"]
        found.extend(_name_doubts(name, label))
        others = labels_by_key.get(match_key(name), {})
        for other_label, other in sorted(others.items()):
            if other_label == label or PERSON not in (other_label, label):
                continue
            found.append((0.5, f"{name!r} also names {_a(other_label)} "
                                f"({G.nodes[other]['name']}): label looks wrong?"))


def _disagreements(G: nx.MultiDiGraph, signals: Signals) -> None:
    for c in (*conflicting_values(G), *conflicting_dates(G)):
        shown = " | ".join(str(v.value) for v in c.values)
        key = (("tie", c.subject.id, c.type, c.target.id) if c.type and c.target
               else ("node", c.subject.id))
        signals.setdefault(key, []).append((0.35, f"sources disagree on {c.key}: {shown}"))


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
    _tie_signals(G, signals)
    _node_signals(G, signals)
    _allegiance(G, signals)
    _disagreements(G, signals)

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
