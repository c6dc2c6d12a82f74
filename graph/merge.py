"""Merge claims into the in-memory model, a networkx ``MultiDiGraph``.

One node per id (names and aliases unioned, every citation kept); one edge per
(source, type, target), keyed by type, with the ends of symmetric types sorted so
they are stored once; all citations of a tie on that one edge, each citation
keeping the property values its own source gave (``claim``). Where sources give
different values, the edge shows the preferred one (curated over rule over model,
then higher confidence, then first seen) and lists every value under
``conflicts``: nothing is dropped.

Two curated records of one document must agree (an error names both places); a
curated record's values replace what a document file says of itself.

Examples
--------
>>> from diplograph.graph.claims import Citation, DocumentRecord, EdgeClaim, NodeClaim
>>> cite = Citation(doc="d1", note="n")
>>> G = build_graph([
...     DocumentRecord(id="d1", title="One"), DocumentRecord(id="d2", title="Two"),
...     NodeClaim(id="person:wu", label="Person", name="François Wu", aliases=("Wu",)),
...     NodeClaim(id="org:mofa", label="Organization", name="MOFA", kind="ministry"),
...     EdgeClaim("person:wu", "HOLDS_POSITION", "org:mofa", cite, {"title": "Minister"}),
...     EdgeClaim("person:wu", "HOLDS_POSITION", "org:mofa", Citation(doc="d2"),
...               {"title": "Deputy Minister"}),
... ])
>>> G.number_of_edges(), G.edges["person:wu", "org:mofa", "HOLDS_POSITION"]["conflicts"]
(1, {'title': ['Deputy Minister', 'Minister']})
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from diplograph.graph.claims import (Citation, Claim, DocumentRecord, EdgeClaim, NodeClaim,
                                     invalid_at, validate_edge, validate_node)
from diplograph.graph.names import closest, normalize
from diplograph.graph.provenance import CorrectionMark, stamp
from diplograph.graph.schema import SCHEMA

__all__ = ["build_graph", "edge_key", "citation_rank"]


def edge_key(source: str, rel_type: str, target: str) -> tuple[str, str, str]:
    """The identity of a tie; symmetric types have their ends sorted."""
    if SCHEMA.relation(rel_type).symmetric and target < source:
        source, target = target, source
    return source, rel_type, target


def citation_rank(citation: dict[str, Any]) -> tuple[int, float]:
    """Sort key: curated before rule before model, then higher confidence first."""
    method = citation.get("method", "curated")
    order = SCHEMA.methods.index(method) if method in SCHEMA.methods else len(SCHEMA.methods)
    return order, -float(citation.get("confidence", 1.0))


def _citation_sort(c: dict[str, Any]) -> tuple:
    return (c["doc"], c.get("start", -1), c.get("end", -1), c.get("method", ""),
            c.get("origin", ""), c.get("note", ""), repr(sorted(c.get("claim", {}).items())))


def _dedupe(citations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for c in sorted(citations, key=_citation_sort):
        key = repr(_citation_sort(c))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _resolve_values(entries: list[tuple[dict[str, Any], dict[str, Any]]]
                    ) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """(properties, citation) pairs -> preferred value per key, and every value where they differ."""
    ranked = sorted(enumerate(entries), key=lambda e: (citation_rank(e[1][1]), e[0]))
    chosen: dict[str, Any] = {}
    values: dict[str, list[Any]] = {}
    for _, (props, _cite) in ranked:
        for key, value in props.items():
            chosen.setdefault(key, value)
            bucket = values.setdefault(key, [])
            if value not in bucket:
                bucket.append(value)
    conflicts = {k: sorted(v, key=repr) for k, v in values.items() if len(v) > 1}
    return chosen, conflicts


def _merge_nodes(claims: list[NodeClaim]) -> dict[str, dict[str, Any]]:
    grouped: dict[str, list[NodeClaim]] = {}
    for claim in claims:
        first = grouped.setdefault(claim.id, [claim])[0]
        if claim is not first:
            if claim.label != first.label:
                where = f" at {first.origin}" if first.origin else ""
                raise invalid_at(f"id {claim.id!r} is a {claim.label} here but a "
                                 f"{first.label}{where}", claim.origin)
            grouped[claim.id].append(claim)
        validate_node(claim)
    nodes = {}
    for node_id, group in grouped.items():
        cites = [(c.citation.to_dict() if c.citation else {"method": "curated"}) for c in group]
        entries = [({"name": c.name, **({"kind": c.kind} if c.kind else {}), **c.properties}, cite)
                   for c, cite in zip(group, cites)]
        chosen, conflicts = _resolve_values(entries)
        conflicts.pop("name", None)  # other names are aliases, not contradictions
        aliases = {a for c in group for a in (c.name, *c.aliases) if a.strip()}
        attrs: dict[str, Any] = {"label": group[0].label, **chosen,
                                 "aliases": sorted(aliases, key=lambda a: (normalize(a), a))}
        attrs.setdefault("kind", None)
        evidence = _dedupe([c.citation.to_dict() for c in group if c.citation])
        if evidence:
            attrs["evidence"] = evidence
        if conflicts:
            attrs["conflicts"] = conflicts
        stamp(attrs, cites, (m for c in group for m in c.corrections))
        nodes[node_id] = attrs
    return nodes


def _check_end(node_id: str, nodes: dict[str, dict[str, Any]], claim: EdgeClaim) -> str:
    if node_id not in nodes:
        names = {n for attrs in nodes.values() for n in attrs["aliases"]} | set(nodes)
        hint = closest(node_id.split(":", 1)[-1].replace("-", " "), names, n=3)
        suggestion = f"; did you mean: {', '.join(hint)}?" if hint else ""
        raise invalid_at(f"{claim.type} refers to unknown entity {node_id!r}{suggestion}",
                    claim.origin)
    return nodes[node_id]["label"]


def _merge_documents(records: list[DocumentRecord]) -> dict[str, dict[str, str]]:
    """One record per document id. Two curated records (with an origin) that give one
    field different values are an error naming both places; a curated value replaces
    what a document file says of itself."""
    merged: dict[str, dict[str, str]] = {}
    origins: dict[str, str] = {}
    for record in records:
        fields = record.to_dict()
        have = merged.setdefault(record.id, {})
        first = origins.get(record.id, "")
        for key, value in fields.items():
            old = have.get(key)
            if old is not None and old != value and record.origin and first:
                raise invalid_at(f"document {record.id!r} has {key} {value!r} here but "
                                 f"{old!r} at {first}; give each document one record",
                                 record.origin)
            if old is None or (record.origin and not first):
                have[key] = value
        if record.origin and not first:
            origins[record.id] = record.origin
    return merged


def build_graph(claims: Iterable[Claim]) -> nx.MultiDiGraph:
    """Merge claims into a ``MultiDiGraph``; raise ``InvalidInput`` at the first bad claim."""
    node_claims: list[NodeClaim] = []
    edge_claims: list[EdgeClaim] = []
    records: list[DocumentRecord] = []
    for claim in claims:
        if isinstance(claim, NodeClaim):
            node_claims.append(claim)
        elif isinstance(claim, EdgeClaim):
            edge_claims.append(claim)
        elif isinstance(claim, DocumentRecord):
            records.append(claim)
    documents = _merge_documents(records)
    nodes = _merge_nodes(node_claims)
    edges: dict[tuple[str, str, str], list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    marks: dict[tuple[str, str, str], list[CorrectionMark]] = {}
    for claim in edge_claims:
        validate_edge(claim, _check_end(claim.source, nodes, claim),
                      _check_end(claim.target, nodes, claim))
        cite = claim.citation.to_dict()
        if claim.properties:
            cite["claim"] = dict(claim.properties)
        key = edge_key(claim.source, claim.type, claim.target)
        edges.setdefault(key, []).append((dict(claim.properties), cite))
        marks.setdefault(key, []).extend(claim.corrections)

    G = nx.MultiDiGraph(schema_version=SCHEMA.version,
                        documents={k: documents[k] for k in sorted(documents)})
    for node_id in sorted(nodes):
        G.add_node(node_id, **nodes[node_id])
    for (source, rel_type, target) in sorted(edges):
        entries = edges[(source, rel_type, target)]
        chosen, conflicts = _resolve_values(entries)
        attrs: dict[str, Any] = {"type": rel_type, **chosen,
                                 "evidence": _dedupe([cite for _, cite in entries])}
        if conflicts:
            attrs["conflicts"] = conflicts
        stamp(attrs, attrs["evidence"], marks[(source, rel_type, target)])
        G.add_edge(source, target, key=rel_type, **attrs)
    return G


def citations_of(attrs: dict[str, Any]) -> list[Citation]:
    """The citations of a node or edge as :class:`Citation` values."""
    return [Citation.from_dict(c) for c in attrs.get("evidence", [])]
