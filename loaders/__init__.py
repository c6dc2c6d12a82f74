"""Inputs -> claims. ``load_paths`` walks files and folders and dispatches by suffix.

The registry :data:`LOADERS` maps a file suffix to a function ``Path -> Iterator[Claim]``;
a suffix it does not hold is skipped with a warning.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from graph.claims import Claim
from graph.errors import InvalidInput
from loaders.curated import load_curated

__all__ = ["LOADERS", "load_paths", "iter_files"]

Loader = Callable[[Path], Iterator[Claim]]

LOADERS: dict[str, Loader] = {".yaml": load_curated, ".yml": load_curated}


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


def load_paths(paths: Iterable[str | Path]) -> Iterator[Claim]:
    """Claims from every loadable file under ``paths``."""
    for path in iter_files(paths):
        loader = LOADERS.get(path.suffix.lower())
        if loader is not None:
            yield from loader(path)
