"""Extracted claims aligned with curated ones, so that both describe one graph.

A person named only by surname in one document joins the one full name the others
give it (:func:`.people.merge_surnames`). An extracted entity whose name or alias equals (after :func:`graph.names.match_key`)
a curated entity's name or alias, with the same label, takes the curated id. Where
they disagree (another label or kind for the same name) the curated record wins:
the extracted node is folded into the curated one when the label differs, its
edges are kept only where the schema still allows them, and the disagreement is
reported.

Examples
--------
>>> from diplograph.graph.claims import NodeClaim
>>> curated = [NodeClaim(id="org:mnd-taiwan", label="Organization", name="MND")]
>>> extracted = [NodeClaim(id="org:ministry-of-national-defense-taiwan",
...                        label="Organization", name="Ministry of National Defense",
...                        aliases=("MND",))]
>>> claims, notes = align(curated, extracted)
>>> claims[0].id, notes
('org:mnd-taiwan', [])
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from diplograph.graph.claims import Claim, EdgeClaim, NodeClaim
from diplograph.graph.names import match_key
from diplograph.graph.schema import SCHEMA
from diplograph.loaders.extract.people import merge_surnames

__all__ = ["align"]


def align(curated: Iterable[Claim], extracted: Iterable[Claim]) -> tuple[list[Claim], list[str]]:
    """``extracted`` rewritten onto curated ids, and the disagreements found."""
    by_name: dict[str, list[NodeClaim]] = {}
    by_id: dict[str, NodeClaim] = {}
    for claim in curated:
        if isinstance(claim, NodeClaim):
            by_id.setdefault(claim.id, claim)
            for name in (claim.name, *claim.aliases):
                by_name.setdefault(match_key(name), []).append(claim)
    extracted = merge_surnames(extracted)
    mapping: dict[str, str] = {}
    labels: dict[str, str] = {c.id: c.label for c in by_id.values()}
    notes: set[str] = set()
    out: list[Claim] = []
    for claim in extracted:
        if not isinstance(claim, NodeClaim):
            continue
        target = by_id.get(claim.id)
        if target is None:
            hits = {c.id: c for name in (claim.name, *claim.aliases)
                    for c in by_name.get(match_key(name), [])}
            same = [c for c in hits.values() if c.label == claim.label]
            target = same[0] if len(same) == 1 else (
                next(iter(hits.values())) if len(hits) == 1 else None)
        if target is None:
            labels[claim.id] = claim.label
            out.append(claim)
            continue
        mapping[claim.id] = target.id
        where = f" ({target.origin})" if target.origin else ""
        if target.label != claim.label:
            notes.add(f"{claim.name!r}: extracted as {claim.label}, curated as "
                      f"{target.label}{where}; curated kept")
            out.append(replace(claim, id=target.id, label=target.label, kind=target.kind))
            continue
        if claim.kind and target.kind and claim.kind != target.kind:
            notes.add(f"{claim.name!r}: extracted kind {claim.kind}, curated kind "
                      f"{target.kind}{where}; curated kept")
            claim = replace(claim, kind=target.kind)
        out.append(replace(claim, id=target.id))
    for claim in extracted:
        if isinstance(claim, EdgeClaim):
            source = mapping.get(claim.source, claim.source)
            target_id = mapping.get(claim.target, claim.target)
            if source == target_id or not SCHEMA.allows(
                    claim.type, labels.get(source, ""), labels.get(target_id, "")):
                continue
            out.append(replace(claim, source=source, target=target_id))
        elif not isinstance(claim, NodeClaim):
            out.append(claim)
    return out, sorted(notes)
