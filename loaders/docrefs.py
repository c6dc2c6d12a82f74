"""Document references made to name the documents of a build.

A curated record may cite a document by its file name (``document: article.txt``),
the end of its path (``texts/article.txt``) or its full id; the documents read from
files have ids with a content hash (``article.txt#015220110b92``). Here every
reference, and every ``documents.yaml`` entry, is rewritten to the id of the document
it names, so that curated and extracted citations of one article meet on one document,
and the metadata written in ``documents.yaml`` (title, outlet, date, url) describes the
file that was read. A reference to none of them is left as written, for
:func:`loaders.check_cited` to report at its file and line.

Examples
--------
>>> from diplograph.graph.claims import Citation, DocumentRecord, EdgeClaim
>>> tie = EdgeClaim("country:a", "MET_WITH", "country:b", Citation(doc="article.txt"),
...                 origin="notes.yaml:4")
>>> record = DocumentRecord(id="article.txt", title="Talks", origin="documents.yaml:2")
>>> read = DocumentRecord(id="article.txt#0152", path="texts/article.txt")
>>> fixed = align_documents([record, tie, read])
>>> fixed[0].id, fixed[1].citation.doc
('article.txt#0152', 'article.txt#0152')
>>> align_documents([read, tie, DocumentRecord(id="article.txt#9f01",
...                                            path="more/article.txt")])
Traceback (most recent call last):
...
diplograph.graph.errors.InvalidInput: notes.yaml:4: document 'article.txt' names several files: ...
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from diplograph.graph.claims import Claim, DocumentRecord, EdgeClaim, NodeClaim, invalid_at
from diplograph.loaders.corrections_apply import document_matches

__all__ = ["align_documents"]


def align_documents(claims: Iterable[Claim]) -> list[Claim]:
    """``claims`` with every document reference rewritten to the id of the document it
    names. Documents read from files are the :class:`DocumentRecord` claims with a
    ``path``; the others are declared (``documents.yaml``, ``documents:``)."""
    claims = list(claims)
    records = [c for c in claims if isinstance(c, DocumentRecord)]
    read = {r.id: r.path for r in records if r.path}
    if not read:
        return claims  # no files: every reference is an id as written
    memo: dict[str, str] = {}

    def target(ref: str, origin: str) -> str:
        if ref in read:
            return ref
        if ref not in memo:
            hits = sorted(i for i, path in read.items() if document_matches(ref, i, path))
            if len(hits) > 1:
                listed = ", ".join(f"{i} ({read[i]})" for i in hits)
                raise invalid_at(f"document {ref!r} names several files: {listed}; write "
                                 "more of its path", origin)
            memo[ref] = hits[0] if hits else ref  # unknown: loaders.check_cited says so
        return memo[ref]

    out: list[Claim] = []
    for claim in claims:
        if isinstance(claim, DocumentRecord) and not claim.path:
            claim = replace(claim, id=target(claim.id, claim.origin))
        elif isinstance(claim, (NodeClaim, EdgeClaim)) and claim.citation is not None:
            doc = target(claim.citation.doc, claim.citation.origin or claim.origin)
            if doc != claim.citation.doc:
                claim = replace(claim, citation=replace(claim.citation, doc=doc))
        out.append(claim)
    return out
