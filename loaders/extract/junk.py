"""Spans that look like names but are not entities: datelines ("OSLO, March 4 -"),
bylines and credits, pronouns, capitalised common words and title words standing
alone ("Cabinet", "Defence", "Amb"), and fragments ("Times of", "Council (NSC").

Examples
--------
>>> is_junk_words(["Defence"]), is_junk_words(["Permanent", "Representative"])
(True, True)
>>> is_junk_words(["Times", "of"]), is_junk_words(["Nordic", "Council"])
(True, False)
>>> is_junk_words(["Joint", "Statement"])
True
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from diplograph.loaders.extract.bodies import BODY_HEADS
from diplograph.loaders.extract.names import HONORIFICS, is_title_word

__all__ = ["is_junk_words", "is_dateline", "in_credit", "COMMON_WORDS"]

#: Capitalised at a sentence start or in a heading, never a name on their own.
COMMON_WORDS = frozenset("""
i we you he she it they me us him her them this that these those who what which
alliance government cabinet channel administration commission council ministry
department office parliament senate committee agency embassy mission military army
navy forces coalition region summit meeting talks dialogue forum statement release
press joint communique readout report spokesperson spokesman today yesterday
minister secretary president ambassador delegation officials side sides both
""".split())
_DANGLING = frozenset({"of", "and", "for", "the", "&", "on", "in", "at", "to", "(", "-"})
_MONTHS = frozenset("""jan jan. january feb feb. february mar mar. march apr apr. april may
jun jun. june jul jul. july aug aug. august sep sep. sept sept. september oct oct. october
nov nov. november dec dec. december""".split())


def is_junk_words(words: Sequence[str]) -> bool:
    """Words that cannot be a name: pronouns and common words alone, title words only
    (a title is not a body), or a fragment ending in a joining word."""
    if not words:
        return True
    if words[-1].lower() in _DANGLING or words[0].lower() in _DANGLING - {"the"}:
        return True
    low = [w.lower().strip(".") for w in words]
    if len(words) == 1 and not words[0].isupper() and (
            low[0] in COMMON_WORDS or words[0].lower() in HONORIFICS):
        return True
    if len(words) > 1 and all(w in COMMON_WORDS for w in low):
        return True         # "Joint Press Release", "Press Statement"
    if all(is_title_word(w) or w.lower() in HONORIFICS or w.lower() in {"of", "for", "and"}
           for w in words) and not any(w in BODY_HEADS for w in low):
        return True
    return False


_DASHES = frozenset({"-", "–", "—", "--", ":"})


def is_dateline(doc: Any, start: int, end: int) -> bool:
    """Is ``doc[start:end]`` the place of a dateline: first words of a line, in
    capitals or followed by a comma or dash and then a month or "(Agency)", or the
    country after such a place ("NAIROBI, Kenya —")?"""
    if start >= 2 and doc[start - 1].text == "," and end < len(doc) and doc[end].text in _DASHES:
        first = start - 2       # the place may be several words: "NEW DELHI, India —"
        while first > 0 and doc[first - 1].is_upper and doc[first - 1].is_alpha:
            first -= 1
        return is_dateline(doc, first, start - 1)
    if start >= 2 and doc[start - 1].text == "(" and end < len(doc) and doc[end].text == ")":
        # the agency of a dateline: "BEIJING, June 3 (Agency) --"
        first = start - 1
        while first > 0 and start - first < 10 and "\n" not in doc[first - 1].text:
            first -= 1
        return first <= start - 2 and is_dateline(doc, first, first + 1)
    if start and "\n" not in doc[start - 1].text and doc[start - 1].text.strip():
        return False
    span = doc[start:end].text
    nxt = [t.text.lower() for t in doc[end:min(end + 3, len(doc))]]
    if nxt[:1] == ["("] and span.isupper():
        return True         # "CANBERRA (Agency) -"
    if not nxt or nxt[0] not in {",", "-", "–", "—", "/", ":"}:
        return False
    return span.isupper() or any(w in _MONTHS or w == "(" for w in nxt[1:])


def in_credit(doc: Any, start: int) -> bool:
    """Is the span in a credit or byline: after "By", "Reporting by", "Editing by",
    "Photo:", "Source:" on the same line?"""
    i = start - 1
    while i >= 0 and "\n" not in doc[i].text and start - i < 12:
        if doc[i].lower_ in {"by", "photo", "source", "credit", "credits", "reporting",
                             "editing", "writing", "©"}:
            return doc[i].lower_ != "by" or i == 0 or "\n" in doc[i - 1].text or \
                doc[i - 1].lower_ in {"reporting", "editing", "writing", "additional"}
        i -= 1
    return False
