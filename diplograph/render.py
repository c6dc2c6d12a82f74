"""Plain-text rendering of API results for people (``--json`` prints ``to_dict()`` instead).
Pure functions from result values to strings; the CLI only prints what they return."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from diplograph.graph.queries.results import EdgeSummary, Neighborhood, NodeDetail, PathResult, Stats
from diplograph.graph.schema import SCHEMA

__all__ = ["as_json", "table", "citation", "correction", "stats", "detail", "neighborhood",
           "paths", "edge"]


def as_json(value: Any) -> str:
    data = value.to_dict() if hasattr(value, "to_dict") else value
    if isinstance(data, list):
        data = [v.to_dict() if hasattr(v, "to_dict") else v for v in data]
    return json.dumps(data, ensure_ascii=False, indent=2)


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


def correction(mark: dict[str, Any]) -> str:
    """One line per correction: what it did, who and when, the note, and where it is."""
    said = f": {mark['note']}" if mark.get("note") else ""
    return (f"corrected ({mark.get('detail') or mark.get('op')}) by {mark.get('by')} "
            f"{mark.get('at')}{said} [{mark.get('origin', '')}]")


def edge(e: EdgeSummary, *, indent: str = "  ") -> str:
    props = ", ".join(f"{k}: {v}" for k, v in e.properties.items())
    arrow = "<->" if SCHEMA.relation(e.type).symmetric else "->"
    head = f"{e.source_name} -{e.type}{arrow} {e.target_name}" + (f"  ({props})" if props else "")
    lines = [indent + head + (f"  [{e.provenance}]" if e.provenance else "")]
    for key, values in e.conflicts.items():
        lines.append(f"{indent}  ! sources disagree on {key}: {' | '.join(map(str, values))}")
    lines += [f"{indent}    {citation(c, with_claim=bool(e.conflicts))}" for c in e.evidence]
    lines += [f"{indent}    {correction(m)}" for m in e.corrections]
    return "\n".join(lines)


def stats(s: Stats) -> str:
    head = f"{s.nodes} nodes, {s.edges} edges, {s.documents} documents"
    labels = table(sorted(s.by_label.items()), ["label", "nodes"])
    types = table(sorted(s.by_type.items()), ["type", "edges"])
    return f"{head}\n\n{labels}\n\n{types}"


def detail(d: NodeDetail) -> str:
    n = d.node
    kind = f" ({n.kind})" if n.kind else ""
    lines = [f"{n.name}  [{n.label}{kind}]  id: {n.id}",
             f"aliases: {', '.join(n.aliases) if n.aliases else '-'}"]
    lines += [f"{k}: {v}" for k, v in n.properties.items()]
    lines += [f"! sources disagree on {k}: {' | '.join(map(str, v))}"
              for k, v in d.conflicts.items()]
    if d.evidence:
        lines.append(f"cited by: {', '.join(sorted({c['doc'] for c in d.evidence}))}")
    if d.provenance:
        lines.append(f"provenance: {d.provenance}")
    lines += [correction(m) for m in d.corrections]
    lines.append(f"\n{len(d.edges)} ties:" if d.edges else "\nno ties")
    lines += [edge(e) for e in d.edges]
    return "\n".join(lines)


def neighborhood(nb: Neighborhood) -> str:
    rows = [(n.name, n.label, n.kind or "", n.id) for n in nb.nodes]
    out = [f"{len(nb.nodes)} nodes within {nb.depth} of {nb.center}:",
           table(rows, ["name", "label", "kind", "id"]), f"\n{len(nb.edges)} ties:"]
    out += [edge(e) for e in nb.edges]
    return "\n".join(out)


def paths(found: list[PathResult],
          describe: Callable[[PathResult], str] = lambda p: f"{p.length} hops") -> str:
    """Each path's nodes, then every hop's ties with their citations; ``describe`` says
    what goes in brackets after "Path N"."""
    if not found:
        return "No path between them within the hop limit."
    out = []
    for i, p in enumerate(found, 1):
        out.append(f"Path {i} ({describe(p)}): " + " - ".join(n.name for n in p.nodes))
        for hop in p.hops:
            out += [edge(e, indent="  ") for e in hop]
    return "\n".join(out)


def cypher(result: Any) -> str:
    """The rows of an ad-hoc query as a table; lists and maps as compact JSON."""
    def cell(value: Any) -> str:
        if isinstance(value, list | dict):
            return json.dumps(value, ensure_ascii=False)
        return "" if value is None else str(value)
    text = table([[cell(v) for v in row] for row in result.rows], result.columns)
    counters = ", ".join(f"{k}: {v}" for k, v in result.counters.items())
    return text + (f"\n({counters})" if counters else "") + f"\n{len(result.rows)} row(s)"
