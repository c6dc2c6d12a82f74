"""The analyst's commands through the CLI: real YAML files and stores in tmp_path, the
seed store, --json, exact error lines and plain "nothing found" answers."""
import json

import pytest
from click.testing import CliRunner

from diplograph import api
from diplograph.cli import cli

TALKS = """\
document: d1.txt
documents: [{id: d1.txt}, {id: d2.txt}]
entities:
  - {id: country:taiwan, label: Country, name: Taiwan}
  - {id: country:united-states, label: Country, name: United States, aliases: [US]}
  - {id: country:china, label: Country, name: China}
  - {id: org:mnd, label: Organization, kind: ministry, name: MND}
  - {id: person:chung, label: Person, name: Chung Shu-ming}
  - {id: mechanism:talks, label: Mechanism, kind: talks, name: Monterey Talks, frequency: annual}
  - {id: event:round-1, label: Event, kind: meeting, name: Round one, ordinal: 1, date: 2025-06}
ties:
  - {s: org:mnd, type: PART_OF, o: country:taiwan, note: the defence ministry}
  - {s: person:chung, type: HOLDS_POSITION, o: org:mnd, title: deputy minister, note: his post}
  - {s: person:chung, type: PARTICIPATES_IN, o: mechanism:talks, role: delegate, note: he went}
  - {s: country:united-states, type: PARTICIPATES_IN, o: mechanism:talks, role: party, note: host}
  - {s: event:round-1, type: INSTANCE_OF, o: mechanism:talks, note: the first round}
"""
SECOND_SOURCE = """\
document: d2.txt
ties:
  - {s: person:chung, type: HOLDS_POSITION, o: org:mnd, title: minister, note: another title}
"""


def run(*args, ok=True):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def talks_store(tmp_path, write):
    store = tmp_path / "store"
    run("build", write("curated/talks.yaml", TALKS), "--store", store)
    return store


def test_between_shows_each_side_with_the_official_via_his_ministry(talks_store):
    out = run("between", "taiwan", "US", "--store", talks_store).output
    assert out.splitlines()[0] == ("Taiwan and United States both take part in 1 mechanisms "
                                   "and events:")
    assert "    - Chung Shu-ming [Person] PARTICIPATES_IN (role: delegate) via MND" in out
    assert "[d1.txt" in out and "he went" in out


def test_between_json_round_trips(talks_store):
    data = json.loads(run("between", "Taiwan", "United States", "--store", talks_store,
                          "--json").output)
    assert [v["venue"]["name"] for v in data["venues"]] == ["Monterey Talks"]
    assert data["venues"][0]["sides"][0]["participants"][0]["via"][0]["name"] == "MND"


def test_between_with_nothing_shared_says_so(talks_store):
    result = run("between", "Taiwan", "China", "--store", talks_store)
    assert result.output == "Taiwan and China take part in no common mechanism or event.\n"


def test_who_lists_sides_and_rounds(talks_store):
    out = run("who", "monterey talks", "--store", talks_store).output
    assert "frequency: annual" in out
    assert out.index("  Taiwan:") < out.index("  United States:")
    assert "Rounds (1):" in out and "Round one" in out


def test_posts_as_of_and_the_title_dispute(tmp_path, write, talks_store):
    out = run("posts", "Chung Shu-ming", "--as-of", "2025-06", "--store", talks_store).output
    assert out.splitlines()[0] == "Posts of Chung Shu-ming on 2025-06 (1):"
    store = tmp_path / "two"
    run("build", write("c/talks.yaml", TALKS), write("c/second.yaml", SECOND_SOURCE),
        "--store", store)
    out = run("posts", "Chung Shu-ming", "--store", store).output
    assert "! deputy minister | minister" in out


def test_contradictions_side_by_side_and_none(tmp_path, write, talks_store):
    assert run("contradictions", "--store", talks_store).output == "No contradictions found.\n"
    store = tmp_path / "two"
    run("build", write("c/talks.yaml", TALKS), write("c/second.yaml", SECOND_SOURCE),
        "--store", store)
    out = run("contradictions", "--store", store).output.splitlines()
    assert out[0] == "1 contradictions:"
    assert out[2] == ("Chung Shu-ming -HOLDS_POSITION-> MND: sources disagree on title "
                      "(across d1.txt, d2.txt)")
    assert out[3] == "  = deputy minister" and out[5] == "  = minister"


def test_rank_communities_timeline(talks_store):
    out = run("rank", "--by", "betweenness", "--top", "1", "--store", talks_store).output
    assert out.splitlines()[0] == "Top 1 by betweenness:"
    assert "Monterey Talks" in out.splitlines()[3]
    data = json.loads(run("communities", "--store", talks_store, "--json").output)
    assert sum(len(c["members"]) for c in data["communities"]) == 7
    out = run("timeline", "--about", "Monterey Talks", "--store", talks_store).output
    assert "2025-06  Round one [Event]" in out
    assert run("timeline", "--since", "2030", "--store", talks_store).output == (
        "No dated claims since 2030.\n")


def test_path_all_via_a_label(talks_store):
    out = run("path", "Chung Shu-ming", "US", "--all", "--via", "mechanism", "--store",
              talks_store).output
    assert out.splitlines()[0].startswith("Path 1 (2 hops; weakest hop cited by 1 document")
    assert "Monterey Talks" in out.splitlines()[0]


def test_diff_of_two_json_exports_and_a_store(tmp_path, write, talks_store):
    old = tmp_path / "old.json"
    api.export("json", old, store=talks_store)
    store = tmp_path / "two"
    run("build", tmp_path / "curated" / "talks.yaml", write("extra/second.yaml", SECOND_SOURCE),
        "--store", store)
    out = run("diff", old, store).output.splitlines()
    assert out[0] == f"From {old} to {store}: nodes +0 -0 ~0, ties +0 -0 ~1"
    assert out[1] == "~ tie Chung Shu-ming -HOLDS_POSITION-> MND"
    assert run("diff", old, old).output == f"No differences between {old} and {old}.\n"


@pytest.mark.parametrize("args, error", [
    (["between", "Taiwn", "US"], "Error: No node matches 'Taiwn'. Did you mean: Taiwan?"),
    (["who", "Taiwan"], "Error: Taiwan is a Country; 'who' takes one of: Event, Mechanism "
                        "(for an actor's posts use 'posts', for the channels two actors share "
                        "'between')."),
    (["posts", "Chung Shu-ming", "--as-of", "soon"],
     "Error: 'soon' is not a date. Use ISO 8601 (2025, 2025-10 or 2025-10-10), "
     "'March 18, 2025' or a ROC year ('year 115')."),
    (["timeline", "--about", "Montery"], "Error: No node matches 'Montery'. "
                                         "Did you mean: Monterey Talks?"),
])
def test_errors_are_one_line(talks_store, args, error):
    result = run(*args, "--store", talks_store, ok=False)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == error


def test_diff_rejects_a_file_that_is_not_an_export(tmp_path, write, talks_store):
    bad = write("bad.json", "{oops")
    result = run("diff", bad, talks_store, ok=False)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad} is not a diplograph JSON export: ")


def test_rank_rejects_an_unknown_measure(talks_store):
    result = run("rank", "--by", "fame", "--store", talks_store, ok=False)
    assert result.exit_code == 2
    assert "Invalid value for '--by': 'fame' is not one of" in result.output


def test_seed_between_taiwan_and_the_us(seed_store):
    out = run("between", "Taiwan", "United States", "--store", seed_store).output
    for name in ["Monterey Talks", "Defense Security Talks", "Political and Military Dialogue",
                 "Defense Policy Special Conference", "U.S.-Taiwan Defense Industry Conference"]:
        assert f"\n{name}  [Mechanism" in out


def test_seed_contradictions_name_wu(seed_store):
    out = run("contradictions", "--store", seed_store).output
    assert "François Wu: placed in several ministry posts at once" in out
