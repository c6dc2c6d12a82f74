"""The docs are true: generated pages are up to date, and the README shows every command."""
import re
from pathlib import Path

import pytest
from cogapp import Cog

from diplograph.cli import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("page", ["docs/cli.md", "docs/schema.md"])
def test_generated_pages_are_up_to_date(page, monkeypatch):
    monkeypatch.chdir(ROOT)
    status = Cog().main(["cog", "--check", page])
    assert status == 0, f"{page} is stale: run cog -r {page}"


def test_readme_shows_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"^\$ diplograph (\w[\w-]*)", readme, flags=re.M))
    assert set(cli.commands) - shown == set()


def test_readme_quick_start_commands_exist_in_the_makefile():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"^make (\w+)", readme, flags=re.M):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target
