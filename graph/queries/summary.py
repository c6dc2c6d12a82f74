"""Counts of a graph and the full record of one node.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph(documents={"d": {"id": "d"}})
>>> G.add_node("country:taiwan", label="Country", name="Taiwan")
>>> stats(G).by_label
{'Country': 1}
>>> describe(G, "country:taiwan").node.name
'Taiwan'
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from diplograph.graph.queries.neighborhood import incident_edges
from diplograph.graph.queries.results import NodeDetail, Stats, edge_summary, node_summary

__all__ = ["stats", "describe"]


def stats(G: nx.MultiDiGraph) -> Stats:
    """Nodes by label, edges by type, and the number of source documents."""
    labels = Counter(attrs["label"] for _, attrs in G.nodes(data=True))
    types = Counter(key for _, _, key in G.edges(keys=True))
    return Stats(nodes=G.number_of_nodes(), edges=G.number_of_edges(),
                 documents=len(G.graph.get("documents", {})),
                 by_label=dict(sorted(labels.items())), by_type=dict(sorted(types.items())))


def describe(G: nx.MultiDiGraph, node: str) -> NodeDetail:
    """The node with its aliases, its own citations and every tie touching it."""
    edges = sorted((edge_summary(G, s, t, k) for s, t, k, _ in incident_edges(G, node)),
                   key=lambda e: (e.type, e.source, e.target))
    attrs = G.nodes[node]
    return NodeDetail(node=node_summary(G, node), evidence=list(attrs.get("evidence", [])),
                      edges=edges, conflicts=dict(attrs.get("conflicts", {})),
                      provenance=str(attrs.get("provenance", "")),
                      corrections=list(attrs.get("corrections", [])))
