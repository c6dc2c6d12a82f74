"""The analyst's day, end to end through the CLI, on articles written for this test
(tests/data/analyst): build the texts, read the review queue, reject two ties, merge a
duplicate, rename a fragment, confirm a tie; rebuild from scratch and find every
correction applied; then change the extraction rules (a gazetteer that renames the
dialogue and adds a body) and find them applied still."""
import json
import shutil
from pathlib import Path

import pytest

from diplograph import api
from tests.test_corrections import run
from diplograph.graph.queries.lookup import resolve

pytest.importorskip("spacy")
TEXTS = Path(__file__).resolve().parent / "data" / "analyst"
NEW_RULES = """\
gazetteer:
  organizations:
    - {name: Department of Foreign Affairs, country: Philippines, kind: ministry,
       title_words: [Foreign], aliases: [DFA]}
    - {name: Philippine Coast Guard, country: Philippines, kind: agency, aliases: [PCG]}
  mechanisms:
    - {name: Philippines-Japan Harbour Security Dialogue, kind: dialogue,
       parties: [Philippines, Japan], aliases: [Harbour Security Dialogue]}
"""
ROUND = "third round of the Harbour Security Dialogue"
FIXES = [
    ["reject", "Japan", "ORGANIZES", ROUND,
     "--note", "Manila hosted; Tokyo sent a delegation"],
    ["reject", "Japan", "SUPPORTS", "Philippine Coast Guard",
     "--note", "a pledge; the article reports no boats delivered yet"],
    ["merge", "KAMIKAWA Yoko", "Yoko Kamikawa", "--note", "one minister, surname first"],
    ["rename", "Commandant Gavan", "Ronnie Gavan", "--note", "the commandant's full name"],
    ["confirm", "Philippines", "ORGANIZES", ROUND,
     "--note", "Manila hosted the round"],
]



def check_corrections_hold(G) -> None:
    kamikawa = resolve(G, "Yoko Kamikawa")
    dfa = resolve(G, "Department of Foreign Affairs")
    assert not G.has_edge(kamikawa, dfa, "HOLDS_POSITION")
    talks = resolve(G, ROUND)
    assert not G.has_edge("country:japan", talks, "ORGANIZES")
    assert G.has_edge("country:japan", talks, "PARTICIPATES_IN")
    assert not G.has_edge("country:japan", resolve(G, "Philippine Coast Guard"), "SUPPORTS")
    assert G.has_edge("country:philippines", "country:united-states", "SEEKS_SUPPORT_FROM")
    assert [n for n, a in G.nodes(data=True) if a["name"] == "KAMIKAWA Yoko"] == []
    assert "KAMIKAWA Yoko" in G.nodes[kamikawa]["aliases"]
    assert G.nodes[kamikawa]["label"] == "Person"
    gavan = resolve(G, "Ronnie Gavan")
    assert G.nodes[gavan]["name"] == "Ronnie Gavan"
    assert "Commandant Gavan" in G.nodes[gavan]["aliases"]
    assert [m["op"] for m in G.nodes[gavan]["corrections"]] == ["rename"]
    hosted = G.edges["country:philippines", talks, "ORGANIZES"]
    assert hosted["provenance"] == "confirmed"
    assert hosted["corrections"][0]["note"] == "Manila hosted the round"
    assert G.edges["person:enrique-manalo", dfa, "HOLDS_POSITION"]["provenance"] == "machine"


def test_the_analysts_day(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIPLOGRAPH_USER", "ana")
    shutil.copytree(TEXTS, "in")
    run("build", "in", "--store", "store")

    queue = json.loads(run("review", "--store", "store", "--json").stdout)
    pairs = {(tuple(n["name"] for n in i["nodes"]), i["reasons"][0].split(":")[0])
             for i in queue["items"] if i["kind"] == "duplicate"}
    assert (("KAMIKAWA Yoko", "Yoko Kamikawa"), "suspected duplicate (order)") in pairs
    assert (("Gilberto Teodoro", "Teodoro"), "suspected duplicate (surname)") in pairs
    titled = [i for i in queue["items"] if [n["name"] for n in i["nodes"]] == ["Commandant Gavan"]]
    assert "a title or office left in the name" in titled[0]["reasons"]
    assert queue["items"] == sorted(queue["items"], key=lambda i: -i["score"])

    for fix in FIXES:
        run("fix", *fix, "--store", "store", "--at", "2026-03-02")
    text = Path("in/corrections.yaml").read_text(encoding="utf-8")
    assert text.count("by: ana") == 5 and text.count("at: '2026-03-02'") == 5
    check_corrections_hold(api.load_graph(store="store"))
    queue = json.loads(run("review", "--store", "store", "--json").stdout)
    assert not [i for i in queue["items"] if "KAMIKAWA Yoko" in [n["name"] for n in i["nodes"]]]

    shutil.rmtree("store")  # from scratch: no store, no cache
    result = run("build", "in", "--store", "store", "--no-cache")
    assert "5 corrections applied" in result.stdout and "Warning" not in result.stderr
    G = api.load_graph(store="store")
    check_corrections_hold(G)
    old_talks = resolve(G, "Harbour Security Dialogue")

    Path("in/gazetteer-harbour.yaml").write_text(NEW_RULES, encoding="utf-8")
    result = run("build", "in", "--store", "store", "--json")
    data = json.loads(result.stdout)
    assert (data["corrections"], data["stale"]) == (5, [])
    G = api.load_graph(store="store")
    assert resolve(G, "Harbour Security Dialogue") != old_talks  # the rules changed its id
    assert "org:philippine-coast-guard-philippines" in G
    check_corrections_hold(G)
