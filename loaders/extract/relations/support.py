"""Support and its opposites: opposition and criticism, support and supply, requests
for support, and funding. Each reads its trigger words (:mod:`.words`) through
:func:`.sentence.read_trigger`."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from diplograph.loaders.extract.vocab import ACTORS, FUNDS, OPPOSES, SEEKS_SUPPORT_FROM, SUPPORTS
from diplograph.loaders.extract.relations.sentence import (Candidate, Sentence, by_trigger,
                                                           read_trigger, subjects, virtual)
from diplograph.loaders.extract.relations.words import ASK_WORDS, SUPPORT_NOUNS

__all__ = ["opposition", "support", "requests", "funding"]


def opposition(s: Sentence) -> Iterator[Candidate]:
    """"A opposed / criticized / threatened B", "Chinese pressure on B"."""
    yield from by_trigger(s, OPPOSES)


def support(s: Sentence) -> Iterator[Candidate]:
    """"A supports / supplies / backs B", "B's backer A"."""
    yield from by_trigger(s, SUPPORTS)


def funding(s: Sentence) -> Iterator[Candidate]:
    """"A funds / allocated ... for B" (amounts and periods come from the sentence)."""
    yield from by_trigger(s, FUNDS)


def requests(s: Sentence) -> Iterator[Candidate]:
    """"A urged / requested / appealed to B", and "A urged B to support ...", "A
    requested B's assistance": A seeks support from B."""
    for tok, base, frame in s.triggered(SEEKS_SUPPORT_FROM, SUPPORTS):
        found = read_trigger(s, tok, base, frame) if frame.type == SEEKS_SUPPORT_FROM else \
            _seeking(s, tok) if base in SUPPORT_NOUNS or base == "assist" else ()
        # an official does not ask their own country ("A called on the two sides")
        yield from (c for c in found if s.ents.entities[c[0]].country != c[2])


def _seeking(s: Sentence, tok: Any) -> Iterator[Candidate]:
    """The help named by ``tok`` was asked for by the subject of the last asking word
    before it, of the entity it belongs to (or the demonym before it, or the actor
    between the two)."""
    asks = [t for t, _ in s.with_words(ASK_WORDS) if t.i < tok.i]
    if not asks:
        return
    ask = asks[-1]
    seekers = subjects(s, ask, ACTORS)
    if not seekers:
        return
    helper = next((s.by_token[c.i] for c in tok.children if c.i in s.by_token), None)
    if helper is None and tok.i - 1 in s.ents.demonyms:
        helper = virtual(s, s.ents.demonyms[tok.i - 1], tok)
    if helper is None:
        helper = next((m for m in s.mentions if ask.i < m.start < tok.i
                       and s.label(m) in ACTORS), None)
    if helper is None:
        return
    for seeker in seekers:
        if seeker.entity != helper.entity:
            yield seeker.entity, SEEKS_SUPPORT_FROM, helper.entity, seeker.start, tok.i + 1, {}
