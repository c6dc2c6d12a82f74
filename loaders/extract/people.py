"""People across documents: a person one document names only by surname ("Okafor")
is the person another names in full ("Chidi Okafor") when the extracted documents
hold exactly one full name with that surname (two Okafors keep the surname apart).
Within one document :mod:`.resolve` already joins short forms to the fullest name.

Examples
--------
>>> from diplograph.graph.claims import NodeClaim
>>> claims = [NodeClaim(id="person:okafor", label="Person", name="Okafor"),
...           NodeClaim(id="person:chidi-okafor", label="Person", name="Chidi Okafor")]
>>> [c.id for c in merge_surnames(claims)]
['person:chidi-okafor', 'person:chidi-okafor']
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from diplograph.graph.claims import Claim, EdgeClaim, NodeClaim
from diplograph.graph.names import match_key
from diplograph.loaders.extract.vocab import PERSON

__all__ = ["merge_surnames"]


def merge_surnames(claims: Iterable[Claim]) -> list[Claim]:
    """``claims`` with each one-word person moved onto the one full-named person whose
    surname it is, where there is exactly one."""
    claims = list(claims)
    full: dict[str, set[str]] = {}
    single: dict[str, str] = {}
    names: dict[str, str] = {}
    for c in claims:
        if isinstance(c, NodeClaim) and c.label == PERSON:
            words = c.name.split()
            names.setdefault(c.id, c.name)
            if len(words) >= 2:
                full.setdefault(match_key(words[-1]), set()).add(c.id)
            else:
                single[c.id] = match_key(c.name)
    moved = {pid: next(iter(full[key])) for pid, key in single.items()
             if len(full.get(key, ())) == 1}
    if not moved:
        return claims
    out: list[Claim] = []
    for c in claims:
        if isinstance(c, NodeClaim) and c.id in moved:
            out.append(replace(c, id=moved[c.id], name=names[moved[c.id]]))
        elif isinstance(c, EdgeClaim) and (c.source in moved or c.target in moved):
            out.append(replace(c, source=moved.get(c.source, c.source),
                               target=moved.get(c.target, c.target)))
        else:
            out.append(c)
    return out
