"""Pictures for slides: PNG, SVG and PDF with the size asked for, the same bytes every
time, names as text (never markup, never a formula), and no two labels overlapping."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from diplograph import api
from diplograph.cli import cli
from diplograph.graph.claims import Citation, EdgeClaim, NodeClaim
from diplograph.graph.merge import build_graph
from diplograph.viz.present import present
from diplograph.viz.static import draw
from tests.conftest import CURATED_INPUTS
from tests.viz_graphs import IMG, KU, SCRIPT, hostile_graph

pytest.importorskip("matplotlib")
SVG = "{http://www.w3.org/2000/svg}"


def _overlaps(boxes):
    return [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]


def _svg_texts(path) -> list[str]:
    """Each text the SVG draws, its lines joined: matplotlib writes one <text> per line
    inside one group per text."""
    root = ET.parse(path).getroot()
    return [" ".join(t.text or "" for t in g.iter(f"{SVG}text"))
            for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("text_")]


def test_seed_png_at_1920x1080_has_no_overlapping_labels(seed_store, seed_graph, tmp_path):
    from matplotlib.image import imread

    out = tmp_path / "seeds.png"
    result = api.viz(out, store=seed_store, width=1920, height=1080)
    assert imread(out).shape[:2] == (1080, 1920)
    boxes = result.labels
    names = {a["name"] for _, a in seed_graph.nodes(data=True)}
    drawn = {" ".join(text.split()) for text, *_ in boxes}
    assert len(names & drawn) >= 0.9 * len(names)       # (nearly) every node named
    assert any(text == "participates in" for text, *_ in boxes)   # tie labels where they fit
    assert _overlaps(boxes) == []
    for text, x0, y0, x1, y1 in boxes:                   # all inside the picture
        assert 0 <= x0 < x1 <= 1920 and 0 <= y0 < y1 <= 1080, text


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_two_runs_give_the_same_bytes(seed_store, tmp_path, fmt):
    first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    api.viz(first, store=seed_store)
    CliRunner().invoke(cli, ["viz", "-o", str(second), "--store", str(seed_store)],
                       catch_exceptions=False)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes()[:4] == {"png": b"\x89PNG", "svg": b"<?xm", "pdf": b"%PDF"}[fmt]


def test_svg_holds_every_name_as_text(seed_store, seed_graph, tmp_path):
    out = tmp_path / "seeds.svg"
    result = api.viz(out, store=seed_store, width=2600, height=1600)
    named = {" ".join(t.split()) for t, *_ in result.labels}
    texts = set(_svg_texts(out))
    assert named <= texts | {""}
    assert {a["name"] for _, a in seed_graph.nodes(data=True)} <= texts
    assert "<path" in out.read_text(encoding="utf-8")    # shapes are paths, names are not
    assert "Lines" in texts and "planned (10)" in texts  # the legend of line styles


def test_markup_and_dollar_signs_in_names_stay_text(tmp_path):
    G = hostile_graph()
    G.nodes["person:lin"]["name"] = r"$\foo$ and $x^2$"
    out = tmp_path / "hostile.svg"
    draw(present(G, title=f"T {SCRIPT}"), out, format="svg")
    root = ET.parse(out).getroot()                       # well-formed XML
    assert not [e for e in root.iter() if e.tag in (f"{SVG}script", f"{SVG}img", "script")]
    texts = _svg_texts(out)
    assert IMG in texts and KU in texts and r"$\foo$ and $x^2$" in texts
    assert f"T {SCRIPT}" in texts


def test_size_dpi_and_font_size(seed_store, tmp_path):
    from matplotlib.image import imread

    small = api.viz(tmp_path / "s.png", store=seed_store, width=800, height=600, dpi=100,
                    font_size=8, focus="Monterey Talks")
    big = api.viz(tmp_path / "b.png", store=seed_store, width=800, height=600, dpi=100,
                  font_size=14, focus="Monterey Talks")
    assert imread(tmp_path / "s.png").shape[:2] == (600, 800)

    def height(result, name):
        return next(y1 - y0 for text, x0, y0, x1, y1 in result.labels if text == name)
    assert height(big, "Monterey Talks") > 1.4 * height(small, "Monterey Talks")
    assert _overlaps(small.labels) == [] and _overlaps(big.labels) == []


def test_crowded_picture_shrinks_text_rather_than_overlap(tmp_path):
    hub = Citation(doc="d1", note="planted")
    claims = [NodeClaim(id="org:hub", label="Organization", name="A hub with a long name")]
    for i in range(80):
        claims.append(NodeClaim(id=f"person:p{i}", label="Person",
                                name=f"Somebody with a long name number {i}"))
        claims.append(EdgeClaim(f"person:p{i}", "MEMBER_OF", "org:hub", hub))
    result = draw(present(build_graph(claims)), tmp_path / "crowd.png", width=800,
                  height=500, dpi=100)
    assert _overlaps(result.labels) == []


def test_pdf_keeps_text_as_text(seed_store, tmp_path):
    out = tmp_path / "seeds.pdf"
    api.viz(out, store=seed_store, focus="Monterey Talks")
    data = out.read_bytes()
    assert re.search(rb"/FontFile2|/Subtype\s*/TrueType|/Type0", data)   # embedded fonts
    assert b"CreationDate" not in data


def test_diff_picture_has_a_legend_of_changes(seed_store, tmp_path):
    before = tmp_path / "before"
    api.build([CURATED_INPUTS[0] / "003-taiwan-us-defense-dialogues.yaml", CURATED_INPUTS[1]],
              store=before)
    out = tmp_path / "diff.svg"
    result = api.viz(out, store=seed_store, diff=before)
    found = api.diff(before, seed_store)
    texts = set(_svg_texts(out))
    assert "Changes" in texts
    assert f"added ({len(found.nodes_added)} nodes, {len(found.edges_added)} ties)" in texts
    assert _overlaps(result.labels) == []
