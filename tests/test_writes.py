"""Every way a write can fail gives one ``Error:`` line and leaves what was there.

A full disk is real: a 256 KB tmpfs mounted in a private user and mount namespace (as
``unshare -rm`` does), filled to the last byte before the command runs. Where such
namespaces are not allowed, that half is skipped and the same commands run under a
file-size limit (``RLIMIT_FSIZE``: the kernel refuses the write with EFBIG), which works
everywhere. Each command runs through the CLI in a forked child process, which alone
sees the small disk or the limit (forked, so the parent's imports stay warm)."""
from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from diplograph import api
from diplograph.cli import cli
from diplograph.graph.files import atomic_open
from diplograph.graph.stores import SQLiteStore
from tests.conftest import CURATED_INPUTS

TEXT = ("Deputy Minister Marta Okonkwo visited Japan on Monday. Okonkwo met with Japanese "
        "officials in Tokyo, and the Ministry of National Defense of Taiwan joined them.\n")
SMALL = """\
documents: [{id: d1.txt, title: One report}]
entities:
  - {id: country:taiwan, label: Country, name: Taiwan}
  - {id: country:japan, label: Country, name: Japan}
ties:
  - {s: country:taiwan, type: MET_WITH, o: country:japan, doc: d1.txt, note: they met}
"""
CLONE_NEWNS, CLONE_NEWUSER, MS_REC, MS_PRIVATE = 0x00020000, 0x10000000, 0x4000, 0x40000


def in_child(work: Callable[[], Any]) -> Any:
    """``work()`` run in a forked child; its JSON-able result, or its traceback raised."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:                                       # the child: never returns
        os.close(read)
        try:
            payload = {"ok": work()}
        except BaseException:                          # noqa: BLE001 - reported to the parent
            payload = {"crash": traceback.format_exc()}
        with os.fdopen(write, "w") as fh:
            json.dump(payload, fh)
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as fh:
        payload = json.load(fh)
    os.waitpid(pid, 0)
    if "crash" in payload:
        raise AssertionError(f"the child failed:\n{payload['crash']}")
    return payload["ok"]


def mount_small_tmpfs(path: Path) -> None:
    """In a child process: a new user and mount namespace, a 256 KB tmpfs on ``path``."""
    libc = ctypes.CDLL(None, use_errno=True)
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0:
        raise OSError(ctypes.get_errno(), "unshare")
    Path("/proc/self/setgroups").write_text("deny")
    Path("/proc/self/uid_map").write_text(f"0 {uid} 1")
    Path("/proc/self/gid_map").write_text(f"0 {gid} 1")
    for args in ((b"none", b"/", None, MS_REC | MS_PRIVATE, None),
                 (b"tmpfs", bytes(path), b"tmpfs", 0, b"size=256k")):
        if libc.mount(*args) != 0:
            raise OSError(ctypes.get_errno(), "mount")


def _tmpfs_works(tmp: Path) -> bool:
    def probe() -> bool:
        try:
            mount_small_tmpfs(tmp)
        except OSError:
            return False
        return True
    return in_child(probe)


class SmallDisk:
    """A folder on which writes fail: a full tmpfs, or any folder under a size limit."""

    def __init__(self, kind: str, path: Path) -> None:
        self.kind, self.path = kind, path
        self.path.mkdir()
        self.prepared: dict[str, bytes] = {}

    @property
    def reason(self) -> str:
        return ("no space left on the device" if self.kind == "tmpfs"
                else "the file would be larger than this system allows")

    def prepare(self, name: str, data: bytes) -> None:
        """A file on the disk before it fills up."""
        self.prepared[name] = data

    def run(self, *args: str | Path) -> dict:
        """The CLI with ``args`` on the full disk: exit code, output, whether it raised
        anything but the exit, and the files left on the disk."""
        def work() -> dict:
            if self.kind == "tmpfs":
                mount_small_tmpfs(self.path)
            for name, data in self.prepared.items():
                (self.path / name).parent.mkdir(parents=True, exist_ok=True)
                (self.path / name).write_bytes(data)
            if self.kind == "tmpfs":
                try:
                    with open(self.path / "filler", "wb") as fh:
                        while True:
                            fh.write(b"x" * 4096)
                            fh.flush()
                except OSError:
                    pass
            else:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # EFBIG instead of a kill
                resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
            result = CliRunner().invoke(cli, [str(a) for a in args])
            (self.path / "filler").unlink(missing_ok=True)
            raised = result.exception is not None and not isinstance(result.exception,
                                                                     SystemExit)
            return {"rc": result.exit_code, "output": result.output,
                    "traceback": "".join(traceback.format_exception(result.exception))
                    if raised else "",
                    "files": {str(p.relative_to(self.path)): p.read_bytes().hex()
                              for p in self.path.rglob("*") if p.is_file()}}
        report = in_child(work)
        report["files"] = {k: bytes.fromhex(v) for k, v in report["files"].items()}
        return report


@pytest.fixture(scope="module")
def tmpfs_works(tmp_path_factory) -> bool:
    return _tmpfs_works(tmp_path_factory.mktemp("probe"))


@pytest.fixture(scope="module")
def warm(tmp_path_factory, seed_store) -> None:
    """Draw one picture and page here, so that forked children find matplotlib, the
    layout and the page's assets already imported."""
    out = tmp_path_factory.mktemp("warm")
    api.viz(out / "warm.png", store=seed_store)
    api.viz(out / "warm.html", store=seed_store)


@pytest.fixture(params=["tmpfs", "rlimit"])
def disk(request, tmp_path, tmpfs_works, warm) -> SmallDisk:
    if request.param == "tmpfs" and not tmpfs_works:
        pytest.skip("unprivileged mount namespaces are not allowed here (rlimit runs)")
    return SmallDisk(request.param, tmp_path / "disk")


@pytest.fixture
def store(tmp_path) -> Path:
    path = tmp_path / "store"
    done = CliRunner().invoke(cli, ["build", *map(str, CURATED_INPUTS), "--store", str(path)],
                              catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return path


def _one_error(report: dict, expected: str) -> None:
    assert report["rc"] == 1, report
    assert report["traceback"] == ""
    assert report["output"].strip().splitlines()[-1] == expected


@pytest.mark.parametrize("args, name", [
    (["export", "--format", "json"], "out.json"),
    (["export", "--format", "graphml"], "out.graphml"),
    (["export", "--format", "gexf"], "out.gexf"),
    (["viz"], "page.html"),
    (["viz"], "picture.png"),
])
def test_a_full_disk_keeps_the_old_file_and_leaves_no_temporary(disk, seed_store, args, name):
    disk.prepare(name, b"the previous file")
    report = disk.run(*args, "-o", disk.path / name, "--store", seed_store)
    _one_error(report, f"Error: cannot write {disk.path / name}: {disk.reason} "
                       "(it was left as it was)")
    assert report["files"] == {name: b"the previous file"}


def test_a_full_disk_stops_a_csv_export(disk, seed_store):
    report = disk.run("export", "--format", "csv", "-o", disk.path / "csv", "--store",
                      seed_store)
    _one_error(report, f"Error: cannot write {disk.path / 'csv' / 'nodes.csv'}: {disk.reason} "
                       "(it was left as it was)")
    assert report["files"] == {}


def test_a_full_disk_stops_extract_before_any_half_file(disk, tmp_path):
    pytest.importorskip("spacy")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "visit.txt").write_text(TEXT, encoding="utf-8")
    report = disk.run("extract", tmp_path / "docs", "-o", disk.path / "x.json", "--no-cache")
    _one_error(report, f"Error: cannot write {disk.path / 'x.json'}: {disk.reason} "
                       "(it was left as it was)")
    assert report["files"] == {}


def test_a_full_disk_under_the_store_keeps_the_old_graph(disk, tmp_path):
    (tmp_path / "small.yaml").write_text(SMALL, encoding="utf-8")
    first = CliRunner().invoke(cli, ["build", str(tmp_path / "small.yaml"), "--store",
                                     str(tmp_path / "built")], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    old = (tmp_path / "built" / "graph.db").read_bytes()
    disk.prepare("store/graph.db", old)
    disk.prepare("store/graph.lock", b"")
    report = disk.run("build", *CURATED_INPUTS, "--store", disk.path / "store")
    _one_error(report, f"Error: cannot write {disk.path / 'store' / 'graph.db'}: "
                       f"{disk.reason} (it was left as it was)")
    assert report["files"] == {"store/graph.db": old, "store/graph.lock": b""}


def test_a_full_cache_disk_never_stops_a_build(tmp_path, tmpfs_works):
    """The cache only saves time: on a full disk the build goes on and the store is written."""
    if not tmpfs_works:
        pytest.skip("needs a tmpfs (a size limit would stop the store's own write too)")
    pytest.importorskip("spacy")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "visit.txt").write_text(TEXT, encoding="utf-8")
    disk = SmallDisk("tmpfs", tmp_path / "disk")
    report = disk.run("build", tmp_path / "in", "--store", tmp_path / "store",
                      "--cache", disk.path / "cache")
    assert report["rc"] == 0, report["output"]
    assert report["traceback"] == ""
    assert SQLiteStore(tmp_path / "store").run("stats").nodes
    assert not [f for f in report["files"] if f.endswith(".json")]   # nothing was cached


def test_a_cache_that_cannot_be_created_never_stops_a_build(tmp_path):
    """Works where no tmpfs can be mounted: the cache's folder cannot exist (a file is in
    the way), so every cache write fails, and the build still succeeds."""
    pytest.importorskip("spacy")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "visit.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "blocker").write_text("a file where the cache's parent folder should be")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "in"), "--store",
                                      str(tmp_path / "store"), "--cache",
                                      str(tmp_path / "blocker" / "cache")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "person:marta-okonkwo" in SQLiteStore(tmp_path / "store").load()


@pytest.mark.parametrize("command, name", [
    (["export", "--format", "json", "-o"], "out.json"),
    (["export", "--format", "cypher", "-o"], "out.cypher"),
    (["export", "--format", "csv", "-o"], "csv-folder"),
    (["viz", "-o"], "page.html"),
    (["viz", "--format", "svg", "-o"], "picture.svg"),
])
def test_writing_into_a_missing_folder_is_one_error(seed_store, tmp_path, command, name):
    target = tmp_path / "no-such-folder" / name
    result = CliRunner().invoke(cli, [*command, str(target), "--store", str(seed_store)],
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: cannot write {target}: the folder {target.parent} does not exist; "
        "create it first")
    assert not target.parent.exists()


def test_extract_into_a_missing_folder_fails_before_extracting(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "visit.txt").write_text(TEXT, encoding="utf-8")
    target = tmp_path / "missing" / "x.json"
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "docs"), "-o", str(target)],
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: cannot write {target}: the folder {target.parent} does not exist; "
        "create it first")
    assert "Extracting" not in result.output


def test_exporting_onto_a_folder_names_it_and_writes_nothing_beside_it(seed_store, tmp_path):
    """``export -o /tmp`` once put its temporary file in ``/``."""
    folder = tmp_path / "existing-folder"
    folder.mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(cli, ["export", "--format", "json", "-o", str(folder),
                                      "--store", str(seed_store)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: cannot write {folder}: that is a folder; give a file name inside it")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert list(folder.iterdir()) == []


def test_a_csv_export_onto_a_file_names_it(seed_store, tmp_path):
    target = tmp_path / "a-file"
    target.write_text("keep me")
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "-o", str(target),
                                      "--store", str(seed_store)], catch_exceptions=False)
    assert result.output.strip().splitlines()[-1] == (
        f"Error: cannot write {target}: that is a file, and a folder is needed here")
    assert target.read_text() == "keep me"


def test_the_next_save_removes_what_a_killed_save_left(tmp_path, store):
    """A kill during a save leaves a temporary file; the next save of that file removes
    it, and never one whose writer is still alive."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    try:
        stale = store / f".graph-{dead.pid}-abcd1234.tmp"
        stale.write_bytes(b"x" * 3_000_000)
        live = store / f".graph-{sleeper.pid}-wxyz9876.tmp"
        live.write_bytes(b"being written")
        other = store / ".notes-12345678.tmp"          # not a temporary of graph.db
        other.write_bytes(b"")
        result = CliRunner().invoke(cli, ["build", *map(str, CURATED_INPUTS), "--store",
                                          str(store)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in store.iterdir()) == sorted(
            ["graph.db", "graph.lock", live.name, other.name])
    finally:
        sleeper.kill()
        sleeper.wait()


def test_text_utf8_cannot_hold_is_an_output_error(tmp_path):
    target = tmp_path / "page.html"
    target.write_text("old")
    with pytest.raises(Exception) as raised:
        with atomic_open(target) as fh:
            fh.write("title \udcff")
    assert str(raised.value) == (f"cannot write {target}: the text holds '\\udcff', which "
                                 "UTF-8 cannot encode (it was left as it was)")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["page.html"]
