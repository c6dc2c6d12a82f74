"""Posts and memberships: who holds a title where, and who belongs to a party or body.

A title before a name ("Japanese Foreign Minister X", "Senator X of the Y"), a title
set beside a name ("X, India's defence minister", "the director of the Y Institute,
X"), a party in brackets after a name ("X (Labour)"), and "A joined B" / "A, a member
of B". The body a title names is, in order: a body named in it, the party it names,
the country's ministry its words name ("Foreign", "Defence"), the country itself for
a head of state or government, the country's legislature ("lawmaker"). Titles are cut
to their own words (no country, article or clause), six words at most.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from diplograph.loaders.extract.names import normalise_title
from diplograph.loaders.extract.mentions import Mention
from diplograph.loaders.extract.resolve import post_of
from diplograph.loaders.extract.vocab import COUNTRY, HOLDS_POSITION, MEMBER_OF, ORGANIZATION, PERSON
from diplograph.loaders.extract.relations.sentence import Candidate, Sentence, by_trigger
from diplograph.loaders.extract.relations.words import (APPOINTMENT_VERBS, ROLE_VERBS,
                                                        SPEECH_VERBS, TITLE_WORDS, word)

__all__ = ["titles", "appositions", "roles", "party_brackets", "membership"]

_JOIN = frozenset({"of", "for", "and", "-", "&", "on"})
_QUALIFIERS = frozenset({"senior", "chief", "top", "acting", "deputy", "assistant", "foreign",
                        "defence", "defense", "prime", "former"})
#: titles of a government's own officials: with only a country named, the post is in
#: that country's government
GOVERNMENT_TITLES = frozenset({"minister", "secretary", "ambassador", "envoy", "official",
                               "diplomat", "spokesperson", "spokesman", "spokeswoman",
                               "undersecretary", "consul", "attache", "attaché"})
#: prepositions that end a title phrase without being part of the title ("fellow at")
_TRAILING = frozenset({"at", "in", "to", "with", "from", "on", "by"})
_DROP = frozenset({"the", "a", "an", "'s", "’s", "his", "her", "their", "its", ",", "former",
                   "then", "current", "new"})


def _title(s: Sentence, words: list[Any]) -> str:
    """The title words of a title phrase: without names, demonyms, articles or
    possessives, from its first title-like word (:func:`.names.normalise_title` cuts
    it to six words)."""
    kept = [t.text for t in words if (t.i not in s.by_token or t.lower_ in TITLE_WORDS)
            and t.i not in s.ents.demonyms and t.lower_ not in _DROP]
    first = next((i for i, w in enumerate(kept) if _singular(w) in TITLE_WORDS | _QUALIFIERS
                  or w[:1].isupper()), None)
    if first is None or not any(_singular(w) in TITLE_WORDS for w in kept):
        return ""
    kept = kept[first:]
    while kept and kept[-1].lower() in _TRAILING:
        kept.pop()
    # "US secretaries A and B": each holds the post of "secretary"
    kept = [_singular(w) if w.lower() != _singular(w) and _singular(w) in TITLE_WORDS else w
            for w in kept]
    return normalise_title(kept)


def _posts(s: Sentence, person: Mention, words: list[Any], lo: int, hi: int, *,
           post: str | None = None, country: str | None = None) -> Iterator[Candidate]:
    """The posts and memberships a title phrase (``words``) gives ``person``: at the
    bodies named in it (a party makes it a membership), else at ``post`` or the body
    its words name (:func:`.resolve.post_of`) of the country they name, else the one
    the official is known to serve, else ``country``; cited from token ``lo`` to
    ``hi``."""
    title = _title(s, words)
    if not title:
        return
    bodies = list({s.by_token[t.i].entity: s.by_token[t.i] for t in words
                   if t.i in s.by_token and s.label(s.by_token[t.i]) == ORGANIZATION}.values())
    props = {"title": title}
    for body in bodies:
        if s.ents.entities[body.entity].kind == "party":
            yield person.entity, MEMBER_OF, body.entity, lo, hi, {}
        else:
            yield person.entity, HOLDS_POSITION, body.entity, lo, hi, props
    if any(s.ents.entities[b.entity].kind != "party" for b in bodies):
        return
    if post is None:
        # with no country in the title, the one a reader knows the official serves
        known_country, known_body = s.gaz.service(s.ents.entities[person.entity].name)
        country = next((s.ents.entities[b.entity].country for b in bodies
                        if s.ents.entities[b.entity].country), None) or known_country or \
            country
        post = post_of(s.doc, s.ents, s.gaz, [t for t in words if t.i not in s.by_token
                                              or s.label(s.by_token[t.i]) == COUNTRY],
                       country)
        if post is None and not bodies and known_body in s.ents.entities:
            post = known_body   # an official of an international body the text names
    if post is None and _title_word(words, GOVERNMENT_TITLES):
        # "US secretaries A and B", "Kenya's ambassador X": a post in that government
        post = next((s.ents.demonyms.get(t.i) or s.by_token[t.i].entity for t in words
                     if t.i in s.ents.demonyms or t.i in s.by_token
                     and s.label(s.by_token[t.i]) == COUNTRY), None)
        if post is not None and post not in s.ents.entities:
            s.demonym_mention(next(t.i for t in words if s.ents.demonyms.get(t.i) == post))
    if post:
        yield person.entity, HOLDS_POSITION, post, lo, hi, props


def _singular(word: str) -> str:
    """"secretaries" -> "secretary", "ministers" -> "minister"."""
    w = word.lower()
    return w[:-3] + "y" if w.endswith("ies") else w[:-1] if w.endswith("s") else w


def _title_word(words: list[Any], vocabulary: frozenset[str] = TITLE_WORDS) -> bool:
    return any(t.lower_ in vocabulary or _singular(t.text) in vocabulary for t in words)


def _title_before(s: Sentence, m: Mention) -> list[Any]:
    """The title words right before a name: a run of title words, capitalised words,
    demonyms, bodies and joining words, back to anything else."""
    out: list[Any] = []
    i = m.start - 1
    while i >= s.sent.start and m.start - i <= 10:
        t = s.doc[i]
        other = s.by_token.get(i)
        if other is not None and s.label(other) == PERSON:
            break
        if not (t.lower_ in TITLE_WORDS or _singular(t.text) in TITLE_WORDS or t.is_title or t.is_upper or other is not None
                or i in s.ents.demonyms or t.lower_ in _JOIN | {"'s", "’s", "the"}
                or t.lower_ in _QUALIFIERS):
            break
        if t.tag_.startswith("VB") or t.is_punct and t.text not in {"-", "."}:
            break
        out.insert(0, t)
        i -= 1
    while out and (out[0].lower_ in _JOIN | {"'s", "’s"}):
        out.pop(0)
    return out


def titles(s: Sentence) -> Iterator[Candidate]:
    """A title before a name ("Japanese Foreign Minister X", "Ambassador X of the Y",
    "party lawmaker X"): the post the entity layer found for it (``Mention.post``), and
    the bodies named in the title (a party makes it a membership)."""
    shared: tuple[Mention, list[Any]] | None = None
    for m in sorted(s.mentions, key=lambda x: x.start):
        if s.label(m) != PERSON:
            continue
        words = _title_before(s, m)
        post = m.post if m.post in s.ents.entities else None
        if post:
            kind = s.ents.entities[post].kind
            lo = m.start if m.title_start is None else m.title_start
            yield m.entity, MEMBER_OF if kind == "party" else HOLDS_POSITION, post, lo, \
                m.end, {"title": m.title} if m.title else {}
        if not words and shared is not None and m.start - shared[0].end <= 2:
            words = shared[1]       # "US secretaries A and B": B's title too
        shared = (m, words) if any(t.lower_ != _singular(t.text) and
                                   _singular(t.text) in TITLE_WORDS for t in words) else None
        if not _title_word(words):
            continue
        # "Ambassador X of the Y": the body after the name belongs to the title
        root = s.doc[m.start:m.end].root
        extra = [p for c in root.children if c.dep_ == "prep" and c.lower_ in {"of", "from"}
                 for p in c.children if p.dep_ == "pobj" and p.i in s.by_token]
        hi = max([m.end, *(s.by_token[p.i].end for p in extra)])
        yield from (c for c in _posts(s, m, words + extra, words[0].i, hi, post=post)
                    if c[2] != post)


def appositions(s: Sentence) -> Iterator[Candidate]:
    """A title set beside a name, either side ("X, India's defence minister", "the
    director of the Y Institute, X"): the post at the body it names."""
    for m in list(s.mentions):
        if s.label(m) != PERSON:
            continue
        root = s.doc[m.start:m.end].root
        nouns = [c for c in root.children if c.dep_ == "appos" and c.i not in s.by_token]
        if root.dep_ == "appos":
            # the title may be the word the name is set beside, or (a parse that hangs the
            # name on the body) the title the body belongs to: "the head of B, X"
            up = root.head
            for _ in range(3):
                if up.i not in s.by_token and up.lower_ in TITLE_WORDS:
                    nouns.append(up)
                    break
                if up.dep_ not in {"pobj", "prep", "compound"} or up.head.i == up.i:
                    break
                up = up.head
        for noun in nouns:
            if any(c.dep_ == "appos" and c.i in s.by_token and s.by_token[c.i].entity != m.entity
                   and s.label(s.by_token[c.i]) == PERSON for c in noun.children):
                continue        # "Chile's President A and B's President C": A's title
            phrase = [t for t in noun.subtree if not (m.start <= t.i < m.end)
                      and t.dep_ not in {"relcl", "punct"} and t.i not in
                      {x.i for c in noun.children if c.dep_ in {"relcl", "appos", "acl"}
                       for x in c.subtree}]
            if not phrase or not any(t.lower_ in TITLE_WORDS for t in phrase) or any(
                    t.i in s.by_token and s.label(s.by_token[t.i]) == PERSON for t in phrase):
                continue
            after = phrase[-1].i + 1
            if noun.i > m.start and after < s.sent.end and word(s.doc[after]) in SPEECH_VERBS:
                continue        # "... met A, a spokesperson for B said": the speaker, not A
            lo, hi = min(m.start, phrase[0].i), max(m.end, phrase[-1].i + 1)
            yield from _posts(s, m, phrase, lo, hi)


def _role_phrase(verb: Any) -> Any | None:
    """The title noun a role or appointment verb gives: its "as" object ("acts as
    X", "named A as X"), or its attribute ("is X", "was appointed X")."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
        if c.dep_ in {"attr", "oprd"}:
            return c
    return None


def roles(s: Sentence) -> Iterator[Candidate]:
    """A title a clause gives a person: "X, who acts as Y's envoy", "X,
    who is India's ambassador" (a relative clause on the name), "A named X (as) its
    defence minister", "X was appointed foreign minister" (an appointment; "its" is
    the appointing country's)."""
    for m in s.mentions:
        if s.label(m) != PERSON:
            continue
        root, owner = s.root(m), None
        verbs = [c for c in root.children if c.dep_ == "relcl"
                 and word(c) in ROLE_VERBS]
        if root.dep_ in {"dobj", "nsubjpass"} and word(root.head) in APPOINTMENT_VERBS:
            verbs.append(root.head)
            owner = next((s.by_token[c.i] for c in root.head.children if c.dep_ == "nsubj"
                          and c.i in s.by_token and s.label(s.by_token[c.i]) == COUNTRY),
                         None)
        for verb in verbs:
            noun = _role_phrase(verb)
            if noun is None or noun.i in s.by_token or not _title_word([noun]):
                continue
            phrase = [t for t in noun.subtree if t.dep_ not in {"relcl", "punct"}
                      and not m.start <= t.i < m.end]
            lo, hi = min(m.start, phrase[0].i), max(m.end, phrase[-1].i + 1)
            if owner is not None:
                lo = min(lo, owner.start)
            yield from _posts(s, m, phrase, lo, hi, country=owner and owner.entity)


def party_brackets(s: Sentence) -> Iterator[Candidate]:
    """"X (Party)": a party in brackets right after a person's name is theirs."""
    for m in s.mentions:
        if s.label(m) != PERSON or m.end + 2 >= s.sent.end or s.doc[m.end].text != "(":
            continue
        inner = s.by_token.get(m.end + 1)
        if inner and s.ents.entities[inner.entity].kind == "party" and \
                s.doc[inner.end].text in {")", ",", "-"}:
            yield m.entity, MEMBER_OF, inner.entity, m.start, inner.end + 1, {}


def membership(s: Sentence) -> Iterator[Candidate]:
    """"A joined B", "A, a member of B", "B's membership": A is a member of B."""
    yield from by_trigger(s, MEMBER_OF)
