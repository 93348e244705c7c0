"""What the app imports before its first frame.

A warm start is mostly the interpreter, its imports and the metadata cache: the
scan (and every format it reads), the cleaner, the search index and the fetcher
(httpx), the dialogs and help are imported by the code that uses them, after the list is
on screen.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

# Imported once the list is shown (the scan, opening an article, search, `R`).
LATER = (
    "httpx",
    "reader.core.clean",
    "reader.core.fetch",
    "reader.core.formats",
    "reader.core.indexer",
    "reader.core.library",
    "reader.core.search",
    "reader.core.subscriptions",
    "xml.etree",
    # Imported by the actions that use them: a dialog, help, a link opened, a fetch's
    # report; the config file's parser only when there is a config file.
    "multiprocessing",
    "reader.ui.dialogs",
    "reader.ui.help",
    "shlex",
    "tomllib",
    "webbrowser",
)


def test_the_app_starts_without_the_scan_the_cleaner_search_or_fetch() -> None:
    code = (
        "import json, sys\n"
        "import reader.cli, reader.ui.app\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    early = [name for name in loaded if name.startswith(LATER)]
    assert early == [], f"imported before the first frame: {early}"
    assert "reader.core.cache" in loaded  # the check itself sees the app's modules
