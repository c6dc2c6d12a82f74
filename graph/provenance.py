"""What a person checked and what a machine read: the provenance of nodes and ties.

Every node and tie of a built graph carries ``provenance``, one of the levels of
``provenance`` in ``graph/schema.yaml``, derived from its claims when they are merged:

- ``confirmed``: a person confirmed it (a ``confirm`` correction);
- ``curated``: a curated record cites it;
- ``corrected``: read by a machine, then changed by a correction (a merged end, say);
- ``machine``: read from text by a rule or a model, and not yet checked.

Corrections leave :class:`CorrectionMark` values on the claims they touch, which the
merged node or tie lists under ``corrections`` (note, who, when, and the file and
line of the correction). :func:`trusted` keeps what passes ``--min-confidence`` and
``--checked-only``.

Examples
--------
>>> rule = {"doc": "a.txt#1", "method": "rule", "confidence": 0.6}
>>> level([rule], [])
'machine'
>>> level([rule], [CorrectionMark(op="confirm", by="ana", at="2026-03-02").to_dict()])
'confirmed'
>>> level([rule, {"doc": "r", "method": "curated"}], [])
'curated'
>>> confidence({"evidence": [rule, {"doc": "b", "method": "rule", "confidence": 0.7}]})
0.7
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diplograph.graph.errors import SchemaError
from diplograph.graph.schema import SCHEMA

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["CorrectionMark", "CONFIRMED", "CURATED", "CORRECTED", "MACHINE", "level",
           "confidence", "is_checked", "standing", "trusted", "merge_marks", "stamp"]

CONFIRMED, CURATED, CORRECTED, MACHINE = "confirmed", "curated", "corrected", "machine"
if _missing := {CONFIRMED, CURATED, CORRECTED, MACHINE} - set(SCHEMA.provenance):
    raise SchemaError(f"schema.yaml: provenance lacks the levels {sorted(_missing)}")
_CONFIRM = "confirm"  # the correction that makes a node or tie confirmed
_CURATED_METHOD = SCHEMA.methods[0]  # "curated": a person wrote the record


@dataclass(frozen=True, slots=True)
class CorrectionMark:
    """A correction as left on what it touched: the operation, what it did (``detail``),
    the analyst's ``note``, who (``by``), when (``at``) and where it is written
    (``origin``, "file:line")."""

    op: str
    by: str
    at: str
    note: str = ""
    detail: str = ""
    origin: str = ""

    def to_dict(self) -> dict[str, str]:
        return {k: v for k in ("op", "detail", "note", "by", "at", "origin")
                if (v := getattr(self, k))}


def _origin_key(mark: dict[str, Any]) -> tuple[str, int, str]:
    file, _, line = str(mark.get("origin", "")).rpartition(":")
    return (file, int(line), repr(sorted(mark.items()))) if line.isdigit() else (
        str(mark.get("origin", "")), 0, repr(sorted(mark.items())))


def merge_marks(marks: Iterable[CorrectionMark]) -> list[dict[str, str]]:
    """The distinct marks as dicts, in the order they are written (file, then line)."""
    unique = {repr(sorted(m.to_dict().items())): m.to_dict() for m in marks}
    return sorted(unique.values(), key=_origin_key)


def level(evidence: Iterable[dict[str, Any]], corrections: Iterable[dict[str, Any]]) -> str:
    """The provenance level of a node or tie from its citations and correction marks."""
    ops = {m.get("op") for m in corrections}
    if _CONFIRM in ops:
        return CONFIRMED
    if any(c.get("method", _CURATED_METHOD) == _CURATED_METHOD for c in evidence):
        return CURATED
    return CORRECTED if ops else MACHINE


def stamp(attrs: dict[str, Any], evidence: Iterable[dict[str, Any]],
          marks: Iterable[CorrectionMark]) -> None:
    """Set ``provenance`` (and ``corrections``, when there are any) on merged ``attrs``."""
    corrections = merge_marks(marks)
    attrs["provenance"] = level(evidence, corrections)
    if corrections:
        attrs["corrections"] = corrections


def _level_of(attrs: dict[str, Any]) -> str:
    found = attrs.get("provenance")
    if found in SCHEMA.provenance:
        return str(found)
    # Graphs saved before provenance existed: derive it the same way.
    evidence = attrs.get("evidence") or [{"method": _CURATED_METHOD}]
    return level(evidence, attrs.get("corrections", []))


def confidence(attrs: dict[str, Any]) -> float:
    """How sure the best source of a node or tie is: the highest confidence among its
    citations; 1.0 once a person confirmed it, or when nothing machine-read backs it."""
    return _best(attrs, _level_of(attrs))


def _best(attrs: dict[str, Any], found: str) -> float:
    if found == CONFIRMED:
        return 1.0
    values = [float(c.get("confidence", 1.0)) for c in attrs.get("evidence", [])]
    return max(values, default=1.0)


def standing(attrs: dict[str, Any]) -> tuple[float, bool]:
    """:func:`confidence` and :func:`is_checked` of a node or tie, worked out together
    (what the SQLite store saves for its filters)."""
    found = _level_of(attrs)
    return _best(attrs, found), SCHEMA.provenance[found].checked


def is_checked(attrs: dict[str, Any]) -> bool:
    """Whether a person checked a node or tie (curated or confirmed)."""
    return SCHEMA.provenance[_level_of(attrs)].checked


def trusted(G: nx.MultiDiGraph, *, min_confidence: float = 0.0,
            checked_only: bool = False) -> nx.MultiDiGraph:
    """A copy of ``G`` with only the ties at least ``min_confidence`` sure and, with
    ``checked_only``, checked by a person; nodes stay when they pass the same test or
    end a kept tie. ``G`` itself is never changed.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="A", evidence=[{"doc": "d", "method": "rule", "confidence": 0.6}])
    >>> G.add_node("b", name="B")
    >>> G.add_node("c", name="C", evidence=[{"doc": "d", "method": "rule", "confidence": 0.6}])
    >>> _ = G.add_edge("a", "b", key="MET_WITH", provenance="machine",
    ...                evidence=[{"doc": "d", "method": "rule", "confidence": 0.6}])
    >>> sorted(trusted(G, min_confidence=0.5)), sorted(trusted(G, checked_only=True))
    (['a', 'b', 'c'], ['b'])
    >>> sorted(trusted(G, min_confidence=0.7).edges)
    []
    """
    def passes(attrs: dict[str, Any]) -> bool:
        return confidence(attrs) >= min_confidence and (not checked_only or is_checked(attrs))

    if min_confidence <= 0 and not checked_only:
        return G.copy()
    edges = [(u, v, k, a) for u, v, k, a in G.edges(keys=True, data=True) if passes(a)]
    ends = {n for u, v, _, _ in edges for n in (u, v)}
    import networkx as nx  # `show` on SQLite never filters a whole graph
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, a) for n, a in G.nodes(data=True) if n in ends or passes(a))
    H.add_edges_from(edges)
    return H
