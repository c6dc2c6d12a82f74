"""Every extracted citation covers a real span: start < end, and its snippet is the
document's text there, whatever order a rule finds the two ends of a tie in; over
texts written for this test and over the whole evaluation corpus when it is present."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.graph.claims import EdgeClaim, NodeClaim
from diplograph.loaders.documents import parse_text
from tests.conftest import SHARED

pytest.importorskip("spacy")

CORPUS = SHARED / "corpus" / "docs"

# Written for this test: ties whose ends come in either order, titles, lists,
# "between", passives, demonyms and a cross-sentence pronoun.
OWN_TEXTS = [
    "Relations between Canada and Mexico warmed after the Monterey Talks last spring.",
    "Canada and Mexico took part in the Monterey Talks last spring, officials said.",
    "The forum, co-chaired by Kenyan Foreign Minister Ruth Wanjiru and Indian Foreign "
    "Minister Arjun Mehta, was held in Nairobi. She later flew to Delhi.",
    "Chinese pressure on the Philippines grew after Japan pledged support to Manila, and "
    "the talks between Foreign Secretary Lea Santos and Foreign Minister Ken Mori went on.",
    "On the sidelines of the Shangri-La Dialogue, Australia's defence minister, Tom Reid, "
    "held talks with his Indonesian counterpart.",
]


def _check(doc, claims) -> int:
    checked = 0
    for c in claims:
        if isinstance(c, (NodeClaim, EdgeClaim)) and c.citation is not None:
            cite = c.citation
            assert cite.start < cite.end, (c, cite)
            assert cite.snippet == doc.text[cite.start:cite.end], (c, cite)
            checked += 1
    return checked


@pytest.fixture(scope="module")
def extractor():
    from diplograph.loaders.extract import get_extractor
    return get_extractor()


def test_party_named_before_its_event_is_cited_in_text_order(extractor):
    # The countries come before the event they take part in: the citation must still
    # run from the first word to the last, not from the event back to a party.
    text = OWN_TEXTS[1]
    doc = parse_text(text, "t.txt", text.encode())
    (_, claims), = extractor.extract([doc])
    assert any(c.type == "PARTICIPATES_IN" for c in claims if isinstance(c, EdgeClaim))
    assert _check(doc, claims)


def test_no_party_to_an_event_it_is_not_said_to_be_between(extractor):
    # "between Canada and Mexico" belongs to "Relations", not to the talks named later.
    text = OWN_TEXTS[0]
    doc = parse_text(text, "t.txt", text.encode())
    (_, claims), = extractor.extract([doc])
    assert not [c for c in claims if isinstance(c, EdgeClaim) and c.type == "PARTICIPATES_IN"]


def test_citations_exact_on_own_texts(extractor):
    docs = [parse_text(t, f"own{i}.txt", t.encode()) for i, t in enumerate(OWN_TEXTS)]
    total = sum(_check(doc, claims) for doc, claims in extractor.extract(docs))
    assert total > 20


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no evaluation corpus at {CORPUS}")
def test_citations_exact_over_the_whole_corpus(extractor):
    paths = sorted(Path(CORPUS).glob("*.txt"))
    docs = [parse_text(p.read_text(encoding="utf-8"), p.name, p.read_bytes()) for p in paths]
    checked = 0
    for doc, claims in extractor.extract(docs):
        checked += _check(doc, claims)
    assert checked > 100 * len(paths) / 10
