"""Writing a file whole: into a temporary file beside it, then renamed over it.

:func:`atomic_open` is the only way diplograph writes a file (graph, page, picture,
export, cache entry); :func:`output_dir` makes the one folder a multi-file export
writes into. A reader (or a crash) never sees half a file, a failed write leaves no
temporary file and the old file as it was, and every way a write can fail (no such
folder, a folder where a file was asked for, a full disk, no permission) raises one
:class:`~diplograph.graph.errors.OutputError` naming the path and the reason.

A temporary file left by a process that was killed mid-write is removed the next
time the same file is replaced: its name carries the writer's process id, so a live
writer's temporary file is never touched.

Examples
--------
>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_open(target) as fh:
...     _ = fh.write("whole")
>>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
('whole', ['out.txt'])
>>> with atomic_open(target.parent / "no-such-folder" / "x.txt") as fh:
...     pass
Traceback (most recent call last):
...
diplograph.graph.errors.OutputError: cannot write .../no-such-folder/x.txt: the folder .../no-such-folder does not exist; create it first
"""
from __future__ import annotations

import errno
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from diplograph.graph.errors import OutputError

__all__ = ["atomic_open", "output_dir", "output_path"]

_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "the file would be larger than this system allows",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
}
#: Temporary files of the naming scheme before process ids; removed once this old.
_LEGACY_AGE = 3600.0


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def output_path(path: str | Path) -> Path:
    """``path`` as a file that can be written: its folder exists and it is not a folder.

    Raises ``OutputError`` saying which, and what to do.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(str(target), "that is a folder; give a file name inside it")
    parent = target.parent
    if not parent.is_dir():
        problem = "is not a folder" if parent.exists() else "does not exist; create it first"
        raise OutputError(str(target), f"the folder {parent} {problem}")
    return target


def output_dir(path: str | Path) -> Path:
    """Create the folder ``path`` (its parent must exist) for a multi-file output."""
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise OutputError(str(target), "that is a file, and a folder is needed here")
    if not target.parent.is_dir():
        raise OutputError(str(target), f"the folder {target.parent} does not exist; "
                          "create it first")
    try:
        target.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(str(target), _reason(exc)) from None
    return target


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:       # someone else's live process
        return True
    return True


def _remove_stale_temporaries(target: Path) -> None:
    """Remove temporary files of ``target`` whose writer is gone (killed mid-write)."""
    stem = re.escape(target.stem)
    ours = re.compile(rf"\.{stem}-(\d+)-[a-z0-9_]{{8}}\.tmp")
    legacy = re.compile(rf"\.{stem}-[a-z0-9_]{{8}}\.tmp")
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if m := ours.fullmatch(entry.name):
            stale = not _alive(int(m.group(1)))
        elif legacy.fullmatch(entry.name):
            try:
                stale = now - entry.stat().st_mtime > _LEGACY_AGE
            except OSError:
                continue
        else:
            continue
        if stale:
            try:
                os.unlink(entry.path)
            except OSError:
                pass              # another writer cleaned it first, or it is not ours to clean


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

    The temporary file is named ``.<stem>-<pid>-*.tmp`` in the same directory (a rename
    is atomic only within one file system). ``durable`` also flushes the file and its
    directory to disk, so the new content survives a power cut, not just a kill. Any
    ``OSError`` on the way (from the body's writes too) becomes ``OutputError``.
    """
    target = output_path(path)
    if durable or target.exists():
        _remove_stale_temporaries(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-{os.getpid()}-", suffix=".tmp",
                                   dir=target.parent)
    except OSError as exc:
        raise OutputError(str(target), _reason(exc)) from None
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
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(str(target), f"{_reason(exc)} (it was left as it was)") from None
    except UnicodeEncodeError as exc:   # a lone surrogate: no UTF-8 file can hold it
        Path(tmp).unlink(missing_ok=True)
        bad = exc.object[exc.start:exc.end]
        raise OutputError(str(target), f"the text holds {bad!r}, which UTF-8 cannot "
                          "encode (it was left as it was)") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        try:
            dir_fd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError as exc:
            raise OutputError(str(target), f"written, but not flushed to disk: "
                              f"{_reason(exc)}") from None
