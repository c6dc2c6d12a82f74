"""Attributes of the networkx model <-> property maps a Bolt server can store, losslessly.

A server property holds a scalar or a homogeneous list of scalars; it cannot hold
``None``, a dict, or a list of dicts. So each value is stored the most queryable way it
can be: scalars and homogeneous scalar lists as themselves (``n.name``, ``n.aliases``),
anything else as JSON text under its own key, named in ``_json``. ``_keys`` keeps every
attribute name in its original order (``None`` values are absent on the server and come
back from ``_keys``), so decoding gives back the very same dict, key order included, and
the node-link JSON of a pulled graph is byte-identical to the pushed one.

Examples
--------
>>> props = encode({"label": "Person", "kind": None, "aliases": ["Wu"],
...                 "evidence": [{"doc": "d1", "confidence": 0.9}]})
>>> props["aliases"], props["evidence"], props["_json"], "kind" in props
(['Wu'], '[{"doc": "d1", "confidence": 0.9}]', ['evidence'], False)
>>> decode(props)
{'label': 'Person', 'kind': None, 'aliases': ['Wu'], 'evidence': [{'doc': 'd1', 'confidence': 0.9}]}
"""
from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from diplograph.graph.errors import StoreError

__all__ = ["KEYS", "JSON", "RESERVED", "encode", "decode", "doc_ids", "no_cyclic_gc"]

KEYS = "_keys"
JSON = "_json"
# Properties the store adds beside a node's or edge's own attributes.
RESERVED = frozenset({"id", KEYS, JSON, "docs", "key_id", "key_name", "key_aliases"})

_INT_RANGE = (-(2**63), 2**63 - 1)


_PLAIN = (str, float, bool)  # exact types held as they are, whatever their value
_ENCODER = json.JSONEncoder(ensure_ascii=False)  # json.dumps(..., ensure_ascii=False), once


def _native(value: Any) -> bool:
    """Whether the server can hold ``value`` as a property and give it back unchanged."""
    if type(value) in _PLAIN:  # the common case, checked first: a save encodes every value
        return True
    if isinstance(value, bool) or isinstance(value, str | float):
        return True
    if isinstance(value, int):
        return _INT_RANGE[0] <= value <= _INT_RANGE[1]
    if isinstance(value, list):
        kinds = {type(v) for v in value}
        if len(kinds) > 1:
            return False
        if not kinds or next(iter(kinds)) in _PLAIN:
            return True
        if not issubclass(next(iter(kinds)), (str, float, int)):  # dicts, lists, None...
            return False
        return all(_native(v) and not isinstance(v, list) for v in value)
    return False


def encode(attrs: Mapping[str, Any], *, where: str = "") -> dict[str, Any]:
    """The property map that stores ``attrs`` (see the module docstring)."""
    props: dict[str, Any] = {KEYS: list(attrs), JSON: []}
    for key, value in attrs.items():
        if key in RESERVED:
            raise StoreError(f"{where or 'an item'} has an attribute named {key!r}, which the "
                             f"server store reserves for itself; rename it")
        if value is None:
            continue
        if _native(value):
            props[key] = value
        else:
            try:
                props[key] = _ENCODER.encode(value)
            except (TypeError, ValueError) as exc:
                raise StoreError(f"{where or 'an item'}: attribute {key!r} cannot be stored "
                                 f"({exc})") from None
            props[JSON].append(key)
    return props


def decode(props: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes :func:`encode` stored in ``props``; other properties are ignored."""
    encoded = set(props.get(JSON) or ())
    attrs: dict[str, Any] = {}
    for key in props.get(KEYS) or ():
        value = props.get(key)
        attrs[key] = json.loads(value) if key in encoded and value is not None else value
    return attrs


def doc_ids(evidence: Iterable[Mapping[str, Any]] | None) -> list[str]:
    """The sorted, distinct document ids a list of citations points to."""
    return sorted({str(c["doc"]) for c in evidence or () if c.get("doc") is not None})


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a whole graph is encoded and sent, or
    read and decoded: that makes some hundred thousand small acyclic dicts and lists
    (freed by reference counting all the same), and each collection they set off walked
    the whole heap, the graph included (measured on 80,000 rows: encoding 1.4 s -> 0.65
    s, a pull 4.3 s -> 2.9 s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
