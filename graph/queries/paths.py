"""Paths between two nodes (``path``), ties followed in either direction, each hop with
every tie (and so every citation) joining its two nodes: the shortest ones, or every
simple path up to a length ranked by the evidence behind it.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n in "abc":
...     G.add_node(n, label="Organization", name=n.upper())
>>> G.add_edge("a", "b", key="PART_OF", type="PART_OF")
'PART_OF'
>>> G.add_edge("c", "b", key="PART_OF", type="PART_OF")
'PART_OF'
>>> [p.length for p in path(G, "a", "c")]
[2]
>>> [n.id for n in path(G, "a", "c")[0].nodes]
['a', 'b', 'c']
>>> print(path(G, "a", "c"))
Path 1 (2 hops): A - B - C
  A -PART_OF-> B
  C -PART_OF-> B
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diplograph.graph.queries.display import edge, html_table, plural
from diplograph.graph.queries.registry import Query, register
from diplograph.graph.queries.results import (EdgeSummary, NodeSummary, Result, edge_summary,
                                              node_summary)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["PathResult", "Paths", "path", "shortest_paths", "ranked_paths", "path_strength",
           "hop_edges", "path_result", "render_path"]


@dataclass(frozen=True, slots=True)
class PathResult(Result):
    """One path: its nodes in order and, per hop, every edge joining the two nodes."""

    nodes: list[NodeSummary]
    hops: list[list[EdgeSummary]]

    @property
    def length(self) -> int:
        return len(self.hops)


class Paths(list[PathResult]):
    """The paths found, in order (a list; ``--json`` prints it as one). ``ranked`` when
    they were ranked by their evidence (``all_paths`` or ``via``), which their text says."""

    def __init__(self, found: Iterable[PathResult] = (), *, ranked: bool = False) -> None:
        super().__init__(found)
        self.ranked = ranked

    def to_dict(self) -> list[dict[str, Any]]:  # type: ignore[override]
        return [p.to_dict() for p in self]

    def __str__(self) -> str:
        return render_path(self)

    def _repr_html_(self) -> str:
        return html_table(self.to_dict()) if self else "<p>No path.</p>"


def hop_edges(G: nx.MultiDiGraph, a: str, b: str) -> list[EdgeSummary]:
    """Every tie between ``a`` and ``b``, either direction, sorted by type."""
    edges = [edge_summary(G, a, b, k) for k in G.get_edge_data(a, b, default={})]
    edges += [edge_summary(G, b, a, k) for k in G.get_edge_data(b, a, default={})]
    return sorted(edges, key=lambda e: (e.type, e.source, e.target))


def path_result(G: nx.MultiDiGraph, nodes: list[str]) -> PathResult:
    return PathResult(nodes=[node_summary(G, n) for n in nodes],
                      hops=[hop_edges(G, a, b) for a, b in itertools.pairwise(nodes)])


def shortest_paths(G: nx.MultiDiGraph, source: str, target: str, *, max_hops: int = 6,
                   limit: int = 10) -> list[PathResult]:
    """All shortest paths of at most ``max_hops`` ties (at most ``limit`` of them), in a
    stable order; an empty list when the two are not connected within ``max_hops``."""
    import networkx as nx  # loaded by the queries that run its algorithms, not at start-up
    if source == target:
        return [path_result(G, [source])]
    U = nx.Graph(G.to_undirected(as_view=True))
    try:
        paths = nx.all_shortest_paths(U, source, target)
        found = sorted(itertools.islice(paths, 10_000))
    except nx.NetworkXNoPath:
        return []
    if not found or len(found[0]) - 1 > max_hops:
        return []
    return [path_result(G, p) for p in found[:limit]]


def path_strength(path: PathResult) -> tuple[int, int]:
    """(documents behind the weakest hop, documents behind the whole path): a path is as
    well attested as its least attested hop.

    >>> path_strength(PathResult(nodes=[], hops=[]))
    (0, 0)
    """
    per_hop = [{c["doc"] for e in hop for c in e.evidence} for hop in path.hops]
    if not per_hop:
        return 0, 0
    return min(len(docs) for docs in per_hop), len(set().union(*per_hop))


def ranked_paths(G: nx.MultiDiGraph, source: str, target: str, *, max_hops: int = 4,
                 via: str | None = None, limit: int = 10,
                 max_candidates: int = 100_000) -> list[PathResult]:
    """All simple paths of at most ``max_hops`` ties, ranked by the evidence behind them.

    Parameters
    ----------
    G : the graph; ties are followed in either direction.
    source, target : node ids.
    max_hops : longest path considered.
    via : keep only paths passing through a node with this label (not counting the ends).
    limit : how many paths to return.
    max_candidates : stop enumerating after this many paths (dense graphs explode).

    Returns
    -------
    list of PathResult
        Best attested first (most documents behind the weakest hop), then shorter, then
        most documents in all, then by node ids.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, label in [("a", "Country"), ("m", "Mechanism"), ("o", "Organization"),
    ...                  ("b", "Country")]:
    ...     G.add_node(n, label=label, name=n)
    >>> for u, v, docs in [("a", "m", ["d1", "d2"]), ("b", "m", ["d1", "d2"]),
    ...                    ("a", "o", ["d1"]), ("o", "b", ["d3"])]:
    ...     _ = G.add_edge(u, v, key="T", type="T", evidence=[{"doc": d} for d in docs])
    >>> [[n.id for n in p.nodes] for p in ranked_paths(G, "a", "b")]
    [['a', 'm', 'b'], ['a', 'o', 'b']]
    >>> [[n.id for n in p.nodes] for p in ranked_paths(G, "a", "b", via="Organization")]
    [['a', 'o', 'b']]
    """
    import networkx as nx
    if source == target:
        return [path_result(G, [source])]
    U = nx.Graph(G.to_undirected(as_view=True))
    found = itertools.islice(nx.all_simple_paths(U, source, target, cutoff=max_hops),
                             max_candidates)
    if via is not None:
        found = (p for p in found if any(G.nodes[n].get("label") == via for n in p[1:-1]))
    hop_docs: dict[tuple[str, str], set[str]] = {}

    def docs(a: str, b: str) -> set[str]:
        if (a, b) not in hop_docs:
            ties = [*G.get_edge_data(a, b, default={}).values(),
                    *G.get_edge_data(b, a, default={}).values()]
            hop_docs[a, b] = {c["doc"] for attrs in ties for c in attrs.get("evidence", [])}
        return hop_docs[a, b]

    def rank(nodes: list[str]) -> tuple:
        per_hop = [docs(a, b) for a, b in itertools.pairwise(nodes)]
        return (-min(map(len, per_hop)), len(nodes), -len(set().union(*per_hop)), nodes)

    return [path_result(G, p) for p in sorted(found, key=rank)[:limit]]


def path(G: nx.MultiDiGraph, source: str, target: str, *, max_hops: int = 6,
         all_paths: bool = False, via: str | None = None, limit: int = 10) -> Paths:
    """Shortest paths between two nodes, each hop with the ties and citations behind it.

    Parameters
    ----------
    G : the graph; ties are followed in either direction.
    source, target : node ids.
    max_hops : longest path considered.
    all_paths : every simple path up to ``max_hops``, best attested first
        (:func:`ranked_paths`) instead of the shortest ones (:func:`shortest_paths`).
    via : keep only paths through a node with this label (the shortest such, unless
        ``all_paths``).
    limit : how many paths to return.
    """
    if not all_paths and via is None:
        return Paths(shortest_paths(G, source, target, max_hops=max_hops, limit=limit))
    found = ranked_paths(G, source, target, max_hops=max_hops, via=via,
                         limit=limit if all_paths else 10_000)
    if not all_paths and found:
        shortest = min(p.length for p in found)
        found = [p for p in found if p.length == shortest][:limit]
    return Paths(found, ranked=True)


def _hops(p: PathResult) -> str:
    return f"{p.length} hops"


def _strength(p: PathResult) -> str:
    weakest, total = path_strength(p)
    return (f"{plural(p.length, 'hop')}; weakest hop cited by "
            f"{plural(weakest, 'document')}, {total} in all")


def render_path(found: Paths) -> str:
    """Each path's nodes, then every hop's ties with their citations; ranked paths say
    the evidence they are ranked by (documents behind the weakest hop)."""
    if not found:
        return "No path between them within the hop limit."
    describe: Callable[[PathResult], str] = _strength if found.ranked else _hops
    out = []
    for i, p in enumerate(found, 1):
        out.append(f"Path {i} ({describe(p)}): " + " - ".join(n.name for n in p.nodes))
        for hop in p.hops:
            out += [edge(e, indent="  ") for e in hop]
    return "\n".join(out)


register(Query("path", path, result=Paths, render=render_path, names=("source", "target")))
