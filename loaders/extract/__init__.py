"""Documents -> claims: entities and relationships, each citing its span.

:data:`EXTRACTORS` maps a name to an extractor factory (``Extractor`` protocol); the
default ``"spacy"`` extractor runs the pinned spaCy model with gazetteer patterns
(:mod:`.spacy_backend`), resolves mentions (:mod:`.resolve`) and applies one small
rule per relation family (:mod:`.relations`). :func:`extract_documents` adds the
content-hash cache and the progress callback around any extractor.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from diplograph.graph.claims import Citation, Claim, NodeClaim
from diplograph.graph.errors import DiplographError
from diplograph.loaders.cache import ClaimCache
from diplograph.loaders.documents import Document
from diplograph.loaders.extract.patterns import Gazetteer, load_gazetteer
from diplograph.loaders.extract.relations import relation_claims
from diplograph.loaders.extract.mentions import DocEntities
from diplograph.loaders.extract.resolve import resolve_document

__all__ = ["Extractor", "SpacyExtractor", "EXTRACTORS", "get_extractor", "extract_documents",
           "mask_boilerplate", "VERSION"]

#: Bumped whenever the rules change, so that cached claims are recomputed.
VERSION = "29"
Progress = Callable[[Sequence[Any], str], Iterable[Any]]
_TERMINAL = re.compile(r"[.!?:;\"'”’)\]]\s*$")


class Extractor(Protocol):
    """Turns documents into claims. ``fingerprint`` changes whenever its output could."""

    fingerprint: str

    def extract(self, docs: Sequence[Document], *, workers: int = 1
                ) -> Iterator[tuple[Document, list[Claim]]]: ...


def mask_boilerplate(text: str) -> str:
    """``text`` with lines that are not prose blanked out (same length, same offsets):
    every line after the first that does not end like a sentence (bylines, photo
    credits, "Follow topic:", lists of other headlines) and copyright lines."""
    out, first = [], True
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if not body:
            out.append(line)
            continue
        keep = first or (_TERMINAL.search(body) and not body.startswith(("©", "(c)", "Copyright")))
        first = False
        out.append(line if keep else re.sub(r"[^\n]", " ", line))
    return "".join(out)


def _node_claims(document: Document, ents: DocEntities) -> list[Claim]:
    first: dict[str, tuple[int, int]] = {}
    for m in ents.mentions:
        first.setdefault(m.entity, (m.char_start, m.char_end))
    claims: list[Claim] = []
    for entity_id, ent in sorted(ents.entities.items()):
        if entity_id not in first:
            continue
        start, end = first[entity_id]
        props = {k: v for k, v in ent.properties.items() if k in {"ordinal"}}
        cite = Citation(doc=document.id, start=start, end=end,
                        snippet=document.text[start:end], method="rule", confidence=0.8)
        claims.append(NodeClaim(id=entity_id, label=ent.label, name=ent.name, kind=ent.kind,
                                aliases=tuple(sorted(ent.aliases)), properties=props,
                                citation=cite))
    return claims


class SpacyExtractor:
    """spaCy's statistical NER and parse, gazetteer patterns, rule-based relations."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, model: str | None = None) -> None:
        from diplograph.loaders.extract import spacy_backend
        self.gazetteer = gazetteer or load_gazetteer()
        self.model = model or spacy_backend.MODEL
        self.fingerprint = (f"spacy/{VERSION}/{spacy_backend.model_version(self.model)}/"
                            f"{self.gazetteer.fingerprint}")
        self._nlp: Any = None

    def claims_for(self, document: Document, parsed: Any) -> list[Claim]:
        ents = resolve_document(parsed, self.gazetteer)
        relations = relation_claims(document, parsed, ents, self.gazetteer)
        return [document.record(), *_node_claims(document, ents), *relations]

    def extract(self, docs: Sequence[Document], *, workers: int = 1
                ) -> Iterator[tuple[Document, list[Claim]]]:
        from diplograph.loaders.extract import spacy_backend
        if self._nlp is None:
            self._nlp = spacy_backend.load_nlp(self.gazetteer, model=self.model)
        texts = (mask_boilerplate(d.text) for d in docs)
        for document, parsed in zip(docs, spacy_backend.pipe(self._nlp, texts,
                                                             workers=workers)):
            yield document, self.claims_for(document, parsed)


EXTRACTORS: dict[str, Callable[..., Extractor]] = {"spacy": SpacyExtractor}


def get_extractor(name: str = "spacy", **options: Any) -> Extractor:
    """The extractor registered as ``name``; a miss lists the valid names."""
    if name not in EXTRACTORS:
        raise DiplographError(f"Unknown extractor {name!r}; valid: {', '.join(EXTRACTORS)}")
    return EXTRACTORS[name](**options)


def extract_documents(docs: Sequence[Document], *, extractor: Extractor | None = None,
                      workers: int = 1, cache: str | Path | None = None,
                      progress: Progress | None = None) -> Iterator[Claim]:
    """Claims from ``docs``: cached ones for unchanged documents, the rest extracted in
    one batch (``workers`` processes). ``progress(items, label)`` wraps the batch."""
    if not docs:
        return
    extractor = extractor or get_extractor()
    store = ClaimCache(cache, fingerprint=extractor.fingerprint) if cache else None
    todo: list[Document] = []
    for document in docs:
        hit = store.get(document.sha256) if store else None
        if hit is None:
            todo.append(document)
        else:
            yield from hit
    if not todo:
        return
    results = extractor.extract(todo, workers=workers)
    if progress is not None:
        results = iter(progress(_Sized(results, len(todo)), "Extracting"))
    for document, claims in results:
        if store:
            store.put(document.sha256, claims)
        yield from claims


class _Sized:
    """An iterator with a length, for progress bars."""

    def __init__(self, items: Iterator[Any], n: int) -> None:
        self.items, self.n = items, n

    def __iter__(self) -> Iterator[Any]:
        return self.items

    def __len__(self) -> int:
        return self.n
