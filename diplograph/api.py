"""diplograph's Python API. Every CLI command calls exactly one function here, with the
same name; each returns data and prints nothing.

``store`` arguments take a directory path, a server URI or an open
:class:`graph.stores.GraphStore`; ``None`` means ``$DIPLOGRAPH_STORE`` or
``./diplograph-data``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx

from graph.errors import DiplographError
from graph.merge import build_graph
from graph.queries import stats as graph_stats
from graph.queries.results import Neighborhood, NodeDetail, PathResult, Stats
from graph.stores import GraphStore, open_store
from loaders import load_paths
from viz.exports import EXPORTERS, export_graph

__all__ = ["BuildResult", "ExportResult", "Progress", "build", "load_graph", "stats", "show",
           "neighbors", "path", "export", "DEFAULT_SEEDS"]

T = TypeVar("T")
# A progress callback wraps an iterable (with its length and a label) and yields its items.
Progress = Callable[[Sequence[T], str], Iterable[T]]

DEFAULT_SEEDS = "seeds"
StoreArg = str | Path | GraphStore | None


@dataclass(frozen=True, slots=True)
class BuildResult:
    store: str
    stats: Stats
    inputs: list[str]
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"store": self.store, "stats": self.stats.to_dict(), "inputs": self.inputs,
                "notes": self.notes}


@dataclass(frozen=True, slots=True)
class ExportResult:
    format: str
    path: str
    nodes: int
    edges: int

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.format, "path": self.path, "nodes": self.nodes,
                "edges": self.edges}


def _store(store: StoreArg) -> GraphStore:
    return store if isinstance(store, GraphStore) else open_store(store)


def build(paths: Iterable[str | Path] | None = None, *, store: StoreArg = None,
          progress: Progress | None = None) -> BuildResult:
    """Load curated YAML (and documents) from ``paths`` (default ``seeds/``), merge them
    and replace the store's graph. Nothing is written unless every input is valid."""
    inputs = [str(p) for p in (paths or [DEFAULT_SEEDS])]
    G = build_graph(load_paths(inputs))
    target = _store(store)
    target.save(G)
    return BuildResult(store=target.location, stats=graph_stats(G), inputs=inputs)


def load_graph(*, store: StoreArg = None) -> nx.MultiDiGraph:
    """The whole graph of a store, as a networkx ``MultiDiGraph``."""
    return _store(store).load()


def stats(*, store: StoreArg = None) -> Stats:
    """Counts of nodes by label, edges by type, and source documents."""
    return _store(store).stats()


def show(name: str, *, store: StoreArg = None) -> NodeDetail:
    """The node ``name`` designates (id, name or alias), with its aliases and every tie
    touching it, each with its citations."""
    return _store(store).describe(name)


def neighbors(name: str, *, depth: int = 1, types: Iterable[str] | None = None,
              labels: Iterable[str] | None = None, store: StoreArg = None) -> Neighborhood:
    """Nodes within ``depth`` ties of ``name``, optionally only along ``types`` and only
    reaching ``labels``."""
    return _store(store).neighbors(name, depth=depth, types=types, labels=labels)


def path(source: str, target: str, *, max_hops: int = 6, store: StoreArg = None
         ) -> list[PathResult]:
    """Shortest paths between two nodes, each hop with the ties and citations behind it."""
    return _store(store).paths(source, target, max_hops=max_hops)


def export(format: str, output: str | Path, *, store: StoreArg = None) -> ExportResult:
    """Write the store's graph to ``output`` in ``format`` (a key of ``EXPORTERS``)."""
    if format not in EXPORTERS:
        raise DiplographError(f"Unknown format {format!r}; valid: {', '.join(EXPORTERS)}")
    G = _store(store).load()
    written = export_graph(G, format, output)
    return ExportResult(format=format, path=str(written), nodes=G.number_of_nodes(),
                        edges=G.number_of_edges())
