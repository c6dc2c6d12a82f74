"""The embedded default store: the graph in one SQLite file, ``graph.db``, in a folder.

The tables (:mod:`graph.stores.tables`) are plain enough for ``sqlite-utils`` and
Datasette; the queries that look at a neighbourhood read only it, through indexes
(:mod:`graph.stores.sqlite_queries`), and the others load the graph in a few bulk reads.

A save builds the database in memory, writes it as a new file beside ``graph.db`` and
renames it over the old one (:func:`graph.files.atomic_open`), so a reader sees the old
graph or the new one, never half of one; a reader that opened the old file keeps
reading it. Saves hold an exclusive lock on
``graph.lock`` in the folder, so two builds at once run one after the other and the
graph left is the whole of the last one. A folder that holds only the ``graph.json`` of
earlier versions is converted once, with a line on stderr saying so; when the folder
cannot be written, ``graph.json`` is read as it is. A ``graph.db`` of an earlier layout
(:data:`~graph.stores.tables.UPGRADABLE`) is rewritten in the current one the same way.

``--min-confidence`` and ``--checked-only`` (:meth:`SQLiteStore.trusting`) are a
connection that sees the tables through filtering views
(:func:`graph.stores.tables.trusting_views`), so every override answers them in SQL.
"""
from __future__ import annotations

import fcntl
import json
from collections import Counter
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplograph.graph.errors import DiplographError, OutputError, StoreError
from diplograph.graph.stores.base import GraphStore, Progress
from diplograph.graph.stores.tables import (CITATIONS, DDL, DOCUMENTS, INDEXES, NODES,
                                            SCHEMA_VERSION, TIES, TRUST_COLUMNS, UPGRADABLE,
                                            Columns, Shapes, trusting_views)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["SQLiteStore", "DB_FILE", "LOCK_FILE", "notice"]

DB_FILE = "graph.db"
LOCK_FILE = "graph.lock"
LEGACY_FILE = "graph.json"
_FORMAT = "diplograph"


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


#: Where the store says what it did on its own (the one-time conversion): stderr.
notice: Callable[[str], None] = _stderr


def _aliases(attrs: dict[str, Any]) -> list[str] | None:
    """A node's aliases when they are a list of text (else they stay in ``extra``)."""
    value = attrs.get("aliases")
    ok = isinstance(value, list) and all(type(a) is str for a in value)
    return value if ok else None


def _evidence(attrs: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The citations when they are a list of dicts (else they stay in ``extra``)."""
    value = attrs.get("evidence")
    ok = isinstance(value, list) and all(type(c) is dict for c in value)
    return value if ok else None


class SQLiteStore(GraphStore):
    """A folder holding ``graph.db``."""

    kind = "sqlite"

    def __init__(self, path: str | Path, *, trust: tuple[float, bool] | None = None) -> None:
        self.path = Path(path)
        self.trust = trust   # (min_confidence, checked_only) this store is seen through
        self._db: sqlite3.Connection | None = None
        self._legacy: GraphStore | None = None   # graph.json read as it is

    def __repr__(self) -> str:
        trust = f", trust={self.trust!r}" if self.trust else ""
        return f"SQLiteStore({str(self.path)!r}{trust})"

    @property
    def location(self) -> str:
        return str(self.path)

    @property
    def file(self) -> Path:
        return self.path / DB_FILE

    def exists(self) -> bool:
        return self.file.is_file() or (self.path / LEGACY_FILE).is_file()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def override(self, query: Any) -> Callable[..., Any] | None:
        self._opened()
        return None if self._legacy is not None else super().override(query)

    def trusting(self, min_confidence: float = 0.0, checked_only: bool = False) -> GraphStore:
        """The same file through a connection of its own that sees only what passes."""
        if self._opened() is None:   # graph.json read as it is: filter what it loads
            return super().trusting(min_confidence, checked_only)
        return type(self)(self.path, trust=(min_confidence, checked_only))

    # --- reading ---------------------------------------------------------------------

    def _opened(self) -> sqlite3.Connection | None:
        """The read connection (None while graph.json is read as it is)."""
        if self._db is not None or self._legacy is not None:
            return self._db
        if not self.file.is_file():
            if not (self.path / LEGACY_FILE).is_file():
                raise StoreError(f"No graph in {self.path}. Run '{{build}}' first "
                                 "(or pass {store} / set DIPLOGRAPH_STORE).",
                                 build="diplograph.api.build()", store="store=...")
            self._convert()
            if self._legacy is not None:
                return None
        self._db = self._connect()
        return self._db

    def _connect(self) -> sqlite3.Connection:
        db, layout = self._read_only()
        if layout in UPGRADABLE:
            self._upgrade(db, layout)
            db, layout = self._read_only()
        if layout != str(SCHEMA_VERSION):
            db.close()
            raise StoreError(f"{self.file} is not a diplograph graph of layout "
                             f"{SCHEMA_VERSION} (it says {layout!r}); rebuild it "
                             "with '{build}'.", build="diplograph.api.build()")
        if self.trust is not None:
            for statement, params in trusting_views(*self.trust):
                db.execute(statement, params)
        return db

    def _read_only(self) -> tuple[sqlite3.Connection, str | None]:
        """A read-only connection to the file, and the layout it says it has."""
        try:
            db = sqlite3.connect(f"{self.file.resolve().as_uri()}?mode=ro", uri=True,
                                 check_same_thread=False)
            found = dict(db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.file} is not a diplograph graph: {exc}") from None
        if found.get("format") != _FORMAT:
            db.close()
            raise StoreError(f"{self.file} is not a diplograph graph (no format mark)")
        return db, found.get("layout")

    def _upgrade(self, db: sqlite3.Connection, layout: str) -> None:
        """Rewrite a graph.db of an earlier layout in this one, once (the graph it holds
        reads the same: the layouts differ in derived columns only)."""
        self._db = db
        try:
            G = self.graph(None)
        finally:
            self._db = None
            db.close()
        try:
            with self.locked():
                current, now = self._read_only()
                current.close()
                if now == layout:   # not upgraded meanwhile by another process
                    self._write(G)
        except (StoreError, OutputError) as exc:
            raise StoreError(f"{self.file} has the layout of an earlier version ({layout}) "
                             f"and could not be rewritten in layout {SCHEMA_VERSION}: {exc}. "
                             "Make the folder writable, or rebuild with '{build}'.",
                             build="diplograph.api.build()") from None
        notice(f"Rewrote {self.file} in the layout of this version ({layout} -> "
               f"{SCHEMA_VERSION}); versions before it no longer read it.")

    def part(self, *, focus: str | None = None, depth: int = 1, top: int | None = None
             ) -> nx.MultiDiGraph | None:
        """The part of the graph a picture of ``focus`` (an id) within ``depth`` ties,
        or of the ``top`` nodes by degree, draws, read alone; None while graph.json is
        read as it is."""
        from diplograph.graph.stores.sqlite_queries import by_degree, levels
        if self._opened() is None:
            return None
        nodes = levels(self, focus, depth) if focus is not None else by_degree(self, top or 0)
        return self.graph(nodes, documents=True)

    def sql(self, query: str, *params: Any) -> list[tuple[Any, ...]]:
        """Rows of a read-only ``query`` over the store (its overrides use this)."""
        db = self._opened()
        assert db is not None, "graph.json is read as it is: no SQL"
        return db.execute(query, params).fetchall()

    def load(self, *, progress: Progress | None = None) -> nx.MultiDiGraph:
        if self._opened() is None:
            assert self._legacy is not None
            return self._legacy.load(progress=progress)
        return self.graph(nodes=None)

    def graph(self, nodes: Iterable[str] | None, *, documents: bool = False
              ) -> nx.MultiDiGraph:
        """The whole graph (``nodes`` None) or the part of it on ``nodes``: those nodes
        and every tie among them, each with all its attributes. The whole graph has the
        graph's attributes and documents; a part has them with ``documents``, and then
        only the documents its citations name."""
        import networkx as nx
        db = self._opened()
        assert db is not None
        shapes = {i: tuple(json.loads(k)) for i, k in db.execute("SELECT id, keys FROM shapes")}
        if nodes is None:
            on, ids = "", ()
            G = nx.MultiDiGraph(**self._graph_attrs(db), documents=self._documents(db, shapes))
        else:
            on, ids = " IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(nodes))),)
            G = nx.MultiDiGraph()
        aliases: dict[str, list[str]] = {}
        for node, alias in db.execute(f"SELECT node, alias FROM aliases"
                                      f"{' WHERE node' + on if on else ''} ORDER BY node, seq",
                                      ids):
            aliases.setdefault(node, []).append(alias)
        cited = self._citations(db, shapes, "node",
                                f" WHERE node{on or ' IS NOT NULL'}", ids)
        cols = ", ".join(f'"{c}"' for c in NODES.names)
        for row in db.execute(f"SELECT {cols} FROM nodes{' WHERE id' + on if on else ''} "
                              "ORDER BY id", ids):
            G.add_node(row[0], **NODES.decode(row[1:], shapes, {
                "aliases": aliases.get(row[0], []), "evidence": cited.get(row[0], [])}))
        tie_where = (f" WHERE source{on} AND target{on}" if on else "")
        tie_ids = ids * 2
        cols = ", ".join(f'"{c}"' for c in TIES.names)
        rows = db.execute(f"SELECT {cols} FROM ties{tie_where} ORDER BY source, type, target",
                          tie_ids).fetchall()
        if on:
            tie_on = " IN (SELECT value FROM json_each(?))"
            cited = self._citations(db, shapes, "tie", f" WHERE tie{tie_on}",
                                    (json.dumps([r[0] for r in rows]),))
        else:
            cited = self._citations(db, shapes, "tie", " WHERE tie IS NOT NULL", ())
        for row in rows:
            _, source, key, target = row[:4]
            G.add_edge(source, target, key=key, **TIES.decode(row[4:], shapes, {
                "type": key, "evidence": cited.get(row[0], [])}))
        if on and documents:
            named = {c.get("doc") for _, _, a in G.edges(data=True)
                     for c in a.get("evidence", []) if isinstance(c, dict)}
            named |= {c.get("doc") for _, a in G.nodes(data=True)
                      for c in a.get("evidence", []) if isinstance(c, dict)}
            found = self._documents(db, shapes, {d for d in named if isinstance(d, str)})
            G.graph.update(self._graph_attrs(db), documents=found)
        return G

    @staticmethod
    def _graph_attrs(db: sqlite3.Connection) -> dict[str, Any]:
        rows = db.execute("SELECT key, value FROM graph ORDER BY seq")
        return {k: json.loads(v) for k, v in rows}

    @staticmethod
    def _documents(db: sqlite3.Connection, shapes: dict[int, tuple[str, ...]],
                   only: set[str] | None = None) -> dict[str, dict[str, Any]]:
        cols = ", ".join(f'"{c}"' for c in DOCUMENTS.names)
        where, params = "", ()
        if only is not None:
            where, params = " WHERE id IN (SELECT value FROM json_each(?))", (
                json.dumps(sorted(only)),)
        return {row[0]: DOCUMENTS.decode(row[1:], shapes, {"id": row[0]})
                for row in db.execute(f"SELECT {cols} FROM documents{where} ORDER BY id",
                                      params)}

    @staticmethod
    def _citations(db: sqlite3.Connection, shapes: dict[int, tuple[str, ...]], owner: str,
                   where: str, params: tuple[Any, ...]) -> dict[Any, list[dict[str, Any]]]:
        cols = ", ".join(f'"{c}"' for c in CITATIONS.names[2:])
        out: dict[Any, list[dict[str, Any]]] = {}
        for row in db.execute(f"SELECT {owner}, {cols} FROM citations{where} "
                              f"ORDER BY {owner}, seq", params):
            out.setdefault(row[0], []).append(CITATIONS.decode(row[2:], shapes, {}))
        return out

    # --- writing ---------------------------------------------------------------------

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder's write lock: saves (and the conversion) run one at a time."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot write {self.file}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)   # closing releases the lock

    def save(self, G: nx.MultiDiGraph, *, progress: Progress | None = None) -> None:
        if self.trust is not None:
            raise DiplographError(f"{self.location} is open filtered ({{min_confidence}}, "
                                  "{checked_only}): it cannot be written",
                                  min_confidence="min_confidence", checked_only="checked_only")
        with self.locked():
            self._write(G)
        self.close()   # the next read opens the new file

    def _write(self, G: nx.MultiDiGraph) -> None:
        """Build the database in memory, then write it whole as graph.db beside the old
        one and rename it over it (:func:`graph.files.atomic_open`: a full disk or a
        kill leaves the old file as it was, and no temporary file)."""
        from diplograph.graph.files import atomic_open
        db = sqlite3.connect(":memory:", isolation_level=None)
        try:
            db.execute("BEGIN")
            for statement in DDL:
                db.execute(statement)
            _fill(db, G)
            for statement in INDEXES:
                db.execute(statement)
            db.execute("COMMIT")
            db.execute("ANALYZE")
            data = db.serialize()
        finally:
            db.close()
        self.path.mkdir(parents=True, exist_ok=True)
        with atomic_open(self.file, binary=True, durable=True) as fh:
            fh.write(data)

    def _convert(self) -> None:
        """Turn the folder's graph.json into graph.db once; read it as it is when the
        folder cannot be written (a graph.json that is not a graph is an error either way)."""
        from diplograph.graph.stores.embedded import EmbeddedStore
        legacy = EmbeddedStore(self.path)
        G = legacy.load()
        try:
            with self.locked():
                if self.file.is_file():   # another process converted it meanwhile
                    return
                self._write(G)
        except (StoreError, OutputError) as exc:
            notice(f"Reading {legacy.file} as it is: it could not be converted to "
                   f"{DB_FILE} ({exc}).")
            self._legacy = legacy
            return
        notice(f"Converted {legacy.file} to {self.file}, which holds the graph from now "
               f"on; {LEGACY_FILE} is no longer read and may be deleted.")


def _used_columns(G: nx.MultiDiGraph) -> tuple[Columns, Columns, Columns]:
    """The node, tie and citation tables with only the columns ``G`` has values for."""
    node_keys: set[str] = set()
    tie_keys: set[str] = set()
    cite_keys: set[str] = set()
    for keys, items in ((node_keys, G.nodes.values()),
                        (tie_keys, (a for _, _, a in G.edges(data=True)))):
        for attrs in items:
            keys.update(attrs)
            for c in _evidence(attrs) or ():
                cite_keys.update(c)
    return NODES.only(node_keys), TIES.only(tie_keys), CITATIONS.only(cite_keys)


def _fill(db: sqlite3.Connection, G: nx.MultiDiGraph) -> None:
    """Write ``G`` into the empty tables of ``db`` (one step: ``progress`` has nothing to
    report, as for the graph.json store)."""
    from diplograph.graph.names import match_key
    from diplograph.graph.provenance import standing as standing_of

    def standing(attrs: dict[str, Any]) -> list[Any]:
        """best_confidence and checked (NULL where the values cannot be read)."""
        try:
            found, checked = standing_of(attrs)
            return [found, int(checked)]
        except (TypeError, ValueError, AttributeError, KeyError):
            return [None, None]

    shapes = Shapes()
    nodes_spec, ties_spec, citations_spec = _used_columns(G)
    db.executemany("INSERT INTO meta VALUES (?, ?)",
                   [("format", _FORMAT), ("layout", str(SCHEMA_VERSION))])
    graph_attrs = [(k, json.dumps(v, ensure_ascii=False)) for k, v in G.graph.items()
                   if k != "documents"]
    db.executemany("INSERT INTO graph (key, value) VALUES (?, ?)", graph_attrs)
    documents = G.graph.get("documents", {})
    db.executemany(DOCUMENTS.insert(), [   # in id order, as the node-link file lists them
        (d, *DOCUMENTS.encode(documents[d], shapes, ("id",) if documents[d].get("id") == d
                              else ())) for d in sorted(documents)])
    cites: list[list[Any]] = []

    def cite(owner: str | None, tie: int | None, evidence: list[dict[str, Any]]) -> None:
        cites.extend([owner, tie, seq, *citations_spec.encode(c, shapes)]
                     for seq, c in enumerate(evidence))

    node_rows, alias_rows = [], []
    for node in sorted(G.nodes):
        attrs = G.nodes[node]
        aliases, evidence = _aliases(attrs), _evidence(attrs)
        elsewhere = (*(("aliases",) if aliases is not None else ()),
                     *(("evidence",) if evidence is not None else ()))
        country = attrs.get("country")
        node_rows.append([node, *nodes_spec.encode(attrs, shapes, elsewhere), match_key(node),
                          match_key(str(attrs.get("name", ""))),
                          match_key(country) if isinstance(country, str) else None,
                          *standing(attrs)])
        if aliases is not None:
            alias_rows += [(node, i, a, match_key(a)) for i, a in enumerate(aliases)]
        if evidence is not None:
            cite(node, None, evidence)
    db.executemany(nodes_spec.insert(("id_key", "name_key", "country_key", *TRUST_COLUMNS)),
                   node_rows)
    db.executemany("INSERT INTO aliases VALUES (?, ?, ?, ?)", alias_rows)
    del node_rows, alias_rows
    tie_rows = []
    edges = sorted(G.edges(keys=True), key=lambda e: (e[0], e[2], e[1]))
    for tie, (u, v, k) in enumerate(edges, 1):
        attrs = G.edges[u, v, k]
        evidence = _evidence(attrs)
        elsewhere = (*(("type",) if attrs.get("type") == k else ()),
                     *(("evidence",) if evidence is not None else ()))
        tie_rows.append([tie, u, k, v, *ties_spec.encode(attrs, shapes, elsewhere),
                         *standing(attrs)])
        if evidence is not None:
            cite(None, tie, evidence)
    db.executemany(ties_spec.insert(TRUST_COLUMNS), tie_rows)
    db.executemany(citations_spec.insert(), cites)
    db.executemany("INSERT INTO shapes VALUES (?, ?)", shapes.rows())
    labels = Counter(a.get("label") for _, a in G.nodes(data=True))
    types = Counter(k for _, _, k in G.edges(keys=True))
    db.executemany("INSERT INTO counts VALUES (?, ?, ?)", [
        *(("label", k, n) for k, n in labels.items()),
        *(("type", k, n) for k, n in types.items()), ("documents", "", len(documents))])


from diplograph.graph.stores import sqlite_queries  # noqa: E402,F401  (registers the overrides)
