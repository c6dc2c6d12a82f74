"""Lookup, neighbours and paths: on a tiny graph with planted answers and on the seeds."""
import networkx as nx
import pytest

from diplograph.graph.errors import AmbiguousName, NodeNotFound
from diplograph.graph.queries.lookup import resolve
from diplograph.graph.queries.neighborhood import neighbors
from diplograph.graph.queries.paths import shortest_paths


@pytest.fixture
def tiny():
    G = nx.MultiDiGraph(documents={})
    nodes = {"person:francois-wu": ("Person", "François Wu", ["Francois Wu", "Wu"]),
             "org:mnd-taiwan": ("Organization", "Ministry of National Defense", ["MND"]),
             "org:mnd-china": ("Organization", "Ministry of National Defense (China)", ["MND"]),
             "country:taiwan": ("Country", "Taiwan", ["Taipei"]),
             "country:china": ("Country", "China", []),
             "mechanism:monterey-talks": ("Mechanism", "Monterey Talks", [])}
    for node, (label, name, aliases) in nodes.items():
        G.add_node(node, label=label, name=name, kind=None, aliases=[name, *aliases])
    ev = [{"doc": "d", "method": "curated", "confidence": 1.0, "note": "planted"}]
    for u, k, v in [("person:francois-wu", "HOLDS_POSITION", "org:mnd-taiwan"),
                    ("org:mnd-taiwan", "PART_OF", "country:taiwan"),
                    ("org:mnd-china", "PART_OF", "country:china"),
                    ("country:taiwan", "PARTICIPATES_IN", "mechanism:monterey-talks")]:
        G.add_edge(u, v, key=k, type=k, evidence=ev)
    return G


@pytest.mark.parametrize("typed", ["francois wu", "FRANÇOIS WU", "Wu", "person:francois-wu",
                                   "  francois   wu "])
def test_names_match_on_id_name_alias_ignoring_case_and_accents(tiny, typed):
    assert resolve(tiny, typed) == "person:francois-wu"


def test_a_name_beats_an_alias(tiny):
    assert resolve(tiny, "Ministry of National Defense") == "org:mnd-taiwan"


def test_an_alias_shared_by_two_nodes_is_ambiguous(tiny):
    with pytest.raises(AmbiguousName, match="org:mnd-china, org:mnd-taiwan"):
        resolve(tiny, "mnd")


def test_a_miss_suggests_the_closest_names(tiny):
    with pytest.raises(NodeNotFound) as err:
        resolve(tiny, "Montery Talks")
    assert err.value.suggestions[0] == "Monterey Talks"


def test_neighbors_follow_both_directions_and_filter(tiny):
    assert {n.id for n in neighbors(tiny, "country:taiwan").nodes} == {
        "country:taiwan", "org:mnd-taiwan", "mechanism:monterey-talks"}
    only_parts = neighbors(tiny, "country:taiwan", depth=2, types=["PART_OF", "HOLDS_POSITION"])
    assert {n.id for n in only_parts.nodes} == {"country:taiwan", "org:mnd-taiwan",
                                                "person:francois-wu"}
    people = neighbors(tiny, "country:taiwan", depth=2, labels=["Organization"])
    assert {n.id for n in people.nodes} == {"country:taiwan", "org:mnd-taiwan"}


def test_path_hops_carry_their_citations(tiny):
    [p] = shortest_paths(tiny, "person:francois-wu", "mechanism:monterey-talks")
    assert [n.id for n in p.nodes] == ["person:francois-wu", "org:mnd-taiwan", "country:taiwan",
                                       "mechanism:monterey-talks"]
    assert [hop[0].type for hop in p.hops] == ["HOLDS_POSITION", "PART_OF", "PARTICIPATES_IN"]
    assert all(hop[0].evidence[0]["note"] == "planted" for hop in p.hops)


def test_no_path_and_hop_limit_give_empty(tiny):
    assert shortest_paths(tiny, "person:francois-wu", "country:china") == []
    assert shortest_paths(tiny, "person:francois-wu", "mechanism:monterey-talks",
                          max_hops=2) == []


def test_seed_graph_links_an_official_to_the_us_defense_department(seed_graph):
    chung = resolve(seed_graph, "Chung Shu-ming")
    dod = resolve(seed_graph, "US Department of Defense")
    found = shortest_paths(seed_graph, chung, dod)
    assert found, "Chung Shu-ming should be connected to the US Department of Defense"
    for p in found:
        assert p.nodes[0].id == chung and p.nodes[-1].id == dod
        assert all(hop and all(e.evidence for e in hop) for hop in p.hops)


def test_seed_graph_monterey_talks_neighbours(seed_graph):
    nb = neighbors(seed_graph, resolve(seed_graph, "Monterey Talks"),
                   types=["PARTICIPATES_IN"])
    names = {n.name for n in nb.nodes}
    assert {"Taiwan", "United States"} <= names
    assert all(e.type == "PARTICIPATES_IN" for e in nb.edges)
