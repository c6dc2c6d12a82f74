"""The server store: the graph in Neo4j (or any server speaking Bolt and openCypher),
through the official ``neo4j`` driver.

Configured as Neo4j's own tools are: ``NEO4J_URI``, ``NEO4J_USERNAME``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``. The password is read from the environment (or
passed by a caller), never shown: :attr:`Neo4jStore.location` is the URI without it.
A database may also be named as the URI's path: ``bolt://host:7687/diplograph``.

:meth:`Neo4jStore.save` makes the server graph equal to ``G`` in batched ``UNWIND ...
MERGE`` transactions keyed on ids, removing what ``G`` lacks. Each batch commits on its
own: a failed batch is rolled back by the server, the save is marked unfinished (reads
refuse the half-written graph and say so), and running the save again completes it.
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import neo4j
import networkx as nx
from neo4j import exceptions as neo4j_errors

from diplograph.graph.errors import StoreError
from diplograph.graph.schema import SCHEMA
from diplograph.graph.stores.base import GraphStore, Progress, reporting
from diplograph.graph.stores.neo4j import codec
from diplograph.graph.stores.neo4j import overrides  # noqa: F401 - registers the Cypher overrides
from diplograph.graph.stores.neo4j import cypher as q
from diplograph.graph.stores.neo4j.dialect import Dialect, dialect_for
from diplograph.graph.stores.neo4j.readonly import check_read_only

__all__ = ["Neo4jStore", "CypherResult", "SCHEMES"]

# The driver logs each retry of a failed transaction and each notification (an unknown
# label in a query...) as a warning; with no logging set up, Python prints those on
# stderr before our one-line error. The store words failures itself, so they go nowhere
# unless the application configures logging (then they reach its handlers as before).
logging.getLogger("neo4j").addHandler(logging.NullHandler())

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_USER = "neo4j"
T = TypeVar("T")
# A hook run inside each write batch's transaction, after its query: (tx, batch number).
BatchHook = Callable[[Any, int], None]


@dataclass(frozen=True, slots=True)
class CypherResult:
    """Rows of an ad-hoc query, values made plain (nodes, relationships, dates)."""

    columns: list[str]
    rows: list[list[Any]]
    counters: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"columns": self.columns,
                "rows": [dict(zip(self.columns, row)) for row in self.rows],
                "counters": self.counters}


def split_uri(uri: str) -> tuple[str, str | None]:
    """(URI for the driver, database named in its path or None); refuses credentials."""
    parts = urlsplit(uri)
    if parts.scheme.lower() not in SCHEMES:
        raise StoreError(f"{parts.scheme or uri!r} is not a Bolt URI scheme; use one of "
                         f"{', '.join(SCHEMES)} (e.g. bolt://localhost:7687)")
    if parts.username or parts.password:
        raise StoreError("Put no credentials in the server URI: set NEO4J_USERNAME (or "
                         "pass {user}) and NEO4J_PASSWORD instead", user="user=...")
    database = parts.path.strip("/") or None
    return urlunsplit((parts.scheme, parts.netloc, "", parts.query, "")), database


class Neo4jStore(GraphStore):
    """The graph in a Neo4j database (or ArcadeDB over Bolt).

    Arguments left ``None`` come from ``NEO4J_URI``, ``NEO4J_USERNAME`` (default
    ``neo4j``), ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` (default: the server's own).
    """

    kind = "neo4j"
    batch_hook: BatchHook | None = None  # tests use it to fail a batch on the server

    def __init__(self, uri: str | None = None, *, user: str | None = None,
                 password: str | None = None, database: str | None = None,
                 batch_size: int | None = None, **_ignored: object) -> None:
        uri = uri or os.environ.get("NEO4J_URI")
        if not uri:
            raise StoreError("No server given: pass {uri} (a Bolt URI such as "
                             "bolt://localhost:7687) or set NEO4J_URI", uri="uri=...")
        self.uri, in_path = split_uri(uri)
        self.user = user or os.environ.get("NEO4J_USERNAME") or DEFAULT_USER
        self._password = password if password is not None else os.environ.get(
            "NEO4J_PASSWORD", "")
        self.database = database or in_path or os.environ.get("NEO4J_DATABASE") or None
        self._batch_size = batch_size
        self._driver: neo4j.Driver | None = None
        self._dialect: Dialect | None = None

    def __repr__(self) -> str:
        return f"Neo4jStore({self.location!r})"

    @property
    def location(self) -> str:
        return f"{self.uri}/{self.database}" if self.database else self.uri

    # --- connection ------------------------------------------------------------------

    @property
    def driver(self) -> neo4j.Driver:
        if self._driver is None:
            try:
                driver = neo4j.GraphDatabase.driver(
                    self.uri, auth=(self.user, self._password), connection_timeout=10,
                    max_transaction_retry_time=5)
            except (ValueError, neo4j_errors.ConfigurationError) as exc:
                raise StoreError(f"Cannot use {self.location}: {exc}") from None
            # Fail at once, in one line, on a server that is down or refuses the user,
            # rather than after the driver's retries (which log as they go).
            try:
                self._guard(driver.verify_connectivity)
            except StoreError:
                driver.close()
                raise
            self._driver = driver
        return self._driver

    @property
    def dialect(self) -> Dialect:
        if self._dialect is None:
            info = self._guard(self.driver.get_server_info)
            self._dialect = dialect_for(info.agent)
        return self._dialect

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def __del__(self) -> None:  # a store opened for one command is not always closed
        try:
            self.close()
        except Exception:  # noqa: BLE001 - nothing to report to at interpreter exit
            pass

    def _guard(self, call: Callable[[], T]) -> T:
        """Run ``call``, turning the driver's errors into one-line ``StoreError``s."""
        try:
            return call()
        except neo4j_errors.AuthError:
            if self._driver is not None:  # it took these credentials before: not a typo
                raise StoreError(f"The server at {self.location} stopped accepting user "
                                 f"{self.user!r} (is it shutting down?)") from None
            raise StoreError(f"The server at {self.location} refused user {self.user!r}: "
                             "check NEO4J_USERNAME/{user} and NEO4J_PASSWORD",
                             user="user=...") from None
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError):
            raise StoreError(f"Cannot reach a Bolt server at {self.uri}: is it running? "
                             "(check {uri} / NEO4J_URI)", uri="uri=...") from None
        except neo4j_errors.Neo4jError as exc:
            raise self._server_error(exc) from None
        except neo4j_errors.DriverError as exc:
            raise StoreError(f"{self.location}: {_first_line(str(exc))}") from None

    def _server_error(self, exc: neo4j_errors.Neo4jError) -> StoreError:
        message = _first_line(exc.message or str(exc))
        # A write in a READ session: refused as such, or, for a new label or type, as a
        # privilege the READ mode overrides (e.g. a write inside apoc.cypher.run).
        if exc.code == "Neo.ClientError.Statement.AccessMode" or (
                exc.code == "Neo.ClientError.Security.Forbidden"
                and "overridden by READ" in message):
            return StoreError("This query writes to the database, which the server refused "
                              "in a read-only session; pass {write} to allow it",
                              write="write=True")
        if exc.code == "Neo.TransientError.General.DatabaseUnavailable":
            return StoreError(f"The database at {self.location} is not available (is the "
                              "server starting or shutting down?); try again later")
        if "DatabaseNotFound" in (exc.code or ""):
            return StoreError(f"Database {self.database!r} does not exist on {self.uri}: "
                              "create it, or pick another with {database} / NEO4J_DATABASE",
                              database="database=...")
        return StoreError(f"{self.location} refused the query: {message}")

    @contextmanager
    def _session(self, write: bool = False) -> Iterator[neo4j.Session]:
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        session = self.driver.session(database=self.database, default_access_mode=mode)
        try:
            yield session
        finally:
            session.close()

    def _read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(query, params)]

        def call() -> list[dict[str, Any]]:
            with self._session() as session:
                return session.execute_read(work)
        return self._guard(call)

    def _write(self, query: str, hook_batch: int | None = None, expect: int | None = None,
               **params: Any) -> list[dict[str, Any]]:
        """Run ``query`` in a write transaction and return its rows. With ``expect``,
        the query returns its count as ``n``; any other count rolls the transaction back
        (a batch that could not write every row it was given is not kept)."""
        hook = type(self).batch_hook

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            rows = [record.data() for record in tx.run(query, params)]
            if expect is not None and [row.get("n") for row in rows] != [expect]:
                raise StoreError(f"{self.location}: a batch wrote {rows[0]['n'] if rows else 0}"
                                 f" of its {expect} rows (were nodes removed while saving?); "
                                 "nothing of it was kept: run the push (or build) again")
            if hook is not None and hook_batch is not None:
                hook(tx, hook_batch)
            return rows

        def call() -> list[dict[str, Any]]:
            with self._session(write=True) as session:
                return session.execute_write(work)
        return self._guard(call)

    # --- the store protocol ----------------------------------------------------------

    def _meta(self) -> dict[str, Any] | None:
        rows = self._read(q.READ_META)
        return rows[0] if rows else None

    def exists(self) -> bool:
        return self._meta() is not None

    def _check_complete(self) -> None:
        meta = self._meta()
        if meta is None:
            raise StoreError(f"No graph in {self.location}. Push one with '{{push}}' or "
                             "build into it with '{build}' and this URI as the store",
                             push="diplograph.api.push(uri=...)",
                             build="diplograph.api.build()")
        if not meta["complete"]:
            raise StoreError(f"The last save to {self.location} did not finish; run the push "
                             "(or build) again to complete it")

    def load(self, *, progress: Progress | None = None) -> nx.MultiDiGraph:
        """The graph, read in steps (documents, the nodes of each label, the ties of each
        type) that are reported to ``progress``."""
        with codec.no_cyclic_gc():
            return self._load(progress)

    def _load(self, progress: Progress | None) -> nx.MultiDiGraph:
        self._check_complete()
        meta = self._meta() or {}
        graph_attrs = json.loads(meta.get("graph") or "{}")
        steps = [("documents", q.ALL_DOCUMENTS),
                 *(("nodes", q.NODES_OF(label)) for label in SCHEMA.labels),
                 *(("edges", q.EDGES_OF(type_)) for type_ in SCHEMA.relations)]
        rows: dict[str, list[dict[str, Any]]] = {"documents": [], "nodes": [], "edges": []}
        with reporting(progress, steps, f"Loading from {self.location}") as walk:
            for part, query in walk:
                rows[part] += self._read(query)
        documents = {row["id"]: codec.decode(row["props"]) for row in rows["documents"]}
        G = nx.MultiDiGraph(**graph_attrs, documents=documents)
        for row in sorted(rows["nodes"], key=lambda r: r["id"]):
            G.add_node(row["id"], **codec.decode(row["props"]))
        for row in sorted(rows["edges"], key=lambda r: (r["s"], r["props"]["type"], r["t"])):
            attrs = codec.decode(row["props"])
            G.add_edge(row["s"], row["t"], key=attrs["type"], **attrs)
        return G

    def save(self, G: nx.MultiDiGraph, *, progress: Progress | None = None) -> None:
        from diplograph.graph.stores.neo4j.writer import save_graph
        save_graph(self, G, progress)

    @property
    def batch_size(self) -> int:
        return self._batch_size or self.dialect.batch_size

    # --- reading parts of the graph (the Cypher overrides of the queries use it) -----

    def _subgraph(self, ids: Iterable[str], edges: list[dict[str, Any]] | None = None
                  ) -> nx.MultiDiGraph:
        """The nodes ``ids`` and the ties among them (or ``edges``), fetched from the server."""
        ids = sorted(set(ids))
        G = nx.MultiDiGraph()
        for row in sorted(self._read(q.NODES_BY_IDS, ids=ids), key=lambda r: r["id"]):
            G.add_node(row["id"], **codec.decode(row["props"]))
        rows = self._read(q.EDGES_AMONG, ids=ids) if edges is None else edges
        for row in sorted(rows, key=lambda r: (r["s"], r["props"]["type"], r["t"])):
            attrs = codec.decode(row["props"])
            if row["s"] in G and row["t"] in G:
                G.add_edge(row["s"], row["t"], key=attrs["type"], **attrs)
        return G

    # --- ad-hoc Cypher ---------------------------------------------------------------

    def run_cypher(self, query: str, params: dict[str, Any] | None = None, *,
                   write: bool = False) -> CypherResult:
        """Run ``query``; unless ``write``, only if it cannot change the database.

        The read-only rule has four layers (see :mod:`graph.stores.neo4j.readonly`): the
        query's clauses and procedures are checked before sending, it runs in a READ
        session (which Neo4j enforces), and it is rolled back if its counters say it
        wrote anyway."""
        if not write:
            check_read_only(query)  # layers 1 and 2: clauses, procedures

        def work(tx: neo4j.ManagedTransaction) -> CypherResult:
            result = tx.run(query, params or {})
            rows = [[_plain(v) for v in record.values()] for record in result]
            summary = result.consume()
            if not write and (summary.counters.contains_updates
                              or summary.counters.contains_system_updates):
                # layer 4: raising inside the transaction function rolls it back
                raise _ReadOnlyViolation
            counters = {k: v for k, v in vars(summary.counters).items()
                        if isinstance(v, int) and not isinstance(v, bool) and v}
            return CypherResult(columns=list(result.keys()), rows=rows, counters=counters)

        def call() -> CypherResult:
            with self._session(write=write) as session:  # layer 3: a READ session
                return (session.execute_write if write else session.execute_read)(work)
        try:
            return self._guard(call)
        except _ReadOnlyViolation:
            raise StoreError("This query changed the database, so it was rolled back; pass "
                             "{write} to allow it", write="write=True") from None


class _ReadOnlyViolation(Exception):
    """A read-only query wrote on a server that does not refuse it by itself."""


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0][:300]


def _plain(value: Any) -> Any:
    """A driver value as plain JSON-ready data."""
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, "start": value.start_node.get("id") if value.start_node
                else None, "end": value.end_node.get("id") if value.end_node else None,
                **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
