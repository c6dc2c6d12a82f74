"""Corrections applied to claims: a pure function, claims + corrections -> claims.

``build`` runs it after extraction and curation and before merging, so a correction
holds however often the graph is rebuilt, and re-extraction with other rules keeps
it: entities are found by id, name or alias, ties by (source, type, target), each
time afresh. Corrections apply in the order written, each to the claims the previous
ones left. What a correction changes keeps a :class:`graph.provenance.CorrectionMark`
(note, by, at, file and line), which the merged node or tie lists. A correction that
matches nothing is *stale*: reported with its file and line, never fatal.

Examples
--------
>>> from diplograph.graph.claims import Citation, EdgeClaim, NodeClaim
>>> from diplograph.loaders.corrections import Correction, TieRef
>>> cite = Citation(doc="a.txt#1", method="rule", confidence=0.6)
>>> claims = [NodeClaim("person:kamikawa", "Person", "Kamikawa", citation=cite),
...           NodeClaim("person:yoko-kamikawa", "Person", "Yoko Kamikawa", citation=cite),
...           NodeClaim("country:japan", "Country", "Japan", citation=cite),
...           EdgeClaim("person:kamikawa", "MET_WITH", "country:japan", cite)]
>>> fix = Correction("merge", "Kamikawa", {"into": "Yoko Kamikawa"}, note="one person",
...                  by="ana", at="2026-03-02", origin="corrections.yaml:2")
>>> done = apply_corrections(claims, [fix])
>>> sorted({c.id for c in done.claims if isinstance(c, NodeClaim)})
['country:japan', 'person:yoko-kamikawa']
>>> edge = [c for c in done.claims if isinstance(c, EdgeClaim)][0]
>>> edge.source, edge.corrections[0].note
('person:yoko-kamikawa', 'one person')
>>> stale = Correction("reject", TieRef("Japan", "OPPOSES", "Kamikawa"), {}, note="n",
...                    by="ana", at="2026-03-02", origin="corrections.yaml:7")
>>> print(*apply_corrections(claims, [stale]).stale)
corrections.yaml:7: reject Japan -OPPOSES-> Kamikawa: no such tie (stale; it changes nothing)
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from diplograph.graph.claims import Claim, DocumentRecord, EdgeClaim, NodeClaim
from diplograph.graph.merge import citation_rank, edge_key
from diplograph.graph.names import closest, match_key
from diplograph.graph.provenance import CorrectionMark
from diplograph.graph.schema import SCHEMA
from diplograph.loaders.corrections import Correction, TieRef

__all__ = ["Applied", "Stale", "apply_corrections", "document_matches"]

C = TypeVar("C", NodeClaim, EdgeClaim)


@dataclass(frozen=True, slots=True)
class Stale:
    """A correction that matched nothing: where it is written, what it says, and why it
    changes nothing."""

    origin: str
    what: str
    why: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.what}: {self.why} (stale; it changes nothing)"


@dataclass(slots=True)
class Applied:
    """The corrected claims; ``stale``: corrections that matched nothing; ``notes``:
    what a correction did beyond its own words (ties dropped because the schema no
    longer allows them), one line each."""

    claims: list[Claim]
    applied: int = 0
    stale: list[Stale] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Miss(Exception):
    """The correction matches nothing (or too much); the message says why."""


def document_matches(ref: str, doc_id: str, path: str = "") -> bool:
    """Whether a document reference (an id, a file name or the end of a path) names the
    document ``doc_id`` read from ``path``.

    >>> document_matches("article.txt", "article.txt#015220110b92", "in/article.txt")
    True
    >>> document_matches("in/article.txt", "article.txt#015220110b92", "/x/in/article.txt")
    True
    >>> document_matches("other.txt", "article.txt#015220110b92")
    False
    """
    if ref in (doc_id, doc_id.split("#", 1)[0]):
        return True
    parts, ref_parts = path.replace("\\", "/").split("/"), ref.replace("\\", "/").split("/")
    return bool(path) and parts[-len(ref_parts):] == ref_parts


def _add(claim: C, mark: CorrectionMark) -> C:
    return claim if mark in claim.corrections else replace(
        claim, corrections=(*claim.corrections, mark))


class _Claims:
    """The claims being corrected, with a name index rebuilt after each change."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        self.nodes: list[NodeClaim] = []
        self.edges: list[EdgeClaim] = []
        self.other: list[Claim] = []
        for claim in claims:
            (self.nodes if isinstance(claim, NodeClaim) else self.edges
             if isinstance(claim, EdgeClaim) else self.other).append(claim)
        self.paths = {c.id: c.path for c in self.other if isinstance(c, DocumentRecord)}
        self._index: dict[str, list[tuple[int, str]]] | None = None

    def changed(self) -> None:
        self._index = None

    def labels(self) -> dict[str, str]:
        return {c.id: c.label for c in self.nodes}

    def resolve(self, ref: str) -> str:
        """The id of the entity ``ref`` names: an id, else a name, else an alias."""
        if self._index is None:
            self._index = {}
            for c in self.nodes:
                for tier, form in ((0, c.id), (1, c.name), *((2, a) for a in c.aliases)):
                    self._index.setdefault(match_key(form) if tier else form, []).append(
                        (tier, c.id))
        hits = self._index.get(ref) or self._index.get(match_key(ref), [])
        if not hits:
            hint = closest(ref, {n for c in self.nodes for n in (c.name, *c.aliases)}, n=3)
            raise _Miss(f"no entity is named {ref!r}"
                        + (f"; did you mean: {', '.join(hint)}?" if hint else ""))
        best = min(tier for tier, _ in hits)
        ids = sorted({i for tier, i in hits if tier == best})
        if len(ids) > 1:
            raise _Miss(f"{ref!r} names several entities ({', '.join(ids)}); use an id")
        return ids[0]

    def name_of(self, node_id: str) -> str:
        """The name the merged node will show: that of its best-attested claim."""
        group = [c for c in self.nodes if c.id == node_id]
        best = min(group, key=lambda c: citation_rank(
            c.citation.to_dict() if c.citation else {"method": SCHEMA.methods[0]}))
        return best.name

    def ties(self, ref: TieRef, doc: str | None) -> list[int]:
        """Indexes of the edge claims that are the tie ``ref`` (as ``doc`` cites it)."""
        wanted = edge_key(self.resolve(ref.s), ref.type, self.resolve(ref.o))
        found = [i for i, e in enumerate(self.edges)
                 if edge_key(e.source, e.type, e.target) == wanted]
        if not found:
            raise _Miss("no such tie")
        if doc is not None:
            found = [i for i in found if document_matches(
                doc, self.edges[i].citation.doc, self.paths.get(self.edges[i].citation.doc, ""))]
            if not found:
                raise _Miss(f"document {doc!r} does not cite this tie")
        return found

    def move(self, old: str, new: str, label: str, mark: CorrectionMark) -> int:
        """Point the ties of ``old`` at ``new`` (a node with ``label``); drop those that
        become loops or that the schema does not allow. Returns how many were dropped."""
        labels = {**self.labels(), new: label}
        kept, dropped = [], 0
        for e in self.edges:
            if old not in (e.source, e.target):
                kept.append(e)
                continue
            s = new if e.source == old else e.source
            o = new if e.target == old else e.target
            if s == o or not SCHEMA.allows(e.type, labels.get(s, ""), labels.get(o, "")):
                dropped += 1
                continue
            kept.append(_add(replace(e, source=s, target=o), mark))
        self.edges = kept
        return dropped

    def all(self) -> list[Claim]:
        return [*self.other, *self.nodes, *self.edges]


def _merge(state: _Claims, fix: Correction) -> str | None:
    old, new = state.resolve(str(fix.target)), state.resolve(fix.args["into"])
    if old == new:
        return None
    label, name = state.labels()[new], state.name_of(new)
    # Marks say what the correction says, not what it met, so that applying it again
    # leaves the same marks.
    said = f"{fix.target!r} into {fix.args['into']!r}"
    mark = fix.mark(f"merged {said}")
    state.nodes = [_add(replace(c, id=new, label=label, name=name,
                                kind=c.kind if c.label == label else None,
                                aliases=(c.name, *c.aliases)), mark) if c.id == old
                   else _add(c, mark) if c.id == new else c for c in state.nodes]
    dropped = state.move(old, new, label, fix.mark(f"end merged: {said}"))
    return f"{dropped} ties of {fix.target!r} dropped: the schema does not allow them " \
           f"on {name!r} ({label})" if dropped else None


def _rename(state: _Claims, fix: Correction) -> None:
    node, new = state.resolve(str(fix.target)), fix.args["to"]
    mark = fix.mark(f"renamed {fix.target!r} to {new!r}")
    state.nodes = [_add(replace(c, name=new, aliases=(c.name, *c.aliases)), mark)
                   if c.id == node else c for c in state.nodes]


def _relabel(state: _Claims, fix: Correction) -> str | None:
    node = state.resolve(str(fix.target))
    old_label = state.labels()[node]
    label = fix.args.get("label", old_label)
    kind = fix.args.get("kind")
    if kind is not None and kind not in SCHEMA.labels[label].kinds:
        raise _Miss(f"kind {kind!r} is not one of {label}'s kinds "
                    f"({', '.join(SCHEMA.labels[label].kinds) or 'none'})")
    new_id = (node if label == old_label else
              f"{SCHEMA.labels[label].id_prefix}:{node.split(':', 1)[-1]}")
    said = ", ".join(f"{k} {v}" for k, v in fix.args.items())
    mark = fix.mark(f"relabelled {fix.target!r}: {said}")

    def fixed(c: NodeClaim) -> NodeClaim:
        keep = c.kind if c.kind in SCHEMA.labels[label].kinds else None
        props = {**c.properties, **({"country": fix.args["country"]}
                                    if "country" in fix.args else {})}
        return _add(replace(c, id=new_id, label=label, kind=kind or keep, properties=props),
                    mark)

    state.nodes = [fixed(c) if c.id == node else c for c in state.nodes]
    if new_id == node:
        return None
    dropped = state.move(node, new_id, label, mark)
    return f"{dropped} ties dropped: the schema does not allow them on a {label}" \
        if dropped else None


def _reject(state: _Claims, fix: Correction) -> None:
    if isinstance(fix.target, TieRef):
        gone = set(state.ties(fix.target, fix.args.get("doc")))
        state.edges = [e for i, e in enumerate(state.edges) if i not in gone]
        return
    node = state.resolve(fix.target)
    state.nodes = [c for c in state.nodes if c.id != node]
    state.edges = [e for e in state.edges if node not in (e.source, e.target)]


def _alias(state: _Claims, fix: Correction) -> None:
    node, alias = state.resolve(str(fix.target)), fix.args["add"]
    mark = fix.mark(f"alias {alias!r} added")
    state.nodes = [_add(replace(c, aliases=(*c.aliases, alias)), mark) if c.id == node else c
                   for c in state.nodes]


def _confirm(state: _Claims, fix: Correction) -> None:
    mark = fix.mark("confirmed by a person")
    if isinstance(fix.target, TieRef):
        hits = set(state.ties(fix.target, None))
        state.edges = [_add(e, mark) if i in hits else e for i, e in enumerate(state.edges)]
        return
    node = state.resolve(fix.target)
    state.nodes = [_add(c, mark) if c.id == node else c for c in state.nodes]


_APPLY = {"merge": _merge, "rename": _rename, "relabel": _relabel, "reject": _reject,
          "alias": _alias, "confirm": _confirm}


def apply_corrections(claims: Iterable[Claim], corrections: Iterable[Correction]) -> Applied:
    """``claims`` with ``corrections`` applied in order. Pure: the input is not changed,
    and applying the same corrections again changes nothing more."""
    state = _Claims(claims)
    result = Applied(claims=[])
    for fix in corrections:
        try:
            note = _APPLY[fix.op](state, fix)
        except _Miss as miss:
            result.stale.append(Stale(fix.origin, fix.describe(), str(miss)))
            continue
        finally:
            state.changed()
        result.applied += 1
        if note:
            result.notes.append(f"{fix.origin}: {fix.op}: {note}")
    result.claims = state.all()
    return result
