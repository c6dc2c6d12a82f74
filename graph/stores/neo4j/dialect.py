"""What differs between the Bolt servers the store talks to, chosen from the agent string
the server sends on connecting (``driver.get_server_info().agent``).

Neo4j 5 is the production target; ArcadeDB (which speaks Bolt and openCypher) runs the
test suite. The queries in :mod:`graph.stores.neo4j.cypher` stay within what both accept;
what is left differs here:

- ArcadeDB keeps a node's labels as one type per label combination, and a uniqueness
  constraint on ``Entity`` there is not a unique index every combination shares the way
  it is on Neo4j; it is kept (it is what ``MERGE`` looks up), and an index is added per
  primary label so that ``:Organization {id: ...}`` lookups typed by hand stay fast.
- Neo4j refuses a write inside a read transaction on its own; ArcadeDB runs whatever it
  is sent, so there the read-only rule of ``diplograph cypher`` rests on the store
  refusing write clauses before sending anything (done for every server).
- Neo4j names a missing database ``Neo.ClientError.Database.DatabaseNotFound``; ArcadeDB
  reports it as a general error whose message says the database does not exist.

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

from graph.schema import SCHEMA
from graph.stores.neo4j.cypher import DOCUMENT, ENTITY

__all__ = ["Dialect", "NEO4J", "ARCADEDB", "dialect_for"]


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    # Statements that make the schema (idempotent: IF NOT EXISTS).
    schema: tuple[str, ...]
    # Whether the server enforces read-only on a read transaction itself.
    enforces_read_only: bool
    # Substrings of an error message meaning "no such database" (beside the Neo4j code).
    missing_database: tuple[str, ...]
    # Rows per UNWIND batch, one transaction each.
    batch_size: int = 1000


def _unique(label: str) -> str:
    return (f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.id IS UNIQUE")


def _index(label: str) -> str:
    return f"CREATE INDEX {label.lower()}_id IF NOT EXISTS FOR (n:{label}) ON (n.id)"


NEO4J = Dialect(name="neo4j", schema=(_unique(ENTITY), _unique(DOCUMENT)),
                enforces_read_only=True, missing_database=("DatabaseNotFound",))
ARCADEDB = Dialect(
    name="arcadedb",
    schema=(_unique(ENTITY), _unique(DOCUMENT), *(_index(label) for label in SCHEMA.labels)),
    enforces_read_only=False,
    missing_database=("not found", "not exist", "does not exist", "DatabaseNotFound"))

_AGENTS = [(re.compile(r"arcadedb", re.IGNORECASE), ARCADEDB)]


def dialect_for(agent: str | None) -> Dialect:
    """The dialect of the server announcing itself as ``agent``; Neo4j 5 by default."""
    for pattern, dialect in _AGENTS:
        if agent and pattern.search(agent):
            return dialect
    return NEO4J
