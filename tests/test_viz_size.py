"""viz at size: a large graph asks for a part of it, and the SQLite store reads only
that part, drawing what the whole graph would give."""
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from diplograph import api
from diplograph.cli import cli
from diplograph.graph.stores import EmbeddedStore, SQLiteStore


def _ids(html: str) -> list[str]:
    return sorted(set(re.findall(r'"id": ?"([^"]+)"', html)))


@pytest.fixture(scope="module")
def stores(seed_graph, tmp_path_factory):
    root = tmp_path_factory.mktemp("viz-size")
    SQLiteStore(root / "sqlite").save(seed_graph)
    EmbeddedStore(root / "json").save(seed_graph)
    return str(root / "sqlite"), f"json://{root / 'json'}"


@pytest.mark.parametrize("options", [
    {"focus": "Monterey Talks", "depth": 1}, {"focus": "Monterey Talks", "depth": 2},
    {"focus": "Taiwan", "depth": 2}, {"focus": "Taiwan", "depth": 2, "types": ["PART_OF"]},
    {"top": 5}, {"top": 12, "min_degree": 2},
])
def test_a_part_read_from_sqlite_draws_what_the_whole_graph_gives(stores, options):
    sqlite, whole = (api.viz(None, store=s, **options) for s in stores)
    assert (sqlite.nodes, sqlite.edges) == (whole.nodes, whole.edges)
    assert sqlite.nodes > 0
    assert _ids(sqlite.html) and _ids(sqlite.html) == _ids(whole.html)


def test_a_large_graph_asks_for_a_focus_or_a_top(tmp_path):
    G = nx.MultiDiGraph(documents={})
    for i in range(api.VIZ_LIMIT + 1):
        G.add_node(f"person:p{i}", label="Person", name=f"P {i}", kind=None,
                   aliases=[f"P {i}"])
    G.add_edge("person:p1", "person:p2", key="MET_WITH", type="MET_WITH")
    SQLiteStore(tmp_path / "big").save(G)
    runner = CliRunner()
    refused = runner.invoke(cli, ["viz", "-o", str(tmp_path / "all.html"), "--store",
                                  str(tmp_path / "big")])
    assert refused.exit_code == 1
    assert refused.output.strip().splitlines()[-1] == (
        f"Error: {tmp_path / 'big'} holds 5,001 nodes, more than one page draws well "
        "(5,000): draw a part of it with --focus (and --depth) or --top.")
    assert not (tmp_path / "all.html").exists()
    for args, drawn in ((["--focus", "P 1"], "Wrote 2 nodes and 1 ties"),
                        (["--top", "3"], "Wrote 3 nodes and 1 ties")):
        result = runner.invoke(cli, ["viz", "-o", str(tmp_path / "part.html"), *args,
                                     "--store", str(tmp_path / "big")],
                               catch_exceptions=False)
        assert result.exit_code == 0 and result.output.startswith(drawn), result.output
