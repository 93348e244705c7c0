"""Which cleaner this install runs: compiled with mypyc, or the pure-Python sources.

A standard wheel (`pip install .`) carries the cleaner's modules compiled with mypyc
(hatch_build.py at the repository's root), beside their `.py` files; an editable install,
a build with READER_PURE_PYTHON=1, or one where compiling failed, runs the `.py` files.
Both give the same output; the app and the CLI never ask which. `reader --version` and the
benchmarks say it, so that a figure says what it measured.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util

# The same modules as hatch_build.CLEANER_MODULES (a test holds the two lists equal).
CLEANER_MODULES = (
    "reader.core.clean",
    "reader.core.clean_signals",
    "reader.core.clean_region",
    "reader.core.clean_lexicon",
)


def _is_extension(module: str) -> bool:
    """Whether importing `module` loads an extension module (found, not imported)."""
    spec = importlib.util.find_spec(module)
    origin = spec.origin if spec is not None else None
    return origin is not None and origin.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def cleaner_build() -> str:
    """`compiled (mypyc)`, `pure Python`, or `partly compiled (mypyc: N of M modules)`."""
    compiled = sum(_is_extension(module) for module in CLEANER_MODULES)
    if compiled == len(CLEANER_MODULES):
        return "compiled (mypyc)"
    if compiled == 0:
        return "pure Python"
    return f"partly compiled (mypyc: {compiled} of {len(CLEANER_MODULES)} modules)"


def version_line(version: str) -> str:
    """What `reader --version` prints."""
    return f"reader {version} (cleaner: {cleaner_build()})"
