"""Shared fixtures: one cache directory per test session, real toolchain."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Isolate every test session from the user's cache (and from each other)."""
    root = tmp_path_factory.mktemp("portalis-cache")
    old = os.environ.get("PORTALIS_CACHE_DIR")
    os.environ["PORTALIS_CACHE_DIR"] = str(root)
    yield root
    if old is None:
        os.environ.pop("PORTALIS_CACHE_DIR", None)
    else:
        os.environ["PORTALIS_CACHE_DIR"] = old
