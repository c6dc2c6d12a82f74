"""What differs between the Bolt servers the store talks to, chosen from the agent string
the server sends on connecting (``driver.get_server_info().agent``).

Neo4j 5 is the production target, and the server suite runs on Neo4j Community 5.26;
ArcadeDB (which speaks Bolt and openCypher) runs the parity and read-only suites beside
it. The queries in :mod:`graph.stores.neo4j.cypher` stay within what both accept; what
is left differs here. Differences that need no dialect (measured on both):

- Neo4j refuses a write inside a read transaction; ArcadeDB runs it (a ``CREATE`` in
  ``execute_read`` commits), has its own ``apoc.do.when`` and
  ``apoc.refactor.mergeNodes``, which write there without counting it, and commits the
  inner transactions of ``CALL {} IN TRANSACTIONS`` in a read transaction. The
  read-only rule of ``diplograph cypher`` therefore does not rest on the server: see
  :mod:`graph.stores.neo4j.readonly` for its layers.
- Neo4j sends notifications (a label or property key it has not seen, as in the
  saver's first read of an empty database), which the driver logs as warnings; the
  store sends the driver's log nowhere unless logging is set up.
- A Neo4j that is shutting down answers ``DatabaseUnavailable`` for some seconds, then
  nothing; the store says which.

Differences the dialect below handles:
- ArcadeDB keeps each combination of labels as a type of its own, under which the
  ``Entity`` uniqueness constraint still holds (measured: a second ``:Entity:Person``
  with a taken id is refused); an index on ``id`` per primary label is added there so
  that lookups typed by hand (``MATCH (n:Organization {id: ...})``) are indexed too.
  On Neo4j the constraints alone are kept.

- ArcadeDB looks a ``MERGE`` with several labels (``:Entity:Organization:Ministry``)
  up by scanning, not through the ``Entity`` id index (measured: 1,000-row batches
  slowing from 0.7 s to 3.6 s as 5,000 nodes load, while ``CREATE`` stays at 0.2 s and
  ``MATCH (:Entity {id})`` is indexed). There nodes are written as the saver already
  knows them to be: ``CREATE`` for ids absent from the server, ``MATCH ... SET`` for
  those present (the uniqueness constraint still refuses a duplicate). Neo4j's
  ``MERGE`` uses the constraint's index, so there it stays ``MERGE``.
- For the same reason a lookup of ``(:Entity {id})`` costs ArcadeDB one index probe
  per label combination: it was 60% of the time of writing a tie (measured: 1,000 new
  ties take 0.071 s found by id, 0.033 s found by element id). ArcadeDB's element id is
  the record's address (``#bucket:position``), fixed while the record lives, so there
  the saver keeps each node's element id (returned by the ``CREATE`` that writes it, or
  read with what the server holds) and finds the ends of new ties by it. Neo4j promises
  element ids only within one transaction, so there ties find their ends by id.

What is the same on both (measured, so not here): ``UNWIND ... MERGE``, ``SET n =
$map``, ``IF NOT EXISTS`` schema statements, ``allShortestPaths``, ``COUNT {}``,
``startNode``/``endNode``, the ``DatabaseNotFound`` error code, ``AuthError``, and a
server-side error rolling back the whole transaction.

Examples
--------
>>> dialect_for("Neo4j/5.26.0").name
'neo4j'
>>> dialect_for("Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)").name
'arcadedb'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from diplograph.graph.schema import SCHEMA
from diplograph.graph.stores.neo4j.cypher import DOCUMENT, ENTITY

__all__ = ["Dialect", "NEO4J", "ARCADEDB", "dialect_for"]


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    # Statements that make the schema (idempotent: IF NOT EXISTS).
    schema: tuple[str, ...]
    # Whether MERGE on several labels is index-backed (else create/update separately).
    indexed_merge: bool
    # Whether new ties find their ends by element id (else by id, through the index).
    ends_by_element_id: bool
    # Rows per UNWIND batch, one transaction each.
    batch_size: int = 1000


def _unique(label: str) -> str:
    return (f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.id IS UNIQUE")


def _index(label: str) -> str:
    return f"CREATE INDEX {label.lower()}_id IF NOT EXISTS FOR (n:{label}) ON (n.id)"


NEO4J = Dialect(name="neo4j", schema=(_unique(ENTITY), _unique(DOCUMENT)),
                indexed_merge=True, ends_by_element_id=False)
ARCADEDB = Dialect(
    name="arcadedb",
    schema=(_unique(ENTITY), _unique(DOCUMENT), *(_index(label) for label in SCHEMA.labels)),
    indexed_merge=False, ends_by_element_id=True)

_AGENTS = [(re.compile(r"arcadedb", re.IGNORECASE), ARCADEDB)]


def dialect_for(agent: str | None) -> Dialect:
    """The dialect of the server announcing itself as ``agent``; Neo4j 5 by default."""
    for pattern, dialect in _AGENTS:
        if agent and pattern.search(agent):
            return dialect
    return NEO4J
