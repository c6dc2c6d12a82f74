"""The store protocol. A store holds one graph; the query methods default to the
networkx queries over :meth:`GraphStore.load`, and a server backend overrides them
to run server-side, returning the same result values."""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable

import networkx as nx

from graph import queries
from graph.queries.results import Neighborhood, NodeDetail, PathResult, Stats

__all__ = ["GraphStore"]


class GraphStore(ABC):
    """Where a graph lives. Subclasses implement ``exists``, ``load`` and ``save``."""

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the graph lives, for messages (a path or a URI without secrets)."""

    @abstractmethod
    def exists(self) -> bool:
        """Whether a graph has been saved here."""

    @abstractmethod
    def load(self) -> nx.MultiDiGraph:
        """The whole graph."""

    @abstractmethod
    def save(self, G: nx.MultiDiGraph) -> None:
        """Replace the stored graph with ``G``, all or nothing."""

    def close(self) -> None:
        """Release connections; a no-op for file stores."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Queries. Each takes names as the user typed them and resolves them itself.
    def stats(self) -> Stats:
        return queries.stats(self.load())

    def resolve(self, name: str) -> str:
        return queries.resolve(self.load(), name)

    def describe(self, name: str) -> NodeDetail:
        G = self.load()
        return queries.describe(G, queries.resolve(G, name))

    def neighbors(self, name: str, *, depth: int = 1, types: Iterable[str] | None = None,
                  labels: Iterable[str] | None = None) -> Neighborhood:
        G = self.load()
        return queries.neighbors(G, queries.resolve(G, name), depth=depth, types=types,
                                 labels=labels)

    def paths(self, source: str, target: str, *, max_hops: int = 6,
              limit: int = 10) -> list[PathResult]:
        G = self.load()
        return queries.shortest_paths(G, queries.resolve(G, source),
                                      queries.resolve(G, target), max_hops=max_hops,
                                      limit=limit)
