"""The extractors' language data: the TOML files of ``extract/data/``, loaded once."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def wordlist(name: str) -> dict[str, Any]:
    """The contents of ``data/{name}.toml``."""
    return tomllib.loads(files(__package__).joinpath("data", f"{name}.toml").read_text("utf-8"))
