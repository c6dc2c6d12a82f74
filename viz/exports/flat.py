"""Values for formats that hold only scalars (GraphML, GEXF, CSV): lists and mappings
become JSON text, ``None`` is left out; and the text rules of those formats.

XML 1.0 cannot hold most control characters, U+FFFE, U+FFFF or lone surrogates, not
even as character references: :class:`XmlText` writes each as U+FFFD (so lengths and
offsets stay the same) and counts them, so the export can say so. A spreadsheet reads
a CSV cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
formula: :func:`spreadsheet_safe` puts an apostrophe before it, which spreadsheets
take as "this is text" and do not show.

Examples
--------
>>> text = XmlText()
>>> text("a\\x01b\\ufffe"), text.replaced
('a\\ufffdb\\ufffd', 2)
>>> spreadsheet_safe("=HYPERLINK(\\"http://x\\")"), spreadsheet_safe("-12"), spreadsheet_safe("Wu")
('\\'=HYPERLINK("http://x")', "'-12", 'Wu')
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

__all__ = ["flat_value", "column_type", "column_types", "XmlText", "spreadsheet_safe"]

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def flat_value(value: Any) -> str | int | float | bool:
    if isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def column_type(values: Iterable[Any]) -> str:
    """The type of a column from its values (``None`` ignored): ``boolean``, ``int``,
    ``float``, else ``string`` (mixed kinds, lists and mappings are written as text)."""
    return _type_of({type(v) for v in values if v is not None})


def _type_of(kinds: set[type]) -> str:
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "int"
    if kinds and kinds <= {int, float}:
        return "float"
    return "string"


def column_types(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """:func:`column_type` of every key of ``rows``, in the order keys first appear;
    one pass, holding only the set of kinds seen per key."""
    kinds: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            if value is not None:
                kinds.setdefault(key, set()).add(type(value))
    return {key: _type_of(found) for key, found in kinds.items()}


class XmlText:
    """Makes text XML 1.0 can hold, counting the characters it had to replace."""

    def __init__(self) -> None:
        self.replaced = 0

    def __call__(self, text: str) -> str:
        cleaned, n = _NOT_XML.subn("\ufffd", text)
        self.replaced += n
        return cleaned

    def value(self, value: Any) -> str:
        """A flat value as XML text: booleans as ``true``/``false``."""
        if isinstance(value, bool):
            return "true" if value else "false"
        return self(str(flat_value(value)))

    def attr(self, value: Any) -> str:
        """``value`` as a quoted XML attribute value."""
        return quoteattr(self.value(value))

    def content(self, value: Any) -> str:
        """``value`` as XML element text (a carriage return kept as a reference)."""
        return escape(self.value(value), {"\r": "&#13;"})

    def warnings(self) -> list[str]:
        """The export's note about replaced characters, if any were."""
        if not self.replaced:
            return []
        return [f"{self.replaced} character(s) that XML 1.0 cannot hold (control "
                "characters, U+FFFE, U+FFFF) were written as U+FFFD"]


def spreadsheet_safe(text: str) -> str:
    """``text`` with an apostrophe before it when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text
