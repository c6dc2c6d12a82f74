"""The store protocol. A store holds one graph: it loads it, saves it, and answers the
registered queries (:data:`graph.queries.QUERIES`), each through the store's own
override when the query has one for its :attr:`~GraphStore.kind`, else by running the
query's reference function over :meth:`~GraphStore.load`.

``store.run("show", "Monterey Talks")`` answers one; :mod:`diplograph.api` has a
function of the same name for each. ``store.trusting(0.8)`` is the store seen through
``--min-confidence 0.8`` (and ``--checked-only``): by default a :class:`Trusted` view
that runs every reference over the filtered graph; a store that can filter itself
(SQLite) returns a store whose overrides see only what passes.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from diplograph.graph.errors import DiplographError
from diplograph.graph.queries import QUERIES, Query, get

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GraphStore", "Trusted", "Progress", "reporting"]

T = TypeVar("T")
# Reports long work: called with the steps to be done and a label, it returns an
# iterable of the same steps (a progress bar, say), which the store then works through.
Progress = Callable[[Sequence[Any], str], Iterable[Any]]
RESOLVE = "resolve"


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
    """Where a graph lives. Subclasses implement ``exists``, ``load`` and ``save``, and
    name their :attr:`kind`, the key of their overrides in each query's entry."""

    #: The key of this store's overrides in :attr:`Query.overrides`.
    kind: ClassVar[str] = ""

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

    def trusting(self, min_confidence: float = 0.0, checked_only: bool = False) -> GraphStore:
        """This store with only the ties at least ``min_confidence`` sure (and, with
        ``checked_only``, checked by a person), and the nodes that pass or end one
        (:func:`graph.provenance.trusted`). It cannot be written. Close it after use
        (closing it leaves this store open)."""
        return Trusted(self, min_confidence, checked_only)

    # --- queries ---------------------------------------------------------------------

    def override(self, query: Query) -> Callable[..., Any] | None:
        """How this store answers ``query`` itself, or None to run its reference."""
        return query.overrides.get(self.kind)

    def run(self, query: str | Query, /, *args: Any, **options: Any) -> Any:
        """Answer ``query`` (a name in :data:`QUERIES`) with the arguments its reference
        takes after the graph; the arguments that are names (``Query.names``) are
        resolved to node ids first, and the graph is loaded at most once."""
        entry = get(query)
        call = entry.signature.bind(*args, **options)
        loaded: list[nx.MultiDiGraph] = []

        def graph() -> nx.MultiDiGraph:
            if not loaded:
                loaded.append(self.load())
            return loaded[0]

        for param in entry.names:
            if call.arguments.get(param) is not None:
                call.arguments[param] = self._answer(QUERIES[RESOLVE], graph,
                                                     (call.arguments[param],), {})
        return self._answer(entry, graph, call.args, call.kwargs)

    def _answer(self, entry: Query, graph: Callable[[], nx.MultiDiGraph],
                args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        own = self.override(entry)
        if own is not None:
            return own(self, *args, **kwargs)
        return entry.reference(graph(), *args, **kwargs)


class Trusted(GraphStore):
    """A store seen through ``--min-confidence``/``--checked-only``: its graph with only
    the ties that pass (:func:`graph.provenance.trusted`). It has no overrides of its
    own, so every query runs its reference over the filtered graph."""

    kind = "trusted"

    def __init__(self, store: GraphStore, min_confidence: float, checked_only: bool) -> None:
        self.store, self.min_confidence, self.checked_only = store, min_confidence, checked_only

    @property
    def location(self) -> str:
        return self.store.location

    def exists(self) -> bool:
        return self.store.exists()

    def load(self, *, progress: Progress | None = None) -> nx.MultiDiGraph:
        from diplograph.graph.provenance import trusted
        return trusted(self.store.load(progress=progress), min_confidence=self.min_confidence,
                       checked_only=self.checked_only)

    def save(self, G: nx.MultiDiGraph, *, progress: Progress | None = None) -> None:
        raise DiplographError(f"{self.location} is open filtered ({{min_confidence}}, "
                              "{checked_only}): it cannot be written",
                              min_confidence="min_confidence", checked_only="checked_only")
