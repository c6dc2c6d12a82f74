"""One sentence as the relation rules see it, and the readings they share: who acts
(:func:`subjects`), on whom (:func:`objects`), and what a trigger word says about the
two (:func:`read_trigger`).

A candidate is (subject id, type, object id, first token, end token, properties).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from diplograph.graph.schema import SCHEMA
from diplograph.loaders.extract.patterns import Gazetteer
from diplograph.loaders.extract.mentions import DocEntities, Entity, Mention
from diplograph.loaders.extract.vocab import (ACTORS, COUNTRY, OPPOSES, ORGANIZATION,
                                              PARTICIPATES_IN, PERSON, SEEKS_SUPPORT_FROM,
                                              SUPPORTS)
from diplograph.loaders.extract.relations.paths import arguments, read_frame
from diplograph.loaders.extract.relations.words import (AGENT_NOUNS, FRAMES, LEMMAS, TITLE_WORDS,
                                                        Frame,
                                                        is_noun, is_verb)

__all__ = ["Candidate", "Sentence", "subjects", "objects", "read_trigger", "nearest_reading",
           "by_trigger", "negated",
           "gaz_entity", "virtual"]

_ARGUMENT = frozenset({"nsubj", "nsubjpass", "pobj", "dobj"})
#: how far back (in tokens) a pronoun may find the person it refers to
REFER_WINDOW = 80
_LINKS = frozenset({"and", "or", "the", "as", "well", "his", "her", "its", "their", "both",
                    "&", "'s", "’s", "'", "’", "of", "for"})
# (subject, type, object, first token, end token, properties)
Candidate = tuple[str, str, str, int, int, dict[str, Any]]


class Sentence:
    """One sentence's tokens and mentions, with the lookups rules share."""

    def __init__(self, doc: Any, sent: Any, mentions: list[Mention], ents: DocEntities,
                 gaz: Gazetteer, people: list[Mention] | None = None) -> None:
        self.doc, self.sent, self.mentions, self.ents, self.gaz = doc, sent, mentions, ents, gaz
        self.people = people or []
        self.by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        self._known: list[tuple[Any, str]] | None = None
        self._triggers: list[tuple[Any, str, Frame]] | None = None
        self.args_cache: dict[int, Any] = {}
        self._coordinated: dict[tuple[int, int, str], list[Mention]] = {}

    def label(self, m: Mention) -> str:
        return self.ents.entities[m.entity].label

    @property
    def known(self) -> list[tuple[Any, str]]:
        """(token, base word) of each word of the sentence the rules read
        (:data:`.words.LEMMAS`), in order: the one pass over its tokens, shared."""
        if self._known is None:
            self._known = [(tok, LEMMAS[tok.lower_]) for tok in self.sent
                           if tok.lower_ in LEMMAS]
        return self._known

    def with_words(self, words: set[str] | frozenset[str]) -> Iterator[tuple[Any, str]]:
        """(token, base word) of each word of the sentence whose base is in ``words``."""
        return ((tok, base) for tok, base in self.known if base in words)

    def triggered(self, *types: str) -> Iterator[tuple[Any, str, Frame]]:
        """(token, base word, frame) of each trigger word outside a mention whose frame
        (:data:`.words.FRAMES`) has one of ``types`` and fits its part of speech, in
        sentence order."""
        if self._triggers is None:
            self._triggers = [(tok, base, f) for tok, base in self.known
                              if tok.i not in self.by_token and not negated(tok)
                              and not _compounded(tok)
                              for f in FRAMES.get(base, ()) if _fits(tok, f)]
        return (t for t in self._triggers if t[2].type in types)

    def root(self, m: Mention) -> Any:
        """The word a mention's words hang on in the parse."""
        return self.doc[m.start:m.end].root

    def refer(self, i: int) -> Mention | None:
        """The person a pronoun or "the minister" at token ``i`` refers to: the last
        person named before it, in this sentence or the two before (a mention of that
        person at the word, used for reading this sentence only)."""
        tok = self.doc[i]
        # "After his speech, A was thanked by B": a pronoun before the main
        # clause's subject is that subject
        ahead = next((m for m in self.mentions if m.start > i and self.label(m) == PERSON
                      and self.root(m).dep_ in {"nsubj", "nsubjpass"}
                      and self.root(m).head.dep_ == "ROOT"), None)
        if ahead is not None and tok.head.i < ahead.start and self.root(ahead).head.i > i:
            return self.at_word(i, ahead.entity)
        before = [m for m in self.people if m.end <= i]
        if not before or i - before[-1].end > REFER_WINDOW:
            return None
        return self.at_word(i, before[-1].entity)

    def at_word(self, i: int, entity: str) -> Mention:
        """A mention of ``entity`` at the one word ``i`` of this sentence that stands
        for it (a pronoun, "the two sides", a demonym)."""
        tok = self.doc[i]
        return Mention(i, i + 1, tok.idx, tok.idx + len(tok), tok.text, entity, self.sent.start)

    def refer_body(self, i: int) -> Mention | None:
        """The state or body "it" at token ``i`` refers to: the last one named before
        it, within reach (its mention when in this sentence, else a mention at the
        word, for reading this sentence only)."""
        before = [m for m in self.ents.mentions if m.end <= i and m.sent >= 0
                  and i - m.end <= REFER_WINDOW and self.ents.label(m) in {COUNTRY, ORGANIZATION}]
        if not before:
            return None
        last = max(before, key=lambda m: m.end)
        if last.start >= self.sent.start:
            return last     # named in this sentence: the evidence runs from the name
        return self.at_word(i, last.entity)

    def refer_pair(self, i: int) -> list[Mention]:
        """The two states "the two sides" or "both countries" at token ``i`` refer to:
        the last two named before it, within reach (mentions at the word, for reading
        this sentence only); none when fewer than two were named."""
        found: list[str] = []
        for m in sorted((m for m in self.ents.mentions if m.end <= i and m.sent >= 0
                         and i - m.end <= REFER_WINDOW
                         and self.ents.label(m) == COUNTRY), key=lambda m: -m.end):
            if m.entity not in found:
                found.append(m.entity)
            if len(found) == 2:
                break
        return [self.at_word(i, e) for e in found] if len(found) == 2 else []

    def demonym_mention(self, i: int) -> Mention:
        """A mention of the country the demonym at token ``i`` names ("Chinese
        pressure"), added to the document's mentions once."""
        country = self.ents.demonyms[i]
        if country not in self.ents.entities:
            self.ents.entities[country] = gaz_entity(self.gaz, country)
        for m in self.mentions:
            if m.start == i and m.entity == country:
                return m
        m = self.at_word(i, country)
        self.ents.mentions.append(m)
        self.mentions.append(m)
        self.by_token[i] = m
        return m

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

    def coordinated(self, m: Mention) -> list[Mention]:
        """``m`` and the mentions of its label coordinated with it in the text, titles
        and all ("A and Foreign Minister B", "A, B and C"), whatever the parse made of
        the list; a name that is another word's subject or object, or in another role
        than ``m``, ends the list."""
        key = (m.start, m.end, m.entity)
        if key in self._coordinated:
            return self._coordinated[key]
        same = sorted((x for x in self.mentions if self.label(x) == self.label(m)),
                      key=lambda x: x.start)
        if m not in same:
            return [m]
        at, out = same.index(m), [m]
        own = self.doc[m.start:m.end].root
        verb = own.head
        for step in (1, -1):
            k, last = at + step, m
            while 0 <= k < len(same):
                other = same[k]
                lo, hi = (last.end, other.start) if step == 1 else (other.end, last.start)
                root = self.doc[other.start:other.end].root
                # a name the parser hung on a title's "for" ("Minister for X A") is no
                # argument of its own
                titled = root.dep_ == "pobj" and root.head.head.lower_ in TITLE_WORDS
                if not self._links(self.doc[lo:hi]) or root.dep_ in _ARGUMENT and (
                        root.head.i != verb.i or root.dep_ != own.dep_) and not titled:
                    break
                out.append(other)
                last, k = other, k + step
        self._coordinated[key] = out
        return out

    def _links(self, between: Any) -> bool:
        """Whether the words between two names only join them: commas, "and", titles."""
        return 0 < len(between) <= 9 and any(t.lower_ in {"and", "or", ",", "&"}
                                             for t in between) and all(
            t.is_punct or t.lower_ in _LINKS or t.lower_ in TITLE_WORDS
            or t.i in self.ents.demonyms or t.is_title and t.i not in self.by_token
            and t.tag_ in {"NNP", "JJ", "NNPS"} or t.i in self.by_token
            and self.label(self.by_token[t.i]) in {COUNTRY, ORGANIZATION} for t in between)

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


def _compounded(tok: Any) -> bool:
    """Is the word the second part of a hyphenated word ("so-called", "long-planned"),
    which says nothing of its own (unlike "co-chaired", "re-elected")?"""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_ \
        and not doc[tok.i - 2].whitespace_ and doc[tok.i - 2].lower_ not in {"co", "re"}


def negated(tok: Any) -> bool:
    """Is the word denied, itself, through the verb it is the object of, or through
    the verbs it completes ("did not meet", "had no talks", "did not hold talks",
    "does not intend to meet", "never agreed to fund")?"""
    for _ in range(4):
        if any(c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no"
               for c in tok.children):
            return True
        if tok.dep_ not in {"xcomp", "dobj"}:
            return False
        tok = tok.head
    return False


def _fits(tok: Any, frame: Frame) -> bool:
    """Whether a word's tag is the part of speech the frame is written for."""
    tag = tok.tag_
    if frame.pos == "verb":
        return tag.startswith("VB")
    if frame.pos == "noun":
        return tag.startswith("NN")
    if frame.pos == "adj":
        return tag.startswith("JJ")
    return tag in {"IN", "RP"} or tok.lower_ in {"sidelines", "margins", "sideline", "margin"}


def gaz_entity(gaz: Gazetteer, entry_id: str) -> Entity:
    """A document entity for a gazetteer entry the text implies but does not name."""
    entry = gaz.entries[entry_id]
    return Entity(entry.id, entry.label, entry.name, entry.kind, entry.country,
                  {entry.name})


def subjects(s: Sentence, trigger: Any, labels: frozenset[str] | set[str]) -> list[Mention]:
    """The actors a trigger word belongs to: its syntactic subject or agent when that is
    a mention, else the nearest one before it."""
    head = trigger if is_verb(trigger) else trigger.head
    for child in list(head.children) + list(trigger.children):
        if child.dep_ in {"nsubj", "nsubjpass", "poss"} or child.dep_ == "agent":
            target = child if child.dep_ != "agent" else next(iter(child.children), child)
            m = s.by_token.get(target.i)
            if m and s.label(m) in labels:
                return s.group(m)
    m = s.left(trigger.i, labels)
    return s.group(m) if m else []


def objects(s: Sentence, trigger: Any, labels: set[str] | frozenset[str]) -> list[Mention]:
    """The nearest mention after a trigger word, with those coordinated with it."""
    m = s.right(trigger.i, labels)
    return s.group(m) if m else []


def virtual(s: Sentence, country: str, tok: Any) -> Mention:
    """A mention of the country a demonym ("Chinese threats") stands for."""
    if country not in s.ents.entities:
        s.ents.entities[country] = gaz_entity(s.gaz, country)
    demonym = s.doc[tok.i - 1]
    s.ents.mentions.append(Mention(demonym.i, demonym.i + 1, demonym.idx,
                                   demonym.idx + len(demonym), demonym.text, country,
                                   s.sent.start))
    return Mention(tok.i - 1, tok.i, s.doc[tok.i - 1].idx, tok.idx, s.doc[tok.i - 1].text,
                   country, s.sent.start)


def read_trigger(s: Sentence, tok: Any, base: str, frame: Frame) -> Iterator[Candidate]:
    """What one trigger word says: the pairs its frame finds on the dependency parse
    (:func:`.paths.read_frame`); when the parse puts no name in any of a verb's roles,
    the nearest reading (:func:`nearest_reading`)."""
    found = False
    for a, b in read_frame(s, tok, frame):
        found = True
        lo, hi = min(a.start, b.start, tok.i), max(a.end, b.end, tok.i + 1)
        yield a.entity, frame.type, b.entity, lo, hi, {}
    if not found and frame.pos == "verb" and "subj" in frame.subject and not any(
            arguments(s, tok).get(role) for role in (*frame.subject, *frame.object)) \
            and not any(c.dep_ == "dobj" for c in tok.children):
        yield from nearest_reading(s, tok, base, frame.type)


def nearest_reading(s: Sentence, tok: Any, base: str, rel: str) -> Iterator[Candidate]:
    """What one trigger word says: the actor before it (or its grammatical subject) ->
    the entity after it; "between A and B" for symmetric types; the agent after a
    passive "by" or a noun's "from"; the owner of an agent noun ("Taiwan's backer");
    the country of a demonym before a noun ("Chinese pressure")."""
    doc = s.doc
    spec = SCHEMA.relation(rel)
    subj_labels, obj_labels = set(spec.subject), set(spec.object)
    if spec.symmetric:
        pairs = s.between_pairs(tok.i)
        for a, b in pairs:
            yield a.entity, rel, b.entity, tok.i, b.end, {}
        if pairs:
            return
    passive = tok.i + 1 < s.sent.end and doc[tok.i + 1].lower_ == "by"
    if passive:
        subj = objects(s, doc[tok.i + 1], subj_labels)
        obj = [m for m in [s.left(tok.i, obj_labels)] if m]
    elif tok.i + 1 < s.sent.end and doc[tok.i + 1].lower_ == "from" and is_noun(tok):
        subj = objects(s, tok, subj_labels)
        obj = [m for m in [s.left(tok.i, obj_labels)] if m]
    elif base in AGENT_NOUNS:
        owner = [c for c in tok.children if c.dep_ == "poss"]
        obj = [s.by_token[c.i] for c in owner if c.i in s.by_token]
        subj = subjects(s, tok, subj_labels) if obj else []
        subj = [m for m in subj if m not in obj]
    else:
        subj = subjects(s, tok, subj_labels)
        obj = objects(s, tok, obj_labels)
        if not obj and rel == PARTICIPATES_IN:      # "sent officials to take part"
            obj = [m for m in [s.left(tok.i, obj_labels)] if m]
        demonym = next((s.ents.demonyms[c.i] for c in tok.children
                        if c.i in s.ents.demonyms), None)
        if demonym and is_noun(tok):
            if rel in {SUPPORTS, OPPOSES} and not obj:
                obj = [m for m in [s.left(tok.i, obj_labels)] if m]
            subj = [virtual(s, demonym, tok)]
    if rel == SEEKS_SUPPORT_FROM:
        obj = [m for m in obj if s.label(m) in ACTORS][:1]
    # a name that is the object of another word is no one's subject here
    subj = [m for m in subj if _free(s, m, tok)]
    for a in subj:
        for b in obj:
            lo, hi = min(a.start, b.start, tok.i), max(a.end, b.end, tok.i + 1)
            yield a.entity, rel, b.entity, lo, hi, {}


def _free(s: Sentence, m: Mention, tok: Any) -> bool:
    root = s.doc[m.start:m.end].root
    return root.dep_ not in {"pobj", "dobj"} or root.head.i == tok.i or \
        root.head.head.i == tok.i


def by_trigger(s: Sentence, rel: str) -> Iterator[Candidate]:
    """Every reading of the sentence's trigger words for ``rel``."""
    for tok, base, frame in s.triggered(rel):
        yield from read_trigger(s, tok, base, frame)
