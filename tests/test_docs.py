"""Documentation keeps up with the code: every command in the README, the README's commands real."""

from pathlib import Path

import typer.main

from kgbuild.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def command_names() -> list[str]:
    return sorted(typer.main.get_command(app).commands)


def test_every_cli_command_is_in_the_readme():
    missing = [name for name in command_names() if f"kgbuild {name}" not in README]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_readme_opens_with_the_build_and_test_commands_that_ci_runs():
    blocks = README.split("```")
    first_commands = [line for line in blocks[1].splitlines()[1:] if line and not line.startswith("#")]
    assert "kgbuild build" in first_commands[0] and "programs-for-group" in first_commands[0]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert first_commands[1] in ci
