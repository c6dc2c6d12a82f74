"""The page in a real browser, offline: it loads clean, shows the graph, and its
controls work; markup in the data never runs."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph import api
from tests.browser.conftest import shot
from tests.viz_graphs import IMG, KU, LIN, SCRIPT, hostile_graph, two_clusters_graph
from diplograph.viz.page import write_page
from diplograph.viz.present import present



@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory) -> Path:
    return write_page(present(hostile_graph(), title=f"T {IMG}"),
                      tmp_path_factory.mktemp("page") / "hostile.html")


def _clean(b) -> None:
    assert b.blocked == [] and b.failed == [] and b.errors == []
    assert b.requests == [b.page.url]              # the file itself, nothing else


def test_seed_page_loads_offline_with_every_node(open_page, seed_store, seed_graph, tmp_path):
    out = tmp_path / "seeds.html"
    api.viz(out, store=seed_store, title="Seed graph")
    b = open_page(out)
    _clean(b)
    counts = b.js("() => [diplograph.nodes.length, diplograph.edges.length,"
                  " diplograph.network.body.nodeIndices.length,"
                  " diplograph.network.body.edgeIndices.length]")
    n, e = seed_graph.number_of_nodes(), seed_graph.number_of_edges()
    assert counts == [n, e, n, e]
    shot(b, "seeds")
    assert b.js("() => document.title") == "Seed graph"


def test_search_focuses_the_searched_node(open_page, hostile_file):
    b = open_page(hostile_file)
    b.page.fill("#dg-search", "lin chia")
    assert b.page.inner_text("#dg-results li span") == LIN
    b.page.press("#dg-search", "Enter")
    assert b.js("() => diplograph.network.getSelectedNodes()") == ["person:lin"]
    assert b.js("() => diplograph.state.selected") == "person:lin"
    assert b.page.inner_text("#dg-panel h2") == LIN
    b.page.fill("#dg-search", KU)                   # search by the Chinese name itself
    assert b.js("(q) => diplograph.find(q)", KU) == ["person:ku"]


def test_filters_hide_what_they_should(open_page, hostile_file):
    b = open_page(hostile_file)
    b.page.uncheck('#dg-labels input[data-label="Person"]')
    assert b.js("() => diplograph.network.body.nodeIndices.length") == 3
    assert b.js("() => diplograph.network.body.edgeIndices.length") == 2   # two PART_OF
    b.page.check('#dg-labels input[data-label="Person"]')
    b.page.uncheck('#dg-types input[data-type="HOLDS_POSITION"]')
    assert b.js("() => diplograph.network.body.nodeIndices.length") == 6
    assert b.js("() => diplograph.network.body.edgeIndices.length") == 4
    assert "6 of 6 nodes \u00b7 4 of 6 ties" in b.page.inner_text("#dg-count")


def test_focus_mode_and_physics_switch(open_page, hostile_file):
    b = open_page(hostile_file)
    b.js("() => diplograph.select('org:mofa', false)")
    b.page.select_option("#dg-depth", "1")
    b.page.click("#dg-focus")
    shown = b.js("() => diplograph.nodeView.getIds().sort()")
    assert shown == ["country:taiwan", "org:mofa", "person:lin"]
    b.page.click("#dg-reset")
    assert b.js("() => diplograph.nodeView.length") == 6
    b.page.check("#dg-physics")
    assert b.js("() => diplograph.network.physics.options.enabled") is True
    b.page.uncheck("#dg-physics")
    assert b.js("() => diplograph.network.physics.options.enabled") is False


def test_click_shows_citations_and_markup_never_runs(open_page, hostile_file):
    b = open_page(hostile_file)
    assert b.js("() => window.__pwned") is None            # on load
    net = "diplograph.network"
    for node in ["person:evil", "person:ku"]:
        pos = b.js(f"() => {net}.canvasToDOM({net}.getPositions([{node!r}])[{node!r}])")
        box = b.page.locator("#mynetwork").bounding_box()
        x, y = box["x"] + pos["x"], box["y"] + pos["y"]
        b.page.mouse.move(x, y)                            # hover: the tooltip
        b.page.wait_for_timeout(400)
        b.page.mouse.click(x, y)                           # click: the panel
        assert b.js("() => document.getElementById('dg-panel').dataset.id") == node
    panel = b.page.inner_text("#dg-panel")
    assert panel.splitlines()[0] == KU
    assert "Wellington Koo" in panel
    assert f"Title {IMG}" in panel                         # the title, as text
    assert f"snippet {SCRIPT}" in panel                    # the snippet, as text
    assert b.js("() => document.querySelectorAll('#dg-panel img, #dg-panel script').length") == 0
    b.js("() => diplograph.showNode('person:evil')")
    assert b.page.inner_text("#dg-panel h2") == IMG
    edge = "person:evil|MET_WITH|person:ku"
    b.js(f"() => diplograph.showEdge({edge!r})")
    assert "met with" in b.page.inner_text("#dg-panel")
    tip = b.js("() => document.querySelector('div.vis-tooltip')?.textContent || ''")
    assert tip == "" or "<" in tip or KU in tip            # text, if a tooltip is open
    b.page.wait_for_timeout(300)
    assert b.js("() => window.__pwned") is None            # after hover and click
    shot(b, "hostile-panel")
    _clean(b)


def test_chinese_names_in_labels_legend_and_search(open_page, hostile_file):
    b = open_page(hostile_file)
    labels = b.js("() => diplograph.nodes.get().map(n => n.label)")
    assert KU in labels and LIN in labels
    b.page.fill("#dg-search", "林")
    assert b.page.inner_text("#dg-results li span") == LIN


def test_colour_by_community_legend_and_panel(open_page, hostile_file, tmp_path):
    out = write_page(present(two_clusters_graph(), color_by="community"), tmp_path / "c.html")
    b = open_page(out)
    legend = b.page.locator("#dg-communities li")
    assert legend.all_inner_texts() == ["Alpha Hub\n5", f"Beta {IMG}\n5"]
    assert b.page.is_visible("text=Communities")
    net = "diplograph.network"
    pos = b.js(f"() => {net}.canvasToDOM({net}.getPositions(['person:b2'])['person:b2'])")
    box = b.page.locator("#mynetwork").bounding_box()
    b.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    assert b.js("() => document.getElementById('dg-panel').dataset.id") == "person:b2"
    assert (b.page.inner_text("#dg-panel .dg-community")
            == f"Community 2: Beta {IMG} (5 members)")
    b.page.uncheck('#dg-communities input[data-community="1"]')   # hide Alpha Hub's
    assert sorted(b.js("() => diplograph.nodeView.getIds()")) == [
        "person:b-hub", "person:b1", "person:b2", "person:b3", "person:b4"]
    assert b.js("() => diplograph.network.body.edgeIndices.length") == 6
    b.js("() => diplograph.select('person:a1', false)")            # search reaches it again
    assert b.js("() => diplograph.nodeView.length") == 10
    assert b.js("() => window.__pwned") is None
    _clean(b)
    plain = open_page(hostile_file)                                 # coloured by label
    assert plain.js("() => document.getElementById('dg-communities-head').hidden") is True
    assert plain.page.locator("#dg-communities li").count() == 0
