"""The real `reader` in a real terminal (tmux), timed from the screen.

Used by `python bench/scale.py --terminal`. Each launch runs the installed `reader`
command in a detached tmux session (140×45 by default), with XDG folders of its own.

How a moment is timed: tmux copies everything the app writes to the terminal into a
FIFO (`pipe-pane`) that a thread here reads, stamping each chunk with
`time.perf_counter()` as it arrives. Whenever output arrives, the screen is read
with `tmux capture-pane` (with `-e` where styles matter: the list's cursor row) and
tested; the moment a test first holds is the arrival of the last chunk of output
before that capture (the frame that made it true; at worst a later frame, so the
figure errs long). So the screen is read only when it may have changed, and no busy
polling competes with the app for the CPU. `--poll` reads the screen in a loop
instead, stamping each match with the capture's start, as a cross-check of the
cheaper signal (not yet compared side by side over many runs: a capture takes a
few ms, which bounds how far the two can differ on a quiet machine).

The clock starts when `Enter` is sent to a shell waiting in the pane (`read`, then
`exec reader …`), i.e. as a user starting the program; keys and searches are timed
from just before `tmux send-keys` runs (its own start, ~2 ms, included).
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

TMUX = shutil.which("tmux") or "tmux"
COLS, ROWS = 140, 45
# The list's cursor row starts with a background colour; other rows do not.
_LEADING_ESCAPES = re.compile(r"^((?:\x1b\[[0-9;]*m)*)")
_COUNTS = re.compile(r"([\d,]+) unread / ([\d,]+)")
_LOADING = re.compile(r"loading… ([\d,]+) articles so far")
# The status line's search part, long ("search: 12 matches, …") or, in a narrow
# sidebar, short ("12 matches"; it then comes first).
_SEARCH = re.compile(r"(?:search: |^\s*)([\d,]+) (?:title )?match")


# A tmux server of our own (not the user's, nor other tests'): started by the first
# session, so it runs at the benchmark's priority; `kill_server()` ends it.
SOCKET = f"reader-bench-{os.getpid()}"


def _tmux(*args: str, capture: bool = False) -> str:
    proc = subprocess.run([TMUX, "-L", SOCKET, *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0 and capture:
        raise RuntimeError(f"tmux {args[0]} failed: {proc.stderr.strip()}")
    return proc.stdout


def number(text: str) -> int:
    return int(text.replace(",", ""))


class Screen:
    """One capture of the pane: its lines, and the status line's figures."""

    def __init__(self, text: str, styled: bool) -> None:
        self.raw = text
        self.styled = styled
        plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text) if styled else text
        self.lines = plain.split("\n")
        self.text = plain
        self.status = self.lines[0] if self.lines else ""

    def counts(self) -> tuple[int, int] | None:
        """(unread, total) of a loaded list, from the status line."""
        match = _COUNTS.search(self.status)
        return (number(match[1]), number(match[2])) if match else None

    def loading(self) -> int | None:
        match = _LOADING.search(self.status)
        return number(match[1]) if match else None

    def found(self) -> int | None:
        match = _SEARCH.search(self.status)
        return number(match[1]) if match else None

    def list_part(self, line: str) -> str:
        return line.split("▕", 1)[0]

    def pane_text(self) -> str:
        """The reading pane's text (right of the list's border), lines joined."""
        return "\n".join(line.split("▕", 1)[1] for line in self.lines if "▕" in line)

    def has_rows(self) -> bool:
        """Rows in the list: a count above 0 and a non-blank first list line."""
        total = self.loading()
        if total is None:
            counts = self.counts()
            total = counts[1] if counts else 0
        return total > 0 and len(self.lines) > 1 and self.list_part(self.lines[1]).strip() != ""

    def cursor_line(self) -> int | None:
        """Screen line of the list's cursor row (styled captures only)."""
        assert self.styled
        found = None
        lines = self.raw.rstrip("\n").split("\n")
        for index, line in enumerate(lines[1:-1], start=1):  # not the status, nor the key bar
            lead = _LEADING_ESCAPES.match(line)
            if lead and re.search(r"\[(?:[0-9;]*;)?48;", lead[1]):
                if found is not None:
                    return None  # ambiguous: not a settled frame
                found = index
        return found


class Terminal:
    """A tmux session running `argv` once `start()` is called; its output is timed."""

    def __init__(
        self,
        argv: list[str],
        env: dict[str, str],
        workdir: Path,
        *,
        poll: bool = False,
        size: tuple[int, int] = (COLS, ROWS),
    ) -> None:
        self.name = f"bench-term-{uuid.uuid4().hex[:8]}"
        self.poll = poll
        self.cols, self.rows = size
        self.fifo = workdir / f"{self.name}.fifo"
        os.mkfifo(self.fifo)
        self.chunks: list[tuple[float, int]] = []
        self.chunk_cpu: dict[float, float | None] = {}  # the app's CPU as each chunk came
        self.bytes = 0
        self._cond = threading.Condition()
        self._fd = os.open(self.fifo, os.O_RDONLY | os.O_NONBLOCK)
        self._closed = False
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        ready = workdir / f"{self.name}.ready"
        env_args = " ".join(_quote(f"{k}={v}") for k, v in env.items())
        # Wait for tmux's resize (a program started before it can miss the SIGWINCH),
        # say so, wait for Enter, then become the reader (so the pane's pid is the app's).
        script = (
            f'until [ "$(stty size)" = "{self.rows} {self.cols}" ]; do sleep 0.02; done; '
            f"touch {_quote(str(ready))}; read go; "
            f"exec env -u COLUMNS -u LINES -u PYTHONDONTWRITEBYTECODE {env_args} "
            f"{' '.join(_quote(a) for a in argv)}"
        )
        _tmux(
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            str(self.cols),
            "-y",
            str(self.rows),
            "-c",  # not the repository: `python -m reader` (--tree) would import it from there
            str(workdir),
            script,
            capture=True,
        )
        deadline = time.perf_counter() + 20
        while not ready.exists():
            if time.perf_counter() > deadline:
                raise RuntimeError("the tmux pane never got its size")
            time.sleep(0.02)
        _tmux("pipe-pane", "-t", self.name, f"exec cat >> {_quote(str(self.fifo))}", capture=True)
        self.pid = int(_tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())

    def _read(self) -> None:
        while not self._closed:
            ready, _, _ = select.select([self._fd], [], [], 0.2)
            if not ready:
                continue
            try:
                data = os.read(self._fd, 1 << 16)
            except BlockingIOError:
                continue
            except OSError:
                return
            if not data:
                time.sleep(0.005)  # no writer (yet, or any more)
                continue
            now = time.perf_counter()
            cpu = self.cpu() if getattr(self, "pid", None) else None
            with self._cond:
                self.chunks.append((now, len(data)))
                self.chunk_cpu[now] = cpu
                self.bytes += len(data)
                self._cond.notify_all()

    def start(self) -> float:
        """Press Enter in the waiting shell: the reader starts. Returns the clock's zero."""
        t0 = time.perf_counter()
        _tmux("send-keys", "-t", self.name, "Enter")
        return t0

    def keys(self, *keys: str, literal: bool = False) -> float:
        t0 = time.perf_counter()
        _tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)
        return t0

    def capture(self, styled: bool = False) -> Screen:
        args = ["capture-pane", "-p", "-t", self.name]
        if styled:
            args.insert(1, "-e")
        return Screen(_tmux(*args), styled)

    def cpu_at(self, when: float) -> float | None:
        """The app's CPU seconds read as the output chunk stamped `when` arrived (the
        frame a timed test matched): not what it spent after, such as a scan."""
        with self._cond:
            near = [t for t in self.chunk_cpu if abs(t - when) < 1e-6]
            return self.chunk_cpu[near[0]] if near else None

    def last_chunk(self, after: float, before: float) -> float | None:
        with self._cond:
            times = [t for t, _ in self.chunks if after < t <= before]
        return times[-1] if times else None

    def _wait_output(self, after: float, timeout: float = 0.25) -> None:
        with self._cond:
            self._cond.wait_for(
                lambda: bool(self.chunks) and self.chunks[-1][0] > after, timeout=timeout
            )

    def wait_for(
        self,
        test: Callable[[Screen], bool],
        since: float,
        *,
        timeout: float = 60.0,
        styled: bool = False,
    ) -> tuple[float, Screen]:
        """Wait until `test(screen)` holds; (seconds since `since`, the screen)."""
        deadline = time.perf_counter() + timeout
        checked = since
        while True:
            if not self.poll:
                self._wait_output(checked)
            start = time.perf_counter()
            screen = self.capture(styled)
            if test(screen):
                if self.poll:
                    return start - since, screen
                when = self.last_chunk(since, start)
                return (when if when is not None else start) - since, screen
            checked = start
            if start > deadline:
                raise TimeoutError(f"the screen never matched; last screen:\n{screen.text}")

    def quiet(self, seconds: float, limit: float = 5.0) -> None:
        """Wait until the app wrote nothing for `seconds` (at most `limit`)."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            with self._cond:
                last = self.chunks[-1][0] if self.chunks else 0.0
            if time.perf_counter() - last >= seconds:
                return
            time.sleep(seconds / 4)

    def memory(self) -> dict[str, int]:
        """VmHWM / VmRSS of the app process (kB), read from /proc."""
        out: dict[str, int] = {}
        try:
            with open(f"/proc/{self.pid}/status") as handle:
                for line in handle:
                    key, _, value = line.partition(":")
                    if key in ("VmHWM", "VmRSS"):
                        out[key] = int(value.split()[0])
        except OSError:
            pass
        return out

    def cpu(self) -> float | None:
        """Seconds of CPU the app process has used so far (user + system, from /proc):
        a figure the machine's other load hardly moves, unlike the wall clock's."""
        try:
            with open(f"/proc/{self.pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def alive(self) -> bool:
        return os.path.exists(f"/proc/{self.pid}")

    def close(self) -> None:
        _tmux("kill-session", "-t", self.name)
        self._closed = True
        self._thread.join(1)
        os.close(self._fd)
        self.fifo.unlink(missing_ok=True)


def kill_server() -> None:
    _tmux("kill-server")


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


# -- the cache of the machine ------------------------------------------------------------


def drop_page_cache() -> bool:
    """Write back and drop the kernel's page cache (root only); True if it was done."""
    os.sync()
    try:
        with open("/proc/sys/vm/drop_caches", "w") as handle:
            handle.write("3\n")
        return True
    except OSError:
        return False


def cached_fraction(paths: list[str]) -> float | None:
    """Share of `paths`' pages in the page cache (mincore via `fincore`), None if unknown."""
    tool = shutil.which("fincore")
    if not tool or not paths:
        return None
    proc = subprocess.run(
        [tool, "--bytes", "--noheadings", "--raw", "-o", "RES,SIZE", *paths],
        capture_output=True,
        text=True,
        check=False,
    )
    res = size = 0
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
            res += int(parts[0])
            size += int(parts[1])
    return res / size if size else None


# -- the benchmark ---------------------------------------------------------------------------

# Queries beyond the headless bench's: the query language's OR and parentheses.
EXTRA_QUERIES = [
    ("harbour OR referendum", "OR"),
    ("council (budget OR flood)", "word + group"),
    ("(storm OR gale) -council", "group + exclusion"),
]
SEARCH_REPEATS = 3
# On screen while the search box is open (the first words of its hint line).
BOX_HINT = 'words  "a phrase"'
J_PRESSES = 20
G_PRESSES = 6
OPEN_FEEDS = 4


def _machine_busy() -> tuple[float, float]:
    """(busy CPU seconds of every process since boot, now)."""
    from scale import _busy_seconds  # type: ignore[import-not-found]

    return _busy_seconds(), time.perf_counter()


def _load_since(mark: tuple[float, float]) -> float:
    busy, now = _machine_busy()
    return (busy - mark[0]) / max(now - mark[1], 1e-9)


_PACKAGE_DIR = "import os, reader; print(os.path.dirname(reader.__file__))"


class TerminalBench:
    """Launches of the real app in tmux for `scale.py --terminal` (see the module doc)."""

    def __init__(self, bench, poll: bool = False, tree: str | None = None) -> None:  # type: ignore[no-untyped-def]
        import sys

        self.bench = bench
        self.poll = poll
        # `tree`: another checkout's `reader` package (e.g. `git archive` of an older
        # commit), run as `python -m reader` with it first on PYTHONPATH.
        self.tree = tree
        if tree:
            self.command = [sys.executable, "-m", "reader"]
        else:
            reader = str(Path(sys.executable).with_name("reader"))
            self.command = [
                reader if os.path.exists(reader) else shutil.which("reader") or "reader"
            ]

    def compile(self) -> None:
        """Byte-compile the `reader` package the launches run, as installing it does
        (pip compiles what it installs; an editable install writes its bytecode on the
        first run): otherwise, with PYTHONDONTWRITEBYTECODE set in the environment
        (this machine's sessions set it), every start would compile the whole package
        again, 0.2–0.3 s of CPU that no installed reader spends."""
        import sys

        if self.tree:
            package = os.path.join(os.path.abspath(self.tree), "reader")
        else:  # the package the `reader` command next to this Python runs
            found = subprocess.run(
                [sys.executable, "-c", _PACKAGE_DIR], cwd="/", capture_output=True, text=True
            )
            package = found.stdout.strip()
        if package:
            subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=False)

    def env(self) -> dict[str, str]:
        env = dict(self.bench.xdg)
        env["PATH"] = os.environ.get("PATH", "/usr/bin:/bin")
        if self.tree:
            env["PYTHONPATH"] = os.path.abspath(self.tree)
        return env

    def launch(self, root: Path) -> tuple[Terminal, float]:
        term = Terminal([*self.command, str(root)], self.env(), self.bench.tmp, poll=self.poll)
        return term, term.start()

    def quit(self, term: Terminal) -> float:
        """q, then wait for the process to end; seconds it took."""
        t0 = term.keys("q")
        deadline = t0 + 30
        while term.alive() and time.perf_counter() < deadline:
            time.sleep(0.02)
        took = time.perf_counter() - t0
        term.close()
        return took

    def start(self, root: Path, count: int, kind: str) -> dict:
        """One launch, timed to the first rows and the complete list; then quit."""
        if getattr(self.bench.args, "marked", False):
            self.bench.install_state(root)  # (reset() removes the state with the data folder)
        mark = _machine_busy()
        term, t0 = self.launch(root)
        out: dict = {"kind": kind}
        try:
            out["first_rows"], _ = term.wait_for(lambda s: s.has_rows(), t0, timeout=600)
            out["complete"], _ = term.wait_for(
                lambda s: s.counts() is not None and s.counts()[1] == count, t0, timeout=900
            )
            out["memory"] = term.memory()
            out["cpu"] = term.cpu_at(t0 + out["complete"])
            out["load"] = _load_since(mark)
            out["loadavg"] = os.getloadavg()[0]
            if kind == "warm" and not self.bench.args.starts_only:
                out.update(self.interact(term, root, count))
                out["memory"] = term.memory()
        finally:
            out["quit"] = self.quit(term)
        return out

    # -- interactions (warm run) ------------------------------------------------------------

    def interact(self, term: Terminal, root: Path, count: int) -> dict:
        out: dict = {}
        t = time.perf_counter()
        if self.searching:  # the startup indexer only checks a present index: its end
            out["indexer_wait"], _ = term.wait_for(
                lambda s: (
                    "indexing" not in s.status
                    and "checking the index" not in s.status
                    and s.counts() is not None
                ),
                t,
                timeout=1800,
            )
        # (Without an index, the app builds one meanwhile, at a lower priority.)
        term.quiet(0.5)
        if not getattr(self.bench.args, "searches_only", False):
            out["keys"] = self.keys(term)
            try:
                out["opens"] = self.opens(term, root)
            except (TimeoutError, RuntimeError) as error:  # keep the keys' figures
                text = str(error)  # which wait failed (its first line), and the screen's end
                out["opens_error"] = (
                    text if len(text) <= 2000 else text[:600] + " … " + text[-1400:]
                )
                out["opens"] = []
        if self.searching and not getattr(self.bench.args, "no_searches", False):
            out["searches"] = self.searches(term, root)
        return out

    def keys(self, term: Terminal) -> dict[str, list[float]]:
        result: dict[str, list[float]] = {"j": [], "G": [], "g": []}
        bottom = term.rows - 2
        start = term.capture(styled=True).cursor_line()
        if start != 1:
            raise RuntimeError(f"the cursor is on screen line {start}, not the first row")
        for _ in range(2):
            for i in range(J_PRESSES):
                t0 = term.keys("j")
                took, _ = term.wait_for(lambda s, i=i: s.cursor_line() == 2 + i, t0, styled=True)
                result["j"].append(took)
                time.sleep(max(0.0, t0 + 0.03 - time.perf_counter()))  # key-repeat speed
            term.quiet(0.3)
            t0 = term.keys("g")
            term.wait_for(lambda s: s.cursor_line() == 1, t0, styled=True)
        for _ in range(G_PRESSES):
            for key, line in (("G", bottom), ("g", 1)):
                term.quiet(0.15)
                t0 = term.keys(key)
                took, _ = term.wait_for(
                    lambda s, line=line: s.cursor_line() == line, t0, styled=True
                )
                result[key].append(took)
        term.quiet(0.3)
        return result

    def _search(self, term: Terminal, query: str, expected: int | None = None) -> tuple[float, int]:
        """Clear any search, open the box and type `query` plus a stray letter; once
        that search is shown, time one keystroke, backspace, to the list of `query`'s
        matches (`expected` of them; None: wait until the app is quiet and read the
        count). (seconds, matches)

        Typing the query itself would stop the clock at whichever search of a prefix
        the app showed first; the stray letter makes the last key's effect visible
        (the count changes)."""
        screen = term.capture()
        if screen.found() is not None or BOX_HINT in screen.text:
            t0 = term.keys("Escape")
            term.wait_for(lambda s: s.found() is None and BOX_HINT not in s.text, t0, timeout=30)
        t0 = term.keys("/")
        term.wait_for(lambda s: BOX_HINT in s.text, t0, timeout=30)
        t0 = term.keys(query + "q", literal=True)
        term.wait_for(lambda s: s.found() is not None, t0, timeout=60)
        term.quiet(0.3, limit=30)
        before = term.capture().found()
        t0 = term.keys("BSpace")
        if expected is None:
            term.wait_for(lambda s: s.found() is not None and s.found() != before, t0, timeout=60)
            term.quiet(0.5, limit=30)
            return float("nan"), term.capture().found() or 0
        took, screen = term.wait_for(lambda s: s.found() == expected, t0, timeout=60)
        return took, expected

    def _find(self, term: Terminal, query: str) -> None:
        """Search `query` (typed at once) and wait until the app is quiet."""
        screen = term.capture()
        if screen.found() is not None or BOX_HINT in screen.text:
            t0 = term.keys("Escape")
            term.wait_for(lambda s: s.found() is None and BOX_HINT not in s.text, t0, timeout=30)
        t0 = term.keys("/")
        term.wait_for(lambda s: BOX_HINT in s.text, t0, timeout=30)
        t0 = term.keys(query, literal=True)
        term.wait_for(lambda s: s.found() is not None, t0, timeout=60)
        term.quiet(0.4, limit=30)

    def opens(self, term: Terminal, root: Path) -> list[dict]:
        """Per feed: search its 1,000-word page and another of its articles (`A OR B`),
        then move onto the long one with J or K (open now), and back, and again."""
        import json

        meta = json.loads((root / ".bench-meta.json").read_text())
        samples = []
        for entry in meta["long_pages"]["1000"][:OPEN_FEEDS]:
            long_path = Path(entry["path"])
            other = next(
                p
                for p in sorted(long_path.parent.iterdir(), reverse=True)
                if p != long_path and p.suffix == ".txt"
            )
            titles = [_title(long_path), _title(other)]
            query = " OR ".join(f'"{t}"' for t in titles)
            self._find(term, query)
            t0 = term.keys("Enter")  # back to the list with the results
            term.wait_for(lambda s: BOX_HINT not in s.text, t0)
            term.quiet(0.4)  # the row under the cursor opens by itself
            onto, away = self._beside(term, titles)
            target = titles[0][:30]
            for rep in range(3):
                term.quiet(0.3)
                t0 = term.keys(onto)
                took, _ = term.wait_for(lambda s, target=target: target in s.pane_text(), t0)
                samples.append({"total": took, "feed": long_path.parent.name, "rep": rep})
                term.quiet(0.3)
                t0 = term.keys(away)
                term.wait_for(lambda s, target=target: target not in s.pane_text(), t0)
        term.quiet(0.3)
        return samples

    def _beside(self, term: Terminal, titles: list[str]) -> tuple[str, str]:
        """Put the cursor on the other article (`titles[1]`) of the two listed, with j
        or k, and wait until the pane shows it: each timed J/K then opens the long page
        (`titles[0]`), never one shown already. (The key onto it, the key back.)

        The rows are found on the screen, where the search box stands above the list
        and the cursor is wherever the search left it (on the article it was on, when
        that one matched): neither is at a fixed line."""
        screen = term.capture(styled=True)
        lines = {}
        for number, line in enumerate(screen.lines[1:-1], start=1):
            part = screen.list_part(line)
            if "▊" in part:  # the search box's frame and query (which names both)
                continue
            row = _row_key(part)
            for title in titles:
                if _row_key(title) in row:
                    lines[title] = number
        if len(lines) != 2:
            raise RuntimeError(f"the two articles are not both listed:\n{screen.text}")
        long_line, other_line = lines[titles[0]], lines[titles[1]]
        cursor = screen.cursor_line()
        if cursor is None:
            raise RuntimeError(f"no cursor on the list:\n{screen.text}")
        step = "j" if other_line > cursor else "k"
        for _ in range(abs(other_line - cursor)):
            term.keys(step)
            term.quiet(0.2)
        target = titles[0][:30]
        term.wait_for(lambda s: target not in s.pane_text(), time.perf_counter())
        return ("J", "K") if long_line > other_line else ("K", "J")

    def searches(self, term: Terminal, root: Path) -> dict[str, list[tuple[float, int]]]:
        import json

        from scale import QUERIES  # type: ignore[import-not-found]

        meta = json.loads((root / ".bench-meta.json").read_text())
        queries = [
            q.format(place=meta["places"][0].lower(), feed=meta["feeds"][0])
            for q, _ in [*QUERIES, *EXTRA_QUERIES]
        ]
        result: dict[str, list[tuple[float, int]]] = {q: [] for q in queries}
        expected = {q: self._search(term, q)[1] for q in queries}  # untimed
        for _ in range(SEARCH_REPEATS):
            for query in queries:
                result[query].append(self._search(term, query, expected[query]))
        t0 = term.keys("Escape")
        term.wait_for(lambda s: s.found() is None, t0)
        return result

    # -- a size ------------------------------------------------------------------------------

    def run_size(self, count: int) -> dict:
        import libgen  # type: ignore[import-not-found]

        bench = self.bench
        mixed = getattr(bench.args, "mixed", False)
        root, meta = libgen.ensure_library(bench.base, count, log=bench.log, mixed=mixed)
        runs = bench.args.runs or 3
        cold_runs = runs if bench.args.cold_runs is None else bench.args.cold_runs
        result: dict = {"count": count, "root": str(root), "meta": meta, "runs": []}
        result["marked"] = bool(getattr(bench.args, "marked", False))
        index = None
        if not bench.args.no_search and bench.search_available():
            index = bench.ensure_index(root, count)
            result["index"] = index
        self.searching = index is not None
        self.compile()
        sample = [str(p) for p in sorted((root / meta["feeds"][0]).iterdir())[:300]]
        for run in range(runs):
            bench.log(f"  {count:,}: terminal run {run + 1}/{runs}")
            entry: dict = {}
            if run < cold_runs:  # (0: the first warm start scans and writes the cache)
                entry["dropped"] = drop_page_cache()
                entry["cached_after_drop"] = cached_fraction(sample)
                entry["baseline_cold"] = bench.baseline(root)
                bench.reset(cache=True)
                drop_page_cache()
                entry["cold"] = self.start(root, count, "cold")
                entry["baseline"] = bench.baseline(root)
                entry["cached_warm"] = cached_fraction(sample)
                bench.reset(cache=True)
                entry["empty_cache"] = self.start(root, count, "empty_cache")
            else:
                # A machine may page out files idle for a minute (this one's DAMON reclaim
                # does): after a run's interactions the warm-disk loop read a cold disk,
                # 6-8 s against 1.3 s, and the warm starts' ratios fell to 0.11x. One
                # untimed pass first puts the files back in the page cache.
                entry["cached_before_warmup"] = cached_fraction(sample)
                bench.baseline(root)
                entry["baseline"] = bench.baseline(root)
                cache_dir = Path(bench.xdg["XDG_CACHE_HOME"]) / "reader"
                if not any(cache_dir.glob("library-*")):  # no warm start without a cache
                    entry["empty_cache"] = self.start(root, count, "empty_cache")
            bench.reset(cache=False)
            if index is not None:
                bench.install_index(root, index["db"])
            entry["warm"] = self.start(root, count, "warm")
            cache = Path(bench.xdg["XDG_CACHE_HOME"]) / "reader"
            entry["cache_bytes"] = sum(p.stat().st_size for p in cache.glob("library-*"))
            bench.reset(cache=False)
            result["runs"].append(entry)
            bench.log(
                "    "
                + ", ".join(
                    f"{k} {entry[k]['first_rows']:.2f}/{entry[k]['complete']:.2f} s"
                    for k in ("cold", "empty_cache", "warm")
                    if k in entry
                )
                + f" (loop {entry['baseline']['total']:.2f} s)"
            )
        return result


def _title(path: Path) -> str:
    """A generated article's title: from its header line ("date YYYY-MM-DD Title"),
    or for an HTML page of a mixed library (`libgen.py --mixed`) its og:title."""
    if path.suffix == ".html":
        import html

        found = re.search(r'<meta property="og:title" content="([^"]*)"', path.read_text())
        if found is None:
            raise RuntimeError(f"no og:title in {path}")
        return html.unescape(found[1])
    with open(path, encoding="utf-8") as handle:
        first = handle.readline().strip()
    return first.split(" ", 2)[2]  # "date YYYY-MM-DD Title"


def _row_key(text: str) -> str:
    """A row's or title's first words, for finding a title in a truncated list row."""
    return " ".join(text.replace("●", " ").replace("★", " ").split())[:24]


def report(result: dict) -> str:
    import statistics

    from scale import Table, percentile  # type: ignore[import-not-found]

    runs = result["runs"]
    count = result["count"]
    table = Table()
    cold_runs = [r for r in runs if "cold" in r]
    cold_base = [r["baseline_cold"]["total"] for r in cold_runs]
    base = [r["baseline"]["total"] for r in runs]
    dropped = all(r["dropped"] for r in cold_runs)
    after = [r["cached_after_drop"] for r in cold_runs if r["cached_after_drop"] is not None]
    how = (
        "page cache dropped (sync; echo 3 > /proc/sys/vm/drop_caches)"
        + (f", {max(after):.0%} of sampled files cached after" if after else "")
        if dropped
        else "page cache NOT dropped (not root): 'cold' means an empty metadata cache only"
    )
    table.note(f"cold: {how}; {len(cold_runs)} of the {len(runs)} runs start cold")
    if result.get("marked"):
        table.note("state: every article read, 2% starred (--marked)")
    kinds = ("cold", "empty_cache", "warm")
    loads = [r[k]["load"] for r in runs for k in kinds if k in r]
    table.add("whole machine's busy cores during starts (app included)", loads, unit="cores")
    averages = [r[k].get("loadavg", float("nan")) for r in runs for k in kinds if k in r]
    table.add("load average (1 min) at the starts' end", averages, unit="cores")
    if cold_runs:
        table.add("baseline, cold disk: os.walk + first line of each file", cold_base, cold_base)
    table.add("baseline, warm disk", base, base)

    def starts(kind: str, label: str, cold_disk: bool, limit: float) -> None:
        chosen = [r for r in runs if kind in r]
        if not chosen:
            return
        bases = [r["baseline_cold" if cold_disk else "baseline"]["total"] for r in chosen]
        first = [r[kind]["first_rows"] for r in chosen]
        done = [r[kind]["complete"] for r in chosen]
        table.add(f"{label}: first rows on screen", first, bases, "≤ 1.0 s", max(first) <= 1.0)
        ratio = statistics.median([v / b for v, b in zip(done, bases, strict=True)])
        table.add(f"{label}: complete list", done, bases, f"≤ {limit}× baseline", ratio <= limit)
        cpu = [r[kind]["cpu"] for r in chosen if r[kind].get("cpu") is not None]
        loop_cpu = [r["baseline_cold" if cold_disk else "baseline"].get("cpu") for r in chosen]
        if cpu and len(cpu) == len(chosen) and None not in loop_cpu:
            table.add(f"{label}: the app's CPU to the complete list", cpu, loop_cpu)

    starts("cold", "cold disk, empty cache", True, 1.5)
    starts("empty_cache", "warm disk, empty cache", False, 1.5)
    starts("warm", "warm", False, 0.5)
    if any("cpu" in r["baseline"] for r in runs):
        table.add("baseline, warm disk: its CPU", [r["baseline"]["cpu"] for r in runs])
    warm = [r["warm"] for r in runs]
    if all("indexer_wait" in w for w in warm):
        table.add("warm: wait for the startup indexer's check", [w["indexer_wait"] for w in warm])
    if all("keys" in w for w in warm):
        for key in ("j", "G", "g"):
            per_run = [w["keys"][key] for w in warm]
            n = sum(len(s) for s in per_run)
            table.add(f"key {key} p50 ({n} presses)", [percentile(s, 50) for s in per_run])
            p95 = [percentile(s, 95) for s in per_run]
            table.add(f"key {key} p95", p95, None, "≤ 16 ms", statistics.median(p95) <= 0.016)
        opens = [[o["total"] for o in w["opens"]] for w in warm if w["opens"]]
        if not opens:
            table.note("opens: none timed (" + warm[0].get("opens_error", "?")[:120] + ")")
        else:
            n = sum(len(o) for o in opens)
            table.add(
                f"open a 1,000-word article (J/K) p50 ({n})", [percentile(o, 50) for o in opens]
            )
            p95 = [percentile(o, 95) for o in opens]
            table.add(
                "open a 1,000-word article p95",
                p95,
                None,
                "≤ 50 ms",
                statistics.median(p95) <= 0.05,
            )
    if all("searches" in w for w in warm):
        queries = list(warm[0]["searches"])
        for query in queries:
            per_run = [[s for s, _ in w["searches"][query]] for w in warm]
            hits = warm[-1]["searches"][query][-1][1]
            table.add(
                f"  search {query!r} p95 ({hits:,} hits)", [percentile(s, 95) for s in per_run]
            )
        pooled = [[s for q in queries for s, _ in w["searches"][q]] for w in warm]
        p95 = [percentile(p, 95) for p in pooled]
        table.add(
            "search: a key (backspace) → painted list, p95, all queries",
            p95,
            None,
            "≤ 50 ms",
            statistics.median(p95) <= 0.05,
        )
    mem = [max(r[k]["memory"].get("VmHWM", 0) for k in kinds if k in r) / 1024 for r in runs]
    table.add(
        "peak memory of the app (VmHWM, MiB)",
        mem,
        unit="MB",
        target="≤ 1 GB",
        verdict=max(mem) <= 1024,
    )
    cache = [r.get("cache_bytes", 0) / 2**20 for r in runs]
    table.add(
        f"metadata cache on disk (MiB; {cache[-1] * 2**20 / count:.0f} bytes an article)",
        cache,
        unit="MB",
    )
    header = (
        f"== {count:,} articles · {len(result['meta']['feeds'])} feeds · {len(runs)} runs · "
        f"real terminal (tmux {COLS}×{ROWS}) =="
    )
    return header + "\n" + table.render()
