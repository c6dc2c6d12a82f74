"""Corrections and provenance travel with the graph: through the JSON export, a push to
and pull from a real Bolt server, and `diff`, which shows what a correction changed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph import api
from tests.test_corrections import TALKS, run

CORRECTIONS = """\
corrections:
  - merge: Mei-hua
    into: Lin Mei-hua
    note: the same official
    by: ana
    at: 2026-03-02
  - reject: {s: China, type: OPPOSES, o: Taiwan}
    doc: d2.txt
    note: the second report misreads the quote
    by: ana
    at: 2026-03-02
  - confirm: {s: US, type: COOPERATES_WITH, o: Taiwan}
    note: checked against both reports
    by: ana
    at: 2026-03-03
"""



@pytest.fixture
def stores(tmp_path: Path) -> tuple[Path, Path]:
    """(the store before corrections, the store after), from the same inputs."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "talks.yaml").write_text(TALKS, encoding="utf-8")
    before, after = tmp_path / "before", tmp_path / "after"
    api.build([tmp_path / "in"], store=before)
    (tmp_path / "in" / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    api.build([tmp_path / "in"], store=after)
    return before, after


def _marked(data: dict) -> dict[str, list[str]]:
    """Every node or tie with corrections -> their notes, from a JSON export."""
    found = {n["id"]: [m["note"] for m in n["corrections"]] for n in data["nodes"]
             if n.get("corrections")}
    found |= {f"{e['source']}|{e['type']}|{e['target']}": [m["note"] for m in e["corrections"]]
              for e in data["edges"] if e.get("corrections")}
    return found


def test_the_json_export_carries_provenance_and_corrections(stores, tmp_path):
    _, after = stores
    out = tmp_path / "after.json"
    run("export", "--format", "json", "-o", out, "--store", after)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert _marked(data) == {
        "person:lin-mei": ["the same official"],
        "person:lin-mei|PARTICIPATES_IN|mechanism:harbour-talks": ["the same official"],
        "country:taiwan|COOPERATES_WITH|country:united-states": ["checked against both reports"]}
    assert {e["provenance"] for e in data["edges"]} == {"curated", "confirmed"}
    assert data["graph"]["built_from"]["corrections"][0].endswith("corrections.yaml")
    # the export reads back as a store for diff, with nothing changed
    same = json.loads(run("diff", out, after, "--json").stdout)
    assert [same[k] for k in ("nodes_added", "nodes_removed", "nodes_changed", "edges_added",
                              "edges_removed", "edges_changed")] == [[]] * 6


def test_diff_shows_what_the_corrections_changed(stores):
    before, after = stores
    d = json.loads(run("diff", before, after, "--json").stdout)
    assert [n["id"] for n in d["nodes_removed"]] == ["person:mei-hua"]
    assert [(e["source"]["id"], e["type"], e["target"]["id"]) for e in d["edges_added"]] == [
        ("person:lin-mei", "PARTICIPATES_IN", "mechanism:harbour-talks")]
    changed = {(e["edge"]["type"]): e for e in d["edges_changed"]}
    assert [c["key"] for c in changed["OPPOSES"]["changes"]] == []
    assert [c["doc"] for c in changed["OPPOSES"]["citations_removed"]] == ["d2.txt"]
    confirmed = {c["key"]: (c["old"], c["new"]) for c in changed["COOPERATES_WITH"]["changes"]}
    assert confirmed["provenance"] == ("curated", "confirmed")
    assert confirmed["corrections"][0] is None
    text = run("diff", before, after).stdout
    assert "provenance" in text and "person:mei-hua" in text


def test_push_and_pull_keep_every_correction(bolt_server, monkeypatch, stores, tmp_path):
    for key, value in bolt_server.env().items():
        monkeypatch.setenv(key, value)
    _, after = stores
    db = ["--database", bolt_server.database] if bolt_server.database else []
    run("push", "--store", after, *db)
    pulled = tmp_path / "pulled"
    run("pull", "--store", pulled, *db)
    assert (pulled / "graph.db").read_bytes() == (after / "graph.db").read_bytes()
    G = api.load_graph(store=pulled)
    tie = G.edges["country:taiwan", "country:united-states", "COOPERATES_WITH"]
    assert tie["provenance"] == "confirmed"
    assert tie["corrections"][0]["by"] == "ana"
    url = f"{bolt_server.uri}/{bolt_server.database}" if bolt_server.database else bolt_server.uri
    shown = json.loads(run("show", "Lin Mei-hua", "--store", url, "--json").stdout)
    assert shown["provenance"] == "curated"
    assert shown["corrections"][0]["detail"] == "merged 'Mei-hua' into 'Lin Mei-hua'"
    assert {e["provenance"] for e in shown["edges"]} == {"curated"}
    same = json.loads(run("diff", pulled, after, "--json").stdout)
    assert same["nodes_changed"] == [] and same["edges_changed"] == []
