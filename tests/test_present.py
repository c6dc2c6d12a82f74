"""viz.present: the plain dicts every page and picture is drawn from."""
from __future__ import annotations

import pytest

from diplograph.graph.errors import DiplographError, NodeNotFound
from diplograph.graph.schema import SCHEMA
from tests.viz_graphs import IMG, KU, LIN, SCRIPT, hostile_graph, two_clusters_graph
from diplograph.viz.palette import NEUTRAL
from diplograph.viz.present import COLOR_BY, SIZE_BY, Filters, holds_on, present


@pytest.fixture(scope="module")
def G():
    return hostile_graph()


def test_nodes_and_edges_keep_text_as_written(G):
    view = present(G)
    labels = {n["id"]: n["label"] for n in view["nodes"]}
    assert labels["person:evil"] == IMG and labels["person:ku"] == KU
    evil = next(n for n in view["nodes"] if n["id"] == "person:evil")
    assert SCRIPT in evil["dg"]["aliases"]
    assert evil["title"].splitlines()[0] == IMG          # plain text, shown as text
    assert "&lt;" not in evil["title"]                   # not HTML-escaped twice


def test_style_and_arrows_come_from_the_schema(G):
    view = present(G)
    for n in view["nodes"]:
        spec = SCHEMA.label(n["dg"]["label"])
        assert (n["color"], n["shape"]) == (spec.color, spec.shape)
    for e in view["edges"]:
        spec = SCHEMA.relation(e["dg"]["type"])
        assert e["arrows"] == ("" if spec.symmetric else "to")
        assert e["label"] == spec.label
    assert [lab["name"] for lab in view["legend"]["labels"]] == list(SCHEMA.labels)
    assert {t["name"]: t["count"] for t in view["legend"]["types"]}["HOLDS_POSITION"] == 2


def test_tooltip_lists_kind_aliases_and_citations(G):
    mnd = next(n for n in present(G)["nodes"] if n["id"] == "org:mnd")
    assert mnd["title"].splitlines()[:3] == ["Ministry of National Defense",
                                             "Organization · ministry", "Also: MND"]
    ku_edge = next(e for e in present(G)["edges"] if e["id"] == "person:ku|HOLDS_POSITION|org:mnd")
    assert "Sources (2):" in ku_edge["title"]
    docs = [c["doc"] for c in ku_edge["dg"]["citations"]]
    assert docs == ["d1", "d2"]
    assert ku_edge["dg"]["citations"][0]["snippet"] == f"snippet {SCRIPT}"
    assert ku_edge["dg"]["citations"][0]["title"] == f"Title {IMG}"


@pytest.mark.parametrize("filters, nodes, edges", [
    (Filters(), 6, 6),
    (Filters(min_sources=2), 2, 1),                       # only Ku's post has two documents
    (Filters(types=("PART_OF",)), 3, 2),
    (Filters(labels=("Person",)), 3, 2),
    (Filters(focus="MND", depth=1), 3, 2),
    (Filters(focus="Lin Chia-lung", depth=2), 6, 6),
    (Filters(since="2025-09", until="2025-12"), 3, 2),    # the meeting; Ku's open post
    (Filters(as_of="2024-12"), 5, 4),                     # Lin at MOFA, not yet Ku at MND
    (Filters(as_of="2025-06"), 5, 4),                     # Lin has left; no meeting yet
])
def test_filters(G, filters, nodes, edges):
    view = present(G, filters=filters)
    assert (len(view["nodes"]), len(view["edges"])) == (nodes, edges)


def test_as_of_follows_start_and_end(G):
    lin = G.edges["person:lin", "org:mofa", "HOLDS_POSITION"]
    assert holds_on(lin, "2024-12-01") and not holds_on(lin, "2025-03-01")
    assert not holds_on({"status": "planned"}, "2025-01-01")


def test_focus_errors_name_the_problem(G):
    with pytest.raises(NodeNotFound):
        present(G, filters=Filters(focus="Nobody At All"))
    with pytest.raises(DiplographError, match="hidden by the other filters"):
        present(G, filters=Filters(focus="Taiwan", labels=("Person",)))


@pytest.mark.parametrize("measure", list(SIZE_BY))
def test_sizes_rank_the_hub_largest(G, measure):
    sizes = {n["id"]: n["size"] for n in present(G, size_by=measure)["nodes"]}
    assert max(sizes.values()) == sizes["person:ku"] or measure in ("eigenvector", "citations")
    assert all(10 <= s <= 40 for s in sizes.values())


def test_unknown_size_measure_lists_valid_ones(G):
    with pytest.raises(DiplographError, match="valid: degree"):
        present(G, size_by="shoe-size")


def test_present_does_not_change_the_graph(G):
    before = sorted(G.nodes(data="name")), G.number_of_edges()
    present(G, filters=Filters(labels=("Person",), min_sources=2))
    assert (sorted(G.nodes(data="name")), G.number_of_edges()) == before


def test_seed_graph_presents_every_node(seed_graph):
    view = present(seed_graph)
    assert len(view["nodes"]) == seed_graph.number_of_nodes()
    assert len(view["edges"]) == seed_graph.number_of_edges()


def test_chinese_names_stay_as_written(G):
    view = present(G)
    assert {KU, LIN} <= {n["label"] for n in view["nodes"]}
    assert {KU, LIN} <= {n["dg"]["name"] for n in view["nodes"]}


def _by_id(view):
    return {n["id"]: n for n in view["nodes"]}


def test_colour_by_community_gives_each_planted_community_one_colour():
    view = present(two_clusters_graph(), color_by="community")
    nodes = _by_id(view)
    side_a = {n["color"] for i, n in nodes.items() if i.startswith(("org:a", "person:a"))}
    side_b = {n["color"] for i, n in nodes.items() if i.startswith("person:b")}
    assert len(side_a) == 1 and len(side_b) == 1 and side_a != side_b
    for n in nodes.values():                              # the shape still shows the label
        assert n["shape"] == SCHEMA.label(n["dg"]["label"]).shape
    assert nodes["org:a-hub"]["shape"] != nodes["person:a1"]["shape"]
    assert nodes["person:b3"]["dg"]["community"]["name"] == f"Beta {IMG}"
    legend = view["legend"]
    assert [(c["index"], c["name"], c["size"], c["count"]) for c in legend["communities"]] == [
        (1, "Alpha Hub", 5, 5), (2, f"Beta {IMG}", 5, 5)]
    assert [c["color"] for c in legend["communities"]] == [*side_a, *side_b]
    assert {lab["color"] for lab in legend["labels"]} == {NEUTRAL}   # shapes, not colours
    assert present(two_clusters_graph(), color_by="community") == view   # deterministic


def test_communities_are_the_whole_graphs_when_the_page_is_filtered():
    view = present(two_clusters_graph(), color_by="community",
                   filters=Filters(focus="A4", depth=1))
    assert sorted(_by_id(view)) == ["org:a-hub", "person:a3", "person:a4", "person:b4"]
    assert [(c["name"], c["size"], c["count"]) for c in view["legend"]["communities"]] == [
        ("Alpha Hub", 5, 3), (f"Beta {IMG}", 5, 1)]


def test_colour_by_label_is_the_default_and_unchanged():
    G = two_clusters_graph()
    view = present(G)
    assert view == present(G, color_by="label")
    for n in view["nodes"]:
        assert n["color"] == SCHEMA.label(n["dg"]["label"]).color
        assert "community" not in n["dg"]
    assert view["legend"]["communities"] == []
    assert list(COLOR_BY) == ["label", "community"]
    with pytest.raises(DiplographError, match="valid: label, community"):
        present(G, color_by="mood")
