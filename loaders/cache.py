"""A content-hash cache of extracted claims, so that rebuilding an unchanged corpus
redoes no extraction.

An entry's key is the SHA-256 of the extractor's fingerprint (its name, version,
model and gazetteers) and the document's bytes: editing a document, a gazetteer or
the extractor invalidates exactly the entries it affects. Entries are JSON files
written atomically (temporary file + ``os.replace``).

The cache only saves time, so it never stops a build: an entry that cannot be read
(damaged, or holding values a claim refuses) is a miss, and when an entry cannot be
written (a full disk, a read-only folder) the cache stops writing and keeps the
reason in :attr:`ClaimCache.unwritable`.

Examples
--------
>>> import tempfile
>>> from diplograph.graph.claims import Citation, NodeClaim
>>> cache = ClaimCache(tempfile.mkdtemp(), fingerprint="demo")
>>> claims = [NodeClaim(id="country:taiwan", label="Country", name="Taiwan",
...                     citation=Citation(doc="d", start=0, end=6, snippet="Taiwan",
...                                       method="rule", confidence=0.9))]
>>> cache.put("abc", claims)
>>> cache.get("abc") == claims, cache.get("other")
(True, None)
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from diplograph.graph.claims import Citation, Claim, DocumentRecord, EdgeClaim, NodeClaim
from diplograph.graph.errors import DiplographError, OutputError
from diplograph.graph.files import atomic_open

__all__ = ["ClaimCache", "claim_to_dict", "claim_from_dict"]


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """A claim as plain JSON data, tagged with its kind."""
    if isinstance(claim, NodeClaim):
        return {"node": {"id": claim.id, "label": claim.label, "name": claim.name,
                         "kind": claim.kind, "aliases": list(claim.aliases),
                         "properties": claim.properties,
                         "citation": claim.citation.to_dict() if claim.citation else None}}
    if isinstance(claim, EdgeClaim):
        return {"edge": {"source": claim.source, "type": claim.type, "target": claim.target,
                         "properties": claim.properties, "citation": claim.citation.to_dict()}}
    return {"document": claim.to_dict()}


def claim_from_dict(data: dict[str, Any]) -> Claim:
    """The inverse of :func:`claim_to_dict`."""
    if "node" in data:
        n = data["node"]
        cite = Citation.from_dict(n["citation"]) if n.get("citation") else None
        return NodeClaim(id=n["id"], label=n["label"], name=n["name"], kind=n.get("kind"),
                         aliases=tuple(n.get("aliases", ())),
                         properties=dict(n.get("properties", {})), citation=cite)
    if "edge" in data:
        e = data["edge"]
        return EdgeClaim(source=e["source"], type=e["type"], target=e["target"],
                         citation=Citation.from_dict(e["citation"]),
                         properties=dict(e.get("properties", {})))
    return DocumentRecord(**data["document"])


class ClaimCache:
    """Claims per document, keyed by the document's content hash and the extractor."""

    def __init__(self, directory: str | Path, *, fingerprint: str) -> None:
        self.directory = Path(directory)
        self.fingerprint = fingerprint
        #: Why entries are no longer written, once one could not be.
        self.unwritable: str | None = None

    def _path(self, content_hash: str) -> Path:
        key = hashlib.sha256(f"{self.fingerprint}\0{content_hash}".encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.json"

    def get(self, content_hash: str) -> list[Claim] | None:
        """The cached claims of a document, or ``None`` (also for an unreadable entry)."""
        path = self._path(content_hash)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return [claim_from_dict(item) for item in data["claims"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError, DiplographError):
            return None

    def put(self, content_hash: str, claims: list[Claim]) -> None:
        """Store the claims of a document; a failed write only turns the cache off."""
        if self.unwritable is not None:
            return
        path = self._path(content_hash)
        payload = json.dumps({"claims": [claim_to_dict(c) for c in claims]},
                             ensure_ascii=False, separators=(",", ":"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_open(path, newline=None) as handle:
                handle.write(payload)
        except OSError as exc:
            self.unwritable = f"cannot write {path.parent}: {exc.strerror or exc}"
        except OutputError as exc:
            self.unwritable = str(exc)
