"""Meetings, visits, cooperation, and events and mechanisms: who takes part, who
organises, where they are held."""
from __future__ import annotations

from collections.abc import Iterator

from diplograph.loaders.extract.vocab import (ACTORS, COOPERATES_WITH, COUNTRY, EVENT, LOCATED_IN,
                                   MECHANISM, MET_WITH, ORGANIZES, PARTICIPATES_IN, PLACE,
                                   VISITED)
from diplograph.loaders.extract.relations.sentence import Candidate, Sentence, by_trigger, subjects

__all__ = ["meetings", "visits", "cooperation", "participation", "organizing", "location",
           "parties", "attendance", "EVENTS"]

EVENTS = {EVENT, MECHANISM}
_ATTENDING = {"send", "participate", "attend", "address", "join", "lead", "during", "speak",
              "deliver"}


def meetings(s: Sentence) -> Iterator[Candidate]:
    """"A met (with) B"."""
    yield from by_trigger(s, MET_WITH)


def visits(s: Sentence) -> Iterator[Candidate]:
    """"A visited B", "A's trip to B"."""
    yield from by_trigger(s, VISITED)


def cooperation(s: Sentence) -> Iterator[Candidate]:
    """"cooperation between A and B", "A partners with B"."""
    yield from by_trigger(s, COOPERATES_WITH)


def participation(s: Sentence) -> Iterator[Candidate]:
    """"A participated in / attended / joined E", "A's delegation to E"."""
    yield from by_trigger(s, PARTICIPATES_IN)


def organizing(s: Sentence) -> Iterator[Candidate]:
    """"A organized / hosted / convened E"."""
    yield from by_trigger(s, ORGANIZES)


def location(s: Sentence) -> Iterator[Candidate]:
    """"E (was) held / took place / based in P"."""
    events = [m for m in s.mentions if s.label(m) in EVENTS]
    if not events:
        return
    for tok, _ in s.with_words({"hold", "take", "locate", "base"}):
        if tok.i + 1 < s.sent.end:
            place = s.right(tok.i, {PLACE, COUNTRY})
            event = s.left(tok.i, EVENTS)
            if place and event and s.doc[place.start - 1].lower_ in {"in", "at"}:
                yield event.entity, LOCATED_IN, place.entity, event.start, place.end, {}


def parties(s: Sentence) -> Iterator[Candidate]:
    """"E between A and B": each country is a party to every event of the sentence."""
    events = [m for m in s.mentions if s.label(m) in EVENTS]
    if not events:
        return
    for tok, _ in s.with_words({"between"}):
        first = s.right(tok.i, {COUNTRY})
        if first:
            for party in s.group(first):
                for event in events:
                    yield party.entity, PARTICIPATES_IN, event.entity, \
                        min(event.start, party.start), max(event.end, party.end), \
                        {"role": "party"}


def attendance(s: Sentence) -> Iterator[Candidate]:
    """"A sent a 12-member delegation to / took part in / addressed / spoke during E":
    the actor takes part in the nearest event, with the delegation's size."""
    events = [m for m in s.mentions if s.label(m) in EVENTS]
    if not events:
        return
    for tok, base in s.with_words(_ATTENDING):
        event = s.right(tok.i, EVENTS) or s.left(tok.i, EVENTS)
        if event is None:
            continue
        actors = subjects(s, tok, ACTORS)
        if base == "attend" and not actors:
            actors = [m for m in s.mentions if m.end <= tok.i and s.label(m) in ACTORS
                      and m.start > event.end]
        size = next((t.text for t in s.doc[tok.i:event.start] if t.like_num), None)
        for actor in actors:
            props = {"size": int(size)} if size and size.isdigit() else {}
            yield actor.entity, PARTICIPATES_IN, event.entity, min(actor.start, tok.i), \
                max(event.end, tok.i + 1), props
