"""Shared fixtures. Fixture families with heavy set-up live in their own modules,
listed in ``pytest_plugins`` (the Bolt server, the browser)."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from diplograph import api

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The curated part of the seeds: building it needs no NLP model.
CURATED_INPUTS = [SEEDS / "curated", SEEDS / "documents.yaml"]
SHARED = ROOT.parent / "shared"

pytest_plugins: list[str] = ["tests.bolt"]


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once per session from the curated seeds."""
    store = tmp_path_factory.mktemp("seed-store")
    api.build(CURATED_INPUTS, store=store)
    return store


@pytest.fixture(scope="session")
def seed_graph(seed_store: Path) -> nx.MultiDiGraph:
    """The curated seed graph (do not mutate: copy it first)."""
    return api.load_graph(store=seed_store)


@pytest.fixture
def write(tmp_path: Path):
    """write("name.yaml", text) -> the path of a file created in tmp_path."""
    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path
    return _write
