"""--min-confidence and --checked-only on the questions and on viz: only what is sure
enough, or what a person checked, on a store with curated, confirmed and machine-read
ties of several confidences."""
import json

import networkx as nx
import pytest

from diplograph import api
from diplograph.graph.errors import DiplographError
from diplograph.graph.stores import SQLiteStore
from diplograph.graph.stores.base import Trusted
from tests.test_corrections import run


def cite(method, confidence):
    return [{"doc": "d1", "method": method, "confidence": confidence}]


@pytest.fixture
def store(tmp_path):
    G = nx.MultiDiGraph(documents={"d1": {"id": "d1", "title": "One"}})
    for node, label, name in [("country:x", "Country", "Xland"), ("country:y", "Country", "Yland"),
                              ("country:z", "Country", "Zland"), ("person:p", "Person", "Ana")]:
        G.add_node(node, label=label, name=name, aliases=[name], kind=None,
                   evidence=cite("rule", 0.8), provenance="machine")
    ties = [("country:x", "COOPERATES_WITH", "country:y", "curated", 1.0, "curated"),
            ("country:x", "SUPPORTS", "country:z", "rule", 0.9, "machine"),
            ("country:y", "OPPOSES", "country:z", "rule", 0.4, "machine"),
            ("person:p", "VISITED", "country:z", "rule", 0.3, "confirmed")]
    for u, k, v, method, conf, level in ties:
        G.add_edge(u, v, key=k, type=k, evidence=cite(method, conf), provenance=level)
    path = tmp_path / "store"
    SQLiteStore(path).save(G)
    return path


def types_of(detail):
    return sorted(e["type"] for e in detail["edges"])


def test_show_and_neighbors_keep_what_passes(store):
    everything = json.loads(run("show", "Zland", "--store", store, "--json").stdout)
    assert types_of(everything) == ["OPPOSES", "SUPPORTS", "VISITED"]
    sure = json.loads(run("show", "Zland", "--min-confidence", "0.5", "--store", store,
                          "--json").stdout)
    assert types_of(sure) == ["SUPPORTS", "VISITED"]       # confirmed counts as sure
    checked = json.loads(run("neighbors", "Xland", "--checked-only", "--store", store,
                             "--json").stdout)
    assert [n["name"] for n in checked["nodes"]] == ["Xland", "Yland"]
    assert api.stats(store=store, checked_only=True).edges == 2
    assert api.stats(store=store, min_confidence=0.95).edges == 2


def test_viz_draws_only_what_passes(store, tmp_path):
    out = tmp_path / "p.html"
    data = json.loads(run("viz", "-o", out, "--checked-only", "--store", store,
                          "--json").stdout)
    assert (data["nodes"], data["edges"]) == (4, 2)
    data = json.loads(run("viz", "-o", out, "--min-confidence", "0.85", "--store", store,
                          "--json").stdout)
    assert data["edges"] == 3


@pytest.mark.parametrize("through", ["sql", "loaded graph"])
def test_a_filtered_store_is_never_written(store, through):
    whole = SQLiteStore(store)
    view = whole.trusting(0.5) if through == "sql" else Trusted(whole, 0.5, False)
    with pytest.raises(DiplographError, match="cannot be written"):
        view.save(view.load())
    assert view.load().number_of_edges() < whole.load().number_of_edges()


def test_pages_and_pictures_fade_the_ties_no_person_checked(store, tmp_path):
    from diplograph.viz.palette import UNCHECKED_OPACITY, relation_colors
    from diplograph.viz.present import present
    from tests.test_static import _svg_texts

    view = present(api.load_graph(store=store))
    looks = {e["dg"]["type"]: (e["color"], e["dg"]["provenance"]) for e in view["edges"]}
    assert looks["SUPPORTS"] == ({"color": relation_colors()["SUPPORTS"],
                                  "opacity": UNCHECKED_OPACITY}, "machine")
    assert looks["VISITED"] == ({"color": relation_colors()["VISITED"]}, "confirmed")
    assert {p["name"]: p["count"] for p in view["legend"]["provenance"]} == {
        "confirmed": 1, "curated": 1, "corrected": 0, "machine": 2}
    pytest.importorskip("matplotlib")
    out = tmp_path / "p.svg"
    api.viz(out, store=store)
    texts = _svg_texts(out)
    assert "Evidence" in texts and "machine (2)" in texts and "confirmed (1)" in texts
    assert f"stroke-opacity: {UNCHECKED_OPACITY}" in out.read_text(encoding="utf-8")
    api.viz(out, store=store, checked_only=True)          # nothing faded: no such legend
    assert "Evidence" not in _svg_texts(out)
