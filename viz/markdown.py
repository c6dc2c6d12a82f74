"""A small, safe subset of Markdown for story captions, parsed to a tree of plain data.

The page builds the caption from this tree with a fixed set of elements (``p``, ``ul``,
``h3``, ``strong``, ``em``, ``code``, ``a``, ``br``) and puts every piece of text in as a
text node: no HTML in a caption is ever parsed, whatever it holds. Links keep only
``http``/``https`` addresses (anything else, such as ``javascript:``, becomes plain
text), and open in a new tab when followed; the page never loads them.

Supported: paragraphs (blank-line separated), ``- `` or ``* `` bullet lists, ``#``
headings (one level), ``**bold**``, ``*italic*`` or ``_italic_``, `` `code` ``,
``[text](https://…)``, a backslash before a marker to write it as is, and a line ending
in two spaces or a backslash for a line break.

Examples
--------
>>> parse("The **US** and [three](https://a.org) talks.")[0][1]  # doctest: +NORMALIZE_WHITESPACE
[['t', 'The '], ['b', [['t', 'US']]], ['t', ' and '], ['a', 'https://a.org', [['t', 'three']]],
 ['t', ' talks.']]
>>> parse("- one\\n- <b>two</b>")
[['ul', [[['t', 'one']], [['t', '<b>two</b>']]]]]
>>> parse("[x](javascript:alert(1))")
[['p', [['t', '[x](javascript:alert(1))']]]]
"""
from __future__ import annotations

import re
from typing import Any

__all__ = ["parse"]

Inline = list[Any]
_BULLET = re.compile(r"^\s*[-*]\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\((https?://[^\s()<>]+)\)", re.IGNORECASE)
_ESCAPABLE = "\\`*_[]()#-!"


def _text(out: Inline, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == "t":
        out[-1][1] += text
    else:
        out.append(["t", text])


def _inline(src: str) -> Inline:
    """Inline markup of one block."""
    out: Inline = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch == "\\" and i + 1 < n and src[i + 1] in _ESCAPABLE:
            _text(out, src[i + 1])
            i += 2
            continue
        if ch == "\n":
            out.append(["br"])
            i += 1
            continue
        if ch == "`":
            end = src.find("`", i + 1)
            if end > i + 1:
                out.append(["code", src[i + 1:end]])
                i = end + 1
                continue
        if ch == "[":
            m = _LINK.match(src, i)
            if m:
                out.append(["a", m.group(2), _inline(m.group(1))])
                i = m.end()
                continue
        for mark, kind in (("**", "b"), ("__", "b"), ("*", "i"), ("_", "i")):
            if (src.startswith(mark, i) and i + len(mark) < n
                    and not src[i + len(mark)].isspace()
                    and not (mark[0] == "_" and i and src[i - 1].isalnum())):
                end = _closing(src, mark, i + len(mark))
                if end > i + len(mark):
                    out.append([kind, _inline(src[i + len(mark):end])])
                    i = end + len(mark)
                    break
        else:
            _text(out, ch)
            i += 1
    return out


def _closing(src: str, mark: str, start: int) -> int:
    """Where ``mark`` closes an emphasis opened before ``start`` (not after a space, not
    escaped), or -1."""
    j = start
    while True:
        j = src.find(mark, j)
        if j < 0:
            return -1
        after = src[j + len(mark):j + len(mark) + 1]
        if not src[j - 1].isspace() and src[j - 1] != "\\" and not (
                len(mark) == 1 and src.startswith(mark * 2, j)) and not (
                mark[0] == "_" and after.isalnum()):
            return j
        j += len(mark)


def _lines(block: list[str]) -> str:
    """A block's lines joined: a hard break where a line ends in two spaces or a
    backslash, a space elsewhere."""
    text = ""
    for k, line in enumerate(block):
        last = k == len(block) - 1
        if not last and (line.endswith("  ") or line.endswith("\\")):
            text += line.rstrip(" \\") + "\n"
        else:
            text += line.strip() + ("" if last else " ")
    return text.strip(" ")


def parse(text: str) -> list[list[Any]]:
    """``text`` as a list of blocks: ``["p", inline]``, ``["h", inline]`` or ``["ul",
    [inline, ...]]``, where inline is a list of ``["t", text]``, ``["b", inline]``,
    ``["i", inline]``, ``["code", text]``, ``["a", url, inline]`` or ``["br"]``."""
    blocks: list[list[Any]] = []
    para: list[str] = []
    items: list[list[str]] = []

    def flush() -> None:
        if para:
            blocks.append(["p", _inline(_lines(para))])
            para.clear()
        if items:
            blocks.append(["ul", [_inline(_lines(item)) for item in items]])
            items.clear()

    for line in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            flush()
        elif _HEADING.match(line):
            flush()
            blocks.append(["h", _inline(_HEADING.sub("", line).strip())])
        elif _BULLET.match(line):
            if para:
                flush()
            items.append([_BULLET.sub("", line)])
        elif items and line.startswith((" ", "\t")):
            items[-1].append(line)          # a list item's continuation line
        else:
            if items:
                flush()
            para.append(line)
    flush()
    return blocks
