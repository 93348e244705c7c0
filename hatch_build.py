"""Hatchling build hook: a standard wheel carries the cleaner compiled with mypyc.

`pip install .` (and `pipx install .`) builds a standard wheel: this hook copies the
package's sources into a temporary folder, compiles the cleaner's modules there with
mypyc (the C compiler and Python headers of the machine) and adds the extension
modules to the wheel, beside the `.py` files they shadow at import. The cleaner then
runs in about 0.7 of its pure-Python time with the same output.

Nothing else changes:
- an editable install (`pip install -e .`, what CI and developers use) compiles
  nothing, so no stale `.so` can ever shadow an edited `.py` in the source tree;
- READER_PURE_PYTHON=1 opts out: a pure wheel, and mypy is not even installed for
  the build;
- any failure to compile (no C compiler, no headers, a mypyc error, a time-out) gives a
  pure wheel with one line on the build output (`pip install -v .` shows it), never a
  failed install.

`reader --version` says which cleaner an install runs. The decisions are plain
functions (`build_requires`, `skip_reason`, `wheel_paths`), tested without a compiler in
tests/test_build_hook.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# The modules compiled, as paths from the repository's root. reader/core/compiled.py
# names the same modules (a test holds the two lists equal).
CLEANER_MODULES = (
    "reader/core/clean.py",
    "reader/core/clean_signals.py",
    "reader/core/clean_region.py",
    "reader/core/clean_lexicon.py",
)
# What compiling needs on top of hatchling: mypyc comes with mypy (pinned: another
# mypyc may compile differently), and it builds the C with setuptools.
COMPILE_REQUIRES = ("mypy==2.4.1", "setuptools>=70")
OPT_OUT = "READER_PURE_PYTHON"
# The shared library that holds the compiled code: reader_cleaner__mypyc.*.so at the
# top of site-packages; each module gets a small shim beside its .py.
GROUP = "reader_cleaner"
COMPILE_TIMEOUT_S = 900
PREFIX = "reader build:"

# Run in a fresh interpreter of the build environment, in the temporary folder, so that
# nothing mypy or setuptools write (caches, C files, objects) lands in the source tree,
# and a crash or sys.exit of either only fails this step.
_COMPILE_SCRIPT = """\
import sys

import setuptools  # before mypyc.build, which picks setuptools over distutils
from mypyc.build import mypycify

modules = sys.argv[1:]
extensions = mypycify(
    ["--config-file", "mypy.ini", *modules],
    opt_level="3",
    debug_level="0",
    target_dir="c",
    group_name={group!r},
)
setuptools.setup(
    name="reader-cleaner",
    ext_modules=extensions,
    script_args=["build_ext", "--build-lib", "lib", "--build-temp", "obj"],
)
"""

# The sources are checked as in the repository, but imports of packages that the build
# environment lacks (Textual, lxml, ...) are not errors, and only the compiled modules'
# own errors count.
_MYPY_INI = """\
[mypy]
ignore_missing_imports = True
follow_imports = silent
warn_unused_configs = False
"""


MAX_REASON = 200


class CompileError(Exception):
    """mypyc or the C build failed; the message is one line."""


def one_line(text: str) -> str:
    """The last non-blank line of `text`, cut to MAX_REASON characters."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    return last if len(last) <= MAX_REASON else last[: MAX_REASON - 1] + "…"


def opted_out(environ: Mapping[str, str]) -> bool:
    return environ.get(OPT_OUT, "").strip() not in ("", "0")


def build_requires(environ: Mapping[str, str]) -> list[str]:
    """What the build needs on top of hatchling: nothing when opted out."""
    return [] if opted_out(environ) else list(COMPILE_REQUIRES)


def skip_reason(version: str, environ: Mapping[str, str]) -> str | None:
    """Why this build leaves the cleaner pure Python, or None to compile it."""
    if version != "standard":
        return f"a {version} install runs the sources as they are"
    if opted_out(environ):
        return f"{OPT_OUT} is set"
    return None


def extension_suffix(path: str) -> bool:
    return path.endswith((".so", ".pyd"))


def wheel_paths(lib: Path) -> dict[str, str]:
    """The extension modules built under `lib`, each mapped to its path in the wheel.

    Raises CompileError unless there is one per compiled module and the shared library."""
    found = {
        str(path): path.relative_to(lib).as_posix()
        for path in sorted(lib.rglob("*"))
        if path.is_file() and extension_suffix(path.name)
    }
    names = {wheel_path.split(".")[0] for wheel_path in found.values()}
    wanted = {module.removesuffix(".py") for module in CLEANER_MODULES} | {f"{GROUP}__mypyc"}
    if names != wanted:
        missing = ", ".join(sorted(wanted - names)) or "none"
        extra = ", ".join(sorted(names - wanted)) or "none"
        raise CompileError(f"unexpected extension modules (missing: {missing}; extra: {extra})")
    return found


def copy_sources(root: Path, dest: Path) -> None:
    """The package's .py files (the compiled modules and all they import) under dest."""
    for source in (root / "reader").rglob("*.py"):
        target = dest / source.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def compile_cleaner(root: Path, work: Path) -> dict[str, str]:
    """Compile the cleaner in `work`; its extension modules mapped to their wheel paths."""
    copy_sources(root, work)
    (work / "mypy.ini").write_text(_MYPY_INI, encoding="utf-8")
    script = work / "compile_cleaner.py"
    script.write_text(_COMPILE_SCRIPT.format(group=GROUP), encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, str(script), *CLEANER_MODULES],
            cwd=work,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            timeout=COMPILE_TIMEOUT_S,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise CompileError(one_line(str(error)) or repr(error)) from error
    if done.returncode != 0:
        raise CompileError(one_line(done.stdout) or f"exit status {done.returncode}")
    return wheel_paths(work / "lib")


class CleanerBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        return build_requires(os.environ)

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._work: Path | None = None
        reason = skip_reason(version, os.environ)
        if reason is not None:
            if version == "standard":
                self.app.display_info(f"{PREFIX} pure-Python cleaner ({reason})")
            return
        self._work = Path(tempfile.mkdtemp(prefix="reader-mypyc-"))
        try:
            built = compile_cleaner(Path(self.root), self._work)
        except CompileError as error:
            self.app.display_warning(
                f"{PREFIX} could not compile the cleaner, the wheel is pure Python ({error})"
            )
            return
        build_data["force_include"].update(built)
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        self.app.display_info(
            f"{PREFIX} cleaner compiled with mypyc ({len(CLEANER_MODULES)} modules)"
        )

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._work is not None:
            shutil.rmtree(self._work, ignore_errors=True)
