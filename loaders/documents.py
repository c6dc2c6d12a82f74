""".txt, .md, .html and .pdf files -> :class:`Document` values (id, text, metadata).

A document's id is its file name plus the first 12 hex digits of the SHA-256 of its
bytes, so it is stable while the file is unchanged. Text files are decoded as UTF-8
when they are, otherwise by ``charset-normalizer``; HTML is reduced to its main text
by ``trafilatura``; PDF text comes from ``pypdf``. Those three are imported here
only, inside the function that needs them.

A file that is binary, empty, undecodable or too large is not an error for the
corpus: :func:`read_documents` reports it in one line naming the file and goes on.
Whatever a file holds, what comes out is text a UTF-8 file can hold (lone surrogates
and control characters in file names become U+FFFD), and a ``url`` only when it is an
http(s) address. A reader library's complaints about a malformed file (pypdf logs
them) become the one skip line, never output of their own.

Examples
--------
>>> doc = parse_text("Talks resume\\n\\nOfficials met on March 3, 2025.", "a.txt", b"x")
>>> doc.title, doc.date
('Talks resume', '2025-03-03')
"""
from __future__ import annotations

import hashlib
import logging
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from diplograph.graph.claims import DocumentRecord
from diplograph.graph.dates import normalize_date
from diplograph.graph.errors import DependencyMissing
from diplograph.graph.values import safe_name

__all__ = ["Document", "DOCUMENT_SUFFIXES", "MAX_CHARS", "MAX_BYTES", "SkippedFile",
           "read_document", "read_documents", "parse_text", "content_hash"]

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
#: spaCy's default ``nlp.max_length``: longer texts would need about 10 GB of memory.
MAX_CHARS = 1_000_000
#: Files larger than this are not read at all (HTML and PDF hold far more bytes than text).
MAX_BYTES = 64 * 1024 * 1024
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_HTTP = re.compile(r"https?://\S+", re.I)
_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)
_DATE_IN_TEXT = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b")


class SkippedFile(Exception):
    """A file that cannot be read as a document; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class Document:
    """One source text. ``text`` is what extraction reads and what citations index."""

    id: str
    text: str
    path: str = ""
    title: str = ""
    date: str = ""
    outlet: str = ""
    url: str = ""
    sha256: str = ""

    def record(self) -> DocumentRecord:
        return DocumentRecord(id=self.id, title=self.title, outlet=self.outlet, date=self.date,
                              url=self.url, path=self.path)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _clean(text: str) -> str:
    """``text`` without lone surrogates (a PDF's text may hold them)."""
    return _SURROGATE.sub("\ufffd", text)


def _first_date(text: str) -> str:
    for match in _DATE_IN_TEXT.finditer(text[:2000]):
        try:
            return normalize_date(match.group(0))
        except ValueError:
            continue
    return ""


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """``---`` YAML front matter (title, date, outlet, url) and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() in {"title", "date", "outlet", "url"}:
            meta[key.strip()] = value.strip().strip("'\"")
    return meta, text[match.end():]


def parse_text(text: str, name: str, data: bytes, *, path: str = "",
               meta: dict[str, str] | None = None) -> Document:
    """A :class:`Document` from decoded text; metadata from front matter or the text."""
    found, body = _front_matter(_clean(text))
    found.update({k: _clean(v) for k, v in (meta or {}).items() if v})
    if not body.strip():
        raise SkippedFile("no text in it")
    if len(body) > MAX_CHARS:
        raise SkippedFile(f"too long ({len(body):,} characters; the limit is {MAX_CHARS:,}): "
                          "split it into smaller files")
    first_line = body.strip().split("\n", 1)[0].strip()
    title = found.get("title") or (first_line if len(first_line) < 200 else "")
    date = found.get("date", "")
    try:
        date = normalize_date(date) if date else _first_date(body)
    except ValueError:
        date = _first_date(body)
    digest = content_hash(data)
    url = found.get("url", "")
    return Document(id=f"{safe_name(name)}#{digest[:12]}", text=body, path=safe_name(path),
                    title=title.lstrip("# "), date=date, outlet=found.get("outlet", ""),
                    url=url if _HTTP.fullmatch(url) else "", sha256=digest)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise SkippedFile("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        raise DependencyMissing("charset-normalizer", "nlp") from None
    best = from_bytes(data).best()
    if best is None:
        raise SkippedFile("undecodable: not UTF-8 and no other encoding fits")
    return str(best)


def _html(data: bytes) -> tuple[str, dict[str, str]]:
    try:
        import trafilatura
    except ImportError:
        raise DependencyMissing("trafilatura", "html") from None
    html = _decode(data)
    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                             include_tables=False)
    except Exception as exc:  # noqa: BLE001 - a parser fed untrusted markup: any failure is "unreadable"
        raise SkippedFile(f"unreadable HTML ({type(exc).__name__}: {exc})") from None
    if not result:
        raise SkippedFile("no main text found in the HTML")
    get = result.get if isinstance(result, dict) else (lambda k: getattr(result, k, None))
    meta = {"title": get("title") or "", "date": get("date") or "",
            "outlet": get("sitename") or "", "url": get("url") or ""}
    return str(get("text") or ""), meta


def _pdf(path: Path) -> tuple[str, dict[str, str]]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:
        raise DependencyMissing("pypdf", "pdf") from None
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(path)
            text = "\n\n".join(page.extract_text() or "" for page in reader.pages)
            title = str((reader.metadata or {}).get("/Title") or "")
    except PyPdfError as exc:
        raise SkippedFile(f"unreadable PDF ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - pypdf on a malformed file fails in many ways
        raise SkippedFile(f"unreadable PDF ({type(exc).__name__}: {exc})") from None
    finally:
        quiet.setLevel(level)
    return text, {"title": title}


def read_document(path: Path) -> Document:
    """Read one file; raise :class:`SkippedFile` if it holds no usable text."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SkippedFile(f"too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        data = path.read_bytes()
    except OSError as exc:
        raise SkippedFile(f"cannot read it ({exc.strerror})") from None
    if not data.strip():
        raise SkippedFile("empty file")
    suffix = path.suffix.lower()
    meta: dict[str, str] = {}
    if suffix in (".html", ".htm"):
        text, meta = _html(data)
    elif suffix == ".pdf":
        text, meta = _pdf(path)
    else:
        text = _decode(data)
    text = text.replace("\r\n", "\n")
    return parse_text(text, path.name, data, path=str(path), meta=meta)


def read_documents(paths: Iterable[Path], *, warn: Callable[[str], None]
                   ) -> Iterator[Document]:
    """Documents from ``paths``; each unusable file is reported through ``warn`` in one
    line (``path: reason``) and skipped."""
    for path in paths:
        try:
            yield read_document(path)
        except SkippedFile as exc:
            warn(f"{safe_name(str(path))}: skipped, {' '.join(str(exc).split())}")
