"""The people gazetteer: the country or international body a well-known official
serves, for a title that names none. The officials here are invented."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.graph.claims import EdgeClaim
from diplograph.graph.errors import InvalidInput
from diplograph.loaders.documents import parse_text
from diplograph.loaders.extract.patterns import load_gazetteer

PEOPLE = """\
gazetteer:
  people:
    - {name: Tomasz Wielki, country: Poland}
    - {name: Ana Ribeiro, country: Brazil, aliases: [Ana Paula Ribeiro]}
    - {name: Ingrid Halvorsen, body: NATO}
"""


@pytest.fixture(scope="module")
def people_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gaz") / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def extract(people_file):
    pytest.importorskip("spacy")
    from diplograph.loaders.extract import get_extractor
    extractor = get_extractor(gazetteer=load_gazetteer([people_file]))

    def run(text: str) -> set[tuple[str, str, str]]:
        doc = parse_text(text, "t.txt", text.encode())
        (_, claims), = extractor.extract([doc])
        return {(c.source, c.type, c.target) for c in claims if isinstance(c, EdgeClaim)}
    return run


def test_serves_by_name_alias_initials_and_family_name_first(people_file):
    gaz = load_gazetteer([people_file])
    assert gaz.serves("Tomasz Wielki") == "country:poland"
    assert gaz.serves("Ana Paula Ribeiro") == gaz.serves("ana ribeiro") == "country:brazil"
    assert gaz.serves("WIELKI Tomasz") == "country:poland"
    assert gaz.serves("Tomasz K. Wielki Jr.") == "country:poland"
    assert gaz.serves("Ingrid Halvorsen") == "org:nato"
    assert gaz.serves("Wielki") is None     # a surname alone names nobody for sure


def test_head_of_government_title_without_country(extract):
    found = extract("Poland will host the next round of talks. Prime Minister Tomasz "
                    "Wielki said in Brussels on Monday that Germany and France support "
                    "the plan.")
    posts = {t for s, r, t in found if s == "person:tomasz-wielki" and r == "HOLDS_POSITION"}
    assert posts == {"country:poland"}      # not the nearest country, Germany


def test_portfolio_title_names_the_known_country_ministry(extract):
    found = extract("Foreign Minister Ana Ribeiro met her Spanish counterpart in Madrid "
                    "on Tuesday to discuss trade.")
    assert ("person:ana-ribeiro", "HOLDS_POSITION",
            "org:ministry-of-foreign-affairs-brazil") in found
    assert not any(t.endswith("-spain") for s, r, t in found if s == "person:ana-ribeiro")


def test_apposed_title_names_the_known_country_ministry(extract):
    found = extract("Ana Ribeiro, the foreign minister, flew to Madrid on Tuesday to "
                    "discuss trade with Spain.")
    assert ("person:ana-ribeiro", "HOLDS_POSITION",
            "org:ministry-of-foreign-affairs-brazil") in found


@pytest.mark.parametrize("text", [
    "NATO said Secretary General Ingrid Halvorsen would visit Norway and Denmark next week.",
    "Ingrid Halvorsen, the alliance's secretary general, will visit Norway and Denmark, "
    "NATO said.",
])
def test_official_of_an_international_body_serves_no_country(extract, text):
    found = extract(text)
    posts = {t for s, r, t in found if s == "person:ingrid-halvorsen" and r == "HOLDS_POSITION"}
    assert posts == {"org:nato"}


@pytest.mark.parametrize("entry, words", [
    ("{name: Lone Name}", "one of 'country' or 'body'"),
    ("{name: Two Ways, country: Poland, body: NATO}", "one of 'country' or 'body'"),
    ("{name: Nowhere Person, country: Atlantis}", "no country or body 'Atlantis'"),
])
def test_bad_person_entry_names_the_file(tmp_path, entry, words):
    path = tmp_path / "people.yaml"
    path.write_text(f"gazetteer:\n  people:\n    - {entry}\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        load_gazetteer([path])
    assert words in str(err.value) and "people.yaml:3" in str(err.value)
