"""Brokers, hubs and clusters: centrality rankings and Leiden communities.

Both look at the graph as simple and undirected (one link per pair of nodes that any
tie joins), which is how "who connects whom" is read: its :class:`Skeleton`, which is
all they read of it, so that a store can hand them its skeleton read in bulk instead of
a graph. Both are deterministic (ties in score broken by node id, Leiden run with a
fixed seed), so two backends can agree.

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
>>> print(rank(G, top=1))
Top 1 by degree:
#  name  label         score   degree  id
-  ----  ------------  ------  ------  ---
1  HUB   Organization  1.0000  4       hub
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diplograph.graph.errors import DiplographError
from diplograph.graph.queries.display import table
from diplograph.graph.queries.registry import Query, register
from diplograph.graph.queries.results import NodeRef, Result

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["RankEntry", "Ranking", "Community", "Communities", "Skeleton", "skeleton", "rank",
           "communities", "rank_skeleton", "communities_of", "simple_view", "MEASURES",
           "COMMUNITY_SEED", "render_rank", "render_communities"]

COMMUNITY_SEED = 42
METHOD = "leiden"
_DIGITS = 6   # scores are rounded so that backends computing in another order agree


@dataclass(frozen=True, slots=True)
class RankEntry(Result):
    node: NodeRef
    score: float
    degree: int


@dataclass(frozen=True, slots=True)
class Ranking(Result):
    by: str
    label: str | None
    entries: list[RankEntry]

    @property
    def is_empty(self) -> bool:
        return not self.entries


@dataclass(frozen=True, slots=True)
class Community(Result):
    index: int
    members: list[NodeRef]
    central: list[NodeRef]   # the most connected members, most connected first

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True, slots=True)
class Communities(Result):
    method: str
    seed: int
    modularity: float
    communities: list[Community]

    @property
    def is_empty(self) -> bool:
        return not self.communities

    def membership(self) -> dict[str, int]:
        """node id -> community index, e.g. to colour a page by community."""
        return {m.id: c.index for c in self.communities for m in c.members}


@dataclass(frozen=True, slots=True)
class Skeleton:
    """What ``rank`` and ``communities`` read of a graph: every node's id, label and
    name, by id, and each pair of distinct nodes that any tie joins, once, as the
    indexes ``(i, j)`` of its ends in ``ids`` with ``i < j``, sorted."""

    ids: list[str]
    labels: list[str]
    names: list[str]
    pairs: list[tuple[int, int]]

    @classmethod
    def of(cls, nodes: Iterable[tuple[str, str, str]], ties: Iterable[tuple[str, str]]
           ) -> Skeleton:
        """From (id, label, name) of every node and (source, target) of every tie."""
        rows = sorted(nodes)
        index = {node: i for i, (node, _, _) in enumerate(rows)}
        pairs = set()
        for u, v in ties:
            i, j = index[u], index[v]
            if i != j:
                pairs.add((i, j) if i < j else (j, i))
        return cls(ids=[r[0] for r in rows], labels=[r[1] for r in rows],
                   names=[r[2] for r in rows], pairs=sorted(pairs))

    def ref(self, i: int) -> NodeRef:
        return NodeRef(id=self.ids[i], label=self.labels[i], name=self.names[i])


def skeleton(G: nx.MultiDiGraph) -> Skeleton:
    """The skeleton of ``G``."""
    return Skeleton.of(((n, a.get("label"), a.get("name")) for n, a in G.nodes(data=True)),
                       G.edges())


def simple_view(G: nx.MultiDiGraph | Skeleton) -> nx.Graph:
    """One undirected link per pair of nodes joined by any tie; self-loops dropped."""
    import networkx as nx  # the centralities are networkx's; `show` never needs it
    U = nx.Graph()
    if isinstance(G, Skeleton):
        U.add_nodes_from(G.ids)
        U.add_edges_from((G.ids[i], G.ids[j]) for i, j in G.pairs)
        return U
    U.add_nodes_from(sorted(G.nodes))
    U.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in G.edges() if u != v))
    return U


def _eigenvector(U: nx.Graph) -> dict[str, float]:
    import networkx as nx
    if U.number_of_edges() == 0:
        return dict.fromkeys(U, 0.0)
    try:
        return nx.eigenvector_centrality(U, max_iter=10_000, tol=1e-10)
    except nx.PowerIterationFailedConvergence:  # pragma: no cover - bipartite oscillation
        return nx.eigenvector_centrality_numpy(U)


def _networkx(name: str) -> Callable[[nx.Graph], dict[str, float]]:
    def measure(U: nx.Graph) -> dict[str, float]:
        import networkx as nx
        return getattr(nx, name)(U)
    measure.__name__ = name
    return measure


MEASURES: dict[str, Callable[[nx.Graph], dict[str, float]]] = {
    "degree": _networkx("degree_centrality"),
    "betweenness": _networkx("betweenness_centrality"),
    "pagerank": _networkx("pagerank"),
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
    return rank_skeleton(skeleton(G), by=by, label=label, top=top)


def rank_skeleton(bones: Skeleton, *, by: str = "degree", label: str | None = None,
                  top: int = 10) -> Ranking:
    """:func:`rank` over a graph's skeleton."""
    if by not in MEASURES:
        raise DiplographError(f"Unknown measure {by!r}; valid: {', '.join(MEASURES)}")
    U = simple_view(bones)
    scores = MEASURES[by](U) if U.number_of_nodes() else {}
    chosen = [i for i, n in enumerate(bones.ids) if label is None or bones.labels[i] == label]
    chosen.sort(key=lambda i: (-round(scores[bones.ids[i]], _DIGITS), bones.ids[i]))
    entries = [RankEntry(node=bones.ref(i), score=round(scores[bones.ids[i]], _DIGITS),
                         degree=U.degree(bones.ids[i])) for i in chosen[:max(top, 0)]]
    return Ranking(by=by, label=label, entries=entries)


def communities(G: nx.MultiDiGraph, *, seed: int = COMMUNITY_SEED, central: int = 3,
                min_size: int = 1) -> Communities:
    """Leiden communities of the graph (maximising modularity), largest first, each with
    its ``central`` most connected members (by degree inside the community, then id).

    Parameters
    ----------
    G : the graph.
    seed : the random seed of the Leiden runs; the same seed gives the same communities.
    central : how many central members to name per community.
    min_size : leave out communities smaller than this (e.g. isolated nodes).
    """
    return communities_of(skeleton(G), seed=seed, central=central, min_size=min_size)


def communities_of(bones: Skeleton, *, seed: int = COMMUNITY_SEED, central: int = 3,
                   min_size: int = 1) -> Communities:
    """:func:`communities` over a graph's skeleton."""
    from diplograph.graph import igraph_backend

    n = len(bones.ids)
    if n == 0:
        return Communities(method=METHOD, seed=seed, modularity=0.0, communities=[])
    membership = igraph_backend.leiden(n, bones.pairs, seed=seed)
    modularity = igraph_backend.modularity(n, bones.pairs, membership)
    inner = [0] * n
    for i, j in bones.pairs:
        if membership[i] == membership[j]:
            inner[i] += 1
            inner[j] += 1
    groups: dict[int, list[int]] = {}
    for i, part in enumerate(membership):   # members in id order: ids are sorted
        groups.setdefault(part, []).append(i)
    parts = sorted(groups.values(), key=lambda p: (-len(p), p[0]))
    found = []
    for members in parts:
        if len(members) < min_size:
            continue
        hubs = sorted(members, key=lambda i: (-inner[i], i))[:central]
        found.append(Community(index=len(found) + 1, members=[bones.ref(i) for i in members],
                               central=[bones.ref(i) for i in hubs]))
    return Communities(method=METHOD, seed=seed, modularity=round(modularity, _DIGITS),
                       communities=found)


def render_rank(result: Ranking) -> str:
    among = f" among {result.label} nodes" if result.label else ""
    if result.is_empty:
        return f"No nodes to rank{among}."
    rows = [(i, e.node.name, e.node.label, f"{e.score:.4f}", e.degree, e.node.id)
            for i, e in enumerate(result.entries, 1)]
    return (f"Top {len(rows)} by {result.by}{among}:\n"
            + table(rows, ["#", "name", "label", "score", "degree", "id"]))


def render_communities(result: Communities) -> str:
    if result.is_empty:
        return "No communities: the graph is empty (or every cluster is below the minimum size)."
    out = [f"{len(result.communities)} communities ({result.method}, seed {result.seed}, "
           f"modularity {result.modularity:.3f}):"]
    for c in result.communities:
        names = ", ".join(r.name for r in c.central)
        out.append(f"\n{c.index}. {len(c.members)} members; most connected: {names}")
        out.append("   " + ", ".join(r.name for r in c.members))
    return "\n".join(out)


register(Query("rank", rank, result=Ranking, render=render_rank))
register(Query("communities", communities, result=Communities, render=render_communities))
