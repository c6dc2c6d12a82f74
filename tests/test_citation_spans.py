"""Every extracted citation covers a real span: start < end, and its snippet is the
document's text there, whatever order a rule finds the two ends of a tie in."""
from __future__ import annotations

import pytest

from diplograph.graph.claims import EdgeClaim
from diplograph.loaders.documents import parse_text

pytest.importorskip("spacy")


def test_party_named_before_its_event_is_cited_in_text_order():
    # The countries come before the event they are parties to: the citation must
    # still run from the first word to the last, not from the event back to a party.
    text = ("Relations between Canada and Mexico warmed after the Monterey Talks "
            "last spring, officials said.")
    from diplograph.loaders.extract import get_extractor
    doc = parse_text(text, "t.txt", text.encode())
    (_, claims), = get_extractor().extract([doc])
    edges = [c for c in claims if isinstance(c, EdgeClaim)]
    assert any(c.type == "PARTICIPATES_IN" for c in edges)
    for c in edges:
        assert c.citation.start < c.citation.end
        assert c.citation.snippet == text[c.citation.start:c.citation.end]
