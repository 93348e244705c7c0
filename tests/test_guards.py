"""Guards of the code's shape, run with the tests so that CI installs once.

Each guard is a tool the README names (ruff, mypy) or a property of the layering:
the core and the scripting commands never import the UI toolkit.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest

from tests.conftest import REPO

CORE_MODULES = sorted(
    ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
    for path in (REPO / "reader" / "core").rglob("*.py")
)
FORMAT_MODULES = [name for name in CORE_MODULES if name.startswith("reader.core.formats")]
UI_PACKAGES = ("textual", "rich")


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)


# hatch_build.py: the wheel's build hook, at the repository's root.
LINTED = ("reader", "tests", "bench", "hatch_build.py")


def test_ruff_check_is_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", *LINTED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "format", "--check", *LINTED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_is_strictly_typed() -> None:
    """`mypy --strict reader/core` (the settings are in pyproject.toml)."""
    result = _run(sys.executable, "-m", "mypy", "--no-error-summary")
    assert result.returncode == 0, result.stdout + result.stderr


_IMPORTS_OF = """
import json, sys
for name in sys.argv[1:]:
    __import__(name)
print(json.dumps(sorted(sys.modules)))
"""


def _imported_by(*modules: str) -> set[str]:
    """Every module (full dotted names) that importing `modules` loads."""
    result = _run(sys.executable, "-c", _IMPORTS_OF, *modules)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def _packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_ui(module: str) -> None:
    assert not _packages(_imported_by(module)) & set(UI_PACKAGES)


def test_formats_import_neither_the_cleaner_nor_the_library_nor_the_ui() -> None:
    """The arrows point into `reader.core.formats`: the cleaner, the library scan, the
    search index and the UI ask a format for pages, never the other way."""
    loaded = _imported_by(*FORMAT_MODULES)
    assert "reader.core.formats.text" in loaded
    forbidden = ("reader.core.clean", "reader.core.library", "reader.core.search")
    forbidden += ("reader.core.reading", "reader.core.cache", "reader.ui", "reader.cli")
    assert not {m for m in loaded if m.startswith(forbidden)}


@pytest.mark.parametrize("command", ["list", "search", "clean", "keys"])
def test_scripting_commands_import_no_ui(command: str) -> None:
    """Running `reader list|search|clean|keys` for real loads neither Textual nor Rich."""
    probe = (
        "import json, sys, contextlib, io\n"
        "from reader import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = cli.main({_arguments(command)!r})\n"
        "print(json.dumps([code, sorted(m.split('.')[0] for m in sys.modules)]))\n"
    )
    result = _run(sys.executable, "-c", probe)
    assert result.returncode == 0, result.stderr
    code, modules = json.loads(result.stdout.splitlines()[-1])
    assert code == 0
    assert not set(modules) & set(UI_PACKAGES)


def _arguments(command: str) -> list[str]:
    """Arguments that make the command do its real work on the bundled samples."""
    samples = str(REPO / "sample_feeds")
    article = str(next((REPO / "sample_feeds").rglob("*.txt")))
    return {
        "list": ["list", samples],
        "search": ["search", "harbour", samples],
        "clean": ["clean", article],
        "keys": ["keys"],
    }[command]


def _top_level_names(tree: ast.Module) -> list[str]:
    """The names a module binds at its top level: functions, classes, and plain
    assignments (an attribute set on a class, `Page.__init__ = ...`, binds none)."""
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
    return names


def test_no_module_binds_a_top_level_name_twice() -> None:
    """A constant defined again further down a module silently replaces the first for
    every rule that reads it: a new `MAX_BOX_HEADING_WORDS = 4` for one rule cut a fact
    box ("What it means for you", eight words allowed) out of a bundled sample's
    article. Neither ruff nor mypy says so."""
    twice = {}
    for path in sorted((REPO / "reader").rglob("*.py")):
        names = _top_level_names(ast.parse(path.read_text(encoding="utf-8")))
        again = sorted({n for n in names if names.count(n) > 1})
        if again:
            twice[str(path.relative_to(REPO))] = again
    assert twice == {}
