"""What Neo4j itself shows of a push: its constraints and indexes (and that lookups use
them), element ids and documents that a pull and a push back leave as they were, and
each failure as one ``Error:`` line from the real command, with nothing else on stderr
(the driver's retry and notification logs included)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diplograph.graph.stores.neo4j import Neo4jStore
from tests.bolt import Started, free_port, start_neo4j
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
        assert (pulled / "graph.json").read_bytes() == \
            (Path(seed_store) / "graph.json").read_bytes()
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


@pytest.fixture(scope="module")
def doomed(tmp_path_factory) -> Started:
    """A second Neo4j, fresh, for the tests below; the last one stops it."""
    started = start_neo4j(tmp_path_factory.mktemp("doomed"))
    yield started
    started.stop()


def test_a_first_push_into_a_fresh_database_prints_no_notifications(doomed, seed_store):
    """Neo4j warns of property keys it has not seen yet (the saver's first read of an
    empty database); the driver logs those, and none may reach the user."""
    result = cli("push", "--store", seed_store, env=doomed.server.env())
    assert result.stderr == f"Saving to {doomed.server.uri}/neo4j\n"


def test_a_server_that_stops_mid_push_is_one_line(doomed, seed_store, tmp_path):
    env = {**doomed.server.env()}
    url = f"{doomed.server.uri}/neo4j"
    push = subprocess.Popen(
        [sys.executable, "-c", PAUSE.format(flags=str(tmp_path)) +
         "\nfrom diplograph.cli import cli\ncli()", "push", "--store", str(seed_store)],
        text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}, **env})
    deadline = time.monotonic() + 120
    while not (tmp_path / "paused").exists():
        assert push.poll() is None and time.monotonic() < deadline, push.communicate()
        time.sleep(0.05)
    doomed.stop()
    (tmp_path / "go").touch()
    stdout, stderr = push.communicate(timeout=120)
    assert push.returncode == 1 and stdout == ""
    assert stderr == (f"Saving to {url}\nError: Cannot reach a Bolt server at "
                      f"{doomed.server.uri}: is it running? (check --uri / NEO4J_URI)\n")
    # And the next command, on the stopped server:
    result = cli("stats", "--store", url, env=env, code=1)
    assert result.stderr == (f"Error: Cannot reach a Bolt server at {doomed.server.uri}: is "
                             "it running? (check --uri / NEO4J_URI)\n")
