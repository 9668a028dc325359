"""`python -m kgbuild` runs the command line."""

from .cli import app

app(prog_name="kgbuild")
