"""Happenings the text names without a capitalised name of their own: sessions of a
channel ("the 4th round of the X", "X 2031"), meetings named after the body that
holds them ("the X summit", "a meeting of the X ministers"), channels named by their
sides in lower case ("the A-B border talks") and conflicts ("the A-B war", "A's
invasion of B"). A mixin of :class:`.resolve._Builder`: it reads and adds the
builder's entities and mentions.
"""
from __future__ import annotations

import re
from typing import Any

from diplograph.graph.names import make_id, match_key
from diplograph.loaders.extract.mentions import text_of
from diplograph.loaders.extract.patterns import DEMONYM, RULER_LABEL
from diplograph.loaders.extract.sessions import ordinal_value, session_start, year_after
from diplograph.loaders.extract.vocab import COUNTRY, EVENT, MECHANISM, ORGANIZATION, PLACE

__all__ = ["Happenings", "nth"]

#: lower-case words that make a body's or channel's name a meeting of it
_MEETING_WORDS = frozenset({"meeting", "meetings", "summit", "ministerial"})
#: words between such a name and its meeting word ("steering committee", "leaders'")
_MODIFIER_TAGS = frozenset({"JJ", "NN", "NNS", "POS", "NNPS"})
#: lower-case heads of a standing channel named by its sides ("Chile-Peru border talks")
_CHANNEL_WORDS = frozenset({"talks", "dialogue", "consultation", "consultations"})
_CONFLICT_WORDS = frozenset({"conflict", "war", "crisis", "invasion"})


def nth(n: int) -> str:
    """12 -> "12th", 22 -> "22nd": the one spelling of an ordinal in session ids."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Happenings:
    """Sessions, meetings, channels and conflicts (see the module)."""

    doc: Any
    gaz: Any
    out: Any
    ent_tokens: set[int]

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
            name = text_of(doc, start, end)
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
            if tok.lower_ in _CHANNEL_WORDS and i - k >= 2 and k >= 2 and doc[k].lower_ in {
                    "of", "the"} and session_start([t.text for t in doc[max(0, k - 5):k + 2]],
                                                   k + 1 - max(0, k - 5)):
                # "the 9th round of maritime border consultation": a numbered round
                # of a channel named in lower case, without its sides
                name = text_of(doc, k + 1, i + 1)
                ent = self.entity(make_id(MECHANISM, name), MECHANISM, name, name,
                                  kind="talks")
                self.mention(k + 1, i + 1, ent.id)
                continue
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
            name = text_of(doc, start, end)
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

    def sessions(self) -> None:
        """A mechanism named with an ordinal before it ("the 4th round of the X") or a
        year after it ("X 2031") is mentioned as one session of it: an Event whose
        ``series`` is the mechanism (whose own mention is then hidden from the
        sentence rules, as the event's words cover it)."""
        doc = self.doc
        self.sessions_of()
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

    def sessions_of(self) -> None:
        """"The 4th Ministerial Conference of the X Forum" is a session of X: the
        words before "of" ("Ministerial Conference") name no channel of their own."""
        doc, ents = self.doc, self.out.entities
        starts = {m.start: m for m in self.out.mentions if m.sent >= 0}
        for m in [m for m in self.out.mentions if m.sent >= 0]:
            event = ents.get(m.entity)
            series = event.properties.get("series") if event and event.label == EVENT else None
            if series is None or m.end + 1 >= len(doc) or doc[m.end].lower_ != "of":
                continue
            after = starts.get(m.end + 2 if doc[m.end + 1].lower_ == "the" else m.end + 1)
            if after is None or ents[after.entity].label != MECHANISM or \
                    any(o.entity == series and o.sent >= 0 for o in self.out.mentions):
                continue
            event.properties["series"] = after.entity
            self.out.mentions[:] = [o for o in self.out.mentions if o.entity != series]
            ents.pop(series, None)

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
                    new = make_id(EVENT, f"{nth(e.properties['ordinal'])} "
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
            name = text_of(doc, start, end)
            if ordinal and ent.label == MECHANISM and end == m.end + 1:
                event_id = self.session(start, end, m.entity, ordinal, None)
            else:
                event_id = make_id(EVENT, name)
                props: dict[str, Any] = {"series": m.entity} if ent.label == MECHANISM else {}
                if ordinal:
                    props["ordinal"] = ordinal
                self.entity(event_id, EVENT, name, name, kind="meeting", properties=props)
            if before:
                self.out.entities[event_id].aliases.add(f"{text_of(doc, m.start, m.end)} meeting")
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
        surface = text_of(self.doc, start, end)
        # "the fifth round of their X" is named "fifth round of the X"
        name = re.sub(r" of (?:their|its|our|this) ", " of the ", surface, count=1)
        event_id = make_id(EVENT, f"{nth(ordinal)} {mechanism.name}" if ordinal else
                           f"{mechanism.name} {year}" if year else name)
        props: dict[str, Any] = {"series": series}
        if ordinal:
            props["ordinal"] = ordinal
        self.entity(event_id, EVENT, name, surface, properties=props,
                    kind="conference" if mechanism.kind == "conference_series" else "meeting")
        return event_id
