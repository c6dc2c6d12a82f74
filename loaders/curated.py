"""Curated YAML -> claims, each carrying the file and line it came from.

A curated file holds any of three top-level keys::

    document: 000_a80d43ebc4876f07.txt   # the source the records below cite by default
    documents:                           # source documents (id, title, outlet, date, url)
      - {id: 000_a80d43ebc4876f07.txt, title: ..., outlet: ..., date: 2025-10}
    entities:
      - {id: org:mnd-taiwan, label: Organization, kind: ministry,
         name: Ministry of National Defense, aliases: [MND], country: Taiwan}
    ties:
      - {s: person:chung-shu-ming, type: HOLDS_POSITION, o: org:mnd-taiwan,
         title: deputy minister of armaments, note: in our own words}

An entity without ``id`` gets ``make_id(label, name, country)``. A tie cites
``doc`` (default: the file's ``document``) with its ``note``. YAML files with a
top-level ``gazetteer`` key configure extraction, and those with a ``story`` key are
story files (:mod:`loaders.stories`); both are skipped here.

What a record may hold is checked where its claim is made (:mod:`graph.values`, with
the kinds of value in graph/schema.yaml); here, only the record's shape: mappings
with text keys, the known keys, required ones present. ``null`` means "not given".
The YAML itself is read with limits (:mod:`loaders.safe_yaml`).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from diplograph.graph.claims import Citation, Claim, DocumentRecord, EdgeClaim, NodeClaim
from diplograph.graph.errors import InvalidInput
from diplograph.graph.names import make_id
from diplograph.graph.schema import SCHEMA
from diplograph.graph.values import describe, safe_name, text
from diplograph.loaders.safe_yaml import Mapping, read_yaml

__all__ = ["load_curated", "curated_claims", "is_curated", "read_yaml", "check_gazetteer",
           "shown_path"]

_ENTITY_KEYS = {"id", "label", "kind", "name", "aliases"}
_TIE_KEYS = {"s", "type", "o", "doc", "note", "confidence"}
_DOC_KEYS = {"id", "title", "outlet", "date", "url"}
_TOP_KEYS = {"document", "documents", "entities", "ties"}


def is_curated(data: Any) -> bool:
    return isinstance(data, dict) and "gazetteer" not in data and "story" not in data


def _name(path: Path) -> str:
    """The file's name for messages: one printable line whatever bytes it holds."""
    return safe_name(str(path))


def _text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def check_gazetteer(data: Mapping, path: Path) -> None:
    """The shape every gazetteer file has, so that extraction never reads garbage:
    ``gazetteer:`` maps each section to a list of entries (a text ``name``; other
    values text, null or lists of text) or to groups (text -> list of text)."""
    body = data["gazetteer"]
    if body is None:
        return
    if not isinstance(body, dict):
        raise InvalidInput(f"'gazetteer' must be a mapping of sections, got {describe(body)}",
                           _name(path), data.line)
    for section, value in body.items():
        where = f"gazetteer section {section!r}"
        if isinstance(value, dict):
            bad = next((k for k, v in value.items() if not isinstance(k, str)
                        or not (v is None or _text_list(v))), None)
            if bad is not None:
                raise InvalidInput(f"{where}: {bad!r} must name a list of words",
                                   _name(path), body.line)
            continue
        if value is not None and not isinstance(value, list):
            raise InvalidInput(f"{where} must be a list of entries or a mapping of word "
                               f"lists, got {describe(value)}", _name(path), body.line)
        for entry in value or ():
            entry = _record(entry, path, f"entry of {where}", body.line)
            if not isinstance(entry.get("name"), str) or not entry["name"].strip():
                raise InvalidInput(f"each entry of {where} needs a text 'name'", _name(path),
                                   entry.line)
            for key, v in entry.items():
                if not (v is None or isinstance(v, str) or _text_list(v)):
                    raise InvalidInput(f"{key!r} must be text or a list of text, got "
                                       f"{describe(v)}", _name(path), entry.line)


def shown_path(path: Path) -> str:
    """The path relative to the working directory when under it, so that origins (and so
    the built graph) do not depend on where the checkout lives."""
    try:
        return safe_name(str(path.resolve().relative_to(Path.cwd().resolve())))
    except ValueError:
        return _name(path)


def _record(item: Any, path: Path, what: str, parent_line: int) -> Mapping:
    """``item`` if it is a mapping with text keys; else an error at its line."""
    line = getattr(item, "line", parent_line)
    if not isinstance(item, dict):
        raise InvalidInput(f"each {what} must be a mapping, got {describe(item)}", _name(path),
                           line)
    for key in item:
        if not isinstance(key, str):
            raise InvalidInput(f"a key of this {what} is {describe(key)}; keys are text",
                               _name(path), line)
    return item  # type: ignore[return-value]


def _required(item: Mapping, keys: tuple[str, ...], what: str, path: Path) -> None:
    for key in keys:
        if item.get(key) is None:
            raise InvalidInput(f"{what} has no {key!r}", _name(path), item.line)


def _entity(item: Mapping, path: Path, shown: str, document: str | None) -> NodeClaim:
    origin = f"{shown}:{item.line}"
    _required(item, ("label", "name"), "entity", path)
    label = text(item["label"], "label", origin)
    if label not in SCHEMA.labels:
        raise InvalidInput(f"unknown label {label!r}; valid labels: {', '.join(SCHEMA.labels)}",
                           _name(path), item.line)
    properties = {k: v for k, v in item.items() if k not in _ENTITY_KEYS}
    node_id = item.get("id")
    if node_id is None:
        name, country = text(item["name"], "name", origin), properties.get("country")
        node_id = make_id(label, name,
                          text(country, "country", origin) if country is not None else None)
    aliases = item.get("aliases")
    if aliases is not None and not isinstance(aliases, list):
        raise InvalidInput(f"aliases must be a list, got {describe(aliases)}", _name(path),
                           item.line)
    citation = Citation(doc=document, method="curated", origin=origin) if document else None
    return NodeClaim(id=node_id, label=label, name=item["name"], kind=item.get("kind"),
                     aliases=tuple(aliases or ()), properties=properties, citation=citation,
                     origin=origin)


def _tie(item: Mapping, path: Path, shown: str, document: str | None) -> EdgeClaim:
    origin = f"{shown}:{item.line}"
    _required(item, ("s", "type", "o"), "tie", path)
    doc = item.get("doc", document)
    if doc is None:
        raise InvalidInput("tie cites no document: give 'doc:' or a top-level 'document:'",
                           _name(path), item.line)
    note, confidence = item.get("note"), item.get("confidence")
    citation = Citation(doc=doc, method="curated", note="" if note is None else note,
                        confidence=1.0 if confidence is None else confidence, origin=origin)
    return EdgeClaim(source=item["s"], type=item["type"], target=item["o"], citation=citation,
                     properties={k: v for k, v in item.items() if k not in _TIE_KEYS},
                     origin=origin)


def _document(item: Mapping, path: Path, shown: str) -> DocumentRecord:
    _required(item, ("id",), "document", path)
    unknown = set(item) - _DOC_KEYS
    if unknown:
        raise InvalidInput(f"unknown document keys {sorted(unknown)}; valid: "
                           f"{', '.join(sorted(_DOC_KEYS))}", _name(path), item.line)
    return DocumentRecord(**{k: v for k, v in item.items() if v is not None},
                          origin=f"{shown}:{item.line}")


def load_curated(path: Path) -> Iterator[Claim]:
    """Yield the claims of one curated YAML file."""
    yield from curated_claims(read_yaml(path), path)


def curated_claims(data: Any, path: Path) -> Iterator[Claim]:
    """Yield the claims of ``data``, a curated file already read by :func:`read_yaml`."""
    if data is None:
        return
    if not isinstance(data, dict):
        raise InvalidInput("a curated file must be a mapping with 'entities', 'ties' or "
                           "'documents'", _name(path), 1)
    data = _record(data, path, "curated file", 1)
    if not is_curated(data):
        return
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise InvalidInput(f"unknown top-level keys {sorted(unknown)}; valid: "
                           f"{', '.join(sorted(_TOP_KEYS))}", _name(path), data.line)
    document, shown = data.get("document"), shown_path(path)
    if document is not None:
        text(document, "document", f"{shown}:{data.line}")
    sections = (("documents", "document", lambda i: _document(i, path, shown)),
                ("entities", "entity", lambda i: _entity(i, path, shown, document)),
                ("ties", "tie", lambda i: _tie(i, path, shown, document)))
    for key, what, make in sections:
        items = data.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            raise InvalidInput(f"{key!r} must be a list, got {describe(items)}", _name(path),
                               data.line)
        for item in items:
            yield make(_record(item, path, what, data.line))
