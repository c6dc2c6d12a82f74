"""Every kind of bad curated input: a one-line error naming file and line, a non-zero
exit, and the store left exactly as it was."""
import pytest
from click.testing import CliRunner

from diplograph.cli import cli

GOOD = """\
document: d1.txt
documents:
  - {id: d1.txt, title: A report, outlet: Desk, date: 2025-10}
entities:
  - {id: country:taiwan, label: Country, name: Taiwan}
  - {id: country:united-states, label: Country, name: United States, aliases: [US]}
ties:
  - {s: country:taiwan, type: COOPERATES_WITH, o: country:united-states, domain: defense,
     note: both sides describe deeper military exchanges}
"""

BAD = {
    "does_not_parse": ("entities:\n  - {id: country:x, label: Country, name: X\n", 3,
                       "YAML does not parse: expected ',' or '}', but got '<stream end>' "
                       "(while parsing a flow mapping started on line 2)"),
    "unknown_label": ("entities:\n  - {id: robot:r2, label: Robot, name: R2}\n", 2,
                      "unknown label 'Robot'; valid labels: Person, Organization"),
    "unknown_kind": ("entities:\n  - {id: org:x, label: Organization, kind: guild, name: X}\n",
                     2, "unknown kind 'guild' for Organization; valid kinds: ministry"),
    "unknown_type": ("document: d1.txt\nties:\n  - {s: country:taiwan, type: LIKES, "
                     "o: country:united-states}\n", 3, "unknown relationship type 'LIKES'"),
    "bad_endpoints": ("document: d1.txt\nentities:\n  - {id: person:lai, label: Person, "
                      "name: Lai}\nties:\n  - {s: country:taiwan, type: HOLDS_POSITION, "
                      "o: person:lai}\n", 5,
                      "HOLDS_POSITION does not allow Country -> Person"),
    "unknown_entity": ("document: d1.txt\nties:\n  - {s: country:taiwan, type: MET_WITH, "
                       "o: country:taiwn}\n", 3,
                       "MET_WITH refers to unknown entity 'country:taiwn'; did you mean: Taiwan?"),
    "conflicting_labels": ("entities:\n  - {id: country:taiwan, label: Place, name: Taiwan}\n",
                           2, "id 'country:taiwan' is a Place here but a Country at"),
    "bad_property": ("document: d1.txt\nties:\n  - {s: country:taiwan, type: MET_WITH, "
                     "o: country:united-states, colour: red}\n", 3,
                     "unknown properties ['colour'] for MET_WITH"),
    "bad_date": ("document: d1.txt\nties:\n  - {s: country:taiwan, type: MET_WITH, "
                 "o: country:united-states, date: next spring}\n", 3,
                 "not a date: 'next spring'"),
}


@pytest.fixture
def built(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.yaml").write_text(GOOD, encoding="utf-8")
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "in"), "--store", str(store)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return tmp_path, store


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_names_file_and_line_and_keeps_the_store(built, case, monkeypatch):
    tmp_path, store = built
    monkeypatch.chdir(tmp_path)
    before = (store / "graph.db").read_bytes()
    text, line, message = BAD[case]
    (tmp_path / "in" / "z.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "in", "--store", str(store)],
                                catch_exceptions=False)
    assert result.exit_code == 1
    first = result.output.strip().splitlines()[-1]
    assert first.startswith(f"Error: in/z.yaml:{line}: "), first
    assert message in first
    assert (store / "graph.db").read_bytes() == before


def test_building_twice_gives_the_identical_graph(built):
    tmp_path, store = built
    before = (store / "graph.db").read_bytes()
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "in"), "--store", str(store)],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert (store / "graph.db").read_bytes() == before
    assert "2 nodes, 1 edges, 1 documents" in result.output
