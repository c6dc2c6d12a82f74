"""When ties hold: the ``--as-of``/``--since``/``--until`` filters, and the steps of the
page's time slider.

One rule decides whether a tie held on a day, :func:`holds_on`, built on
:func:`graph.queries.posts.held_on` (the rule of ``posts --as-of``). The slider does not
re-implement it in JavaScript: for each step the page may show, the tie's ``held``
span says from which step to which it holds, computed here with that same rule.

Examples
--------
>>> edges = [{"start": "2024-05", "end": "2025-02"}, {"date": "2025-10-01"},
...          {"status": "planned", "date": "2026"}, {}]
>>> steps = time_steps(edges)
>>> steps[0], steps[-1], len(steps)
('2024-05', '2026-01', 21)
>>> [held_span(e, steps) for e in edges]
[[0, 9], [17, 20], None, [0, 20]]
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from diplograph.graph.dates import date_key
from diplograph.graph.queries.posts import held_on
from diplograph.graph.queries.vocabulary import HOLDS_POSITION

__all__ = ["holds_on", "in_range", "time_steps", "held_span", "MONTHS_UP_TO"]

# A span of up to this many months steps month by month; a longer one year by year.
MONTHS_UP_TO = 36
_DATE_KEYS = ("date", "start", "end")


def holds_on(attrs: dict[str, Any], day: str) -> bool:
    """Whether a tie held on ``day`` (ISO).

    The rule of :func:`graph.queries.posts.held_on` (planned and denied ties never
    hold; a ``start``/``end`` interval must contain the day; a ``former`` tie with
    neither is dropped; undated current ties are kept), so that posts show as
    ``posts --as-of`` lists them, plus one case for ties that are not posts: a tie
    with only a ``date`` (a meeting, a visit) holds from that date on.

    >>> holds_on({"date": "2025-10"}, "2025"), holds_on({"date": "2025-10"}, "2024")
    (True, False)
    >>> holds_on({"type": "HOLDS_POSITION", "date": "2025-10"}, "2024")   # as posts does
    True
    """
    date = attrs.get("date")
    dated_only = date and not (attrs.get("start") or attrs.get("end"))
    if dated_only and attrs.get("type") != HOLDS_POSITION and held_on(attrs, day):
        return date_key(str(date)) <= date_key(day, end=True)
    return held_on(attrs, day)


def _interval(attrs: dict[str, Any]) -> tuple[str | None, str | None]:
    """(first day, last day) of a dated tie, or (None, None)."""
    start, end, date = attrs.get("start"), attrs.get("end"), attrs.get("date")
    if start or end:
        return (date_key(str(start)) if start else None,
                date_key(str(end), end=True) if end else None)
    if date:
        return date_key(str(date)), date_key(str(date), end=True)
    return None, None


def in_range(attrs: dict[str, Any], since: str | None, until: str | None) -> bool:
    """Whether a dated tie (``date``, or ``start``..``end``) overlaps [since, until]; an
    undated tie never does."""
    first, last = _interval(attrs)
    if first is None and last is None:
        return False
    if since and last is not None and last < date_key(since):
        return False
    return not (until and first is not None and first > date_key(until, end=True))


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def time_steps(ties: Iterable[dict[str, Any]]) -> list[str]:
    """The dates the slider stops at: every month from the first date any tie gives to
    the last, or every year when that spans more than :data:`MONTHS_UP_TO` months;
    empty when no tie is dated."""
    months = {date_key(str(attrs[k]))[:7] for attrs in ties for k in _DATE_KEYS
              if attrs.get(k)}
    if not months:
        return []
    first, last = min(months), max(months)
    steps = _months(first, last)
    if len(steps) > MONTHS_UP_TO:
        return [str(y) for y in range(int(first[:4]), int(last[:4]) + 1)]
    return steps


def held_span(attrs: dict[str, Any], steps: Sequence[str], *,
              _cache: dict[tuple[Any, ...], list[int] | None] | None = None
              ) -> list[int] | None:
    """``[first, last]``: the indices of the steps on which the tie holds (by
    :func:`holds_on`), or None when it holds on none. The steps a tie holds on are
    always consecutive: it holds from a start (or forever) to an end (or for good).
    ``_cache`` (any dict) saves the work for ties with the same dates and status."""
    key = (attrs.get("status"), attrs.get("type") == HOLDS_POSITION,
           *(str(attrs.get(k) or "") for k in _DATE_KEYS))
    if _cache is not None and key in _cache:
        return _cache[key]
    held = [i for i, day in enumerate(steps) if holds_on(attrs, day)]
    span = [held[0], held[-1]] if held else None
    if _cache is not None:
        _cache[key] = span
    return span
