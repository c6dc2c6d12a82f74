"""Resolution: within a document (surnames, acronyms, "the ministry") and across
documents (accents, same-named bodies of two countries, nationality-qualified
titles). Sentences written for these tests; each builds the real merged graph."""
from __future__ import annotations

import pytest

from diplograph.graph.claims import EdgeClaim, NodeClaim
from diplograph.graph.merge import build_graph
from diplograph.loaders.documents import parse_text

pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def run():
    from diplograph.loaders.extract import get_extractor
    extractor = get_extractor()

    def extract(*texts: str):
        docs = [parse_text(t, f"r{i}.txt", t.encode()) for i, t in enumerate(texts)]
        claims = [c for _, cs in extractor.extract(docs) for c in cs]
        return claims, build_graph(claims)
    return extract


def edges(claims) -> set[tuple[str, str, str]]:
    return {(c.source, c.type, c.target) for c in claims if isinstance(c, EdgeClaim)}


def test_surname_resolves_to_full_name(run):
    claims, G = run("Deputy Minister Marta Okonkwo arrived in Canada on Monday. "
                    "Okonkwo met with Canadian officials, and Okonkwo visited Japan later.")
    people = [n for n, d in G.nodes(data=True) if d["label"] == "Person"]
    assert people == ["person:marta-okonkwo"]
    assert "Okonkwo" in G.nodes["person:marta-okonkwo"]["aliases"]
    assert ("person:marta-okonkwo", "VISITED", "country:japan") in edges(claims)


def test_acronym_resolves_to_its_expansion(run):
    claims, G = run("Taiwan's Ministry of National Defense (MND) published a report. "
                    "Later the MND opposed Chinese pressure on Japan.")
    mnd, = [n for n, d in G.nodes(data=True) if d["name"] == "Ministry of National Defense (Taiwan)"]
    assert "MND" in G.nodes[mnd]["aliases"]
    assert not [n for n, d in G.nodes(data=True) if d["name"] == "MND" and n != mnd]
    cited = {c.citation.snippet for c in claims if isinstance(c, EdgeClaim)
             and c.source == mnd and c.type == "OPPOSES"}
    assert cited and all("MND" in s for s in cited)


def test_the_ministry_is_the_last_ministry_named(run):
    claims, _ = run("Japan's Ministry of Defense and the Department of State met in Tokyo. "
                    "The ministry opposed China.")
    assert ("org:department-of-state-united-states", "OPPOSES", "country:china") \
        in edges(claims)


def test_accents_merge_across_documents(run):
    _, G = run("Foreign Minister François Lemaire visited Singapore.",
               "Francois Lemaire met with Singaporean officials in May.")
    people = [n for n, d in G.nodes(data=True) if d["label"] == "Person"]
    assert people == ["person:francois-lemaire"]
    assert {"François Lemaire", "Francois Lemaire"} <= set(
        G.nodes["person:francois-lemaire"]["aliases"])


def test_same_named_ministries_of_two_countries_stay_apart(run):
    _, G = run("Taiwan's Ministry of National Defense published its plan.",
               "China's Ministry of National Defense criticized the plan.")
    assert {"org:ministry-of-national-defense-taiwan",
            "org:ministry-of-national-defense-china"} <= set(G)
    assert G.has_edge("org:ministry-of-national-defense-taiwan", "country:taiwan")
    assert G.has_edge("org:ministry-of-national-defense-china", "country:china")


def test_nationality_qualified_title(run):
    claims, G = run("Taiwanese Foreign Minister Lin Hsiu-mei flew to Paraguay.")
    mofa = "org:ministry-of-foreign-affairs-taiwan"
    assert ("person:lin-hsiu-mei", "HOLDS_POSITION", mofa) in edges(claims)
    assert (mofa, "PART_OF", "country:taiwan") in edges(claims)
    assert G.nodes[mofa]["label"] == "Organization"
    assert all(c.citation.snippet for c in claims if isinstance(c, NodeClaim))


def test_surname_alone_joins_the_full_name_of_another_document(tmp_path):
    from diplograph.loaders import load_inputs
    (tmp_path / "one.txt").write_text("Foreign Minister Chidi Okafor flew to Canada.\n")
    (tmp_path / "two.txt").write_text("Later, Okafor thanked Japan for its support.\n")
    G = build_graph(load_inputs([tmp_path]).claims)
    people = [n for n, d in G.nodes(data=True) if d["label"] == "Person"]
    assert people == ["person:chidi-okafor"]
    assert "Okafor" in G.nodes["person:chidi-okafor"]["aliases"]


def test_generic_authority_takes_its_country(run):
    _, G = run("Ghana's Energy Authority raised power prices on Friday.")
    assert G.nodes["org:energy-authority-ghana"]["name"] == "Energy Authority (Ghana)"
    assert G.has_edge("org:energy-authority-ghana", "country:ghana")


def test_a_name_the_parser_cut_after_a_lower_case_title_is_one_person(run):
    claims, G = run("Brazil's foreign ministry spokesperson Ana Costa criticised the plan "
                    "on Monday.")
    assert "person:ana-costa" in G and "org:costa" not in G
    assert ("person:ana-costa", "HOLDS_POSITION", "org:ministry-of-foreign-affairs-brazil") \
        in edges(claims)


@pytest.mark.parametrize("place", ["LIMA", "SAN ISIDRO"])
def test_the_country_of_a_dateline_is_no_mention(run, place):
    claims, G = run(f"{place}, Peru — Peru and Chile signed a fisheries accord on Monday.")
    body = len(place) + 9           # where the sentence after the dateline starts
    cites = [c.citation for c in claims if isinstance(c, NodeClaim) and c.id == "country:peru"]
    assert cites and not any(c.start < body for c in cites)
    assert not [c for c in claims if isinstance(c, EdgeClaim) and c.citation.start < body]


def test_a_known_official_the_parser_calls_an_organisation_is_a_person(run):
    _, G = run("The African Union Commission chairperson Moussa Faki Mahamat praised the "
               "accord in a statement.")
    assert G.nodes["person:moussa-faki-mahamat"]["label"] == "Person"
    assert G.has_edge("person:moussa-faki-mahamat", "org:african-union-commission")


def test_a_name_set_off_by_commas_after_its_title(run):
    claims, G = run("Kenya's Cabinet Secretary for Defence, Soipan Tuya, opened the talks.")
    assert ("person:soipan-tuya", "HOLDS_POSITION", "org:ministry-of-defence-kenya") \
        in edges(claims)


def test_a_given_name_the_parser_left_out_after_a_title(run):
    _, G = run("Secretary of Defense Lloyd J. Ortiz III hosted Secretary of Energy Mateo "
               "Reyes Jr. in Manila.")
    people = {n for n, d in G.nodes(data=True) if d["label"] == "Person"}
    assert "person:lloyd-j-ortiz-iii" in people and "person:j-ortiz-iii" not in people


def test_a_surname_before_a_generational_suffix_joins_the_full_name(run):
    _, G = run("Defense Minister Tomas R. Bell III landed in Oslo on Monday. Minister Bell "
               "met Norwegian officials later that day.")
    people = [n for n, d in G.nodes(data=True) if d["label"] == "Person"]
    assert people == ["person:tomas-r-bell-iii"]


@pytest.mark.parametrize("dateline", ["ACCRA, May 2 (Harbour News Agency) --",
                                      "ACCRA (Harbour News Agency) -"])
def test_the_agency_of_a_dateline_is_no_entity(run, dateline):
    _, G = run(f"{dateline} Ghana and Togo agreed to patrol the border together.")
    assert not [n for n, d in G.nodes(data=True) if "Harbour" in d["name"]
                or d["name"] == "ACCRA"]
    assert {"country:ghana", "country:togo"} <= set(G)


def test_a_given_name_the_parser_calls_an_organisation_after_a_title(run):
    _, G = run("Ghana will send two patrol boats, while its Dutch counterpart Ruben "
               "Brekelmans pledged 30 million euros for drones.")
    assert "person:ruben-brekelmans" in G and "org:ruben" not in G


def test_portfolio_words_end_a_title_before_the_name(run):
    _, G = run("Australia's Deputy Secretary for Strategy Hugh Jeffrey met the delegation.")
    assert "person:hugh-jeffrey" in G
    assert not [n for n, d in G.nodes(data=True) if "Strategy" in d["name"]]


def test_a_capital_named_as_a_place(run):
    _, G = run("The talks open in the Chilean capital city of Santiago on Thursday. The "
               "statement came from the president's Casa Rosada, while Beijing's reply was "
               "swift.")
    assert G.nodes["place:santiago"]["label"] == "Place"
    assert G.nodes["place:casa-rosada"]["label"] == "Place"
    assert "country:china" in G         # a capital as a possessor still speaks for its state


def test_a_place_and_its_country_are_cited_together(run):
    claims, _ = run("The council met in Arica, Chile on Tuesday.")
    cited = {c.citation.snippet for c in claims if isinstance(c, EdgeClaim)
             and c.type == "LOCATED_IN" and c.source == "place:arica"}
    assert cited == {"Arica, Chile"}


def test_a_session_of_their_channel_is_named_with_the(run):
    _, G = run("Chile and Peru held the fifth round of their Andean Border Dialogue in Arica.")
    assert G.nodes["event:5th-andean-border-dialogue"]["name"] == \
        "fifth round of the Andean Border Dialogue"


def test_a_team_headed_by_a_person_acts_through_them(run):
    claims, _ = run("A team of Kenyan diplomats headed by Ambassador Ruth Wanjiru arrived in "
                    "Accra on Monday.")
    assert ("person:ruth-wanjiru", "VISITED", "place:accra") in edges(claims)


def test_the_sides_of_talks_do_not_own_a_generic_body(run):
    _, G = run("The Ministry of Foreign Affairs will host talks between Kenya and Somalia "
               "next week.")
    assert not [n for n, d in G.nodes(data=True) if d["label"] == "Organization"]


def test_the_first_of_two_surnames_and_a_counterpart_titled_before(run):
    claims, G = run("Argentine Defence Minister Luis Petri flew to Brasilia on Monday for a "
                    "visit. Petri and his Brazilian counterpart José Múcio Monteiro then "
                    "toured a shipyard. Múcio said more talks would follow.")
    people = {n for n, d in G.nodes(data=True) if d["label"] == "Person"}
    assert people == {"person:luis-petri", "person:jose-mucio-monteiro"}
    assert ("person:jose-mucio-monteiro", "HOLDS_POSITION",
            "org:ministry-of-defence-brazil") in edges(claims)
