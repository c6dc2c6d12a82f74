"""``cypher`` without ``--write`` cannot change the graph, on Neo4j and on ArcadeDB.

Each write attempt is tried twice: through the whole guard (refused before sending), and
with the checks before sending switched off, so that what the server and the store's
rollback do on their own is seen too. On Neo4j the READ session refuses every one
of them itself, and the guard before sending agrees with it."""
from __future__ import annotations

import pytest

from diplograph.graph.errors import StoreError
from diplograph.graph.stores.neo4j import readonly
from diplograph.graph.stores.neo4j import store as store_module
from tests.test_neo4j_store import tricky_graph

WRITES = {
    "create": "CREATE (x:Scratch {id: 'w'})",
    "merge": "MERGE (x:Scratch {id: 'w'})",
    "set": "MATCH (n:Entity {id: 'person:wu'}) SET n.name = 'changed'",
    "delete": "MATCH (n:Entity {id: 'org:odd'}) DETACH DELETE n",
    "delete-tie": "MATCH ()-[r:MET_WITH]->() DELETE r",
    "remove": "MATCH (n:Entity {id: 'org:mnd'}) REMOVE n:Ministry",
    "lowercase": "match (n:Entity {id: 'person:wu'}) set n.name = 'changed'",
    "call-subquery": "MATCH (n:Entity {id: 'person:wu'}) CALL { WITH n SET n.name = 'x' } "
                     "RETURN n.id",
    "call-scoped": "MATCH (n:Entity {id: 'person:wu'}) CALL (n) { SET n.name = 'x' } "
                   "RETURN n.id",
    "foreach": "MATCH (n:Entity) FOREACH (x IN [1] | SET n.name = 'x')",
    "insert": "INSERT (:Scratch {id: 'w'})",
    "comment-cr": "MATCH (n:Entity) // just reading\rSET n.name = 'x' RETURN n.id",
    "comment-crlf": "MATCH (n) /* CREATE */ WITH n // x\r\nDETACH DELETE n",
    "string-then-write": "MATCH (n:Entity) WHERE n.name <> 'a\\'b // ' SET n.name = 'x'",
    "index": "CREATE INDEX scratch_idx IF NOT EXISTS FOR (n:Scratch) ON (n.id)",
    "apoc-do-when": "CALL apoc.do.when(true, 'CREATE (x:Scratch {id: 1}) RETURN x', "
                    "'RETURN 1 AS x', {}) YIELD value RETURN value",
    "apoc-merge-nodes": "MATCH (a:Entity {id: 'org:mnd'}), (b:Entity {id: 'org:odd'}) "
                        "CALL apoc.refactor.mergeNodes([a, b]) YIELD node RETURN node",
    "apoc-create": "CALL apoc.create.node(['Scratch'], {id: 2}) YIELD node RETURN node",
    "apoc-cypher-run": "CALL apoc.cypher.run('CREATE (:Scratch {id: 3}) RETURN 1 AS x', {})",
    "apoc-cypher-function": "RETURN apoc.cypher.runFirstColumnSingle("
                            "'CREATE (x:Scratch) RETURN 1', {}) AS x",
    "backticked-procedure": "CALL `apoc`.`create`.`node`(['Scratch'], {id: 4})",
    "in-transactions": "MATCH (n:Entity) CALL { WITH n SET n.name = 'x' } "
                       "IN TRANSACTIONS OF 10 ROWS",
}

READS = {
    "keyword-in-string": ("MATCH (n:Entity {id: 'person:wu'}) WHERE n.name <> 'CREATE (x)' "
                          "RETURN n.id AS id", [["person:wu"]]),
    "keyword-in-comment": ("MATCH (n:Entity {id: 'person:wu'}) // SET n.name = 'x'\n"
                           "RETURN n.id /* DELETE n */", [["person:wu"]]),
    "keyword-as-key": ("RETURN {set: 1, create: 2}.set AS x", [[1]]),
    "read-procedure": ("CALL db.labels() YIELD label WHERE label = 'Ministry' "
                       "RETURN label", [["Ministry"]]),
    "read-subquery": ("CALL { MATCH (n:Entity {id: 'person:wu'}) RETURN n.id AS id } "
                      "RETURN id", [["person:wu"]]),
}


def fingerprint(server) -> list:
    """Everything in the database, in a read session (the graph, labels included)."""
    nodes = server._read("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    ties = server._read("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, "
                        "properties(r) AS p, b.id AS b")
    return sorted(map(repr, nodes)) + sorted(map(repr, ties))


# Writes ArcadeDB commits in a read transaction without counting them (measured on
# 26.10): its own apoc.do.when and apoc.refactor.mergeNodes, and the inner transactions
# of CALL {} IN TRANSACTIONS. Only the checks before sending stop these there.
ARCADEDB_UNCOUNTED = {"apoc-do-when", "apoc-merge-nodes", "in-transactions"}


@pytest.fixture(scope="module")
def connection(each_server):
    with each_server.store() as store:
        yield store


@pytest.fixture
def server(connection):
    """The server holding the tricky graph, whatever the test before did."""
    connection.run_cypher("MATCH (x:Scratch) DETACH DELETE x", write=True)
    connection.save(tricky_graph())
    return connection


@pytest.mark.parametrize("name", sorted(WRITES))
def test_the_guard_refuses_before_sending(server, name):
    before = fingerprint(server)
    with pytest.raises(StoreError, match="pass write=True to allow it"):
        server.run_cypher(WRITES[name])
    assert fingerprint(server) == before


@pytest.mark.parametrize("name", sorted(WRITES))
def test_the_server_side_layers_alone_keep_the_graph(server, name, monkeypatch):
    """Layers 3 and 4 with the checks before sending switched off."""
    monkeypatch.setattr(store_module, "check_read_only", lambda query: None)
    before = fingerprint(server)
    if server.dialect.name == "arcadedb" and name in ARCADEDB_UNCOUNTED:
        try:
            server.run_cypher(WRITES[name])
        except StoreError:
            pass  # refused, yet its inner transactions committed
        assert fingerprint(server) != before
        return
    with pytest.raises(StoreError) as refused:
        server.run_cypher(WRITES[name])
    assert fingerprint(server) == before
    if server.dialect.name == "neo4j":
        # Neo4j's READ session refuses each one itself (a write procedure included).
        # (a CALL {} IN TRANSACTIONS is refused earlier: it needs an implicit transaction)
        if name != "in-transactions":
            assert str(refused.value) == (
                "This query writes to the database, which the server refused in a "
                "read-only session; pass write=True to allow it")


@pytest.mark.parametrize("name", sorted(READS))
def test_reads_that_look_like_writes_run(server, name):
    query, rows = READS[name]
    assert server.run_cypher(query).rows == rows


def test_the_guard_agrees_with_neo4j(neo4j_server):
    """Every query Neo4j's READ session refuses, the guard refuses before sending; every
    read query here, both let through."""
    with neo4j_server.store() as store:
        store.save(tricky_graph())
        for name, query in WRITES.items():
            with pytest.raises(StoreError):
                readonly.check_read_only(query)
        for query, _ in READS.values():
            readonly.check_read_only(query)
            store._read(query)  # READ session: Neo4j accepts it


def test_write_allows_what_the_guard_refuses(server):
    result = server.run_cypher("CREATE (x:Scratch {id: 'allowed'}) RETURN x.id", write=True)
    assert result.rows == [["allowed"]] and result.counters["nodes_created"] == 1
    server.run_cypher("MATCH (x:Scratch) DELETE x", write=True)
