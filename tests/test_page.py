"""The offline page as text: one file, nothing fetched from elsewhere, data escaped."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from diplograph import api
from diplograph.cli import cli
from tests.viz_graphs import IMG, KU, LIN, SCRIPT, hostile_graph
from diplograph.viz.layout import PHYSICS_UP_TO
from diplograph.viz.page import external_references, render_page
from diplograph.viz.present import present


@pytest.fixture(scope="module")
def page() -> str:
    return render_page(present(hostile_graph(), title=f"Title {IMG}"))


def _json_block(page: str, block: str):
    m = re.search(rf'<script id="{block}" type="application/json">(.*?)</script>', page, re.S)
    assert m, block
    return json.loads(m.group(1))


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
    assert IMG in {n["label"] for n in nodes}            # the JSON gives the text back whole


def test_csp_allows_only_the_pages_own_scripts(page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert csp.count("sha256-") == 2                     # vis-network and page.js


def test_chinese_names_are_written_as_is(page):
    assert KU in page and LIN in page                    # not \\u escapes, not "???"


def test_legend_and_options(page):
    meta = _json_block(page, "dg-meta")
    assert [lab["name"] for lab in meta["legend"]["labels"]][:2] == ["Person", "Organization"]
    options = _json_block(page, "dg-options")
    assert options["physics"]["enabled"] is True          # 6 nodes: physics on


def test_large_view_gets_positions_and_no_physics():
    view = present(hostile_graph())
    big = {**view, "nodes": view["nodes"] * 1}
    page = render_page(big, physics=False)
    nodes = _json_block(page, "dg-nodes")
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)
    assert _json_block(page, "dg-options")["physics"]["enabled"] is False
    assert PHYSICS_UP_TO >= 100


def test_cli_writes_the_seed_page(seed_store, seed_graph, tmp_path):
    out = tmp_path / "seeds.html"
    result = CliRunner().invoke(cli, ["viz", "-o", str(out), "--store", str(seed_store)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote {seed_graph.number_of_nodes()} nodes")
    text = out.read_text(encoding="utf-8")
    assert external_references(text) == []
    names = {n["label"] for n in _json_block(text, "dg-nodes")}
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


@pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG"), ("svg", b"<?xml")])
def test_static_pictures(seed_store, tmp_path, fmt, magic):
    pytest.importorskip("matplotlib")
    out = tmp_path / f"seeds.{fmt}"
    result = api.viz(out, store=seed_store)
    assert result.format == fmt and out.read_bytes().startswith(magic)
    if fmt == "svg":
        assert "Person" in out.read_text(encoding="utf-8")   # the legend is drawn


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


def test_static_picture_colours_by_community(seed_store, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "communities.svg"
    api.viz(out, store=seed_store, color_by="community")
    top = api.communities(store=seed_store).communities[0]
    assert f"{top.central[0].name} ({top.size})" in out.read_text(encoding="utf-8")


def test_api_without_output_returns_the_page_for_jupyter(seed_store):
    result = api.viz(store=seed_store)
    assert result.path == "" and result.html and "<iframe srcdoc=" in result._repr_html_()
