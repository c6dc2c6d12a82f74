"""The content-hash cache: unchanged documents are not extracted again."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.graph.claims import Citation, EdgeClaim, NodeClaim
from diplograph.loaders.cache import ClaimCache
from diplograph.loaders.documents import parse_text
from diplograph.loaders.extract import extract_documents


class CountingExtractor:
    """A real (if tiny) extractor: one node per document, counting its calls."""

    fingerprint = "counting/1"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def extract(self, docs, *, workers=1):
        for doc in docs:
            self.seen.append(doc.id)
            cite = Citation(doc=doc.id, start=0, end=4, snippet=doc.text[:4], method="rule")
            yield doc, [NodeClaim(id="country:peru", label="Country", name="Peru",
                                  citation=cite)]


def test_round_trip(tmp_path: Path) -> None:
    cache = ClaimCache(tmp_path, fingerprint="f")
    cite = Citation(doc="d", start=1, end=3, snippet="ab", method="rule", confidence=0.5)
    claims = [EdgeClaim("person:a", "MET_WITH", "person:b", cite, {"date": "2025-01"})]
    cache.put("h", claims)
    assert cache.get("h") == claims
    assert ClaimCache(tmp_path, fingerprint="other").get("h") is None


def test_warm_run_extracts_nothing_and_edits_are_seen(tmp_path: Path) -> None:
    docs = [parse_text(f"Peru text {i}", f"d{i}.txt", f"bytes {i}".encode()) for i in range(3)]
    extractor = CountingExtractor()
    cold = list(extract_documents(docs, extractor=extractor, cache=tmp_path))
    warm = list(extract_documents(docs, extractor=extractor, cache=tmp_path))
    assert cold == warm and len(extractor.seen) == 3
    changed = [*docs[:2], parse_text("Peru text new", "d2.txt", b"new bytes")]
    list(extract_documents(changed, extractor=extractor, cache=tmp_path))
    assert len(extractor.seen) == 4


def test_corrupt_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ClaimCache(tmp_path, fingerprint="f")
    cache.put("h", [])
    for entry in tmp_path.rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert cache.get("h") is None
