"""The CLI over the curated seed store: each read command, --json, and name errors."""
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from diplograph.cli import cli


def run(*args, ok=True):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def test_stats_json_counts_match_the_store(seed_store, seed_graph):
    data = json.loads(run("stats", "--store", seed_store, "--json").output)
    assert data["nodes"] == seed_graph.number_of_nodes()
    assert data["edges"] == seed_graph.number_of_edges()
    assert sum(data["by_type"].values()) == data["edges"]
    assert data["documents"] == 5


def test_show_lists_aliases_and_cited_ties(seed_store):
    out = run("show", "francois wu", "--store", seed_store).output
    assert out.splitlines()[0].startswith("François Wu  [Person]")
    assert "Francois Wu" in out
    assert "HOLDS_POSITION" in out and "001_84352d4c6bba9e33.txt" in out


def test_show_json_has_every_edge_with_evidence(seed_store):
    data = json.loads(run("show", "Monterey Talks", "--store", seed_store, "--json").output)
    assert data["node"]["label"] == "Mechanism"
    assert data["edges"] and all(e["evidence"] for e in data["edges"])


def test_unknown_name_suggests_and_fails(seed_store):
    result = run("show", "Montery Talk", "--store", seed_store, ok=False)
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: No node matches 'Montery Talk'. Did you mean: Monterey Talks?")


def test_neighbors_type_and_label_filters(seed_store):
    data = json.loads(run("neighbors", "Taiwan", "--type", "PART_OF", "--label", "organization",
                          "--store", seed_store, "--json").output)
    assert {n["label"] for n in data["nodes"]} == {"Country", "Organization"}
    assert {e["type"] for e in data["edges"]} == {"PART_OF"}


def test_path_prints_each_hop_with_citations(seed_store):
    out = run("path", "Chung Shu-ming", "Taiwan", "--store", seed_store).output
    assert out.startswith("Path 1 (2 hops): Chung Shu-ming - ")
    assert "[000_a80d43ebc4876f07.txt curated" in out


def test_missing_store_error_says_what_to_do(tmp_path):
    result = run("stats", "--store", tmp_path / "none", ok=False)
    assert result.exit_code == 1
    assert "Run 'diplograph build' first" in result.output


@pytest.mark.parametrize("fmt, read", [("json", None), ("graphml", nx.read_graphml),
                                       ("gexf", nx.read_gexf)])
def test_exports_read_back_with_the_same_counts(seed_store, seed_graph, tmp_path, fmt, read):
    out = tmp_path / f"g.{fmt}"
    run("export", "--format", fmt, "-o", out, "--store", seed_store)
    if read is None:
        data = json.loads(out.read_text(encoding="utf-8"))
        counts = (len(data["nodes"]), len(data["edges"]))
    else:
        G = read(out)
        counts = (G.number_of_nodes(), G.number_of_edges())
    assert counts == (seed_graph.number_of_nodes(), seed_graph.number_of_edges())


def test_help_of_every_command_ends_with_an_example():
    for name, command in cli.commands.items():
        text = run(name, "--help").output
        assert "Example:" in text, name


def test_a_snippet_across_lines_prints_on_one_line():
    from diplograph.graph.queries.display import citation
    line = citation({"doc": "d.md", "start": 3, "end": 20, "snippet": "Talks,\n\nheld in\tMay",
                     "method": "rule", "confidence": 0.6})
    assert line == "[d.md@3-20 rule 0.6] Talks, held in May"
