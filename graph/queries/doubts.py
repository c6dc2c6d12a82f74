"""The doubts the review queue weighs: one function per family of signals, each adding
``(weight, reason)`` pairs to the node or tie it is about (see :mod:`graph.queries.review`
for how they combine, and what each means).

Examples
--------
>>> [reason for _, reason in name_doubts("Foreign Office (FO", "Organization")]
['an unbalanced bracket or quote in the name']
>>> [reason for _, reason in name_doubts("Councilor Yang Jiechi", "Person")]
['a title or office left in the name']
>>> [reason for _, reason in name_doubts("Strategic Dialogue", "Mechanism")]
['only generic words: a name?']
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from diplograph.graph.names import match_key
from diplograph.graph.queries.contradictions import conflicting_dates, conflicting_values
from diplograph.graph.queries.duplicates import CONNECTIVES, TITLE_WORDS, words
from diplograph.graph.provenance import confidence, is_checked
from diplograph.graph.queries.vocabulary import HOLDS_POSITION, PART_OF, SIDE_LABEL
from diplograph.graph.schema import SCHEMA

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Signals", "GENERIC_WORDS", "BODY_WORDS", "name_doubts", "tie_signals",
           "node_signals", "allegiance", "disagreements"]

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
#: ("tie", source, type, target) or ("node", id) -> the (weight, reason) doubts about it.
Signals = dict[tuple[str, ...], list[tuple[float, str]]]


def _a(word: str) -> str:
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def name_doubts(name: str, label: str) -> Iterator[tuple[float, str]]:
    """Why ``name`` may be no name, or no name for a ``label``."""
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


def countries_of(G: nx.MultiDiGraph, node: str, named: dict[str, str]) -> set[str]:
    """The countries a body belongs to (its PART_OF ties, else its ``country``, found in
    ``named``: country name key -> id), or the country itself."""
    attrs = G.nodes[node]
    if attrs.get("label") == SIDE_LABEL:
        return {node}
    found = {t for _, t, k in G.out_edges(node, keys=True)
             if k == PART_OF and G.nodes[t].get("label") == SIDE_LABEL}
    country = named.get(match_key(str(attrs.get("country") or "")))
    return found or ({country} if country else set())


def named_in_source(G: nx.MultiDiGraph, edge: tuple[str, str, str], node: str) -> bool:
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


def allegiance(G: nx.MultiDiGraph, signals: Signals) -> None:
    """Posts in several countries, bodies in several countries, ties to one's own side."""
    named = {match_key(a.get("name", "")): n for n, a in G.nodes(data=True)
             if a.get("label") == SIDE_LABEL}
    for node, attrs in G.nodes(data=True):
        posts = [(t, countries_of(G, t, named)) for _, t, k in G.out_edges(node, keys=True)
                 if k == HOLDS_POSITION]
        kinds = ((HOLDS_POSITION, posts, "holds posts in"),
                 (PART_OF, [(t, {t}) for t in countries_of(G, node, named) - {node}],
                  "is part of"))
        for rel, tied, verb in kinds:
            served = set().union(*(c for _, c in tied)) if tied else set()
            if len(served) > 1:
                names = " and ".join(sorted(G.nodes[c]["name"] for c in served))
                for target, _ in tied:
                    # the tie whose sentence names neither its end nor that end's country
                    # is the likelier mistake
                    said = named_in_source(G, (node, target, rel), target)
                    signals.setdefault(("tie", node, rel, target), []).append(
                        (0.25 if said else 0.5, f"{attrs['name']} {verb} {names}: which is "
                                                "it?" + ("" if said else " (this source "
                                                         "does not name it)")))
                signals.setdefault(("node", node), []).append(
                    (0.25, f"{verb} {names}: label or country looks wrong?"))
        own = (set().union(*(c for _, c in posts)) if posts
               else countries_of(G, node, named) - {node})
        # symmetric ties are stored once, the ends sorted: look both ways
        ties = [(node, t, k) for _, t, k in G.out_edges(node, keys=True)]
        ties += [(s, node, k) for s, _, k in G.in_edges(node, keys=True) if k in PEER_TYPES]
        for u, v, key in ties:
            other = v if u == node else u
            if key in OUTWARD_TYPES and other in own:
                signals.setdefault(("tie", u, key, v), []).append(
                    (0.55, f"{attrs['name']} serves {G.nodes[other]['name']}: a tie to "
                           "its own side?"))


def tie_signals(G: nx.MultiDiGraph, signals: Signals) -> None:
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


def node_signals(G: nx.MultiDiGraph, signals: Signals) -> None:
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
        found.extend(name_doubts(name, label))
        others = labels_by_key.get(match_key(name), {})
        for other_label, other in sorted(others.items()):
            if other_label == label or PERSON not in (other_label, label):
                continue
            found.append((0.5, f"{name!r} also names {_a(other_label)} "
                                f"({G.nodes[other]['name']}): label looks wrong?"))


def disagreements(G: nx.MultiDiGraph, signals: Signals) -> None:
    for c in (*conflicting_values(G), *conflicting_dates(G)):
        shown = " | ".join(str(v.value) for v in c.values)
        key = (("tie", c.subject.id, c.type, c.target.id) if c.type and c.target
               else ("node", c.subject.id))
        signals.setdefault(key, []).append((0.35, f"sources disagree on {c.key}: {shown}"))
