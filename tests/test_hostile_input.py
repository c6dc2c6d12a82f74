"""Every bad input of issue 10, through the CLI on real files: one exact ``Error:`` line
naming the file and line, no traceback, and the store byte-identical; or, where the
input is fine after all (``note: null``), a graph holding exactly what was meant."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph.cli import cli
from diplograph.graph.nodelink import dumps
from diplograph.graph.stores import SQLiteStore
from tests.test_build_bad_input import GOOD

TIE = "document: d1.txt\nties:\n  - {s: country:taiwan, type: MET_WITH, o: country:united-states, %s}\n"
ENTITY = "entities:\n  - {id: country:x, label: Country, %s}\n"
EVENT_TIE = ("document: d1.txt\nentities: [{id: event:e, label: Event, name: E}]\nties:\n"
             "  - {s: country:taiwan, type: PARTICIPATES_IN, o: event:e, %s}\n")
TAGS = "YAML does not parse: the tag %s is not allowed: write plain text, numbers, true/false, lists and mappings"
BOMB = ("YAML does not parse: aliases expand to more than 100,000 values beyond the file's "
        "own (an alias bomb?): write the values out, or use fewer aliases")


def _bomb(indent: str, key: str) -> str:
    """Nine levels of ten aliases each: 10**9 values from a file of about 1 KB."""
    lines = [f"{indent}{key}0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{indent}{key}{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


def _bomb_in(key: str) -> str:
    """The same bomb spread over the ``key`` of nine entities, as in the issue's attack."""
    lines = ["entities:", f"  - {{id: country:x0, label: Country, name: X0, {key}: &a0 "
                          "[x, x, x, x, x, x, x, x, x, x]}"]
    lines += [f"  - {{id: country:x{i}, label: Country, name: X{i}, {key}: &a{i} "
              f"[{', '.join([f'*a{i - 1}'] * 10)}]}}" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


# name: (text of in/z.yaml, line, message after "Error: in/z.yaml:LINE: ")
CASES: dict[str, tuple[str | bytes, int, str]] = {
    # 3. the YAML alias bomb, in values, in aliases and in keys; recursion
    "alias_bomb": (_bomb("", "k"), 5, BOMB),
    "alias_bomb_in_aliases": (_bomb_in("aliases"), 6, BOMB),
    "alias_bomb_in_a_property": (_bomb_in("description"), 6, BOMB),
    "alias_as_a_key": ("entities:\n  - &k [a, b]\n  - {id: country:x, label: Country, name: X, "
                       "? *k : 1}\n", 2,
                       "YAML does not parse: found unhashable key (while constructing a "
                       "mapping started on line 3)"),
    "alias_of_itself": ("entities: &e\n  - *e\n", 1,
                        "YAML does not parse: an alias refers to the collection that holds it"),
    # 4. tracebacks before
    "confidence_high": (TIE % "confidence: high", 3,
                        "confidence must be a number from 0 to 1, got text 'high'"),
    "confidence_list": (TIE % "confidence: [1]", 3,
                        "confidence must be a number from 0 to 1, got a list [1]"),
    "confidence_true": (TIE % "confidence: true", 3,
                        "confidence must be a number from 0 to 1, got true/false (true)"),
    "mixed_key_types": ("entities:\n  - {id: country:x, label: Country, name: X, 1: a}\n", 2,
                        "a key of this entity is a number 1; keys are text"),
    "null_key": ("entities:\n  - {id: country:x, label: Country, name: X, ~: a}\n", 2,
                 "a key of this entity is nothing (null); keys are text"),
    "null_top_key": ("~: 1\nentities: []\n", 1,
                     "a key of this curated file is nothing (null); keys are text"),
    "binary_tag": (ENTITY % "name: !!binary aGVsbG8=", 2, TAGS % "!!binary"),
    "set_tag": (ENTITY % "name: X, description: !!set {a, b}", 2, TAGS % "!!set"),
    "omap_tag": (ENTITY % "name: X, description: !!omap [a: 1]", 2, TAGS % "!!omap"),
    "python_tag": (ENTITY % "name: !!python/object:os.system X", 2,
                   TAGS % "!!python/object:os.system"),
    "local_tag": (ENTITY % "name: !foo X", 2, TAGS % "!foo"),
    "lone_surrogate": (ENTITY % 'name: "A\\ud800B"', 2,
                       "name holds a lone surrogate (U+D800), which no UTF-8 file can hold"),
    "nesting_1200_flow": (ENTITY % ("name: X, description: " + "[" * 1200 + "]" * 1200), 2,
                          "YAML does not parse: nesting deeper than 50 levels"),
    "nesting_80_block": ("entities:\n" + "".join("  " * i + "-\n" for i in range(1, 80)), 51,
                         "YAML does not parse: nesting deeper than 50 levels"),
    "number_of_5000_digits": (EVENT_TIE % ("size: " + "9" * 5000), 4,
                              "YAML does not parse: a number too long to read (over 4,300 "
                              "digits)"),
    # found by the fuzz suite: PyYAML itself fails on explicit tags over the wrong text
    "empty_int_tag": (EVENT_TIE % "size: !!int ", 4, "YAML does not parse: '' is not a whole number"),
    "float_tag_on_a_word": (TIE % "confidence: !!float high", 3,
                            "YAML does not parse: 'high' is not a number"),
    "bool_tag_on_a_word": (EVENT_TIE % "leader: !!bool maybe", 4,
                           "YAML does not parse: 'maybe' is not true or false"),
    "nul_byte": ("entities:\n  - {id: country:x, label: Country, name: X}\n"
                 "  - {id: country:y, label: Country, name: \x00Y}\n", 3,
                 "YAML does not parse: character U+0000 is not allowed in YAML (write it as "
                 "an escape in double quotes, or remove it)"),
    "not_utf8": (b"entities:\n  - {id: country:x, label: Country, name: \xff\xfe}\n", 2,
                 "not UTF-8 text (invalid start byte at byte 52): save the file as UTF-8"),
    "key_given_twice": (ENTITY % "name: X, name: Y", 2,
                        "YAML does not parse: the key 'name' is given twice in one mapping"),
    # 5. type confusion stored silently before
    "document_as_list": ("document: [a, b]\nentities:\n  - {id: country:x, label: Country, "
                         "name: X}\n", 1, "document must be text, got a list ['a', 'b']"),
    "nan_amount": (TIE % "amount: .nan", 3,
                   "property 'amount' must be a finite number, got a number nan"),
    "inf_amount": (TIE % "amount: -.inf", 3,
                   "property 'amount' must be a finite number, got a number -inf"),
    "nan_date": (TIE % "place: X, date: 2025, status: current, end: .nan", 3,
                 "property 'end' must be a date such as 2025-11-03, got a number nan"),
    "nan_confidence": (TIE % "confidence: .nan", 3,
                       "confidence must be a number from 0 to 1, got a number nan"),
    "inf_size": (EVENT_TIE % "size: .inf", 4,
                 "property 'size' must be a whole number, 0 or more, got a number inf"),
    "name_as_list": (ENTITY % "name: [a, b]", 2, "name must be text, got a list ['a', 'b']"),
    "name_as_mapping": (ENTITY % "name: {a: b}", 2, "name must be text, got a mapping {'a': 'b'}"),
    "name_as_number": (ENTITY % "name: 1999", 2, "name must be text, got a number 1999; put it "
                       "in quotes to write it as text"),
    "name_as_boolean": (ENTITY % "name: yes", 2, "name must be text, got true/false (true); "
                        "put it in quotes to write it as text"),
    "alias_as_number": (ENTITY % "name: X, aliases: [1]", 2, "an alias must be text, got a "
                        "number 1; put it in quotes to write it as text"),
    "aliases_as_text": (ENTITY % "name: X, aliases: abc", 2, "aliases must be a list, got text 'abc'"),
    "kind_as_list": ("entities:\n  - {id: org:x, label: Organization, name: X, kind: [a]}\n", 2,
                     "kind must be text, got a list ['a']"),
    "label_as_number": ("entities:\n  - {id: org:x, label: 5, name: X}\n", 2,
                        "label must be text, got a number 5; put it in quotes to write it as text"),
    "subject_as_list": ("document: d1.txt\nties:\n  - {s: [a], type: MET_WITH, o: country:taiwan}\n",
                        3, "a tie's subject must be text, got a list ['a']"),
    "property_as_list": (TIE % "place: [a, b]", 3, "property 'place' must be text, got a list ['a', 'b']"),
    "property_as_mapping": (TIE % "place: {a: b}", 3,
                            "property 'place' must be text, got a mapping {'a': 'b'}"),
    "description_as_number": (ENTITY % "name: X, description: 5", 2,
                              "property 'description' must be text, got a number 5; put it in "
                              "quotes to write it as text"),
    "confidence_above_one": (TIE % "confidence: 1.5", 3,
                             "confidence must be a number from 0 to 1, got a number 1.5"),
    "confidence_below_zero": (TIE % "confidence: -0.1", 3,
                              "confidence must be a number from 0 to 1, got a number -0.1"),
    "self_loop": ("document: d1.txt\nties:\n  - {s: country:taiwan, type: MET_WITH, "
                  "o: country:taiwan}\n", 3, "a MET_WITH tie from 'country:taiwan' to itself"),
    "unknown_document": ("ties:\n  - {s: country:taiwan, type: MET_WITH, "
                         "o: country:united-states, doc: d2.txt}\n", 2,
                         "cites the document 'd2.txt', which no input gives: list it under "
                         "'documents:' (id, title, outlet, date, url) or add the document's "
                         "file. Did you mean: d1.txt?"),
    "end_before_start": ("document: d1.txt\nentities: [{id: person:p, label: Person, name: P}]\n"
                         "ties:\n  - {s: person:p, type: HOLDS_POSITION, o: country:taiwan, "
                         "start: 2025-03, end: 2024-01}\n", 4, "end 2024-01 is before start 2025-03"),
    "two_records_of_a_document": ("documents:\n  - {id: d1.txt, title: Another title}\n", 2,
                                  "document 'd1.txt' has title 'Another title' here but "
                                  "'A report' at in/a.yaml:3; give each document one record"),
    "size_as_text": (EVENT_TIE % "size: many", 4,
                     "property 'size' must be a whole number, 0 or more, got text 'many'"),
    "size_negative": (EVENT_TIE % "size: -1", 4,
                      "property 'size' must be a whole number, 0 or more, got a number -1"),
    "size_beyond_64_bits": (EVENT_TIE % ("size: " + "9" * 30), 4,
                            "property 'size' must be a whole number, 0 or more, got a number "
                            "999999999999999999999999999999"),
    "leader_as_text": (EVENT_TIE % "leader: maybe", 4,
                       "property 'leader' must be true or false, got text 'maybe'"),
    "date_not_a_date": (TIE % "date: 2025-13-45", 3, "property 'date': month must be in 1..12"),
    "javascript_url": ("documents:\n  - {id: d9.txt, url: 'javascript:alert(1)'}\n", 2,
                       "a document's url must be an http:// or https:// address, got text "
                       "'javascript:alert(1)'"),
    "document_date": ("documents:\n  - {id: d9.txt, date: someday}\n", 2,
                      "a document's date: not a date: 'someday'"),
    "document_title_as_list": ("documents:\n  - {id: d9.txt, title: [a]}\n", 2,
                               "a document's title must be text, got a list ['a']"),
    "id_with_control_character": (ENTITY.replace("id: country:x", 'id: "country:a\\x01"')
                                  % "name: X", 2,
                                  "id 'country:a\\x01' holds a control character (U+0001)"),
    "top_level_list": ("- a\n- b\n", 1, "a curated file must be a mapping with 'entities', "
                       "'ties' or 'documents'"),
    "entities_as_mapping": ("entities: {a: 1}\n", 1, "'entities' must be a list, got a mapping "
                            "{'a': 1}"),
    "gazetteer_as_list": ("gazetteer: [a, b]\n", 1,
                          "'gazetteer' must be a mapping of sections, got a list ['a', 'b']"),
    "gazetteer_section_as_number": ("gazetteer: {countries: 5}\n", 1,
                                    "gazetteer section 'countries' must be a list of entries or "
                                    "a mapping of word lists, got a number 5"),
    "gazetteer_name_as_list": ("gazetteer:\n  countries:\n    - {name: [x]}\n", 3,
                               "each entry of gazetteer section 'countries' needs a text 'name'"),
    "gazetteer_aliases_as_number": ("gazetteer:\n  countries:\n    - {name: X, aliases: 5}\n", 3,
                                    "'aliases' must be text or a list of text, got a number 5"),
}


@pytest.fixture
def built(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.yaml").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "in", "--store", "store"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return tmp_path / "store" / "graph.db"


def _text(built: Path) -> str:
    """The store's graph as its JSON export."""
    return dumps(SQLiteStore(built.parent).load())


def build(*paths: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", *paths, "--store", "store"])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_curated_input_is_one_error_and_the_store_stays(built, case):
    text, line, message = CASES[case]
    before = built.read_bytes()
    target = Path("in/z.yaml")
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8", errors="surrogatepass")
    code, output = build("in")
    assert code == 1
    assert output.strip().splitlines()[-1] == f"Error: in/z.yaml:{line}: {message}"
    assert built.read_bytes() == before


@pytest.mark.parametrize("case, text, check", [
    ("note_null", TIE % "note: null",
     lambda g: "note" not in _edge(g, "MET_WITH")["evidence"][0]),
    ("confidence_null", TIE % "confidence: null",
     lambda g: _edge(g, "MET_WITH")["evidence"][0]["confidence"] == 1.0),
    ("timestamp_tag_is_text", ENTITY % "name: !!timestamp 2025-01-01",
     lambda g: _node(g, "country:x")["name"] == "2025-01-01"),
    ("dates_stay_iso_text", TIE % "date: March 3 2025",
     lambda g: _edge(g, "MET_WITH")["date"] == "2025-03-03"),
    ("the_same_record_twice", "documents:\n  - {id: d1.txt, title: A report}\n",
     lambda g: g["documents"] == [{"id": "d1.txt", "title": "A report", "outlet": "Desk",
                                   "date": "2025-10"}]),
    ("null_sections", "ties:\nentities:\n", lambda g: len(g["nodes"]) == 2),
])
def test_null_means_not_given_and_values_are_stored_as_meant(built, case, text, check):
    Path("in/z.yaml").write_text(text, encoding="utf-8")
    code, output = build("in")
    assert code == 0, output
    graph = json.loads(_text(built))
    assert check(graph)
    assert "None" not in _text(built)


def _edge(graph: dict, rel: str) -> dict:
    return next(e for e in graph["edges"] if e["type"] == rel)


def _node(graph: dict, node: str) -> dict:
    return next(n for n in graph["nodes"] if n["id"] == node)


def _too_long(folder: Path) -> None:
    (folder / "a.txt").write_text("word " * 300_000, encoding="utf-8")


# Inputs that give no entity at all (item 1): each file is skipped or empty.
NOTHING = {
    "binary_text": (lambda f: (f / "a.txt").write_bytes(bytes(range(256)) * 8),
                    ["in/a.txt: skipped, binary file (NUL bytes), not text"]),
    "empty_text": (lambda f: (f / "a.txt").write_bytes(b""), ["in/a.txt: skipped, empty file"]),
    "blank_markdown": (lambda f: (f / "a.md").write_text("  \n\n"),
                       ["in/a.md: skipped, empty file"]),
    "too_long_text": (_too_long, ["in/a.txt: skipped, too long (1,500,000 characters; the "
                                  "limit is 1,000,000): split it into smaller files"]),
    "broken_pdf": (lambda f: (f / "a.pdf").write_bytes(b"%PDF-1.4\n"),
                   ["in/a.pdf: skipped, unreadable PDF (Stream has ended unexpectedly)"]),
    "html_without_text": (lambda f: (f / "a.html").write_text("<html><body></body></html>"),
                          ["in/a.html: skipped, no main text found in the HTML"]),
    "empty_yaml": (lambda f: (f / "a.yaml").write_text(""), []),
    "empty_folder": (lambda f: None, []),
    "only_a_gazetteer": (lambda f: (f / "g.yaml").write_text("gazetteer:\n  countries: []\n"), []),
}


@pytest.mark.parametrize("case", sorted(NOTHING))
def test_inputs_that_give_no_entity_leave_the_store_as_it_was(built, case):
    """Issue 10, item 1: such a build once wiped the store and exited 0."""
    make, skipped = NOTHING[case]
    before = built.read_bytes()
    Path("in/a.yaml").unlink()
    make(Path("in"))
    code, output = build("in")
    lines = output.strip().splitlines()
    assert code == 1
    assert [line for line in lines if line.startswith("Warning:")] == [
        f"Warning: {s}" for s in skipped]
    note = f"; {len(skipped)} file(s) skipped" if skipped else ""
    assert lines[-1] == (f"Error: in: no entity found in these inputs{note}: nothing was "
                         "built and store was left as it was")
    assert built.read_bytes() == before


def test_a_much_smaller_graph_is_built_with_a_warning_giving_both_counts(built):
    Path("in/a.yaml").write_text(GOOD.split("  - {id: country:united-states")[0]
                                 .replace("document: d1.txt\n", ""), encoding="utf-8")
    Path("in/b.yaml").write_text(
        "documents: [{id: d2.txt}]\nentities:\n" + "".join(
            f"  - {{id: country:c{i}, label: Country, name: C{i}}}\n" for i in range(5)),
        encoding="utf-8")
    assert build("in")[0] == 0                       # 6 nodes now
    Path("in/b.yaml").unlink()
    code, output = build("in")
    assert code == 0
    assert ("Warning: the new graph has 1 nodes where store held 6: less than half. Check "
            "that every input was read.") in output.splitlines()
    assert len(json.loads(_text(built))["nodes"]) == 1


def test_a_broken_pdf_is_one_line_and_pypdf_says_nothing(built, tmp_path):
    """pypdf logs its complaints about a malformed file; they must not reach stderr. A
    child process, because pytest's own log capture would hide them in this one."""
    pdf = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type "
           b"/Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R "
           b"/Contents 4 0 R >> endobj\n4 0 obj << /Length 5 >> stream\nBT ET\nendstream "
           b"endobj\nxref\n0 1\ntrailer << /Root 1 0 R >>\nstartxref\n9999\n%%EOF\n")
    (tmp_path / "in" / "b.pdf").write_bytes(pdf)
    done = subprocess.run([sys.executable, "-m", "diplograph", "build", "in", "--store",
                           "store"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines() == ["Warning: in/b.pdf: skipped, no text in it"]


# A graph.json or a diff input that is JSON, but not a graph (item 4).
SHAPES = {
    "a_list": ("[]", "the top level is not a JSON object"),
    "no_nodes": ("{}", "there is no 'nodes' list"),
    "nodes_not_a_list": ('{"nodes": 5}', "'nodes' is not a list"),
    "node_not_an_object": ('{"nodes": [1]}', "node 0 lacks a text id, label or name"),
    "id_a_number": ('{"nodes": [{"id": 1, "label": "Person", "name": "A"}]}',
                    "node 0 lacks a text id, label or name"),
    "edge_to_nowhere": ('{"nodes": [{"id": "a", "label": "Person", "name": "A"}], "edges": '
                        '[{"source": "a", "target": "b", "type": "MET_WITH"}]}',
                        "edge 0 joins a node that is not in 'nodes'"),
    "evidence_not_citations": ('{"nodes": [{"id": "a", "label": "Person", "name": "A", '
                               '"evidence": [5]}]}',
                               "the evidence of 'a' is not a list of citations"),
    "aliases_not_a_list": ('{"nodes": [{"id": "a", "label": "Person", "name": "A", '
                           '"aliases": "A"}]}', "the aliases of node 'a' are not a list"),
}


@pytest.mark.parametrize("case", sorted(SHAPES))
def test_json_of_another_shape_is_one_error_in_diff_and_in_a_store(tmp_path, case,
                                                                   monkeypatch):
    monkeypatch.chdir(tmp_path)
    text, problem = SHAPES[case]
    Path("x.json").write_text(text, encoding="utf-8")
    Path("s").mkdir()
    Path("s/graph.json").write_text(text, encoding="utf-8")
    for args, expected in (
            (["diff", "x.json", "x.json"], f"Error: x.json is not a diplograph JSON export: "
                                           f"{problem}"),
            (["stats", "--store", "s"], f"Error: s/graph.json is not a diplograph graph: "
                                        f"{problem}")):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
        assert result.output.strip().splitlines()[-1] == expected
