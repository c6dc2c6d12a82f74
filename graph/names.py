"""Name normalisation, deterministic slug ids and "did you mean" suggestions.

Examples
--------
>>> normalize("  François  WU ")
'francois wu'
>>> slugify("Ministry of National Defense (Taiwan)")
'ministry-of-national-defense-taiwan'
>>> make_id("Organization", "Ministry of National Defense", qualifier="Taiwan")
'org:ministry-of-national-defense-taiwan'
>>> make_id("Person", "顧立雄")
'person:顧立雄'
"""
from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

from diplograph.graph.schema import SCHEMA

__all__ = ["normalize", "match_key", "slugify", "make_id", "closest"]

_PUNCT = re.compile(r"[^\w]+")
_SPACE = re.compile(r"\s+")


def _strip_accents(text: str) -> str:
    if text.isascii():  # nothing to strip (saving 80,000 rows keys each name and alias)
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed
                                                 if not unicodedata.combining(c)))


def normalize(text: str) -> str:
    """Case-fold, drop accents and squeeze whitespace: the form names are compared in."""
    return _SPACE.sub(" ", _strip_accents(str(text)).casefold()).strip()


@functools.lru_cache(maxsize=1 << 16)  # extraction and lookup ask about the same forms again
def match_key(text: str) -> str:
    """A looser key: :func:`normalize`, then no punctuation or spaces and no leading "the".

    "U.S." and "US", "Political-Military Dialogue" and "Political Military Dialogue"
    share a key.
    """
    folded = re.sub(r"^the\s+", "", normalize(text))
    return _PUNCT.sub("", folded).replace("_", "")


def slugify(text: str) -> str:
    """Lower-case, accent-free, hyphen-separated; keeps letters of any script."""
    return _PUNCT.sub("-", normalize(text)).replace("_", "-").strip("-")


def make_id(label: str, name: str, qualifier: str | None = None) -> str:
    """The one function that makes node ids: ``<label prefix>:<slug>[-<qualifier slug>]``."""
    slug = slugify(name)
    if qualifier:
        slug = f"{slug}-{slugify(qualifier)}"
    return f"{SCHEMA.label(label).id_prefix}:{slug}"


def closest(name: str, candidates: Iterable[str], *, n: int = 5) -> list[str]:
    """Candidates closest to ``name``: containment first, then string similarity.

    >>> closest("monterey", ["Monterey Talks", "Defense Security Talks", "Taiwan"])
    ['Monterey Talks']
    """
    wanted = normalize(name)
    pool = sorted(set(candidates))
    by_key = {c: normalize(c) for c in pool}
    contained = [c for c, key in by_key.items() if wanted and (wanted in key or key in wanted)]
    similar = difflib.get_close_matches(wanted, list(by_key.values()), n=n, cutoff=0.6)
    ranked = contained + [c for c in pool if by_key[c] in similar and c not in contained]
    return ranked[:n]
