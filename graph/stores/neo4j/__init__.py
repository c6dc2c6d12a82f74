"""The server store: Neo4j (or ArcadeDB) over Bolt. See :mod:`graph.stores.neo4j.store`.

The ``neo4j`` driver is imported here and nowhere else in diplograph; ``graph.stores``
registers this package's URI schemes and imports it only when one is opened.
"""
from graph.stores.neo4j.dialect import ARCADEDB, NEO4J, Dialect, dialect_for
from graph.stores.neo4j.store import SCHEMES, CypherResult, Neo4jStore

__all__ = ["Neo4jStore", "CypherResult", "SCHEMES", "Dialect", "NEO4J", "ARCADEDB",
           "dialect_for"]
