"""Person names and the titles around them: which words of a span are a title
("Defense Minister", "Secretary of Commerce", "Amb.") and which are the name, and a
title normalised to its own words (no country, article or honorific; at most six
words), which the relation rules keep as a post's ``title``.

Only vocabulary lives here: general title words, the words that name a portfolio
("Foreign", "Homeland Security") and honorifics. Reading a document is
:mod:`.resolve`'s job.

Examples
--------
>>> split_title("Secretary of Commerce Dana Whitfield".split())
(3, 'Secretary of Commerce')
>>> normalise_title("the Deputy Foreign Minister".split())
'Deputy Foreign Minister'
>>> normalise_title("Under Secretary of State for Arms Control and International Security".split())
'Under Secretary of State'
>>> normalise_title("under Prime Minister".split())
'Prime Minister'
"""
from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["TITLE_HEADS", "TITLE_MODIFIERS", "PORTFOLIO", "HONORIFICS", "PARTICLES",
           "is_title_word",
           "split_title", "normalise_title", "MAX_TITLE_WORDS", "clean_person"]

#: Words that head a title: the post itself.
TITLE_HEADS = frozenset("""
minister ministers secretary secretaries ambassador ambassadors president premier chancellor
chairman chairwoman chair chairperson spokesperson spokesman spokeswoman envoy director
general admiral commander chief senator lawmaker legislator governor mayor councilor
councillor representative undersecretary attache attaché dean professor king queen emperor
prince crown sheikh emir sultan counterpart counterparts adviser advisor head official
officials diplomat diplomats negotiator consul commissioner marshal colonel captain
lieutenant major brigadier congressman congresswoman mp mps deputy vice attorney speaker
inspector auditor rapporteur coordinator administrator
""".split())
#: Words that qualify a title head ("Deputy", "Acting", "Permanent").
TITLE_MODIFIERS = frozenset("""
deputy vice assistant under acting principal senior first former permanent prime state
cabinet special executive associate parliamentary junior lead top chief high co
""".split())
#: Words that name a portfolio or an armed service inside a title
#: ("Foreign Minister", "Secretary of Homeland Security", "Air Force General").
PORTFOLIO = frozenset("""
foreign affairs defense defence national security homeland state commerce trade justice
treasury finance interior home economy economic energy environment health education labor
labour agriculture transport transportation industry development international
cooperation public veterans armed forces intelligence information culture science
technology legal policy planning political military strategic overseas immigration
communications digital maritime navy naval army air force marine marines unification
relations external exterior internal arms control water welfare tourism fisheries social
emergency aviation customs police strategy operations plans acquisition sustainment
logistics personnel readiness resources procurement research engineering
""".split())
#: Honorifics and abbreviated titles written before a name ("Amb.", "H.E.", "Dr").
HONORIFICS = frozenset("""
mr mr. mrs mrs. ms ms. dr dr. amb amb. h.e. he hon hon. sir dame lord lady gen gen. adm
adm. col col. lt lt. sen sen. rep rep. prof prof. excellency his her
""".split())
#: generational suffixes after a surname ("Ana Ruiz Jr.", "Tom Bell III")
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
#: lower-case words inside a name ("Hamad bin Isa", "Ursula von der Leyen")
PARTICLES = frozenset({"bin", "bint", "ibn", "al", "el", "de", "van", "von", "der", "da",
                        "di", "du", "la", "le"})
_JOIN = frozenset({"of", "for", "and", "&", "the", "on", "to"})
#: a title is cut to at most this many words
MAX_TITLE_WORDS = 6


def is_title_word(word: str) -> bool:
    """Is ``word`` (any case) a word titles are made of?"""
    low = word.lower()
    return low in TITLE_HEADS or low in TITLE_MODIFIERS or low in PORTFOLIO or low in HONORIFICS


def split_title(words: Sequence[str]) -> tuple[int, str]:
    """(index where the name starts, the title before it) for a capitalised run that
    begins with a title: "Defense Secretary Ana Ruiz" -> (2, "Defense Secretary"). A run
    without a title head before its name gives (0, "")."""
    i, head = 0, False
    while i < len(words) - 1:
        low = words[i].lower()
        if low in TITLE_HEADS:
            head = True
        elif not (low in TITLE_MODIFIERS or low in PORTFOLIO or low in HONORIFICS
                  or low in _JOIN and i and head):
            break
        i += 1
    if not head and not any(w.lower() in HONORIFICS for w in words[:i]):
        return 0, ""
    while i and words[i - 1].lower() in _JOIN:
        i -= 1
    return i, normalise_title(words[:i])


def normalise_title(words: Sequence[str]) -> str:
    """The title's own words: no leading article, honorific or trailing joiner, cut at
    a comma, and at most :data:`MAX_TITLE_WORDS` words (a long "... for X and Y" loses
    its tail first)."""
    out: list[str] = []
    for w in words:
        if w in {",", ";", "(", ":"}:
            break
        if w in {"'s", "’s", "-", "–", "—", '"', "“", "”"}:
            continue
        out.append(w)
    while out and (out[0].lower() in _JOIN or out[0].lower() in HONORIFICS or out[0] == "under"
                   and (len(out) < 2 or out[1].lower() != "secretary")):
        out = out[1:]       # "served under Prime Minister X": "under" is not the title
    while out and out[-1].lower() in _JOIN:
        out = out[:-1]
    while len(out) > MAX_TITLE_WORDS:
        cut = max((i for i, w in enumerate(out) if w.lower() in {"for", "of", "and", "on"}
                   and 0 < i <= MAX_TITLE_WORDS), default=MAX_TITLE_WORDS)
        out = out[:cut]
        while out and out[-1].lower() in _JOIN:
            out = out[:-1]
    return " ".join(out)


_SUFFIX = re.compile(r"^(Jr\.?|Sr\.?|II|III|IV)$")


def clean_person(words: Sequence[str]) -> list[str] | None:
    """A person's name from a span's words, without titles and honorifics before it;
    None when what is left cannot be a name (empty, lower case, a title word)."""
    start, _ = split_title(words)
    rest = [w for w in words[start:] if w.lower() not in HONORIFICS]
    if not rest or len(rest) > 6 or any(w.endswith((",", ";", ":")) for w in rest):
        return None
    if all(is_title_word(w) or _SUFFIX.match(w) for w in rest) or rest[-1].lower() in PORTFOLIO:
        return None         # "Organizations Affairs" is what is left of a portfolio
    if not all(w[:1].isupper() or w.lower() in PARTICLES for w in rest):
        return None
    return rest
