"""The entity layer: generic bodies take their country from the text (or are left
out), titles are stripped from names and kept with the post they name, and
datelines, lone title words and fragments never become entities. Sentences written
for these tests; each runs the real extractor with a gazetteer of generic bodies
written here, so the rules are tested apart from the shipped word lists."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.graph.claims import NodeClaim
from diplograph.loaders.documents import parse_text
from diplograph.loaders.extract.junk import is_junk_words
from diplograph.loaders.extract.names import MAX_TITLE_WORDS, normalise_title, split_title

pytest.importorskip("spacy")

GENERIC = """\
gazetteer:
  generic_bodies:
    - {name: Ministry of Foreign Affairs, kind: ministry, title_words: [Foreign],
       aliases: [Foreign Ministry]}
    - {name: Ministry of Defence, kind: ministry, title_words: [Defence, Defense],
       aliases: [Defence Ministry, Ministry of Defense]}
    - {name: National Security Council, kind: council, title_words: [National Security]}
"""


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    from diplograph.loaders.extract import get_extractor
    from diplograph.loaders.extract.patterns import load_gazetteer
    from diplograph.loaders.extract.resolve import resolve_document
    from diplograph.loaders.extract import spacy_backend
    path = Path(tmp_path_factory.mktemp("gaz")) / "generic.yaml"
    path.write_text(GENERIC)
    gaz = load_gazetteer([path])
    extractor = get_extractor(gazetteer=gaz)
    nlp = spacy_backend.load_nlp(gaz)
    return extractor, gaz, nlp, resolve_document


@pytest.fixture(scope="module")
def nodes(parts):
    extractor = parts[0]

    def run(*texts: str) -> dict[str, NodeClaim]:
        docs = [parse_text(t, f"e{i}.txt", t.encode()) for i, t in enumerate(texts)]
        return {c.id: c for _, cs in extractor.extract(docs) for c in cs
                if isinstance(c, NodeClaim)}
    return run


@pytest.fixture(scope="module")
def mentions(parts):
    _, gaz, nlp, resolve_document = parts

    def run(text: str):
        doc = nlp(text)
        ents = resolve_document(doc, gaz)
        return doc, ents
    return run


def names(found: dict[str, NodeClaim]) -> set[str]:
    return {c.name for c in found.values()}


def bodies(found: dict[str, NodeClaim], country: str) -> list[NodeClaim]:
    """The organisations of ``country`` (a generic body or the country's own entry)."""
    return [c for c in found.values() if c.label == "Organization"
            and c.id.endswith(f"-{country}") and c.name.endswith(")")]


def test_demonym_qualifies_a_generic_ministry(nodes):
    found = nodes("The Egyptian Foreign Ministry summoned the envoy on Tuesday.")
    body = found["org:ministry-of-foreign-affairs-egypt"]
    assert body.name == "Ministry of Foreign Affairs (Egypt)"
    assert "Egyptian Ministry of Foreign Affairs" in body.aliases
    assert "Foreign Ministry" not in body.aliases       # the bare name is every country's


def test_of_country_after_the_name_qualifies_it(nodes):
    found = nodes("A note from the Ministry of Foreign Affairs of Brazil reached the embassy.")
    assert "org:ministry-of-foreign-affairs-brazil" in found


def test_no_country_no_body(nodes):
    found = nodes("The Foreign Ministry said it would reply within a week.")
    assert not [c for c in found.values() if c.label == "Organization"]


def test_nearest_country_in_the_sentence(nodes):
    found = nodes("Canada protested loudly, and the Defence Ministry recalled its attache.")
    assert len(bodies(found, "canada")) == 1


def test_a_destination_does_not_qualify_a_title(mentions):
    doc, ents = mentions("Defence Minister Ilse Brandt flew to Egypt on Friday.")
    person = next(m for m in ents.mentions if m.entity == "person:ilse-brandt")
    assert person.title == "Defence Minister"
    assert person.post is None                 # Egypt is where she went, not whose she is


def test_bodies_listed_together_share_a_country(nodes):
    found = nodes("Officials of Mexico's Ministry of Defence, the National Security Council "
                  "and the Foreign Ministry met for an hour.")
    assert len(bodies(found, "mexico")) == 3
    assert not [c for c in found.values() if c.label == "Organization"
                and not c.id.endswith("-mexico")]


def test_same_generic_body_of_two_countries_stays_apart(nodes):
    found = nodes("The Polish Defence Ministry ordered new radars.",
                  "The Defence Ministry of Canada ordered new trucks.")
    assert len(bodies(found, "poland")) == len(bodies(found, "canada")) == 1
    assert "Ministry of Defence" not in names(found)


def test_title_is_stripped_and_names_the_post(mentions):
    doc, ents = mentions("Polish Defence Minister Tomasz Wilk toured a shipyard in Gdansk.")
    wilk = next(m for m in ents.mentions if ents.entities[m.entity].label == "Person")
    assert ents.entities[wilk.entity].name == "Tomasz Wilk"
    assert wilk.title == "Defence Minister"
    assert wilk.post.endswith("-poland")            # the generic body or Poland's own
    assert ents.entities[wilk.post].name.endswith("(Poland)")
    assert doc[wilk.title_start].text == "Polish"
    assert not any(e.name in {"Defence", "Polish Defence"} for e in ents.entities.values())


def test_secretary_of_portfolio_is_not_an_organisation(nodes):
    found = nodes("Secretary of State Helen Marsh spoke with Secretary of Commerce "
                  "Dana Whitfield about export rules.")
    people = {c.name for c in found.values() if c.label == "Person"}
    assert people == {"Helen Marsh", "Dana Whitfield"}
    assert not names(found) & {"State", "Commerce", "Commerce Dana Whitfield"}


def test_head_of_state_title_posts_at_the_country(mentions):
    doc, ents = mentions("French President Claude Morel opened the fair.")
    morel = next(m for m in ents.mentions if m.entity == "person:claude-morel")
    assert morel.post == "country:france" and morel.title == "President"


def test_dateline_and_honorific_are_not_entities(nodes):
    found = nodes("LYON, March 4 (Wire) - Amb. Ilse Berg met Brazilian officials.")
    assert "person:ilse-berg" in found
    assert not names(found) & {"LYON", "Lyon", "Amb"}


def test_capital_as_given_name_is_not_a_country(mentions):
    doc, ents = mentions("Minister Canberra Jones thanked the Japanese Defence Ministry.")
    assert "country:australia" not in ents.entities
    assert [e for e in ents.entities.values() if e.label == "Organization"
            and e.country == "country:japan"]


def test_post_of_a_title_after_the_name(parts, mentions):
    from diplograph.loaders.extract.resolve import post_of
    _, gaz, _, _ = parts
    doc, ents = mentions("Rosa Ibarra, India's defence minister, arrived on Monday.")
    body = post_of(doc, ents, gaz, doc[3:7], None)
    assert body and ents.entities[body].country == "country:india"
    assert any(m.entity == body for m in ents.mentions)


def test_title_words():
    assert split_title("Deputy Foreign Minister Lena Ott".split()) == (3, "Deputy Foreign Minister")
    assert split_title("Lena Ott".split()) == (0, "")
    long = "Assistant Secretary of State for East Asian and Pacific Affairs".split()
    assert len(normalise_title(long).split()) <= MAX_TITLE_WORDS
    assert normalise_title(long) == "Assistant Secretary of State"
    assert normalise_title(["the", "foreign", "minister", ","]) == "foreign minister"


def test_junk_words():
    assert is_junk_words(["Cabinet"]) and is_junk_words(["Homeland", "Security"])
    assert is_junk_words(["Review", "of"]) and is_junk_words(["They"])
    assert not is_junk_words(["US"]) and not is_junk_words(["Rosa", "Ibarra"])
    assert not is_junk_words(["National", "Security", "Council"])


def test_surname_joins_the_full_name_even_when_named_alone_first(nodes):
    found = nodes("Okafor arrived late. Minister Chidi Okafor then thanked Brazil, and "
                  "Okafor left for Canada.")
    people = {c.id for c in found.values() if c.label == "Person"}
    assert people == {"person:chidi-okafor"}


def test_a_surname_two_people_share_stays_apart(nodes):
    found = nodes("On Monday, Ana Sousa and Rui Sousa met in Brazil. Sousa later spoke to Canada.")
    people = {c.id for c in found.values() if c.label == "Person"}
    assert {"person:ana-sousa", "person:rui-sousa"} <= people


def test_portfolio_after_a_title_is_not_a_body(nodes):
    found = nodes("Kenya's Principal Secretary for Regional Affairs, Wanjiru Kamau, met "
                  "Brazilian envoys.")
    assert "Regional Affairs" not in names(found)


def test_lowercase_generic_body_needs_its_country(nodes):
    found = nodes("The army said the defence ministry would answer. "
                  "Later Poland's defence ministry answered.")
    orgs = [c for c in found.values() if c.label == "Organization"]
    assert [c.id[-6:] for c in orgs] == ["poland"]


def test_a_cut_name_is_completed(mentions):
    doc, ents = mentions("Ambassador Hugh O’Brady met Indian officials in Delhi.")
    people = [e.name for e in ents.entities.values() if e.label == "Person"]
    assert people == ["Hugh O’Brady"]


def test_an_envoys_portfolio_names_no_ministry(mentions):
    doc, ents = mentions("Canadian Trade Representative Lise Gagnon visited Chile.")
    gagnon = next(m for m in ents.mentions if m.entity == "person:lise-gagnon")
    assert gagnon.title == "Trade Representative" and gagnon.post is None


def test_sessions_of_a_mechanism_are_events(mentions):
    doc, ents = mentions("Brazil and Egypt held the fifth round of the Nile-Amazon Dialogue "
                         "in Cairo, and the Southern Harbour Forum 2031 will follow.")
    events = {e.name: e for e in ents.entities.values() if e.label == "Event"}
    fifth = events["fifth round of the Nile-Amazon Dialogue"]
    assert fifth.properties == {"series": "mechanism:nile-amazon-dialogue", "ordinal": 5}
    assert events["Southern Harbour Forum 2031"].properties["series"] == \
        "mechanism:southern-harbour-forum"


def test_parties_after_between_belong_to_a_mechanism_name(mentions):
    doc, ents = mentions("The Strategic Dialogue between Brazil and Egypt began in 2015.")
    assert "mechanism:strategic-dialogue-between-brazil-and-egypt" in ents.entities


def test_one_session_however_its_ordinal_is_spelt(nodes):
    found = nodes("Brazil hosted the 6th Nile-Amazon Dialogue in June. At the sixth "
                  "Nile-Amazon Dialogue, Egypt spoke first.",
                  "Egypt recalled the sixth round of the Nile-Amazon Dialogue.")
    events = [c for c in found.values() if c.label == "Event"]
    assert [e.id for e in events] == ["event:6th-nile-amazon-dialogue"]
    assert events[0].properties == {"ordinal": 6}


def test_a_persons_country_comes_from_their_own_sentence(mentions):
    doc, ents = mentions("Talks opened in Brazil on Monday. Defence Minister Ilse Brandt "
                         "said little.")
    brandt = next(m for m in ents.mentions if m.entity == "person:ilse-brandt")
    assert brandt.post is None


def test_what_is_left_of_a_portfolio_is_no_person(nodes):
    found = nodes("Egypt's Deputy Secretary for Regional Water Affairs spoke to Brazil.")
    assert not [c for c in found.values() if c.label == "Person"]


def test_unclosed_bracket_and_leader_administration(nodes):
    found = nodes("Rules on Quantum Computing (QC), export permits and chips were agreed "
                  "by Brazil. The Halvorsen administration welcomed them.")
    assert "Quantum Computing" in names(found)
    assert "person:halvorsen" in found
    assert not [n for n in names(found) if "(" in n and ")" not in n]


def test_names_the_parser_missed_after_a_title(mentions):
    doc, ents = mentions("Talks resumed after Ghanaian Defence Minister Kwabena Asante-Boadu "
                         "arrived; Minister for Trade OKADA Ren stayed home.")
    people = {e.name for e in ents.entities.values() if e.label == "Person"}
    assert {"Kwabena Asante-Boadu", "OKADA Ren"} <= people


def test_a_given_name_left_out_is_taken_back(mentions):
    doc, ents = mentions("On Friday the envoys of Egypt met Rosa Ibarra and Malgorzata "
                         "Wiśniewska-Król in Delhi.")
    people = {e.name for e in ents.entities.values() if e.label == "Person"}
    assert "Wiśniewska-Król" not in people


def test_a_counterpart_holds_the_same_post_in_their_country(mentions):
    doc, ents = mentions("Egyptian Foreign Minister Samir Adel met his Brazilian counterpart "
                         "Joana Prado in Cairo.")
    prado = next(m for m in ents.mentions if m.entity == "person:joana-prado")
    assert prado.post and ents.entities[prado.post].country == "country:brazil"
    assert prado.title == "Foreign Minister"
    adel = next(m for m in ents.mentions if m.entity == "person:samir-adel")
    assert ents.entities[adel.post].country == "country:egypt"
    assert ents.entities[adel.post].kind == ents.entities[prado.post].kind == "ministry"


def test_meetings_named_after_their_body(mentions):
    doc, ents = mentions("Brazil attended the Nordic Council summit, the third Harbour Forum "
                         "steering committee meeting and a meeting of the Nordic Council "
                         "defence ministers in Oslo.")
    events = {e.name: e for e in ents.entities.values() if e.label == "Event"}
    assert {"Nordic Council summit", "third Harbour Forum steering committee meeting",
            "meeting of the Nordic Council defence ministers"} <= set(events)
    third = events["third Harbour Forum steering committee meeting"]
    assert third.properties == {"series": "mechanism:harbour-forum", "ordinal": 3}
    assert "Nordic Council meeting" in events[
        "meeting of the Nordic Council defence ministers"].aliases
    assert "org:nordic-council" in {m.entity for m in ents.mentions}


def test_a_mechanism_named_with_and_without_its_parties_is_one(nodes):
    found = nodes("Chile and Peru held the 2nd Chile-Peru Border Dialogue in Lima. The 2nd "
                  "Border Dialogue ended with a statement, and the Border Dialogue will "
                  "meet again.")
    assert [c.id for c in found.values() if c.label == "Mechanism"] == [
        "mechanism:chile-peru-border-dialogue"]
    assert [c.id for c in found.values() if c.label == "Event"] == [
        "event:2nd-chile-peru-border-dialogue"]


def test_title_forms(mentions):
    doc, ents = mentions("On Monday, Nepali FM Sita Gurung met envoys in Delhi. "
                         "A day later Peru's new Foreign Minister Rosa Quispe flew home. "
                         "Reporters waited for Chile's Minister of National Defence, "
                         "General Ana Ruiz, outside the hall.")
    by_person = {ents.entities[m.entity].name: m for m in ents.mentions if m.title}
    for name, country in (("Sita Gurung", "nepal"), ("Rosa Quispe", "peru"),
                          ("Ana Ruiz", "chile")):
        post = by_person[name].post
        assert post and ents.entities[post].country == f"country:{country}", name
    assert by_person["Rosa Quispe"].title == "Foreign Minister"
    assert by_person["Ana Ruiz"].title == "Minister of National Defence"


def test_a_meeting_in_a_place_is_also_named_so(nodes):
    found = nodes("Brazil attended the Nordic Council summit in Oslo last week.")
    summit = found["event:nordic-council-summit"]
    assert "Nordic Council summit in Oslo" in summit.aliases


def test_demonyms_of_acting_officials_conflicts_and_councils(mentions):
    doc, ents = mentions("Two days later, Danish, Swedish, Finnish, and Norwegian defence "
                         "ministers signed the "
                         "accord. Historians compared Iraq's invasion of Kuwait with the "
                         "Ethiopian-Eritrean war at a session of the EU-Chile Energy and "
                         "Transport Council and the Chilean National Security Council.")
    labels = {e.id: e.label for e in ents.entities.values()}
    assert {"country:denmark", "country:sweden", "country:finland", "country:norway"} <= set(
        labels)
    assert labels["event:iraq-s-invasion-of-kuwait"] == "Event"
    assert ents.entities["event:ethiopian-eritrean-war"].kind == "conflict"
    assert labels["mechanism:eu-chile-energy-and-transport-council"] == "Mechanism"
    assert "org:national-security-council-chile" in labels


def test_names_with_particles(mentions):
    doc, ents = mentions("On Friday, Oman's Sultan Haitham bin Tariq Al Said met Brazil's envoy.")
    assert "Haitham bin Tariq Al Said" in {e.name for e in ents.entities.values()}


def test_council_names_do_not_swallow_their_neighbours(nodes):
    found = nodes("Delegates of the Port Authority and National Security Council of Chile "
                  "met Deputy Minister Ana Ruiz and Chilean Security Council staff.")
    assert not [n for n in names(found) if " and " in n and "Council" in n]


def test_channels_named_by_their_sides_in_lower_case(mentions):
    doc, ents = mentions("The Chile-Peru border talks resumed in May. The 9th round of border "
                         "talks and the fourth Chile-Peru dialogue on fisheries cooperation "
                         "followed the Chile-Peru summit, unlike Chile-Peru trade ties.")
    by_name = {e.name: e for e in ents.entities.values()}
    assert by_name["Chile-Peru border talks"].label == "Mechanism"
    assert by_name["Chile-Peru summit"].label == "Event"
    assert by_name["9th round of border talks"].properties["series"] == \
        "mechanism:chile-peru-border-talks"
    assert by_name["fourth Chile-Peru dialogue on fisheries cooperation"].properties[
        "ordinal"] == 4
    assert not [n for n in by_name if "ties" in n]


def test_short_name_of_a_channel_between_parties(nodes):
    found = nodes("Egypt hosted the Water Dialogue between Egypt and Brazil in May; the "
                  "third round of Water Dialogue is due in Brasilia.")
    mechanisms = [c.id for c in found.values() if c.label == "Mechanism"]
    assert mechanisms == ["mechanism:water-dialogue-between-egypt-and-brazil"]


def test_capital_for_officials_and_named_warships(nodes):
    found = nodes("Officials in Lima watched as HMS Example and ROKS Sejong sailed past "
                  "Brazil.")
    assert found["country:peru"].label == "Country"
    assert {(c.label, c.kind) for c in found.values() if "Example" in c.name or "Sejong" in
            c.name} == {("WeaponSystem", "ship")}


def test_a_name_with_a_title_beside_it_is_a_person(mentions):
    doc, ents = mentions("OKADA Ren, Japan's trade minister, signed the grant on Friday.")
    assert ents.entities["person:okada-ren"].label == "Person"


def test_venues_are_places(nodes):
    found = nodes("The envoys met at the Grand Harbour Hotel and then at the president’s "
                  "Rosewood Palace in Lima.")
    venues = {(c.name, c.label, c.kind) for c in found.values() if c.kind == "venue"}
    assert venues == {("Grand Harbour Hotel", "Place", "venue"),
                      ("Rosewood Palace", "Place", "venue")}


def test_a_demonym_owns_a_lower_case_body(mentions):
    doc, ents = mentions("A statement released by the Chilean embassy said the Chilean "
                         "military agreed.")
    orgs = [e for e in ents.entities.values() if e.label == "Organization"]
    assert [(e.name, e.country) for e in orgs] == [("Embassy (Chile)", "country:chile")]


def test_a_persons_nationality_does_not_qualify_a_body_nearby(nodes):
    found = nodes("Chilean Foreign Minister Ana Ruiz arrived as the Defence Ministry said "
                  "it had invited Peru.")
    orgs = {c.id for c in found.values() if c.label == "Organization"}
    assert not [o for o in orgs if "defen" in o and o.endswith("-chile")]


def test_numbered_round_of_a_channel_named_in_lower_case(mentions):
    doc, ents = mentions("In Lima the 7th round of joint border consultation between Peru "
                         "and Chile ended early, but the 2nd round of talks failed.")
    by_name = {e.name: e for e in ents.entities.values()}
    assert by_name["joint border consultation"].label == "Mechanism"
    assert by_name["7th round of joint border consultation"].properties["ordinal"] == 7
    assert "talks" not in by_name


def test_a_country_after_a_city_is_where_not_whose(mentions):
    doc, ents = mentions("Minister of Trade OKADA Ren arrived in Lima, Peru on Monday.")
    okada = next(m for m in ents.mentions if m.entity == "person:okada-ren")
    assert okada.title == "Minister of Trade" and okada.post is None
