"""pytest plugin: a real Bolt server for the session (``bolt_server``).

When ``NEO4J_URI`` is set, the tests use that server (with ``NEO4J_USERNAME``,
``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``); they replace the graph in that database.
Otherwise an ArcadeDB server (``arcadedb-embedded``, which speaks Bolt and openCypher)
is started in a child process, on free loopback ports, in a temporary directory, with
a random root password, and stopped at the end of the session.

Run as a script, this file is that child: ``python tests/bolt.py ROOT HTTP_PORT
BOLT_PORT DATABASE...`` (the root password comes from ``$ARCADEDB_ROOT_PASSWORD``, not
the command line) writes ``ROOT/ready`` once serving and stops when its stdin closes.
"""
from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

DATABASE = "diplograph"
START_TIMEOUT = 90.0


@dataclass(frozen=True)
class BoltServer:
    uri: str
    user: str
    password: str
    database: str | None
    external: bool  # a server given by NEO4J_URI rather than one started here

    def env(self) -> dict[str, str]:
        """The environment a diplograph command needs to reach this server."""
        env = {"NEO4J_URI": self.uri, "NEO4J_USERNAME": self.user,
               "NEO4J_PASSWORD": self.password}
        if self.database:
            env["NEO4J_DATABASE"] = self.database
        return env

    def store(self, **options: Any):
        from diplograph.graph.stores.neo4j import Neo4jStore
        return Neo4jStore(self.uri, user=self.user, password=self.password,
                          database=self.database, **options)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(root: Path, *databases: str) -> tuple[subprocess.Popen[bytes], BoltServer]:
    http, bolt = free_port(), free_port()
    password = secrets.token_urlsafe(18)
    log = open(root / "server.log", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [sys.executable, __file__, str(root), str(http), str(bolt), *(databases or [DATABASE])],
        stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT, cwd=root,
        env={**os.environ, "ARCADEDB_ROOT_PASSWORD": password})
    log.close()
    deadline = time.monotonic() + START_TIMEOUT
    while not (root / "ready").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_server(proc)
            tail = (root / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"ArcadeDB did not start (log in {root}):\n{tail}")
        time.sleep(0.1)
    return proc, BoltServer(uri=f"bolt://127.0.0.1:{bolt}", user="root", password=password,
                            database=(databases or [DATABASE])[0], external=False)


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.stdin and not proc.stdin.closed:
        proc.stdin.close()  # the child stops its server when stdin closes
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltServer]:
    """A Bolt server with an empty-enough database for the tests."""
    if os.environ.get("NEO4J_URI"):
        yield BoltServer(uri=os.environ["NEO4J_URI"],
                         user=os.environ.get("NEO4J_USERNAME", "neo4j"),
                         password=os.environ.get("NEO4J_PASSWORD", ""),
                         database=os.environ.get("NEO4J_DATABASE") or None, external=True)
        return
    pytest.importorskip("arcadedb_embedded", reason="pip install -e '.[dev]' for the server")
    root = tmp_path_factory.mktemp("arcadedb")
    proc, server = start_server(root)
    try:
        yield server
    finally:
        stop_server(proc)


def _serve(root: str, http: str, bolt: str, *databases: str) -> None:
    from arcadedb_embedded.server import ArcadeDBServer

    server = ArcadeDBServer(
        root_path=str(Path(root) / "databases"),
        root_password=os.environ["ARCADEDB_ROOT_PASSWORD"],
        config={"http_port": int(http), "bolt_port": int(bolt),
                "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"})
    server.start()
    try:
        for name in databases:
            server.create_database(name)
        (Path(root) / "ready").write_text("ready\n")
        sys.stdin.read()  # until the parent closes our stdin (or dies)
    finally:
        server.stop()


if __name__ == "__main__":
    _serve(*sys.argv[1:])
