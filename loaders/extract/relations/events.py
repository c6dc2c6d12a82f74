"""Meetings, visits, cooperation, and events and mechanisms: who takes part, who
organises, where they are held."""
from __future__ import annotations

from collections.abc import Iterator

from diplograph.loaders.extract.vocab import (ACTORS, COOPERATES_WITH, COUNTRY, EVENT, INSTANCE_OF,
                                              LOCATED_IN, MECHANISM, MET_WITH, OPPOSES,
                                              ORGANIZES, PARTICIPATES_IN, PERSON, PLACE,
                                              SEEKS_SUPPORT_FROM, SUPPORTS, VISITED)
from diplograph.loaders.extract.relations.paths import arguments, prefixed
from diplograph.loaders.extract.relations.words import FRAMES, word
from diplograph.loaders.extract.relations.sentence import (Candidate, Sentence, by_trigger, negated,
                                                         read_trigger)

__all__ = ["meetings", "visits", "cooperation", "participation", "organizing", "location",
           "parties", "attendance", "presence", "sessions", "EVENTS"]

EVENTS = {EVENT, MECHANISM}
#: prepositions that make a name the subject of talks, not a party to them
_TOPIC = frozenset({"on", "about", "over", "regarding", "concerning"})
#: what a verb of taking a side says of its object: a stance, not taking part in it
_STANCES = frozenset({OPPOSES, SUPPORTS, SEEKS_SUPPORT_FROM})


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
    """"E (was) held / took place / based in P", "E in P"."""
    yield from by_trigger(s, LOCATED_IN)
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
    """"E between A and B" (also with a title before each name, or "E, held between A
    and B"): the countries, bodies or people after "between" take part in the event or
    mechanism that "between" belongs to, and in no other event of the sentence."""
    for tok, _ in s.with_words({"between"}):
        owner = tok.head if tok.dep_ == "prep" else None
        event = s.by_token.get(owner.i) if owner is not None else None
        if (event is None or s.label(event) not in EVENTS) and owner is not None:
            event = next((m for role in ("obj", "subj") for m in
                          arguments(s, owner).get(role, ()) if s.label(m) in EVENTS), None)
        if event is None or s.label(event) not in EVENTS:
            event = s.left(tok.i, EVENTS)
            if event is None or tok.i - event.end > 1:
                continue
        first = s.right(tok.i, ACTORS)
        if first is None:
            continue
        for party in s.coordinated(first):
            role = "party" if s.label(party) == COUNTRY else "delegate"
            lo, hi = min(event.start, party.start), max(event.end, party.end)
            yield party.entity, PARTICIPATES_IN, event.entity, lo, hi, {"role": role}


def attendance(s: Sentence) -> Iterator[Candidate]:
    """"A sent a 12-member delegation to E", "a delegation of 30 from A attended E": the
    number written before or inside the delegation is its size."""
    for tok, base, frame in s.triggered(PARTICIPATES_IN):
        if base != "delegation":
            continue
        size = next((t.text for t in tok.subtree if t.like_num and t.text.isdigit()
                     and t.i < tok.i + 4), None)
        if size is None:
            continue
        for cand in read_trigger(s, tok, base, frame):
            yield (*cand[:5], {**cand[5], "size": int(size)})


def sessions(s: Sentence) -> Iterator[Candidate]:
    """"the 4th Ministerial Conference of the X Forum": a meeting named as one of a
    mechanism's is a session of it."""
    for m in s.mentions:
        if s.label(m) != EVENT or m.end + 1 >= s.sent.end or s.doc[m.end].lower_ != "of":
            continue
        at = m.end + 2 if s.doc[m.end + 1].lower_ == "the" else m.end + 1
        series = s.by_token.get(at)
        if series is not None and series.start == at and s.label(series) == MECHANISM:
            yield m.entity, INSTANCE_OF, series.entity, m.start, series.end, {}


def presence(s: Sentence) -> Iterator[Candidate]:
    """People named in a sentence with a meeting or mechanism take part in it ("X, in Y
    for the Z summit, said ..."), and so does a country or body that is the subject of
    the main clause, and a country when the sentence speaks of meeting or taking part
    (unless it acts in a clause of its own); a person attends the meeting named rather
    than its series; not in a war or crisis."""
    events = [m for m in s.mentions if s.label(m) in EVENTS
              and s.ents.entities[m.entity].kind != "conflict"]
    if not events:
        return
    meeting = any(s.label(e) == EVENT for e in events)
    # a sentence about taking part (or meeting) ties the countries it names too
    # (welcoming or hosting a meeting, rather than a person, is no meeting)
    gathering = any(f.pos in {"verb", "noun"} and not (f.type == MET_WITH and any(
        c.dep_ == "dobj" and any(t.i in s.by_token and s.label(s.by_token[t.i]) in EVENTS
                                 for t in c.subtree)
        for c in tok.children)) for tok, _, f in s.triggered(PARTICIPATES_IN, MET_WITH))
    for m in s.mentions:
        if s.label(m) not in ACTORS or prefixed(s.doc, m) or (
                m.start and s.doc[m.start - 1].lower_ in _TOPIC):
            continue        # "the one-China policy", "talks on Syria": no actor
        root = s.root(m)
        verb = root.head.head if root.dep_ == "pobj" else root.head
        main = verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT"
        subject = main and (root.dep_ in {"nsubj", "nsubjpass"} or (
            root.dep_ == "pobj" and root.head.dep_ == "agent"))
        other_clause = root.dep_ in {"nsubj", "nsubjpass"} and not main
        acts = verb
        for _ in range(3):      # the verb the name's phrase belongs to
            if acts.tag_.startswith("VB") or acts.head.i == acts.i:
                break
            acts = acts.head
        if negated(acts) or any(f.type in _STANCES for f in FRAMES.get(word(acts), ())):
            continue        # "A did not attend the B summit", "A criticised the B forum"
        if not subject and s.label(m) != PERSON and not (
                gathering and s.label(m) == COUNTRY and not other_clause):
            continue
        for event in events:
            if s.label(m) == PERSON and s.label(event) == MECHANISM and meeting:
                continue    # a person attends the session the sentence names
            lo, hi = min(m.start, event.start), max(m.end, event.end)
            yield m.entity, PARTICIPATES_IN, event.entity, lo, hi, {}
