"""Suspected duplicates: pairs of nodes whose names may be one entity written two ways.

Each pair comes with a score (0 to 1, higher is likelier) and the reason:

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

Candidates are found through buckets keyed by these readings, never by comparing
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

import networkx as nx

from diplograph.graph.names import match_key, normalize

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


def _documents(G: nx.MultiDiGraph, node: str) -> set[str]:
    docs = {c.get("doc") for c in G.nodes[node].get("evidence", [])}
    for _, _, attrs in (*G.in_edges(node, data=True), *G.out_edges(node, data=True)):
        docs |= {c.get("doc") for c in attrs.get("evidence", [])}
    return {d for d in docs if d}


def _context(G: nx.MultiDiGraph, a: str, b: str) -> str:
    """A document or neighbour the two share ("" when none)."""
    shared = sorted(_documents(G, a) & _documents(G, b))
    if shared:
        return f"both in {shared[0]}"
    common = (set(nx.all_neighbors(G, a)) & set(nx.all_neighbors(G, b))) - {a, b}
    return f"both tied to {G.nodes[min(common)].get('name', min(common))}" if common else ""


def _buckets(G: nx.MultiDiGraph) -> dict[tuple[str, str], list[str]]:
    buckets: dict[tuple[str, str], list[str]] = {}
    for node, attrs in G.nodes(data=True):
        name = str(attrs.get("name", ""))
        ws = words(name)
        keys = {("order", " ".join(sorted(ws))), ("accents", normalize(name)),
                ("roman", romanization_key(" ".join(_without_titles(name)))),
                ("bare", " ".join(_without_titles(name)))}
        if len(ws) > 1:
            keys |= {("initials", _initials(name)), ("last", ws[-1]), ("first", ws[0])}
        keys |= {("word", w) for w in ws if w not in CONNECTIVES and len(ws) > 1}
        if _is_acronym(name):
            keys.add(("acronym", name.replace(".", "").lower()))
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


def _judge(G: nx.MultiDiGraph, a: str, b: str) -> Pair | None:
    A, B = G.nodes[a], G.nodes[b]
    na, nb = str(A.get("name", a)), str(B.get("name", b))
    la, lb = A.get("label"), B.get("label")
    if match_key(na) == match_key(nb) and la == lb:
        return None  # one name: the extractor would have merged them; nothing to suggest
    person = "Person" in (la, lb)
    wa, wb = words(na), words(nb)
    ta, tb = _without_titles(na), _without_titles(nb)
    context = _context(G, a, b)
    with_context = f"; {context}" if context else ""
    found: list[tuple[float, str, str]] = []
    if normalize(na) == normalize(nb) and na != nb:
        found.append((0.95, "diacritics", f"{na!r} and {nb!r} differ only in accents"))
    if sorted(wa) == sorted(wb) and wa != wb and len(wa) > 1:
        hepburn = " (surname first, Hepburn order)" if any(
            w.isupper() and len(w) > 1 for w in na.split() + nb.split()) else ""
        found.append((0.9, "order", f"{na!r} and {nb!r}: the same words in another "
                                    f"order{hepburn}"))
    if ta == tb and (ta != wa or tb != wb) and len(ta) >= 1 and person:
        titled = na if ta != wa else nb
        found.append((0.85, "title", f"{titled!r} has a title left in the name"))
    if (romanization_key(" ".join(ta)) == romanization_key(" ".join(tb)) and ta != tb
            and sorted(ta) != sorted(tb)):
        found.append((0.7, "transliteration", f"{na!r} and {nb!r} may be Wade-Giles and "
                                              "Pinyin spellings of one name"))
    for short, long_, ws in ((na, nb, wb), (nb, na, wa)):
        if _is_acronym(short) and len(ws) > 1 and _initials(long_) == short.replace(".", "").lower():
            found.append((0.8, "acronym", f"{short!r} is the acronym of {long_!r}"))
    if la == lb == "Person":
        for lone, short, full, ws in ((wa, na, nb, wb), (wb, nb, na, wa)):
            if len(lone) == 1 and len(ws) > 1 and lone[0] in (ws[0], ws[-1]):
                found.append((0.8 if context else 0.45, "surname",
                              f"{short!r} may be {full!r} (shared surname{with_context})"))
    elif la == lb and not person and context:
        for part, short, whole, ws in ((wa, na, nb, wb), (wb, nb, na, wa)):
            if 1 <= len(part) <= 2 and len(ws) > len(part) and set(part) <= set(ws):
                found.append((0.5, "part", f"{short!r} may be short for {whole!r}"
                                           f"{with_context}"))
    if not found:
        return None
    score, reason, detail = max(found)
    if la != lb:  # across labels, one of them is mislabelled as well
        detail += f" ({la} and {lb})"
    return Pair(a=min(a, b), b=max(a, b), score=score, reason=reason, detail=detail)


def suspected_duplicates(G: nx.MultiDiGraph) -> list[Pair]:
    """Pairs of nodes that may be one entity, likeliest first (then by ids)."""
    pairs: dict[tuple[str, str], Pair] = {}
    for a, b in _candidates(_buckets(G)):
        key = (min(a, b), max(a, b))
        if key in pairs:
            continue
        judged = _judge(G, *key)
        if judged is not None:
            pairs[key] = judged
    return sorted(pairs.values(), key=lambda p: (-p.score, p.a, p.b))
