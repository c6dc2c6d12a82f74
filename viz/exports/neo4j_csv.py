"""CSV files for ``neo4j-admin database import``: ``nodes.csv``, ``documents.csv`` and
``relationships.csv`` in a directory, with its header format (``id:ID``, ``:LABEL``,
``:START_ID``, ``:END_ID``, ``:TYPE``, typed columns such as ``size:int``).

Labels are the server store's (``Entity;Organization;Ministry``, from
:func:`graph.stores.neo4j.cypher.node_labels`, so only schema names). Lists and
mappings (aliases, evidence, conflicts) are JSON text: a JSON column survives any
character in the data, where an array delimiter would not. Every field is quoted, and
quotes are doubled. Fields may hold line breaks, so import with::

    neo4j-admin database import full --nodes=nodes.csv --nodes=documents.csv \\
        --relationships=relationships.csv --multiline-fields=true neo4j
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from diplograph.graph.files import atomic_open
from diplograph.graph.stores.neo4j import cypher as q
from diplograph.viz.exports.flat import flat_value

__all__ = ["write_neo4j_csv", "FILES", "column_type"]

FILES = ("nodes.csv", "documents.csv", "relationships.csv")


def column_type(values: Iterable[Any]) -> str:
    """The neo4j-admin type of a column: ``int``, ``float``, ``boolean`` or ``string``."""
    kinds = {type(v) for v in values if v is not None}
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "int"
    if kinds and kinds <= {int, float}:
        return "float"
    return "string"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(flat_value(value))


def _write(path: Path, fixed: list[str], fixed_rows: list[list[str]],
           props: list[dict[str, Any]]) -> None:
    keys: list[str] = []
    for p in props:
        keys += [k for k in p if k not in keys]
    header = fixed + [k if column_type(p.get(k) for p in props) == "string"
                      else f"{k}:{column_type(p.get(k) for p in props)}" for k in keys]
    with atomic_open(path, newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        for head, p in zip(fixed_rows, props):
            writer.writerow(head + [_cell(p.get(k)) for k in keys])


def write_neo4j_csv(G: nx.MultiDiGraph, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    nodes = sorted(G.nodes(data=True))
    _write(directory / "nodes.csv", ["id:ID", ":LABEL"],
           [[n, ";".join(q.node_labels(a["label"], a.get("kind")).strip(":").split(":"))]
            for n, a in nodes],
           [dict(a) for _, a in nodes])
    docs = sorted(G.graph.get("documents", {}).items())
    _write(directory / "documents.csv", ["id:ID", ":LABEL"],
           [[d, q.DOCUMENT] for d, _ in docs],
           [{k: v for k, v in doc.items() if k != "id"} for _, doc in docs])
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1]))
    _write(directory / "relationships.csv", [":START_ID", ":END_ID", ":TYPE"],
           [[u, v, q.rel_type(k)] for u, v, k, _ in edges],
           [{k: v for k, v in a.items() if k != "type"} for _, _, _, a in edges])
