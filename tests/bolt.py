"""pytest plugin: real Bolt servers for the session.

``neo4j_server`` (also ``bolt_server``, which every server test uses): when
``NEO4J_URI`` is set, that server (with ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE``; the tests replace the graph in that database). Otherwise Neo4j
Community, from the launcher in ``tests/neo4j`` that ``make test`` builds from Maven
Central into ``.venv/neo4j``, started once per session in a child JVM, on a loopback
port it picks itself, with authentication on and a random password.

``arcadedb_server``: ArcadeDB (``arcadedb-embedded``, which speaks Bolt and openCypher),
the second server the parity and read-only suites run on, in a child process on free
loopback ports with a random root password. Run as a script, this file is that child:
``python tests/bolt.py ROOT HTTP_PORT BOLT_PORT DATABASE...`` (the root password comes
from ``$ARCADEDB_ROOT_PASSWORD``, not the command line) writes ``ROOT/ready`` once
serving and stops when its stdin closes.

Each server stops when its stdin closes, so one left behind by a killed test run stops
with it.
"""
from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Where `make neo4j` builds the launcher: classes/, lib/ (Neo4j), plugins/ (APOC).
NEO4J_BUILD = Path(os.environ.get("DIPLOGRAPH_NEO4J_BUILD", ROOT / ".venv" / "neo4j"))
DATABASE = "diplograph"
START_TIMEOUT = 180.0  # a JVM starting on a busy 2-core machine


@dataclass(frozen=True)
class BoltServer:
    uri: str
    user: str
    password: str
    database: str | None
    external: bool  # a server given by NEO4J_URI rather than one started here
    name: str = "neo4j"

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


@dataclass
class Started:
    """A server this module started: its process and how to reach it."""

    proc: subprocess.Popen[bytes]
    server: BoltServer
    seconds: float  # from spawning the process to the server taking connections

    def stop(self) -> None:
        if self.proc.stdin and not self.proc.stdin.closed:
            self.proc.stdin.close()  # the child stops its server when stdin closes
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


# (server, seconds to start) of each server started in this process, for the summary.
START_TIMES: list[tuple[str, float]] = []


def _started(proc: subprocess.Popen[bytes], server: BoltServer, seconds: float) -> Started:
    START_TIMES.append((server.name, seconds))
    return Started(proc, server, seconds)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _spawn(command: list[str], root: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with open(root / "server.log", "wb") as log:
        return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=log,
                                stderr=subprocess.STDOUT, cwd=root, env={**os.environ, **env})


def _wait_for(path: Path, proc: subprocess.Popen[bytes], root: Path, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not path.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            tail = (root / "server.log").read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{what} did not start (log in {root}):\n{tail}")
        time.sleep(0.05)


def java() -> str:
    home = os.environ.get("JAVA_HOME")
    return str(Path(home) / "bin" / "java") if home else (shutil.which("java") or "java")


def _jvm(*classpath: Path) -> list[str]:
    classes = NEO4J_BUILD / "classes"
    if not (classes / "diplograph" / "TestServer.class").exists():
        raise RuntimeError(f"Neo4j for the tests is not built in {NEO4J_BUILD}: run "
                           "'make neo4j' (it resolves Neo4j from Maven Central)")
    # Serial GC and a bounded heap: two cores and a machine shared with other work.
    return [java(), "-XX:+UseSerialGC", "-Xms256m", "-Xmx1g", "-cp",
            os.pathsep.join(str(p) for p in classpath)]


def neo4j_command(home: Path) -> list[str]:
    """The command that serves the database files under ``home`` over Bolt."""
    return [*_jvm(NEO4J_BUILD / "classes", NEO4J_BUILD / "lib" / "*",
                  NEO4J_BUILD / "plugins" / "*"),
            "diplograph.TestServer", str(home), str(NEO4J_BUILD / "plugins")]


def neo4j_admin(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``neo4j-admin ARGS`` on the database files under ``home`` (its classes come with
    Neo4j from Maven Central: org.neo4j.cli.AdminTool and the import tool)."""
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").touch()
    # Run in home: the import tool writes its import.report into the working folder.
    return subprocess.run([*_jvm(NEO4J_BUILD / "lib" / "*"), "org.neo4j.cli.AdminTool", *args],
                          capture_output=True, text=True, timeout=600, cwd=home,
                          env={**os.environ, "NEO4J_HOME": str(home),
                               "NEO4J_CONF": str(home / "conf")})


def start_neo4j(root: Path) -> Started:
    """Neo4j Community with its files in ``root/home`` (new, or made by
    :func:`neo4j_admin`); database ``neo4j``."""
    password = secrets.token_urlsafe(18)
    home = root / "home"
    home.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    proc = _spawn(neo4j_command(home), root, {"NEO4J_TEST_PASSWORD": password})
    _wait_for(home / "bolt.port", proc, root, "Neo4j")
    port = int((home / "bolt.port").read_text())
    server = BoltServer(uri=f"bolt://127.0.0.1:{port}", user="neo4j", password=password,
                        database="neo4j", external=False)
    return _started(proc, server, time.monotonic() - started)


def start_arcadedb(root: Path, *databases: str) -> Started:
    http, bolt = free_port(), free_port()
    password = secrets.token_urlsafe(18)
    names = databases or (DATABASE,)
    started = time.monotonic()
    proc = _spawn([sys.executable, __file__, str(root), str(http), str(bolt), *names], root,
                  {"ARCADEDB_ROOT_PASSWORD": password})
    _wait_for(root / "ready", proc, root, "ArcadeDB")
    server = BoltServer(uri=f"bolt://127.0.0.1:{bolt}", user="root", password=password,
                        database=names[0], external=False, name="arcadedb")
    return _started(proc, server, time.monotonic() - started)


def external_server() -> BoltServer | None:
    """The server named by ``NEO4J_URI``, if any."""
    if not os.environ.get("NEO4J_URI"):
        return None
    return BoltServer(uri=os.environ["NEO4J_URI"],
                      user=os.environ.get("NEO4J_USERNAME", "neo4j"),
                      password=os.environ.get("NEO4J_PASSWORD", ""),
                      database=os.environ.get("NEO4J_DATABASE") or None, external=True)


def _serving(started: Started) -> Iterator[BoltServer]:
    """Yield the started server, then stop it."""
    try:
        yield started.server
    finally:
        started.stop()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """How long each Bolt server took to start (fixture output itself is captured)."""
    for name, seconds in START_TIMES:
        terminalreporter.write_line(f"{name} started in {seconds:.1f} s")


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltServer]:
    """Neo4j: the server in ``NEO4J_URI``, or Neo4j Community started for the session."""
    given = external_server()
    if given is not None:
        yield given
        return
    yield from _serving(start_neo4j(tmp_path_factory.mktemp("neo4j")))


@pytest.fixture(scope="session")
def bolt_server(neo4j_server: BoltServer) -> BoltServer:
    """The server the server suite runs on: Neo4j."""
    return neo4j_server


@pytest.fixture(scope="session")
def arcadedb_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltServer]:
    """ArcadeDB over Bolt, the second server."""
    pytest.importorskip("arcadedb_embedded", reason="pip install -e '.[dev]' for the server")
    yield from _serving(start_arcadedb(tmp_path_factory.mktemp("arcadedb")))


@pytest.fixture(scope="session", params=["neo4j", "arcadedb"])
def each_server(request: pytest.FixtureRequest) -> BoltServer:
    """Neo4j, then ArcadeDB: for the suites that run on both."""
    return request.getfixturevalue(f"{request.param}_server")


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
