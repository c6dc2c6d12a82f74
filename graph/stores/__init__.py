"""Open a store from a path or URI. :data:`SCHEMES` maps URI schemes to store factories;
anything that is not a registered URI is a directory for the embedded store, SQLite
(``graph.db``). ``json://PATH`` opens a folder's ``graph.json`` as the store of earlier
versions kept it, without converting it; ``sqlite://PATH`` says the default outright."""
from __future__ import annotations

import os
from collections.abc import Callable

from diplograph.graph.errors import StoreError
from diplograph.graph.stores.base import GraphStore
from diplograph.graph.stores.embedded import EmbeddedStore
from diplograph.graph.stores.sqlite import SQLiteStore

__all__ = ["GraphStore", "EmbeddedStore", "SQLiteStore", "SCHEMES", "DEFAULT_STORE", "open_store",
           "default_location"]

DEFAULT_STORE = "./diplograph-data"

SCHEMES: dict[str, Callable[..., GraphStore]] = {}


def _neo4j_store(location: str, **options: object) -> GraphStore:
    from diplograph.graph.stores.neo4j import Neo4jStore  # the driver loads only when a URI is used
    return Neo4jStore(location, **options)  # type: ignore[arg-type]


SCHEMES["sqlite"] = lambda location, **options: SQLiteStore(location.partition("://")[2])
SCHEMES["json"] = lambda location, **options: EmbeddedStore(location.partition("://")[2])
for _scheme in ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"):
    SCHEMES[_scheme] = _neo4j_store


def default_location() -> str:
    """``$DIPLOGRAPH_STORE`` when set, else ``./diplograph-data``."""
    return os.environ.get("DIPLOGRAPH_STORE") or DEFAULT_STORE


def open_store(location: str | os.PathLike[str] | None = None, **options: object) -> GraphStore:
    """The store at ``location`` (default :func:`default_location`).

    ``options`` go to a server store's factory (user, database, ...).
    """
    where = str(location or default_location())
    scheme, sep, _ = where.partition("://")
    if sep:
        factory = SCHEMES.get(scheme.lower())
        if factory is None:
            raise StoreError(f"Unknown store scheme {scheme!r}; known: "
                             f"{', '.join(sorted(SCHEMES)) or 'none'} (or a directory path)")
        return factory(where, **options)
    return SQLiteStore(where)
