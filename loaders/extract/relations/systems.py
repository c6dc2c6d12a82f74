"""Weapon systems and initiatives: who develops, acquires or proposes them, what they
are made of, and what they resemble."""
from __future__ import annotations

from collections.abc import Iterator

from diplograph.loaders.extract.vocab import (ACQUIRES, COUNTRY, DEVELOPS, INITIATIVE, PART_OF,
                                   PROPOSES, RESEMBLES, WEAPON)
from diplograph.loaders.extract.relations.sentence import Candidate, Sentence, by_trigger

__all__ = ["developing", "possession", "acquiring", "composition", "resemblance",
           "proposals", "SYSTEMS"]

SYSTEMS = {WEAPON, INITIATIVE}


def developing(s: Sentence) -> Iterator[Candidate]:
    """"A develops / builds / produces S"."""
    yield from by_trigger(s, DEVELOPS)


def acquiring(s: Sentence) -> Iterator[Candidate]:
    """"A buys / acquires / procures S"."""
    yield from by_trigger(s, ACQUIRES)


def proposals(s: Sentence) -> Iterator[Candidate]:
    """"A announced / proposed / launched I"."""
    yield from by_trigger(s, PROPOSES)


def resemblance(s: Sentence) -> Iterator[Candidate]:
    """"S resembles / was modelled on T"."""
    yield from by_trigger(s, RESEMBLES)


def composition(s: Sentence) -> Iterator[Candidate]:
    """"I integrates / includes S1 and S2": each system is part of the initiative; "a
    meeting on the sidelines of E" is part of E."""
    yield from by_trigger(s, PART_OF)


def possession(s: Sentence) -> Iterator[Candidate]:
    """"Israel's Iron Dome", "the American THAAD system": the country develops it."""
    for m in s.mentions:
        if s.label(m) not in SYSTEMS:
            continue
        for i in range(m.start - 1, max(s.sent.start, m.start - 6) - 1, -1):
            t = s.doc[i]
            if t.tag_.startswith("VB") or t.tag_ in {"IN", "TO", "CC"} or \
                    t.text in {",", ";", "("}:
                break       # the owner is in the system's own noun phrase
            owner = s.ents.demonyms.get(i) or (
                s.by_token[i].entity if i in s.by_token and s.label(s.by_token[i]) == COUNTRY
                else None)
            if owner:
                yield owner, DEVELOPS, m.entity, i, m.end, {}
                break
