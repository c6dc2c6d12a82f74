"""The CLI with a Bolt server: push, pull, cypher, --store bolt://..., and each failure as
one ``Error:`` line (server down, wrong password, unknown database, a batch failing
part-way through a push that a second push completes)."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from diplograph import api
from diplograph.cli import cli
from diplograph.graph.nodelink import dumps
from diplograph.graph.stores import SQLiteStore
from diplograph.graph.stores.neo4j import Neo4jStore
from diplograph.graph.stores.neo4j.writer import mention_rows
from tests.bolt import free_port


@pytest.fixture
def env(bolt_server, monkeypatch) -> dict[str, str]:
    for key, value in bolt_server.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    return bolt_server.env()


@pytest.fixture
def url(bolt_server) -> str:
    """The server as a --store value, the database in the path."""
    return f"{bolt_server.uri}/{bolt_server.database}" if bolt_server.database \
        else bolt_server.uri


def run(*args: object, code: int = 0):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def db_args(bolt_server) -> list[str]:
    return ["--database", bolt_server.database] if bolt_server.database else []


def test_push_then_pull_gives_back_the_same_bytes(env, bolt_server, seed_store, tmp_path):
    result = run("push", "--store", seed_store, *db_args(bolt_server), "--json")
    data = json.loads(result.stdout)  # the progress bar is on stderr, apart from the JSON
    assert data["stats"]["nodes"] > 0 and data["target"].startswith(bolt_server.uri)
    assert bolt_server.password not in result.output
    pulled = tmp_path / "pulled"
    run("pull", "--store", pulled, *db_args(bolt_server))
    assert (pulled / "graph.db").read_bytes() == (Path(seed_store) / "graph.db").read_bytes()


def test_push_and_pull_show_progress_on_stderr(env, bolt_server, url, seed_store, seed_graph,
                                               tmp_path):
    result = run("push", "--store", seed_store, *db_args(bolt_server))
    stats = f"{seed_graph.number_of_nodes()} nodes and {seed_graph.number_of_edges()} edges"
    assert result.stdout == f"Pushed {stats} from {seed_store} to {url}\n"
    # Not a terminal, so click prints the bar's label alone, once.
    assert result.stderr == f"Saving to {url}\n"
    pulled = tmp_path / "pulled"
    result = run("pull", "--store", pulled, *db_args(bolt_server))
    assert result.stdout == f"Pulled {stats} from {url} to {pulled}\n"
    assert result.stderr == f"Loading from {url}\n"


def test_push_reports_each_batch(env, bolt_server, seed_store, seed_graph, monkeypatch):
    with bolt_server.store() as server:
        server.save(nx.MultiDiGraph(documents={}))  # an empty database: nothing to delete
    monkeypatch.setattr(Neo4jStore, "batch_size", property(lambda self: 7))
    steps: list[tuple[int, str]] = []

    def progress(items, label):
        for batch in items:
            steps.append((len(batch), label))
            yield batch

    result = api.push(store=seed_store, database=bolt_server.database, progress=progress)
    assert {label for _, label in steps} == {f"Saving to {result.target}"}
    # Every document, node, tie and link of a node to a document, in batches of at most 7
    # rows, one step each.
    assert max(n for n, _ in steps) == 7
    assert sum(n for n, _ in steps) == (len(seed_graph.graph["documents"])
                                        + seed_graph.number_of_nodes()
                                        + seed_graph.number_of_edges()
                                        + len(mention_rows(seed_graph)))


@pytest.mark.parametrize("command", [
    ["stats"], ["show", "francois wu"], ["show", "Monterey Talks", "--json"],
    ["neighbors", "Monterey Talks", "--depth", "2"],
    ["path", "Chung Shu-ming", "US Department of Defense"]])
def test_read_commands_print_the_same_on_the_server(env, bolt_server, url, seed_store,
                                                    command):
    run("push", "--store", seed_store, *db_args(bolt_server))
    local = run(*command, "--store", seed_store).output
    assert run(*command, "--store", url).output == local


def test_build_straight_into_the_server(env, url, seed_graph):
    from tests.conftest import CURATED_INPUTS
    run("build", *CURATED_INPUTS, "--store", url)
    assert dumps(api.load_graph(store=url)) == dumps(seed_graph)


def test_cypher_table_json_and_params(env, bolt_server, seed_store):
    run("push", "--store", seed_store, *db_args(bolt_server))
    query = "MATCH (n:Entity {id: $id}) RETURN n.name AS name, n.aliases AS aliases"
    out = run("cypher", query, "--param", "id=person:francois-wu", *db_args(bolt_server)).output
    assert out.splitlines()[0].split() == ["name", "aliases"]
    assert "François Wu" in out and out.rstrip().endswith("1 row(s)")
    data = json.loads(run("cypher", "RETURN $n + 1 AS m, $s AS s", "--param", "n=41",
                          "--param", "s=x y", "--json", *db_args(bolt_server)).output)
    assert data["rows"] == [{"m": 42, "s": "x y"}]


def test_cypher_refuses_writes_unless_asked(env, bolt_server):
    result = run("cypher", "CREATE (x:Scratch {id: 'w'})", *db_args(bolt_server), code=1)
    assert result.output == ("Error: This query writes to the database (CREATE at line 1, "
                             "column 1); pass --write to allow it\n")
    run("cypher", "CREATE (x:Scratch {id: 'w'})", "--write", *db_args(bolt_server))
    count = "MATCH (x:Scratch) RETURN count(x) AS c"
    assert json.loads(run("cypher", count, "--json", *db_args(bolt_server)).output)[
        "rows"] == [{"c": 1}]
    run("cypher", "MATCH (x:Scratch) DELETE x", "--write", *db_args(bolt_server))


def test_a_write_the_clause_check_misses_is_still_not_kept(env, bolt_server, monkeypatch):
    from diplograph.graph.stores.neo4j import store
    monkeypatch.setattr(store, "check_read_only", lambda query: None)
    result = run("cypher", "CREATE (x:Scratch {id: 'sneaky'})", *db_args(bolt_server), code=1)
    # Neo4j's READ session refuses it (tests/test_neo4j_readonly.py tries every layer).
    assert result.output == ("Error: This query writes to the database, which the server "
                             "refused in a read-only session; pass --write to allow it\n")
    count = "MATCH (x:Scratch) RETURN count(x) AS c"
    assert json.loads(run("cypher", count, "--json", *db_args(bolt_server)).output)[
        "rows"] == [{"c": 0}]


def test_server_down(seed_store, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "irrelevant")
    uri = f"bolt://127.0.0.1:{free_port()}"
    result = run("push", "--store", seed_store, "--uri", uri, code=1)
    assert result.output == (f"Error: Cannot reach a Bolt server at {uri}: is it running? "
                             "(check --uri / NEO4J_URI)\n")


def test_wrong_password(env, bolt_server, url, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    result = run("stats", "--store", url, code=1)
    assert result.output == (f"Error: The server at {url} refused user {bolt_server.user!r}: "
                             "check NEO4J_USERNAME/--user and NEO4J_PASSWORD\n")
    assert "not-the-password" not in result.output


def test_unknown_database(env, bolt_server, seed_store):
    result = run("push", "--store", seed_store, "--database", "no_such_db_here", code=1)
    assert result.output == (f"Error: Database 'no_such_db_here' does not exist on "
                             f"{bolt_server.uri}: create it, or pick another with --database "
                             "/ NEO4J_DATABASE\n")


def test_no_server_given(seed_store, monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    result = run("push", "--store", seed_store, code=1)
    assert result.output.startswith("Error: No server given: pass --uri")


def test_there_is_no_password_option(env, seed_store):
    result = run("push", "--store", seed_store, "--password", "x", code=2)
    assert "No such option '--password'" in result.output


def test_a_failing_batch_then_a_rerun_completes(env, bolt_server, url, seed_store, seed_graph,
                                               monkeypatch, tmp_path):
    run("push", "--store", seed_store, *db_args(bolt_server))
    # Change the graph so that the next push has real work to do, then fail its 4th batch.
    changed = seed_graph.copy()
    changed.remove_node(sorted(changed.nodes)[0])
    local = tmp_path / "changed"
    SQLiteStore(local).save(changed)
    monkeypatch.setattr(Neo4jStore, "batch_size", property(lambda self: 5))
    batches: list[int] = []

    def fail_fourth(tx, batch):
        batches.append(batch)
        if batch == 4:
            tx.run("RETURN 1 / 0").consume()

    monkeypatch.setattr(Neo4jStore, "batch_hook", fail_fourth)
    result = run("push", "--store", local, *db_args(bolt_server), code=1)
    assert result.stdout == ""
    assert result.stderr == f"Saving to {url}\nError: {url} refused the query: / by zero\n"
    result = run("stats", "--store", url, code=1)
    assert result.output == (f"Error: The last save to {url} did not finish; run the push "
                             "(or build) again to complete it\n")
    monkeypatch.setattr(Neo4jStore, "batch_hook", None)
    run("push", "--store", local, *db_args(bolt_server))
    pulled = tmp_path / "pulled"
    run("pull", "--store", pulled, *db_args(bolt_server))
    assert dumps(SQLiteStore(pulled).load()) == dumps(changed)
    assert max(batches) == 4
