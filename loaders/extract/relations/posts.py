"""Posts and memberships: who holds a title where, and who belongs to a party.

"Foreign Minister X", "researcher at Y, X", "President X", "party lawmaker X" (a title
before the name) and "X, deputy minister of armaments in the MND" (an apposition
after it).
"""
from __future__ import annotations

from collections.abc import Iterator

from diplograph.loaders.extract.resolve import Mention
from diplograph.loaders.extract.vocab import COUNTRY, HOLDS_POSITION, MEMBER_OF, ORGANIZATION, PERSON
from diplograph.loaders.extract.relations.sentence import Candidate, Sentence, by_trigger, gaz_entity
from diplograph.loaders.extract.relations.words import TITLE_WORDS

__all__ = ["titles", "appositions", "membership"]


def titles(s: Sentence) -> Iterator[Candidate]:
    """A title before a name: the post at the body named in it (a party makes it a
    membership), else the country's ministry its words name ("Foreign Minister"), its
    head of state or government, or its legislature ("lawmaker")."""
    doc, gaz, ents = s.doc, s.gaz, s.ents
    for m in s.mentions:
        if s.label(m) != PERSON:
            continue
        lo = max(s.sent.start, m.start - 12)
        window = [t for t in doc[lo:m.start]]
        while window and not any(t.lower_ in TITLE_WORDS for t in window[:1]) and \
                any(t.tag_.startswith("VB") or t.lower_ in {"by", "that"} for t in window):
            window = window[1:]
        words = {t.lower_ for t in window}
        if not words & TITLE_WORDS:
            continue
        country = next((ents.demonyms[t.i] for t in reversed(window)
                        if t.i in ents.demonyms), None)
        orgs = [x for x in s.mentions if lo <= x.start < m.start and s.label(x) in
                {ORGANIZATION, COUNTRY}]
        country = country or next((x.entity for x in orgs if s.label(x) == COUNTRY),
                                  None) or ents.main_country
        title = doc[window[0].i:m.start].text.strip(" ,“”\"'")
        orgs = [x for x in orgs if s.label(x) == ORGANIZATION]
        for org in orgs:
            kind = ents.entities[org.entity].kind
            rel = MEMBER_OF if kind == "party" else HOLDS_POSITION
            yield m.entity, rel, org.entity, org.start, m.end, {"title": title}
        if "minister" in words and not orgs and country:
            for t in window:
                ministry = gaz.ministry(country, t.text)
                if ministry and ministry in ents.entities:
                    yield m.entity, HOLDS_POSITION, ministry, t.i, m.end, {"title": title}
                    break
                if ministry:
                    ents.entities.setdefault(ministry, gaz_entity(gaz, ministry))
                    ents.mentions.append(Mention(t.i, t.i + 1, t.idx, t.idx + len(t),
                                                 t.text, ministry, s.sent.start))
                    yield m.entity, HOLDS_POSITION, ministry, t.i, m.end, {"title": title}
                    break
        head = [w.lower() for w in gaz.titles.get("country", [])]
        if not orgs and country and window and any(
                doc[max(lo, m.start - len(h.split())):m.start].text.lower() == h
                for h in head):
            yield m.entity, HOLDS_POSITION, country, window[0].i, m.end, {"title": title}
        legislature = {w.lower() for w in gaz.titles.get("legislature", [])}
        if words & legislature and country:
            body = gaz.body_of(country, "legislature")
            if body:
                if body not in ents.entities:
                    t = next(t for t in window if t.lower_ in legislature)
                    ents.entities[body] = gaz_entity(gaz, body)
                    ents.mentions.append(Mention(t.i, t.i + 1, t.idx, t.idx + len(t),
                                                 t.text, body, s.sent.start))
                yield m.entity, HOLDS_POSITION, body, window[0].i, m.end, {"title": title}


def appositions(s: Sentence) -> Iterator[Candidate]:
    """A title after a name, set off by a comma: "X, deputy minister of armaments in the
    Ministry ..." -> X holds a post at the first organisation before the clause ends."""
    doc = s.doc
    for m in s.mentions:
        if s.label(m) != PERSON:
            continue
        after = doc[m.end:min(m.end + 14, s.sent.end)]
        if len(after) > 2 and after[0].text == "," and after[1].lower_ in TITLE_WORDS | {
                "the", "a", "an"}:
            for t in after[1:]:
                if t.tag_ in {"VBD", "VBZ", "VBP"} or t.text in {";", "("}:
                    break
                org = s.by_token.get(t.i)
                if org and s.label(org) == ORGANIZATION:
                    title = doc[m.end + 1:org.start].text.strip(" ,")
                    yield m.entity, HOLDS_POSITION, org.entity, m.start, org.end, {
                        "title": title}
                    break


def membership(s: Sentence) -> Iterator[Candidate]:
    """"A joined B", "A, a member of B", "B's membership": A is a member of B."""
    yield from by_trigger(s, MEMBER_OF)
