"""The analyst's corrections file: read it, check it, append to it.

A corrections file (``corrections*.yaml``, or any YAML whose one top-level key is
``corrections``) lists what a person decided about the graph, each entry with a
``note``, who decided (``by``) and when (``at``)::

    corrections:
      - merge: Yoko Kamikawa            # an entity: id, name or alias
        into: KAMIKAWA Yoko
        note: one person, written in Hepburn order
        by: ana
        at: 2026-03-02
      - rename: Wen-lin                 # a fragment the extractor made
        to: Hsu Wen-lin
      - relabel: Sky Bow                # any of label, kind, country
        label: WeaponSystem
      - reject: Said                    # an entity, with all its ties
      - reject: {s: Beijing, type: OPPOSES, o: Monterey Talks}
        doc: monterey-talks.md          # optional: only as this document cites it
      - alias: Hsu Wen-lin
        add: Hsu
      - confirm: {s: Hsu Wen-lin, type: HOLDS_POSITION, o: Ministry of National Defense}
      - confirm: Monterey Talks         # an entity

(``note``, ``by`` and ``at`` are left out above after the first entry, but every
entry needs them.) Entities are named by id, name or alias, and ties by (source,
type, target), so a correction still finds its target after extraction changes its
ids. :mod:`loaders.corrections_apply` applies them to claims; a malformed entry is an
:class:`InvalidInput` naming the file and line. :func:`append_correction` adds an
entry at the end of the list, leaving the rest of the file as it was written.

Examples
--------
>>> entry = correction_entry("reject", tie=("Beijing", "OPPOSES", "Monterey Talks"),
...                          note="a protest, not a tie", by="ana", at="2026-03-02")
>>> print(entry_text(entry), end="")
- reject: {s: Beijing, type: OPPOSES, o: Monterey Talks}
  note: a protest, not a tie
  by: ana
  at: '2026-03-02'
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from diplograph.graph.dates import normalize_date
from diplograph.graph.errors import InvalidInput
from diplograph.graph.files import atomic_open
from diplograph.graph.provenance import CorrectionMark
from diplograph.graph.schema import SCHEMA
from diplograph.loaders.curated import read_yaml, shown_path

__all__ = ["OPS", "TieRef", "Correction", "is_corrections", "read_corrections",
           "correction_entry", "entry_text", "append_correction", "appended", "NEW_FILE_HEADER"]

#: Each operation and the keys it takes beside its own (``*`` marks a required one).
OPS: dict[str, tuple[str, ...]] = {
    "merge": ("into*",), "rename": ("to*",), "relabel": ("label", "kind", "country"),
    "reject": ("doc",), "alias": ("add*",), "confirm": (),
}
_AUDIT = ("note", "by", "at")
_TIE_KEYS = ("s", "type", "o")
_FILE_NAME = re.compile(r"^corrections.*\.ya?ml$", re.IGNORECASE)
NEW_FILE_HEADER = ("# Corrections to the graph, applied by `diplograph build` after extraction\n"
                   "# (see `diplograph fix --help`). Each entry says who decided, when and why.\n"
                   "corrections:\n")


@dataclass(frozen=True, slots=True)
class TieRef:
    """A tie as (source, type, target); the ends by id, name or alias."""

    s: str
    type: str
    o: str

    def __str__(self) -> str:
        return f"{self.s} -{self.type}-> {self.o}"


@dataclass(frozen=True, slots=True)
class Correction:
    """One entry of a corrections file. ``target`` is an entity reference or a
    :class:`TieRef`; ``args`` the operation's other keys (``into``, ``to``, ``label``,
    ``kind``, ``country``, ``doc``, ``add``)."""

    op: str
    target: str | TieRef
    args: dict[str, str]
    note: str
    by: str
    at: str
    origin: str = ""

    @property
    def on_tie(self) -> bool:
        return isinstance(self.target, TieRef)

    def describe(self) -> str:
        """One line: the operation, its target and arguments."""
        args = " ".join(f"{k} {v!r}" for k, v in self.args.items())
        target = str(self.target) if self.on_tie else repr(self.target)
        return f"{self.op} {target}" + (f" {args}" if args else "")

    def mark(self, detail: str) -> CorrectionMark:
        """What this correction leaves on a claim it changed."""
        return CorrectionMark(op=self.op, detail=detail, note=self.note, by=self.by,
                              at=self.at, origin=self.origin)


def is_corrections(path: Path, data: Any) -> bool:
    """Whether a YAML file is a corrections file: by its name or its top-level key."""
    return bool(_FILE_NAME.match(path.name)) or (isinstance(data, dict) and "corrections" in data)


def _text(value: Any, what: str, path: Path, line: int) -> str:
    """A scalar as text. YAML reads unquoted yes/no/null as booleans and None: ask for
    quotes rather than guess which name was meant."""
    if isinstance(value, bool) or value is None:
        raise InvalidInput(f"{what} must be text; quote it (YAML reads {value!r} as "
                           f"{'a boolean' if value is not None else 'empty'})", str(path), line)
    if isinstance(value, (int, float)):
        return str(value)
    if not isinstance(value, str):
        raise InvalidInput(f"{what} must be text, got {type(value).__name__}", str(path), line)
    if not value.strip():
        raise InvalidInput(f"{what} is empty", str(path), line)
    return value.strip()


def _tie(value: dict[str, Any], path: Path, line: int) -> TieRef:
    unknown = set(value) - set(_TIE_KEYS)
    missing = [k for k in _TIE_KEYS if k not in value]
    if unknown or missing:
        raise InvalidInput(f"a tie is {{s: SOURCE, type: TYPE, o: TARGET}}; "
                           + (f"unknown keys {sorted(unknown)}" if unknown
                              else f"missing {', '.join(missing)}"), str(path), line)
    s, rel, o = (_text(value[k], f"tie {k!r}", path, line) for k in _TIE_KEYS)
    if rel.upper() not in SCHEMA.relations:
        raise InvalidInput(f"unknown relationship type {rel!r}; valid types: "
                           f"{', '.join(SCHEMA.relations)}", str(path), line)
    return TieRef(s, rel.upper(), o)


def _check_relabel(args: dict[str, str], path: Path, line: int) -> None:
    if not args:
        raise InvalidInput("relabel needs a label, a kind or a country", str(path), line)
    label = args.get("label")
    if label is not None and label not in SCHEMA.labels:
        raise InvalidInput(f"unknown label {label!r}; valid labels: {', '.join(SCHEMA.labels)}",
                           str(path), line)
    kind = args.get("kind")
    if kind is not None and label is not None and kind not in SCHEMA.labels[label].kinds:
        valid = ", ".join(SCHEMA.labels[label].kinds) or "none (this label takes no kind)"
        raise InvalidInput(f"unknown kind {kind!r} for {label}; valid kinds: {valid}",
                           str(path), line)


def _correction(item: Any, path: Path, fallback_line: int) -> Correction:
    line = getattr(item, "line", fallback_line)
    if not isinstance(item, dict):
        raise InvalidInput(f"each correction must be a mapping, got {item!r}", str(path), line)
    ops = [k for k in item if k in OPS]
    if len(ops) != 1:
        found = f"found {', '.join(ops)}" if ops else "found none"
        raise InvalidInput(f"a correction has exactly one of {', '.join(OPS)} ({found})",
                           str(path), line)
    op = ops[0]
    allowed = {k.rstrip("*") for k in OPS[op]}
    unknown = set(item) - allowed - set(_AUDIT) - {op}
    if unknown:
        raise InvalidInput(f"unknown keys {sorted(unknown)} for {op}; valid: "
                           f"{', '.join([op, *sorted(allowed), *_AUDIT])}", str(path), line)
    for key in (*(k.rstrip("*") for k in OPS[op] if k.endswith("*")), *_AUDIT):
        if key not in item:
            raise InvalidInput(f"{op} has no {key!r}" + (
                " (every correction says who made it, when and why: note, by, at)"
                if key in _AUDIT else ""), str(path), line)
    raw = item[op]
    target: str | TieRef = (_tie(raw, path, line) if isinstance(raw, dict)
                            else _text(raw, op, path, line))
    if isinstance(target, TieRef) and op not in ("reject", "confirm"):
        raise InvalidInput(f"{op} applies to an entity, not a tie", str(path), line)
    args = {k: _text(item[k], k, path, line) for k in sorted(allowed) if k in item}
    if "doc" in args and not isinstance(target, TieRef):
        raise InvalidInput("doc: applies to rejecting a tie, not an entity", str(path), line)
    if op == "relabel":
        _check_relabel(args, path, line)
    note, by, at = (_text(item[k], k, path, line) for k in _AUDIT)
    try:
        at = normalize_date(at)
    except ValueError as exc:
        raise InvalidInput(f"at: {exc}; write the date as YYYY-MM-DD", str(path), line) from None
    return Correction(op=op, target=target, args=args, note=note, by=by, at=at,
                      origin=f"{shown_path(path)}:{line}")


def read_corrections(path: Path) -> list[Correction]:
    """The corrections of one file, in the order written; errors name the file and line."""
    data = read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) != {"corrections"}:
        keys = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise InvalidInput(f"a corrections file holds one key, 'corrections' (found {keys})",
                           str(path), getattr(data, "line", 1))
    items = data["corrections"] or []
    if not isinstance(items, list):
        raise InvalidInput("'corrections' must be a list", str(path), data.line)
    return [_correction(item, path, data.line) for item in items]


def correction_entry(op: str, *, entity: str | None = None,
                     tie: tuple[str, str, str] | None = None, note: str, by: str, at: str,
                     **args: str | None) -> dict[str, Any]:
    """A new entry as the file writes it: the operation first, then its arguments, then
    note, by and at. Checked by parsing it back, so a bad one fails before it is written."""
    target: Any = dict(zip(_TIE_KEYS, tie)) if tie else entity
    entry = {op: target, **{k: v for k, v in args.items() if v is not None},
             "note": note, "by": by, "at": at}
    checked = _correction(entry, Path("<new correction>"), 0)
    target = (dict(zip(_TIE_KEYS, (checked.target.s, checked.target.type, checked.target.o)))
              if isinstance(checked.target, TieRef) else checked.target)
    return {op: target, **checked.args, "note": checked.note, "by": checked.by,
            "at": checked.at}


class _Dumper(yaml.SafeDumper):
    """Text with line breaks or unusual characters goes double-quoted, with escapes, so
    that every value stays on one line whatever it holds."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    odd = any(c in value for c in "\n\r\x85\u2028\u2029") or not value.isprintable()
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if odd else None)


_Dumper.add_representer(str, _str)


def _flow(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, default_flow_style=True, allow_unicode=True,
                     sort_keys=False, width=1 << 30).strip().removesuffix("...").strip()


def entry_text(entry: dict[str, Any], indent: str = "") -> str:
    """The YAML lines of one list entry (``- key: value``), every value quoted as
    YAML needs, so that no name can change the file's structure."""
    lines = [f"{indent}{'- ' if i == 0 else '  '}{_flow(key)}: {_flow(value)}"
             for i, (key, value) in enumerate(entry.items())]
    return "\n".join(lines) + "\n"


def _list_indent(path: Path, text: str) -> tuple[str, str]:
    """(text ready for a block-list entry at its end, the entries' indentation)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        read_corrections(path)  # raises the error with its line
        raise
    if root is None:
        return text + ("" if not text or text.endswith("\n") else "\n") + "corrections:\n", ""
    read_corrections(path)  # checks the shape: one key, a list
    value = root.value[0][1]
    if isinstance(value, yaml.SequenceNode) and value.value:
        if value.flow_style:
            raise InvalidInput("fix appends to a block list ('- ' entries); rewrite "
                               "'corrections: [...]' as one", str(path), value.start_mark.line + 1)
        first = value.value[0].start_mark
        dash = text.rfind("-", 0, first.index)
        return text + ("" if text.endswith("\n") else "\n"), " " * (dash - text.rfind("\n", 0, dash) - 1)
    # `corrections:` with nothing or `[]`: the entries follow as a block list.
    head = text[:value.start_mark.index].rstrip(" []") + text[value.end_mark.index:]
    return head.rstrip("\n") + "\n", ""


def append_correction(path: str | Path, entry: dict[str, Any]) -> int:
    """Add ``entry`` at the end of the corrections file at ``path`` (made if missing),
    keeping its comments and layout; written whole, so a failure leaves it as it was.
    Returns the line the entry starts on."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else NEW_FILE_HEADER
    text, indent = _list_indent(path, text) if path.exists() else (text, "")
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_open(path) as fh:
        fh.write(text + entry_text(entry, indent))
    return text.count("\n") + 1


@contextmanager
def appended(path: str | Path, entry: dict[str, Any]) -> Iterator[str]:
    """Append ``entry`` to the corrections file at ``path`` and yield its origin
    (``file:line``, as stale reports name it); if the block raises, the file is put back
    as it was (or removed, if this made it)."""
    path = Path(path)
    before = path.read_text(encoding="utf-8") if path.exists() else None
    line = append_correction(path, entry)
    try:
        yield f"{shown_path(path)}:{line}"
    except BaseException:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            with atomic_open(path) as fh:
                fh.write(before)
        raise
