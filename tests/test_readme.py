"""The README must stay true: its key map lists every key the help screen documents."""

from __future__ import annotations

from reader.ui.help import KEYS
from tests.conftest import REPO


def test_readme_key_map_matches_help_screen() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for keys, description in KEYS:
        cells = " / ".join(f"`{k}`" for k in keys.split(" / "))
        assert f"| {cells} | {description} |" in readme, keys


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && pytest"
    assert command in readme
    assert command in ci.splitlines()
