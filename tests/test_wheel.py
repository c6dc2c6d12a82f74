"""The wheel as a user gets it (issue 15). Built from this tree by ``python -m build``
(the sdist first, the wheel from the sdist), it installs into a fresh venv and works
from an empty folder with no repository in reach: only ``diplograph`` lands at the top
of site-packages, the seeds, gazetteers, schema and model pin travel inside it, and
``setup-model``, ``demo`` and ``show`` run there.

One venv for the module; pip installs from PyPI through its cache, as on CI's fresh
machine. The whole module takes a minute or two.
"""
from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest

from diplograph.loaders.extract.spacy_backend import MODEL
from diplograph.model import pinned_model

ROOT = Path(__file__).resolve().parent.parent
VERSION = metadata.version("diplograph")
DIST_INFO = f"diplograph-{VERSION}.dist-info"
# The repository folders and the package each installs as.
LAYERS = {"diplograph": "diplograph", "graph": "diplograph/graph",
          "loaders": "diplograph/loaders", "viz": "diplograph/viz", "seeds": "diplograph/seeds"}
WARNING = re.compile(r"warn|deprecat", re.IGNORECASE)
JUNK = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", "build", "dist",
                              ".diplograph-cache", "diplograph-data", ".pytest_cache")


def run(args: list[str | Path], *, cwd: Path, env: dict[str, str] | None = None,
        check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900)
    if check and done.returncode != 0:
        pytest.fail(f"{' '.join(map(str, args))} exited {done.returncode}:\n"
                    f"{done.stdout}\n{done.stderr}")
    return done


def copy_source(target: Path) -> None:
    """The files a clone holds (tracked, and new ones not ignored), without the venv, the
    caches or an egg-info left by the editable install, which a build would pick up."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], capture_output=True)
    if listed.returncode != 0:      # not a git checkout (an unpacked sdist): copy the tree
        shutil.copytree(ROOT, target, ignore=JUNK, dirs_exist_ok=True)
        return
    for name in filter(None, listed.stdout.split(b"\0")):
        source = ROOT / os.fsdecode(name)
        if source.is_file():        # a file deleted but not yet committed is still listed
            (target / os.fsdecode(name)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / os.fsdecode(name))


@dataclass
class Built:
    source: Path
    wheel: Path
    sdist: Path
    log: str


@dataclass
class Venv:
    root: Path
    site: Path
    work: Path
    env: dict[str, str]
    log: str


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("build")
    source, out = base / "source", base / "dist"
    copy_source(source)
    # PYTHONDONTWRITEBYTECODE is the environment's, not the project's: with it set,
    # setuptools reports "byte-compiling is disabled" as a warning.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = run([sys.executable, "-m", "build", "--outdir", out, source], cwd=base, env=env)
    wheel, = out.glob("*.whl")
    sdist, = out.glob("*.tar.gz")
    return Built(source, wheel, sdist, done.stdout + done.stderr)


@pytest.fixture(scope="module")
def venv(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """A fresh venv holding the wheel with every extra, and an empty folder to work in."""
    base = tmp_path_factory.mktemp("fresh")
    root, work = base / "venv", base / "work"
    work.mkdir()
    run([sys.executable, "-m", "venv", root], cwd=work)
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "DIPLOGRAPH_STORE"}}
    env.update(PATH=f"{root / 'bin'}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(root),
               PIP_DISABLE_PIP_VERSION_CHECK="1")
    # As the README says: the pip a venv brings may predate the extras' spelling that
    # lxml uses (and keeps its download cache elsewhere, so it would fetch everything).
    run([root / "bin" / "python", "-m", "pip", "install", "--upgrade", "pip"], cwd=work, env=env)
    done = run([root / "bin" / "python", "-m", "pip", "install", f"{built.wheel}[all]"],
               cwd=work, env=env)
    site, = (root / "lib").glob("python3*/site-packages")
    return Venv(root, site, work, env, done.stdout + done.stderr)


def test_the_build_gives_a_wheel_and_an_sdist_without_warnings(built):
    assert built.wheel.name == f"diplograph-{VERSION}-py3-none-any.whl"
    assert "Building wheel from sdist" in built.log      # so the sdist is complete enough
    assert [line for line in built.log.splitlines() if WARNING.search(line)] == []


def test_the_wheel_puts_nothing_but_diplograph_at_the_top(built):
    with zipfile.ZipFile(built.wheel) as wheel:
        record = wheel.read(f"{DIST_INFO}/RECORD").decode().splitlines()
        top_level = wheel.read(f"{DIST_INFO}/top_level.txt").decode().split()
    assert {row[0].split("/")[0] for row in csv.reader(record)} == {"diplograph", DIST_INFO}
    assert top_level == ["diplograph"]


def test_the_wheel_holds_every_module_and_data_file(built):
    """Every file of graph/, loaders/, viz/, seeds/ and diplograph/ is in the wheel, under
    diplograph/: a new subpackage missing from pyproject's list, or a seed file of a kind
    the package-data globs miss, fails here."""
    with zipfile.ZipFile(built.wheel) as wheel:
        names = set(wheel.namelist())
    expected = {f"{LAYERS[path.parts[0]]}/{'/'.join(path.parts[1:])}"
                for path in (p.relative_to(built.source) for p in built.source.rglob("*")
                             if p.is_file())
                if path.parts[0] in LAYERS}
    assert {"diplograph/seeds/documents.yaml", "diplograph/graph/schema.yaml",
            "diplograph/model.txt", "diplograph/viz/assets/page.html"} <= expected
    assert sorted(expected - names) == []


def test_the_licence_travels_with_the_wheel_and_the_sdist(built):
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "the diplograph authors" in licence
    with zipfile.ZipFile(built.wheel) as wheel:
        assert wheel.read(f"{DIST_INFO}/licenses/LICENSE").decode() == licence
        meta = wheel.read(f"{DIST_INFO}/METADATA").decode()
    assert "License-Expression: MIT" in meta.splitlines()
    assert "License-File: LICENSE" in meta.splitlines()
    with tarfile.open(built.sdist) as sdist:
        names = set(sdist.getnames())
        top = f"diplograph-{VERSION}"
        assert sdist.extractfile(f"{top}/LICENSE").read().decode() == licence  # type: ignore[union-attr]
    assert {f"{top}/seeds/__init__.py", f"{top}/seeds/documents.yaml"} <= names
    assert not any(name.startswith(f"{top}/tests/") for name in names)  # no half test suite


def test_only_diplograph_is_installed_at_the_top_of_site_packages(venv):
    with open(venv.site / DIST_INFO / "RECORD", newline="") as record:
        installed = {row[0].split("/")[0] for row in csv.reader(record)
                     if not row[0].startswith("..")}    # ../../../bin/diplograph
    assert installed == {"diplograph", DIST_INFO}
    assert [line for line in venv.log.splitlines() if WARNING.search(line)] == []


def test_the_installed_package_finds_its_data_in_site_packages(venv):
    code = ("import diplograph.api as api, diplograph.model as model, "
            "diplograph.loaders.extract.patterns as gaz, diplograph.graph.schema as schema\n"
            "print(api.DEFAULT_SEEDS, gaz.default_gazetteer_dir(), model.pin_file(), "
            "len(gaz.load_gazetteer().entries) > 0, len(schema.SCHEMA.labels) > 0, sep='\\n')")
    seeds, gazetteers, pin, has_entries, has_labels = run(
        [venv.root / "bin" / "python", "-c", code], cwd=venv.work, env=venv.env
    ).stdout.splitlines()
    assert Path(seeds) == venv.site / "diplograph" / "seeds"
    assert Path(gazetteers) == venv.site / "diplograph" / "seeds" / "gazetteers"
    assert Path(pin) == venv.site / "diplograph" / "model.txt"
    assert (has_entries, has_labels) == ("True", "True")


def test_model_demo_and_show_work_from_an_empty_folder(venv):
    """The issue's "done means", step by step, in the venv's own diplograph command."""
    assert list(venv.work.iterdir()) == []
    pin = pinned_model()

    def diplograph(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return run(["diplograph", *args], cwd=venv.work, env=venv.env, check=check)

    early = diplograph("demo", "-o", "page.html", check=False)
    assert early.returncode == 1
    assert early.stderr.splitlines()[-1] == (f"Error: The spaCy model {MODEL} is not "
                                             "installed. Install it with: diplograph setup-model")
    assert not (venv.work / "page.html").exists()

    model = diplograph("setup-model")
    assert model.stdout.startswith(f"Installed the spaCy model {pin.name} {pin.version} "
                                   f"(sha256 {pin.sha256[:12]}")
    assert "Successfully installed" in model.stderr
    assert diplograph("setup-model").stdout.startswith(
        f"The spaCy model {pin.name} {pin.version} was already installed")

    demo = diplograph("demo", "-o", "page.html")
    assert f"from {venv.site / 'diplograph' / 'seeds'}" in demo.stdout
    drawn = re.search(r"Wrote (\d+) nodes and (\d+) ties to page.html", demo.stdout)
    assert drawn and int(drawn[1]) > 50 and int(drawn[2]) > 100
    assert "Monterey Talks" in (venv.work / "page.html").read_text(encoding="utf-8")

    show = diplograph("show", "Monterey Talks")
    assert show.stdout.startswith("Monterey Talks  [Mechanism (talks)]")
    assert "[003_c3f820905c721dba.txt curated" in show.stdout       # a curated seed
    assert "monterey-talks.md#" in show.stdout      # read by extraction from a sample text


def test_the_html_extra_reads_a_web_page(venv, tmp_path):
    """trafilatura, jusText and lxml as the venv's own pip resolved them read a page."""
    page = tmp_path / "talks.html"
    page.write_text("<html><head><title>Talks in Manila</title></head><body><article>"
                    + "<p>The Philippines and Japan held their defence talks in Manila on "
                    "Tuesday, where both ministers discussed coastal radars.</p>" * 4
                    + "</article></body></html>", encoding="utf-8")
    done = run(["diplograph", "extract", page, "-o", tmp_path / "talks.json", "--no-cache"],
               cwd=venv.work, env=venv.env)
    assert "Warning" not in done.stderr
    found = re.search(r"Extracted (\d+) nodes and \d+ edges from 1 documents", done.stdout)
    assert found and int(found[1]) >= 2, done.stdout


def test_the_editable_install_says_nothing_but_its_own_mode(built, tmp_path):
    """The Makefile's editable install: no "Package would be ignored" or deprecation
    warnings. setuptools still tells every editable install of a layout mapped from
    several folders that it uses an import finder ("Editable installation."): that
    notice has no setting, short of a src/ layout, which would move graph/ and viz/."""
    bare = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", bare], cwd=tmp_path)
    done = run([sys.executable, "-m", "pip", "--python", bare / "bin" / "python", "install",
                "--no-deps", "--disable-pip-version-check", "-e", built.source], cwd=tmp_path)
    said = [line for line in (done.stdout + done.stderr).splitlines() if WARNING.search(line)]
    assert all("BuildBackendWarning: Editable installation." in line for line in said), said
