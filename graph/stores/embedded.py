"""The embedded store: the graph as node-link JSON in a local directory.

Saves are atomic: the JSON is written to a temporary file in the same directory,
flushed to disk, then renamed over ``graph.json`` (``os.replace``), so a kill at any
moment leaves either the old or the new graph, never half of one. Each is one step,
so ``progress`` is accepted and has nothing to report.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from diplograph.graph.errors import StoreError
from diplograph.graph.files import atomic_open
from diplograph.graph.nodelink import dumps, from_nodelink
from diplograph.graph.stores.base import GraphStore, Progress

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EmbeddedStore", "GRAPH_FILE", "read_nodelink"]

GRAPH_FILE = "graph.json"


def read_nodelink(path: Path, *, what: str = "diplograph JSON export") -> nx.MultiDiGraph:
    """The graph in a node-link JSON file (a store's graph.json or a JSON export); a file
    that is not one raises ``StoreError`` naming it as ``what``."""
    try:
        return from_nodelink(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as exc:
        raise StoreError(f"{path} is not a {what}: {exc}") from None


class EmbeddedStore(GraphStore):
    """A directory holding ``graph.json``."""

    kind = "json"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path)!r})"

    @property
    def location(self) -> str:
        return str(self.path)

    @property
    def file(self) -> Path:
        return self.path / GRAPH_FILE

    def exists(self) -> bool:
        return self.file.is_file()

    def load(self, *, progress: Progress | None = None) -> nx.MultiDiGraph:
        if not self.exists():
            raise StoreError(f"No graph in {self.path}. Run '{{build}}' first "
                             "(or pass {store} / set DIPLOGRAPH_STORE).",
                             build="diplograph.api.build()", store="store=...")
        return read_nodelink(self.file, what="diplograph graph")

    def save(self, G: nx.MultiDiGraph, *, progress: Progress | None = None) -> None:
        text = dumps(G)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            with atomic_open(self.file, newline=None, durable=True) as fh:
                fh.write(text)
        except OSError as exc:
            raise StoreError(f"cannot write {self.file}: {exc.strerror or exc}") from None
