"""Entity mentions in one parsed document -> resolved entities, and extracted claims
aligned with curated ones.

Within a document: gazetteer names, demonyms and capitals become countries (a
capital after "in", "to", "at" is a place); a generically named body ("Ministry of
National Defense", "Foreign Ministry") takes the country the text gives it
(:meth:`_Builder.country_for`: in its own noun phrase, else the nearest country
named in its sentence or the one before) and is dropped when there is none; titles
are stripped from names and kept on the person's mention, with the body or country
the title implies (:meth:`_Builder.titles`); datelines, credits, fragments and lone
common or title words are not entities (:mod:`.junk`); "(MND)" after a name makes
"MND" an alias; surnames and given names resolve to the full name; "the ministry" to
the last ministry named. Across documents, ids do the merging:
:func:`graph.names.make_id` folds accents and case, and country-specific bodies carry
their country, so Taiwan's and China's Ministry of National Defense stay apart.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from diplograph.graph.names import make_id, match_key
from diplograph.loaders.extract.bodies import BODY_HEADS, generic_body, qualify
from diplograph.loaders.extract.junk import COMMON_WORDS, in_credit, is_dateline, is_junk_words
from diplograph.loaders.extract.names import (HONORIFICS, PORTFOLIO, TITLE_HEADS, clean_person,
                                              is_title_word, normalise_title, split_title)
from diplograph.loaders.extract.sessions import ordinal_value, session_start, year_after
from diplograph.loaders.extract.patterns import (CAPITAL, DEMONYM, GENERIC, NAMED, NAMED_ORG,
                                                 RULER_LABEL, Gazetteer, GenericBody)
from diplograph.loaders.extract.vocab import (COUNTRY, EVENT, INITIATIVE, MECHANISM, ORGANIZATION,
                                   PERSON, PLACE, WEAPON)

__all__ = ["Mention", "Entity", "DocEntities", "resolve_document", "post_of", "GOVERNMENT_KINDS"]

GOVERNMENT_KINDS = frozenset({"ministry", "legislature", "military", "council", "office",
                              "agency"})
_PLACE_PREPS = {"in", "at", "to", "from", "near", "into", "visit", "visited", "visiting"}
_PERSON_TITLES = {"minister", "president", "secretary", "ambassador", "chairman", "premier",
                  "director", "spokesperson", "spokesman", "envoy", "general", "admiral",
                  "senator", "lawmaker", "legislator", "mayor", "governor", "professor",
                  "dr", "mr", "mrs", "ms"}
_ORDINAL = re.compile(r"^(\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|"
                      r"eighth|ninth|tenth|\d{4})$", re.I)
#: a capitalised word that may end a name ("M’Carter", "O'Neill", "Al-Amin")
_NAME_PART = re.compile(r"^[A-Z][a-z]*(?:[’'-][A-Z]?[a-z]+)+$|^[A-Z][a-z]+$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{0,2}[A-Z]{1,5}$")
_EVENT_HEADS = {"war": "conflict", "conflict": "conflict", "crisis": "conflict",
                "exercise": "exercise", "exercises": "exercise", "drill": "exercise",
                "drills": "exercise", "summit": "meeting", "visit": "visit"}
_QUOTES = "\"'“”‘’«»"
_STRIP_LEFT = {"the", "a", "an", *_QUOTES}
_ANAPHORA = {"ministry": "ministry", "department": "ministry", "conference": EVENT,
             "review": INITIATIVE, "report": INITIATIVE, "budget": INITIATIVE,
             "system": WEAPON}


@dataclass(slots=True)
class Mention:
    start: int          # token index
    end: int            # token index (exclusive)
    char_start: int
    char_end: int
    text: str
    entity: str
    sent: int           # index of the sentence's first token
    #: a person's title written next to this mention ("Deputy Foreign Minister"), its
    #: own words only (:func:`.names.normalise_title`); None when there is none
    title: str | None = None
    #: token index where that title starts (a post's evidence runs from here)
    title_start: int | None = None
    #: the body or country the title makes the person hold a post at, already an
    #: entity of the document; None when the text gives no country for it
    post: str | None = None


@dataclass(slots=True)
class Entity:
    id: str
    label: str
    name: str
    kind: str | None = None
    country: str | None = None
    aliases: set[str] = field(default_factory=set)
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class DocEntities:
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    demonyms: dict[int, str] = field(default_factory=dict)   # token index -> country id
    #: always None: there is no "main country" fallback (kept until the relation rules
    #: stop reading it)
    main_country: str | None = None

    def in_sentence(self, sent_start: int) -> list[Mention]:
        return [m for m in self.mentions if m.sent == sent_start]

    def label(self, mention: Mention) -> str:
        return self.entities[mention.entity].label


def _trim(span: Any) -> tuple[int, int]:
    """Token bounds of ``span`` without a leading article or quote, a trailing
    possessive, quote or punctuation, nor anything from the first verb or an
    unclosed bracket on."""
    doc, start, end = span.doc, span.start, span.end
    while start < end and (doc[start].lower_ in _STRIP_LEFT or doc[start].is_digit
                           and len(doc[start]) < 3 and end - start > 1):
        start += 1      # an article, a quote, or a stray number ("2 Foreign ...")
    for i in range(start + 1, end):
        if doc[i].tag_ in {"VBD", "VBZ", "VBP"} or "\n" in doc[i].text or (
                doc[i].text == "(" and ")" not in doc[i:end].text):
            end = i         # a verb, a line break, or a bracket the span does not close
            break
    while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'", "’"}
                           or doc[end - 1].is_punct and doc[end - 1].text not in ")"):
        end -= 1
    return start, end


def _text(doc: Any, start: int, end: int) -> str:
    return doc[start:end].text.strip(_QUOTES + " ")


def _country_near(doc: Any, start: int, end: int, gaz: Gazetteer, demonyms: dict[int, str]
                  ) -> str | None:
    """A country named right before a span ("Israeli", "Taiwan's") or after it
    ("of the Republic of China", "(Taiwan)")."""
    i = start - 1
    if i >= 0 and doc[i].lower_ in {"'s", "’s"}:
        i -= 1
    if i >= 0 and (i in demonyms or gaz.country_of(doc[i].text)):
        return demonyms.get(i) or gaz.country_of(doc[i].text)
    if i >= 1 and gaz.country_of(doc[i - 1:i + 1].text):
        return gaz.country_of(doc[i - 1:i + 1].text)
    after = doc[end:min(end + 6, len(doc))]
    if len(after) >= 2 and after[0].lower_ in {"of", "("}:
        for j in range(1, len(after)):
            if after[j].lower_ in {"the", "("}:
                continue
            for k in range(len(after), j, -1):
                country = gaz.country_of(after[j:k].text)
                if country:
                    return country
            break
    return None


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


class _Builder:
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

    # --- countries ------------------------------------------------------------------
    def country_for(self, start: int, end: int) -> str | None:
        """The country of the body at ``doc[start:end]``: one named in its own noun
        phrase ("Japan's", "Indian", "of Kenya", "(Chile)"), else the nearest country
        named in its sentence (not one a preposition makes a destination, nor one in
        another person's title), else the last one of the sentence before."""
        near = _country_near(self.doc, start, end, self.gaz, self.out.demonyms)
        if near:
            return near
        return self.country_nearby(start, end)

    def country_nearby(self, start: int, end: int, *, places: bool = True) -> str | None:
        """The nearest country named in the sentence of ``doc[start:end]``, else the last
        of the sentence before; one after "to", "in", "with" ... (a destination or a
        place) only when there is no other. With ``places=False`` (a person's country)
        neither such a country nor one of the sentence before counts."""
        if not places:
            return self._nearby(start, end, places=False, before=False)
        return self._nearby(start, end, places=False) or self._nearby(start, end, places=True)

    def is_place(self, i: int) -> bool:
        return i > 0 and self.doc[i - 1].lower_ in _DESTINATION

    def _nearby(self, start: int, end: int, *, places: bool, before: bool = True
                ) -> str | None:
        doc, k = self.doc, self.sent_of(start)
        lo = self.sent_starts[k]
        hi = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(doc)
        best: tuple[int, str] | None = None
        for i, country in self.countries:
            if i < lo or i >= hi or start <= i < end or i in self.in_titles:
                continue
            if self.is_place(i) != places:
                continue
            dist = start - i if i < start else i - end + 1
            if best is None or dist < best[0]:
                best = (dist, country)
        if best or not before:
            return best[1] if best else None
        prev_lo = self.sent_starts[k - 1] if k else 0
        before = [c for i, c in self.countries if prev_lo <= i < lo and k
                  and i not in self.in_titles and self.is_place(i) == places]
        return before[-1] if before else None

    # --- generic bodies --------------------------------------------------------------
    def generic(self, start: int, end: int, body: GenericBody,
                country: str | None = None) -> str | None:
        """A generic body of the country the text gives it, or None when it gives none.
        A country's own gazetteer entry under that name keeps its id (and its proper
        name, when it has one: a "Parliament" that is the Knesset)."""
        doc, gaz = self.doc, self.gaz
        key = match_key(body.name)
        near = country or _country_near(doc, start, end, gaz, self.out.demonyms)
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
        surface = _text(doc, start, end)
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
            words = _text(doc, other.start, other.end)
            found = _country_near(doc, other.start, other.end, gaz, self.out.demonyms)
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
        surface = _text(doc, start, end)
        first = gaz.entries[ids[0]]
        if first.label == ORGANIZATION and (body := gaz.generic.get(match_key(surface))):
            return self.generic(start, end, body)
        near = _country_near(doc, start, end, gaz, self.out.demonyms)
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

    # --- named things ----------------------------------------------------------------
    def named(self, start: int, end: int, label: str, kind: str | None) -> str:
        doc, gaz = self.doc, self.gaz
        words = [t.text for t in doc[start:end]]
        if label in {MECHANISM, EVENT} and _ORDINAL.match(words[0]) and len(words) > 2:
            series = self.named(start + 1, end, MECHANISM, kind)
            inner = doc[start + 1:end]     # cited by the series, hidden from sentence rules
            self.out.mentions.append(Mention(start + 1, end, inner.start_char, inner.end_char,
                                             inner.text, series, -1))
            return self.session(start, end, series, ordinal_value(words[0]),
                                words[0] if words[0].isdigit() else None)
        surface = _text(doc, start, end)
        ids = gaz.lookup(surface)
        if ids:
            return self.gazetteer(start, end, ids) or make_id(label, surface)
        entity_id = make_id(label, surface)
        self.entity(entity_id, label, surface, surface, kind=kind)
        return entity_id

    def organization(self, start: int, end: int) -> str | None:
        doc, gaz = self.doc, self.gaz
        lead = gaz.country_of(doc[start].text) if end - start > 2 else None
        if lead and generic_body(_text(doc, start + 1, end), gaz):
            # "Chilean National Security Council": the demonym qualifies a generic body
            return self.generic(start + 1, end, generic_body(_text(doc, start + 1, end), gaz),
                                lead)
        words = [t.text for t in doc[start:end]]
        named = _classify_named(words, gaz)
        if named and named[0] != EVENT:
            return self.named(start, end, *named)
        surface = _text(doc, start, end)
        if words[-1].lower() == "council" and self.parties_named(surface.split()[0]):
            # "Chile-Mercosur Trade Council": a standing channel between its parties
            return self.named(start, end, MECHANISM, "working_group")
        body = generic_body(surface, gaz)
        if body is not None:
            return self.generic(start, end, body)
        kind = _org_kind(words, gaz)
        if kind in GOVERNMENT_KINDS:
            # a proper name ("Water Authority of Narnia"): its country only if named with it
            country = _country_near(doc, start, end, gaz, self.out.demonyms)
            cname = gaz.entries[country].name if country in gaz.entries else None
            entity_id = make_id(ORGANIZATION, surface, cname)
            ent = self.entity(entity_id, ORGANIZATION, surface, surface, kind=kind,
                              country=country)
            if start and (start - 1) in self.out.demonyms:
                ent.aliases.add(doc[start - 1:end].text)
            return entity_id
        if start and (start - 1) in self.out.demonyms:
            start -= 1
            surface = _text(doc, start, end)
        entity_id = make_id(ORGANIZATION, surface)
        self.entity(entity_id, ORGANIZATION, surface, surface, kind=kind)
        return entity_id

    def titled_after(self, end: int) -> bool:
        """Is ``doc[end:]`` a comma and a person's title ("..., Japan's foreign minister,",
        "..., the deputy defence minister")?"""
        doc = self.doc
        if end >= len(doc) or doc[end].text != ",":
            return False
        for k in range(end + 1, min(end + 7, len(doc))):
            low = doc[k].lower_
            if low in TITLE_HEADS and low not in {"official", "officials", "head"}:
                return True
            if not (low in {"the", "a", "'s", "’s", "his", "her"} or k in self.out.demonyms
                    or self.gaz.country_of(doc[k].text) or is_title_word(doc[k].text)):
                return False
        return False

    def name_word(self, i: int) -> bool:
        """Can token ``i`` be part of a person's name the parser left out: a proper noun
        in capitals or title case, in no span, not a title or common word?"""
        tok = self.doc[i]
        return (tok.tag_ == "NNP" and i not in self.ent_tokens and tok.is_alpha
                and (tok.is_title or tok.is_upper and len(tok) > 1)
                and not is_title_word(tok.text) and tok.lower_ not in COMMON_WORDS)

    def names_after_titles(self) -> list[tuple[int, int, str]]:
        """People the parser missed right after a title ("Defence Minister Ana Okafor",
        "Minister of Defense OKADA Ren"): two to four name words after a title head
        and its portfolio, in no span; made entities, returned as mentions."""
        doc, found = self.doc, []
        for tok in doc:
            if not tok.is_title or not (tok.lower_ in TITLE_HEADS or tok.lower_ in HONORIFICS
                                        or f"{tok.lower_}." in HONORIFICS):
                continue
            j = tok.i + 1
            while j < len(doc) and j - tok.i < 6 and (doc[j].lower_ in PORTFOLIO and
                                                       doc[j].is_title or doc[j].lower_ in {
                                                           "of", "for", "."}):
                j += 1
            k = j
            while k < len(doc) and k - j < 6 and (self.name_word(k) or k > j and k + 1 < len(
                    doc) and doc[k].lower_ in _PARTICLES and self.name_word(k + 1)):
                k += 1
            if k - j >= 2 and (k >= len(doc) or k not in self.ent_tokens) and \
                    not any(i in self.ent_tokens for i in range(j, k)):
                person = self.person(j, k)
                if person and person[2]:
                    found.append(person)
        return found

    def title_part(self, start: int, end: int) -> bool:
        """Is ``doc[start:end]`` a title's own words rather than a name: the portfolio
        after "Secretary for" / "Minister of" (not a body or a gazetteer name), or a
        one-word body before a title word ("Cabinet Secretary")?"""
        doc, gaz = self.doc, self.gaz
        words = [t.lower_ for t in doc[start:end]]
        surface = _text(doc, start, end)
        if gaz.lookup(surface) or gaz.country_of(surface):
            return False
        if start >= 2 and doc[start - 1].lower_ in {"of", "for"} and \
                doc[start - 2].lower_ in TITLE_HEADS and not set(words) & BODY_HEADS:
            return True
        return len(words) == 1 and end < len(doc) and doc[end].lower_ in TITLE_HEADS and \
            match_key(surface) in gaz.generic

    def parties_named(self, word: str) -> bool:
        """Does ``word`` join two or more parties ("Chile-Peru", "EU-U.S.", "Kenya/US"):
        countries or international bodies?"""
        parts = [p for p in re.split(r"[-–/]", word) if p]
        return len(parts) >= 2 and all(self.gaz.country_of(p) or any(
            self.gaz.entries[i].kind == "international" for i in self.gaz.lookup(p))
            for p in parts)

    def conflicts(self) -> None:
        """Conflicts named by their sides: "the Chilean-Peruvian conflict", "Chile-Peru
        war", "Peru's invasion of Chile" are each an Event of kind conflict."""
        doc, gaz = self.doc, self.gaz
        for tok in doc:
            if tok.lower_ not in _CONFLICT_WORDS or not tok.is_lower:
                continue
            i = tok.i
            if i >= 3 and doc[i - 2].text in {"-", "–"} and gaz.country_of(doc[i - 3].text) \
                    and gaz.country_of(doc[i - 1].text):
                start, end = i - 3, i + 1
                sides = (gaz.country_of(doc[i - 3].text), gaz.country_of(doc[i - 1].text))
            elif tok.lower_ == "invasion" and i + 2 < len(doc) and doc[i + 1].lower_ == "of" \
                    and gaz.country_of(doc[i + 2].text) and i >= 1 and (
                        gaz.country_of(doc[i - 1].text) or i >= 2 and doc[i - 1].lower_ in
                        {"'s", "’s"} and gaz.country_of(doc[i - 2].text)):
                start = i - 1 if gaz.country_of(doc[i - 1].text) else i - 2
                end = i + 3
                sides = (gaz.country_of(doc[start].text), gaz.country_of(doc[i + 2].text))
            else:
                continue
            if any(j in self.ent_tokens and self.doc[j].ent_type_ not in {DEMONYM, RULER_LABEL,
                                                                           "GPE", "NORP"}
                   for j in range(start, end)):
                continue
            name = _text(doc, start, end)
            event = self.entity(make_id(EVENT, name), EVENT, name, name, kind="conflict")
            a, b = (gaz.entries[c].name for c in sides)
            event.aliases.add(f"{a}-{b} {tok.lower_}" if tok.lower_ != "invasion"
                              else f"{a}'s invasion of {b}")
            self.mention(start, end, event.id)

    def channels(self) -> None:
        """Channels and meetings named by their sides in lower case: "the Chile-Peru
        border talks", "Chilean-Peruvian strategic consultations", "the Chile-Peru
        dialogue on fisheries" are Mechanisms, "the Chile-Peru summit" an Event; the
        channel's name without its sides ("border talks") names it again later."""
        doc, gaz = self.doc, self.gaz
        found: list[tuple[list[str], str]] = []
        for tok in doc:
            i = tok.i
            if i < 3 or not tok.is_lower or tok.lower_ not in _CHANNEL_WORDS | _MEETING_WORDS:
                continue
            k = i - 1
            while k > 0 and i - k < 4 and doc[k].is_lower and doc[k].tag_ in {"JJ", "NN", "NNS"}:
                k -= 1
            if k < 2 or doc[k - 1].text not in {"-", "–"} or not gaz.country_of(doc[k].text) \
                    or not gaz.country_of(doc[k - 2].text):
                continue
            start, end = k - 2, i + 1
            before = doc[start - 1] if start else None
            if before is None or not (before.lower_ in {"the", "of", "annual", "regular"}
                                      or ordinal_value(before.text)):
                continue        # a named channel is "the" one or a numbered round of it
            if tok.lower_ in _CHANNEL_WORDS and end + 1 < len(doc) and doc[end].lower_ == "on":
                j = end + 1
                while j < len(doc) and j - end < 5 and doc[j].is_lower and doc[j].tag_ in {
                        "JJ", "NN", "NNS"}:
                    j += 1
                end = j if j > end + 1 else end     # "... dialogue on fisheries cooperation"
            if any(j in self.ent_tokens and doc[j].ent_type_ not in {DEMONYM, RULER_LABEL,
                                                                      "GPE", "NORP", "NAMED"}
                   for j in range(start, end)) or any(
                    m.start <= start < m.end for m in self.out.mentions
                    if self.out.entities[m.entity].label in {MECHANISM, EVENT}):
                continue
            name = _text(doc, start, end)
            label = MECHANISM if tok.lower_ in _CHANNEL_WORDS else EVENT
            ent = self.entity(make_id(label, name), label, name, name,
                              kind="talks" if label == MECHANISM else "meeting")
            self.mention(start, end, ent.id)
            if label == MECHANISM:
                found.append(([t.lower_ for t in doc[k + 1:end]], ent.id))
        # the short name alone, later in the document ("the 9th round of border talks")
        for words, entity_id in found:
            n = len(words)
            taken = {i for m in self.out.mentions for i in range(m.start, m.end)}
            for i in range(len(doc) - n + 1):
                if i not in taken and [t.lower_ for t in doc[i:i + n]] == words:
                    self.mention(i, i + n, entity_id)

    def demonym_actors(self) -> None:
        """A country whose officials act, named only by its demonym ("Latvian and
        Estonian foreign ministers said"), is an entity, mentioned at the demonym."""
        doc, out = self.doc, self.out
        taken = {m.start for m in out.mentions}
        for i, country in sorted(out.demonyms.items()):
            if i in taken or (i > 0 and out.demonyms.get(i - 1) == country):
                continue
            j = i + 1
            while j < len(doc) and j - i < 8 and (j in out.demonyms or doc[j].text in {",", "and"}
                                                   or doc[j].lower_ in PORTFOLIO):
                j += 1
            if j < len(doc) and doc[j].lower_ in TITLE_HEADS and j not in self.ent_tokens:
                if country not in out.entities:
                    self.entity(country, COUNTRY, self.gaz.entries[country].name, doc[i].text)
                self.mention(i, i + 1, country)

    def person_start(self, start: int, end: int) -> int | None:
        """Where the name starts in a span that may begin with (the end of) a title
        ("Defense Lloyd Vance" after "Secretary of"): the name's first token, or None
        when no title was stripped."""
        doc = self.doc
        lo = self.sent_starts[self.sent_of(start)]
        ctx = start
        while ctx > lo and start - ctx < 8 and (is_title_word(doc[ctx - 1].text) or
                                                 doc[ctx - 1].lower_ in {"of", "for", "."}):
            ctx -= 1
        words = [t.text for t in doc[ctx:end]]
        cut, _ = split_title(words)
        return ctx + cut if ctx + cut > start else None

    def person(self, start: int, end: int) -> tuple[int, int, str | None] | None:
        """A person named at ``doc[start:end]``, honorifics before the name left out."""
        doc = self.doc
        while start < end - 1 and (doc[start].lower_ in HONORIFICS or doc[start].text == "."):
            start += 1
        surface = _text(doc, start, end)
        if clean_person(surface.split()) is None:
            return None
        if (ids := self.gaz.lookup(surface)):
            return _found(start, end, self.gazetteer(start, end, ids))
        return start, end, self.entity(make_id(PERSON, surface), PERSON, surface, surface).id

    def span(self, ent: Any) -> tuple[int, int, str | None] | None:
        """Resolve one entity span of the parse to (start, end, entity id)."""
        doc, gaz, label = self.doc, self.gaz, ent.label_
        start, end = _trim(ent)
        if start >= end:
            return None
        surface = _text(doc, start, end)
        words = surface.split()
        if not surface or not surface[0].isupper() and not surface[0].isdigit() and \
                match_key(surface) not in gaz.generic and label != RULER_LABEL:
            return None         # a listed name may begin in lower case ("al-Qaida")
        if is_dateline(doc, start, end) or in_credit(doc, start):
            return None
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
            if " " not in doc[start:end].text and start and self.name_word(start - 1) and (
                    start < 2 or doc[start - 2].lower_ in {"and", ",", "the"}
                    or is_title_word(doc[start - 2].text)):
                start -= 1      # a given name left out ("and Ana Okafor-Lind")
            surface = _text(doc, start, end)
            words = surface.split()
        if label in {"PERSON", "ORG", "GPE", "LOC", "NORP", "WORK_OF_ART"}:
            cut = self.person_start(start, end)
            if cut is not None:
                # a title then a name: the name is a person, whatever the parser said
                rest = [t.text for t in doc[cut:end]]
                if cut < end and not gaz.lookup(_text(doc, cut, end)) and \
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
            if entry.label == MECHANISM and start and _ORDINAL.match(doc[start - 1].text):
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
                name = _text(doc, start, end + 1)
                return start, end + 1, self.entity(make_id(PERSON, name), PERSON, name,
                                                   name).id
            acting = start >= 2 and prev == "in" and doc[start - 2].lower_ in _ACTING_GROUPS
            if prev in _PLACE_PREPS and not acting:     # "officials in Lima" act for Peru
                place = self.entity(make_id(PLACE, surface), PLACE, surface, surface,
                                    kind="city", country=country)
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
        if words[0] in _SHIP_PREFIXES and len(words) > 1:
            # "HMS Example": a named warship
            return start, end, self.entity(make_id(WEAPON, surface), WEAPON, surface, surface,
                                           kind="ship").id
        if label == "PERSON" or label == "WORK_OF_ART" and 2 <= len(words) <= 3 and all(
                w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
            if len(words) > 6 or not all(w[:1].isupper() or w.lower() in _PARTICLES
                                         for w in words) or words[0] in _PARTICLES:
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
            return start, end, self.entity(make_id(PLACE, surface), PLACE, surface, surface,
                                           kind="region" if label == "LOC" else "city").id
        return None

    def between(self, end: int) -> int:
        """The end of "between <country> and <country>" right after ``end``, else ``end``."""
        doc, k = self.doc, end + 1
        if end >= len(doc) or doc[end].lower_ != "between":
            return end
        for part in (0, 1):
            size = next((n for n in (4, 3, 2, 1) if k + n <= len(doc)
                         and self.gaz.country_of(doc[k:k + n].text)), 0)
            if not size:
                return end
            k += size
            if part == 0:
                if k >= len(doc) or doc[k].lower_ != "and":
                    return end
                k += 1
        return k

    # --- sessions --------------------------------------------------------------------
    def sessions(self) -> None:
        """A mechanism named with an ordinal before it ("the 4th round of the X") or a
        year after it ("X 2031") is mentioned as one session of it: an Event whose
        ``series`` is the mechanism (whose own mention is then hidden from the
        sentence rules, as the event's words cover it)."""
        doc = self.doc
        for m in list(self.out.mentions):
            ent = self.out.entities.get(m.entity)
            if m.sent < 0 or ent is None or ent.label != MECHANISM or \
                    self.meeting_end(m.end) is not None:
                continue        # "the 3rd X steering committee meeting": see meetings()
            lo = max(0, m.start - 6)
            words = [t.text for t in doc[lo:m.end + 1]]
            found = session_start(words, m.start - lo)
            if found is not None:
                start, end, ordinal = lo + found[0], m.end, found[1]
            elif year_after(words, m.end - lo):
                start, end, ordinal = m.start, m.end + 1, None
            else:
                continue
            event_id = self.session(start, end, m.entity, ordinal,
                                    None if ordinal else doc[m.end].text)
            m.sent = -1
            self.mention(start, end, event_id)

    def short_mechanisms(self) -> None:
        """A mechanism named once with its parties ("Chile-Peru Border Dialogue") and
        once without ("the Border Dialogue") is one mechanism, and its sessions one
        session each."""
        ents = self.out.entities
        by_key = {match_key(e.name): e.id for e in ents.values() if e.label == MECHANISM}
        moved: dict[str, str] = {}
        for e in list(ents.values()):
            head, _, rest = e.name.partition(" ")
            parts = re.split(r"[-–/]", head)
            if e.label == MECHANISM and " between " in e.name:
                rest = e.name.split(" between ")[0]     # "X between A and B" -> "X"
            elif e.label != MECHANISM or not rest or len(parts) < 2 or not all(
                    self.gaz.country_of(p) for p in parts):
                continue
            short = by_key.get(match_key(rest))
            if short and short != e.id:
                moved[short] = e.id
                e.aliases |= ents[short].aliases
        for e in list(ents.values()):
            series = e.properties.get("series")
            if e.label == EVENT and series in moved:
                e.properties["series"] = moved[series]
                if "ordinal" in e.properties:
                    new = make_id(EVENT, f"{_nth(e.properties['ordinal'])} "
                                         f"{ents[moved[series]].name}")
                    if new != e.id:
                        target = self.entity(new, EVENT, e.name, None, kind=e.kind,
                                             properties=dict(e.properties))
                        target.aliases |= e.aliases
                        moved[e.id] = new
        for m in self.out.mentions:
            m.entity = moved.get(m.entity, m.entity)

    def meeting_end(self, k: int) -> int | None:
        """The end of a meeting word after a name ending at ``k`` ("... steering
        committee meeting", "... ministerial meeting"), else None."""
        doc, start = self.doc, k
        while k < len(doc) and k - start < 4 and doc[k].tag_ in _MODIFIER_TAGS and (
                doc[k].is_lower or doc[k].text in {"'", "’"}) and \
                doc[k].lower_ not in _MEETING_WORDS:
            k += 1
        if k >= len(doc) or doc[k].lower_ not in _MEETING_WORDS or not doc[k].is_lower:
            return None
        return k + 2 if k + 1 < len(doc) and doc[k + 1].lower_ in _MEETING_WORDS else k + 1

    def meetings(self) -> None:
        """A meeting named after the body or channel that holds it: "the Harbour Forum
        steering committee meeting", "the Nordic Council summit" (a lower-case meeting
        word after the name) and "the (third) meeting of the Nordic Council defence
        ministers" (the name after "meeting of"). Each is an Event, a session of the
        mechanism when a mechanism holds it; the body keeps its own mention."""
        doc = self.doc
        for m in list(self.out.mentions):
            ent = self.out.entities.get(m.entity)
            if m.sent < 0 or ent is None or ent.label not in {ORGANIZATION, MECHANISM}:
                continue
            after = self.meeting_end(m.end)
            if after is None and ent.label == MECHANISM and doc[m.end - 1].is_lower and \
                    doc[m.end - 1].lower_ in _MEETING_WORDS:
                after = m.end           # a listed series written as one meeting: "X summit"
            before = m.start >= 2 and doc[m.start - 1].lower_ in {"of", "the"} and (
                doc[m.start - 2].lower_ in _MEETING_WORDS or m.start >= 3 and
                doc[m.start - 2].lower_ == "of" and doc[m.start - 3].lower_ in _MEETING_WORDS)
            if after:
                start, end = m.start, after
            elif before:
                start = m.start - (2 if doc[m.start - 1].lower_ == "of" else 3)
                end = m.end
                while end + 1 < len(doc) and end - m.end < 6 and end not in self.ent_tokens \
                        and (doc[end].is_title or doc[end].lower_ in {"for", "of", "on"}
                             and doc[end + 1].is_title):
                    end += 1            # the rest of a name the parser cut short
                while end < len(doc) and end - m.end < 3 and doc[end].is_lower and \
                        doc[end].tag_ in {"JJ", "NN", "NNS"}:
                    end += 1            # "... of the Nordic Council defence ministers"
            else:
                continue
            lo = max(0, start - 4)
            found = session_start([t.text for t in doc[lo:start + 1]], start - lo)
            ordinal = found[1] if found else None
            start = lo + found[0] if found else start
            name = _text(doc, start, end)
            if ordinal and ent.label == MECHANISM and end == m.end + 1:
                event_id = self.session(start, end, m.entity, ordinal, None)
            else:
                event_id = make_id(EVENT, name)
                props: dict[str, Any] = {"series": m.entity} if ent.label == MECHANISM else {}
                if ordinal:
                    props["ordinal"] = ordinal
                self.entity(event_id, EVENT, name, name, kind="meeting", properties=props)
            if before:
                self.out.entities[event_id].aliases.add(f"{_text(doc, m.start, m.end)} meeting")
            place = next((p for p in self.out.mentions if p.start == end + 1 and p.sent >= 0
                          and self.out.entities[p.entity].label in {PLACE, COUNTRY}), None)
            if place is not None and doc[end].lower_ == "in":
                self.out.entities[event_id].aliases.add(f"{name} in {place.text}")
            self.mention(start, end, event_id)

    def session(self, start: int, end: int, series: str, ordinal: int | None,
                year: str | None) -> str:
        """The Event of one session of ``series`` (its ordinal, else its year), named as
        written; "the 6th X" and "the sixth X" are the same session, in any document."""
        mechanism = self.out.entities[series]
        name = _text(self.doc, start, end)
        event_id = make_id(EVENT, f"{_nth(ordinal)} {mechanism.name}" if ordinal else
                           f"{mechanism.name} {year}" if year else name)
        props: dict[str, Any] = {"series": series}
        if ordinal:
            props["ordinal"] = ordinal
        self.entity(event_id, EVENT, name, name, properties=props,
                    kind="conference" if mechanism.kind == "conference_series" else "meeting")
        return event_id

    # --- titles ----------------------------------------------------------------------
    def title_window(self, m: Mention) -> int:
        """First token of the title written just before the person ``m``: title words,
        joiners, a country's name or demonym; ``m.start`` when there is none."""
        doc = self.doc
        lo = max(m.sent, m.start - 14)
        i = m.start
        while i > lo:
            tok = doc[i - 1]
            low = tok.lower_
            if is_title_word(tok.text) or low in {"of", "for", "and", "-", "'s", "’s", "the"} \
                    or low in _TITLE_ADJECTIVES or low in _TITLE_ABBREVIATIONS \
                    or (i - 1) in self.out.demonyms or (i - 1) in self.country_at:
                i -= 1
            elif low == "," and i - 1 > lo and i == m.start - 1 or (
                    low == "," and i < m.start and doc[i].lower_ in TITLE_HEADS) and \
                    is_title_word(doc[i - 2].text):
                i -= 1          # "Chile's Minister of Defence, Admiral Ana Ruiz"
            else:
                break
        while i < m.start and doc[i].lower_ in {"of", "for", "and", "-", "'s", "’s", "the"}:
            i += 1
        if not any(doc[j].lower_ in TITLE_HEADS or doc[j].lower_.strip(".") in HONORIFICS
                   or doc[j].lower_ in _TITLE_ABBREVIATIONS for j in range(i, m.start)):
            return m.start
        return i

    def titles(self) -> None:
        """Each person mention with a title before it gets the title (its own words)
        and the post it names: the body its portfolio words name ("Foreign Minister"),
        else the country itself (a head of state or government), of the country the
        title names, else the person's known country, else the nearest one."""
        doc, gaz = self.doc, self.gaz
        self.country_at = {i: c for i, c in self.countries}
        people = [m for m in self.out.mentions if m.sent >= 0
                  and self.out.entities[m.entity].label == PERSON]
        windows = {id(m): self.title_window(m) for m in people}
        for m in people:
            self.in_titles.update(range(windows[id(m)], m.start))
        done: list[Mention] = []
        for m in sorted(people, key=lambda m: m.start):
            lo = windows[id(m)]
            if lo >= m.start:
                continue
            toks = [t for t in doc[lo:m.start]]
            own = [_TITLE_ABBREVIATIONS.get(t.lower_, t.text) for t in toks
                   if t.i not in self.out.demonyms and t.i not in self.country_at
                   and t.lower_ not in {"'s", "’s"} and t.lower_ not in _TITLE_ADJECTIVES]
            title = normalise_title(own)
            if not title:
                continue
            m.title, m.title_start = title, lo
            person = self.out.entities[m.entity]
            named = [self.out.demonyms.get(t.i) or self.country_at.get(t.i) for t in toks]
            country = next((c for c in reversed(named) if c), None) or self.body_before(lo)
            country = country or person.country or self.country_nearby(lo, m.end, places=False)
            if country and not person.country:
                person.country = country
            if any(t.lower_ in {"counterpart", "counterparts"} for t in toks) and not any(
                    t.lower_ in PORTFOLIO for t in toks):
                # "his Chilean counterpart": the same post as the last titled person's
                prev = next((p for p in reversed(done) if p.sent == m.sent and p.title), None)
                if prev is not None and prev.title_start is not None:
                    toks = [t for t in doc[prev.title_start:prev.start]
                            if t.i not in self.out.demonyms and t.i not in self.country_at]
                    m.title = prev.title
            m.post = self.post(toks, country)
            done.append(m)

    def body_before(self, i: int) -> str | None:
        """The country of a body named right before a title ("Labour Party lawmaker")."""
        m = next((m for m in self.out.mentions if m.end == i and m.sent >= 0), None)
        ent = self.out.entities[m.entity] if m else None
        return ent.country if ent and ent.label == ORGANIZATION else None

    def post(self, toks: list[Any], country: str | None) -> str | None:
        """The body or country a title's words name, made an entity mentioned at them."""
        gaz = self.gaz
        # a minister's or secretary's portfolio names a ministry; an ambassador's,
        # envoy's or trade representative's does not
        fm = next((t for t in toks if t.lower_ == "fm"), None)
        if fm is not None:      # "FM": the foreign minister
            for generic in (False, True):
                found = self.body_for("Foreign", country, generic=generic)
                if found:
                    self.mention(fm.i, fm.i + 1, found)
                    return found
        heads = {t.lower_ for t in toks} & _MINISTER_HEADS
        words = [t for t in toks if t.lower_ in PORTFOLIO] if heads else []
        # the country's own body under any of the title's words first ("National
        # Defence" may only be listed as "Defence"), then a generic one
        for generic in (False, True):
            for size in (3, 2, 1):
                for k in range(len(words) - size + 1):
                    run = words[k:k + size]
                    if run[-1].i - run[0].i != size - 1:
                        continue
                    phrase = " ".join(t.text for t in run)
                    found = self.body_for(phrase, country, generic=generic)
                    if found:
                        self.mention(run[0].i, run[-1].i + 1, found)
                        return found
        if country is None:
            return None
        text = " ".join(_TITLE_ABBREVIATIONS.get(t.lower_, t.text).lower() for t in toks)
        heads = [h.lower() for h in gaz.titles.get("country", [])]
        if any(re.search(rf"\b{re.escape(h)}$", text) for h in heads):
            if country not in self.out.entities:
                at = next((t for t in toks if self.out.demonyms.get(t.i) == country), None)
                if at is None:
                    return None
                self.entity(country, COUNTRY, gaz.entries[country].name, at.text)
                self.mention(at.i, at.i + 1, country)
            return country
        legislature = {w.lower() for w in gaz.titles.get("legislature", [])}
        if any(t.lower_ in legislature for t in toks) and not any(
                t.lower_ in PORTFOLIO for t in toks):
            # the chamber whose title word it is ("Senator"), else the whole legislature
            body = next((found for t in toks if t.lower_ in legislature
                         and (found := gaz.ministry(country, t.text))), None) or \
                gaz.body_of(country, "legislature")
            if body:
                t = next(t for t in toks if t.lower_ in legislature)
                entry = gaz.entries[body]
                self.entity(body, entry.label, entry.name, None, kind=entry.kind,
                            country=country)
                self.mention(t.i, t.i + 1, body)
                return body
        return None

    def body_for(self, phrase: str, country: str | None, *, generic: bool) -> str | None:
        """The body a title's portfolio words name: the country's own entry with those
        title words, else (``generic``) the generic body of that country; with no
        country, only an entry that alone in the gazetteer carries those words
        ("Secretary of State")."""
        gaz = self.gaz
        body = gaz.generic_titles.get(match_key(phrase))
        if country is None:
            owners = gaz.title_owners.get(match_key(phrase), [])
            if body is not None or generic or len(owners) != 1 or \
                    not gaz.entries[owners[0]].country:
                return None
            return self.known_body(owners[0])
        if not generic:
            own = gaz.ministry(country, phrase)
            return self.known_body(own) if own else None
        if body is None or country not in gaz.entries:
            return None
        q = qualify(body, gaz.entries[country], body.name)
        ent = self.entity(q.id, ORGANIZATION, q.name, None, kind=q.kind or "ministry",
                          country=country)
        ent.aliases |= q.aliases
        return q.id

    def known_body(self, entry_id: str, surface: str | None = None) -> str:
        """A gazetteer body as an entity; one named generically ("Department of Foreign
        Affairs") is named with its country, and keeps only its specific aliases."""
        gaz = self.gaz
        entry = gaz.entries[entry_id]
        country = gaz.entries.get(entry.country or "")
        body = None
        if entry.label == ORGANIZATION and country is not None:
            body = gaz.generic.get(match_key(entry.name)) or generic_body(entry.name, gaz)
        if body is None:
            ent = self.entity(entry.id, entry.label, entry.name, surface, kind=entry.kind,
                              country=entry.country)
            ent.aliases.update(a for a in (entry.name, *entry.aliases)
                               if gaz.lookup(a) == [entry.id])
            return entry.id
        q = qualify(GenericBody(entry.name, entry.kind), country, surface or entry.name)
        ent = self.entity(entry.id, ORGANIZATION, q.name, None, kind=entry.kind,
                          country=entry.country)
        # only names that are this body's alone: "MND" is Taiwan's, China's and Korea's
        ent.aliases |= q.aliases | {a for a in entry.aliases if generic_body(a, gaz) is None
                                    and gaz.lookup(a) == [entry.id]}
        if gaz.lookup(entry.name) == [entry.id] and match_key(entry.name) not in gaz.generic:
            ent.aliases.add(entry.name)     # no other body in the gazetteer has this name
        if surface and generic_body(surface, gaz) is None:
            ent.aliases.add(surface)
        return entry.id


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
                  and not (k > head and doc[t.i - 1].lower_ in _PORTFOLIO_OF)), None)
    return b.post(toks, named or country)


def _nth(n: int) -> str:
    """12 -> "12th", 22 -> "22nd": the one spelling of an ordinal in session ids."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _found(start: int, end: int, entity_id: str | None) -> tuple[int, int, str] | None:
    return (start, end, entity_id) if entity_id else None


#: lower-case words that make a body's or channel's name a meeting of it
_MEETING_WORDS = frozenset({"meeting", "meetings", "summit", "ministerial"})
#: words between such a name and its meeting word ("steering committee", "leaders'")
_MODIFIER_TAGS = frozenset({"JJ", "NN", "NNS", "POS", "NNPS"})
#: lower-case words inside a name ("Hamad bin Isa", "Ursula von der Leyen")
_PARTICLES = frozenset({"bin", "bint", "ibn", "al", "el", "de", "van", "von", "der", "da",
                        "di", "du", "la", "le"})
#: words inside a title that are not part of it ("China's new Foreign Minister")
_TITLE_ADJECTIVES = frozenset({"new", "newly", "outgoing", "incoming", "then", "current",
                               "appointed", "newly-appointed"})
#: abbreviated titles and the words they stand for
_TITLE_ABBREVIATIONS = {"fm": "Foreign Minister", "pm": "Prime Minister",
                        "dpm": "Deputy Prime Minister"}
#: lower-case heads of a standing channel named by its sides ("Chile-Peru border talks")
_CHANNEL_WORDS = frozenset({"talks", "dialogue", "consultation", "consultations"})
#: the prefixes navies give their ships' names
_SHIP_PREFIXES = frozenset({"USS", "USNS", "HMS", "HMAS", "HMCS", "HMNZS", "ROCS", "INS", "JS",
                            "BRP", "KRI", "ARA", "FS", "ITS", "ORP", "TCG", "HNLMS", "RSS",
                            "KD", "ROKS", "PNS", "BNS", "SPS", "HDMS", "HNoMS", "HSwMS"})
#: people a capital stands for after "in" ("officials in Lima")
_ACTING_GROUPS = frozenset({"officials", "circles", "authorities", "leaders", "leadership",
                            "government", "diplomats", "policymakers", "lawmakers"})
_CONFLICT_WORDS = frozenset({"conflict", "war", "crisis", "invasion"})
_MINISTER_HEADS = frozenset({"minister", "ministers", "secretary", "secretaries",
                             "undersecretary", "ministry"})
#: a country after these in a title is the portfolio's subject, not the holder's
#: ("secretary for Asia, Japan and Korea")
_PORTFOLIO_OF = frozenset({"for", "on", "to", "with", "and", ",", "in"})
_DESTINATION = frozenset({"to", "in", "into", "with", "at", "toward", "towards", "visit",
                          "visited", "visiting", "against", "from", "on", "across"})


def _countries(doc: Any, spans: Iterable[Any], gaz: Gazetteer) -> list[tuple[int, str]]:
    """(token index, country id) of every country the text names: by name, demonym or
    capital (not a capital a preposition makes a place)."""
    found = []
    for ent in spans:
        if ent.label_ in {RULER_LABEL, DEMONYM, CAPITAL, "GPE"}:
            country = gaz.country_of(ent.text.strip(_QUOTES))
            if country and not (ent.label_ == CAPITAL and ent.start
                                and doc[ent.start - 1].lower_ in _PERSON_TITLES):
                found.append((ent.start, country))
    return found


def _short_forms(ent: Entity) -> Iterable[str]:
    words = ent.name.split()
    if ent.label == PERSON and len(words) >= 2:
        yield words[-1]
        if "-" in words[-1] or len(words) == 2 and words[0][0].isupper():
            yield words[0]


def resolve_document(doc: Any, gaz: Gazetteer) -> DocEntities:
    """Every entity mention of a parsed ``doc``, resolved to document-level entities."""
    b = _Builder(doc, gaz)
    out = b.out
    spans = doc.ents       # a new tuple of new spans at each access: read it once
    b.countries = _countries(doc, spans, gaz)
    b.spans = [e for e in spans if e.label_ != DEMONYM]
    b.ent_tokens = {i for e in spans for i in range(e.start, e.end)}
    for ent in spans:
        if ent.label_ == DEMONYM:
            country = gaz.country_of(ent.text)
            for i in range(ent.start, ent.end):
                out.demonyms[i] = country
    pending: list[tuple[int, int]] = []
    defined: dict[str, str] = {}       # "Name (ACR)" in this document: ACR -> entity
    for ent in spans:
        if ent.label_ == DEMONYM:
            continue
        found = b.span(ent)
        if found is None:
            continue
        start, end, entity_id = found
        if entity_id is None:
            pending.append((start, end))
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
            if key in b.alias and (b.alias[key] in people or _ACRONYM.match(text)):
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
