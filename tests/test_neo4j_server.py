"""What Neo4j itself shows of a push: its constraints and indexes (and that lookups use
them), element ids and documents that a pull and a push back leave as they were, and
each failure as one ``Error:`` line from the real command, with nothing else on stderr
(the driver's retry and notification logs included); and the CSV export, imported by
neo4j-admin (from Maven Central too) into a second server, holding what the JSON export
and a push hold."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diplograph import api
from diplograph.graph.nodelink import from_nodelink
from diplograph.graph.stores.neo4j import Neo4jStore
from diplograph.graph.stores.neo4j.cypher import MENTIONED_IN, META
from diplograph.graph.stores.neo4j.writer import mention_rows
from tests.bolt import Started, free_port, neo4j_admin, start_neo4j
from tests.test_neo4j_store import tricky_graph


def cli(*args: object, env: dict[str, str], code: int = 0, prelude: str = ""
        ) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, so stderr is what a user sees (pytest's log
    capture would hide the driver's log lines from an in-process run)."""
    script = f"{prelude}\nfrom diplograph.cli import cli\ncli()"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    result = subprocess.run([sys.executable, "-c", script, *map(str, args)], text=True,
                            capture_output=True, env={**clean, **env}, timeout=300)
    assert result.returncode == code, result.stderr
    return result


@pytest.fixture
def neo4j(neo4j_server) -> Neo4jStore:
    with neo4j_server.store() as store:
        yield store


def test_constraints_and_indexes_exist_and_serve_lookups(neo4j, seed_graph):
    neo4j.save(seed_graph)
    constraints = neo4j._read("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
                              "RETURN name, type, labelsOrTypes AS on, properties")
    assert {"name": "entity_id", "type": "UNIQUENESS", "on": ["Entity"],
            "properties": ["id"]} in constraints
    assert {"name": "document_id", "type": "UNIQUENESS", "on": ["Document"],
            "properties": ["id"]} in constraints
    indexes = neo4j._read("SHOW INDEXES YIELD name, type, state, owningConstraint "
                          "WHERE owningConstraint IS NOT NULL RETURN name, type, state")
    assert sorted(map(tuple, (i.values() for i in indexes))) == [
        ("document_id", "RANGE", "ONLINE"), ("entity_id", "RANGE", "ONLINE")]
    with neo4j.driver.session(database=neo4j.database) as session:
        plan = session.run("EXPLAIN MATCH (n:Entity {id: $id}) RETURN n",
                           id="x").consume().plan
    operators = []
    stack = [plan]
    while stack:
        step = stack.pop()
        operators.append(step["operatorType"])
        stack += step.get("children", [])
    assert any(op.startswith("NodeUniqueIndexSeek") for op in operators), operators


def element_ids(store: Neo4jStore) -> dict[str, str]:
    return {r["id"]: r["e"] for r in store._read(
        "MATCH (n) WHERE n:Entity OR n:Document RETURN n.id AS id, elementId(n) AS e")}


def test_element_ids_and_documents_survive_a_pull_and_push_back(neo4j_server, seed_store,
                                                                 tmp_path):
    env = neo4j_server.env()
    cli("push", "--store", seed_store, env=env)
    with neo4j_server.store() as store:
        ids = element_ids(store)
        documents = store._read("MATCH (d:Document) RETURN properties(d) AS p ORDER BY d.id")
        pulled = tmp_path / "pulled"
        cli("pull", "--store", pulled, env=env)
        assert (pulled / "graph.db").read_bytes() == \
            (Path(seed_store) / "graph.db").read_bytes()
        cli("push", "--store", pulled, env=env)
        assert element_ids(store) == ids  # updated in place, never deleted and made again
        assert store._read("MATCH (d:Document) RETURN properties(d) AS p ORDER BY d.id") == \
            documents
    assert len(ids) > 50 and len(documents) >= 5


def test_a_wrong_password_is_one_line(neo4j_server, seed_store):
    env = {**neo4j_server.env(), "NEO4J_PASSWORD": "not-the-password"}
    result = cli("push", "--store", seed_store, env=env, code=1)
    assert result.stdout == ""
    assert result.stderr == (f"Error: The server at {neo4j_server.uri}/neo4j refused user "
                             "'neo4j': check NEO4J_USERNAME/--user and NEO4J_PASSWORD\n")


@pytest.mark.parametrize("database", ["nosuchdb", "system2"])
def test_an_unknown_database_is_one_line(neo4j_server, seed_store, database):
    """Community holds only ``neo4j`` and ``system``."""
    env = {**neo4j_server.env(), "NEO4J_DATABASE": database}
    result = cli("push", "--store", seed_store, env=env, code=1)
    assert result.stderr == (f"Error: Database {database!r} does not exist on "
                             f"{neo4j_server.uri}: create it, or pick another with "
                             "--database / NEO4J_DATABASE\n")


def test_no_server_there_is_one_line(seed_store):
    uri = f"bolt://127.0.0.1:{free_port()}"
    result = cli("stats", "--store", uri, env={"NEO4J_PASSWORD": "x"}, code=1)
    assert result.stderr == (f"Error: Cannot reach a Bolt server at {uri}: is it running? "
                             "(check --uri / NEO4J_URI)\n")


# A push that pauses inside its second batch until the test has stopped the server.
PAUSE = """
import pathlib, time
from diplograph.graph.stores.neo4j import Neo4jStore
def pause(tx, batch, flags=pathlib.Path({flags!r})):
    if batch == 2:
        (flags / "paused").touch()
        while not (flags / "go").exists():
            time.sleep(0.05)
Neo4jStore.batch_hook = pause
"""


def test_notifications_never_reach_stderr(neo4j_server):
    """Neo4j warns of a label or property key it has not seen (as in the saver's first
    read of an empty database); the driver logs those, and none may reach the user."""
    query = "MATCH (n:NoSuchLabelAnywhere) RETURN n.no_such_key AS x"
    result = cli("cypher", query, env=neo4j_server.env())
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1] == "0 row(s)"


@pytest.fixture(scope="module")
def imported(tmp_path_factory, seed_store) -> Started:
    """A second Neo4j, whose database neo4j-admin made from the CSV export of the seeds;
    the last test of the module stops it."""
    root = tmp_path_factory.mktemp("imported")
    csv = Path(api.export("csv", root / "csv", store=seed_store).path)
    result = neo4j_admin(root / "home", "database", "import", "full",
                         f"--nodes={csv / 'nodes.csv'}", f"--nodes={csv / 'documents.csv'}",
                         f"--relationships={csv / 'relationships.csv'}",
                         f"--relationships={csv / 'mentions.csv'}",
                         "--multiline-fields=true", "neo4j")
    assert result.returncode == 0 and "IMPORT DONE" in result.stdout, result.stdout[-3000:]
    started = start_neo4j(root)
    yield started
    started.stop()


def counts(store: Neo4jStore) -> dict[str, int]:
    """What a Browser user counts: nodes by label, relationships by type, ``docs``."""
    found = {f":{r['k']}": r["n"] for r in store._read(
        "MATCH (n) UNWIND labels(n) AS k RETURN k, count(*) AS n")}
    found |= {f"-{r['k']}-": r["n"] for r in store._read(
        "MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS n")}
    found["docs"] = store._read("MATCH (n) RETURN sum(size(n.docs)) AS n")[0]["n"]
    found["tie docs"] = store._read("MATCH ()-[r]->() RETURN sum(size(r.docs)) AS n")[0]["n"]
    return found


def test_the_csv_export_imports_as_the_json_export_and_a_push_hold(imported, neo4j_server,
                                                                  seed_store, tmp_path):
    exported = Path(api.export("json", tmp_path / "g.json", store=seed_store).path)
    G = from_nodelink(json.loads(exported.read_text(encoding="utf-8")))
    with imported.server.store() as store:
        got = counts(store)
    expected = {":Entity": G.number_of_nodes(), ":Document": len(G.graph["documents"]),
                f"-{MENTIONED_IN}-": len(mention_rows(G))}
    for label in {a["label"] for _, a in G.nodes(data=True)}:
        expected[f":{label}"] = sum(a["label"] == label for _, a in G.nodes(data=True))
    for type_ in {k for *_, k in G.edges(keys=True)}:
        expected[f"-{type_}-"] = sum(k == type_ for *_, k in G.edges(keys=True))
    assert {k: got.get(k) for k in expected} == expected
    # The same counts, kinds and docs as a push of the same graph (but for its meta node).
    cli("push", "--store", seed_store, env=neo4j_server.env())
    with neo4j_server.store() as store:
        pushed = counts(store)
    assert {k: v for k, v in pushed.items() if k != f":{META}"} == got


def test_a_server_that_stops_mid_push_is_one_line(imported, seed_store, tmp_path):
    env = {**imported.server.env()}
    url = f"{imported.server.uri}/neo4j"
    push = subprocess.Popen(
        [sys.executable, "-c", PAUSE.format(flags=str(tmp_path)) +
         "\nfrom diplograph.cli import cli\ncli()", "push", "--store", str(seed_store)],
        text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}, **env})
    deadline = time.monotonic() + 120
    while not (tmp_path / "paused").exists():
        assert push.poll() is None and time.monotonic() < deadline, push.communicate()
        time.sleep(0.05)
    imported.stop()
    (tmp_path / "go").touch()
    stdout, stderr = push.communicate(timeout=120)
    assert push.returncode == 1 and stdout == ""
    assert stderr == (f"Saving to {url}\nError: Cannot reach a Bolt server at "
                      f"{imported.server.uri}: is it running? (check --uri / NEO4J_URI)\n")
    # And the next command, on the stopped server:
    result = cli("stats", "--store", url, env=env, code=1)
    assert result.stderr == (f"Error: Cannot reach a Bolt server at {imported.server.uri}: is "
                             "it running? (check --uri / NEO4J_URI)\n")
