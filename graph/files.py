"""Writing a file whole: into a temporary file beside it, then renamed over it.

Every writer of a graph, page, picture, export or cache entry goes through
:func:`atomic_open`, so a reader (or a crash) never sees half a file and a failed
write leaves no temporary file behind.

Examples
--------
>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_open(target) as fh:
...     _ = fh.write("whole")
>>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
('whole', ['out.txt'])
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_open"]


def _mode_for(target: Path) -> int:
    """The mode an ordinary write would give: the file's own if it exists, else 0o666
    less the umask (mkstemp's 0o600 would make a shared page or export private)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def atomic_open(path: str | Path, *, binary: bool = False, newline: str | None = "\n",
                durable: bool = False) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on a clean exit rename it over ``path``.

    The temporary file is named ``.<stem>-*.tmp`` in the same directory (a rename is
    atomic only within one file system). ``durable`` also flushes the file and its
    directory to disk, so the new content survives a power cut, not just a kill.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, _mode_for(target))
        mode = "wb" if binary else "w"
        text_args = {} if binary else {"encoding": "utf-8", "newline": newline}
        with os.fdopen(fd, mode, **text_args) as fh:
            yield fh
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
