"""Entity mentions in one parsed document -> resolved entities.

Within a document: gazetteer names, demonyms and capitals become countries (a
capital after "in", "to", "at" is a place); a generically named body ("Ministry of
National Defense", "Foreign Ministry") takes the country the text gives it
(:meth:`_Builder.country_for`: in its own noun phrase, a body listed with it, the
same body qualified earlier, else the nearest country named in its sentence or the
one before) and is dropped when there is none (:mod:`.bodies`); titles are stripped
from names and kept on the person's mention with the post they name (:mod:`.titles`);
sessions, meetings, channels and conflicts named in lower case become events and
mechanisms (:mod:`.happenings`); datelines, credits, fragments and lone common or
title words are not entities (:mod:`.junk`); "(MND)" after a name makes "MND" an
alias; surnames and given names resolve to the full name; "the ministry" to the last
ministry named. Across documents, ids do the merging: :func:`graph.names.make_id`
folds accents and case, and country-specific bodies carry their country, so Taiwan's
and China's Ministry of National Defense stay apart (a surname alone joins its full
name in :mod:`.people`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from diplograph.graph.names import make_id, match_key
from diplograph.loaders.extract.bodies import BODY_HEADS, generic_body, qualify
from diplograph.loaders.extract.happenings import Happenings
from diplograph.loaders.extract.junk import in_credit, is_dateline, is_junk_words
from diplograph.loaders.extract.mentions import (GOVERNMENT_KINDS, QUOTES, DocEntities, Entity,
                                                 Mention, country_near, text_of, trim_span)
from diplograph.loaders.extract.names import (HONORIFICS, PARTICLES, PORTFOLIO, SUFFIXES,
                                              TITLE_HEADS, TITLE_MODIFIERS, clean_person,
                                              is_title_word)
from diplograph.loaders.extract.patterns import (CAPITAL, DEMONYM, GENERIC, NAMED, NAMED_ORG,
                                                 RULER_LABEL, Gazetteer, GenericBody)
from diplograph.loaders.extract.sessions import ordinal_value, session_word
from diplograph.loaders.extract.titles import LOWER_CASE_HEADS, PORTFOLIO_OF, Titles
from diplograph.loaders.extract.vocab import (COUNTRY, EVENT, INITIATIVE, MECHANISM, ORGANIZATION,
                                   PERSON, PLACE, WEAPON)

__all__ = ["resolve_document", "post_of"]

_PLACE_PREPS = {"in", "at", "to", "from", "near", "into", "visit", "visited", "visiting"}
_PERSON_TITLES = {"minister", "president", "secretary", "ambassador", "chairman", "premier",
                  "director", "spokesperson", "spokesman", "envoy", "general", "admiral",
                  "senator", "lawmaker", "legislator", "mayor", "governor", "professor",
                  "dr", "mr", "mrs", "ms"}
#: a capitalised word that may end a name ("M’Carter", "O'Neill", "Al-Amin")
_NAME_PART = re.compile(r"^[A-Z][a-z]*(?:[’'-][A-Z]?[a-z]+)+$|^[A-Z][a-z]+$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{0,2}[A-Z]{1,5}$")
_EVENT_HEADS = {"war": "conflict", "conflict": "conflict", "crisis": "conflict",
                "exercise": "exercise", "exercises": "exercise", "drill": "exercise",
                "drills": "exercise", "summit": "meeting", "visit": "visit"}
_ANAPHORA = {"ministry": "ministry", "department": "ministry", "conference": EVENT,
             "review": INITIATIVE, "report": INITIATIVE, "budget": INITIATIVE,
             "system": WEAPON}


def _classify_named(words: list[str], gaz: Gazetteer) -> tuple[str, str | None] | None:
    head = words[-1].lower() if words else ""
    two = " ".join(words[-2:]).lower()
    for key in (two, head):
        if key in gaz.mechanism_heads:
            return MECHANISM, gaz.mechanism_heads[key]
        if key in gaz.initiative_heads:
            return INITIATIVE, gaz.initiative_heads[key]
    if head in _EVENT_HEADS:
        return EVENT, _EVENT_HEADS[head]
    return None


def _org_kind(words: list[str], gaz: Gazetteer) -> str | None:
    for w in words:
        if w.lower() in gaz.kind_words:
            return gaz.kind_words[w.lower()]
    return None


class _Builder(Titles, Happenings):
    """Resolves one document's spans; titles and happenings come from the mixins."""

    def __init__(self, doc: Any, gaz: Gazetteer, out: DocEntities | None = None) -> None:
        self.doc, self.gaz, self.out = doc, gaz, out or DocEntities()
        self.alias: dict[str, str] = {}
        self.sent_starts = [sent.start for sent in doc.sents]
        #: (token index, country id) of every country the text names, in order
        self.countries: list[tuple[int, str]] = []
        #: token indices inside a person's title ("his Japanese counterpart"): a country
        #: named there is that person's, not a neighbour's
        self.in_titles: set[int] = set()
        #: generic body (match key of its name) -> the country the text gave it
        self.bodies_seen: dict[str, str] = {}
        self.spans: list[Any] = []
        self.country_at: dict[int, str] = {}
        #: tokens inside any span of the parse
        self.ent_tokens: set[int] = set()
        #: ends of spans naming a city or region (a country after "<city>," is where)
        self.place_ends: set[int] = set()

    def sent_of(self, i: int) -> int:
        return bisect_right(self.sent_starts, i) - 1

    def entity(self, entity_id: str, label: str, name: str, surface: str | None, *,
               kind: str | None = None, country: str | None = None,
               properties: dict[str, Any] | None = None) -> Entity:
        ent = self.out.entities.get(entity_id)
        if ent is None:
            ent = self.out.entities[entity_id] = Entity(entity_id, label, name, kind, country)
        if len(name) > len(ent.name) and label not in {COUNTRY}:
            ent.name = name
        if surface is not None:
            ent.aliases.add(surface)
            self.alias.setdefault(match_key(surface), entity_id)
        ent.properties.update(properties or {})
        return ent

    def mention(self, start: int, end: int, entity_id: str) -> Mention:
        span = self.doc[start:end]
        sent = self.sent_starts[self.sent_of(start)]
        m = Mention(start, end, span.start_char, span.end_char, span.text, entity_id, sent)
        self.out.mentions.append(m)
        return m

    def country_for(self, start: int, end: int) -> str | None:
        """The country of the body at ``doc[start:end]``: one named in its own noun
        phrase ("Japan's", "Indian", "of Kenya", "(Chile)"), else the nearest country
        named in its sentence (not one a preposition makes a destination, nor one in
        another person's title), else the last one of the sentence before."""
        near = country_near(self.doc, start, end, self.gaz, self.out.demonyms)
        if near:
            return near
        return self.country_nearby(start, end)

    def country_nearby(self, start: int, end: int) -> str | None:
        """The nearest country named in the sentence of ``doc[start:end]``, else the last
        of the sentence before; one after "to", "in", "with" ... (a destination or a
        place) only when there is no other."""
        return self._nearby(start, end, places=False) or self._nearby(start, end, places=True)

    def is_place(self, i: int) -> bool:
        """Is the country at token ``i`` a destination or a location: after "to", "in",
        "with" ..., or after a place and a comma ("in Lima, Peru")?"""
        doc = self.doc
        return i > 0 and (doc[i - 1].lower_ in _DESTINATION
                          or doc[i - 1].text == "," and (i - 1) in self.place_ends)

    def between_sides(self, i: int) -> bool:
        """Is the country at token ``i`` one side of "between A and B" (what a channel
        is about, not whose a body is)?"""
        doc, k = self.doc, i - 1
        while k >= 0 and i - k <= 6 and (doc[k].lower_ in {"and", "the", ","} or
                                         doc[k].is_title or doc[k].is_upper):
            k -= 1
        return k >= 0 and doc[k].lower_ == "between"

    def _nearby(self, start: int, end: int, *, places: bool) -> str | None:
        doc, k = self.doc, self.sent_of(start)
        lo = self.sent_starts[k]
        hi = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(doc)
        best: tuple[int, str] | None = None
        for i, country in self.countries:
            if i < lo or i >= hi or start <= i < end or i in self.in_titles:
                continue
            if self.is_place(i) != places or self.between_sides(i):
                continue
            dist = start - i if i < start else i - end + 1
            if best is None or dist < best[0]:
                best = (dist, country)
        if best:
            return best[1]
        prev_lo = self.sent_starts[k - 1] if k else 0
        before = [c for i, c in self.countries if prev_lo <= i < lo and k
                  and i not in self.in_titles and self.is_place(i) == places]
        return before[-1] if before else None

    def generic(self, start: int, end: int, body: GenericBody,
                country: str | None = None) -> str | None:
        """A generic body of the country the text gives it, or None when it gives none.
        A country's own gazetteer entry under that name keeps its id (and its proper
        name, when it has one: a "Parliament" that is the Knesset)."""
        doc, gaz = self.doc, self.gaz
        key = match_key(body.name)
        near = country or country_near(doc, start, end, gaz, self.out.demonyms)
        if not near and not doc[start].text[:1].isupper():
            return None         # "the defence ministry" names a body only with its country
        country = near or self.listed_with(start, end) or self.bodies_seen.get(key) or \
            self.country_nearby(start, end)
        entry = gaz.entries.get(country or "")
        if entry is None:
            return None
        if near:        # the latest body qualified in its own words wins
            self.bodies_seen[key] = country
        else:
            self.bodies_seen.setdefault(key, country)
        surface = text_of(doc, start, end)
        q = qualify(body, entry, surface)
        own = gaz.country_body(country, body.name) or gaz.country_body(country, surface) or \
            next((found for w in body.title_words if (found := gaz.ministry(country, w))
                  and gaz.entries[found].kind == body.kind), None) or (
            gaz.body_of(country, "legislature") if body.kind == "legislature"
            and match_key(body.name) == match_key("Parliament") else None)
        if own:
            ent = self.out.entities[self.known_body(own, surface)]
        else:
            ent = self.entity(q.id, ORGANIZATION, q.name, None, kind=q.kind or "ministry",
                              country=country)
            ent.aliases |= q.aliases
        if start and (start - 1 in self.out.demonyms or doc[start - 1].lower_ in {"'s", "’s"}):
            lo = start - 2 if doc[start - 1].lower_ in {"'s", "’s"} else start - 1
            ent.aliases.add(doc[lo:end].text)
        self.alias.setdefault(match_key(q.name), ent.id)
        return ent.id

    def listed_with(self, start: int, end: int) -> str | None:
        """The country of a body listed with this one ("the Defence Council, Ministry of
        Defence and Ministry of Foreign Affairs"), when that one names or has it."""
        doc, gaz = self.doc, self.gaz
        for other in self.list_neighbours(start, end):
            words = text_of(doc, other.start, other.end)
            found = country_near(doc, other.start, other.end, gaz, self.out.demonyms)
            body = generic_body(words, gaz)
            found = found or (self.bodies_seen.get(match_key(body.name)) if body else None)
            if found:
                return found
        return None

    def list_neighbours(self, start: int, end: int) -> list[Any]:
        """The entity spans joined to ``doc[start:end]`` by commas and "and"."""
        out, spans = [], self.spans
        at = next((k for k, sp in enumerate(spans) if sp.start <= start < sp.end), None)
        if at is None:
            return out
        for step in (-1, 1):
            k, (lo, hi) = at, (start, end)
            while 0 <= k + step < len(spans):
                other = spans[k + step]
                gap = self.doc[other.end:lo] if step < 0 else self.doc[hi:other.start]
                if len(gap) > 3 or any(t.lower_ not in {",", "and", "the", "or", "its"}
                                       for t in gap):
                    break
                out.append(other)
                k, lo, hi = k + step, other.start, other.end
        return out

    def gazetteer(self, start: int, end: int, ids: list[str]) -> str | None:
        """A gazetteer name: a generic one ("Foreign Ministry") is qualified by the
        country around it; one that several countries' bodies share goes to the
        country the text gives, and to none when it gives none."""
        doc, gaz = self.doc, self.gaz
        surface = text_of(doc, start, end)
        first = gaz.entries[ids[0]]
        if first.label == ORGANIZATION and (body := gaz.generic.get(match_key(surface))):
            return self.generic(start, end, body)
        near = country_near(doc, start, end, gaz, self.out.demonyms)
        pick = next((i for i in ids if gaz.entries[i].country == near), None) if near else None
        body = generic_body(surface, gaz) if first.label == ORGANIZATION else None
        if body is not None and near:
            self.bodies_seen[match_key(body.name)] = near
        if len({gaz.entries[i].country for i in ids}) > 1 and pick is None:
            return self.generic(start, end, body) if body else None
        entry = gaz.entries[pick or ids[0]]
        if entry.label == ORGANIZATION and entry.country and body is not None:
            ent = self.out.entities[self.known_body(entry.id, surface)]
        else:
            ent = self.entity(entry.id, entry.label, entry.name if entry.label == COUNTRY
                              else surface, surface, kind=entry.kind, country=entry.country)
        if near and entry.label != COUNTRY and start > 0:
            lo = start - 2 if doc[start - 1].lower_ in {"'s", "’s"} else start - 1
            ent.aliases.add(doc[lo:end].text)
        return entry.id

    def named(self, start: int, end: int, label: str, kind: str | None) -> str:
        doc, gaz = self.doc, self.gaz
        words = [t.text for t in doc[start:end]]
        if label in {MECHANISM, EVENT} and session_word(words[0]) and len(words) > 2:
            series = self.named(start + 1, end, MECHANISM, kind)
            inner = doc[start + 1:end]     # cited by the series, hidden from sentence rules
            self.out.mentions.append(Mention(start + 1, end, inner.start_char, inner.end_char,
                                             inner.text, series, -1))
            return self.session(start, end, series, ordinal_value(words[0]),
                                words[0] if words[0].isdigit() else None)
        surface = text_of(doc, start, end)
        ids = gaz.lookup(surface)
        if ids:
            return self.gazetteer(start, end, ids) or make_id(label, surface)
        entity_id = make_id(label, surface)
        self.entity(entity_id, label, surface, surface, kind=kind)
        return entity_id

    def organization(self, start: int, end: int) -> str | None:
        doc, gaz = self.doc, self.gaz
        lead = gaz.country_of(doc[start].text) if end - start > 2 else None
        if lead and generic_body(text_of(doc, start + 1, end), gaz):
            # "Chilean National Security Council": the demonym qualifies a generic body
            return self.generic(start + 1, end, generic_body(text_of(doc, start + 1, end), gaz),
                                lead)
        words = [t.text for t in doc[start:end]]
        named = _classify_named(words, gaz)
        if named and named[0] != EVENT:
            return self.named(start, end, *named)
        surface = text_of(doc, start, end)
        if words[-1].lower() == "council" and self.parties_named(surface.split()[0]):
            # "Chile-Mercosur Trade Council": a standing channel between its parties
            return self.named(start, end, MECHANISM, "working_group")
        body = generic_body(surface, gaz)
        if body is not None:
            return self.generic(start, end, body)
        kind = _org_kind(words, gaz)
        if kind in GOVERNMENT_KINDS:
            # a proper name ("Water Authority of Narnia"): its country only if named with it
            country = country_near(doc, start, end, gaz, self.out.demonyms)
            cname = gaz.entries[country].name if country in gaz.entries else None
            entity_id = make_id(ORGANIZATION, surface, cname)
            ent = self.entity(entity_id, ORGANIZATION, surface, surface, kind=kind,
                              country=country)
            if start and (start - 1) in self.out.demonyms:
                ent.aliases.add(doc[start - 1:end].text)
            return entity_id
        if start and (start - 1) in self.out.demonyms:
            start -= 1
            surface = text_of(doc, start, end)
        entity_id = make_id(ORGANIZATION, surface)
        self.entity(entity_id, ORGANIZATION, surface, surface, kind=kind)
        return entity_id

    def person(self, start: int, end: int) -> tuple[int, int, str | None] | None:
        """A person named at ``doc[start:end]``, honorifics before the name left out."""
        doc = self.doc
        while start < end - 1 and (doc[start].lower_ in HONORIFICS or doc[start].text == "."):
            start += 1
        surface = text_of(doc, start, end)
        if clean_person(surface.split()) is None:
            return None
        if (ids := self.gaz.lookup(surface)):
            return _found(start, end, self.gazetteer(start, end, ids))
        return start, end, self.entity(make_id(PERSON, surface), PERSON, surface, surface).id

    def span(self, ent: Any) -> tuple[int, int, str | None] | None:
        """Resolve one entity span of the parse to (start, end, entity id)."""
        doc, gaz, label = self.doc, self.gaz, ent.label_
        start, end = trim_span(ent)
        if start >= end:
            return None
        surface = text_of(doc, start, end)
        words = surface.split()
        if not surface or not surface[0].isupper() and not surface[0].isdigit() and \
                match_key(surface) not in gaz.generic and label != RULER_LABEL:
            return None         # a listed name may begin in lower case ("al-Qaida")
        if is_dateline(doc, start, end) or in_credit(doc, start):
            return None
        if label != "PERSON" and " " in surface and gaz.serves(surface):
            return self.person(start, end)      # a well-known official the parser mislabelled
        cut = self.name_cut_short(start, end, label)
        if cut is not None:
            return self.person(*cut)
        if label == RULER_LABEL and end - start == 1 and 0 < start and end < len(doc) and \
                doc[start - 1].is_title and doc[end].is_title and \
                not gaz.country_of(surface) and start - 1 not in self.ent_tokens \
                and end not in self.ent_tokens:
            return None         # a one-word name inside a longer one ("Abdel X Said")
        if label == "ORG" and end - start == 1 and end < len(doc) and \
                doc[end].lower_ == "administration" and not gaz.lookup(surface):
            return self.person(start, end)      # "the Halvorsen administration"
        if label == "PERSON":
            while end < len(doc) and end not in self.ent_tokens and _NAME_PART.match(
                    doc[end].text) and not is_title_word(doc[end].text) and \
                    "\n" not in doc[end - 1].whitespace_ and end - start < 4:
                end += 1        # a name the parser cut short ("Kyle M’Carter")
            single = " " not in doc[start:end].text
            if start and self.name_word(start - 1) and (single and (
                    start < 2 or doc[start - 2].lower_ in {"and", ",", "the"})
                    or start >= 2 and is_title_word(doc[start - 2].text)):
                # a given name left out ("and Ana Okafor-Lind", "Secretary of Defense
                # Ana J. Okafor")
                start -= 1
            surface = text_of(doc, start, end)
            words = surface.split()
        if label in {"PERSON", "ORG", "GPE", "LOC", "NORP", "WORK_OF_ART"}:
            cut = self.person_start(start, end)
            if cut is not None:
                # a title then a name: the name is a person, whatever the parser said
                rest = [t.text for t in doc[cut:end]]
                if cut < end and not gaz.lookup(text_of(doc, cut, end)) and \
                        not any(w.lower() in BODY_HEADS for w in rest):
                    return self.person(cut, end)
                return None
        if label in {"ORG", "PERSON", "WORK_OF_ART", "LAW", "NORP"} and self.title_part(
                start, end):
            return None
        if label in {"ORG", "GPE", "LOC", "WORK_OF_ART"} and 2 <= len(words) <= 4 and \
                not gaz.lookup(surface) and self.titled_after(end) and \
                clean_person(words) == words:
            return self.person(start, end)      # "Okada Ren, Japan's trade minister"
        if label not in {RULER_LABEL, CAPITAL, GENERIC} and is_junk_words(
                [t.text for t in doc[start:end]]):
            return None
        if label == GENERIC and not gaz.lookup(surface):
            body = generic_body(surface, gaz)
            found = self.generic(start, end, body) if body else None
            return (start, end, found) if found else None
        if label in {RULER_LABEL, GENERIC}:
            ids = gaz.lookup(surface)
            entry = gaz.entries[ids[0]]
            if entry.label == MECHANISM and start and session_word(doc[start - 1].text):
                kind = entry.kind or "conference_series"
                return start - 1, end, self.named(start - 1, end, MECHANISM, kind)
            found = self.gazetteer(start, end, ids)
            return (start, end, found) if found else None
        if label == CAPITAL:
            country = gaz.country_of(surface)
            prev = doc[start - 1].lower_ if start else ""
            if prev in _PERSON_TITLES and end < len(doc) and doc[end].is_title and \
                    doc[end].is_alpha:
                # "Minister Wellington Koo": a capital's name as a given name
                name = text_of(doc, start, end + 1)
                return start, end + 1, self.entity(make_id(PERSON, name), PERSON, name,
                                                   name).id
            acting = start >= 2 and prev == "in" and doc[start - 2].lower_ in _ACTING_GROUPS
            # "the capital city of Lima", "the president's Casa Rosada": the place itself
            named_place = prev in {"'s", "’s"} or prev == "of" and start >= 2 and \
                doc[start - 2].lower_ in {"capital", "city"}
            if prev in _PLACE_PREPS and not acting or named_place:
                place = self.entity(make_id(PLACE, surface), PLACE, surface, surface,
                                    kind="venue" if " " in surface and prev in {"'s", "’s"}
                                    else "city", country=country)
                return start, end, place.id
            self.entity(country, COUNTRY, gaz.entries[country].name, surface)
            return start, end, country
        if label in {NAMED, "ORG"} and (_classify_named(words, gaz) or ("",))[0] == MECHANISM:
            end = self.between(end)     # "Strategic Dialogue between A and B" is one name
        if label == NAMED:
            named = _classify_named(words, gaz)
            return (start, end, self.named(start, end, *named)) if named else None
        if label == NAMED_ORG:
            if (ids := gaz.lookup(surface)):
                return _found(start, end, self.gazetteer(start, end, ids))
            return start, end, self.organization(start, end)
        if label in {"ORG", "FAC", "GPE", "LOC", "PERSON"} and len(words) > 1 and \
                words[-1] in _VENUE_HEADS and not gaz.lookup(surface):
            # "the Harbour Palace": a venue, not a body; a possessor before it is not
            # part of its name ("the president's Harbour Palace")
            k = next((k for k in range(start, end - 1) if doc[k].lower_ in {"'s", "’s"}), None)
            if k is not None:
                start = k + 1
                surface = text_of(doc, start, end)
            return start, end, self.entity(make_id(PLACE, surface), PLACE, surface, surface,
                                           kind="venue").id
        if words[0] in _SHIP_PREFIXES and len(words) > 1:
            # "HMS Example": a named warship
            return start, end, self.entity(make_id(WEAPON, surface), WEAPON, surface, surface,
                                           kind="ship").id
        if label == "PERSON" or label == "WORK_OF_ART" and 2 <= len(words) <= 3 and all(
                w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
            if len(words) > 6 or not all(w[:1].isupper() or w.lower() in PARTICLES
                                         for w in words) or words[0] in PARTICLES:
                return None
            return self.person(start, end)
        if label in {"ORG", "WORK_OF_ART", "PRODUCT", "LAW", "EVENT"}:
            if (ids := gaz.lookup(surface)):
                return _found(start, end, self.gazetteer(start, end, ids))
            if label == "ORG" and len(words) <= 8:
                if len(words) == 1 and surface.isupper() and len(surface) <= 3:
                    return start, end, None     # resolved through acronyms later
                return (start, end, self.organization(start, end))
            named = _classify_named(words, gaz)
            if named:
                return start, end, self.named(start, end, *named)
            return None
        if label in {"GPE", "LOC"}:
            if (country := gaz.country_of(surface)):
                return start, end, self.entity(country, COUNTRY, gaz.entries[country].name,
                                               surface).id
            if (ids := gaz.lookup(surface)):
                return _found(start, end, self.gazetteer(start, end, ids))
            if len(surface) <= 3 or label == "LOC" and len(words) == 1:
                return None
            place = self.entity(make_id(PLACE, surface), PLACE, surface, surface,
                                kind="region" if label == "LOC" else "city")
            # "in Arica, Chile": the country written after the place is its own
            if place.country is None:
                place.country = self.country_after(end)
            return start, end, place.id
        return None

    def name_cut_short(self, start: int, end: int, label: str) -> tuple[int, int] | None:
        """The whole name when the parser read one word of a person's name after a title
        as something else: "counterpart Ana Costa" with "Ana" an organisation (the
        word after it joins), "spokesperson Ana Costa" with "Costa" one (the word
        before it joins)."""
        doc, gaz = self.doc, self.gaz
        surface = text_of(doc, start, end)
        if label in {"PERSON", RULER_LABEL} or end - start != 1 or gaz.lookup(surface) or \
                gaz.country_of(surface):
            return None
        if end < len(doc) and self.name_word(end) and start and (
                doc[start - 1].lower_ in LOWER_CASE_HEADS or is_title_word(doc[start - 1].text)):
            return start, end + 1
        if start >= 2 and self.name_word(start - 1) and doc[start - 2].lower_ in LOWER_CASE_HEADS:
            return start - 1, end
        return None

    def country_after(self, end: int) -> str | None:
        """The country written after a place and a comma ("in Arica, Chile." / "...,
        Chile on Monday"), where that country ends the phrase; not one that begins a
        clause of its own ("in Arica, Chile's envoy said")."""
        doc = self.doc
        if end + 1 >= len(doc) or doc[end].text != ",":
            return None
        for size in (1, 2):
            stop = end + 1 + size
            country = self.gaz.country_of(doc[end + 1:stop].text) if stop <= len(doc) else None
            if country and (stop == len(doc) or doc[stop].tag_ == "IN" or doc[stop].is_punct):
                return country
        return None


def post_of(doc: Any, ents: DocEntities, gaz: Gazetteer, title: Any,
            country: str | None) -> str | None:
    """The body or country a title names (``title``: its tokens, e.g. the words of an
    apposition "Chile's defence minister"), for ``country`` (or the country named in
    the title): the same entity, added to ``ents`` with a mention at the title's
    words, that a title written before a name gets. None when it names no post."""
    b = _Builder(doc, gaz, ents)
    toks = list(title)
    head = next((k for k, t in enumerate(toks) if t.lower_ in TITLE_HEADS), len(toks))
    named = next((ents.demonyms.get(t.i) or gaz.country_of(t.text)
                  for k, t in reversed(list(enumerate(toks)))
                  if (ents.demonyms.get(t.i) or gaz.country_of(t.text))
                  and not (k > head and doc[t.i - 1].lower_ in PORTFOLIO_OF)), None)
    return b.post(toks, named or country)


def _found(start: int, end: int, entity_id: str | None) -> tuple[int, int, str] | None:
    return (start, end, entity_id) if entity_id else None


#: head words of a venue's name
_VENUE_HEADS = frozenset({"Palace", "Hotel", "Castle", "Hall", "Residence", "Compound",
                          "Villa", "Chateau", "Château"})
#: the prefixes navies give their ships' names
_SHIP_PREFIXES = frozenset({"USS", "USNS", "HMS", "HMAS", "HMCS", "HMNZS", "ROCS", "INS", "JS",
                            "BRP", "KRI", "ARA", "FS", "ITS", "ORP", "TCG", "HNLMS", "RSS",
                            "KD", "ROKS", "PNS", "BNS", "SPS", "HDMS", "HNoMS", "HSwMS"})
#: people a capital stands for after "in" ("officials in Lima")
_ACTING_GROUPS = frozenset({"officials", "authorities", "leaders", "leadership",
                            "government", "diplomats", "policymakers", "lawmakers"})
_DESTINATION = frozenset({"to", "in", "into", "with", "at", "toward", "towards", "visit",
                          "visited", "visiting", "against", "from", "on", "across"})


def _countries(doc: Any, spans: Iterable[Any], gaz: Gazetteer) -> list[tuple[int, str]]:
    """(token index, country id) of every country the text names: by name, demonym or
    capital (not a capital a preposition makes a place)."""
    found = []
    for ent in spans:
        if ent.label_ in {RULER_LABEL, DEMONYM, CAPITAL, "GPE"}:
            country = gaz.country_of(ent.text.strip(QUOTES))
            if country and not (ent.label_ == CAPITAL and ent.start
                                and doc[ent.start - 1].lower_ in _PERSON_TITLES):
                found.append((ent.start, country))
    return found


def _nationalities(doc: Any, countries: list[tuple[int, str]]) -> set[int]:
    """Token indices of countries named as someone's nationality ("the Chilean Foreign
    Minister", "Peru's trade envoy"): they qualify that person, not a body nearby."""
    found = set()
    for i, _ in countries:
        j = i + 1
        while j < len(doc) and j - i < 5 and (doc[j].lower_ in {"'s", "’s", "new"} or (
                doc[j].lower_ in PORTFOLIO or doc[j].lower_ in TITLE_MODIFIERS)
                and doc[j].lower_ not in TITLE_HEADS):
            j += 1
        if j < len(doc) and doc[j].lower_ in TITLE_HEADS:
            found.add(i)
    return found


def _short_forms(ent: Entity) -> Iterable[str]:
    """The surname a person's full name may be shortened to (and, for a two-word or
    hyphenated name, its first word: "KAMIKAWA Yoko", "Lai Ching-te"; for a longer
    one, the word before the last and the last two)."""
    words = ent.name.split()
    while len(words) > 2 and words[-1].lower().rstrip(",") in SUFFIXES:
        words.pop()
    if ent.label == PERSON and len(words) >= 2:
        yield words[-1]
        if "-" in words[-1] or len(words) == 2 and words[0][0].isupper():
            yield words[0]
        if len(words) >= 3 and words[-2][:1].isupper():
            # two surnames ("Ana María López Ruiz", "José Múcio Monteiro"): the first
            # of them alone, or both
            yield words[-2]
            yield " ".join(words[-2:])


def resolve_document(doc: Any, gaz: Gazetteer) -> DocEntities:
    """Every entity mention of a parsed ``doc``, resolved to document-level entities."""
    b = _Builder(doc, gaz)
    out = b.out
    spans = doc.ents       # a new tuple of new spans at each access: read it once
    b.countries = _countries(doc, spans, gaz)
    b.in_titles = _nationalities(doc, b.countries)
    b.spans = [e for e in spans if e.label_ != DEMONYM]
    b.ent_tokens = {i for e in spans for i in range(e.start, e.end)}
    b.place_ends = {e.end for e in spans if e.label_ == CAPITAL or e.label_ in {"GPE", "LOC"}
                    and not gaz.country_of(e.text)}
    for ent in spans:
        if ent.label_ == DEMONYM:
            country = gaz.country_of(ent.text)
            for i in range(ent.start, ent.end):
                out.demonyms[i] = country
    defined: dict[str, str] = {}       # "Name (ACR)" in this document: ACR -> entity
    for ent in spans:
        if ent.label_ == DEMONYM:
            continue
        found = b.span(ent)
        if found is None:
            continue
        start, end, entity_id = found
        if entity_id is None:       # a short acronym: read in the token pass below
            continue
        b.mention(start, end, entity_id)
        # "Name (ACR)": the acronym is an alias of the name.
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" \
                and _ACRONYM.match(doc[end + 1].text):
            out.entities[entity_id].aliases.add(doc[end + 1].text)
            b.alias[match_key(doc[end + 1].text)] = entity_id
            defined[doc[end + 1].text] = entity_id
    for start, end, entity_id in b.names_after_titles():
        b.mention(start, end, entity_id)
    people = {i for i, e in out.entities.items() if e.label == PERSON}
    shorts: dict[str, set[str]] = {}
    for ent in list(out.entities.values()):
        for short in _short_forms(ent):
            shorts.setdefault(match_key(short), set()).add(ent.id)
    for key, owners in shorts.items():
        current = b.alias.get(key)
        # a surname beats a one-word place or a one-word person; two people sharing
        # it keep it from both
        if len(owners) == 1 and (current not in people
                                 or " " not in out.entities[current].name):
            b.alias[key] = next(iter(owners))
    covered = {i for m in out.mentions for i in range(m.start, m.end)}
    remapped = []
    for m in out.mentions:
        if m.text in defined and m.entity != defined[m.text]:
            m.entity = defined[m.text]     # an acronym defined here beats the gazetteer's
        target = b.alias.get(match_key(m.text))
        if target in people and target != m.entity and " " not in m.text and (
                m.entity not in people or " " not in out.entities[m.entity].name):
            m.entity = target
            out.entities[target].aliases.add(m.text)
        remapped.append(m)
    # One pass over the tokens: single words the parser mislabelled ("Chung" as a place)
    # or left out, when they are a person's surname or a known acronym, become mentions;
    # "the ministry", "the conference" becomes the last such entity named before it.
    out.mentions.sort(key=lambda m: m.start)
    named = out.mentions[:]
    anaphors: list[Mention] = []
    last_by_kind: dict[str, str] = {}
    at = 0
    sent_start = 0
    for token in doc:
        i = token.i
        if token.is_sent_start:
            sent_start = i
        while at < len(named) and named[at].start <= i:
            ent = out.entities[named[at].entity]
            last_by_kind[ent.kind or ""] = named[at].entity
            last_by_kind[ent.label] = named[at].entity
            at += 1
        if i in covered:
            continue
        text = token.text
        if text[:1].isupper():
            key = match_key(text)
            if key in b.alias and (b.alias[key] in people or _ACRONYM.match(text)) and \
                    not is_dateline(doc, i, i + 1):
                target = b.alias[key]
                out.entities[target].aliases.add(text)
                b.mention(i, i + 1, target)
                ent = out.entities[target]
                last_by_kind[ent.kind or ""] = target
                last_by_kind[ent.label] = target
        want = _ANAPHORA.get(token.lower_)
        if want and i and doc[i - 1].lower_ == "the" and want in last_by_kind:
            anaphors.append(Mention(i - 1, i + 1, doc[i - 1].idx, token.idx + len(token),
                                    doc[i - 1:i + 1].text, last_by_kind[want], sent_start))
    out.mentions.extend(anaphors)
    b.channels()
    b.short_mechanisms()
    b.sessions()
    b.meetings()
    b.short_mechanisms()
    b.conflicts()
    b.titles()
    b.demonym_actors()
    out.mentions.sort(key=lambda m: (m.start, m.end))
    return out
