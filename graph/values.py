"""What a value in a claim may be, checked where the claim is made.

Each check returns the value as it will be stored (dates as ISO text, confidences as
floats) or raises :class:`~diplograph.graph.errors.InvalidInput` at the claim's origin
("file:line") with a message naming the field, what it got and what it takes. A
property's kind comes from ``value_types`` in graph/schema.yaml (text when not
listed), so no store ever receives a list where a name belongs, a ``nan``, a date
that is not one, or text no UTF-8 file can hold.

Examples
--------
>>> clean_properties({"date": "March 3, 2025", "size": 12, "title": None}, "a.yaml:4")
{'date': '2025-03-03', 'size': 12}
>>> text(["Wu", "Lin"], "name", "a.yaml:7")
Traceback (most recent call last):
...
diplograph.graph.errors.InvalidInput: a.yaml:7: name must be text, got a list ['Wu', 'Lin']
>>> confidence(float("nan"), "a.yaml:9")
Traceback (most recent call last):
...
diplograph.graph.errors.InvalidInput: a.yaml:9: confidence must be a number from 0 to 1, got a number nan
"""
from __future__ import annotations

import math
import re
import reprlib
from typing import Any

from diplograph.graph.dates import date_key, normalize_date
from diplograph.graph.errors import InvalidInput
from diplograph.graph.schema import SCHEMA

__all__ = ["describe", "safe_name", "text", "ident", "confidence", "span", "iso_date", "url",
           "property_value", "clean_properties", "invalid_at", "split_origin"]

_SHORT = reprlib.Repr()
_SHORT.maxstring, _SHORT.maxother, _SHORT.maxlevel = 60, 60, 2
_SHORT.maxlist = _SHORT.maxdict = _SHORT.maxset = _SHORT.maxtuple = 4
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.I)
#: Whole numbers beyond 64 bits fit no database column (Neo4j, SQLite) nor JavaScript.
_INT_LIMIT = 2 ** 63


def split_origin(origin: str) -> tuple[str | None, int | None]:
    file, _, line = origin.rpartition(":")
    if file and line.isdigit():
        return file, int(line)
    return (origin or None), None


def invalid_at(message: str, origin: str) -> InvalidInput:
    """An ``InvalidInput`` placed at ``origin`` ("file:line")."""
    file, line = split_origin(origin)
    return InvalidInput(message, file, line)


def safe_name(name: str) -> str:
    """A file name as text for ids and messages: bytes that were not UTF-8 (decoded by
    Python as lone surrogates) and control characters become U+FFFD.

    >>> safe_name("caf\\udce9\\n.txt") == "caf\\ufffd\\ufffd.txt"
    True
    """
    try:
        text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:          # a surrogate that stands for no byte
        text = name
    return _CONTROL.sub("\ufffd", _SURROGATE.sub("\ufffd", text))


def describe(value: Any) -> str:
    """What ``value`` is, for a message: its kind and a shortened repr."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    kind = ("a number" if isinstance(value, (int, float)) else
            "text" if isinstance(value, str) else
            "a list" if isinstance(value, (list, tuple)) else
            "a mapping" if isinstance(value, dict) else
            "binary data" if isinstance(value, (bytes, bytearray)) else
            "a set" if isinstance(value, (set, frozenset)) else type(value).__name__)
    return f"{kind} {_SHORT.repr(value)}"


def _encodable(value: str, what: str, origin: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = value[exc.start]
        raise invalid_at(f"{what} holds a lone surrogate (U+{ord(bad):04X}), which no "
                         "UTF-8 file can hold", origin) from None
    return value


def text(value: Any, what: str, origin: str, *, blank: bool = False) -> str:
    """``value`` if it is text (not blank unless ``blank``) that UTF-8 can encode."""
    if not isinstance(value, str):
        hint = "; put it in quotes to write it as text" if isinstance(value, (int, float)) \
            else ""
        raise invalid_at(f"{what} must be text, got {describe(value)}{hint}", origin)
    if not blank and not value.strip():
        raise invalid_at(f"{what} is empty", origin)
    return _encodable(value, what, origin)


def ident(value: Any, what: str, origin: str) -> str:
    """Text usable as an id: not blank, no control characters."""
    text(value, what, origin)
    if m := _CONTROL.search(value):
        raise invalid_at(f"{what} {_SHORT.repr(value)} holds a control character "
                         f"(U+{ord(m.group()):04X})", origin)
    return value


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def confidence(value: Any, origin: str) -> float:
    """A confidence: a number from 0 to 1, stored as a float."""
    if not _number(value) or not 0.0 <= value <= 1.0:   # nan fails both comparisons
        raise invalid_at(f"confidence must be a number from 0 to 1, got {describe(value)}",
                         origin)
    return float(value)


def span(start: Any, end: Any, origin: str) -> None:
    """A character span: both ends or neither, whole numbers, 0 <= start <= end."""
    if start is None and end is None:
        return
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) \
            or isinstance(end, bool) or not 0 <= start <= end:
        raise invalid_at(f"a citation span must be two whole numbers 0 <= start <= end, "
                         f"got {describe(start)} and {describe(end)}", origin)


def iso_date(value: Any, what: str, origin: str) -> str:
    """A date written any way graph.dates reads, as ISO text."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise invalid_at(f"{what} must be a date such as 2025-11-03, got {describe(value)}",
                         origin)
    try:
        return normalize_date(value)
    except ValueError as exc:
        raise invalid_at(f"{what}: {exc}", origin) from None


def url(value: Any, what: str, origin: str) -> str:
    """An http(s) address: anything else (javascript:, data:) never becomes a link."""
    if not isinstance(value, str) or not _URL.fullmatch(value):
        raise invalid_at(f"{what} must be an http:// or https:// address, got "
                         f"{describe(value)}", origin)
    return _encodable(value, what, origin)


def property_value(key: str, value: Any, origin: str) -> Any:
    """``value`` checked against the kind schema.yaml gives property ``key``."""
    kind = SCHEMA.value_type(key)
    what = f"property {key!r}"
    if kind == "date":
        return iso_date(value, what, origin)
    if kind == "url":
        return url(value, what, origin)
    if kind == "flag":
        if not isinstance(value, bool):
            raise invalid_at(f"{what} must be true or false, got {describe(value)}", origin)
        return value
    if kind in ("count", "number"):
        ok = _number(value) and (math.isfinite(value) if isinstance(value, float)
                                 else abs(value) < _INT_LIMIT)
        if kind == "count":
            ok = ok and isinstance(value, int) and value >= 0
        if not ok:
            wanted = "a whole number, 0 or more" if kind == "count" else "a finite number"
            raise invalid_at(f"{what} must be {wanted}, got {describe(value)}", origin)
        return value
    return text(value, what, origin, blank=True)


def clean_properties(properties: Any, origin: str) -> dict[str, Any]:
    """Properties as they will be stored: null ones dropped (null means not given),
    each value checked (:func:`property_value`), and ``end`` not before ``start``."""
    if not isinstance(properties, dict):
        raise invalid_at(f"properties must be a mapping, got {describe(properties)}", origin)
    out: dict[str, Any] = {}
    for key, value in properties.items():
        if not isinstance(key, str):
            raise invalid_at(f"a property name must be text, got {describe(key)}", origin)
        if value is not None:
            out[key] = property_value(key, value, origin)
    start, end = out.get("start"), out.get("end")
    if SCHEMA.value_type("end") == "date" and start is not None and end is not None \
            and date_key(end, end=True) < date_key(start):
        raise invalid_at(f"end {end} is before start {start}", origin)
    return out
