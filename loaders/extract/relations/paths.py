"""Reading a trigger word's frame off the dependency parse.

:func:`arguments` walks the parse around one word and sorts the mentions hanging on it
into roles (the names of ``triggers.yaml``): its logical subject and object, the owner
and modifier of a noun, and the object of each preposition. Two mentions are then tied
by a frame when one fills a subject role and the other an object role of the same
word: the dependency path between them runs through the trigger in the way the
lexicon says. Coordination spreads a role over "A and B"; a name set beside a title
("his counterpart, X") stands for it.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from diplograph.graph.schema import SCHEMA
from diplograph.loaders.extract.mentions import Mention
from diplograph.loaders.extract.vocab import ACTORS, EVENT, MECHANISM, PERSON
from diplograph.loaders.extract.relations.words import (BODY_PRONOUNS, GATHERING_VERBS,
                                                        LEADING_VERBS,
                                                        LIGHT_VERBS, PAIR_NOUNS, PRONOUNS,
                                                        SENDING_VERBS,
                                                        STAND_INS,
                                                        TITLE_WORDS, TRANSPARENT, Frame, is_verb,
                                                        word)

__all__ = ["arguments", "read_frame", "frame_host", "prefixed", "SIDELINES"]

Args = dict[str, list[Mention]]
#: nouns that make "on the ... of E" a place in time at E
SIDELINES = frozenset({"sidelines", "sideline", "margins", "margin"})
_RELATIVE = frozenset({"which", "who", "that", "whom"})
_INHERIT = frozenset({"conj", "xcomp", "advcl", "pcomp"})
#: object roles whose coordinated names a symmetric type pairs with one another
_PAIRING = ("between", "among", "of")


def _named_after(s: Any, tok: Any) -> Mention | None:
    """The person a title phrase is followed by, set off by a comma ("B's Minister of
    Defence, A"), whatever the parser made of the two."""
    if tok.lower_.rstrip("s") not in TITLE_WORDS:
        return None
    beside = next((s.by_token[c.i] for c in tok.children if c.dep_ == "appos"
                   and c.i in s.by_token), None)
    if beside is not None and s.label(beside) == PERSON:
        return beside       # the parse sets the name beside the whole title phrase
    end = tok.right_edge.i
    while end > tok.i and s.doc[end].is_punct:
        end -= 1
    if end + 1 >= s.sent.end or s.doc[end + 1].text != ",":
        return None
    for i in range(end + 2, min(end + 5, s.sent.end)):
        if i in s.by_token:
            m = s.by_token[i]
            return m if s.label(m) == PERSON else None
        if not s.doc[i].is_title:        # a rank may come first ("Admiral A")
            return None
    return None


def _through(tok: Any) -> Any:
    """The name a transparent noun stands for ("the close of E": E; "the ministers of
    A and B": A and B), else ``tok``."""
    for _ in range(3):
        titled = tok.lower_ in TITLE_WORDS or tok.lower_[:-1] in TITLE_WORDS
        if tok.lower_ not in TRANSPARENT and not titled:
            return tok
        preps = {"of", "from"} if titled else {"of"}
        of = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
                   for p in c.children if p.dep_ == "pobj"), None)
        if of is None:
            return tok
        tok = of
    return tok


def _conjuncts(tok: Any) -> Iterator[Any]:
    """``tok`` and the words coordinated with it ("A, B and C")."""
    todo, seen = [tok], set()
    while todo:
        t = todo.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        yield t
        todo.extend(c for c in t.children if c.dep_ == "conj")


def prefixed(doc: Any, m: Mention) -> bool:
    """Is the name part of a word with a lower-case prefix ("the one-China policy",
    "anti-Japan protests", "pro-Kyiv forces"), where it describes and does not act?"""
    return m.start >= 2 and doc[m.start - 1].text == "-" and doc[m.start - 2].is_lower \
        and not doc[m.start - 2].whitespace_ and not doc[m.start - 1].whitespace_


def _leader(s: Any, group: Any) -> Mention | None:
    """The person a delegation is led by, who acts for it: "a delegation (of
    lawmakers) led by A", "the team headed by A"."""
    nouns = [group, *(p for c in group.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj")]
    return next((s.by_token[p.i] for n in nouns for c in n.children
                 if c.dep_ == "acl" and word(c) in LEADING_VERBS
                 for a in c.children if a.dep_ == "agent"
                 for p in a.children if p.dep_ == "pobj" and p.i in s.by_token
                 and s.label(s.by_token[p.i]) == PERSON), None)


def mentions_at(s: Any, tok: Any) -> list[Mention]:
    """The mentions a word stands for, with those coordinated with it: its own mention,
    else a name set beside it ("counterpart, X") or compounded into it, else the country
    of a demonym."""
    out: list[Mention] = []
    named = _named_after(s, tok)
    if named is not None:
        return s.coordinated(named)
    if tok.i not in s.by_token:
        tok = _through(tok)
    first: Mention | None = None
    for t in _conjuncts(tok):
        m = s.by_token.get(t.i)
        if m is None and t.i + 2 < s.sent.end and s.doc[t.i + 1].text == "," and \
                t.i + 2 in s.by_token and (s.root(s.by_token[t.i + 2]).dep_ == "appos" or (
                    t.lower_.rstrip("s") in TITLE_WORDS or t.lower_ in {"counterpart",
                                                                        "counterparts"})
                    and s.label(s.by_token[t.i + 2]) == PERSON):
            m = s.by_token[t.i + 2]     # "her counterparts, A and B" however it is parsed
        if m is None and t.lower_ in BODY_PRONOUNS and t.dep_ == "nsubj":
            m = s.refer_body(t.i)
        if m is None and (t.lower_ in PRONOUNS or t.lower_ in TITLE_WORDS and any(
                c.lower_ == "the" for c in t.children) and not any(
                c.dep_ in {"compound", "appos"} for c in t.children)):
            m = s.refer(t.i)
        if m is None:       # a name set beside the word first ("his Chilean counterpart A")
            m = next((s.by_token[c.i] for c in sorted(t.children, key=lambda c: c.dep_ != "appos")
                      if c.dep_ in {"appos", "compound", "nmod", "amod", "nummod"}
                      and c.i in s.by_token),
                     None)
        if m is None and t.lower_ in STAND_INS:
            m = _leader(s, t)
        if m is None and t.lower_ in PAIR_NOUNS and any(
                c.lower_ in {"two", "both"} for c in t.children):
            pair = s.refer_pair(t.i)    # "the two sides", "both countries"
            if pair:
                out.extend(x for x in pair if x not in out)
                continue
        if m is None and t.i in s.ents.demonyms:
            m = s.demonym_mention(t.i)
        if m is None and t.lower_ in STAND_INS:     # "the Chinese delegation"
            m = next((s.demonym_mention(c.i) for c in t.children
                      if c.i in s.ents.demonyms and c.i < t.i), None)

        if m is None:       # "adversaries such as A and B", "partners including A"
            listed = next((p for c in t.children if c.dep_ == "prep" and (
                c.lower_ == "including" or c.lower_ == "as" and any(
                    g.lower_ == "such" for g in c.children)) for p in c.children
                if p.dep_ == "pobj"), None)
            if listed is not None:
                out.extend(x for x in mentions_at(s, listed) if x not in out)
                continue
        if m is None or prefixed(s.doc, m):
            continue
        if first is None:
            first = m
        elif not _alike(s, first, m):
            continue            # a parse that joins a meeting and a country with "and"
        out.extend(x for x in s.coordinated(m) if x not in out)
    return out


def _alike(s: Any, a: Mention, b: Mention) -> bool:
    la, lb = s.label(a), s.label(b)
    return la == lb or la in ACTORS and lb in ACTORS


def _add(s: Any, args: Args, role: str, tok: Any, owner: Any) -> None:
    if tok.lower_ in _RELATIVE and owner.dep_ == "relcl":
        tok = owner.head             # "the talks, which were held in X": the talks
    found = mentions_at(s, tok)
    if not found and role == "obj":
        # "criticised B's stance", "opposed Chinese pressure": B, China; "opposed the
        # arms sale to B": the name inside
        found = [m for c in tok.children if c.dep_ == "poss" or c.dep_ in {"amod", "compound"}
                 and c.i in s.ents.demonyms for m in mentions_at(s, c)]
        inside = next((t for t in tok.subtree if t.i in s.by_token and t.i > tok.i
                       and t.dep_ != "relcl" and _reached(t, tok)), None)
        if not found and inside is not None:
            found = mentions_at(s, inside)
    for m in found:
        if m not in args.setdefault(role, []):
            args[role].append(m)


#: prepositions through which a name inside an object is the one the verb bears on
#: ("the arms sale to B", "contacts between B and C"); not a place or a target ("the
#: presence in B", "the attack on B")
_THROUGH = frozenset({"to", "of", "by", "from", "with", "for", "between"})


def _reached(name: Any, head: Any) -> bool:
    """Does ``name`` hang on ``head`` only through :data:`_THROUGH` prepositions?"""
    tok = name
    while tok.i != head.i and tok.head.i != tok.i:
        if tok.dep_ == "prep" and tok.lower_ not in _THROUGH:
            return False
        tok = tok.head
    return tok.i == head.i


def _own(s: Any, host: Any) -> Args:
    """The roles filled by the words hanging directly on ``host``."""
    args: Args = {}
    for c in host.children:
        dep = c.dep_
        if dep == "nsubj":
            _add(s, args, "subj", c, host)
        elif dep in {"nsubjpass", "dobj"}:
            _add(s, args, "obj", c, host)
        elif dep == "dative" and c.tag_ == "IN":      # "sent a team to E"
            for p in c.children:
                if p.dep_ == "pobj":
                    _add(s, args, c.lower_, p, host)
        elif dep == "dative":
            _add(s, args, "to", c, host)
        elif dep == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    _add(s, args, "subj", p, host)
        elif dep == "poss":
            _add(s, args, "poss", c, host)
        elif dep in {"compound", "amod", "nmod", "npadvmod"} and c.i < host.i:
            _add(s, args, "mod", c, host)
        elif dep == "prep":
            for p in c.children:
                if p.dep_ == "pcomp" and p.tag_ == "VBG":
                    # "met with visiting Prime Minister A": the participle describes A
                    for q in p.children:
                        if q.dep_ == "dobj":
                            _add(s, args, c.lower_, q, host)
                if p.dep_ != "pobj":
                    continue
                if c.lower_ == "including" or c.lower_ == "as" and any(
                        g.lower_ == "such" for g in c.children):
                    if not is_verb(host):       # "rivals such as A": A is a rival
                        _add(s, args, "subj", p, host)
                elif p.lower_ in SIDELINES:
                    for q in p.children:
                        if q.dep_ == "prep" and q.lower_ == "of":
                            for r in q.children:
                                if r.dep_ == "pobj":
                                    _add(s, args, "sidelines", r, host)
                else:
                    _add(s, args, c.lower_, p, host)
    if is_verb(host):
        # "sought support from B", "asked for help from B": the object's prepositions
        # belong to the verb when the object names no one
        for c in host.children:
            if c.dep_ == "dobj" and c.i not in s.by_token:
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ not in args and p.lower_ != "of":
                        for q in p.children:
                            if q.dep_ == "pobj":
                                _add(s, args, p.lower_, q, host)
    if host.i in s.by_token:
        args["head"] = [s.by_token[host.i]]
    return args


def _events(s: Any, args: Args) -> list[Mention]:
    """The role "event": the events or mechanisms among the word's own name, subject,
    object and the objects of its "for", "at", "during" ("E was co-chaired ... in P",
    "they met in P for E": E)."""
    return [m for role in ("head", "subj", "obj", "for", "at", "during")
            for m in args.get(role, ()) if s.label(m) in (EVENT, MECHANISM)]


def arguments(s: Any, host: Any, depth: int = 0) -> Args:
    """The mentions in each role of ``host`` (a verb, noun or adjective), with the
    subject it inherits: from the verb it is joined to or depends on, from the light
    verb or copula it is the object of, from the name it is set beside; and the object
    a participle or relative clause takes from the noun it describes."""
    cached = s.args_cache.get(host.i)
    if cached is not None:
        return cached
    args = _own(s, host)
    head, dep = host.head, host.dep_
    if head.i != host.i and depth < 4:
        if dep == "acl" and host.tag_ == "VBN":
            _add(s, args, "obj", head, host)
        elif dep == "acl" or dep == "relcl" and "subj" not in args:
            _add(s, args, "subj", head, host)
        if "subj" not in args and (is_verb(host) and dep in _INHERIT and is_verb(head)):
            up = arguments(s, head, depth + 1)
            if "subj" in up:
                args["subj"] = up["subj"]
        if not is_verb(host):
            if dep == "dobj" and word(head) in LIGHT_VERBS:
                up = arguments(s, head, depth + 1)
                for role, found in up.items():
                    if role not in {"obj", "head"}:
                        args.setdefault(role, found)
            elif dep == "attr" or dep == "acomp":
                up = arguments(s, head, depth + 1)
                if "subj" in up:
                    args.setdefault("subj", up["subj"])
            elif dep == "appos" or dep == "compound" and head.i in s.by_token:
                _add(s, args, "subj", head, host)   # "A, a member", "NATO member A"
            elif dep == "pobj" and head.lower_ in {"for", "during", "at"} and \
                    _gathering(head.head) and not args.get("poss") and \
                    not args.get("of") and not args.get("by") and "subj" not in args:
                # "A arrived in P for talks with B", "A and B agreed during a summit":
                # the traveller holds the talks; "sent A to P for talks": A does
                up = arguments(s, head.head, depth + 1)
                role = "obj" if word(head.head) in SENDING_VERBS else "subj"
                if role in up:
                    args["subj"] = up[role]
    if "subj" not in args and is_verb(host) and dep not in {"xcomp", "conj", "acl", "relcl"}:
        _orphan_subject(s, args, host)
    s.args_cache[host.i] = args
    return args


def _gathering(verb: Any) -> bool:
    """Is ``verb`` one of travelling, meeting or agreeing, or the verb such a verb
    completes ("agreed to reopen the border during a summit")?"""
    return is_verb(verb) and (word(verb) in GATHERING_VERBS or verb.dep_ in {"xcomp", "conj"}
                              and word(verb.head) in GATHERING_VERBS)


def _orphan_subject(s: Any, args: Args, verb: Any) -> None:
    """A main verb the parser left without a subject takes the names right before it
    (the parse hung "A and B" on an earlier phrase): "On the sidelines of E, A and B
    held talks"."""
    if any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"} for c in verb.children):
        return
    i = verb.i - 1
    while i >= s.sent.start and (s.doc[i].tag_ in {"MD", "RB"} or s.doc[i].dep_ == "aux"):
        i -= 1
    m = s.by_token.get(i)
    if m is not None:
        args["subj"] = s.coordinated(m)


def frame_host(tok: Any, frame: Frame) -> Any | None:
    """The word a frame's roles are read on: the trigger itself, or for a preposition
    the word it hangs on ("met ... at E": met)."""
    if frame.pos != "prep":
        return tok
    if tok.lower_ in SIDELINES:       # on the sidelines of: "on" hangs on the host
        prep = tok.head
        return prep.head if prep.dep_ == "prep" else None
    return tok.head if tok.dep_ == "prep" else None


def read_frame(s: Any, tok: Any, frame: Frame) -> Iterator[tuple[Mention, Mention]]:
    """(subject, object) mention pairs a trigger word's frame finds in the parse;
    "between A and B" pairs the coordinated names with one another."""
    host = frame_host(tok, frame)
    if host is None:
        return
    args = arguments(s, host)
    spec = SCHEMA.relation(frame.type)
    subj_labels, obj_labels = spec.subject, spec.object
    if "event" in frame.subject:
        args = {**args, "event": _events(s, args)}
    subjects = [m for r in frame.subject for m in args.get(r, ()) if s.label(m) in subj_labels]
    objects = [m for r in frame.object for m in args.get(r, ()) if s.label(m) in obj_labels]
    if spec.symmetric:
        for role in _PAIRING:
            if role in frame.object and len(args.get(role, ())) > 1:
                yield from _pairs([m for m in args[role] if s.label(m) in subj_labels])
        if "between" in frame.object and not objects and len(subjects) > 1:
            yield from _pairs(subjects)      # "A and B met", "A and B held talks"
    for a in subjects:
        for b in objects:
            if a.entity != b.entity:
                yield a, b


def _pairs(names: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    for k, a in enumerate(names):
        for b in names[k + 1:]:
            if a.entity != b.entity:
                yield a, b
