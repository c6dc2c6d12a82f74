"""Dates, ROC years, periods and sums of money: the pure readers, and the values they
put on extracted claims. Sentences written for these tests."""
from __future__ import annotations

import pytest

from diplograph.graph.claims import EdgeClaim
from diplograph.graph.dates import normalize_date, normalize_period, roc_to_gregorian
from diplograph.loaders.documents import parse_text
from diplograph.loaders.extract.when import dates_in, money_in, periods_in


@pytest.mark.parametrize("text, year, expected", [
    ("The envoys met on 9 October 2024.", None, ["2024-10-09"]),
    ("The envoys met on October 9, 2024.", None, ["2024-10-09"]),
    ("The envoys met on October 9.", 2023, ["2023-10-09"]),
    ("The envoys met on October 9.", None, []),          # no year known: left out
    ("A review is due in Sept. 2027.", None, ["2027-09"]),
    ("It was first held in 1994.", None, ["1994"]),
    ("The budget for year 116 grows.", None, ["2027"]),
    ("In 112 (2023) the council met twice.", None, ["2023"]),
    ("The ROC 105 plan and a 2,000-strong force.", None, ["2016"]),
    ("They will meet again next year.", 2030, ["2031"]),
    ("A fleet of 120 ships cost $3.5 billion.", None, []),
])
def test_dates_in_text(text, year, expected):
    assert [f.value for f in dates_in(text, year=year)] == expected


@pytest.mark.parametrize("text, expected", [
    ("paid from 2027 until 2029", "2027/2029"),
    ("spread between year 116 and 118", "2027/2029"),
    ("covering 2019-2021", "2019/2021"),
    ("from next year until 119 (2030)", "2029/2030"),
])
def test_periods(text, expected):
    assert [f.value for f in periods_in(text, year=2028)] == [expected]


@pytest.mark.parametrize("text, amount, currency, usd", [
    ("NT$88.6 million (US$2.7 million)", 88_600_000, "TWD", 2_700_000),
    ("about NT$2 billion (approximately $61 million USD)", 2_000_000_000, "TWD", 61_000_000),
    ("a $450 million package", 450_000_000, "USD", 450_000_000),
    ("€12.5 million", 12_500_000, "EUR", None),
])
def test_money(text, amount, currency, usd):
    (m,) = money_in(text)
    assert (m.amount, m.currency, m.amount_usd) == (amount, currency, usd)


def test_roc_conversions():
    assert roc_to_gregorian(115) == 2026
    assert normalize_date("year 115") == normalize_date("115 (2026)") == "2026"
    assert normalize_period("year 114", "116") == "2025/2027"
    with pytest.raises(ValueError):
        normalize_date("the 3rd of never")


@pytest.fixture(scope="module")
def edges():
    pytest.importorskip("spacy")
    from diplograph.loaders.extract import get_extractor
    extractor = get_extractor()

    def run(text: str) -> dict:
        doc = parse_text(text, "d.md", text.encode())
        (_, claims), = extractor.extract([doc])
        return {(c.source, c.type, c.target): c.properties for c in claims
                if isinstance(c, EdgeClaim)}
    return run


def test_claims_carry_dates_and_funding(edges):
    found = edges("---\ndate: 2031-02-10\n---\nBriefing\n\n"
                  "Minister Olaf Brandt met with Minister Keiko Mori in Tokyo on May 4. "
                  "Olaf Brandt visited Canada in August 2030. "
                  "To fund the Harbor Watch Program from 2032 until 2034, Taiwan's Ministry of "
                  "National Defense has set aside NT$305.2 million (US$9.8 million).\n")
    met = [p for (s, t, o), p in found.items() if t == "MET_WITH"
           and {s, o} == {"person:olaf-brandt", "person:keiko-mori"}]
    assert met and all(p["date"] == "2031-05-04" for p in met)
    assert found[("person:olaf-brandt", "VISITED", "country:canada")]["date"] == "2030-08"
    funds = found[("org:ministry-of-national-defense-taiwan", "FUNDS",
                   "initiative:harbor-watch-program")]
    assert funds == {"amount": 305_200_000, "currency": "TWD", "amount_usd": 9_800_000,
                     "period": "2032/2034"}


def test_roc_year_dates_a_proposal(edges):
    found = edges("Taiwan announced the Coastal Relay Initiative in year 117 (2028).\n")
    assert found[("country:taiwan", "PROPOSES", "initiative:coastal-relay-initiative")] == {
        "date": "2028"}
