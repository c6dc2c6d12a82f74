"""The review queue on small graphs with planted doubts: each duplicate reason, each
node and tie signal, the order, and what a person checked staying out of it."""
import networkx as nx
import pytest

from diplograph.graph.queries.duplicates import suspected_duplicates
from diplograph.graph.queries.review import review

RULE = [{"doc": "a.txt#1", "method": "rule", "confidence": 0.6}]
CURATED = [{"doc": "notes", "method": "curated", "confidence": 1.0}]


def graph(nodes, edges=()):
    G = nx.MultiDiGraph()
    for node, label, name, *rest in nodes:
        G.add_node(node, label=label, name=name, aliases=[name], kind=None,
                   evidence=rest[0] if rest else RULE,
                   provenance="curated" if rest and rest[0] is CURATED else "machine")
    for u, k, v, *rest in edges:
        evidence = rest[0] if rest else RULE
        G.add_edge(u, v, key=k, type=k, evidence=evidence,
                   provenance="curated" if evidence is CURATED else "machine")
    return G


@pytest.mark.parametrize("a, b, label, reason", [
    ("KAMIKAWA Yoko", "Yoko Kamikawa", "Person", "order"),
    ("Tsaï Ing-wen", "Tsai Ing-wen", "Person", "diacritics"),
    ("Teng Hsiao-ping", "Deng Xiaoping", "Person", "transliteration"),
    ("Mao Tse-tung", "Mao Zedong", "Person", "transliteration"),
    ("MND", "Ministry of National Defense", "Organization", "acronym"),
    ("Commandant Gavan", "Gavan", "Person", "title"),
    ("Manalo", "Enrique Manalo", "Person", "surname"),
])
def test_each_kind_of_suspected_duplicate_is_found_with_its_reason(a, b, label, reason):
    prefix = {"Person": "person", "Organization": "org"}[label]
    G = graph([(f"{prefix}:a", label, a), (f"{prefix}:b", label, b),
               ("country:x", "Country", "Xland")],
              [(f"{prefix}:a", "MET_WITH", "country:x"), (f"{prefix}:b", "MET_WITH", "country:x")]
              if label == "Person" else [])
    pairs = suspected_duplicates(G)
    assert [(p.a, p.b, p.reason) for p in pairs] == [(f"{prefix}:a", f"{prefix}:b", reason)]
    assert 0 < pairs[0].score <= 1 and a in pairs[0].detail or b in pairs[0].detail


def test_a_lone_surname_without_context_is_a_weaker_suspect():
    shared = graph([("person:a", "Person", "Manalo"), ("person:b", "Person", "Enrique Manalo")])
    apart = graph([("person:a", "Person", "Manalo", [{"doc": "x", "method": "rule"}]),
                   ("person:b", "Person", "Enrique Manalo", [{"doc": "y", "method": "rule"}])])
    assert suspected_duplicates(shared)[0].score > suspected_duplicates(apart)[0].score


def test_bodies_of_two_countries_are_not_suspected_whatever_their_names():
    G = graph([("org:mofa-x", "Organization", "Foreign Ministry"),
               ("org:mofa-y", "Organization", "Foreign Ministry"),
               ("country:x", "Country", "Xland"), ("country:y", "Country", "Yland")],
              [("org:mofa-x", "PART_OF", "country:x"), ("org:mofa-y", "PART_OF", "country:y")])
    assert suspected_duplicates(G) == []
    G.remove_edge("org:mofa-y", "country:y", "PART_OF")
    assert suspected_duplicates(G) == []  # their ids differ by a qualifier: two bodies
    G.nodes["org:mofa-y"]["label"] = "Place"
    assert [p.reason for p in suspected_duplicates(G)] == ["name"]


def test_different_people_are_not_suspected():
    G = graph([("person:a", "Person", "Lin Chia-lung"), ("person:b", "Person", "Lai Ching-te"),
               ("org:c", "Organization", "Ministry of Foreign Affairs"),
               ("org:d", "Organization", "Ministry of National Defense")])
    assert suspected_duplicates(G) == []


def test_the_queue_puts_the_most_doubtful_first_and_proposes_the_fix():
    G = graph([("country:x", "Country", "Xland"), ("country:y", "Country", "Yland"),
               ("person:p", "Person", "Ana Reyes"), ("org:j", "Organization", "Defense"),
               ("org:k", "Organization", "Foreign Office (FO"),
               ("person:kam", "Person", "Kamikawa"), ("place:kam", "Place", "Kamikawa")],
              [("country:x", "MET_WITH", "person:p"), ("country:x", "SUPPORTS", "country:y"),
               ("person:p", "MET_WITH", "person:kam")])
    queue = review(G)
    scores = [i.score for i in queue.items]
    assert scores == sorted(scores, reverse=True) and queue.total == len(queue.items)
    by_subject = {tuple(n.name for n in i.nodes): i for i in queue.items}
    peer = by_subject[("Ana Reyes", "Xland")] if ("Ana Reyes", "Xland") in by_subject \
        else by_subject[("Xland", "Ana Reyes")]
    assert any("between a person and a Country" in r for r in peer.reasons)
    assert peer.action == {"op": "reject", "tie": [n.name for n in peer.nodes][:1] + [
        "MET_WITH"] + [n.name for n in peer.nodes][1:]}
    assert "one generic word: not a name?" in by_subject[("Defense",)].reasons
    assert "an unbalanced bracket or quote in the name" in by_subject[("Foreign Office (FO",)].reasons
    kam = by_subject[("Kamikawa", "Kamikawa")]            # one name, a Person and a Place
    assert kam.kind == "duplicate" and any("also names a Person" in r for r in kam.reasons)
    # the name finds two nodes, so the correction names them by id; the thinner one
    # (no ties) merges into the other
    assert kam.action == {"op": "merge", "entity": "place:kam", "into": "person:kam"}
    assert review(G, limit=2).items == queue.items[:2] and review(G, limit=2).total == queue.total
    assert all(i.score >= 0.6 for i in review(G, min_score=0.6).items)


def test_posts_in_two_countries_and_a_body_in_two_countries_are_flagged():
    G = graph([("country:x", "Country", "Xland"), ("country:y", "Country", "Yland"),
               ("org:fx", "Organization", "Xland Foreign Office"),
               ("org:fy", "Organization", "Yland Foreign Office"),
               ("person:p", "Person", "Ana Reyes")],
              [("org:fx", "PART_OF", "country:x"), ("org:fy", "PART_OF", "country:y"),
               ("org:fy", "PART_OF", "country:x"),
               ("person:p", "HOLDS_POSITION", "org:fx"), ("person:p", "HOLDS_POSITION", "org:fy")])
    reasons = {(tuple(n.id for n in i.nodes), i.type): i.reasons for i in review(G).items}
    assert any("holds posts in Xland and Yland" in r
               for r in reasons[(("person:p", "org:fx"), "HOLDS_POSITION")])
    assert any("is part of Xland and Yland" in r
               for r in reasons[(("org:fy", "country:x"), "PART_OF")])
    assert any("label or country looks wrong" in r for r in reasons[(("person:p",), None)])


def test_what_a_person_checked_is_not_queued():
    G = graph([("country:x", "Country", "Xland", CURATED), ("person:p", "Person", "Ana", CURATED),
               ("org:d", "Organization", "Defense", CURATED)],
              [("country:x", "MET_WITH", "person:p", CURATED)])
    assert review(G).items == []
    G.edges["country:x", "person:p", "MET_WITH"]["provenance"] = "machine"
    G.edges["country:x", "person:p", "MET_WITH"]["evidence"] = RULE
    assert [i.kind for i in review(G).items] == ["tie"]
    G.edges["country:x", "person:p", "MET_WITH"]["provenance"] = "confirmed"
    assert review(G).items == []


def test_names_that_are_no_names_and_negated_sources():
    G = graph([("country:x", "Country", "Xland"), ("person:a", "Person", "Organizations"),
               ("org:b", "Organization", "Political Bureau of"),
               ("org:c", "Organization", "Commerce Gina Raimondo"),
               ("person:d", "Person", "Ana Reyes"), ("person:e", "Person", "Li Wei")],
              [("person:d", "MET_WITH", "person:e",
                [{"doc": "a", "method": "rule", "confidence": 0.6,
                  "snippet": "Reyes said he would not meet Li"}])])
    reasons = {i.nodes[0].name: i.reasons for i in review(G).items}
    assert "a person named by the words of a body: not a person?" in reasons["Organizations"]
    assert "ends with 'of': a name cut short?" in reasons["Political Bureau of"]
    assert "an office and a person's name run together?" in reasons["Commerce Gina Raimondo"]
    assert "its source says 'not': read past a negation?" in reasons["Ana Reyes"]


def test_of_two_posts_the_one_its_source_does_not_name_is_the_likelier_mistake():
    G = graph([("country:x", "Country", "Xland"), ("country:y", "Country", "Yland"),
               ("org:fy", "Organization", "Yland Defence Office"),
               ("person:p", "Person", "Ana Reyes")],
              [("org:fy", "PART_OF", "country:y"),
               ("person:p", "HOLDS_POSITION", "country:x",
                [{"doc": "a", "method": "rule", "snippet": "Xland envoy Ana Reyes"}]),
               ("person:p", "HOLDS_POSITION", "org:fy",
                [{"doc": "a", "method": "rule", "snippet": "Defence envoy Ana Reyes"}])])
    scores = {i.nodes[1].id: i.score for i in review(G).items if i.kind == "tie"}
    assert scores["org:fy"] > scores["country:x"]
