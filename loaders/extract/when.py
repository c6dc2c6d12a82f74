"""Dates, periods and sums of money written in a sentence, as values for claims.

Plain regular expressions over the sentence's text (no spaCy), so that any backend
can use them; the ISO and ROC (Minguo) conversions are :mod:`graph.dates`'. A month
and day without a year ("March 18") and "next year" take the document's year when
it is known, and are left out when it is not.

Examples
--------
>>> [f.value for f in dates_in("Talks on March 18 and in year 115 (2026).", year=2025)]
['2025-03-18', '2026']
>>> [f.value for f in periods_in("funded from 2026 until 117 (2028)", year=None)]
['2026/2028']
>>> m, = money_in("NT$471.23 million (US$15.45 million)")
>>> m.amount, m.currency, m.amount_usd
(471230000, 'TWD', 15450000)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from diplograph.graph.dates import normalize_date, normalize_period
from diplograph.loaders.extract.vocab import ACQUIRES, DATED, FUNDS

__all__ = ["Found", "Money", "SentenceFacts", "dates_in", "periods_in", "money_in", "nearest",
           "sentence_facts", "claim_facts"]

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
          r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d{2}"
_ROC = (r"(?:(?:ROC|Minguo)\s+(?:year\s+)?\d{2,3}|(?:ROC\s+)?year\s+\d{2,3})(?:\s*\(\d{4}\))?"
        r"|\d{2,3}\s*\(\d{4}\)")
_RELATIVE = r"(?:next|this|last)\s+year"
#: One date expression, longest forms first.
_DATE = (rf"\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{_MONTH},?\s+{_YEAR}"
         rf"|{_MONTH},?\s+{_YEAR}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|{_ROC}|{_RELATIVE}"
         rf"|(?<![\d$.,])(?<!\$\s){_YEAR}(?![\d]|[.,]\d)")
_DATE_RE = re.compile(rf"\b(?:{_DATE})", re.I)
_END = rf"{_DATE}|\d{{2,3}}\b"        # a range's end may be a bare ROC year ("to 117")
_PERIOD_RE = re.compile(
    rf"\b(?:from|between)\s+(?:the\s+)?(?P<a>{_DATE})\s+(?:to|until|till|through|and)\s+"
    rf"(?:the\s+)?(?:year\s+)?(?P<b>{_END})|\b(?P<c>{_YEAR})\s*[-–]\s*(?P<d>{_YEAR})\b", re.I)
_SCALE = {"thousand": 10**3, "million": 10**6, "m": 10**6, "mn": 10**6, "billion": 10**9,
          "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12}
_PREFIX = {"nt$": "TWD", "us$": "USD", "a$": "AUD", "c$": "CAD", "hk$": "HKD", "s$": "SGD",
           "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "rmb": "CNY", "twd": "TWD",
           "ntd": "TWD", "usd": "USD", "eur": "EUR", "nt": "TWD"}
_SUFFIX = {"usd": "USD", "us dollars": "USD", "twd": "TWD", "ntd": "TWD",
           "new taiwan dollars": "TWD", "yuan": "CNY", "rmb": "CNY", "euros": "EUR",
           "eur": "EUR", "yen": "JPY", "pounds": "GBP", "dollars": None}
_MONEY_RE = re.compile(
    r"(?P<cur>NT\$|US\$|A\$|C\$|HK\$|S\$|\$|€|£|¥|(?:RMB|TWD|NTD|USD|EUR)\s?)"
    r"(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>thousand|million|billion|trillion|mn|bn|tn|m|b)?\b"
    r"(?:\s*(?P<suf>US dollars|new Taiwan dollars|dollars|USD|TWD|NTD|yuan|RMB|euros|EUR|yen|"
    r"pounds)\b)?", re.I)


@dataclass(frozen=True, slots=True)
class Found:
    """A date or period: character offsets in the text searched, and its ISO value."""

    start: int
    end: int
    value: str


@dataclass(frozen=True, slots=True)
class Money:
    """A sum of money: offsets, amount in units, ISO 4217 currency, and the US dollar
    amount where the text gives one (a gloss in brackets, or the amount itself)."""

    start: int
    end: int
    amount: int | float
    currency: str
    amount_usd: int | float | None = None


def _relative(text: str, year: int | None) -> str | None:
    if year is None:
        return None
    shift = {"next": 1, "this": 0, "last": -1}[text.split()[0].lower()]
    return str(year + shift)


def _one(text: str, year: int | None) -> str | None:
    """The ISO value of one date expression, or None when it cannot be pinned down."""
    text = " ".join(text.split())
    if re.fullmatch(_RELATIVE, text, re.I):
        return _relative(text, year)
    if re.fullmatch(r"\d{2,3}", text):
        text = f"year {text}"
    try:
        return normalize_date(text.replace(".", "") if text[:1].isalpha() else text,
                              year=year)
    except ValueError:
        return None


def dates_in(text: str, *, year: int | None = None) -> list[Found]:
    """Every date expression of ``text`` that converts to an ISO date."""
    out = []
    for match in _DATE_RE.finditer(text):
        value = _one(match.group(0), year)
        if value:
            out.append(Found(match.start(), match.end(), value))
    return out


def periods_in(text: str, *, year: int | None = None) -> list[Found]:
    """Ranges of time: "from 2026 until 2028", "between year 115 and 117", "2026-2028"."""
    out = []
    for match in _PERIOD_RE.finditer(text):
        a, b = (match.group("a"), match.group("b")) if match.group("a") else (
            match.group("c"), match.group("d"))
        first = _one(a, year)
        roc_start = re.search(_ROC, a, re.I) is not None
        last = _one(f"year {b}" if roc_start and b.isdigit() and len(b) <= 3 else b, year)
        if first and last:
            out.append(Found(match.start(), match.end(), normalize_period(first, last)))
    return out


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


def _money(match: re.Match[str]) -> tuple[float, str]:
    amount = float(match.group("num").replace(",", ""))
    amount *= _SCALE.get((match.group("scale") or "").lower(), 1)
    suffix = _SUFFIX.get((match.group("suf") or "").lower())
    currency = suffix or _PREFIX[match.group("cur").strip().lower()]
    return amount, currency


def money_in(text: str) -> list[Money]:
    """Sums of money; a sum glossed in brackets ("NT$10 million (US$0.3 million)") is
    one sum whose ``amount_usd`` is the gloss."""
    matches = list(_MONEY_RE.finditer(text))
    out: list[Money] = []
    skip = set()
    for k, match in enumerate(matches):
        if k in skip:
            continue
        amount, currency = _money(match)
        usd = amount if currency == "USD" else None
        end = match.end()
        if k + 1 < len(matches):
            nxt = matches[k + 1]
            between = text[match.end():nxt.start()]
            if re.fullmatch(r"\s*\(\s*(?:approximately|about|around|roughly|some|or)?\s*",
                            between, re.I):
                gloss, gloss_currency = _money(nxt)
                if gloss_currency == "USD" and currency != "USD":
                    usd, end = gloss, nxt.end()
                    skip.add(k + 1)
        out.append(Money(match.start(), end, _number(amount), currency,
                         _number(usd) if usd is not None else None))
    return out


def nearest(found: list, start: int, end: int) -> object | None:
    """The item of ``found`` (anything with ``start``/``end``) closest to [start, end):
    inside it first, then by distance."""
    best, best_gap = None, None
    for item in found:
        gap = max(0, item.start - end, start - item.end)
        if best_gap is None or gap < best_gap:
            best, best_gap = item, gap
    return best


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """The dates, periods and sums of one sentence, at document offsets."""

    dates: list[Found]
    periods: list[Found]
    money: list[Money]


def sentence_facts(text: str, offset: int, *, year: int | None) -> SentenceFacts:
    """Dates, periods and sums in ``text`` (a sentence starting at ``offset``)."""
    def shift(items: list) -> list:
        return [replace(i, start=i.start + offset, end=i.end + offset) for i in items]
    return SentenceFacts(shift(dates_in(text, year=year)), shift(periods_in(text, year=year)),
                         shift(money_in(text)))


def claim_facts(rel: str, facts: SentenceFacts, start: int, end: int) -> dict[str, object]:
    """The properties a claim of type ``rel`` evidenced by [start, end) takes from its
    sentence: ``date`` for one happening; ``amount``, ``currency``, ``amount_usd`` and
    ``period`` for funding (``amount``, ``currency`` for an acquisition)."""
    props: dict[str, object] = {}
    if rel in (FUNDS, ACQUIRES) and facts.money:
        money = nearest(facts.money, start, end)
        assert isinstance(money, Money)
        props.update(amount=money.amount, currency=money.currency)
        if money.amount_usd is not None and rel == FUNDS:
            props["amount_usd"] = money.amount_usd
    period = nearest(facts.periods, start, end) if rel == FUNDS else None
    if isinstance(period, Found):
        props["period"] = period.value
    elif rel in DATED and facts.dates:
        inside = [d for d in facts.dates if not any(
            p.start <= d.start < p.end for p in facts.periods)]
        when = nearest(inside, start, end)
        if isinstance(when, Found):
            props["date"] = when.value
    return props
