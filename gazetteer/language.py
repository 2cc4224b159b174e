"""The Arabic language tables of ``data/arabic.toml``, loaded once and normalised."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@cache
def tables() -> dict:
    """The raw tables of ``arabic.toml`` (strings as written there)."""
    with open(DATA_DIR / "arabic.toml", "rb") as f:
        return tomllib.load(f)
