"""The store protocol. A store holds one graph; the query methods default to the
networkx queries over :meth:`GraphStore.load`, and a server backend overrides them
to run server-side, returning the same result values."""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import networkx as nx

from diplograph.graph import queries
from diplograph.graph.queries.results import Neighborhood, NodeDetail, PathResult, Stats
from diplograph.graph.queries.analysis_results import (Between, Communities, Contradictions, Posts,
                                            Ranking, Timeline, Who)

__all__ = ["GraphStore", "Progress", "reporting"]

T = TypeVar("T")
# Reports long work: called with the steps to be done and a label, it returns an
# iterable of the same steps (a progress bar, say), which the store then works through.
Progress = Callable[[Sequence[Any], str], Iterable[Any]]


@contextmanager
def reporting(progress: Progress | None, steps: Sequence[T], label: str
              ) -> Iterator[Iterator[T]]:
    """``steps``, through ``progress`` if given; closed on leaving, even on an error, so
    that a bar is finished before the error is printed after it."""
    walk = iter(progress(steps, label) if progress else steps)
    try:
        yield walk
    finally:
        close = getattr(walk, "close", None)
        if close is not None:
            close()


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
    def load(self, *, progress: Progress | None = None) -> nx.MultiDiGraph:
        """The whole graph; a store that reads in steps reports them to ``progress``."""

    @abstractmethod
    def save(self, G: nx.MultiDiGraph, *, progress: Progress | None = None) -> None:
        """Replace the stored graph with ``G``; a store that writes in batches reports
        them to ``progress``."""

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

    # The analyst's questions (issue 5): deterministic, sorted results, so that a server
    # backend's override is checked against these by plain equality.
    def between(self, a: str, b: str) -> Between:
        G = self.load()
        return queries.between(G, queries.resolve(G, a), queries.resolve(G, b))

    def who(self, name: str) -> Who:
        G = self.load()
        return queries.who(G, queries.resolve(G, name))

    def posts(self, name: str, *, as_of: str | None = None) -> Posts:
        G = self.load()
        return queries.posts(G, queries.resolve(G, name), as_of=as_of)

    def all_paths(self, source: str, target: str, *, max_hops: int = 4, via: str | None = None,
                  limit: int = 10) -> list[PathResult]:
        G = self.load()
        return queries.all_paths(G, queries.resolve(G, source), queries.resolve(G, target),
                                 max_hops=max_hops, via=via, limit=limit)

    def rank(self, *, by: str = "degree", label: str | None = None, top: int = 10) -> Ranking:
        return queries.rank(self.load(), by=by, label=label, top=top)

    def communities(self, *, seed: int = queries.LOUVAIN_SEED, min_size: int = 1
                    ) -> Communities:
        return queries.communities(self.load(), seed=seed, min_size=min_size)

    def timeline(self, *, since: str | None = None, until: str | None = None,
                 about: str | None = None) -> Timeline:
        G = self.load()
        node = queries.resolve(G, about) if about is not None else None
        return queries.timeline(G, since=since, until=until, about=node)

    def contradictions(self) -> Contradictions:
        return queries.contradictions(self.load())
