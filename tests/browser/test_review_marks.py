"""Review in the page, offline: a reader marks ties wrong and merges two nodes from the
side panel, downloads the corrections file, and `build` applies it. Names that would
break YAML stay names. The page shows how each tie is known."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from diplograph import api
from diplograph.loaders.corrections import read_corrections
from diplograph.viz.palette import UNCHECKED_OPACITY, relation_colors
from tests.browser.conftest import shot

pytest.importorskip("spacy")
TEXTS = Path(__file__).resolve().parent.parent / "data" / "analyst"
HOSTILE = 'Bad"\n- reject: Japan\n  x: {y}\u2028# \'#'
CURATED = f"""\
documents:
  - {{id: notes.txt, title: Desk notes}}
entities:
  - {{id: org:hostile, label: Organization, name: {json.dumps(HOSTILE)}}}
  - {{id: country:japan, label: Country, name: Japan}}
ties:
  - {{s: org:hostile, type: PART_OF, o: country:japan, doc: notes.txt, note: a desk note}}
"""


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(TEXTS, folder)
    (folder / "notes.yaml").write_text(CURATED, encoding="utf-8")
    return folder


def test_marks_made_in_the_page_download_as_corrections_that_build_applies(
        open_page, inputs, tmp_path):
    store = tmp_path / "store"
    api.build([inputs], store=store, cache=tmp_path / "cache")
    G = api.load_graph(store=store)
    wrong = ("country:japan", "ORGANIZES", "event:3rd-harbour-security-dialogue")
    assert G.has_edge(wrong[0], wrong[2], wrong[1]) and G.nodes["org:hostile"]["name"] == HOSTILE
    page = tmp_path / "review.html"
    api.viz(page, store=store)
    b = open_page(page, viewport=(1280, 720))
    assert b.blocked == [] and b.errors == []

    b.js("(id) => diplograph.showEdge(id)", "|".join(wrong))
    assert b.page.get_attribute("#dg-panel .dg-provenance", "data-provenance") == "machine"
    assert "confidence" in b.page.inner_text("#dg-panel .dg-provenance")
    b.page.fill("#dg-panel .dg-mark-note", "Manila hosted the round, not Tokyo")
    b.page.click("#dg-panel .dg-mark-wrong")
    b.js("(id) => diplograph.showEdge(id)", "org:hostile|PART_OF|country:japan")
    assert b.page.get_attribute("#dg-panel .dg-provenance", "data-provenance") == "curated"
    b.page.click("#dg-panel .dg-mark-wrong")            # no note: the page writes one
    b.js("(id) => diplograph.showNode(id)", "person:kamikawa-yoko")
    b.page.fill("#dg-panel .dg-merge-into", "Yoko Kamikawa")
    b.page.click("#dg-panel .dg-mark-merge")
    assert b.page.inner_text("#dg-review h2") == "REVIEW MARKS (3)"
    # The marks box sits in the map's corner, clear of the side panel and the legend.
    marks_box, panel, legend = (b.page.locator(s).bounding_box()
                                for s in ("#dg-review", "#dg-panel", "#dg-legend"))
    assert marks_box["x"] + marks_box["width"] <= panel["x"]
    assert marks_box["x"] >= legend["x"] + legend["width"]
    shot(b, "review-marks-1280")

    b.page.click("#dg-review-download")                 # no name yet: asks for one
    assert b.page.get_attribute("#dg-review-by", "aria-invalid") == "true"
    b.page.fill("#dg-review-by", 'Ana "QA"')
    with b.page.expect_download() as info:
        b.page.click("#dg-review-download")
    saved = inputs / "corrections-page.yaml"
    info.value.save_as(saved)
    assert b.blocked == [] and b.failed == [] and b.errors == []

    marks = read_corrections(saved)
    assert [(m.op, str(m.target)) for m in marks] == [
        ("reject", "Japan -ORGANIZES-> third round of the Harbour Security Dialogue"),
        ("reject", f"{HOSTILE} -PART_OF-> Japan"),
        ("merge", "KAMIKAWA Yoko")]
    assert marks[0].note == "Manila hosted the round, not Tokyo"
    assert {m.by for m in marks} == {'Ana "QA"'}
    result = api.build([inputs], store=store, cache=tmp_path / "cache")
    assert (result.corrections, result.stale) == (3, [])
    after = api.load_graph(store=store)
    assert not after.has_edge(wrong[0], wrong[2], wrong[1])
    assert not after.has_edge("org:hostile", "country:japan", "PART_OF")
    assert "person:kamikawa-yoko" not in after and "KAMIKAWA Yoko" in after.nodes[
        "person:yoko-kamikawa"]["aliases"]
    assert "country:japan" in after and after.number_of_nodes() == G.number_of_nodes() - 1
    # two ties rejected; the merged duplicate's post is the kept name's post, one tie now
    assert after.number_of_edges() == G.number_of_edges() - 3


def test_the_page_draws_machine_read_ties_unlike_checked_ones(open_page, inputs, tmp_path):
    store = tmp_path / "store"
    api.build([inputs], store=store, cache=tmp_path / "cache")
    page = tmp_path / "p.html"
    api.viz(page, store=store)
    b = open_page(page)
    looks = b.js("""() => diplograph.edges.get().map(e => [e.id, e.dg.provenance, e.dg.type,
        e.color.color, e.color.opacity === undefined ? 1 : e.color.opacity])""")
    assert {prov for _, prov, *_ in looks} == {"machine", "curated"}
    for tie, prov, kind, colour, opacity in looks:   # the type's colour, faded if unchecked
        assert colour == relation_colors()[kind], tie
        assert opacity == (UNCHECKED_OPACITY if prov == "machine" else 1), tie
    machine = next(tie for tie, prov, *_ in looks if prov == "machine")
    assert b.js("(id) => diplograph.network.body.edges[id].options.color.opacity",
                machine) == UNCHECKED_OPACITY                   # as vis-network draws it
    assert b.js("(id) => diplograph.edgeById[id].title.textContent.split('\\n')[1]",
                machine) == "read by a machine, not yet checked"  # and in its tooltip
    legend = b.js("""() => [...document.querySelectorAll('#dg-provenance input')]
        .map(i => i.dataset.provenance)""")
    assert legend == ["curated", "machine"]
    shown = b.js("() => diplograph.network.body.edgeIndices.length")
    b.page.uncheck('#dg-provenance input[data-provenance="machine"]')
    assert b.js("() => diplograph.network.body.edgeIndices.length") == 1
    b.page.click("#dg-reset")
    assert b.js("() => diplograph.network.body.edgeIndices.length") == shown
    assert b.page.is_checked('#dg-provenance input[data-provenance="machine"]')
