"""Each relation rule on sentences written for these tests, and snippet integrity."""
from __future__ import annotations

import pytest

from diplograph.graph.claims import EdgeClaim, NodeClaim
from diplograph.loaders.documents import parse_text

pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def extract():
    from diplograph.loaders.extract import get_extractor
    extractor = get_extractor()

    def run(text: str):
        doc = parse_text(text, "t.txt", text.encode())
        (_, claims), = extractor.extract([doc])
        return doc, claims
    return run


def triples(claims) -> set[tuple[str, str, str]]:
    return {(c.source, c.type, c.target) for c in claims if isinstance(c, EdgeClaim)}


@pytest.mark.parametrize("text, expected", [
    ("Taiwanese Foreign Minister Chen Mei-ling spoke to reporters on Monday.",
     {("person:chen-mei-ling", "HOLDS_POSITION", "org:ministry-of-foreign-affairs-taiwan"),
      ("org:ministry-of-foreign-affairs-taiwan", "PART_OF", "country:taiwan")}),
    ("Ko Jun-hao, a deputy minister at the Ministry of National Defense (MND), "
     "presented the plan in Taipei on Friday.",
     {("person:ko-jun-hao", "HOLDS_POSITION", "org:ministry-of-national-defense-taiwan")}),
    ("Minister John Carter met with Maria Santos in Manila on Tuesday.",
     {("person:john-carter", "MET_WITH", "person:maria-santos")}),
    ("Kuomintang lawmaker Liu Pei-chen questioned the budget in Taipei.",
     {("person:liu-pei-chen", "MEMBER_OF", "org:kuomintang-taiwan"),
      ("person:liu-pei-chen", "HOLDS_POSITION", "org:legislative-yuan-taiwan")}),
    ("China opposed the arms sale to Taiwan, and Taiwan rejected China's sovereignty claims.",
     {("country:china", "OPPOSES", "country:taiwan"),
      ("country:taiwan", "OPPOSES", "country:china")}),
    ("The United States is Taiwan's most important security backer.",
     {("country:united-states", "SUPPORTS", "country:taiwan")}),
    ("The Philippines urged Japan to support its coast guard with radar systems.",
     {("country:philippines", "SEEKS_SUPPORT_FROM", "country:japan")}),
    ("Australia and Japan agreed to deepen cooperation between Australia and Japan.",
     {("country:australia", "COOPERATES_WITH", "country:japan")}),
    ("Hosted by the International Institute for Strategic Studies, the 20th "
     "Shangri-La Dialogue took place in Singapore.",
     {("event:20th-shangri-la-dialogue", "INSTANCE_OF", "mechanism:shangri-la-dialogue"),
      ("org:international-institute-for-strategic-studies", "ORGANIZES",
       "event:20th-shangri-la-dialogue"),
      ("event:20th-shangri-la-dialogue", "LOCATED_IN", "country:singapore")}),
    ("The Monterey Talks are held every year between Taiwan and the United States.",
     {("country:taiwan", "PARTICIPATES_IN", "mechanism:monterey-talks"),
      ("country:united-states", "PARTICIPATES_IN", "mechanism:monterey-talks")}),
    ("Israel's Iron Dome resembles the Golden Dome in several ways.",
     {("country:israel", "DEVELOPS", "weapon:iron-dome"),
      ("weapon:iron-dome", "RESEMBLES", "initiative:golden-dome")}),
    ("The T-Dome network integrates the Patriot and the Sky Bow.",
     {("weapon:patriot", "PART_OF", "initiative:t-dome"),
      ("weapon:sky-bow", "PART_OF", "initiative:t-dome")}),
    ("Deputy Minister Ana Lopes made a visit to Israel in May.",
     {("person:ana-lopes", "VISITED", "country:israel")}),
])
def test_relation_rules(extract, text: str, expected: set) -> None:
    _, claims = extract(text)
    found = triples(claims)
    assert expected <= found, sorted(found)


def test_every_snippet_is_its_span(extract) -> None:
    text = ("Manila hosted the talks. Philippine Foreign Secretary Lea Santos met with "
            "Japanese officials, and China criticized the meeting.")
    doc, claims = extract(text)
    cites = [c.citation for c in claims if isinstance(c, (NodeClaim, EdgeClaim))]
    assert cites and all(c.snippet == doc.text[c.start:c.end] for c in cites)
