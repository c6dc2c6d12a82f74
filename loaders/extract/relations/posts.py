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

from diplograph.loaders.extract.resolve import Mention
from diplograph.loaders.extract.vocab import COUNTRY, HOLDS_POSITION, MEMBER_OF, ORGANIZATION, PERSON
from diplograph.loaders.extract.relations.sentence import Candidate, Sentence, by_trigger, gaz_entity
from diplograph.loaders.extract.relations.words import TITLE_WORDS

__all__ = ["titles", "appositions", "party_brackets", "membership", "normalise_title",
           "MAX_TITLE_WORDS"]

MAX_TITLE_WORDS = 6
_JOIN = frozenset({"of", "for", "and", "-", "&", "on"})
_DROP = frozenset({"the", "a", "an", "'s", "’s", "his", "her", "their", "its", ",", "former",
                   "then", "current", "new"})


def normalise_title(words: Sequence[str]) -> str:
    """The title words of a title phrase: without articles, possessives, leading or
    trailing joining words, at most :data:`MAX_TITLE_WORDS` words (those ending at its
    last title word).

    >>> normalise_title(["the", "deputy", "minister", "of", "armaments"])
    'deputy minister of armaments'
    >>> normalise_title("its newly appointed senior fellow".split())
    'senior fellow'
    """
    kept = [w for w in words if w.lower() not in _DROP]
    last = max((i for i, w in enumerate(kept) if w.lower() in TITLE_WORDS), default=-1)
    if last < 0:
        return ""
    # A title ends at its last title word or the "of X" that follows it.
    end = last + 1
    while end < len(kept) and (kept[end].lower() in _JOIN or kept[end][:1].isupper()
                               or kept[end].islower() and kept[end - 1].lower() == "of"):
        end += 1
    start = last
    while start > 0 and (kept[start - 1].lower() in TITLE_WORDS or kept[start - 1][:1].isupper()
                         or kept[start - 1].lower() in {"senior", "chief", "top", "acting",
                                                        "deputy", "assistant", "foreign",
                                                        "defence", "defense", "prime"}):
        start -= 1
    out = kept[start:end]
    while out and out[-1].lower() in _JOIN:
        out.pop()
    return " ".join(out[-MAX_TITLE_WORDS:] if last - start >= MAX_TITLE_WORDS
                    else out[:MAX_TITLE_WORDS])


def _body(s: Sentence, country: str | None, words: list[Any], at: int) -> str | None:
    """The body of ``country`` a title's words name, added to the document if new."""
    if country is None:
        return None
    gaz, ents = s.gaz, s.ents
    lower = [t.lower_ for t in words]
    text = " ".join(lower)
    found = None
    if {"minister", "secretary", "ministry"} & set(lower):
        found = next((gaz.ministry(country, t.text) for t in words
                      if gaz.ministry(country, t.text)), None)
    heads = [h.lower() for h in gaz.titles.get("country", [])]
    if found is None and any(text == h or text.endswith(" " + h) for h in heads) \
            and "minister" not in lower[:-1]:
        return country
    if found is None and set(lower) & {w.lower() for w in gaz.titles.get("legislature", [])}:
        found = gaz.body_of(country, "legislature")
    if found and found not in ents.entities:
        ents.entities[found] = gaz_entity(gaz, found)
        tok = s.doc[at]
        ents.mentions.append(Mention(at, at + 1, tok.idx, tok.idx + len(tok), tok.text,
                                     found, s.sent.start))
    return found


def _posts(s: Sentence, person: Mention, words: list[Any], lo: int, hi: int
           ) -> Iterator[Candidate]:
    """The posts and memberships a title phrase (``words``) gives ``person``; cited from
    token ``lo`` to ``hi``."""
    title = normalise_title([t.text for t in words if t.i not in s.by_token
                             and t.i not in s.ents.demonyms])
    if not title:
        return
    inside = {s.by_token[t.i].entity: s.by_token[t.i] for t in words if t.i in s.by_token}
    bodies = [m for m in inside.values() if s.label(m) == ORGANIZATION]
    country = next((s.ents.demonyms[t.i] for t in words if t.i in s.ents.demonyms), None)
    country = country or next((m.entity for m in inside.values() if s.label(m) == COUNTRY),
                              None) or next((s.ents.entities[b.entity].country for b in bodies
                                             if s.ents.entities[b.entity].country), None)
    props = {"title": title}
    for body in bodies:
        kind = s.ents.entities[body.entity].kind
        if kind == "party":
            yield person.entity, MEMBER_OF, body.entity, lo, hi, {}
        else:
            yield person.entity, HOLDS_POSITION, body.entity, lo, hi, props
    if any(s.ents.entities[b.entity].kind != "party" for b in bodies):
        return
    title_words = [t for t in words if t.i not in s.by_token and t.i not in s.ents.demonyms
                   and t.lower_ not in _DROP]
    at = next((t.i for t in title_words if t.lower_ not in TITLE_WORDS), words[0].i)
    body = _body(s, country, title_words, at)
    if body:
        yield person.entity, HOLDS_POSITION, body, lo, hi, props


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
        if not (t.lower_ in TITLE_WORDS or t.is_title or t.is_upper or other is not None
                or i in s.ents.demonyms or t.lower_ in _JOIN | {"'s", "’s", "the"}
                or t.lower_ in {"senior", "chief", "deputy", "foreign", "defence", "defense",
                                "prime", "acting", "assistant", "top", "former"}):
            break
        if t.tag_.startswith("VB") or t.is_punct and t.text not in {"-", "."}:
            break
        out.insert(0, t)
        i -= 1
    while out and (out[0].lower_ in _JOIN | {"'s", "’s"}):
        out.pop(0)
    return out


def titles(s: Sentence) -> Iterator[Candidate]:
    """A title before a name ("Japanese Foreign Minister X", "Ambassador X of the
    Y"): the post at the body it names (a party makes it a membership)."""
    for m in list(s.mentions):
        if s.label(m) != PERSON:
            continue
        post = getattr(m, "post", None)
        if post and post in s.ents.entities:
            start = getattr(m, "title_start", None)
            lo = m.start if start is None else start
            kind = s.ents.entities[post].kind
            rel = MEMBER_OF if kind == "party" else HOLDS_POSITION
            yield m.entity, rel, post, lo, m.end, {"title": m.title} if m.title else {}
            continue
        words = _title_before(s, m)
        if not any(t.lower_ in TITLE_WORDS for t in words):
            continue
        # "Ambassador X of the Y": the body after the name belongs to the title
        root = s.doc[m.start:m.end].root
        after = [p for c in root.children if c.dep_ == "prep" and c.lower_ in {"of", "from"}
                 for p in c.children if p.dep_ == "pobj"]
        extra = [s.doc[p.i] for p in after if p.i in s.by_token]
        hi = max([m.end, *(s.by_token[p.i].end for p in extra)])
        yield from _posts(s, m, words + extra, words[0].i, hi)


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
            phrase = [t for t in noun.subtree if not (m.start <= t.i < m.end)
                      and t.dep_ not in {"relcl", "punct"} and t.i not in
                      {x.i for c in noun.children if c.dep_ in {"relcl", "appos", "acl"}
                       for x in c.subtree}]
            if not phrase or not any(t.lower_ in TITLE_WORDS for t in phrase):
                continue
            lo, hi = min(m.start, phrase[0].i), max(m.end, phrase[-1].i + 1)
            yield from _posts(s, m, phrase, lo, hi)


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
