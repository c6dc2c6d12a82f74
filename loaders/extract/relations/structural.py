"""Ties the resolved entities imply on their own, resting on no one sentence: a
country's ministry is part of it; a place lies in its country; an ordinal session is
an instance of its series; a mechanism has its parties and organiser; a known system
is developed by its country. Each is cited at the entity's first mention."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from diplograph.loaders.extract.patterns import Gazetteer
from diplograph.loaders.extract.resolve import GOVERNMENT_KINDS, DocEntities, Entity, Mention
from diplograph.loaders.extract.vocab import (DEVELOPS, EVENT, INSTANCE_OF, LOCATED_IN, ORGANIZATION,
                                   ORGANIZES, PART_OF, PARTICIPATES_IN, PLACE)
from diplograph.loaders.extract.relations.events import EVENTS
from diplograph.loaders.extract.relations.sentence import Candidate, gaz_entity
from diplograph.loaders.extract.relations.systems import SYSTEMS

__all__ = ["structural", "IMPLIED"]

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
    """A place lies in its country."""
    if ent.label == PLACE and ent.country:
        yield ent.id, LOCATED_IN, ent.country, m.start, m.end, {}


def instances(ents: DocEntities, gaz: Gazetteer, parsed: Any, ent: Entity, m: Mention
              ) -> Iterator[Candidate]:
    """"the 9th ... Conference" is an instance of its series, with its ordinal."""
    series = ent.properties.get("series")
    if ent.label == EVENT and series:
        props = {"ordinal": ent.properties["ordinal"]} if "ordinal" in ent.properties else {}
        yield ent.id, INSTANCE_OF, series, m.start, m.end, props


def mechanism_parties(ents: DocEntities, gaz: Gazetteer, parsed: Any, ent: Entity,
                      m: Mention) -> Iterator[Candidate]:
    """The parties of a mechanism or event: those its gazetteer entry lists and the
    countries its name begins with ("A-B Dialogue")."""
    if ent.label not in EVENTS:
        return
    series = ent.properties.get("series")
    entry = gaz.entries.get(series or ent.id)
    parties = [gaz.country_of(p) for p in (entry.extra.get("parties") or [])] \
        if entry else []
    name_part = re.split(r"\s", ent.name.replace("\u2013", "-"))[0:2]
    for piece in " ".join(name_part).split("-"):
        country = gaz.country_of(piece.strip())
        if country:
            parties.append(country)
    for country in dict.fromkeys(p for p in parties if p):
        if country in ents.entities or len(parties) > 1:
            yield country, PARTICIPATES_IN, ent.id, m.start, m.end, {"role": "party"}


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


#: run in this order for each entity
IMPLIED: dict[str, Implied] = {
    "government_bodies": government_bodies, "places": places, "instances": instances,
    "mechanism_parties": mechanism_parties, "organizers": organizers,
    "developers": developers}


def structural(ents: DocEntities, gaz: Gazetteer, parsed: Any) -> Iterator[Candidate]:
    """Every implied tie of every entity named in the document."""
    first: dict[str, Mention] = {}
    for m in ents.mentions:
        first.setdefault(m.entity, m)
    for entity_id, ent in list(ents.entities.items()):
        m = first.get(entity_id)
        if m is None:
            continue
        for rule in IMPLIED.values():
            yield from rule(ents, gaz, parsed, ent, m)
