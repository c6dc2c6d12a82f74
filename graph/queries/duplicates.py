"""Suspected duplicates: pairs of nodes whose names may be one entity written two ways.

Each pair comes with a score (0 to 1, higher is likelier) and the reason:

- ``name``: one name (ignoring case and punctuation) on nodes of two labels (one of
  them mislabelled; with one label, their ids differ by a qualifier such as a country,
  so they are two bodies);
- ``title``: a title or office left in one name ("Commandant Gavan" / "Gavan");
- ``order``: the same words in another order, as in Hepburn's surname-first style
  ("KAMIKAWA Yoko" / "Yoko Kamikawa");
- ``diacritics``: the same letters but for accents ("Tsai Ing-wen" / "Tsaï Ing-wen");
- ``transliteration``: Wade-Giles and Pinyin spellings of one Chinese name
  ("Hsu Wen-lin" / "Xu Wenlin", "Teng Hsiao-ping" / "Deng Xiaoping");
- ``acronym``: one name is the initials of the other ("MND" / "Ministry of National
  Defense");
- ``surname``: a lone surname beside a full name with that surname, stronger when both
  appear in one document or share a neighbour ("Manalo" / "Enrique Manalo");
- ``part``: a one- or two-word body name inside a longer one met in the same document
  ("Defense" / "Department of National Defense").

Bodies of two different countries are never suspected, whatever their names (each
country has its Ministry of Foreign Affairs). Candidates are found through buckets keyed by these readings, never by comparing
every pair, so large graphs stay quick.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for node, name in [("person:a", "KAMIKAWA Yoko"), ("person:b", "Yoko Kamikawa"),
...                    ("person:c", "Hsu Wen-lin"), ("person:d", "Xu Wenlin")]:
...     G.add_node(node, label="Person", name=name, aliases=[name])
>>> [(p.a, p.b, p.reason) for p in suspected_duplicates(G)]
[('person:a', 'person:b', 'order'), ('person:c', 'person:d', 'transliteration')]
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from diplograph.graph.names import match_key, normalize
from diplograph.graph.queries.vocabulary import PART_OF, SIDE_LABEL as COUNTRY

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Pair", "suspected_duplicates", "TITLE_WORDS", "CONNECTIVES", "romanization_key",
           "words"]

#: Titles and offices that extraction sometimes leaves at the front of a person's name.
TITLE_WORDS = frozenset("""
president vice premier prime minister deputy secretary undersecretary under assistant
ambassador amb envoy consul director general chairman chairwoman chair chief commander
commandant admiral adm general gen colonel col major maj captain capt lieutenant lt
sergeant senator sen representative rep congressman congresswoman lawmaker legislator
councilor councillor spokesperson spokesman spokeswoman mr mrs ms dr prof professor
king queen prince princess sheikh foreign defense defence commerce homeland national
security state interior finance trade justice
""".split())
CONNECTIVES = frozenset({"of", "the", "and", "for", "on", "&", "in", "to"})
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
# Wade-Giles and Pinyin letters -> one spelling (aspiration marks dropped first).
_CONSONANTS = {"tz": "z", "ts": "z", "hs": "x", "ch": "j", "zh": "j", "q": "j", "c": "z",
               "k": "g", "p": "b", "t": "d"}
_CONSONANT = re.compile("|".join(sorted(_CONSONANTS, key=len, reverse=True)))
_RIMES = [("ieh", "ie"), ("ien", "ian"), ("ung", "ong"), ("ih", "i"), ("eh", "e"),
          ("uo", "o")]


@dataclass(frozen=True, slots=True)
class Pair:
    """Two nodes that may be one (``a`` before ``b`` by id), how likely and why."""

    a: str
    b: str
    score: float
    reason: str
    detail: str


def words(name: str) -> list[str]:
    """The words of a name, case-folded and without accents or punctuation."""
    return _WORD.findall(normalize(name).replace("-", " "))


def romanization_key(name: str) -> str:
    """One spelling for the Wade-Giles and Pinyin forms of a Chinese name.

    >>> romanization_key("Teng Hsiao-ping") == romanization_key("Deng Xiaoping")
    True
    """
    key = re.sub(r"[\s\-'’]", "", normalize(name))  # "Wen-lin", "Wenlin", "Wen Lin"
    key = _CONSONANT.sub(lambda m: _CONSONANTS[m.group(0)], key)
    for old, new in _RIMES:
        key = key.replace(old, new)
    return key


def _initials(name: str) -> str:
    name = re.sub(r"\([^)]*\)", " ", name)  # "(Taiwan)" qualifies, it is not initialled
    return "".join(w[0] for w in words(name) if w not in CONNECTIVES)


def _is_acronym(name: str) -> bool:
    bare = name.replace(".", "")
    return bare.isupper() and bare.isalpha() and 2 <= len(bare) <= 8


def _without_titles(name: str) -> list[str]:
    ws = words(name)
    while len(ws) > 1 and ws[0] in TITLE_WORDS:
        ws = ws[1:]
    return ws


@dataclass(frozen=True, slots=True)
class _Reading:
    """The readings of one node's name that pairs are found and judged by."""

    name: str
    label: str
    words: list[str]
    bare: list[str]      # without the titles in front
    roman: str
    initials: str
    acronym: bool
    countries: frozenset[str]  # a body's countries (its PART_OF ties, or ``country``)

    @classmethod
    def of(cls, G: nx.MultiDiGraph, node: str) -> _Reading:
        attrs = G.nodes[node]
        name = str(attrs.get("name", ""))
        bare = _without_titles(name)
        countries = {match_key(G.nodes[t].get("name", ""))
                     for _, t, k in G.out_edges(node, keys=True)
                     if k == PART_OF and G.nodes[t].get("label") == COUNTRY}
        if not countries and attrs.get("country"):
            countries = {match_key(str(attrs["country"]))}
        return cls(name=name, label=str(attrs.get("label", "")), words=words(name), bare=bare,
                   roman=romanization_key(" ".join(bare)), initials=_initials(name),
                   acronym=_is_acronym(name), countries=frozenset(countries))


class _Context:
    """What two nodes share: a document, else a neighbour (each node's set computed once)."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G, self.docs = G, {}

    def _documents(self, node: str) -> set[str]:
        if node not in self.docs:
            G = self.G
            docs = {c.get("doc") for c in G.nodes[node].get("evidence", [])}
            for _, _, attrs in (*G.in_edges(node, data=True), *G.out_edges(node, data=True)):
                docs |= {c.get("doc") for c in attrs.get("evidence", [])}
            self.docs[node] = {d for d in docs if d}
        return self.docs[node]

    def __call__(self, a: str, b: str) -> str:
        shared = sorted(self._documents(a) & self._documents(b))
        if shared:
            return f"both in {shared[0]}"
        G = self.G
        common = (_neighbours(G, a) & _neighbours(G, b)) - {a, b}
        return f"both tied to {G.nodes[min(common)].get('name', min(common))}" if common else ""



def _neighbours(G: nx.MultiDiGraph, node: str) -> set[str]:
    """The nodes one tie away from ``node``, either direction."""
    return {*G.predecessors(node), *G.successors(node)}


def _buckets(readings: dict[str, _Reading]) -> dict[tuple[str, str], list[str]]:
    buckets: dict[tuple[str, str], list[str]] = {}
    for node, r in readings.items():
        ws = r.words
        keys = {("order", " ".join(sorted(ws))), ("accents", normalize(r.name)),
                ("roman", r.roman), ("bare", " ".join(r.bare))}
        if len(ws) > 1:
            keys |= {("initials", r.initials), ("last", ws[-1]), ("first", ws[0])}
            keys |= {("word", w) for w in ws if w not in CONNECTIVES}
        if r.acronym:
            keys.add(("acronym", r.name.replace(".", "").lower()))
        if len(ws) == 1:
            keys.add(("lone", ws[0]))
        for key in keys:
            buckets.setdefault(key, []).append(node)
    return buckets


def _candidates(buckets: dict[tuple[str, str], list[str]]) -> Iterator[tuple[str, str]]:
    """Pairs sharing a reading, plus each lone word / acronym against the names holding
    it; crowded buckets (a word in hundreds of names) are left out."""
    for (kind, value), nodes in buckets.items():
        if kind in ("order", "accents", "roman", "bare") and 1 < len(nodes) <= 50:
            yield from combinations(sorted(nodes), 2)
    for (kind, value), nodes in buckets.items():
        partner = {"lone": [("last", value), ("first", value), ("word", value)],
                   "acronym": [("initials", value)]}.get(kind, [])
        for key in partner:
            others = buckets.get(key, [])
            if len(others) <= 50:
                yield from ((a, b) for a in nodes for b in others if a != b)


def _judge(a: str, b: str, A: _Reading, B: _Reading, context: _Context) -> Pair | None:
    na, nb, la, lb = A.name, B.name, A.label, B.label
    if A.countries and B.countries and not A.countries & B.countries:
        return None  # two countries' bodies: one name, two bodies (each its ministry)
    person = "Person" in (la, lb)
    wa, wb, ta, tb = A.words, B.words, A.bare, B.bare
    found: list[tuple[float, str, str]] = []
    if normalize(na) == normalize(nb) and na.casefold() != nb.casefold():
        found.append((0.95, "diacritics", f"{na!r} and {nb!r} differ only in accents"))
    elif match_key(na) == match_key(nb):
        if la == lb:  # ids are made from label and name: a qualifier (a country) differs
            return None
        found.append((0.95, "name", f"{na!r} and {nb!r}: one name on two nodes"))
    if sorted(wa) == sorted(wb) and wa != wb and len(wa) > 1:
        hepburn = " (surname first, Hepburn order)" if any(
            w.isupper() and len(w) > 1 for w in na.split() + nb.split()) else ""
        found.append((0.9, "order", f"{na!r} and {nb!r}: the same words in another "
                                    f"order{hepburn}"))
    if ta == tb and (ta != wa or tb != wb) and person:
        titled = na if ta != wa else nb
        found.append((0.85, "title", f"{titled!r} has a title left in the name"))
    if A.roman == B.roman and ta != tb and sorted(ta) != sorted(tb):
        found.append((0.7, "transliteration", f"{na!r} and {nb!r} may be Wade-Giles and "
                                              "Pinyin spellings of one name"))
    for short, long_ in ((A, B), (B, A)):
        if short.acronym and len(long_.words) > 1 and \
                long_.initials == short.name.replace(".", "").lower():
            found.append((0.8, "acronym", f"{short.name!r} is the acronym of {long_.name!r}"))
    lone_pairs = [(x, y) for x, y in ((A, B), (B, A)) if len(x.words) == 1 < len(y.words)]
    if lone_pairs and la == lb == "Person":
        shared = context(a, b)
        for lone, full in lone_pairs:
            if lone.words[0] in (full.words[0], full.words[-1]):
                found.append((0.8 if shared else 0.45, "surname",
                              f"{lone.name!r} may be {full.name!r} (shared surname"
                              + (f"; {shared})" if shared else ")")))
    elif la == lb and not person:
        for part, whole in ((A, B), (B, A)):
            extra = set(whole.words) - set(part.words)
            if (1 <= len(part.words) <= 2 and len(whole.words) > len(part.words)
                    and set(part.words) <= set(whole.words)
                    and not all(w.isdigit() for w in extra)):  # "Arrow-2" is a model
                shared = context(a, b)
                if shared:
                    found.append((0.5, "part", f"{part.name!r} may be short for "
                                               f"{whole.name!r}; {shared}"))
    if not found:
        return None
    score, reason, detail = max(found)
    if la != lb:  # across labels, one of them is mislabelled as well
        detail += f" ({la} and {lb})"
    return Pair(a=min(a, b), b=max(a, b), score=score, reason=reason, detail=detail)


def suspected_duplicates(G: nx.MultiDiGraph) -> list[Pair]:
    """Pairs of nodes that may be one entity, likeliest first (then by ids)."""
    readings = {node: _Reading.of(G, node) for node in G}
    context = _Context(G)
    pairs: list[Pair] = []
    seen: set[tuple[str, str]] = set()
    for a, b in _candidates(_buckets(readings)):
        key = (min(a, b), max(a, b))
        if key in seen:
            continue
        seen.add(key)
        judged = _judge(*key, readings[key[0]], readings[key[1]], context)
        if judged is not None:
            pairs.append(judged)
    return sorted(pairs, key=lambda p: (-p.score, p.a, p.b))
