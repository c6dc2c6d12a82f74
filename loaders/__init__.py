"""Inputs -> claims. ``load_paths`` walks files and folders and dispatches by suffix.

YAML files are curated records (:mod:`loaders.curated`), except those with a
top-level ``gazetteer:`` key, which configure extraction, and corrections files
(:mod:`loaders.corrections`), which ``build`` applies to the claims. Documents
(``.txt .md .html .htm .pdf``) are read by :mod:`loaders.documents` and extracted
together in one batch by :mod:`loaders.extract` (several processes, a content-hash
cache, a progress callback); their claims are aligned with the curated ones, curated
winning where they disagree. Other suffixes are skipped. Every citation must name a
document the inputs give: a curated ``documents:`` record or a document file, which a
curated record may name by its file name (:mod:`loaders.docrefs`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diplograph.graph.claims import Claim, DocumentRecord, EdgeClaim, NodeClaim, invalid_at
from diplograph.graph.errors import InvalidInput
from diplograph.graph.names import closest
from diplograph.loaders.corrections import Correction, is_corrections, read_corrections
from diplograph.loaders.curated import check_gazetteer, curated_claims, load_curated, read_yaml
from diplograph.loaders.docrefs import align_documents
from diplograph.loaders.documents import DOCUMENT_SUFFIXES, read_documents

__all__ = ["LOADERS", "load_paths", "load_inputs", "iter_files", "Loaded", "check_cited"]

Loader = Callable[[Path], Iterator[Claim]]

LOADERS: dict[str, Loader] = {".yaml": load_curated, ".yml": load_curated}
_YAML = (".yaml", ".yml")


@dataclass(slots=True)
class Loaded:
    """Everything read from some inputs: the claims, one-line warnings about skipped
    files, disagreements between extracted and curated claims, counts, and the
    corrections to apply (with the files they came from)."""

    claims: list[Claim] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    correction_files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    documents: int = 0


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every file under ``paths`` in sorted order (hidden files and folders skipped)."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InvalidInput("no such file or folder", str(path))
        if path.is_file():
            yield path
            continue
        for child in sorted(path.rglob("*")):
            rel = child.relative_to(path)
            if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                yield child


def load_inputs(paths: Iterable[str | Path], *, workers: int = 1,
                cache: str | Path | None = None, progress: Any = None,
                warn: Callable[[str], None] | None = None) -> Loaded:
    """Curated claims and extracted claims from every loadable file under ``paths``."""
    from diplograph.loaders.extract.patterns import is_gazetteer
    result = Loaded()
    gazetteers: list[Path] = []
    documents: list[Path] = []
    for path in iter_files(paths):
        suffix = path.suffix.lower()
        if suffix in _YAML:        # read once, then either a gazetteer or curated records
            data = read_yaml(path)
            if is_gazetteer(data):
                check_gazetteer(data, path)
                gazetteers.append(path)
            elif is_corrections(path, data):
                result.corrections.extend(read_corrections(path))
                result.correction_files.append(str(path))
            else:
                result.claims.extend(curated_claims(data, path))
        elif suffix in LOADERS:
            result.claims.extend(LOADERS[suffix](path))
        elif suffix in DOCUMENT_SUFFIXES:
            documents.append(path)
    if not documents:
        result.claims = align_documents(result.claims)
        check_cited(result.claims)
        return result

    def note(message: str) -> None:
        result.warnings.append(message)
        if warn is not None:
            warn(message)

    from diplograph.loaders.extract import extract_documents, get_extractor
    from diplograph.loaders.extract.align import align
    from diplograph.loaders.extract.patterns import load_gazetteer
    docs = list(read_documents(documents, warn=note))
    result.documents = len(docs)
    extractor = get_extractor(gazetteer=load_gazetteer(gazetteers))
    extracted = extract_documents(docs, extractor=extractor, workers=workers, cache=cache,
                                  progress=progress)
    aligned, result.disagreements = align(result.claims, extracted)
    result.claims = align_documents([*result.claims, *aligned])
    check_cited(result.claims)
    return result


def check_cited(claims: list[Claim]) -> None:
    """Raise ``InvalidInput`` at the first claim citing a document no claim records."""
    known = {c.id for c in claims if isinstance(c, DocumentRecord)}
    for claim in claims:
        if isinstance(claim, (NodeClaim, EdgeClaim)) and claim.citation is not None \
                and claim.citation.doc not in known:
            doc = claim.citation.doc
            # a file's name finds it too (loaders.docrefs), so it is a fine suggestion
            hint = closest(doc, known | {k.split("#", 1)[0] for k in known}, n=3)
            suggestion = f" Did you mean: {', '.join(hint)}?" if hint else ""
            raise invalid_at(f"cites the document {doc!r}, which no input gives: list it "
                             "under 'documents:' (id, title, outlet, date, url) or add the "
                             f"document's file.{suggestion}", claim.origin)


def load_paths(paths: Iterable[str | Path], **options: Any) -> Iterator[Claim]:
    """Claims from every loadable file under ``paths`` (options: see :func:`load_inputs`)."""
    yield from load_inputs(paths, **options).claims
