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
top-level ``gazetteer`` key configure extraction and are skipped here.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from diplograph.graph.claims import Citation, Claim, DocumentRecord, EdgeClaim, NodeClaim
from diplograph.graph.dates import normalize_date
from diplograph.graph.errors import InvalidInput
from diplograph.graph.names import make_id
from diplograph.graph.schema import SCHEMA

__all__ = ["load_curated", "is_curated", "read_yaml", "shown_path"]

_ENTITY_KEYS = {"id", "label", "kind", "name", "aliases"}
_TIE_KEYS = {"s", "type", "o", "doc", "note", "confidence"}
_DOC_KEYS = {"id", "title", "outlet", "date", "url"}
_TOP_KEYS = {"document", "documents", "entities", "ties"}


class _Mapping(dict):
    """A YAML mapping that remembers the line it started on."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _Mapping:
        mapping = _Mapping(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                            _LineLoader.construct_mapping)
# ISO dates stay strings: the graph stores dates as ISO text, never as date objects.
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; mappings remember their line; errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"not UTF-8 text ({exc.reason})", str(path)) from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start:
            problem = f"{problem} ({context} started on line {start.line + 1})"
        raise InvalidInput(f"YAML does not parse: {problem}", str(path),
                           mark.line + 1 if mark else None) from None


def is_curated(data: Any) -> bool:
    return isinstance(data, dict) and "gazetteer" not in data


def shown_path(path: Path) -> str:
    """The path relative to the working directory when under it, so that origins (and so
    the built graph) do not depend on where the checkout lives."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _where(path: Path, item: Any) -> str:
    return f"{shown_path(path)}:{getattr(item, 'line', 0)}"


def _require_mapping(item: Any, path: Path, what: str, parent_line: int) -> _Mapping:
    if not isinstance(item, dict):
        raise InvalidInput(f"each {what} must be a mapping, got {item!r}", str(path),
                           getattr(item, "line", parent_line))
    return item  # type: ignore[return-value]


def _with_iso_dates(properties: dict[str, Any], path: Path, line: int) -> dict[str, Any]:
    """Dates written any known way become ISO text; anything else is an error at its line."""
    for key in ("date", "start", "end"):
        if key in properties:
            try:
                properties[key] = normalize_date(properties[key])
            except ValueError as exc:
                raise InvalidInput(str(exc), str(path), line) from None
    return properties


def _entity(item: _Mapping, path: Path, document: str | None) -> NodeClaim:
    origin = _where(path, item)
    for key in ("label", "name"):
        if not item.get(key):
            raise InvalidInput(f"entity has no {key!r}", str(path), item.line)
    label = str(item["label"])
    if label not in SCHEMA.labels:
        raise InvalidInput(f"unknown label {label!r}; valid labels: {', '.join(SCHEMA.labels)}",
                           str(path), item.line)
    properties = _with_iso_dates({k: v for k, v in item.items() if k not in _ENTITY_KEYS},
                                 path, item.line)
    node_id = str(item.get("id") or make_id(label, str(item["name"]), properties.get("country")))
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list):
        raise InvalidInput("aliases must be a list", str(path), item.line)
    citation = Citation(doc=document, method="curated", origin=origin) if document else None
    return NodeClaim(id=node_id, label=label, name=str(item["name"]), kind=item.get("kind"),
                     aliases=tuple(str(a) for a in aliases), properties=properties,
                     citation=citation, origin=origin)


def _tie(item: _Mapping, path: Path, document: str | None) -> EdgeClaim:
    origin = _where(path, item)
    for key in ("s", "type", "o"):
        if not item.get(key):
            raise InvalidInput(f"tie has no {key!r}", str(path), item.line)
    doc = item.get("doc") or document
    if not doc:
        raise InvalidInput("tie cites no document: give 'doc:' or a top-level 'document:'",
                           str(path), item.line)
    properties = _with_iso_dates({k: v for k, v in item.items() if k not in _TIE_KEYS},
                                 path, item.line)
    citation = Citation(doc=str(doc), method="curated", note=str(item.get("note", "")),
                        confidence=float(item.get("confidence", 1.0)), origin=origin)
    return EdgeClaim(source=str(item["s"]), type=str(item["type"]), target=str(item["o"]),
                     citation=citation, properties=properties, origin=origin)


def _document(item: _Mapping, path: Path) -> DocumentRecord:
    if not item.get("id"):
        raise InvalidInput("document has no 'id'", str(path), item.line)
    unknown = set(item) - _DOC_KEYS
    if unknown:
        raise InvalidInput(f"unknown document keys {sorted(unknown)}; valid: "
                           f"{', '.join(sorted(_DOC_KEYS))}", str(path), item.line)
    return DocumentRecord(**{k: str(v) for k, v in item.items()}, origin=_where(path, item))


def load_curated(path: Path) -> Iterator[Claim]:
    """Yield the claims of one curated YAML file."""
    data = read_yaml(path)
    if data is None:
        return
    if not isinstance(data, dict):
        raise InvalidInput("a curated file must be a mapping with 'entities', 'ties' or "
                           "'documents'", str(path), 1)
    if not is_curated(data):
        return
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise InvalidInput(f"unknown top-level keys {sorted(unknown)}; valid: "
                           f"{', '.join(sorted(_TOP_KEYS))}", str(path), 1)
    document = data.get("document")
    sections = (("documents", "document", lambda i: _document(i, path)),
                ("entities", "entity", lambda i: _entity(i, path, document)),
                ("ties", "tie", lambda i: _tie(i, path, document)))
    for key, what, make in sections:
        items = data.get(key) or []
        if not isinstance(items, list):
            raise InvalidInput(f"{key!r} must be a list", str(path), getattr(data, "line", 1))
        for item in items:
            yield make(_require_mapping(item, path, what, data.line))
