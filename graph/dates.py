"""ISO 8601 dates and the Republic of China (Minguo) calendar. Pure functions.

Examples
--------
>>> roc_to_gregorian(115)
2026
>>> normalize_date("2025-11")
'2025-11'
>>> normalize_date("March 18, 2025")
'2025-03-18'
>>> normalize_date("year 115")
'2026'
>>> normalize_date("113 (2024)"), normalize_date("March 18", year=2026)
('2024', '2026-03-18')
>>> normalize_period("2026", "2028")
'2026/2028'
>>> date_in_range("2025-10", since="2025-01", until="2025-12-31")
True
"""
from __future__ import annotations

import re
from datetime import date

__all__ = ["ROC_OFFSET", "roc_to_gregorian", "normalize_date", "normalize_period",
           "date_in_range", "date_key"]

ROC_OFFSET = 1911
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MDY = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_DMY = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_MY = re.compile(r"^([A-Za-z]+)\.?,?\s+(\d{4})$")
_MD = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$")
_DM = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?$")
_ROC = re.compile(r"^(?:ROC\s+)?year\s+(\d{2,3})$|^(?:ROC|Minguo)\s+(?:year\s+)?(\d{2,3})$",
                  re.I)
#: "113 (2024)": an ROC year with its Gregorian equivalent in brackets.
_ROC_GLOSSED = re.compile(r"^(?:(?:ROC\s+)?year\s+)?(\d{2,3})\s*\((\d{4})\)$", re.I)


def roc_to_gregorian(roc_year: int) -> int:
    """ROC year + 1911: year 115 of the Republic of China is 2026."""
    return roc_year + ROC_OFFSET


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if day is not None and month is not None:
        return date(year, month, day).isoformat()
    if month is not None:
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} out of range")
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def normalize_date(text: str | int | date, *, year: int | None = None) -> str:
    """Turn a written date into ISO 8601 (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

    ROC (Minguo) years ("year 115", "ROC 115", "113 (2024)") become Gregorian years.
    A month and day without a year ("March 18") take ``year`` when it is given.
    Raises ``ValueError`` for text that is not a date in a known form.

    Examples
    --------
    >>> normalize_date("18 March 2026"), normalize_date("Nov. 2025")
    ('2026-03-18', '2025-11')
    >>> normalize_date("ROC year 114")
    '2025'
    >>> normalize_date("March 18")
    Traceback (most recent call last):
    ...
    ValueError: not a date without a year: 'March 18'
    """
    if isinstance(text, date):
        return text.isoformat()
    value = str(text).strip()
    if m := _ISO.match(value):
        y, mo, d = m.groups()
        return _iso(int(y), int(mo) if mo else None, int(d) if d else None)
    if m := _ROC.match(value):
        return _iso(roc_to_gregorian(int(m.group(1) or m.group(2))))
    if m := _ROC_GLOSSED.match(value):
        return _iso(int(m.group(2)))       # the Gregorian gloss is what the writer checked
    if (m := _MDY.match(value)) and m.group(1).lower() in _MONTHS:
        return _iso(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    if (m := _DMY.match(value)) and m.group(2).lower() in _MONTHS:
        return _iso(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    if (m := _MY.match(value)) and m.group(1).lower() in _MONTHS:
        return _iso(int(m.group(2)), _MONTHS[m.group(1).lower()])
    md = ((m.group(1), m.group(2)) if (m := _MD.match(value)) else
          (m.group(2), m.group(1)) if (m := _DM.match(value)) else None)
    if md and md[0].lower() in _MONTHS:
        if year is None:
            raise ValueError(f"not a date without a year: {value!r}")
        return _iso(year, _MONTHS[md[0].lower()], int(md[1]))
    raise ValueError(f"not a date: {value!r}")


def normalize_period(start: str | int, end: str | int | None = None, *,
                     year: int | None = None) -> str:
    """An ISO 8601 interval ``start/end`` (each end as :func:`normalize_date` reads it),
    or just the start when there is no end or both are the same.

    Examples
    --------
    >>> normalize_period("year 115", "117"), normalize_period("March 2025")
    ('2026/2028', '2025-03')
    """
    first = normalize_date(start, year=year)
    if end is None:
        return first
    end_text = str(end).strip()
    if re.fullmatch(r"\d{2,3}", end_text) and (_ROC.match(str(start).strip())
                                                or _ROC_GLOSSED.match(str(start).strip())):
        end_text = f"year {end_text}"    # "from year 115 to 117": both ends in ROC years
    last = normalize_date(end_text, year=year)
    return first if last == first else f"{first}/{last}"


def date_key(iso: str, *, end: bool = False) -> str:
    """Pad a partial ISO date to a full day, at the start (or the end) of its period."""
    parts = iso.split("-")
    if len(parts) == 1:
        return f"{iso}-12-31" if end else f"{iso}-01-01"
    if len(parts) == 2:
        return f"{iso}-31" if end else f"{iso}-01"
    return iso


def date_in_range(iso: str, *, since: str | None = None, until: str | None = None) -> bool:
    """Whether a (possibly partial) ISO date overlaps the closed range [since, until]."""
    if since and date_key(iso, end=True) < date_key(since):
        return False
    if until and date_key(iso) > date_key(until, end=True):
        return False
    return True
