"""viz.present: the plain dicts every page and picture is drawn from."""
from __future__ import annotations

import pytest

from diplograph.graph.errors import DiplographError, NodeNotFound
from diplograph.graph.schema import SCHEMA
from tests.viz_graphs import IMG, KU, LIN, SCRIPT, hostile_graph, two_clusters_graph
from diplograph.viz.palette import NEUTRAL
from diplograph.graph.queries.posts import posts
from diplograph.viz.diffmap import diff_union
from diplograph.viz.markdown import parse
from diplograph.viz.palette import CHANGES, relation_colors, status_dashes
from diplograph.viz.present import COLOR_BY, SIZE_BY, Filters, present, wrap
from diplograph.viz.story import story_view
from diplograph.viz.timeline import held_span, holds_on, time_steps


@pytest.fixture(scope="module")
def G():
    return hostile_graph()


def test_nodes_and_edges_keep_text_as_written(G):
    view = present(G)
    labels = {n["id"]: n["dg"]["name"] for n in view["nodes"]}
    assert labels["person:evil"] == IMG and labels["person:ku"] == KU
    evil = next(n for n in view["nodes"] if n["id"] == "person:evil")
    assert SCRIPT in evil["dg"]["aliases"]
    assert evil["dg"]["name"] == IMG                     # plain text, shown as text
    assert "&lt;" not in evil["label"]                   # not HTML-escaped twice


def test_style_and_arrows_come_from_the_schema(G):
    view = present(G)
    for n in view["nodes"]:
        spec = SCHEMA.label(n["dg"]["label"])
        assert (n["color"], n["shape"]) == (spec.color, spec.shape)
    for e in view["edges"]:
        spec = SCHEMA.relation(e["dg"]["type"])
        assert e["arrows"] == ("" if spec.symmetric else "to")
        assert e["label"] == spec.label
        assert e["color"]["color"] == relation_colors()[spec.name]
        assert e["dashes"] == status_dashes()[e["dg"]["status"]]
    assert [lab["name"] for lab in view["legend"]["labels"]] == list(SCHEMA.labels)
    assert {t["name"]: t["count"] for t in view["legend"]["types"]}["HOLDS_POSITION"] == 2


def test_panel_data_lists_kind_aliases_and_citations(G):
    view = present(G)
    mnd = next(n for n in view["nodes"] if n["id"] == "org:mnd")
    assert (mnd["dg"]["label"], mnd["dg"]["kind"], mnd["dg"]["aliases"]) == (
        "Organization", "ministry", ["Ministry of National Defense", "MND"])
    ku_edge = next(e for e in view["edges"] if e["id"] == "person:ku|HOLDS_POSITION|org:mnd")
    docs = [c["doc"] for c in ku_edge["dg"]["citations"]]
    assert docs == ["d1", "d2"]
    assert ku_edge["dg"]["citations"][0]["snippet"] == f"snippet {SCRIPT}"
    # A document's details are given once, not copied into every citation.
    assert "title" not in ku_edge["dg"]["citations"][0]
    assert view["documents"]["d1"]["title"] == f"Title {IMG}"
    assert ku_edge["dg"]["methods"] == ["curated", "rule"]           # schema order


def test_labels_wrap_at_spaces_only():
    assert wrap("Ministry of National Defense (Taiwan)") == "Ministry of National\nDefense (Taiwan)"
    assert wrap(KU) == KU
    assert wrap("A" * 40) == "A" * 40                    # a long word stays whole


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
    (Filters(min_degree=2), 5, 5),                        # all but the one-tie node
    (Filters(min_degree=3), 1, 0),
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
    assert {KU, LIN} <= {n["label"] for n in view["nodes"]}   # short: not wrapped
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


def test_time_steps_follow_the_posts_rule(seed_graph):
    """The slider's spans give, for every step, exactly the posts `posts --as-of` gives."""
    view = present(seed_graph)
    steps = view["time"]["steps"]
    people = sorted({u for u, _, k in seed_graph.edges(keys=True) if k == "HOLDS_POSITION"})
    assert steps == time_steps(a for _, _, a in seed_graph.edges(data=True))
    for index, day in enumerate(steps):
        shown = {e["id"] for e in view["edges"]
                 if e["dg"]["held"] and e["dg"]["held"][0] <= index <= e["dg"]["held"][1]}
        expected = {f"{u}|{k}|{v}" for u, v, k, a in seed_graph.edges(keys=True, data=True)
                    if holds_on(a, day)}
        assert shown == expected, day
        held_posts = {(p.person.id, p.body.id) for person in people
                      for p in posts(seed_graph, person, as_of=day).posts}
        assert held_posts == {tuple(i.split("|HOLDS_POSITION|")) for i in shown
                              if "|HOLDS_POSITION|" in i}, day


def test_held_span_is_the_steps_holds_on_accepts():
    steps = ["2024", "2025", "2026"]
    assert held_span({"start": "2025-05"}, steps) == [1, 2]
    assert held_span({"status": "planned", "start": "2025"}, steps) is None
    assert held_span({"status": "former"}, steps) is None        # undated and over
    assert held_span({}, steps) == [0, 2]
    years = [str(y) for y in range(1990, 2026)]
    assert time_steps([{"start": "1990"}, {"end": "2025-02"}]) == years


def test_diff_union_keeps_what_was_removed(G):
    old = G.copy()
    new = G.copy()
    new.remove_node("person:evil")
    new.nodes["org:mnd"]["name"] = "MND"
    both, changes = diff_union(old, new)
    assert "person:evil" in both and changes["nodes"] == {"person:evil": "removed",
                                                          "org:mnd": "changed"}
    assert changes["edges"] == {"person:evil|MET_WITH|person:ku": "removed"}
    view = present(both, changes=changes)
    nodes = _by_id(view)
    assert nodes["person:evil"]["color"] == CHANGES["removed"]
    assert nodes["person:ku"]["color"] == CHANGES["unchanged"]
    assert nodes["person:ku"]["shape"] == SCHEMA.label("Person").shape
    legend = {c["name"]: (c["nodes"], c["edges"]) for c in view["legend"]["changes"]}
    assert legend == {"added": (0, 0), "removed": (1, 1), "changed": (1, 0), "unchanged": (4, 5)}


def test_story_view_resolves_each_steps_nodes_and_ties(G):
    view = story_view(G, {"title": f"Story {IMG}", "description": "", "steps": [
        {"title": "Posts", "caption": f"**Ku** and {SCRIPT}", "nodes": [], "focus": "org:mnd",
         "depth": 1, "types": ["HOLDS_POSITION"], "highlight": ["person:ku", "org:mofa"]},
        {"title": "Late 2024", "caption": "", "nodes": ["person:lin", "org:mofa"],
         "as_of": "2024-12", "highlight_types": ["HOLDS_POSITION"]}]})
    one, two = view["story"]["steps"]
    assert one["nodes"] == ["org:mnd", "person:ku"]
    assert one["edges"] == ["person:ku|HOLDS_POSITION|org:mnd"]
    assert one["highlight"] == ["person:ku"]               # only what the step shows
    assert one["caption"] == [["p", [["b", [["t", "Ku"]]], ["t", f" and {SCRIPT}"]]]]
    assert two["edges"] == two["highlight_edges"] == ["person:lin|HOLDS_POSITION|org:mofa"]
    assert sorted(_by_id(view)) == ["org:mnd", "org:mofa", "person:ku", "person:lin"]
    assert view["title"] == f"Story {IMG}"


@pytest.mark.parametrize("text, blocks", [
    ("<script>alert(1)</script>", [["p", [["t", "<script>alert(1)</script>"]]]]),
    ("[x](javascript:alert(1))", [["p", [["t", "[x](javascript:alert(1))"]]]]),
    ("[x](https://example.org/a)", [["p", [["a", "https://example.org/a", [["t", "x"]]]]]]),
    ("`<img src=x>`", [["p", [["code", "<img src=x>"]]]]),
    ("# Head\n\n- *a*\n- b",
     [["h", [["t", "Head"]]], ["ul", [[["i", [["t", "a"]]]], [["t", "b"]]]]]),
    ("snake_case_name and 2 * 3", [["p", [["t", "snake_case_name and 2 * 3"]]]]),
])
def test_captions_parse_to_text_and_a_few_elements(text, blocks):
    assert parse(text) == blocks
