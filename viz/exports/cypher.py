"""A Cypher script that recreates the graph on a Neo4j server: ``cypher-shell -f
graph.cypher`` (or any Bolt client, one statement per line).

It writes the very model the server store (:mod:`graph.stores.neo4j`) keeps, built by
that store's own row functions: ``:Entity:<Label>[:<Kind>]`` nodes merged on ``id``,
relationships merged on (source, type, target), ``:Document`` nodes, the
``MENTIONED_IN`` links of nodes to documents, and the ``:DiplographMeta`` node, so
``diplograph pull`` reads the script's result back as the same graph. Labels and types come only from :data:`graph.schema.SCHEMA` (checked by
``node_labels``/``rel_type``); every value is a Cypher literal built by
:func:`literal`, which escapes quotes, backslashes and control characters, and quotes
every map key in backticks. A script cannot take parameters, so this is the safe
equivalent: nothing from the data is ever spliced in as Cypher syntax.

Examples
--------
>>> literal("it's \\\\ fine\\n")
"'it\\\\'s \\\\\\\\ fine\\\\n'"
>>> literal({"a`b": [1, 2.5, True]})
'{`a``b`: [1, 2.5, true]}'
"""
from __future__ import annotations

import json
import math
from typing import IO, Any

import networkx as nx

from diplograph.graph.stores.neo4j import cypher as q
from diplograph.graph.stores.neo4j.writer import (document_rows, edge_rows, mention_rows,
                                                   node_rows)

__all__ = ["write_cypher", "literal", "statements"]

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
            "\f": "\\f"}


def _string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7f <= ord(ch) < 0xa0 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def literal(value: Any) -> str:
    """``value`` as a Cypher literal (string, number, boolean, null, list or map)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} has no Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join("`" + str(k).replace("`", "``") + "`: " + literal(v)
                               for k, v in value.items()) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def statements(G: nx.MultiDiGraph) -> list[str]:
    """The script's statements, one per line, each ending in ``;``."""
    nodes, documents = node_rows(G), document_rows(G)
    out = [f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) "
           "REQUIRE n.id IS UNIQUE;" for label in (q.ENTITY, q.DOCUMENT)]
    graph_attrs = json.dumps({k: v for k, v in G.graph.items() if k != "documents"},
                             ensure_ascii=False)
    out.append(f"MERGE (m:{q.META} {{id: 'graph'}}) SET m.complete = false, "
               f"m.graph = {literal(graph_attrs)};")
    for row in documents:
        out.append(f"MERGE (d:{q.DOCUMENT} {{id: {literal(row['id'])}}}) "
                   f"SET d = {literal(row['props'])};")
    for (label, kind), rows in sorted(nodes.items(), key=lambda g: (g[0][0], g[0][1] or "")):
        labels = q.node_labels(label, kind)
        for row in rows:
            out.append(f"MERGE (n{labels} {{id: {literal(row['id'])}}}) "
                       f"SET n = {literal(row['props'])};")
    for rel, rows in sorted(edge_rows(G).items()):
        rel = q.rel_type(rel)
        for row in rows:
            out.append(f"MATCH (a:{q.ENTITY} {{id: {literal(row['s'])}}}) "
                       f"MATCH (b:{q.ENTITY} {{id: {literal(row['t'])}}}) "
                       f"MERGE (a)-[r:{rel}]->(b) SET r = {literal(row['props'])};")
    for link in mention_rows(G):
        out.append(f"MATCH (n:{q.ENTITY} {{id: {literal(link['s'])}}}) "
                   f"MATCH (d:{q.DOCUMENT} {{id: {literal(link['t'])}}}) "
                   f"MERGE (n)-[:{q.MENTIONED_IN}]->(d);")
    out.append(f"MATCH (m:{q.META} {{id: 'graph'}}) SET m.complete = true, "
               f"m.nodes = {G.number_of_nodes()}, m.edges = {G.number_of_edges()};")
    return out


def write_cypher(G: nx.MultiDiGraph, out: IO[str]) -> None:
    out.write(f"// diplograph: {G.number_of_nodes()} nodes, {G.number_of_edges()} "
              "relationships. Run with: cypher-shell -f FILE\n")
    for statement in statements(G):
        out.write(statement + "\n")
