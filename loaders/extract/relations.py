"""Relationship rules: one small function per relation family, each reading one
sentence (its tokens, parse and resolved mentions) and yielding candidates.

A candidate is (subject id, type, object id, evidence token range, properties); the
finding here is separate from the emitting in :func:`relation_claims`, which checks
every candidate against the schema's endpoint rules, drops self-loops and cites the
exact span of text it rests on. No rule names a person, body or document: rules
read trigger words, the parse and the gazetteers.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from graph.claims import Citation, Claim, EdgeClaim
from graph.schema import SCHEMA
from loaders.documents import Document
from loaders.extract.patterns import Gazetteer
from loaders.extract.resolve import GOVERNMENT_KINDS, DocEntities, Mention
from loaders.extract.vocab import (ACQUIRES, ACTORS, COOPERATES_WITH, COUNTRY, DATED,
                                   DEVELOPS, EVENT, FUNDS, HOLDS_POSITION, INITIATIVE, INSTANCE_OF,
                                   LOCATED_IN, MECHANISM, MEMBER_OF, MET_WITH, OPPOSES,
                                   ORGANIZATION, ORGANIZES, PART_OF, PARTICIPATES_IN, PERSON,
                                   PLACE, PROPOSES, RESEMBLES, SEEKS_SUPPORT_FROM, SUPPORTS,
                                   VISITED, WEAPON)
from loaders.extract.when import SentenceFacts, claim_facts, sentence_facts

__all__ = ["relation_claims", "RULES", "Candidate"]

# (subject, type, object, first token, end token, properties)
Candidate = tuple[str, str, str, int, int, dict[str, Any]]

TITLE_WORDS = {"minister", "secretary", "director", "president", "chairman", "chairwoman",
               "chair", "spokesperson", "spokesman", "spokeswoman", "official", "ambassador",
               "researcher", "professor", "fellow", "analyst", "adviser", "advisor", "chief",
               "head", "commander", "deputy", "lawmaker", "legislator", "senator", "envoy",
               "premier", "governor", "mayor", "chancellor", "dean", "ceo", "founder",
               "representative", "general", "admiral", "officer", "vice", "undersecretary"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent", "poss", "compound", "amod"}
_SYSTEMS = {WEAPON, INITIATIVE}
_EVENTS = {EVENT, MECHANISM}

# trigger word (lemma or lower-case form) -> relationship type
TRIGGERS: dict[str, str] = {}
for _type, _words in {
    OPPOSES: "oppose opposition object objection reject rejection criticize criticise "
             "criticism condemn protest accuse pressure threat harassment anger angered "
             "punishment provoke provocation hostility against coerce intimidate",
    SUPPORTS: "support supporter backer back assist assistance help supply supplier aid "
              "provide arm",
    SEEKS_SUPPORT_FROM: "urge request seek appeal",
    COOPERATES_WITH: "cooperation cooperate collaboration collaborate partner partnership "
                     "exchange interaction interoperability rapprochement",
    MET_WITH: "meet",
    VISITED: "visit trip travel",
    PARTICIPATES_IN: "participate attend attendee address join delegation during",
    ORGANIZES: "organize organise host convene conduct",
    PROPOSES: "announce propose launch unveil introduce",
    FUNDS: "fund allocate earmark finance",
    DEVELOPS: "develop build produce manufacture design",
    ACQUIRES: "buy purchase acquire procure",
    RESEMBLES: "resemble resemblance similar similarity likened liken model inspire",
    PART_OF: "include integrate comprise incorporate consist",
}.items():
    for _w in _words.split():
        TRIGGERS[_w] = _type
_AGENT_NOUNS = {"backer", "supporter", "supplier", "partner", "ally"}
_SUPPORT_NOUNS = {"support", "assistance", "help", "aid"}


_IRREGULAR = {"met": "meet", "built": "build", "bought": "buy", "led": "lead", "sent": "send",
              "took": "take", "taken": "take", "held": "hold", "spoke": "speak",
              "spoken": "speak", "sought": "seek", "made": "make", "gave": "give",
              "given": "give", "began": "begin", "begun": "begin"}
_OTHER_WORDS = ("urge call ask hope request seek appeal hold take locate base send "
                "participate attend address join lead during speak deliver between")


def _forms(base: str) -> set[str]:
    """Regular inflections of an English verb or noun (overgenerating is harmless:
    the forms are only looked up)."""
    forms = {base, base + "s", base + "es", base + "ed", base + "ing", base + "d",
             base + base[-1] + "ed", base + base[-1] + "ing"}
    if base.endswith("e"):
        forms |= {base[:-1] + "ing"}
    if base.endswith("y"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    return forms


#: lower-case form -> base word, for the words the rules read. The pipeline runs no
#: lemmatizer (nor the attribute ruler it needs): the rules read no other lemma.
LEMMAS: dict[str, str] = {}
for _base in sorted({*TRIGGERS, *_AGENT_NOUNS, *_SUPPORT_NOUNS, *_OTHER_WORDS.split()}):
    for _form in _forms(_base):
        LEMMAS.setdefault(_form, _base)
LEMMAS.update(_IRREGULAR)
for _base in TRIGGERS:
    LEMMAS[_base] = _base


def _word(token: Any) -> str:
    return LEMMAS.get(token.lower_, token.lower_)


def _is_verb(token: Any) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD"


def _is_noun(token: Any) -> bool:
    return token.tag_ in {"NN", "NNS"}


class _Sentence:
    """One sentence's tokens and mentions, with the lookups rules share."""

    def __init__(self, doc: Any, sent: Any, mentions: list[Mention], ents: DocEntities,
                 gaz: Gazetteer) -> None:
        self.doc, self.sent, self.mentions, self.ents, self.gaz = doc, sent, mentions, ents, gaz
        self.by_token = {i: m for m in mentions for i in range(m.start, m.end)}

    def label(self, m: Mention) -> str:
        return self.ents.entities[m.entity].label

    def left(self, i: int, labels: set[str] | frozenset[str]) -> Mention | None:
        found = [m for m in self.mentions if m.end <= i and self.label(m) in labels]
        return found[-1] if found else None

    def right(self, i: int, labels: set[str] | frozenset[str]) -> Mention | None:
        return next((m for m in self.mentions if m.start > i and self.label(m) in labels),
                    None)

    def group(self, m: Mention) -> list[Mention]:
        """``m`` and the mentions coordinated with it ("A, B and C")."""
        out, i = [m], self.mentions.index(m)
        for other in self.mentions[i + 1:]:
            between = self.doc[out[-1].end:other.start]
            if len(between) > 3 or not all(t.is_punct or t.lower_ in {"and", "or", "the", "as",
                                                                      "well"} for t in between):
                break
            if self.label(other) == self.label(m) or self.label(m) in ACTORS and \
                    self.label(other) in ACTORS:
                out.append(other)
        return out

    def between_pairs(self, i: int) -> list[tuple[Mention, Mention]]:
        """"between A and B" after token ``i``: the pairs of coordinated mentions."""
        for j in range(i + 1, min(i + 12, self.sent.end)):
            if self.doc[j].lower_ == "between":
                first = next((m for m in self.mentions if m.start > j), None)
                if first is None:
                    return []
                group = self.group(first)
                return [(a, b) for k, a in enumerate(group) for b in group[k + 1:]]
        return []


def _titles(s: _Sentence) -> Iterator[Candidate]:
    """Titles before or beside a name: "Foreign Minister X", "X, deputy minister of
    armaments in the MND", "researcher at Y, X", "President X", "party lawmaker X"."""
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
        if words & TITLE_WORDS:
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
                        ents.entities.setdefault(ministry, _gaz_entity(gaz, ministry, t.text))
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
                        ents.entities[body] = _gaz_entity(gaz, body, None)
                        ents.mentions.append(Mention(t.i, t.i + 1, t.idx, t.idx + len(t),
                                                     t.text, body, s.sent.start))
                    yield m.entity, HOLDS_POSITION, body, window[0].i, m.end, {"title": title}
        # "X, deputy minister of armaments in the Ministry ..."
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


def _gaz_entity(gaz: Gazetteer, entry_id: str, surface: str | None) -> Any:
    from loaders.extract.resolve import Entity
    entry = gaz.entries[entry_id]
    return Entity(entry.id, entry.label, entry.name, entry.kind, entry.country,
                  {entry.name})


def _subjects(s: _Sentence, trigger: Any, labels: frozenset[str] | set[str]
              ) -> list[Mention]:
    """The actors a trigger word belongs to: its syntactic subject or agent when that is
    a mention, else the nearest one before it."""
    head = trigger if _is_verb(trigger) else trigger.head
    for child in list(head.children) + list(trigger.children):
        if child.dep_ in {"nsubj", "nsubjpass", "poss"} or child.dep_ == "agent":
            target = child if child.dep_ != "agent" else next(iter(child.children), child)
            m = s.by_token.get(target.i)
            if m and s.label(m) in labels:
                return s.group(m)
    m = s.left(trigger.i, labels)
    return s.group(m) if m else []


def _objects(s: _Sentence, trigger: Any, labels: set[str] | frozenset[str]) -> list[Mention]:
    m = s.right(trigger.i, labels)
    return s.group(m) if m else []


def _triggers(s: _Sentence) -> Iterator[Candidate]:
    """Verbs and nouns of opposing, supporting, meeting, visiting, funding, ...: the actor
    before (or the grammatical subject) -> the entity after."""
    doc = s.doc
    for tok in s.sent:
        word = _word(tok)
        rel = TRIGGERS.get(word)
        if rel is None or tok.i in s.by_token:
            continue
        spec = SCHEMA.relation(rel)
        subj_labels, obj_labels = set(spec.subject), set(spec.object)
        if rel == PART_OF:
            subj_labels, obj_labels = _SYSTEMS, {WEAPON}
            owners = _subjects(s, tok, _SYSTEMS)
            for part in _objects(s, tok, {WEAPON}):
                for owner in owners:
                    yield part.entity, PART_OF, owner.entity, owner.start, part.end, {}
            continue
        if spec.symmetric:
            pairs = s.between_pairs(tok.i)
            for a, b in pairs:
                yield a.entity, rel, b.entity, tok.i, b.end, {}
            if pairs:
                continue
        passive = tok.i + 1 < s.sent.end and doc[tok.i + 1].lower_ == "by"
        if passive:
            subjects = _objects(s, doc[tok.i + 1], subj_labels)
            objects = [m for m in [s.left(tok.i, obj_labels)] if m]
        elif tok.i + 1 < s.sent.end and doc[tok.i + 1].lower_ == "from" and _is_noun(tok):
            subjects = _objects(s, tok, subj_labels)
            objects = [m for m in [s.left(tok.i, obj_labels)] if m]
        elif word in _AGENT_NOUNS:
            owner = [c for c in tok.children if c.dep_ == "poss"]
            objects = [s.by_token[c.i] for c in owner if c.i in s.by_token]
            subjects = _subjects(s, tok, subj_labels) if objects else []
            subjects = [m for m in subjects if m not in objects]
        else:
            subjects = _subjects(s, tok, subj_labels)
            objects = _objects(s, tok, obj_labels)
            demonym = next((s.ents.demonyms[c.i] for c in tok.children
                            if c.i in s.ents.demonyms), None)
            if demonym and _is_noun(tok):
                if rel in {SUPPORTS, OPPOSES} and not objects:
                    objects = [m for m in [s.left(tok.i, obj_labels)] if m]
                subjects = [_virtual(s, demonym, tok)]
        if rel == SEEKS_SUPPORT_FROM:
            objects = [m for m in objects if s.label(m) in ACTORS][:1]
        for a in subjects:
            for b in objects:
                lo, hi = min(a.start, b.start, tok.i), max(a.end, b.end, tok.i + 1)
                yield a.entity, rel, b.entity, lo, hi, {}
        if word in _SUPPORT_NOUNS or word in {"support", "assist"}:
            yield from _seeking(s, tok)


def _virtual(s: _Sentence, country: str, tok: Any) -> Mention:
    """A mention of the country a demonym ("Chinese threats") stands for."""
    if country not in s.ents.entities:
        s.ents.entities[country] = _gaz_entity(s.gaz, country, None)
    demonym = s.doc[tok.i - 1]
    s.ents.mentions.append(Mention(demonym.i, demonym.i + 1, demonym.idx,
                                   demonym.idx + len(demonym), demonym.text, country,
                                   s.sent.start))
    return Mention(tok.i - 1, tok.i, s.doc[tok.i - 1].idx, tok.idx, s.doc[tok.i - 1].text,
                   country, s.sent.start)


def _seeking(s: _Sentence, tok: Any) -> Iterator[Candidate]:
    """"A urged B to support ...", "A requested B's assistance", "A's hope for B's
    assistance": A seeks support from B."""
    asks = [t for t in s.doc[s.sent.start:tok.i] if _word(t) in
            {"urge", "call", "ask", "hope", "request", "seek", "appeal"}]
    if not asks:
        return
    ask = asks[-1]
    seekers = _subjects(s, ask, ACTORS)
    if not seekers:
        return
    helper = next((s.by_token[c.i] for c in tok.children if c.i in s.by_token), None)
    if helper is None and tok.i - 1 in s.ents.demonyms:
        helper = _virtual(s, s.ents.demonyms[tok.i - 1], tok)
    if helper is None:
        helper = next((m for m in s.mentions if ask.i < m.start < tok.i
                       and s.label(m) in ACTORS), None)
    if helper is None:
        return
    for seeker in seekers:
        if seeker.entity != helper.entity:
            yield seeker.entity, SEEKS_SUPPORT_FROM, helper.entity, seeker.start, tok.i + 1, {}


def _possessed(s: _Sentence) -> Iterator[Candidate]:
    """"Israel's Iron Dome", "the American THAAD system": the country develops it."""
    for m in s.mentions:
        if s.label(m) not in _SYSTEMS:
            continue
        for i in range(m.start - 1, max(s.sent.start, m.start - 6) - 1, -1):
            t = s.doc[i]
            if t.tag_.startswith("VB") or t.text in {",", ";", "("}:
                break
            owner = s.ents.demonyms.get(i) or (
                s.by_token[i].entity if i in s.by_token and s.label(s.by_token[i]) == COUNTRY
                else None)
            if owner:
                yield owner, DEVELOPS, m.entity, i, m.end, {}
                break


def _events(s: _Sentence) -> Iterator[Candidate]:
    """Participation, hosting and location around events and mechanisms: "A took part
    in / attended / addressed E", "during E", "E held in P", "E between A and B"."""
    events = [m for m in s.mentions if s.label(m) in _EVENTS]
    if not events:
        return
    for tok in s.sent:
        word = _word(tok)
        if word in {"hold", "take", "locate", "base"} and tok.i + 1 < s.sent.end:
            place = s.right(tok.i, {PLACE, COUNTRY})
            event = s.left(tok.i, _EVENTS)
            if place and event and s.doc[place.start - 1].lower_ in {"in", "at"}:
                yield event.entity, LOCATED_IN, place.entity, event.start, place.end, {}
        if word == "between":
            first = s.right(tok.i, {COUNTRY})
            if first:
                for party in s.group(first):
                    for event in events:
                        yield party.entity, PARTICIPATES_IN, event.entity, event.start, \
                            party.end, {"role": "party"}
        if word in {"send", "participate", "attend", "address", "join", "lead", "during",
                    "speak", "deliver"}:
            event = s.right(tok.i, _EVENTS) or s.left(tok.i, _EVENTS)
            if event is None:
                continue
            actors = _subjects(s, tok, ACTORS)
            if word == "attend" and not actors:
                actors = [m for m in s.mentions if m.end <= tok.i and s.label(m) in ACTORS
                          and m.start > event.end]
            size = next((t.text for t in s.doc[tok.i:event.start] if t.like_num), None)
            for actor in actors:
                props = {"size": int(size)} if size and size.isdigit() else {}
                yield actor.entity, PARTICIPATES_IN, event.entity, min(actor.start, tok.i), \
                    max(event.end, tok.i + 1), props


RULES: dict[str, Callable[[_Sentence], Iterator[Candidate]]] = {
    "titles": _titles, "triggers": _triggers, "possessed": _possessed, "events": _events}


def _structural(ents: DocEntities, gaz: Gazetteer, parsed: Any) -> Iterator[Candidate]:
    """What the resolved entities imply on their own: a country's ministry is part of
    it; a place lies in its country; an ordinal session is an instance of its series;
    a mechanism named "A-B ..." or known to the gazetteer has its parties."""
    first = {}
    for m in ents.mentions:
        first.setdefault(m.entity, m)
    for entity_id, ent in list(ents.entities.items()):
        m = first.get(entity_id)
        if m is None:
            continue
        where = (m.start, m.end)
        if ent.label == ORGANIZATION and ent.country and (
                ent.kind in GOVERNMENT_KINDS or entity_id in gaz.entries):
            if ent.country not in ents.entities:
                at = next((i for i, c in sorted(ents.demonyms.items()) if c == ent.country),
                          None)
                if at is None:
                    continue
                ents.entities[ent.country] = _gaz_entity(gaz, ent.country, None)
                tok = parsed[at]
                ents.mentions.append(Mention(at, at + 1, tok.idx, tok.idx + len(tok), tok.text,
                                             ent.country, tok.sent.start))
            yield entity_id, PART_OF, ent.country, *where, {}
        if ent.label == PLACE and ent.country:
            yield entity_id, LOCATED_IN, ent.country, *where, {}
        series = ent.properties.get("series")
        if ent.label == EVENT and series:
            props = {"ordinal": ent.properties["ordinal"]} if "ordinal" in ent.properties else {}
            yield entity_id, INSTANCE_OF, series, *where, props
        if ent.label in _EVENTS:
            entry = gaz.entries.get(series or entity_id)
            parties = [gaz.country_of(p) for p in (entry.extra.get("parties") or [])] \
                if entry else []
            name_part = re.split(r"\s", ent.name.replace("\u2013", "-"))[0:2]
            for piece in " ".join(name_part).split("-"):
                country = gaz.country_of(piece.strip())
                if country:
                    parties.append(country)
            for country in dict.fromkeys(p for p in parties if p):
                if country in ents.entities or len(parties) > 1:
                    yield country, PARTICIPATES_IN, entity_id, *where, {"role": "party"}
            organizer = entry.extra.get("organizer") if entry else None
            for org_id in gaz.lookup(organizer or ""):
                if org_id in ents.entities:
                    yield org_id, ORGANIZES, entity_id, *where, {}
        if ent.label in _SYSTEMS and entity_id in gaz.entries and ent.country is None:
            owner = gaz.entries[entity_id].country
            if owner and owner in ents.entities:
                yield owner, DEVELOPS, entity_id, *where, {}


def _year(document: Document) -> int | None:
    return int(document.date[:4]) if document.date[:4].isdigit() else None


def relation_claims(document: Document, parsed: Any, ents: DocEntities, gaz: Gazetteer
                    ) -> list[Claim]:
    """Every rule over every sentence, checked against the schema, dated from its
    sentence (:mod:`.when`) and cited."""
    candidates: list[tuple[Candidate, Any]] = []
    by_sent: dict[int, list[Mention]] = {}
    for m in ents.mentions:
        by_sent.setdefault(m.sent, []).append(m)
    for sent in parsed.sents:
        mentions = by_sent.get(sent.start)
        if not mentions:
            continue
        s = _Sentence(parsed, sent, mentions, ents, gaz)
        for rule in RULES.values():
            candidates.extend((c, sent) for c in rule(s))
    # after the rules, which may add entities; these rest on no one sentence
    candidates.extend((c, None) for c in _structural(ents, gaz, parsed))
    claims: list[Claim] = []
    seen: set[tuple[str, str, str, int]] = set()
    facts: dict[int, SentenceFacts] = {}
    year = _year(document)
    for (source, rel, target, lo, hi, props), sent in candidates:
        if source == target or source not in ents.entities or target not in ents.entities:
            continue
        if not SCHEMA.allows(rel, ents.entities[source].label, ents.entities[target].label):
            continue
        start, end = parsed[lo].idx, parsed[hi - 1].idx + len(parsed[hi - 1])
        if (source, rel, target, start) in seen:
            continue
        seen.add((source, rel, target, start))
        if sent is not None and rel in DATED:
            if sent.start not in facts:
                facts[sent.start] = sentence_facts(
                    document.text[sent.start_char:sent.end_char], sent.start_char, year=year)
            props = {**claim_facts(rel, facts[sent.start], start, end), **props}
        cite = Citation(doc=document.id, start=start, end=end,
                        snippet=document.text[start:end], method="rule", confidence=0.6)
        allowed = SCHEMA.edge_properties(rel)
        claims.append(EdgeClaim(source=source, type=rel, target=target, citation=cite,
                                properties={k: v for k, v in props.items() if k in allowed}))
    return claims
