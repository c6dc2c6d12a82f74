import pytest

from diplograph.graph.claims import Citation, DocumentRecord, EdgeClaim, NodeClaim
from diplograph.graph.errors import InvalidInput
from diplograph.graph.merge import build_graph
from diplograph.graph.nodelink import dumps, from_nodelink, to_nodelink


def cite(doc="d1", **kw):
    return Citation(doc=doc, **kw)


def claims():
    return [
        DocumentRecord(id="d1", title="One", outlet="Outlet", date="2025-10"),
        NodeClaim(id="person:francois-wu", label="Person", name="François Wu",
                  aliases=("Wu",), citation=cite()),
        NodeClaim(id="person:francois-wu", label="Person", name="Francois Wu",
                  citation=cite("d2", method="rule", confidence=0.7)),
        NodeClaim(id="org:mofa-taiwan", label="Organization", name="MOFA", kind="ministry"),
        NodeClaim(id="country:israel", label="Country", name="Israel"),
        EdgeClaim("person:francois-wu", "HOLDS_POSITION", "org:mofa-taiwan", cite(),
                  {"title": "Deputy Foreign Minister"}),
        EdgeClaim("person:francois-wu", "HOLDS_POSITION", "org:mofa-taiwan",
                  cite("d2", method="rule", confidence=0.7), {"title": "Foreign Minister"}),
        EdgeClaim("country:israel", "MET_WITH", "person:francois-wu", cite()),
        EdgeClaim("person:francois-wu", "MET_WITH", "country:israel", cite("d2")),
    ]


def test_one_node_per_id_with_aliases_unioned_and_first_name_kept():
    G = build_graph(claims())
    wu = G.nodes["person:francois-wu"]
    assert wu["name"] == "François Wu"
    assert set(wu["aliases"]) == {"François Wu", "Francois Wu", "Wu"}
    assert [c["doc"] for c in wu["evidence"]] == ["d1", "d2"]


def test_one_edge_per_triple_with_all_citations_and_conflicts_kept():
    G = build_graph(claims())
    edge = G.edges["person:francois-wu", "org:mofa-taiwan", "HOLDS_POSITION"]
    assert edge["title"] == "Deputy Foreign Minister"  # curated wins
    assert edge["conflicts"] == {"title": ["Deputy Foreign Minister", "Foreign Minister"]}
    assert [c["claim"]["title"] for c in edge["evidence"]] == [
        "Deputy Foreign Minister", "Foreign Minister"]


def test_symmetric_ties_are_stored_once_whatever_the_direction():
    G = build_graph(claims())
    met = [(u, v) for u, v, k in G.edges(keys=True) if k == "MET_WITH"]
    assert met == [("country:israel", "person:francois-wu")]
    assert len(G.edges["country:israel", "person:francois-wu", "MET_WITH"]["evidence"]) == 2


def test_building_twice_and_in_another_order_gives_the_same_bytes():
    first = dumps(build_graph(claims()))
    assert dumps(build_graph(claims())) == first
    reordered = claims()
    reordered[5], reordered[6] = reordered[6], reordered[5]
    assert dumps(build_graph(reordered)) == first


def test_nodelink_round_trip_is_exact():
    G = build_graph(claims())
    again = from_nodelink(to_nodelink(G))
    assert dumps(again) == dumps(G)
    assert to_nodelink(G)["documents"] == [{"id": "d1", "title": "One", "outlet": "Outlet",
                                            "date": "2025-10"}]


def test_conflicting_labels_for_one_id_name_both_places():
    bad = [NodeClaim(id="org:x", label="Organization", name="X", origin="a.yaml:3"),
           NodeClaim(id="org:x", label="Country", name="X", origin="b.yaml:9")]
    with pytest.raises(InvalidInput) as err:
        build_graph(bad)
    assert err.value.file == "b.yaml" and err.value.line == 9
    assert "a.yaml:3" in str(err.value)


def test_edge_to_unknown_entity_suggests_the_close_one():
    bad = [NodeClaim(id="country:taiwan", label="Country", name="Taiwan"),
           NodeClaim(id="country:israel", label="Country", name="Israel"),
           EdgeClaim("country:taiwan", "COOPERATES_WITH", "country:isreal", cite(),
                     origin="t.yaml:4")]
    with pytest.raises(InvalidInput, match=r"unknown entity 'country:isreal'.*Israel"):
        build_graph(bad)


def test_endpoints_outside_the_schema_are_rejected():
    bad = [NodeClaim(id="country:taiwan", label="Country", name="Taiwan"),
           NodeClaim(id="person:lai", label="Person", name="Lai"),
           EdgeClaim("country:taiwan", "HOLDS_POSITION", "person:lai", cite(), origin="t:2")]
    with pytest.raises(InvalidInput, match="HOLDS_POSITION does not allow Country -> Person"):
        build_graph(bad)
