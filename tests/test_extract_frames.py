"""The trigger lexicon and the dependency reading of relations: every rule of
``relations.RULES``, ``IMPLIED`` and ``LIFTED`` on sentences written for these tests
(invented people; real countries), the lexicon's validation, and titles' length."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.graph.claims import EdgeClaim
from diplograph.graph.errors import InvalidInput
from diplograph.loaders.documents import parse_text

pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def extract():
    from diplograph.loaders.extract import get_extractor
    extractor = get_extractor()

    def run(text: str) -> list[EdgeClaim]:
        doc = parse_text(text, "t.txt", text.encode())
        (_, claims), = extractor.extract([doc])
        return [c for c in claims if isinstance(c, EdgeClaim)]
    return run


def triples(edges) -> set[tuple[str, str, str]]:
    return {(c.source, c.type, c.target) for c in edges}


CASES = [
    # rule, sentence, ties it must give, ties it must not give
    ("opposition", "Norway opposed the pipeline, and Sweden criticised Norway's stance.",
     {("country:sweden", "OPPOSES", "country:norway")},
     {("country:norway", "OPPOSES", "country:sweden")}),
    ("opposition", "Chilean lawmakers condemned the new Argentine sanctions on Bolivia.",
     {("country:argentina", "OPPOSES", "country:bolivia")}, set()),
    ("opposition", "The radar tracks drones fired by Chile's adversaries, such as Peru and "
     "Bolivia.",
     {("country:peru", "OPPOSES", "country:chile"),
      ("country:bolivia", "OPPOSES", "country:chile")}, set()),
    # opposing pressure on a state is not opposing that state; the pressure is Somalia's
    ("opposition", "Kenya's Ministry of Defence issued a paper. Later it opposed Somali "
     "pressure on Ethiopia.",
     {("country:somalia", "OPPOSES", "country:ethiopia"),
      ("org:ministry-of-defence-kenya", "OPPOSES", "country:somalia")},
     {("org:ministry-of-defence-kenya", "OPPOSES", "country:ethiopia")}),
    ("support", "Canada is Ukraine's biggest backer after the United States.",
     {("country:canada", "SUPPORTS", "country:ukraine")}, set()),
    ("support", "Japan delivered two patrol boats to Vietnam last year.",
     {("country:japan", "SUPPORTS", "country:vietnam")}, set()),
    ("requests", "Ruto said Kenya seeks support from the United States for a new radar.",
     {("country:kenya", "SEEKS_SUPPORT_FROM", "country:united-states")}, set()),
    ("requests", "Estonia urged Finland to back the new mission.",
     {("country:estonia", "SEEKS_SUPPORT_FROM", "country:finland")}, set()),
    ("meetings", "Prime Minister Mark Carney of Canada held talks with Keir Starmer in Ottawa.",
     {("person:mark-carney", "MET_WITH", "person:keir-starmer"),
      ("person:mark-carney", "HOLDS_POSITION", "country:canada")}, set()),
    ("meetings", "Oslo hosted talks between Deputy Minister Ola Berg and Ambassador Kim Lee.",
     {("person:ola-berg", "MET_WITH", "person:kim-lee")}, set()),
    ("meetings", "The forum was co-chaired by Kenyan Foreign Minister Ruth Wanjiru and "
     "Indian Foreign Minister Arjun Mehta.",
     {("person:ruth-wanjiru", "MET_WITH", "person:arjun-mehta")}, set()),
    ("meetings", "On 3rd May 2024, Kenyan Defence Minister Ruth Wanjiru met with her Ghanaian "
     "and Nigerian counterparts, Kofi Mensah and Bola Adeyemi.",
     {("person:ruth-wanjiru", "MET_WITH", "person:kofi-mensah")},
     {("person:ruth-wanjiru", "MET_WITH", "country:ghana")}),
    ("meetings", "The talks follow Defence Secretary Tom Reid’s meeting with Japan’s Minister "
     "of Defense, Admiral Ken Mori, on the sidelines of the East Asia Summit.",
     {("person:tom-reid", "MET_WITH", "person:ken-mori"),
      ("person:ken-mori", "PARTICIPATES_IN", "mechanism:east-asia-summit")},
     {("person:tom-reid", "MET_WITH", "org:ministry-of-defense-japan")}),
    ("meetings", "Chilean Foreign Minister Ana Soto met Peru's envoy and Peru on Friday.",
     set(), {("person:ana-soto", "MET_WITH", "country:peru")}),
    ("meetings", "Minister for Foreign Affairs Ana Soto, Minister of National Defense Luis "
     "Vega, Minister for Foreign Affairs Kofi Mensah, and Minister of Defense Ama Owusu met "
     "in Accra on Monday.",
     {("person:ana-soto", "MET_WITH", "person:kofi-mensah"),
      ("person:luis-vega", "MET_WITH", "person:ama-owusu")}, set()),
    ("meetings", "Kenya's Ruth Wanjiru and Ghana's Kofi Mensah signed a joint statement.",
     {("person:ruth-wanjiru", "MET_WITH", "person:kofi-mensah")}, set()),
    ("visits", "Polish Foreign Minister Ewa Nowak flew to Seoul on Tuesday.",
     {("person:ewa-nowak", "VISITED", "place:seoul")}, set()),
    ("visits", "Chile's President Ana Soto and Peru's President Luis Vega will pay state "
     "visits to India next week.",
     {("person:ana-soto", "VISITED", "country:india"),
      ("person:luis-vega", "VISITED", "country:india"),
      ("person:ana-soto", "HOLDS_POSITION", "country:chile"),
      ("person:luis-vega", "HOLDS_POSITION", "country:peru")},
     {("person:luis-vega", "HOLDS_POSITION", "country:chile")}),
    ("visits", "From Monday, at the invitation of President Ana Soto, Ghana's King Kofi "
     "Mensah and Kenya's President Ruth Wanjiru will pay state visits to Chile.",
     {("person:kofi-mensah", "VISITED", "country:chile"),
      ("person:ruth-wanjiru", "VISITED", "country:chile")},
     {("person:ana-soto", "VISITED", "country:chile")}),
    ("visits", "Talks began on Monday. The Kenyan delegation will also visit Kumasi.",
     {("country:kenya", "VISITED", "place:kumasi")}, set()),
    ("visits", "At the invitation of President Ana Soto, Ghana's King Kofi Mensah and "
     "Kenya's President Ruth Wanjiru will pay state visits to Chile, spokesman Lin Wei "
     "announced.",
     {("person:kofi-mensah", "VISITED", "country:chile"),
      ("person:ruth-wanjiru", "VISITED", "country:chile")},
     {("person:lin-wei", "VISITED", "country:chile"),
      ("person:ana-soto", "VISITED", "country:chile")}),
    ("visits", "Peru and Chile signed a fisheries pact during a visit to Lima by Chilean "
     "Foreign Minister Rosa Pino.", {("person:rosa-pino", "VISITED", "place:lima")},
     {("country:peru", "VISITED", "place:lima")}),
    ("visits", "Ana Soto spoke on Monday. Hours after his arrival in Ghana, Luis Vega was "
     "greeted by President Kofi Mensah.",
     {("person:luis-vega", "VISITED", "country:ghana"),
      ("person:kofi-mensah", "MET_WITH", "person:luis-vega")},
     {("person:ana-soto", "VISITED", "country:ghana")}),
    # "the two sides" and "both countries" are the last two states named
    ("cooperation", "Kenyan Foreign Minister Amina Odhiambo arrived in Kampala for talks "
     "with Uganda's leaders. The two sides agreed to deepen cooperation on border security.",
     {("country:uganda", "COOPERATES_WITH", "country:kenya")}, set()),
    # an official does not seek support from their own country
    ("requests", "Chilean Foreign Minister Rosa Pino called on Chile and Peru to resume "
     "talks.", set(), {("person:rosa-pino", "SEEKS_SUPPORT_FROM", "country:chile")}),
    ("cooperation", "Seoul and Tokyo agreed to deepen intelligence cooperation.",
     {("country:south-korea", "COOPERATES_WITH", "country:japan")}, set()),
    ("attendance", "Brazil sent a 40-member delegation to the Lisbon Dialogue.",
     {("country:brazil", "PARTICIPATES_IN", "mechanism:lisbon-dialogue")}, set()),
    ("participation", "Ministers from Kenya and Ghana spoke at the close of the Lisbon "
     "Dialogue.",
     {("country:kenya", "PARTICIPATES_IN", "mechanism:lisbon-dialogue"),
      ("country:ghana", "PARTICIPATES_IN", "mechanism:lisbon-dialogue")},
     {("country:kenya", "MET_WITH", "country:ghana")}),
    ("participation", "On the sidelines of the East Asia Summit, Japan and India held "
     "talks on maritime security.",
     {("country:japan", "PARTICIPATES_IN", "mechanism:east-asia-summit"),
      ("country:india", "MET_WITH", "country:japan")}, set()),
    ("organizing", "Ghana attended the Lisbon Dialogue, which was hosted by Morocco.",
     {("country:morocco", "ORGANIZES", "mechanism:lisbon-dialogue"),
      ("country:ghana", "PARTICIPATES_IN", "mechanism:lisbon-dialogue")},
     {("country:morocco", "MET_WITH", "country:ghana")}),
    ("proposals", "Turkey announced the Kaan Initiative in March.",
     {("country:turkey", "PROPOSES", "initiative:kaan-initiative")}, set()),
    ("developing", "South Korea builds the KF-21 fighter.",
     {("country:south-korea", "DEVELOPS", "weapon:kf-21-boramae")}, set()),
    ("acquiring", "Poland bought K2 tanks last year.",
     {("country:poland", "ACQUIRES", "weapon:k2-black-panther")}, set()),
    ("resemblance", "The KF-21 resembles the F-35 in several respects.",
     {("weapon:kf-21-boramae", "RESEMBLES", "weapon:f-35")}, set()),
    # opposing a thing in or on a place is not opposing the place's state; a name
    # reached through "to" or "between" is the one opposed
    ("opposition", "Iran opposed any new military presence in Syria, and Egypt condemned "
     "the attack on Jordan.", set(),
     {("country:iran", "OPPOSES", "country:syria"),
      ("country:egypt", "OPPOSES", "country:jordan")}),
    ("opposition", "Peru opposed the arms sale to Bolivia and any contacts between Chile "
     "and Bolivia.", {("country:peru", "OPPOSES", "country:bolivia")}, set()),
    # the second half of a hyphenated word is no trigger ("so-called" calls on no one)
    ("requests", "Officials in Lima said Chile should drop the so-called Peru doctrine.",
     set(), {("country:chile", "SEEKS_SUPPORT_FROM", "country:peru")}),
    # a country outside the system's own noun phrase does not own it
    ("possession", "Canada will supply Peru with parts under the Javelin programme.", set(),
     {("country:peru", "DEVELOPS", "weapon:javelin")}),
    ("possession", "Mexico's Javelin missiles arrived late.",
     {("country:mexico", "DEVELOPS", "weapon:javelin")}, set()),
    ("location", "The 4th Nordic-Baltic Security Forum took place in Riga.",
     {("event:4th-nordic-baltic-security-forum", "LOCATED_IN", "place:riga"),
      ("event:4th-nordic-baltic-security-forum", "INSTANCE_OF",
       "mechanism:nordic-baltic-security-forum")}, set()),
    ("location", "The ministers met in Accra, Ghana on Monday for the Lisbon Dialogue.",
     {("mechanism:lisbon-dialogue", "LOCATED_IN", "place:accra")}, set()),
    ("sessions", "Chile and Peru held the fifth round of their Andean Border Dialogue in "
     "Arica on Tuesday.",
     {("event:5th-andean-border-dialogue", "INSTANCE_OF", "mechanism:andean-border-dialogue"),
      ("country:chile", "PARTICIPATES_IN", "event:5th-andean-border-dialogue")}, set()),
    # the words before "of the X Forum" name a session of X, not a channel of their own
    ("sessions", "A joint statement closed the 4th Ministerial Conference of the Gulf "
     "Harbour Forum, held in Doha.",
     {("event:4th-ministerial-conference", "INSTANCE_OF", "mechanism:gulf-harbour-forum"),
      ("event:4th-ministerial-conference", "LOCATED_IN", "place:doha")},
     {("event:4th-ministerial-conference", "INSTANCE_OF",
       "mechanism:ministerial-conference")}),
    ("parties", "The Andean Dialogue, held between Chile and Peru since 2010, resumed.",
     {("country:chile", "PARTICIPATES_IN", "mechanism:andean-dialogue"),
      ("country:peru", "PARTICIPATES_IN", "mechanism:andean-dialogue")}, set()),
    ("presence", "Speaking to reporters at the Lisbon Dialogue, Ana Lopes and Brazil's "
     "envoy said Ghana had sent a letter.",
     {("person:ana-lopes", "PARTICIPATES_IN", "mechanism:lisbon-dialogue")},
     {("country:ghana", "PARTICIPATES_IN", "mechanism:lisbon-dialogue")}),
    ("main_event", "The 3rd Accra Harbour Summit opened on Monday. Kenyan Foreign Minister "
     "Ruth Wanjiru praised the hosts. Delegates said the 3rd Accra Harbour Summit would "
     "end on Friday.",
     {("person:ruth-wanjiru", "PARTICIPATES_IN", "event:3rd-accra-harbour-summit"),
      ("country:kenya", "PARTICIPATES_IN", "event:3rd-accra-harbour-summit")}, set()),
    # the text names the session's two countries: an official of a third one it also
    # names is not taking part
    ("main_event", "The third Atlantic Strategic Dialogue between Portugal and Morocco "
     "opened in Rabat on Monday. Moroccan Foreign Minister Samira Idrissi welcomed "
     "Portuguese Foreign Minister Rui Tavares. A week earlier, Idrissi had hosted Chinese "
     "Foreign Minister Li Wenbo in Fez. Delegates said the third Atlantic Strategic "
     "Dialogue would end on Friday.",
     {("person:samira-idrissi", "PARTICIPATES_IN",
       "event:3rd-atlantic-strategic-dialogue-between-portugal-and-morocco")},
     {("person:li-wenbo", "PARTICIPATES_IN",
       "event:3rd-atlantic-strategic-dialogue-between-portugal-and-morocco"),
      ("country:china", "PARTICIPATES_IN",
       "event:3rd-atlantic-strategic-dialogue-between-portugal-and-morocco")}),
    # "her Ugandan counterpart": Uganda's ministry is the counterpart's, not hers
    ("titles", "Kenyan Foreign Minister Amina Odhiambo held talks with her Ugandan "
     "counterpart Grace Mugisha in Kampala.",
     {("person:grace-mugisha", "HOLDS_POSITION", "org:ministry-of-foreign-affairs-uganda"),
      ("person:amina-odhiambo", "MET_WITH", "person:grace-mugisha")},
     {("person:amina-odhiambo", "HOLDS_POSITION", "org:ministry-of-foreign-affairs-uganda")}),
    # "met with visiting Prime Minister A": the participle describes the one met
    ("meetings", "Vice President Lina Haddad met with visiting Ghanaian Prime Minister "
     "Kofi Boateng in Amman on Wednesday.",
     {("person:lina-haddad", "MET_WITH", "person:kofi-boateng")}, set()),
    # the leader of a delegation acts for it; a traveller "for talks" holds the talks
    ("meetings", "A delegation of Chilean lawmakers led by Senator Rosa Pino arrived in Lima "
     "on Monday for talks with President Luis Vega.",
     {("person:rosa-pino", "MET_WITH", "person:luis-vega"),
      ("person:rosa-pino", "VISITED", "place:lima")}, set()),
    ("meetings", "Peru's President Luis Vega and Chile's President Ana Soto agreed on "
     "Saturday to reopen the border, during a summit in Arica.",
     {("person:luis-vega", "MET_WITH", "person:ana-soto")}, set()),
    ("meetings", "The government will send Foreign Minister Rosa Pino to Quito for talks "
     "with her Ecuadorian counterpart Diego Mora.",
     {("person:rosa-pino", "MET_WITH", "person:diego-mora")}, set()),
    # only travelling, meeting or agreeing lends its subject to the talks after it
    ("meetings", "Japan called for talks with North Korea, and China protested at the "
     "visit of Chile's President Ana Soto to Paraguay.", set(),
     {("country:japan", "MET_WITH", "country:north-korea"),
      ("country:china", "VISITED", "country:paraguay")}),
    # the names listed after "counterparts," are the ones met, however they are parsed
    ("meetings", "Ghanaian Foreign Minister Ama Owusu on Friday hosted her Togolese and "
     "Beninese counterparts, Komi Agbo and Rachida Sani, in Accra.",
     {("person:ama-owusu", "MET_WITH", "person:komi-agbo"),
      ("person:ama-owusu", "MET_WITH", "person:rachida-sani")}, set()),
    # irregular forms of light verbs lend their subject too ("paid", "had")
    ("meetings", "Lina Haddad paid a courtesy call on President Omar Saleh in Amman.",
     {("person:lina-haddad", "MET_WITH", "person:omar-saleh")}, set()),
    ("meetings", "Lina Haddad had talks with Omar Saleh in Amman on Sunday.",
     {("person:lina-haddad", "MET_WITH", "person:omar-saleh")}, set()),
    # the counterpart set beside "counterpart" is the one met; their post is their own
    # country's body for the same portfolio, under whatever name it has there
    ("meetings", "Indian External Affairs Minister Ravi Menon held talks with his "
     "Australian counterpart Claire Hughes in Canberra.",
     {("person:ravi-menon", "MET_WITH", "person:claire-hughes"),
      ("person:claire-hughes", "HOLDS_POSITION",
       "org:department-of-foreign-affairs-and-trade-australia")},
     {("person:ravi-menon", "MET_WITH", "country:australia")}),
    # a hyphenated name modifies ("the one-Chile policy"): it takes part in nothing
    ("presence", "Peru reaffirmed its pro-Chile stance at the Lisbon Dialogue on Friday.",
     {("country:peru", "PARTICIPATES_IN", "mechanism:lisbon-dialogue")},
     {("country:chile", "PARTICIPATES_IN", "mechanism:lisbon-dialogue")}),
    # the subject of talks is not a party to them
    ("presence", "Turkey and Iran held a new round of the Lisbon Dialogue talks on Syria.",
     {("country:turkey", "PARTICIPATES_IN", "mechanism:lisbon-dialogue")},
     {("country:syria", "PARTICIPATES_IN", "mechanism:lisbon-dialogue")}),
    # welcoming an exercise is not meeting: the countries of another clause stay out
    ("presence", "The ministers welcomed the coming Cobra Gold exercise and pledged to "
     "deepen cooperation with Chile and Peru.", set(),
     {("country:chile", "PARTICIPATES_IN", "mechanism:cobra-gold")}),
    # criticising a forum is a stance, not taking part in it
    ("presence", "Chile's foreign ministry spokesperson Rosa Pino criticised the Lisbon "
     "Dialogue as an exclusive club.", set(),
     {("person:rosa-pino", "PARTICIPATES_IN", "mechanism:lisbon-dialogue")}),
    # the person set beside a whole title phrase is the one met, not the ministry in it
    ("meetings", "Czech Defence Minister Tomas Kral met Slovakia's Minister of Defence, "
     "Colonel Jan Horak, in Bratislava.",
     {("person:tomas-kral", "MET_WITH", "person:jan-horak")}, set()),
    # a leader named by the country alone leads it; an opposition leader does not
    ("titles", "North Korean leader Ri Chol-su inspected a factory. Opposition leader Ana "
     "Ruiz spoke in Lima, Peru.",
     {("person:ri-chol-su", "HOLDS_POSITION", "country:north-korea")},
     {("person:ana-ruiz", "HOLDS_POSITION", "country:peru")}),
    # a minister heads a ministry, one the gazetteer lists or not; a generic body's name
    # before a title word is part of the title
    ("titles", "Ghana's National Security Minister Kofi Boateng chaired the briefing, and "
     "Peru's Fisheries Minister Rosa Pino opened the fair.",
     {("person:kofi-boateng", "HOLDS_POSITION", "org:ministry-of-national-security-ghana"),
      ("person:rosa-pino", "HOLDS_POSITION", "org:ministry-of-fisheries-peru")},
     {("person:kofi-boateng", "HOLDS_POSITION", "org:national-security-council-ghana")}),
    # no made-up ministry for a portfolio that names another kind of body
    ("titles", "Britain's Armed Forces Minister Tom Bell spoke in London.", set(),
     {("person:tom-bell", "HOLDS_POSITION", "org:ministry-of-armed-forces-united-kingdom")}),
    ("titles", "Kenya's Defence Cabinet Secretary Ali Omar spoke.",
     {("person:ali-omar", "HOLDS_POSITION", "org:ministry-of-defence-kenya")},
     {("person:ali-omar", "HOLDS_POSITION", "org:defence-cabinet-kenya")}),
    # a visit to a place of unknown country is not the country's visit abroad
    ("state_visits", "On Monday the Kenyan foreign minister, Ruth Wanjiru, toured the Rift "
     "Valley.", {("person:ruth-wanjiru", "VISITED", "place:rift-valley")},
     {("country:kenya", "VISITED", "place:rift-valley")}),
    # "his French and Polish counterparts, A and B": each in the country of its place
    ("titles", "Spanish Defence Minister Lucia Ortega met her Italian and Greek "
     "counterparts, Marco Ferri and Nikos Pappas, in Madrid.",
     {("person:marco-ferri", "HOLDS_POSITION", "org:ministry-of-defence-italy"),
      ("person:nikos-pappas", "HOLDS_POSITION", "org:ministry-of-national-defence-greece")},
     {("person:marco-ferri", "HOLDS_POSITION", "org:ministry-of-national-defence-greece")}),
    # a title that is one body's own: only with the country named
    ("titles", "The report was signed by U.S. Attorney General Ana Ruiz last week. Attorney "
     "General Tom Bell spoke in Ottawa.",
     {("person:ana-ruiz", "HOLDS_POSITION", "org:department-of-justice-united-states")},
     {("person:tom-bell", "HOLDS_POSITION", "org:department-of-justice-united-states")}),
    ("roles", "Priya Nair, who is India's ambassador to Japan, attended the dinner.",
     {("person:priya-nair", "HOLDS_POSITION", "country:india")}, set()),
    ("roles", "Marta Silva, who became Brazil's trade minister last year, spoke.",
     {("person:marta-silva", "HOLDS_POSITION", "org:ministry-of-trade-brazil")}, set()),
    ("roles", "Canada named Louise Martin as its new defence minister on Tuesday.",
     {("person:louise-martin", "HOLDS_POSITION",
       "org:department-of-national-defence-canada")}, set()),
    ("roles", "Carlos Vega was appointed Chile's foreign minister in March.",
     {("person:carlos-vega", "HOLDS_POSITION", "org:ministry-of-foreign-affairs-chile")},
     set()),
    ("state_visits", "Kenyan Foreign Minister Ruth Wanjiru flew to Accra on Monday.",
     {("country:kenya", "VISITED", "place:accra")}, set()),
    # meeting someone in a place abroad is visiting it; the host stays at home
    ("meetings_abroad", "In Accra, Ghanaian President Kofi Mensah held talks with Kenyan "
     "Foreign Minister Ruth Wanjiru on Friday.",
     {("person:ruth-wanjiru", "VISITED", "place:accra")},
     {("person:kofi-mensah", "VISITED", "place:accra")}),
    # "in P" must belong to the meeting, not to another word ("the war in P")
    ("meetings_abroad", "Kenyan Foreign Minister Ruth Wanjiru met Ghanaian President Kofi "
     "Mensah to discuss the war in Ukraine.", set(),
     {("person:ruth-wanjiru", "VISITED", "country:ukraine"),
      ("person:kofi-mensah", "VISITED", "country:ukraine")}),
    ("delegations", "Kenyan Foreign Minister Ruth Wanjiru attended the Lisbon Dialogue.",
     {("country:kenya", "PARTICIPATES_IN", "mechanism:lisbon-dialogue")}, set()),
    ("presence", "The Lisbon Dialogue opened with a meeting on grain, and Ghana's proposal "
     "won praise.",
     {("country:ghana", "PARTICIPATES_IN", "mechanism:lisbon-dialogue")}, set()),
    ("presence", "Ana Lopes praised the Gulf Harbour Forum and its 3rd Accra Harbour Summit "
     "on Monday.",
     {("person:ana-lopes", "PARTICIPATES_IN", "event:3rd-accra-harbour-summit")},
     {("person:ana-lopes", "PARTICIPATES_IN", "mechanism:gulf-harbour-forum")}),
    # the country written after a place ("in Arica, Chile") is where it lies
    ("places", "The council met in Arica, Chile on Tuesday.",
     {("place:arica", "LOCATED_IN", "country:chile")}, set()),
    ("places", "Officials gathered in Arica, Russia's envoy said.", set(),
     {("place:arica", "LOCATED_IN", "country:russia")}),
    ("membership", "NATO member Hungary blocked the statement, and Turkey, a NATO ally, "
     "abstained.",
     {("country:hungary", "MEMBER_OF", "org:nato"), ("country:turkey", "MEMBER_OF", "org:nato")},
     set()),
    ("membership", "Finland joined NATO after a long debate.",
     {("country:finland", "MEMBER_OF", "org:nato")}, set()),
    ("party_brackets", "Senator Maria Costa (Kuomintang) spoke.",
     {("person:maria-costa", "MEMBER_OF", "org:kuomintang-taiwan")}, set()),
    ("appositions", "Ana Lopes, a senior fellow at the Lowy Institute, spoke on Monday.",
     {("person:ana-lopes", "HOLDS_POSITION", "org:lowy-institute-australia")}, set()),
    # a title before "said" is the speaker's, not the name before its comma
    ("appositions", "Ana Lopes held a phone call with Tom Reid, a spokesman for the "
     "Canadian defence ministry said.", set(),
     {("person:tom-reid", "HOLDS_POSITION", "org:department-of-national-defence-canada")}),
    ("appositions", "Tom Reid, Australia's defence minister, met reporters.",
     {("person:tom-reid", "HOLDS_POSITION", "org:department-of-defence-australia")}, set()),
    ("titles", "Ministers from Ghana will meet Kenyan secretaries Amina Odhiambo and Peter "
     "Kamau in Nairobi.",
     {("person:amina-odhiambo", "HOLDS_POSITION", "country:kenya"),
      ("person:peter-kamau", "HOLDS_POSITION", "country:kenya")}, set()),
    ("titles", "Indonesian Defence Minister Budi Santoso arrived in Canberra. He met "
     "Australian Defence Minister Tom Reid on Friday.",
     {("person:budi-santoso", "HOLDS_POSITION", "org:ministry-of-defense-indonesia"),
      ("person:budi-santoso", "VISITED", "place:canberra"),
      # "He" refers back to the last person named
      ("person:budi-santoso", "MET_WITH", "person:tom-reid")}, set()),
    ("mechanism_parties", "Officials prepared the third Kenya-Ghana Security Dialogue.",
     {("country:kenya", "PARTICIPATES_IN", "mechanism:kenya-ghana-security-dialogue"),
      ("country:ghana", "PARTICIPATES_IN", "mechanism:kenya-ghana-security-dialogue")}, set()),
    ("mechanism_parties", "Officials prepared the fourth EU-Kenya Security Dialogue.",
     {("org:european-union", "PARTICIPATES_IN", "mechanism:eu-kenya-security-dialogue"),
      ("country:kenya", "PARTICIPATES_IN", "mechanism:eu-kenya-security-dialogue")}, set()),
    ("sub_units", "The Makerere University Institute of Social Research is part of a wider "
     "network, and Makerere University funds it.",
     {("org:makerere-university-institute-of-social-research", "PART_OF",
       "org:makerere-university")}, set()),
    ("dialogue_partners", "Officials prepared the third Kenya-Ghana Security Dialogue.",
     {("country:kenya", "COOPERATES_WITH", "country:ghana")}, set()),
    ("dialogue_partners", "Observers feared a new Ethiopia-Eritrea War.", set(),
     {("country:eritrea", "COOPERATES_WITH", "country:ethiopia"),
      ("country:ethiopia", "COOPERATES_WITH", "country:eritrea")}),
]


@pytest.mark.parametrize("rule, text, expected, unwanted", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_on_own_sentence(extract, rule: str, text: str, expected: set,
                              unwanted: set) -> None:
    found = triples(extract(text))
    assert expected <= found, sorted(found)
    assert not unwanted & found, sorted(unwanted & found)


def test_every_rule_has_a_case() -> None:
    from diplograph.loaders.extract.relations import IMPLIED, LIFTED, RULES
    tested = {c[0] for c in CASES}
    # funding, composition and the other implied ties: test_extract_relations.py
    untested = set(RULES) - tested - {"funding", "composition"}
    assert not untested, untested
    assert {"mechanism_parties", "dialogue_partners", "sub_units"} <= tested & set(IMPLIED)
    assert set(LIFTED) <= tested


def test_titles_are_six_words_at_most(extract) -> None:
    edges = extract("Jon Berg, the deputy assistant secretary of state for regional "
                    "security and arms control affairs at the State Department, spoke.")
    titles = [c.properties["title"] for c in edges if "title" in c.properties]
    assert titles and all(len(t.split()) <= 6 for t in titles), titles


@pytest.mark.parametrize("frame, message", [
    ("MEETS_WITH:\n    verb:\n      meet: subj -> obj", "MEETS_WITH"),
    ("MET_WITH:\n    verb:\n      meet: subj obj", "SUBJECT ROLES -> OBJECT ROLES"),
    ("MET_WITH:\n    verb:\n      meet: subject -> obj", "unknown role 'subject'"),
    ("MET_WITH:\n    verbs:\n      meet: subj -> obj", "'verbs' is not one of"),
])
def test_lexicon_rejects_what_it_cannot_read(tmp_path: Path, frame: str, message: str) -> None:
    from diplograph.loaders.extract.relations.words import load_lexicon
    bad = tmp_path / "triggers.yaml"
    bad.write_text(f"triggers:\n  {frame}\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=message):
        load_lexicon(bad)


def test_lexicon_words_are_read_with_their_inflections() -> None:
    from diplograph.loaders.extract.relations.words import FRAMES, LEMMAS
    assert LEMMAS["met"] == "meet" and LEMMAS["convened"] == "convene"
    assert {f.type for f in FRAMES["sanctions"]} == {"OPPOSES"}


@pytest.mark.parametrize("text, denied", [
    ("Peruvian President Luis Vega does not intend to hold talks with Chilean Foreign "
     "Minister Rosa Pino this year.", ("MET_WITH", "person:rosa-pino")),
    ("Lina Haddad had no talks with Omar Saleh in Amman.", ("MET_WITH", "person:omar-saleh")),
    ("Argentina did not attend the Andean Dialogue in Lima.",
     ("PARTICIPATES_IN", "mechanism:andean-dialogue")),
    ("Bolivia never agreed to fund the Andean Dialogue.",
     ("FUNDS", "mechanism:andean-dialogue")),
])
def test_denied_trigger_gives_no_tie(extract, text: str, denied: tuple[str, str]) -> None:
    found = triples(extract(text))
    assert not {(s, r, o) for s, r, o in found if (r, o) == denied or
                r == denied[0] == "MET_WITH"}, sorted(found)


def test_affirmed_trigger_still_gives_its_tie(extract) -> None:
    assert ("country:argentina", "PARTICIPATES_IN", "mechanism:andean-dialogue") in \
        triples(extract("Argentina attended the Andean Dialogue in Lima."))
