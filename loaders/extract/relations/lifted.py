"""Ties read over the whole document's candidates: an official's visit abroad is their
country's visit, their part in a meeting their country's; the officials of a report
about one meeting take part in it.

A person serves a country when a candidate gives them a post at it or at one of its
bodies (:mod:`.posts`). Run after the sentence rules, before emitting.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from diplograph.loaders.extract.mentions import DocEntities
from diplograph.loaders.extract.vocab import (COUNTRY, EVENT, HOLDS_POSITION, MET_WITH,
                                              PARTICIPATES_IN, PERSON, PLACE,
                                              VISITED)
from diplograph.loaders.extract.relations.sentence import Candidate

__all__ = ["lifted", "Lifted", "served", "state_visits", "meetings_abroad", "delegations"]

Placed = tuple[Candidate, Any]          # a candidate and the sentence it rests on


def served(ents: DocEntities, candidates: Iterable[Placed]) -> dict[str, str]:
    """person id -> the country they hold a post for, when the document gives one."""
    out: dict[str, str] = {}
    for (source, rel, target, *_), _ in candidates:
        post = ents.entities.get(target)
        if rel != HOLDS_POSITION or source not in ents.entities or post is None:
            continue
        country = target if post.label == COUNTRY else post.country
        if country:
            out.setdefault(source, country)
    return out


def state_visits(ents: DocEntities, candidates: list[Placed], serving: dict[str, str]
                 ) -> Iterator[Placed]:
    """An official's visit to a place known to be outside their country is their
    country's visit."""
    for (source, rel, target, lo, hi, _), sent in candidates:
        country = serving.get(source)
        where = ents.entities.get(target)
        if rel != VISITED or country is None or where is None or target == country \
                or where.country == country or ents.entities[source].label != PERSON:
            continue
        if where.label != COUNTRY and where.country is None:
            continue        # a place of unknown country may be at home
        yield (country, VISITED, target, lo, hi, {}), sent


def meetings_abroad(ents: DocEntities, candidates: list[Placed], serving: dict[str, str]
                    ) -> Iterator[Placed]:
    """"A met B in P": an official who meets someone in a place (or country) known to
    lie outside the country they serve has visited it."""
    for (source, rel, target, lo, hi, _), sent in candidates:
        if rel != MET_WITH or sent is None:
            continue
        for m in ents.mentions:
            where = ents.entities.get(m.entity)
            if m.sent != sent.start or where is None or where.label not in {PLACE, COUNTRY} \
                    or m.start == 0 or sent.doc[m.start - 1].lower_ != "in":
                continue
            verb = sent.doc[m.start - 1].head
            within = {t.i for t in verb.subtree}
            if not verb.tag_.startswith("VB") or not all(
                    any(o.start in within for o in ents.mentions
                        if o.entity == person and o.sent == sent.start)
                    for person in (source, target)):
                continue    # "in P" belongs to another word ("the war in P")
            home = m.entity if where.label == COUNTRY else where.country
            for person in (source, target):
                country = serving.get(person)
                if home and country and country != home:
                    yield (person, VISITED, m.entity, min(lo, m.start), max(hi, m.end),
                           {}), sent


def delegations(ents: DocEntities, candidates: list[Placed], serving: dict[str, str]
                ) -> Iterator[Placed]:
    """An official taking part in a meeting or mechanism brings their country to it."""
    for (source, rel, target, lo, hi, _), sent in candidates:
        country = serving.get(source)
        if rel != PARTICIPATES_IN or country is None or ents.entities[source].label != PERSON:
            continue
        yield (country, PARTICIPATES_IN, target, lo, hi, {"role": "party"}), sent


def main_event(ents: DocEntities, candidates: list[Placed], serving: dict[str, str]
               ) -> Iterator[Placed]:
    """A report about one meeting: when one event (not a war) is named more often than
    any other, and at least twice (naming its series counts: the session is what the
    report is about), the officials the document names (with a post or a title) take
    part in it; when the text names the countries taking part, only their officials."""
    sessions: dict[str, list[str]] = {}
    for ent in ents.entities.values():
        if ent.label == EVENT and ent.kind != "conflict":
            sessions.setdefault(ent.properties.get("series") or ent.id, []).append(ent.id)
    counts: dict[str, int] = {}
    first: dict[str, tuple[int, int]] = {}
    events = {e for found in sessions.values() for e in found}
    for m in ents.mentions:
        if m.sent < 0:
            continue
        for event in [m.entity] if m.entity in events else sessions.get(m.entity, ()):
            counts[event] = counts.get(event, 0) + 1
            if m.entity == event:
                first.setdefault(event, (m.start, m.end))
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return
    event = ranked[0][0]
    if event not in first:
        return
    lo, hi = first[event]
    # when the text says whose meeting it is, officials of other countries are only
    # named in the report ("the visiting minister had also met ..."), not taking part
    series = ents.entities[event].properties.get("series")
    parties = {source for (source, rel, target, *_), _ in candidates
               if rel == PARTICIPATES_IN and target in {event, series}
               and ents.entities.get(source) is not None
               and ents.entities[source].label == COUNTRY}
    people = {m.entity for m in ents.mentions if m.title and m.entity in ents.entities}
    for person in sorted(set(serving) | people):
        if ents.entities[person].label == PERSON and (
                not parties or serving.get(person, next(iter(parties))) in parties):
            yield (person, PARTICIPATES_IN, event, lo, hi, {}), None


Lifted = Callable[[DocEntities, list[Placed], dict[str, str]], Iterator[Placed]]


def lifted(ents: DocEntities, candidates: list[Placed], rules: Iterable[Lifted]
           ) -> list[Placed]:
    """Every lifted tie (``rules``, in order) of the document's candidates; each rule
    also reads what the rules before it found."""
    serving = served(ents, candidates)
    out: list[Placed] = []
    for rule in rules:
        out.extend(list(rule(ents, candidates + out, serving)))
    return out
