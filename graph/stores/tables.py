"""The tables of the SQLite store, and how a node, tie, citation or document becomes a row.

Plain columns hold the properties the schema names (``graph/schema.yaml``: node
properties, tie properties, citation fields), so that ``sqlite-utils`` or Datasette read
the store without diplograph. A value goes into its column when it is text, a number or
null; anything else, and any property the schema does not name, goes into the row's
``extra`` JSON object. Values that really are nested (``conflicts``, ``corrections``, a
citation's ``claim``) are JSON columns. ``aliases`` and ``evidence`` are rows of their
own tables. Each row also names its ``shape``: the order of its attributes, kept in the
``shapes`` table, so that a graph loads back with every dict in the order it was saved
(the JSON export of a loaded graph is byte for byte the export of the saved one).

Examples
--------
>>> shapes = Shapes()
>>> row = NODES.encode({"label": "Country", "name": "Taiwan", "kind": None, "flag": True},
...                    shapes)
>>> NODES.decode(row, shapes.keys, {})
{'label': 'Country', 'name': 'Taiwan', 'kind': None, 'flag': True}
"""
from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from diplograph.graph.schema import SCHEMA

__all__ = ["Columns", "Shapes", "NODES", "TIES", "CITATIONS", "DOCUMENTS", "DDL", "INDEXES",
           "TRUST_COLUMNS", "trusting_views", "is_plain", "SCHEMA_VERSION", "UPGRADABLE"]

#: The layout of the file; a store written by another layout is refused, not misread,
#: except those of :data:`UPGRADABLE` (read, then rewritten in this one).
SCHEMA_VERSION = 2
#: Earlier layouts this one reads: layout 1 lacked ``best_confidence`` and ``checked``.
UPGRADABLE = ("1",)
_JSON_TYPES = (str, int, float)


def is_plain(value: Any) -> bool:
    """Whether SQLite keeps ``value`` as it is: text, a 64-bit integer, a finite float
    or null (a bool would come back as 0 or 1)."""
    if value is None or type(value) is str:
        return True
    if type(value) is int:
        return -(1 << 63) <= value < (1 << 63)
    return type(value) is float and value == value and abs(value) != float("inf")


def _unique(names: Sequence[str], skip: Sequence[str] = ()) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n not in skip))


class Shapes:
    """The attribute orders of the rows written so far: a tuple of keys -> its number."""

    def __init__(self, keys: dict[int, tuple[str, ...]] | None = None) -> None:
        self.keys: dict[int, tuple[str, ...]] = dict(keys or {})
        self._ids = {v: k for k, v in self.keys.items()}

    def id(self, keys: tuple[str, ...]) -> int:
        found = self._ids.get(keys)
        if found is None:
            found = self._ids[keys] = len(self._ids) + 1
            self.keys[found] = keys
        return found

    def rows(self) -> list[tuple[int, str]]:
        return [(i, json.dumps(list(k))) for i, k in sorted(self.keys.items())]


@dataclass(frozen=True)
class Columns:
    """One table: its key columns (set by the caller), its plain and JSON columns."""

    table: str
    keys: tuple[str, ...]
    plain: tuple[str, ...]
    nested: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.keys, "shape", *self.plain, *self.nested, "extra")

    def only(self, keys: Collection[str]) -> Columns:
        """The same table with only the plain and JSON columns among ``keys``: what a
        save writes when the graph has no value for the others (they stay NULL, and
        SQLite converts fewer values: a third of a save's time at 100,000 nodes).

        >>> NODES.only({"name", "label", "conflicts", "aliases"}).names
        ('id', 'shape', 'label', 'name', 'conflicts', 'extra')
        """
        return Columns(self.table, self.keys, tuple(c for c in self.plain if c in keys),
                       tuple(c for c in self.nested if c in keys))

    def insert(self, extra_columns: Sequence[str] = ()) -> str:
        cols = (*self.names, *extra_columns)
        return (f"INSERT INTO {self.table} ({', '.join(_quote(c) for c in cols)}) "
                f"VALUES ({', '.join('?' * len(cols))})")

    def __post_init__(self) -> None:
        object.__setattr__(self, "_plain_at", {k: i for i, k in enumerate(self.plain)})
        object.__setattr__(self, "_nested_at", {k: i for i, k in enumerate(self.nested)})

    def encode(self, attrs: dict[str, Any], shapes: Shapes,
               elsewhere: Collection[str] = ()) -> list[Any]:
        """The row's values after its key columns: shape, plain, nested, extra.
        ``elsewhere`` names the attributes the caller writes in other rows (a well-formed
        ``aliases`` or ``evidence`` list) or columns (a tie's ``type``)."""
        plain: list[Any] = [None] * len(self.plain)
        nested: list[Any] = [None] * len(self.nested)
        extra = {}
        plain_at, nested_at = self._plain_at, self._nested_at  # type: ignore[attr-defined]
        for key, value in attrs.items():
            at = plain_at.get(key)
            if at is not None:
                if type(value) is str or value is None or is_plain(value):
                    plain[at] = value
                else:
                    extra[key] = value
            elif key in nested_at:
                nested[nested_at[key]] = json.dumps(value, ensure_ascii=False)
            elif key not in elsewhere:
                extra[key] = value
        return [shapes.id(tuple(attrs)), *plain, *nested,
                json.dumps(extra, ensure_ascii=False) if extra else None]

    def decode(self, row: Sequence[Any], shapes: dict[int, tuple[str, ...]],
               sides: dict[str, Any]) -> dict[str, Any]:
        """The attributes of ``row`` (its values from ``shape`` on), in saved order;
        ``sides`` holds what the side tables gave for this row."""
        extra = json.loads(row[-1]) if row[-1] else {}
        plain_at, nested_at = self._plain_at, self._nested_at  # type: ignore[attr-defined]
        first_nested = 1 + len(self.plain)
        out: dict[str, Any] = {}
        for key in shapes[row[0]]:
            if key in extra:
                out[key] = extra[key]
            elif key in plain_at:
                out[key] = row[1 + plain_at[key]]
            elif key in nested_at:
                out[key] = json.loads(row[first_nested + nested_at[key]])
            else:
                out[key] = sides.get(key, [])
        return out


def _quote(name: str) -> str:
    return f'"{name}"'


_NODE_META = ("label", "name", "kind", "provenance")
_TIE_PROPS = _unique((*SCHEMA.common_properties,
                      *(p for r in SCHEMA.relations.values() for p in r.properties)))

NODES = Columns("nodes", ("id",), _unique((*_NODE_META, *SCHEMA.node_properties)),
                ("conflicts", "corrections"))
# A tie's ``type`` column is its key in the MultiDiGraph, which is its type.
TIES = Columns("ties", ("id", "source", "type", "target"),
               _unique(("provenance", *_TIE_PROPS), skip=("type",)),
               ("conflicts", "corrections"))
CITATIONS = Columns("citations", ("node", "tie", "seq"),
                    ("doc", "start", "end", "snippet", "method", "confidence", "note", "origin"),
                    ("claim",))
DOCUMENTS = Columns("documents", ("id",), ("title", "outlet", "date", "url", "path"))


def _table(spec: Columns, keys: str, extra: str = "") -> str:
    values = ", ".join(_quote(c) for c in (*spec.plain, *spec.nested))
    return (f"CREATE TABLE {spec.table} ({keys}, shape INTEGER NOT NULL REFERENCES shapes(id), "
            f"{values}, extra{extra})")


# Each node's and tie's standing for --min-confidence and --checked-only, worked out by
# graph.provenance (confidence, is_checked) when the graph is saved, so that a filter is
# a comparison in SQL; NULL where those could not read the values.
TRUST_COLUMNS = ("best_confidence", "checked")
_TRUST_DDL = ", best_confidence REAL, checked INTEGER"

DDL = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE graph (seq INTEGER PRIMARY KEY, key TEXT, value TEXT)",
    "CREATE TABLE shapes (id INTEGER PRIMARY KEY, keys TEXT)",
    # what `stats` reports, counted when the graph is saved
    "CREATE TABLE counts (what TEXT, name TEXT, n INTEGER, PRIMARY KEY (what, name))",
    _table(NODES, "id TEXT PRIMARY KEY",
           ", id_key TEXT, name_key TEXT, country_key TEXT" + _TRUST_DDL),
    "CREATE TABLE aliases (node TEXT NOT NULL REFERENCES nodes(id), seq INTEGER, "
    "alias TEXT, key TEXT)",
    _table(TIES, "id INTEGER PRIMARY KEY, source TEXT NOT NULL REFERENCES nodes(id), "
           "type TEXT NOT NULL, target TEXT NOT NULL REFERENCES nodes(id)", _TRUST_DDL),
    _table(CITATIONS, "node TEXT REFERENCES nodes(id), tie INTEGER REFERENCES ties(id), "
           "seq INTEGER"),
    _table(DOCUMENTS, "id TEXT PRIMARY KEY"),
]
# Built after the rows are in: one sort per index instead of a B-tree grown row by row.
INDEXES = [
    "CREATE INDEX nodes_id_key ON nodes(id_key)",
    "CREATE INDEX nodes_name_key ON nodes(name_key)",
    "CREATE INDEX nodes_country_key ON nodes(country_key) WHERE country_key IS NOT NULL",
    "CREATE INDEX nodes_label ON nodes(label)",
    "CREATE INDEX aliases_key ON aliases(key)",
    "CREATE INDEX aliases_node ON aliases(node, seq)",
    "CREATE INDEX ties_source_type ON ties(source, type)",
    "CREATE INDEX ties_target_type ON ties(target, type)",
    "CREATE INDEX ties_type ON ties(type)",
    "CREATE INDEX citations_tie ON citations(tie, seq) WHERE tie IS NOT NULL",
    "CREATE INDEX citations_node ON citations(node, seq) WHERE node IS NOT NULL",
    "CREATE INDEX citations_doc ON citations(doc)",
]


def trusting_views(min_confidence: float, checked_only: bool) -> list[tuple[str, tuple[Any, ...]]]:
    """Statements (with their parameters) that make one connection see only what passes
    ``min_confidence`` and ``checked_only``, as :func:`graph.provenance.trusted` keeps
    it: temporary views named like the tables they filter, which SQLite looks up before
    the file's own (``main.ties`` still names the table). The ties that pass; the nodes
    that pass or end such a tie; their aliases; the counts of what is left. SQLite folds
    each view into the query that reads it, so lookups still go through the indexes."""
    passes = ("{t}.best_confidence >= (SELECT min_confidence FROM trust) "
              "AND ({t}.checked OR NOT (SELECT checked_only FROM trust))")
    return [
        ("CREATE TEMP TABLE trust (min_confidence REAL, checked_only INTEGER)", ()),
        ("INSERT INTO trust VALUES (?, ?)", (float(min_confidence), int(checked_only))),
        (f"CREATE TEMP VIEW ties AS SELECT * FROM main.ties t WHERE {passes.format(t='t')}",
         ()),
        (f"CREATE TEMP VIEW nodes AS SELECT * FROM main.nodes n WHERE {passes.format(t='n')} "
         "OR EXISTS (SELECT 1 FROM ties t WHERE t.source = n.id) "
         "OR EXISTS (SELECT 1 FROM ties t WHERE t.target = n.id)", ()),
        ("CREATE TEMP VIEW aliases AS SELECT * FROM main.aliases a "
         "WHERE EXISTS (SELECT 1 FROM nodes n WHERE n.id = a.node)", ()),
        ("CREATE TEMP VIEW counts AS "
         "SELECT 'label' AS what, label AS name, count(*) AS n FROM nodes GROUP BY label "
         "UNION ALL SELECT 'type', type, count(*) FROM ties GROUP BY type "
         "UNION ALL SELECT what, name, n FROM main.counts WHERE what = 'documents'", ()),
    ]
