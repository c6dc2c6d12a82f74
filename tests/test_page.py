"""The offline page as text: one file, nothing fetched from elsewhere, data escaped,
positions computed in Python, and the same store always gives the same bytes."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from diplograph import api
from diplograph.cli import cli
from diplograph.graph.claims import Citation, DocumentRecord, EdgeClaim, NodeClaim
from diplograph.graph.merge import build_graph
from diplograph.viz.layout import overlapping
from diplograph.viz.page import SCRIPTS, external_references, node_box, render_page
from diplograph.viz.present import present
from tests.conftest import CURATED_INPUTS, SEEDS
from tests.viz_graphs import IMG, KU, LIN, SCRIPT, hostile_graph

STORY = SEEDS / "stories" / "taiwan-us-dialogues.yaml"


@pytest.fixture(scope="module")
def page() -> str:
    return render_page(present(hostile_graph(), title=f"Title {IMG}"))


def _json_block(page: str, block: str):
    m = re.search(rf'<script id="{block}" type="application/json">(.*?)</script>', page, re.S)
    assert m, block
    return json.loads(m.group(1))


def _markup(page: str) -> str:
    """The page without its data blocks and title: what the browser parses as markup."""
    page = re.sub(r'(<script id="dg-[a-z]+" type="application/json">).*?(</script>)',
                  r"\1\2", page, flags=re.S)
    return re.sub(r"<(title|h1 id=\"dg-title\")>.*?</", "<\\1></", page, flags=re.S)


def test_page_is_self_contained(page):
    assert external_references(page) == []
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "bootstrap" not in page.lower()
    assert "vis-network" in page and "@license" in page   # vendored, licence kept


def test_external_reference_check_catches_fetches():
    assert external_references('<script src="https://cdn.example/x.js"></script>')
    assert external_references("<link href='//cdn.example/x.css'>")
    assert external_references("<style>@import url(http://x/y.css)</style>")
    assert external_references("* licensed under http://opensource.org/licenses/MIT") == []


def test_markup_in_data_never_reaches_the_html_as_markup(page):
    assert IMG not in page and SCRIPT not in page
    assert "<title>Title &lt;img src=x onerror=window.__pwned=1&gt;</title>" in page
    nodes = _json_block(page, "dg-nodes")
    assert IMG in {n["dg"]["name"] for n in nodes}       # the JSON gives the text back whole


@pytest.mark.parametrize("text", ["see href=https://example.org/a", "src=//cdn.example/x.js",
                                  "background: url(//example.org/i.png)",
                                  "@import url(http://x/y.css)", "</script><script>x=1</script>"])
def test_ordinary_text_that_looks_like_a_fetch_is_drawn_as_text(text):
    """Issue 10 item 7: a note, name or title holding such text used to stop viz."""
    G = build_graph([
        DocumentRecord(id="d1", title=text, url="https://example.org/a"),
        NodeClaim(id="person:a", label="Person", name=text, citation=Citation(doc="d1", note=text)),
        NodeClaim(id="person:b", label="Person", name="B"),
        EdgeClaim("person:a", "MET_WITH", "person:b", Citation(doc="d1", note=text)),
    ])
    page = render_page(present(G, title=text))
    assert external_references(_markup(page)) == []
    assert "</script><script>" not in page
    nodes = _json_block(page, "dg-nodes")
    assert nodes[0]["dg"]["name"] == text and nodes[0]["dg"]["citations"][0]["note"] == text
    assert _json_block(page, "dg-meta")["title"] == text


def test_the_fetch_check_reads_the_skeleton_not_the_data(monkeypatch):
    """Issue 12: the check ran over the whole page, 19 s of a 100k-node viz."""
    from diplograph.viz import page as page_module

    read: list[int] = []
    check = page_module.external_references
    monkeypatch.setattr(page_module, "external_references",
                        lambda text: read.append(len(text)) or check(text))
    page_module._skeleton.cache_clear()
    G = hostile_graph()
    G.nodes["person:ku"]["description"] = "x" * 3_000_000
    text = render_page(present(G))
    assert len(text) > 3_000_000 and read and max(read) < 1_500_000
    page_module._skeleton.cache_clear()


def test_csp_allows_only_the_pages_own_scripts(page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    scripts = csp.split("script-src")[1].split(";")[0]
    assert "default-src 'none'" in csp and "unsafe-inline" not in scripts
    assert "connect-src 'none'" in csp
    assert csp.count("sha256-") == 1 + len(SCRIPTS)       # vis-network and the page's own


def test_chinese_names_are_written_as_is(page):
    assert KU in page and LIN in page                    # not \\u escapes, not "???"


def test_legend_options_and_positions(page):
    meta = _json_block(page, "dg-meta")
    assert [lab["name"] for lab in meta["legend"]["labels"]][:2] == ["Person", "Organization"]
    assert _json_block(page, "dg-options")["physics"]["enabled"] is False   # positions given
    nodes = _json_block(page, "dg-nodes")
    pos = {n["id"]: (n["x"], n["y"]) for n in nodes}
    assert all(isinstance(x, float) and isinstance(y, float) for x, y in pos.values())
    assert overlapping(pos, {n["id"]: node_box(n) for n in nodes}) == []


def test_seed_page_has_no_overlapping_boxes_and_is_the_same_twice(seed_store, tmp_path):
    first = api.viz(tmp_path / "a.html", store=seed_store)
    second = api.viz(tmp_path / "b.html", store=seed_store)
    a, b = (tmp_path / "a.html").read_bytes(), (tmp_path / "b.html").read_bytes()
    assert a == b and first.nodes == second.nodes > 50
    nodes = _json_block(a.decode("utf-8"), "dg-nodes")
    assert overlapping({n["id"]: (n["x"], n["y"]) for n in nodes},
                       {n["id"]: node_box(n) for n in nodes}) == []


def test_physics_can_be_on_at_load(seed_store):
    page = api.viz(store=seed_store, physics=True).html
    assert _json_block(page, "dg-options")["physics"]["enabled"] is True


def test_cli_writes_the_seed_page(seed_store, seed_graph, tmp_path):
    out = tmp_path / "seeds.html"
    result = CliRunner().invoke(cli, ["viz", "-o", str(out), "--store", str(seed_store)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote {seed_graph.number_of_nodes()} nodes")
    text = out.read_text(encoding="utf-8")
    assert external_references(text) == []
    names = {n["dg"]["name"] for n in _json_block(text, "dg-nodes")}
    assert names == {a["name"] for _, a in seed_graph.nodes(data=True)}


def test_cli_focus_and_bad_name(seed_store, tmp_path):
    out = tmp_path / "f.html"
    ok = CliRunner().invoke(cli, ["viz", "-o", str(out), "--store", str(seed_store),
                                  "--focus", "Taiwan", "--depth", "1", "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["nodes"] > 1
    bad = CliRunner().invoke(cli, ["viz", "-o", str(out), "--store", str(seed_store),
                                   "--focus", "Taiwann"])
    assert bad.exit_code == 1
    assert bad.output.startswith("Error: No node matches 'Taiwann'. Did you mean: Taiwan")


def test_cli_bad_date(seed_store, tmp_path):
    bad = CliRunner().invoke(cli, ["viz", "-o", str(tmp_path / "x.html"), "--store",
                                   str(seed_store), "--as-of", "soon"])
    assert bad.exit_code == 1
    assert "Error: --as-of 'soon' is not a date" in bad.output


def test_hide_isolated_starts_the_pages_filter_and_drops_nodes_from_pictures(seed_store,
                                                                            seed_graph, tmp_path):
    out = tmp_path / "h.html"
    result = CliRunner().invoke(cli, ["viz", "-o", str(out), "--store", str(seed_store),
                                      "--hide-isolated"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert _json_block(text, "dg-meta")["controls"] == {"min_degree": 1}
    assert len(_json_block(text, "dg-nodes")) == seed_graph.number_of_nodes()   # all there
    isolated = [n for n in seed_graph if seed_graph.degree(n) == 0]
    assert isolated                                                  # the seeds have one
    pytest.importorskip("matplotlib")
    picture = api.viz(tmp_path / "h.svg", store=seed_store, min_degree=1)
    assert picture.nodes == seed_graph.number_of_nodes() - len(isolated)


def test_time_steps_and_held_spans_are_in_the_page(seed_store):
    page = api.viz(store=seed_store).html
    steps = _json_block(page, "dg-meta")["time"]["steps"]
    assert steps[0] == "2025-03" and steps == sorted(steps) and len(steps) >= 10
    held = {e["id"]: e["dg"]["held"] for e in _json_block(page, "dg-edges")}
    # Wu's trip: September to November 2025 (start and end), held on those steps only.
    assert held["person:francois-wu|VISITED|country:israel"] == [steps.index("2025-09"),
                                                                 steps.index("2025-11")]
    assert held["person:lai-ching-te|HOLDS_POSITION|country:taiwan"] == [0, len(steps) - 1]
    planned = "org:ministry-of-national-defense-taiwan|VISITED|country:united-states"
    assert held[planned] is None                                     # planned: never held


def test_diff_map_marks_what_changed(seed_store, tmp_path):
    before = tmp_path / "before"
    api.build([CURATED_INPUTS[0] / "003-taiwan-us-defense-dialogues.yaml", CURATED_INPUTS[1]],
              store=before)
    export = tmp_path / "before.json"
    api.export("json", export, store=before)
    out = tmp_path / "diff.html"
    result = CliRunner().invoke(cli, ["viz", "-o", str(out), "--store", str(seed_store),
                                      "--diff", str(export)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    found = api.diff(export, seed_store)
    marks = {n["id"]: n["dg"].get("change") for n in _json_block(text, "dg-nodes")}
    assert {r.id for r in found.nodes_added} == {k for k, v in marks.items() if v == "added"}
    assert {c.node.id for c in found.nodes_changed} == {k for k, v in marks.items()
                                                        if v == "changed"}
    ties = {e["id"]: e["dg"].get("change") for e in _json_block(text, "dg-edges")}
    assert sum(v == "added" for v in ties.values()) == len(found.edges_added)
    legend = {c["name"]: c for c in _json_block(text, "dg-meta")["legend"]["changes"]}
    assert legend["added"]["nodes"] == len(found.nodes_added) > 0


def test_story_page_holds_each_step(seed_store, seed_graph, tmp_path):
    out = tmp_path / "story.html"
    result = CliRunner().invoke(cli, ["viz", "--story", str(STORY), "-o", str(out),
                                      "--store", str(seed_store)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    story = _json_block(text, "dg-meta")["story"]
    assert story["title"] == "Taiwan–US defence dialogues" and len(story["steps"]) == 5
    drawn = {n["id"] for n in _json_block(text, "dg-nodes")}
    ties = {e["id"] for e in _json_block(text, "dg-edges")}
    for step in story["steps"]:
        assert step["nodes"] and set(step["nodes"]) <= drawn and set(step["edges"]) <= ties
        assert set(step["highlight"]) <= set(step["nodes"])
    assert "mechanism:monterey-talks" in story["steps"][1]["highlight"]
    assert story["steps"][4]["highlight_edges"]                      # the FUNDS ties


def test_story_with_an_unknown_name_is_an_error_at_its_line(seed_store, write, tmp_path):
    story = write("s.yaml", "story: S\nsteps:\n  - title: One\n    nodes: [Taiwan]\n"
                            "  - title: Two\n    nodes: [Monteray Talks]\n")
    result = CliRunner().invoke(cli, ["viz", "--story", str(story), "-o",
                                      str(tmp_path / "s.html"), "--store", str(seed_store)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"Error: {story}:5: no entity matches 'Monteray Talks'. Did you mean: Monterey Talks?")
    assert not (tmp_path / "s.html").exists()


def test_story_excludes_the_filters(seed_store, tmp_path):
    result = CliRunner().invoke(cli, ["viz", "--story", str(STORY), "--focus", "Taiwan", "-o",
                                      str(tmp_path / "s.html"), "--store", str(seed_store)])
    assert result.exit_code == 1 and "--story draws the steps its file lists" in result.output


def test_cli_colours_by_the_communities_the_communities_command_finds(seed_store, tmp_path):
    out = tmp_path / "communities.html"
    result = CliRunner().invoke(cli, ["viz", "-o", str(out), "--store", str(seed_store),
                                      "--color-by", "community"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    legend = _json_block(text, "dg-meta")["legend"]["communities"]
    found = api.communities(store=seed_store).communities
    assert [(c["index"], c["name"], c["size"]) for c in legend] == [
        (c.index, c.central[0].name, c.size) for c in found]
    colours = {n["dg"]["community"]["index"]: n["color"] for n in _json_block(text, "dg-nodes")}
    assert len(set(colours.values())) == len(found)


def test_api_without_output_returns_the_page_for_jupyter(seed_store):
    result = api.viz(store=seed_store)
    assert result.path == "" and result.html and "<iframe srcdoc=" in result._repr_html_()
