"""Maps in front of a class, in a real browser at a laptop's and a projector's size:
nothing overlaps at load, focus and search re-fit, the time slider follows `posts
--as-of`, stories step through their nodes and open citations, Present hides the
controls."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph import api
from diplograph.graph.queries.posts import posts
from diplograph.viz.timeline import holds_on
from tests.browser.conftest import shot
from tests.conftest import SEEDS

SIZES = [(1280, 720), (1920, 1080)]
STORY = SEEDS / "stories" / "taiwan-us-dialogues.yaml"
OVERLAPS = """() => { const d = window.diplograph, ids = d.visibleNodeIds(), out = [];
  const boxes = ids.map(id => d.nodeBox(id));
  boxes.forEach((b, i) => { if (!isFinite(b.left + b.right + b.top + b.bottom)) out.push([ids[i], "?"]); });
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
      out.push([ids[i], ids[j]]); }
  return out; }"""
# Every visible node's box in screen pixels, relative to the map's own area.
IN_VIEW = """() => { const d = window.diplograph, net = d.network, c = net.body.container;
  return d.visibleNodeIds().filter(id => { const b = d.nodeBox(id);
    const a = net.canvasToDOM({x: b.left, y: b.top}), z = net.canvasToDOM({x: b.right, y: b.bottom});
    return a.x < -1 || a.y < -1 || z.x > c.clientWidth + 1 || z.y > c.clientHeight + 1; }); }"""


@pytest.fixture(scope="module")
def seed_page(seed_store, tmp_path_factory) -> Path:
    return Path(api.viz(tmp_path_factory.mktemp("maps") / "seeds.html", store=seed_store).path)


@pytest.fixture(scope="module")
def story_page(seed_store, tmp_path_factory) -> Path:
    return Path(api.viz(tmp_path_factory.mktemp("story") / "story.html", story=STORY,
                        store=seed_store).path)


def _clean(b) -> None:
    assert b.blocked == [] and b.failed == [] and b.errors == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_seed_map_opens_with_no_overlap_readable_labels_and_room(open_page, seed_page,
                                                                 seed_graph, size):
    b = open_page(seed_page, viewport=size)
    _clean(b)
    assert b.js("() => diplograph.visibleNodeIds().length") == seed_graph.number_of_nodes()
    assert b.js(OVERLAPS) == []
    assert b.js(IN_VIEW) == []                             # the whole map is in view
    # The smallest label, on screen: readable from the back of a room.
    px = b.js("() => Math.min(...diplograph.nodes.get().map(n => n.font.size))"
              " * diplograph.network.getScale()")
    assert px >= 10.5
    canvas = b.page.locator("#mynetwork").bounding_box()
    assert canvas["width"] >= 0.8 * size[0]                # the panels leave the map room
    shot(b, f"maps-seeds-{size[0]}")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_focus_and_search_refit_the_view(open_page, seed_page, size):
    b = open_page(seed_page, viewport=size)
    before = b.js("() => diplograph.network.getScale()")
    b.js("() => diplograph.select('mechanism:monterey-talks', false)")
    b.page.select_option("#dg-depth", "1")
    b.page.click("#dg-focus")
    b.wait("() => diplograph.network.getScale() > 0")
    b.page.wait_for_timeout(300)
    shown = b.js("() => diplograph.visibleNodeIds()")
    assert "mechanism:monterey-talks" in shown and len(shown) == 7
    assert b.js(IN_VIEW) == [] and b.js(OVERLAPS) == []
    assert b.js("() => diplograph.network.getScale()") > 1.5 * before   # zoomed to them
    shot(b, f"maps-focus-{size[0]}")
    b.page.click("#dg-reset")
    b.page.wait_for_timeout(300)
    b.page.fill("#dg-search", "Knesset")
    b.page.press("#dg-search", "Enter")
    b.page.wait_for_timeout(200)
    assert b.js("() => diplograph.state.selected") == "org:knesset"
    assert b.js("() => document.getElementById('dg-panel').hidden") is False
    assert b.js("() => diplograph.network.getScale()") > 1.5 * before
    assert b.js("() => { const n = diplograph.network, c = n.body.container,"
                " p = n.canvasToDOM(n.getPositions(['org:knesset'])['org:knesset']);"
                " return p.x > 0 && p.y > 0 && p.x < c.clientWidth && p.y < c.clientHeight; }")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_time_slider_shows_the_ties_held_on_each_date(open_page, seed_page, seed_graph, size):
    b = open_page(seed_page, viewport=size)
    steps = b.js("() => diplograph.steps")
    assert len(steps) >= 10 and b.page.is_visible("#dg-slider")
    people = sorted({u for u, _, k in seed_graph.edges(keys=True) if k == "HOLDS_POSITION"})
    for index in (0, steps.index("2025-11"), len(steps) - 1):
        b.page.eval_on_selector("#dg-slider", "(s, v) => { s.value = v; s.dispatchEvent("
                                "new Event('input')); }", str(index))
        day = steps[index]
        assert b.page.inner_text("#dg-date") == f"As of {day}"
        shown = set(b.js("() => diplograph.visibleEdgeIds()"))
        held = {f"{u}|{k}|{v}" for u, v, k, a in seed_graph.edges(keys=True, data=True)
                if holds_on(a, day)}
        assert shown == held, day
        expected = {f"{p.person.id}|HOLDS_POSITION|{p.body.id}" for person in people
                    for p in posts(seed_graph, person, as_of=day).posts}
        assert {e for e in shown if "|HOLDS_POSITION|" in e} == expected, day
        if index == 0:
            shot(b, f"maps-time-{steps[0]}-{size[0]}")
    b.page.eval_on_selector("#dg-slider", "(s, v) => { s.value = v; s.dispatchEvent("
                            "new Event('input')); }", str(len(steps)))
    assert b.page.inner_text("#dg-date") == "All dates"
    assert len(b.js("() => diplograph.visibleEdgeIds()")) == seed_graph.number_of_edges()
    b.page.eval_on_selector("#dg-slider", "(s) => { s.value = '0'; s.dispatchEvent("
                            "new Event('input')); }")
    b.page.click("#dg-play")                               # steps forward by itself
    b.wait(f"() => diplograph.state.step === null || diplograph.state.step >= 2", 10)
    b.page.click("#dg-play")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_story_steps_show_their_nodes_and_ties_open_citations(open_page, story_page, size):
    b = open_page(story_page, viewport=size)
    _clean(b)
    story = b.js("() => diplograph.meta.story")
    for i, step in enumerate(story["steps"]):
        if i:
            b.page.click("#dg-next")
            b.page.wait_for_timeout(250)
        assert b.page.inner_text("#dg-step-title") == step["title"]
        assert b.js("() => diplograph.visibleNodeIds()") == sorted(step["nodes"])
        assert b.js("() => diplograph.visibleEdgeIds()") == sorted(step["edges"])
        assert b.js(OVERLAPS) == [] and b.js(IN_VIEW) == []
        shot(b, f"maps-story-{i + 1}-{size[0]}")
    assert b.page.is_disabled("#dg-next")
    assert b.page.inner_text("#dg-step-caption strong") == "2026 national defence budget"
    # Click a tie of this step on the map: its citations open.
    edge = story["steps"][-1]["edges"][0]
    point = b.js("""(id) => { const n = diplograph.network, e = diplograph.edgeById[id];
        const p = n.getPositions([e.from, e.to]), a = p[e.from], z = p[e.to];
        return n.canvasToDOM({x: (a.x + z.x) / 2, y: (a.y + z.y) / 2}); }""", edge)
    box = b.page.locator("#mynetwork").bounding_box()
    b.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    b.page.wait_for_timeout(200)
    assert b.js("() => document.getElementById('dg-panel').dataset.id") == edge
    cited = b.js("(id) => diplograph.edgeById[id].dg.citations.length", edge)
    assert b.page.locator("#dg-panel .dg-citation").count() == cited > 0
    b.page.click("#dg-prev")
    b.page.wait_for_timeout(250)
    assert b.js("() => diplograph.storyStep()") == len(story["steps"]) - 2
    assert b.js("() => diplograph.visibleNodeIds()") == sorted(story["steps"][-2]["nodes"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_present_hides_the_controls(open_page, story_page, size):
    b = open_page(story_page, viewport=size)
    b.page.click("#dg-present")
    b.page.wait_for_timeout(300)
    for control in ("#dg-bar", "#dg-time", "#dg-legend", "#dg-search"):
        assert not b.page.is_visible(control), control
    assert b.page.is_visible("#dg-story") and b.page.is_visible("#dg-leave")
    canvas = b.page.locator("#mynetwork").bounding_box()
    assert canvas["height"] >= size[1] - 2 and canvas["width"] >= 0.65 * size[0]
    b.page.click("#dg-next")                               # the story still steps
    assert b.js("() => diplograph.storyStep()") == 1
    shot(b, f"maps-present-{size[0]}")
    b.page.keyboard.press("Escape")
    b.page.wait_for_timeout(200)
    assert b.page.is_visible("#dg-bar") and b.page.is_visible("#dg-search")


def test_filters_expand_dismiss_and_text_size(open_page, seed_page, seed_graph):
    b = open_page(seed_page, viewport=(1280, 720))
    total = seed_graph.number_of_nodes()
    isolated = [n for n in seed_graph if seed_graph.degree(n) == 0]
    b.page.check("#dg-hide-isolated")
    assert len(b.js("() => diplograph.visibleNodeIds()")) == total - len(isolated)
    b.page.fill("#dg-min-degree", "5")
    many = {n for n in seed_graph if seed_graph.degree(n) >= 5}
    assert set(b.js("() => diplograph.visibleNodeIds()")) == many
    b.page.click("#dg-reset")
    b.js("() => diplograph.select('org:knesset', false)")
    b.js("() => diplograph.focusOn('org:knesset', 1)")
    before = set(b.js("() => diplograph.visibleNodeIds()"))
    b.page.click("#dg-panel .dg-dismiss")                  # dismiss the Knesset
    assert set(b.js("() => diplograph.visibleNodeIds()")) == before - {"org:knesset"}
    assert b.page.is_visible("#dg-dismissed")
    b.js("() => diplograph.select('country:israel', false)")
    b.page.click("#dg-panel .dg-expand")                   # Israel's neighbours join
    b.page.wait_for_timeout(300)
    shown = set(b.js("() => diplograph.visibleNodeIds()"))
    assert set(seed_graph.successors("country:israel")) | set(
        seed_graph.predecessors("country:israel")) <= shown
    b.page.click("#dg-reset")
    b.page.wait_for_timeout(300)
    size = b.js("() => diplograph.state.textScale")
    b.page.click("#dg-text-larger")
    b.wait("() => diplograph.network.body.nodes['country:taiwan'].options.font.size > 0")
    b.page.wait_for_timeout(600)
    assert b.js("() => diplograph.state.textScale") == pytest.approx(size * 1.25, rel=0.01)
    assert b.js(OVERLAPS) == []
    shot(b, "maps-text-larger-1280")
    _clean(b)


def _generated(n: int):
    """A scale-free graph of n actors with names of varied length, tied as news ties them."""
    import networkx as nx

    from diplograph.graph.claims import Citation, EdgeClaim, NodeClaim
    from diplograph.graph.merge import build_graph
    words = ["Ministry", "of", "National", "Defence", "Council", "Institute", "Talks",
             "Office", "Bureau", "Strategic", "Affairs", "Committee"]
    cite = Citation(doc="d1", note="generated")
    claims: list = [NodeClaim(id=f"org:n{i}", label="Organization",
                              name=" ".join(words[(i * 7 + k) % len(words)]
                                            for k in range(1 + i % 5)) + f" {i}")
                    for i in range(n)]
    claims += [EdgeClaim(f"org:n{a}", "COOPERATES_WITH", f"org:n{b}", cite)
               for a, b in nx.barabasi_albert_graph(n, 2, seed=3).edges()]
    return build_graph(claims)


@pytest.mark.parametrize("n", [150, 300])
def test_a_few_hundred_nodes_open_without_overlaps(open_page, tmp_path, n):
    from diplograph.viz.page import write_page
    from diplograph.viz.present import present

    page = write_page(present(_generated(n)), tmp_path / f"g{n}.html")
    b = open_page(page, viewport=(1280, 720))
    _clean(b)
    assert len(b.js("() => diplograph.visibleNodeIds()")) == n
    assert b.js(OVERLAPS) == [] and b.js(IN_VIEW) == []
    shot(b, f"maps-generated-{n}-1280")


def test_story_captions_with_markup_stay_text(open_page, seed_store, write, tmp_path):
    from tests.viz_graphs import IMG, SCRIPT

    story = write("hostile.yaml", f"""story: "T {IMG}"
steps:
  - title: "{IMG}"
    caption: |
      **{SCRIPT}** and [a link](javascript:window.__pwned=1) and [ok](https://example.org)
      <b onmouseover=window.__pwned=1>bold?</b> `{IMG}`
    nodes: [Taiwan]
""")
    page = Path(api.viz(tmp_path / "h.html", story=story, store=seed_store).path)
    b = open_page(page)
    _clean(b)
    assert b.page.inner_text("#dg-step-title") == IMG
    caption = b.page.locator("#dg-step-caption")
    assert SCRIPT in caption.inner_text() and "<b onmouseover" in caption.inner_text()
    assert b.js("() => document.querySelectorAll('#dg-story img, #dg-story script,"
                " #dg-story b').length") == 0
    links = b.js("() => Array.from(document.querySelectorAll('#dg-step-caption a'))"
                 ".map(a => a.getAttribute('href'))")
    assert links == ["https://example.org"]             # javascript: stayed text
    assert b.js("() => window.__pwned") is None
