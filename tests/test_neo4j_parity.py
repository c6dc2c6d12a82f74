"""Every query gives the same result (or the same error) on the embedded store and on
each Bolt server (Neo4j, then ArcadeDB), for the seed graph and for a generated graph
with planted traps (shared aliases, self-loops, parallel ties, unconnected parts)."""
from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest

from diplograph.graph.errors import DiplographError
from diplograph.graph.schema import SCHEMA
from diplograph.graph.stores import EmbeddedStore, GraphStore


def generated_graph(seed: int = 7, n: int = 120, m: int = 260) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    labels, types = sorted(SCHEMA.labels), sorted(SCHEMA.relations)
    G = nx.MultiDiGraph(documents={f"doc{i}": {"id": f"doc{i}", "title": f"T{i}"}
                                   for i in range(5)})
    for i in range(n):
        label = rng.choice(labels)
        kinds = SCHEMA.labels[label].kinds
        G.add_node(f"n:{i:03}", label=label, name=f"Node {i}",
                   kind=rng.choice(kinds) if kinds and rng.random() < 0.7 else None,
                   aliases=sorted({f"Node {i}", f"Alias {i % 40}"}))  # aliases shared 3 ways
    nodes = sorted(G.nodes)
    for _ in range(m):
        a, b = rng.choice(nodes[:100]), rng.choice(nodes[:100])  # the last 20 stay apart
        t = rng.choice(types)
        if SCHEMA.relations[t].symmetric and b < a:
            a, b = b, a
        G.add_edge(a, b, key=t, type=t, weight=rng.randint(1, 3),
                   evidence=[{"doc": f"doc{rng.randrange(5)}", "method": "rule",
                              "confidence": 0.5}])
    return G


@pytest.fixture(scope="module", params=["seed", "generated"])
def backends(request, each_server, tmp_path_factory) -> tuple[GraphStore, GraphStore, Any]:
    if request.param == "seed":
        G = request.getfixturevalue("seed_graph")
    else:
        G = generated_graph()
    embedded = EmbeddedStore(tmp_path_factory.mktemp("parity"))
    embedded.save(G)
    server = each_server.store()
    server.save(G)
    yield embedded, server, G
    server.close()


def outcome(call: Callable[[], Any]) -> Any:
    try:
        return ("ok", call())
    except DiplographError as exc:
        return (type(exc).__name__, str(exc))


def same(backends, method: str, *args: Any, **kwargs: Any) -> Any:
    embedded, server, _ = backends
    expected = outcome(lambda: getattr(embedded, method)(*args, **kwargs))
    assert outcome(lambda: getattr(server, method)(*args, **kwargs)) == expected, \
        (method, args, kwargs)
    return expected


def test_stats(backends):
    assert same(backends, "stats")[0] == "ok"


def test_resolve_ids_names_aliases_and_misses(backends):
    _, _, G = backends
    names = {"no such thing at all", "", "Nod 1", "alias 3"}
    for node, attrs in G.nodes(data=True):
        names |= {node, attrs["name"], attrs["name"].upper(), *attrs.get("aliases", [])}
    outcomes = {same(backends, "resolve", name)[0] for name in sorted(names)}
    assert "ok" in outcomes and "NodeNotFound" in outcomes


def test_describe_every_node(backends):
    for node in backends[2]:
        assert same(backends, "describe", node)[0] == "ok"


@pytest.mark.parametrize("depth", [0, 1, 2, 3])
def test_neighbors_every_node(backends, depth):
    for node in backends[2]:
        same(backends, "neighbors", node, depth=depth)


@pytest.mark.parametrize("types,labels", [
    (["PARTICIPATES_IN", "MEMBER_OF"], None),
    (None, ["Country", "Organization"]),
    (["HOLDS_POSITION", "PART_OF", "MET_WITH"], ["Person", "Organization", "Country"]),
])
def test_neighbors_with_filters(backends, types, labels):
    for node in backends[2]:
        same(backends, "neighbors", node, depth=2, types=types, labels=labels)


def test_paths_between_pairs(backends):
    nodes = sorted(backends[2])
    pairs = list(itertools.combinations(nodes, 2))
    random.Random(3).shuffle(pairs)
    found = 0
    for a, b in [(nodes[0], nodes[0]), *pairs[:300]]:
        result = same(backends, "paths", a, b)
        found += bool(result[1]) if result[0] == "ok" else 0
    assert found > 10
    same(backends, "paths", nodes[0], nodes[-1], max_hops=2)


# The analyst's questions: a server answers them from load() unless it overrides them.
@pytest.mark.parametrize("method", ["between", "all_paths"])
def test_pair_questions(backends, method):
    nodes = sorted(backends[2])
    for a, b in list(itertools.combinations(nodes[:12], 2)):
        same(backends, method, a, b)


@pytest.mark.parametrize("method", ["who", "posts"])
def test_node_questions(backends, method):
    for node in sorted(backends[2]):
        same(backends, method, node)


@pytest.mark.parametrize("method,kwargs", [
    ("rank", {}), ("rank", {"by": "betweenness", "top": 5}), ("communities", {}),
    ("timeline", {}), ("contradictions", {})])
def test_graph_questions(backends, method, kwargs):
    same(backends, method, **kwargs)
