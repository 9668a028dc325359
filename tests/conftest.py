"""Shared fixtures: the sample corpus and a store built from it once per test session."""

from pathlib import Path

import pytest

from kgbuild.pipeline import build
from kgbuild.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "articles"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def built_store(tmp_path_factory):
    """The five sample articles built into an on-disk store: (store path, build report)."""
    path = tmp_path_factory.mktemp("samples") / "store"
    store = GraphStore(path)
    report = build([SAMPLES], store)
    del store  # release the store's lock so read-only openers and the CLI can use it
    return path, report
