"""Corrections as data: the file format, applying it to claims in build, `fix`, stale
and malformed corrections. Real files in tmp_path, checked through the API."""
import json

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph import api
from diplograph.cli import cli
from diplograph.graph.claims import Citation, EdgeClaim, NodeClaim
from diplograph.graph.merge import build_graph
from diplograph.loaders.corrections import (append_correction, correction_entry,
                                            read_corrections)
from diplograph.loaders.corrections_apply import apply_corrections

TALKS = """\
document: d1.txt
documents:
  - {id: d1.txt, title: Notes on the talks}
  - {id: d2.txt, title: A second report}
entities:
  - {id: country:taiwan, label: Country, name: Taiwan}
  - {id: country:united-states, label: Country, name: United States, aliases: [US]}
  - {id: country:china, label: Country, name: China}
  - {id: person:lin-mei, label: Person, name: Lin Mei-hua}
  - {id: person:mei-hua, label: Person, name: Mei-hua}
  - {id: org:sky-works, label: Organization, name: Sky Works}
  - {id: mechanism:harbour-talks, label: Mechanism, kind: talks, name: Harbour Talks}
ties:
  - {s: country:taiwan, type: PARTICIPATES_IN, o: mechanism:harbour-talks, note: a party}
  - {s: country:china, type: OPPOSES, o: country:taiwan, note: objects}
  - {s: country:china, type: OPPOSES, o: country:taiwan, doc: d2.txt, note: again}
  - {s: person:mei-hua, type: PARTICIPATES_IN, o: mechanism:harbour-talks, note: attends}
  - {s: country:united-states, type: COOPERATES_WITH, o: country:taiwan, note: works with}
"""

AUDIT = "    note: checked against the source\n    by: ana\n    at: 2026-03-02\n"


def run(*args: object, code: int = 0):
    """The CLI on ``args``; asserts the exit code (0 unless said otherwise)."""
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


@pytest.fixture
def talks(tmp_path, write):
    write("in/talks.yaml", TALKS)
    return tmp_path


def corrections(tmp_path, *entries):
    text = "# the analyst's decisions\ncorrections:\n" + "".join(
        f"  - {e}\n{AUDIT}" for e in entries)
    path = tmp_path / "in" / "corrections.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_build_applies_each_operation_and_marks_what_it_touched(talks):
    corrections(talks,
                "merge: Mei-hua\n    into: Lin Mei-hua",
                "reject: {s: China, type: OPPOSES, o: Taiwan}\n    doc: d2.txt",
                "relabel: Sky Works\n    kind: company\n    country: Taiwan",
                "alias: Harbour Talks\n    add: the harbour channel",
                "confirm: {s: US, type: COOPERATES_WITH, o: Taiwan}",
                "rename: Lin Mei-hua\n    to: LIN Mei-hua")
    result = api.build([talks / "in"], store=talks / "store")
    assert (result.corrections, result.stale) == (6, [])
    G = api.load_graph(store=talks / "store")
    assert "person:mei-hua" not in G
    person = G.nodes["person:lin-mei"]
    assert person["name"] == "LIN Mei-hua"
    assert {"Mei-hua", "Lin Mei-hua"} <= set(person["aliases"])
    assert [m["op"] for m in person["corrections"]] == ["merge", "rename"]
    assert person["corrections"][0]["origin"].endswith("in/corrections.yaml:3")
    moved = G.edges["person:lin-mei", "mechanism:harbour-talks", "PARTICIPATES_IN"]
    assert moved["provenance"] == "curated"
    assert moved["corrections"][0]["detail"] == "end merged: 'Mei-hua' into 'Lin Mei-hua'"
    opposes = G.edges["country:china", "country:taiwan", "OPPOSES"]
    assert [c["doc"] for c in opposes["evidence"]] == ["d1.txt"]
    org = G.nodes["org:sky-works"]
    assert (org["kind"], org["country"]) == ("company", "Taiwan")
    assert "the harbour channel" in G.nodes["mechanism:harbour-talks"]["aliases"]
    ties = G.edges["country:taiwan", "country:united-states", "COOPERATES_WITH"]
    assert ties["provenance"] == "confirmed"
    assert ties["corrections"][0] == {"op": "confirm", "detail": "confirmed by a person",
                                      "note": "checked against the source", "by": "ana",
                                      "at": "2026-03-02",
                                      "origin": ties["corrections"][0]["origin"]}


def test_reject_an_entity_takes_its_ties_and_a_relabel_moves_the_id(talks):
    corrections(talks, "reject: China", "relabel: Sky Works\n    label: Place\n    kind: venue")
    api.build([talks / "in"], store=talks / "store")
    G = api.load_graph(store=talks / "store")
    assert "country:china" not in G
    assert not any("country:china" in (u, v) for u, v in G.edges())
    assert "org:sky-works" not in G and G.nodes["place:sky-works"]["label"] == "Place"


def test_stale_corrections_are_reported_with_file_and_line_not_fatal(talks):
    corrections(talks, "reject: Atlantis",
                "confirm: {s: China, type: MET_WITH, o: Taiwan}",
                "merge: Mei-hua\n    into: Lin Mei-hua")
    result = run("build", talks / "in", "--store", talks / "store")
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert lines[0].startswith("Warning: ") and "in/corrections.yaml:3: reject 'Atlantis': "\
        "no entity is named 'Atlantis'" in lines[0] and lines[0].endswith(
            "(stale; it changes nothing)")
    assert "in/corrections.yaml:7: confirm China -MET_WITH-> Taiwan: no such tie" in lines[1]
    data = json.loads(run("build", talks / "in", "--store", talks / "store", "--json").stdout)
    assert data["corrections"] == 1 and len(data["stale"]) == 2
    assert "person:mei-hua" not in api.load_graph(store=talks / "store")


@pytest.mark.parametrize("entry, message", [
    ("merge: Mei-hua", "merge has no 'into'"),
    ("rename: X\n    to: Y\n    colour: red", "unknown keys ['colour'] for rename"),
    ("destroy: X", "a correction has exactly one of merge, rename, relabel, reject"),
    ("reject: {s: China, type: HATES, o: Taiwan}", "unknown relationship type 'HATES'"),
    ("relabel: X\n    label: Robot", "unknown label 'Robot'"),
    ("relabel: X\n    label: Place\n    kind: ministry", "unknown kind 'ministry' for Place"),
    ("rename: no\n    to: Y", "rename must be text; quote it"),
    ("merge: {s: A, type: MET_WITH, o: B}\n    into: C", "merge applies to an entity"),
    ("reject: China\n    doc: d1.txt", "doc: applies to rejecting a tie"),
])
def test_a_malformed_correction_is_an_error_at_its_line_and_the_store_stays(
        talks, entry, message):
    store = talks / "store"
    run("build", talks / "in", "--store", store)
    before = {p.name: p.read_bytes() for p in store.iterdir()}
    corrections(talks, "reject: China", entry)  # the bad entry starts on line 7
    result = run("build", talks / "in", "--store", store, code=1)
    assert len(result.output.splitlines()) == 1
    assert result.output.startswith(f"Error: {talks / 'in' / 'corrections.yaml'}:7: ")
    assert message in result.output
    assert {p.name: p.read_bytes() for p in store.iterdir()} == before


@pytest.mark.parametrize("audit, message", [
    ("by: ana\n    at: 2026-03-02", "reject has no 'note' (every correction says who"),
    ("note: x\n    by: ana\n    at: next week", "at: not a date: 'next week'"),
])
def test_a_correction_without_its_audit_trail_is_refused(talks, audit, message):
    path = talks / "in" / "corrections.yaml"
    path.write_text(f"corrections:\n  - reject: China\n    {audit}\n")
    result = run("build", talks / "in", "--store", talks / "store", code=1)
    assert f"in/corrections.yaml:2: {message}" in result.output


def test_applying_twice_changes_nothing_more_and_the_input_is_not_changed(talks):
    from diplograph.loaders import load_inputs
    corrections(talks, "merge: Mei-hua\n    into: Lin Mei-hua",
                "reject: {s: China, type: OPPOSES, o: Taiwan}",
                "relabel: Sky Works\n    label: Place", "confirm: Taiwan",
                "rename: Taiwan\n    to: Taiwan (ROC)")
    loaded = load_inputs([talks / "in"])
    snapshot = list(loaded.claims)
    once = apply_corrections(loaded.claims, loaded.corrections)
    twice = apply_corrections(once.claims, loaded.corrections)
    assert loaded.claims == snapshot
    from diplograph.graph.nodelink import dumps
    assert dumps(build_graph(twice.claims)) == dumps(build_graph(once.claims))


def test_fix_appends_to_the_file_keeping_its_comments_and_rebuilds(talks):
    path = corrections(talks, "reject: {s: China, type: OPPOSES, o: Taiwan}")
    path.write_text(path.read_text() + "  # more to come\n", encoding="utf-8")
    store = talks / "store"
    run("build", talks / "in", "--store", store)
    out = run("fix", "merge", "mei hua", "Lin Mei-hua", "--note", "the same official",
              "--by", "ana", "--at", "2026-03-03", "--store", store).output
    assert out.splitlines()[0] == f"Wrote merge to {path}:8"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# the analyst's decisions\ncorrections:\n")
    assert "  # more to come\n  - merge: mei hua\n    into: Lin Mei-hua\n" in text
    assert read_corrections(path)[-1].note == "the same official"
    assert "person:mei-hua" not in api.load_graph(store=store)
    run("fix", "confirm", "US", "cooperates_with", "Taiwan", "--note", "seen it",
        "--store", store)
    api.build([talks / "in"], store=store)  # a plain rebuild applies all three
    G = api.load_graph(store=store)
    assert "person:mei-hua" not in G
    assert G.edges["country:taiwan", "country:united-states", "COOPERATES_WITH"][
        "provenance"] == "confirmed"
    assert not G.has_edge("country:china", "country:taiwan", "OPPOSES")


def test_fix_makes_the_file_when_there_is_none_and_refuses_a_stale_one(talks):
    store = talks / "store"
    run("build", talks / "in", "--store", store)
    bad = run("fix", "reject", "Chnia", "--note", "junk", "--store", store, code=1)
    assert bad.output == ("Error: reject 'Chnia': no entity is named 'Chnia'; did you "
                          "mean: China? (nothing was written)\n")
    assert not (talks / "in" / "corrections.yaml").exists()
    usage = run("fix", "reject", "China", "Taiwan", "--note", "x", "--store", store, code=2)
    assert "one entity (NAME) or one tie" in usage.output
    data = json.loads(run("fix", "reject", "China", "--note", "not a party here",
                          "--by", "ana", "--store", store, "--json").stdout)
    assert data["file"] == str(talks / "in" / "corrections.yaml") and data["line"] == 4
    assert data["entry"]["reject"] == "China" and data["build"]["corrections"] == 1
    assert "country:china" not in api.load_graph(store=store)


names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda s: s.strip())


@settings(max_examples=150, deadline=None)
@given(entity=names, new=names, note=names, by=names)
def test_hostile_names_stay_values_when_appended(tmp_path_factory, entity, new, note, by):
    path = tmp_path_factory.mktemp("c") / "corrections.yaml"
    path.write_text("# mine\ncorrections:\n", encoding="utf-8")
    entry = correction_entry("rename", entity=entity, to=new, note=note, by=by,
                             at="2026-03-02")
    append_correction(path, entry)
    append_correction(path, entry)
    parsed = read_corrections(path)
    assert len(parsed) == 2 and set(yaml.safe_load(path.read_text())) == {"corrections"}
    assert (parsed[1].target, parsed[1].args["to"], parsed[1].note, parsed[1].by) == (
        entity.strip(), new.strip(), note.strip(), by.strip())


def test_corrections_find_entities_by_name_after_ids_change():
    """Re-extraction may give other ids; the name still finds the entity."""
    from diplograph.loaders.corrections import Correction
    cite = Citation(doc="a.txt#1", method="rule", confidence=0.6)
    fix = Correction("reject", "Said", {}, note="a verb", by="ana", at="2026-03-02",
                     origin="c.yaml:2")
    for node_id in ("person:said", "person:said-2"):
        claims = [NodeClaim(node_id, "Person", "Said", citation=cite),
                  NodeClaim("country:japan", "Country", "Japan", citation=cite),
                  EdgeClaim(node_id, "VISITED", "country:japan", cite)]
        done = apply_corrections(claims, [fix])
        assert [c.id for c in done.claims if isinstance(c, NodeClaim)] == ["country:japan"]
        assert not [c for c in done.claims if isinstance(c, EdgeClaim)]
