"""Saving a graph to a server: make the server graph equal ``G`` in batched transactions.

Everything is encoded and checked before the server is touched, so a graph the server
could not hold fails with nothing written. Then, in order: the schema (constraints and
indexes, idempotent), the save is marked unfinished, what ``G`` lacks is deleted (ties,
then nodes, then documents; a node whose labels change is deleted and written again),
and documents, nodes and ties are merged on their ids (see the dialect for how nodes are
on ArcadeDB) in batches of
``store.batch_size`` rows, one transaction each. Only a save that got through every
batch marks the graph finished. Nodes without the ``Entity`` label (someone else's data
in the same database) are never touched.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import networkx as nx

from graph.errors import DiplographError, StoreError
from graph.names import match_key
from graph.stores.neo4j import codec
from graph.stores.neo4j import cypher as q

if TYPE_CHECKING:
    from graph.stores.neo4j.store import Neo4jStore

__all__ = ["save_graph", "node_rows", "edge_rows", "document_rows", "node_writes"]

T = TypeVar("T")


def _chunks(rows: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(rows), size):
        yield list(rows[start:start + size])


def node_rows(G: nx.MultiDiGraph) -> dict[tuple[str, str | None], list[dict[str, Any]]]:
    """Rows to merge, grouped by the (label, kind) that decide their label clause."""
    groups: dict[tuple[str, str | None], list[dict[str, Any]]] = defaultdict(list)
    for node in sorted(G.nodes):
        attrs = G.nodes[node]
        if not isinstance(node, str) or not attrs.get("label"):
            raise StoreError(f"node {node!r} has no label (an edge end never added as a node?)")
        props = codec.encode(attrs, where=f"node {node}")
        aliases = {match_key(a) for a in attrs.get("aliases", []) if isinstance(a, str)}
        props.update(id=node, key_id=match_key(node),
                     key_name=match_key(attrs.get("name", "") or ""),
                     key_aliases=sorted(k for k in aliases if k),
                     docs=codec.doc_ids(attrs.get("evidence")))
        q.node_labels(attrs["label"], attrs.get("kind"))  # the schema must know the label
        groups[(attrs["label"], attrs.get("kind"))].append({"id": node, "props": props})
    return groups


def edge_rows(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """Rows to merge, grouped by relationship type."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for source, target, key, attrs in sorted(G.edges(keys=True, data=True),
                                             key=lambda e: (e[0], e[2], e[1])):
        where = f"edge {source} -{key}-> {target}"
        if attrs.get("type") != key:
            raise StoreError(f"{where}: its key must be its type ({attrs.get('type')!r})")
        q.rel_type(key)
        props = codec.encode(attrs, where=where)
        props["docs"] = codec.doc_ids(attrs.get("evidence"))
        groups[key].append({"s": source, "t": target, "props": props})
    return groups


def document_rows(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    rows = []
    for doc_id, doc in sorted(G.graph.get("documents", {}).items()):
        props = codec.encode({k: v for k, v in doc.items() if k != "id"},
                             where=f"document {doc_id}")
        props[codec.KEYS] = list(doc)  # keeps "id" in its place
        props["id"] = doc_id
        rows.append({"id": doc_id, "props": props})
    return rows


def node_writes(store: Neo4jStore, label: str, kind: str | None, rows: list[dict[str, Any]],
                present: set[str]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(query, rows) pairs that write one label group: ``MERGE`` where the server's merge
    is index-backed, else ``CREATE`` the ids not in ``present`` and update the others."""
    if store.dialect.indexed_merge:
        return [(q.MERGE_NODES(label, kind), rows)]
    return [(q.CREATE_NODES(label, kind), [r for r in rows if r["id"] not in present]),
            (q.UPDATE_NODES, [r for r in rows if r["id"] in present])]


def _labels_of(label: str | None, kind: str | None) -> str | None:
    try:
        return q.node_labels(label or "", kind)
    except DiplographError:
        return None


def save_graph(store: Neo4jStore, G: nx.MultiDiGraph) -> None:
    """Make the graph in ``store`` equal ``G`` (see the module docstring)."""
    nodes, edges, documents = node_rows(G), edge_rows(G), document_rows(G)
    graph_attrs = json.dumps({k: v for k, v in G.graph.items() if k != "documents"},
                             ensure_ascii=False)
    size = store.batch_size
    for statement in store.dialect.schema:
        store._write(statement)
    store._write(q.BEGIN_SAVE, graph=graph_attrs)

    batch = 0

    def run(query: str, key: str, rows: Sequence[Any]) -> None:
        nonlocal batch
        for chunk in _chunks(rows, size):
            batch += 1
            store._write(query, hook_batch=batch, **{key: chunk})

    # Delete what G lacks.
    wanted_edges = {(r["s"], t, r["t"]) for t, rows in edges.items() for r in rows}
    stale_edges = [{"s": r["s"], "type": r["type"], "t": r["t"]}
                   for r in store._read(q.EXISTING_EDGES)
                   if (r["s"], r["type"], r["t"]) not in wanted_edges]
    run(q.DELETE_EDGES, "rows", stale_edges)
    wanted_nodes = {row["id"]: q.node_labels(label, kind)
                    for (label, kind), rows in nodes.items() for row in rows}
    existing = store._read(q.EXISTING_NODES)
    stale_nodes = [r["id"] for r in existing if r["id"] not in wanted_nodes
                   or wanted_nodes[r["id"]] != _labels_of(r["label"], r["kind"])]
    run(q.DELETE_NODES, "ids", stale_nodes)
    present = {r["id"] for r in existing} - set(stale_nodes)
    wanted_docs = {row["id"] for row in documents}
    run(q.DELETE_DOCUMENTS, "ids",
        [r["id"] for r in store._read(q.EXISTING_DOCUMENTS) if r["id"] not in wanted_docs])

    # Merge G in.
    run(q.MERGE_DOCUMENTS, "rows", documents)
    for (label, kind), rows in sorted(nodes.items(), key=lambda g: (g[0][0], g[0][1] or "")):
        for query, chunk in node_writes(store, label, kind, rows, present):
            run(query, "rows", chunk)
    for type_, rows in sorted(edges.items()):
        run(q.MERGE_EDGES(type_), "rows", rows)
    store._write(q.END_SAVE, nodes=G.number_of_nodes(), edges=G.number_of_edges())
