"""CSV files for ``neo4j-admin database import``: ``nodes.csv``, ``documents.csv`` and
``relationships.csv`` in a directory, with its header format (``id:ID``, ``:LABEL``,
``:START_ID``, ``:END_ID``, ``:TYPE``, typed columns such as ``size:int``).

Labels are the server store's (``Entity;Organization;Ministry``, from
:func:`graph.stores.neo4j.cypher.node_labels`, so only schema names). Lists and
mappings (aliases, evidence, conflicts) are JSON text: a JSON column survives any
character in the data, where an array delimiter would not. Every field is quoted, and
quotes are doubled; a text cell a spreadsheet would run as a formula gets an
apostrophe before it (:func:`~diplograph.viz.exports.flat.spreadsheet_safe`). The files
are written row by row, after a first pass that finds the columns. Fields may hold
line breaks, so import with::

    neo4j-admin database import full --nodes=nodes.csv --nodes=documents.csv \\
        --relationships=relationships.csv --multiline-fields=true neo4j
"""
from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from diplograph.graph.files import atomic_open
from diplograph.graph.stores.neo4j import cypher as q
from diplograph.viz.exports.flat import column_types, flat_value, spreadsheet_safe

__all__ = ["write_neo4j_csv", "FILES"]

FILES = ("nodes.csv", "documents.csv", "relationships.csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_safe(value) if isinstance(value, str) else str(flat_value(value))


Rows = Callable[[], Iterator[tuple[list[str], dict[str, Any]]]]


def _write(path: Path, fixed: list[str], rows: Rows) -> None:
    """One CSV file; ``rows()`` yields (fixed cells, properties) and is walked twice."""
    types = column_types(props for _, props in rows())
    header = fixed + [k if t == "string" else f"{k}:{t}" for k, t in types.items()]
    with atomic_open(path, newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        for head, p in rows():
            writer.writerow([_cell(h) for h in head] + [_cell(p.get(k)) for k in types])


def write_neo4j_csv(G: nx.MultiDiGraph, directory: Path) -> None:
    nodes = sorted(G.nodes)
    _write(directory / "nodes.csv", ["id:ID", ":LABEL"], lambda: (
        ([n, ";".join(q.node_labels(G.nodes[n]["label"], G.nodes[n].get("kind"))
                      .strip(":").split(":"))], G.nodes[n]) for n in nodes))
    docs = G.graph.get("documents", {})
    _write(directory / "documents.csv", ["id:ID", ":LABEL"], lambda: (
        ([d, q.DOCUMENT], {k: v for k, v in docs[d].items() if k != "id"})
        for d in sorted(docs)))
    edges = sorted(G.edges(keys=True), key=lambda e: (e[0], e[2], e[1]))
    _write(directory / "relationships.csv", [":START_ID", ":END_ID", ":TYPE"], lambda: (
        ([u, v, q.rel_type(k)], {p: x for p, x in G.edges[u, v, k].items() if p != "type"})
        for u, v, k in edges))
