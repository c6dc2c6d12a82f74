"""The server store: Neo4j (or ArcadeDB) over Bolt. See :mod:`graph.stores.neo4j.store`.

The ``neo4j`` driver is imported in :mod:`.store` and nowhere else in diplograph. The
store's names are exported lazily, so that the driver-free modules of this package
(the Cypher texts, the row writer, the codec, used by the exports too) load without it;
``graph.stores`` registers the URI schemes and opens a store only when one is used.
"""
from typing import Any

from diplograph.graph.stores.neo4j.dialect import ARCADEDB, NEO4J, Dialect, dialect_for

__all__ = ["Neo4jStore", "CypherResult", "SCHEMES", "Dialect", "NEO4J", "ARCADEDB",
           "dialect_for"]

_FROM_STORE = ("Neo4jStore", "CypherResult", "SCHEMES")


def __getattr__(name: str) -> Any:
    if name in _FROM_STORE:
        from diplograph.graph.stores.neo4j import store
        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
