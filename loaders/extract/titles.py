"""Titles before and beside names: who the parser missed after a title, what is a
title's own words rather than a name, and the post a title names (the body its
portfolio words name, of the country the text gives, or the country itself for a
head of state). A mixin of :class:`.resolve._Builder` (whose :func:`.resolve.post_of`
gives the relation rules the same post for a title written after a name).
"""
from __future__ import annotations

import re
from typing import Any

from diplograph.graph.names import match_key
from diplograph.loaders.extract.bodies import BODY_HEADS, generic_body, qualify
from diplograph.loaders.extract.junk import COMMON_WORDS
from diplograph.loaders.extract.mentions import Mention, text_of
from diplograph.loaders.extract.names import (HONORIFICS, PARTICLES, PORTFOLIO, TITLE_HEADS,
                                              is_title_word, normalise_title, split_title)
from diplograph.loaders.extract.patterns import GenericBody
from diplograph.loaders.extract.vocab import COUNTRY, ORGANIZATION, PERSON

__all__ = ["Titles", "PORTFOLIO_OF", "LOWER_CASE_HEADS"]

#: words inside a title that are not part of it ("China's new Foreign Minister")
_TITLE_ADJECTIVES = frozenset({"new", "newly", "outgoing", "incoming", "then", "current",
                               "appointed", "newly-appointed"})
#: abbreviated titles and the words they stand for
_TITLE_ABBREVIATIONS = {"fm": "Foreign Minister", "pm": "Prime Minister",
                        "dpm": "Deputy Prime Minister"}
_MINISTER_HEADS = frozenset({"minister", "ministers", "secretary", "secretaries",
                             "undersecretary", "ministry"})
#: kinds of one-word generic bodies a demonym before them makes a country's own
#: ("the Chilean embassy", "the Polish parliament"), unlike "the Chilean military"
_OWNED_KINDS = frozenset({"office", "legislature", "ministry"})
#: title heads that introduce a name written in lower case too ("ministry spokesperson
#: A", "defence minister B"), unlike "general" or "head"
LOWER_CASE_HEADS = frozenset({"minister", "secretary", "spokesperson", "spokesman",
                              "spokeswoman", "ambassador", "envoy", "president", "premier",
                              "chancellor", "senator", "lawmaker", "legislator", "adviser",
                              "advisor", "commissioner", "counterpart", "negotiator"})
#: a country after these in a title is the portfolio's subject, not the holder's
#: ("secretary for Asia, Japan and Korea")
PORTFOLIO_OF = frozenset({"for", "on", "to", "with", "and", ",", "in"})


class Titles:
    """Titles and posts (see the module)."""

    doc: Any
    gaz: Any
    out: Any
    ent_tokens: set[int]
    country_at: dict[int, str]
    in_titles: set[int]

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
            if not (tok.is_title and (tok.lower_ in TITLE_HEADS or tok.lower_ in HONORIFICS
                                      or f"{tok.lower_}." in HONORIFICS)
                    or tok.lower_ in LOWER_CASE_HEADS):
                continue
            j = tok.i + 1
            while j < len(doc) and j - tok.i < 6 and (doc[j].lower_ in PORTFOLIO and
                                                       doc[j].is_title or doc[j].lower_ in {
                                                           "of", "for", "."}):
                j += 1
            # "Cabinet Secretary for Defence, A B, said": the name set off by commas
            beside = j > tok.i + 1 and j < len(doc) and doc[j].text == ","
            j += beside
            k = j
            while k < len(doc) and k - j < 6 and (self.name_word(k) or k > j and k + 1 < len(
                    doc) and doc[k].lower_ in PARTICLES and self.name_word(k + 1)):
                k += 1
            if beside and (k >= len(doc) or doc[k].text not in {",", ")"}):
                continue
            if k - j >= 2 and (k >= len(doc) or k not in self.ent_tokens) and \
                    not any(i in self.ent_tokens for i in range(j, k)):
                person = self.person(j, k)
                if person and person[2]:
                    found.append(person)
        return found

    def title_part(self, start: int, end: int) -> bool:
        """Is ``doc[start:end]`` a title's own words rather than a name: the portfolio
        after "Secretary for" / "Minister of" (not a body or a gazetteer name), or a
        generic body before a title word ("Cabinet Secretary", "Defence Cabinet
        Secretary")?"""
        doc, gaz = self.doc, self.gaz
        words = [t.lower_ for t in doc[start:end]]
        surface = text_of(doc, start, end)
        if gaz.lookup(surface) or gaz.country_of(surface):
            return False
        if start >= 2 and doc[start - 1].lower_ in {"of", "for"} and \
                doc[start - 2].lower_ in TITLE_HEADS and not set(words) & BODY_HEADS:
            return True
        # "Cabinet Secretary", "Defence Cabinet Secretary": a generic body's name made
        # of portfolio words and a body word, right before a title word
        return end < len(doc) and doc[end].lower_ in TITLE_HEADS and (
            len(words) == 1 and match_key(surface) in gaz.generic
            or match_key(doc[end - 1].text) in gaz.generic
            and all(w in PORTFOLIO for w in words[:-1]))

    def demonym_actors(self) -> None:
        """A country whose officials act, named only by its demonym ("Latvian and
        Estonian foreign ministers said"), is an entity, mentioned at the demonym."""
        doc, out = self.doc, self.out
        taken = {m.start for m in out.mentions}
        for i, country in sorted(out.demonyms.items()):
            if i in taken or (i > 0 and out.demonyms.get(i - 1) == country):
                continue
            body = self.gaz.generic.get(match_key(doc[i + 1].text)) if i + 1 < len(doc) else None
            if body is not None and body.kind in _OWNED_KINDS and doc[i + 1].is_lower and \
                    i + 1 not in self.ent_tokens:
                # "the Chilean embassy": a one-word body in lower case, owned by the demonym
                found = self.generic(i + 1, i + 2, body, country)
                if found:
                    self.mention(i + 1, i + 2, found)
                continue
            j = i + 1
            while j < len(doc) and j - i < 12 and (j in out.demonyms or doc[j].text in {",", "and"}
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
            elif low == "," and i == m.start and i - 2 > lo and is_title_word(
                    doc[i - 2].text) and m.end < len(doc) and doc[m.end].text in {",", ")"}:
                i -= 1          # "the Secretary for Defence, Ana Ruiz, said"
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
        title names, else the person's known country; none otherwise."""
        doc, gaz = self.doc, self.gaz
        self.country_at = {i: c for i, c in self.countries}
        people = [m for m in self.out.mentions if m.sent >= 0
                  and self.out.entities[m.entity].label == PERSON]
        windows = {id(m): self.title_window(m) for m in people}
        for m in people:
            self.in_titles.update(range(windows[id(m)], m.start))
        done: list[Mention] = []
        listed = self.listed_counterparts(people)
        for m in sorted(people, key=lambda m: m.start):
            lo = windows[id(m)]
            if id(m) in listed:
                # "his French and Polish counterparts, A and B": the last titled
                # person's post, in the country named in the same place of the list
                word, country, first = listed[id(m)]
                prev = next((p for p in reversed(done) if p.sent == m.sent and p.title
                             and p.title_start is not None and p.end <= word), None)
                if prev is not None:
                    m.title, m.title_start = prev.title, first
                    self.out.entities[m.entity].country = country
                    m.post = self.post([t for t in doc[prev.title_start:prev.start]
                                        if t.i not in self.out.demonyms
                                        and t.i not in self.country_at], country, at=word)
                    done.append(m)
                continue
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
            # a title that names no country: the one a reader knows the official serves,
            # else one the text gave them before; never merely the nearest country (in
            # "X protested at President A's visit" A is not X's); an official of an
            # international body serves no country
            known_country, known_body = (None, None) if country else \
                self.gaz.service(person.name)
            body = known_body if known_body in self.out.entities else None
            if known_body is None:
                country = country or known_country or person.country
            if country and not person.country:
                person.country = country
            word = next((t for t in toks if t.lower_ in {"counterpart", "counterparts"}), None)
            at = None
            if word is not None and not any(t.lower_ in PORTFOLIO for t in toks):
                # "his Chilean counterpart": the same post as the last titled person's,
                # in this person's country, named at the word "counterpart"
                prev = next((p for p in reversed(done) if p.sent == m.sent and p.title), None)
                if prev is None:
                    # "A and his Brazilian counterpart B", A titled in an earlier sentence
                    named = {p.entity for p in people if p.sent == m.sent and p.end <= lo}
                    prev = next((p for p in reversed(done) if p.entity in named
                                 and p.title), None)
                if prev is not None and prev.title_start is not None:
                    toks = [t for t in doc[prev.title_start:prev.start]
                            if t.i not in self.out.demonyms and t.i not in self.country_at]
                    m.title, at = prev.title, word.i
            m.post = self.post(toks, country, at=at) or body
            done.append(m)

    def listed_counterparts(self, people: list[Mention]
                            ) -> dict[int, tuple[int, str, int]]:
        """People listed after "<demonym> and <demonym> counterparts," in the same
        order as the demonyms: id of each mention -> ("counterparts" token, country,
        first demonym token)."""
        doc, out = self.doc, {}
        for word in doc:
            if word.lower_ != "counterparts" or word.i + 1 >= len(doc) or \
                    doc[word.i + 1].text != ",":
                continue
            countries: list[str] = []
            first = word.i
            for i in range(max(0, word.i - 8), word.i):
                c = self.out.demonyms.get(i)
                if c and (not countries or countries[-1] != c):
                    countries.append(c)
                    first = min(first, i)
            names, k = [], word.i + 2
            for m in sorted((m for m in people if m.start >= k), key=lambda m: m.start):
                if m.start != k:
                    break
                names.append(m)
                k = m.end
                while k < len(doc) and doc[k].lower_ in {",", "and"}:
                    k += 1
            if len(names) >= 2 and len(names) == len(countries):
                out.update({id(m): (word.i, c, first) for m, c in zip(names, countries)})
        return out

    def body_before(self, i: int) -> str | None:
        """The country of a body named right before a title ("Labour Party lawmaker")."""
        m = next((m for m in self.out.mentions if m.end == i and m.sent >= 0), None)
        ent = self.out.entities[m.entity] if m else None
        return ent.country if ent and ent.label == ORGANIZATION else None

    def post(self, toks: list[Any], country: str | None, *, at: int | None = None
             ) -> str | None:
        """The body or country a title's words name, made an entity mentioned at them
        (or at token ``at``: the words may be another person's title)."""
        gaz = self.gaz
        # a minister's or secretary's portfolio names a ministry; an ambassador's,
        # envoy's or trade representative's does not
        fm = next((t for t in toks if t.lower_ == "fm"), None)
        if fm is not None:      # "FM": the foreign minister
            for generic in (False, True):
                found = self.body_for("Foreign", country, generic=generic)
                if found:
                    self._post_mention(at, fm.i, fm.i + 1, found)
                    return found
        heads = {t.lower_ for t in toks} & _MINISTER_HEADS
        words = [t for t in toks if t.lower_ in PORTFOLIO] if heads else []
        # a minister heads a ministry ("National Security Minister" is not the head of
        # the National Security Council)
        minister = bool(heads & {"minister", "ministers"})
        # the country's own body under any of the title's words first ("National
        # Defence" may only be listed as "Defence"), then a generic one
        runs = [words[k:k + size] for size in (3, 2, 1) for k in range(len(words) - size + 1)
                if words[k + size - 1].i - words[k].i == size - 1]
        for generic in (False, True):
            for run in runs:
                phrase = " ".join(t.text for t in run)
                found = self.body_for(phrase, country, generic=generic, minister=minister)
                if found:
                    self._post_mention(at, run[0].i, run[-1].i + 1, found)
                    return found
        if country is None:
            return None
        run = runs[0] if minister and runs else None
        phrase = " ".join(t.text for t in run) if run else ""
        if run and country in gaz.entries and not gaz.generic.get(match_key(phrase)) and \
                not gaz.country_body(country, phrase):
            # a portfolio no gazetteer lists ("Fisheries Minister"): that ministry; not
            # one that names another kind of body ("Armed Forces Minister")
            name = "Ministry of " + " ".join(t.text[:1].upper() + t.text[1:] for t in run)
            found = self.generic_of(GenericBody(name, "ministry"), country)
            self._post_mention(at, run[0].i, run[-1].i + 1, found)
            return found
        # a title that is one body's own in that country ("Attorney General": its
        # Department of Justice; many countries have one, so only with the country)
        own = [t for t in toks if t.i not in self.out.demonyms and t.i not in self.country_at
               and t.lower_ not in {"'s", "’s", "the"}]
        found = own and self.body_for(" ".join(t.text for t in own), country, generic=False)
        if found:
            self._post_mention(at, own[0].i, own[-1].i + 1, found)
            return found
        text = " ".join(_TITLE_ABBREVIATIONS.get(t.lower_, t.text).lower() for t in toks)
        heads = [h.lower() for h in gaz.titles.get("country", [])]
        # "North Korean leader A", "Chinese leader B": a leader named by the country
        # alone leads it (a party's or a group's leader has the body in the title)
        leader = [t.lower_ for t in own] == ["leader"] and len(own) < len(toks)
        if leader or any(re.search(rf"\b{re.escape(h)}$", text) for h in heads):
            if country not in self.out.entities:
                dem = next((t for t in toks if self.out.demonyms.get(t.i) == country), None)
                if dem is None:
                    return None
                self.entity(country, COUNTRY, gaz.entries[country].name, dem.text)
                self.mention(dem.i, dem.i + 1, country)
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
                self._post_mention(at, t.i, t.i + 1, body)
                return body
        return None

    def _post_mention(self, at: int | None, start: int, end: int, entity_id: str) -> None:
        """The mention of a post at the title words ``start:end``, or at token ``at``
        (the words are another person's title) outside any sentence, so that no rule
        reads the word as naming the body."""
        if at is None:
            self.mention(start, end, entity_id)
        else:
            self.mention(at, at + 1, entity_id).sent = -1

    def body_for(self, phrase: str, country: str | None, *, generic: bool,
                 minister: bool = False) -> str | None:
        """The body a title's portfolio words name: the country's own entry with those
        title words, else (``generic``) the generic body of that country; with no
        country, only an entry that alone in the gazetteer carries those words
        ("Secretary of State"). A ``minister``'s body is a ministry."""
        gaz = self.gaz
        body = gaz.generic_titles.get(match_key(phrase))
        if minister and body is not None and body.kind != "ministry":
            body = None
        if country is None:
            owners = gaz.title_owners.get(match_key(phrase), [])
            if body is not None or generic or len(owners) != 1 or \
                    not gaz.entries[owners[0]].country:
                return None
            return self.known_body(owners[0])
        if not generic:
            own = gaz.ministry(country, phrase)
            if own and minister and gaz.entries[own].kind not in {"ministry", None}:
                return None
            return self.known_body(own) if own else None
        if body is None or country not in gaz.entries:
            return None
        # the country's own body under another of the generic body's title words
        # ("External Affairs" names Australia's Department of Foreign Affairs and Trade)
        own = next((found for w in body.title_words if (found := gaz.ministry(country, w))),
                   None)
        if own:
            return self.known_body(own)
        return self.generic_of(body, country)

    def generic_of(self, body: GenericBody, country: str) -> str:
        """The entity of generic ``body`` of ``country``, named with the country."""
        q = qualify(body, self.gaz.entries[country], body.name)
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
