"""CSV files for ``neo4j-admin database import``: ``nodes.csv``, ``documents.csv``,
``relationships.csv`` and ``mentions.csv`` in a directory, with its header format
(``id:ID(Entity)``, ``:LABEL``, ``:START_ID(Entity)``, ``:END_ID(Document)``,
``:TYPE``, typed columns such as ``size:int``). Entities and documents are two ID
spaces, so a document id may equal an entity id.

The import holds what a push holds for a Neo4j user to browse: labels are the server
store's (``Entity;Organization;Ministry``, from
:func:`graph.stores.neo4j.cypher.node_labels`, so only schema names); each node and tie
lists the ids of the documents citing it in ``docs`` (an array), and ``mentions.csv``
links each node to those documents (``MENTIONED_IN``, as
:func:`graph.stores.neo4j.writer.mention_rows` does). Other lists and mappings
(aliases, evidence, conflicts) are JSON text: a JSON column survives any character in
the data, where an array delimiter would not; a document id holding the delimiter
``;`` is refused. Every field is quoted, and quotes are doubled. Fields may hold line
breaks, so import with::

    neo4j-admin database import full --nodes=nodes.csv --nodes=documents.csv \\
        --relationships=relationships.csv --relationships=mentions.csv \\
        --multiline-fields=true neo4j
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from diplograph.graph.errors import StoreError
from diplograph.graph.files import atomic_open
from diplograph.graph.stores.neo4j import cypher as q
from diplograph.graph.stores.neo4j.codec import doc_ids
from diplograph.graph.stores.neo4j.writer import mention_rows
from diplograph.viz.exports.flat import flat_value

__all__ = ["write_neo4j_csv", "FILES", "column_type"]

FILES = ("nodes.csv", "documents.csv", "relationships.csv", "mentions.csv")
ARRAY_DELIMITER = ";"  # neo4j-admin's default


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


def _docs(attrs: dict[str, Any]) -> str:
    ids = doc_ids(attrs.get("evidence"))
    for doc in ids:
        if ARRAY_DELIMITER in doc:
            raise StoreError(f"Document id {doc!r} holds {ARRAY_DELIMITER!r}, which "
                             "neo4j-admin reads as an array delimiter; rename the document")
    return ARRAY_DELIMITER.join(ids)


def write_neo4j_csv(G: nx.MultiDiGraph, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    entity, document = f"({q.ENTITY})", f"({q.DOCUMENT})"
    nodes = sorted(G.nodes(data=True))
    _write(directory / "nodes.csv", [f"id:ID{entity}", ":LABEL", "docs:string[]"],
           [[n, ";".join(q.node_labels(a["label"], a.get("kind")).strip(":").split(":")),
             _docs(a)] for n, a in nodes],
           [dict(a) for _, a in nodes])
    docs = sorted(G.graph.get("documents", {}).items())
    _write(directory / "documents.csv", [f"id:ID{document}", ":LABEL"],
           [[d, q.DOCUMENT] for d, _ in docs],
           [{k: v for k, v in doc.items() if k != "id"} for _, doc in docs])
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1]))
    _write(directory / "relationships.csv",
           [f":START_ID{entity}", f":END_ID{entity}", ":TYPE", "docs:string[]"],
           [[u, v, q.rel_type(k), _docs(a)] for u, v, k, a in edges],
           [{k: v for k, v in a.items() if k != "type"} for _, _, _, a in edges])
    links = mention_rows(G)
    _write(directory / "mentions.csv", [f":START_ID{entity}", f":END_ID{document}", ":TYPE"],
           [[m["s"], m["t"], q.MENTIONED_IN] for m in links], [{} for _ in links])
