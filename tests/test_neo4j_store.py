"""The server store against a real Bolt server: lossless round trips, replace semantics,
labels and citations visible to Cypher users, and a failed batch that a re-run repairs."""
from __future__ import annotations

import networkx as nx
import pytest

from diplograph.graph.errors import StoreError
from diplograph.graph.nodelink import dumps
from diplograph.graph.stores import open_store
from diplograph.graph.stores.neo4j import Neo4jStore
from diplograph.graph.stores.neo4j.writer import mention_rows


def tricky_graph() -> nx.MultiDiGraph:
    """Values a property store cannot hold as they are, and shapes that are easy to lose."""
    G = nx.MultiDiGraph(schema_version=1, documents={
        "d1": {"id": "d1", "title": "Zürich talks", "outlet": "X", "date": "2026-03"},
        "d2": {"id": "d2", "title": "Second"}})
    G.add_node("org:mnd", label="Organization", name="Ministry of National Defense",
               kind="ministry", aliases=["MND", "Ministry of National Defense"],
               evidence=[{"doc": "d1", "start": 3, "end": 9, "method": "rule",
                          "confidence": 0.75, "claim": {"title": "x"}}],
               conflicts={"country": ["Taiwan", "ROC"]}, country="Taiwan", level=2,
               ratio=0.5, active=True, mixed=[1, "a"], empty=[], nested=[[1, 2]])
    G.add_node("country:taiwan", label="Country", name="Taiwan", kind=None,
               aliases=["Taiwan", "台灣"])
    G.add_node("person:wu", label="Person", name="François Wu", kind=None, aliases=[])
    G.add_node("org:odd", label="Organization", name="Odd", kind="not_in_schema",
               aliases=["Odd"])
    G.add_edge("person:wu", "org:mnd", key="HOLDS_POSITION", type="HOLDS_POSITION",
               title="Minister", start=None,
               evidence=[{"doc": "d1", "method": "curated", "confidence": 1.0},
                         {"doc": "d2", "method": "model", "confidence": 0.4}],
               conflicts={"title": ["Deputy", "Minister"]})
    G.add_edge("country:taiwan", "person:wu", key="MET_WITH", type="MET_WITH", evidence=[])
    G.add_edge("org:mnd", "org:mnd", key="PART_OF", type="PART_OF", evidence=[])
    G.add_edge("org:mnd", "country:taiwan", key="PART_OF", type="PART_OF", evidence=[])
    return G


@pytest.fixture
def store(bolt_server) -> Neo4jStore:
    with bolt_server.store() as s:
        yield s


def count(store: Neo4jStore, query: str, **params) -> int:
    return store.run_cypher(query, params).rows[0][0]


@pytest.mark.parametrize("make", [tricky_graph, nx.MultiDiGraph], ids=["tricky", "empty"])
def test_round_trip_is_byte_identical(store, make):
    G = make()
    G.graph.setdefault("documents", {})
    store.save(G)
    assert dumps(store.load()) == dumps(G)


def test_seed_graph_round_trip_is_byte_identical(store, seed_graph):
    store.save(seed_graph)
    assert store.exists()
    assert dumps(store.load()) == dumps(seed_graph)


def test_saving_twice_leaves_identical_counts(store, seed_graph):
    store.save(seed_graph)
    first = store.run("stats")
    store.save(seed_graph)
    assert store.run("stats") == first
    assert first.nodes == seed_graph.number_of_nodes()
    assert count(store, "MATCH (n:Entity) RETURN count(n)") == seed_graph.number_of_nodes()
    assert count(store, "MATCH (:Entity)-[r]->(:Entity) RETURN count(r)") == \
        seed_graph.number_of_edges()


def test_save_replaces_removes_and_relabels(store):
    store.save(tricky_graph())
    G = tricky_graph()
    G.remove_node("org:odd")
    G.remove_edge("country:taiwan", "person:wu", key="MET_WITH")
    G.nodes["org:mnd"]["kind"] = "agency"
    del G.graph["documents"]["d2"]
    store.save(G)
    assert dumps(store.load()) == dumps(G)
    assert count(store, "MATCH (n:Entity {id: 'org:odd'}) RETURN count(n)") == 0
    assert count(store, "MATCH (n:Organization:Agency) RETURN count(n)") == 1
    assert count(store, "MATCH (n:Ministry) RETURN count(n)") == 0
    assert count(store, "MATCH (d:Document) RETURN count(d)") == 1
    assert count(store, "MATCH ()-[r:MET_WITH]->() RETURN count(r)") == 0


def test_labels_and_citations_are_visible_to_cypher(store):
    store.save(tricky_graph())
    labelled = store.run_cypher("MATCH (n:Organization:Ministry) RETURN n.id").rows
    assert labelled == [["org:mnd"]]
    # An open-list kind the schema does not know is a property, never a label.
    assert store.run_cypher("MATCH (n {id: 'org:odd'}) RETURN n.kind").rows == [["not_in_schema"]]
    assert count(store, "MATCH (n:Organization) RETURN count(n)") == 2
    supported = store.run_cypher(
        "MATCH (a:Entity)-[r]->(b:Entity) WHERE $doc IN r.docs "
        "MATCH (d:Document {id: $doc}) RETURN a.id, type(r), b.id, d.title",
        {"doc": "d2"}).rows
    assert supported == [["person:wu", "HOLDS_POSITION", "org:mnd", "Second"]]
    assert store.run_cypher("MATCH (n {id: 'org:mnd'}) RETURN n.aliases, n.docs").rows == [
        [["MND", "Ministry of National Defense"], ["d1"]]]


def links(store: Neo4jStore) -> list[list[str]]:
    return store.run_cypher("MATCH (n:Entity)-[:MENTIONED_IN]->(d:Document) "
                            "RETURN n.id, d.id ORDER BY n.id, d.id").rows


def test_entities_are_linked_to_the_documents_citing_them(store):
    G = tricky_graph()
    G.nodes["person:wu"]["evidence"] = [{"doc": "d2"}, {"doc": "unknown-doc"}]
    store.save(G)
    assert links(store) == [["org:mnd", "d1"], ["person:wu", "d2"]] == [
        [m["s"], m["t"]] for m in mention_rows(G)]
    # Replaced as the graph is: a citation gone, a document gone, a node relabelled.
    G.nodes["org:mnd"]["evidence"] = [{"doc": "d2"}]
    G.nodes["org:mnd"]["kind"] = "agency"
    del G.graph["documents"]["d1"]
    G.nodes["country:taiwan"]["evidence"] = [{"doc": "d2"}, {"doc": "d1"}]
    store.save(G)
    assert links(store) == [["country:taiwan", "d2"], ["org:mnd", "d2"], ["person:wu", "d2"]]
    assert dumps(store.load()) == dumps(G)  # a pull reads no link as a tie


def test_id_constraint_exists(store):
    store.save(tricky_graph())
    result = store.run_cypher("SHOW CONSTRAINTS")
    names = {row[result.columns.index("name")] for row in result.rows}
    assert {"entity_id", "document_id"} <= names


def test_a_failed_batch_rolls_back_and_a_rerun_completes(store, monkeypatch):
    G = tricky_graph()
    for i in range(25):
        G.add_node(f"place:p{i:02}", label="Place", name=f"P{i}", kind="city", aliases=[])
    store.save(nx.MultiDiGraph(documents={}))
    small = Neo4jStore(store.uri, user=store.user, password=store._password,
                       database=store.database, batch_size=10)

    def fail_second_place_batch(tx, batch):
        if tx.run("MATCH (n:Place) RETURN count(n) AS n").single()["n"] > 10:
            tx.run("RETURN 1 / 0").consume()  # the server raises inside the open transaction

    monkeypatch.setattr(Neo4jStore, "batch_hook", fail_second_place_batch)
    with pytest.raises(StoreError, match="refused the query"):
        small.save(G)
    # The first batch of 10 places committed; the second was rolled back with its error.
    assert count(store, "MATCH (n:Place) RETURN count(n)") == 10
    with pytest.raises(StoreError, match="did not finish; run the push"):
        store.load()
    monkeypatch.setattr(Neo4jStore, "batch_hook", None)
    small.save(G)
    small.close()
    assert dumps(store.load()) == dumps(G)


def test_a_reserved_attribute_is_refused_before_writing(store, seed_graph):
    store.save(seed_graph)
    G = tricky_graph()
    G.nodes["person:wu"]["docs"] = ["mine"]
    with pytest.raises(StoreError, match="attribute named 'docs'"):
        store.save(G)
    assert dumps(store.load()) == dumps(seed_graph)


def test_other_data_in_the_database_is_left_alone(store):
    store.run_cypher("MERGE (x:Foreign {id: 'keep-me'})", write=True)
    store.save(tricky_graph())
    assert count(store, "MATCH (x:Foreign {id: 'keep-me'}) RETURN count(x)") == 1
    store.run_cypher("MATCH (x:Foreign) DELETE x", write=True)


def test_read_only_queries_refuse_writes(store):
    with pytest.raises(StoreError, match="pass write=True"):
        store.run_cypher("MATCH (n) DETACH DELETE n")
    assert store.run_cypher("RETURN 'CREATE' AS word").rows == [["CREATE"]]


def test_location_never_shows_the_password(bolt_server):
    s = open_store(bolt_server.uri + "/somedb", password="hunter2-secret")
    assert isinstance(s, Neo4jStore) and s.database == "somedb"
    assert "hunter2" not in s.location + repr(s)
    with pytest.raises(StoreError, match="no credentials in the server URI") as err:
        open_store("bolt://neo4j:hunter2-secret@localhost:7687")
    assert "hunter2" not in str(err.value)
