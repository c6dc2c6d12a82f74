"""The analyst's queries on small graphs with planted answers, merged from real claims
(so citations carry what each source said), and on the curated seed graph."""
import json

import networkx as nx
import pytest

from diplograph.graph.claims import Citation, EdgeClaim, NodeClaim
from diplograph.graph.errors import DiplographError
from diplograph.graph.merge import build_graph
from diplograph.graph.queries.centrality import communities, rank
from diplograph.graph.queries.contradictions import contradictions
from diplograph.graph.queries.diff import diff
from diplograph.graph.queries.lookup import resolve
from diplograph.graph.queries.mechanisms import between, who
from diplograph.graph.queries.paths import path
from diplograph.graph.queries.posts import posts
from diplograph.graph.queries.timeline import timeline

PREFIX = {"country": "Country", "org": "Organization", "person": "Person",
          "mechanism": "Mechanism", "event": "Event", "initiative": "Initiative"}


def node(node_id, name=None, **props):
    kind = props.pop("kind", None)
    name = name or node_id.split(":", 1)[1].replace("-", " ").title()
    return NodeClaim(id=node_id, label=PREFIX[node_id.split(":")[0]], name=name, kind=kind,
                     properties=props)


def tie(s, rel_type, o, doc="d1", **props):
    return EdgeClaim(s, rel_type, o, Citation(doc=doc, note=f"{s} {rel_type} {o} per {doc}"),
                     props)


@pytest.fixture
def dialogue():
    """Taiwan and the US share the talks (Taiwan through an official of its ministry);
    China sends a delegate only to a forum the US attends, Taiwan only to its own drill."""
    return build_graph([
        node("country:taiwan", "Taiwan"), node("country:united-states", "United States"),
        node("country:china", "China"),
        node("org:mnd", "MND", kind="ministry"), node("org:mofa", "MOFA", kind="ministry"),
        node("org:council", "Business Council", kind="association", country="United States"),
        node("person:chung", "Chung"), node("person:koo", "Koo"), node("person:loner", "Loner"),
        node("mechanism:talks", "Monterey Talks", kind="talks", frequency="annual",
             level="vice-ministerial", first_year="2003"),
        node("mechanism:forum", "Forum", kind="dialogue"),
        node("mechanism:drill", "Drill", kind="exercise_series"),
        node("event:round-1", "First round", ordinal=1, date="2024-05"),
        node("event:round-2", "Second round", date="2025-06"),
        node("event:round-3", "Third round", ordinal=3, date="2026"),
        node("initiative:budget", "Budget", kind="budget"),
        tie("org:mnd", "PART_OF", "country:taiwan"),
        tie("org:mofa", "PART_OF", "country:taiwan"),
        tie("person:chung", "HOLDS_POSITION", "org:mnd", title="deputy minister"),
        tie("person:chung", "PARTICIPATES_IN", "mechanism:talks", role="delegate", leader=True),
        tie("country:united-states", "PARTICIPATES_IN", "mechanism:talks", role="party", size=6),
        tie("org:council", "ORGANIZES", "mechanism:talks"),
        tie("person:loner", "PARTICIPATES_IN", "mechanism:talks", role="observer"),
        tie("initiative:budget", "FUNDS", "mechanism:talks", amount=100, currency="TWD"),
        tie("event:round-3", "INSTANCE_OF", "mechanism:talks", ordinal=3),
        tie("event:round-1", "INSTANCE_OF", "mechanism:talks"),
        tie("event:round-2", "INSTANCE_OF", "mechanism:talks", ordinal=2),
        tie("country:china", "PARTICIPATES_IN", "mechanism:forum", role="delegate"),
        tie("country:united-states", "PARTICIPATES_IN", "mechanism:forum", role="party"),
        tie("country:taiwan", "PARTICIPATES_IN", "mechanism:drill", role="party"),
        tie("country:china", "PARTICIPATES_IN", "mechanism:drill", status="denied"),
        tie("person:koo", "HOLDS_POSITION", "org:mnd", title="minister", start="2024-05-20"),
        tie("person:chung", "HOLDS_POSITION", "org:mofa", title="envoy", status="former"),
    ])


# -- between / who -------------------------------------------------------------------------
def test_between_counts_an_official_for_his_country_through_his_ministry(dialogue):
    found = between(dialogue, "country:taiwan", "country:united-states")
    assert [v.venue.name for v in found.venues] == ["Monterey Talks"]
    taiwan, us = found.venues[0].sides
    assert [(p.actor.name, [n.name for n in p.via]) for p in taiwan.participants] == [
        ("Chung", ["MND", "Taiwan"])]
    assert [p.actor.name for p in us.participants] == ["Business Council", "United States"]
    assert taiwan.participants[0].evidence[0]["doc"] == "d1"


def test_between_ignores_denied_ties_and_one_sided_venues(dialogue):
    assert between(dialogue, "country:taiwan", "country:china").is_empty
    assert [v.venue.name for v in between(dialogue, "country:china",
                                          "country:united-states").venues] == ["Forum"]


def test_who_groups_by_side_and_lists_rounds_funding_and_properties(dialogue):
    result = who(dialogue, "mechanism:talks")
    sides = [(s.side.name if s.side else None, [p.actor.name for p in s.participants])
             for s in result.sides]
    assert sides == [("Taiwan", ["Chung"]), ("United States", ["Business Council",
                                                               "United States"]),
                     (None, ["Loner"])]
    chung = result.sides[0].participants[0]
    assert chung.properties == {"leader": True, "role": "delegate"}
    assert result.sides[1].participants[1].properties["size"] == 6
    assert [r.name for r in result.rounds] == ["First round", "Second round", "Third round"]
    assert [(f.source_name, f.properties["amount"]) for f in result.funding] == [("Budget", 100)]
    assert result.venue.properties["level"] == "vice-ministerial"


def test_who_on_a_round_names_its_series(dialogue):
    assert [m.name for m in who(dialogue, "event:round-2").series] == ["Monterey Talks"]


def test_who_refuses_an_actor(dialogue):
    with pytest.raises(DiplographError, match="Taiwan is a Country; 'who' takes one of: Event, Mechanism"):
        who(dialogue, "country:taiwan")


# -- posts ---------------------------------------------------------------------------------
def test_posts_of_a_person_and_of_a_body(dialogue):
    assert [(p.body.name, p.title, p.status) for p in posts(dialogue, "person:chung").posts] == [
        ("MND", "deputy minister", "current"), ("MOFA", "envoy", "former")]
    assert [p.person.name for p in posts(dialogue, "org:mnd").posts] == ["Koo", "Chung"]


@pytest.mark.parametrize("day, holders", [("2024-05", ["Koo", "Chung"]),
                                          ("2024-04", ["Chung"]), ("2025", ["Koo", "Chung"])])
def test_posts_as_of_keep_posts_held_that_day(dialogue, day, holders):
    assert [p.person.name for p in posts(dialogue, "org:mnd", as_of=day).posts] == holders


def test_posts_as_of_drops_an_undated_former_post(dialogue):
    assert [p.body.name for p in posts(dialogue, "person:chung", as_of="2025").posts] == ["MND"]


def test_posts_reject_a_bad_date(dialogue):
    with pytest.raises(DiplographError, match="'last spring' is not a date"):
        posts(dialogue, "org:mnd", as_of="last spring")


# -- rank / communities --------------------------------------------------------------------
def two_cliques():
    """Two five-cliques joined only through one broker."""
    claims = [node("country:broker", "Broker")]
    for side in ("a", "b"):
        members = [f"org:{side}{i}" for i in range(5)]
        claims += [node(m, m.upper().split(":")[1]) for m in members]
        claims += [tie(u, "COOPERATES_WITH", v) for i, u in enumerate(members)
                   for v in members[i + 1:]]
        claims.append(tie(members[0], "PART_OF", "country:broker"))
    return build_graph(claims)


def test_the_broker_ranks_first_by_betweenness():
    ranking = rank(two_cliques(), by="betweenness", top=3)
    assert ranking.entries[0].node.id == "country:broker"
    assert ranking.entries[0].degree == 2


def test_rank_by_degree_filters_by_label_and_breaks_ties_by_id():
    G = two_cliques()
    assert [e.node.id for e in rank(G, by="degree", top=2).entries] == ["org:a0", "org:b0"]
    assert [e.node.id for e in rank(G, label="Country").entries] == ["country:broker"]


@pytest.mark.parametrize("measure", ["degree", "betweenness", "pagerank", "eigenvector"])
def test_every_measure_ranks_the_whole_graph(measure):
    entries = rank(two_cliques(), by=measure, top=100).entries
    assert len(entries) == 11 and entries == sorted(entries, key=lambda e: (-e.score, e.node.id))


def test_rank_rejects_an_unknown_measure():
    with pytest.raises(DiplographError, match="valid: degree, betweenness, pagerank, eigenvector"):
        rank(two_cliques(), by="fame")


def test_the_two_planted_communities_are_found_and_stable():
    G = two_cliques()
    found = communities(G)
    groups = [{m.id for m in c.members} for c in found.communities]
    a, b = {f"org:a{i}" for i in range(5)}, {f"org:b{i}" for i in range(5)}
    assert len(groups) == 2
    assert {frozenset(g - {"country:broker"}) for g in groups} == {frozenset(a), frozenset(b)}
    assert found == communities(G)
    assert found.membership()["org:a1"] == found.membership()["org:a4"]
    assert found.membership()["org:a1"] != found.membership()["org:b1"]
    assert found.modularity > 0.3


def test_communities_do_not_depend_on_the_callers_random_numbers():
    """Leiden draws random numbers; each run gets its own seeded generator, so what a
    caller did with ``random`` changes nothing (and is left as it was)."""
    import random

    from tests.test_parity import generated_graph

    G = generated_graph()
    random.seed(1)
    first = communities(G)
    random.seed(2)
    random.random()
    state = random.getstate()
    assert communities(G) == first
    assert random.getstate() == state
    assert len(first.communities) > 2 and first.method == "leiden"
    U = nx.Graph([(u, v) for u, v in G.edges() if u != v])
    U.add_nodes_from(G)
    for c in first.communities:   # Leiden's communities are connected
        assert nx.is_connected(U.subgraph(m.id for m in c.members))


# -- timeline ------------------------------------------------------------------------------
def test_timeline_orders_partial_dates_and_filters(dialogue):
    entries = timeline(dialogue).entries
    assert [(e.date, e.source.name) for e in entries] == [
        ("2024-05", "First round"), ("2024-05-20", "Koo"), ("2025-06", "Second round"),
        ("2026", "Third round")]
    assert [e.source.name for e in timeline(dialogue, since="2024-06", until="2025").entries] \
        == ["Second round"]
    about = timeline(dialogue, about="org:mnd").entries
    assert [(e.type, e.source.name) for e in about] == [("HOLDS_POSITION", "Koo")]


# -- contradictions ------------------------------------------------------------------------
@pytest.fixture
def disputed():
    return build_graph([
        node("country:taiwan", "Taiwan"), node("person:wu", "Wu"), node("person:lin", "Lin"),
        node("person:jin", "Jin"),
        node("org:mnd", "MND", kind="ministry"), node("org:mofa", "MOFA", kind="ministry"),
        node("org:tank", "Think Tank", kind="think_tank"),
        node("org:uni", "University", kind="university"),
        node("org:tank2", "Other Tank", kind="think_tank"),
        node("initiative:budget", "Budget", kind="budget"),
        node("initiative:dome", "Dome", kind="project"),
        NodeClaim(id="event:summit", label="Event", name="Summit", properties={"date": "2025-10"},
                  citation=Citation(doc="a")),
        NodeClaim(id="event:summit", label="Event", name="Summit", properties={"date": "2025-11"},
                  citation=Citation(doc="b")),
        tie("org:mnd", "PART_OF", "country:taiwan"), tie("org:mofa", "PART_OF", "country:taiwan"),
        tie("person:wu", "HOLDS_POSITION", "org:mofa", doc="a", title="Foreign Minister"),
        tie("person:wu", "HOLDS_POSITION", "org:mofa", doc="b", title="Deputy Foreign Minister"),
        tie("person:wu", "HOLDS_POSITION", "org:mnd", doc="a", title="Deputy Defense Minister"),
        tie("person:lin", "HOLDS_POSITION", "org:mofa", doc="c", title="foreign minister"),
        tie("person:jin", "HOLDS_POSITION", "org:tank", title="researcher"),
        tie("person:jin", "HOLDS_POSITION", "org:uni", title="professor"),
        tie("person:jin", "HOLDS_POSITION", "org:tank2", title="fellow"),
        tie("initiative:budget", "FUNDS", "initiative:dome", doc="a", amount=5),
        tie("initiative:budget", "FUNDS", "initiative:dome", doc="a", amount=7),
        tie("person:lin", "VISITED", "country:taiwan", doc="c", start="2025-09", end="2025-11"),
        tie("person:lin", "VISITED", "country:taiwan", doc="c", date="2025-11"),
    ])


def found_keys(G):
    return [(c.kind, c.subject.name, c.key) for c in contradictions(G).items]


def test_each_planted_contradiction_is_found_once(disputed):
    assert found_keys(disputed) == [
        ("values", "Budget", "amount"), ("dates", "Lin", "date"),
        ("holders", "MOFA", "Foreign Minister"), ("values", "Summit", "date"),
        ("posts", "Wu", "ministry"), ("values", "Wu", "title")]


def test_conflicting_citations_are_side_by_side(disputed):
    items = {(c.kind, c.subject.name): c for c in contradictions(disputed).items}
    title = items["values", "Wu"]
    assert [(v.value, [c["doc"] for c in v.evidence]) for v in title.values] == [
        ("Deputy Foreign Minister", ["b"]), ("Foreign Minister", ["a"])]
    assert title.documents == ["a", "b"] and not title.within_source
    amount = items["values", "Budget"]
    assert [v.value for v in amount.values] == [5, 7] and amount.within_source
    assert [v.value for v in items["posts", "Wu"].values] == [
        "Deputy Defense Minister, MND", "Deputy Foreign Minister, MOFA", "Foreign Minister, MOFA"]
    assert [v.value for v in items["holders", "MOFA"].values] == ["Lin", "Wu"]
    assert [v.value for v in items["dates", "Lin"].values] == ["2025-09..2025-11", "2025-11"]
    assert items["values", "Summit"].documents == ["a", "b"]


def test_a_consistent_graph_has_no_contradictions(dialogue):
    assert contradictions(dialogue).is_empty


# -- diff ----------------------------------------------------------------------------------
def test_diff_reports_one_of_each_change(dialogue):
    new = dialogue.copy()
    new.add_node("country:japan", label="Country", name="Japan", aliases=["Japan"])
    new.remove_node("person:loner")   # also removes its one tie
    new.nodes["mechanism:talks"]["frequency"] = "biennial"
    new.add_edge("country:japan", "mechanism:forum", key="PARTICIPATES_IN",
                 type="PARTICIPATES_IN", evidence=[{"doc": "d2"}])
    edge = new.edges["person:chung", "org:mnd", "HOLDS_POSITION"]
    edge["evidence"] = [*edge["evidence"], {"doc": "d2", "note": "again"}]
    d = diff(dialogue, new)
    assert [n.id for n in d.nodes_added] == ["country:japan"]
    assert [n.id for n in d.nodes_removed] == ["person:loner"]
    assert [(c.node.id, [(x.key, x.old, x.new) for x in c.changes]) for c in d.nodes_changed] \
        == [("mechanism:talks", [("frequency", "annual", "biennial")])]
    assert [(e.source.id, e.type) for e in d.edges_added] == [("country:japan",
                                                               "PARTICIPATES_IN")]
    assert [(e.source.id, e.target.id) for e in d.edges_removed] == [
        ("person:loner", "mechanism:talks")]
    [changed] = d.edges_changed
    assert (changed.edge.source.id, changed.changes) == ("person:chung", [])
    assert changed.citations_added == [{"doc": "d2", "note": "again"}]
    assert diff(dialogue, dialogue.copy()).is_empty


# -- paths ---------------------------------------------------------------------------------
def test_all_paths_rank_by_evidence_and_filter_by_label(dialogue):
    found = path(dialogue, "person:chung", "country:united-states", max_hops=3, all_paths=True)
    assert found.ranked
    assert [n.id for n in found[0].nodes] == ["person:chung", "mechanism:talks",
                                              "country:united-states"]
    via = path(dialogue, "person:chung", "country:united-states", max_hops=6, all_paths=True,
               via="Organization")
    assert [n.name for n in via[0].nodes] == ["Chung", "MND", "Taiwan", "Drill", "China",
                                              "Forum", "United States"]
    assert all(any(n.label == "Organization" for n in p.nodes[1:-1]) for p in via)


# -- every result is plain JSON ------------------------------------------------------------
def test_every_result_serialises(dialogue, disputed):
    results = [between(dialogue, "country:taiwan", "country:united-states"),
               who(dialogue, "mechanism:talks"), posts(dialogue, "org:mnd"),
               rank(dialogue), communities(dialogue), timeline(dialogue),
               contradictions(disputed), diff(dialogue, disputed)]
    for result in results:
        assert json.loads(json.dumps(result.to_dict()))


# -- the curated seed graph ----------------------------------------------------------------
def test_seed_between_taiwan_and_the_us_lists_the_known_channels(seed_graph):
    found = between(seed_graph, resolve(seed_graph, "Taiwan"),
                    resolve(seed_graph, "United States"))
    names = {v.venue.name for v in found.venues}
    assert {"Monterey Talks", "Defense Security Talks", "Political and Military Dialogue",
            "Defense Policy Special Conference",
            "U.S.-Taiwan Defense Industry Conference"} <= names
    assert all(s.participants for v in found.venues for s in v.sides)


def test_seed_who_attends_the_industry_conference(seed_graph):
    result = who(seed_graph, resolve(seed_graph, "24th U.S.-Taiwan Defense Industry Conference"))
    taiwan = next(s for s in result.sides if s.side and s.side.name == "Taiwan")
    chung = next(p for p in taiwan.participants if p.actor.name == "Chung Shu-ming")
    assert chung.properties["role"] == "speaker"
    assert [n.name for n in chung.via] == ["Ministry of National Defense (Taiwan)", "Taiwan"]
    assert [m.name for m in result.series] == ["U.S.-Taiwan Defense Industry Conference"]


def test_seed_contradictions_show_wus_three_titles(seed_graph):
    items = contradictions(seed_graph).items
    posts_of_wu = next(c for c in items if c.kind == "posts" and c.subject.name == "François Wu")
    titles = {v.value.split(",")[0] for v in posts_of_wu.values}
    assert titles == {"Deputy Defense Minister", "Deputy Foreign Minister", "Foreign Minister"}
    assert posts_of_wu.within_source


def test_seed_results_are_deterministic(seed_graph):
    G = nx.MultiDiGraph(seed_graph)
    assert communities(G) == communities(seed_graph)
    assert rank(G, by="pagerank") == rank(seed_graph, by="pagerank")
