"""The shipped gazetteers (seeds/gazetteers/*.yaml): every file loads, entries are
well formed and consistent with one another (countries named by organizations,
mechanisms and places exist; a demonym or capital names one country; a title word
names one body per country; generic body names are no one country's alias), and a
few sentences written for these tests find what the gazetteers list."""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from diplograph.graph.names import match_key
from diplograph.graph.schema import SCHEMA
from diplograph.loaders.curated import read_yaml
from diplograph.loaders.extract.patterns import default_gazetteer_dir, load_gazetteer

FILES = sorted(default_gazetteer_dir().glob("*.yaml"))
#: The keys an entry of each section may carry (a name with an unquoted comma in a
#: flow mapping splits into a stray key, which this catches).
KEYS = {
    "countries": {"name", "aliases", "demonyms", "capitals"},
    "places": {"name", "aliases", "kind", "country"},
    "organizations": {"name", "aliases", "kind", "country", "title_words"},
    "mechanisms": {"name", "aliases", "kind", "parties", "organizer", "place"},
    "weapon_systems": {"name", "aliases", "kind", "country"},
    "initiatives": {"name", "aliases", "kind", "country"},
    "generic_bodies": {"name", "aliases", "kind", "title_words"},
    "people": {"name", "aliases", "country", "body"},
}


def _sections() -> dict[str, list[tuple[Path, dict]]]:
    out: dict[str, list[tuple[Path, dict]]] = defaultdict(list)
    for path in FILES:
        body = read_yaml(path)["gazetteer"]
        for section, items in body.items():
            if section in KEYS:
                out[section] += [(path, item) for item in items]
    return out


SECTIONS = _sections()
GAZ = load_gazetteer()


def _names(item: dict) -> list[str]:
    return [item["name"], *(item.get("aliases") or [])]


def test_every_file_is_a_gazetteer_with_known_sections():
    known = set(KEYS) | {"titles", "kind_words", "mechanism_heads", "initiative_heads"}
    assert len(FILES) >= 10
    for path in FILES:
        data = read_yaml(path)
        assert set(data) == {"gazetteer"}, path.name
        assert set(data["gazetteer"]) <= known, path.name


def test_entries_carry_only_their_sections_keys():
    for section, items in SECTIONS.items():
        for path, item in items:
            assert set(item) <= KEYS[section], (path.name, item)
            assert isinstance(item["name"], str) and item["name"].strip()
            for alias in item.get("aliases") or []:
                assert isinstance(alias, str) and alias.strip(), (path.name, item["name"])


def test_every_kind_is_one_the_schema_allows():
    for entry in GAZ.entries.values():
        assert entry.kind is None or entry.kind in SCHEMA.labels[entry.label].kinds, \
            (entry.name, entry.label, entry.kind)
    for _, item in SECTIONS["generic_bodies"]:
        assert item["kind"] in SCHEMA.labels["Organization"].kinds, item["name"]


def test_all_un_members_and_four_more_are_countries():
    countries = {e.name for e in GAZ.entries.values() if e.label == "Country"}
    assert len(countries) == 197
    assert {"Taiwan", "Kosovo", "Palestine", "Vatican", "Tuvalu", "Eswatini",
            "Timor-Leste", "Saint Kitts and Nevis"} <= countries


def test_no_duplicate_names_within_a_section():
    for section, items in SECTIONS.items():
        keys = Counter((match_key(i["name"]), i.get("country")) for _, i in items)
        assert [k for k, n in keys.items() if n > 1] == [], section


def test_no_two_countries_share_a_name_demonym_or_capital():
    owner: dict[str, str] = {}
    for _, item in SECTIONS["countries"]:
        forms = _names(item) + (item.get("demonyms") or []) + (item.get("capitals") or [])
        for form in {match_key(f) for f in forms}:
            assert owner.setdefault(form, item["name"]) == item["name"], \
                (form, owner[form], item["name"])


def test_no_place_shares_a_name_with_a_country():
    country_forms = {match_key(f) for _, i in SECTIONS["countries"]
                     for f in _names(i) + (i.get("demonyms") or []) + (i.get("capitals") or [])}
    clash = [n for _, i in SECTIONS["places"] for n in _names(i) if match_key(n) in country_forms]
    assert clash == []


def test_countries_named_by_other_entries_exist():
    countries = {i["name"] for _, i in SECTIONS["countries"]}
    places = {i["name"] for _, i in SECTIONS["places"]}
    orgs = {n for _, i in SECTIONS["organizations"] for n in _names(i)}
    for section in ("organizations", "places", "weapon_systems", "initiatives"):
        for path, item in SECTIONS[section]:
            assert item.get("country") in countries | {None}, (path.name, item["name"])
    for path, item in SECTIONS["mechanisms"]:
        assert set(item.get("parties") or []) <= countries, item["name"]
        assert item.get("place") in countries | places | {None}, item["name"]
        assert item.get("organizer") in orgs | {None}, item["name"]


def test_a_title_word_names_one_body_per_country():
    words: Counter[tuple[str, str]] = Counter()
    for _, item in SECTIONS["organizations"]:
        for word in item.get("title_words") or []:
            words[(item.get("country"), match_key(word))] += 1
    assert [k for k, n in words.items() if n > 1] == []


def test_a_title_word_names_one_generic_body():
    words = Counter(match_key(w) for _, item in SECTIONS["generic_bodies"]
                    for w in item.get("title_words") or [])
    assert [w for w, n in words.items() if n > 1] == []


def test_a_countrys_whole_forces_come_before_its_services():
    whole = ("Armed Forces", "Defence Force", "Defense Force")
    military: dict[str, list[str]] = defaultdict(list)
    for _, item in SECTIONS["organizations"]:
        if item.get("kind") == "military" and item.get("country"):
            military[item["country"]].append(item["name"])
    for country, names in military.items():
        if any(w in n for n in names for w in whole):
            assert any(w in names[0] for w in whole), (country, names)


def test_generic_body_names_are_no_single_countrys_alias():
    generic = {match_key(n) for _, i in SECTIONS["generic_bodies"] for n in _names(i)}
    assert {match_key(n) for n in ("Foreign Ministry", "Defence Ministry",
                                   "National Security Council", "Parliament")} <= generic
    # a generic name may be a body's alias only where bodies of other countries bear it too
    holders: dict[str, set[str]] = defaultdict(set)
    as_alias: set[str] = set()
    for _, item in SECTIONS["organizations"]:
        for name in _names(item):
            if match_key(name) in generic and item.get("country"):
                holders[match_key(name)].add(item["country"])
        as_alias |= {match_key(a) for a in item.get("aliases") or [] if item.get("country")}
    single = {k for k, countries in holders.items() if len(countries) == 1 and k in as_alias}
    assert single == set()


def test_lookups_reach_countries_and_their_bodies():
    assert GAZ.country_of("Kremlin") == "country:russia"
    assert GAZ.country_of("Emirati") == "country:united-arab-emirates"
    assert GAZ.country_of("Canberra") == "country:australia"
    assert GAZ.country_of("Burkinabe") == "country:burkina-faso"
    assert GAZ.country_of("Chinese Taipei") == "country:taiwan"
    assert GAZ.country_of("Georgia") == "country:georgia"
    assert GAZ.country_of("Indo") == "country:india"
    india = GAZ.country_of("Indian")
    assert GAZ.entries[GAZ.ministry(india, "External Affairs")].name == \
        "Ministry of External Affairs"
    assert GAZ.entries[GAZ.ministry("country:france", "Foreign")].name == \
        "Ministry for Europe and Foreign Affairs"
    [quai] = GAZ.lookup("Quai d'Orsay")
    assert GAZ.entries[quai].country == "country:france"
    assert {GAZ.entries[i].country for i in GAZ.lookup("House of Commons")} == \
        {"country:united-kingdom", "country:canada"}
    assert GAZ.body_of("country:germany", "legislature") is not None


@pytest.fixture(scope="module")
def graph():
    pytest.importorskip("spacy")
    from diplograph.graph.merge import build_graph
    from diplograph.loaders.documents import parse_text
    from diplograph.loaders.extract import get_extractor
    extractor = get_extractor()

    def run(text: str):
        doc = parse_text(text, "g.txt", text.encode())
        return build_graph([c for _, cs in extractor.extract([doc]) for c in cs])
    return run


def _labels(G) -> dict[str, str]:
    return {d["name"]: d["label"] for _, d in G.nodes(data=True)}


def test_sentence_finds_bodies_weapons_and_a_forum(graph):
    G = graph("Lawmakers in the Bundestag debated sending more IRIS-T launchers, "
              "and the Riksdag approved a Gripen order before the Halifax International "
              "Security Forum opened.")
    labels = _labels(G)
    assert labels.get("Bundestag") == labels.get("Riksdag") == "Organization"
    assert labels.get("IRIS-T") == labels.get("Gripen") == "WeaponSystem"
    assert labels.get("Halifax International Security Forum") == "Mechanism"


def test_capitals_acting_are_their_countries(graph):
    G = graph("Nairobi and Kampala rejected the proposal, while Ottawa stayed silent.")
    countries = {d["name"] for _, d in G.nodes(data=True) if d["label"] == "Country"}
    assert {"Kenya", "Uganda", "Canada"} <= countries


def test_a_personal_name_is_not_read_as_a_weapon(graph):
    G = graph("Envoy Samir Fattah met Akash Verma in Cairo on Monday.")
    assert "WeaponSystem" not in _labels(G).values()


def test_acronyms_that_mostly_mean_something_else_are_not_bodies(graph):
    G = graph("TEHRAN (AFP) - Iranian officials said the DPR and the NSS were discussed "
              "with visiting Estonian diplomats.")
    assert not any(d["label"] == "Organization" for _, d in G.nodes(data=True)), \
        _labels(G)


def test_a_place_two_states_claim_is_located_in_neither(graph):
    G = graph("Coast guard ships of Japan and China shadowed each other near the Senkaku "
              "Islands, while Moldova reinforced its posts along Transnistria.")
    located = {(G.nodes[a]["name"], G.nodes[b]["name"])
               for a, b, d in G.edges(data=True) if d.get("type") == "LOCATED_IN"}
    assert ("Transnistria", "Moldova") in located
    assert not [pair for pair in located if pair[0].startswith("Senkaku")]


def test_a_party_name_many_countries_use_takes_the_country_of_its_text(graph):
    G = graph("In Helsinki, Finland's Social Democratic Party backed the new border fence.")
    parties = {d["name"] for _, d in G.nodes(data=True) if d.get("kind") == "party"}
    assert "Democratic Party" not in parties
    assert not [n for n in G.nodes if n.endswith("united-states")]


def test_a_persons_names_are_theirs_alone():
    """No name or alias of a well-known official is another's, nor a body's, country's
    or place's name: it would tie the wrong person to a country."""
    seen: dict[str, str] = {}
    for path, item in SECTIONS["people"]:
        assert bool(item.get("country")) != bool(item.get("body")), item["name"]
        for name in _names(item):
            key = match_key(name)
            assert seen.setdefault(key, item["name"]) == item["name"], (name, seen[key])
            assert not GAZ.lookup(name), (path.name, name)
    assert len(seen) > 1000 and GAZ.serves("Narendra Modi") == "country:india"
