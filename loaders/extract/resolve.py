"""Entity mentions in one parsed document -> resolved entities, and extracted claims
aligned with curated ones.

Within a document: gazetteer names, demonyms and capitals become countries (a
capital after "in", "to", "at" is a place); an ambiguous body ("Ministry of National
Defense") takes the country named just before or after it, else the country the
document is mostly about; "(MND)" after a name makes "MND" an alias; surnames and
given names resolve to the full name; "the ministry" to the last ministry named.
Across documents, ids do the merging: :func:`graph.names.make_id` folds accents and
case, and country-specific bodies carry their country, so Taiwan's and China's
Ministry of National Defense stay apart.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from diplograph.graph.names import make_id, match_key
from diplograph.loaders.extract.patterns import (CAPITAL, DEMONYM, NAMED, NAMED_ORG, RULER_LABEL,
                                      Gazetteer)
from diplograph.loaders.extract.vocab import (COUNTRY, EVENT, INITIATIVE, MECHANISM, ORGANIZATION,
                                   PERSON, PLACE, WEAPON)

__all__ = ["Mention", "Entity", "DocEntities", "resolve_document", "GOVERNMENT_KINDS"]

GOVERNMENT_KINDS = frozenset({"ministry", "legislature", "military", "council", "office",
                              "agency"})
_PLACE_PREPS = {"in", "at", "to", "from", "near", "into", "visit", "visited", "visiting"}
_PERSON_TITLES = {"minister", "president", "secretary", "ambassador", "chairman", "premier",
                  "director", "spokesperson", "spokesman", "envoy", "general", "admiral",
                  "senator", "lawmaker", "legislator", "mayor", "governor", "professor",
                  "dr", "mr", "mrs", "ms"}
_ORDINAL = re.compile(r"^(\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|"
                      r"eighth|ninth|tenth|\d{4})$", re.I)
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
    main_country: str | None = None

    def in_sentence(self, sent_start: int) -> list[Mention]:
        return [m for m in self.mentions if m.sent == sent_start]

    def label(self, mention: Mention) -> str:
        return self.entities[mention.entity].label


def _trim(span: Any) -> tuple[int, int]:
    """Token bounds of ``span`` without a leading article or quote, a trailing
    possessive, quote or punctuation, nor anything from the first verb on."""
    doc, start, end = span.doc, span.start, span.end
    while start < end and doc[start].lower_ in _STRIP_LEFT:
        start += 1
    for i in range(start + 1, end):
        if doc[i].tag_ in {"VBD", "VBZ", "VBP"} or "\n" in doc[i].text:
            end = i
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
    def __init__(self, doc: Any, gaz: Gazetteer) -> None:
        self.doc, self.gaz, self.out = doc, gaz, DocEntities()
        self.alias: dict[str, str] = {}
        self.sent_starts = [sent.start for sent in doc.sents]

    def entity(self, entity_id: str, label: str, name: str, surface: str, *,
               kind: str | None = None, country: str | None = None,
               properties: dict[str, Any] | None = None) -> Entity:
        ent = self.out.entities.get(entity_id)
        if ent is None:
            ent = self.out.entities[entity_id] = Entity(entity_id, label, name, kind, country)
        if len(name) > len(ent.name) and label not in {COUNTRY}:
            ent.name = name
        ent.aliases.add(surface)
        ent.properties.update(properties or {})
        self.alias.setdefault(match_key(surface), entity_id)
        return ent

    def mention(self, start: int, end: int, entity_id: str) -> None:
        span = self.doc[start:end]
        sent = self.sent_starts[bisect_right(self.sent_starts, start) - 1]
        self.out.mentions.append(Mention(start, end, span.start_char, span.end_char,
                                         span.text, entity_id, sent))

    def gazetteer(self, start: int, end: int, ids: list[str]) -> str:
        doc, gaz = self.doc, self.gaz
        near = _country_near(doc, start, end, gaz, self.out.demonyms)
        pick = next((i for i in ids if gaz.entries[i].country == near), None) if near else None
        if pick is None and len(ids) > 1:
            pick = next((i for i in ids if gaz.entries[i].country == self.out.main_country),
                        None)
        entry = gaz.entries[pick or ids[0]]
        surface = _text(doc, start, end)
        ent = self.entity(entry.id, entry.label, entry.name if entry.label == COUNTRY else
                          surface, surface, kind=entry.kind, country=entry.country)
        if near and entry.label != COUNTRY and start > 0:
            lo = start - 2 if doc[start - 1].lower_ in {"'s", "’s"} else start - 1
            ent.aliases.add(doc[lo:end].text)
        return entry.id

    def named(self, start: int, end: int, label: str, kind: str | None) -> str:
        doc, gaz = self.doc, self.gaz
        words = [t.text for t in doc[start:end]]
        if label in {MECHANISM, EVENT} and _ORDINAL.match(words[0]) and len(words) > 2:
            series = self.named(start + 1, end, MECHANISM, kind)
            inner = doc[start + 1:end]     # cited by the series, hidden from sentence rules
            self.out.mentions.append(Mention(start + 1, end, inner.start_char, inner.end_char,
                                             inner.text, series, -1))
            ordinal = re.sub(r"\D", "", words[0])
            name = _text(doc, start, end)
            event_id = make_id(EVENT, name)
            self.entity(event_id, EVENT, name, name, kind="conference" if kind ==
                        "conference_series" else "meeting",
                        properties={"ordinal": int(ordinal)} if ordinal and len(ordinal) < 4
                        else {})
            self.out.entities[event_id].properties["series"] = series
            return event_id
        surface = _text(doc, start, end)
        ids = gaz.lookup(surface)
        if ids:
            return self.gazetteer(start, end, ids)
        entity_id = make_id(label, surface)
        self.entity(entity_id, label, surface, surface, kind=kind)
        return entity_id

    def organization(self, start: int, end: int) -> str | None:
        doc, gaz = self.doc, self.gaz
        words = [t.text for t in doc[start:end]]
        named = _classify_named(words, gaz)
        if named and named[0] != EVENT:
            return self.named(start, end, *named)
        kind = _org_kind(words, gaz)
        surface = _text(doc, start, end)
        if kind in GOVERNMENT_KINDS:
            country = _country_near(doc, start, end, gaz, self.out.demonyms)
            country = country or self.out.main_country
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

    def span(self, ent: Any) -> tuple[int, int, str | None] | None:
        """Resolve one entity span of the parse to (start, end, entity id)."""
        doc, gaz, label = self.doc, self.gaz, ent.label_
        start, end = _trim(ent)
        if start >= end:
            return None
        surface = _text(doc, start, end)
        words = surface.split()
        if not surface or not surface[0].isupper() and not surface[0].isdigit():
            return None
        if label == RULER_LABEL:
            ids = gaz.lookup(surface)
            entry = gaz.entries[ids[0]]
            if entry.label == MECHANISM and start and _ORDINAL.match(doc[start - 1].text):
                kind = entry.kind or "conference_series"
                return start - 1, end, self.named(start - 1, end, MECHANISM, kind)
            return start, end, self.gazetteer(start, end, ids)
        if label == CAPITAL:
            country = gaz.country_of(surface)
            prev = doc[start - 1].lower_ if start else ""
            if prev in _PERSON_TITLES and end < len(doc) and doc[end].is_title and \
                    doc[end].is_alpha:
                # "Minister Wellington Koo": a capital's name as a given name
                name = _text(doc, start, end + 1)
                return start, end + 1, self.entity(make_id(PERSON, name), PERSON, name,
                                                   name).id
            if prev in _PLACE_PREPS:
                place = self.entity(make_id(PLACE, surface), PLACE, surface, surface,
                                    kind="city", country=country)
                return start, end, place.id
            self.entity(country, COUNTRY, gaz.entries[country].name, surface)
            return start, end, country
        if label == NAMED:
            named = _classify_named(words, gaz)
            return (start, end, self.named(start, end, *named)) if named else None
        if label == NAMED_ORG:
            if (ids := gaz.lookup(surface)):
                return start, end, self.gazetteer(start, end, ids)
            return start, end, self.organization(start, end)
        if label == "PERSON" or label == "WORK_OF_ART" and 2 <= len(words) <= 3 and all(
                w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
            if len(words) > 4 or not all(w[:1].isupper() for w in words):
                return None
            if (ids := gaz.lookup(surface)):
                return start, end, self.gazetteer(start, end, ids)
            return start, end, self.entity(make_id(PERSON, surface), PERSON, surface,
                                           surface).id
        if label in {"ORG", "WORK_OF_ART", "PRODUCT", "LAW", "EVENT"}:
            if (ids := gaz.lookup(surface)):
                return start, end, self.gazetteer(start, end, ids)
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
                return start, end, self.gazetteer(start, end, ids)
            if len(surface) <= 3 or label == "LOC" and len(words) == 1:
                return None
            return start, end, self.entity(make_id(PLACE, surface), PLACE, surface, surface,
                                           kind="region" if label == "LOC" else "city").id
        return None


def _main_country(spans: Iterable[Any], gaz: Gazetteer) -> str | None:
    counts: Counter[str] = Counter()
    for ent in spans:
        if ent.label_ in {RULER_LABEL, DEMONYM, CAPITAL, "GPE"}:
            country = gaz.country_of(ent.text.strip(_QUOTES))
            if country:
                counts[country] += 1
    return counts.most_common(1)[0][0] if counts else None


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
    out.main_country = _main_country(spans, gaz)
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
    people = {i for i, e in out.entities.items() if e.label == PERSON}
    for ent in list(out.entities.values()):
        for short in _short_forms(ent):
            key = match_key(short)
            if b.alias.get(key) not in people:     # a surname beats a one-word place
                b.alias[key] = ent.id
    covered = {i for m in out.mentions for i in range(m.start, m.end)}
    remapped = []
    for m in out.mentions:
        if m.text in defined and m.entity != defined[m.text]:
            m.entity = defined[m.text]     # an acronym defined here beats the gazetteer's
        target = b.alias.get(match_key(m.text))
        if target in people and target != m.entity and m.end - m.start == 1 and (
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
    out.mentions.sort(key=lambda m: (m.start, m.end))
    return out
