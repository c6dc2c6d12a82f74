"""Generic bodies ("Ministry of Foreign Affairs", "Defence Ministry", "Parliament"):
recognising one, and naming it after the country the text gives it.

Every country has a foreign ministry, so the name alone says nothing about whose it
is. A generic body is only ever an entity together with its country: its id and
name carry the country ("Ministry of Foreign Affairs (Japan)"), and its aliases are
the qualified forms a reader would search for ("Japanese Ministry of Foreign
Affairs", "Ministry of Foreign Affairs of Japan"), never the bare generic name,
which would match every country's body. Where the text gives no country the body is
not recorded (:mod:`.resolve` decides where the country comes from).

Examples
--------
>>> from diplograph.loaders.extract.patterns import Entry, GenericBody
>>> japan = Entry("country:japan", "Country", "Japan", extra={"demonyms": ["Japanese"]})
>>> body = GenericBody("Ministry of Foreign Affairs", "ministry")
>>> q = qualify(body, japan, "Foreign Ministry")
>>> q.id, q.name
('org:ministry-of-foreign-affairs-japan', 'Ministry of Foreign Affairs (Japan)')
>>> sorted(q.aliases)
['Foreign Ministry of Japan', 'Japan Foreign Ministry', 'Japan Ministry of Foreign Affairs', 'Japanese Foreign Ministry', 'Japanese Ministry of Foreign Affairs', 'Ministry of Foreign Affairs of Japan']
"""
from __future__ import annotations

from dataclasses import dataclass

from diplograph.graph.names import make_id, match_key
from diplograph.loaders.extract.names import PORTFOLIO
from diplograph.loaders.extract.patterns import Entry, Gazetteer, GenericBody
from diplograph.loaders.extract.vocab import ORGANIZATION

__all__ = ["Qualified", "generic_body", "qualify", "BODY_HEADS"]

#: Head words of a body's name; a name made only of these and portfolio words
#: ("National Security Council", "Ministry of Public Security") is generic.
BODY_HEADS = frozenset({"ministry", "ministries", "department", "council", "office", "cabinet",
                        "parliament", "senate", "secretariat", "agency", "commission",
                        "committee", "bureau", "directorate", "assembly", "authority"})
_GLUE = frozenset({"of", "for", "and", "the", "&", "on"})


@dataclass(frozen=True, slots=True)
class Qualified:
    """A generic body of one country: node id, display name, kind and aliases."""

    id: str
    name: str
    kind: str | None
    aliases: frozenset[str]


def generic_body(surface: str, gaz: Gazetteer) -> GenericBody | None:
    """The generic body ``surface`` names: a gazetteer's generic name, or a name made
    only of body head words and portfolio words ("Ministry of Public Security")."""
    body = gaz.generic.get(match_key(surface))
    if body is not None:
        return body
    words = [w.lower() for w in surface.replace("'s", "").split()]
    if not words or not any(w in BODY_HEADS for w in words) or words[0] in _GLUE:
        return None
    if all(w in BODY_HEADS or w in PORTFOLIO or w in _GLUE for w in words):
        return GenericBody(name=surface.strip(), kind=_kind(words, gaz))
    return None


def _kind(words: list[str], gaz: Gazetteer) -> str | None:
    return next((gaz.kind_words[w] for w in words if w in gaz.kind_words), None)


def qualify(body: GenericBody, country: Entry, surface: str) -> Qualified:
    """``body`` of ``country``: id and name carry the country; aliases are the qualified
    forms of the canonical name and of the ``surface`` the text used."""
    demonyms = list(country.extra.get("demonyms") or ())
    # the adjective (listed first) and abbreviations ("U.S."), not nouns for the people
    adjectives = [d for k, d in enumerate(demonyms) if k == 0 or "." in d or d.isupper()]
    aliases: set[str] = set()
    for name in dict.fromkeys((body.name, surface.strip())):
        aliases.update(f"{d} {name}" for d in adjectives)
        aliases.add(f"{country.name} {name}")
        aliases.add(f"{name} of {country.name}")
    return Qualified(id=make_id(ORGANIZATION, body.name, country.name),
                     name=f"{body.name} ({country.name})", kind=body.kind,
                     aliases=frozenset(aliases))
