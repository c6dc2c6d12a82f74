"""How a Bolt server answers queries itself: the Cypher overrides of the query registry
(:mod:`graph.queries.registry`), registered for stores of kind ``neo4j``.

Each override reads from the server only what its query looks at (through the texts of
:mod:`graph.stores.neo4j.cypher`), then builds the same result value as the reference
query, often by running the reference over that part of the graph. The parity tests
check each against its reference. Queries without an override here run their reference
over :meth:`Neo4jStore.load`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from diplograph.graph.errors import AmbiguousName, NodeNotFound
from diplograph.graph.names import match_key
from diplograph.graph.queries import override
from diplograph.graph.queries import paths as reference_paths
from diplograph.graph.queries.lookup import suggest
from diplograph.graph.queries.neighborhood import Neighborhood
from diplograph.graph.queries.neighborhood import neighbors as reference_neighbors
from diplograph.graph.queries.paths import Paths, path_result
from diplograph.graph.queries.summary import NodeDetail, Stats
from diplograph.graph.queries.summary import show as reference_show
from diplograph.graph.stores.neo4j import cypher as q

if TYPE_CHECKING:
    from collections.abc import Iterable

    from diplograph.graph.stores.neo4j.store import Neo4jStore

__all__ = ["stats", "resolve", "show", "neighbors", "path"]

KIND = "neo4j"


@override("stats", KIND)
def stats(store: Neo4jStore) -> Stats:
    store._check_complete()
    labels = {r["label"]: r["n"] for r in store._read(q.COUNT_LABELS)}
    types = {r["type"]: r["n"] for r in store._read(q.COUNT_TYPES)}
    documents = store._read(q.COUNT_DOCUMENTS)[0]["n"]
    return Stats(nodes=sum(labels.values()), edges=sum(types.values()), documents=documents,
                 by_label=dict(sorted(labels.items())), by_type=dict(sorted(types.items())))


@override("resolve", KIND)
def resolve(store: Neo4jStore, name: str) -> str:
    import networkx as nx
    store._check_complete()
    if store._read(q.NODE_BY_ID, id=name):
        return name
    key = match_key(name)
    hits = store._read(q.MATCH_KEY, key=key) if key else []
    if not hits:
        names = nx.MultiDiGraph()
        for row in store._read(q.ALL_NAMES):
            names.add_node(row["id"], name=row["name"] or "", aliases=row["aliases"] or [])
        raise NodeNotFound(name, suggest(names, name))
    best = min(hit["tier"] for hit in hits)
    nodes = sorted({hit["id"] for hit in hits if hit["tier"] == best})
    if len(nodes) > 1:
        raise AmbiguousName(name, nodes)
    return nodes[0]


@override("show", KIND)
def show(store: Neo4jStore, node: str) -> NodeDetail:
    edges = store._read(q.INCIDENT, id=node)
    ends = {node} | {r["s"] for r in edges} | {r["t"] for r in edges}
    return reference_show(store._subgraph(ends, edges), node)


@override("neighbors", KIND)
def neighbors(store: Neo4jStore, node: str, *, depth: int = 1,
              types: Iterable[str] | None = None,
              labels: Iterable[str] | None = None) -> Neighborhood:
    types_list = sorted(set(types)) if types else None
    labels_list = sorted(set(labels)) if labels else None
    seen, frontier = [node], [node]
    for _ in range(max(depth, 0)):
        if not frontier:
            break
        frontier = [r["id"] for r in store._read(q.STEP, frontier=frontier, seen=seen,
                                                   types=types_list, labels=labels_list)]
        seen += frontier
    return reference_neighbors(store._subgraph(seen), node, depth=depth, types=types_list,
                               labels=labels_list)


@override("path", KIND)
def path(store: Neo4jStore, source: str, target: str, *, max_hops: int = 6,
         all_paths: bool = False, via: str | None = None, limit: int = 10) -> Paths:
    if all_paths or via is not None:  # ranked paths run over the loaded graph
        return reference_paths.path(store.load(), source, target, max_hops=max_hops,
                                    all_paths=all_paths, via=via, limit=limit)
    if source == target:
        return Paths([path_result(store._subgraph([source]), [source])])
    rows = store._read(q.SHORTEST_PATHS(max_hops), source=source, target=target, cap=10_000)
    found = sorted({tuple(r["ids"]) for r in rows})
    if not found:
        return Paths()
    sub = store._subgraph({n for p in found[:limit] for n in p})
    return Paths([path_result(sub, list(p)) for p in found[:limit]])
