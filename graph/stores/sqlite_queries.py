"""How the SQLite store answers queries itself: the SQL overrides of the query registry
(:mod:`graph.queries.registry`), registered for stores of kind ``sqlite``.

Each override walks the indexed tables to find the few nodes its question looks at (a
node's ties, a neighbourhood level by level, a bidirectional search for paths, the
affiliation chains of a venue's participants), reads only those nodes and the ties among
them (:meth:`SQLiteStore.graph`), and runs the reference query over that part of the
graph: the part is chosen so that the answer is the one the whole graph gives, which
the parity tests check. ``stats`` and ``resolve`` are counts and index lookups;
``rank`` and ``communities`` read every node's label and name and every tie's ends in
two bulk reads, the skeleton their reference reads of a graph
(:class:`graph.queries.centrality.Skeleton`).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from diplograph.graph.errors import NodeNotFound
from diplograph.graph.names import match_key
from diplograph.graph.queries import contradictions as reference_contradictions
from diplograph.graph.queries import (centrality, mechanisms, override, paths, posts, summary,
                                      timeline)
from diplograph.graph.queries.lookup import best_hit, suggest
from diplograph.graph.queries.neighborhood import neighbors as reference_neighbors
from diplograph.graph.queries.vocabulary import (ACTOR_LABELS, AFFILIATION_TYPES,
                                                 DATE_FIELDS, HOLDS_POSITION, PART_OF,
                                                 SIDE_LABEL, VENUE_LABELS, VENUE_TYPES)
from diplograph.graph.queries.sides import DENIED

if TYPE_CHECKING:
    import networkx as nx

    from diplograph.graph.queries.neighborhood import Neighborhood
    from diplograph.graph.stores.sqlite import SQLiteStore

__all__ = ["stats", "resolve", "show", "neighbors", "path", "between", "who", "node_posts",
           "node_timeline", "contradictions", "rank", "communities"]

KIND = "sqlite"
_IN = " IN (SELECT value FROM json_each(?))"
_LIVE = "coalesce(status, '') != ?"   # ties reported and then denied place no one


def _list(values: Iterable[Any]) -> str:
    return json.dumps(sorted(set(values)))


def _ties(store: SQLiteStore, nodes: Iterable[str], *, types: Iterable[str] | None = None,
          out: bool = True, into: bool = True, live: bool = False
          ) -> list[tuple[str, str, str]]:
    """(source, type, target) of the ties leaving (``out``) or reaching (``into``) ``nodes``."""
    found: list[tuple[str, str, str]] = []
    where, params = "", []
    if types is not None:
        where, params = f" AND type{_IN}", [_list(types)]
    if live:
        where, params = f"{where} AND {_LIVE}", [*params, DENIED]
    ids = _list(nodes)
    for end, wanted in (("source", out), ("target", into)):
        if wanted:
            found += store.sql(f"SELECT source, type, target FROM ties WHERE {end}{_IN}{where}",
                               ids, *params)
    return found


def _labels(store: SQLiteStore, nodes: Iterable[str]) -> dict[str, str]:
    return dict(store.sql(f"SELECT id, label FROM nodes WHERE id{_IN}", _list(nodes)))


def _adjacent(store: SQLiteStore, frontier: Iterable[str],
              types: Iterable[str] | None = None) -> dict[str, set[str]]:
    """Each node of ``frontier`` -> the nodes one tie away, either direction."""
    nearby: dict[str, set[str]] = {}
    front = set(frontier)
    for s, _, t in _ties(store, front, types=types):
        if s in front:
            nearby.setdefault(s, set()).add(t)
        if t in front:
            nearby.setdefault(t, set()).add(s)
    return nearby


def by_degree(store: SQLiteStore, top: int) -> list[str]:
    """The ``top`` nodes touched by the most ties (a tie to itself counts twice), then
    by id, as ``sorted(G, key=lambda n: (-G.degree(n), n))`` orders them."""
    return [n for (n,) in store.sql(
        "SELECT n.id FROM nodes n LEFT JOIN (SELECT id, count(*) AS ties FROM (SELECT source "
        "AS id FROM ties UNION ALL SELECT target FROM ties) GROUP BY id) d ON d.id = n.id "
        "ORDER BY coalesce(d.ties, 0) DESC, n.id LIMIT ?", max(top, 0))]


@override("stats", KIND)
def stats(store: SQLiteStore) -> summary.Stats:
    counted: dict[str, dict[str, int]] = {"label": {}, "type": {}, "documents": {"": 0}}
    for what, name, n in store.sql("SELECT what, name, n FROM counts"):
        counted[what][name] = n
    labels, types, documents = counted["label"], counted["type"], counted["documents"][""]
    return summary.Stats(nodes=sum(labels.values()), edges=sum(types.values()),
                         documents=documents, by_label=dict(sorted(labels.items())),
                         by_type=dict(sorted(types.items())))


@override("resolve", KIND)
def resolve(store: SQLiteStore, name: str) -> str:
    import networkx as nx
    if store.sql("SELECT 1 FROM nodes WHERE id = ?", name):
        return name
    key = match_key(name)
    hits = store.sql("SELECT 0, id FROM nodes WHERE id_key = ?1 UNION ALL "
                     "SELECT 1, id FROM nodes WHERE name_key = ?1 UNION ALL "
                     "SELECT 2, node FROM aliases WHERE key = ?1", key) if key else []
    if not hits:
        names = nx.MultiDiGraph()
        aliases: dict[str, list[str]] = {}
        for node, alias in store.sql("SELECT node, alias FROM aliases ORDER BY node, seq"):
            aliases.setdefault(node, []).append(alias)
        for node, label in store.sql("SELECT id, name FROM nodes ORDER BY id"):
            names.add_node(node, name=label, aliases=aliases.get(node, []))
        raise NodeNotFound(name, suggest(names, name))
    return best_hit(name, hits)


def _around(store: SQLiteStore, node: str) -> set[str]:
    """``node`` and every node one tie away."""
    return {node, *_adjacent(store, [node]).get(node, ())}


@override("show", KIND)
def show(store: SQLiteStore, node: str) -> summary.NodeDetail:
    return summary.show(store.graph(_around(store, node)), node)


@override("posts", KIND)
def node_posts(store: SQLiteStore, node: str, *, as_of: str | None = None) -> posts.Posts:
    return posts.posts(store.graph(_around(store, node)), node, as_of=as_of)


@override("neighbors", KIND)
def neighbors(store: SQLiteStore, node: str, *, depth: int = 1,
              types: Iterable[str] | None = None,
              labels: Iterable[str] | None = None) -> Neighborhood:
    types_list = sorted(set(types)) if types else None
    labels_set = set(labels) if labels else None
    seen, frontier = {node}, {node}
    for _ in range(max(depth, 0)):
        reached = {n for near in _adjacent(store, frontier, types_list).values()
                   for n in near} - seen
        if labels_set:
            reached = {n for n, label in _labels(store, reached).items() if label in labels_set}
        if not reached:
            break
        seen |= reached
        frontier = reached
    return reference_neighbors(store.graph(seen), node, depth=depth, types=types_list,
                               labels=sorted(labels_set) if labels_set else None)


def levels(store: SQLiteStore, start: str, radius: int) -> dict[str, int]:
    """Every node within ``radius`` ties of ``start`` -> its distance."""
    dist, frontier = {start: 0}, {start}
    for level in range(1, radius + 1):
        frontier = {n for near in _adjacent(store, frontier).values() for n in near} - set(dist)
        if not frontier:
            break
        dist.update(dict.fromkeys(frontier, level))
    return dist


def _on_shortest_paths(store: SQLiteStore, source: str, target: str, max_hops: int
                       ) -> set[str]:
    """The nodes of every shortest path between the two of at most ``max_hops`` ties
    (none when there is none): a breadth-first search from both ends, the smaller
    frontier first, then back from where they met along each side's parents."""
    dist = ({source: 0}, {target: 0})
    parents: tuple[dict[str, set[str]], dict[str, set[str]]] = ({source: set()},
                                                                {target: set()})
    fronts = ({source}, {target})
    depth = [0, 0]
    while fronts[0] and fronts[1] and sum(depth) < max_hops:
        side = 0 if len(fronts[0]) <= len(fronts[1]) else 1
        d, p = dist[side], parents[side]
        nxt: set[str] = set()
        for node, near in _adjacent(store, fronts[side]).items():
            for other in near:
                if other not in d:
                    d[other] = depth[side] + 1
                    p[other] = set()
                    nxt.add(other)
                if d[other] == depth[side] + 1:
                    p[other].add(node)
        depth[side] += 1
        fronts = (nxt, fronts[1]) if side == 0 else (fronts[0], nxt)
        met = [n for n in nxt if n in dist[1 - side]]
        if met:
            shortest = min(dist[0][n] + dist[1][n] for n in met)
            middle = [n for n in dist[0] if n in dist[1]
                      and dist[0][n] + dist[1][n] == shortest]
            found: set[str] = set()
            for side_parents in parents:
                walked: set[str] = set()
                stack = list(middle)
                while stack:
                    node = stack.pop()
                    if node not in walked:
                        walked.add(node)
                        stack += side_parents.get(node, ())
                found |= walked
            return found
    return set()


@override("path", KIND)
def path(store: SQLiteStore, source: str, target: str, *, max_hops: int = 6,
         all_paths: bool = False, via: str | None = None, limit: int = 10) -> paths.Paths:
    if source == target:
        nodes = {source}
    elif all_paths or via is not None:
        # every simple path of at most max_hops ties lies within these
        near, far = levels(store, source, max_hops - 1), levels(store, target, max_hops - 1)
        nodes = {source, target} | {n for n in near if n in far
                                    and near[n] + far[n] <= max_hops}
    else:
        nodes = {source, target} | _on_shortest_paths(store, source, target, max_hops)
    return paths.path(store.graph(nodes), source, target, max_hops=max_hops,
                      all_paths=all_paths, via=via, limit=limit)


# --- who takes part where: affiliation chains (graph.queries.sides) ----------------------

def _side_keys(store: SQLiteStore, keys: Iterable[str]) -> dict[str, list[str]]:
    """match key -> every side (country) named so, by id: the first is the side a
    ``country`` property with that key points to."""
    wanted = _list(keys)
    keyed = " IN (SELECT value FROM json_each(?1))"
    rows = store.sql(f"SELECT name_key, id FROM nodes WHERE name_key{keyed} AND label = ?2 "
                     f"UNION SELECT a.key, a.node FROM aliases a JOIN nodes n ON n.id = a.node "
                     f"WHERE a.key{keyed} AND n.label = ?2", wanted, SIDE_LABEL)
    found: dict[str, list[str]] = {}
    for key, node in sorted(rows):
        found.setdefault(key, []).append(node)
    return found


def _sides_for(store: SQLiteStore, nodes: Iterable[str]) -> set[str]:
    """Every side that a ``country`` property of ``nodes`` may name, so that the part of
    the graph read maps each such property to the side the whole graph maps it to."""
    keys = [k for (k,) in store.sql(f"SELECT country_key FROM nodes WHERE id{_IN} "
                                    "AND country_key IS NOT NULL", _list(nodes))]
    return {n for ids in _side_keys(store, keys).values() for n in ids}


def _upwards(store: SQLiteStore, start: Iterable[str]) -> set[str]:
    """``start`` and every actor they belong to, up affiliation ties and ``country``
    properties (:func:`graph.queries.sides.affiliations`)."""
    seen, frontier = set(start), set(start)
    while frontier:
        ups = {t for _, _, t in _ties(store, frontier, types=AFFILIATION_TYPES, into=False,
                                       live=True)}
        ups = {n for n, label in _labels(store, ups).items() if label in ACTOR_LABELS}
        keys = [k for (k,) in store.sql(f"SELECT country_key FROM nodes WHERE id{_IN} AND "
                                        "country_key IS NOT NULL", _list(frontier))]
        ups |= {ids[0] for ids in _side_keys(store, keys).values()}
        frontier = ups - seen
        seen |= frontier
    return seen


def _counting_for(store: SQLiteStore, side: str) -> dict[str, set[str]]:
    """Every actor that counts for ``side`` (:func:`graph.queries.sides.counting_for`)
    -> the actors one step up from it on its shortest chains to ``side``: the walk of
    :func:`_upwards` backwards, level by level, keeping the links by which each level
    was reached. Empty when ``side`` is no actor."""
    if _labels(store, [side]).get(side) not in ACTOR_LABELS:
        return {}
    up: dict[str, set[str]] = {side: set()}
    frontier = {side}
    while frontier:
        below: dict[str, set[str]] = {}
        for source, _, target in _ties(store, frontier, types=AFFILIATION_TYPES, out=False,
                                       live=True):
            below.setdefault(source, set()).add(target)
        sides = [n for n, label in _labels(store, frontier).items() if label == SIDE_LABEL]
        if sides:
            forms = store.sql(f"SELECT id, name_key FROM nodes WHERE id{_IN} UNION "
                              f"SELECT node, key FROM aliases WHERE node{_IN}",
                              _list(sides), _list(sides))
            owned = {k: ids[0] for k, ids in _side_keys(store, {k for _, k in forms}).items()
                     if ids[0] in frontier}
            for node, key in store.sql(f"SELECT id, country_key FROM nodes "
                                       f"WHERE country_key{_IN}", _list(owned)):
                if node != owned[key]:
                    below.setdefault(node, set()).add(owned[key])
        actors = {n for n, label in _labels(store, set(below) - set(up)).items()
                  if label in ACTOR_LABELS}
        for node in actors:
            up[node] = below[node]
        frontier = actors
    return up


def _chains(up: dict[str, set[str]], start: Iterable[str]) -> set[str]:
    """The actors on the shortest chains from ``start`` up to the side of ``up``."""
    seen: set[str] = set()
    stack = [n for n in start if n in up]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack += up[node]
    return seen


def _venues_of(store: SQLiteStore, actors: Iterable[str]) -> set[str]:
    venues = {t for _, _, t in _ties(store, actors, types=VENUE_TYPES, into=False, live=True)}
    return {n for n, label in _labels(store, venues).items() if label in VENUE_LABELS}


def _with_sides(store: SQLiteStore, nodes: set[str]) -> set[str]:
    while True:
        more = _sides_for(store, nodes) - nodes
        if not more:
            return nodes
        nodes |= more


@override("between", KIND)
def between(store: SQLiteStore, a: str, b: str, *, limit: int | None = mechanisms.BETWEEN_LIMIT
            ) -> mechanisms.Between:
    """The venues both sides' actors take part in, counted from the two walks down;
    the reference then runs over the first ``limit`` of them by name, their
    participants, and the actors on those participants' shortest chains to each side
    (the chains it picks lie on them)."""
    ours, theirs = _counting_for(store, a), _counting_for(store, b)
    shared = _venues_of(store, ours) & _venues_of(store, theirs)
    names = store.sql(f"SELECT name, id FROM nodes WHERE id{_IN}", _list(shared))
    chosen = [n for _, n in sorted((name.casefold(), n) for name, n in names)][:limit]
    taking_part = {s for s, _, _ in _ties(store, chosen, types=VENUE_TYPES, out=False,
                                          live=True)}
    nodes = {a, b, *chosen, *taking_part, *_chains(ours, taking_part),
             *_chains(theirs, taking_part)}
    found = mechanisms.between(store.graph(_with_sides(store, nodes)), a, b, limit=limit)
    return replace(found, total=len(shared))


@override("who", KIND)
def who(store: SQLiteStore, venue: str) -> mechanisms.Who:
    nodes = _around(store, venue)
    if _labels(store, [venue]).get(venue) in VENUE_LABELS:
        actors = {s for s, _, _ in _ties(store, [venue], types=VENUE_TYPES, out=False,
                                         live=True)}
        nodes = _with_sides(store, nodes | _upwards(store, actors))
    return mechanisms.who(store.graph(nodes), venue)


def _dated(store: SQLiteStore) -> set[str]:
    """The nodes with a date of their own, and the ends of the ties with one (rows with
    values beyond the plain columns are kept, to be read by the reference)."""
    dated = " OR ".join(f"coalesce(\"{f}\", '') != ''" for f in DATE_FIELDS)
    found = {n for (n,) in store.sql(f"SELECT id FROM nodes WHERE {dated} OR extra IS NOT NULL")}
    for s, t in store.sql(f"SELECT source, target FROM ties WHERE {dated} OR extra IS NOT NULL"):
        found |= {s, t}
    return found


@override("timeline", KIND)
def node_timeline(store: SQLiteStore, *, since: str | None = None, until: str | None = None,
                  about: str | None = None) -> timeline.Timeline:
    nodes = _dated(store) if about is None else _around(store, about)
    return timeline.timeline(store.graph(nodes), since=since, until=until, about=about)


@override("contradictions", KIND)
def contradictions(store: SQLiteStore, *, kinds: list[str] | None = None
                   ) -> reference_contradictions.Contradictions:
    """Over the nodes and ties that any check reads: those with conflicting values,
    ties cited with more than one claim, and every post with its body's parents."""
    nodes = {n for (n,) in store.sql("SELECT id FROM nodes WHERE conflicts IS NOT NULL "
                                     "OR extra IS NOT NULL")}
    for s, t in store.sql("SELECT source, target FROM ties WHERE conflicts IS NOT NULL "
                          "OR extra IS NOT NULL OR id IN (SELECT tie FROM citations WHERE "
                          "claim IS NOT NULL GROUP BY tie HAVING count(*) > 1)"):
        nodes |= {s, t}
    posts_held = store.sql("SELECT source, target FROM ties WHERE type = ?", HOLDS_POSITION)
    bodies = {t for _, t in posts_held}
    nodes |= bodies | {s for s, _ in posts_held}
    nodes |= {t for _, _, t in _ties(store, bodies, types=[PART_OF], into=False)}
    return reference_contradictions.contradictions(store.graph(nodes), kinds=kinds)


def _skeleton(store: SQLiteStore) -> centrality.Skeleton:
    """Every node's id, label and name and every tie's ends: what ``rank`` and
    ``communities`` read of the graph, in two bulk reads (no graph is built)."""
    return centrality.Skeleton.of(store.sql("SELECT id, label, name FROM nodes"),
                                  store.sql("SELECT source, target FROM ties"))


@override("rank", KIND)
def rank(store: SQLiteStore, *, by: str = "degree", label: str | None = None,
         top: int = 10) -> centrality.Ranking:
    return centrality.rank_skeleton(_skeleton(store), by=by, label=label, top=top)


@override("communities", KIND)
def communities(store: SQLiteStore, *, seed: int = centrality.COMMUNITY_SEED, central: int = 3,
                min_size: int = 1) -> centrality.Communities:
    return centrality.communities_of(_skeleton(store), seed=seed, central=central,
                                     min_size=min_size)
