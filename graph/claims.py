"""Claims: what a loader asserts, each with the citation it came from.

Loaders yield :class:`NodeClaim`, :class:`EdgeClaim` and :class:`DocumentRecord`
values; :func:`graph.merge.build_graph` merges them into the graph. Each claim checks
its values when it is made (:mod:`graph.values`: names are text, confidences numbers
from 0 to 1, dates real dates with the end not before the start, no tie from a node to
itself), so a bad claim fails at its source, with its file and line in ``origin``;
:func:`validate_node` and :func:`validate_edge` check it against the schema's labels,
kinds and endpoints once the graph is merged.

Examples
--------
>>> c = Citation(doc="a.txt", start=0, end=5, snippet="Hello", method="rule", confidence=0.8)
>>> c.to_dict()["snippet"]
'Hello'
>>> NodeClaim(id="country:taiwan", label="Country", name="Taiwan").kind is None
True
>>> EdgeClaim("person:wu", "MET_WITH", "person:wu", c, origin="ties.yaml:3")
Traceback (most recent call last):
...
diplograph.graph.errors.InvalidInput: ties.yaml:3: a MET_WITH tie from 'person:wu' to itself
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict

from diplograph.graph import values
from diplograph.graph.provenance import CorrectionMark
from diplograph.graph.schema import SCHEMA
from diplograph.graph.values import invalid_at, split_origin

__all__ = ["Citation", "CitationDict", "NodeClaim", "EdgeClaim", "DocumentRecord", "Claim",
           "invalid_at", "split_origin",
           "validate_node", "validate_edge"]


class CitationDict(TypedDict, total=False):
    doc: str
    start: int
    end: int
    snippet: str
    method: str
    confidence: float
    note: str
    origin: str
    claim: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a claim came from.

    ``doc`` is a document id; ``start``/``end`` the character span in that document
    and ``snippet`` exactly the text at that span (extracted claims); ``note`` an
    analyst's note in their own words (curated claims); ``origin`` the file and line
    of a curated record.
    """

    doc: str
    start: int | None = None
    end: int | None = None
    snippet: str = ""
    method: str = "curated"
    confidence: float = 1.0
    note: str = ""
    origin: str = ""

    def __post_init__(self) -> None:
        where = self.origin
        values.text(self.doc, "the cited document", where)
        values.span(self.start, self.end, where)
        for key in ("snippet", "note", "origin"):
            values.text(getattr(self, key), key, where, blank=True)
        values.text(self.method, "method", where)
        object.__setattr__(self, "confidence", values.confidence(self.confidence, where))

    def to_dict(self) -> CitationDict:
        out: dict[str, Any] = {"doc": self.doc}
        if self.start is not None:
            out["start"], out["end"] = self.start, self.end
        for key in ("snippet", "note", "origin"):
            if value := getattr(self, key):
                out[key] = value
        out["method"], out["confidence"] = self.method, self.confidence
        return out  # type: ignore[return-value]

    @classmethod
    def from_dict(cls, data: CitationDict | dict[str, Any]) -> Citation:
        return cls(doc=str(data["doc"]), start=data.get("start"), end=data.get("end"),
                   snippet=data.get("snippet", ""), method=data.get("method", "curated"),
                   confidence=float(data.get("confidence", 1.0)), note=data.get("note", ""),
                   origin=data.get("origin", ""))


@dataclass(frozen=True, slots=True)
class NodeClaim:
    """An entity: its id, label, display name, optional kind, aliases and properties."""

    id: str
    label: str
    name: str
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    properties: dict[str, Any] = field(default_factory=dict)
    citation: Citation | None = None
    origin: str = ""
    #: What analysts' corrections did to this claim (see graph.provenance).
    corrections: tuple[CorrectionMark, ...] = ()

    def __post_init__(self) -> None:
        where = self.origin
        values.ident(self.id, "id", where)
        values.text(self.label, "label", where)
        values.text(self.name, "name", where)
        if self.kind is not None:
            values.text(self.kind, "kind", where)
        if not isinstance(self.aliases, (tuple, list)):
            raise invalid_at(f"aliases must be a list, got {values.describe(self.aliases)}",
                             where)
        object.__setattr__(self, "aliases", tuple(
            values.text(a, "an alias", where, blank=True) for a in self.aliases))
        object.__setattr__(self, "properties", values.clean_properties(self.properties, where))
        _check_citation(self.citation, where)


def _check_citation(citation: Any, where: str) -> None:
    if citation is not None and not isinstance(citation, Citation):
        raise invalid_at(f"a citation must be a Citation, got {values.describe(citation)}",
                         where)


@dataclass(frozen=True, slots=True)
class EdgeClaim:
    """A typed tie ``source -type-> target`` with the properties this source gives it."""

    source: str
    type: str
    target: str
    citation: Citation
    properties: dict[str, Any] = field(default_factory=dict)
    origin: str = ""
    #: What analysts' corrections did to this claim (see graph.provenance).
    corrections: tuple[CorrectionMark, ...] = ()

    def __post_init__(self) -> None:
        where = self.origin
        values.ident(self.source, "a tie's subject", where)
        values.text(self.type, "a tie's type", where)
        values.ident(self.target, "a tie's object", where)
        if self.source == self.target:
            raise invalid_at(f"a {self.type} tie from {self.source!r} to itself", where)
        if self.citation is None:
            raise invalid_at("a tie needs a citation", where)
        _check_citation(self.citation, where)
        object.__setattr__(self, "properties", values.clean_properties(self.properties, where))


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A source document: stable id plus what is known of it."""

    id: str
    title: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""
    path: str = ""
    origin: str = ""

    def __post_init__(self) -> None:
        where = self.origin
        values.ident(self.id, "a document's id", where)
        for key in ("title", "outlet", "path", "origin"):
            values.text(getattr(self, key), f"a document's {key}", where, blank=True)
        if self.date:
            object.__setattr__(self, "date", values.iso_date(self.date, "a document's date",
                                                             where))
        if self.url:
            values.url(self.url, "a document's url", where)

    def to_dict(self) -> dict[str, str]:
        return {k: v for k in ("id", "title", "outlet", "date", "url", "path")
                if (v := getattr(self, k))}


Claim = NodeClaim | EdgeClaim | DocumentRecord


def validate_node(claim: NodeClaim) -> NodeClaim:
    """Check label, kind and properties against the schema; return the claim."""
    if claim.label not in SCHEMA.labels:
        raise invalid_at(f"unknown label {claim.label!r}; valid labels: "
                    f"{', '.join(SCHEMA.labels)}", claim.origin)
    spec = SCHEMA.labels[claim.label]
    if claim.kind is not None and claim.kind not in spec.kinds:
        valid = ", ".join(spec.kinds) or "none (this label takes no kind)"
        raise invalid_at(f"unknown kind {claim.kind!r} for {claim.label}; valid kinds: {valid}",
                    claim.origin)
    prefix = claim.id.split(":", 1)[0]
    if prefix != spec.id_prefix:
        raise invalid_at(f"id {claim.id!r} of a {claim.label} must start with "
                    f"'{spec.id_prefix}:'", claim.origin)
    unknown = set(claim.properties) - set(SCHEMA.node_properties)
    if unknown:
        raise invalid_at(f"unknown node properties {sorted(unknown)}; valid: "
                    f"{', '.join(SCHEMA.node_properties)}", claim.origin)
    return claim


def validate_edge(claim: EdgeClaim, source_label: str, target_label: str) -> EdgeClaim:
    """Check type, endpoints, status and properties against the schema; return the claim."""
    if claim.type not in SCHEMA.relations:
        raise invalid_at(f"unknown relationship type {claim.type!r}; valid types: "
                    f"{', '.join(SCHEMA.relations)}", claim.origin)
    spec = SCHEMA.relations[claim.type]
    if not spec.allows(source_label, target_label):
        allowed = "; ".join(f"{s} -> {o}" for s, o in sorted(spec.pairs))
        raise invalid_at(f"{claim.type} does not allow {source_label} -> {target_label} "
                    f"({claim.source} -> {claim.target}); allowed: {allowed}", claim.origin)
    unknown = set(claim.properties) - set(SCHEMA.edge_properties(claim.type))
    if unknown:
        raise invalid_at(f"unknown properties {sorted(unknown)} for {claim.type}; valid: "
                    f"{', '.join(SCHEMA.edge_properties(claim.type))}", claim.origin)
    status = claim.properties.get("status")
    if status is not None and status not in SCHEMA.statuses:
        raise invalid_at(f"unknown status {status!r}; valid: {', '.join(SCHEMA.statuses)}",
                    claim.origin)
    if claim.citation.method not in SCHEMA.methods:
        raise invalid_at(f"unknown citation method {claim.citation.method!r}; valid: "
                    f"{', '.join(SCHEMA.methods)}", claim.origin)
    return claim
