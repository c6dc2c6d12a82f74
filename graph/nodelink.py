"""The graph as SCHEMA.md's node-link JSON, and back: the one serialisation shared by
the JSON export and the graph.json store of earlier versions (``json://``).

Nodes are sorted by id and edges by (source, type, target), so the same graph always
gives the same bytes.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph(documents={})
>>> G.add_node("country:taiwan", label="Country", name="Taiwan", kind=None, aliases=["Taiwan"])
>>> data = to_nodelink(G)
>>> data["nodes"][0]["name"], len(data["edges"])
('Taiwan', 0)
>>> from_nodelink(data).nodes["country:taiwan"]["label"]
'Country'
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any, TypedDict

from diplograph.graph.claims import CitationDict

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["NodeDict", "EdgeDict", "NodeLink", "to_nodelink", "from_nodelink", "dumps",
           "write_nodelink"]


class NodeDict(TypedDict, total=False):
    id: str
    label: str
    name: str
    kind: str | None
    aliases: list[str]
    evidence: list[CitationDict]


class EdgeDict(TypedDict, total=False):
    source: str
    target: str
    type: str
    key: str
    evidence: list[CitationDict]


class NodeLink(TypedDict):
    directed: bool
    multigraph: bool
    graph: dict[str, Any]
    documents: list[dict[str, str]]
    nodes: list[NodeDict]
    edges: list[EdgeDict]


def to_nodelink(G: nx.MultiDiGraph) -> NodeLink:
    """The graph as a JSON-ready dict (``nodes``, ``edges``, ``documents``)."""
    graph_attrs = {k: v for k, v in G.graph.items() if k != "documents"}
    documents = G.graph.get("documents", {})
    nodes = [{"id": n, **G.nodes[n]} for n in sorted(G.nodes)]
    edges = [{"source": u, "target": v, "key": k, **attrs}
             for u, v, k, attrs in sorted(G.edges(keys=True, data=True),
                                          key=lambda e: (e[0], e[2], e[1]))]
    return {"directed": True, "multigraph": True, "graph": graph_attrs,
            "documents": [documents[d] for d in sorted(documents)],
            "nodes": nodes, "edges": edges}  # type: ignore[typeddict-item]


def _check_shape(data: Any) -> None:
    """Raise ``TypeError`` saying what is wrong when ``data`` is not node-link data
    (JSON that parses can still be a list, or nodes without ids)."""
    def need(ok: bool, what: str) -> None:
        if not ok:
            raise TypeError(what)

    need(isinstance(data, dict), "the top level is not a JSON object")
    need("nodes" in data, "there is no 'nodes' list")
    need(isinstance(data.get("graph", {}), dict), "'graph' is not an object")
    for key in ("nodes", "documents"):
        need(isinstance(data.get(key, []), list), f"{key!r} is not a list")
    edges = data.get("edges", data.get("links", []))
    need(isinstance(edges, list), "'edges' is not a list")
    ids = set()
    for i, node in enumerate(data.get("nodes", [])):
        need(isinstance(node, dict) and all(isinstance(node.get(k), str)
                                            for k in ("id", "label", "name")),
             f"node {i} lacks a text id, label or name")
        need(isinstance(node.get("aliases", []), list), f"the aliases of node {node['id']!r} are not a list")
        ids.add(node["id"])
    for i, edge in enumerate(edges):
        need(isinstance(edge, dict) and all(isinstance(edge.get(k), str) for k in
                                            ("source", "target", "type")),
             f"edge {i} lacks a text source, target or type")
        need(edge["source"] in ids and edge["target"] in ids,
             f"edge {i} joins a node that is not in 'nodes'")
    for i, item in enumerate((*data.get("nodes", []), *edges)):
        evidence = item.get("evidence", [])
        need(isinstance(evidence, list) and all(
            isinstance(c, dict) and isinstance(c.get("doc"), str) for c in evidence),
            f"the evidence of {item.get('id') or item['source']!r} is not a list of "
            "citations")
    need(all(isinstance(d, dict) and isinstance(d.get("id"), str)
             for d in data.get("documents", [])), "a document lacks a text id")


def from_nodelink(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Rebuild the graph from :func:`to_nodelink`'s output (``links`` accepted for ``edges``).

    Data of another shape raises ``TypeError`` saying what is wrong."""
    _check_shape(data)
    documents = {d["id"]: dict(d) for d in data.get("documents", [])}
    import networkx as nx  # the CLI's queries on SQLite never read a node-link file
    G = nx.MultiDiGraph(**data.get("graph", {}), documents=documents)
    for node in data["nodes"]:
        attrs = {k: v for k, v in node.items() if k != "id"}
        G.add_node(node["id"], **attrs)
    for edge in data.get("edges", data.get("links", [])):
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target", "key")}
        G.add_edge(edge["source"], edge["target"], key=edge.get("key", edge["type"]), **attrs)
    return G


def _json(value: Any, indent: int) -> str:
    """``value`` as json.dumps(indent=1) writes it at nesting depth ``indent`` (JSON
    strings never hold a raw line break, so re-indenting lines is exact)."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * indent)


def _write_list(out: IO[str], key: str, items: Iterable[Any], last: bool) -> None:
    out.write(f' "{key}": ')
    empty = True
    for item in items:
        out.write(("[\n  " if empty else ",\n  ") + _json(item, 2))
        empty = False
    out.write(("[]" if empty else "\n ]") + ("\n" if last else ",\n"))


def write_nodelink(G: nx.MultiDiGraph, out: IO[str]) -> None:
    """Write :func:`dumps`'s text to ``out`` one node and edge at a time, never holding
    the whole document (a graph of 100,000 nodes is several hundred MB of JSON)."""
    documents = G.graph.get("documents", {})
    graph_attrs = {k: v for k, v in G.graph.items() if k != "documents"}
    out.write('{\n "directed": true,\n "multigraph": true,\n'
              f' "graph": {_json(graph_attrs, 1)},\n')
    _write_list(out, "documents", (documents[d] for d in sorted(documents)), last=False)
    _write_list(out, "nodes", ({"id": n, **G.nodes[n]} for n in sorted(G.nodes)), last=False)
    edges = sorted(G.edges(keys=True), key=lambda e: (e[0], e[2], e[1]))
    _write_list(out, "edges", ({"source": u, "target": v, "key": k, **G.edges[u, v, k]}
                               for u, v, k in edges), last=True)
    out.write("}\n")


def dumps(G: nx.MultiDiGraph) -> str:
    """Deterministic JSON text of the graph."""
    buffer = io.StringIO()
    write_nodelink(G, buffer)
    return buffer.getvalue()
