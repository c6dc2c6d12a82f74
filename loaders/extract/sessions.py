"""Sessions of a mechanism: "the sixth Harbour Dialogue", "the 3rd round of the
Harbour Dialogue", "the inaugural Harbour Dialogue", "Harbour Dialogue 2031" are each
one Event, an instance of the mechanism (with its ordinal where the text gives one).

:func:`session_start` reads the words before a mechanism's name; :mod:`.resolve`
makes the Event and records its series (the contract the relation rules read:
``properties["series"]`` and ``properties["ordinal"]``).

Examples
--------
>>> ordinal_value("13th"), ordinal_value("inaugural"), ordinal_value("Ninth"), ordinal_value("big")
(13, 1, 9, None)
>>> session_start("held the fifth round of the X".split(), 6)
(2, 5)
>>> session_start("at the 2nd annual X".split(), 4)
(2, 2)
>>> session_start("the fifth round of their X".split(), 5)
(1, 5)
"""
from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["ordinal_value", "session_word", "session_start", "year_after"]

_WORDS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
    "twentieth".split())} | {"inaugural": 1}
_NUMBERED = re.compile(r"^(\d{1,3})(st|nd|rd|th)$", re.I)
#: nouns that make "the Nth <noun> of X" a session of X
_ROUND = frozenset({"round", "meeting", "session", "edition", "iteration", "installment"})
_YEAR = re.compile(r"^(19|20)\d\d$")
#: words between "round of" and the name ("the fifth round of their X")
_DETERMINERS = frozenset({"the", "their", "its", "this", "our"})


def ordinal_value(word: str) -> int | None:
    """The number an ordinal word gives ("5th", "fifth", "inaugural"), else None."""
    low = word.lower()
    if low in _WORDS:
        return _WORDS[low]
    found = _NUMBERED.match(low)
    return int(found.group(1)) if found else None


def session_word(word: str) -> bool:
    """Does ``word`` before a name make it one session: an ordinal or a year?"""
    return ordinal_value(word) is not None or bool(_YEAR.match(word))


def session_start(words: Sequence[str], at: int) -> tuple[int, int] | None:
    """(index of the first word, ordinal) of a session written before the mechanism
    name that starts at ``words[at]``: "<ordinal> [annual] X" or "<ordinal> [annual]
    round|meeting|session of [the] X"; None when there is none."""
    j = at - 1
    if j >= 0 and words[j].lower() in _DETERMINERS:
        j -= 1
    if j >= 1 and words[j].lower() == "of" and words[j - 1].lower() in _ROUND:
        j -= 2
    elif j < at - 1:
        return None         # "the X" with no round before it
    if j >= 0 and words[j].lower() in {"annual", "regular", "biennial"}:
        j -= 1
    if j >= 0 and (n := ordinal_value(words[j])) is not None:
        return j, n
    return None


def year_after(words: Sequence[str], end: int) -> str | None:
    """The year written right after a mechanism's name ("... Dialogue 2031")."""
    if end < len(words) and _YEAR.match(words[end]):
        return words[end]
    return None
