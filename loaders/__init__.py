"""Inputs -> claims. ``load_paths`` walks files and folders and dispatches by suffix.

YAML files are curated records (:mod:`loaders.curated`), except those with a
top-level ``gazetteer:`` key, which configure extraction, and corrections files
(:mod:`loaders.corrections`), which ``build`` applies to the claims. Documents
(``.txt .md .html .htm .pdf``) are read by :mod:`loaders.documents` and extracted together in
one batch by :mod:`loaders.extract` (several processes, a content-hash cache, a
progress callback); their claims are aligned with the curated ones, curated
winning where they disagree; curated references to documents are then made to name
the documents read (:mod:`loaders.docrefs`). Other suffixes are skipped.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diplograph.graph.claims import Claim
from diplograph.graph.errors import InvalidInput
from diplograph.loaders.corrections import Correction, is_corrections, read_corrections
from diplograph.loaders.curated import load_curated, read_yaml
from diplograph.loaders.docrefs import align_documents
from diplograph.loaders.documents import DOCUMENT_SUFFIXES, read_documents

__all__ = ["LOADERS", "load_paths", "load_inputs", "iter_files", "Loaded"]

Loader = Callable[[Path], Iterator[Claim]]

LOADERS: dict[str, Loader] = {".yaml": load_curated, ".yml": load_curated}


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
        if suffix in LOADERS:
            data = read_yaml(path) if suffix in {".yaml", ".yml"} else None
            if is_gazetteer(data):
                gazetteers.append(path)
            elif is_corrections(path, data):
                result.corrections.extend(read_corrections(path))
                result.correction_files.append(str(path))
            else:
                result.claims.extend(LOADERS[suffix](path))
        elif suffix in DOCUMENT_SUFFIXES:
            documents.append(path)
    if not documents:
        result.claims = align_documents(result.claims)
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
    return result


def load_paths(paths: Iterable[str | Path], **options: Any) -> Iterator[Claim]:
    """Claims from every loadable file under ``paths`` (options: see :func:`load_inputs`)."""
    yield from load_inputs(paths, **options).claims
