"""The query registry: one :class:`Query` entry per question the graph answers.

An entry holds the question's meaning, its reference function over a networkx graph
(doctested in its module); the type of its result; the renderer that prints that
result as plain text (the CLI's output and the result's ``str()``); the arguments
that are names typed by a user (a store resolves them to node ids before it runs the
query); and optional per-store overrides, keyed by :attr:`GraphStore.kind
<graph.stores.base.GraphStore.kind>`, that answer the same question inside a store
(SQL, Cypher). An override takes the store where the reference takes the graph, and
must return what the reference returns on the store's graph: the parity tests check
every override in :data:`QUERIES` against its reference.

Every module of this package registers its queries when it is imported, and the
package imports them all (:func:`discover`), so a new query is one new module.

Examples
--------
>>> def count(G, *, label=None):
...     '''How many nodes (with ``label``).'''
...     return sum(1 for _, a in G.nodes(data=True) if label in (None, a.get("label")))
>>> entry = Query("count", count, result=int, render=str)
>>> entry.signature
<Signature (*, label=None)>
>>> get("no such query")
Traceback (most recent call last):
...
KeyError: "No query 'no such query'; available: ..."
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

__all__ = ["Query", "QUERIES", "register", "override", "get", "renderer_for", "discover"]

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Query:
    """One question: ``reference(G, *args, **options)`` is its meaning.

    Parameters
    ----------
    name : the command, API function and store method name (``show``).
    reference : the function over a ``MultiDiGraph`` whose result defines the answer.
    result : the type ``reference`` returns.
    render : the result as plain text, as the CLI prints it.
    names : arguments of ``reference`` that are node ids, given as names a user typed
        (an id, a name or an alias); stores resolve them first.
    on_store : whether a store answers it; ``diff`` compares two graphs instead.
    overrides : store kind -> ``override(store, *args, **options)``, answering inside
        that store what ``reference`` answers over the store's graph.
    """

    name: str
    reference: Callable[..., Any]
    result: type
    render: Callable[[Any], str]
    names: tuple[str, ...] = ()
    on_store: bool = True
    overrides: dict[str, Callable[..., Any]] = field(default_factory=dict)

    @property
    def signature(self) -> inspect.Signature:
        """The reference's parameters after the graph: what a store or the API takes."""
        sig = inspect.signature(self.reference)
        return sig.replace(parameters=list(sig.parameters.values())[1:])

    @property
    def doc(self) -> str:
        """The first paragraph of the reference's docstring."""
        text = inspect.getdoc(self.reference) or ""
        return text.split("\n\n", 1)[0]


#: Every registered query, by name.
QUERIES: dict[str, Query] = {}
_RENDERERS: dict[type, Callable[[Any], str]] = {}


def register(query: Query) -> Query:
    """Add ``query`` to :data:`QUERIES`; a name registered twice is a programming error."""
    if query.name in QUERIES and QUERIES[query.name].reference is not query.reference:
        raise ValueError(f"query {query.name!r} is registered twice")
    QUERIES[query.name] = query
    _RENDERERS[query.result] = query.render
    return query


def get(name: str | Query) -> Query:
    """The entry named ``name``; a miss lists the valid names."""
    if isinstance(name, Query):
        return name
    try:
        return QUERIES[name]
    except KeyError:
        raise KeyError(f"No query {name!r}; available: {', '.join(sorted(QUERIES))}") from None


def override(name: str, store: str) -> Callable[[F], F]:
    """Decorator: register ``fn`` as the way stores of kind ``store`` answer query ``name``.

    ``fn`` takes the store, then the arguments of the reference (names already resolved
    to ids), and returns what the reference would return over the store's graph.
    """
    def add(fn: F) -> F:
        get(name).overrides[store] = fn
        return fn
    return add


def renderer_for(result_type: type) -> Callable[[Any], str] | None:
    """The plain-text renderer of a registered result type."""
    return _RENDERERS.get(result_type)


def discover(package: str = __name__.rpartition(".")[0]) -> None:
    """Import every module of ``package`` so that each registers its queries."""
    path = importlib.import_module(package).__path__
    for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
        importlib.import_module(f"{package}.{info.name}")
