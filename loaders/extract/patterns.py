"""Gazetteers (seeds/gazetteers/*.yaml) -> lookup tables and EntityRuler patterns.

A gazetteer file is YAML with a top-level ``gazetteer:`` mapping holding any of
``countries``, ``places``, ``organizations``, ``mechanisms``, ``weapon_systems``,
``initiatives`` (lists of entries), ``generic_bodies`` (bodies every country has under
one generic name: "Ministry of Foreign Affairs", "Parliament"; qualified by the country
the text gives, see :mod:`.bodies`), ``people`` (well-known officials and the country
or international body they serve: what a reader knows when a text writes "Prime
Minister X" and names no country), ``titles``, ``kind_words``, ``mechanism_heads``
and ``initiative_heads`` (mappings). Several files are merged. Nothing here imports
spaCy: the patterns are plain dicts that :mod:`loaders.extract.spacy_backend` hands
to an EntityRuler.

Examples
--------
>>> gaz = load_gazetteer()
>>> gaz.country_of("Taiwanese"), gaz.country_of("Beijing")
('country:taiwan', 'country:china')
>>> [gaz.entries[i].country for i in gaz.lookup("Ministry of National Defense")][:2]
['country:taiwan', 'country:china']
>>> gaz.serves("Sergey Lavrov"), gaz.serves("António Guterres")
('country:russia', 'org:united-nations')
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from diplograph.graph.errors import InvalidInput
from diplograph.graph.names import make_id
from diplograph.graph.names import match_key
from diplograph.loaders.curated import read_yaml
from diplograph.loaders.extract.names import PORTFOLIO, SUFFIXES
from diplograph.loaders.extract.vocab import (COUNTRY, INITIATIVE, MECHANISM, ORGANIZATION, PLACE,
                                   WEAPON)

__all__ = ["Entry", "Gazetteer", "load_gazetteer", "DEFAULT_GAZETTEERS", "default_gazetteer_dir",
           "is_gazetteer",
           "ruler_patterns", "RULER_LABEL", "DEMONYM", "CAPITAL", "NAMED", "NAMED_ORG",
           "GENERIC", "GenericBody",
           "name_heads", "named_spans", "EVENT_HEADS"]


def default_gazetteer_dir() -> Path:
    """The gazetteers shipped with diplograph: package data of ``diplograph.seeds``
    (``seeds/gazetteers`` in a source checkout), found wherever diplograph is installed.
    The one place that says where they are."""
    return Path(str(resources.files("diplograph.seeds").joinpath("gazetteers")))


DEFAULT_GAZETTEERS = default_gazetteer_dir()
#: EntityRuler labels: a gazetteer entry, a demonym, a capital, a generic named pattern.
RULER_LABEL, DEMONYM, CAPITAL, NAMED = "GAZ", "DEMONYM", "CAPITAL", "NAMED"
NAMED_ORG = "NAMED_ORG"
#: EntityRuler label of a generic body's name ("Foreign Ministry"), to be qualified.
GENERIC = "GENERIC"


#: a middle initial ("B."), left out when a name is looked up
_INITIAL = re.compile(r"^[A-Z]\.?$")

_SECTIONS = {"countries": COUNTRY, "places": PLACE, "organizations": ORGANIZATION,
             "mechanisms": MECHANISM, "weapon_systems": WEAPON, "initiatives": INITIATIVE}


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entity: its node id, label, canonical name, kind, country id."""

    id: str
    label: str
    name: str
    kind: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class GenericBody:
    """A body every country has, named generically: its canonical name, kind, the words
    that name it in a title ("Foreign" in "Foreign Minister") and its other names."""

    name: str
    kind: str | None = None
    title_words: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    by_key: dict[str, list[str]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    titles: dict[str, list[str]] = field(default_factory=dict)
    kind_words: dict[str, str] = field(default_factory=dict)
    mechanism_heads: dict[str, str] = field(default_factory=dict)
    initiative_heads: dict[str, str] = field(default_factory=dict)
    #: match key of a generic body's name or alias -> the body
    generic: dict[str, GenericBody] = field(default_factory=dict)
    #: match key of a title word ("foreign", "homeland security") -> generic body
    generic_titles: dict[str, GenericBody] = field(default_factory=dict)
    #: match key of a title word -> ids of the entries that carry it (``title_words``)
    title_owners: dict[str, list[str]] = field(default_factory=dict)
    #: match key of a well-known official's name -> the country or body they serve
    people: dict[str, str] = field(default_factory=dict)
    fingerprint: str = ""

    def lookup(self, surface: str) -> list[str]:
        """Ids of the entries one of whose names is ``surface`` (after :func:`match_key`)."""
        return self.by_key.get(match_key(surface), [])

    def country_of(self, surface: str) -> str | None:
        """The country id a country name, demonym or capital designates."""
        key = match_key(surface)
        for entry_id in self.by_key.get(key, []):
            if self.entries[entry_id].label == COUNTRY:
                return entry_id
        return self.demonyms.get(key) or self.capitals.get(key)

    def serves(self, name: str) -> str | None:
        """The country or international body the official ``name`` is known to serve;
        also tried without middle initials and generational suffixes ("Ana B. Ruiz
        Jr."), and a two-word name family name first ("SUZUKI Hana")."""
        words = name.split()
        plain = [w for w in words if not _INITIAL.match(w) and w.lower() not in SUFFIXES]
        for variant in (words, plain, plain[::-1] if len(plain) == 2 else []):
            found = self.people.get(match_key(" ".join(variant))) if variant else None
            if found is not None:
                return found
        return None

    def service(self, name: str) -> tuple[str | None, str | None]:
        """(country, international body) the official ``name`` is known to serve; at
        most one of the two is given (:meth:`serves`)."""
        found = self.serves(name)
        if found is None:
            return None, None
        return (found, None) if self.entries[found].label == COUNTRY else (None, found)

    def ministry(self, country: str, title_word: str) -> str | None:
        """The ministry of ``country`` that a title word ("Foreign", "Defense") names."""
        return next((i for i in self.title_owners.get(match_key(title_word), [])
                     if self.entries[i].country == country), None)

    def country_body(self, country: str, surface: str) -> str | None:
        """The entry of ``country`` one of whose names is ``surface``."""
        return next((i for i in self.lookup(surface) if self.entries[i].country == country),
                    None)

    def body_of(self, country: str, kind: str) -> str | None:
        for entry in self.entries.values():
            if entry.country == country and entry.kind == kind:
                return entry.id
        return None

    def surfaces(self) -> Iterable[tuple[str, str]]:
        """(surface form, ruler label) pairs for the EntityRuler."""
        for entry in self.entries.values():
            for name in (entry.name, *entry.aliases):
                yield name, RULER_LABEL
        for entry in self.entries.values():
            if entry.label == COUNTRY:
                for name in entry.extra.get("demonyms", ()):
                    yield name, DEMONYM
                for name in entry.extra.get("capitals", ()):
                    yield name, CAPITAL
        # one-word generic names ("Army", "Cabinet") would cut longer names the parser
        # finds ("People's Liberation Army"); they are read from its spans instead
        for body in {id(b): b for b in self.generic.values()}.values():
            for name in (body.name, *body.aliases):
                if " " in name:
                    yield name, GENERIC


def is_gazetteer(data: Any) -> bool:
    return isinstance(data, dict) and "gazetteer" in data


def _country_id(name: str | None) -> str | None:
    return make_id(COUNTRY, name) if name else None


def _add(gaz: Gazetteer, label: str, item: dict[str, Any], where: str) -> None:
    if not isinstance(item, dict) or not item.get("name"):
        raise InvalidInput(f"each gazetteer entry needs a 'name', got {item!r}",
                           where, getattr(item, "line", None))
    name = str(item["name"])
    country = None if label == COUNTRY else _country_id(item.get("country"))
    qualified = country and label == ORGANIZATION
    country_name = str(item.get("country")) if qualified else None
    entry = Entry(id=make_id(label, name, country_name), label=label, name=name,
                  kind=item.get("kind"), country=country,
                  aliases=tuple(str(a) for a in item.get("aliases") or ()),
                  extra={k: v for k, v in item.items()
                         if k not in {"name", "kind", "country", "aliases"}})
    gaz.entries[entry.id] = entry
    for word in entry.extra.get("title_words") or ():
        owners = gaz.title_owners.setdefault(match_key(str(word)), [])
        if entry.id not in owners:
            owners.append(entry.id)
    for surface in (entry.name, *entry.aliases):
        ids = gaz.by_key.setdefault(match_key(surface), [])
        if entry.id not in ids:
            ids.append(entry.id)
    if label == COUNTRY:
        for demonym in item.get("demonyms") or ():
            gaz.demonyms.setdefault(match_key(demonym), entry.id)
        for capital in item.get("capitals") or ():
            gaz.capitals.setdefault(match_key(capital), entry.id)


def _add_generic(gaz: Gazetteer, item: Any, where: str) -> None:
    if not isinstance(item, dict) or not item.get("name"):
        raise InvalidInput(f"each generic body needs a 'name', got {item!r}",
                           where, getattr(item, "line", None))
    body = GenericBody(name=str(item["name"]), kind=item.get("kind"),
                       title_words=tuple(str(w) for w in item.get("title_words") or ()),
                       aliases=tuple(str(a) for a in item.get("aliases") or ()))
    for surface in (body.name, *body.aliases):
        gaz.generic.setdefault(match_key(surface), body)
    for word in body.title_words:
        gaz.generic_titles.setdefault(match_key(word), body)


def _add_people(gaz: Gazetteer, items: list[tuple[Any, str]]) -> None:
    """Each official's country or body, looked up once every file is read (a person
    may serve a body another file lists)."""
    for item, where in items:
        if not isinstance(item, dict) or not item.get("name") or \
                bool(item.get("country")) == bool(item.get("body")):
            raise InvalidInput(f"each person needs a 'name' and one of 'country' or 'body', "
                               f"got {item!r}", where, getattr(item, "line", None))
        if item.get("country"):
            serves = gaz.country_of(str(item["country"]))
        else:
            serves = next((i for i in gaz.lookup(str(item["body"]))
                           if gaz.entries[i].label == ORGANIZATION), None)
        if serves is None:
            raise InvalidInput(f"{item['name']}: no country or body "
                               f"{item.get('country') or item.get('body')!r} in the gazetteers",
                               where, getattr(item, "line", None))
        for name in (item["name"], *(item.get("aliases") or ())):
            gaz.people[match_key(str(name))] = serves


def load_gazetteer(paths: Iterable[str | Path] = ()) -> Gazetteer:
    """Merge the gazetteer files of :func:`default_gazetteer_dir` and ``paths``."""
    folder = default_gazetteer_dir()
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    files += [Path(p) for p in paths if Path(p).resolve() not in {f.resolve() for f in files}]
    gaz, digest = Gazetteer(), hashlib.sha256()
    people: list[tuple[Any, str]] = []
    for path in files:
        data = read_yaml(path)
        if not is_gazetteer(data):
            continue
        digest.update(path.read_bytes())
        body = data["gazetteer"] or {}
        for section, label in _SECTIONS.items():
            for item in body.get(section) or ():
                _add(gaz, label, item, str(path))
        for item in body.get("generic_bodies") or ():
            _add_generic(gaz, item, str(path))
        people.extend((item, str(path)) for item in body.get("people") or ())
        for group, words in (body.get("titles") or {}).items():
            gaz.titles.setdefault(group, []).extend(str(w) for w in words)
        for target, section in ((gaz.kind_words, "kind_words"),
                                (gaz.mechanism_heads, "mechanism_heads"),
                                (gaz.initiative_heads, "initiative_heads")):
            for kind, words in (body.get(section) or {}).items():
                for word in words:
                    target.setdefault(str(word).lower(), kind)
    _add_people(gaz, people)
    gaz.fingerprint = digest.hexdigest()
    return gaz


#: Words that never start a name ("The Monterey Talks" is the name "Monterey Talks").
_NOT_NAME = frozenset({"The", "A", "An", "This", "That", "These", "Those", "Its", "Their",
                       "His", "Her", "Our", "Both", "Each", "Every", "Under", "At", "In", "On"})
#: Joining words allowed inside a name ("U.S.-Taiwan", "Science and Technology").
_JOINERS = frozenset({"-", "and", "of", "&", "for", "on", "–", "/"})
#: Head words of conflicts: "<Place> War".
EVENT_HEADS = {"war": "conflict", "crisis": "conflict", "conflict": "conflict"}


def name_heads(gaz: Gazetteer) -> dict[str, str]:
    """Head word (lower case; two-word heads joined by a space) -> the span label a
    capitalised name ending in it gets: :data:`NAMED` for mechanisms, initiatives and
    conflicts, :data:`NAMED_ORG` for bodies ("... Institute", "... University")."""
    heads = {h: NAMED for h in (*gaz.mechanism_heads, *gaz.initiative_heads, *EVENT_HEADS)}
    for word, kind in gaz.kind_words.items():
        if kind in {"think_tank", "university", "council"} and " " not in word:
            heads.setdefault(word, NAMED_ORG)
    return heads


def _capital(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit()) and text not in _NOT_NAME


def named_spans(words: list[str], heads: dict[str, str], *, max_len: int = 9
                ) -> list[tuple[int, int, str]]:
    """(start, end, label) of capitalised names ending in a head word: the head, and
    capitalised words (with joiners inside) to its left. Linear in the words; no spaCy.

    >>> named_spans("The Harbor Watch Program began".split(), {"program": NAMED})
    [(1, 4, 'NAMED')]
    >>> named_spans("at the Institute for Maritime Studies".split(), {"institute": NAMED_ORG})
    [(2, 6, 'NAMED_ORG')]
    >>> named_spans(["the", "Baltic", "Ministers", "'", "Forum"], {"forum": NAMED})
    [(1, 5, 'NAMED')]
    """
    out: list[tuple[int, int, str]] = []
    for i, word in enumerate(words):
        low = word.lower()
        label, first = heads.get(low), i
        if i and (two := f"{words[i - 1].lower()} {low}") in heads:
            label, first = heads[two], i - 1
        if label is None or not word[:1].isupper():
            continue
        start = first
        j = first - 1
        while j >= 0 and first - j < max_len:
            if _capital(words[j]):
                start = j
            elif words[j] in {"'", "’"} and j and _capital(words[j - 1]) and \
                    words[j - 1].endswith("s"):
                pass        # a plural possessive inside a name ("Ministers' Meeting")
            elif words[j] not in _JOINERS or j == 0 or not _capital(words[j - 1]) or (
                    label == NAMED_ORG and words[j] == "and"
                    and words[j - 1].lower() not in PORTFOLIO):
                break       # a body's name joins subjects ("Trade and Technology"), not names
            j -= 1
        end = i + 1
        if label == NAMED_ORG:      # "Institute for Strategic Studies"
            k = end
            while k + 1 < len(words) and words[k] in _JOINERS and _capital(words[k + 1]):
                k += 2
                while k < len(words) and _capital(words[k]) and k - start < max_len:
                    k += 1
            end = k
        if start < first or end > i + 1:
            out.append((start, end, label))
    return out


def ruler_patterns(gaz: Gazetteer, tokenize: Any) -> list[dict[str, Any]]:
    """EntityRuler patterns: every gazetteer surface form, matched case-insensitively
    when it has several words and exactly otherwise (so "US" is not "us"). Generic
    capitalised names are found by :func:`named_spans`, which needs no token patterns."""
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    # a name with an apostrophe is also written with a typographic one
    surfaces = ((form, label) for written, label in gaz.surfaces()
                for form in dict.fromkeys((written, written.replace("'", "’"))))
    for surface, label in surfaces:
        if (surface, label) in seen:
            continue
        seen.add((surface, label))
        words = [t.text for t in tokenize(surface)]
        if len(words) > 1:      # for the case-insensitive phrase ruler (see spacy_backend)
            patterns.append({"label": label, "pattern": surface.lower(), "id": "lower"})
        else:
            patterns.append({"label": label, "pattern": surface})
    return patterns
