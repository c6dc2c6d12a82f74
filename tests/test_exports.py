"""Every export format, read back by an independent reader: the same counts and the
same attributes (networkx for GEXF/GraphML, the csv module for neo4j-admin CSV, a Bolt
server for the Cypher script, the node-link reader for JSON)."""
from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

from diplograph.graph.nodelink import dumps, from_nodelink
from diplograph.graph.schema import SCHEMA
from tests.viz_graphs import IMG, KU, SCRIPT, hostile_graph
from diplograph.viz.exports import EXPORTERS, export_graph
from diplograph.viz.exports.cypher import literal, statements
from diplograph.viz.exports.neo4j_csv import FILES


@pytest.fixture(params=["hostile", "seeds"])
def G(request, seed_graph):
    return hostile_graph() if request.param == "hostile" else seed_graph


def _out(tmp_path, fmt):
    return tmp_path / f"graph{EXPORTERS[fmt].suffix or '-' + fmt}"


def test_registry_lists_every_format():
    assert set(EXPORTERS) == {"json", "graphml", "gexf", "csv", "cypher"}


def test_json_round_trip(G, tmp_path):
    path = export_graph(G, "json", _out(tmp_path, "json"))
    assert dumps(from_nodelink(json.loads(path.read_text(encoding="utf-8")))) == dumps(G)


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back(G, tmp_path, fmt, read):
    H = read(export_graph(G, fmt, _out(tmp_path, fmt)))
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(),
                                                          G.number_of_edges())
    for node, attrs in G.nodes(data=True):
        got = H.nodes[node]
        name_key = "label" if fmt == "gexf" else "name"
        assert got[name_key] == attrs["name"]
        assert json.loads(got["aliases"]) == attrs["aliases"]
        if attrs.get("evidence"):
            assert json.loads(got["evidence"]) == attrs["evidence"]
    got_edges = {(u, v, d.get("rel_type", d.get("type"))): d for u, v, d in H.edges(data=True)}
    for u, v, k, attrs in G.edges(keys=True, data=True):
        assert json.loads(got_edges[(u, v, k)]["evidence"]) == attrs["evidence"]


def test_gexf_carries_gephi_style_and_time(tmp_path):
    G = hostile_graph()
    H = nx.read_gexf(export_graph(G, "gexf", _out(tmp_path, "gexf")))
    ku = H.nodes["person:ku"]
    spec = SCHEMA.label("Person")
    assert ku["label"] == KU
    assert "#%02x%02x%02x" % tuple(ku["viz"]["color"][c] for c in "rgb") == spec.color
    assert {"x", "y"} <= set(ku["viz"]["position"]) and ku["viz"]["size"] > 0
    lin_post = next(d for u, v, d in H.edges(data=True)
                    if (u, v, d["rel_type"]) == ("person:lin", "org:mofa", "HOLDS_POSITION"))
    assert (lin_post["start"], lin_post["end"]) == ("2024-05-01", "2025-02-28")
    assert lin_post["label"] == SCHEMA.relation("HOLDS_POSITION").label
    met = next(d for u, v, d in H.edges(data=True) if d["rel_type"] == "MET_WITH")
    assert met["symmetric"] is True and met["start"] == met["end"] == "2025-10-01"


def test_neo4j_csv_reads_back(G, tmp_path):
    directory = export_graph(G, "csv", tmp_path / "import")
    assert sorted(p.name for p in directory.iterdir()) == sorted(FILES)
    with open(directory / "nodes.csv", encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with open(directory / "relationships.csv", encoding="utf-8", newline="") as fh:
        rels = list(csv.DictReader(fh))
    assert len(nodes) == G.number_of_nodes() and len(rels) == G.number_of_edges()
    by_id = {row["id:ID(Entity)"]: row for row in nodes}
    for node, attrs in G.nodes(data=True):
        row = by_id[node]
        labels = row[":LABEL"].split(";")
        assert labels[:2] == ["Entity", attrs["label"]]
        assert row["name"] == attrs["name"] and json.loads(row["aliases"]) == attrs["aliases"]
    got = {(r[":START_ID(Entity)"], r[":TYPE"], r[":END_ID(Entity)"]): r for r in rels}
    for u, v, k, attrs in G.edges(keys=True, data=True):
        assert json.loads(got[(u, k, v)]["evidence"]) == attrs["evidence"]
        assert k in SCHEMA.relations


def test_csv_types_and_quoting(tmp_path):
    directory = export_graph(hostile_graph(), "csv", tmp_path / "import")
    header = (directory / "relationships.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith('":START_ID(Entity)",":END_ID(Entity)",":TYPE","docs:string[]"')
    text = (directory / "nodes.csv").read_text(encoding="utf-8")
    assert IMG in text and KU in text


def test_cypher_literals_escape_everything():
    assert literal("a'b\\c\nd") == "'a\\'b\\\\c\\nd'"
    assert literal("\u2028") == "'\\u2028'"
    assert literal({"x`y": None, "n": [1, 2.5, False]}) == "{`x``y`: null, `n`: [1, 2.5, false]}"
    with pytest.raises(ValueError):
        literal(float("nan"))


def test_cypher_script_shape(tmp_path):
    G = hostile_graph()
    lines = export_graph(G, "cypher", _out(tmp_path, "cypher")).read_text(
        encoding="utf-8").splitlines()
    body = [line for line in lines if not line.startswith("//")]
    assert body == statements(G) and all(line.endswith(";") for line in body)
    assert sum(line.startswith("MERGE (n:Entity:") for line in body) == G.number_of_nodes()
    assert sum("]->(b) SET r" in line for line in body) == G.number_of_edges()
    assert literal(SCRIPT) in "\n".join(body)               # only ever inside a literal


def test_cypher_script_rebuilds_the_graph_on_a_bolt_server(bolt_server, tmp_path):
    """Run the script statement by statement, then pull: the very same graph."""
    G = hostile_graph()
    with bolt_server.store() as server:
        server.save(nx.MultiDiGraph(documents={}))           # an empty database
        for statement in statements(G):
            if statement.startswith("CREATE CONSTRAINT"):
                try:                                         # ArcadeDB has indexes instead
                    server.run_cypher(statement.rstrip(";"), write=True)
                except Exception:
                    continue
            else:
                server.run_cypher(statement.rstrip(";"), write=True)
        assert dumps(server.load()) == dumps(G)
