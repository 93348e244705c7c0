"""The README must stay true: its key tables are the key table the app binds."""

from __future__ import annotations

from reader.core.keys import readme_section
from tests.conftest import REPO


def test_readme_key_tables_are_the_key_table() -> None:
    """The README's key section holds reader.core.keys' tables, rendered, in one piece
    (on failure, paste `python -c "from reader.core.keys import *; print(readme_section())"`)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    keys_section = readme.split("\n## Keys\n", 1)[1].split("\n## ", 1)[0]
    assert readme_section() in keys_section


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && pytest"
    assert command in readme
    assert command in ci.splitlines()
