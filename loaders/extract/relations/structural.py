"""Ties the resolved entities imply on their own, resting on no one sentence: a
country's ministry is part of it; a place lies in its country; an ordinal session is
an instance of its series; a mechanism has its parties and organiser; a known system
is developed by its country. Each is cited at the entity's first mention."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from diplograph.graph.names import match_key
from diplograph.loaders.extract.patterns import Gazetteer
from diplograph.loaders.extract.mentions import GOVERNMENT_KINDS, DocEntities, Entity, Mention
from diplograph.loaders.extract.vocab import (COOPERATES_WITH, DEVELOPS, EVENT, INSTANCE_OF,
                                              LOCATED_IN, ORGANIZATION, ORGANIZES, PART_OF,
                                              PARTICIPATES_IN, PLACE)
from diplograph.loaders.extract.relations.events import EVENTS
from diplograph.loaders.extract.relations.sentence import Candidate, gaz_entity
from diplograph.loaders.extract.relations.systems import SYSTEMS

__all__ = ["structural", "Implied", "name_parties", "government_bodies", "places", "instances",
           "mechanism_parties", "dialogue_partners", "sub_units", "organizers",
           "developers"]

# (entities, gazetteer, parsed doc, entity, its first mention) -> candidates
Implied = Callable[[DocEntities, Gazetteer, Any, Entity, Mention], Iterator[Candidate]]


def government_bodies(ents: DocEntities, gaz: Gazetteer, parsed: Any, ent: Entity,
                      m: Mention) -> Iterator[Candidate]:
    """A country's ministry, legislature, ... is part of it (the country is added, at
    its first demonym, when the text names it only that way)."""
    if ent.label == ORGANIZATION and ent.country and (
            ent.kind in GOVERNMENT_KINDS or ent.id in gaz.entries):
        if ent.country not in ents.entities:
            at = next((i for i, c in sorted(ents.demonyms.items()) if c == ent.country), None)
            if at is None:
                return
            ents.entities[ent.country] = gaz_entity(gaz, ent.country)
            tok = parsed[at]
            ents.mentions.append(Mention(at, at + 1, tok.idx, tok.idx + len(tok), tok.text,
                                         ent.country, tok.sent.start))
        yield ent.id, PART_OF, ent.country, m.start, m.end, {}


def places(ents: DocEntities, gaz: Gazetteer, parsed: Any, ent: Entity, m: Mention
           ) -> Iterator[Candidate]:
    """A place lies in its country (cited with the country when the text writes it
    after the place: "Arica, Chile")."""
    if ent.label == PLACE and ent.country:
        after = next((o for o in ents.mentions if o.entity == ent.country and o.sent >= 0
                      and o.start == m.end + 1 and parsed[m.end].text == ","), None)
        yield ent.id, LOCATED_IN, ent.country, m.start, after.end if after else m.end, {}


def instances(ents: DocEntities, gaz: Gazetteer, parsed: Any, ent: Entity, m: Mention
              ) -> Iterator[Candidate]:
    """"the 9th ... Conference" is an instance of its series, with its ordinal."""
    series = ent.properties.get("series")
    if ent.label == EVENT and series:
        props = {"ordinal": ent.properties["ordinal"]} if "ordinal" in ent.properties else {}
        yield ent.id, INSTANCE_OF, series, m.start, m.end, props


_SKIP = re.compile(r"^(the|\d+(st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh|"
                   r"eighth|ninth|tenth|inaugural|annual)$", re.I)


def _party_named(gaz: Gazetteer, words: str) -> str | None:
    """The country a name or demonym designates, or the international body a name
    does ("EU-U.S. Council"); a capital in a mechanism's name is where it meets, not a
    party ("the Lisbon talks")."""
    country = gaz.country_of(words)
    if country:
        return None if match_key(words) in gaz.capitals else country
    return next((i for i in gaz.lookup(words) if gaz.entries[i].label == ORGANIZATION
                 and gaz.entries[i].kind == "international"), None)


def name_parties(gaz: Gazetteer, name: str) -> list[tuple[str, str]]:
    """(id, the words naming it) for the countries (and international bodies) a
    mechanism's or event's name begins with ("U.S.-Mexico High-Level Dialogue",
    "German-Chinese talks", "EU-U.S. Council") or names after "between" ("Strategic
    Dialogue between A and B").

    >>> from diplograph.loaders.extract.patterns import load_gazetteer
    >>> [c for c, _ in name_parties(load_gazetteer(), "the 3rd Japan-India Dialogue")]
    ['country:japan', 'country:india']
    """
    words = [w for w in re.split(r"[\s\-\u2013/]+", name) if w]
    out: list[tuple[str, str]] = []

    def run(i: int) -> None:
        while i < len(words):
            if words[i].lower() == "and":
                i += 1
                continue
            for n in (3, 2, 1):
                piece = " ".join(words[i:i + n])
                country = _party_named(gaz, piece)
                if country:
                    out.append((country, piece))
                    i += n
                    break
            else:
                return

    start = 0
    while start < len(words) and _SKIP.match(words[start]):
        start += 1
    run(start)
    lower = [w.lower() for w in words]
    if "between" in lower:
        run(lower.index("between") + 1)
    return out


def mechanism_parties(ents: DocEntities, gaz: Gazetteer, parsed: Any, ent: Entity,
                      m: Mention) -> Iterator[Candidate]:
    """The parties of a mechanism or event: those its gazetteer entry lists, and the
    countries its name (or its series' name) begins with or names after "between". A
    party named only inside the name gets a mention there."""
    if ent.label not in EVENTS:
        return
    series = ent.properties.get("series")
    entry = gaz.entries.get(series or ent.id)
    named = [*name_parties(gaz, ent.name)]
    if series in ents.entities:
        named += name_parties(gaz, ents.entities[series].name)
    listed = [gaz.country_of(p) for p in (entry.extra.get("parties") or [])] if entry else []
    for country in dict.fromkeys([*(c for c, _ in named), *(c for c in listed if c)]):
        if country not in ents.entities:
            words = next((w for c, w in named if c == country), None)
            at = next((t for t in parsed[m.start:m.end] if words and t.text == words), None)
            if at is None:
                continue
            ents.entities[country] = gaz_entity(gaz, country)
            ents.mentions.append(Mention(at.i, at.i + 1, at.idx, at.idx + len(at), at.text,
                                         country, at.sent.start))
        yield country, PARTICIPATES_IN, ent.id, m.start, m.end, {"role": "party"}


def dialogue_partners(ents: DocEntities, gaz: Gazetteer, parsed: Any, ent: Entity,
                      m: Mention) -> Iterator[Candidate]:
    """The countries a bilateral or trilateral mechanism's or meeting's name joins ("A-B
    Strategic Dialogue", "the A-B summit") cooperate with one another: holding a
    dialogue is diplomatic cooperation (a war between them is not)."""
    if ent.label not in EVENTS or ent.kind == "conflict":
        return
    parties = list(dict.fromkeys(c for c, _ in name_parties(gaz, ent.name)))
    if not 2 <= len(parties) <= 3:
        return
    for k, a in enumerate(parties):
        for b in parties[k + 1:]:
            if a in ents.entities and b in ents.entities:
                yield a, COOPERATES_WITH, b, m.start, m.end, {"domain": "diplomatic"}


def sub_units(ents: DocEntities, gaz: Gazetteer, parsed: Any, ent: Entity, m: Mention
              ) -> Iterator[Candidate]:
    """A body whose name begins with another body's name the document names is part
    of it ("X University Institute for Y" of "X University")."""
    if ent.label != ORGANIZATION:
        return
    words = ent.name.split()
    for other in ents.entities.values():
        n = len(other.name.split())
        if other.label == ORGANIZATION and other.id != ent.id and n < len(words) and \
                " ".join(words[:n]) == other.name:
            yield ent.id, PART_OF, other.id, m.start, m.end, {}


def organizers(ents: DocEntities, gaz: Gazetteer, parsed: Any, ent: Entity, m: Mention
               ) -> Iterator[Candidate]:
    """The organiser the gazetteer gives a mechanism, when the document names it."""
    if ent.label not in EVENTS:
        return
    entry = gaz.entries.get(ent.properties.get("series") or ent.id)
    organizer = entry.extra.get("organizer") if entry else None
    for org_id in gaz.lookup(organizer or ""):
        if org_id in ents.entities:
            yield org_id, ORGANIZES, ent.id, m.start, m.end, {}


def developers(ents: DocEntities, gaz: Gazetteer, parsed: Any, ent: Entity, m: Mention
               ) -> Iterator[Candidate]:
    """A known system is developed by the country its gazetteer entry gives, when the
    document names that country."""
    if ent.label in SYSTEMS and ent.id in gaz.entries and ent.country is None:
        owner = gaz.entries[ent.id].country
        if owner and owner in ents.entities:
            yield owner, DEVELOPS, ent.id, m.start, m.end, {}


def structural(ents: DocEntities, gaz: Gazetteer, parsed: Any, rules: Iterable[Implied]
               ) -> Iterator[Candidate]:
    """Every implied tie (``rules``, in order) of every entity named in the document."""
    first: dict[str, Mention] = {}
    for m in ents.mentions:
        first.setdefault(m.entity, m)
    for entity_id, ent in list(ents.entities.items()):
        m = first.get(entity_id)
        if m is None:
            continue
        for rule in rules:
            yield from rule(ents, gaz, parsed, ent, m)
