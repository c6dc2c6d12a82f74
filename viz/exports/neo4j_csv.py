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
``;`` is refused. Every field is quoted, and
quotes are doubled; a text cell a spreadsheet would run as a formula gets an
apostrophe before it (:func:`~diplograph.viz.exports.flat.spreadsheet_safe`). The files
are written row by row, after a first pass that finds the columns. Fields may hold
line breaks, so import with::

    neo4j-admin database import full --nodes=nodes.csv --nodes=documents.csv \\
        --relationships=relationships.csv --relationships=mentions.csv \\
        --multiline-fields=true neo4j
"""
from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from diplograph.graph.errors import StoreError
from diplograph.graph.files import atomic_open
from diplograph.graph.stores.neo4j import cypher as q
from diplograph.graph.stores.neo4j.codec import doc_ids
from diplograph.graph.stores.neo4j.writer import mention_rows
from diplograph.viz.exports.flat import column_types, flat_value, spreadsheet_safe

__all__ = ["write_neo4j_csv", "FILES"]

FILES = ("nodes.csv", "documents.csv", "relationships.csv", "mentions.csv")
ARRAY_DELIMITER = ";"  # neo4j-admin's default


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


def _docs(attrs: dict[str, Any]) -> str:
    ids = doc_ids(attrs.get("evidence"))
    for doc in ids:
        if ARRAY_DELIMITER in doc:
            raise StoreError(f"Document id {doc!r} holds {ARRAY_DELIMITER!r}, which "
                             "neo4j-admin reads as an array delimiter; rename the document")
    return ARRAY_DELIMITER.join(ids)


def write_neo4j_csv(G: nx.MultiDiGraph, directory: Path) -> None:
    entity, document = f"({q.ENTITY})", f"({q.DOCUMENT})"
    nodes = sorted(G.nodes)
    _write(directory / "nodes.csv", [f"id:ID{entity}", ":LABEL", "docs:string[]"], lambda: (
        ([n, ";".join(q.node_labels(G.nodes[n]["label"], G.nodes[n].get("kind"))
                      .strip(":").split(":")), _docs(G.nodes[n])], G.nodes[n]) for n in nodes))
    docs = G.graph.get("documents", {})
    _write(directory / "documents.csv", [f"id:ID{document}", ":LABEL"], lambda: (
        ([d, q.DOCUMENT], {k: v for k, v in docs[d].items() if k != "id"})
        for d in sorted(docs)))
    edges = sorted(G.edges(keys=True), key=lambda e: (e[0], e[2], e[1]))
    _write(directory / "relationships.csv",
           [f":START_ID{entity}", f":END_ID{entity}", ":TYPE", "docs:string[]"], lambda: (
               ([u, v, q.rel_type(k), _docs(G.edges[u, v, k])],
                {p: x for p, x in G.edges[u, v, k].items() if p != "type"})
               for u, v, k in edges))
    _write(directory / "mentions.csv", [f":START_ID{entity}", f":END_ID{document}", ":TYPE"],
           lambda: (([m["s"], m["t"], q.MENTIONED_IN], {}) for m in mention_rows(G)))
