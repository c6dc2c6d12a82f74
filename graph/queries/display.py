"""How results display: the plain-text pieces the query renderers are built from (tables,
citations, ties), and HTML tables for notebooks. Pure functions from values to strings.

Examples
--------
>>> print(table([("Taiwan", 3)], ["name", "ties"]))
name    ties
------  ----
Taiwan  3
>>> html_table({"name": "<b>A</b>", "ties": [{"type": "PART_OF"}]})  # doctest: +ELLIPSIS
'<table class="diplograph">...<td>&lt;b&gt;A&lt;/b&gt;</td>...'
"""
from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from typing import Any

from diplograph.graph.schema import SCHEMA

__all__ = ["table", "citation", "edge", "correction", "plural", "props", "cited_by",
           "html_table"]

CITE_INDENT = "      "


def table(rows: Iterable[Sequence[Any]], headers: Sequence[str]) -> str:
    """Left-aligned columns separated by two spaces, with a rule under the headers."""
    cells = [[str(c) for c in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def citation(c: dict[str, Any], *, with_claim: bool = False) -> str:
    """One line per citation: document, method and confidence, then the note or snippet;
    ``with_claim`` adds the values this source gave (useful where sources disagree)."""
    span = f"@{c['start']}-{c['end']}" if c.get("start") is not None else ""
    # A snippet is the document's text at its span, line breaks included; one line here.
    text = " ".join((c.get("snippet") or c.get("note") or "").split())
    claim = c.get("claim") if with_claim else None
    said = f" {{{', '.join(f'{k}: {v}' for k, v in claim.items())}}}" if claim else ""
    return f"[{c['doc']}{span} {c.get('method', '')} {c.get('confidence', 1.0):g}]{said} {text}"


def edge(e: Any, *, indent: str = "  ") -> str:
    """An :class:`~graph.queries.results.EdgeSummary`: the tie, its disputed values and
    its citations, one per line."""
    text = ", ".join(f"{k}: {v}" for k, v in e.properties.items())
    arrow = "<->" if SCHEMA.relation(e.type).symmetric else "->"
    head = f"{e.source_name} -{e.type}{arrow} {e.target_name}" + (f"  ({text})" if text else "")
    provenance = getattr(e, "provenance", "")
    lines = [indent + head + (f"  [{provenance}]" if provenance else "")]
    for key, values in e.conflicts.items():
        lines.append(f"{indent}  ! sources disagree on {key}: {' | '.join(map(str, values))}")
    lines += [f"{indent}    {citation(c, with_claim=bool(e.conflicts))}" for c in e.evidence]
    lines += [f"{indent}    {correction(m)}" for m in getattr(e, "corrections", [])]
    return "\n".join(lines)


def correction(mark: dict[str, Any]) -> str:
    """One line per correction: what it did, who and when, the note, and where it is."""
    said = f": {mark['note']}" if mark.get("note") else ""
    return (f"corrected ({mark.get('detail') or mark.get('op')}) by {mark.get('by')} "
            f"{mark.get('at')}{said} [{mark.get('origin', '')}]")


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def props(values: dict[str, Any], skip: tuple[str, ...] = ()) -> str:
    return ", ".join(f"{k}: {v}" for k, v in values.items() if k not in skip)


def cited_by(evidence: list[dict[str, Any]]) -> str:
    return f"cited by: {', '.join(sorted({c['doc'] for c in evidence}))}"


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return html_table(value) if value else ""
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            return html_table(value)
        return html.escape(", ".join(json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict))
                                     else str(v) for v in value))
    return "" if value is None else html.escape(str(value))


def html_table(data: dict[str, Any] | list[dict[str, Any]]) -> str:
    """A result's ``to_dict()`` as an HTML table, every text escaped: a mapping as
    field/value rows, a list of mappings as one row each under the union of their keys,
    nested values as nested tables."""
    if isinstance(data, dict):
        rows = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{_cell(v)}</td></tr>"
                       for k, v in data.items())
        return f'<table class="diplograph">{rows}</table>'
    keys = list(dict.fromkeys(k for row in data for k in row))
    head = "".join(f"<th>{html.escape(str(k))}</th>" for k in keys)
    body = "".join("<tr>" + "".join(f"<td>{_cell(row.get(k))}</td>" for k in keys) + "</tr>"
                   for row in data)
    return f'<table class="diplograph"><tr>{head}</tr>{body}</table>'
