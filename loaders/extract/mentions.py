"""What the entity layer produces for one document: mentions (token spans, each
resolved to an entity, with a person's title and post), entities, and the shared
readings of a span (:func:`trim_span`, :func:`text_of`, :func:`country_near`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diplograph.loaders.extract.patterns import Gazetteer

__all__ = ["Mention", "Entity", "DocEntities", "GOVERNMENT_KINDS", "QUOTES", "trim_span",
           "text_of", "country_near"]

GOVERNMENT_KINDS = frozenset({"ministry", "legislature", "military", "council", "office",
                              "agency"})
QUOTES = "\"'“”‘’«»"
_STRIP_LEFT = {"the", "a", "an", *QUOTES}


@dataclass(slots=True)
class Mention:
    start: int          # token index
    end: int            # token index (exclusive)
    char_start: int
    char_end: int
    text: str
    entity: str
    sent: int           # index of the sentence's first token
    #: a person's title written next to this mention ("Deputy Foreign Minister"), its
    #: own words only (:func:`.names.normalise_title`); None when there is none
    title: str | None = None
    #: token index where that title starts (a post's evidence runs from here)
    title_start: int | None = None
    #: the body or country the title makes the person hold a post at, already an
    #: entity of the document; None when the text gives no country for it
    post: str | None = None


@dataclass(slots=True)
class Entity:
    id: str
    label: str
    name: str
    kind: str | None = None
    country: str | None = None
    aliases: set[str] = field(default_factory=set)
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class DocEntities:
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    demonyms: dict[int, str] = field(default_factory=dict)   # token index -> country id

    def in_sentence(self, sent_start: int) -> list[Mention]:
        return [m for m in self.mentions if m.sent == sent_start]

    def label(self, mention: Mention) -> str:
        return self.entities[mention.entity].label


def trim_span(span: Any) -> tuple[int, int]:
    """Token bounds of ``span`` without a leading article or quote, a trailing
    possessive, quote or punctuation, nor anything from the first verb or an
    unclosed bracket on."""
    doc, start, end = span.doc, span.start, span.end
    while start < end and (doc[start].lower_ in _STRIP_LEFT or doc[start].is_digit
                           and len(doc[start]) < 3 and end - start > 1):
        start += 1      # an article, a quote, or a stray number ("2 Foreign ...")
    for i in range(start + 1, end):
        if doc[i].tag_ in {"VBD", "VBZ", "VBP"} or "\n" in doc[i].text or (
                doc[i].text == "(" and ")" not in doc[i:end].text):
            end = i         # a verb, a line break, or a bracket the span does not close
            break
    while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'", "’"}
                           or doc[end - 1].is_punct and doc[end - 1].text not in ")"):
        end -= 1
    return start, end


def text_of(doc: Any, start: int, end: int) -> str:
    return doc[start:end].text.strip(QUOTES + " ")


def country_near(doc: Any, start: int, end: int, gaz: Gazetteer, demonyms: dict[int, str]
                  ) -> str | None:
    """A country named right before a span ("Israeli", "Taiwan's") or after it
    ("of the Republic of China", "(Taiwan)")."""
    i = start - 1
    if i >= 0 and doc[i].lower_ in {"'s", "’s"}:
        i -= 1
    if i >= 0 and (i in demonyms or gaz.country_of(doc[i].text)):
        return demonyms.get(i) or gaz.country_of(doc[i].text)
    if i >= 1 and gaz.country_of(doc[i - 1:i + 1].text):
        return gaz.country_of(doc[i - 1:i + 1].text)
    after = doc[end:min(end + 6, len(doc))]
    if len(after) >= 2 and after[0].lower_ in {"of", "("}:
        for j in range(1, len(after)):
            if after[j].lower_ in {"the", "("}:
                continue
            for k in range(len(after), j, -1):
                country = gaz.country_of(after[j:k].text)
                if country:
                    return country
            break
    return None
