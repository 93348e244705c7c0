"""End to end: the installed `reader` command in a real terminal (tmux)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_FEEDS

TMUX = shutil.which("tmux")
READER = shutil.which("reader") or str(Path(sys.executable).with_name("reader"))

pytestmark = pytest.mark.skipif(
    TMUX is None and not os.environ.get("CI"), reason="tmux is not installed"
)


class Terminal:
    """A detached 120×40 tmux session running one command."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.name = f"reader-test-{uuid.uuid4().hex[:8]}"
        env_args = [f"{key}={value}" for key, value in env.items()]
        # tmux creates the pane at its default size and resizes it just after; a program
        # started before the resize can miss the SIGWINCH, so the script waits for it.
        # A tmux started from a process without a terminal can hand its panes COLUMNS=80 and
        # LINES=24, which Textual believes over the real size, so both are unset.
        # The shell stays after the command ends so the last screen can be read.
        wait = 'until [ "$(stty size)" = "40 120" ]; do sleep 0.02; done; '
        env_cmd = ["env", "-u", "COLUMNS", "-u", "LINES", *env_args]
        script = wait + " ".join(_quote(part) for part in [*env_cmd, *command])
        subprocess.run(
            [
                str(TMUX),
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                "120",
                "-y",
                "40",
                f"{script}; echo EXITED=$?; sleep 60",
            ],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            [str(TMUX), "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run([str(TMUX), "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, condition: Callable[[str], bool], timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            if condition(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"screen never matched; last screen:\n{text}")
            time.sleep(0.1)

    def close(self) -> None:
        subprocess.run([str(TMUX), "kill-session", "-t", self.name], capture_output=True)


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


@pytest.fixture
def terminal_env(tmp_path: Path) -> dict[str, str]:
    return {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
    }


@pytest.fixture
def terminal_factory() -> Iterator[Callable[[list[str], dict[str, str]], Terminal]]:
    made: list[Terminal] = []

    def make(command: list[str], env: dict[str, str]) -> Terminal:
        made.append(Terminal(command, env))
        return made[-1]

    yield make
    for term in made:
        term.close()


def test_read_star_quit_then_list(
    seed_library: Path,
    terminal_env: dict[str, str],
    terminal_factory: Callable[[list[str], dict[str, str]], Terminal],
) -> None:
    term = terminal_factory([READER, str(seed_library)], terminal_env)
    term.wait_for(lambda s: "Harbour council approves" in s and "1 unread / 1" in s)
    term.keys("Enter")
    screen = term.wait_for(lambda s: "shift workers" in s)
    assert "LATEST NEWS" not in screen
    assert "Lighthouse keeper retires" not in screen
    term.keys("b")
    term.wait_for(lambda s: "hidden:" in s)
    term.keys("s")
    term.wait_for(lambda s: "★" in s)
    term.keys("q")
    term.wait_for(lambda s: "EXITED=0" in s)
    listing = subprocess.run(
        [READER, "list", str(seed_library)],
        env=terminal_env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert listing.split("\t")[3] == "R*"


def test_hostile_article_cannot_take_over_the_terminal(
    tmp_path: Path,
    terminal_env: dict[str, str],
    terminal_factory: Callable[[list[str], dict[str, str]], Terminal],
) -> None:
    library = tmp_path / "library"
    shutil.copytree(SAMPLE_FEEDS, library)
    term = terminal_factory([READER, str(library)], terminal_env)
    term.wait_for(lambda s: "unread /" in s and "URGENT" in s)
    term.keys("/")
    term.keys("-l", "escape injection")
    # "1 title match" while there is no index yet: a narrow sidebar's short form
    term.wait_for(lambda s: "search: 1 match" in s or "1 title match" in s)
    term.keys("Enter", "Enter", "b")
    screen = term.wait_for(lambda s: "hidden:" in s and "[bold red]URGENT[/]" in s)
    # the layout is intact: no screen wipe, and the counts whole (the article opened
    # may already count as read)
    assert re.search(r"1[45] unread / 15\b", screen.splitlines()[0])
    title = subprocess.run(
        [str(TMUX), "display", "-p", "-t", term.name, "#{pane_title}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "pwned" not in title
    term.keys("End")
    term.wait_for(lambda s: "unread /" in s.splitlines()[0])
    term.keys("q")
    term.wait_for(lambda s: "EXITED=0" in s)


HINDI_TEXT = [
    "नगर परिषद ने कल बंदरगाह को ऐतिहासिक केंद्र से जोड़ने वाली नई मेट्रो लाइन की योजना "
    "को मंजूरी दे दी, जिस पर पिछले बीस वर्षों से बहस चल रही थी।",
    "ग्यारह किलोमीटर लंबी इस लाइन में नौ स्टेशन होंगे और इसकी लागत लगभग एक अरब यूरो "
    "आंकी गई है, जिसका बड़ा हिस्सा राज्य सरकार देगी।",
]


def test_a_hindi_article_is_laid_out_as_the_terminal_draws_it(
    tmp_path: Path,
    terminal_env: dict[str, str],
    terminal_factory: Callable[[list[str], dict[str, str]], Terminal],
) -> None:
    """Rich counted Devanagari's vowel signs (spacing marks) as zero cells where the
    terminal gives each one: lines ran past the screen's edge and words of the story
    were cut off (`reader.ui.cell_widths`). Every word of the article is on screen."""
    feed = tmp_path / "library" / "hindi"
    feed.mkdir(parents=True)
    headline = "नगर परिषद ने नई मेट्रो लाइन को मंजूरी दी"
    (feed / "metro.txt").write_text(
        f"date 2025-03-14 {headline}\n\n" + "\n\n".join(HINDI_TEXT) + "\n", encoding="utf-8"
    )
    term = terminal_factory([READER, str(tmp_path / "library")], terminal_env)
    term.wait_for(lambda s: "1 unread / 1" in s)
    term.keys("Enter")
    screen = term.wait_for(lambda s: "hindi ·" in s)
    shown = " ".join(line.split("▕", 1)[-1] for line in screen.splitlines()).split()
    missing = [w for text in HINDI_TEXT for w in text.split() if w not in shown]
    assert missing == []
    term.keys("q")
    term.wait_for(lambda s: "EXITED=0" in s)
