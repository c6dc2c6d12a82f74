"""Brokers, hubs and clusters: centrality rankings and Louvain communities.

Both look at the graph as simple and undirected (one link per pair of nodes that any
tie joins), which is how "who connects whom" is read; both are deterministic (ties in
score broken by node id, Louvain run with a fixed seed), so two backends can agree.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n in ["a", "b", "hub", "c", "d"]:
...     G.add_node(n, label="Organization", name=n.upper())
>>> for n in ["a", "b", "c", "d"]:
...     _ = G.add_edge(n, "hub", key="PART_OF", type="PART_OF")
>>> [(e.node.id, e.degree) for e in rank(G, by="betweenness", top=2).entries]
[('hub', 4), ('a', 1)]
>>> len(communities(G).communities)
1
"""
from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from diplograph.graph.queries.analysis_results import Communities, Community, RankEntry, Ranking, node_ref

__all__ = ["rank", "communities", "simple_view", "MEASURES", "LOUVAIN_SEED"]

LOUVAIN_SEED = 42
_DIGITS = 6   # scores are rounded so that backends computing in another order agree


def simple_view(G: nx.MultiDiGraph) -> nx.Graph:
    """One undirected link per pair of nodes joined by any tie; self-loops dropped."""
    U = nx.Graph()
    U.add_nodes_from(sorted(G.nodes))
    U.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in G.edges() if u != v))
    return U


def _eigenvector(U: nx.Graph) -> dict[str, float]:
    if U.number_of_edges() == 0:
        return dict.fromkeys(U, 0.0)
    try:
        return nx.eigenvector_centrality(U, max_iter=10_000, tol=1e-10)
    except nx.PowerIterationFailedConvergence:  # pragma: no cover - bipartite oscillation
        return nx.eigenvector_centrality_numpy(U)


MEASURES: dict[str, Callable[[nx.Graph], dict[str, float]]] = {
    "degree": nx.degree_centrality,
    "betweenness": nx.betweenness_centrality,
    "pagerank": nx.pagerank,
    "eigenvector": _eigenvector,
}


def rank(G: nx.MultiDiGraph, *, by: str = "degree", label: str | None = None,
         top: int = 10) -> Ranking:
    """The ``top`` nodes by a centrality measure (a key of :data:`MEASURES`).

    Parameters
    ----------
    G : the graph.
    by : ``degree`` (hubs), ``betweenness`` (brokers), ``pagerank`` or ``eigenvector``.
    label : rank only nodes with this label (scores are still over the whole graph).
    top : how many to return.

    Returns
    -------
    Ranking
        Highest score first, ties broken by node id; each with its degree.
    """
    if by not in MEASURES:
        raise ValueError(f"unknown measure {by!r}; valid: {', '.join(MEASURES)}")
    U = simple_view(G)
    scores = MEASURES[by](U) if U.number_of_nodes() else {}
    chosen = [n for n in U if label is None or G.nodes[n].get("label") == label]
    chosen.sort(key=lambda n: (-round(scores[n], _DIGITS), n))
    entries = [RankEntry(node=node_ref(G, n), score=round(scores[n], _DIGITS),
                         degree=U.degree(n)) for n in chosen[:max(top, 0)]]
    return Ranking(by=by, label=label, entries=entries)


def communities(G: nx.MultiDiGraph, *, seed: int = LOUVAIN_SEED, central: int = 3,
                min_size: int = 1) -> Communities:
    """Louvain communities of the graph, largest first, each with its ``central`` most
    connected members (by degree inside the community, then id).

    Parameters
    ----------
    G : the graph.
    seed : the Louvain random seed; the same seed gives the same communities.
    central : how many central members to name per community.
    min_size : leave out communities smaller than this (e.g. isolated nodes).
    """
    U = simple_view(G)
    if U.number_of_nodes() == 0:
        return Communities(method="louvain", seed=seed, modularity=0.0, communities=[])
    parts = nx.community.louvain_communities(U, seed=seed)
    modularity = nx.community.modularity(U, parts) if U.number_of_edges() else 0.0
    parts = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    found = []
    for members in parts:
        if len(members) < min_size:
            continue
        inner = U.subgraph(members)
        hubs = sorted(members, key=lambda n: (-inner.degree(n), n))[:central]
        found.append(Community(index=len(found) + 1, members=[node_ref(G, n) for n in members],
                               central=[node_ref(G, n) for n in hubs]))
    return Communities(method="louvain", seed=seed, modularity=round(modularity, _DIGITS),
                       communities=found)
